//! The console's Submissions list one window at a time: the rows it shows, how many match, and
//! where a given submission sits in the order, so a list of 25,000 submissions costs what one
//! page of them does. The order is [`Store::submissions`]' (newest received first) and so is
//! the filter's meaning; the CLI keeps using that one.

use rusqlite::{params_from_iter, types::Value};

use super::audit::escape_like;
use super::submissions::{SUMMARY, summary};
use super::{Result, Store};
use crate::domain::submission::SubmissionState;

use super::{SubmissionFilter, SubmissionSummary};

/// One visible window of the Submissions list, with the counts its title shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubmissionWindow {
    pub rows: Vec<SubmissionSummary>,
    /// Submissions the filter lets through.
    pub total: usize,
    /// Of those, how many need a decision ([`SubmissionState::needs_decision`]).
    pub pending: usize,
}

/// The states that need a decision, as stored.
fn needing() -> String {
    SubmissionState::ALL
        .into_iter()
        .filter(|s| s.needs_decision())
        .map(|s| format!("'{}'", s.key()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The ids a word picks out of a small table by name (`school`, `plan`), as an SQL list.
fn named(conn: &rusqlite::Connection, table: &str, pat: &Value) -> Result<String> {
    let ids: Vec<String> = conn
        .prepare_cached(&format!(
            "SELECT id FROM {table} WHERE name LIKE ? ESCAPE '\\'"
        ))?
        .query_map([pat], |r| r.get::<_, i64>(0))?
        .map(|id| id.map(|id| id.to_string()))
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids.join(", "))
}

/// The filter as a condition on `submission s` alone. A word matches the school's name, the
/// file name, the state or the plan's name, as in [`Store::submissions`] (whose joined text
/// puts a space between them, which no word holds). The schools, plans and states a word
/// names are looked up first (small tables, a fixed list), so each submission costs one
/// LIKE on its file name, read from the index the list walks.
///
/// `walk`: for the queries that go through the list in its order, the state index is kept
/// out (`+s.state`): with it SQLite would gather every accepted submission and sort them,
/// where walking the list index, which holds the state, stops after the window.
fn condition(
    conn: &rusqlite::Connection,
    f: &SubmissionFilter,
    walk: bool,
) -> Result<(String, Vec<Value>)> {
    let mut conds = vec!["1 = 1".to_string()];
    let mut args = Vec::new();
    if let Some(st) = f.state {
        conds.push(if walk { "+s.state = ?" } else { "s.state = ?" }.into());
        args.push(Value::Text(st.key().into()));
    }
    if let Some(p) = f.plan_id {
        conds.push("s.plan_id = ?".into());
        args.push(Value::Integer(p));
    }
    if let Some(sc) = f.school_id {
        conds.push("s.school_id = ?".into());
        args.push(Value::Integer(sc));
    }
    for w in f.text.split_whitespace() {
        let pat = Value::Text(format!("%{}%", escape_like(w)));
        let mut any = vec!["s.file_name LIKE ? ESCAPE '\\'".to_string()];
        for (table, column) in [("school", "s.school_id"), ("plan", "s.plan_id")] {
            let ids = named(conn, table, &pat)?;
            if !ids.is_empty() {
                any.push(format!("{column} IN ({ids})"));
            }
        }
        // LIKE ignores ASCII case; the states' keys are lower-case ASCII.
        let lower = w.to_ascii_lowercase();
        let states: Vec<String> = SubmissionState::ALL
            .into_iter()
            .filter(|st| st.key().contains(&lower))
            .map(|st| format!("'{}'", st.key()))
            .collect();
        if !states.is_empty() {
            any.push(format!("s.state IN ({})", states.join(", ")));
        }
        conds.push(format!("({})", any.join(" OR ")));
        args.push(pat);
    }
    Ok((conds.join(" AND "), args))
}

/// Where a submission sits in the order, for comparing: (received_at, id), larger first.
type Key = (String, i64);

impl Store {
    /// The submissions matching `filter`, newest received first: `limit` rows from `offset`,
    /// how many match and how many of those need a decision. Only the window's rows are read.
    pub fn submission_window(
        &self,
        filter: &SubmissionFilter,
        limit: usize,
        offset: usize,
    ) -> Result<SubmissionWindow> {
        let (cond, args) = condition(self.conn(), filter, false)?;
        let (mut total, mut pending) = (0, 0);
        if filter.text.trim().is_empty() {
            // Counted per state: a walk of the state index alone (the filter, if any, is a
            // state, plan or school).
            let mut stmt = self.conn().prepare_cached(&format!(
                "SELECT s.state, count(*) FROM submission s WHERE {cond} GROUP BY s.state"
            ))?;
            let mut rows = stmt.query(params_from_iter(args.iter()))?;
            while let Some(r) = rows.next()? {
                let n = r.get::<_, i64>(1)? as usize;
                total += n;
                if r.get::<_, String>(0)?
                    .parse::<SubmissionState>()
                    .is_ok_and(SubmissionState::needs_decision)
                {
                    pending += n;
                }
            }
        } else {
            // Words: one pass over the list's covering index, which holds the file name.
            let (n, p): (i64, i64) = self
                .conn()
                .prepare_cached(&format!(
                    "SELECT count(*), coalesce(sum(s.state IN ({})), 0) FROM submission s
                     WHERE {cond}",
                    needing()
                ))?
                .query_row(params_from_iter(args.iter()), |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            (total, pending) = (n as usize, p as usize);
        }
        Ok(SubmissionWindow {
            rows: self.submission_page(filter, limit, offset)?,
            total,
            pending,
        })
    }

    /// The rows of one window of [`Store::submission_window`] without counting again: for
    /// moving the window over a list already counted.
    pub fn submission_page(
        &self,
        filter: &SubmissionFilter,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<SubmissionSummary>> {
        let (cond, mut args) = condition(self.conn(), filter, true)?;
        args.push(Value::Integer(limit as i64));
        args.push(Value::Integer(offset as i64));
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "{SUMMARY} WHERE s.id IN (SELECT s.id FROM submission s WHERE {cond}
                   ORDER BY s.received_at DESC, s.id DESC LIMIT ? OFFSET ?)
                 ORDER BY s.received_at DESC, s.id DESC"
            ))?
            .query_map(params_from_iter(args), summary)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Where submission `id` sits among those matching `filter` (0 is the newest), or `None`
    /// when the filter leaves it out: the number of matching submissions before it.
    pub fn submission_position(&self, filter: &SubmissionFilter, id: i64) -> Result<Option<usize>> {
        let Some(key) = self.submission_key(filter, id)? else {
            return Ok(None);
        };
        let (cond, mut args) = condition(self.conn(), filter, true)?;
        args.extend([
            Value::Text(key.0.clone()),
            Value::Text(key.0),
            Value::Integer(key.1),
        ]);
        let n: i64 = self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*) FROM submission s WHERE {cond}
                 AND (s.received_at > ? OR (s.received_at = ? AND s.id > ?))"
            ))?
            .query_row(params_from_iter(args), |r| r.get(0))?;
        Ok(Some(n as usize))
    }

    /// The order key of submission `id` when `filter` lets it through.
    fn submission_key(&self, filter: &SubmissionFilter, id: i64) -> Result<Option<Key>> {
        let (cond, mut args) = condition(self.conn(), filter, true)?;
        args.push(Value::Integer(id));
        super::optional(
            self.conn()
                .prepare_cached(&format!(
                    "SELECT s.received_at, s.id FROM submission s WHERE {cond} AND s.id = ?"
                ))?
                .query_row(params_from_iter(args), |r| Ok((r.get(0)?, r.get(1)?))),
        )
    }

    /// The next (`forward`, older) or previous submission needing a decision after submission
    /// `from` among those matching `filter`, going round the list; `from` itself counts only
    /// with `from_here`. Those in `skip` (someone else has them open) come only when no other
    /// needs a decision. `None` when none does.
    pub fn next_pending_submission(
        &self,
        filter: &SubmissionFilter,
        from: i64,
        forward: bool,
        from_here: bool,
        skip: &[i64],
    ) -> Result<Option<i64>> {
        let Some(key) = self.submission_key(filter, from)? else {
            return Ok(None);
        };
        let found = self.pending_after(filter, &key, forward, from_here, skip)?;
        if found.is_some() || skip.is_empty() {
            return Ok(found);
        }
        self.pending_after(filter, &key, forward, from_here, &[])
    }

    /// One pass of [`Store::next_pending_submission`]: first the rows beyond `key` in the
    /// direction of travel, then round from the other end up to `key`.
    fn pending_after(
        &self,
        filter: &SubmissionFilter,
        key: &Key,
        forward: bool,
        from_here: bool,
        skip: &[i64],
    ) -> Result<Option<i64>> {
        let (cond, args) = condition(self.conn(), filter, true)?;
        let skip_cond = if skip.is_empty() {
            String::new()
        } else {
            format!(" AND s.id NOT IN ({})", vec!["?"; skip.len()].join(", "))
        };
        // In list order (newest first) "after" is a smaller key. The row at `key` is taken
        // first when `from_here`, never on the way round.
        let (beyond, order) = match (forward, from_here) {
            (true, false) => (
                "s.received_at < ? OR (s.received_at = ? AND s.id < ?)",
                "DESC",
            ),
            (true, true) => (
                "s.received_at < ? OR (s.received_at = ? AND s.id <= ?)",
                "DESC",
            ),
            (false, false) => (
                "s.received_at > ? OR (s.received_at = ? AND s.id > ?)",
                "ASC",
            ),
            (false, true) => (
                "s.received_at > ? OR (s.received_at = ? AND s.id >= ?)",
                "ASC",
            ),
        };
        let round = if forward {
            "s.received_at > ? OR (s.received_at = ? AND s.id > ?)"
        } else {
            "s.received_at < ? OR (s.received_at = ? AND s.id < ?)"
        };
        for part in [beyond, round] {
            let mut a = args.clone();
            a.extend(skip.iter().map(|id| Value::Integer(*id)));
            a.extend([
                Value::Text(key.0.clone()),
                Value::Text(key.0.clone()),
                Value::Integer(key.1),
            ]);
            let id: Option<i64> = super::optional(
                self.conn()
                    .prepare_cached(&format!(
                        "SELECT s.id FROM submission s WHERE {cond} AND s.state IN ({}){skip_cond}
                         AND ({part}) ORDER BY s.received_at {order}, s.id {order} LIMIT 1",
                        needing()
                    ))?
                    .query_row(params_from_iter(a), |r| r.get(0)),
            )?;
            if id.is_some() {
                return Ok(id);
            }
        }
        Ok(None)
    }
}
