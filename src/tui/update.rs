//! `update`: the one place an action changes the state. Modals first: the top modal takes the
//! action before the filter prompt and the screen under it.

use super::action::{Action, Effect, PendingAction};
use super::app::{App, Confirm, Detail, Modal, Tab};
use super::fees_update;
use super::photos;
use super::screens::plan_form::PlanForm;
use super::screens::sessions::{Keyed, is_done};
use super::screens::{candidates, sessions};
use super::widgets::table::Move;
use crate::domain::SiteError;
use crate::i18n::audit as audit_words;
use crate::i18n::errors;
use crate::i18n::{common, people, sessions as smsg, tui as msg};
use crate::store::{AuditFilter, StoreError};

/// How many history rows a detail popup loads.
const HISTORY: usize = 8;

/// Applies one action; says when the run loop must quit.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Resize(w, h) => {
            app.size = (w, h);
            app.audit.page = super::draw::audit_page(h);
            app.candidates.page = app.audit.page;
            app.refresh(Tab::Audit);
            app.refresh(Tab::Candidates);
            photos::resized(app);
            return None;
        }
        Action::DataChanged => {
            // Only what is on screen: every other tab reloads when it is switched to, so a busy
            // colleague never makes this console load the big lists it is not showing.
            app.refresh(app.tab);
            if matches!(app.modals.last(), Some(Modal::Submission(_))) {
                super::triage::reload(app);
            }
            return None;
        }
        Action::Clock(at) => {
            app.at = at;
            app.refresh(Tab::Overview);
            return None;
        }
        Action::Tick => {
            super::imports::poll(app);
            photos::tick(app);
            return None;
        }
        Action::CheckPhotos(id) => {
            photos::open(app, id);
            return None;
        }
        Action::Quit => {
            let asking = matches!(
                app.modals.last(),
                Some(Modal::Confirm(c)) if c.pending == PendingAction::Quit
            );
            if app.has_unsaved_edits() && !asking {
                app.modals
                    .push(Modal::Confirm(Box::new(Confirm::new(PendingAction::Quit))));
                return None;
            }
            return Some(Effect::Quit);
        }
        // A message from the last action stays until the next key.
        Action::Text(_) => {}
        _ => app.flash = None,
    }
    if !app.modals.is_empty() {
        return modal(app, action);
    }
    if app.filtering {
        filter(app, action);
        return None;
    }
    screen(app, action);
    None
}

fn modal(app: &mut App, action: Action) -> Option<Effect> {
    let top = app.modals.last_mut()?;
    match (top, action) {
        (Modal::Help | Modal::Detail(_), Action::Back | Action::Help | Action::Confirm) => {
            app.modals.pop();
        }
        (Modal::Submission(_), Action::Back | Action::Confirm) => {
            app.modals.pop();
        }
        (Modal::Submission(_), Action::Help) => app.modals.push(Modal::Help),
        (
            Modal::Submission(d),
            a @ (Action::Down | Action::Up | Action::PageDown | Action::PageUp),
        ) => {
            let page = usize::from(app.size.1.saturating_sub(10));
            super::triage::scroll(d, &a, page);
        }
        (Modal::Submission(_), Action::CheckPhotosSelected) => photos::open_selected(app),
        (Modal::Submission(_), a) => super::triage::act(app, a),
        (Modal::Import(_), a) => super::triage::form(app, a),
        (Modal::Confirm(_), Action::Back) => {
            app.modals.pop();
        }
        (Modal::Confirm(c), Action::Text(input)) => {
            if let Some(r) = c.reason.as_mut() {
                // A reason is one line: Enter confirms instead.
                r.input(input);
                // "A reason is required" is answered by typing one.
                c.error = None;
            }
        }
        (Modal::Confirm(_), Action::Confirm) => return confirm(app),
        (Modal::Confirm(c), a @ (Action::NextChoice | Action::PrevChoice)) => {
            if let PendingAction::SessionMove {
                targets, chosen, ..
            } = &mut c.pending
                && !targets.is_empty()
            {
                let n = targets.len();
                *chosen = if a == Action::NextChoice {
                    (*chosen + 1) % n
                } else {
                    (*chosen + n - 1) % n
                };
            }
        }
        (Modal::Form(f), Action::Back) => {
            if f.is_dirty() {
                app.modals.push(Modal::Confirm(Box::new(Confirm::new(
                    PendingAction::DiscardForm,
                ))));
            } else {
                app.modals.pop();
            }
        }
        (Modal::Form(f), Action::NextField) => f.next_field(),
        (Modal::Form(f), Action::PrevField) => f.prev_field(),
        (Modal::Form(f), Action::Text(input)) => {
            f.focused_mut().input(input);
        }
        (Modal::Form(_), Action::Confirm) => save_form(app),
        (Modal::Photos(_), a) => photos::key(app, a),
        (Modal::MoneyForm(f), Action::Back) => {
            if f.is_dirty() {
                app.modals.push(Modal::Confirm(Box::new(Confirm::new(
                    PendingAction::DiscardForm,
                ))));
            } else {
                app.modals.pop();
            }
        }
        (Modal::MoneyForm(f), Action::NextField) => f.next_field(),
        (Modal::MoneyForm(f), Action::PrevField) => f.prev_field(),
        (Modal::MoneyForm(f), Action::Text(input)) => {
            f.focused_mut().input(input);
        }
        (Modal::MoneyForm(_), Action::Confirm) => fees_update::submit(app),
        _ => {}
    }
    None
}

/// Carries out the action waiting in the confirm modal.
fn confirm(app: &mut App) -> Option<Effect> {
    let Some(Modal::Confirm(c)) = app.modals.last() else {
        return None;
    };
    let reason = c
        .reason
        .as_ref()
        .map(|r| r.lines().join(" ").trim().to_string());
    match c.pending.clone() {
        PendingAction::Quit => return Some(Effect::Quit),
        p @ PendingAction::Decide { .. } => super::triage::confirm_decide(app, p, reason),
        p @ (PendingAction::Money { .. }
        | PendingAction::ReversePayment { .. }
        | PendingAction::ReverseInvoice { .. }) => fees_update::confirm(app, p, reason),
        PendingAction::DiscardForm => {
            app.modals.pop();
            app.modals.pop();
        }
        PendingAction::Site {
            school_id,
            school,
            action,
        } => {
            let l = app.lang;
            // The store (through the domain) decides; an empty reason is refused there.
            match app
                .store
                .decide_site(&app.actor, school_id, action, reason.as_deref())
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
                    app.refresh(Tab::Sites);
                    app.refresh(Tab::Overview);
                    app.refresh(Tab::Audit);
                }
                Err(e) => {
                    let text = app.store_error(&e);
                    if let Some(Modal::Confirm(c)) = app.modals.last_mut() {
                        c.error = Some(text);
                    }
                }
            }
        }
        p @ (PendingAction::SessionConfirm { .. }
        | PendingAction::SessionCancel { .. }
        | PendingAction::SessionMove { .. }
        | PendingAction::SessionReady { .. }) => session_decision(app, p, reason.as_deref()),
    }
    None
}

/// Carries out a session decision through the store (which checks the rules again and audits
/// it); a refusal stays in the modal, in the user's language.
fn session_decision(app: &mut App, p: PendingAction, reason: Option<&str>) {
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
            for tab in [Tab::Sessions, Tab::Overview, Tab::Audit] {
                app.refresh(tab);
            }
        }
        Err(e) => {
            let text = app.store_error(&e);
            if let Some(Modal::Confirm(c)) = app.modals.last_mut() {
                c.error = Some(text);
            }
        }
    }
}

fn save_form(app: &mut App) {
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
            for tab in [Tab::Plans, Tab::Overview, Tab::Audit] {
                app.refresh(tab);
            }
            if let Some(i) = app.plans.shown.iter().position(|x| x.id == p.id) {
                app.plans.cursor.selected = i;
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

fn filter(app: &mut App, action: Action) {
    match action {
        Action::FilterPush(c) => {
            if let Some(f) = app.filter_mut() {
                f.push(c);
            }
        }
        Action::FilterPop => {
            if let Some(f) = app.filter_mut() {
                f.pop();
            }
        }
        Action::FilterKeep => {
            app.filtering = false;
            return;
        }
        Action::FilterClear => {
            app.filtering = false;
            if let Some(f) = app.filter_mut() {
                f.clear();
            }
        }
        _ => return,
    }
    narrow(app);
}

/// Re-applies the current tab's filter, selection back at the top.
fn narrow(app: &mut App) {
    match app.tab {
        Tab::Plans => {
            app.plans.cursor.selected = 0;
            app.plans.apply_filter();
        }
        Tab::Sites => {
            app.sites.cursor.selected = 0;
            app.refresh(Tab::Sites);
        }
        Tab::Submissions => {
            app.submissions.cursor.selected = 0;
            app.refresh(Tab::Submissions);
        }
        Tab::Audit => {
            app.audit.cursor.selected = 0;
            app.audit.offset = 0;
            app.refresh(Tab::Audit);
        }
        Tab::Sessions => {
            app.sessions.cursor.selected = 0;
            app.sessions.apply_filter();
        }
        Tab::Candidates => {
            app.candidates.cursor.selected = 0;
            app.candidates.offset = 0;
            app.refresh(Tab::Candidates);
        }
        Tab::Fees => {
            app.fees.cursor.selected = 0;
            app.fees.apply_filter();
        }
        Tab::Overview => {}
    }
}

fn screen(app: &mut App, action: Action) {
    let page = app.audit.page.max(1);
    let mv = match action {
        Action::Down => Some(Move::Down),
        Action::Up => Some(Move::Up),
        Action::PageDown => Some(Move::PageDown(page)),
        Action::PageUp => Some(Move::PageUp(page)),
        Action::Top => Some(Move::Top),
        Action::Bottom => Some(Move::Bottom),
        _ => None,
    };
    if let Some(m) = mv {
        match app.tab {
            Tab::Plans => app.plans.cursor.apply(m),
            Tab::Sites => app.sites.cursor.apply(m),
            Tab::Submissions => app.submissions.cursor.apply(m),
            Tab::Fees => app.fees.cursor.apply(m),
            Tab::Audit => {
                if let Err(e) = app.audit.move_cursor(&app.store, m) {
                    app.fail(app.store_error(&e));
                }
            }
            Tab::Sessions => app.sessions.cursor.apply(m),
            Tab::Candidates => {
                if let Err(e) = app.candidates.move_cursor(&app.store, m) {
                    app.fail(app.store_error(&e));
                }
            }
            Tab::Overview => {}
        }
        return;
    }
    if app.tab == Tab::Fees && fees_update::screen(app, &action) {
        return;
    }
    match action {
        Action::Help => app.modals.push(Modal::Help),
        Action::NextTab => switch(app, app.tab.next()),
        Action::PrevTab => switch(app, app.tab.prev()),
        Action::GoTab(t) => switch(app, t),
        Action::Filter if app.tab != Tab::Overview => app.filtering = true,
        Action::Back if !app.filter(app.tab).is_empty() => {
            if let Some(f) = app.filter_mut() {
                f.clear();
            }
            narrow(app);
        }
        Action::Open if app.tab == Tab::Submissions => super::triage::open(app),
        Action::Open => open(app),
        a @ (Action::Decide(_)
        | Action::AcceptValidOnly
        | Action::NextPending
        | Action::PrevPending
        | Action::CycleState
        | Action::ExportReturn
        | Action::Import
        | Action::ScanInbox)
            if app.tab == Tab::Submissions =>
        {
            super::triage::act(app, a)
        }
        Action::CheckPhotosSelected => photos::open_selected(app),
        Action::AddPlan if app.tab == Tab::Plans => {
            app.modals
                .push(Modal::Form(Box::new(PlanForm::add(app.lang))));
        }
        Action::EditPlan if app.tab == Tab::Plans => {
            if let Some(p) = app.plans.selected() {
                let form = PlanForm::edit(app.lang, p);
                app.modals.push(Modal::Form(Box::new(form)));
            }
        }
        Action::Site(action) if app.tab == Tab::Sites => {
            let Some(row) = app.sites.selected() else {
                return;
            };
            let s = &row.school;
            // Refuse an impossible decision before asking for confirmation; the store checks
            // again when it is carried out.
            if let Err(e @ SiteError::InvalidTransition { .. }) = s.site.apply(action, Some("-")) {
                let text = errors::site_error(&e, app.lang);
                app.fail(text);
                return;
            }
            let pending = PendingAction::Site {
                school_id: s.id,
                school: s.info.name.clone(),
                action,
            };
            app.modals
                .push(Modal::Confirm(Box::new(Confirm::new(pending))));
        }
        Action::Reveal if app.tab == Tab::Candidates => reveal(app),
        Action::ToggleSort if app.tab == Tab::Sessions => {
            app.sessions.toggle_sort();
            app.refresh(Tab::Sessions);
        }
        Action::ConfirmSession | Action::CancelSession | Action::MoveSession | Action::Ready(_)
            if app.tab == Tab::Sessions =>
        {
            ask_session(app, action)
        }
        _ => {}
    }
}

/// Shows the selected candidate unmasked; the store records who looked.
fn reveal(app: &mut App) {
    let Some(id) = app.candidates.selected().map(|r| r.id) else {
        return;
    };
    match app.store.reveal_candidate(&app.actor, id) {
        Ok(row) => {
            let text = app.lang.fill(&people::REVEALED, &[("name", &row.name)]);
            app.candidates.revealed = Some(row);
            app.say(text);
            app.refresh(Tab::Audit);
        }
        Err(e) => app.fail(app.store_error(&e)),
    }
}

/// Opens the confirm modal for a session decision; a confirmation the rules refuse (under 20,
/// not open) is refused at once with the shortfall, and the store checks again on confirm.
fn ask_session(app: &mut App, action: Action) {
    let Some(s) = app.sessions.selected().cloned() else {
        return;
    };
    let (key, label) = (s.key(), s.label());
    let pending = match action {
        Action::ConfirmSession => {
            if let Err(e) = crate::domain::session::check_confirm(s.state, s.count) {
                app.fail(smsg::refused(&e, app.lang));
                return;
            }
            PendingAction::SessionConfirm {
                key,
                label,
                n: s.count.accepted,
            }
        }
        Action::CancelSession => PendingAction::SessionCancel { key, label },
        Action::MoveSession => {
            let plans = match app.store.plans() {
                Ok(p) => p,
                Err(e) => return app.fail(app.store_error(&e)),
            };
            let targets = sessions::move_targets(&plans, &app.sessions.all, &s, app.at);
            if targets.is_empty() {
                app.fail(app.lang.t(&people::MOVE_NO_TARGET).to_string());
                return;
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
            item,
            done: !is_done(&s, item),
        },
        _ => return,
    };
    app.modals
        .push(Modal::Confirm(Box::new(Confirm::new(pending))));
}

fn switch(app: &mut App, tab: Tab) {
    // Full numbers are shown only while staff look at them.
    app.candidates.revealed = None;
    app.tab = tab;
    app.flash = None;
    app.refresh(tab);
}

/// Opens the detail popup of the selected item, loading its history now (never in draw).
fn open(app: &mut App) {
    let l = app.lang;
    let detail = match app.tab {
        Tab::Plans => app.plans.selected().map(|p| {
            let w = p.window_at(app.at);
            (
                Detail {
                    title: p.code(),
                    fields: vec![
                        (&msg::F_NAME, p.name.clone()),
                        (&msg::F_LEVEL, l.t(common::level(p.level)).to_string()),
                        (&msg::COL_WINDOW, format!("{} – {}", p.opens, p.closes)),
                        (
                            &msg::COL_EXAM,
                            format!(
                                "{} – {}",
                                crate::domain::time::short(&p.exam_start),
                                p.exam_end.format("%H:%M")
                            ),
                        ),
                        (&msg::COL_STATE, common::window_with_countdown(l, &w)),
                        (&msg::F_GROUP, p.group.clone()),
                    ],
                    sections: Vec::new(),
                    history: Vec::new(),
                },
                Some(("plan", p.id)),
            )
        }),
        Tab::Sites => app.sites.selected().map(|r| {
            let i = &r.school.info;
            (
                Detail {
                    title: i.name.clone(),
                    fields: vec![
                        (
                            &msg::COL_SITE,
                            l.t(common::site_state(r.school.site)).to_string(),
                        ),
                        (&msg::COL_PROVINCE, format!("{} {}", i.province, i.city)),
                        (&msg::COL_CONTACT, format!("{} {}", i.contact, i.phone)),
                        (&msg::F_EMAIL, i.email.clone()),
                        (&msg::F_ADDRESS, i.address.clone()),
                        (&msg::F_POSSIBLE, errors::action_names(r.school.site, l)),
                    ],
                    sections: Vec::new(),
                    history: Vec::new(),
                },
                Some(("school", r.school.id)),
            )
        }),
        Tab::Audit => app.audit.selected().map(|e| {
            (
                Detail {
                    title: format!("#{} {}", e.id, audit_words::action(&e.action, app.lang)),
                    fields: vec![
                        (&msg::COL_TIME, super::screens::audit::when(&e.at)),
                        (&msg::COL_ACTOR, e.actor.clone()),
                        (&msg::COL_WHAT, format!("{} {}", e.entity, e.label)),
                        (
                            &msg::F_DETAIL,
                            audit_words::detail(&e.entity, &e.detail, app.lang),
                        ),
                        (&msg::F_REASON, e.reason.clone().unwrap_or_default()),
                    ],
                    sections: Vec::new(),
                    history: Vec::new(),
                },
                None,
            )
        }),
        Tab::Overview | Tab::Submissions => None,
        Tab::Sessions => app.sessions.selected().map(|s| {
            // A session's audit rows are kept under its school; its label names the plan.
            (sessions::detail(l, s), Some(("session", s.school_id)))
        }),
        Tab::Candidates => {
            let Some(r) = app.candidates.selected().cloned() else {
                return;
            };
            let found = app.store.candidate_history(&r.id_number).and_then(|h| {
                let n = app.store.admission_number(r.id)?;
                let photo = app.store.photo_status(r.id)?;
                Ok((h, n, photo))
            });
            match found {
                Ok((h, n, photo)) => Some((
                    candidates::detail(l, &app.candidates, &r, &h, n, photo.as_ref()),
                    Some(("candidate", r.id)),
                )),
                Err(e) => return app.fail(app.store_error(&e)),
            }
        }
        Tab::Fees => fees_update::detail(app),
    };
    let Some((mut detail, entity)) = detail else {
        return;
    };
    if let Some((entity, id)) = entity {
        let filter = AuditFilter {
            entity: Some(entity.to_string()),
            entity_id: Some(id),
            ..Default::default()
        };
        match app.store.audit_log(&filter, HISTORY, 0) {
            Ok(mut h) => {
                if app.tab == Tab::Sessions {
                    // The school's other sessions share its id: keep this session's rows.
                    let plan = detail
                        .title
                        .split(' ')
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    h.retain(|e| e.label.starts_with(&plan));
                }
                detail.history = h;
            }
            Err(e) => app.fail(app.store_error(&e)),
        }
    }
    app.modals.push(Modal::Detail(detail));
}
