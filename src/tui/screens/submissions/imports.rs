//! Imports off the UI thread. One import runs at a time on a worker thread with its own
//! connection to the same database (WAL lets the console read meanwhile); it reports rows read
//! and its result over a channel the run loop polls on every tick, so the console keeps
//! drawing and taking keys. An in-memory store (tests) cannot be shared: there the import runs
//! in place, through the same function.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use chrono::{DateTime, FixedOffset};

use crate::domain::submission::SubmissionState;
use crate::i18n::{Lang, common, errors, triage as msg};
use crate::intake::inbox;
use crate::intake::submission::{Imported, Intake, IntakeError, Named, import_submission};
use crate::store::{Actor, Store};
use crate::tui::app::{App, Tab};

/// Bytes an xlsx spends on one 附件1 row, compressed (measured on generated files): the
/// gauge's estimate of where the end is, since a sheet does not say how many rows it has.
const BYTES_PER_ROW: u64 = 90;

/// One file to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportJob {
    pub path: PathBuf,
    pub plan_id: i64,
    pub school_id: i64,
    pub received_at: DateTime<FixedOffset>,
    /// Taken from the inbox: moved to `done/` once imported.
    pub from_inbox: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    New {
        id: i64,
        state: SubmissionState,
        rows: usize,
        problems: usize,
    },
    Duplicate {
        id: i64,
    },
}

enum Report {
    Rows(u32),
    Finished(Result<Done, String>),
}

/// The import in progress.
#[derive(Debug)]
pub struct Running {
    pub name: String,
    pub rows: u32,
    /// Rows expected, from the file's size.
    pub estimate: u32,
    job: ImportJob,
    rx: Receiver<Report>,
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Report")
    }
}

impl Running {
    /// How far the gauge is: never full before the import says it is done.
    pub fn ratio(&self) -> f64 {
        (f64::from(self.rows) / f64::from(self.estimate.max(1))).min(0.95)
    }
}

/// Files waiting, the running one, and what the current batch did.
#[derive(Debug, Default)]
pub struct Imports {
    pub queue: VecDeque<ImportJob>,
    pub running: Option<Running>,
    /// Files of the inbox waiting for staff to name their plan and school.
    pub asks: VecDeque<PathBuf>,
    batch: Batch,
}

#[derive(Debug, Default)]
struct Batch {
    new: usize,
    dup: usize,
    failed: usize,
    /// The last message: shown alone when the batch was one file.
    last: Option<(String, bool)>,
}

impl Imports {
    /// Whether the file is already waiting or being imported.
    pub fn holds(&self, path: &std::path::Path) -> bool {
        self.queue.iter().any(|j| j.path == path)
            || self.running.as_ref().is_some_and(|r| r.job.path == path)
            || self.asks.iter().any(|p| p == path)
    }
}

/// Queues an import; starts it when nothing runs.
pub fn enqueue(app: &mut App, job: ImportJob) {
    app.imports.queue.push_back(job);
    if app.imports.running.is_none() {
        start_next(app);
    }
}

fn start_next(app: &mut App) {
    let Some(job) = app.imports.queue.pop_front() else {
        return;
    };
    let (actor, lang) = (app.actor.clone(), app.lang);
    let Some(db) = app.db_path.clone() else {
        let result = run(&mut app.store, &actor, lang, &job, &mut |_| {});
        finish(app, job, result);
        return start_next(app);
    };
    let (tx, rx) = mpsc::channel();
    let size = std::fs::metadata(&job.path).map(|m| m.len()).unwrap_or(0);
    let worker_job = job.clone();
    let spawned = std::thread::Builder::new()
        .name("kaowu-import".into())
        .spawn(move || {
            let mut store = match Store::open(&db) {
                Ok(store) => store,
                Err(e) => {
                    let _ = tx.send(Report::Finished(Err(errors::store_error(&e, lang))));
                    return;
                }
            };
            let progress = tx.clone();
            let result = run(&mut store, &actor, lang, &worker_job, &mut |n| {
                let _ = progress.send(Report::Rows(n));
            });
            let _ = tx.send(Report::Finished(result));
            // Once the result is on screen, not in whichever keystroke writes next. A failed
            // checkpoint loses nothing: the next commit tries again.
            let _ = store.checkpoint();
        });
    match spawned {
        Ok(_) => {
            app.imports.running = Some(Running {
                name: job.path.display().to_string(),
                rows: 0,
                estimate: u32::try_from(size / BYTES_PER_ROW).unwrap_or(u32::MAX),
                job,
                rx,
            });
        }
        Err(e) => {
            finish(app, job, Err(e.to_string()));
            start_next(app);
        }
    }
}

/// Collects what the worker reported: called on every tick of the run loop.
pub fn poll(app: &mut App) {
    loop {
        let Some(r) = app.imports.running.as_mut() else {
            return;
        };
        let result = match r.rx.try_recv() {
            Ok(Report::Rows(n)) => {
                r.rows = n;
                continue;
            }
            Ok(Report::Finished(result)) => result,
            Err(TryRecvError::Empty) => return,
            // The worker ended without a word: it panicked. Nothing was committed half-way
            // (imports are one transaction); say so and go on with the queue.
            Err(TryRecvError::Disconnected) => Err(app
                .lang
                .fill(&msg::WORKER_FAILED, &[("error", &"worker thread ended")])),
        };
        let Some(running) = app.imports.running.take() else {
            return;
        };
        finish(app, running.job, result);
        start_next(app);
    }
}

/// Reads, checks and records one file.
fn run(
    store: &mut Store,
    actor: &Actor,
    lang: Lang,
    job: &ImportJob,
    progress: &mut dyn FnMut(u32),
) -> Result<Done, String> {
    let store_err = |e: crate::store::StoreError| errors::store_error(&e, lang);
    let intake = Intake {
        path: &job.path,
        plan: Named::Id(job.plan_id),
        school: Named::Id(job.school_id),
        received_at: job.received_at,
    };
    match import_submission(store, actor, &intake, lang, progress).map(|f| f.imported) {
        Ok(Imported::New { id, state, check }) => Ok(Done::New {
            id,
            state,
            rows: check.rows(),
            problems: check.problems.len(),
        }),
        Ok(Imported::Duplicate { id }) => Ok(Done::Duplicate { id }),
        Err(IntakeError::Unreadable(e)) => Err(e.to_string()),
        Err(IntakeError::Store(e)) => Err(store_err(e)),
    }
}

/// Says what an import did, moves an inbox file to `done/`, and shows the new submission.
fn finish(app: &mut App, job: ImportJob, result: Result<Done, String>) {
    let l = app.lang;
    let file = job
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (text, error) = match &result {
        Ok(Done::New {
            id,
            state,
            rows,
            problems,
        }) => {
            app.imports.batch.new += 1;
            let school = app
                .store
                .school(job.school_id)
                .map(|s| s.info.name)
                .unwrap_or_default();
            let text = l.fill(
                &msg::IMPORTED,
                &[
                    ("id", id),
                    ("school", &school),
                    ("rows", rows),
                    ("problems", problems),
                    ("state", &l.t(common::submission_state(*state))),
                ],
            );
            (text, false)
        }
        Ok(Done::Duplicate { id }) => {
            app.imports.batch.dup += 1;
            (
                l.fill(&msg::DUPLICATE, &[("file", &file), ("id", id)]),
                true,
            )
        }
        Err(e) => {
            app.imports.batch.failed += 1;
            (
                l.fill(&msg::IMPORT_FAILED, &[("file", &file), ("error", e)]),
                true,
            )
        }
    };
    let mut last = (text, error);
    // A file unreadable stays in the inbox for staff to see; recorded or recognised ones move.
    if job.from_inbox
        && result.is_ok()
        && let Err(e) = inbox::archive(&job.path)
    {
        last = (
            l.fill(&msg::ARCHIVE_FAILED, &[("file", &file), ("error", &e)]),
            true,
        );
    }
    app.imports.batch.last = Some(last);
    app.recorded(Tab::Submissions);
    if let Ok(Done::New { id, .. } | Done::Duplicate { id }) = result {
        // The file just imported is the one in hand, wherever the list puts it.
        if let Err(e) = app.screens.submissions.select(&app.store, id) {
            let text = app.store_error(&e);
            app.fail(text);
        }
    }
    if app.imports.queue.is_empty() && app.imports.running.is_none() {
        report_batch(app);
    }
}

/// The flash after the last file of a batch: its own message when alone, else the counts.
fn report_batch(app: &mut App) {
    let b = std::mem::take(&mut app.imports.batch);
    let total = b.new + b.dup + b.failed;
    let Some((text, error)) = b.last else {
        return;
    };
    if total <= 1 {
        app.flash = Some(crate::tui::app::Flash { text, error });
    } else {
        let text = app.lang.fill(
            &msg::BATCH,
            &[("new", &b.new), ("dup", &b.dup), ("failed", &b.failed)],
        );
        app.flash = Some(crate::tui::app::Flash {
            text,
            error: b.failed > 0,
        });
    }
}
