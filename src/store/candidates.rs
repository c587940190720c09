//! The Candidates screen's queries: every candidate across submissions, searched by name, ID
//! or phone, fetched one window at a time (the table can hold hundreds of thousands).

use rusqlite::{params_from_iter, types::Value};

use super::audit::{Change, escape_like, record};
use super::submissions::CandidateRow;
use super::{Actor, Result, Store, StoreError, optional};

const SELECT: &str =
    "SELECT c.id, c.submission_id, c.row, c.name, c.id_type, c.id_number, c.gender,
    c.phone, sc.name, p.exam_start, p.level, c.retake, c.valid, s.state
    FROM candidate c JOIN submission s ON s.id = c.submission_id
    JOIN school sc ON sc.id = s.school_id JOIN plan p ON p.id = s.plan_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CandidateRow> {
    let exam: String = r.get(9)?;
    let level: String = r.get(10)?;
    let level_zh = level
        .parse::<crate::domain::Level>()
        .map(|l| l.zh())
        .unwrap_or("?");
    let state: String = r.get(13)?;
    Ok(CandidateRow {
        id: r.get(0)?,
        submission_id: r.get(1)?,
        row: r.get(2)?,
        name: r.get(3)?,
        id_type: r.get(4)?,
        id_number: r.get(5)?,
        gender: r.get(6)?,
        phone: r.get(7)?,
        school: r.get(8)?,
        plan_code: format!(
            "{}-{level_zh}",
            exam.get(..10).unwrap_or("").replace('-', "")
        ),
        retake: r.get(11)?,
        valid: r.get(12)?,
        submission_state: state.parse().map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(
                13,
                rusqlite::types::Type::Text,
                "state".into(),
            )
        })?,
    })
}

/// Every word must match the name, the ID number or the phone (prefix or inside).
fn where_clause(text: &str, submission: Option<i64>) -> (String, Vec<Value>) {
    let mut conds = Vec::new();
    let mut args = Vec::new();
    if let Some(id) = submission {
        conds.push("c.submission_id = ?".to_string());
        args.push(Value::Integer(id));
    }
    for w in text.split_whitespace() {
        conds.push(
            "(c.name LIKE ? ESCAPE '\\' OR c.id_number LIKE ? ESCAPE '\\' OR c.phone LIKE ? ESCAPE '\\')".to_string(),
        );
        // ID numbers are stored with an upper-case X; staff may type a lower-case one.
        let id_pat = Value::Text(format!("%{}%", escape_like(&w.to_uppercase())));
        let pat = Value::Text(format!("%{}%", escape_like(w)));
        args.extend([pat.clone(), id_pat, pat]);
    }
    let clause = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    (clause, args)
}

impl Store {
    /// Candidates matching `text` (optionally of one submission), by submission then row:
    /// `limit` rows from `offset`.
    pub fn candidates(
        &self,
        text: &str,
        submission: Option<i64>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<CandidateRow>> {
        let (clause, mut args) = where_clause(text, submission);
        args.push(Value::Integer(limit as i64));
        args.push(Value::Integer(offset as i64));
        let sql =
            format!("{SELECT} {clause} ORDER BY c.submission_id DESC, c.row LIMIT ? OFFSET ?");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many candidates match `text`.
    pub fn candidate_count(&self, text: &str, submission: Option<i64>) -> Result<usize> {
        let (clause, args) = where_clause(text, submission);
        let sql = format!("SELECT count(*) FROM candidate c {clause}");
        let n: i64 = self
            .conn()
            .query_row(&sql, params_from_iter(args), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Shows one candidate's full ID and phone to `actor`, recording that they looked: the
    /// numbers are personal data, masked everywhere else.
    pub fn reveal_candidate(&mut self, actor: &Actor, candidate_id: i64) -> Result<CandidateRow> {
        let row = optional(self.conn().query_row(
            &format!("{SELECT} WHERE c.id = ?1"),
            [candidate_id],
            from_row,
        ))?
        .ok_or_else(|| StoreError::Corrupt(format!("no candidate {candidate_id}")))?;
        self.write(|tx| {
            record(
                tx,
                actor,
                Change {
                    action: "candidate.reveal".into(),
                    entity: "candidate",
                    entity_id: Some(candidate_id),
                    label: format!("{} ({})", row.name, row.school),
                    detail: "证件号码、手机号".into(),
                    reason: None,
                },
            )
        })?;
        Ok(row)
    }
}
