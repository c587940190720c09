//! The console: start-up to the first frame, bytes written to the terminal per change, and
//! keystroke to frame on the Candidates screen.
//!
//! Start-up, on the demo database and on the demo database plus N accepted candidates
//! (default 200,000, in 40 sessions), best of 5:
//! - in process: `Store::open` + `App::new` (every tab loaded) + one frame drawn at 80x24 on a
//!   TestBackend; the baseline is one frame of the same App drawn again (the drawing alone);
//! - the real binary in a pseudo-terminal (`script`, 80x24): from spawn to the end of its first
//!   frame (the last byte before 150 ms of quiet); the baseline is the same `script` running
//!   `echo` (pty and process start-up). Then the bytes it sends while idle (goal: none).
//!
//! Bytes: frames take the run loop's path (`tui::terminal::frame` over its `FrameWriter`) into
//! a counting writer at 80x24: the first frame, a full redraw, the mean per row move (j on Sites
//! and Audit), per tab switch and per idle tick, with the write and flush calls reaching the
//! writer.
//!
//! Keystrokes: on the large database's Candidates screen, each key through the keymap and
//! `update`, then one frame as above; mean, median and worst per key for j/k/PgDn/PgUp/G/g and
//! for typing searches, as a ratio to one full frame of the empty Candidates screen measured in
//! the same run. Fails if the screen's state ever holds more rows than the window shows.
//!
//! The same keys on the Submissions, Sessions and Fees lists: moves, each screen's own key,
//! next pending (Submissions) and typing a filter; a windowed list (Submissions, Sessions)
//! fails the bench if its state holds more rows than the window.
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
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kaowu::domain::submission::{Decision, SubmissionState};
use kaowu::domain::time::parse_time;
use kaowu::i18n::Lang;
use kaowu::store::{Actor, NewSubmission, Recorded, Store};
use kaowu::tui::terminal::{self, FrameWriter};
use kaowu::tui::{Action, App, Tab, Theme, draw, update};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

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
/// before 150 ms of quiet (the first frame), and the bytes it sent in the next `idle`, or None
/// without `script`.
fn pty_first_output(command: &str, idle: Duration) -> Option<(f64, usize)> {
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
            if n == 0 || tx.send((Instant::now(), n)).is_err() {
                break;
            }
        }
    });
    let mut last = None;
    while let Ok((at, _)) = rx.recv_timeout(if last.is_some() {
        Duration::from_millis(150)
    } else {
        Duration::from_secs(10)
    }) {
        last = Some(at);
    }
    let quiet_until = Instant::now() + idle;
    let mut idle_bytes = 0;
    while let Some(left) = quiet_until.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok((_, n)) => idle_bytes += n,
            Err(_) => break,
        }
    }
    // Closing its stdin and killing `script` hangs up the pty: the console leaves on SIGHUP.
    drop(child.stdin.take());
    let _ = child.kill();
    let _ = child.wait();
    last.map(|at| (at.duration_since(t).as_secs_f64(), idle_bytes))
}

/// The fastest first frame of a few runs, and the most idle bytes any of them sent.
fn pty_best(command: &str, idle: Duration) -> Option<(f64, usize)> {
    (0..if benching() { 5 } else { 1 })
        .filter_map(|_| pty_first_output(command, idle))
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
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

/// One key typed (arrows, Backspace, Esc and Enter written as their symbols ↓ ↑ ⌫ ⎋ ⏎) through
/// the keymap and `update`, then one frame: the milliseconds it took.
fn press_key(app: &mut App, screen: &mut Screen, c: char) -> f64 {
    let code = match c {
        '\u{2193}' => KeyCode::PageDown,
        '\u{2191}' => KeyCode::PageUp,
        '\u{232b}' => KeyCode::Backspace,
        '\u{238b}' => KeyCode::Esc,
        '\u{23ce}' => KeyCode::Enter,
        c => KeyCode::Char(c),
    };
    let t = Instant::now();
    if let Some(a) = app
        .keymap
        .resolve(app.mode(), &KeyEvent::new(code, KeyModifiers::NONE))
    {
        update(app, a);
    }
    screen.frame(app, None, false);
    t.elapsed().as_secs_f64() * 1e3
}

/// An 80x24 console whose frames take the run loop's own path: `terminal::frame` on a
/// crossterm backend over the console's `FrameWriter`, into a counting writer. The viewport is
/// fixed so the backend never asks a real terminal for its size.
struct Screen {
    terminal: Terminal<CrosstermBackend<FrameWriter<Counting>>>,
    shown: Buffer,
    stats: Rc<RefCell<Stats>>,
}

impl Screen {
    fn new() -> Screen {
        let stats = Rc::new(RefCell::new(Stats::default()));
        let backend = CrosstermBackend::new(FrameWriter::new(Counting(Rc::clone(&stats))));
        let terminal = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
            },
        )
        .unwrap();
        Screen {
            terminal,
            shown: Buffer::default(),
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
        if full {
            // A fresh terminal repaints every cell, as after `Terminal::clear` (which asks a
            // real terminal where its cursor is).
            *self = Screen::new();
        }
        *self.stats.borrow_mut() = Stats::default();
        terminal::frame(&mut self.terminal, &mut self.shown, |f| draw(f, app)).unwrap();
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
    let idle: Vec<_> = (0..8)
        .map(|_| screen.frame(&mut app, Some(Action::Tick), false))
        .collect();
    row("idle tick, mean of 8", mean(&idle));
    let worst = moves.iter().map(|m| m.0).max().unwrap_or(0);
    println!("  largest row move: {worst} bytes (goal <= 2048)");
}

fn main() {
    let n = count_arg(if benching() { 200_000 } else { 500 });
    let dir = tempfile::tempdir().expect("temp dir");
    let demo = dir.path().join("demo.db");
    // `--db PATH`: a large database made elsewhere (`cargo bench --bench scale` keeps one of
    // millions of candidates) instead of the demo plus N.
    let given = std::env::args()
        .skip_while(|a| a != "--db")
        .nth(1)
        .map(std::path::PathBuf::from);
    let big = given.clone().unwrap_or_else(|| dir.path().join("big.db"));
    let t = Instant::now();
    kaowu::demo::create(&demo).unwrap();
    if given.is_none() {
        kaowu::demo::create(&big).unwrap();
        add_candidates(&big, n);
    }
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

    // Where the large database's start-up goes: each tab's load, again on a warm store.
    let mut warm = app(Store::open(&big).unwrap());
    let tabs: Vec<String> = Tab::ALL
        .iter()
        .map(|tab| {
            let t = best(if benching() { 5 } else { 1 }, || warm.refresh(*tab));
            format!("{tab:?} {:.2}", t * 1e3)
        })
        .collect();
    println!(
        "  each tab's load on demo + candidates, ms: {}",
        tabs.join(", ")
    );

    let exe = env!("CARGO_BIN_EXE_kaowu");
    let at = "--at '2021-11-22 20:00'";
    let idle = Duration::from_secs(if benching() { 2 } else { 1 });
    match pty_best("echo ready", Duration::ZERO) {
        Some((base, _)) => {
            println!("start-up of the real binary in an 80x24 pty (script), best of 5:");
            println!("  baseline: script + stty + echo  {:>7.2} ms", base * 1e3);
            for (label, db) in [("demo", &demo), ("demo + candidates", &big)] {
                let cmd = format!("{exe} --db {} {at}", db.display());
                if let Some((s, quiet)) = pty_best(&cmd, idle) {
                    println!(
                        "  {label:<20} {:>7.2} ms to the end of the first frame, {:.2} ms over the baseline",
                        s * 1e3,
                        (s - base) * 1e3
                    );
                    println!(
                        "  {:<20} {quiet} bytes sent in the {} s after it, idle (goal 0)",
                        "",
                        idle.as_secs()
                    );
                }
            }
        }
        None => println!("no `script`: pty start-up skipped"),
    }

    bytes_report(&demo);
    keystrokes(&big);
    for tab in [Tab::Submissions, Tab::Sessions, Tab::Fees] {
        list_keys(&big, tab);
    }
}

/// Rows a tab's state holds for its list: a windowed list (Submissions, Sessions) holds one
/// window.
fn held_rows(app: &App, tab: Tab) -> Option<usize> {
    match tab {
        Tab::Submissions => Some(app.screens.submissions.shown.len()),
        Tab::Sessions => Some(app.screens.sessions.shown.len()),
        _ => None,
    }
}

/// Keystroke to frame on another list of the large database, as on the Candidates screen:
/// moves, the screen's own keys and typing a filter, each key through the keymap and `update`
/// and one frame, as ratios to one full frame of the same screen on an empty database. Fails
/// if a windowed list's state ever holds more rows than it shows.
fn list_keys(db: &Path, tab: Tab) {
    let runs = if benching() { 20 } else { 2 };
    let mut empty = app(Store::open_in_memory().unwrap());
    update(&mut empty, Action::Resize(80, 24));
    update(&mut empty, Action::GoTab(tab));
    let mut screen = Screen::new();
    let base = best(runs, || {
        screen.frame(&mut empty, None, true);
    }) * 1e3;
    let mut app = app(Store::open(db).unwrap());
    update(&mut app, Action::Resize(80, 24));
    let page = app.screens.submissions.page;
    let t = Instant::now();
    update(&mut app, Action::GoTab(tab));
    let switch = t.elapsed().as_secs_f64() * 1e3;
    let mut screen = Screen::new();
    screen.frame(&mut app, None, false);
    let mut held = held_rows(&app, tab).unwrap_or(0);
    let mut press = |app: &mut App, keys: &str| -> Vec<f64> {
        keys.chars()
            .map(|c| {
                let ms = press_key(app, &mut screen, c);
                held = held.max(held_rows(app, tab).unwrap_or(0));
                ms
            })
            .collect()
    };
    println!("keystroke to frame, {tab:?} screen at 80x24:");
    println!("  baseline: one full frame of the empty {tab:?} screen {base:.3} ms");
    println!("  switch to the tab (its load + the first frame) {switch:.2} ms");
    let report = |what: &str, mut ms: Vec<f64>| {
        let n = ms.len();
        let (mean, median, worst) = spread(&mut ms);
        println!(
            "  {what:<34} {n:>4} keys  mean {mean:>6.2} ms ({:>5.1}x)  median {median:>6.2}  worst {worst:>6.2} ms",
            mean / base,
        );
    };
    let j = "j".repeat(100);
    let k = "k".repeat(100);
    let down = "\u{2193}".repeat(20);
    for (what, keys) in [
        ("j", j.as_str()),
        ("PgDn", down.as_str()),
        ("k", k.as_str()),
        ("G (bottom)", "G"),
        ("g (top)", "g"),
    ] {
        report(what, press(&mut app, keys));
    }
    let mut g = Vec::new();
    for _ in 0..runs {
        g.extend(press(&mut app, "G"));
        g.extend(press(&mut app, "g"));
    }
    report("G and g, all runs", g);
    // The screen's own keys: the state cycle and next pending (Submissions), the sort
    // (Sessions), the next view (Fees); each twice round.
    // (sessions), the next view (Fees); each twice round, back where it started.
    let own = match tab {
        Tab::Submissions => "s".repeat(2 * (SubmissionState::ALL.len() + 1)),
        Tab::Sessions => "tttt".into(),
        _ => "vvvvvvvv".into(),
    };
    report(
        &format!("its own key {:?}", &own[..1]),
        press(&mut app, &own),
    );
    if tab == Tab::Submissions {
        let mut n = press(&mut app, "n");
        press(&mut app, "\u{238b}");
        n.extend(press(&mut app, "Gn"));
        press(&mut app, "\u{238b}");
        report("n (next pending), G then n", n);
    }
    // A school's words, typed, then Backspace: every key refilters.
    for text in ["第1000职业", "2021 初级", "学院"] {
        press(&mut app, "/");
        let ms: Vec<f64> = text
            .chars()
            .flat_map(|c| press(&mut app, &c.to_string()))
            .collect();
        report(&format!("type {text}"), ms);
        report("  then Backspace", press(&mut app, "\u{232b}\u{232b}"));
        press(&mut app, "\u{238b}");
    }
    if held_rows(&app, tab).is_some() {
        println!("  most rows held by the {tab:?} state after any key: {held} (window {page})");
        assert!(held <= page, "only the visible window is fetched");
    }
}

/// Milliseconds per key: mean, median, worst.
fn spread(ms: &mut [f64]) -> (f64, f64, f64) {
    ms.sort_by(f64::total_cmp);
    let mean = ms.iter().sum::<f64>() / ms.len().max(1) as f64;
    (mean, ms[ms.len() / 2], ms[ms.len() - 1])
}

/// Keystroke to frame on the Candidates screen of the large database: each key goes through
/// the keymap and `update` (which re-queries the window when it must) and then one frame on
/// the run loop's path. The baseline is one full frame of the same screen on an empty database.
/// After every key the state must hold no more rows than the window shows.
fn keystrokes(db: &Path) {
    let runs = if benching() { 20 } else { 2 };
    let mut empty = app(Store::open_in_memory().unwrap());
    update(&mut empty, Action::Resize(80, 24));
    update(&mut empty, Action::GoTab(Tab::Candidates));
    let mut screen = Screen::new();
    let base = best(runs, || {
        screen.frame(&mut empty, None, true);
    }) * 1e3;

    let mut app = app(Store::open(db).unwrap());
    update(&mut app, Action::Resize(80, 24));
    let t = Instant::now();
    update(&mut app, Action::GoTab(Tab::Candidates));
    let switch = t.elapsed().as_secs_f64() * 1e3;
    let mut screen = Screen::new();
    screen.frame(&mut app, None, false);
    let page = app.screens.candidates.page;
    let mut held = 0;
    let mut press = |app: &mut App, keys: &str| -> Vec<f64> {
        keys.chars()
            .map(|c| {
                let ms = press_key(app, &mut screen, c);
                held = held.max(app.screens.candidates.rows.len());
                ms
            })
            .collect()
    };
    println!(
        "keystroke to frame, Candidates screen at 80x24, {} candidates:",
        app.screens.candidates.total
    );
    println!("  baseline: one full frame of the empty Candidates screen {base:.3} ms");
    println!("  switch to the Candidates tab (count + first window) {switch:.2} ms");
    let report = |what: &str, mut ms: Vec<f64>, app: &App| {
        let n = ms.len();
        let (mean, median, worst) = spread(&mut ms);
        println!(
            "  {what:<34} {n:>4} keys  mean {mean:>6.2} ms ({:>5.1}x)  median {median:>6.2}  worst {worst:>6.2} ms  [{} match{}]",
            mean / base,
            app.screens.candidates.total,
            if app.screens.candidates.more {
                ", more"
            } else {
                ""
            }
        );
    };
    let j = "j".repeat(100);
    let k = "k".repeat(100);
    let down = "\u{2193}".repeat(20);
    let up = "\u{2191}".repeat(20);
    for (what, keys) in [
        ("j", j.as_str()),
        ("PgDn", down.as_str()),
        ("k", k.as_str()),
        ("G (bottom)", "G"),
        ("PgUp from the bottom", up.as_str()),
        ("g (top)", "g"),
    ] {
        let mut all = Vec::new();
        for _ in 0..if keys.len() == 1 { runs } else { 1 } {
            let ms = press(&mut app, keys);
            all.extend(ms);
            if keys == "G" {
                break;
            }
        }
        report(what, all, &app);
    }
    // G once more per run for a steadier figure: back to the top between.
    let mut g = Vec::new();
    for _ in 0..runs {
        g.extend(press(&mut app, "G"));
        press(&mut app, "g");
    }
    report("G (bottom), all runs", g, &app);
    // Typing a search: every key re-counts and re-fetches the window. The person searched for
    // is one in the middle of the table (newest first), wherever the database came from. Each
    // key's line gives its wall time and this thread's CPU time, the fairer figure on a loaded
    // machine.
    let middle = app
        .store
        .candidate_window("", 1, app.screens.candidates.total / 2)
        .unwrap()
        .rows
        .remove(0);
    let (id, name, phone) = (middle.id_number, middle.name, middle.phone);
    let given_name: String = name.chars().skip(1).collect();
    for (what, text) in [
        ("type 王 (over the cap), then 芳", "王芳".to_string()),
        // Two words each matching many people and together nobody: 张伟 and 明 meet only in a
        // name starting 明张伟; 伟 and 明 in 伟明 or 明伟, the given name of many.
        ("type 张伟 明", "张伟 明".to_string()),
        ("type 伟 明", "伟 明".to_string()),
        // A name's start and an ID's start that many share: the name is the rarer of the two.
        (
            "type a name's first two, an ID's four",
            format!("{} {}", name.chars().take(2).collect::<String>(), &id[..4]),
        ),
        ("type a full name", name.clone()),
        ("type a given name (no surname)", given_name),
        ("type 138 + phone digits", phone[..9].to_string()),
        ("type a full ID", id.clone()),
        ("type an ID's last four", id[14..].to_string()),
        ("type a phone's last four", phone[7..].to_string()),
    ] {
        press(&mut app, "/");
        let mut ms = Vec::new();
        let mut each = String::new();
        for c in text.chars() {
            let cpu = common::thread_cpu();
            let t = press(&mut app, &c.to_string())[0];
            let cpu = (common::thread_cpu() - cpu) * 1e3;
            ms.push(t);
            let n = app.screens.candidates.total;
            let more = if app.screens.candidates.more { "+" } else { "" };
            each.push_str(&format!(" {c}:{t:.1}ms(cpu {cpu:.1})/{n}{more}"));
        }
        report(what, ms, &app);
        println!("   {each}");
        let ms = press(&mut app, "\u{232b}\u{232b}");
        report("  then Backspace", ms, &app);
        press(&mut app, "\u{238b}");
    }
    press(&mut app, "/");
    press(&mut app, "王");
    press(&mut app, "\u{23ce}");
    report(
        "j in a dense search's results",
        press(&mut app, &"j".repeat(40)),
        &app,
    );
    report("G in a dense search's results", press(&mut app, "G"), &app);
    println!("  most rows held by the Candidates state after any key: {held} (window {page})");
    assert!(held <= page, "only the visible window is fetched");
}
