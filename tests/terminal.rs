//! The console in a real pseudo-terminal (util-linux `script` gives it one): a panic gives the
//! terminal back (cooked mode, cursor shown, alternate screen left), SIGHUP (a dropped SSH
//! link) ends it promptly with the database sound, and tiny terminals never make it panic.
//! Layouts at 0x0 and 20x5 are also drawn on TestBackend in tests/tui.rs
//! (`too_small_terminal_says_so_and_never_panics`); here the real terminal reports the size.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Alternate screen entered / left, cursor shown (what ratatui's restore writes).
const ENTER_ALT: &str = "\x1b[?1049h";
const LEAVE_ALT: &str = "\x1b[?1049l";
const SHOW_CURSOR: &str = "\x1b[?25h";

struct Pty {
    child: Child,
    log: PathBuf,
}

/// Runs `shell` (a `sh -c` script; `$KAOWU` is the binary) in a pseudo-terminal, its output
/// logged to a file. Stdin stays open and silent, like a user who types nothing.
fn in_pty(dir: &Path, db: &Path, shell: &str, extra_env: &[(&str, &str)]) -> Pty {
    let log = dir.join(format!("typescript-{}", shell.len()));
    let mut c = Command::new("script");
    c.args(["-q", "-f", "-e", "-c", shell])
        .arg(&log)
        .env("KAOWU", env!("CARGO_BIN_EXE_kaowu"))
        .env("KAOWU_DB", db)
        .env("TERM", "xterm-256color")
        .env_remove("KAOWU_LANG")
        .env_remove("KAOWU_TEST_PANIC")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in extra_env {
        c.env(k, v);
    }
    Pty {
        child: c.spawn().expect("util-linux script"),
        log,
    }
}

impl Pty {
    fn output(&self) -> String {
        String::from_utf8_lossy(&std::fs::read(&self.log).unwrap_or_default()).into_owned()
    }

    /// Waits (up to a minute, for a loaded machine) until the output contains `what`.
    fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while !self.output().contains(what) {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "never saw {what:?} in {:?}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the program to end; its exit code and how long that took.
    fn finish(&mut self) -> (Option<i32>, Duration) {
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                return (st.code(), start.elapsed());
            }
            if start.elapsed() > Duration::from_secs(60) {
                let _ = self.child.kill();
                panic!("still running after a minute: {:?}", self.output());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

fn database(dir: &Path) -> PathBuf {
    let db = dir.join("kaowu.db");
    kaowu::store::Store::open(&db).unwrap();
    db
}

fn integrity(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_panic_gives_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    // After the console dies, `stty -a` in the same terminal shows the mode it was left in.
    let mut pty = in_pty(
        dir.path(),
        &db,
        "\"$KAOWU\"; echo \"exit=$?\"; stty -a",
        &[("KAOWU_TEST_PANIC", "1")],
    );
    pty.wait_for("exit=");
    pty.wait_for("icanon");
    pty.finish();
    let out = pty.output();
    assert!(out.contains("KAOWU_TEST_PANIC"), "it did panic: {out:?}");
    let entered = out.find(ENTER_ALT).expect("the console started");
    let after = &out[entered..];
    assert!(after.contains(LEAVE_ALT), "alternate screen left: {out:?}");
    assert!(after.contains(SHOW_CURSOR), "cursor shown again: {out:?}");
    let stty = &out[out.find("exit=").unwrap()..];
    assert!(!stty.contains("exit=0"), "the panic ended the process");
    // Cooked mode: line editing and echo are back.
    assert!(
        stty.contains(" icanon") && stty.contains(" echo "),
        "cooked mode: {stty}"
    );
    assert!(
        !stty.contains("-icanon") && !stty.contains("-echo "),
        "{stty}"
    );
}

#[test]
fn sighup_ends_the_console_promptly_with_the_database_sound() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let pid_file = dir.path().join("pid");
    let shell = format!("echo $$ > '{}'; exec \"$KAOWU\"", pid_file.display());
    let mut pty = in_pty(dir.path(), &db, &shell, &[]);
    pty.wait_for(ENTER_ALT);
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let sent = Command::new("kill")
        .args(["-HUP", pid.trim()])
        .status()
        .unwrap();
    assert!(sent.success());
    let (_, took) = pty.finish();
    // The promise is a second; the loop checks every 250 ms and the watcher forces an exit
    // after 750 ms. The bound here leaves room for a loaded test machine.
    assert!(took < Duration::from_secs(3), "took {took:?}");
    let out = pty.output();
    assert!(out.contains(LEAVE_ALT), "terminal restored on SIGHUP");
    assert!(!out.contains("panicked"), "{out:?}");
    assert_eq!(integrity(&db), "ok");
}

#[test]
fn tiny_terminals_never_panic() {
    for (cols, rows) in [(0, 0), (20, 5), (1, 1)] {
        let dir = tempfile::tempdir().unwrap();
        let db = database(dir.path());
        let pid_file = dir.path().join("pid");
        let shell = format!(
            "stty rows {rows} cols {cols}; echo $$ > '{}'; exec \"$KAOWU\"",
            pid_file.display()
        );
        let mut pty = in_pty(dir.path(), &db, &shell, &[]);
        pty.wait_for(ENTER_ALT);
        // A few frames at this size, then leave as a dropped link would.
        std::thread::sleep(Duration::from_millis(600));
        let pid = std::fs::read_to_string(&pid_file).unwrap();
        Command::new("kill")
            .args(["-TERM", pid.trim()])
            .status()
            .unwrap();
        let (code, _) = pty.finish();
        let out = pty.output();
        assert!(!out.contains("panicked"), "{cols}x{rows}: {out:?}");
        assert!(out.contains(LEAVE_ALT), "{cols}x{rows}: restored");
        assert_ne!(code, Some(101), "{cols}x{rows}: a panic's exit code");
    }
}
