//! Files and text between the console and the staff member's desktop, over the SSH session
//! itself: ZMODEM file transfers ([`receive_into`], [`send`]) and the OSC 52 clipboard
//! ([`osc52`]).
//!
//! ZMODEM is lrzsz's `rz`/`sz` run as a child whose bytes the console pumps to and from its own
//! terminal, while the console is suspended. lrzsz is the reference implementation the
//! terminals (Xshell, SecureCRT, WindTerm) are tested against, so interoperation is theirs to
//! get right; the console adds what only it can: a terminal that never answers is given up on
//! after a few seconds, a cancel or a dropped link leaves nothing behind, and the console's
//! watchdog keeps hearing from the loop during a long transfer. The server needs the `lrzsz`
//! package; without it the console says so and names the scripted ways.

pub mod osc52;
mod relay;

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

pub use relay::Limits;
use relay::{ABORT, Ended};

/// How long a terminal gets to answer: Xshell and SecureCRT answer at once (then the file
/// picker may stay open as long as the user likes: lrzsz waits).
pub const ANSWER_WAIT: Duration = Duration::from_secs(5);

/// The receiving folder inside the inbox while `rz` writes: hidden, so the inbox scan never
/// picks up half a file, and on the inbox's file system, so finished files move by rename.
pub const PARTIAL_DIR: &str = ".zmodem-partial";

/// Why a transfer did not happen. Nothing was kept from it.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// `rz`/`sz` is not installed on the server.
    #[error("{program} is not installed (package lrzsz)")]
    NotInstalled { program: &'static str },
    /// The terminal sent no ZMODEM byte within [`ANSWER_WAIT`].
    #[error("the terminal did not answer ZMODEM")]
    NoAnswer,
    /// Cancelled from the terminal (Ctrl-X x5 or the terminal's cancel button).
    #[error("cancelled from the terminal")]
    Cancelled,
    /// The terminal's input ended or failed mid-way.
    #[error("the terminal went away")]
    Dropped,
    /// The console was told to stop (SIGTERM/SIGHUP) mid-way.
    #[error("stopped")]
    Stopped,
    /// lrzsz gave up (timeouts, too many errors); its last words.
    #[error("{program} failed: {detail}")]
    Failed {
        program: &'static str,
        detail: String,
    },
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// The console's terminal as two owned descriptors (duplicates of stdin and stdout, or a pty's
/// slave in tests). It must already be in raw mode: the console keeps it raw while suspended.
pub struct Tty {
    input: File,
    output: File,
}

impl Tty {
    /// The process's own terminal: stdin and stdout.
    pub fn stdio() -> io::Result<Tty> {
        Ok(Tty {
            input: dup(0)?,
            output: dup(1)?,
        })
    }

    /// A terminal from descriptors the caller owns (a pty slave in tests).
    pub fn new(input: File, output: File) -> Tty {
        Tty { input, output }
    }

    /// Writes text to the terminal, e.g. a line saying what is about to happen.
    pub fn say(&self, text: &str) -> io::Result<()> {
        let mut out = &self.output;
        out.write_all(text.as_bytes())?;
        out.flush()
    }
}

fn dup(fd: i32) -> io::Result<File> {
    // SAFETY: dup of a standard descriptor; the new one is owned by the File.
    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3) };
    if new < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `new` is a fresh descriptor nobody else owns.
    Ok(unsafe { File::from_raw_fd(new) })
}

/// What the console's loop lends a transfer: its stop flag and its heartbeat.
pub struct Watch<'a> {
    pub stop: &'a AtomicBool,
    pub beat: &'a dyn Fn(),
    pub limits: Limits,
}

/// Receives the files the terminal sends (its file picker opens) and moves them into `inbox`
/// under names not taken there yet. All or nothing: after a cancel, a dropped link or any
/// failure, no file reaches the inbox. Returns the files as they now lie in the inbox.
pub fn receive_into(tty: &Tty, inbox: &Path, watch: &Watch) -> Result<Vec<PathBuf>, TransferError> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(inbox)?;
    let partial = inbox.join(PARTIAL_DIR);
    // What a console killed mid-transfer left behind is never a finished file.
    if partial.exists() {
        fs::remove_dir_all(&partial)?;
    }
    fs::DirBuilder::new().mode(0o700).create(&partial)?;
    let got = run(
        tty,
        Command::new("rz")
            // Binary, every control character escaped (tmux, screen and some SSH paths eat
            // them otherwise), restricted (no paths outside the folder), quiet.
            .args(["--binary", "--escape", "--restricted", "--quiet"])
            .current_dir(&partial),
        "rz",
        watch,
    )
    .and_then(|()| arrived(&partial));
    let moved = got.and_then(|files| {
        files
            .into_iter()
            .map(|f| {
                let target = free_name(inbox, &f)?;
                fs::rename(&f, &target)?;
                Ok(target)
            })
            .collect::<io::Result<Vec<_>>>()
            .map_err(TransferError::from)
    });
    let _ = fs::remove_dir_all(&partial);
    moved
}

/// Sends one file to the terminal (its save dialog or download folder takes it).
pub fn send(tty: &Tty, file: &Path, watch: &Watch) -> Result<(), TransferError> {
    let dir = file.parent().unwrap_or(Path::new("."));
    let name = file
        .file_name()
        .ok_or_else(|| io::Error::other("not a file"))?;
    // Fails early and plainly on a missing file, instead of lrzsz's own message.
    File::open(file)?;
    run(
        tty,
        Command::new("sz")
            .args(["--binary", "--escape", "--quiet", "--"])
            .arg(name)
            .current_dir(dir),
        "sz",
        watch,
    )
}

/// Runs an lrzsz program on the terminal and tells how it ended.
fn run(
    tty: &Tty,
    cmd: &mut Command,
    program: &'static str,
    watch: &Watch,
) -> Result<(), TransferError> {
    let _pipe = IgnoreSigpipe::new();
    let mut child = match cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(TransferError::NotInstalled { program });
        }
        Err(e) => return Err(e.into()),
    };
    let mut stderr = child.stderr.take();
    // lrzsz says little with --quiet; read it on the side so it can never block the child.
    let said = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(e) = stderr.as_mut() {
            let _ = e.take(64 * 1024).read_to_string(&mut text);
        }
        text
    });
    let ended = relay::pump(
        &tty.input,
        &tty.output,
        &mut child,
        watch.limits,
        watch.stop,
        watch.beat,
    );
    let status = child.wait();
    let said = said.join().unwrap_or_default();
    match ended? {
        Ended::ChildDone { cancelled } => {
            if status?.success() {
                Ok(())
            } else if cancelled {
                Err(TransferError::Cancelled)
            } else {
                let detail = said
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("")
                    .trim()
                    .to_string();
                Err(TransferError::Failed { program, detail })
            }
        }
        Ended::NoAnswer => {
            // A terminal half-way into ZMODEM leaves it; a plain one erases what it printed.
            let _ = tty.say(std::str::from_utf8(ABORT).unwrap_or(""));
            Err(TransferError::NoAnswer)
        }
        Ended::Dropped => Err(TransferError::Dropped),
        Ended::Stopped => Err(TransferError::Stopped),
    }
}

/// The regular files `rz` wrote, by name. Anything else (a folder a sender tried to make) is
/// left to be deleted with the receiving folder.
fn arrived(dir: &Path) -> Result<Vec<PathBuf>, TransferError> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

/// `dir/<name>`, or `dir/<stem>_2.<ext>`, `_3`, … when taken: the suffix keeps an inbox name's
/// `<plan>_<school>[_anything]` pattern intact. A name the sender started with dots loses them:
/// the inbox skips hidden files, and a received file must not wait there unseen.
fn free_name(dir: &Path, file: &Path) -> io::Result<PathBuf> {
    let sent = file
        .file_name()
        .ok_or_else(|| io::Error::other("not a file"))?
        .to_string_lossy();
    let name = match sent.trim_start_matches('.') {
        "" => "received".to_string(),
        n => n.to_string(),
    };
    let file = Path::new(&name);
    let mut target = dir.join(&name);
    let stem = file.file_stem().unwrap_or_default().to_string_lossy();
    let ext = file
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let mut n = 2;
    while target.exists() {
        target = dir.join(format!("{stem}_{n}{ext}"));
        n += 1;
    }
    Ok(target)
}

/// main() lets SIGPIPE kill the process (right for `kaowu … | head`); during a transfer a child
/// that quit must turn a write into an error instead. Children get the default back from std.
struct IgnoreSigpipe(libc::sighandler_t);

impl IgnoreSigpipe {
    fn new() -> IgnoreSigpipe {
        // SAFETY: swapping a signal disposition; restored on drop.
        IgnoreSigpipe(unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) })
    }
}

impl Drop for IgnoreSigpipe {
    fn drop(&mut self) {
        // SAFETY: puts back the disposition saved in `new`.
        unsafe { libc::signal(libc::SIGPIPE, self.0) };
    }
}

/// After a transfer read the terminal behind crossterm's back, crossterm's poller may still hold
/// a "readable" for bytes that are gone, and its next read would block until a key. Reading with
/// the terminal non-blocking once clears that; whatever real input there is stays queued in
/// crossterm.
pub fn settle_input(poll: impl FnOnce()) {
    let fd = io::stdin().as_raw_fd();
    // SAFETY: fcntl on stdin with its own flags.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return poll();
    }
    // SAFETY: as above.
    unsafe { libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) };
    poll();
    // SAFETY: as above.
    unsafe { libc::fcntl(fd, libc::F_SETFL, flags) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_inbox_name_gets_a_suffix_that_keeps_the_pattern() {
        let dir = tempfile::tempdir().unwrap();
        let file = Path::new("/x/20211211-初级_某学院.xlsx");
        assert_eq!(
            free_name(dir.path(), file).unwrap(),
            dir.path().join("20211211-初级_某学院.xlsx")
        );
        fs::write(dir.path().join("20211211-初级_某学院.xlsx"), b"a").unwrap();
        fs::write(dir.path().join("20211211-初级_某学院_2.xlsx"), b"b").unwrap();
        let next = free_name(dir.path(), file).unwrap();
        assert_eq!(next, dir.path().join("20211211-初级_某学院_3.xlsx"));
        let name = next.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            crate::intake::inbox::parse_name(&name),
            Some(("20211211-初级".into(), "某学院".into()))
        );
    }

    #[test]
    fn a_hidden_name_is_made_visible_so_the_inbox_sees_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let got = free_name(dir.path(), Path::new("/x/..报名表.xlsx")).unwrap();
        assert_eq!(got, dir.path().join("报名表.xlsx"));
        let dots = free_name(dir.path(), Path::new("/x/...")).unwrap();
        assert_eq!(dots, dir.path().join("received"));
    }
}
