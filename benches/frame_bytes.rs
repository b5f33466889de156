//! What reaches the terminal per frame of the Products pane at 100x30: bytes and `write()`
//! calls for a cursor step inside the visible rows and for a step that scrolls the list, with
//! the standard output's own buffering (1 KiB line buffer: the frame leaves in pieces, the
//! end-of-frame marker separately), with `FrameWriter` (the whole frame in one write), and
//! with `ScrollingBackend` on top (rows that moved sent as a terminal scroll).
//!
//! Run: `cargo bench --bench frame_bytes`

use std::cell::Cell;
use std::io::{self, LineWriter, Write};
use std::rc::Rc;

use bctui::app::{Action, AppState, update};
use bctui::runtime::FrameBackend;
use bctui::runtime::scrolling::ScrollingBackend;
use bctui::runtime::sized::SizedBackend;
use bctui::runtime::terminal::FrameWriter;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Size;

mod support;

const STEPS: usize = 200;
/// The terminal the frames are drawn for, whatever terminal the bench runs under.
const SIZE: Size = Size::new(100, 30);

/// Counts what would go to the terminal: (bytes, `write()` calls), shared with the bench.
#[derive(Clone, Default)]
struct Counter(Rc<Cell<(usize, usize)>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let (bytes, writes) = self.0.get();
        self.0.set((bytes + buf.len(), writes + 1));
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Average (bytes, writes) per frame over `STEPS` cursor steps, the cursor first moved to
/// `start`; `keys` gives the key of each step; `frame` draws one frame and returns the
/// counter's totals so far.
fn per_step(
    start: isize,
    keys: impl Fn(usize) -> KeyCode,
    mut frame: impl FnMut(&AppState) -> (usize, usize),
) -> (f64, f64) {
    let mut state = support::products_state(2_000);
    let viewport = state.list_rows();
    state.products.list.move_by(start, viewport);
    let (bytes0, writes0) = frame(&state);
    let mut totals = (bytes0, writes0);
    for step in 0..STEPS {
        let cursor = state.products.list.cursor;
        update(
            &mut state,
            Action::Key(KeyEvent::new(keys(step), KeyModifiers::NONE)),
        );
        assert_ne!(
            cursor, state.products.list.cursor,
            "the cursor moves every step"
        );
        totals = frame(&state);
    }
    let steps = STEPS as f64;
    (
        (totals.0 - bytes0) as f64 / steps,
        (totals.1 - writes0) as f64 / steps,
    )
}

type Frame = Box<dyn FnMut(&AppState) -> (usize, usize)>;
/// Makes a fresh terminal that draws with one kind of output buffering.
type Output = fn() -> Frame;

/// Draws frames as the runner does (synchronized-update markers around each) into `writer`.
fn frames<W: Write + 'static>(writer: W, counter: Counter) -> Frame {
    let inner = CrosstermBackend::new(writer);
    drawn_on(SizedBackend { inner, size: SIZE }, counter)
}

/// Draws frames as the runner does on `backend`, after clearing the screen; each frame
/// returns what `counter` has counted so far.
fn drawn_on<B: FrameBackend + 'static>(backend: B, counter: Counter) -> Frame {
    let mut terminal = Terminal::new(backend).expect("terminal");
    bctui::runtime::terminal::clear_screen(&mut terminal).expect("cleared");
    Box::new(move |state| {
        terminal.backend_mut().begin_frame().expect("begun");
        terminal.draw(|f| bctui::ui::draw(f, state)).expect("drawn");
        terminal.backend_mut().end_frame().expect("ended");
        counter.0.get()
    })
}

/// What the runner had with `CrosstermBackend<Stdout>`: std's stdout is a 1 KiB `LineWriter`.
fn stdout_like() -> Frame {
    let counter = Counter::default();
    frames(LineWriter::new(counter.clone()), counter)
}

/// One write per frame: the frame collects in a `FrameWriter`, sent at its end.
fn frame_writer() -> Frame {
    let counter = Counter::default();
    frames(FrameWriter::new(counter.clone()), counter)
}

/// What the runner has now: one write per frame, and rows that moved sent as a terminal
/// scroll (`ScrollingBackend`).
fn scrolling() -> Frame {
    let counter = Counter::default();
    let inner = CrosstermBackend::new(FrameWriter::new(counter.clone()));
    drawn_on(
        ScrollingBackend::new(SizedBackend { inner, size: SIZE }),
        counter,
    )
}

fn main() {
    println!("Products pane 100x30, 2,000 rows, average per cursor step over {STEPS} steps:");
    let outputs: [(&str, Output); 3] = [
        ("stdout buffering", stdout_like),
        ("FrameWriter", frame_writer),
        ("+ScrollingBackend", scrolling),
    ];
    for (label, output) in outputs {
        // Down and Up in turn near the top: the cursor moves, the list does not scroll.
        let (bytes, writes) = per_step(
            5,
            |step| {
                if step % 2 == 0 {
                    KeyCode::Down
                } else {
                    KeyCode::Up
                }
            },
            output(),
        );
        println!("  {label:<18} step without scrolling: {bytes:7.0} B, {writes:4.1} write() calls");
        // Far down the list the cursor sits on the last visible row: every Down scrolls.
        let (bytes, writes) = per_step(1_000, |_| KeyCode::Down, output());
        println!("  {label:<18} step that scrolls:      {bytes:7.0} B, {writes:4.1} write() calls");
    }
}
