//! Checking and importing a school's 附件1 file for one plan: read safely, apply every row
//! rule, then record it all-or-nothing with its state (pending, late, early, waiting for the
//! site, or a recognised duplicate).

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

use super::xlsx::{load, read_sheet_each};
use super::{Limits, ReadError};
use crate::domain::Plan;
use crate::domain::columns::StudentColumn;
use crate::domain::problem::{Problem, ProblemCode};
use crate::domain::registration::{Registration, RowChecker, RuleContext};
use crate::domain::school::School;
use crate::domain::submission::SubmissionState;
use crate::i18n::Lang;
use crate::store::{
    Actor, Feed, NewCandidate, Recorded, Store, StoreError, SubmissionHead, SubmissionTail,
};

/// Why a file could not be checked or imported at all.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    /// Not an xlsx, damaged, encrypted, too large or a bomb: problem code `file_unreadable`.
    #[error(transparent)]
    Unreadable(#[from] ReadError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl IntakeError {
    /// The problem code of docs/cli.md for a file that cannot be read.
    pub fn code(&self) -> Option<ProblemCode> {
        match self {
            IntakeError::Unreadable(e) => Some(e.code()),
            IntakeError::Store(_) => None,
        }
    }
}

/// A file read and checked against a plan.
#[derive(Debug, Clone)]
pub struct FileCheck {
    pub file_name: String,
    pub sha256: String,
    /// The worksheet the rows were read from.
    pub sheet_name: String,
    /// Its rows that Excel hides (read like the others; see [`super::Sheet::hidden_rows`]).
    pub hidden_rows: Vec<u32>,
    pub header_row: u32,
    /// Data rows in the file (rows blank apart from 序号 do not count).
    pub rows: usize,
    /// Rows without any problem.
    pub valid_rows: usize,
    pub problems: Vec<Problem>,
}

impl FileCheck {
    /// Data rows in the file.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Rows without any problem.
    pub fn valid_rows(&self) -> usize {
        self.valid_rows
    }
}

/// SHA-256 as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads and checks a file against `plan`, writing nothing.
pub fn check_file(
    store: &Store,
    path: &Path,
    plan: &Plan,
    limits: &Limits,
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<FileCheck, IntakeError> {
    let (file_name, bytes) = load(path, limits, lang)?;
    check_bytes(store, file_name, bytes, plan, limits, lang, progress)
}

/// [`check_file`] on a file already in memory.
pub fn check_bytes(
    store: &Store,
    file_name: String,
    bytes: Vec<u8>,
    plan: &Plan,
    limits: &Limits,
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<FileCheck, IntakeError> {
    let plans = store.plans()?;
    let registry = store.registry(rows_in(&bytes))?;
    let ctx = RuleContext {
        plan,
        plans: &plans,
        registry: &registry,
        today: crate::domain::time::now().date_naive(),
    };
    let sha256 = sha256_hex(&bytes);
    let check = check_each(
        file_name,
        sha256,
        &bytes,
        &ctx,
        // The rules speak no language; only a file the reader refuses is said in words.
        (limits, lang),
        progress,
        &mut |_| {},
    )?;
    registry.finish()?;
    Ok(check)
}

/// About how many rows a file of these bytes holds (Excel's 附件1 takes about 70 bytes a row):
/// the registry reads everyone at once when that is cheaper than looking up this many rows.
fn rows_in(bytes: &[u8]) -> usize {
    bytes.len() / 70
}

/// Reads and checks the file, handing each registration to `each` as soon as its row is
/// checked: neither the sheet's cells nor the registrations are ever all held at once.
fn check_each(
    file_name: String,
    sha256: String,
    bytes: &[u8],
    ctx: &RuleContext<'_>,
    (limits, lang): (&Limits, Lang),
    progress: &mut dyn FnMut(u32),
    each: &mut dyn FnMut(Registration),
) -> Result<FileCheck, IntakeError> {
    let mut checker = RowChecker::new(ctx, 0);
    let (mut rows, mut valid_rows) = (0, 0);
    let sheet = read_sheet_each::<StudentColumn>(
        bytes,
        &file_name,
        limits,
        lang,
        progress,
        &mut |heading, row| {
            // Without a required column the rows cannot be judged: the school fixes the
            // header first. The header's problems are final before the first row arrives.
            if header_broken(heading.problems) {
                return;
            }
            checker.expect_rows(heading.declared_rows as usize);
            if let Some(reg) = checker.check(row) {
                rows += 1;
                valid_rows += usize::from(reg.valid);
                each(reg);
            }
        },
    )?;
    let mut problems = sheet.problems;
    if !header_broken(&problems) {
        problems.extend(checker.into_problems());
    }
    Ok(FileCheck {
        file_name,
        sha256,
        sheet_name: sheet.sheet_name,
        hidden_rows: sheet.hidden_rows,
        header_row: sheet.header_row,
        rows,
        valid_rows,
        problems,
    })
}

fn header_broken(problems: &[Problem]) -> bool {
    problems
        .iter()
        .any(|p| p.code == ProblemCode::MissingColumn)
}

/// What an import did.
#[derive(Debug, Clone)]
pub enum Imported {
    /// Recorded as a new submission in this state.
    New {
        id: i64,
        state: SubmissionState,
        check: FileCheck,
    },
    /// The same bytes were recorded before as submission `id`: nothing imported.
    Duplicate { id: i64 },
}

/// Where and when a file came from.
#[derive(Debug, Clone)]
pub struct Arrival<'a> {
    pub plan: &'a Plan,
    pub school: &'a School,
    pub received_at: DateTime<FixedOffset>,
}

/// A plan or a school as the caller knows it: by id (the console's pickers, the demo's own
/// records) or as typed (an id, a plan code, a school name).
#[derive(Debug, Clone, Copy)]
pub enum Named<'a> {
    Id(i64),
    Key(&'a str),
}

/// A file to record: for which plan and school, received when.
#[derive(Debug, Clone, Copy)]
pub struct Intake<'a> {
    pub path: &'a Path,
    pub plan: Named<'a>,
    pub school: Named<'a>,
    pub received_at: DateTime<FixedOffset>,
}

/// What an import did, with the plan and school it was for (callers report them).
#[derive(Debug, Clone)]
pub struct Filed {
    pub plan: Plan,
    pub school: School,
    pub imported: Imported,
}

/// The one way a file becomes a submission, for the command line, the console and the demo:
/// find the plan and the school, build the arrival, import all-or-nothing.
pub fn import_submission(
    store: &mut Store,
    actor: &Actor,
    intake: &Intake<'_>,
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<Filed, IntakeError> {
    let plan = match intake.plan {
        Named::Id(id) => store.plan(id)?,
        Named::Key(k) => store.find_plan(k)?,
    };
    let school = match intake.school {
        Named::Id(id) => store.school(id)?,
        Named::Key(k) => store.find_school(k)?,
    };
    let arrival = Arrival {
        plan: &plan,
        school: &school,
        received_at: intake.received_at,
    };
    let limits = Limits::default();
    let imported = import_file(store, actor, intake.path, &arrival, &limits, lang, progress)?;
    Ok(Filed {
        plan,
        school,
        imported,
    })
}

/// Candidates handed to the store at a time: big enough that the hand-over costs nothing,
/// small enough that little is held in flight.
const BATCH: usize = 512;

/// Checks a file and records it as a submission, all-or-nothing. The rows are checked on this
/// thread while a second one stores them in the one write transaction, so reading and storing
/// overlap; if the file turns out unreadable part-way, the transaction is rolled back.
pub fn import_file(
    store: &mut Store,
    actor: &Actor,
    path: &Path,
    arrival: &Arrival<'_>,
    limits: &Limits,
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<Imported, IntakeError> {
    let (file_name, bytes) = load(path, limits, lang)?;
    let sha256 = sha256_hex(&bytes);
    // A re-sent file is recognised before any work is spent on its rows.
    if let Some(id) = store.submission_by_sha(&sha256)? {
        return Ok(Imported::Duplicate { id });
    }
    let plans = store.plans()?;
    // Its own connection: `store` is lent to the writing thread below.
    let registry = store.registry_apart(rows_in(&bytes))?;
    let ctx = RuleContext {
        plan: arrival.plan,
        plans: &plans,
        registry: &registry,
        today: crate::domain::time::now().date_naive(),
    };
    let state = SubmissionState::on_arrival(arrival.plan, arrival.received_at, arrival.school.site);
    let head = SubmissionHead {
        plan_id: arrival.plan.id,
        school_id: arrival.school.id,
        file_name: &file_name,
        sha256: &sha256,
        bytes: &bytes,
        received_at: arrival.received_at,
        state,
    };
    let (feed, fed) = std::sync::mpsc::sync_channel::<Feed>(8);
    let (checked, recorded) = std::thread::scope(|scope| {
        let head = &head;
        let writer =
            scope.spawn(move || store.record_submission_fed(actor, head, &mut || fed.recv().ok()));
        let mut batch = Vec::with_capacity(BATCH);
        let checked = check_each(
            file_name.clone(),
            sha256.clone(),
            &bytes,
            &ctx,
            (limits, lang),
            progress,
            &mut |reg| {
                batch.push(into_candidate(reg));
                if batch.len() == BATCH {
                    // A writer that stopped (a duplicate recorded meanwhile, or an error) says
                    // why when joined.
                    let _ = feed.send(Feed::Candidates(std::mem::replace(
                        &mut batch,
                        Vec::with_capacity(BATCH),
                    )));
                }
            },
        );
        // A lookup that failed leaves the check unfounded: nothing of it is recorded.
        let checked = checked.and_then(|c| registry.finish().map(|()| c).map_err(Into::into));
        if let Ok(c) = &checked {
            let _ = feed.send(Feed::Candidates(batch));
            let _ = feed.send(Feed::Done(SubmissionTail {
                rows: c.rows,
                header_row: c.header_row,
                problems: c.problems.clone(),
            }));
        }
        // Without its tail the writer rolls back.
        drop(feed);
        let recorded = writer
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (checked, recorded)
    });
    let check = checked?;
    match recorded?.0 {
        Recorded::New(id) => Ok(Imported::New { id, state, check }),
        Recorded::Duplicate(id) => Ok(Imported::Duplicate { id }),
    }
}

/// The registration as stored, its text moved rather than copied.
fn into_candidate(r: Registration) -> NewCandidate {
    NewCandidate {
        row: r.row,
        name: r.name,
        id_type: r.id_type.zh().to_string(),
        id_number: r.id_number,
        gender: r.gender.map(|g| g.zh().to_string()),
        birth_date: r.birth_date.map(|d| d.to_string()),
        phone: r.phone,
        school_name: r.school,
        major: r.major,
        grade: r.grade,
        class: r.class,
        retake: r.retake,
        remark: r.remark,
        valid: r.valid,
    }
}
