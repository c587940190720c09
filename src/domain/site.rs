//! 考点申报: a school's exam site must be declared and approved before it may hold exams.

use super::keyed::{keyed, keyed_text};
use std::fmt;

keyed! {
    /// Where a school's site application stands.
    pub enum SiteState {
        NotApplied = "not_applied",
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
        Suspended = "suspended",
    }
}

keyed_text!(SiteState, "site state");

keyed! {
    /// A decision staff take on a site application.
    pub enum SiteAction {
        /// The school declares (or re-declares after a rejection) its site.
        Apply = "apply",
        /// Approve a pending application, or reinstate a suspended site.
        Approve = "approve",
        Reject = "reject",
        Suspend = "suspend",
    }
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
    /// Rejecting and suspending must say why.
    pub fn needs_reason(self) -> bool {
        matches!(self, SiteAction::Reject | SiteAction::Suspend)
    }
}

impl fmt::Display for SiteAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
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
