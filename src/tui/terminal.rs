//! The console's terminal: what reaches it, and when.
//!
//! Over SSH every byte and every write counts. A frame is collected in memory and sent in one
//! write wrapped in a synchronized update, so the terminal never paints half a frame; a frame
//! identical to the one on screen is not sent at all, so an idle console is silent.

use std::io::{self, Stdout, Write};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen, enable_raw_mode,
};
use crossterm::{execute, queue};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::{Frame, Terminal};

/// Collects what the backend writes and sends it on `flush` as one synchronized update.
/// Unflushed bytes are dropped with the writer: after a panic half a frame must not reach the
/// shell the terminal was given back to.
pub struct FrameWriter<W: Write> {
    buf: Vec<u8>,
    out: W,
}

impl<W: Write> FrameWriter<W> {
    pub fn new(out: W) -> Self {
        FrameWriter {
            buf: Vec::with_capacity(16 * 1024),
            out,
        }
    }

    pub fn get_ref(&self) -> &W {
        &self.out
    }
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.buf.is_empty() && !data.is_empty() {
            queue!(self.buf, BeginSynchronizedUpdate)?;
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Nothing written since the last frame: nothing to send, not even a flush.
        if self.buf.is_empty() {
            return Ok(());
        }
        queue!(self.buf, EndSynchronizedUpdate)?;
        let sent = self.out.write_all(&self.buf);
        self.buf.clear();
        sent?;
        self.out.flush()
    }
}

/// The console's terminal on stdout.
pub type Console = Terminal<CrosstermBackend<FrameWriter<Stdout>>>;

/// Raw mode, the alternate screen, bracketed paste, and a panic hook that gives the terminal
/// back first. Call after installing other hooks, so this one runs before them.
///
/// Bracketed paste makes a paste one event: a note pasted from DingTalk with line breaks goes
/// into the field whole instead of arriving as keys whose first Enter would confirm.
pub fn init() -> io::Result<Console> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    Terminal::new(CrosstermBackend::new(FrameWriter::new(io::stdout())))
}

/// Gives the terminal back: ends any synchronized update a dying frame left open, leaves raw
/// mode and the alternate screen, shows the cursor. Safe to call more than once.
pub fn restore() {
    let _ = execute!(io::stdout(), EndSynchronizedUpdate, DisableBracketedPaste);
    ratatui::restore();
    let _ = execute!(io::stdout(), Show);
}

/// Draws one frame with `render` and sends what changed; sends nothing when the frame is
/// the one already on screen. `shown` is that frame (empty before the first). The console never
/// places the terminal cursor, so it stays hidden.
pub fn frame<B: Backend>(
    terminal: &mut Terminal<B>,
    shown: &mut Buffer,
    render: impl FnOnce(&mut Frame),
) -> Result<(), B::Error> {
    terminal.autoresize()?;
    render(&mut terminal.get_frame());
    if *terminal.current_buffer_mut() == *shown {
        // Still swap: the next frame must be drawn on a reset buffer.
        terminal.swap_buffers();
        return Ok(());
    }
    let done = terminal.apply_buffer()?;
    shown.clone_from(done.buffer);
    Ok(())
}

/// Hands the terminal to a ZMODEM transfer: the normal screen, the cursor shown, no bracketed
/// paste. Raw mode stays: the transfer needs every byte as it is.
pub fn suspend() -> io::Result<()> {
    execute!(
        io::stdout(),
        EndSynchronizedUpdate,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    )
}

/// Takes the terminal back after [`suspend`], whatever the transfer did to it: raw mode again,
/// the alternate screen, bracketed paste, the cursor hidden, and the next frame drawn whole.
pub fn resume<B: Backend>(terminal: &mut Terminal<B>, shown: &mut Buffer) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        Hide,
        Clear(ClearType::All)
    )?;
    // Not `Terminal::clear`: it asks the terminal where its cursor is and waits for the answer,
    // a round trip over SSH that a terminal still busy with ZMODEM may never give. Two swaps
    // leave both of ratatui's buffers blank, so the next frame is drawn whole on the cleared
    // screen.
    terminal.swap_buffers();
    terminal.swap_buffers();
    *shown = Buffer::default();
    Ok(())
}

/// Sends bytes that are not part of a frame (an OSC 52 clipboard write) through the frame's own
/// write path, so they never land in the middle of a frame.
pub fn send_raw<W: Write>(
    terminal: &mut Terminal<CrosstermBackend<W>>,
    bytes: &[u8],
) -> io::Result<()> {
    let w = terminal.backend_mut();
    w.write_all(bytes)?;
    Write::flush(w)
}
