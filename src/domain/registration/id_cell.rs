//! The 证件号码 cell: which number it holds, if it can be trusted, and its problems.

use chrono::NaiveDate;

use super::RowCheck;
use crate::domain::columns::StudentColumn;
use crate::domain::id_number::{
    AGE_RANGE, Charset, IdProblem, OtherDocument, ResidentId, check_id, is_scientific, normalize_id,
};
use crate::domain::identity::IdType;
use crate::domain::problem::ProblemCode;
use crate::domain::sheet::Cell;
use crate::i18n::problems as m;

/// The ID number cell: the number as normalised (empty when none can be trusted) and, for a
/// valid GB 11643 number, what it says. A number cell never yields digits: Excel keeps 15
/// significant digits, so the rest are gone and guessing them would register someone else.
pub(super) fn check_id_cell(
    cell: &Cell,
    id_type: Option<IdType>,
    exam_date: NaiveDate,
    rc: &mut RowCheck,
) -> (String, Option<ResidentId>) {
    use StudentColumn as C;
    let lost = match cell {
        Cell::Number(n) => id_type.is_none_or(IdType::is_gb11643) || n.abs() >= 1e15,
        Cell::Text(t) => is_scientific(t),
        _ => false,
    };
    if lost {
        rc.say(
            C::IdNumber,
            ProblemCode::IdPrecisionLost,
            &m::ID_PRECISION_LOST,
        );
        return (String::new(), None);
    }
    let raw = cell.text();
    let number = normalize_id(&raw);
    let Some(id_type) = id_type else {
        // Which rules apply is unknown; the number still counts for duplicates.
        if number.is_empty() {
            rc.say(C::IdNumber, ProblemCode::IdLength, &m::ID_EMPTY);
        }
        return (number, None);
    };
    match check_id(id_type, &raw, exam_date) {
        Ok(resident) => (number, resident),
        Err(problems) => {
            for p in &problems {
                id_problem(p, id_type, rc);
            }
            (number, None)
        }
    }
}

fn id_problem(p: &IdProblem, id_type: IdType, rc: &mut RowCheck) {
    use StudentColumn::IdNumber as C;
    let code = p.code();
    match p {
        IdProblem::Length { found: 0, .. } => rc.say(C, code, &m::ID_EMPTY),
        IdProblem::Length { found, min, max } => {
            let expected = if min == max {
                min.to_string()
            } else {
                format!("{min}–{max}")
            };
            rc.fill(
                C,
                code,
                &m::ID_LENGTH,
                &[("expected", &expected), ("found", found)],
            );
        }
        IdProblem::Chars { bad, allowed } => {
            let msg = match allowed {
                Charset::Gb11643 => &m::ID_CHARS_GB,
                Charset::Passport => &m::ID_CHARS_PASSPORT,
                Charset::Other => &m::ID_CHARS_OTHER,
            };
            rc.fill(C, code, msg, &[("bad", bad)]);
        }
        IdProblem::Region {
            region,
            expected: None,
        } => rc.fill(
            C,
            code,
            &m::ID_REGION,
            &[("region", region), ("province", &&region[..2])],
        ),
        IdProblem::Region {
            region,
            expected: Some(expected),
        } => {
            let kind = rc.pick(id_type.zh(), id_type.en()).to_string();
            rc.fill(
                C,
                code,
                &m::ID_REGION_PERMIT,
                &[("type", &kind), ("expected", expected), ("region", region)],
            );
        }
        IdProblem::BirthDate {
            digits,
            future,
            exam_date,
        } => {
            let msg = if *future {
                &m::ID_BIRTH_FUTURE
            } else {
                &m::ID_BIRTH_NOT_REAL
            };
            rc.fill(C, code, msg, &[("digits", digits), ("exam", exam_date)]);
        }
        IdProblem::OtherDocument { document } => {
            let (zh, en) = match document {
                OtherDocument::HkMacaoPermit => {
                    ("港澳居民居住证", "Hong Kong/Macao residence permit")
                }
                OtherDocument::TaiwanPermit => ("台湾居民居住证", "Taiwan residence permit"),
                OtherDocument::ForeignPermanentResidence => (
                    "外国人永久居留身份证",
                    "foreigner's permanent residence ID card",
                ),
            };
            let t = document.id_type();
            let (doc, kind) = (rc.pick(zh, en).to_string(), t.zh());
            rc.fill(
                C,
                code,
                &m::ID_OTHER_DOCUMENT,
                &[("document", &doc), ("type", &kind)],
            );
        }
        IdProblem::FifteenDigits => rc.say(C, code, &m::ID_FIFTEEN_DIGITS),
        IdProblem::BirthAfterToday { digits, today } => rc.fill(
            C,
            code,
            &m::ID_BIRTH_AFTER_TODAY,
            &[("digits", digits), ("today", today)],
        ),
        IdProblem::Checksum { expected, found } => rc.fill(
            C,
            code,
            &m::ID_CHECKSUM,
            &[("expected", expected), ("found", found)],
        ),
        IdProblem::Age { age, exam_date } => rc.fill(
            C,
            code,
            &m::ID_AGE,
            &[
                ("exam", exam_date),
                ("age", age),
                ("min", &AGE_RANGE.0),
                ("max", &AGE_RANGE.1),
            ],
        ),
    }
}
