//! 证件类型 and 性别: the two drop-downs of 附件1 that say who a candidate is.

use std::fmt;

/// 证件类型: the five kinds of identity document the template offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdType {
    /// 居民身份证, the mainland resident ID card (GB 11643-1999 number).
    ResidentId,
    /// 港澳居民居住证 (number in the GB 11643 form, region 810000 or 820000).
    HkMacaoPermit,
    /// 台湾居民居住证 (number in the GB 11643 form, region 830000).
    TaiwanPermit,
    /// 护照.
    Passport,
    /// 其他.
    Other,
}

impl IdType {
    /// Every type, in drop-down order.
    pub const ALL: [IdType; 5] = [
        IdType::ResidentId,
        IdType::HkMacaoPermit,
        IdType::TaiwanPermit,
        IdType::Passport,
        IdType::Other,
    ];

    /// The name as the template's drop-down spells it (also what the store keeps).
    pub fn zh(self) -> &'static str {
        match self {
            IdType::ResidentId => "居民身份证",
            IdType::HkMacaoPermit => "港澳居民居住证",
            IdType::TaiwanPermit => "台湾居民居住证",
            IdType::Passport => "护照",
            IdType::Other => "其他",
        }
    }

    /// The English name, for English messages.
    pub fn en(self) -> &'static str {
        match self {
            IdType::ResidentId => "resident ID card",
            IdType::HkMacaoPermit => "Hong Kong/Macao residence permit",
            IdType::TaiwanPermit => "Taiwan residence permit",
            IdType::Passport => "passport",
            IdType::Other => "other",
        }
    }

    /// Reads a 证件类型 cell: the drop-down names, trimmed, plus 身份证 for 居民身份证 (what schools
    /// type most). A blank cell is 居民身份证, the template's default. `None` for anything else.
    pub fn parse(text: &str) -> Option<IdType> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if t.is_empty() || t == "身份证" {
            return Some(IdType::ResidentId);
        }
        IdType::ALL.into_iter().find(|k| k.zh() == t)
    }

    /// Whether numbers of this type follow GB 11643 (18 characters, region, birth date, check).
    pub fn is_gb11643(self) -> bool {
        matches!(
            self,
            IdType::ResidentId | IdType::HkMacaoPermit | IdType::TaiwanPermit
        )
    }
}

impl fmt::Display for IdType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.zh())
    }
}

/// 性别 as the ID number encodes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// 男: odd 17th digit.
    Male,
    /// 女: even 17th digit.
    Female,
}

impl Gender {
    /// 男 or 女, as the template's drop-down spells it.
    pub fn zh(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }

    /// male or female, for English messages.
    pub fn en(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }

    /// Reads a 性别 cell: 男/女 (also 男性/女性), M/F, male/female, case-insensitively.
    pub fn parse(text: &str) -> Option<Gender> {
        let t = text.trim().to_ascii_lowercase();
        match t.as_str() {
            "男" | "男性" | "m" | "male" => Some(Gender::Male),
            "女" | "女性" | "f" | "female" => Some(Gender::Female),
            _ => None,
        }
    }
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.zh())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_types_read_the_drop_down_and_default_to_resident_id() {
        assert_eq!(IdType::parse(""), Some(IdType::ResidentId));
        assert_eq!(IdType::parse(" 身份证 "), Some(IdType::ResidentId));
        assert_eq!(IdType::parse("台湾居民居住证"), Some(IdType::TaiwanPermit));
        assert_eq!(IdType::parse("护 照"), Some(IdType::Passport));
        assert_eq!(IdType::parse("军官证"), None);
        for t in IdType::ALL {
            assert_eq!(IdType::parse(t.zh()), Some(t));
        }
    }

    #[test]
    fn genders_read_chinese_and_english() {
        assert_eq!(Gender::parse(" 男 "), Some(Gender::Male));
        assert_eq!(Gender::parse("F"), Some(Gender::Female));
        assert_eq!(Gender::parse("未知"), None);
    }
}
