//! Submissions, their candidates and problems: recorded all-or-nothing, decided with audit.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use rusqlite::{Row, Transaction, params, params_from_iter, types::Value};

use super::audit::{Change, escape_like, record};
use super::{Actor, Result, Store, StoreError, optional, parse_stored_time, says, stamp};
use crate::domain::problem::{Problem, ProblemCode, Says};
use crate::domain::staff::Role;
use crate::domain::submission::{Decision, DecisionInput, DecisionRefused, SubmissionState};
use crate::domain::{SiteState, time};

/// One candidate row to store (a registration as read from the school's sheet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewCandidate {
    pub row: u32,
    pub name: String,
    pub id_type: String,
    pub id_number: String,
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub phone: String,
    pub school_name: String,
    pub major: String,
    pub grade: String,
    pub class: String,
    pub retake: bool,
    pub remark: String,
    pub valid: bool,
}

/// A submission to record: everything is written in one transaction or not at all.
#[derive(Debug, Clone)]
pub struct NewSubmission<'a> {
    pub plan_id: i64,
    pub school_id: i64,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub bytes: &'a [u8],
    pub received_at: DateTime<FixedOffset>,
    pub state: SubmissionState,
    /// The file's data rows.
    pub rows: usize,
    pub header_row: u32,
    pub candidates: &'a [NewCandidate],
    pub problems: &'a [Problem],
}

/// What recording a file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    New(i64),
    /// The same bytes (SHA-256) were recorded before as this submission: nothing imported.
    Duplicate(i64),
}

/// A submission as lists and screens show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionSummary {
    pub id: i64,
    pub plan_id: i64,
    pub plan_code: String,
    pub school_id: i64,
    pub school: String,
    pub site: SiteState,
    pub file_name: String,
    pub sha256: String,
    pub received_at: DateTime<FixedOffset>,
    pub state: SubmissionState,
    pub rows: usize,
    pub valid_rows: usize,
    /// Candidate records stored for it.
    pub candidates: usize,
    /// Problems found (cell problems and file-level ones).
    pub problems: usize,
    pub header_row: u32,
    pub valid_only: bool,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub note: Option<String>,
    pub imported_by: String,
    pub version: i64,
}

impl SubmissionSummary {
    /// Rows that have at least one problem.
    pub fn rows_with_problems(&self) -> usize {
        self.rows.saturating_sub(self.valid_rows)
    }
}

/// Which submissions to list.
#[derive(Debug, Clone, Default)]
pub struct SubmissionFilter {
    pub state: Option<SubmissionState>,
    pub plan_id: Option<i64>,
    pub school_id: Option<i64>,
    /// Words that must all appear in the school name, file name or plan code.
    pub text: String,
}

/// One stored candidate, for the Candidates screen and the submission detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateRow {
    pub id: i64,
    pub submission_id: i64,
    pub row: u32,
    pub name: String,
    pub id_type: String,
    pub id_number: String,
    pub gender: Option<String>,
    pub phone: String,
    pub school: String,
    pub plan_code: String,
    pub retake: bool,
    pub valid: bool,
    pub submission_state: SubmissionState,
}

/// A decision taken on a stale screen: someone else changed the submission first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleDecision {
    pub by: String,
    pub at: String,
    pub state: SubmissionState,
}

pub(super) const SUMMARY: &str =
    "SELECT s.id, s.plan_id, p.exam_start, p.level, s.school_id, sc.name, sc.site_state,
    s.file_name, s.sha256, s.received_at, s.state, s.rows, s.valid_rows,
    s.candidates, s.problems,
    s.header_row, s.valid_only, s.decided_by, s.decided_at, s.note, s.imported_by, s.version
    FROM submission s JOIN plan p ON p.id = s.plan_id JOIN school sc ON sc.id = s.school_id";

pub(super) fn summary(r: &Row<'_>) -> rusqlite::Result<SubmissionSummary> {
    summary_coded(r, &mut HashMap::new())
}

fn bad(i: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        i,
        rusqlite::types::Type::Text,
        what.to_string().into(),
    )
}

/// The plan code of the row's plan (its exam day and level, as `Plan::code`).
fn plan_code(r: &Row<'_>) -> rusqlite::Result<String> {
    let exam_start = r.get_ref(2)?.as_str()?;
    let level: crate::domain::Level = r
        .get_ref(3)?
        .as_str()?
        .parse()
        .map_err(|_| bad(3, "level"))?;
    Ok(format!(
        "{}-{}",
        exam_start.get(..10).unwrap_or("").replace('-', ""),
        level.zh()
    ))
}

/// [`summary`], taking each plan's code from `codes` once it is made: a list of 25,000
/// submissions has a few dozen plans.
fn summary_coded(
    r: &Row<'_>,
    codes: &mut HashMap<i64, String>,
) -> rusqlite::Result<SubmissionSummary> {
    let plan_id: i64 = r.get(1)?;
    let plan_code = match codes.entry(plan_id) {
        std::collections::hash_map::Entry::Occupied(e) => e.get().clone(),
        std::collections::hash_map::Entry::Vacant(e) => e.insert(plan_code(r)?).clone(),
    };
    let received = r.get_ref(9)?.as_str()?;
    let state = r.get_ref(10)?.as_str()?;
    let site = r.get_ref(6)?.as_str()?;
    Ok(SubmissionSummary {
        id: r.get(0)?,
        plan_id,
        plan_code,
        school_id: r.get(4)?,
        school: r.get(5)?,
        site: site.parse().map_err(|_| bad(6, "site state"))?,
        file_name: r.get(7)?,
        sha256: r.get(8)?,
        received_at: parse_stored_time(received).map_err(|_| bad(9, "received_at"))?,
        state: state.parse().map_err(|_| bad(10, "state"))?,
        rows: r.get::<_, i64>(11)? as usize,
        valid_rows: r.get::<_, i64>(12)? as usize,
        candidates: r.get::<_, i64>(13)? as usize,
        problems: r.get::<_, i64>(14)? as usize,
        header_row: r.get(15)?,
        valid_only: r.get(16)?,
        decided_by: r.get(17)?,
        decided_at: r.get(18)?,
        note: r.get(19)?,
        imported_by: r.get(20)?,
        version: r.get(21)?,
    })
}

/// Reads the row into `s`, a summary read before, reusing its strings: a listing of 25,000
/// submissions then makes no allocation per row.
fn refill(
    r: &Row<'_>,
    codes: &mut HashMap<i64, String>,
    s: &mut SubmissionSummary,
) -> rusqlite::Result<()> {
    fn text(r: &Row<'_>, i: usize, into: &mut String) -> rusqlite::Result<()> {
        into.clear();
        into.push_str(r.get_ref(i)?.as_str()?);
        Ok(())
    }
    fn opt_text(r: &Row<'_>, i: usize, into: &mut Option<String>) -> rusqlite::Result<()> {
        match (r.get_ref(i)?.as_str_or_null()?, into.as_mut()) {
            (None, _) => *into = None,
            (Some(t), Some(s)) => {
                s.clear();
                s.push_str(t);
            }
            (Some(t), None) => *into = Some(t.to_string()),
        }
        Ok(())
    }
    s.plan_id = r.get(1)?;
    let code = match codes.entry(s.plan_id) {
        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
        std::collections::hash_map::Entry::Vacant(e) => e.insert(plan_code(r)?),
    };
    s.plan_code.clear();
    s.plan_code.push_str(code);
    s.id = r.get(0)?;
    s.school_id = r.get(4)?;
    text(r, 5, &mut s.school)?;
    s.site = r
        .get_ref(6)?
        .as_str()?
        .parse()
        .map_err(|_| bad(6, "site state"))?;
    text(r, 7, &mut s.file_name)?;
    text(r, 8, &mut s.sha256)?;
    let received = r.get_ref(9)?.as_str()?;
    s.received_at = parse_stored_time(received).map_err(|_| bad(9, "received_at"))?;
    s.state = r
        .get_ref(10)?
        .as_str()?
        .parse()
        .map_err(|_| bad(10, "state"))?;
    s.rows = r.get::<_, i64>(11)? as usize;
    s.valid_rows = r.get::<_, i64>(12)? as usize;
    s.candidates = r.get::<_, i64>(13)? as usize;
    s.problems = r.get::<_, i64>(14)? as usize;
    s.header_row = r.get(15)?;
    s.valid_only = r.get(16)?;
    opt_text(r, 17, &mut s.decided_by)?;
    opt_text(r, 18, &mut s.decided_at)?;
    opt_text(r, 19, &mut s.note)?;
    text(r, 20, &mut s.imported_by)?;
    s.version = r.get(21)?;
    Ok(())
}

fn find_by_sha(tx: &rusqlite::Connection, sha: &str) -> Result<Option<i64>> {
    optional(
        tx.query_row("SELECT id FROM submission WHERE sha256 = ?1", [sha], |r| {
            r.get(0)
        }),
    )
}

/// SQLite's page cache while a fed submission is written, as `PRAGMA cache_size` (negative:
/// KiB): 64 MiB.
const IMPORT_CACHE_KIB: i64 = -64 * 1024;

/// What a submission is before its rows: enough to start recording it.
#[derive(Debug, Clone)]
pub struct SubmissionHead<'a> {
    pub plan_id: i64,
    pub school_id: i64,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub bytes: &'a [u8],
    pub received_at: DateTime<FixedOffset>,
    pub state: SubmissionState,
}

/// What is known once every row is checked.
#[derive(Debug, Clone)]
pub struct SubmissionTail {
    /// The file's data rows.
    pub rows: usize,
    pub header_row: u32,
    pub problems: Vec<Problem>,
}

/// What a submission recorded as it is read receives: candidates in sheet order, then the
/// tail. A feed that ends without its tail (the file turned out unreadable) records nothing.
#[derive(Debug, Clone)]
pub enum Feed {
    Candidates(Vec<NewCandidate>),
    Done(SubmissionTail),
}

/// The submission row (its counts filled in by [`finish`]) and the file.
fn insert_head(tx: &Transaction<'_>, actor: &Actor, h: &SubmissionHead<'_>) -> Result<i64> {
    tx.execute(
        "INSERT INTO submission (plan_id, school_id, file_name, sha256, received_at, imported_at,
         imported_by, state, rows, valid_rows, header_row)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0, 0)",
        params![
            h.plan_id,
            h.school_id,
            h.file_name,
            h.sha256,
            time::rfc3339(&h.received_at),
            stamp(),
            actor.0,
            h.state.key(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO submission_file (submission_id, bytes) VALUES (?1, ?2)",
        params![id, h.bytes],
    )?;
    Ok(id)
}

/// How many candidates a submission holds, as its import counts them.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    all: usize,
    valid: usize,
    /// Valid rows marked as retakes: the sessions' kept head counts take them.
    retakes: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.all += o.all;
        self.valid += o.valid;
        self.retakes += o.retakes;
    }
}

/// Inserts candidates of submission `id`, counting them as they go in (a count queried after
/// would read them all again).
fn insert_candidates<'c>(
    tx: &Transaction<'_>,
    id: i64,
    candidates: impl IntoIterator<Item = &'c NewCandidate>,
) -> Result<Counts> {
    let mut ins = tx.prepare_cached(
        "INSERT INTO candidate (submission_id, row, name, id_type, id_number, gender, birth_date,
         phone, school_name, major, grade, class, retake, remark, valid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    let mut n = Counts::default();
    // Written once the batch is in, in the table's order (see `KeyBatch`).
    let mut keys = super::candidates::KeyBatch::default();
    for c in candidates {
        n.all += 1;
        n.valid += usize::from(c.valid);
        n.retakes += usize::from(c.valid && c.retake);
        ins.execute(params![
            id,
            c.row,
            c.name,
            c.id_type,
            c.id_number,
            c.gender,
            c.birth_date,
            c.phone,
            c.school_name,
            c.major,
            c.grade,
            c.class,
            c.retake,
            c.remark,
            c.valid
        ])?;
        let cid = tx.last_insert_rowid();
        keys.add(cid, &c.name, &c.id_number, &c.phone);
    }
    keys.write(tx)?;
    Ok(n)
}

/// The counts, the problems and the audit entry, once every candidate is in.
fn finish(
    tx: &Transaction<'_>,
    actor: &Actor,
    id: i64,
    h: &SubmissionHead<'_>,
    t: &SubmissionTail,
    n: Counts,
) -> Result<()> {
    // The counts the submissions list shows, kept here so that listing never counts rows, and
    // the retakes the sessions' kept head counts take (migration 014's triggers).
    tx.execute(
        "UPDATE submission SET rows = ?2, valid_rows = ?3, header_row = ?4,
         candidates = ?5, problems = ?6, retakes = ?7
         WHERE id = ?1",
        params![
            id,
            t.rows as i64,
            n.valid as i64,
            t.header_row,
            n.all as i64,
            t.problems.len() as i64,
            n.retakes as i64
        ],
    )?;
    let mut ins = tx.prepare(
        "INSERT INTO problem (submission_id, row, col, code, message, says)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for p in &t.problems {
        // A sentence is kept as its words' key and arguments (message left empty); text that
        // is only text (a reader's refusal) is kept as written.
        let (message, says) = match &p.says {
            Says::Text(t) => (t.as_str(), None),
            s @ Says::Sentence(..) => ("", says::to_json(s)),
        };
        ins.execute(params![id, p.row, p.column, p.code.key(), message, says])?;
    }
    let label: String = tx.query_row(
        "SELECT name FROM school WHERE id = ?1",
        [h.school_id],
        |r| r.get(0),
    )?;
    record(
        tx,
        actor,
        Change {
            action: "submission.import".into(),
            entity: "submission",
            entity_id: Some(id),
            label,
            detail: format!(
                "{} {} 行, {} 行有效, {} 个问题 → {}",
                h.file_name,
                t.rows,
                n.valid,
                t.problems.len(),
                h.state.key()
            ),
            reason: None,
        },
    )?;
    Ok(())
}

impl Store {
    /// The submission recorded with these bytes, if any.
    pub fn submission_by_sha(&self, sha256: &str) -> Result<Option<i64>> {
        find_by_sha(self.conn(), sha256)
    }

    /// Records a submission with its candidates, problems and the file itself, audited, in one
    /// transaction. The duplicate check runs inside the transaction, so two staff importing the
    /// same file at once record it once.
    pub fn record_submission(&mut self, actor: &Actor, s: &NewSubmission<'_>) -> Result<Recorded> {
        let head = SubmissionHead {
            plan_id: s.plan_id,
            school_id: s.school_id,
            file_name: s.file_name,
            sha256: s.sha256,
            bytes: s.bytes,
            received_at: s.received_at,
            state: s.state,
        };
        let tail = SubmissionTail {
            rows: s.rows,
            header_row: s.header_row,
            problems: s.problems.to_vec(),
        };
        self.write(actor, Role::Triage, "submission.import", |tx| {
            if let Some(id) = find_by_sha(tx, s.sha256)? {
                return Ok(Recorded::Duplicate(id));
            }
            let id = insert_head(tx, actor, &head)?;
            let counts = insert_candidates(tx, id, s.candidates)?;
            finish(tx, actor, id, &head, &tail, counts)?;
            Ok(Recorded::New(id))
        })
    }

    /// [`Store::record_submission`] taking the candidates as they are checked, from `next`,
    /// in one transaction: the file is stored while it is still being read. Returns the tail
    /// it was given. When `next` ends without [`Feed::Done`], nothing is recorded.
    pub fn record_submission_fed(
        &mut self,
        actor: &Actor,
        head: &SubmissionHead<'_>,
        next: &mut dyn FnMut() -> Option<Feed>,
    ) -> Result<(Recorded, Option<SubmissionTail>)> {
        // A 100k-row submission touches far more index pages than SQLite's default 2 MB cache
        // holds: pages are spilled and re-read mid-transaction, and the writer spent more time
        // in the kernel than in SQLite. The larger cache is allocated only as pages are used,
        // and only for this transaction.
        let pragma = |name: &str| -> Result<i64> {
            Ok(self
                .conn()
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?)
        };
        let (cache, checkpoint) = (pragma("cache_size")?, pragma("wal_autocheckpoint")?);
        self.conn()
            .pragma_update(None, "cache_size", IMPORT_CACHE_KIB)?;
        // Copying tens of megabytes from the WAL into the database is not part of recording
        // the submission: the commit alone makes it durable. The caller checkpoints once the
        // result is shown ([`Store::checkpoint`]); failing that, the next commit does.
        self.conn().pragma_update(None, "wal_autocheckpoint", 0)?;
        let out = self.fed(actor, head, next);
        self.conn().pragma_update(None, "cache_size", cache)?;
        self.conn()
            .pragma_update(None, "wal_autocheckpoint", checkpoint)?;
        out
    }

    fn fed(
        &mut self,
        actor: &Actor,
        head: &SubmissionHead<'_>,
        next: &mut dyn FnMut() -> Option<Feed>,
    ) -> Result<(Recorded, Option<SubmissionTail>)> {
        self.write(actor, Role::Triage, "submission.import", |tx| {
            if let Some(id) = find_by_sha(tx, head.sha256)? {
                return Ok((Recorded::Duplicate(id), None));
            }
            let id = insert_head(tx, actor, head)?;
            let mut n = Counts::default();
            loop {
                match next() {
                    Some(Feed::Candidates(batch)) => n += insert_candidates(tx, id, &batch)?,
                    Some(Feed::Done(tail)) => {
                        finish(tx, actor, id, head, &tail, n)?;
                        return Ok((Recorded::New(id), Some(tail)));
                    }
                    None => return Err(StoreError::Abandoned),
                }
            }
        })
    }

    /// Submissions matching `filter`, newest received first.
    pub fn submissions(&self, filter: &SubmissionFilter) -> Result<Vec<SubmissionSummary>> {
        let mut out = Vec::new();
        self.each_submission(filter, |s| out.push(s.clone()))?;
        Ok(out)
    }

    /// [`Store::submissions`] one at a time, as they are read, each lent to `each` in the
    /// same reused summary: a listing of 25,000 prints them without holding them all or
    /// allocating for each.
    pub fn each_submission(
        &self,
        filter: &SubmissionFilter,
        mut each: impl FnMut(&SubmissionSummary),
    ) -> Result<()> {
        let mut sql = format!("{SUMMARY} WHERE 1 = 1");
        let mut args: Vec<Value> = Vec::new();
        if let Some(st) = filter.state {
            sql.push_str(" AND s.state = ?");
            args.push(Value::Text(st.key().into()));
        }
        if let Some(p) = filter.plan_id {
            sql.push_str(" AND s.plan_id = ?");
            args.push(Value::Integer(p));
        }
        if let Some(sc) = filter.school_id {
            sql.push_str(" AND s.school_id = ?");
            args.push(Value::Integer(sc));
        }
        for w in filter.text.split_whitespace() {
            sql.push_str(
                " AND (sc.name || ' ' || s.file_name || ' ' || s.state || ' ' || p.name) LIKE ? ESCAPE '\\'",
            );
            args.push(Value::Text(format!("%{}%", escape_like(w))));
        }
        sql.push_str(" ORDER BY s.received_at DESC, s.id DESC");
        let mut stmt = self.conn().prepare(&sql)?;
        let mut codes = HashMap::new();
        let mut rows = stmt.query(params_from_iter(args))?;
        let mut row: Option<SubmissionSummary> = None;
        while let Some(r) = rows.next()? {
            let s = match row.as_mut() {
                Some(s) => {
                    refill(r, &mut codes, s)?;
                    s
                }
                None => row.insert(summary_coded(r, &mut codes)?),
            };
            each(s);
        }
        Ok(())
    }

    /// How many submissions need a decision from staff
    /// ([`SubmissionState::needs_decision`]), counted without loading them.
    pub fn submissions_needing_decision(&self) -> Result<usize> {
        let mut stmt = self
            .conn()
            .prepare("SELECT state, COUNT(*) FROM submission GROUP BY state")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut n = 0;
        for row in rows {
            let (state, count) = row?;
            if state
                .parse::<SubmissionState>()
                .is_ok_and(SubmissionState::needs_decision)
            {
                n += count as usize;
            }
        }
        Ok(n)
    }

    /// One submission.
    pub fn submission(&self, id: i64) -> Result<SubmissionSummary> {
        optional(
            self.conn()
                .query_row(&format!("{SUMMARY} WHERE s.id = ?1"), [id], summary),
        )?
        .ok_or(StoreError::UnknownSubmission(id))
    }

    /// The newest submission of a school for a plan.
    pub fn latest_submission(&self, plan_id: i64, school_id: i64) -> Result<Option<i64>> {
        optional(self.conn().query_row(
            "SELECT id FROM submission WHERE plan_id = ?1 AND school_id = ?2
             ORDER BY received_at DESC, id DESC LIMIT 1",
            params![plan_id, school_id],
            |r| r.get(0),
        ))
    }

    /// The problems of a submission, by row (file-level ones first).
    pub fn submission_problems(&self, id: i64) -> Result<Vec<Problem>> {
        let mut stmt = self.conn().prepare(
            "SELECT row, col, code, message, says FROM problem WHERE submission_id = ?1
             ORDER BY row NULLS FIRST, id",
        )?;
        let rows = stmt.query_map([id], |r| {
            let code: String = r.get(2)?;
            let said: Option<String> = r.get(4)?;
            Ok((r.get(0)?, r.get(1)?, code, r.get(3)?, said))
        })?;
        rows.map(|r| {
            let (row, column, code, message, said) = r?;
            let code = ProblemCode::from_key(&code)
                .ok_or_else(|| StoreError::Corrupt(format!("problem code {code:?}")))?;
            Ok(Problem {
                row,
                column,
                code,
                says: says::from_stored(said.as_deref(), message)?,
            })
        })
        .collect()
    }

    /// The file as the school sent it.
    pub fn submission_file(&self, id: i64) -> Result<Vec<u8>> {
        optional(self.conn().query_row(
            "SELECT bytes FROM submission_file WHERE submission_id = ?1",
            [id],
            |r| r.get(0),
        ))?
        .ok_or(StoreError::UnknownSubmission(id))
    }

    /// (ID number, name) of every candidate of a submission, in sheet order: what a photo
    /// archive is checked against.
    pub fn submission_candidates(&self, id: i64) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn().prepare(
            "SELECT id_number, name FROM candidate WHERE submission_id = ?1 ORDER BY row",
        )?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Takes a triage decision. `seen_version` is the version the deciding screen showed: if
    /// someone else changed the submission since, the decision is refused with who and when.
    pub fn decide_submission(
        &mut self,
        actor: &Actor,
        id: i64,
        decision: Decision,
        reason: Option<&str>,
        valid_only: bool,
        seen_version: Option<i64>,
    ) -> Result<SubmissionSummary> {
        self.write(
            actor,
            Role::Triage,
            &format!("submission.{}", decision.key()),
            |tx| {
                let s =
                    optional(tx.query_row(&format!("{SUMMARY} WHERE s.id = ?1"), [id], summary))?
                        .ok_or(StoreError::UnknownSubmission(id))?;
                // A decision taken on an old screen, or on a submission someone else has already
                // decided, is refused naming who decided it and when, never silently replaced.
                let decided = matches!(
                    s.state,
                    SubmissionState::Accepted | SubmissionState::Rejected
                );
                if decided || seen_version.is_some_and(|v| v != s.version) {
                    return Err(StoreError::Stale(StaleDecision {
                        by: s.decided_by.clone().unwrap_or(s.imported_by.clone()),
                        at: s.decided_at.clone().unwrap_or_default(),
                        state: s.state,
                    }));
                }
                let input = DecisionInput {
                    state: s.state,
                    site: s.site,
                    rows_with_problems: s.rows_with_problems(),
                    valid_rows: s.valid_rows,
                    valid_only,
                };
                let to = decision.apply(input, reason)?;
                if to == SubmissionState::Accepted {
                    refuse_already_registered(tx, &s)?;
                }
                let reason = reason.map(str::trim).filter(|r| !r.is_empty());
                tx.execute(
                    "UPDATE submission SET state = ?2, decided_at = ?3, decided_by = ?4, note = ?5,
                 valid_only = ?6, version = version + 1 WHERE id = ?1",
                    params![
                        id,
                        to.key(),
                        stamp(),
                        actor.0,
                        reason,
                        valid_only && to == SubmissionState::Accepted
                    ],
                )?;
                let only = if valid_only && to == SubmissionState::Accepted {
                    format!(" (仅有效行 {} / {})", s.valid_rows, s.rows)
                } else {
                    String::new()
                };
                record(
                    tx,
                    actor,
                    Change {
                        action: format!("submission.{}", decision.key()),
                        entity: "submission",
                        entity_id: Some(id),
                        label: format!("{} {} #{}", s.school, s.plan_code, id),
                        detail: format!("{} → {}{only}", s.state.key(), to.key()),
                        reason: reason.map(str::to_string),
                    },
                )
            },
        )?;
        self.submission(id)
    }
}

/// An ID accepted for the plan in another submission since this one was checked cannot be
/// accepted twice: the rows would count twice toward sessions and fees.
fn refuse_already_registered(tx: &Transaction<'_>, s: &SubmissionSummary) -> Result<()> {
    let n: i64 = tx.query_row(
        "SELECT count(*) FROM candidate c
         WHERE c.submission_id = ?1 AND c.valid = 1 AND EXISTS (
           SELECT 1 FROM candidate o JOIN submission os ON os.id = o.submission_id
           WHERE o.id_number = c.id_number AND os.plan_id = ?2 AND os.state = 'accepted'
             AND o.valid = 1 AND os.id != ?1)",
        params![s.id, s.plan_id],
        |r| r.get(0),
    )?;
    if n > 0 {
        return Err(StoreError::AlreadyRegistered(n as usize));
    }
    Ok(())
}

impl From<DecisionRefused> for StoreError {
    fn from(e: DecisionRefused) -> Self {
        StoreError::Refused(e)
    }
}

#[cfg(test)]
#[path = "submissions_tests.rs"]
mod tests;
