//! 证件号码: the GB 11643-1999 number of the 居民身份证 (and of the 港澳台居民居住证, which share
//! its form), the 2023 外国人永久居留身份证 (the same form starting with 9), and the looser checks
//! for passports and other documents.

use chrono::{Datelike, NaiveDate};

use super::identity::{Gender, IdType};
use super::problem::ProblemCode;
use super::region::region_exists;

/// The ISO 7064 MOD 11-2 weights of the first 17 digits.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each remainder 0..=10.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The youngest and oldest plausible candidate, in whole years at the exam date.
pub const AGE_RANGE: (i32, i32) = (14, 70);

/// A valid number in the GB 11643 form and what it says about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentId {
    /// The normalised number: 18 ASCII characters, upper-case X.
    pub number: String,
    pub birth_date: NaiveDate,
    pub gender: Gender,
}

/// One thing wrong with an ID number; [`IdProblem::code`] gives its problem code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdProblem {
    /// The number has `found` characters, outside `min..=max` (0 means it is empty).
    Length {
        found: usize,
        min: usize,
        max: usize,
    },
    /// Characters that may not appear (each once, in order of appearance).
    Chars { bad: String, allowed: Charset },
    /// The region (first six digits) is not plausible for the type; `expected` names the
    /// prefixes a residence permit must carry, `None` for a 居民身份证 (whose region must be a
    /// GB/T 2260 code, see [`super::region`]).
    Region {
        region: String,
        expected: Option<&'static str>,
    },
    /// A number entered as 居民身份证 that has the form of another document: the 证件类型 is
    /// wrong, not the number.
    OtherDocument { document: OtherDocument },
    /// 15 digits: a first-generation card's number, replaced by 18 digits since 1999; the
    /// platform takes only the 18-digit number.
    FifteenDigits,
    /// Digits 7–14 are not a real date (`future` false) or lie after the exam date.
    BirthDate {
        digits: String,
        future: bool,
        exam_date: NaiveDate,
    },
    /// Digits 7–14 are a date after `today` (but not after the exam date): nobody is born
    /// yet on it.
    BirthAfterToday { digits: String, today: NaiveDate },
    /// The 18th character should be `expected`.
    Checksum { expected: char, found: char },
    /// Age in whole years at the exam date, outside [`AGE_RANGE`].
    Age { age: i32, exam_date: NaiveDate },
}

/// A document whose number has the GB 11643 form but is not a 居民身份证.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherDocument {
    /// 港澳居民居住证: 810000 (Hong Kong) or 820000 (Macao).
    HkMacaoPermit,
    /// 台湾居民居住证: 830000.
    TaiwanPermit,
    /// 外国人永久居留身份证 (2023): 9, the issuing province, the nationality code.
    ForeignPermanentResidence,
}

impl OtherDocument {
    /// The document a number of this form belongs to, by its first digits; `None` for the
    /// form of a 居民身份证.
    pub fn of(number: &str) -> Option<OtherDocument> {
        if number.starts_with("810000") || number.starts_with("820000") {
            Some(OtherDocument::HkMacaoPermit)
        } else if number.starts_with("830000") {
            Some(OtherDocument::TaiwanPermit)
        } else if number.starts_with('9') {
            Some(OtherDocument::ForeignPermanentResidence)
        } else {
            None
        }
    }

    /// The 证件类型 to pick for it.
    pub fn id_type(self) -> IdType {
        match self {
            OtherDocument::HkMacaoPermit => IdType::HkMacaoPermit,
            OtherDocument::TaiwanPermit => IdType::TaiwanPermit,
            // The template has no type of its own for it.
            OtherDocument::ForeignPermanentResidence => IdType::Other,
        }
    }
}

/// Which characters a number of a given type may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// 17 digits then a digit or X.
    Gb11643,
    /// ASCII letters and digits.
    Passport,
    /// ASCII letters, digits, parentheses and hyphens (e.g. a Hong Kong card `A123456(7)`).
    Other,
}

impl IdProblem {
    /// The stable problem code of docs/cli.md.
    pub fn code(&self) -> ProblemCode {
        match self {
            IdProblem::Length { .. } => ProblemCode::IdLength,
            IdProblem::Chars { .. } => ProblemCode::IdChars,
            IdProblem::Region { .. } | IdProblem::OtherDocument { .. } => ProblemCode::IdRegion,
            IdProblem::FifteenDigits => ProblemCode::IdLength,
            IdProblem::BirthDate { .. } | IdProblem::BirthAfterToday { .. } => {
                ProblemCode::IdBirthDate
            }
            IdProblem::Checksum { .. } => ProblemCode::IdChecksum,
            IdProblem::Age { .. } => ProblemCode::IdAge,
        }
    }
}

/// An ID number as typed, reduced to what identifies it: white space (full-width too) and
/// invisible characters removed, full-width digits and letters made ASCII, letters upper-cased
/// (so a final x becomes X). Full-width digits are accepted because a Chinese IME in full-width
/// mode types them and they are unambiguous.
pub fn normalize_id(raw: &str) -> String {
    // Nearly every cell is already printable ASCII without spaces or lower case, which the
    // rules below leave as it is: copy it instead of rebuilding it char by char (an import
    // normalises several cells of every row).
    if raw
        .bytes()
        .all(|b| b.is_ascii_graphic() && !b.is_ascii_lowercase())
    {
        return raw.to_string();
    }
    raw.chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
        })
        .map(|c| match c {
            // The full-width forms U+FF01..U+FF5E mirror ASCII 0x21..0x7E.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The ISO 7064 MOD 11-2 check character of the first 17 digits; `None` unless given exactly
/// 17 ASCII digits.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (b, w) in first17.bytes().zip(WEIGHTS) {
        if !b.is_ascii_digit() {
            return None;
        }
        sum += u32::from(b - b'0') * w;
    }
    Some(CHECK_CHARS[(sum % 11) as usize])
}

/// Whether `text` looks like a number Excel printed in scientific notation (`1.10105E+17`):
/// the digits behind it are gone.
pub fn is_scientific(text: &str) -> bool {
    let t = text.trim();
    let Some((mantissa, exp)) = t.split_once(['E', 'e']) else {
        return false;
    };
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    !int.is_empty()
        && !exp.is_empty()
        && [int, frac, exp]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// Checks a number of the given type as of the exam date. GB 11643 types come back parsed;
/// passports and other documents come back as `Ok(None)` when their charset and length are
/// plausible (and, for a 外国人永久居留身份证 under 其他, its birth date and check character
/// right). Every independent problem is listed; the check character is judged only when the
/// length and characters are right.
pub fn check_id(
    id_type: IdType,
    raw: &str,
    exam_date: NaiveDate,
) -> Result<Option<ResidentId>, Vec<IdProblem>> {
    check_id_at(id_type, raw, exam_date, exam_date)
}

/// [`check_id`] on `today`: a birth date after it is refused too, not only one after the
/// exam date.
pub fn check_id_at(
    id_type: IdType,
    raw: &str,
    exam_date: NaiveDate,
    today: NaiveDate,
) -> Result<Option<ResidentId>, Vec<IdProblem>> {
    let n = normalize_id(raw);
    let dates = Dates::new(exam_date, today);
    match id_type {
        IdType::ResidentId | IdType::HkMacaoPermit | IdType::TaiwanPermit => {
            parse_gb11643(&n, id_type, dates).map(Some)
        }
        IdType::Passport => check_loose(&n, 5, 17, Charset::Passport).map(|_| None),
        IdType::Other if is_foreign_permanent_form(&n) => {
            check_foreign_permanent(&n, dates).map(|_| None)
        }
        IdType::Other => check_loose(&n, 4, 30, Charset::Other).map(|_| None),
    }
}

/// Parses a 居民身份证 number as of the exam date (see [`check_id`]).
pub fn parse_resident_id(raw: &str, exam_date: NaiveDate) -> Result<ResidentId, Vec<IdProblem>> {
    parse_gb11643(
        &normalize_id(raw),
        IdType::ResidentId,
        Dates::new(exam_date, exam_date),
    )
}

/// The dates a birth date is judged against.
#[derive(Debug, Clone, Copy)]
struct Dates {
    exam: NaiveDate,
    /// The last day anyone can have been born on: today, or the exam day if earlier.
    latest_birth: NaiveDate,
}

impl Dates {
    fn new(exam: NaiveDate, today: NaiveDate) -> Dates {
        Dates {
            exam,
            latest_birth: today.min(exam),
        }
    }

    /// The birth date in eight digits, or why it cannot be one.
    fn birth(self, digits: &str) -> Result<NaiveDate, IdProblem> {
        match ymd(digits) {
            Some(date) if date > self.exam => Err(IdProblem::BirthDate {
                digits: digits.to_string(),
                future: true,
                exam_date: self.exam,
            }),
            Some(date) if date > self.latest_birth => Err(IdProblem::BirthAfterToday {
                digits: digits.to_string(),
                today: self.latest_birth,
            }),
            Some(date) => Ok(date),
            None => Err(IdProblem::BirthDate {
                digits: digits.to_string(),
                future: false,
                exam_date: self.exam,
            }),
        }
    }
}

/// Whether a number has the form of the 2023 外国人永久居留身份证: 9, 16 digits, a digit or X.
fn is_foreign_permanent_form(n: &str) -> bool {
    let b = n.as_bytes();
    b.len() == 18
        && b[0] == b'9'
        && b[..17].iter().all(u8::is_ascii_digit)
        && (b[17].is_ascii_digit() || b[17] == b'X')
}

/// The birth date and ISO 7064 check character of a 外国人永久居留身份证 (GB 11643's, by the
/// Ministry of Public Security's 2023 announcement of the new card).
fn check_foreign_permanent(n: &str, dates: Dates) -> Result<(), Vec<IdProblem>> {
    let mut problems = Vec::new();
    if let Err(p) = dates.birth(&n[6..14]) {
        problems.push(p);
    }
    if let Some(expected) = check_char(&n[..17])
        && n.as_bytes()[17] != expected as u8
    {
        problems.push(IdProblem::Checksum {
            expected,
            found: char::from(n.as_bytes()[17]),
        });
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn parse_gb11643(n: &str, id_type: IdType, dates: Dates) -> Result<ResidentId, Vec<IdProblem>> {
    match well_formed(n, id_type, dates) {
        Some(id) => Ok(id),
        None => check_gb11643(n, id_type, dates),
    }
}

/// Every check of GB 11643, naming each problem found.
fn check_gb11643(n: &str, id_type: IdType, dates: Dates) -> Result<ResidentId, Vec<IdProblem>> {
    let exam_date = dates.exam;
    let mut problems = Vec::new();
    let chars: Vec<char> = n.chars().collect();
    if chars.len() == 15 && chars.iter().all(char::is_ascii_digit) {
        // Its fields differ (a two-digit year, no check character): the 18-digit number is
        // what the school must send, whatever else is wrong with this one.
        return Err(vec![IdProblem::FifteenDigits]);
    }
    if chars.len() != 18 {
        problems.push(IdProblem::Length {
            found: chars.len(),
            min: 18,
            max: 18,
        });
    }
    let last = chars.len().saturating_sub(1);
    let mut bad = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let ok = c.is_ascii_digit() || (c == 'X' && i == last && chars.len() == 18);
        if !ok && !bad.contains(c) {
            bad.push(c);
        }
    }
    if !bad.is_empty() {
        problems.push(IdProblem::Chars {
            bad,
            allowed: Charset::Gb11643,
        });
    }
    if chars.len() != 18 {
        // Without 18 characters the fields are not where the standard puts them.
        return Err(problems);
    }
    // Fields by character position: the number may still hold non-ASCII characters here.
    let digits = |r: std::ops::Range<usize>| -> Option<String> {
        let s = &chars[r];
        s.iter()
            .all(|c| c.is_ascii_digit())
            .then(|| s.iter().collect())
    };
    if let Some(region) = digits(0..6) {
        let expected = match id_type {
            IdType::HkMacaoPermit => Some("810000/820000"),
            IdType::TaiwanPermit => Some("830000"),
            _ => None,
        };
        let other = (id_type == IdType::ResidentId)
            .then(|| OtherDocument::of(&region))
            .flatten();
        if let Some(document) = other {
            problems.push(IdProblem::OtherDocument { document });
        } else if !region_plausible(&region, id_type) {
            problems.push(IdProblem::Region { region, expected });
        }
    }
    let mut birth = None;
    if let Some(d) = digits(6..14) {
        match dates.birth(&d) {
            Ok(date) => birth = Some(date),
            Err(p) => problems.push(p),
        }
    }
    if let Some(date) = birth {
        let age = age_at(date, exam_date);
        if age < AGE_RANGE.0 || age > AGE_RANGE.1 {
            problems.push(IdProblem::Age { age, exam_date });
        }
    }
    let has_char_problem = problems
        .iter()
        .any(|p| matches!(p, IdProblem::Chars { .. }));
    if !has_char_problem
        && let Some(expected) = check_char(&chars[..17].iter().collect::<String>())
        && chars[17] != expected
    {
        problems.push(IdProblem::Checksum {
            expected,
            found: chars[17],
        });
    }
    match birth {
        Some(birth_date) if problems.is_empty() => {
            let gender = if (chars[16] as u32 - '0' as u32) % 2 == 1 {
                Gender::Male
            } else {
                Gender::Female
            };
            Ok(ResidentId {
                number: n.to_string(),
                birth_date,
                gender,
            })
        }
        _ => Err(problems),
    }
}

/// The number when it passes every check of [`parse_gb11643`], found without building
/// anything: nearly every row of a file holds one. `None` sends it down the full path, which
/// names its problems.
fn well_formed(n: &str, id_type: IdType, dates: Dates) -> Option<ResidentId> {
    let b = n.as_bytes();
    // 17 ASCII digits then one byte: that byte is ASCII too, since the string is UTF-8.
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let birth_date = ymd(&n[6..14]).filter(|d| *d <= dates.latest_birth)?;
    let age = age_at(birth_date, dates.exam);
    let passes = region_plausible(&n[..6], id_type)
        && (AGE_RANGE.0..=AGE_RANGE.1).contains(&age)
        && check_char(&n[..17]) == Some(char::from(b[17]));
    passes.then(|| ResidentId {
        number: n.to_string(),
        birth_date,
        gender: if (b[16] - b'0') % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        },
    })
}

/// Whether six digits can begin a number of this type: a GB/T 2260 code (current or
/// abolished) for 居民身份证, the codes the permits are issued under for theirs.
fn region_plausible(region: &str, id_type: IdType) -> bool {
    match id_type {
        IdType::HkMacaoPermit => region == "810000" || region == "820000",
        IdType::TaiwanPermit => region == "830000",
        _ => region_exists(region),
    }
}

fn check_loose(n: &str, min: usize, max: usize, charset: Charset) -> Result<(), Vec<IdProblem>> {
    let mut problems = Vec::new();
    let len = n.chars().count();
    if len < min || len > max {
        problems.push(IdProblem::Length {
            found: len,
            min,
            max,
        });
    }
    let mut bad = String::new();
    for c in n.chars() {
        let ok = c.is_ascii_alphanumeric()
            || (charset == Charset::Other && matches!(c, '(' | ')' | '-'));
        if !ok && !bad.contains(c) {
            bad.push(c);
        }
    }
    if !bad.is_empty() {
        problems.push(IdProblem::Chars {
            bad,
            allowed: charset,
        });
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The date of eight ASCII digits `YYYYMMDD`, if it is a real one.
pub fn ymd(digits: &str) -> Option<NaiveDate> {
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y = digits[..4].parse().ok()?;
    let m = digits[4..6].parse().ok()?;
    let d = digits[6..].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Age in whole years on `on` of someone born on `birth` (a 29 February birthday counts on
/// 1 March in common years).
pub fn age_at(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
#[path = "id_number_tests.rs"]
mod tests;
