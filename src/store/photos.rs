//! Photo checks: each run of a school's archive against a submission, and every candidate's
//! current photo status. A re-check replaces a candidate's status (the run it came from stays
//! listed, so who checked which archive when is never lost) and is audited.

use rusqlite::{Row, params};
use serde_json::json;

use super::audit::{Change, record};
use super::{Actor, Result, Store, StoreError, optional, says, stamp};
use crate::domain::photo::{self, PhotoState};
use crate::domain::problem::{ProblemCode, Says};
use crate::domain::staff::Role;

/// One candidate's result of a check, to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoResult {
    pub candidate_id: i64,
    /// The archive entry checked as the candidate's photo.
    pub entry: Option<String>,
    /// The measured average background colour.
    pub colour: Option<[u8; 3]>,
    pub problems: Vec<(ProblemCode, Says)>,
}

/// A problem of an entry that belongs to no candidate (orphan, bad name, unsafe).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryNote {
    pub entry: String,
    pub code: ProblemCode,
    pub says: Says,
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
    pub problems: Vec<(ProblemCode, Says)>,
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

// A problem is kept as `{"code", "says"}`: the sentence and its arguments (`store::says`), so
// it is rendered in the language of whoever reads it. Runs stored before kept `{"code",
// "message"}` in the checker's language; those read back as the text they were
// (`Says::Text`), and text is written back the same way, so both shapes stay readable.

fn problem_json(code: ProblemCode, says: &Says) -> serde_json::Value {
    match says {
        Says::Text(t) => json!({ "code": code.key(), "message": t }),
        Says::Sentence(..) => json!({ "code": code.key(), "says": says::to_value(says) }),
    }
}

fn problem_from_json(p: &serde_json::Value) -> Option<(ProblemCode, Says)> {
    let code = ProblemCode::from_key(p.get("code")?.as_str()?)?;
    let says = match p.get("says") {
        Some(v) => says::from_value(v).ok()?,
        None => Says::Text(p.get("message")?.as_str()?.to_string()),
    };
    Some((code, says))
}

fn entry_notes_json(notes: &[EntryNote]) -> String {
    let v: Vec<_> = notes
        .iter()
        .map(|n| {
            let mut p = problem_json(n.code, &n.says);
            p["entry"] = json!(n.entry);
            p
        })
        .collect();
    serde_json::Value::Array(v).to_string()
}

fn entry_notes_from_json(s: &str) -> Option<Vec<EntryNote>> {
    let v: serde_json::Value = serde_json::from_str(s).ok()?;
    v.as_array()?
        .iter()
        .map(|p| {
            let (code, says) = problem_from_json(p)?;
            Some(EntryNote {
                entry: p.get("entry")?.as_str()?.to_string(),
                code,
                says,
            })
        })
        .collect()
}

fn problems_json(problems: &[(ProblemCode, Says)]) -> String {
    let v: Vec<_> = problems.iter().map(|(c, s)| problem_json(*c, s)).collect();
    serde_json::Value::Array(v).to_string()
}

fn problems_from_json(s: &str) -> Option<Vec<(ProblemCode, Says)>> {
    let v: serde_json::Value = serde_json::from_str(s).ok()?;
    v.as_array()?.iter().map(problem_from_json).collect()
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
        let entry_problems = entry_notes_json(c.entry_problems);
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
                    entry_problems,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::photo::{Tint, UnsafeName};
    use crate::domain::problem::{Arg, Sentence};
    use crate::domain::school::SchoolInfo;
    use crate::domain::submission::SubmissionState;
    use crate::domain::time::parse_time;
    use crate::store::{NewCandidate, NewSubmission, Recorded};

    /// A store with one pending submission of one candidate; the submission's and the
    /// candidate's ids.
    fn one_candidate() -> (Store, Actor, i64, i64) {
        let mut s = Store::open_in_memory().unwrap();
        let a = Actor("金贝".into());
        let info = SchoolInfo {
            name: "浙江商业职业技术学院".into(),
            province: "浙江省".into(),
            ..Default::default()
        };
        s.import_schools(&a, &[info]).unwrap();
        let c = [NewCandidate {
            row: 2,
            name: "张三".into(),
            id_type: "居民身份证".into(),
            id_number: "11010519491231002X".into(),
            phone: "13800000000".into(),
            valid: true,
            ..Default::default()
        }];
        let sub = NewSubmission {
            plan_id: s.find_plan("20211211-初级").unwrap().id,
            school_id: s.find_school("浙江商业职业技术学院").unwrap().id,
            file_name: "报名表.xlsx",
            sha256: "abc",
            bytes: b"xlsx bytes",
            received_at: parse_time("2021-11-15 10:00").unwrap(),
            state: SubmissionState::Pending,
            rows: 1,
            header_row: 1,
            candidates: &c,
            problems: &[],
        };
        let Recorded::New(sub) = s.record_submission(&a, &sub).unwrap() else {
            panic!("new")
        };
        let cand = s.photo_candidates(sub).unwrap()[0].candidate_id;
        (s, a, sub, cand)
    }

    #[test]
    fn photo_problems_keep_their_words_and_older_runs_keep_their_message() {
        let (mut s, a, sub, cand) = one_candidate();
        let yellow = Says::with(
            Sentence::PhotoBackground,
            [("hex", "#C8B020".into()), ("tint", Arg::Tint(Tint::Yellow))],
        );
        let unsafe_entry = Says::with(
            Sentence::ArchiveUnsafeName,
            [("why", Arg::Unsafe(UnsafeName::Absolute))],
        );
        let results = [PhotoResult {
            candidate_id: cand,
            entry: Some("11010519491231002X.jpg".into()),
            colour: Some([0xC8, 0xB0, 0x20]),
            problems: vec![(ProblemCode::PhotoBackground, yellow.clone())],
        }];
        let notes = [EntryNote {
            entry: "/x.jpg".into(),
            code: ProblemCode::ArchiveUnsafeEntry,
            says: unsafe_entry.clone(),
        }];
        let check = NewPhotoCheck {
            submission_id: sub,
            archive_name: "照片.zip",
            archive_sha256: "aa",
            entries: 2,
            results: &results,
            entry_problems: &notes,
        };
        s.record_photo_check(&a, &check).unwrap();
        assert_eq!(
            s.photo_status(cand).unwrap().unwrap().problems,
            [(ProblemCode::PhotoBackground, yellow)]
        );
        assert_eq!(
            s.photo_checks(sub).unwrap()[0].entry_problems[0].says,
            unsafe_entry
        );

        // A run stored before photo problems kept their words: its sentences, in the language
        // the check ran in, are shown as written.
        s.conn()
            .execute_batch(
                r#"UPDATE photo_status SET problems =
                   '[{"code":"photo_background","message":"背景平均色 #C8B020 偏黄，应为红色"}]';
                   UPDATE photo_check SET entry_problems =
                   '[{"entry":"/x.jpg","code":"archive_unsafe_entry","message":"条目不安全（绝对路径），已跳过"}]';"#,
            )
            .unwrap();
        let status = s.photo_status(cand).unwrap().unwrap();
        assert_eq!(
            status.problems,
            [(
                ProblemCode::PhotoBackground,
                Says::Text("背景平均色 #C8B020 偏黄，应为红色".into())
            )]
        );
        assert_eq!(status.state, PhotoState::Problem);
        let run = &s.photo_checks(sub).unwrap()[0];
        assert_eq!(run.entry_problems[0].entry, "/x.jpg");
        assert_eq!(
            run.entry_problems[0].says,
            Says::Text("条目不安全（绝对路径），已跳过".into())
        );
    }
}
