//! The photo check popup's state: the path field, the worker thread and its channel, the
//! results and the encoded photo of the selected candidate.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

use ratatui::layout::Size;
use ratatui_image::Resize;
use ratatui_image::picker::Picker;
use ratatui_image::protocol::Protocol;
use ratatui_textarea::TextArea;

use crate::i18n::{Lang, photos as msg};
use crate::intake::photos::{self as check, PhotoLimits, PhotoReport};
use crate::store::{PhotoCandidate, Store, StoreError};
use crate::tui::widgets::path;
use crate::tui::widgets::table::{Cursor, Move};

/// Where the popup is in its three steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Typing the archive's path.
    Path,
    /// The worker is checking; `(done, total)` photos.
    Running(usize, usize),
    Results,
}

/// What the worker reports.
#[derive(Debug)]
pub enum JobMsg {
    Progress(usize, usize),
    /// The report and the archive's SHA-256, or why the archive could not be checked.
    Done(Result<(PhotoReport, String), String>),
}

/// The receiving end of a running check. Shared so the popup stays `Clone` like every modal.
#[derive(Clone)]
pub struct Job(Arc<Mutex<Receiver<JobMsg>>>);

impl fmt::Debug for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Job")
    }
}

/// The selected candidate's photo, encoded for the terminal when it was selected.
#[derive(Clone)]
pub struct Preview {
    pub candidate: usize,
    pub image: Result<Protocol, String>,
}

impl fmt::Debug for Preview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Preview({})", self.candidate)
    }
}

/// The photo check popup's state.
#[derive(Debug, Clone)]
pub struct PhotoCheck {
    pub submission_id: i64,
    pub title: String,
    pub candidates: Vec<PhotoCandidate>,
    pub path: TextArea<'static>,
    /// What Tab found when more than one name fits.
    pub choices: Vec<String>,
    pub phase: Phase,
    job: Option<Job>,
    /// The archive the results are of.
    pub archive: Option<PathBuf>,
    pub report: Option<PhotoReport>,
    pub cursor: Cursor,
    pub preview: Option<Preview>,
    pub error: Option<String>,
}

impl PhotoCheck {
    /// The popup for submission `id`, its candidates loaded now.
    pub fn open(store: &Store, lang: Lang, id: i64) -> Result<PhotoCheck, StoreError> {
        let s = store.submission(id)?;
        let candidates = store.photo_candidates(id)?;
        let mut path = TextArea::default();
        path.set_placeholder_text(lang.t(&msg::TUI_PATH_EXAMPLE));
        Ok(PhotoCheck {
            submission_id: id,
            title: lang.fill(
                &msg::TUI_TITLE,
                &[("id", &id), ("school", &s.school), ("plan", &s.plan_code)],
            ),
            candidates,
            path,
            choices: Vec::new(),
            phase: Phase::Path,
            job: None,
            archive: None,
            report: None,
            cursor: Cursor::default(),
            preview: None,
            error: None,
        })
    }

    pub fn path_text(&self) -> String {
        self.path.lines().join("")
    }

    /// Tab: fills in the path as far as it is certain, listing the choices left.
    pub fn complete(&mut self) {
        let c = path::complete(&self.path_text(), ".zip");
        let mut t = TextArea::new(vec![c.text]);
        t.move_cursor(ratatui_textarea::CursorMove::End);
        self.path = t;
        self.choices = c.choices;
        self.error = None;
    }

    /// Back to the path field, to check another archive.
    pub fn again(&mut self) {
        if self.phase == Phase::Results {
            self.phase = Phase::Path;
            self.choices.clear();
            self.error = None;
        }
    }

    /// Enter on the path: starts the check on a worker thread.
    pub fn start(&mut self, lang: Lang) {
        let typed = self.path_text();
        let typed = typed.trim();
        let archive = match typed.strip_prefix("~/") {
            Some(rest) => std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_default()
                .join(rest),
            None => PathBuf::from(typed),
        };
        if typed.is_empty() || !archive.is_file() {
            self.error = Some(lang.fill(&msg::TUI_NOT_A_FILE, &[("path", &typed)]));
            return;
        }
        let expected = check::expected(&self.candidates);
        let (tx, rx) = mpsc::channel();
        let path = archive.clone();
        let spawned = std::thread::Builder::new()
            .name("kaowu-photos".into())
            .spawn(move || {
                let progress = |done, total| {
                    // The popup may have gone; nothing to tell then.
                    let _ = tx.send(JobMsg::Progress(done, total));
                };
                let limits = PhotoLimits::default();
                let name = file_name(&path);
                let out = check::check_archive(&path, &expected, &limits, &progress)
                    .map_err(|e| e.message(lang, &name))
                    .and_then(|report| {
                        let sha = check::archive_sha256(&path).map_err(|e| {
                            lang.fill(&msg::ARCHIVE_UNREADABLE, &[("file", &name), ("err", &e)])
                        })?;
                        Ok((report, sha))
                    });
                let _ = tx.send(JobMsg::Done(out));
            });
        match spawned {
            Ok(_) => {
                self.job = Some(Job(Arc::new(Mutex::new(rx))));
                self.archive = Some(archive);
                self.phase = Phase::Running(0, self.candidates.len());
                self.choices.clear();
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Takes what the worker reported since the last tick; the outcome once it is done.
    pub fn poll(&mut self) -> Option<Result<(PhotoReport, String), String>> {
        let job = self.job.clone()?;
        let rx = job.0.lock().ok()?;
        loop {
            match rx.try_recv() {
                Ok(JobMsg::Progress(done, total)) => self.phase = Phase::Running(done, total),
                Ok(JobMsg::Done(out)) => {
                    drop(rx);
                    self.job = None;
                    return Some(out);
                }
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    drop(rx);
                    self.job = None;
                    return Some(Err("the check stopped".into()));
                }
            }
        }
    }

    /// Whether the worker is still checking.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// The results of a finished check are shown from the first candidate.
    pub fn show(&mut self, report: PhotoReport) {
        self.cursor = Cursor::default();
        self.cursor.set_len(report.candidates.len());
        self.report = Some(report);
        self.phase = Phase::Results;
        self.preview = None;
    }

    /// The check failed as a whole: back to the path with the reason.
    pub fn failed(&mut self, why: String) {
        self.phase = Phase::Path;
        self.error = Some(why);
    }

    /// The terminal changed size: the photo is encoded again for its new area.
    pub fn resized(&mut self, size: Size, lang: Lang) {
        self.preview = None;
        self.load_preview(size, lang);
    }

    pub fn move_cursor(&mut self, m: Move) {
        if self.phase == Phase::Results {
            self.cursor.apply(m);
        }
    }

    /// Loads and encodes the selected candidate's photo for an area of `size` cells, unless
    /// it is already the one shown. Done on selection, never while drawing.
    pub fn load_preview(&mut self, size: Size, lang: Lang) {
        let i = self.cursor.selected;
        if self.phase != Phase::Results || self.preview.as_ref().is_some_and(|p| p.candidate == i) {
            return;
        }
        let (Some(report), Some(archive)) = (&self.report, &self.archive) else {
            return;
        };
        let Some(entry) = report.candidates.get(i).and_then(|c| c.photo.as_deref()) else {
            self.preview = None;
            return;
        };
        let image = check::load_photo(archive, entry, &PhotoLimits::default())
            .map_err(|e| e.to_string())
            .and_then(|img| {
                Picker::halfblocks()
                    .new_protocol(img, size, Resize::Fit(None))
                    .map_err(|e| e.to_string())
            })
            .map_err(|e| lang.fill(&msg::TUI_NO_PREVIEW, &[("err", &e)]));
        self.preview = Some(Preview {
            candidate: i,
            image,
        });
    }
}

/// The file name shown for an archive (never its folders: they are the staff's own).
pub fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
