//! The photo check popup's part of `update`: opening it, its keys, and taking the worker's
//! reports on each tick. The finished check is filed here, on the UI thread that owns the
//! store, so the worker never touches the database.

use super::{self as photo_check, Phase, PhotoCheck};
use crate::i18n::photos as msg;
use crate::intake::photos as check;
use crate::tui::action::Action;
use crate::tui::app::{App, Modal, Tab};
use crate::tui::widgets::table::Move;

/// Opens the photo check of submission `id` over whatever is shown.
pub fn open(app: &mut App, id: i64) {
    match PhotoCheck::open(&app.store, app.lang, id) {
        Ok(p) => app.modals.push(Modal::Photos(Box::new(p))),
        Err(e) => app.fail(app.store_error(&e)),
    }
}

/// Opens the photo check of the opened submission. (A screen with a submission selected
/// answers the key itself with [`Action::CheckPhotos`].)
pub fn open_selected(app: &mut App) {
    let id = match app.modals.last() {
        Some(Modal::Submission(d)) => Some(d.summary.id),
        _ => None,
    };
    match id {
        Some(id) => open(app, id),
        None => app.fail(app.lang.t(&msg::TUI_SELECT_SUBMISSION).to_string()),
    }
}

/// A key while the photo check is the top modal; true when it closed (the submission under
/// it, if any, then shows the verdicts just filed).
pub fn key(app: &mut App, action: Action) -> bool {
    let l = app.lang;
    let size = photo_check::photo_size(app.size.0, app.size.1);
    let Some(Modal::Photos(p)) = app.modals.last_mut() else {
        return false;
    };
    let mv = match action {
        Action::Down => Some(Move::Down),
        Action::Up => Some(Move::Up),
        Action::PageDown => Some(Move::PageDown(usize::from(size.height).max(1))),
        Action::PageUp => Some(Move::PageUp(usize::from(size.height).max(1))),
        Action::Top => Some(Move::Top),
        Action::Bottom => Some(Move::Bottom),
        _ => None,
    };
    if let Some(m) = mv {
        p.move_cursor(m);
        p.load_preview(size, l);
        return false;
    }
    match action {
        Action::Back if p.is_running() => p.error = Some(l.t(&msg::TUI_BUSY).to_string()),
        Action::Back => {
            app.modals.pop();
            return true;
        }
        Action::Text(input) if p.phase == Phase::Path => {
            p.path.input(input);
            p.choices.clear();
        }
        Action::Complete if p.phase == Phase::Path => p.complete(),
        Action::Confirm if p.phase == Phase::Path => p.start(l),
        Action::AnotherArchive => p.again(),
        _ => {}
    }
    false
}

/// The terminal changed size: open photo checks draw their photo for the new area.
pub fn resized(app: &mut App) {
    let size = photo_check::photo_size(app.size.0, app.size.1);
    for m in &mut app.modals {
        if let Modal::Photos(p) = m {
            p.resized(size, app.lang);
        }
    }
}

/// Takes what the worker of an open photo check reported; files a finished check.
pub fn tick(app: &mut App) {
    let l = app.lang;
    let size = photo_check::photo_size(app.size.0, app.size.1);
    let Some(Modal::Photos(p)) = app
        .modals
        .iter_mut()
        .rev()
        .find(|m| matches!(m, Modal::Photos(p) if p.is_running()))
    else {
        return;
    };
    let Some(outcome) = p.poll() else {
        return;
    };
    let (report, sha) = match outcome {
        Ok(done) => done,
        Err(why) => {
            p.failed(why);
            return;
        }
    };
    let file = p
        .archive
        .as_deref()
        .map(photo_check::file_name)
        .unwrap_or_default();
    let filed = check::record(
        &mut app.store,
        &app.actor,
        p.submission_id,
        &p.candidates,
        &report,
        &file,
        &sha,
    );
    p.show(report);
    p.load_preview(size, l);
    match filed {
        Ok(_) => {
            app.say(l.fill(&msg::TUI_SAVED, &[("file", &file)]));
            app.refresh(Tab::Audit);
        }
        Err(e) => {
            let text = l.fill(&msg::TUI_NOT_SAVED, &[("err", &app.store_error(&e))]);
            app.fail(text);
        }
    }
}
