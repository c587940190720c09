//! 姓名: what a candidate's name may hold. Names go to the national platform and onto the
//! certificate; a name with an escape sequence or a zero-width space is not the person's name
//! however it looks on screen, and two such rows would not even be recognised as the same.

/// The longest name kept: longer than any real one (Chinese names run to a few characters,
/// transliterated minority names and passport names to some thirty).
pub const MAX_NAME_CHARS: usize = 50;

/// What makes a name unusable, beyond being empty or holding spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameFault {
    /// Characters that are not text: controls, invisible marks, bidi overrides (each once,
    /// in order of appearance).
    Hidden(Vec<char>),
    /// More than [`MAX_NAME_CHARS`] characters.
    TooLong(usize),
}

/// Whether `c` has no place in a name: a C0 or C1 control or DEL (ESC starts terminal
/// commands), a zero-width space or joiner, a soft hyphen, a word joiner or BOM, a bidi mark,
/// embedding, override or isolate (which make text read differently from what it holds), or
/// any other invisible format character.
pub fn is_hidden_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{ad}' | '\u{61c}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}')
}

/// The fault of a non-empty, already trimmed name, if any; hidden characters first, since a
/// name full of them is long for that reason.
pub fn name_fault(name: &str) -> Option<NameFault> {
    // Nearly every name is a few CJK characters: one pass, no allocation.
    if name.chars().any(is_hidden_char) {
        let mut found: Vec<char> = Vec::new();
        for c in name.chars().filter(|c| is_hidden_char(*c)) {
            if !found.contains(&c) {
                found.push(c);
            }
        }
        return Some(NameFault::Hidden(found));
    }
    let n = name.chars().count();
    (n > MAX_NAME_CHARS).then_some(NameFault::TooLong(n))
}

/// Hidden characters as they can be shown: `U+200B`, comma-separated.
pub fn describe_hidden(chars: &[char]) -> String {
    chars
        .iter()
        .map(|c| format!("U+{:04X}", u32::from(*c)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_names_pass() {
        for n in [
            "张三",
            "欧阳娜娜",
            "阿卜杜热合曼·买买提明",
            "玉素甫江•艾力",
            "MUHAMMAD ALI BIN ABDULLAH",
            "Zoë O'Brien-Smith",
            "𠮷田",
        ] {
            assert_eq!(name_fault(n), None, "{n}");
        }
    }

    #[test]
    fn controls_and_invisible_characters_are_named() {
        assert_eq!(
            name_fault("张\u{1b}]52;c;eA==\u{7}三"),
            Some(NameFault::Hidden(vec!['\u{1b}', '\u{7}']))
        );
        for c in [
            '\u{0}', '\u{200b}', '\u{200d}', '\u{202e}', '\u{2066}', '\u{feff}', '\u{ad}',
        ] {
            let name = format!("李{c}四");
            assert_eq!(name_fault(&name), Some(NameFault::Hidden(vec![c])), "{c:?}");
        }
        assert_eq!(describe_hidden(&['\u{200b}', '\u{1b}']), "U+200B, U+001B");
    }

    #[test]
    fn a_name_longer_than_any_real_one() {
        assert_eq!(name_fault(&"张".repeat(50)), None);
        assert_eq!(name_fault(&"张".repeat(51)), Some(NameFault::TooLong(51)));
    }
}
