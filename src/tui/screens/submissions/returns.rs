//! Annotated returns written off the UI thread. Re-reading a school's sheet and writing the
//! xlsx takes seconds on a big submission, so the UI thread only fetches the stored file and
//! its problems (two quick reads) and a worker thread parses and writes; the run loop collects
//! the result on its tick, as it does for imports, and the console keeps taking keys.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::domain::columns::StudentColumn;
use crate::i18n::{Lang, errors, triage as msg};
use crate::intake::{Limits, xlsx};
use crate::domain::problem::Problem;
use crate::store::{StoreError, SubmissionSummary};
use crate::tui::app::App;

/// A return being written.
#[derive(Debug)]
pub struct Writing {
    pub path: PathBuf,
    rx: Receiver<Result<usize, String>>,
    /// Send it to the desktop (ZMODEM) once written.
    send: bool,
}

/// The returns being written now.
#[derive(Debug, Default)]
pub struct Returns {
    pub writing: Vec<Writing>,
}

impl Returns {
    pub fn is_busy(&self) -> bool {
        !self.writing.is_empty()
    }
}

/// Starts writing the annotated return of `s` into `app.exports`; with `send`, it goes to the
/// desktop once written.
pub fn start(app: &mut App, s: &SubmissionSummary, name: String, send: bool) {
    let l = app.lang;
    let path = app.exports.join(name);
    let store_err = |e: StoreError| errors::store_error(&e, l);
    let read = app
        .store
        .submission_file(s.id)
        .and_then(|bytes| Ok((bytes, app.store.submission_problems(s.id)?)))
        .map_err(store_err);
    let (bytes, problems) = match read {
        Ok(r) => r,
        Err(e) => return app.fail(e),
    };
    let (tx, rx) = mpsc::channel();
    let (file, exports, to) = (s.file_name.clone(), app.exports.clone(), path.clone());
    let spawned = std::thread::Builder::new()
        .name("kaowu-return".into())
        .spawn(move || {
            let _ = tx.send(write(bytes, &file, &exports, &to, &problems, l));
        });
    match spawned {
        Ok(_) => {
            app.say(l.fill(&msg::RETURN_WRITING, &[("file", &path.display())]));
            app.returns.writing.push(Writing { path, rx, send });
        }
        Err(e) => app.fail(l.fill(&msg::RETURN_STOPPED, &[("error", &e)])),
    }
}

/// Collects the returns that are done, saying where each went.
pub fn poll(app: &mut App) {
    let l = app.lang;
    let mut i = 0;
    while i < app.returns.writing.len() {
        let result = match app.returns.writing[i].rx.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Empty) => {
                i += 1;
                continue;
            }
            // The worker ended without a word: it panicked.
            Err(TryRecvError::Disconnected) => Err("worker thread ended".to_string()),
        };
        let done = app.returns.writing.remove(i);
        match result {
            Ok(n) => {
                app.say(l.fill(
                    &msg::RETURN_WRITTEN,
                    &[("file", &done.path.display()), ("n", &n)],
                ));
                if done.send {
                    app.transfer = Some(crate::tui::desktop::TransferJob::Send(done.path));
                }
            }
            Err(e) => app.fail(l.fill(&msg::RETURN_STOPPED, &[("error", &e)])),
        }
    }
}

/// On the worker: parses the stored sheet again and writes it with the problems marked.
fn write(
    bytes: Vec<u8>,
    file: &str,
    exports: &Path,
    path: &Path,
    problems: &[Problem],
    l: Lang,
) -> Result<usize, String> {
    let sheet =
        xlsx::read_sheet_bytes::<StudentColumn>(bytes, file, &Limits::default(), l, &mut |_| {})
            .map_err(|e| e.to_string())?;
    private_dir(exports).map_err(|e| format!("{}: {e}", exports.display()))?;
    crate::export::write_return(path, &sheet.columns, &sheet.rows, problems, l)
        .map_err(|e| e.message(l))?;
    Ok(problems.len())
}

/// Creates the exports folder readable only by its owner: returns carry ID and phone numbers.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}
