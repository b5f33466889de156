//! Typing on the path line: a selected `{placeholder}` is typed over, Tab
//! completes endpoint templates from the specs and steps through placeholders.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

use super::candidates;
use crate::api::spec_endpoints::next_placeholder;
use crate::app::{AppState, Effect};

/// Selects chars `start..end` of the path (a placeholder) for typing over.
pub(super) fn select(state: &mut AppState, start: usize, end: usize) {
    let text = state.console.path.value().to_string();
    state.console.path = Input::new(text).with_cursor(start);
    state.console.selection = Some((start, end));
}

/// Replaces the selection (if any) with `text`.
fn replace_selection(state: &mut AppState, text: &str) -> bool {
    let Some((start, end)) = state.console.selection.take() else {
        return false;
    };
    let old: Vec<char> = state.console.path.value().chars().collect();
    let end = end.min(old.len());
    let start = start.min(end);
    let mut new: String = old[..start].iter().collect();
    new.push_str(text);
    new.extend(&old[end..]);
    let cursor = start + text.chars().count();
    state.console.path = Input::new(new).with_cursor(cursor);
    true
}

fn edited(state: &mut AppState) {
    state.console.completion = None;
    state.console.history_cursor = None;
}

/// A key typed on the path line.
pub(super) fn type_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    if state.console.selection.is_some() {
        match key.code {
            KeyCode::Char(c) if plain => {
                replace_selection(state, &c.to_string());
                edited(state);
                return Vec::new();
            }
            KeyCode::Backspace | KeyCode::Delete => {
                replace_selection(state, "");
                edited(state);
                return Vec::new();
            }
            _ => state.console.selection = None,
        }
    }
    let changed = to_input_request(&Event::Key(key))
        .and_then(|request| state.console.path.handle(request))
        .map(|response| response.value);
    match changed {
        Some(true) => edited(state),
        Some(false) => {}
        None => state.changed = false,
    }
    Vec::new()
}

/// Pasted text (newlines dropped) goes in at the cursor or over the selection.
pub(super) fn insert_text(state: &mut AppState, text: &str) {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    if !replace_selection(state, &clean) {
        for c in clean.chars() {
            state
                .console
                .path
                .handle(tui_input::InputRequest::InsertChar(c));
        }
    }
    edited(state);
}

/// Tab (`step` 1) and Shift-Tab (`step` -1).
pub(super) fn complete(state: &mut AppState, step: isize) -> Vec<Effect> {
    // Cycling through the candidates shown.
    if let Some(completion) = &mut state.console.completion {
        let count = completion.candidates.len() as isize;
        completion.index = (completion.index as isize + step).rem_euclid(count) as usize;
        apply_candidate(state);
        return Vec::new();
    }
    // A template being filled in: go to its next placeholder.
    let text = state.console.path.value().to_string();
    let from = state
        .console
        .selection
        .map_or(state.console.path.visual_cursor(), |(_, end)| end);
    if let Some((start, end)) = next_placeholder(&text, from).or_else(|| next_placeholder(&text, 0))
    {
        select(state, start, end);
        return Vec::new();
    }
    match candidates(state) {
        Some(completion) => {
            state.console.completion = Some(completion);
            apply_candidate(state);
        }
        None => state.changed = false,
    }
    Vec::new()
}

/// Puts the current candidate on the path line (keeping a typed query) and
/// selects its first placeholder.
fn apply_candidate(state: &mut AppState) {
    let Some(completion) = &state.console.completion else {
        return;
    };
    let Some(candidate) = completion.candidates.get(completion.index) else {
        return;
    };
    let old = state.console.path.value();
    let query = old.find('?').map_or("", |i| &old[i..]);
    let text = format!("{}{query}", candidate.text);
    let end = candidate.text.chars().count();
    state.console.path = Input::new(text.clone()).with_cursor(end);
    state.console.selection = None;
    if let Some((start, end)) = next_placeholder(&text, 0) {
        select(state, start, end);
    }
}
