//! 考试计划: one national sitting of one level, its registration window and exam slot.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime};

use super::Level;
use super::time;

/// One 考试计划 as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub id: i64,
    pub name: String,
    pub level: Level,
    /// First day of the registration window (China time).
    pub opens: NaiveDate,
    /// Last day of the registration window (China time), inclusive.
    pub closes: NaiveDate,
    pub exam_start: DateTime<FixedOffset>,
    pub exam_end: DateTime<FixedOffset>,
    /// The plan's DingTalk group name.
    pub group: String,
}

/// Where a registration window stands at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowState {
    /// Not open yet; opens after this long.
    Upcoming { opens_in: Duration },
    /// Open; closes after this long.
    Open { closes_in: Duration },
    /// Closed this long ago.
    Closed { closed_for: Duration },
}

impl WindowState {
    /// The key used in JSON and the database: `upcoming`, `open` or `closed`.
    pub fn key(&self) -> &'static str {
        match self {
            WindowState::Upcoming { .. } => "upcoming",
            WindowState::Open { .. } => "open",
            WindowState::Closed { .. } => "closed",
        }
    }
}

impl Plan {
    /// The short code `YYYYMMDD-等级` that staff type, e.g. `20211211-初级`.
    pub fn code(&self) -> String {
        plan_code(self.exam_start.date_naive(), self.level)
    }

    /// The first instant of the window: 00:00 of the first day.
    pub fn window_start(&self) -> DateTime<FixedOffset> {
        time::at(self.opens, NaiveTime::MIN)
    }

    /// The first instant after the window: 00:00 of the day after the last day, so
    /// 23:59:59.999 of the last day is still inside.
    pub fn window_end(&self) -> DateTime<FixedOffset> {
        time::at(self.closes + Duration::days(1), NaiveTime::MIN)
    }

    /// The window's state at `at`.
    pub fn window_at(&self, at: DateTime<FixedOffset>) -> WindowState {
        let (start, end) = (self.window_start(), self.window_end());
        if at < start {
            WindowState::Upcoming {
                opens_in: start - at,
            }
        } else if at < end {
            WindowState::Open {
                closes_in: end - at,
            }
        } else {
            WindowState::Closed {
                closed_for: at - end,
            }
        }
    }

    /// Whether this plan's exam slot overlaps another's (touching ends do not overlap).
    pub fn slot_overlaps(&self, other: &Plan) -> bool {
        self.exam_start < other.exam_end && other.exam_start < self.exam_end
    }
}

/// `YYYYMMDD-等级` for an exam date and level.
pub fn plan_code(exam_date: NaiveDate, level: Level) -> String {
    format!("{}-{}", exam_date.format("%Y%m%d"), level.zh())
}

/// Reads a plan code as staff type it: `20211211-初级` or `20211211-junior`.
pub fn parse_plan_code(s: &str) -> Option<(NaiveDate, Level)> {
    let (date, level) = s.trim().split_once('-')?;
    let date = NaiveDate::parse_from_str(date, "%Y%m%d").ok()?;
    Some((date, level.parse().ok()?))
}

/// A plan being created or edited, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDraft {
    pub name: String,
    pub level: Level,
    pub opens: NaiveDate,
    pub closes: NaiveDate,
    pub exam_start: DateTime<FixedOffset>,
    pub exam_end: DateTime<FixedOffset>,
    pub group: String,
}

/// Why a plan draft cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("the plan needs a name")]
    NameMissing,
    #[error("the window closes ({closes}) before it opens ({opens})")]
    ClosesBeforeOpens { opens: NaiveDate, closes: NaiveDate },
    #[error("the exam ({exam}) must start after the window closes ({closes})")]
    ExamBeforeClose { closes: NaiveDate, exam: String },
    #[error("the exam must end after it starts")]
    SlotEndsBeforeStart,
}

impl PlanDraft {
    /// Checks the draft: a name, close not before open, exam after close, slot end after start.
    pub fn validate(&self) -> Result<(), PlanError> {
        if self.name.trim().is_empty() {
            return Err(PlanError::NameMissing);
        }
        if self.closes < self.opens {
            return Err(PlanError::ClosesBeforeOpens {
                opens: self.opens,
                closes: self.closes,
            });
        }
        if self.exam_start < time::at(self.closes + Duration::days(1), NaiveTime::MIN) {
            return Err(PlanError::ExamBeforeClose {
                closes: self.closes,
                exam: time::short(&self.exam_start),
            });
        }
        if self.exam_end <= self.exam_start {
            return Err(PlanError::SlotEndsBeforeStart);
        }
        Ok(())
    }

    /// The draft of an existing plan, for editing.
    pub fn from_plan(p: &Plan) -> Self {
        PlanDraft {
            name: p.name.clone(),
            level: p.level,
            opens: p.opens,
            closes: p.closes,
            exam_start: p.exam_start,
            exam_end: p.exam_end,
            group: p.group.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_time;

    fn junior_1211() -> Plan {
        Plan {
            id: 1,
            name: "1+X-跨境电商 B2B-20211211 全国统考（初级）".into(),
            level: Level::Junior,
            opens: NaiveDate::from_ymd_opt(2021, 11, 10).unwrap(),
            closes: NaiveDate::from_ymd_opt(2021, 11, 21).unwrap(),
            exam_start: parse_time("2021-12-11 14:00").unwrap(),
            exam_end: parse_time("2021-12-11 16:00").unwrap(),
            group: String::new(),
        }
    }

    #[test]
    fn window_is_whole_days_in_china_time() {
        let p = junior_1211();
        let state = |t: &str| p.window_at(parse_time(t).unwrap()).key();
        assert_eq!(state("2021-11-09 23:59:59"), "upcoming");
        assert_eq!(state("2021-11-10 00:00"), "open");
        assert_eq!(state("2021-11-21 23:59:59"), "open");
        assert_eq!(state("2021-11-22 00:00"), "closed");
        // 16:00 UTC on the 21st is already midnight in China.
        assert_eq!(state("2021-11-21T16:00:00Z"), "closed");
        assert_eq!(state("2021-11-21T15:59:59Z"), "open");
    }

    #[test]
    fn countdowns_measure_to_the_window_edges() {
        let p = junior_1211();
        let at = parse_time("2021-11-21 22:00").unwrap();
        assert_eq!(
            p.window_at(at),
            WindowState::Open {
                closes_in: Duration::hours(2)
            }
        );
        let before = parse_time("2021-11-08 00:00").unwrap();
        assert_eq!(
            p.window_at(before),
            WindowState::Upcoming {
                opens_in: Duration::days(2)
            }
        );
    }

    #[test]
    fn codes_round_trip_in_both_languages() {
        assert_eq!(junior_1211().code(), "20211211-初级");
        let d = NaiveDate::from_ymd_opt(2021, 12, 11).unwrap();
        assert_eq!(parse_plan_code("20211211-junior"), Some((d, Level::Junior)));
        assert_eq!(parse_plan_code("20211211-高级"), Some((d, Level::Senior)));
        assert_eq!(parse_plan_code("2021-12-11"), None);
    }

    #[test]
    fn morning_senior_and_afternoon_junior_do_not_overlap() {
        let mut senior = junior_1211();
        senior.exam_start = parse_time("2021-12-11 09:00").unwrap();
        senior.exam_end = parse_time("2021-12-11 11:30").unwrap();
        assert!(!senior.slot_overlaps(&junior_1211()));
        let mut late = junior_1211();
        late.exam_start = parse_time("2021-12-11 15:59").unwrap();
        late.exam_end = parse_time("2021-12-11 17:00").unwrap();
        assert!(late.slot_overlaps(&junior_1211()));
    }

    #[test]
    fn drafts_are_checked() {
        let ok = PlanDraft::from_plan(&junior_1211());
        assert_eq!(ok.validate(), Ok(()));
        let mut d = ok.clone();
        d.closes = NaiveDate::from_ymd_opt(2021, 11, 9).unwrap();
        assert!(matches!(
            d.validate(),
            Err(PlanError::ClosesBeforeOpens { .. })
        ));
        let mut d = ok.clone();
        d.exam_start = parse_time("2021-11-21 14:00").unwrap();
        assert!(matches!(
            d.validate(),
            Err(PlanError::ExamBeforeClose { .. })
        ));
        let mut d = ok.clone();
        d.exam_end = d.exam_start;
        assert_eq!(d.validate(), Err(PlanError::SlotEndsBeforeStart));
        let mut d = ok;
        d.name = "  ".into();
        assert_eq!(d.validate(), Err(PlanError::NameMissing));
    }
}
