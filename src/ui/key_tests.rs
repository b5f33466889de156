//! The footer and the `?` help read the one key table: the footer keeps a
//! view's main actions at every width, the help starts with the view in focus,
//! and `:log` scrolls to its newest entries.

use chrono::{FixedOffset, TimeZone};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::tests::{loaded_state, render, snapshot_tab};
use crate::app::edit::Overlay;
use crate::app::edit::log::LogRow;
use crate::app::{Action, AppState, Mode, Tab, update};

fn footer(state: &AppState, width: u16, height: u16) -> String {
    let terminal = render(state, width, height);
    let buffer = terminal.backend().buffer();
    (0..width)
        .map(|x| buffer[(x, height - 1)].symbol().to_string())
        .collect()
}

fn screen(state: &AppState, width: u16, height: u16) -> String {
    let terminal = render(state, width, height);
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn key(state: &mut AppState, code: KeyCode) {
    update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn orders_footer_keeps_status_and_ship_at_80_columns() {
    let mut state = loaded_state((80, 24));
    state.tab = Tab::Orders;
    let line = footer(&state, 80, 24);
    for entry in ["s set status", "t ship", "n notes", "? help"] {
        assert!(line.contains(entry), "{entry:?} missing from {line:?}");
    }
}

#[test]
fn products_footer_shows_create_undo_and_bulk_when_they_apply() {
    let mut state = loaded_state((100, 30));
    let line = footer(&state, 100, 30);
    for entry in ["p price", "c create", "u undo", "? help"] {
        assert!(line.contains(entry), "{entry:?} missing from {line:?}");
    }
    assert!(!line.contains("B bulk"), "no marks, no bulk: {line:?}");

    state.size = (80, 24);
    key(&mut state, KeyCode::Char('*'));
    let line = footer(&state, 80, 24);
    assert!(line.contains("B bulk price"), "marks offer bulk: {line:?}");
}

#[test]
fn help_starts_with_the_view_in_focus() {
    let mut state = loaded_state((100, 30));
    state.tab = Tab::Orders;
    state.mode = Mode::Help { scroll: 0 };
    let text = screen(&state, 100, 30);
    let focus = text.find("Orders (this view)").expect("the focus heading");
    let set_status = text.find("Change the order's status").unwrap_or(usize::MAX);
    let navigation = text.find("Navigation").unwrap_or(usize::MAX);
    assert!(focus < set_status, "orders keys follow their heading");
    assert!(
        set_status < navigation,
        "orders keys come before navigation"
    );
    assert!(!text.contains("Products (this view)"));

    snapshot_tab(Tab::Orders, "help", |size| {
        let mut state = loaded_state(size);
        state.mode = Mode::Help { scroll: 0 };
        state
    });
}

#[test]
fn write_log_scrolls_to_its_newest_entries() {
    let mut state = loaded_state((80, 24));
    let time = FixedOffset::east_opt(0)
        .and_then(|zone| zone.with_ymd_and_hms(2025, 3, 4, 10, 0, 0).single())
        .expect("a valid time");
    for id in 1..=60u64 {
        let row = LogRow {
            id,
            subject: format!("#{id} Board"),
            field: "Price".to_string(),
            old: "1.00".to_string(),
            new: "2.00".to_string(),
        };
        state.edit.log.start(id, vec![row], time);
    }
    key(&mut state, KeyCode::Char(':'));
    for c in "log".chars() {
        key(&mut state, KeyCode::Char(c));
    }
    key(&mut state, KeyCode::Enter);
    let scroll = |state: &AppState| match &state.edit.overlay {
        Some(Overlay::Report(report)) => report.scroll,
        other => panic!("expected the log, got {other:?}"),
    };
    assert_eq!(scroll(&state), 0);
    assert!(!screen(&state, 80, 24).contains("#60 Board"));

    key(&mut state, KeyCode::Char('G'));
    let last = 60 - state.report_rows() as u16;
    assert_eq!(scroll(&state), last, "G stops at the last screenful");
    let text = screen(&state, 80, 24);
    assert!(text.contains("#60 Board"), "the newest entry is on screen");
    assert!(!text.contains("#1 Board "), "the oldest is scrolled away");

    key(&mut state, KeyCode::Char('k'));
    assert_eq!(
        scroll(&state),
        last - 1,
        "one step up from the end moves at once"
    );
    key(&mut state, KeyCode::PageUp);
    assert_eq!(scroll(&state), last - 1 - state.report_rows() as u16);
    key(&mut state, KeyCode::Char('g'));
    assert_eq!(scroll(&state), 0);
    key(&mut state, KeyCode::PageDown);
    assert_eq!(scroll(&state), state.report_rows() as u16);
    key(&mut state, KeyCode::End);
    assert_eq!(scroll(&state), last);
}

#[test]
fn the_footer_shows_remapped_keys() {
    let config = crate::config::Config::parse("[keys]\nquit = \"Q\"\n\"orders.ship\" = \"S\"\n")
        .expect("valid toml");
    let mut state = loaded_state((100, 30));
    state.tab = Tab::Orders;
    state.keymap = crate::app::keymap::KeyMap::build(&config.key_bindings()).expect("no clash");
    let line = footer(&state, 100, 30);
    assert!(
        line.contains("Q quit") && line.contains("S ship"),
        "{line:?}"
    );
    assert!(
        !line.contains("q quit") && !line.contains("t ship"),
        "{line:?}"
    );
}

#[test]
fn theme_colours_apply_and_no_color_wins() {
    use ratatui::style::Color;
    let mut state = loaded_state((80, 24));
    state.colors = crate::config::ThemeColors {
        colors: vec![("key", Color::LightGreen)],
    };
    let colours = |state: &AppState| {
        let terminal = render(state, 80, 24);
        terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|cell| cell.fg)
            .collect::<Vec<_>>()
    };
    let themed = colours(&state);
    assert!(themed.contains(&Color::LightGreen), "keys in the footer");
    state.monochrome = true;
    let plain = colours(&state);
    assert!(
        plain.iter().all(|fg| *fg == Color::Reset),
        "NO_COLOR: no colour at all"
    );
}
