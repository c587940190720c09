//! Head counts of every session from the per-submission tally (`sessions::TALLY`), for the
//! Overview at start-up, which needs neither the sessions' details nor their slot overlaps.

use rusqlite::params;

use super::sessions::TALLY;
use super::{Result, Store, StoreError};
use crate::domain::session::{HeadCount, SessionState};

/// A session as the Overview sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionHead {
    pub plan_id: i64,
    pub school_id: i64,
    pub school: String,
    pub count: HeadCount,
    pub state: SessionState,
    /// Readiness items done.
    pub ready: usize,
}

impl Store {
    /// Every session (as [`Store::sessions`] lists them) with its head count, state and how
    /// many readiness items are done.
    pub fn session_heads(&self) -> Result<Vec<SessionHead>> {
        let sql = format!(
            "WITH parts AS ({TALLY}
               UNION ALL SELECT plan_id, school_id, 0, 0 FROM session WHERE state != 'open')
             SELECT p.plan_id, p.school_id, sc.name, sum(p.n), sum(p.r),
                    coalesce(se.state, 'open'),
                    (SELECT count(*) FROM session_ready sr
                     WHERE sr.plan_id = p.plan_id AND sr.school_id = p.school_id)
             FROM parts p JOIN school sc ON sc.id = p.school_id
             LEFT JOIN session se ON se.plan_id = p.plan_id AND se.school_id = p.school_id
             GROUP BY p.plan_id, p.school_id
             HAVING sum(p.n) > 0 OR coalesce(se.state, 'open') != 'open'"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(params![])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let state: String = r.get(5)?;
            out.push(SessionHead {
                plan_id: r.get(0)?,
                school_id: r.get(1)?,
                school: r.get(2)?,
                count: HeadCount {
                    accepted: r.get::<_, i64>(3)? as usize,
                    retakes: r.get::<_, i64>(4)? as usize,
                },
                state: state.parse().map_err(StoreError::Corrupt)?,
                ready: r.get::<_, i64>(6)? as usize,
            });
        }
        Ok(out)
    }
}

/// What the Overview says about sessions, from the kept head counts (migration 014): how many
/// open sessions are under the minimum and how many confirmed ones are not ready, and the
/// first few of each, without reading every session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionAlerts {
    /// Open sessions under the minimum, largest shortfall first, then in exam order and by
    /// school: the first `first` of them.
    pub short: Vec<SessionHead>,
    pub short_count: usize,
    /// Confirmed sessions with checklist items left, in exam order and by school: the first
    /// `first` of them.
    pub unready: Vec<SessionHead>,
    pub unready_count: usize,
}

/// `CASE plan_id WHEN … END`: a plan's place in `plans` (ids read from the database), so SQL
/// can order sessions in the exam order the caller worked out.
fn plan_rank(column: &str, plans: &[i64]) -> String {
    if plans.is_empty() {
        // A constant, not a column number.
        return "NULL".into();
    }
    let arms: String = plans
        .iter()
        .enumerate()
        .map(|(i, id)| format!(" WHEN {id} THEN {i}"))
        .collect();
    format!("CASE {column}{arms} END")
}

fn id_list(plans: &[i64]) -> String {
    plans
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// The sessions the Overview names: of the plans in `ahead` (exam still ahead, in exam
    /// order), open sessions under `minimum`; of the plans in `soon`, confirmed sessions with
    /// fewer than `items` checklist items done. Counts, and the first `first` of each.
    pub fn session_alerts(
        &self,
        ahead: &[i64],
        soon: &[i64],
        minimum: usize,
        items: usize,
        first: usize,
    ) -> Result<SessionAlerts> {
        let short_where = format!(
            "FROM session_tally t JOIN school sc ON sc.id = t.school_id
             LEFT JOIN session se ON se.plan_id = t.plan_id AND se.school_id = t.school_id
             WHERE t.n > 0 AND t.n < ?1 AND coalesce(se.state, 'open') = 'open'
               AND t.plan_id IN ({})",
            id_list(ahead)
        );
        let conn = self.conn();
        let short_count: i64 = conn
            .prepare_cached(&format!("SELECT count(*) {short_where}"))?
            .query_row([minimum as i64], |r| r.get(0))?;
        let head = |r: &rusqlite::Row<'_>| -> rusqlite::Result<SessionHead> {
            Ok(SessionHead {
                plan_id: r.get(0)?,
                school_id: r.get(1)?,
                school: r.get(2)?,
                count: HeadCount {
                    accepted: r.get::<_, i64>(3)?.max(0) as usize,
                    retakes: r.get::<_, i64>(4)?.max(0) as usize,
                },
                state: SessionState::Open,
                ready: r.get::<_, i64>(5)? as usize,
            })
        };
        let short = conn
            .prepare_cached(&format!(
                "SELECT t.plan_id, t.school_id, sc.name, t.n, t.r,
                    (SELECT count(*) FROM session_ready sr
                     WHERE sr.plan_id = t.plan_id AND sr.school_id = t.school_id)
                 {short_where} ORDER BY t.n, {}, sc.name LIMIT ?2",
                plan_rank("t.plan_id", ahead)
            ))?
            .query_map(params![minimum as i64, first as i64], head)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let unready_where = format!(
            "FROM session se JOIN school sc ON sc.id = se.school_id
             LEFT JOIN session_tally t ON t.plan_id = se.plan_id AND t.school_id = se.school_id
             WHERE se.state = 'confirmed' AND se.plan_id IN ({})
               AND (SELECT count(*) FROM session_ready sr
                    WHERE sr.plan_id = se.plan_id AND sr.school_id = se.school_id) < ?1",
            id_list(soon)
        );
        let unready_count: i64 = conn
            .prepare_cached(&format!("SELECT count(*) {unready_where}"))?
            .query_row([items as i64], |r| r.get(0))?;
        let unready = conn
            .prepare_cached(&format!(
                "SELECT se.plan_id, se.school_id, sc.name, coalesce(t.n, 0), coalesce(t.r, 0),
                    (SELECT count(*) FROM session_ready sr
                     WHERE sr.plan_id = se.plan_id AND sr.school_id = se.school_id)
                 {unready_where} ORDER BY {}, sc.name LIMIT ?2",
                plan_rank("se.plan_id", soon)
            ))?
            .query_map(params![items as i64, first as i64], head)?
            .map(|h| {
                h.map(|h| SessionHead {
                    state: SessionState::Confirmed,
                    ..h
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(SessionAlerts {
            short,
            short_count: short_count as usize,
            unready,
            unready_count: unready_count as usize,
        })
    }
}
