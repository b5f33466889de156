//! How long a frame of the Products pane takes with 100 and with 100,000 loaded rows,
//! while scrolling. Only visible rows are built, so the two figures should match.
//! Both cases do the same work: the cursor goes up and down over the list's last 100 rows,
//! one row per frame, so every frame of either case moves the cursor the same way.
//!
//! Run: `cargo bench --bench render`

use std::time::Instant;

use bctui::app::{Action, update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod support;

const FRAMES: u32 = 400;

/// Average microseconds per frame: one cursor step through `update`, then a full draw.
fn scroll_and_draw(rows: u64) -> f64 {
    let mut state = support::products_state(rows);
    // The last 100 rows, where a naive renderer would pay the most; the cursor starts on
    // the last one and turns at either end.
    let last = rows as usize - 1;
    let first = last.saturating_sub(99);
    state
        .products
        .list
        .move_by(last as isize, state.list_rows());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let mut key = KeyCode::Up;
    let mut turns = 0;
    let started = Instant::now();
    for _ in 0..FRAMES {
        update(
            &mut state,
            Action::Key(KeyEvent::new(key, KeyModifiers::NONE)),
        );
        terminal
            .draw(|frame| bctui::ui::draw(frame, &state))
            .expect("draw");
        let cursor = state.products.list.cursor;
        if cursor == first && key == KeyCode::Up {
            key = KeyCode::Down;
            turns += 1;
        } else if cursor == last && key == KeyCode::Down {
            key = KeyCode::Up;
            turns += 1;
        }
    }
    let micros = started.elapsed().as_secs_f64() * 1e6 / f64::from(FRAMES);
    // 400 steps over 100 rows turn four times: the cursor really moved every frame.
    assert!(
        turns >= 3,
        "the cursor did not travel the list ({turns} turns)"
    );
    micros
}

fn main() {
    println!("Products pane, 100x30, {FRAMES} frames of scroll + draw each:");
    for rows in [100, 100_000] {
        // Warm up once so allocation of the first frame is not counted.
        scroll_and_draw(rows);
        let micros = scroll_and_draw(rows);
        println!("  {rows:>7} rows loaded: {micros:8.1} µs per frame");
    }
}
