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

/// One visible window of the Candidates screen and how many rows match in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CandidateWindow {
    pub rows: Vec<CandidateRow>,
    /// Matching candidates, at most [`SEARCH_CAP`] when searching.
    pub total: usize,
    /// More than `total` match (the count stopped at the cap).
    pub more: bool,
}

/// What marks the last four of an ID number or phone among a candidate's search keys, so a
/// word typed never matches them from their start.
const TAIL: char = '\u{1}';

/// Every character sorts below U+10FFFF, so [w, w+U+10FFFF) is "starts with w".
const LAST: char = '\u{10FFFF}';

/// A candidate's search keys, as [`KeyBatch`] and migration 012 write them into
/// `candidate_key`: the name, the given name (after the first character), the ID number, the
/// phone, and the last four of the ID number and the phone after [`TAIL`]. Empty ones are
/// left out.
pub fn search_keys(name: &str, id_number: &str, phone: &str) -> Vec<String> {
    let tail = |s: &str| {
        let n = s.chars().count();
        format!(
            "{TAIL}{}",
            s.chars().skip(n.saturating_sub(4)).collect::<String>()
        )
    };
    let mut keys = vec![
        name.to_string(),
        name.chars().skip(1).collect(),
        id_number.to_string(),
        phone.to_string(),
    ];
    if !id_number.is_empty() {
        keys.push(tail(id_number));
    }
    if !phone.is_empty() {
        keys.push(tail(phone));
    }
    keys.retain(|k| !k.is_empty());
    keys
}

/// How many candidates share an epoch of `candidate_key` (its `id >> 12`, in migration 012).
const EPOCH_SHIFT: u32 = 12;

/// The search keys of a batch of candidates just inserted, written together once the batch is
/// in: sorted into the table's own order, so each insert lands next to the one before, and many
/// rows to a statement. Against one statement per key in insertion order, that took the CPU of
/// a 100k-row import from about 1.65 s to 1.30 s (sorting alone: 1.40 s). A trigger writing
/// the keys made SQLite keep a statement journal for every candidate's insert (1.9 million
/// writes for 100k rows).
#[derive(Default)]
pub(super) struct KeyBatch(Vec<(i64, String, i64)>);

/// Rows of one multi-row INSERT of search keys (three parameters each).
const KEY_ROWS: usize = 128;

impl KeyBatch {
    /// The keys of candidate `id`.
    pub(super) fn add(&mut self, id: i64, name: &str, id_number: &str, phone: &str) {
        for key in search_keys(name, id_number, phone) {
            self.0.push((id >> EPOCH_SHIFT, key, id));
        }
    }

    /// Writes the keys (a candidate's name and given name may be one key: kept once).
    pub(super) fn write(mut self, tx: &rusqlite::Transaction<'_>) -> Result<()> {
        self.0.sort_unstable();
        self.0.dedup();
        let mut chunks = self.0.chunks_exact(KEY_ROWS);
        if chunks.len() > 0 {
            let marks = vec!["(?, ?, ?)"; KEY_ROWS].join(", ");
            let mut ins = tx.prepare_cached(&format!(
                "INSERT OR IGNORE INTO candidate_key (epoch, key, candidate_id) VALUES {marks}"
            ))?;
            for chunk in chunks.by_ref() {
                let mut i = 1;
                for (epoch, key, id) in chunk {
                    ins.raw_bind_parameter(i, epoch)?;
                    ins.raw_bind_parameter(i + 1, key)?;
                    ins.raw_bind_parameter(i + 2, id)?;
                    i += 3;
                }
                ins.raw_execute()?;
            }
        }
        let mut ins = tx.prepare_cached(
            "INSERT OR IGNORE INTO candidate_key (epoch, key, candidate_id) VALUES (?1, ?2, ?3)",
        )?;
        for (epoch, key, id) in chunks.remainder() {
            ins.execute(rusqlite::params![epoch, key, id])?;
        }
        Ok(())
    }
}

/// One word of a search: the key prefixes it matches. A word matches the start of the name, of
/// the given name, of the ID number (stored with an upper-case X; staff may type a lower-case
/// one) or of the phone, and four letters or digits also the last four of the ID or phone.
#[derive(Debug)]
struct Word(Vec<String>);

impl Word {
    fn new(w: &str) -> Word {
        let up = w.to_uppercase();
        let mut prefixes = vec![w.to_string()];
        if up != w {
            prefixes.push(up.clone());
        }
        // Only letters and digits end an ID number or phone; a four-character name is never
        // looked for among the ends (a walk of its own through every epoch).
        if w.chars().count() == 4 && w.chars().all(|c| c.is_ascii_alphanumeric()) {
            prefixes.push(format!("{TAIL}{up}"));
            if up != w {
                prefixes.push(format!("{TAIL}{w}"));
            }
        }
        Word(prefixes)
    }

    fn matches(&self, keys: &[String]) -> bool {
        keys.iter()
            .any(|k| self.0.iter().any(|p| k.starts_with(p.as_str())))
    }

    /// The walk over epochs `?1` down to `?2` for this word's prefixes: the candidate id of
    /// each key that matches (a candidate may come twice), with the fields the other words are
    /// matched against when `fields`.
    fn walk_sql(&self, fields: bool) -> String {
        let cols = if fields {
            ", c.name, c.id_number, c.phone"
        } else {
            ""
        };
        let join = if fields {
            " JOIN candidate c ON c.id = k.candidate_id"
        } else {
            ""
        };
        let arms: Vec<String> = (0..self.0.len())
            .map(|i| {
                format!(
                    "SELECT k.candidate_id, k.epoch{cols} FROM e JOIN candidate_key k
                     ON k.epoch = e.n AND k.key >= ?{} AND k.key < ?{}{join}",
                    3 + 2 * i,
                    4 + 2 * i
                )
            })
            .collect();
        format!(
            "WITH RECURSIVE e(n) AS (SELECT ?1 UNION ALL SELECT n - 1 FROM e WHERE n > ?2)
             {}",
            arms.join(" UNION ALL ")
        )
    }

    fn bounds(&self) -> Vec<Value> {
        self.0
            .iter()
            .flat_map(|p| [Value::Text(p.clone()), Value::Text(format!("{p}{LAST}"))])
            .collect()
    }
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
        if text.split_whitespace().next().is_none() {
            return self.newest_candidates(limit, offset);
        }
        let found = self.search(text)?;
        let more = found.len() > SEARCH_CAP;
        let total = found.len().min(SEARCH_CAP);
        let end = (offset + limit).min(total);
        let ids = found.get(offset.min(end)..end).unwrap_or_default();
        if ids.is_empty() {
            return Ok(CandidateWindow {
                rows: Vec::new(),
                total,
                more,
            });
        }
        let marks = vec!["?"; ids.len()].join(", ");
        let sql = format!("{SELECT} WHERE c.id IN ({marks}) ORDER BY c.id DESC");
        let rows = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(params_from_iter(ids.iter()), from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(CandidateWindow { rows, total, more })
    }

    /// Every candidate, newest first, without a search.
    fn newest_candidates(&self, limit: usize, offset: usize) -> Result<CandidateWindow> {
        // Each submission keeps its candidates' count (migration 011): summing 25,000 of them
        // costs a millisecond where counting five million rows cost twenty, on every move of
        // the window.
        let n: i64 = self.conn().query_row(
            "SELECT coalesce(sum(candidates), 0) FROM submission",
            [],
            |r| r.get(0),
        )?;
        let total = n as usize;
        let end = (offset + limit).min(total);
        // Past the middle the window is read from the oldest end, so the last page (End)
        // skips as few rows as the first.
        let (order, skip) = if offset > total / 2 {
            ("ASC", total - end)
        } else {
            ("DESC", offset)
        };
        let sql = format!(
            "{SELECT} WHERE c.id IN (SELECT id FROM candidate ORDER BY id {order} LIMIT ? OFFSET ?)
             ORDER BY c.id DESC"
        );
        let rows = self
            .conn()
            .prepare_cached(&sql)?
            .query_map([end.saturating_sub(offset) as i64, skip as i64], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(CandidateWindow {
            rows,
            total,
            more: false,
        })
    }

    /// The ids of the newest candidates matching every word of `text`, newest first: all of
    /// them, or the newest [`SEARCH_CAP`] + 1 and perhaps some more (then there are more).
    ///
    /// The longest word (the likeliest to be rare) walks the epochs of `candidate_key` newest
    /// first, a few epochs at the first step and twice as many at each next one, so a common
    /// word stops after the newest epochs and a rare one seeks each epoch once; the other words
    /// are matched against each found candidate's own fields. Epochs are ranges of ids, so once
    /// every row of the epoch that took the count past the cap is in, no older epoch can hold
    /// a newer match.
    fn search(&self, text: &str) -> Result<Vec<i64>> {
        let mut words: Vec<Word> = text.split_whitespace().map(Word::new).collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.0[0].chars().count()));
        let (first, rest) = words.split_first().expect("a word");
        let newest: Option<i64> =
            self.conn()
                .query_row("SELECT max(epoch) FROM candidate_key", [], |r| r.get(0))?;
        let Some(mut hi) = newest else {
            return Ok(Vec::new());
        };
        let mut stmt = self
            .conn()
            .prepare_cached(&first.walk_sql(!rest.is_empty()))?;
        let mut seen = std::collections::HashSet::new();
        let mut found = Vec::new();
        let mut step = 1;
        // The epoch whose rows took the count past the cap: once every row of it is in, older
        // epochs cannot change the answer.
        let mut full_at = None;
        'walk: while hi >= 0 && full_at.is_none() {
            let lo = (hi - step + 1).max(0);
            let mut args = vec![Value::Integer(hi), Value::Integer(lo)];
            args.extend(first.bounds());
            let mut rows = stmt.query(params_from_iter(args))?;
            // One range comes epoch by epoch, newest first, as the walk goes; should rows
            // ever come otherwise (two ranges come one after the other), the whole step is
            // read before stopping.
            let (mut last, mut ordered) = (i64::MAX, first.0.len() == 1);
            while let Some(r) = rows.next()? {
                let epoch: i64 = r.get(1)?;
                ordered &= epoch <= last;
                last = epoch;
                if ordered && full_at.is_some_and(|at| epoch < at) {
                    break 'walk;
                }
                let id: i64 = r.get(0)?;
                if !seen.insert(id) {
                    continue;
                }
                if !rest.is_empty() {
                    let keys = search_keys(
                        &r.get::<_, String>(2)?,
                        &r.get::<_, String>(3)?,
                        &r.get::<_, String>(4)?,
                    );
                    if !rest.iter().all(|w| w.matches(&keys)) {
                        continue;
                    }
                }
                found.push(id);
                if found.len() > SEARCH_CAP && full_at.is_none() {
                    full_at = Some(epoch);
                }
            }
            hi = lo - 1;
            // Doubling reaches the oldest epoch in a few statements; the cap keeps a step
            // that lands on a dense stretch from reading far past what it needs when the
            // rows come in two ranges.
            step = (step * 2).min(64);
        }
        found.sort_unstable_by(|a, b| b.cmp(a));
        Ok(found)
    }

    /// The query plans of the search behind [`Store::candidate_window`], for tests that keep
    /// it off full scans.
    pub fn candidate_search_plan(&self, text: &str) -> Result<Vec<String>> {
        let words: Vec<Word> = text.split_whitespace().map(Word::new).collect();
        let Some(first) = words.first() else {
            return Ok(Vec::new());
        };
        let sql = format!("EXPLAIN QUERY PLAN {}", first.walk_sql(words.len() > 1));
        let mut args = vec![Value::Integer(10), Value::Integer(0)];
        args.extend(first.bounds());
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| r.get::<_, String>(3))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Candidates stored before migration 012 get their keys from its SQL; new ones from
    /// [`KeyBatch`]: the two must agree, down to the odd cases.
    #[test]
    fn the_migration_writes_the_keys_the_import_writes() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let migrations = super::super::schema::migrations();
        migrations.to_version(&mut conn, 11).unwrap();
        // The keys need a candidate row only; its submission does not matter here.
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        let people = [
            ("王芳", "11010220010101123X", "13800001234"),
            ("芳", "110102200101011234", "13800001234"),
            ("欧阳娜娜", "123", ""),
            ("", "", "12"),
            ("Tom 李", "ab12", "1234"),
        ];
        let id = |i: usize| i as i64 * 3000 + 1;
        for (i, (name, number, phone)) in people.iter().enumerate() {
            conn.execute(
                "INSERT INTO candidate (id, submission_id, row, name, id_type, id_number, phone,
                 school_name, valid) VALUES (?1, 1, ?1, ?2, '居民身份证', ?3, ?4, '校', 1)",
                rusqlite::params![id(i), name, number, phone],
            )
            .unwrap();
        }
        migrations.to_latest(&mut conn).unwrap();
        let keys = |conn: &rusqlite::Connection, id: i64| -> Vec<(i64, String)> {
            conn.prepare("SELECT epoch, key FROM candidate_key WHERE candidate_id = ? ORDER BY key")
                .unwrap()
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let tx = conn.transaction().unwrap();
        for (i, (name, number, phone)) in people.iter().enumerate() {
            let again = id(i) + 100_000;
            let mut batch = KeyBatch::default();
            batch.add(again, name, number, phone);
            batch.write(&tx).unwrap();
            let migrated = keys(&tx, id(i));
            let written: Vec<(i64, String)> = keys(&tx, again)
                .into_iter()
                .map(|(e, k)| (e - (again >> EPOCH_SHIFT) + (id(i) >> EPOCH_SHIFT), k))
                .collect();
            assert!(!migrated.is_empty() || name.is_empty(), "{name}");
            assert_eq!(migrated, written, "{name} {number} {phone}");
        }
    }
}
