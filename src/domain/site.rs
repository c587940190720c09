//! 考点申报: a school's exam site must be declared and approved before it may hold exams.

use std::fmt;
use std::str::FromStr;

/// Where a school's site application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SiteState {
    NotApplied,
    Pending,
    Approved,
    Rejected,
    Suspended,
}

/// A decision staff take on a site application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SiteAction {
    /// The school declares (or re-declares after a rejection) its site.
    Apply,
    /// Approve a pending application, or reinstate a suspended site.
    Approve,
    Reject,
    Suspend,
}

/// A site decision that cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiteError {
    #[error("cannot {action} a site that is {from}")]
    InvalidTransition { from: SiteState, action: SiteAction },
    #[error("{action} needs a reason")]
    ReasonRequired { action: SiteAction },
}

impl SiteState {
    /// Every state, in the order of the application's life.
    pub const ALL: [SiteState; 5] = [
        SiteState::NotApplied,
        SiteState::Pending,
        SiteState::Approved,
        SiteState::Rejected,
        SiteState::Suspended,
    ];

    /// The key used in JSON, the database and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            SiteState::NotApplied => "not_applied",
            SiteState::Pending => "pending",
            SiteState::Approved => "approved",
            SiteState::Rejected => "rejected",
            SiteState::Suspended => "suspended",
        }
    }

    /// The state `action` leads to, or why it is refused.
    pub fn apply(self, action: SiteAction, reason: Option<&str>) -> Result<SiteState, SiteError> {
        use SiteAction as A;
        use SiteState as S;
        let to = match (self, action) {
            (S::NotApplied | S::Rejected, A::Apply) => S::Pending,
            (S::Pending | S::Suspended, A::Approve) => S::Approved,
            (S::Pending, A::Reject) => S::Rejected,
            (S::Approved, A::Suspend) => S::Suspended,
            (from, action) => return Err(SiteError::InvalidTransition { from, action }),
        };
        if action.needs_reason() && reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(SiteError::ReasonRequired { action });
        }
        Ok(to)
    }

    /// The actions that can be taken from this state.
    pub fn actions(self) -> Vec<SiteAction> {
        SiteAction::ALL
            .into_iter()
            .filter(|a| self.apply(*a, Some("-")).is_ok())
            .collect()
    }
}

impl SiteAction {
    /// Every action.
    pub const ALL: [SiteAction; 4] = [
        SiteAction::Apply,
        SiteAction::Approve,
        SiteAction::Reject,
        SiteAction::Suspend,
    ];

    /// The key used on the command line and in the audit log.
    pub fn key(self) -> &'static str {
        match self {
            SiteAction::Apply => "apply",
            SiteAction::Approve => "approve",
            SiteAction::Reject => "reject",
            SiteAction::Suspend => "suspend",
        }
    }

    /// Rejecting and suspending must say why.
    pub fn needs_reason(self) -> bool {
        matches!(self, SiteAction::Reject | SiteAction::Suspend)
    }
}

impl fmt::Display for SiteState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl fmt::Display for SiteAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for SiteState {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SiteState::ALL
            .into_iter()
            .find(|st| st.key() == s.trim())
            .ok_or_else(|| format!("unknown site state {s:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::SiteAction as A;
    use super::SiteState as S;
    use super::*;

    #[test]
    fn the_application_life() {
        assert_eq!(S::NotApplied.apply(A::Apply, None), Ok(S::Pending));
        assert_eq!(S::Pending.apply(A::Approve, None), Ok(S::Approved));
        assert_eq!(
            S::Pending.apply(A::Reject, Some("no room")),
            Ok(S::Rejected)
        );
        assert_eq!(S::Rejected.apply(A::Apply, None), Ok(S::Pending));
        assert_eq!(
            S::Approved.apply(A::Suspend, Some("audit")),
            Ok(S::Suspended)
        );
        assert_eq!(S::Suspended.apply(A::Approve, None), Ok(S::Approved));
    }

    #[test]
    fn invalid_transitions_are_refused() {
        for (from, action) in [
            (S::NotApplied, A::Approve),
            (S::NotApplied, A::Reject),
            (S::Approved, A::Apply),
            (S::Approved, A::Approve),
            (S::Rejected, A::Approve),
            (S::Suspended, A::Reject),
            (S::Pending, A::Suspend),
        ] {
            assert_eq!(
                from.apply(action, Some("x")),
                Err(SiteError::InvalidTransition { from, action }),
                "{from} --{action}-->"
            );
        }
    }

    #[test]
    fn reject_and_suspend_need_a_reason() {
        assert_eq!(
            S::Pending.apply(A::Reject, Some("  ")),
            Err(SiteError::ReasonRequired { action: A::Reject })
        );
        assert_eq!(
            S::Approved.apply(A::Suspend, None),
            Err(SiteError::ReasonRequired { action: A::Suspend })
        );
    }

    #[test]
    fn actions_offered_match_the_machine() {
        assert_eq!(S::Pending.actions(), vec![A::Approve, A::Reject]);
        assert_eq!(S::Approved.actions(), vec![A::Suspend]);
    }
}
