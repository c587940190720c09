//! The one catalog of user-facing text. Each message is a constant with its Chinese and English
//! wording side by side, so a message without a translation does not compile. Areas keep their
//! messages in their own file here.

pub mod audit;
pub mod cli;
pub mod common;
pub mod desktop;
pub mod errors;
pub mod fees;
pub mod people;
pub mod photos;
pub mod problems;
pub mod replies;
pub mod sessions;
pub mod sheets;
pub mod staff;
pub mod templates;
pub mod triage;
pub mod tui;

/// The user-facing language: zh-CN by default, English with `--lang en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// One message in both languages. `{name}` marks a place filled by [`Lang::fill`].
#[derive(Debug, Clone, Copy)]
pub struct Msg {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Lang {
    /// The message in this language.
    pub fn t(self, m: &Msg) -> &'static str {
        match self {
            Lang::Zh => m.zh,
            Lang::En => m.en,
        }
    }

    /// One of two words, by language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The message with each `{key}` replaced by its value.
    pub fn fill(self, m: &Msg, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut s = self.t(m).to_string();
        for (k, v) in args {
            s = s.replace(&format!("{{{k}}}"), &v.to_string());
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// Every catalog file, read as source: the test checks each message as written.
    const CATALOG: [(&str, &str); 15] = [
        ("audit", include_str!("audit.rs")),
        ("cli", include_str!("cli.rs")),
        ("common", include_str!("common.rs")),
        ("desktop", include_str!("desktop.rs")),
        ("errors", include_str!("errors.rs")),
        ("fees", include_str!("fees.rs")),
        ("people", include_str!("people.rs")),
        ("photos", include_str!("photos.rs")),
        ("problems", include_str!("problems.rs")),
        ("replies", include_str!("replies.rs")),
        ("sessions", include_str!("sessions.rs")),
        ("sheets", include_str!("sheets.rs")),
        ("templates", include_str!("templates.rs")),
        ("triage", include_str!("triage.rs")),
        ("tui", include_str!("tui.rs")),
    ];

    /// The string literal at the start of `s` (after spaces), unescaped enough to see braces.
    fn literal(s: &str) -> Option<(String, &str)> {
        let s = s.trim_start().strip_prefix('"')?;
        let mut out = String::new();
        let mut chars = s.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => return Some((out, &s[i + 1..])),
                c => out.push(c),
            }
        }
        None
    }

    /// (zh, en) of every message of a file: `Msg { zh: "…", en: "…" }` and the
    /// `NAME = "…", "…";` lines of the `msgs!` files.
    fn messages(src: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut rest = src;
        while let Some(i) = rest.find("zh: \"") {
            let Some((zh, after)) = literal(&rest[i + 4..]) else {
                break;
            };
            let after = after.trim_start().trim_start_matches(',').trim_start();
            if let Some(en_src) = after.strip_prefix("en:")
                && let Some((en, next)) = literal(en_src)
            {
                out.push((zh, en));
                rest = next;
            } else {
                rest = after;
            }
        }
        for line in src.lines() {
            let t = line.trim();
            if let Some((name, value)) = t.split_once(" = \"")
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                && let Some((zh, after)) = literal(&format!("\"{value}"))
                && let Some((en, _)) = literal(after.trim_start().trim_start_matches(','))
            {
                out.push((zh, en));
            }
        }
        out
    }

    /// The `{name}` places of a message; a place that is not a plain name is returned whole
    /// (`{key:?}` is never filled).
    fn places(m: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = m;
        while let Some(i) = rest.find('{') {
            let end = rest[i..].find('}').map_or(rest.len(), |j| i + j + 1);
            out.insert(rest[i..end].to_string());
            rest = &rest[end..];
        }
        out
    }

    #[test]
    fn every_message_has_the_same_places_in_both_languages_and_each_can_be_filled() {
        let mut seen = 0;
        for (file, src) in CATALOG {
            for (zh, en) in messages(src) {
                seen += 1;
                assert_eq!(places(&zh), places(&en), "{file}: {zh} / {en}");
                for p in places(&zh) {
                    let name = &p[1..p.len().saturating_sub(1)];
                    assert!(
                        p.ends_with('}')
                            && !name.is_empty()
                            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                        "{file}: {p} in {zh} / {en} is never filled"
                    );
                }
            }
        }
        // The scan reads the catalog: it finds (nearly) every message, not none.
        assert!(seen > 500, "only {seen} messages found");
    }
}
