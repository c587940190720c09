//! The console's side of the desktop link: the run loop hands the terminal to a ZMODEM transfer
//! (suspending the console and taking the terminal back whatever happened) and writes OSC 52
//! clipboard copies. Keys only ask for these (`App::transfer`, `App::clipboard`); the run loop
//! does them, because only it holds the terminal.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;

use super::terminal;
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
    /// Nothing was kept; the line says why and what to do instead.
    Failed(String),
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
    result.unwrap_or_else(|e| TransferDone::Failed(failure(lang, &e, job)))
}

/// What staff read when a transfer did not happen.
pub fn failure(lang: Lang, e: &TransferError, job: &TransferJob) -> String {
    let receiving = matches!(job, TransferJob::Receive);
    let scripted = lang.t(if receiving {
        &msg::SCRIPTED_RECEIVE
    } else {
        &msg::SCRIPTED_SEND
    });
    match e {
        TransferError::NotInstalled { program } => lang.fill(
            &msg::NOT_INSTALLED,
            &[("program", program), ("scripted", &scripted)],
        ),
        TransferError::NoAnswer => lang.fill(
            &msg::NO_ANSWER,
            &[
                ("secs", &transfer::ANSWER_WAIT.as_secs()),
                ("scripted", &scripted),
            ],
        ),
        TransferError::Cancelled if receiving => lang.t(&msg::CANCELLED_RECEIVE).into(),
        TransferError::Cancelled => lang.t(&msg::CANCELLED_SEND).into(),
        TransferError::Dropped | TransferError::Stopped => lang.t(&msg::DROPPED).into(),
        TransferError::Failed { program, detail } => {
            lang.fill(&msg::FAILED, &[("program", program), ("detail", detail)])
        }
        TransferError::Io(err) => lang.fill(&msg::FAILED_IO, &[("error", err)]),
    }
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
