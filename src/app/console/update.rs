//! How the console reacts to keys and results. Called from the app's one
//! `update` function; changes only the state and returns effects.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

use super::keys::ConsoleIntent;
use super::{
    Completion, ConsoleEffect, ConsoleMode, ConsoleRequest, Search, curl_command, json_error,
};
use crate::api::ApiError;
use crate::api::spec_endpoints::{self, next_placeholder};
use crate::app::edit::{ExternalEdit, ExternalPurpose};
use crate::app::update::toast;
use crate::app::{AppState, Effect, Mode, ToastKind};

mod history_walk;
mod path_edit;
mod response_view;
mod results;

pub use response_view::human_size;
use response_view::{run_search, save_body, scroll, step_match};
pub use results::on_event;

/// Largest body `Y` puts on the clipboard.
pub const CLIPBOARD_CAP: usize = 1024 * 1024;

/// Loads the history file the first time the console is shown.
pub fn ensure_history(state: &mut AppState) -> Vec<Effect> {
    if state.console.history_loaded {
        return Vec::new();
    }
    state.console.history_loaded = true;
    vec![Effect::Console(ConsoleEffect::LoadHistory(
        state.console.history_file(),
    ))]
}

fn set_mode(state: &mut AppState, mode: Option<ConsoleMode>) {
    use ratatui::style::{Modifier, Style};
    let body_cursor = if mode == Some(ConsoleMode::Body) {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default()
    };
    state.console.body.set_cursor_style(body_cursor);
    state.mode = mode.map_or(Mode::Normal, Mode::Console);
}

/// Rows of response body on screen (same maths as the drawing code).
pub fn response_rows(state: &AppState) -> usize {
    let body_area = state.size.1.saturating_sub(3);
    let (_, _, response) = super::layout_rows(body_area, state.console.method.has_body());
    let mut rows = response.saturating_sub(3) as usize;
    if let Some(response) = state
        .console
        .response
        .as_ref()
        .filter(|_| state.console.show_headers)
    {
        rows = rows.saturating_sub(response.headers.len().min(rows / 2) + 1);
    }
    rows.max(1)
}

/// Acts on a console key from the key table.
pub fn on_intent(state: &mut AppState, intent: ConsoleIntent) -> Vec<Effect> {
    match intent {
        ConsoleIntent::EditPath => {
            set_mode(state, Some(ConsoleMode::Path));
            Vec::new()
        }
        ConsoleIntent::EditBody => {
            state.console.completion = None;
            set_mode(state, Some(ConsoleMode::Body));
            Vec::new()
        }
        ConsoleIntent::EditBodyExternally => {
            state.console.completion = None;
            vec![Effect::EditExternally(ExternalEdit {
                initial_text: state.console.body_text(),
                file_suffix: ".json".to_string(),
                then: ExternalPurpose::ConsoleBody,
            })]
        }
        ConsoleIntent::CycleMethod => {
            state.console.method = state.console.method.next();
            Vec::new()
        }
        ConsoleIntent::Send => send(state),
        ConsoleIntent::StopWaiting => match state.console.in_flight.take() {
            Some(request) => {
                state.console.abandoned.push(request);
                toast(
                    state,
                    ToastKind::Info,
                    "Stopped waiting; the request may still reach the store (the history records it)"
                        .into(),
                )
            }
            None => Vec::new(),
        },
        ConsoleIntent::Leave => {
            // Esc first closes the completion list, then leaves the path line.
            if state.console.completion.take().is_some() {
                return Vec::new();
            }
            state.console.pending_delete = None;
            set_mode(state, None);
            Vec::new()
        }
        ConsoleIntent::Complete => path_edit::complete(state, 1),
        ConsoleIntent::CompleteBack => path_edit::complete(state, -1),
        // While the completion list is open, the arrows move in it.
        ConsoleIntent::HistoryOlder if state.console.completion.is_some() => {
            path_edit::complete(state, -1)
        }
        ConsoleIntent::HistoryNewer if state.console.completion.is_some() => {
            path_edit::complete(state, 1)
        }
        ConsoleIntent::HistoryOlder => history_walk::walk(state, -1),
        ConsoleIntent::HistoryNewer => history_walk::walk(state, 1),
        ConsoleIntent::SearchHistory => {
            state.console.history_query = Input::default();
            state.console.history_pick = 0;
            state.console.completion = None;
            set_mode(state, Some(ConsoleMode::History));
            Vec::new()
        }
        ConsoleIntent::PickOlder => {
            let count = state.console.history_matches().len();
            state.console.history_pick = (state.console.history_pick + 1).min(count.max(1) - 1);
            Vec::new()
        }
        ConsoleIntent::PickNewer => {
            state.console.history_pick = state.console.history_pick.saturating_sub(1);
            Vec::new()
        }
        ConsoleIntent::ToggleHeaders => {
            state.console.show_headers = !state.console.show_headers;
            Vec::new()
        }
        ConsoleIntent::Scroll(by) => {
            scroll(state, by);
            Vec::new()
        }
        ConsoleIntent::StartSearch => {
            state.console.search_input = Input::new(state.console.search.query.clone());
            set_mode(state, Some(ConsoleMode::Search));
            Vec::new()
        }
        ConsoleIntent::NextMatch => step_match(state, 1),
        ConsoleIntent::PrevMatch => step_match(state, -1),
        ConsoleIntent::Accept => match state.mode {
            Mode::Console(ConsoleMode::Search) => run_search(state),
            Mode::Console(ConsoleMode::History) => history_walk::pick(state),
            _ => Vec::new(),
        },
        ConsoleIntent::ConfirmDelete => {
            set_mode(state, None);
            match state.console.pending_delete.take() {
                Some(request) => dispatch(state, request),
                None => Vec::new(),
            }
        }
        ConsoleIntent::SaveBody => save_body(state),
        ConsoleIntent::CopyCurl => {
            let request = state.console.request();
            match curl_command(&state.console.base_url, &request) {
                Ok(command) => {
                    let mut effects = vec![Effect::CopyToClipboard(command)];
                    effects.extend(toast(
                        state,
                        ToastKind::Info,
                        "Copied the request as cURL (token as $BIGCOMMERCE_ACCESS_TOKEN)".into(),
                    ));
                    effects
                }
                Err(reason) => toast(state, ToastKind::Error, format!("No cURL: {reason}")),
            }
        }
        ConsoleIntent::CopyBody => {
            let Some(response) = &state.console.response else {
                return Vec::new();
            };
            let size = response.body.len();
            if size > CLIPBOARD_CAP {
                // Terminals and tmux drop (or choke on) huge OSC 52 writes.
                return toast(
                    state,
                    ToastKind::Error,
                    format!(
                        "The body is {}, too big for the clipboard; w saves it to a file",
                        human_size(size)
                    ),
                );
            }
            let text = String::from_utf8_lossy(&response.body).into_owned();
            let mut effects = vec![Effect::CopyToClipboard(text)];
            effects.extend(toast(
                state,
                ToastKind::Info,
                format!("Copied the response body ({})", human_size(size)),
            ));
            effects
        }
    }
}

/// A key the table does not bind, in a console typing mode: it is typed.
pub fn on_key(state: &mut AppState, mode: ConsoleMode, key: KeyEvent) -> Vec<Effect> {
    match mode {
        ConsoleMode::Path => path_edit::type_key(state, key),
        ConsoleMode::Body => {
            state.changed = if is_ctrl(key, 'u') {
                clear_line_before_cursor(&mut state.console.body)
            } else {
                state.console.body.input(key)
            };
            if state.changed {
                state.console.body_error = None;
            }
            Vec::new()
        }
        ConsoleMode::Search => {
            let changed = to_input_request(&Event::Key(key))
                .and_then(|request| state.console.search_input.handle(request))
                .is_some_and(|response| response.value);
            state.changed = changed;
            Vec::new()
        }
        ConsoleMode::History => {
            let changed = to_input_request(&Event::Key(key))
                .and_then(|request| state.console.history_query.handle(request))
                .is_some_and(|response| response.value);
            if changed {
                state.console.history_pick = 0;
            }
            state.changed = changed;
            Vec::new()
        }
        ConsoleMode::ConfirmDelete => {
            // Anything but `y` cancels: a destructive prompt defaults to no.
            if key.code != KeyCode::Char('y') || key.modifiers.contains(KeyModifiers::CONTROL) {
                state.console.pending_delete = None;
                set_mode(state, None);
            }
            Vec::new()
        }
    }
}

fn is_ctrl(key: KeyEvent, c: char) -> bool {
    key.code == KeyCode::Char(c) && key.modifiers == KeyModifiers::CONTROL
}

/// Ctrl-u as in a shell: the text before the cursor on its line goes; at the
/// start of a line nothing happens (the editor's own Ctrl-u is undo, and its
/// line delete would join the line to the one above).
fn clear_line_before_cursor(body: &mut ratatui_textarea::TextArea<'static>) -> bool {
    if body.is_selecting() {
        return body.cut();
    }
    if body.cursor().1 == 0 {
        return false;
    }
    body.delete_line_by_head()
}

/// Pasted text goes into whatever is being typed.
pub fn on_paste(state: &mut AppState, mode: ConsoleMode, text: &str) -> Vec<Effect> {
    match mode {
        ConsoleMode::Body => {
            state.console.body.insert_str(text);
            state.console.body_error = None;
        }
        ConsoleMode::Path => path_edit::insert_text(state, text),
        ConsoleMode::Search | ConsoleMode::History => {
            let input = if mode == ConsoleMode::Search {
                &mut state.console.search_input
            } else {
                &mut state.console.history_query
            };
            for c in text.chars().filter(|c| !c.is_control()) {
                input.handle(InputRequest::InsertChar(c));
            }
        }
        ConsoleMode::ConfirmDelete => state.changed = false,
    }
    Vec::new()
}

/// The body came back from `$EDITOR`: it replaces the editor's text, and a
/// JSON error is shown at once (nothing is sent until the user asks).
pub fn body_edited(state: &mut AppState, text: &str) -> Vec<Effect> {
    let text = text.trim_end_matches(['\n', '\r']);
    state.console.set_body(text);
    state.console.body_error =
        json_error(text)
            .filter(|_| !text.trim().is_empty())
            .map(|(line, column, message)| {
                format!("Body is not valid JSON: line {line}, column {column}: {message}")
            });
    let note = match &state.console.body_error {
        Some(error) => format!("Body updated from the editor. {error}"),
        None => "Body updated from the editor".to_string(),
    };
    let kind = if state.console.body_error.is_some() {
        ToastKind::Error
    } else {
        ToastKind::Info
    };
    toast(state, kind, note)
}

/// Checks the composed request and sends it (DELETE asks first).
fn send(state: &mut AppState) -> Vec<Effect> {
    state.console.completion = None;
    if state.console.in_flight.is_some() {
        return toast(
            state,
            ToastKind::Error,
            "A request is still running; wait for its answer".into(),
        );
    }
    let request = state.console.request();
    if request.path.is_empty() {
        set_mode(state, Some(ConsoleMode::Path));
        return toast(
            state,
            ToastKind::Error,
            "Type a path first, e.g. /v3/catalog/brands".into(),
        );
    }
    if let Some((start, end)) = next_placeholder(&request.path, 0) {
        let name: String = request.path.chars().skip(start).take(end - start).collect();
        path_edit::select(state, start, end);
        set_mode(state, Some(ConsoleMode::Path));
        return toast(state, ToastKind::Error, format!("Fill in {name} first"));
    }
    if state.header.read_only && request.method != super::HttpMethod::Get {
        // The hint names the real cause: the flag or the profile.
        let refusal = format!(
            "{}. Writes are off: {}.",
            ApiError::ReadOnly {
                method: request.method.as_str().to_string(),
                path: request.path.clone(),
            }
            .without_hint(),
            state.read_only_reason()
        );
        // Shown like an answer, so it replaces the previous response.
        let id = state.next_id();
        let console = &mut state.console;
        console.shown_request = Some((id, request));
        console.response = None;
        console.view = None;
        console.search = Search::default();
        console.error = Some(refusal.clone());
        return toast(state, ToastKind::Error, refusal);
    }
    if let Some((line, column, message)) = request.body.as_deref().and_then(json_error) {
        let text = format!("Body is not valid JSON: line {line}, column {column}: {message}");
        state.console.body_error = Some(text.clone());
        state
            .console
            .body
            .move_cursor(ratatui_textarea::CursorMove::Jump(
                line.saturating_sub(1).min(u16::MAX as usize) as u16,
                column.saturating_sub(1).min(u16::MAX as usize) as u16,
            ));
        set_mode(state, Some(ConsoleMode::Body));
        return toast(state, ToastKind::Error, format!("Not sent. {text}"));
    }
    if request.method == super::HttpMethod::Delete {
        state.console.pending_delete = Some(request);
        set_mode(state, Some(ConsoleMode::ConfirmDelete));
        return Vec::new();
    }
    dispatch(state, request)
}

fn dispatch(state: &mut AppState, request: ConsoleRequest) -> Vec<Effect> {
    let id = state.next_id();
    state.console.in_flight = Some((id, request.clone()));
    state.console.history_cursor = None;
    state.console.draft = None;
    vec![Effect::Console(ConsoleEffect::Send {
        request: id,
        method: request.method,
        path: request.path,
        body: request.body,
    })]
}

/// Candidates for the path as typed (used by Tab).
fn candidates(state: &AppState) -> Option<Completion> {
    let typed = state.console.path.value();
    let candidates = spec_endpoints::complete(state.console.method.as_str(), typed);
    (!candidates.is_empty()).then_some(Completion {
        candidates,
        index: 0,
    })
}
