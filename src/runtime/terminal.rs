//! Taking over and giving back the terminal: raw mode, alternate screen,
//! optional mouse capture, synchronized frames, and a panic hook that restores
//! the terminal before the panic message is printed.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::layout::{Position, Rect};

use super::scrolling::ScrollingBackend;

/// Whether mouse capture was turned on, so restore turns it off again.
static MOUSE_CAPTURED: AtomicBool = AtomicBool::new(false);
/// Whether the terminal is currently taken over (restore is idempotent).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// A backend whose frames can be bracketed by synchronized-update markers, so
/// the terminal paints each frame at once (no tearing over SSH).
pub trait FrameBackend: Backend {
    /// Called before a frame is drawn.
    fn begin_frame(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// Called after a frame is drawn.
    fn end_frame(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// Asks the terminal to put `text` on the clipboard (OSC 52).
    fn copy_to_clipboard(&mut self, _text: &str) -> io::Result<()> {
        Ok(())
    }
    /// Hands the terminal to a child process (the external editor).
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// Takes the terminal back after [`FrameBackend::suspend`].
    fn resume(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Collects a frame's output and sends it to the terminal in one `write()` at the frame's
/// end: over SSH every write can become a packet. A frame is what lies between the
/// synchronized-update markers [`FrameBackend`] puts around it, so ratatui's own flush after
/// drawing waits for the end marker; outside a frame a flush sends at once.
#[derive(Debug)]
pub struct FrameWriter<W: Write> {
    out: W,
    pending: Vec<u8>,
}

/// `BeginSynchronizedUpdate` and `EndSynchronizedUpdate` as crossterm writes them.
const FRAME_BEGIN: &[u8] = b"\x1b[?2026h";
const FRAME_END: &[u8] = b"\x1b[?2026l";

impl<W: Write> FrameWriter<W> {
    pub fn new(out: W) -> Self {
        FrameWriter {
            out,
            pending: Vec::with_capacity(16 * 1024),
        }
    }

    /// Whether the pending bytes open a frame that has not ended yet.
    fn frame_open(&self) -> bool {
        let Some(begin) = find_last(&self.pending, FRAME_BEGIN) else {
            return false;
        };
        find_last(&self.pending[begin..], FRAME_END).is_none()
    }

    /// The terminal side (for measuring what was sent).
    pub fn get_ref(&self) -> &W {
        &self.out
    }

    fn send(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.out.write_all(&self.pending)?;
            self.pending.clear();
        }
        self.out.flush()
    }
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.frame_open() {
            Ok(())
        } else {
            self.send()
        }
    }
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

impl<W: Write> FrameBackend for CrosstermBackend<W> {
    fn begin_frame(&mut self) -> io::Result<()> {
        queue!(self, BeginSynchronizedUpdate)
    }
    fn end_frame(&mut self) -> io::Result<()> {
        execute!(self, EndSynchronizedUpdate)
    }
    fn copy_to_clipboard(&mut self, text: &str) -> io::Result<()> {
        self.write_all(osc52(text).as_bytes())?;
        Write::flush(self)
    }
    fn suspend(&mut self) -> io::Result<()> {
        if MOUSE_CAPTURED.load(Ordering::SeqCst) {
            execute!(self, DisableMouseCapture)?;
        }
        super::external_editor::suspend_terminal()
    }
    fn resume(&mut self) -> io::Result<()> {
        super::external_editor::resume_terminal()?;
        if MOUSE_CAPTURED.load(Ordering::SeqCst) {
            execute!(self, EnableMouseCapture)?;
        }
        Ok(())
    }
}

/// The OSC 52 sequence that sets the clipboard to `text`. The terminal (not the
/// remote host) does the copying, so it works over SSH; inside tmux it needs
/// `set -g set-clipboard on`.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

impl FrameBackend for TestBackend {}

/// The `Backend` calls a backend wrapping another as `inner` passes straight on: the
/// cursor and flush (a wrapper changes what is drawn, never where the cursor is).
macro_rules! forward_cursor_and_flush {
    () => {
        fn hide_cursor(&mut self) -> Result<(), Self::Error> {
            self.inner.hide_cursor()
        }
        fn show_cursor(&mut self) -> Result<(), Self::Error> {
            self.inner.show_cursor()
        }
        fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
            self.inner.get_cursor_position()
        }
        fn set_cursor_position<P: Into<Position>>(&mut self, to: P) -> Result<(), Self::Error> {
            self.inner.set_cursor_position(to)
        }
        fn flush(&mut self) -> Result<(), Self::Error> {
            self.inner.flush()
        }
    };
}
pub(crate) use forward_cursor_and_flush;

/// The TUI's backend: frames leave in one write each, and a list that scrolls is sent as a
/// terminal scroll plus the rows that came into view.
pub type TuiBackend = ScrollingBackend<CrosstermBackend<FrameWriter<Stdout>>>;

/// Takes over the terminal (raw mode, alternate screen, bracketed paste, and
/// mouse capture when asked) and installs the restoring panic hook.
pub fn setup(mouse: bool) -> io::Result<Terminal<TuiBackend>> {
    install_panic_hook();
    ACTIVE.store(true, Ordering::SeqCst);
    enter()?;
    let mut stdout = io::stdout();
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
        MOUSE_CAPTURED.store(true, Ordering::SeqCst);
    }
    let backend = ScrollingBackend::new(CrosstermBackend::new(FrameWriter::new(stdout)));
    let mut terminal = Terminal::new(backend)?;
    clear_screen(&mut terminal)?;
    Ok(terminal)
}

/// Clears the screen and forgets the last frame, so the next draw paints everything. Unlike
/// `Terminal::clear` it does not ask the terminal where its cursor is: that round trip delays
/// the first frame, and by two seconds on a terminal that never answers.
pub fn clear_screen<B: Backend>(terminal: &mut Terminal<B>) -> Result<(), B::Error> {
    let size = terminal.size()?;
    terminal.resize(Rect::from((Position::ORIGIN, size)))
}

/// Raw mode, alternate screen, bracketed paste, hidden cursor: the TUI's terminal.
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )
}

/// Back to the shell's terminal: main screen, no bracketed paste, cursor shown, cooked
/// mode. (`restore` adds the steps that only matter when bctui exits.)
pub fn leave() -> io::Result<()> {
    execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    )?;
    disable_raw_mode()
}

/// Gives the terminal back. Safe to call more than once and from a panic hook;
/// every step is attempted even if an earlier one fails.
pub fn restore() -> io::Result<()> {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    let mut stdout = io::stdout();
    let mut first_error = None;
    if MOUSE_CAPTURED.swap(false, Ordering::SeqCst)
        && let Err(error) = execute!(stdout, DisableMouseCapture)
    {
        first_error.get_or_insert(error);
    }
    if let Err(error) = execute!(
        stdout,
        EndSynchronizedUpdate,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    ) {
        first_error.get_or_insert(error);
    }
    if let Err(error) = disable_raw_mode() {
        first_error.get_or_insert(error);
    }
    match first_error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The log first: the terminal may be beyond saving, the file is not.
        tracing::error!("panic: {info}");
        if let Err(error) = restore() {
            tracing::error!("could not restore the terminal after a panic: {error}");
        }
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use ratatui::Terminal;
    use ratatui::backend::CrosstermBackend;
    use ratatui::widgets::{Paragraph, Wrap};

    use super::{FrameBackend, FrameWriter};

    /// Records each `write()` the terminal would get.
    #[derive(Default)]
    struct Writes(Vec<Vec<u8>>);

    /// A handle on the record that stays with the test.
    struct Shared(Arc<Mutex<Writes>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let mut writes = self.0.lock().unwrap_or_else(|e| e.into_inner());
            writes.0.push(buf.to_vec());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn clear_screen_blanks_the_screen_and_the_next_draw_paints_everything() {
        let mut terminal = Terminal::new(ratatui::backend::TestBackend::new(20, 3)).unwrap();
        let draw = |terminal: &mut Terminal<ratatui::backend::TestBackend>| {
            terminal
                .draw(|f| f.render_widget(Paragraph::new("orders 6000"), f.area()))
                .unwrap();
        };
        draw(&mut terminal);
        super::clear_screen(&mut terminal).unwrap();
        assert!(!terminal.backend().to_string().contains("orders"));
        draw(&mut terminal);
        assert!(terminal.backend().to_string().contains("orders 6000"));
    }

    #[test]
    fn a_frame_leaves_in_one_write_between_its_markers() {
        let sent = Arc::new(Mutex::new(Writes::default()));
        let backend = CrosstermBackend::new(FrameWriter::new(Shared(sent.clone())));
        let mut terminal = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 100, 30)),
            },
        )
        .unwrap();
        let text = "x".repeat(100 * 30);
        terminal.backend_mut().begin_frame().unwrap();
        terminal
            .draw(|f| {
                let filled = Paragraph::new(text.as_str()).wrap(Wrap { trim: false });
                f.render_widget(filled, f.area())
            })
            .unwrap();
        terminal.backend_mut().end_frame().unwrap();
        let writes = &sent.lock().unwrap_or_else(|e| e.into_inner()).0;
        assert_eq!(writes.len(), 1, "one write() for the frame");
        let frame = String::from_utf8_lossy(&writes[0]);
        assert!(frame.starts_with("\x1b[?2026h"), "{frame:.20}");
        assert!(frame.ends_with("\x1b[?2026l"));
        assert!(frame.matches('x').count() >= 100 * 30);
    }

    #[test]
    fn osc52_wraps_base64_of_the_text() {
        assert_eq!(super::osc52("order 6000"), "\x1b]52;c;b3JkZXIgNjAwMA==\x07");
    }
}
