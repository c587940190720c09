//! `update`: the one place an action changes the state. Modals first: the top modal takes the
//! action before the filter prompt and the screen under it.

use super::action::{Action, Effect, PendingAction};
use super::app::{App, Confirm, Detail, Modal, Tab};
use super::errors;
use super::fees_update;
use super::screens::plan_form::PlanForm;
use super::widgets::table::Move;
use crate::domain::SiteError;
use crate::i18n::{common, tui as msg};
use crate::store::{AuditFilter, StoreError};

/// How many history rows a detail popup loads.
const HISTORY: usize = 8;

/// Applies one action; says when the run loop must quit.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Resize(w, h) => {
            app.size = (w, h);
            app.audit.page = super::draw::audit_page(h);
            app.refresh(Tab::Audit);
            return None;
        }
        Action::Clock(at) => {
            app.at = at;
            app.refresh(Tab::Overview);
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
        (Modal::Confirm(_), Action::Back) => {
            app.modals.pop();
        }
        (Modal::Confirm(c), Action::Text(input)) => {
            if let Some(r) = c.reason.as_mut() {
                // A reason is one line: Enter confirms instead.
                r.input(input);
            }
        }
        (Modal::Confirm(_), Action::Confirm) => return confirm(app),
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
        p @ (PendingAction::Money { .. } | PendingAction::ReverseInvoice { .. }) => {
            fees_update::confirm(app, p, reason)
        }
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
    }
    None
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
            let text = errors::store_error(l, &e);
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
        Tab::Audit => {
            app.audit.cursor.selected = 0;
            app.audit.offset = 0;
            app.refresh(Tab::Audit);
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
            Tab::Fees => app.fees.cursor.apply(m),
            Tab::Audit => {
                if let Err(e) = app.audit.move_cursor(&app.store, m) {
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
        Action::Open => open(app),
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
                let text = errors::site_error(app.lang, &e);
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
        _ => {}
    }
}

fn switch(app: &mut App, tab: Tab) {
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
                        (&msg::F_POSSIBLE, errors::action_names(l, r.school.site)),
                    ],
                    history: Vec::new(),
                },
                Some(("school", r.school.id)),
            )
        }),
        Tab::Audit => app.audit.selected().map(|e| {
            (
                Detail {
                    title: format!("#{} {}", e.id, e.action),
                    fields: vec![
                        (&msg::COL_TIME, super::screens::audit::when(&e.at)),
                        (&msg::COL_ACTOR, e.actor.clone()),
                        (&msg::COL_WHAT, format!("{} {}", e.entity, e.label)),
                        (&msg::F_DETAIL, e.detail.clone()),
                        (&msg::F_REASON, e.reason.clone().unwrap_or_default()),
                    ],
                    history: Vec::new(),
                },
                None,
            )
        }),
        Tab::Fees => fees_update::detail(app),
        Tab::Overview => None,
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
            Ok(h) => detail.history = h,
            Err(e) => app.fail(app.store_error(&e)),
        }
    }
    app.modals.push(Modal::Detail(detail));
}
