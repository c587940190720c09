//! How the Sessions screen's keys change things: a decision on the selected session is checked
//! as the rules will (under 20, not open) and asked in the confirm modal; once confirmed the
//! store carries it out, checks again and audits it.

use super::{Keyed, SessionsState, is_done, move_targets};
use crate::i18n::{people, sessions as smsg};
use crate::tui::action::{Action, PendingAction};
use crate::tui::app::{App, Confirm, Modal, Tab};
use crate::i18n::errors;
use crate::store::{SessionSort, SessionWord};
use crate::tui::screen::{Env, Reply};

/// Opens the confirm modal for a session decision; a confirmation the rules refuse (under 20,
/// not open) is refused at once with the shortfall, and the store checks again on confirm.
pub fn ask(s_all: &SessionsState, action: &Action, env: &mut Env) -> Reply {
    let Some(s) = s_all.selected().cloned() else {
        return Reply::Done;
    };
    let (key, label) = (s.key(), s.label());
    let pending = match action {
        Action::ConfirmSession => {
            if let Err(e) = crate::domain::session::check_confirm(s.state, s.count) {
                return Reply::Fail(smsg::refused(&e, env.lang));
            }
            PendingAction::SessionConfirm {
                key,
                label,
                n: s.count.accepted,
            }
        }
        Action::CancelSession => PendingAction::SessionCancel { key, label },
        Action::MoveSession => {
            let plans = match env.store.plans() {
                Ok(p) => p,
                Err(e) => return Reply::Fail(errors::store_error(&e, env.lang)),
            };
            // The sessions of the plans it could move to: the list holds one window only.
            let ahead: Vec<i64> = plans
                .iter()
                .filter(|p| p.level == s.level && p.exam_start > env.at)
                .map(|p| p.id)
                .collect();
            let word = SessionWord {
                plans: ahead,
                ..Default::default()
            };
            let sessions = match env
                .store
                .session_keys(&[word], SessionSort::Plan)
                .and_then(|keys| env.store.session_rows(&keys))
            {
                Ok(v) => v,
                Err(e) => return Reply::Fail(errors::store_error(&e, env.lang)),
            };
            let targets = move_targets(&plans, &sessions, &s, env.at);
            if targets.is_empty() {
                return Reply::Fail(env.lang.t(&people::MOVE_NO_TARGET).to_string());
            }
            PendingAction::SessionMove {
                from: key,
                label,
                n: s.count.accepted,
                targets,
                chosen: 0,
            }
        }
        Action::Ready(item) => PendingAction::SessionReady {
            key,
            label,
            item: *item,
            done: !is_done(&s, *item),
        },
        _ => return Reply::Ignored,
    };
    Reply::Open(Modal::Confirm(Box::new(Confirm::new(pending))))
}

/// Carries out a session decision through the store (which checks the rules again and audits
/// it); a refusal stays in the modal, in the user's language.
pub fn decide(app: &mut App, p: PendingAction, reason: Option<&str>) {
    let l = app.lang;
    let actor = app.actor.clone();
    let done = match p {
        PendingAction::SessionConfirm { key, label, n } => {
            app.store.confirm_session(&actor, key).map(|numbered| {
                l.fill(
                    &smsg::CONFIRMED_DONE,
                    &[("session", &label), ("n", &n), ("numbered", &numbered)],
                )
            })
        }
        PendingAction::SessionCancel { key, label } => app
            .store
            .cancel_session(&actor, key, reason)
            .map(|()| l.fill(&smsg::CANCELLED_DONE, &[("session", &label)])),
        PendingAction::SessionMove {
            from,
            label,
            targets,
            chosen,
            ..
        } => {
            let Some((to, to_label)) = targets.get(chosen).cloned() else {
                return;
            };
            app.store
                .move_candidates(&actor, from, to, None, reason)
                .map(|n| {
                    l.fill(
                        &smsg::MOVED_DONE,
                        &[("n", &n), ("from", &label), ("to", &to_label)],
                    )
                })
        }
        PendingAction::SessionReady {
            key,
            label,
            item,
            done,
        } => app.store.set_ready(&actor, key, item, done).map(|()| {
            let m = if done {
                &smsg::READY_DONE
            } else {
                &smsg::READY_UNDONE
            };
            l.fill(
                m,
                &[("session", &label), ("item", &l.t(smsg::ready_item(item)))],
            )
        }),
        _ => return,
    };
    match done {
        Ok(text) => {
            app.modals.pop();
            app.say(text);
            app.recorded(Tab::Sessions);
        }
        Err(e) => {
            let text = app.store_error(&e);
            if let Some(Modal::Confirm(c)) = app.modals.last_mut() {
                c.error = Some(text);
            }
        }
    }
}
