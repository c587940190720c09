//! Photo checks: each run of a school's archive against a submission, and every candidate's
//! current photo status. A re-check replaces a candidate's status (the run it came from stays
//! listed, so who checked which archive when is never lost) and is audited.

use rusqlite::{Row, params};
use serde_json::json;

use super::audit::{Change, record};
use super::{Actor, Result, Store, StoreError, optional, stamp};
use crate::domain::photo::{self, PhotoState};
use crate::domain::problem::ProblemCode;
use crate::domain::staff::Role;

/// One candidate's result of a check, to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoResult {
    pub candidate_id: i64,
    /// The archive entry checked as the candidate's photo.
    pub entry: Option<String>,
    /// The measured average background colour.
    pub colour: Option<[u8; 3]>,
    pub problems: Vec<(ProblemCode, String)>,
}

/// A problem of an entry that belongs to no candidate (orphan, bad name, unsafe).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryNote {
    pub entry: String,
    pub code: ProblemCode,
    pub message: String,
}

/// A check run to record: all of it is written in one transaction or not at all.
#[derive(Debug, Clone)]
pub struct NewPhotoCheck<'a> {
    pub submission_id: i64,
    /// The archive's file name (no directories: the path is the checker's, not the school's).
    pub archive_name: &'a str,
    pub archive_sha256: &'a str,
    pub entries: usize,
    pub results: &'a [PhotoResult],
    pub entry_problems: &'a [EntryNote],
}

/// A candidate's current photo status, with the run it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoStatus {
    pub candidate_id: i64,
    pub submission_id: i64,
    /// The candidate's row in the school's sheet.
    pub row: u32,
    pub id_number: String,
    pub name: String,
    pub state: PhotoState,
    pub entry: Option<String>,
    pub colour: Option<[u8; 3]>,
    pub problems: Vec<(ProblemCode, String)>,
    pub check_id: i64,
    pub archive_name: String,
    pub archive_sha256: String,
    /// RFC 3339, China time.
    pub checked_at: String,
    pub checked_by: String,
}

/// One run of a check of a submission's photo archive, with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoCheckRun {
    pub id: i64,
    pub submission_id: i64,
    pub archive_name: String,
    pub archive_sha256: String,
    pub entries: usize,
    pub ok: usize,
    pub problem: usize,
    pub missing: usize,
    /// Problems of entries that belong to no candidate.
    pub entry_problems: Vec<EntryNote>,
    /// RFC 3339, China time.
    pub checked_at: String,
    pub checked_by: String,
}

/// A candidate an archive is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoCandidate {
    pub candidate_id: i64,
    pub id_number: String,
    pub name: String,
}

const STATUS: &str = "SELECT c.id, c.submission_id, c.row, c.id_number, c.name, ps.state, ps.entry,
    ps.colour, ps.problems, pc.id, pc.archive_name, pc.archive_sha256, pc.checked_at, pc.checked_by
    FROM photo_status ps JOIN candidate c ON c.id = ps.candidate_id
    JOIN photo_check pc ON pc.id = ps.check_id";

fn corrupt(i: usize, what: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.into())
}

fn status(r: &Row<'_>) -> rusqlite::Result<PhotoStatus> {
    let state: String = r.get(5)?;
    let colour: Option<String> = r.get(7)?;
    let problems: String = r.get(8)?;
    Ok(PhotoStatus {
        candidate_id: r.get(0)?,
        submission_id: r.get(1)?,
        row: r.get(2)?,
        id_number: r.get(3)?,
        name: r.get(4)?,
        state: PhotoState::from_key(&state).ok_or_else(|| corrupt(5, state))?,
        entry: r.get(6)?,
        colour: match colour {
            Some(c) => Some(photo::from_hex(&c).ok_or_else(|| corrupt(7, c))?),
            None => None,
        },
        problems: problems_from_json(&problems).ok_or_else(|| corrupt(8, problems))?,
        check_id: r.get(9)?,
        archive_name: r.get(10)?,
        archive_sha256: r.get(11)?,
        checked_at: r.get(12)?,
        checked_by: r.get(13)?,
    })
}

fn run(r: &Row<'_>) -> rusqlite::Result<PhotoCheckRun> {
    let notes: String = r.get(8)?;
    let entry_problems = entry_notes_from_json(&notes).ok_or_else(|| corrupt(8, notes))?;
    let count = |i: usize| r.get::<_, i64>(i).map(|n| n as usize);
    Ok(PhotoCheckRun {
        id: r.get(0)?,
        submission_id: r.get(1)?,
        archive_name: r.get(2)?,
        archive_sha256: r.get(3)?,
        entries: count(4)?,
        ok: count(5)?,
        problem: count(6)?,
        missing: count(7)?,
        entry_problems,
        checked_at: r.get(9)?,
        checked_by: r.get(10)?,
    })
}

fn entry_notes_from_json(s: &str) -> Option<Vec<EntryNote>> {
    let v: serde_json::Value = serde_json::from_str(s).ok()?;
    v.as_array()?
        .iter()
        .map(|p| {
            Some(EntryNote {
                entry: p.get("entry")?.as_str()?.to_string(),
                code: ProblemCode::from_key(p.get("code")?.as_str()?)?,
                message: p.get("message")?.as_str()?.to_string(),
            })
        })
        .collect()
}

fn problems_json(problems: &[(ProblemCode, String)]) -> String {
    let v: Vec<_> = problems
        .iter()
        .map(|(c, m)| json!({ "code": c.key(), "message": m }))
        .collect();
    serde_json::Value::Array(v).to_string()
}

fn problems_from_json(s: &str) -> Option<Vec<(ProblemCode, String)>> {
    let v: serde_json::Value = serde_json::from_str(s).ok()?;
    v.as_array()?
        .iter()
        .map(|p| {
            let code = ProblemCode::from_key(p.get("code")?.as_str()?)?;
            Some((code, p.get("message")?.as_str()?.to_string()))
        })
        .collect()
}

impl Store {
    /// Every candidate of a submission, in sheet order: what its photo archive is checked
    /// against, with the ids the results are stored under.
    pub fn photo_candidates(&self, submission_id: i64) -> Result<Vec<PhotoCandidate>> {
        self.submission(submission_id)?;
        let mut stmt = self.conn().prepare(
            "SELECT id, id_number, name FROM candidate WHERE submission_id = ?1 ORDER BY row, id",
        )?;
        let rows = stmt.query_map([submission_id], |r| {
            Ok(PhotoCandidate {
                candidate_id: r.get(0)?,
                id_number: r.get(1)?,
                name: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a check run and replaces the photo status of every candidate it covers; returns
    /// the run's id. Refused whole if a result names a candidate of another submission.
    pub fn record_photo_check(&mut self, actor: &Actor, c: &NewPhotoCheck<'_>) -> Result<i64> {
        let sub = self.submission(c.submission_id)?;
        let states: Vec<PhotoState> = c
            .results
            .iter()
            .map(|r| PhotoState::of(r.problems.iter().map(|(code, _)| *code)))
            .collect();
        let count = |s: PhotoState| states.iter().filter(|x| **x == s).count();
        let (ok, problem, missing) = (
            count(PhotoState::Ok),
            count(PhotoState::Problem),
            count(PhotoState::Missing),
        );
        let entry_problems: Vec<_> = c
            .entry_problems
            .iter()
            .map(|e| json!({ "entry": e.entry, "code": e.code.key(), "message": e.message }))
            .collect();
        self.write(actor, Role::Triage, "photo.check", |tx| {
            let replaced: i64 = tx.query_row(
                "SELECT count(*) FROM photo_status ps JOIN candidate c ON c.id = ps.candidate_id
                 WHERE c.submission_id = ?1",
                [c.submission_id],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO photo_check (submission_id, archive_name, archive_sha256, entries,
                 ok, problem, missing, entry_problems, checked_at, checked_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    c.submission_id,
                    c.archive_name,
                    c.archive_sha256,
                    c.entries as i64,
                    ok as i64,
                    problem as i64,
                    missing as i64,
                    serde_json::Value::Array(entry_problems).to_string(),
                    stamp(),
                    actor.0,
                ],
            )?;
            let check_id = tx.last_insert_rowid();
            let mut upsert = tx.prepare(
                "INSERT INTO photo_status (candidate_id, check_id, state, entry, colour, problems)
                 SELECT id, ?2, ?3, ?4, ?5, ?6 FROM candidate WHERE id = ?1 AND submission_id = ?7
                 ON CONFLICT (candidate_id) DO UPDATE SET check_id = excluded.check_id,
                 state = excluded.state, entry = excluded.entry, colour = excluded.colour,
                 problems = excluded.problems",
            )?;
            for (r, state) in c.results.iter().zip(&states) {
                let n = upsert.execute(params![
                    r.candidate_id,
                    check_id,
                    state.key(),
                    r.entry,
                    r.colour.map(photo::hex),
                    problems_json(&r.problems),
                    c.submission_id,
                ])?;
                if n != 1 {
                    return Err(StoreError::Corrupt(format!(
                        "candidate {} is not in submission {}",
                        r.candidate_id, c.submission_id
                    )));
                }
            }
            let mut detail = format!(
                "{}: {ok} ok · {problem} problem · {missing} missing · {} entry problems",
                c.archive_name,
                c.entry_problems.len()
            );
            if replaced > 0 {
                detail.push_str(&format!(" (replaces {replaced} earlier results)"));
            }
            record(
                tx,
                actor,
                Change {
                    action: "photo.check".into(),
                    entity: "submission",
                    entity_id: Some(c.submission_id),
                    label: format!("#{} {} {}", sub.id, sub.school, sub.plan_code),
                    detail,
                    reason: None,
                },
            )?;
            Ok(check_id)
        })
    }

    /// Every check run of a submission's photos, newest first.
    pub fn photo_checks(&self, submission_id: i64) -> Result<Vec<PhotoCheckRun>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, submission_id, archive_name, archive_sha256, entries, ok, problem,
             missing, entry_problems, checked_at, checked_by
             FROM photo_check WHERE submission_id = ?1 ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([submission_id], run)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A candidate's current photo status; `None` until an archive was checked for them.
    pub fn photo_status(&self, candidate_id: i64) -> Result<Option<PhotoStatus>> {
        optional(self.conn().query_row(
            &format!("{STATUS} WHERE ps.candidate_id = ?1"),
            [candidate_id],
            status,
        ))
    }

    /// The photo status of every checked candidate of a submission, in sheet order.
    pub fn photo_statuses(&self, submission_id: i64) -> Result<Vec<PhotoStatus>> {
        let mut stmt = self.conn().prepare(&format!(
            "{STATUS} WHERE c.submission_id = ?1 ORDER BY c.row, c.id"
        ))?;
        let rows = stmt.query_map([submission_id], status)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
