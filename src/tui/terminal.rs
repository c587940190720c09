//! The console's terminal: what reaches it, and when.
//!
//! Over SSH every byte and every write counts. A frame is collected in memory and sent in one
//! write wrapped in a synchronized update, so the terminal never paints half a frame; a frame
//! identical to the one on screen is not sent at all, so an idle console is silent.

use std::io::{self, Stdout, Write};

use crossterm::cursor::Show;
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, enable_raw_mode,
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

/// Raw mode, the alternate screen, and a panic hook that gives the terminal back first.
/// Call after installing other hooks, so this one runs before them.
pub fn init() -> io::Result<Console> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    Terminal::new(CrosstermBackend::new(FrameWriter::new(io::stdout())))
}

/// Gives the terminal back: ends any synchronized update a dying frame left open, leaves raw
/// mode and the alternate screen, shows the cursor. Safe to call more than once.
pub fn restore() {
    let _ = execute!(io::stdout(), EndSynchronizedUpdate);
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
