//! Text of sessions (场次), results and exports.

use super::{Lang, Msg};
use crate::domain::session::{SessionRefused, SessionState};

const UNDER_MINIMUM: Msg = Msg {
    zh: "该场次只有 {n} 人，少于最低 20 人，还差 {short} 人",
    en: "the session has {n} candidates: {short} short of the minimum of 20",
};
const ALREADY_IN: Msg = Msg {
    zh: "该场次已是“{state}”",
    en: "the session is already {state}",
};
const CANCELLED: Msg = Msg {
    zh: "该场次已取消",
    en: "the session is cancelled",
};
const CONFIRMED: Msg = Msg {
    zh: "该场次已确认，考生已有准考证号，不能移出",
    en: "the session is confirmed (its candidates have admission numbers): nobody can be moved out",
};
const REASON_REQUIRED: Msg = Msg {
    zh: "必须填写原因",
    en: "a reason is required",
};
const LEVEL_MISMATCH: Msg = Msg {
    zh: "只能转到同一等级的考试计划（{from} → {to}）",
    en: "candidates can only move to a plan of the same level ({from} → {to})",
};
const SAME_SESSION: Msg = Msg {
    zh: "目标与原场次相同",
    en: "the target is the same session",
};
const EMPTY: Msg = Msg {
    zh: "该场次没有考生",
    en: "the session has no candidates",
};
const NOT_IN_SESSION: Msg = Msg {
    zh: "所选考生中有 {n} 人不在该场次",
    en: "{n} of the chosen candidates are not in this session",
};
const SITE_NOT_APPROVED: Msg = Msg {
    zh: "该院校的考点未通过审核",
    en: "the school's site is not approved",
};
const ALREADY_IN_PLAN: Msg = Msg {
    zh: "有 {n} 人已报名目标考试计划",
    en: "{n} of the candidates are already registered for the target plan",
};
const EXHAUSTED: Msg = Msg {
    zh: "准考证号已用尽：每场次最多 9999 个，院校编号最大 9999",
    en: "admission numbers ran out: at most 9999 per session and school ids up to 9999",
};

pub const STATE_OPEN: Msg = Msg {
    zh: "待确认",
    en: "open",
};
pub const STATE_CONFIRMED: Msg = Msg {
    zh: "已确认",
    en: "confirmed",
};
pub const STATE_CANCELLED: Msg = Msg {
    zh: "已取消",
    en: "cancelled",
};

/// A session state in the user's language.
pub fn state(s: SessionState) -> &'static Msg {
    match s {
        SessionState::Open => &STATE_OPEN,
        SessionState::Confirmed => &STATE_CONFIRMED,
        SessionState::Cancelled => &STATE_CANCELLED,
    }
}

/// A refused session action in the user's language.
pub fn refused(e: &SessionRefused, lang: Lang) -> String {
    match e {
        SessionRefused::UnderMinimum { accepted, short_by } => {
            lang.fill(&UNDER_MINIMUM, &[("n", accepted), ("short", short_by)])
        }
        SessionRefused::AlreadyIn(s) => lang.fill(&ALREADY_IN, &[("state", &lang.t(state(*s)))]),
        SessionRefused::Cancelled => lang.t(&CANCELLED).into(),
        SessionRefused::Confirmed => lang.t(&CONFIRMED).into(),
        SessionRefused::ReasonRequired => lang.t(&REASON_REQUIRED).into(),
        SessionRefused::LevelMismatch { from, to } => {
            lang.fill(&LEVEL_MISMATCH, &[("from", from), ("to", to)])
        }
        SessionRefused::SameSession => lang.t(&SAME_SESSION).into(),
        SessionRefused::Empty => lang.t(&EMPTY).into(),
        SessionRefused::NotInSession(n) => lang.fill(&NOT_IN_SESSION, &[("n", n)]),
        SessionRefused::SiteNotApproved => lang.t(&SITE_NOT_APPROVED).into(),
        SessionRefused::AlreadyInPlan(n) => lang.fill(&ALREADY_IN_PLAN, &[("n", n)]),
        SessionRefused::NumbersExhausted => lang.t(&EXHAUSTED).into(),
    }
}
