//! Words shared by the console and the command line.

use super::Msg;
use crate::domain::{Level, SiteAction, SiteState, WindowState};

pub const WINDOW_UPCOMING: Msg = Msg {
    zh: "未开始",
    en: "upcoming",
};
pub const WINDOW_OPEN: Msg = Msg {
    zh: "报名中",
    en: "open",
};
pub const WINDOW_CLOSED: Msg = Msg {
    zh: "已截止",
    en: "closed",
};
pub const OPENS_IN: Msg = Msg {
    zh: "{n}后开始",
    en: "opens in {n}",
};
pub const CLOSES_IN: Msg = Msg {
    zh: "{n}后截止",
    en: "closes in {n}",
};
pub const DAYS: Msg = Msg {
    zh: "{n}天",
    en: "{n} d",
};
pub const HOURS: Msg = Msg {
    zh: "{n}小时",
    en: "{n} h",
};
pub const MINUTES: Msg = Msg {
    zh: "{n}分钟",
    en: "{n} min",
};

pub const SITE_NOT_APPLIED: Msg = Msg {
    zh: "未申报",
    en: "not applied",
};
pub const SITE_PENDING: Msg = Msg {
    zh: "待审核",
    en: "pending",
};
pub const SITE_APPROVED: Msg = Msg {
    zh: "已批准",
    en: "approved",
};
pub const SITE_REJECTED: Msg = Msg {
    zh: "已驳回",
    en: "rejected",
};
pub const SITE_SUSPENDED: Msg = Msg {
    zh: "已暂停",
    en: "suspended",
};

pub const ACTION_APPLY: Msg = Msg {
    zh: "申报",
    en: "apply",
};
pub const ACTION_APPROVE: Msg = Msg {
    zh: "批准",
    en: "approve",
};
pub const ACTION_REJECT: Msg = Msg {
    zh: "驳回",
    en: "reject",
};
pub const ACTION_SUSPEND: Msg = Msg {
    zh: "暂停",
    en: "suspend",
};

pub const LEVEL_JUNIOR: Msg = Msg {
    zh: "初级",
    en: "junior",
};
pub const LEVEL_INTERMEDIATE: Msg = Msg {
    zh: "中级",
    en: "intermediate",
};
pub const LEVEL_SENIOR: Msg = Msg {
    zh: "高级",
    en: "senior",
};

/// The catalog entry naming a site state.
pub fn site_state(s: SiteState) -> &'static Msg {
    match s {
        SiteState::NotApplied => &SITE_NOT_APPLIED,
        SiteState::Pending => &SITE_PENDING,
        SiteState::Approved => &SITE_APPROVED,
        SiteState::Rejected => &SITE_REJECTED,
        SiteState::Suspended => &SITE_SUSPENDED,
    }
}

/// The catalog entry naming a site action.
pub fn site_action(a: SiteAction) -> &'static Msg {
    match a {
        SiteAction::Apply => &ACTION_APPLY,
        SiteAction::Approve => &ACTION_APPROVE,
        SiteAction::Reject => &ACTION_REJECT,
        SiteAction::Suspend => &ACTION_SUSPEND,
    }
}

/// The catalog entry naming a level.
pub fn level(l: Level) -> &'static Msg {
    match l {
        Level::Junior => &LEVEL_JUNIOR,
        Level::Intermediate => &LEVEL_INTERMEDIATE,
        Level::Senior => &LEVEL_SENIOR,
    }
}

/// The catalog entry naming a window state (without its countdown).
pub fn window(w: &WindowState) -> &'static Msg {
    match w {
        WindowState::Upcoming { .. } => &WINDOW_UPCOMING,
        WindowState::Open { .. } => &WINDOW_OPEN,
        WindowState::Closed { .. } => &WINDOW_CLOSED,
    }
}

/// A countdown as staff read it: whole days when at least a day, else hours, else minutes.
pub fn duration(lang: super::Lang, d: chrono::Duration) -> String {
    let (m, n) = if d.num_days() >= 1 {
        (&DAYS, d.num_days())
    } else if d.num_hours() >= 1 {
        (&HOURS, d.num_hours())
    } else {
        (&MINUTES, d.num_minutes().max(1))
    };
    lang.fill(m, &[("n", &n)])
}

/// The window state with its countdown: "报名中（3天后截止）".
pub fn window_with_countdown(lang: super::Lang, w: &WindowState) -> String {
    let name = lang.t(window(w));
    match w {
        WindowState::Upcoming { opens_in } => {
            format!(
                "{name} ({})",
                lang.fill(&OPENS_IN, &[("n", &duration(lang, *opens_in))])
            )
        }
        WindowState::Open { closes_in } => {
            format!(
                "{name} ({})",
                lang.fill(&CLOSES_IN, &[("n", &duration(lang, *closes_in))])
            )
        }
        WindowState::Closed { .. } => name.to_string(),
    }
}

pub const SUB_PENDING: Msg = Msg {
    zh: "待处理",
    en: "pending",
};
pub const SUB_LATE: Msg = Msg {
    zh: "逾期",
    en: "late",
};
pub const SUB_EARLY: Msg = Msg {
    zh: "提前",
    en: "early",
};
pub const SUB_SITE_NOT_APPROVED: Msg = Msg {
    zh: "考点未批",
    en: "site not approved",
};
pub const SUB_NEEDS_FIX: Msg = Msg {
    zh: "退回修改",
    en: "needs fix",
};
pub const SUB_ACCEPTED: Msg = Msg {
    zh: "已接受",
    en: "accepted",
};
pub const SUB_REJECTED: Msg = Msg {
    zh: "已驳回",
    en: "rejected",
};

/// The catalog entry naming a submission state.
pub fn submission_state(s: crate::domain::submission::SubmissionState) -> &'static Msg {
    use crate::domain::submission::SubmissionState as S;
    match s {
        S::Pending => &SUB_PENDING,
        S::Late => &SUB_LATE,
        S::Early => &SUB_EARLY,
        S::SiteNotApproved => &SUB_SITE_NOT_APPROVED,
        S::NeedsFix => &SUB_NEEDS_FIX,
        S::Accepted => &SUB_ACCEPTED,
        S::Rejected => &SUB_REJECTED,
    }
}
