//! Reading the free-text cells of 附件1 the way schools fill them in: dates in several
//! spellings, phone numbers with separators, the certificate and plan names with stray spaces.

use chrono::{Datelike, Duration, NaiveDate};

use super::super::id_number::{normalize_id, ymd};
use super::super::mobile::is_mobile;
use super::super::plan::{Plan, parse_plan_code};
use super::super::sheet::Cell;

/// The certificate's exact name (证书名称).
pub const CERTIFICATE: &str = "跨境电商 B2B 数据运营职业技能等级证书";

/// A 出生日期 cell: a whole date, or only year and month (the 出生年月 alias).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BirthInput {
    Day(NaiveDate),
    Month(i32, u32),
}

impl BirthInput {
    /// Whether it names the same day (or the same month) as `date`.
    pub fn agrees_with(self, date: NaiveDate) -> bool {
        match self {
            BirthInput::Day(d) => d == date,
            BirthInput::Month(y, m) => date.year() == y && date.month() == m,
        }
    }
}

/// Reads a 出生日期 cell: a date cell, an 8-digit number, an Excel serial day number, or text
/// such as `2003-05-01`, `2003/5/1`, `2003.5.1`, `20030501`, `2003年5月1日`, `2003-05`, `2003年5月`
/// (a time after the date is ignored). `None` when it cannot be read.
pub fn parse_birth(cell: &Cell) -> Option<BirthInput> {
    match cell {
        Cell::DateTime(dt) => Some(BirthInput::Day(dt.date())),
        Cell::Number(n) if n.fract() == 0.0 && *n >= 1.0 => {
            let n = *n as i64;
            if (10_000_000..100_000_000).contains(&n) {
                ymd(&n.to_string()).map(BirthInput::Day)
            } else if n <= 2_958_465 {
                // An unformatted date cell: days since 1899-12-30 (this epoch absorbs Excel's
                // phantom 1900-02-29 for every date after it).
                let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
                epoch
                    .checked_add_signed(Duration::days(n))
                    .map(BirthInput::Day)
            } else {
                None
            }
        }
        _ => parse_birth_text(&cell.text()),
    }
}

fn parse_birth_text(text: &str) -> Option<BirthInput> {
    if let Some(day) = iso_date(text) {
        return Some(BirthInput::Day(day));
    }
    let date_part = text.split_whitespace().next()?;
    let date_part = date_part.split('T').next()?;
    let t: String = normalize_id(date_part)
        .chars()
        .filter(|c| *c != '日' && *c != '号')
        .map(|c| match c {
            '年' | '月' | '/' | '.' => '-',
            _ => c,
        })
        .collect();
    let t = t.trim_end_matches('-');
    let parts: Vec<&str> = t.split('-').collect();
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?).map(BirthInput::Day)
        }
        [y, m] if y.len() == 4 => month(num(y)? as i32, num(m)?),
        [digits] if digits.len() == 8 => ymd(digits).map(BirthInput::Day),
        // Byte length alone is not enough: "19考9" is six bytes too, and must not be sliced.
        [digits] if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) => {
            month(num(&digits[..4])? as i32, num(&digits[4..])?)
        }
        _ => None,
    }
}

/// `2003-05-01` exactly, as most cells spell it, read without the general path's
/// normalising and splitting; anything else is left to it.
fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = [&text[..4], &text[5..7], &text[8..]].concat();
    ymd(&digits)
}

fn month(y: i32, m: u32) -> Option<BirthInput> {
    (1..=12).contains(&m).then_some(BirthInput::Month(y, m))
}

/// A 手机号 as the 11 digits of a mainland mobile number in an allocated prefix
/// ([`super::super::mobile`]), read from the forms people write (see [`phone_digits`]).
/// `None` when it is not one.
pub fn parse_phone(text: &str) -> Option<String> {
    phone_digits(text).filter(|d| is_mobile(d))
}

/// The 11 digits of a phone number as people write it: spaces, hyphens, dots and brackets
/// (full-width too) between the digits, and a country code in front as `+86`, `(+86)`,
/// `0086` or `86`. `None` unless 11 digits starting with 1 remain; whether they are in a
/// mobile allocation is [`parse_phone`]'s question.
pub fn phone_digits(text: &str) -> Option<String> {
    let t: String = normalize_id(text)
        .chars()
        .filter(|c| !matches!(c, '-' | '.' | '(' | ')' | '[' | ']' | '—' | '·'))
        .collect();
    let t = t
        .strip_prefix("+86")
        .or_else(|| t.strip_prefix("0086"))
        .unwrap_or(&t);
    let t = if t.len() == 13 {
        t.strip_prefix("86").unwrap_or(t)
    } else {
        t
    };
    (t.len() == 11 && t.starts_with('1') && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.to_string())
}

/// Whether a 证书名称 is the certificate's name, tolerating spaces around the whole and a
/// missing or extra space on either side of "B2B" (full-width spaces too); anything else is
/// reported.
pub fn cert_name_matches(text: &str) -> bool {
    let Some((before, after)) = text.trim().split_once("B2B") else {
        return false;
    };
    let (want_before, want_after) = ("跨境电商", "数据运营职业技能等级证书");
    before.trim_end() == want_before && after.trim_start() == want_after
}

/// A plan name reduced for comparison: white space removed, full-width ASCII forms (including
/// （） and ＋) made half-width, dashes unified, letters lower-cased.
fn plan_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a 考试计划 cell names `plan`: its full name (ignoring spaces, full/half-width
/// parentheses and dash forms), that name without the leading "1+X-", or its code in either
/// language (`20211211-初级`, `20211211-junior`).
pub fn plan_matches(text: &str, plan: &Plan) -> bool {
    // Nearly every row spells the name exactly: skip normalising both sides for each of them.
    if text.trim() == plan.name {
        return true;
    }
    let key = plan_key(text);
    if key.is_empty() {
        return false;
    }
    let name = plan_key(&plan.name);
    if key == name || name.strip_prefix("1+x-") == Some(key.as_str()) {
        return true;
    }
    parse_plan_code(text)
        .is_some_and(|(date, level)| date == plan.exam_start.date_naive() && level == plan.level)
}

/// Reads a 是否补考 cell. Retake: 是, 补考, Y, Yes, True, 1, √, ✓ (and a true boolean cell), or
/// text containing 补考 or starting with 是 that has no 非/不/否/无. Everything else, blank and
/// 否 included, is a first attempt.
pub fn parse_retake(cell: &Cell) -> bool {
    if let Cell::Bool(b) = cell {
        return *b;
    }
    let t = normalize_id(&cell.text());
    if matches!(
        t.as_str(),
        "是" | "补考" | "Y" | "YES" | "TRUE" | "1" | "√" | "✓"
    ) {
        return true;
    }
    let negated = t.contains(['非', '不', '否', '无']);
    !negated && (t.contains("补考") || t.starts_with('是'))
}
