//! What goes to the national platform for a plan: the candidates of sessions that hold.

use std::collections::HashSet;

use super::session_actions::{PlacedCandidate, placed_candidates};
use super::sessions::{SessionFilter, SessionRow};
use super::{Result, Store};
use crate::domain::session::SessionState;

/// The platform export of one plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformExport {
    /// Candidates of sessions that are not cancelled and hold the minimum, by school.
    pub candidates: Vec<PlacedCandidate>,
    /// Open or confirmed sessions left out because they are under the minimum.
    pub skipped: Vec<SessionRow>,
}

impl Store {
    /// The candidates of a plan ready for the national platform. Sessions under the minimum
    /// cannot be scheduled, so their candidates are left out and the sessions named.
    pub fn platform_export(&self, plan_id: i64) -> Result<PlatformExport> {
        let sessions = self.sessions(&SessionFilter {
            plan_id: Some(plan_id),
            ..Default::default()
        })?;
        let (held, skipped): (Vec<SessionRow>, Vec<SessionRow>) = sessions
            .into_iter()
            .filter(|s| s.state != SessionState::Cancelled)
            .partition(|s| s.count.meets_minimum());
        let schools: HashSet<i64> = held.iter().map(|s| s.school_id).collect();
        let mut candidates = placed_candidates(self.conn(), plan_id, None)?;
        candidates.retain(|c| schools.contains(&c.school_id));
        Ok(PlatformExport {
            candidates,
            skipped,
        })
    }
}
