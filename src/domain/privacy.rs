//! Masking personal numbers: ID and phone numbers are shown masked unless staff reveal them
//! (audited) or an export's purpose needs them.

/// `11010519491231002X` → `1101**********002X`: region prefix and last four kept.
pub fn mask_id(id: &str) -> String {
    mask(id, 4, 4)
}

/// `13812345678` → `138****5678`.
pub fn mask_phone(phone: &str) -> String {
    mask(phone, 3, 4)
}

/// Keeps `head` and `tail` characters, stars the rest; short values are starred whole so a
/// masked value never shows most of the number.
fn mask(s: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..head].iter().collect();
    out.extend(std::iter::repeat_n('*', chars.len() - head - tail));
    out.extend(&chars[chars.len() - tail..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_as_staff_expect() {
        assert_eq!(mask_id("11010519491231002X"), "1101**********002X");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("12345"), "*****");
    }
}
