//! The byte pump between the staff member's terminal and an lrzsz child (`rz` or `sz`).
//!
//! The terminal emulator (Xshell, SecureCRT, …) is the other ZMODEM end: every byte the child
//! writes goes to the terminal, every byte the terminal sends goes to the child. The pump also
//! watches the terminal's side, because only it can tell "the terminal never answered" (no
//! ZMODEM byte at all within [`Limits::answer`]), "the user cancelled" (five CAN in a row,
//! Ctrl-X x5) and "the link dropped" (the terminal's input ended) apart.

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::process::{Child, ChildStdin};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::time::{Duration, Instant};

/// ZDLE, which is also CAN (Ctrl-X): the first ZMODEM byte any answering terminal sends, and
/// the cancel byte.
const CAN: u8 = 0x18;
/// lrzsz's own abort: eight CAN then eight backspaces to erase what a plain terminal printed.
pub const ABORT: &[u8] = b"\x18\x18\x18\x18\x18\x18\x18\x18\x08\x08\x08\x08\x08\x08\x08\x08";
/// How often the pump looks at the clock and the flags while no byte moves.
const POLL: Duration = Duration::from_millis(100);
/// After the child is done, the terminal's last protocol bytes (lrzsz's closing "OO", a
/// repeated ZFIN, cancel bytes) are read and dropped until it has been quiet this long, so the
/// console never takes them for keys.
const QUIET: Duration = Duration::from_millis(300);
/// ... but never for longer than this: a user typing away does not hold the console up.
const DRAIN_AT_MOST: Duration = Duration::from_secs(2);

/// How long to wait for what.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The terminal must send its first ZMODEM byte within this long.
    pub answer: Duration,
}

/// How a pump ended, before the child's exit status is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The child closed its output (it finished, failed or was cancelled: see its status).
    ChildDone { cancelled: bool },
    /// No ZMODEM byte from the terminal in time: it does not speak ZMODEM (or the user's
    /// terminal has it switched off).
    NoAnswer,
    /// The terminal's input ended or failed, or writing to it failed.
    Dropped,
    /// The console was told to stop (SIGTERM/SIGHUP).
    Stopped,
}

const RUNNING: u8 = 0;
const FINISHED: u8 = 1;
const ABORTED: u8 = 2;

const SEEN_NOTHING: u8 = 0;
const ANSWERED: u8 = 1;
const CANCELLED: u8 = 2;
const DROPPED: u8 = 3;

/// Pumps bytes until the child is done or one of the other endings happens; in those the child
/// is killed. `beat` is called at least every [`POLL`] so the console's watchdog knows the loop is
/// alive during a long transfer.
pub fn pump(
    term_in: &File,
    term_out: &File,
    child: &mut Child,
    limits: Limits,
    stop: &AtomicBool,
    beat: &dyn Fn(),
) -> io::Result<Ended> {
    let mut from_child = child.stdout.take().expect("child stdout is piped");
    let to_child = child.stdin.take().expect("child stdin is piped");
    let state = Arc::new(AtomicU8::new(SEEN_NOTHING));
    let done = Arc::new(AtomicU8::new(RUNNING));
    let input = term_in.try_clone()?;
    let feeder = {
        let (state, done) = (Arc::clone(&state), Arc::clone(&done));
        std::thread::Builder::new()
            .name("kaowu-zmodem-in".into())
            .spawn(move || feed(input, to_child, &state, &done))?
    };
    let started = Instant::now();
    let mut out = term_out;
    let mut buf = vec![0u8; 16 * 1024];
    let ended = loop {
        beat();
        if stop.load(Ordering::Relaxed) {
            break Ended::Stopped;
        }
        match state.load(Ordering::Relaxed) {
            DROPPED => break Ended::Dropped,
            SEEN_NOTHING if started.elapsed() >= limits.answer => break Ended::NoAnswer,
            _ => {}
        }
        if !readable(from_child.as_raw_fd(), POLL)? {
            continue;
        }
        let n = match from_child.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            break Ended::ChildDone {
                cancelled: state.load(Ordering::Relaxed) == CANCELLED,
            };
        }
        // Small writes: on a slow link each one returns soon enough to keep beating.
        if buf[..n]
            .chunks(4096)
            .try_for_each(|c| out.write_all(c))
            .and_then(|_| out.flush())
            .is_err()
        {
            break Ended::Dropped;
        }
    };
    if !matches!(ended, Ended::ChildDone { .. }) {
        let _ = child.kill();
    }
    // After a finished transfer the terminal's last bytes are dropped; after an abort the
    // console is leaving or saying why at once.
    done.store(
        if matches!(ended, Ended::ChildDone { .. }) {
            FINISHED
        } else {
            ABORTED
        },
        Ordering::Relaxed,
    );
    let _ = feeder.join();
    Ok(ended)
}

/// Terminal → child, until `done`. Marks the first CAN (the terminal answered), five CAN in a row
/// (cancelled) and the end of the terminal's input (dropped).
fn feed(mut input: File, mut to_child: ChildStdin, state: &AtomicU8, done: &AtomicU8) {
    let mut buf = vec![0u8; 16 * 1024];
    let mut cans = 0usize;
    let mut child_gone = false;
    while done.load(Ordering::Relaxed) == RUNNING {
        match readable(input.as_raw_fd(), POLL) {
            Ok(false) => continue,
            Ok(true) => {}
            Err(_) => {
                state.store(DROPPED, Ordering::Relaxed);
                return;
            }
        }
        let n = match input.read(&mut buf) {
            Ok(0) | Err(_) => {
                state.store(DROPPED, Ordering::Relaxed);
                return;
            }
            Ok(n) => n,
        };
        for &b in &buf[..n] {
            if b == CAN {
                cans += 1;
                let now = state.load(Ordering::Relaxed);
                if cans >= 5 {
                    state.store(CANCELLED, Ordering::Relaxed);
                } else if now == SEEN_NOTHING {
                    state.store(ANSWERED, Ordering::Relaxed);
                }
            } else {
                cans = 0;
            }
        }
        // A child that already quit (cancel) no longer reads: its bytes are dropped, the
        // terminal's are still watched until the pump ends.
        if !child_gone && to_child.write_all(&buf[..n]).is_err() {
            child_gone = true;
        }
    }
    if done.load(Ordering::Relaxed) == FINISHED {
        drain(&mut input, &mut buf);
    }
}

/// Reads and drops what the terminal still sends until it has been quiet for [`QUIET`].
fn drain(input: &mut File, buf: &mut [u8]) {
    let start = Instant::now();
    while start.elapsed() < DRAIN_AT_MOST {
        match readable(input.as_raw_fd(), QUIET) {
            Ok(true) => match input.read(buf) {
                Ok(n) if n > 0 => continue,
                _ => return,
            },
            _ => return,
        }
    }
}

/// Whether `fd` has something to read (or hung up) within `wait`.
fn readable(fd: RawFd, wait: Duration) -> io::Result<bool> {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = wait.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd, its count, a timeout.
    let r = unsafe { libc::poll(&mut p, 1, ms) };
    if r < 0 {
        let e = io::Error::last_os_error();
        return if e.kind() == io::ErrorKind::Interrupted {
            Ok(false)
        } else {
            Err(e)
        };
    }
    if r > 0 && p.revents & libc::POLLNVAL != 0 {
        return Err(io::Error::from_raw_os_error(libc::EBADF));
    }
    Ok(r > 0)
}
