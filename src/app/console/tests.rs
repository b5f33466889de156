//! The console's update logic driven with keys and results, no runtime.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{ConsoleEffect, ConsoleEvent, ConsoleMode, HistoryEntry, HttpMethod};
use crate::app::{Action, AppState, Effect, Mode, Tab, update};

fn state(read_only: bool) -> AppState {
    let mut state = AppState::for_tests("demo", "me@here", read_only);
    state.tab = Tab::Console;
    state
}

fn key(state: &mut AppState, code: KeyCode) -> Vec<Effect> {
    update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(state: &mut AppState, c: char) -> Vec<Effect> {
    update(
        state,
        Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

fn typed(state: &mut AppState, text: &str) {
    for c in text.chars() {
        key(state, KeyCode::Char(c));
    }
}

/// `i` and `path` typed into the path line.
fn type_path(state: &mut AppState, path: &str) {
    key(state, KeyCode::Char('i'));
    typed(state, path);
}

/// `path` typed and sent with Enter; returns the request's number.
fn send(state: &mut AppState, path: &str) -> u64 {
    type_path(state, path);
    let effects = key(state, KeyCode::Enter);
    match &effects[..] {
        [Effect::Console(ConsoleEffect::Send { request, .. })] => *request,
        other => panic!("{other:?}"),
    }
}

/// The store's answer `status` with `body` to request `request`, `elapsed_ms` after it left.
fn answer(
    state: &mut AppState,
    request: u64,
    status: u16,
    body: std::sync::Arc<Vec<u8>>,
    elapsed_ms: u64,
) -> Vec<Effect> {
    update(
        state,
        Action::Console(ConsoleEvent::Response {
            request,
            sent_at: crate::clock::test_anchor(),
            base_url: "http://127.0.0.1:1/stores/x".into(),
            result: Ok(super::ConsoleResponse {
                status,
                headers: Vec::new(),
                body,
                elapsed: std::time::Duration::from_millis(elapsed_ms),
            }),
        }),
    )
}

fn sends(effects: &[Effect]) -> Vec<(HttpMethod, String, Option<String>)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Console(ConsoleEffect::Send {
                method, path, body, ..
            }) => Some((*method, path.clone(), body.clone())),
            _ => None,
        })
        .collect()
}

fn entry(method: &str, path: &str) -> HistoryEntry {
    HistoryEntry {
        time: crate::clock::test_anchor(),
        method: method.into(),
        path: path.into(),
        body: None,
        status: Some(200),
        elapsed_ms: Some(5),
    }
}

#[test]
fn a_placeholder_is_typed_over_and_must_be_filled() {
    let mut s = state(false);
    type_path(&mut s, "/v3/catalog/products/{product_id}/images");
    // Sending with a placeholder left selects it instead.
    let effects = key(&mut s, KeyCode::Enter);
    assert!(sends(&effects).is_empty());
    assert_eq!(s.console.selection, Some((21, 33)));
    typed(&mut s, "42");
    assert_eq!(s.console.path.value(), "/v3/catalog/products/42/images");
    let effects = ctrl(&mut s, 's');
    assert_eq!(
        sends(&effects),
        vec![(
            HttpMethod::Get,
            "/v3/catalog/products/42/images".into(),
            None
        )]
    );
    // One request at a time.
    assert!(sends(&key(&mut s, KeyCode::F(5))).is_empty());
}

#[test]
fn backspace_deletes_the_selected_placeholder() {
    let mut s = state(false);
    type_path(&mut s, "/v2/orders/{order_id}");
    key(&mut s, KeyCode::Tab);
    assert_eq!(s.console.selection, Some((11, 21)));
    key(&mut s, KeyCode::Backspace);
    assert_eq!(s.console.path.value(), "/v2/orders/");
    assert_eq!(s.console.selection, None);
}

#[test]
fn arrows_move_in_the_completion_list_and_esc_closes_it() {
    let mut s = state(false);
    type_path(&mut s, "/v2/ord");
    key(&mut s, KeyCode::Tab);
    let first = s.console.path.value().to_string();
    key(&mut s, KeyCode::Down);
    assert_eq!(s.console.completion.as_ref().map(|c| c.index), Some(1));
    assert_ne!(s.console.path.value(), first);
    key(&mut s, KeyCode::Esc);
    assert!(s.console.completion.is_none());
    assert_eq!(s.mode, Mode::Console(ConsoleMode::Path));
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn invalid_json_is_not_sent_and_points_at_the_error() {
    let mut s = state(false);
    key(&mut s, KeyCode::Char('m'));
    type_path(&mut s, "/v3/catalog/products");
    key(&mut s, KeyCode::Esc);
    key(&mut s, KeyCode::Char('b'));
    typed(&mut s, "{\"name\" \"x\"}");
    let effects = ctrl(&mut s, 's');
    assert!(sends(&effects).is_empty());
    assert_eq!(
        s.console.body_error.as_deref(),
        Some("Body is not valid JSON: line 1, column 9: expected `:`")
    );
    assert_eq!(s.console.body.cursor(), (0usize, 8usize));
}

#[test]
fn writes_are_refused_in_read_only_mode_and_delete_asks_first() {
    let mut ro = state(true);
    key(&mut ro, KeyCode::Char('m'));
    type_path(&mut ro, "/v3/catalog/products");
    assert!(sends(&ctrl(&mut ro, 's')).is_empty());
    assert!(
        ro.console
            .error
            .as_deref()
            .is_some_and(|e| e.contains("read-only mode; POST refused"))
    );

    let mut s = state(false);
    for _ in 0..3 {
        key(&mut s, KeyCode::Char('m'));
    }
    assert_eq!(s.console.method, HttpMethod::Delete);
    type_path(&mut s, "/v3/catalog/products/7");
    assert!(sends(&ctrl(&mut s, 's')).is_empty());
    assert_eq!(s.mode, Mode::Console(ConsoleMode::ConfirmDelete));
    // Anything but y cancels.
    assert!(sends(&key(&mut s, KeyCode::Enter)).is_empty());
    assert_eq!(s.mode, Mode::Normal);
    ctrl(&mut s, 's');
    let effects = key(&mut s, KeyCode::Char('y'));
    assert_eq!(
        sends(&effects),
        vec![(HttpMethod::Delete, "/v3/catalog/products/7".into(), None)]
    );
}

#[test]
fn history_walk_skips_repeats_and_returns_to_the_draft() {
    let mut s = state(false);
    update(
        &mut s,
        Action::Console(ConsoleEvent::HistoryLoaded(Ok(vec![
            entry("GET", "/v2/orders"),
            entry("POST", "/v3/catalog/products"),
            entry("POST", "/v3/catalog/products"),
        ]))),
    );
    type_path(&mut s, "/v3/draft");
    key(&mut s, KeyCode::Up);
    assert_eq!(s.console.path.value(), "/v3/catalog/products");
    assert_eq!(s.console.method, HttpMethod::Post);
    key(&mut s, KeyCode::Up);
    assert_eq!(s.console.path.value(), "/v2/orders");
    assert_eq!(s.console.method, HttpMethod::Get);
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Down);
    assert_eq!(s.console.path.value(), "/v3/draft");
    assert_eq!(s.console.method, HttpMethod::Get);
}

#[test]
fn a_response_is_recorded_in_the_history() {
    let mut s = state(false);
    let request = send(&mut s, "/v2/orders?limit=1");
    let effects = answer(&mut s, request, 204, Default::default(), 3);
    let appended: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Console(ConsoleEffect::AppendHistory { entry, .. }) => Some(entry.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(appended.len(), 1);
    assert_eq!(appended[0].path, "/v2/orders?limit=1");
    assert_eq!(appended[0].status, Some(204));
    assert!(s.console.is_busy(), "formatting is pending");
}

/// A state showing `body` as the answer to a GET.
fn showing(body: &str) -> AppState {
    let mut s = state(false);
    s.size = (60, 24);
    let request = send(&mut s, "/v3/x");
    let body = std::sync::Arc::new(body.as_bytes().to_vec());
    answer(&mut s, request, 200, body.clone(), 3);
    let view = super::pretty::format_body(&body, super::pretty::VIEW_CAP);
    update(
        &mut s,
        Action::Console(ConsoleEvent::Formatted { request, view }),
    );
    key(&mut s, KeyCode::Esc);
    s
}

#[test]
fn long_lines_scroll_sideways_and_search_follows_the_match() {
    let long = format!("{}needle", "x".repeat(200));
    let mut s = showing(&format!("{{\"a\": \"{long}\", \"b\": \"needle\"}}"));
    assert_eq!(s.mode, Mode::Normal);
    key(&mut s, KeyCode::Char('l'));
    key(&mut s, KeyCode::Right);
    assert_eq!(s.console.hscroll, 16);
    key(&mut s, KeyCode::Char('h'));
    assert_eq!(s.console.hscroll, 8);
    key(&mut s, KeyCode::Char('/'));
    typed(&mut s, "needle");
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.console.search.matches.len(), 2);
    // The first match sits at column 210 of line 1: the view slides to it.
    assert!(s.console.hscroll > 150, "{}", s.console.hscroll);
    key(&mut s, KeyCode::Char('n'));
    assert_eq!(s.console.search.current, 1);
    assert!(s.console.hscroll < 10, "{}", s.console.hscroll);
}

#[test]
fn esc_stops_waiting_but_the_history_still_records_the_request() {
    let mut s = state(false);
    let request = send(&mut s, "/v2/orders");
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.mode, Mode::Normal);
    key(&mut s, KeyCode::Esc);
    assert!(s.console.in_flight.is_none());
    // A new request may go at once.
    type_path(&mut s, "?limit=1");
    let effects = key(&mut s, KeyCode::Enter);
    assert_eq!(sends(&effects).len(), 1);
    // The late answer is recorded, not shown.
    let effects = answer(&mut s, request, 200, Default::default(), 30_000);
    assert!(matches!(
        &effects[..],
        [Effect::Console(ConsoleEffect::AppendHistory { entry, .. })] if entry.path == "/v2/orders"
    ));
    assert!(s.console.response.is_none());
    assert!(s.console.in_flight.is_some());
}

#[test]
fn typing_modes_bind_no_plain_letters() {
    // Letters typed into the path or body must reach the input.
    for command in super::key_table::CONSOLE_COMMANDS {
        let typing = command.modes.iter().any(|m| {
            matches!(
                m,
                crate::app::keys::ModeKind::Console(
                    ConsoleMode::Path | ConsoleMode::Body | ConsoleMode::Search
                )
            )
        });
        if typing {
            assert!(
                command
                    .keys
                    .iter()
                    .all(|k| !matches!(k.code, KeyCode::Char(_))
                        || k.mods == KeyModifiers::CONTROL),
                "{} binds a letter while typing",
                command.name
            );
        }
    }
}

#[test]
fn a_body_from_another_request_is_typed_on_at_its_end() {
    let mut s = state(false);
    let mut with_body = entry("POST", "/v3/catalog/brands");
    with_body.body = Some("{\n  \"name\": \"Acme\"\n}".into());
    update(
        &mut s,
        Action::Console(ConsoleEvent::HistoryLoaded(Ok(vec![with_body]))),
    );
    // A draft body with the cursor left in its first line.
    key(&mut s, KeyCode::Char('m'));
    key(&mut s, KeyCode::Char('b'));
    typed(&mut s, "{}");
    key(&mut s, KeyCode::Home);
    key(&mut s, KeyCode::Esc);
    key(&mut s, KeyCode::Char('i'));
    key(&mut s, KeyCode::Up);
    key(&mut s, KeyCode::Esc);
    key(&mut s, KeyCode::Char('b'));
    assert_eq!(s.console.body.cursor(), (2usize, 1usize));
    key(&mut s, KeyCode::Enter);
    typed(&mut s, "x");
    assert_eq!(s.console.body_text(), "{\n  \"name\": \"Acme\"\n}\nx");
}

#[test]
fn ctrl_u_clears_the_line_before_the_cursor_like_a_shell() {
    let mut s = state(false);
    key(&mut s, KeyCode::Char('m'));
    key(&mut s, KeyCode::Char('b'));
    typed(&mut s, "{");
    key(&mut s, KeyCode::Enter);
    typed(&mut s, "\"name\": \"Acme\"");
    key(&mut s, KeyCode::Home);
    key(&mut s, KeyCode::End);
    ctrl(&mut s, 'u');
    assert_eq!(s.console.body_text(), "{\n");
    assert_eq!(s.console.body.cursor(), (1usize, 0usize));
    // At the start of a line there is nothing before the cursor: no change,
    // the line above stays.
    ctrl(&mut s, 'u');
    assert_eq!(s.console.body_text(), "{\n");
    // Only what is before the cursor goes.
    typed(&mut s, "ab");
    key(&mut s, KeyCode::Left);
    ctrl(&mut s, 'u');
    assert_eq!(s.console.body_text(), "{\nb");
}
