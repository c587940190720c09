//! How a site decision is carried out once confirmed: the store (through the domain) decides,
//! and a refusal stays in the confirm modal in the user's language.

use crate::domain::SiteAction;
use crate::i18n::{common, tui as msg};
use crate::tui::app::{App, Modal, Tab};

/// Why `action` on the site of `school_id` is no longer possible (someone changed the site
/// since the confirm modal opened), or `None` while it still is.
pub fn refused(app: &App, school_id: i64, action: SiteAction) -> Option<String> {
    let school = app.store.school(school_id).ok()?;
    match school.site.apply(action, Some("-")) {
        Err(e @ crate::domain::SiteError::InvalidTransition { .. }) => {
            Some(crate::i18n::errors::site_error(&e, app.lang))
        }
        _ => None,
    }
}

pub fn decide(app: &mut App, school_id: i64, school: &str, action: SiteAction, reason: Option<&str>) {
            let l = app.lang;
            // The store (through the domain) decides; an empty reason is refused there.
            match app
                .store
                .decide_site(&app.actor, school_id, action, reason)
            {
                Ok(s) => {
                    app.modals.pop();
                    app.say(l.fill(
                        &msg::SITE_DONE,
                        &[
                            ("school", &school),
                            ("state", &l.t(common::site_state(s.site))),
                        ],
                    ));
                    app.recorded(Tab::Sites);
                }
                Err(e) => {
                    let text = app.store_error(&e);
                    if let Some(Modal::Confirm(c)) = app.modals.last_mut() {
                        c.error = Some(text);
                    }
                }
            }
        }
