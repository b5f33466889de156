//! Results from the runtime: answers (shown, and recorded in the history),
//! formatted bodies, the history file, saved bodies.

use super::super::{ConsoleEffect, ConsoleEvent, HistoryEntry, Search};
use super::human_size;
use super::response_view::search_for;
use crate::app::update::toast;
use crate::app::{AppState, Effect, ToastKind};

/// The answer to a request: shown if it is the one awaited, and recorded in
/// the history if it left the machine (even when the user stopped waiting).
fn on_response(
    state: &mut AppState,
    request: u64,
    sent_at: chrono::DateTime<chrono::Utc>,
    base_url: String,
    result: Result<super::super::ConsoleResponse, super::super::ConsoleFailure>,
) -> Vec<Effect> {
    let console = &mut state.console;
    let awaited = console.in_flight.take_if(|(id, _)| *id == request);
    let abandoned = console
        .abandoned
        .iter()
        .position(|(id, _)| *id == request)
        .map(|i| console.abandoned.remove(i));
    let Some((_, sent)) = awaited.clone().or(abandoned) else {
        state.changed = false;
        return Vec::new();
    };
    let (status, elapsed_ms, sent_out) = match &result {
        Ok(response) => (
            Some(response.status),
            Some(response.elapsed.as_millis() as u64),
            true,
        ),
        Err(failure) => (None, None, failure.sent),
    };
    let mut effects = Vec::new();
    if sent_out {
        let entry = HistoryEntry {
            time: sent_at,
            method: sent.method.as_str().to_string(),
            path: sent.path.clone(),
            body: sent.body.clone(),
            status,
            elapsed_ms,
        };
        console.history.push(entry.clone());
        let excess = console
            .history
            .len()
            .saturating_sub(super::super::history::HISTORY_MEMORY);
        console.history.drain(..excess);
        effects.push(Effect::Console(ConsoleEffect::AppendHistory {
            file: console.history_file(),
            entry,
        }));
    }
    if awaited.is_none() {
        // The user stopped waiting for this one: nothing to show.
        state.changed = false;
        return effects;
    }
    console.base_url = base_url;
    console.shown_request = Some((request, sent));
    console.view = None;
    console.scroll = 0;
    console.hscroll = 0;
    console.search = Search::default();
    match result {
        Ok(response) => {
            console.error = None;
            console.response = Some(response);
        }
        Err(failure) => {
            console.response = None;
            console.error = Some(failure.message);
        }
    }
    if let Some(message) = state.console.error.clone() {
        effects.extend(toast(state, ToastKind::Error, message));
    }
    effects
}

/// Applies a result from the runtime.
pub fn on_event(state: &mut AppState, event: ConsoleEvent) -> Vec<Effect> {
    match event {
        ConsoleEvent::Response {
            request,
            sent_at,
            base_url,
            result,
        } => on_response(state, request, sent_at, base_url, result),
        ConsoleEvent::Formatted { request, view } => {
            let current = state.console.shown_request.as_ref().map(|(id, _)| *id) == Some(request);
            if current && state.console.response.is_some() {
                state.console.view = Some(view);
                // A search typed while formatting runs now.
                if !state.console.search.query.is_empty() {
                    let query = state.console.search.query.clone();
                    return search_for(state, query);
                }
            } else {
                state.changed = false;
            }
            Vec::new()
        }
        ConsoleEvent::HistoryLoaded(Ok(mut entries)) => {
            // Requests sent before the file was read come after it.
            entries.append(&mut state.console.history);
            state.console.history = entries;
            Vec::new()
        }
        ConsoleEvent::HistoryLoaded(Err(message)) => toast(
            state,
            ToastKind::Error,
            format!("Could not read the request history: {message}"),
        ),
        ConsoleEvent::Saved(Ok((path, bytes))) => toast(
            state,
            ToastKind::Info,
            format!(
                "Saved the body ({}) to {}",
                human_size(bytes),
                path.display()
            ),
        ),
        ConsoleEvent::Saved(Err(message)) => toast(
            state,
            ToastKind::Error,
            format!("Could not save the body: {message}"),
        ),
        ConsoleEvent::HistoryWriteFailed(message) => toast(
            state,
            ToastKind::Error,
            format!("Could not write the request history: {message}"),
        ),
    }
}
