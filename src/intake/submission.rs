//! Checking and importing a school's 附件1 file for one plan: read safely, apply every row
//! rule, then record it all-or-nothing with its state (pending, late, early, waiting for the
//! site, or a recognised duplicate).

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

use super::xlsx::{load, read_sheet_bytes};
use super::{Limits, ReadError};
use crate::domain::Plan;
use crate::domain::columns::StudentColumn;
use crate::domain::problem::{Problem, ProblemCode};
use crate::domain::registration::{Registration, RuleContext, check_rows_owned};
use crate::domain::school::School;
use crate::domain::submission::SubmissionState;
use crate::i18n::Lang;
use crate::store::{Actor, NewCandidate, NewSubmission, Recorded, Store, StoreError};

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
    pub bytes: Vec<u8>,
    pub header_row: u32,
    pub registrations: Vec<Registration>,
    pub problems: Vec<Problem>,
}

impl FileCheck {
    /// Data rows in the file.
    pub fn rows(&self) -> usize {
        self.registrations.len()
    }

    /// Rows without any problem.
    pub fn valid_rows(&self) -> usize {
        self.registrations.iter().filter(|r| r.valid).count()
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
    let sha256 = sha256_hex(&bytes);
    // The bytes are kept as received; the reader parses its own copy.
    let mut sheet =
        read_sheet_bytes::<StudentColumn>(bytes.clone(), &file_name, limits, lang, progress)?;
    let mut problems = std::mem::take(&mut sheet.problems);
    // Without a required column the rows cannot be judged: the school fixes the header first.
    let header_broken = problems
        .iter()
        .any(|p| p.code == ProblemCode::MissingColumn);
    let registrations = if header_broken {
        Vec::new()
    } else {
        let plans = store.plans()?;
        let registry = store.registry()?;
        let ctx = RuleContext {
            plan,
            plans: &plans,
            registry: &registry,
            lang,
        };
        let checked = check_rows_owned(std::mem::take(&mut sheet.rows), &ctx);
        problems.extend(checked.problems);
        checked.registrations
    };
    Ok(FileCheck {
        file_name,
        sha256,
        bytes,
        header_row: sheet.header_row,
        registrations,
        problems,
    })
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

/// Checks a file and records it as a submission, all-or-nothing.
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
    // A re-sent file is recognised before any work is spent on its rows.
    if let Some(id) = store.submission_by_sha(&sha256_hex(&bytes))? {
        return Ok(Imported::Duplicate { id });
    }
    let check = check_bytes(
        store,
        file_name,
        bytes,
        arrival.plan,
        limits,
        lang,
        progress,
    )?;
    let state = SubmissionState::on_arrival(arrival.plan, arrival.received_at, arrival.school.site);
    let candidates: Vec<NewCandidate> = check.registrations.iter().map(to_candidate).collect();
    let new = NewSubmission {
        plan_id: arrival.plan.id,
        school_id: arrival.school.id,
        file_name: &check.file_name,
        sha256: &check.sha256,
        bytes: &check.bytes,
        received_at: arrival.received_at,
        state,
        rows: check.rows(),
        header_row: check.header_row,
        candidates: &candidates,
        problems: &check.problems,
    };
    match store.record_submission(actor, &new)? {
        Recorded::New(id) => Ok(Imported::New { id, state, check }),
        Recorded::Duplicate(id) => Ok(Imported::Duplicate { id }),
    }
}

fn to_candidate(r: &Registration) -> NewCandidate {
    NewCandidate {
        row: r.row,
        name: r.name.clone(),
        id_type: r.id_type.zh().to_string(),
        id_number: r.id_number.clone(),
        gender: r.gender.map(|g| g.zh().to_string()),
        birth_date: r.birth_date.map(|d| d.to_string()),
        phone: r.phone.clone(),
        school_name: r.school.clone(),
        major: r.major.clone(),
        grade: r.grade.clone(),
        class: r.class.clone(),
        retake: r.retake,
        remark: r.remark.clone(),
        valid: r.valid,
    }
}
