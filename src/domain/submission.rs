//! 报名信息提交: the states of a submission and the triage decisions staff take on it.

use super::keyed::{keyed, keyed_text};
use std::fmt;

use chrono::{DateTime, FixedOffset};

use super::{Plan, SiteState, WindowState};

keyed! {
    /// Where a submission stands.
    pub enum SubmissionState {
        /// Waiting for triage.
        Pending = "pending",
        /// Received after the plan's window closed: not scheduled (逾期提交信息的不安排考试).
        Late = "late",
        /// Received before the plan's window opened.
        Early = "early",
        /// The school's site is not approved: waits, and becomes pending when it is.
        SiteNotApproved = "site_not_approved",
        /// Sent back to the school with a note.
        NeedsFix = "needs_fix",
        Accepted = "accepted",
        Rejected = "rejected",
    }
}

keyed_text!(SubmissionState, "submission state");

keyed! {
    /// A triage decision.
    pub enum Decision {
        Accept = "accept",
        Reject = "reject",
        NeedsFix = "needs-fix",
    }
}

/// Why a decision is refused; each says what staff can do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionRefused {
    #[error("the submission is late: it was received after the window closed")]
    Late,
    #[error("the submission is early: it was received before the window opened")]
    Early,
    #[error("the school's site is not approved")]
    SiteNotApproved,
    #[error("{0} rows have problems: fix them, or accept the valid rows only")]
    RowProblems(usize),
    #[error("no valid rows to accept")]
    NoValidRows,
    #[error("the submission is already {0}")]
    AlreadyDecided(SubmissionState),
    #[error("{0} needs a reason")]
    ReasonRequired(Decision),
}

impl SubmissionState {
    /// The state a newly received file starts in: late or early judged in China time at the
    /// received time, then whether the site may hold exams.
    pub fn on_arrival(plan: &Plan, received_at: DateTime<FixedOffset>, site: SiteState) -> Self {
        match plan.window_at(received_at) {
            WindowState::Closed { .. } => SubmissionState::Late,
            WindowState::Upcoming { .. } => SubmissionState::Early,
            WindowState::Open { .. } if site != SiteState::Approved => {
                SubmissionState::SiteNotApproved
            }
            WindowState::Open { .. } => SubmissionState::Pending,
        }
    }

    /// Whether staff owe the school a decision on it: the one definition behind the
    /// Overview's count, the Submissions title and `n`/`p`. Late and early files need a reply
    /// too (a rejection saying why); a needs-fix one waits for the school's corrected file, and
    /// one from an unapproved site waits for the site's approval.
    pub fn needs_decision(self) -> bool {
        matches!(
            self,
            SubmissionState::Pending | SubmissionState::Late | SubmissionState::Early
        )
    }
}

/// What a decision needs to know about the submission.
#[derive(Debug, Clone, Copy)]
pub struct DecisionInput {
    pub state: SubmissionState,
    pub site: SiteState,
    pub rows_with_problems: usize,
    pub valid_rows: usize,
    /// Staff confirmed "accept the valid rows only".
    pub valid_only: bool,
}

impl Decision {
    /// Reject and needs-fix tell the school something: they need a reason or note.
    pub fn needs_reason(self) -> bool {
        !matches!(self, Decision::Accept)
    }

    /// The state this decision leads to, or why it is refused. Nothing late, early or from an
    /// unapproved site is ever accepted; rows with problems only when staff chose valid-only.
    pub fn apply(
        self,
        i: DecisionInput,
        reason: Option<&str>,
    ) -> Result<SubmissionState, DecisionRefused> {
        use SubmissionState as S;
        if matches!(i.state, S::Accepted | S::Rejected) {
            return Err(DecisionRefused::AlreadyDecided(i.state));
        }
        if self.needs_reason() && reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(DecisionRefused::ReasonRequired(self));
        }
        match self {
            Decision::Reject => Ok(S::Rejected),
            Decision::NeedsFix => match i.state {
                S::Pending | S::NeedsFix | S::SiteNotApproved => Ok(S::NeedsFix),
                S::Late => Err(DecisionRefused::Late),
                _ => Err(DecisionRefused::Early),
            },
            Decision::Accept => {
                match i.state {
                    S::Late => return Err(DecisionRefused::Late),
                    S::Early => return Err(DecisionRefused::Early),
                    _ => {}
                }
                if i.state == S::SiteNotApproved || i.site != SiteState::Approved {
                    return Err(DecisionRefused::SiteNotApproved);
                }
                if i.valid_rows == 0 {
                    return Err(DecisionRefused::NoValidRows);
                }
                if i.rows_with_problems > 0 && !i.valid_only {
                    return Err(DecisionRefused::RowProblems(i.rows_with_problems));
                }
                Ok(S::Accepted)
            }
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::SubmissionState as S;
    use super::*;

    #[test]
    fn late_and_early_need_a_decision_needs_fix_waits_for_the_school() {
        let needing: Vec<_> = S::ALL.into_iter().filter(|s| s.needs_decision()).collect();
        assert_eq!(needing, [S::Pending, S::Late, S::Early]);
    }
    use crate::domain::time::parse_time;
    use crate::domain::{Level, Plan};

    fn plan() -> Plan {
        Plan {
            id: 1,
            name: "p".into(),
            level: Level::Junior,
            opens: chrono::NaiveDate::from_ymd_opt(2021, 11, 10).unwrap(),
            closes: chrono::NaiveDate::from_ymd_opt(2021, 11, 21).unwrap(),
            exam_start: parse_time("2021-12-11 14:00").unwrap(),
            exam_end: parse_time("2021-12-11 16:00").unwrap(),
            group: String::new(),
        }
    }

    #[test]
    fn arrival_is_judged_at_the_received_time_in_china_time() {
        let p = plan();
        let at = |t| parse_time(t).unwrap();
        assert_eq!(
            S::on_arrival(&p, at("2021-11-21 23:59:59"), SiteState::Approved),
            S::Pending
        );
        assert_eq!(
            S::on_arrival(&p, at("2021-11-22 00:00"), SiteState::Approved),
            S::Late
        );
        assert_eq!(
            S::on_arrival(&p, at("2021-11-09 23:59:59"), SiteState::Approved),
            S::Early
        );
        assert_eq!(
            S::on_arrival(&p, at("2021-11-10 00:00"), SiteState::Pending),
            S::SiteNotApproved
        );
        // Late wins over the site: a late file is never scheduled, whatever the site.
        assert_eq!(
            S::on_arrival(&p, at("2021-11-22 08:00"), SiteState::Pending),
            S::Late
        );
    }

    fn input(state: S) -> DecisionInput {
        DecisionInput {
            state,
            site: SiteState::Approved,
            rows_with_problems: 0,
            valid_rows: 20,
            valid_only: false,
        }
    }

    #[test]
    fn accept_is_refused_for_late_early_unapproved_and_problem_rows() {
        assert_eq!(
            Decision::Accept.apply(input(S::Late), None),
            Err(DecisionRefused::Late)
        );
        assert_eq!(
            Decision::Accept.apply(input(S::Early), None),
            Err(DecisionRefused::Early)
        );
        assert_eq!(
            Decision::Accept.apply(input(S::SiteNotApproved), None),
            Err(DecisionRefused::SiteNotApproved)
        );
        let suspended = DecisionInput {
            site: SiteState::Suspended,
            ..input(S::Pending)
        };
        assert_eq!(
            Decision::Accept.apply(suspended, None),
            Err(DecisionRefused::SiteNotApproved)
        );
        let bad = DecisionInput {
            rows_with_problems: 2,
            valid_rows: 18,
            ..input(S::Pending)
        };
        assert_eq!(
            Decision::Accept.apply(bad, None),
            Err(DecisionRefused::RowProblems(2))
        );
        let chosen = DecisionInput {
            valid_only: true,
            ..bad
        };
        assert_eq!(Decision::Accept.apply(chosen, None), Ok(S::Accepted));
        let none = DecisionInput {
            valid_rows: 0,
            valid_only: true,
            ..bad
        };
        assert_eq!(
            Decision::Accept.apply(none, None),
            Err(DecisionRefused::NoValidRows)
        );
        assert_eq!(
            Decision::Accept.apply(input(S::NeedsFix), None),
            Ok(S::Accepted)
        );
    }

    #[test]
    fn reject_and_needs_fix_need_a_reason_and_decided_is_final() {
        assert_eq!(
            Decision::Reject.apply(input(S::Late), None),
            Err(DecisionRefused::ReasonRequired(Decision::Reject))
        );
        assert_eq!(
            Decision::Reject.apply(input(S::Late), Some("逾期")),
            Ok(S::Rejected)
        );
        assert_eq!(
            Decision::NeedsFix.apply(input(S::Pending), Some("第7行证件号")),
            Ok(S::NeedsFix)
        );
        assert_eq!(
            Decision::Reject.apply(input(S::Accepted), Some("x")),
            Err(DecisionRefused::AlreadyDecided(S::Accepted))
        );
    }
}
