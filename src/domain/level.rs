use super::keyed::keyed;
use std::fmt;
use std::str::FromStr;

keyed! {
    /// The three certificate levels (证书等级).
    pub enum Level {
        Junior = "junior",
        Intermediate = "intermediate",
        Senior = "senior",
    }
}

impl Level {
    /// The Chinese name used in the notice, the templates and plan codes.
    pub fn zh(self) -> &'static str {
        match self {
            Level::Junior => "初级",
            Level::Intermediate => "中级",
            Level::Senior => "高级",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.zh())
    }
}

/// A level name that is neither 初级/中级/高级 nor junior/intermediate/senior.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown level {0:?}: use 初级, 中级 or 高级 (junior, intermediate, senior)")]
pub struct UnknownLevel(pub String);

impl FromStr for Level {
    type Err = UnknownLevel;

    /// Accepts the Chinese names and the English keys, case-insensitively and trimmed.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Level::ALL
            .into_iter()
            .find(|l| t == l.zh() || t.eq_ignore_ascii_case(l.key()))
            .ok_or_else(|| UnknownLevel(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_chinese_and_english_names() {
        assert_eq!("初级".parse::<Level>().unwrap(), Level::Junior);
        assert_eq!(" Senior ".parse::<Level>().unwrap(), Level::Senior);
        assert_eq!(
            "intermediate".parse::<Level>().unwrap(),
            Level::Intermediate
        );
        assert!("特级".parse::<Level>().is_err());
    }
}
