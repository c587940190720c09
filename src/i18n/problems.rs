//! Messages of the row checks (domain::registration): one or more per problem code of
//! docs/cli.md, each saying what was found and what is expected.

use super::{Lang, Msg, sheets};
use crate::domain::problem::{Arg, Problem, ProblemCode, Says, Sentence};

/// A problem's text in the reader's language.
pub fn text(p: &Problem, lang: Lang) -> String {
    says(&p.says, lang)
}

/// What a problem says, in the reader's language: a sentence with its arguments filled, or
/// text kept as it was written.
pub fn says(says: &Says, lang: Lang) -> String {
    match says {
        Says::Text(t) => t.clone(),
        Says::Sentence(s, args) => {
            let words: Vec<(&str, String)> = args
                .iter()
                .map(|(k, v)| (k.as_str(), arg(v, lang)))
                .collect();
            let refs: Vec<(&str, &dyn std::fmt::Display)> = words
                .iter()
                .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
                .collect();
            lang.fill(sentence(*s), &refs)
        }
    }
}

/// An argument as the reader reads it: words in their language, the rest as it is.
fn arg(a: &Arg, lang: Lang) -> String {
    let pick = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    match a {
        Arg::Text(t) => t.clone(),
        Arg::Int(n) => n.to_string(),
        Arg::Date(d) => d.to_string(),
        Arg::Gender(g) => pick(g.zh(), g.en()),
        Arg::IdType(t) => pick(t.zh(), t.en()),
        // Levels are named as in plan codes (初级) in Chinese, by their key in English.
        Arg::Level(l) => pick(l.zh(), l.key()),
    }
}

/// The catalog entry of a sentence: one arm each, so a sentence without words does not
/// compile.
pub fn sentence(s: Sentence) -> &'static Msg {
    use Sentence as S;
    match s {
        S::NameMissing => &NAME_MISSING,
        S::NameNotText => &NAME_NOT_TEXT,
        S::NameSpaces => &NAME_SPACES,
        S::NameChars => &NAME_CHARS,
        S::NameLength => &NAME_LENGTH,
        S::IdTypeInvalid => &ID_TYPE_INVALID,
        S::IdFifteenDigits => &ID_FIFTEEN_DIGITS,
        S::IdOtherDocument => &ID_OTHER_DOCUMENT,
        S::IdForeignPermanent => &ID_FOREIGN_PERMANENT,
        S::IdBirthAfterToday => &ID_BIRTH_AFTER_TODAY,
        S::IdStoredAsNumber => &ID_STORED_AS_NUMBER,
        S::IdFifteenAsNumber => &ID_FIFTEEN_AS_NUMBER,
        S::PhoneNotMobile => &PHONE_NOT_MOBILE,
        S::SeveralSheets => &sheets::SEVERAL_SHEETS,
        S::IdEmpty => &ID_EMPTY,
        S::IdLength => &ID_LENGTH,
        S::IdCharsGb => &ID_CHARS_GB,
        S::IdCharsPassport => &ID_CHARS_PASSPORT,
        S::IdCharsOther => &ID_CHARS_OTHER,
        S::IdRegion => &ID_REGION,
        S::IdRegionPermit => &ID_REGION_PERMIT,
        S::IdBirthNotReal => &ID_BIRTH_NOT_REAL,
        S::IdBirthFuture => &ID_BIRTH_FUTURE,
        S::IdChecksum => &ID_CHECKSUM,
        S::IdPrecisionLost => &ID_PRECISION_LOST,
        S::IdAge => &ID_AGE,
        S::GenderUnreadable => &GENDER_UNREADABLE,
        S::GenderMismatch => &GENDER_MISMATCH,
        S::BirthUnreadable => &BIRTH_UNREADABLE,
        S::BirthMismatch => &BIRTH_MISMATCH,
        S::PhoneEmpty => &PHONE_EMPTY,
        S::PhoneInvalid => &PHONE_INVALID,
        S::CertNameEmpty => &CERT_NAME_EMPTY,
        S::CertNameMismatch => &CERT_NAME_MISMATCH,
        S::LevelEmpty => &LEVEL_EMPTY,
        S::LevelMismatch => &LEVEL_MISMATCH,
        S::PlanEmpty => &PLAN_EMPTY,
        S::PlanMismatch => &PLAN_MISMATCH,
        S::PlanOther => &PLAN_OTHER,
        S::DuplicateInFile => &DUPLICATE_IN_FILE,
        S::DuplicateInPlan => &DUPLICATE_IN_PLAN,
        S::NameConflictInFile => &NAME_CONFLICT_IN_FILE,
        S::NameConflictKnown => &NAME_CONFLICT_KNOWN,
        S::SlotOverlap => &SLOT_OVERLAP,
        S::RetakeWithoutFail => &RETAKE_WITHOUT_FAIL,
        S::RetakeNotMarked => &RETAKE_NOT_MARKED,
        S::NoHeader => &sheets::NO_HEADER,
        S::ColumnMissing => &sheets::COLUMN_MISSING,
        S::ColumnUnknown => &sheets::COLUMN_UNKNOWN,
        S::ColumnDuplicate => &sheets::COLUMN_DUPLICATE,
        S::SchoolFieldMissing => &sheets::SCHOOL_FIELD_MISSING,
        S::SchoolPhoneInvalid => &sheets::SCHOOL_PHONE_INVALID,
        S::SchoolDuplicate => &sheets::SCHOOL_DUPLICATE,
    }
}

pub const NAME_MISSING: Msg = Msg {
    zh: "姓名为空",
    en: "name is empty",
};
pub const NAME_NOT_TEXT: Msg = Msg {
    zh: "姓名是逻辑值 {value}，不是姓名：请填写考生姓名",
    en: "the name is the Boolean {value}, not a name: enter the candidate's name",
};
pub const NAME_CHARS: Msg = Msg {
    zh: "姓名含有看不见的控制字符或格式字符（{chars}），不是真实姓名：请重新录入姓名",
    en: "the name holds invisible control or format characters ({chars}), so it is not a real name: type it again",
};
pub const NAME_LENGTH: Msg = Msg {
    zh: "姓名有 {n} 个字符，超过上限 {max}，不像真实姓名",
    en: "the name has {n} characters, over the limit of {max}: not a real name",
};
pub const NAME_SPACES: Msg = Msg {
    zh: "姓名「{name}」中间有空格（全角空格也算），请删除",
    en: "name \"{name}\" contains spaces (full-width ones count): remove them",
};
pub const ID_TYPE_INVALID: Msg = Msg {
    zh: "证件类型「{value}」不在列表中：应为 居民身份证、港澳居民居住证、台湾居民居住证、护照 或 其他",
    en: "ID type \"{value}\" is not in the list: use 居民身份证, 港澳居民居住证, 台湾居民居住证, 护照 or 其他",
};
pub const ID_EMPTY: Msg = Msg {
    zh: "证件号码为空",
    en: "ID number is empty",
};
pub const ID_LENGTH: Msg = Msg {
    zh: "证件号码应为 {expected} 位，实际为 {found} 位",
    en: "ID number should have {expected} characters, found {found}",
};
pub const ID_CHARS_GB: Msg = Msg {
    zh: "证件号码含有不允许的字符 {bad}：只能是数字，最后一位可以是 X",
    en: "ID number contains {bad}: only digits are allowed, and X as the last character",
};
pub const ID_CHARS_PASSPORT: Msg = Msg {
    zh: "护照号码含有不允许的字符 {bad}：只能是英文字母和数字",
    en: "passport number contains {bad}: only letters and digits are allowed",
};
pub const ID_CHARS_OTHER: Msg = Msg {
    zh: "证件号码含有不允许的字符 {bad}：只能是英文字母、数字、括号和连字符",
    en: "ID number contains {bad}: only letters, digits, parentheses and hyphens are allowed",
};
pub const ID_REGION: Msg = Msg {
    zh: "前六位地区码 {region} 不存在：GB/T 2260 中从未有过这个行政区划代码",
    en: "region code {region} does not exist: GB/T 2260 never had this division code",
};
pub const ID_REGION_PERMIT: Msg = Msg {
    zh: "{type}号码应以 {expected} 开头，实际为 {region}",
    en: "a {type} number starts with {expected}, found {region}",
};
pub const ID_OTHER_DOCUMENT: Msg = Msg {
    zh: "这是{type}的号码，不是居民身份证：请把「证件类型」改为「{type}」",
    en: "this is a {type} number, not a resident ID card: set 证件类型 to {type}",
};
pub const ID_FOREIGN_PERMANENT: Msg = Msg {
    zh: "这是外国人永久居留身份证的号码，不是居民身份证：请把「证件类型」改为「其他」",
    en: "this is a foreigner's permanent residence ID number, not a resident ID card: set 证件类型 to 其他",
};
pub const ID_FIFTEEN_DIGITS: Msg = Msg {
    zh: "这是 15 位的第一代身份证号码，已停用：请填写考生现在的 18 位身份证号码",
    en: "this is a 15-digit first-generation ID number, no longer in use: enter the candidate's 18-digit number",
};
pub const ID_FIFTEEN_AS_NUMBER: Msg = Msg {
    zh: "以数字形式存储：15 位数字都在，但这是已停用的 15 位第一代身份证号码，请把该列设为文本后填写 18 位号码",
    en: "stored as a number: all 15 digits survived, but this is a retired 15-digit first-generation ID number: set the column to text and enter the 18-digit number",
};
pub const ID_STORED_AS_NUMBER: Msg = Msg {
    zh: "以数字形式存储，只有 {n} 位数字：证件号码应为 18 位，请把该列设为文本后重新录入",
    en: "stored as a number of only {n} digits: an ID number has 18, set the column to text and enter it again",
};
pub const ID_BIRTH_AFTER_TODAY: Msg = Msg {
    zh: "号码中的出生日期 {digits} 晚于今天（{today}）",
    en: "the birth date in the number, {digits}, is after today ({today})",
};
pub const ID_BIRTH_NOT_REAL: Msg = Msg {
    zh: "号码中的出生日期 {digits} 不是真实日期",
    en: "the birth date in the number, {digits}, is not a real date",
};
pub const ID_BIRTH_FUTURE: Msg = Msg {
    zh: "号码中的出生日期 {digits} 晚于考试日期 {exam}",
    en: "the birth date in the number, {digits}, is after the exam date {exam}",
};
pub const ID_CHECKSUM: Msg = Msg {
    zh: "校验位应为 {expected}，实际为 {found}",
    en: "check character should be {expected}, found {found}",
};
pub const ID_PRECISION_LOST: Msg = Msg {
    zh: "以数字形式存储，末几位已丢失：请把该列设为文本后重新录入",
    en: "stored as a number, last digits lost: re-enter the column as text",
};
pub const ID_AGE: Msg = Msg {
    zh: "考试日（{exam}）年龄为 {age} 岁，应在 {min}–{max} 岁之间",
    en: "age on the exam day ({exam}) is {age}, should be {min}–{max}",
};
pub const GENDER_UNREADABLE: Msg = Msg {
    zh: "性别「{value}」无法识别：应为 男 或 女",
    en: "gender \"{value}\" not recognised: use 男 or 女",
};
pub const GENDER_MISMATCH: Msg = Msg {
    zh: "性别为 {given}，证件号码表明为 {id}",
    en: "gender is {given}, the ID number says {id}",
};
pub const BIRTH_UNREADABLE: Msg = Msg {
    zh: "出生日期「{value}」无法识别：请写成 2003-05-01",
    en: "birth date \"{value}\" not recognised: write it as 2003-05-01",
};
pub const BIRTH_MISMATCH: Msg = Msg {
    zh: "出生日期为 {given}，证件号码表明为 {id}",
    en: "birth date is {given}, the ID number says {id}",
};
pub const PHONE_EMPTY: Msg = Msg {
    zh: "手机号为空",
    en: "phone number is empty",
};
pub const PHONE_NOT_MOBILE: Msg = Msg {
    zh: "手机号「{value}」不是手机号码：没有以 {prefix} 开头的手机号段",
    en: "phone number \"{value}\" is not a mobile number: no mobile numbers begin with {prefix}",
};
pub const PHONE_INVALID: Msg = Msg {
    zh: "手机号「{value}」有 {n} 个字符，应为以 1 开头的 11 位数字",
    en: "phone number \"{value}\" has {n} characters, should be 11 digits starting with 1",
};
pub const CERT_NAME_EMPTY: Msg = Msg {
    zh: "证书名称为空，应为「{expected}」",
    en: "certificate name is empty, should be \"{expected}\"",
};
pub const CERT_NAME_MISMATCH: Msg = Msg {
    zh: "证书名称应为「{expected}」，实际为「{value}」",
    en: "certificate name should be \"{expected}\", found \"{value}\"",
};
pub const LEVEL_EMPTY: Msg = Msg {
    zh: "证书等级为空，应为 {expected}",
    en: "certificate level is empty, should be {expected}",
};
pub const LEVEL_MISMATCH: Msg = Msg {
    zh: "证书等级应为 {expected}（本考试计划的等级），实际为「{value}」",
    en: "certificate level should be {expected} (this plan's level), found \"{value}\"",
};
pub const PLAN_EMPTY: Msg = Msg {
    zh: "考试计划为空，应为「{plan}」或 {code}",
    en: "exam plan is empty, should be \"{plan}\" or {code}",
};
pub const PLAN_MISMATCH: Msg = Msg {
    zh: "考试计划「{value}」与本次提交的计划「{plan}」（{code}）不符",
    en: "exam plan \"{value}\" does not match this submission's plan \"{plan}\" ({code})",
};
pub const PLAN_OTHER: Msg = Msg {
    zh: "考试计划「{value}」是另一个计划 {other}，本次提交属于 {code}",
    en: "exam plan \"{value}\" is another plan, {other}; this submission is for {code}",
};
pub const DUPLICATE_IN_FILE: Msg = Msg {
    zh: "证件号码与第 {row} 行重复",
    en: "same ID number as row {row}",
};
pub const DUPLICATE_IN_PLAN: Msg = Msg {
    zh: "该证件号码已报名本考试计划 {code}（已受理的提交）",
    en: "this ID number is already registered for {code} (an accepted submission)",
};
pub const NAME_CONFLICT_IN_FILE: Msg = Msg {
    zh: "同一证件号码在第 {row} 行的姓名为「{other}」",
    en: "the same ID number is named \"{other}\" on row {row}",
};
pub const NAME_CONFLICT_KNOWN: Msg = Msg {
    zh: "该证件号码已登记的姓名为「{other}」",
    en: "this ID number is already known as \"{other}\"",
};
pub const SLOT_OVERLAP: Msg = Msg {
    zh: "已报名 {other}，其考试时间 {time} 与本计划重叠",
    en: "already registered for {other}, whose exam ({time}) overlaps this one",
};
pub const RETAKE_NOT_MARKED: Msg = Msg {
    zh: "未标记补考，但该证件号码以往{level}考试未通过：已按补考计入人数和考试费，请在“是否补考”填“是”",
    en: "not marked as a retake, but this ID number failed an earlier {level} exam: counted as a retake (head count and fees); mark 是否补考 as 是",
};
pub const RETAKE_WITHOUT_FAIL: Msg = Msg {
    zh: "标记为补考，但没有该证件号码以往{level}考试未通过的成绩",
    en: "marked as a retake, but no earlier failed {level} result is known for this ID number",
};

/// A problem code's short name, where a screen lists codes rather than sentences (the photo
/// check's list): one arm per code, so a new code without a name does not compile.
pub fn code_name(c: ProblemCode) -> &'static Msg {
    use ProblemCode as P;
    macro_rules! name {
        ($zh:literal, $en:literal) => {
            &Msg { zh: $zh, en: $en }
        };
    }
    match c {
        P::MissingColumn => name!("缺少列", "missing column"),
        P::UnknownColumn => name!("无法识别的列", "unknown column"),
        P::SeveralSheets => name!("多个工作表有表头", "several sheets"),
        P::NameMissing => name!("姓名为空", "name missing"),
        P::NameSpaces => name!("姓名有空格", "spaces in name"),
        P::NameChars => name!("姓名有控制或隐形字符", "hidden characters in name"),
        P::NameLength => name!("姓名过长", "name too long"),
        P::IdTypeInvalid => name!("证件类型有误", "bad ID type"),
        P::IdLength => name!("证件号码位数不对", "ID length"),
        P::IdChars => name!("证件号码有非法字符", "bad ID characters"),
        P::IdRegion => name!("地区码有误", "bad region code"),
        P::IdBirthDate => name!("号码中的出生日期有误", "bad birth date in ID"),
        P::IdChecksum => name!("校验位不对", "ID check character"),
        P::IdPrecisionLost => name!("号码存成了数字", "ID stored as a number"),
        P::IdAge => name!("年龄不符", "age out of range"),
        P::GenderMismatch => name!("性别不符", "gender mismatch"),
        P::BirthDateMismatch => name!("出生日期不符", "birth date mismatch"),
        P::PhoneInvalid => name!("手机号有误", "bad phone"),
        P::CertNameMismatch => name!("证书名称不符", "certificate name"),
        P::LevelMismatch => name!("证书等级不符", "level mismatch"),
        P::PlanMismatch => name!("考试计划不符", "plan mismatch"),
        P::DuplicateInFile => name!("文件内重复", "duplicate in file"),
        P::DuplicateInPlan => name!("已报名本计划", "already registered"),
        P::NameConflict => name!("姓名不一致", "name conflict"),
        P::SlotOverlap => name!("考试时间冲突", "exam times overlap"),
        P::RetakeWithoutFail => name!("补考无未通过记录", "retake without a fail"),
        P::RetakeNotMarked => name!("未标补考", "retake not marked"),
        P::FileUnreadable => name!("文件无法读取", "file unreadable"),
        P::PhotoMissing => name!("缺照片", "photo missing"),
        P::PhotoOrphan => name!("无对应考生", "no such candidate"),
        P::PhotoBadName => name!("文件名不合规", "bad file name"),
        P::PhotoFormat => name!("格式不符", "wrong format"),
        P::PhotoExtMismatch => name!("扩展名与内容不符", "extension mismatch"),
        P::PhotoTooLarge => name!("文件过大", "file too large"),
        P::PhotoDimensions => name!("尺寸不符", "wrong size"),
        P::PhotoBackground => name!("背景色不符", "wrong background"),
        P::PhotoCorrupt => name!("照片无法打开", "photo unreadable"),
        P::PhotoDuplicate => name!("照片重复", "duplicate photo"),
        P::ArchiveUnsafeEntry => name!("不安全的条目", "unsafe entry"),
        P::ArchiveTooLarge => name!("压缩包过大", "archive too large"),
        P::ArchiveUnreadable => name!("压缩包无法读取", "archive unreadable"),
        P::SchoolFieldMissing => name!("必填项为空", "required field empty"),
        P::SchoolPhoneInvalid => name!("联系电话有误", "bad contact phone"),
    }
}
