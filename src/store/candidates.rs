//! The Candidates screen's queries: every candidate across submissions, searched by name, ID
//! or phone, fetched one window at a time (the table can hold hundreds of thousands).

use rusqlite::{params_from_iter, types::Value};

use super::audit::{Change, escape_like, record};
use super::submissions::CandidateRow;
use super::{Actor, Result, Store, StoreError, optional};
use crate::domain::staff::Role;

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
        self.reveal(actor, candidate_id, "证件号码、手机号")
    }

    /// Gives one candidate's full ID number to `actor` for the clipboard, recorded as a reveal:
    /// a copied number is as much out in the open as a shown one.
    pub fn copy_candidate_id(&mut self, actor: &Actor, candidate_id: i64) -> Result<CandidateRow> {
        self.reveal(actor, candidate_id, "证件号码（复制到剪贴板）")
    }

    fn reveal(&mut self, actor: &Actor, candidate_id: i64, what: &str) -> Result<CandidateRow> {
        let row = optional(self.conn().query_row(
            &format!("{SELECT} WHERE c.id = ?1"),
            [candidate_id],
            from_row,
        ))?
        .ok_or_else(|| StoreError::Corrupt(format!("no candidate {candidate_id}")))?;
        self.write(actor, Role::Triage, "candidate.reveal", |tx| {
            record(
                tx,
                actor,
                Change {
                    action: "candidate.reveal".into(),
                    entity: "candidate",
                    entity_id: Some(candidate_id),
                    label: format!("{} ({})", row.name, row.school),
                    detail: what.into(),
                    reason: None,
                },
            )
        })?;
        Ok(row)
    }
}

/// How many matches a search counts before it stops: past it the screen says "1000+" and
/// staff narrow the search instead of scrolling.
pub const SEARCH_CAP: usize = 1000;

/// How many of the newest candidates a search over the cap walks before it asks the indexes
/// instead. A tenth of a national sitting; a walk that finds no window plus the index answer
/// took 5.5 ms at 200k on the bench machine, against 24 ms for walking to the matches.
const WALK: i64 = 20_000;

/// One visible window of the Candidates screen and how many rows match in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CandidateWindow {
    pub rows: Vec<CandidateRow>,
    /// Matching candidates, at most [`SEARCH_CAP`] when searching.
    pub total: usize,
    /// More than `total` match (the count stopped at the cap).
    pub more: bool,
}

/// The search of the Candidates screen. Every word must match the start of the name or of the
/// given name (the name after its first character), of the ID number or of the phone, or (four characters) the last four of the ID or phone. Each of
/// these is an index range, so a search never scans the table; `indexed: false` writes the
/// same test with the indexes disabled (`+col`), for walking the table newest first when
/// matches are dense and a sort of all of them would cost more.
fn search_clause(text: &str, indexed: bool) -> (String, Vec<Value>) {
    let p = if indexed { "" } else { "+" };
    let mut conds = Vec::new();
    let mut args = Vec::new();
    for w in text.split_whitespace() {
        let up = w.to_uppercase();
        // Every character sorts below U+10FFFF, so [w, w+U+10FFFF) is "starts with w".
        let range = |s: &str| {
            [
                Value::Text(s.to_string()),
                Value::Text(format!("{s}\u{10FFFF}")),
            ]
        };
        let mut any = vec![
            format!("({p}c.name >= ? AND {p}c.name < ?)"),
            format!("({p}substr(c.name, 2) >= ? AND {p}substr(c.name, 2) < ?)"),
            format!("({p}c.id_number >= ? AND {p}c.id_number < ?)"),
            format!("({p}c.phone >= ? AND {p}c.phone < ?)"),
        ];
        args.extend(range(w));
        args.extend(range(w));
        args.extend(range(&up));
        args.extend(range(w));
        if w.chars().count() == 4 {
            any.push(format!("{p}substr(c.id_number, -4) = ?"));
            any.push(format!("{p}substr(c.phone, -4) = ?"));
            args.push(Value::Text(up));
            args.push(Value::Text(w.to_string()));
        }
        conds.push(format!("({})", any.join(" OR ")));
    }
    if conds.is_empty() {
        return (String::new(), args);
    }
    (format!("WHERE {}", conds.join(" AND ")), args)
}

impl Store {
    /// The candidates matching `text`, newest first: `limit` rows from `offset`, and the count
    /// (capped at [`SEARCH_CAP`] when searching). Only the window's rows are read.
    pub fn candidate_window(
        &self,
        text: &str,
        limit: usize,
        offset: usize,
    ) -> Result<CandidateWindow> {
        let (clause, args) = search_clause(text, true);
        let (total, more) = if clause.is_empty() {
            // Each submission keeps its candidates' count (migration 011): summing 25,000 of
            // them costs a millisecond where counting five million rows cost twenty, on every
            // move of the window.
            let n: i64 = self.conn().query_row(
                "SELECT coalesce(sum(candidates), 0) FROM submission",
                [],
                |r| r.get(0),
            )?;
            (n as usize, false)
        } else {
            let sql = format!(
                "SELECT count(*) FROM (SELECT 1 FROM candidate c {clause} LIMIT {})",
                SEARCH_CAP + 1
            );
            let n: i64 = self
                .conn()
                .prepare_cached(&sql)?
                .query_row(params_from_iter(args), |r| r.get(0))?;
            let n = n as usize;
            (n.min(SEARCH_CAP), n > SEARCH_CAP)
        };
        // Few matches: collect them through the indexes and sort them. Many: walk the newest
        // rows and stop after the window, which comes soon when matches are spread out. Many
        // matches packed among older rows (a prefix shared by one school's numbers) would make
        // that walk long, so it goes only through the newest WALK rows and, short of a window,
        // the indexes answer instead.
        let end = (offset + limit).min(total);
        if more {
            let (clause, mut args) = search_clause(text, false);
            let newest: Option<i64> =
                self.conn()
                    .query_row("SELECT max(id) FROM candidate", [], |r| r.get(0))?;
            args.push(Value::Integer(newest.unwrap_or(0) - WALK));
            args.push(Value::Integer(limit as i64));
            args.push(Value::Integer(offset as i64));
            let sql = format!(
                "{SELECT} WHERE c.id IN (SELECT c.id FROM candidate c {clause} AND c.id > ?
                 ORDER BY c.id DESC LIMIT ? OFFSET ?) ORDER BY c.id DESC"
            );
            let rows: Vec<CandidateRow> = self
                .conn()
                .prepare_cached(&sql)?
                .query_map(params_from_iter(args), from_row)?
                .collect::<rusqlite::Result<_>>()?;
            if rows.len() == end - offset {
                return Ok(CandidateWindow { rows, total, more });
            }
        }
        let (clause, mut args) = search_clause(text, true);
        // Past the middle of an exact count the window is read from the oldest end, so the
        // last page (End) skips as few rows as the first.
        let from_oldest = !more && offset > total / 2;
        let (order, skip) = if from_oldest {
            ("ASC", total - end)
        } else {
            ("DESC", offset)
        };
        args.push(Value::Integer(end.saturating_sub(offset) as i64));
        args.push(Value::Integer(skip as i64));
        let sql = format!(
            "{SELECT} WHERE c.id IN (SELECT c.id FROM candidate c {clause}
             ORDER BY c.id {order} LIMIT ? OFFSET ?) ORDER BY c.id DESC"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(args), from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(CandidateWindow { rows, total, more })
    }

    /// The query plans of the search behind [`Store::candidate_window`], for tests that keep
    /// it off full scans.
    pub fn candidate_search_plan(&self, text: &str) -> Result<Vec<String>> {
        let (clause, args) = search_clause(text, true);
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT c.id FROM candidate c {clause} ORDER BY c.id DESC LIMIT 18"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| r.get::<_, String>(3))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
