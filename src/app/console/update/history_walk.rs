//! ↑/↓ on the path line walk the request history; Ctrl-r picks from a search.

use super::super::{ConsoleRequest, HistoryEntry, HttpMethod};
use super::set_mode;
use crate::app::console::ConsoleMode;
use crate::app::{AppState, Effect};

fn load(state: &mut AppState, request: &ConsoleRequest) {
    let console = &mut state.console;
    console.method = request.method;
    console.path = tui_input::Input::new(request.path.clone());
    console.selection = None;
    console.completion = None;
    console.set_body(request.body.as_deref().unwrap_or(""));
    console.body_error = None;
}

fn as_request(entry: &HistoryEntry) -> ConsoleRequest {
    ConsoleRequest {
        method: HttpMethod::parse(&entry.method).unwrap_or_default(),
        path: entry.path.clone(),
        body: entry.body.clone(),
    }
}

/// One step older (`-1`) or newer (`1`), skipping entries equal to what is shown.
pub(super) fn walk(state: &mut AppState, step: isize) -> Vec<Effect> {
    let len = state.console.history.len();
    if len == 0 {
        state.changed = false;
        return Vec::new();
    }
    let shown = state.console.request();
    let mut position = state.console.history_cursor;
    loop {
        position = match (position, step < 0) {
            (None, true) => Some(len - 1),
            (None, false) => {
                state.changed = false;
                return Vec::new();
            }
            (Some(0), true) => {
                // Already at the oldest.
                state.changed = false;
                return Vec::new();
            }
            (Some(i), true) => Some(i - 1),
            (Some(i), false) if i + 1 < len => Some(i + 1),
            (Some(_), false) => None,
        };
        let Some(i) = position else {
            // Past the newest: back to what was typed.
            state.console.history_cursor = None;
            if let Some(draft) = state.console.draft.take() {
                load(state, &draft);
            }
            return Vec::new();
        };
        let request = as_request(&state.console.history[i]);
        if request != shown {
            if state.console.history_cursor.is_none() {
                state.console.draft = Some(shown);
            }
            state.console.history_cursor = Some(i);
            load(state, &request);
            return Vec::new();
        }
    }
}

/// Enter in the Ctrl-r list: loads the picked request onto the path line.
pub(super) fn pick(state: &mut AppState) -> Vec<Effect> {
    let matches = state.console.history_matches();
    if let Some(&index) = matches.get(state.console.history_pick) {
        let request = as_request(&state.console.history[index]);
        load(state, &request);
        state.console.history_cursor = None;
    }
    set_mode(state, Some(ConsoleMode::Path));
    Vec::new()
}
