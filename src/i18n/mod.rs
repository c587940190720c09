//! The one catalog of user-facing text. Each message is a constant with its Chinese and English
//! wording side by side, so a message without a translation does not compile. Areas keep their
//! messages in their own file here.

pub mod cli;
pub mod common;
pub mod errors;
pub mod fees;
pub mod people;
pub mod photos;
pub mod problems;
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

    /// The message with each `{key}` replaced by its value.
    pub fn fill(self, m: &Msg, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut s = self.t(m).to_string();
        for (k, v) in args {
            s = s.replace(&format!("{{{k}}}"), &v.to_string());
        }
        s
    }
}
