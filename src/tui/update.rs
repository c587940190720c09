//! `update`: the one place an action changes the state. Modals first: the top modal takes the
//! action before the filter prompt and the screen under it.

use super::action::{Action, Effect, PendingAction};
use super::app::{App, Confirm, Modal, Tab};
use super::screen::Reply;
use super::screens::fees::update as fees_update;
use super::screens::photo_check::update as photos;
use super::screens::{plans, sessions, sites, submissions};
use super::widgets::table::Move;
use crate::store::AuditFilter;

/// How many history rows a detail popup loads.
const HISTORY: usize = 8;

/// Applies one action; says when the run loop must quit.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    if !permitted(app, &action) {
        return None;
    }
    match action {
        Action::Resize(w, h) => {
            app.size = (w, h);
            let page = super::draw::audit_page(h);
            for tab in Tab::ALL {
                if app.screens.get_mut(tab).resize(page) {
                    app.refresh(tab);
                }
            }
            photos::resized(app);
            return None;
        }
        Action::DataChanged => {
            // An admin may have changed this person's roles.
            if let Ok(roles) = app.store.my_roles() {
                app.roles = roles;
            }
            // Only what is on screen: every other tab reloads when it is switched to, so a busy
            // colleague never makes this console load the big lists it is not showing.
            app.refresh(app.tab);
            if matches!(app.modals.last(), Some(Modal::Submission(_))) {
                submissions::update::reload(app);
            }
            // A pop-up must not hide the change: a detail shows the item as it is now, and a
            // decision waiting for Enter that the change made impossible says so at once.
            reload_detail(app);
            recheck_confirm(app);
            return None;
        }
        Action::Clock(at) => {
            app.at = at;
            app.refresh(Tab::Overview);
            return None;
        }
        Action::Tick => {
            submissions::imports::poll(app);
            submissions::returns::poll(app);
            photos::tick(app);
            return None;
        }
        Action::CheckPhotos(id) => {
            photos::open(app, id);
            return None;
        }
        Action::Transferred(done) => {
            super::desktop::finished(app, done);
            return None;
        }
        Action::Paste(text) => {
            super::desktop::paste(app, &text);
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
        (Modal::Help | Modal::Text(_), Action::Back | Action::Help | Action::Confirm) => {
            app.modals.pop();
        }
        (Modal::Detail(_), Action::Back | Action::Confirm) => {
            app.modals.pop();
        }
        // `?` is shown in the detail's footer as help: it opens the help, not closes the detail.
        (Modal::Detail(_), Action::Help) => app.modals.push(Modal::Help),
        // A key of the screen (approve, pay, edit, another tab) acts on the item the detail
        // shows, which is the list's selection: the detail closes and the key does what it
        // does in the list, so what follows (a confirm, the refreshed row) is seen there.
        (Modal::Detail(_), a) => {
            app.modals.pop();
            screen(app, a);
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
            submissions::update::scroll(d, &a, page);
        }
        (Modal::Submission(_), Action::CheckPhotosSelected) => photos::open_selected(app),
        (Modal::Submission(_), a) => submissions::update::act(app, a),
        (Modal::Import(_), a) => submissions::update::form(app, a),
        (Modal::Confirm(_), Action::Back) => {
            app.modals.pop();
        }
        (Modal::Confirm(c), Action::Text(input)) => {
            if let Some(r) = c.reason.as_mut() {
                // Enter confirms; a new line is Ctrl-J (Action::NewLine) or part of a paste.
                r.input(input);
                // "A reason is required" is answered by typing one.
                c.error = None;
            }
        }
        (Modal::Confirm(c), Action::NewLine) => {
            if let Some(r) = c.reason.as_mut() {
                r.insert_newline();
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
        (Modal::Form(_), Action::Confirm) => plans::update::save_form(app),
        (Modal::Photos(_), a) => {
            let closed = photos::key(app, a);
            // The submission under it shows the verdicts just filed.
            if closed {
                submissions::update::reload(app);
            }
        }
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
        (Modal::SchoolsImport(_), a) => sites::import::key(app, a),
        _ => {}
    }
    None
}

/// Carries out the action waiting in the confirm modal.
fn confirm(app: &mut App) -> Option<Effect> {
    let Some(Modal::Confirm(c)) = app.modals.last() else {
        return None;
    };
    // A decision's note goes to the school line by line; other reasons are one line in the log.
    let sep = if matches!(c.pending, PendingAction::Decide { .. }) {
        "\n"
    } else {
        " "
    };
    let reason = c
        .reason
        .as_ref()
        .map(|r| r.lines().join(sep).trim().to_string());
    match c.pending.clone() {
        PendingAction::Quit => return Some(Effect::Quit),
        p @ PendingAction::Decide { .. } => submissions::update::confirm_decide(app, p, reason),
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
        } => sites::update::decide(app, school_id, &school, action, reason.as_deref()),
        p @ (PendingAction::SessionConfirm { .. }
        | PendingAction::SessionCancel { .. }
        | PendingAction::SessionMove { .. }
        | PendingAction::SessionReady { .. }) => {
            sessions::update::decide(app, p, reason.as_deref())
        }
    }
    None
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
    let (screen, env) = app.current();
    if let Err(e) = screen.narrow(&env) {
        app.fail(app.store_error(&e));
    }
}

fn screen(app: &mut App, action: Action) {
    let page = super::draw::audit_page(app.size.1).max(1);
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
        let (screen, env) = app.current();
        if let Err(e) = screen.move_cursor(m, &env) {
            app.fail(app.store_error(&e));
        }
        return;
    }
    // The screen's own keys first; what is left are the keys every screen shares.
    let (screen, mut env) = app.current();
    let reply = screen.handle(&action, &mut env);
    if !matches!(reply, Reply::Ignored) {
        return answer(app, reply, action);
    }
    match action {
        Action::Help => app.modals.push(Modal::Help),
        Action::NextTab => switch(app, app.tab.next()),
        Action::PrevTab => switch(app, app.tab.prev()),
        Action::GoTab(t) => switch(app, t),
        Action::Filter if app.screens.get(app.tab).filter().is_some() => app.filtering = true,
        Action::Back if !app.filter(app.tab).is_empty() => {
            if let Some(f) = app.filter_mut() {
                f.clear();
            }
            narrow(app);
        }
        Action::Open => open(app),
        Action::CheckPhotosSelected => photos::open_selected(app),
        _ => {}
    }
}

/// Carries out a screen's answer to a key.
fn answer(app: &mut App, reply: Reply, action: Action) {
    match reply {
        Reply::Ignored | Reply::Done => {}
        Reply::Open(m) => app.modals.push(m),
        Reply::Say(text) => app.say(text),
        Reply::Audited(text) => {
            app.say(text);
            app.refresh(Tab::Audit);
        }
        Reply::Fail(text) => app.fail(text),
        Reply::Copy { title, text } => app.copy(title, text),
        Reply::Then(next) => {
            update(app, next);
        }
        Reply::WithApp(run) => run(app, action),
    }
}

fn switch(app: &mut App, tab: Tab) {
    app.screens.get_mut(app.tab).leave();
    app.tab = tab;
    app.flash = None;
    app.refresh(tab);
}

/// Opens the detail popup of the selected item, loading its history now (never in draw).
fn open(app: &mut App) {
    if let Some(detail) = load_detail(app) {
        app.modals.push(Modal::Detail(detail));
    }
}

/// After another console's commit: an open detail of the current screen's selection is loaded
/// again. One showing another item (the selection moved with the change) is left as it was.
fn reload_detail(app: &mut App) {
    let Some(i) = app
        .modals
        .iter()
        .rposition(|m| matches!(m, Modal::Detail(_)))
    else {
        return;
    };
    let Some(fresh) = load_detail(app) else {
        return;
    };
    if let Modal::Detail(old) = &mut app.modals[i]
        && old.title == fresh.title
    {
        *old = fresh;
    }
}

/// After another console's commit: the decision waiting in the confirm modal is checked again,
/// and one no longer possible says why before Enter is pressed.
fn recheck_confirm(app: &mut App) {
    let Some(Modal::Confirm(c)) = app.modals.last() else {
        return;
    };
    let refused = match &c.pending {
        PendingAction::Site {
            school_id, action, ..
        } => sites::update::refused(app, *school_id, *action),
        PendingAction::Decide { id, version, .. } => submissions::update::stale(app, *id, *version),
        _ => None,
    };
    if let (Some(text), Some(Modal::Confirm(c))) = (refused, app.modals.last_mut()) {
        c.error = Some(text);
    }
}

/// The detail of the current screen's selection with its history, loaded now (never in draw).
fn load_detail(app: &mut App) -> Option<super::app::Detail> {
    let (screen, env) = app.current();
    let detail = match screen.detail(&env) {
        Ok(d) => d,
        Err(e) => {
            app.fail(app.store_error(&e));
            return None;
        }
    };
    let (mut detail, entity) = detail?;
    if let Some((entity, id)) = entity {
        let filter = AuditFilter {
            entity: Some(entity.to_string()),
            entity_id: Some(id),
            ..Default::default()
        };
        match app.store.audit_log(&filter, HISTORY, 0) {
            Ok(mut h) => {
                app.screens.get(app.tab).keep_history(&detail, &mut h);
                detail.history = h;
            }
            Err(e) => app.fail(app.store_error(&e)),
        }
    }
    Some(detail)
}

/// A key the person lacks the role for is refused at once, by the store (which audits the
/// refusal), naming the role: never a dead key, never a form filled in for nothing.
fn permitted(app: &mut App, action: &Action) -> bool {
    let Some(role) = super::roles::needs(action) else {
        return true;
    };
    if app.roles.grant(role) {
        return true;
    }
    let what = format!("console {action:?}");
    match app.store.permit(&app.actor, role, &what) {
        Ok(()) => {
            // Granted since the roles were read: read them again.
            if let Ok(roles) = app.store.my_roles() {
                app.roles = roles;
            }
            true
        }
        Err(e) => {
            let text = app.store_error(&e);
            app.fail(text);
            false
        }
    }
}
