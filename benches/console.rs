//! The console: start-up to the first frame, and bytes written to the terminal per change.
//!
//! Start-up, on the demo database and on the demo database plus N accepted candidates
//! (default 200,000, in 40 sessions), best of 5:
//! - in process: `Store::open` + `App::new` (every tab loaded) + one frame drawn at 80x24 on a
//!   TestBackend; the baseline is one frame of the same App drawn again (the drawing alone);
//! - the real binary in a pseudo-terminal (`script`, 80x24): from spawn to the end of its first
//!   frame (the last byte before 150 ms of quiet (idle ticks come every 250 ms)); the baseline is the same `script` running
//!   `echo` (pty and process start-up).
//!
//! Bytes: an 80x24 terminal on a crossterm backend over a counting writer: the first frame
//! (full), a full redraw after `clear`, the mean per row move (j on Sites and Audit) and per
//! tab switch, with the number of write and flush calls reaching the writer.
//!
//! Run: `cargo bench --bench console` (add `-- N` for another candidate count).

mod common;

use std::cell::RefCell;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::rc::Rc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{benching, best, candidates, count_arg, machine};
use kaowu::domain::submission::{Decision, SubmissionState};
use kaowu::domain::time::parse_time;
use kaowu::i18n::Lang;
use kaowu::store::{Actor, NewSubmission, Recorded, Store};
use kaowu::tui::{Action, App, Tab, Theme, draw, update};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn app(store: Store) -> App {
    App::new(
        store,
        Lang::Zh,
        kaowu::demo::clock(),
        true,
        Actor("金贝".into()),
        Theme { color: true },
    )
}

/// Adds `n` accepted candidates to the demo database, spread over its approved sites.
fn add_candidates(db: &Path, n: usize) {
    let mut s = Store::open(db).unwrap();
    let actor = Actor("金贝".into());
    let plan = s.find_plan("20211211-初级").unwrap();
    let sites: Vec<(i64, String)> = s
        .sites(Some(kaowu::domain::SiteState::Approved), "")
        .unwrap()
        .into_iter()
        .map(|r| (r.school.id, r.school.info.name))
        .collect();
    let per = n.div_ceil(sites.len().min(40));
    let mut done = 0;
    for (i, (school_id, name)) in sites.iter().take(40).enumerate() {
        let k = per.min(n - done);
        if k == 0 {
            break;
        }
        // Far from the demo's own people, so nothing collides.
        let cands = candidates(1_000_000 + done, k, name);
        let sha = format!("bench-{i}");
        let sub = NewSubmission {
            plan_id: plan.id,
            school_id: *school_id,
            file_name: "报名表.xlsx",
            sha256: &sha,
            bytes: b"x",
            received_at: parse_time("2021-11-15 10:00").unwrap(),
            state: SubmissionState::Pending,
            rows: k,
            header_row: 1,
            candidates: &cands,
            problems: &[],
        };
        let Recorded::New(id) = s.record_submission(&actor, &sub).unwrap() else {
            panic!("a new submission")
        };
        s.decide_submission(&actor, id, Decision::Accept, None, false, None)
            .unwrap();
        done += k;
    }
    assert_eq!(done, n);
}

/// Store::open + App::new + the first frame, in process.
fn start_in_process(db: &Path) -> f64 {
    best(if benching() { 5 } else { 1 }, || {
        let store = Store::open(db).unwrap();
        let app = app(store);
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| draw(f, &app)).unwrap();
    })
}

/// One more frame of an App already loaded: what drawing alone costs.
fn one_frame(db: &Path) -> f64 {
    let app = app(Store::open(db).unwrap());
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    best(if benching() { 5 } else { 1 }, || {
        t.clear().unwrap();
        t.draw(|f| draw(f, &app)).unwrap();
    })
}

/// Seconds from spawning `command` under `script` in an 80x24 pty to the last byte of output
/// before 150 ms of quiet (idle ticks come every 250 ms) (the first frame), or None without `script`.
fn pty_first_output(command: &str) -> Option<f64> {
    let t = Instant::now();
    let mut child = Command::new("script")
        .args([
            "-qfec",
            &format!("stty cols 80 rows 24; exec {command}"),
            "/dev/null",
        ])
        .env("TERM", "xterm-256color")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut out = child.stdout.take()?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 || tx.send(Instant::now()).is_err() {
                break;
            }
        }
    });
    let mut last = None;
    while let Ok(at) = rx.recv_timeout(if last.is_some() {
        Duration::from_millis(150)
    } else {
        Duration::from_secs(10)
    }) {
        last = Some(at);
    }
    // Closing its stdin and killing `script` hangs up the pty: the console leaves on SIGHUP.
    drop(child.stdin.take());
    let _ = child.kill();
    let _ = child.wait();
    last.map(|at| at.duration_since(t).as_secs_f64())
}

fn pty_best(command: &str) -> Option<f64> {
    (0..if benching() { 5 } else { 1 })
        .filter_map(|_| pty_first_output(command))
        .reduce(f64::min)
}

/// What the terminal would receive: bytes, write calls and flushes.
#[derive(Default, Clone, Copy)]
struct Stats {
    bytes: usize,
    writes: usize,
    flushes: usize,
}

/// A writer that counts into a shared [`Stats`] (the backend owns the writer).
struct Counting(Rc<RefCell<Stats>>);

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut s = self.0.borrow_mut();
        s.bytes += buf.len();
        s.writes += 1;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.borrow_mut().flushes += 1;
        Ok(())
    }
}

/// An 80x24 console whose frames go to a crossterm backend over a counting writer, the way
/// `Terminal` sends them (the diff against the previous frame, then reset styles, hide the
/// cursor, flush). Drawing happens on a TestBackend: a crossterm `Terminal` would ask the real
/// terminal for its size.
struct Screen {
    test: Terminal<TestBackend>,
    previous: Buffer,
    out: CrosstermBackend<Counting>,
    stats: Rc<RefCell<Stats>>,
}

impl Screen {
    fn new() -> Screen {
        let stats = Rc::new(RefCell::new(Stats::default()));
        Screen {
            test: Terminal::new(TestBackend::new(80, 24)).unwrap(),
            previous: Buffer::empty(Rect::new(0, 0, 80, 24)),
            out: CrosstermBackend::new(Counting(Rc::clone(&stats))),
            stats,
        }
    }

    /// (bytes, writes, flushes) of one frame after `change`; `full` repaints every cell after
    /// clearing the screen, as after `Terminal::clear`.
    fn frame(
        &mut self,
        app: &mut App,
        change: Option<Action>,
        full: bool,
    ) -> (usize, usize, usize) {
        if let Some(a) = change {
            update(app, a);
        }
        self.test.draw(|f| draw(f, app)).unwrap();
        let current = self.test.backend().buffer().clone();
        *self.stats.borrow_mut() = Stats::default();
        if full {
            self.out.clear().unwrap();
            self.previous = Buffer::empty(current.area);
        }
        let diff = self.previous.diff(&current);
        self.out.draw(diff.into_iter()).unwrap();
        self.out.hide_cursor().unwrap();
        Backend::flush(&mut self.out).unwrap();
        self.previous = current;
        let s = *self.stats.borrow();
        (s.bytes, s.writes, s.flushes)
    }
}

fn mean(v: &[(usize, usize, usize)]) -> (f64, f64, f64) {
    let n = v.len().max(1) as f64;
    let s = v
        .iter()
        .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    (s.0 as f64 / n, s.1 as f64 / n, s.2 as f64 / n)
}

fn bytes_report(db: &Path) {
    let mut app = app(Store::open(db).unwrap());
    let mut screen = Screen::new();
    let first = screen.frame(&mut app, None, false);
    let full = screen.frame(&mut app, None, true);
    let mut moves = Vec::new();
    for tab in [Tab::Sites, Tab::Audit] {
        screen.frame(&mut app, Some(Action::GoTab(tab)), false);
        for _ in 0..15 {
            moves.push(screen.frame(&mut app, Some(Action::Down), false));
        }
    }
    let mut switches = Vec::new();
    for _ in 0..(2 * Tab::ALL.len()) {
        switches.push(screen.frame(&mut app, Some(Action::NextTab), false));
    }
    let row = |name: &str, (b, w, f): (f64, f64, f64)| {
        println!(
            "  {name:<28} {b:>7.0} bytes  {:>6.2}x full  {w:>5.1} writes  {f:>3.1} flushes",
            b / full.0 as f64
        )
    };
    let one = |x: (usize, usize, usize)| (x.0 as f64, x.1 as f64, x.2 as f64);
    println!("bytes to the terminal at 80x24 (demo database):");
    row("first frame", one(first));
    row("full redraw (after clear)", one(full));
    row(&format!("row move, mean of {}", moves.len()), mean(&moves));
    row(
        &format!("tab switch, mean of {}", switches.len()),
        mean(&switches),
    );
    let worst = moves.iter().map(|m| m.0).max().unwrap_or(0);
    println!("  largest row move: {worst} bytes (goal <= 2048)");
}

fn main() {
    let n = count_arg(if benching() { 200_000 } else { 500 });
    let dir = tempfile::tempdir().expect("temp dir");
    let demo = dir.path().join("demo.db");
    let big = dir.path().join("big.db");
    let t = Instant::now();
    kaowu::demo::create(&demo).unwrap();
    kaowu::demo::create(&big).unwrap();
    add_candidates(&big, n);
    println!(
        "machine: {}\nset up the demo database and demo + {n} candidates in {:.1} s",
        machine(),
        t.elapsed().as_secs_f64()
    );
    let candidates_in = |db: &Path| Store::open(db).unwrap().count("candidate").unwrap();
    println!(
        "candidates: demo {}, big {}",
        candidates_in(&demo),
        candidates_in(&big)
    );

    println!("start-up to first frame, in process (open + App::new + draw), best of 5:");
    for (label, db) in [("demo", &demo), ("demo + candidates", &big)] {
        let start = start_in_process(db);
        let frame = one_frame(db);
        println!(
            "  {label:<20} {:>7.2} ms  (one frame alone {:.2} ms; goal < 100 ms)",
            start * 1e3,
            frame * 1e3
        );
    }

    let exe = env!("CARGO_BIN_EXE_kaowu");
    let at = "--at '2021-11-22 20:00'";
    match pty_best("echo ready") {
        Some(base) => {
            println!("start-up of the real binary in an 80x24 pty (script), best of 5:");
            println!("  baseline: script + stty + echo  {:>7.2} ms", base * 1e3);
            for (label, db) in [("demo", &demo), ("demo + candidates", &big)] {
                let cmd = format!("{exe} --db {} {at}", db.display());
                if let Some(s) = pty_best(&cmd) {
                    println!(
                        "  {label:<20} {:>7.2} ms to the end of the first frame, {:.2} ms over the baseline",
                        s * 1e3,
                        (s - base) * 1e3
                    );
                }
            }
        }
        None => println!("no `script`: pty start-up skipped"),
    }

    bytes_report(&demo);
}
