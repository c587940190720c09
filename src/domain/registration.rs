//! 报名信息 row checks (domain.md §3 and §4): every rule a row of 附件1 must pass, with every
//! problem of a row reported, and the cross-row checks (duplicates, names, slots) done in one
//! pass over hash maps so a 100k-row submission stays well under a second.

mod cross;
mod fields;
mod id_cell;

// foldhash rather than SipHash: these maps are asked several times for every row of a file.
use foldhash::{HashMap, HashMapExt};

use chrono::NaiveDate;

use cross::{Seen, cross_check, unmarked_retake};
use id_cell::check_id_cell;

pub use fields::{
    BirthInput, CERTIFICATE, cert_name_matches, parse_birth, parse_phone, parse_retake,
    phone_digits, plan_matches,
};

use super::columns::{ColumnSpec, StudentColumn};
use super::identity::{Gender, IdType};
use super::mobile::unallocated_prefix;
use super::name::{MAX_NAME_CHARS, NameFault, describe_hidden, name_fault};
use super::problem::{Arg, Problem, ProblemCode, Says, Sentence};
use super::sheet::{Cell, SheetRow};
use super::{Level, Plan};

/// What the rules need to know beyond the file: provided by the store (preloaded maps), faked
/// in tests.
pub trait Registry {
    /// Whether this ID is already registered (in an accepted submission) for plan `plan_id`,
    /// any school.
    fn registered_in_plan(&self, plan_id: i64, id_number: &str) -> bool;
    /// The name this ID is known under elsewhere (other submissions, results), if any.
    fn known_name(&self, id_number: &str) -> Option<String>;
    /// Ids of the other plans this ID is registered for (accepted).
    fn plans_of(&self, id_number: &str) -> Vec<i64>;
    /// Whether an earlier result at this level was not a pass: 未通过, and 缺考 too, since an
    /// absent candidate did not pass either (考核未通过).
    fn has_failed(&self, id_number: &str, level: Level) -> bool;
}

/// Everything a check needs besides the rows: the submission's plan, all plans (for slot
/// overlaps and naming a wrong plan) and the registry.
pub struct RuleContext<'a> {
    pub plan: &'a Plan,
    pub plans: &'a [Plan],
    pub registry: &'a dyn Registry,
    /// The day the file is checked (China time): nobody is born after it, even when the
    /// exam is months away.
    pub today: NaiveDate,
}

/// One candidate row as read and normalised by the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// The sheet's own row number.
    pub row: u32,
    pub name: String,
    pub id_type: IdType,
    /// Normalised: ASCII, upper-case X, no spaces.
    pub id_number: String,
    /// From the ID number when it is valid, else from the 性别 cell.
    pub gender: Option<Gender>,
    /// From the ID number when it is valid, else from a whole date in the 出生日期 cell.
    pub birth_date: Option<NaiveDate>,
    /// 11 digits when valid, the cell's text otherwise.
    pub phone: String,
    pub school: String,
    pub major: String,
    pub grade: String,
    pub class: String,
    pub retake: bool,
    pub remark: String,
    /// False iff the row has any problem.
    pub valid: bool,
}

/// The outcome of checking a file's rows: a registration per non-blank row, and every problem.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Checked {
    pub registrations: Vec<Registration>,
    pub problems: Vec<Problem>,
}

impl Checked {
    /// Rows without any problem.
    pub fn valid_rows(&self) -> usize {
        self.registrations.iter().filter(|r| r.valid).count()
    }
}

/// Checks every row against the plan and the registry. Rows that are blank apart from 序号
/// (templates come pre-numbered) are skipped; every other row yields a registration.
pub fn check_rows(rows: &[SheetRow<StudentColumn>], ctx: &RuleContext) -> Checked {
    let mut checker = RowChecker::new(ctx, rows.len());
    let registrations = rows
        .iter()
        .filter_map(|r| checker.check(r.clone()))
        .collect();
    Checked {
        registrations,
        problems: checker.into_problems(),
    }
}

/// Checks rows one at a time, in sheet order, remembering what the cross-row checks need: a
/// file can be checked (and stored) as it is read, never holding all its rows at once.
pub struct RowChecker<'c> {
    ctx: &'c RuleContext<'c>,
    plans: HashMap<i64, &'c Plan>,
    seen: HashMap<String, Seen>,
    problems: Vec<Problem>,
}

impl<'c> RowChecker<'c> {
    /// A checker for about `rows` rows.
    pub fn new(ctx: &'c RuleContext<'c>, rows: usize) -> RowChecker<'c> {
        RowChecker {
            ctx,
            plans: ctx.plans.iter().map(|p| (p.id, p)).collect(),
            seen: HashMap::with_capacity(rows),
            problems: Vec::new(),
        }
    }

    /// Makes room for about `rows` rows in all, once: growing the duplicate check's map row by
    /// row rehashed every ID number seen so far at each doubling, a twentieth of an import.
    pub fn expect_rows(&mut self, rows: usize) {
        if self.seen.capacity() == 0 {
            self.seen.reserve(rows);
        }
    }

    /// The registration of one row, or `None` for a row blank apart from 序号; its problems
    /// are collected.
    pub fn check(&mut self, row: SheetRow<StudentColumn>) -> Option<Registration> {
        if row
            .cells
            .iter()
            .all(|(c, v)| *c == StudentColumn::Seq || v.is_blank())
        {
            return None;
        }
        let ctx = self.ctx;
        let mut rc = RowCheck {
            row: row.row,
            problems: &mut self.problems,
            found: 0,
        };
        let mut reg = check_row(row, ctx, &mut rc);
        if !reg.id_number.is_empty() {
            cross_check(&reg, ctx, &self.plans, &mut self.seen, &mut rc);
            unmarked_retake(&mut reg, ctx, &mut rc);
        }
        reg.valid = rc.found == 0;
        Some(reg)
    }

    /// Every problem found, in row order.
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }
}

/// Collects one row's problems as codes and arguments: the rules speak no language.
struct RowCheck<'p> {
    row: u32,
    problems: &'p mut Vec<Problem>,
    found: usize,
}

impl RowCheck<'_> {
    fn add(&mut self, column: StudentColumn, code: ProblemCode, says: Says) {
        self.found += 1;
        self.note(column, code, says);
    }

    /// A problem told to the school that leaves the row valid.
    fn note(&mut self, column: StudentColumn, code: ProblemCode, says: Says) {
        self.problems.push(Problem {
            row: Some(self.row),
            column: Some(column.header().to_string()),
            code,
            says,
        });
    }

    fn say(&mut self, column: StudentColumn, code: ProblemCode, sentence: Sentence) {
        self.add(column, code, Says::just(sentence));
    }

    fn fill<const N: usize>(
        &mut self,
        column: StudentColumn,
        code: ProblemCode,
        sentence: Sentence,
        args: [(&str, Arg); N],
    ) {
        self.add(column, code, Says::with(sentence, args));
    }
}

/// The checks that need only the row itself, then the registration, its text moved out of
/// the row rather than copied.
fn check_row(
    mut row: SheetRow<StudentColumn>,
    ctx: &RuleContext,
    rc: &mut RowCheck,
) -> Registration {
    use StudentColumn as C;
    let f = check_cells(&row, ctx, rc);
    let number = row.row;
    let mut take = |c| row.take(c).into_text();
    Registration {
        row: number,
        name: take(C::Name),
        id_type: f.id_type.unwrap_or(IdType::Other),
        id_number: f.id_number,
        gender: f.gender,
        birth_date: f.birth_date,
        phone: f.phone,
        school: take(C::School),
        major: take(C::Major),
        grade: take(C::Grade),
        class: take(C::Class),
        retake: f.retake,
        remark: take(C::Remark),
        valid: false,
    }
}

/// What the checks of one row make of the cells they read.
struct CellFacts {
    id_type: Option<IdType>,
    id_number: String,
    gender: Option<Gender>,
    birth_date: Option<NaiveDate>,
    phone: String,
    retake: bool,
}

fn check_cells(row: &SheetRow<StudentColumn>, ctx: &RuleContext, rc: &mut RowCheck) -> CellFacts {
    use StudentColumn as C;
    let text = |c: StudentColumn| row.get(c).text();
    let exam_date = ctx.plan.exam_start.date_naive();

    let name = text(C::Name);
    if let Cell::Bool(_) = row.get(C::Name) {
        // TRUE/FALSE is what a stray formula or a checkbox leaves, not anybody's name.
        rc.fill(
            C::Name,
            ProblemCode::NameMissing,
            Sentence::NameNotText,
            [("value", name.to_string().into())],
        );
    } else if name.is_empty() {
        rc.say(C::Name, ProblemCode::NameMissing, Sentence::NameMissing);
    } else if let Some(fault) = name_fault(&name) {
        match fault {
            // Named by code point: the characters themselves would be invisible or act.
            NameFault::Hidden(chars) => rc.fill(
                C::Name,
                ProblemCode::NameChars,
                Sentence::NameChars,
                [("chars", describe_hidden(&chars).into())],
            ),
            NameFault::TooLong(n) => rc.fill(
                C::Name,
                ProblemCode::NameLength,
                Sentence::NameLength,
                [("n", n.into()), ("max", MAX_NAME_CHARS.into())],
            ),
        }
    } else if name.chars().any(char::is_whitespace) {
        rc.fill(
            C::Name,
            ProblemCode::NameSpaces,
            Sentence::NameSpaces,
            [("name", name.to_string().into())],
        );
    }

    let type_text = text(C::IdType);
    let id_type = IdType::parse(&type_text);
    if id_type.is_none() {
        rc.fill(
            C::IdType,
            ProblemCode::IdTypeInvalid,
            Sentence::IdTypeInvalid,
            [("value", type_text.to_string().into())],
        );
    }
    let (id_number, resident) =
        check_id_cell(row.get(C::IdNumber), id_type, (exam_date, ctx.today), rc);

    let gender_cell = text(C::Gender);
    let gender_given = (!gender_cell.is_empty()).then(|| Gender::parse(&gender_cell));
    match (gender_given, &resident) {
        (Some(None), _) => rc.fill(
            C::Gender,
            ProblemCode::GenderMismatch,
            Sentence::GenderUnreadable,
            [("value", gender_cell.to_string().into())],
        ),
        (Some(Some(g)), Some(id)) if g != id.gender => rc.fill(
            C::Gender,
            ProblemCode::GenderMismatch,
            Sentence::GenderMismatch,
            [("given", Arg::Gender(g)), ("id", Arg::Gender(id.gender))],
        ),
        _ => {}
    }

    let birth_cell = row.get(C::BirthDate);
    let birth_given = (!birth_cell.is_blank()).then(|| parse_birth(birth_cell));
    match (birth_given, &resident) {
        (Some(None), _) => rc.fill(
            C::BirthDate,
            ProblemCode::BirthDateMismatch,
            Sentence::BirthUnreadable,
            [("value", birth_cell.text().to_string().into())],
        ),
        (Some(Some(b)), Some(id)) if !b.agrees_with(id.birth_date) => rc.fill(
            C::BirthDate,
            ProblemCode::BirthDateMismatch,
            Sentence::BirthMismatch,
            [
                ("given", birth_cell.text().to_string().into()),
                ("id", id.birth_date.into()),
            ],
        ),
        _ => {}
    }

    let phone_text = text(C::Phone);
    let phone = match parse_phone(&phone_text) {
        Some(p) => p,
        None if phone_text.is_empty() => {
            rc.say(C::Phone, ProblemCode::PhoneInvalid, Sentence::PhoneEmpty);
            phone_text.into_owned()
        }
        None => {
            // Masked like every phone on screen: the count, or the beginning no mobile number
            // has, says what is wrong.
            let value = crate::domain::privacy::mask_phone(&phone_text);
            let digits = phone_digits(&phone_text);
            match digits.as_deref().and_then(unallocated_prefix) {
                Some(prefix) => rc.fill(
                    C::Phone,
                    ProblemCode::PhoneInvalid,
                    Sentence::PhoneNotMobile,
                    [("value", value.into()), ("prefix", prefix.into())],
                ),
                None => rc.fill(
                    C::Phone,
                    ProblemCode::PhoneInvalid,
                    Sentence::PhoneInvalid,
                    [
                        ("value", value.into()),
                        ("n", phone_text.chars().count().into()),
                    ],
                ),
            }
            phone_text.into_owned()
        }
    };

    check_cert_level_plan(row, ctx, rc);

    CellFacts {
        id_type,
        id_number,
        gender: resident
            .as_ref()
            .map(|r| r.gender)
            .or(gender_given.flatten()),
        birth_date: resident
            .as_ref()
            .map(|r| r.birth_date)
            .or(match birth_given {
                Some(Some(BirthInput::Day(d))) => Some(d),
                _ => None,
            }),
        phone,
        retake: parse_retake(row.get(C::Retake)),
    }
}

/// 证书名称, 证书等级 and 考试计划 against the submission's plan.
fn check_cert_level_plan(row: &SheetRow<StudentColumn>, ctx: &RuleContext, rc: &mut RowCheck) {
    use StudentColumn as C;
    let cert = row.get(C::CertName).text();
    if cert.is_empty() {
        rc.fill(
            C::CertName,
            ProblemCode::CertNameMismatch,
            Sentence::CertNameEmpty,
            [("expected", CERTIFICATE.into())],
        );
    } else if !cert_name_matches(&cert) {
        rc.fill(
            C::CertName,
            ProblemCode::CertNameMismatch,
            Sentence::CertNameMismatch,
            [
                ("expected", CERTIFICATE.into()),
                ("value", cert.to_string().into()),
            ],
        );
    }

    let level = row.get(C::CertLevel).text();
    let expected = ctx.plan.level.zh();
    if level.is_empty() {
        rc.fill(
            C::CertLevel,
            ProblemCode::LevelMismatch,
            Sentence::LevelEmpty,
            [("expected", expected.into())],
        );
    } else if level.parse::<Level>().ok() != Some(ctx.plan.level) {
        rc.fill(
            C::CertLevel,
            ProblemCode::LevelMismatch,
            Sentence::LevelMismatch,
            [
                ("expected", expected.into()),
                ("value", level.to_string().into()),
            ],
        );
    }

    let plan = row.get(C::Plan).text();
    // Formatted only for a message: on every row it was about 8% of the rules' time.
    let code = || ctx.plan.code();
    if plan.is_empty() {
        rc.fill(
            C::Plan,
            ProblemCode::PlanMismatch,
            Sentence::PlanEmpty,
            [
                ("plan", ctx.plan.name.as_str().into()),
                ("code", code().into()),
            ],
        );
    } else if !plan_matches(&plan, ctx.plan) {
        match ctx.plans.iter().find(|p| plan_matches(&plan, p)) {
            Some(other) => rc.fill(
                C::Plan,
                ProblemCode::PlanMismatch,
                Sentence::PlanOther,
                [
                    ("value", plan.to_string().into()),
                    ("other", other.code().into()),
                    ("code", code().into()),
                ],
            ),
            None => rc.fill(
                C::Plan,
                ProblemCode::PlanMismatch,
                Sentence::PlanMismatch,
                [
                    ("value", plan.to_string().into()),
                    ("plan", ctx.plan.name.as_str().into()),
                    ("code", code().into()),
                ],
            ),
        }
    }
}
