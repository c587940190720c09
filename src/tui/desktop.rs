//! The console's side of the desktop link: the run loop hands the terminal to a ZMODEM transfer
//! (suspending the console and taking the terminal back whatever happened) and writes OSC 52
//! clipboard copies. Keys only ask for these (`App::transfer`, `App::clipboard`); the run loop
//! does them, because only it holds the terminal.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;

use ratatui_textarea::{Input, Key};

use super::action::Action;
use super::app::{App, Modal, TextPopup};
use super::keymap::Mode;
use super::screens::submissions;
use super::terminal;
use super::update::update;
use crate::i18n::{Lang, desktop as msg};
use crate::transfer::{self, Limits, TransferError, Tty, Watch, osc52};

/// A transfer a key asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferJob {
    /// Receive files into the inbox, then import them as the inbox does.
    Receive,
    /// Send this file to the desktop.
    Send(PathBuf),
}

/// How a transfer ended, for `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferDone {
    /// These files now lie in the inbox.
    Received(Vec<PathBuf>),
    Sent(PathBuf),
    /// Nothing was kept; the line says why, the help (shown in a pop-up) what to do instead.
    Failed {
        line: String,
        help: Option<String>,
    },
}

/// Suspends the console, runs `job` on its terminal, and takes the terminal back.
pub fn run<W: std::io::Write>(
    console: &mut ratatui::Terminal<CrosstermBackend<W>>,
    shown: &mut Buffer,
    lang: Lang,
    inbox: &std::path::Path,
    job: &TransferJob,
    stop: &AtomicBool,
    heartbeat: &AtomicU64,
) -> TransferDone {
    // Known not to work, so not tried: the terminal would never answer and the staff member
    // would wait for nothing.
    if osc52::Mux::from_env() == osc52::Mux::Tmux {
        let (line, help) = inside_tmux(lang, job);
        return TransferDone::Failed { line, help };
    }
    let beat = || {
        heartbeat.fetch_add(1, Ordering::Relaxed);
    };
    let watch = Watch {
        stop,
        beat: &beat,
        limits: Limits {
            answer: transfer::ANSWER_WAIT,
        },
    };
    let result = terminal::suspend()
        .and_then(|()| Tty::stdio())
        .map_err(TransferError::from)
        .and_then(|tty| {
            let said = match job {
                TransferJob::Receive => lang.t(&msg::WAITING_RECEIVE).to_string(),
                TransferJob::Send(p) => lang.fill(&msg::WAITING_SEND, &[("file", &name(p))]),
            };
            let _ = tty.say(&format!("\r\n{said}\r\n"));
            match job {
                TransferJob::Receive => {
                    transfer::receive_into(&tty, inbox, &watch).map(TransferDone::Received)
                }
                TransferJob::Send(p) => {
                    transfer::send(&tty, p, &watch).map(|()| TransferDone::Sent(p.clone()))
                }
            }
        });
    // Whatever happened, the console takes its terminal back before anything else.
    let _ = terminal::resume(console, shown);
    transfer::settle_input(|| {
        let _ = crossterm::event::poll(Duration::ZERO);
    });
    result.unwrap_or_else(|e| {
        let (line, help) = failure(lang, &e, job);
        TransferDone::Failed { line, help }
    })
}

/// Inside tmux: why not, and the command-line way.
fn inside_tmux(lang: Lang, job: &TransferJob) -> (String, Option<String>) {
    let scripted = lang.t(if matches!(job, TransferJob::Receive) {
        &msg::SCRIPTED_RECEIVE
    } else {
        &msg::SCRIPTED_SEND
    });
    (
        lang.t(&msg::INSIDE_TMUX).to_string(),
        Some(lang.fill(&msg::INSIDE_TMUX_HELP, &[("scripted", &scripted)])),
    )
}

/// What staff read when a transfer did not happen: one line, and for a terminal or server that
/// cannot do ZMODEM at all, what to do instead.
pub fn failure(lang: Lang, e: &TransferError, job: &TransferJob) -> (String, Option<String>) {
    let receiving = matches!(job, TransferJob::Receive);
    let scripted = lang.t(if receiving {
        &msg::SCRIPTED_RECEIVE
    } else {
        &msg::SCRIPTED_SEND
    });
    let help = |m| Some(lang.fill(m, &[("scripted", &scripted)]));
    let line = match e {
        TransferError::NotInstalled { program } => {
            let line = lang.fill(&msg::NOT_INSTALLED, &[("program", program)]);
            return (line, help(&msg::NOT_INSTALLED_HELP));
        }
        TransferError::NoAnswer => {
            let secs = transfer::ANSWER_WAIT.as_secs();
            let line = lang.fill(&msg::NO_ANSWER, &[("secs", &secs)]);
            return (line, help(&msg::NO_ANSWER_HELP));
        }
        TransferError::Cancelled if receiving => lang.t(&msg::CANCELLED_RECEIVE).into(),
        TransferError::Cancelled => lang.t(&msg::CANCELLED_SEND).into(),
        TransferError::Dropped | TransferError::Stopped => lang.t(&msg::DROPPED).into(),
        TransferError::Failed { program, detail } => {
            lang.fill(&msg::FAILED, &[("program", program), ("detail", detail)])
        }
        TransferError::Io(err) => lang.fill(&msg::FAILED_IO, &[("error", err)]),
    };
    (line, None)
}

/// Writes an OSC 52 copy of `text` right after the frame, wrapped for tmux or screen.
pub fn copy<W: std::io::Write>(
    console: &mut ratatui::Terminal<CrosstermBackend<W>>,
    text: &str,
) -> std::io::Result<()> {
    terminal::send_raw(console, &osc52::sequence(text, osc52::Mux::from_env()))
}

fn name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// A transfer the run loop made has ended: import what arrived as the inbox does, or say why
/// nothing happened.
pub fn finished(app: &mut App, done: TransferDone) {
    let l = app.lang;
    match done {
        TransferDone::Received(files) if files.is_empty() => {
            app.say(l.t(&msg::RECEIVED_NOTHING).into())
        }
        TransferDone::Received(files) => {
            let names: Vec<String> = files.iter().map(|p| name(p)).collect();
            let said = l.fill(
                &msg::RECEIVED,
                &[("n", &files.len()), ("files", &names.join("、"))],
            );
            submissions::update::scan_inbox(app, true);
            // The scan says what it queued; say what arrived first.
            match app.flash.take() {
                Some(f) if !f.error => app.say(format!("{said} · {}", f.text)),
                Some(f) => app.flash = Some(f),
                None => app.say(said),
            }
        }
        TransferDone::Sent(p) => {
            let dir = p
                .parent()
                .map(|d| d.display().to_string())
                .unwrap_or_default();
            app.say(l.fill(&msg::SENT, &[("file", &name(&p)), ("dir", &dir)]))
        }
        TransferDone::Failed { line, help } => {
            if let Some(text) = help {
                let title = l.t(&msg::NO_ANSWER_TITLE).to_string();
                app.modals.push(Modal::Text(Box::new(TextPopup {
                    title,
                    text,
                    copied: false,
                })));
            }
            app.fail(line);
        }
    }
}

/// A paste goes into the field that has the keyboard, whole: into a note with its line breaks,
/// into a one-line field with them as spaces. A paste is never a key, so it never confirms.
pub fn paste(app: &mut App, text: &str) {
    // Terminals paste line breaks as CR, CRLF or LF.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    match app.mode() {
        Mode::Confirm { text: true, .. } => {
            if let Some(Modal::Confirm(c)) = app.modals.last_mut()
                && let Some(r) = c.reason.as_mut()
            {
                r.insert_str(&text);
                c.error = None;
            }
        }
        Mode::Filter => {
            for ch in text.chars().filter(|c| !c.is_control()) {
                update(app, Action::FilterPush(ch));
            }
        }
        Mode::Form | Mode::Import | Mode::PhotoPath => {
            for ch in text.chars() {
                let ch = if ch.is_whitespace() { ' ' } else { ch };
                if ch.is_control() {
                    continue;
                }
                let input = Input {
                    key: Key::Char(ch),
                    ctrl: false,
                    alt: false,
                    shift: false,
                };
                update(app, Action::Text(input));
            }
        }
        _ => {}
    }
}
