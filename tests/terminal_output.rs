//! What the console sends to its terminal, as an SSH user receives it: each frame in a single
//! write wrapped in a synchronized update (never half a frame on screen), and nothing at all
//! while nothing changes.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use kaowu::domain::time;
use kaowu::i18n::Lang;
use kaowu::store::{Actor, Store};
use kaowu::tui::terminal::{FrameWriter, frame};
use kaowu::tui::{Action, App, Tab, Theme, draw, update};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
const END_SYNC: &[u8] = b"\x1b[?2026l";

/// The terminal's side of the wire: every write call as it arrived.
#[derive(Clone, Default)]
struct Wire(Rc<RefCell<Vec<Vec<u8>>>>);

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().push(buf.to_vec());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Wire {
    fn take(&self) -> Vec<Vec<u8>> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

struct Console {
    app: App,
    terminal: Terminal<CrosstermBackend<FrameWriter<Wire>>>,
    shown: Buffer,
    wire: Wire,
}

impl Console {
    fn new() -> Console {
        let wire = Wire::default();
        let backend = CrosstermBackend::new(FrameWriter::new(wire.clone()));
        let terminal = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
            },
        )
        .unwrap();
        let mut app = App::new(
            Store::open_in_memory().unwrap(),
            Lang::Zh,
            time::parse_time("2021-11-20 10:00").unwrap(),
            true,
            Actor("金贝".into()),
            Theme { color: true },
        );
        update(&mut app, Action::Resize(80, 24));
        Console {
            app,
            terminal,
            shown: Buffer::default(),
            wire,
        }
    }

    /// Draws a frame the way the run loop does and returns the writes the terminal received.
    fn frame(&mut self) -> Vec<Vec<u8>> {
        let app = &self.app;
        frame(&mut self.terminal, &mut self.shown, |f| draw(f, app)).unwrap();
        self.wire.take()
    }
}

fn one_synchronized_write(writes: &[Vec<u8>]) {
    assert_eq!(writes.len(), 1, "one write per frame");
    let w = &writes[0];
    assert!(
        w.starts_with(BEGIN_SYNC),
        "{:?}",
        String::from_utf8_lossy(w)
    );
    assert!(w.ends_with(END_SYNC), "{:?}", String::from_utf8_lossy(w));
    let inner = &w[BEGIN_SYNC.len()..w.len() - END_SYNC.len()];
    assert!(
        !inner.windows(END_SYNC.len()).any(|x| x == END_SYNC),
        "the update is not ended half-way"
    );
}

#[test]
fn each_frame_reaches_the_terminal_in_one_synchronized_write() {
    let mut c = Console::new();
    one_synchronized_write(&c.frame());
    for tab in [Tab::Sites, Tab::Audit, Tab::Candidates] {
        update(&mut c.app, Action::GoTab(tab));
        one_synchronized_write(&c.frame());
    }
}

#[test]
fn an_idle_console_sends_nothing() {
    let mut c = Console::new();
    assert!(!c.frame().is_empty());
    for _ in 0..5 {
        // What an idle loop does between keys: a tick and a redraw of the same state.
        update(&mut c.app, Action::Tick);
        assert_eq!(c.frame(), Vec::<Vec<u8>>::new());
    }
    // And a change after the silence is still drawn.
    update(&mut c.app, Action::GoTab(Tab::Audit));
    one_synchronized_write(&c.frame());
}
