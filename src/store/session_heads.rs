//! Head counts of every session without reading the candidates one by one: per-submission
//! counts come from the covering index `candidate_session_count`, and the few moved
//! candidates (placement) are taken from one session and given to another. The Overview needs
//! these at start-up, where [`Store::sessions`] (which also looks for slot overlaps) costs too
//! much on a national sitting.

use rusqlite::params;

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
        let moved = "FROM placement pl JOIN candidate c ON c.id = pl.candidate_id
            JOIN submission s ON s.id = c.submission_id
            WHERE s.state = 'accepted' AND c.valid = 1";
        let sql = format!(
            "WITH parts AS (
               SELECT s.plan_id, s.school_id, g.n, g.r FROM (
                 SELECT submission_id, count(*) AS n, sum(retake) AS r FROM candidate
                 WHERE valid = 1 GROUP BY submission_id) g
               JOIN submission s ON s.id = g.submission_id WHERE s.state = 'accepted'
               UNION ALL SELECT s.plan_id, s.school_id, -1, -c.retake {moved}
               UNION ALL SELECT pl.plan_id, pl.school_id, 1, c.retake {moved}
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
