//! How the Plans screen's forms are saved: the draft is checked in the form, the store decides
//! (moving a window that has started needs a reason), and a refusal stays in the form.

use crate::i18n::tui as msg;
use crate::store::StoreError;
use crate::tui::app::{App, Modal, Tab};
use crate::i18n::errors;

pub fn save_form(app: &mut App) {
    let l = app.lang;
    let Some(Modal::Form(f)) = app.modals.last_mut() else {
        return;
    };
    let draft = match f.draft(l) {
        Ok(d) => d,
        Err(e) => {
            f.error = Some(e);
            return;
        }
    };
    let reason = f.reason_text();
    let saved = match f.plan_id {
        None => app.store.add_plan(&app.actor, &draft),
        Some(id) => app
            .store
            .update_plan(&app.actor, id, &draft, reason.as_deref()),
    };
    match saved {
        Ok(p) => {
            app.modals.pop();
            app.say(l.fill(&msg::PLAN_SAVED, &[("plan", &p.code())]));
            app.recorded(Tab::Plans);
            if let Some(i) = app.screens.plans.shown.iter().position(|x| x.id == p.id) {
                app.screens.plans.cursor.selected = i;
            }
        }
        Err(e) => {
            let text = errors::store_error(&e, l);
            if let Some(Modal::Form(f)) = app.modals.last_mut() {
                if matches!(e, StoreError::WindowReasonRequired) {
                    f.ask_reason();
                }
                f.error = Some(text);
            }
        }
    }
}
