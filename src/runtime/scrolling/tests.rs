use std::io::Write;
use std::sync::{Arc, Mutex};

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, List, ListItem, ListState};

use super::ScrollingBackend;
use crate::runtime::sized::SizedBackend;
use crate::runtime::terminal::clear_screen;

const WIDTH: u16 = 40;
const HEIGHT: u16 = 12;

/// A screen like the list panes: a title row, a bordered list with a highlighted row, a
/// footer; `edit` rewrites one row of the data.
fn screen(frame: &mut ratatui::Frame, offset: usize, selected: usize, edit: Option<usize>) {
    let area = frame.area();
    frame.render_widget(Line::from("Products  2,000"), area);
    let items: Vec<ListItem> = (0..200)
        .map(|n| {
            const WORDS: [&str; 7] = ["Lamp", "Chair", "Kettle", "Rug", "Mirror", "Desk", "Vase"];
            let text = if edit == Some(n) {
                format!("edited row {n}")
            } else {
                let (a, b) = (WORDS[n % 7], WORDS[(n / 7) % 7]);
                format!("{a} {b} {n}  SKU-{b}-{a}")
            };
            ListItem::new(text)
        })
        .collect();
    let list = List::new(items)
        .block(Block::default().borders(Borders::ALL))
        .highlight_style(Style::default().bg(Color::Blue));
    let mut state = ListState::default()
        .with_offset(offset)
        .with_selected(Some(selected));
    let body = ratatui::layout::Rect::new(0, 1, area.width, area.height - 2);
    frame.render_stateful_widget(list, body, &mut state);
    let footer = ratatui::layout::Rect::new(0, area.height - 1, area.width, 1);
    frame.render_widget(Line::from(format!("row {selected}")), footer);
}

fn scrolling_terminal() -> Terminal<ScrollingBackend<TestBackend>> {
    let mut terminal =
        Terminal::new(ScrollingBackend::new(TestBackend::new(WIDTH, HEIGHT))).unwrap();
    clear_screen(&mut terminal).unwrap();
    terminal
}

/// What a plain terminal shows after drawing the same frame from scratch.
fn expected(offset: usize, selected: usize, edit: Option<usize>) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    terminal
        .draw(|f| screen(f, offset, selected, edit))
        .unwrap();
    terminal.backend().buffer().clone()
}

#[test]
fn a_list_scrolled_one_row_either_way_shows_what_a_full_redraw_shows() {
    let mut terminal = scrolling_terminal();
    // The cursor on the last visible row (8 rows show), then one row further each way.
    for (offset, selected) in [(0, 7), (1, 8), (2, 9), (1, 8), (0, 0), (5, 5), (4, 4)] {
        terminal
            .draw(|f| screen(f, offset, selected, None))
            .unwrap();
        assert_eq!(
            terminal.backend().inner().buffer(),
            &expected(offset, selected, None),
            "offset {offset}, selected {selected}"
        );
    }
}

/// Records what a terminal receives.
#[derive(Clone, Default)]
struct Sent(Arc<Mutex<Vec<u8>>>);

impl Write for Sent {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sent {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

/// Bytes sent for a step from offset 1 to 2, the cursor on the last of the 8 visible rows.
fn scroll_step_bytes<B: ratatui::backend::Backend>(
    terminal: &mut Terminal<B>,
    sent: &Sent,
) -> Vec<u8> {
    terminal.draw(|f| screen(f, 1, 8, None)).unwrap();
    sent.take();
    terminal.draw(|f| screen(f, 2, 9, None)).unwrap();
    sent.take()
}

#[test]
fn a_one_row_scroll_is_sent_as_a_terminal_scroll_and_the_rows_that_changed() {
    let size = ratatui::layout::Size::new(WIDTH, HEIGHT);
    let sent = Sent::default();
    let inner = CrosstermBackend::new(sent.clone());
    let mut plain = Terminal::new(SizedBackend { inner, size }).unwrap();
    clear_screen(&mut plain).unwrap();
    let full = scroll_step_bytes(&mut plain, &sent);

    let sent = Sent::default();
    let inner = CrosstermBackend::new(sent.clone());
    let mut scrolling = Terminal::new(ScrollingBackend::new(SizedBackend { inner, size })).unwrap();
    clear_screen(&mut scrolling).unwrap();
    let scrolled = scroll_step_bytes(&mut scrolling, &sent);
    let text = String::from_utf8_lossy(&scrolled);
    assert!(text.contains("\x1b[1S"), "scrolls up one row: {text:?}");
    assert!(
        text.contains("Kettle Chair 9"),
        "the new row is sent: {text:?}"
    );
    assert!(
        !text.contains("Vase Lamp 6"),
        "rows already shown are not: {text:?}"
    );
    assert!(
        scrolled.len() * 2 < full.len(),
        "{} bytes scrolled, {} redrawn",
        scrolled.len(),
        full.len()
    );
}

#[test]
fn after_a_resize_or_a_child_program_the_screen_is_drawn_in_full() {
    let mut terminal = scrolling_terminal();
    terminal.draw(|f| screen(f, 0, 0, None)).unwrap();
    terminal.backend_mut().inner.resize(WIDTH, HEIGHT + 2);
    terminal.draw(|f| screen(f, 1, 1, None)).unwrap();
    let mut plain = Terminal::new(TestBackend::new(WIDTH, HEIGHT + 2)).unwrap();
    plain.draw(|f| screen(f, 1, 1, None)).unwrap();
    assert_eq!(
        terminal.backend().inner().buffer(),
        plain.backend().buffer()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the frames (scrolls of any size either way, edits, jumps), the terminal ends
    /// up showing exactly the last frame.
    #[test]
    fn the_screen_always_equals_the_last_frame(
        steps in proptest::collection::vec((0usize..30, 0usize..9, proptest::option::of(0usize..40)), 1..12)
    ) {
        let mut terminal = scrolling_terminal();
        for (offset, row, edit) in steps {
            terminal.draw(|f| screen(f, offset, offset + row, edit)).unwrap();
            prop_assert_eq!(
                terminal.backend().inner().buffer(),
                &expected(offset, offset + row, edit)
            );
        }
    }
}
