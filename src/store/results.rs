//! Earlier exam results (for retakes) and a person's history: results and registrations.

use rusqlite::params;

use super::audit::{Change, record};
use super::{Actor, Result, Store, StoreError};
use crate::domain::result::{ExamResult, Outcome};
use crate::domain::staff::Role;
use crate::domain::submission::SubmissionState;

/// What importing a results sheet did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ResultImport {
    pub added: usize,
    /// Rows whose person, level and date were known with another outcome or name.
    pub updated: usize,
    pub unchanged: usize,
}

/// One registration of a person: which plan and school, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub candidate_id: i64,
    pub submission_id: i64,
    pub plan_code: String,
    /// The school whose submission registered the person.
    pub school: String,
    /// The session the person sits in now (its plan and school differ after a move); `None`
    /// while the registration does not count: a file not accepted (pending, rejected, …) or a
    /// row left out of a valid-rows-only acceptance.
    pub session: Option<SessionPlace>,
    pub submission_state: SubmissionState,
    pub retake: bool,
    pub valid: bool,
    pub admission_number: Option<String>,
}

/// A session as people read it: the plan's code and the site's school.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionPlace {
    pub plan_code: String,
    pub school: String,
}

/// Everything known about one ID number.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CandidateHistory {
    /// Earlier results, oldest first.
    pub results: Vec<ExamResult>,
    /// Registrations, oldest submission first.
    pub registrations: Vec<Registration>,
}

fn code(exam_start: &str, level: &str) -> String {
    let l = level
        .parse::<crate::domain::Level>()
        .map(|l| l.zh())
        .unwrap_or("?");
    format!(
        "{}-{l}",
        exam_start.get(..10).unwrap_or("").replace('-', "")
    )
}

impl Store {
    /// Stores results all-or-nothing, audited as one import of `file_name`. A result for a
    /// person, level and date already known is updated (a corrected sheet), never duplicated.
    pub fn import_results(
        &mut self,
        actor: &Actor,
        file_name: &str,
        results: &[ExamResult],
    ) -> Result<ResultImport> {
        self.write(actor, Role::Triage, "result.import", |tx| {
            let mut out = ResultImport::default();
            let mut find = tx.prepare(
                "SELECT name, outcome FROM result WHERE id_number = ?1 AND level = ?2 AND exam_date = ?3",
            )?;
            let mut upsert = tx.prepare(
                "INSERT INTO result (id_number, name, level, exam_date, outcome)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id_number, level, exam_date)
                 DO UPDATE SET name = excluded.name, outcome = excluded.outcome",
            )?;
            for r in results {
                let date = r.exam_date.to_string();
                let known: Option<(String, String)> = super::optional(find.query_row(
                    params![r.id_number, r.level.key(), date],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                ))?;
                match known {
                    Some((n, o)) if n == r.name && o == r.outcome.key() => out.unchanged += 1,
                    Some(_) => out.updated += 1,
                    None => out.added += 1,
                }
                upsert.execute(params![
                    r.id_number,
                    r.name,
                    r.level.key(),
                    date,
                    r.outcome.key()
                ])?;
            }
            record(
                tx,
                actor,
                Change {
                    action: "result.import".into(),
                    entity: "result",
                    entity_id: None,
                    label: file_name.to_string(),
                    detail: format!(
                        "{} 行: 新增 {}, 更新 {}, 未变 {}",
                        results.len(),
                        out.added,
                        out.updated,
                        out.unchanged
                    ),
                    reason: None,
                },
            )?;
            Ok(out)
        })
    }

    /// A person's earlier results and registrations.
    pub fn candidate_history(&self, id_number: &str) -> Result<CandidateHistory> {
        let id = id_number.trim().to_uppercase();
        let mut stmt = self.conn().prepare(
            "SELECT id_number, name, level, exam_date, outcome FROM result
             WHERE id_number = ?1 ORDER BY exam_date, level",
        )?;
        let mut results = Vec::new();
        let mut rows = stmt.query([&id])?;
        while let Some(r) = rows.next()? {
            let level: String = r.get(2)?;
            let date: String = r.get(3)?;
            let outcome: String = r.get(4)?;
            let bad = |what: &str, v: &str| StoreError::Corrupt(format!("result {what} {v:?}"));
            results.push(ExamResult {
                id_number: r.get(0)?,
                name: r.get(1)?,
                level: level.parse().map_err(|_| bad("level", &level))?,
                exam_date: date.parse().map_err(|_| bad("date", &date))?,
                outcome: Outcome::parse(&outcome).ok_or_else(|| bad("outcome", &outcome))?,
            });
        }
        let mut stmt = self.conn().prepare(
            "SELECT c.id, s.id, p.exam_start, p.level, sc.name, sp.exam_start, sp.level, ss.name,
                    s.state, c.retake, c.valid,
                    (SELECT a.number FROM admission a WHERE a.candidate_id = c.id
                       AND a.plan_id = coalesce(pl.plan_id, s.plan_id)
                       AND a.school_id = coalesce(pl.school_id, s.school_id))
             FROM candidate c JOIN submission s ON s.id = c.submission_id
             JOIN plan p ON p.id = s.plan_id JOIN school sc ON sc.id = s.school_id
             LEFT JOIN placement pl ON pl.candidate_id = c.id
             JOIN plan sp ON sp.id = coalesce(pl.plan_id, s.plan_id)
             JOIN school ss ON ss.id = coalesce(pl.school_id, s.school_id)
             WHERE c.id_number = ?1 ORDER BY s.received_at, s.id",
        )?;
        let mut registrations = Vec::new();
        let mut rows = stmt.query([&id])?;
        while let Some(r) = rows.next()? {
            let state: String = r.get(8)?;
            let submission_state: SubmissionState = state
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("state {state:?}")))?;
            let valid: bool = r.get(10)?;
            // Only an accepted, valid row sits in a session (the rule of sessions' PLACED).
            let session = (submission_state == SubmissionState::Accepted && valid)
                .then(|| -> rusqlite::Result<SessionPlace> {
                    Ok(SessionPlace {
                        plan_code: code(&r.get::<_, String>(5)?, &r.get::<_, String>(6)?),
                        school: r.get(7)?,
                    })
                })
                .transpose()?;
            registrations.push(Registration {
                candidate_id: r.get(0)?,
                submission_id: r.get(1)?,
                plan_code: code(&r.get::<_, String>(2)?, &r.get::<_, String>(3)?),
                school: r.get(4)?,
                session,
                submission_state,
                retake: r.get(9)?,
                valid,
                admission_number: r.get(11)?,
            });
        }
        Ok(CandidateHistory {
            results,
            registrations,
        })
    }
}
