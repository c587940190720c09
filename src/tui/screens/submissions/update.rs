//! How the Submissions screen's actions change the state: decisions (checked before asking,
//! carried out by the store at the version the screen showed), moving between open
//! submissions, the annotated return, the import form and the inbox.

use std::path::Path;

use super::SubmissionDetail;
use super::import_form::{self, ImportForm};
use super::imports::{self, ImportJob};
use crate::domain::submission::{Decision, DecisionInput};
use crate::domain::time;
use crate::i18n::{common, errors, triage as msg};
use crate::intake::inbox;
use crate::store::{StoreError, SubmissionSummary};
use crate::tui::action::{Action, PendingAction};
use crate::tui::app::{App, Confirm, Modal, Tab};

/// The submission the keys act on: the opened one, else the selected row.
fn current(app: &App) -> Option<SubmissionSummary> {
    match app.modals.last() {
        Some(Modal::Submission(d)) => Some(d.summary.clone()),
        _ => app.screens.submissions.selected().cloned(),
    }
}

/// A Submissions action, from the list or from an opened submission.
pub fn act(app: &mut App, action: Action) {
    match action {
        Action::Decide(d) => decide(app, d, false),
        Action::AcceptValidOnly => decide(app, Decision::Accept, true),
        Action::NextPending => step_pending(app, true),
        Action::PrevPending => step_pending(app, false),
        Action::CycleState => {
            app.screens.submissions.cycle_state();
            app.refresh(Tab::Submissions);
        }
        Action::ExportReturn => export_return(app, false),
        Action::SendReturn => export_return(app, true),
        Action::Receive => app.transfer = Some(crate::tui::desktop::TransferJob::Receive),
        Action::Copy => copy_reply(app),
        Action::Import => {
            let start = format!("{}/", app.inbox.display());
            let form = ImportForm::new(app.lang, &start, false);
            app.modals.push(Modal::Import(Box::new(form)));
        }
        Action::ScanInbox => scan_inbox(app, true),
        _ => {}
    }
}

/// Checks a decision as the domain will, so a refusal is shown with its reason at once
/// instead of after typing a note; the store checks again when it is carried out.
fn decide(app: &mut App, decision: Decision, valid_only: bool) {
    let Some(s) = current(app) else {
        return;
    };
    let l = app.lang;
    // Valid-only with nothing to leave out is a plain accept: never mark it "valid rows only".
    let valid_only = valid_only && s.rows_with_problems() > 0;
    let input = DecisionInput {
        state: s.state,
        site: s.site,
        rows_with_problems: s.rows_with_problems(),
        valid_rows: s.valid_rows,
        valid_only,
    };
    if let Err(e) = decision.apply(input, Some("-")) {
        let m = if decision == Decision::Accept {
            &msg::ACCEPT_REFUSED
        } else {
            &msg::DECISION_REFUSED
        };
        let reason = errors::refused(&e, l);
        app.fail(l.fill(m, &[("id", &s.id), ("reason", &reason)]));
        return;
    }
    let pending = PendingAction::Decide {
        id: s.id,
        label: format!("#{} {} {}", s.id, s.school, s.plan_code),
        decision,
        valid_only,
        version: s.version,
        valid_rows: s.valid_rows,
        rows: s.rows,
    };
    // A note to the school starts as the problems found, one row a line, for staff to edit.
    let note = match decision {
        Decision::NeedsFix | Decision::Reject => app
            .store
            .submission_problems(s.id)
            .map(|p| crate::replies::reply::prefilled_note(l, &p))
            .unwrap_or_default(),
        Decision::Accept => String::new(),
    };
    let mut confirm = Confirm::with_reason(pending, &note);
    // Presence is never a lock: the decision is asked as always, naming who else is on it.
    let others = app.watch.on(s.id);
    if !others.is_empty() {
        confirm.error = Some(l.fill(
            &crate::i18n::staff::LOOKING_ASK,
            &[("names", &others.join(", "))],
        ));
    }
    app.modals.push(Modal::Confirm(Box::new(confirm)));
}

/// Carries out a confirmed decision. A stale one (someone decided first) says who and when,
/// changes nothing, and brings the screen up to date.
pub fn confirm_decide(app: &mut App, pending: PendingAction, reason: Option<String>) {
    let PendingAction::Decide {
        id,
        decision,
        valid_only,
        version,
        ..
    } = pending
    else {
        return;
    };
    let l = app.lang;
    let result = app.store.decide_submission(
        &app.actor,
        id,
        decision,
        reason.as_deref(),
        valid_only,
        Some(version),
    );
    match result {
        Ok(s) => {
            app.modals.pop();
            app.say(l.fill(
                &msg::DECIDED_FLASH,
                &[
                    ("id", &s.id),
                    ("school", &s.school),
                    ("state", &l.t(common::submission_state(s.state))),
                ],
            ));
            reload(app);
        }
        Err(e) => {
            let text = match &e {
                StoreError::Stale(st) => l.fill(
                    &msg::STALE,
                    &[
                        ("by", &st.by),
                        ("at", &crate::tui::widgets::format::when(&st.at)),
                        ("state", &l.t(common::submission_state(st.state))),
                    ],
                ),
                other => errors::store_error(other, l),
            };
            if matches!(e, StoreError::Stale(_)) {
                reload(app);
            }
            if let Some(Modal::Confirm(c)) = app.modals.last_mut() {
                c.error = Some(text);
            }
        }
    }
}

/// What the confirm modal says when submission `id` changed since it showed `version`
/// (another console decided it): who decided, when, and how it stands; `None` when unchanged.
pub fn stale(app: &App, id: i64, version: i64) -> Option<String> {
    let s = app.store.submission(id).ok()?;
    if s.version == version {
        return None;
    }
    let l = app.lang;
    Some(l.fill(
        &msg::STALE,
        &[
            ("by", &s.decided_by.clone().unwrap_or_default()),
            (
                "at",
                &s.decided_at
                    .as_deref()
                    .map(crate::tui::widgets::format::when)
                    .unwrap_or_default(),
            ),
            ("state", &l.t(common::submission_state(s.state))),
        ],
    ))
}

/// Brings the list, an opened submission and the screens a decision touches up to date.
pub fn reload(app: &mut App) {
    app.recorded(Tab::Submissions);
    let opened = app.modals.iter().rev().find_map(|m| match m {
        Modal::Submission(d) => Some(d.summary.id),
        _ => None,
    });
    if let Some(id) = opened {
        load_detail(app, id);
    }
}

/// Loads submission `id` into the opened detail (or opens one).
fn load_detail(app: &mut App, id: i64) {
    match SubmissionDetail::load(&app.store, id) {
        Ok(d) => {
            let slot = app.modals.iter_mut().rev().find_map(|m| match m {
                Modal::Submission(old) => Some(old),
                _ => None,
            });
            match slot {
                Some(old) => **old = d,
                None => app.modals.push(Modal::Submission(Box::new(d))),
            }
        }
        Err(e) => {
            let text = errors::store_error(&e, app.lang);
            app.fail(text);
        }
    }
}

/// Enter on the list: opens the selected submission.
pub fn open(app: &mut App) {
    if let Some(id) = app.screens.submissions.selected().map(|s| s.id) {
        load_detail(app, id);
    }
}

/// `n`/`p`: the next (previous) submission needing a decision, going round the list, opened.
/// From the list the row under the cursor comes first; from an opened submission the one
/// beside it.
fn step_pending(app: &mut App, forward: bool) {
    let opened = matches!(app.modals.last(), Some(Modal::Submission(_)));
    let found = app
        .screens
        .submissions
        .pending_from(&app.store, forward, !opened)
        .and_then(|id| match id {
            Some(id) => app
                .screens
                .submissions
                .select(&app.store, id)
                .map(|_| Some(id)),
            None => Ok(None),
        });
    match found {
        Ok(Some(id)) => load_detail(app, id),
        Ok(None) => {
            let text = app.lang.t(&msg::NO_PENDING).to_string();
            app.say(text);
        }
        Err(e) => {
            let text = errors::store_error(&e, app.lang);
            app.fail(text);
        }
    }
}

/// Scrolls an opened submission.
pub fn scroll(d: &mut SubmissionDetail, action: &Action, page: usize) {
    let last = d.line_count().saturating_sub(1);
    d.scroll = match action {
        Action::Down => d.scroll + 1,
        Action::Up => d.scroll.saturating_sub(1),
        Action::PageDown => d.scroll + page.max(1),
        Action::PageUp => d.scroll.saturating_sub(page.max(1)),
        _ => d.scroll,
    }
    .min(last);
}

/// The return's file name: it follows the inbox pattern, so a school that sends it back fixed
/// under the same name is imported by its name.
fn return_name(s: &SubmissionSummary) -> String {
    let school: String = s
        .school
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '_') {
                '-'
            } else {
                c
            }
        })
        .collect();
    format!("{}_{school}_退回{}.xlsx", s.plan_code, s.id)
}

/// `e`: the annotated return, written 0600 into the exports folder; `D` also sends it.
fn export_return(app: &mut App, send: bool) {
    let Some(s) = current(app) else {
        return;
    };
    let name = return_name(&s);
    super::returns::start(app, &s, name, send);
}

/// `y`: the reply to the school, onto the clipboard and into a pop-up.
fn copy_reply(app: &mut App) {
    let Some(s) = current(app) else {
        return;
    };
    let l = app.lang;
    match crate::replies::reply(&app.store, l, s.id) {
        Ok(text) => {
            let title = l.fill(
                &crate::i18n::desktop::COPIED_REPLY,
                &[("id", &s.id), ("school", &s.school)],
            );
            app.copy(title, text);
        }
        Err(e) => app.fail(errors::store_error(&e, l)),
    }
}

/// A key in the import form.
pub fn form(app: &mut App, action: Action) {
    let Some(Modal::Import(f)) = app.modals.last_mut() else {
        return;
    };
    match action {
        Action::NextField => f.next_field(),
        Action::PrevField => f.prev_field(),
        Action::Text(input) => {
            f.fields[f.focus].input(input);
            f.choices.clear();
        }
        Action::Complete => {
            let plans: Vec<String> = app
                .store
                .plans()
                .map(|ps| ps.iter().map(|p| p.code()).collect())
                .unwrap_or_default();
            let schools: Vec<String> = app
                .store
                .schools()
                .map(|ss| ss.into_iter().map(|s| s.info.name).collect())
                .unwrap_or_default();
            if let Some(Modal::Import(f)) = app.modals.last_mut() {
                f.complete(&plans, &schools);
            }
        }
        Action::Back => {
            // An inbox file left unnamed stays in the inbox; the next one is asked for.
            app.modals.pop();
            ask_next(app);
        }
        Action::Confirm => start_import(app),
        _ => {}
    }
}

/// Enter in the import form: names the plan and school as the store knows them, then queues
/// the file. What cannot be found is said in the form, with near school names.
fn start_import(app: &mut App) {
    let l = app.lang;
    let Some(Modal::Import(f)) = app.modals.last() else {
        return;
    };
    let (path, plan, school) = (
        f.path(),
        f.text(import_form::PLAN),
        f.text(import_form::SCHOOL),
    );
    let from_inbox = f.from_inbox;
    let checked = (|| -> Result<ImportJob, String> {
        if f.text(import_form::PATH).is_empty() || path.is_dir() {
            return Err(l.t(&msg::NEED_FILE).into());
        }
        if !path.is_file() {
            return Err(l.fill(&msg::NO_SUCH_FILE, &[("file", &path.display())]));
        }
        if plan.is_empty() || school.is_empty() {
            return Err(l.t(&msg::NEED_PLAN_SCHOOL).into());
        }
        let plan = app
            .store
            .find_plan(&plan)
            .map_err(|e| errors::store_error(&e, l))?;
        let school = app.store.find_school(&school).map_err(|e| {
            let mut text = errors::store_error(&e, l);
            let near = app.store.similar_schools(&school, 3).unwrap_or_default();
            if !near.is_empty() {
                text.push_str(&l.fill(&msg::DID_YOU_MEAN, &[("names", &near.join("、"))]));
            }
            text
        })?;
        Ok(ImportJob {
            received_at: received_at(app, &path, from_inbox),
            path: path.clone(),
            plan_id: plan.id,
            school_id: school.id,
            from_inbox,
        })
    })();
    match checked {
        Ok(job) => {
            app.modals.pop();
            imports::enqueue(app, job);
            ask_next(app);
        }
        Err(e) => {
            if let Some(Modal::Import(f)) = app.modals.last_mut() {
                f.error = Some(e);
            }
        }
    }
}

/// When a file arrived: the console's instant, except that an inbox file read on a later day
/// arrived when it was copied there (its modification time), which decides late or on time.
/// With `--at` the given instant stands for everything.
fn received_at(app: &App, path: &Path, from_inbox: bool) -> chrono::DateTime<chrono::FixedOffset> {
    if !from_inbox || app.at_given {
        return app.at;
    }
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .map(|t| chrono::DateTime::<chrono::Utc>::from(t).with_timezone(&time::china()))
        .unwrap_or(app.at)
}

/// Looks in the inbox: files naming a known plan and school are queued, the others wait for a
/// plan and school. `by_key` is the `I` key: it flashes even when there is nothing, and opens
/// the form for the first file waiting. At start-up (`by_key == false`) no form opens by itself:
/// it would take the first key typed, meant for the screen; the flash names the key instead.
pub fn scan_inbox(app: &mut App, by_key: bool) {
    let said = by_key;
    let l = app.lang;
    let files = match inbox::scan(&app.inbox) {
        Ok(f) => f,
        Err(e) => {
            let text = l.fill(
                &msg::INBOX_UNREADABLE,
                &[("dir", &app.inbox.display()), ("error", &e)],
            );
            app.fail(text);
            return;
        }
    };
    let files: Vec<_> = files
        .into_iter()
        .filter(|f| !app.imports.holds(&f.path))
        .collect();
    if files.is_empty() {
        if !app.imports.asks.is_empty() && by_key {
            // Files found earlier still wait for a plan and school: the key asks for them.
            ask_next(app);
        } else if said {
            let text = l.fill(&msg::INBOX_EMPTY, &[("dir", &app.inbox.display())]);
            app.say(text);
        }
        return;
    }
    let (mut auto, mut ask) = (Vec::new(), Vec::new());
    for f in &files {
        let named = f.hint.as_ref().and_then(|(plan, school)| {
            let plan = app.store.find_plan(plan).ok()?;
            let school = app.store.find_school(school).ok()?;
            Some((plan.id, school.id))
        });
        match named {
            Some((plan_id, school_id)) => auto.push(ImportJob {
                received_at: received_at(app, &f.path, true),
                path: f.path.clone(),
                plan_id,
                school_id,
                from_inbox: true,
            }),
            None => ask.push(f.path.clone()),
        }
    }
    let found = if by_key || ask.is_empty() {
        &msg::INBOX_FOUND
    } else {
        &msg::INBOX_FOUND_ASK_KEY
    };
    app.say(l.fill(
        found,
        &[
            ("n", &files.len()),
            ("auto", &auto.len()),
            ("ask", &ask.len()),
        ],
    ));
    app.imports.asks.extend(ask);
    for job in auto {
        imports::enqueue(app, job);
    }
    if by_key {
        ask_next(app);
    }
}

/// Opens the import form for the next inbox file waiting for a plan and school, unless a form
/// is open already.
fn ask_next(app: &mut App) {
    if app.modals.iter().any(|m| matches!(m, Modal::Import(_))) {
        return;
    }
    if let Some(path) = app.imports.asks.pop_front() {
        let form = ImportForm::new(app.lang, &path.display().to_string(), true);
        app.modals.push(Modal::Import(Box::new(form)));
    }
}
