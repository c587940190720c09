//! The console: a keyboard-driven ratatui app over the same store the CLI uses.
//!
//! Keys → [`Action`] through the one [`Keymap`] → [`update`] → state → [`draw()`](draw::draw).
//! The terminal is restored on every way out: normal exit, panic (the hook of [`terminal::init`]), SIGTERM and
//! SIGHUP, and a terminal that went away (read errors) ends the process instead of spinning.
//! Below [`MIN_WIDTH`]x[`MIN_HEIGHT`] the console shows a "terminal too small" message.

pub mod action;
pub mod app;
pub mod desktop;
pub mod draw;
pub mod keymap;
pub mod presence;
pub mod roles;
pub mod screen;
pub mod screens;
pub mod terminal;
pub mod theme;
mod update;
pub mod widgets;

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGTERM};

pub use action::{Action, Effect, PendingAction};
pub use app::{App, Modal, Tab};
pub use draw::{MIN_HEIGHT, MIN_WIDTH, draw};
pub use keymap::{Keymap, Mode};
pub use theme::Theme;
pub use update::update;

use crate::context::{Ctx, Failure, Outcome};
use crate::i18n::Lang;
use crate::store::Store;

/// How long the loop waits for a key before checking the signal flags again.
const TICK: Duration = Duration::from_millis(250);
/// Without `--at`, how often the countdowns are brought up to the clock.
const CLOCK: Duration = Duration::from_secs(30);
/// After SIGTERM/SIGHUP the loop gets this long to leave cleanly; then the signal thread
/// restores the terminal and exits itself (the loop may be stuck reading a dead terminal).
const GRACE: Duration = Duration::from_millis(750);
/// A loop that has not come round for this many watcher ticks (30 s) is stuck on a terminal
/// that went away. Counted in the watcher's own ticks, not wall time, so a process stopped
/// and continued by job control is not mistaken for a stuck one.
const STUCK_TICKS: u32 = 120;

/// Runs the console on the database of `ctx` until the user quits or the terminal goes away.
pub fn run(ctx: &Ctx) -> Result<Outcome> {
    // Before opening the database: a script that ran `kaowu` by mistake must not create one.
    need_terminal(ctx.lang)?;
    run_with(ctx, ctx.store()?)
}

/// Runs the console on an already opened store (e.g. a demo database).
pub fn run_with(ctx: &Ctx, store: Store) -> Result<Outcome> {
    need_terminal(ctx.lang)?;
    let mut app = App::new(
        store,
        ctx.lang,
        ctx.at,
        ctx.at_given,
        ctx.actor.clone(),
        Theme::from_env(),
    );
    start(&mut app);
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [SIGTERM, SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let heartbeat = Arc::new(AtomicU64::new(0));
    watch(Arc::clone(&stop), Arc::clone(&heartbeat))?;
    // After our handlers, so the console's panic hook restores the terminal first.
    let mut terminal = match terminal::init() {
        Ok(t) => t,
        Err(e) => {
            terminal::restore();
            return Err(no_terminal(ctx.lang, &e.to_string()));
        }
    };
    let out = event_loop(&mut terminal, &mut app, &stop, &heartbeat);
    terminal::restore();
    app.watch.leave(&mut app.store);
    out.map(|_| Outcome::Clean)
}

/// What the console does once, before the first key: files copied into the inbox while
/// nobody was looking are picked up. Nothing it finds opens a pop-up: the first key typed is
/// meant for the screen.
pub fn start(app: &mut App) {
    // The inbox exists from the first start, so the folder the Overview names is there to
    // copy files into. A failure is said, not fatal: the console works without it.
    if let Err(e) = std::fs::create_dir_all(&app.inbox) {
        let text = app.lang.fill(
            &crate::i18n::triage::INBOX_UNREADABLE,
            &[("dir", &app.inbox.display()), ("error", &e)],
        );
        app.fail(text);
        return;
    }
    // Picked up only by someone who may import.
    if app.roles.grant(crate::domain::staff::Role::Triage) {
        screens::submissions::update::scan_inbox(app, false);
    }
}

fn no_terminal(l: Lang, detail: &str) -> anyhow::Error {
    Failure::new(l.fill(&crate::i18n::tui::NO_TERMINAL, &[("error", &detail)]))
        .hint(l.t(&crate::i18n::tui::NO_TERMINAL_HINT))
        .into()
}

fn need_terminal(l: Lang) -> Result<()> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(no_terminal(l, "stdin/stdout"))
    }
}

/// Draws only when something may have changed: a key or resize, a clock update, a worker
/// running, another writer's commit. Even then a frame equal to the screen sends nothing
/// ([`terminal::frame`]), so an idle console is silent on the wire.
fn event_loop(
    terminal: &mut terminal::Console,
    app: &mut App,
    stop: &AtomicBool,
    heartbeat: &AtomicU64,
) -> Result<()> {
    if let Ok(size) = terminal.size() {
        update(app, Action::Resize(size.width, size.height));
    }
    let mut clock = Instant::now();
    let mut shown = ratatui::buffer::Buffer::default();
    let mut changed = true;
    loop {
        heartbeat.fetch_add(1, Ordering::Relaxed);
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if !app.at_given && clock.elapsed() >= CLOCK {
            clock = Instant::now();
            update(app, Action::Clock(crate::domain::time::now()));
            changed = true;
        }
        // Workers (imports, photo checks) report progress; the gauge moves between keys.
        let was_working = working(app);
        update(app, Action::Tick);
        changed |= was_working || working(app);
        changed |= notice_others(app);
        changed |= app.sync_presence();
        if changed {
            terminal::frame(terminal, &mut shown, |f| draw(f, app))?;
            changed = false;
        }
        // What a key (or a finished export) asked of the desktop, after the frame it changed.
        if let Some(text) = app.clipboard.take() {
            desktop::copy(terminal, &text)?;
        }
        if let Some(job) = app.transfer.take() {
            let done = desktop::run(
                terminal, &mut shown, app.lang, &app.inbox, &job, stop, heartbeat,
            );
            update(app, Action::Transferred(done));
            changed = true;
            continue;
        }
        panic_for_tests();
        // A read error means the terminal is gone (dropped SSH): leave, do not spin.
        let Ok(ready) = event::poll(TICK) else {
            return Ok(());
        };
        if !ready {
            continue;
        }
        let Ok(ev) = event::read() else {
            return Ok(());
        };
        let effect = match ev {
            Event::Key(k) => {
                changed = true;
                stop_if_disabled(app)?;
                key(app, k)
            }
            Event::Paste(text) => {
                changed = true;
                stop_if_disabled(app)?;
                update(app, Action::Paste(text))
            }
            Event::Resize(w, h) => {
                changed = true;
                update(app, Action::Resize(w, h))
            }
            _ => None,
        };
        if effect == Some(Effect::Quit) {
            return Ok(());
        }
    }
}

/// One key from the terminal, resolved in the mode the console is in when it comes.
///
/// The console binds no Alt key. Over a slow link an Esc and the key typed right after it
/// arrive in one read, and crossterm reports them as Alt+key (that is how terminals send
/// Alt). So an Alt+key is taken for what the user typed: Esc, then the key, each in the mode
/// of its moment (the Esc may close a pop-up the key is not meant for).
pub fn key(app: &mut App, ev: event::KeyEvent) -> Option<Effect> {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let keys = if ev.modifiers.contains(KeyModifiers::ALT) && ev.code != KeyCode::Esc {
        let esc = KeyEvent::new_with_kind(KeyCode::Esc, KeyModifiers::NONE, ev.kind);
        let mut plain = ev;
        plain.modifiers.remove(KeyModifiers::ALT);
        vec![esc, plain]
    } else {
        vec![ev]
    };
    for k in keys {
        if let Some(a) = resolve_key(app, &k)
            && update(app, a) == Some(Effect::Quit)
        {
            return Some(Effect::Quit);
        }
    }
    None
}

/// A key as the keymap reads it, but for one case: an Enter in a note that arrives with more
/// input already waiting is part of a paste from a terminal without bracketed paste (keys typed
/// by hand never come that fast), so it is a line break, never a confirm.
fn resolve_key(app: &App, k: &event::KeyEvent) -> Option<Action> {
    let mode = app.mode();
    let note = matches!(mode, Mode::Confirm { text: true, .. });
    if note
        && k.code == event::KeyCode::Enter
        && k.kind != event::KeyEventKind::Release
        && event::poll(Duration::ZERO).unwrap_or(false)
    {
        return Some(Action::NewLine);
    }
    app.keymap.resolve(mode, k)
}

/// A person disabled (or taken off the staff list) while their console is open: it stops at
/// their next action, saying why.
fn stop_if_disabled(app: &App) -> Result<()> {
    match app.store.seat_denied() {
        Ok(Some(_)) => Err(Failure::new(app.lang.fill(
            &crate::i18n::staff::CONSOLE_STOPPED,
            &[("name", &app.actor.0)],
        ))
        .into()),
        _ => Ok(()),
    }
}

/// An import, a return or a photo check is running: its progress changes the screen between
/// keys.
fn working(app: &App) -> bool {
    app.imports.running.is_some()
        || app.returns.is_busy()
        || app
            .modals
            .iter()
            .any(|m| matches!(m, Modal::Photos(p) if p.is_running()))
}

/// Reloads the screens when another console or a command-line run has committed since they
/// were loaded. Costs one pragma when nothing changed, so the loop calls it every tick.
/// Returns whether it reloaded.
pub fn notice_others(app: &mut App) -> bool {
    let Ok(now) = app.store.data_version() else {
        return false;
    };
    if app.data_version == Some(now) {
        return false;
    }
    app.data_version = Some(now);
    update(app, Action::DataChanged);
    true
}

/// Debug builds only: `KAOWU_TEST_PANIC=1` panics after the first frame, so tests/terminal.rs
/// can prove a panic gives the terminal back. Release builds never read the variable.
fn panic_for_tests() {
    #[cfg(debug_assertions)]
    if std::env::var_os("KAOWU_TEST_PANIC").is_some() {
        panic!("KAOWU_TEST_PANIC: a panic on purpose, to test the terminal is restored");
    }
}

/// The safety net: on SIGTERM/SIGHUP, or when the loop stops coming round (crossterm can spin
/// inside `poll` on a hung-up terminal), restore the terminal and end the process.
fn watch(stop: Arc<AtomicBool>, heartbeat: Arc<AtomicU64>) -> Result<()> {
    std::thread::Builder::new()
        .name("kaowu-watch".into())
        .spawn(move || {
            let mut last = heartbeat.load(Ordering::Relaxed);
            let mut stale = 0u32;
            let mut stop_seen: Option<Instant> = None;
            loop {
                std::thread::sleep(TICK);
                let beat = heartbeat.load(Ordering::Relaxed);
                stale = if beat == last { stale + 1 } else { 0 };
                last = beat;
                if stop.load(Ordering::Relaxed) {
                    let since = *stop_seen.get_or_insert_with(Instant::now);
                    if since.elapsed() < GRACE {
                        continue;
                    }
                } else if stale < STUCK_TICKS {
                    continue;
                }
                terminal::restore();
                std::process::exit(if stop_seen.is_some() { 143 } else { 2 });
            }
        })?;
    Ok(())
}
