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

/// Takes over the terminal (raw mode, alternate screen, bracketed paste, and
/// mouse capture when asked) and installs the restoring panic hook.
pub fn setup(mouse: bool) -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    install_panic_hook();
    ACTIVE.store(true, Ordering::SeqCst);
    enter()?;
    let mut stdout = io::stdout();
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
        MOUSE_CAPTURED.store(true, Ordering::SeqCst);
    }
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout))?;
    terminal.clear()?;
    Ok(terminal)
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
    #[test]
    fn osc52_wraps_base64_of_the_text() {
        assert_eq!(super::osc52("order 6000"), "\x1b]52;c;b3JkZXIgNjAwMA==\x07");
    }
}
