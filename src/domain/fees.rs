//! Fees (考试费), payments, invoices (发票) and site service fees (考点服务费) as pure rules.
//! Money is integer 分 (fen) in an `i64` everywhere: parsed strictly from yuan text, never
//! through a float, and formatted as `¥1,800.00`.

use super::keyed::keyed;
use std::fmt;
use std::str::FromStr;

/// The largest amount accepted from staff: ¥100,000,000.00. Far above any real fee or payment,
/// and far below where sums of many amounts could overflow an `i64`.
pub const MAX_FEN: i64 = 10_000_000_000;

/// Yuan text that is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an amount in yuan: write 180 or 180.50")]
pub struct BadAmount(pub String);

/// Parses yuan text (`180`, `180.5`, `180.50`, also `¥180`) into fen. Strict: no sign, no
/// exponent, at most two decimals, no thousands separators, at most [`MAX_FEN`].
pub fn parse_yuan(s: &str) -> Result<i64, BadAmount> {
    let bad = || BadAmount(s.to_string());
    let t = s.trim();
    let t = t
        .strip_prefix('¥')
        .or_else(|| t.strip_prefix('￥'))
        .unwrap_or(t);
    let (whole, frac) = match t.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (t, None),
    };
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || frac.is_some_and(|f| !digits(f) || f.len() > 2) {
        return Err(bad());
    }
    // 12 digits of yuan already exceed MAX_FEN; checking the length first keeps the
    // multiplication below from ever overflowing.
    if whole.trim_start_matches('0').len() > 12 {
        return Err(bad());
    }
    let yuan: i64 = whole.parse().map_err(|_| bad())?;
    let cents: i64 = match frac {
        None => 0,
        Some(f) if f.len() == 1 => f.parse::<i64>().map_err(|_| bad())? * 10,
        Some(f) => f.parse().map_err(|_| bad())?,
    };
    let fen = yuan * 100 + cents;
    if fen > MAX_FEN {
        return Err(bad());
    }
    Ok(fen)
}

/// Formats fen as yuan with thousands separators: `¥1,800.00`, `-¥180.50`.
pub fn format_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let (yuan, cents) = (abs / 100, abs % 100);
    let digits = yuan.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}¥{grouped}.{cents:02}")
}

/// Plain yuan without symbol or separators (`1800.00`), for spreadsheets and the command line.
pub fn plain_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Whether a retake is the person's first retake after a fail, which the notice makes free in
/// 2021 (第一次补考免费). `earlier_fails` counts failed or absent results at this level before
/// this exam; `earlier_retakes` counts the person's retake registrations at this level for
/// earlier exams. Two earlier fails mean the person already retook once, even when that
/// registration predates this database.
pub fn first_retake_is_free(earlier_fails: usize, earlier_retakes: usize) -> bool {
    earlier_fails == 1 && earlier_retakes == 0
}

/// What one registered candidate costs the school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charge {
    /// The level's fee, in fen.
    Fee(i64),
    /// A first retake after a fail: listed at 0 with the reason.
    FreeRetake,
    /// The level has no fee set yet: unknown, never shown as 0.
    FeeNotSet,
}

impl Charge {
    /// The charge of a candidate at a level whose fee is `fee` (None: not set).
    pub fn of(fee: Option<i64>, free_retake: bool) -> Charge {
        match (free_retake, fee) {
            (true, _) => Charge::FreeRetake,
            (false, Some(f)) => Charge::Fee(f),
            (false, None) => Charge::FeeNotSet,
        }
    }

    /// The amount in fen, when known.
    pub fn fen(self) -> Option<i64> {
        match self {
            Charge::Fee(f) => Some(f),
            Charge::FreeRetake => Some(0),
            Charge::FeeNotSet => None,
        }
    }
}

/// A school's account: charged (None while some level's fee is not set), paid, invoiced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Balance {
    pub charged: Option<i64>,
    pub paid: i64,
}

impl Balance {
    /// Charged minus paid; negative is credit (an overpayment). None while charged is unknown.
    pub fn outstanding(self) -> Option<i64> {
        self.charged.map(|c| c - self.paid)
    }

    /// The overpayment, when the school paid more than it was charged.
    pub fn credit(self) -> Option<i64> {
        self.outstanding().filter(|o| *o < 0).map(|o| -o)
    }
}

keyed! {
    /// How the site service fee (考点服务费) is counted.
    pub enum SiteFeeBasis {
        /// Per candidate of a confirmed session.
        PerCandidate = "per_candidate",
        /// A flat amount per confirmed session.
        PerSession = "per_session",
    }
}

impl SiteFeeBasis {
    /// What a site is owed for one confirmed session of `candidates` at `rate` fen.
    pub fn owed(self, rate: i64, candidates: usize) -> i64 {
        match self {
            SiteFeeBasis::PerCandidate => rate * candidates as i64,
            SiteFeeBasis::PerSession => rate,
        }
    }
}

impl FromStr for SiteFeeBasis {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().replace('-', "_").as_str() {
            "per_candidate" | "candidate" | "按人" => Ok(SiteFeeBasis::PerCandidate),
            "per_session" | "session" | "按场" => Ok(SiteFeeBasis::PerSession),
            _ => Err(format!("unknown basis {s:?}: per-candidate or per-session")),
        }
    }
}

/// The invoice number format: `KW<year>-<6-digit sequence>`, e.g. `KW2021-000001`. The
/// sequence restarts at 1 each calendar year (China time) and has no gaps.
pub fn invoice_number(year: i32, seq: i64) -> String {
    format!("KW{year}-{seq:06}")
}

keyed! {
    /// The state of an invoice: issued, or reversed by a 红冲 invoice referring to it.
    pub enum InvoiceState {
        Issued = "issued",
        Reversed = "reversed",
    }
}

impl InvoiceState {}

/// Why a money action was refused (exit 1): nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeeRefused {
    #[error("the amount must be more than 0")]
    NotPositive,
    #[error("this needs a reason")]
    ReasonRequired,
    #[error("entry {0} is already reversed")]
    AlreadyReversed(String),
    #[error("entry {0} is itself a reversal: record a new entry instead")]
    IsReversal(String),
    #[error("no entry {0}")]
    Unknown(String),
    #[error("the invoice needs the buyer's title (抬头)")]
    TitleMissing,
    #[error("the invoice needs the buyer's tax id (纳税人识别号)")]
    TaxIdMissing,
    #[error("{0:?} is not a tax id: 15 to 20 letters and digits")]
    TaxIdInvalid(String),
    /// A site is paid its service fee for sessions it held: one without a confirmed session is
    /// owed nothing, so a payout to it is most likely the wrong school picked.
    #[error("{0} has no confirmed session: a site is paid only for confirmed sessions")]
    NoConfirmedSession(String),
    /// Every invoice names its seller (开票方): it is set once before the first is issued.
    #[error("no invoice issuer is set")]
    IssuerNotSet,
}

/// Checks a payment, payout or invoice amount.
pub fn check_amount(fen: i64) -> Result<(), FeeRefused> {
    if fen > 0 {
        Ok(())
    } else {
        Err(FeeRefused::NotPositive)
    }
}

/// Checks a reason typed for a reversal.
pub fn check_reason(reason: Option<&str>) -> Result<String, FeeRefused> {
    reason
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .ok_or(FeeRefused::ReasonRequired)
}

/// The buyer of an invoice: 抬头 and 纳税人识别号, trimmed; the tax id upper-cased. A 统一社会信用代码
/// has 18 characters; older registrations have 15 or 20.
pub fn check_buyer(title: &str, tax_id: &str) -> Result<(String, String), FeeRefused> {
    let title = title.trim();
    let tax = tax_id.trim().to_uppercase();
    if title.is_empty() {
        return Err(FeeRefused::TitleMissing);
    }
    if tax.is_empty() {
        return Err(FeeRefused::TaxIdMissing);
    }
    if !(15..=20).contains(&tax.len()) || !tax.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(FeeRefused::TaxIdInvalid(tax_id.trim().to_string()));
    }
    Ok((title.to_string(), tax))
}

impl fmt::Display for SiteFeeBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_parse_strictly_into_fen() {
        assert_eq!(parse_yuan("180"), Ok(18000));
        assert_eq!(parse_yuan("180.50"), Ok(18050));
        assert_eq!(parse_yuan("180.5"), Ok(18050));
        assert_eq!(parse_yuan(" ¥0.01 "), Ok(1));
        assert_eq!(parse_yuan("0"), Ok(0));
        assert_eq!(parse_yuan("100000000"), Ok(MAX_FEN));
        for bad in [
            "",
            "-1",
            "+1",
            "1e3",
            "180.505",
            "1,800",
            "18 0",
            ".5",
            "5.",
            "abc",
            "NaN",
            "100000000.01",
            "99999999999999999999",
        ] {
            assert!(parse_yuan(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn yuan_format_with_separators() {
        assert_eq!(format_yuan(180_000), "¥1,800.00");
        assert_eq!(format_yuan(5), "¥0.05");
        assert_eq!(format_yuan(-18_050), "-¥180.50");
        assert_eq!(format_yuan(12_345_678_900), "¥123,456,789.00");
        assert_eq!(plain_yuan(-5), "-0.05");
    }

    #[test]
    fn only_the_first_retake_after_a_fail_is_free() {
        assert!(first_retake_is_free(1, 0));
        assert!(!first_retake_is_free(0, 0), "no fail known: charged");
        assert!(!first_retake_is_free(1, 1), "already retook once here");
        assert!(!first_retake_is_free(2, 0), "already retook once before");
    }

    #[test]
    fn charges_add_up_in_fen_with_free_retakes() {
        let fee = Some(18_050);
        let charges = [
            Charge::of(fee, false),
            Charge::of(fee, true),
            Charge::of(fee, false),
        ];
        let total: Option<i64> = charges.iter().map(|c| c.fen()).sum();
        assert_eq!(total, Some(36_100));
        assert_eq!(Charge::of(None, true).fen(), Some(0));
        let unknown: Option<i64> = [Charge::of(fee, false), Charge::of(None, false)]
            .iter()
            .map(|c| c.fen())
            .sum();
        assert_eq!(unknown, None, "a missing fee is never counted as 0");
    }

    #[test]
    fn overpayment_is_credit() {
        let b = Balance {
            charged: Some(36_000),
            paid: 40_000,
        };
        assert_eq!(b.outstanding(), Some(-4_000));
        assert_eq!(b.credit(), Some(4_000));
        let unknown = Balance {
            charged: None,
            paid: 1,
        };
        assert_eq!(unknown.outstanding(), None);
    }

    #[test]
    fn site_fee_per_candidate_or_per_session() {
        assert_eq!(SiteFeeBasis::PerCandidate.owed(3_000, 25), 75_000);
        assert_eq!(SiteFeeBasis::PerSession.owed(50_000, 25), 50_000);
        assert_eq!("per-candidate".parse(), Ok(SiteFeeBasis::PerCandidate));
    }

    #[test]
    fn invoice_numbers_and_buyers() {
        assert_eq!(invoice_number(2021, 1), "KW2021-000001");
        assert_eq!(
            check_buyer(" 浙江商业职业技术学院 ", "12330000470003281x"),
            Ok(("浙江商业职业技术学院".into(), "12330000470003281X".into()))
        );
        assert_eq!(check_buyer("", "x"), Err(FeeRefused::TitleMissing));
        assert!(matches!(
            check_buyer("学院", "=HYPERLINK(1)"),
            Err(FeeRefused::TaxIdInvalid(_))
        ));
    }
}
