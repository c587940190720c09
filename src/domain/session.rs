//! 场次: one plan at one approved site. The notice: 该考点该场考试的考生数量（含补考考生）不得低于 20 人.
//! A session under the minimum cannot be confirmed, numbered or exported as a final roster.
//!
//! Admission numbers (准考证号) are 17 digits:
//! `<exam date YYYYMMDD><level digit 1 初级 / 2 中级 / 3 高级><school id, 4 digits><sequence, 4 digits>`,
//! e.g. `20211211` `1` `0007` `0023` = `20211211100070023`. The school id and exam date make them
//! unique per plan (and across plans); the sequence counts per session from 0001 and is never
//! reused, so a number once given stays with its candidate whatever is edited later.

use super::keyed::{keyed, keyed_text};

use chrono::NaiveDate;

use super::Level;

/// The notice's minimum head count of a session, retakes included.
pub const MINIMUM: usize = 20;

keyed! {
    /// Where a session stands.
    pub enum SessionState {
        /// Collecting candidates; may be confirmed once it holds the minimum.
        Open = "open",
        /// Confirmed: its candidates have admission numbers and it may be exported as a roster.
        Confirmed = "confirmed",
        /// Cancelled with a reason; its candidates are marked, never deleted.
        Cancelled = "cancelled",
    }
}

keyed_text!(SessionState, "session state");

/// A session's head count: accepted candidates placed in it, retakes included and also
/// counted on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HeadCount {
    /// Valid candidates of accepted submissions placed in the session, retakes included.
    pub accepted: usize,
    /// Of those, the retake candidates.
    pub retakes: usize,
}

impl HeadCount {
    /// How many candidates are missing to reach the minimum (0 when it is reached).
    pub fn short_by(self) -> usize {
        MINIMUM.saturating_sub(self.accepted)
    }

    /// Whether the session holds at least the minimum.
    pub fn meets_minimum(self) -> bool {
        self.short_by() == 0
    }
}

/// Why a session action is refused; each says what staff can do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionRefused {
    #[error("the session has {accepted} candidates: {short_by} short of the minimum of 20")]
    UnderMinimum { accepted: usize, short_by: usize },
    #[error("the session is already {0}")]
    AlreadyIn(SessionState),
    #[error("the session is cancelled")]
    Cancelled,
    /// A final roster is of a confirmed session; an open one is to be confirmed first.
    #[error("the session is not confirmed yet: confirm it first")]
    NotConfirmed,
    #[error("the session is confirmed: its candidates have admission numbers")]
    Confirmed,
    #[error("this needs a reason")]
    ReasonRequired,
    #[error("a session can only move to a plan of the same level ({from} → {to})")]
    LevelMismatch { from: Level, to: Level },
    #[error("the target is the same session")]
    SameSession,
    #[error("the session has no candidates")]
    Empty,
    #[error("{0} of the chosen candidates are not in this session")]
    NotInSession(usize),
    #[error("the school's site is not approved")]
    SiteNotApproved,
    #[error("{0} of the candidates are already registered for the target plan")]
    AlreadyInPlan(usize),
    #[error("admission numbers ran out: at most 9999 per session and school ids up to 9999")]
    NumbersExhausted,
}

/// Checks that a session may be confirmed: open, and at least the minimum.
pub fn check_confirm(state: SessionState, count: HeadCount) -> Result<(), SessionRefused> {
    match state {
        SessionState::Open => {}
        SessionState::Cancelled => return Err(SessionRefused::Cancelled),
        st @ SessionState::Confirmed => return Err(SessionRefused::AlreadyIn(st)),
    }
    check_minimum(count)
}

/// Checks that a session may be exported as a final roster: confirmed and at the minimum.
pub fn check_roster(state: SessionState, count: HeadCount) -> Result<(), SessionRefused> {
    check_minimum(count)?;
    match state {
        SessionState::Confirmed => Ok(()),
        SessionState::Cancelled => Err(SessionRefused::Cancelled),
        SessionState::Open => Err(SessionRefused::NotConfirmed),
    }
}

/// The minimum rule alone: refused with how many are missing.
pub fn check_minimum(count: HeadCount) -> Result<(), SessionRefused> {
    if count.meets_minimum() {
        Ok(())
    } else {
        Err(SessionRefused::UnderMinimum {
            accepted: count.accepted,
            short_by: count.short_by(),
        })
    }
}

/// Checks a cancellation: needs a reason; an already cancelled session stays as it is.
pub fn check_cancel(state: SessionState, reason: Option<&str>) -> Result<(), SessionRefused> {
    if state == SessionState::Cancelled {
        return Err(SessionRefused::AlreadyIn(state));
    }
    require_reason(reason)
}

/// Checks a move of candidates from one session to another: a reason, the same level, a
/// different session, a source that is not confirmed (its numbers are given) and a target that
/// is not cancelled.
pub fn check_move(
    from: (SessionState, Level),
    to: (SessionState, Level),
    same_session: bool,
    reason: Option<&str>,
) -> Result<(), SessionRefused> {
    require_reason(reason)?;
    if same_session {
        return Err(SessionRefused::SameSession);
    }
    if from.1 != to.1 {
        return Err(SessionRefused::LevelMismatch {
            from: from.1,
            to: to.1,
        });
    }
    if from.0 == SessionState::Confirmed {
        return Err(SessionRefused::Confirmed);
    }
    if to.0 == SessionState::Cancelled {
        return Err(SessionRefused::Cancelled);
    }
    Ok(())
}

fn require_reason(reason: Option<&str>) -> Result<(), SessionRefused> {
    match reason.map(str::trim) {
        Some(r) if !r.is_empty() => Ok(()),
        _ => Err(SessionRefused::ReasonRequired),
    }
}

/// The digit of a level inside admission numbers: 1 初级, 2 中级, 3 高级.
pub fn level_digit(level: Level) -> u8 {
    match level {
        Level::Junior => 1,
        Level::Intermediate => 2,
        Level::Senior => 3,
    }
}

/// The admission number of the `seq`-th candidate (from 1) of a school's session of a plan;
/// see the module documentation for the layout.
pub fn admission_number(
    exam_date: NaiveDate,
    level: Level,
    school_id: i64,
    seq: u32,
) -> Result<String, SessionRefused> {
    if !(0..=9999).contains(&school_id) || !(1..=9999).contains(&seq) {
        return Err(SessionRefused::NumbersExhausted);
    }
    Ok(format!(
        "{}{}{:04}{:04}",
        exam_date.format("%Y%m%d"),
        level_digit(level),
        school_id,
        seq
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(accepted: usize, retakes: usize) -> HeadCount {
        HeadCount { accepted, retakes }
    }

    #[test]
    fn nineteen_with_retakes_is_one_short_and_cannot_be_confirmed() {
        let c = count(19, 4);
        assert_eq!(c.short_by(), 1);
        assert_eq!(
            check_confirm(SessionState::Open, c),
            Err(SessionRefused::UnderMinimum {
                accepted: 19,
                short_by: 1
            })
        );
        assert!(check_roster(SessionState::Confirmed, c).is_err());
    }

    #[test]
    fn twenty_and_twenty_one_counting_retakes_can_be_confirmed() {
        // 16 first-timers and 4 retakes make 20: the notice counts retakes in.
        assert_eq!(check_confirm(SessionState::Open, count(20, 4)), Ok(()));
        assert_eq!(check_confirm(SessionState::Open, count(21, 21)), Ok(()));
        assert_eq!(count(21, 0).short_by(), 0);
        assert_eq!(check_roster(SessionState::Confirmed, count(20, 4)), Ok(()));
    }

    #[test]
    fn confirm_and_roster_respect_the_state() {
        assert_eq!(
            check_confirm(SessionState::Confirmed, count(25, 0)),
            Err(SessionRefused::AlreadyIn(SessionState::Confirmed))
        );
        assert_eq!(
            check_confirm(SessionState::Cancelled, count(25, 0)),
            Err(SessionRefused::Cancelled)
        );
        assert!(check_roster(SessionState::Open, count(25, 0)).is_err());
        assert_eq!(count(0, 0).short_by(), MINIMUM);
    }

    #[test]
    fn cancel_and_move_need_a_reason() {
        assert_eq!(
            check_cancel(SessionState::Open, Some("  ")),
            Err(SessionRefused::ReasonRequired)
        );
        assert_eq!(check_cancel(SessionState::Confirmed, Some("停电")), Ok(()));
        let open_junior = (SessionState::Open, Level::Junior);
        assert_eq!(
            check_move(open_junior, open_junior, false, None),
            Err(SessionRefused::ReasonRequired)
        );
        assert_eq!(
            check_move(open_junior, open_junior, false, Some("合并")),
            Ok(())
        );
    }

    #[test]
    fn moves_stay_within_a_level_and_spare_confirmed_sessions() {
        let open = |l| (SessionState::Open, l);
        assert_eq!(
            check_move(open(Level::Junior), open(Level::Senior), false, Some("r")),
            Err(SessionRefused::LevelMismatch {
                from: Level::Junior,
                to: Level::Senior
            })
        );
        assert_eq!(
            check_move(open(Level::Junior), open(Level::Junior), true, Some("r")),
            Err(SessionRefused::SameSession)
        );
        assert_eq!(
            check_move(
                (SessionState::Confirmed, Level::Junior),
                open(Level::Junior),
                false,
                Some("r")
            ),
            Err(SessionRefused::Confirmed)
        );
        assert_eq!(
            check_move(
                (SessionState::Cancelled, Level::Junior),
                (SessionState::Confirmed, Level::Junior),
                false,
                Some("r")
            ),
            Ok(())
        );
        assert_eq!(
            check_move(
                open(Level::Junior),
                (SessionState::Cancelled, Level::Junior),
                false,
                Some("r")
            ),
            Err(SessionRefused::Cancelled)
        );
    }

    #[test]
    fn admission_numbers_have_the_documented_layout() {
        let d = NaiveDate::from_ymd_opt(2021, 12, 11).unwrap();
        assert_eq!(
            admission_number(d, Level::Junior, 7, 23).unwrap(),
            "20211211100070023"
        );
        assert_eq!(
            admission_number(d, Level::Senior, 1234, 9999).unwrap(),
            "20211211312349999"
        );
        assert_eq!(
            admission_number(d, Level::Junior, 10000, 1),
            Err(SessionRefused::NumbersExhausted)
        );
        assert_eq!(
            admission_number(d, Level::Junior, 1, 0),
            Err(SessionRefused::NumbersExhausted)
        );
    }

    #[test]
    fn states_round_trip() {
        for s in SessionState::ALL {
            assert_eq!(s.key().parse::<SessionState>(), Ok(s));
        }
        assert!("closed".parse::<SessionState>().is_err());
    }
}
