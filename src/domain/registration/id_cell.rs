//! The 证件号码 cell: which number it holds, if it can be trusted, and its problems.

use chrono::NaiveDate;

use super::RowCheck;
use crate::domain::columns::StudentColumn;
use crate::domain::id_number::{
    AGE_RANGE, Charset, IdProblem, OtherDocument, ResidentId, check_id_at, is_scientific,
    normalize_id,
};
use crate::domain::identity::IdType;
use crate::domain::problem::Sentence as S;
use crate::domain::problem::{Arg, ProblemCode};
use crate::domain::sheet::Cell;

/// The ID number cell: the number as normalised (empty when none can be trusted) and, for a
/// valid GB 11643 number, what it says. A number cell never yields digits: Excel keeps 15
/// significant digits, so the rest are gone and guessing them would register someone else.
/// `dates` are the exam day and today: a birth date after either is refused.
pub(super) fn check_id_cell(
    cell: &Cell,
    id_type: Option<IdType>,
    (exam_date, today): (NaiveDate, NaiveDate),
    rc: &mut RowCheck,
) -> (String, Option<ResidentId>) {
    use StudentColumn as C;
    let lost = match cell {
        Cell::Number(n) => id_type.is_none_or(IdType::is_gb11643) || n.abs() >= 1e15,
        Cell::Text(t) => is_scientific(t),
        _ => false,
    };
    if lost {
        // Said truthfully: up to 15 digits survive a double whole, and 15 of them are the
        // retired first-generation number; only longer numbers lost digits.
        match cell {
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                let digits = format!("{}", n.abs() as u64);
                if digits.len() == 15 {
                    rc.say(
                        C::IdNumber,
                        ProblemCode::IdPrecisionLost,
                        S::IdFifteenAsNumber,
                    );
                } else {
                    rc.fill(
                        C::IdNumber,
                        ProblemCode::IdPrecisionLost,
                        S::IdStoredAsNumber,
                        [("n", digits.len().into())],
                    );
                }
            }
            _ => rc.say(
                C::IdNumber,
                ProblemCode::IdPrecisionLost,
                S::IdPrecisionLost,
            ),
        }
        return (String::new(), None);
    }
    let raw = cell.text();
    let number = normalize_id(&raw);
    let Some(id_type) = id_type else {
        // Which rules apply is unknown; the number still counts for duplicates.
        if number.is_empty() {
            rc.say(C::IdNumber, ProblemCode::IdLength, S::IdEmpty);
        }
        return (number, None);
    };
    match check_id_at(id_type, &raw, exam_date, today) {
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
        IdProblem::Length { found: 0, .. } => rc.say(C, code, S::IdEmpty),
        IdProblem::Length { found, min, max } => {
            let expected = if min == max {
                min.to_string()
            } else {
                format!("{min}–{max}")
            };
            rc.fill(
                C,
                code,
                S::IdLength,
                [("expected", expected.into()), ("found", (*found).into())],
            );
        }
        IdProblem::Chars { bad, allowed } => {
            let msg = match allowed {
                Charset::Gb11643 => S::IdCharsGb,
                Charset::Passport => S::IdCharsPassport,
                Charset::Other => S::IdCharsOther,
            };
            rc.fill(C, code, msg, [("bad", bad.to_string().into())]);
        }
        IdProblem::Region {
            region,
            expected: None,
        } => rc.fill(
            C,
            code,
            S::IdRegion,
            [("region", region.to_string().into())],
        ),
        IdProblem::Region {
            region,
            expected: Some(expected),
        } => rc.fill(
            C,
            code,
            S::IdRegionPermit,
            [
                ("type", Arg::IdType(id_type)),
                ("expected", expected.to_string().into()),
                ("region", region.to_string().into()),
            ],
        ),
        IdProblem::BirthDate {
            digits,
            future,
            exam_date,
        } => {
            let msg = if *future {
                S::IdBirthFuture
            } else {
                S::IdBirthNotReal
            };
            rc.fill(
                C,
                code,
                msg,
                [
                    ("digits", digits.to_string().into()),
                    ("exam", (*exam_date).into()),
                ],
            );
        }
        IdProblem::OtherDocument {
            document: OtherDocument::ForeignPermanentResidence,
        } => rc.say(C, code, S::IdForeignPermanent),
        IdProblem::OtherDocument { document } => rc.fill(
            C,
            code,
            S::IdOtherDocument,
            [("type", Arg::IdType(document.id_type()))],
        ),
        IdProblem::FifteenDigits => rc.say(C, code, S::IdFifteenDigits),
        IdProblem::BirthAfterToday { digits, today } => rc.fill(
            C,
            code,
            S::IdBirthAfterToday,
            [
                ("digits", digits.to_string().into()),
                ("today", (*today).into()),
            ],
        ),
        IdProblem::Checksum { expected, found } => rc.fill(
            C,
            code,
            S::IdChecksum,
            [
                ("expected", expected.to_string().into()),
                ("found", found.to_string().into()),
            ],
        ),
        IdProblem::Age { age, exam_date } => rc.fill(
            C,
            code,
            S::IdAge,
            [
                ("exam", (*exam_date).into()),
                ("age", Arg::Int(i64::from(*age))),
                ("min", Arg::Int(i64::from(AGE_RANGE.0))),
                ("max", Arg::Int(i64::from(AGE_RANGE.1))),
            ],
        ),
    }
}
