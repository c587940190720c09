//! The one way the command line writes text. Names, school names, file and zip entry names come
//! from schools' files: printed raw, an ESC in a candidate's name is a terminal command (OSC 52
//! writes the staff member's clipboard, others set the title or clear the screen), and a bidi
//! override makes a line read differently from what it holds. Every writer of `cli/` goes
//! through [`escape`] (the `out!`/`outln!`/`err!`/`errln!` macros; clippy's `print_stdout`
//! and `print_stderr` lints refuse a bare `println!` in this module tree).

use std::borrow::Cow;
use std::io::Write;

/// Whether `c` must not reach a terminal as itself: C0 controls but the line break, DEL, C1
/// controls (an 8-bit CSI is U+009B), the bidi embeddings, overrides and isolates, the
/// invisible marks that reorder or hide text, and the line and paragraph separators some
/// terminals treat as line breaks.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{9}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{061c}' | '\u{feff}')
}

/// Whether a byte of UTF-8 text can be no part of an [`is_unsafe`] character: not a control
/// byte, and not the first byte of C1 controls (0xC2), U+061C (0xD8) or the marks at U+2000
/// and U+FEFF (0xE2, 0xEF). Chinese (0xE3-0xE9 then continuation bytes) passes, so most
/// text is told safe a byte at a time.
fn surely_safe(b: u8) -> bool {
    (b >= 0x20 && b != 0x7f && !matches!(b, 0xc2 | 0xd8 | 0xe2 | 0xef)) || b == b'\n'
}

/// `s` with every [`is_unsafe`] character written as `\uXXXX`: visible, unambiguous, and the
/// same character again inside a JSON string, so a JSON document stays valid and lossless.
/// Borrowed when there is nothing to escape (the common case).
pub fn escape(s: &str) -> Cow<'_, str> {
    // Printable ASCII and line breaks, most of what is printed, are told safe a byte at a time.
    if s.bytes().all(surely_safe) || !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Writes `text` escaped to stdout. A write error (a closed pipe) is ignored: SIGPIPE ends the
/// process first on Unix, as for every Unix tool.
pub fn stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(escape(text).as_bytes());
}

/// Writes `text`, made only of pieces already passed through [`escape`] (a
/// [`super::table::Table`]), to stdout without scanning it again.
pub fn stdout_escaped(text: &str) -> std::io::Result<()> {
    debug_assert!(matches!(escape(text), Cow::Borrowed(_)));
    std::io::stdout().lock().write_all(text.as_bytes())
}

/// Writes `v` as one pretty JSON document and a line break to stdout, as it is serialized:
/// the same text as [`escape`] of `serde_json::to_string_pretty` (the characters `escape`
/// changes can only stand inside strings, where this escapes them), without holding a
/// listing of 25,000 objects as a map each, then as text, then as escaped text.
pub fn stdout_json<T: serde::Serialize + ?Sized>(v: &T) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let mut ser = serde_json::Serializer::with_formatter(&mut out, EscapingJson::default());
    v.serialize(&mut ser).map_err(std::io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// serde_json's pretty layout, with the strings' text passed through [`escape`].
#[derive(Default)]
struct EscapingJson(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for EscapingJson {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        w.write_all(escape(fragment).as_bytes())
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `text` escaped to stderr.
pub fn stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(escape(text).as_bytes());
}

/// `print!` through [`escape`].
macro_rules! out {
    ($($t:tt)*) => { $crate::cli::term::stdout(&format!($($t)*)) };
}

/// `println!` through [`escape`].
macro_rules! outln {
    () => { $crate::cli::term::stdout("\n") };
    ($($t:tt)*) => { $crate::cli::term::stdout(&format!("{}\n", format_args!($($t)*))) };
}

/// `eprint!` through [`escape`].
macro_rules! err {
    ($($t:tt)*) => { $crate::cli::term::stderr(&format!($($t)*)) };
}

/// `eprintln!` through [`escape`].
macro_rules! errln {
    () => { $crate::cli::term::stderr("\n") };
    ($($t:tt)*) => { $crate::cli::term::stderr(&format!("{}\n", format_args!($($t)*))) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_commands_are_shown_not_run() {
        // OSC 52 (clipboard), a title, a screen clear, an 8-bit CSI, DEL, NUL.
        let name = "张\u{1b}]52;c;ZWNobyBoaQ==\u{7}三\u{1b}[2J\u{9b}31m\u{7f}\u{0}";
        let shown = escape(name);
        assert_eq!(
            shown,
            "张\\u001b]52;c;ZWNobyBoaQ==\\u0007三\\u001b[2J\\u009b31m\\u007f\\u0000"
        );
        assert!(!shown.chars().any(is_unsafe));
    }

    #[test]
    fn bidi_overrides_and_invisible_marks_are_visible() {
        assert_eq!(
            escape("a\u{202e}b\u{2066}c\u{200b}d"),
            "a\\u202eb\\u2066c\\u200bd"
        );
    }

    #[test]
    fn every_unsafe_character_is_caught_past_the_quick_test() {
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| is_unsafe(c))
        {
            let s = format!("浙江{c}学院");
            assert!(!s.bytes().all(surely_safe), "{:04x}", u32::from(c));
            assert!(matches!(escape(&s), Cow::Owned(_)), "{:04x}", u32::from(c));
        }
    }

    #[test]
    fn json_written_as_serialized_is_the_escaped_pretty_document() {
        let v = serde_json::json!({
            "rows": [{ "name": "李\u{202e}四\u{85}\n\t\"x\"", "n": 1, "none": null }, {}],
            "empty": [],
            "school": "浙江（商业）\u{feff}学院",
        });
        let mut w = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut w, EscapingJson::default());
        serde::Serialize::serialize(&v, &mut ser).unwrap();
        let whole = serde_json::to_string_pretty(&v).unwrap();
        assert_eq!(String::from_utf8(w).unwrap(), escape(&whole));
    }

    #[test]
    fn ordinary_text_and_line_breaks_pass_unchanged() {
        let t = "院校  n\n浙江  1 — ok ✓\n";
        assert!(matches!(escape(t), Cow::Borrowed(_)));
    }

    #[test]
    fn escaped_text_stays_valid_json_meaning_the_same() {
        let v = serde_json::json!({ "name": "李\u{202e}四\u{85}" });
        let text = serde_json::to_string(&v).unwrap();
        let back: serde_json::Value = serde_json::from_str(&escape(&text)).unwrap();
        assert_eq!(back, v);
    }
}
