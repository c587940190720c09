//! The console's Sessions list at national scale: the sessions' order and filter read from
//! the kept head counts (migration 014) as keys only, and the rows of the visible window read
//! by key. The order mixes the plan's exam time and the school's name, which SQLite could only
//! give by sorting every session again for each window (27 ms at 24,000 sessions); the keys
//! are read and ordered once per load, filter or sort, and a window costs its own rows.

use std::collections::HashMap;

use rusqlite::{params, params_from_iter, types::Value};

use super::audit::escape_like;
use super::sessions::{ReadyItem, ReadyMark, SessionRow, SessionSort};
use super::{Result, SessionKey, Store, StoreError};
use crate::domain::session::{HeadCount, SessionState};

/// One word of the Sessions filter as the console matched it: the plans whose code or level
/// name hold it, the states whose names hold it, and the word itself, looked for in the
/// school's name and province. A session passes a word when any of them holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionWord {
    pub plans: Vec<i64>,
    pub states: Vec<SessionState>,
    /// `None`: not looked for in school names (a word that names plans only).
    pub text: Option<String>,
}

fn ids(v: &[i64]) -> String {
    v.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

impl Store {
    /// The sessions passing every word, in `sort` order: those with candidates, and confirmed
    /// or cancelled ones, as [`Store::sessions`] lists them.
    pub fn session_keys(
        &self,
        words: &[SessionWord],
        sort: SessionSort,
    ) -> Result<Vec<SessionKey>> {
        let mut conds = vec!["(t.n > 0 OR coalesce(se.state, 'open') != 'open')".to_string()];
        let mut args: Vec<Value> = Vec::new();
        for w in words {
            let mut any = vec![format!("t.plan_id IN ({})", ids(&w.plans))];
            if !w.states.is_empty() {
                let states: Vec<String> =
                    w.states.iter().map(|s| format!("'{}'", s.key())).collect();
                any.push(format!(
                    "coalesce(se.state, 'open') IN ({})",
                    states.join(", ")
                ));
            }
            if let Some(text) = &w.text {
                any.push(
                    "t.school_id IN (SELECT id FROM school
                     WHERE name LIKE ? ESCAPE '\\' OR province LIKE ? ESCAPE '\\')"
                        .into(),
                );
                let pat = Value::Text(format!("%{}%", escape_like(text)));
                args.extend([pat.clone(), pat]);
            }
            conds.push(format!("({})", any.join(" OR ")));
        }
        let sql = format!(
            "SELECT t.plan_id, t.school_id, t.n FROM session_tally t
             LEFT JOIN session se ON se.plan_id = t.plan_id AND se.school_id = t.school_id
             WHERE {}",
            conds.join(" AND ")
        );
        let found: Vec<(SessionKey, i64)> = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(params_from_iter(args), |r| {
                Ok((
                    SessionKey {
                        plan_id: r.get(0)?,
                        school_id: r.get(1)?,
                    },
                    r.get(2)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // Plans in exam order, schools by name: ranks, so the sort compares integers.
        let mut plans = self.plans()?;
        plans.sort_by_key(|p| (p.exam_start, p.level));
        let plan_rank: HashMap<i64, usize> =
            plans.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let school_rank: HashMap<i64, usize> = self
            .conn()
            .prepare_cached("SELECT id FROM school ORDER BY name")?
            .query_map([], |r| r.get::<_, i64>(0))?
            .enumerate()
            .map(|(i, id)| id.map(|id| (id, i)))
            .collect::<rusqlite::Result<_>>()?;
        let short_by = |n: i64| {
            HeadCount {
                accepted: n.max(0) as usize,
                retakes: 0,
            }
            .short_by()
        };
        // Each session's place worked out once, then sorted as plain integers: looking the
        // ranks up inside the comparison cost more than the whole read.
        let mut ranked: Vec<((usize, usize, usize), SessionKey)> = found
            .into_iter()
            .map(|(k, n)| {
                let shortfall = match sort {
                    SessionSort::Plan => 0,
                    SessionSort::Shortfall => usize::MAX - short_by(n),
                };
                let plan = plan_rank.get(&k.plan_id).copied().unwrap_or(usize::MAX);
                let school = school_rank.get(&k.school_id).copied().unwrap_or(usize::MAX);
                ((shortfall, plan, school), k)
            })
            .collect();
        ranked.sort_unstable_by_key(|(r, _)| *r);
        Ok(ranked.into_iter().map(|(_, k)| k).collect())
    }

    /// Whether any session is listed at all (a filter may hide them all).
    pub fn any_session(&self) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM session_tally t
               LEFT JOIN session se ON se.plan_id = t.plan_id AND se.school_id = t.school_id
               WHERE t.n > 0 OR coalesce(se.state, 'open') != 'open')",
            [],
            |r| r.get(0),
        )?)
    }

    /// The sessions named by `keys`, in that order, with their kept head counts, state and
    /// checklist; `overlaps` is left at 0 (the caller has [`Store::slot_overlaps`]).
    pub fn session_rows(&self, keys: &[SessionKey]) -> Result<Vec<SessionRow>> {
        let plans: HashMap<i64, crate::domain::Plan> =
            self.plans()?.into_iter().map(|p| (p.id, p)).collect();
        let mut row = self.conn().prepare_cached(
            "SELECT t.n, t.r, coalesce(se.state, 'open'), se.confirmed_by, se.confirmed_at,
                    se.cancel_reason, sc.name, sc.province
             FROM session_tally t JOIN school sc ON sc.id = t.school_id
             LEFT JOIN session se ON se.plan_id = t.plan_id AND se.school_id = t.school_id
             WHERE t.plan_id = ?1 AND t.school_id = ?2",
        )?;
        let mut marks = self.conn().prepare_cached(
            "SELECT item, done_by, done_at FROM session_ready
             WHERE plan_id = ?1 AND school_id = ?2 ORDER BY item",
        )?;
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            let plan = plans.get(&k.plan_id).ok_or_else(|| {
                StoreError::Corrupt(format!("session of unknown plan {}", k.plan_id))
            })?;
            let got = super::optional(row.query_row(params![k.plan_id, k.school_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                ))
            }))?;
            // Gone since the keys were read (another console's change): the next load drops it.
            let Some((n, r, state, cby, cat, reason, school, province)) = got else {
                continue;
            };
            let mut ready = Vec::new();
            let mut rows = marks.query(params![k.plan_id, k.school_id])?;
            while let Some(m) = rows.next()? {
                let key: String = m.get(0)?;
                let item = ReadyItem::from_key(&key)
                    .ok_or_else(|| StoreError::Corrupt(format!("checklist item {key:?}")))?;
                ready.push(ReadyMark {
                    item,
                    by: m.get(1)?,
                    at: m.get(2)?,
                });
            }
            ready.sort_by_key(|m| m.item);
            out.push(SessionRow {
                plan_id: k.plan_id,
                plan_code: plan.code(),
                level: plan.level,
                school_id: k.school_id,
                school,
                province,
                count: HeadCount {
                    accepted: n.max(0) as usize,
                    retakes: r.max(0) as usize,
                },
                state: state.parse().map_err(StoreError::Corrupt)?,
                overlaps: 0,
                ready,
                confirmed_by: cby,
                confirmed_at: cat,
                cancel_reason: reason,
            });
        }
        Ok(out)
    }
}
