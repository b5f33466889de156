//! Moving around the response: scrolling, `/` search with n/N, and `w`.

use std::sync::Arc;

use super::super::keys::ScrollBy;
use super::super::{ConsoleEffect, Search, pretty};
use super::{response_rows, set_mode};
use crate::app::update::toast;
use crate::app::{AppState, Effect, ToastKind};

pub(super) fn scroll(state: &mut AppState, by: ScrollBy) {
    let rows = response_rows(state);
    let lines = state.console.view.as_ref().map_or(0, |v| v.lines.len());
    let max = lines.saturating_sub(rows);
    if let ScrollBy::Columns(n) = by {
        let widest = state.console.view.as_ref().map_or(0, |v| {
            v.lines
                .iter()
                .map(|l| l.text.chars().count())
                .max()
                .unwrap_or(0)
        });
        let target = state.console.hscroll as isize + n as isize;
        state.console.hscroll = target.clamp(0, widest.saturating_sub(8) as isize) as usize;
        return;
    }
    let current = state.console.scroll as isize;
    let target = match by {
        ScrollBy::Columns(_) => current,
        ScrollBy::Line(n) => current + n as isize,
        ScrollBy::Page(n) => current + n as isize * rows as isize,
        ScrollBy::Top => 0,
        ScrollBy::Bottom => max as isize,
    };
    state.console.scroll = target.clamp(0, max as isize) as usize;
}

pub(super) fn run_search(state: &mut AppState) -> Vec<Effect> {
    let query = state.console.search_input.value().to_string();
    set_mode(state, None);
    search_for(state, query)
}

pub(super) fn search_for(state: &mut AppState, query: String) -> Vec<Effect> {
    let Some(view) = &state.console.view else {
        // Formatting is still running: the search runs when it ends.
        state.console.search = Search {
            query,
            ..Search::default()
        };
        return Vec::new();
    };
    let matches = pretty::find_matches(&view.lines, &query);
    let scroll = state.console.scroll;
    let current = matches
        .iter()
        .position(|(line, _, _)| *line >= scroll)
        .unwrap_or(0);
    let found = matches.len();
    state.console.search = Search {
        query: query.clone(),
        matches,
        current,
    };
    if query.is_empty() {
        return Vec::new();
    }
    if found == 0 {
        return toast(state, ToastKind::Error, format!("No match for {query:?}"));
    }
    show_match(state);
    Vec::new()
}

pub(super) fn step_match(state: &mut AppState, step: isize) -> Vec<Effect> {
    let count = state.console.search.matches.len();
    if count == 0 {
        return Vec::new();
    }
    let current = state.console.search.current as isize;
    state.console.search.current = (current + step).rem_euclid(count as isize) as usize;
    show_match(state);
    Vec::new()
}

/// Scrolls so the current match is on screen, a third of the way down.
fn show_match(state: &mut AppState) {
    let rows = response_rows(state);
    let Some(&(line, start, end)) = state
        .console
        .search
        .matches
        .get(state.console.search.current)
    else {
        return;
    };
    let scroll = state.console.scroll;
    if line < scroll || line >= scroll + rows {
        state.console.scroll = line.saturating_sub(rows / 3);
    }
    // Sideways too, when the match is off to the side of a long line.
    let columns = (state.size.0 as usize).saturating_sub(4).max(1);
    if let Some(text) = state.console.view.as_ref().and_then(|v| v.lines.get(line)) {
        let first = text.text[..start].chars().count();
        let last = first + text.text[start..end].chars().count();
        let hscroll = state.console.hscroll;
        if first < hscroll || last > hscroll + columns {
            state.console.hscroll = first.saturating_sub(columns / 4);
        }
    }
}

pub(super) fn save_body(state: &mut AppState) -> Vec<Effect> {
    let (Some(response), Some((request, sent))) =
        (&state.console.response, &state.console.shown_request)
    else {
        return Vec::new();
    };
    let slug: String = sent
        .path
        .split('?')
        .next()
        .unwrap_or("")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let extension = if response.is_json() { "json" } else { "txt" };
    let file_name = format!(
        "{}{}-{request}.{extension}",
        sent.method.as_str().to_lowercase(),
        slug.trim_end_matches('-'),
    );
    vec![Effect::Console(ConsoleEffect::SaveBody {
        dir: state.console.data_dir.join("responses"),
        file_name,
        body: Arc::clone(&response.body),
    })]
}

/// `1.5 MB`, `12 KB`, `812 B`.
pub fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} B")
    }
}
