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
