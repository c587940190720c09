//! Domain and store errors in the user's language, so no English Display text reaches a
//! Chinese screen.

use crate::domain::{PlanError, SiteError, SiteState};
use crate::i18n::{Lang, common, tui as msg};
use crate::store::StoreError;

pub fn plan_error(l: Lang, e: &PlanError) -> String {
    match e {
        PlanError::NameMissing => l.t(&msg::ERR_NAME_MISSING).into(),
        PlanError::ClosesBeforeOpens { opens, closes } => l.fill(
            &msg::ERR_CLOSES_BEFORE_OPENS,
            &[("opens", opens), ("closes", closes)],
        ),
        PlanError::ExamBeforeClose { closes, exam } => l.fill(
            &msg::ERR_EXAM_BEFORE_CLOSE,
            &[("closes", closes), ("exam", exam)],
        ),
        PlanError::SlotEndsBeforeStart => l.t(&msg::ERR_SLOT_ENDS_BEFORE_START).into(),
    }
}

/// The actions possible from a state, named in the user's language: `批准、驳回`.
pub fn action_names(l: Lang, s: SiteState) -> String {
    let acts = s.actions();
    if acts.is_empty() {
        return l.t(&msg::NO_SITE_ACTIONS).into();
    }
    let names: Vec<&str> = acts.iter().map(|a| l.t(common::site_action(*a))).collect();
    names.join(l.t(&msg::LIST_SEP))
}

/// The actions possible from a state, as a sentence: `可进行：批准、驳回`.
pub fn possible(l: Lang, s: SiteState) -> String {
    if s.actions().is_empty() {
        return l.t(&msg::NO_SITE_ACTIONS).into();
    }
    l.fill(&msg::POSSIBLE_ACTIONS, &[("actions", &action_names(l, s))])
}

pub fn site_error(l: Lang, e: &SiteError) -> String {
    match e {
        SiteError::InvalidTransition { from, action } => format!(
            "{} {}",
            l.fill(
                &msg::ERR_TRANSITION,
                &[
                    ("state", &l.t(common::site_state(*from))),
                    ("action", &l.t(common::site_action(*action))),
                ],
            ),
            possible(l, *from)
        ),
        SiteError::ReasonRequired { action } => l.fill(
            &msg::ERR_REASON_REQUIRED,
            &[("action", &l.t(common::site_action(*action)))],
        ),
    }
}

pub fn store_error(l: Lang, e: &StoreError) -> String {
    match e {
        StoreError::Plan(p) => plan_error(l, p),
        StoreError::Site(s) => site_error(l, s),
        StoreError::WindowReasonRequired => l.t(&msg::ERR_WINDOW_REASON).into(),
        StoreError::PlanExists => l.t(&msg::ERR_PLAN_EXISTS).into(),
        StoreError::Session(r) => crate::i18n::sessions::refused(r, l),
        other => crate::i18n::staff::store_error(other, l)
            .unwrap_or_else(|| l.fill(&msg::ERR_STORE, &[("error", other)])),
    }
}
