//! A pseudo-terminal whose master side the test holds: it plays the staff member's terminal
//! emulator. Like Xshell, it watches the output for a ZMODEM start and hands the session to lrzsz
//! (`sz` to upload a file, `rz` to download one) until that program ends, then goes back to
//! being a screen. Everything the console wrote is kept, raw, for assertions.

#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The start of every ZMODEM header lrzsz sends first: ZPAD ZPAD ZDLE 'B' (hex header).
const ZMODEM_START: &[u8] = b"**\x18B0";

/// What the terminal does when the console starts a transfer.
#[derive(Clone)]
pub enum Peer {
    /// Never answers (a terminal without ZMODEM).
    Nothing,
    /// Runs this lrzsz command, e.g. `sz file` or `rz` in a download folder.
    Run(Vec<String>, PathBuf),
    /// Like `Run`, but sends Ctrl-X five times after `after` bytes went to the console.
    CancelAfter(Vec<String>, PathBuf, usize),
}

struct Shared {
    log: Vec<u8>,
    peer: Peer,
    /// Set while lrzsz holds the session: the console's output goes to it.
    peer_in: Option<std::process::ChildStdin>,
    peer_child: Option<Child>,
    /// Exit statuses of finished lrzsz runs, in order.
    peer_done: Vec<Option<i32>>,
    /// Bytes of console output already looked at for a ZMODEM start.
    scanned: usize,
}

pub struct Pty {
    master: File,
    pub slave: File,
    shared: Arc<Mutex<Shared>>,
}

impl Pty {
    /// A pty of 80x24 with a thread reading its master side.
    pub fn open() -> Pty {
        let (mut m, mut s) = (0, 0);
        let ws = libc::winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: two out-pointers and a valid winsize.
        let r =
            unsafe { libc::openpty(&mut m, &mut s, std::ptr::null_mut(), std::ptr::null(), &ws) };
        assert_eq!(r, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: fresh descriptors owned from here on.
        let (master, slave) = unsafe { (File::from_raw_fd(m), File::from_raw_fd(s)) };
        let shared = Arc::new(Mutex::new(Shared {
            log: Vec::new(),
            peer: Peer::Nothing,
            peer_in: None,
            peer_child: None,
            peer_done: Vec::new(),
            scanned: 0,
        }));
        let pty = Pty {
            master,
            slave,
            shared,
        };
        pty.spawn_reader();
        pty
    }

    /// The slave in raw mode, as the console leaves it while it runs.
    pub fn raw(&self) {
        // SAFETY: termios of our own slave.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            libc::tcgetattr(self.slave.as_raw_fd(), &mut t);
            libc::cfmakeraw(&mut t);
            libc::tcsetattr(self.slave.as_raw_fd(), libc::TCSANOW, &t);
        }
    }

    /// Runs `cmd` on the slave as its controlling terminal (a new session, as sshd does).
    pub fn spawn(&self, mut cmd: Command) -> Child {
        let fd = self.slave.as_raw_fd();
        let io = |_: ()| Stdio::from(self.slave.try_clone().unwrap());
        cmd.stdin(io(())).stdout(io(())).stderr(io(()));
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                if libc::setsid() < 0 || libc::ioctl(fd, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        cmd.spawn().expect("spawn on the pty")
    }

    /// What the terminal does at the next ZMODEM start.
    pub fn on_zmodem(&self, peer: Peer) {
        self.shared.lock().unwrap().peer = peer;
    }

    /// Types bytes.
    pub fn type_bytes(&self, bytes: &[u8]) {
        let mut m = &self.master;
        m.write_all(bytes).unwrap();
    }

    /// Everything the console wrote so far, raw.
    pub fn raw_output(&self) -> Vec<u8> {
        self.shared.lock().unwrap().log.clone()
    }

    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw_output()).into_owned()
    }

    /// What the screen says after `from` bytes, roughly: the output with escape sequences and
    /// control bytes dropped, so text drawn cell by cell reads as one string.
    pub fn text_since(&self, from: usize) -> String {
        let log = self.raw_output();
        plain(&String::from_utf8_lossy(&log[from.min(log.len())..]))
    }

    /// Waits (up to a minute) until the text drawn after `from` contains `what`.
    pub fn wait_text_since(&self, from: usize, what: &str) {
        let start = Instant::now();
        // Blank cells already blank are not redrawn: compare without whitespace.
        let squeeze = |t: &str| t.split_whitespace().collect::<String>();
        let what = squeeze(what);
        while !squeeze(&self.text_since(from)).contains(&what) {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "never saw {what:?} in {:?}",
                self.text_since(from)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Output written after `from` bytes.
    pub fn output_since(&self, from: usize) -> String {
        let log = self.raw_output();
        String::from_utf8_lossy(&log[from.min(log.len())..]).into_owned()
    }

    /// Waits (up to a minute, for a loaded machine) until the output after `from` contains
    /// `what`; returns where it ends.
    pub fn wait_for_since(&self, from: usize, what: &str) -> usize {
        let start = Instant::now();
        loop {
            let log = self.raw_output();
            let tail = &log[from.min(log.len())..];
            if let Some(at) = tail.windows(what.len()).position(|w| w == what.as_bytes()) {
                return from + at + what.len();
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "never saw {what:?} in {:?}",
                String::from_utf8_lossy(tail)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_for(&self, what: &str) -> usize {
        self.wait_for_since(0, what)
    }

    /// Waits until lrzsz ran `n` times in all and returns the exit codes.
    pub fn peer_runs(&self, n: usize) -> Vec<Option<i32>> {
        let start = Instant::now();
        loop {
            {
                let mut s = self.shared.lock().unwrap();
                if let Some(c) = s.peer_child.as_mut()
                    && let Ok(Some(st)) = c.try_wait()
                {
                    s.peer_child = None;
                    s.peer_in = None;
                    s.peer_done.push(st.code());
                }
                if s.peer_done.len() >= n {
                    return s.peer_done.clone();
                }
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "lrzsz did not finish"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn spawn_reader(&self) {
        let mut master = self.master.try_clone().unwrap();
        let write_back = self.master.try_clone().unwrap();
        let shared = Arc::clone(&self.shared);
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = match master.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                let mut s = shared.lock().unwrap();
                s.log.extend_from_slice(&buf[..n]);
                if s.peer_in.is_some() {
                    s.scanned = s.log.len();
                    if let Some(p) = s.peer_in.as_mut()
                        && p.write_all(&buf[..n]).is_err()
                    {
                        s.peer_in = None;
                    }
                    continue;
                }
                // Look for a start, also across reads.
                let from = s.scanned.saturating_sub(ZMODEM_START.len());
                let found = s.log[from..]
                    .windows(ZMODEM_START.len())
                    .position(|w| w == ZMODEM_START)
                    .map(|at| from + at);
                s.scanned = s.log.len();
                let Some(at) = found else { continue };
                let peer = s.peer.clone();
                let (args, dir, cancel_after) = match peer {
                    Peer::Nothing => continue,
                    Peer::Run(a, d) => (a, d, None),
                    Peer::CancelAfter(a, d, n) => (a, d, Some(n)),
                };
                s.peer = Peer::Nothing;
                let mut child = Command::new(&args[0])
                    .args(&args[1..])
                    .current_dir(&dir)
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("lrzsz installed");
                let mut to_peer = child.stdin.take().unwrap();
                let pending = s.log[at..].to_vec();
                s.scanned = s.log.len();
                let _ = to_peer.write_all(&pending);
                let from_peer = child.stdout.take().unwrap();
                s.peer_in = Some(to_peer);
                s.peer_child = Some(child);
                let mut back = write_back.try_clone().unwrap();
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || pump_back(from_peer, &mut back, cancel_after, shared));
            }
        });
    }
}

/// lrzsz → the console, optionally cut by a Ctrl-X x5 after `cancel_after` bytes.
fn pump_back(
    mut from_peer: std::process::ChildStdout,
    back: &mut File,
    cancel_after: Option<usize>,
    shared: Arc<Mutex<Shared>>,
) {
    let mut buf = vec![0u8; 16 * 1024];
    let mut sent = 0usize;
    loop {
        let n = match from_peer.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        if let Some(limit) = cancel_after
            && sent + n >= limit
        {
            let keep = limit.saturating_sub(sent);
            let _ = back.write_all(&buf[..keep]);
            // What a user pressing Ctrl-X five times sends; the terminal's own lrzsz stops too.
            let _ = back.write_all(b"\x18\x18\x18\x18\x18\x18\x18\x18\x18\x18");
            if let Some(c) = shared.lock().unwrap().peer_child.as_mut() {
                let _ = c.kill();
            }
            return;
        }
        if back.write_all(&buf[..n]).is_err() {
            return;
        }
        sent += n;
    }
}

/// `s` without CSI/OSC/DCS sequences and control characters.
fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\x1b' => match it.next() {
                Some('[') => {
                    // Parameters, then one final byte in @..~.
                    for d in it.by_ref() {
                        if ('@'..='~').contains(&d) {
                            break;
                        }
                    }
                }
                Some(']' | 'P') => {
                    // Up to BEL or ESC \.
                    while let Some(d) = it.next() {
                        if d == '\x07' {
                            break;
                        }
                        if d == '\x1b' {
                            it.next();
                            break;
                        }
                    }
                }
                _ => {}
            },
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A file of `len` bytes that are not all alike (so a dropped or repeated block shows).
pub fn noise(path: &Path, len: usize) {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut data = Vec::with_capacity(len);
    while data.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        data.extend_from_slice(&x.to_le_bytes());
    }
    data.truncate(len);
    std::fs::write(path, data).unwrap();
}
