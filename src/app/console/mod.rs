//! The raw request console (the last tab): compose any store request, send it, read
//! the answer. State lives here; [`update`] changes it; the runtime sends
//! requests, formats bodies off the UI thread and reads/writes the history.

pub mod history;
pub mod key_table;
pub mod keys;
pub mod pretty;
mod request;
#[cfg(test)]
mod tests;
pub mod update;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea};
use tui_input::Input;

use crate::api::spec_endpoints::PathCompletion;
pub use history::HistoryEntry;
pub use pretty::ResponseView;
pub use request::{curl_command, json_error};

/// Where the console's keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsoleMode {
    /// Typing the path.
    Path,
    /// Typing the JSON body.
    Body,
    /// Typing a `/` search in the response.
    Search,
    /// Ctrl-r: searching the history.
    History,
    /// Asking whether to send a DELETE.
    ConfirmDelete,
}

/// The methods the console sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HttpMethod {
    #[default]
    Get,
    Post,
    Put,
    Delete,
}

impl HttpMethod {
    /// All methods in selector order.
    pub const ALL: [HttpMethod; 4] = [
        HttpMethod::Get,
        HttpMethod::Post,
        HttpMethod::Put,
        HttpMethod::Delete,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// Parses `GET`, `post`, …
    pub fn parse(text: &str) -> Option<HttpMethod> {
        HttpMethod::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(text))
    }

    /// The next method in the selector.
    pub fn next(self) -> HttpMethod {
        let i = HttpMethod::ALL.iter().position(|m| *m == self).unwrap_or(0);
        HttpMethod::ALL[(i + 1) % HttpMethod::ALL.len()]
    }

    /// POST and PUT carry a body.
    pub fn has_body(self) -> bool {
        matches!(self, HttpMethod::Post | HttpMethod::Put)
    }
}

/// A response as the store sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleResponse {
    pub status: u16,
    /// Header names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    /// The whole body (shared with the formatter and `w`).
    pub body: Arc<Vec<u8>>,
    pub elapsed: Duration,
}

impl ConsoleResponse {
    /// The status's reason phrase ("OK", "No Content").
    pub fn reason(&self) -> &'static str {
        reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("")
    }

    /// First header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Requests left and the quota, from the rate-limit headers.
    pub fn quota(&self) -> Option<(u64, Option<u64>)> {
        let left = self
            .header("x-rate-limit-requests-left")?
            .trim()
            .parse()
            .ok()?;
        let quota = self
            .header("x-rate-limit-requests-quota")
            .and_then(|q| q.trim().parse().ok());
        Some((left, quota))
    }

    /// Whether the body looks like JSON (for the saved file's extension).
    pub fn is_json(&self) -> bool {
        self.header("content-type")
            .is_some_and(|t| t.contains("json"))
    }
}

/// A request as composed (what history, cURL and sending use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleRequest {
    pub method: HttpMethod,
    pub path: String,
    /// The JSON body text (POST and PUT only; `None` when empty).
    pub body: Option<String>,
}

/// Why a request got no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleFailure {
    /// The client's message (refusals, connection errors).
    pub message: String,
    /// Whether anything left the machine (false for refusals).
    pub sent: bool,
}

/// Results the runtime sends back to the console.
#[derive(Debug)]
pub enum ConsoleEvent {
    /// The answer to request `request`, sent at `sent_at`.
    Response {
        request: u64,
        sent_at: DateTime<Utc>,
        /// The store's base URL the request went to (it changes with `:profile`).
        base_url: String,
        result: Result<ConsoleResponse, ConsoleFailure>,
    },
    /// The body of request `request`, formatted off the UI thread.
    Formatted { request: u64, view: ResponseView },
    /// The history file was read.
    HistoryLoaded(Result<Vec<HistoryEntry>, String>),
    /// `w` finished: where the body went, or why not.
    Saved(Result<(PathBuf, usize), String>),
    /// Appending to the history file failed.
    HistoryWriteFailed(String),
}

/// Work the console asks the runtime for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsoleEffect {
    /// Send the request; answer with `ConsoleEvent::Response`, then `Formatted`.
    Send {
        request: u64,
        method: HttpMethod,
        path: String,
        body: Option<String>,
    },
    /// Read the history file.
    LoadHistory(PathBuf),
    /// Append one entry to the history file.
    AppendHistory { file: PathBuf, entry: HistoryEntry },
    /// Write a whole response body to `dir/file_name`.
    SaveBody {
        dir: PathBuf,
        file_name: String,
        body: Arc<Vec<u8>>,
    },
}

/// Tab completion of the path: candidates and the one shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub candidates: Vec<PathCompletion>,
    pub index: usize,
}

/// A response search: the query and where it matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// `(line, start, end)` byte ranges in the view.
    pub matches: Vec<(usize, usize, usize)>,
    pub current: usize,
}

/// Everything the console shows and remembers.
#[derive(Debug)]
pub struct ConsoleState {
    pub method: HttpMethod,
    pub path: Input,
    /// A `{placeholder}` selected for typing over, as a char range of the path.
    pub selection: Option<(usize, usize)>,
    pub completion: Option<Completion>,
    pub body: TextArea<'static>,
    /// Where the body's JSON is broken, when a send was refused for it.
    pub body_error: Option<String>,
    /// A DELETE waiting for `y`.
    pub pending_delete: Option<ConsoleRequest>,
    /// The request on its way and its id.
    pub in_flight: Option<(u64, ConsoleRequest)>,
    /// Requests the user stopped waiting for (their answers only go to the history).
    pub abandoned: Vec<(u64, ConsoleRequest)>,
    /// The request the response (or error) belongs to.
    pub shown_request: Option<(u64, ConsoleRequest)>,
    pub response: Option<ConsoleResponse>,
    /// The formatted body; `None` while it is being formatted.
    pub view: Option<ResponseView>,
    /// Why the last request got no response.
    pub error: Option<String>,
    pub show_headers: bool,
    /// First body line on screen.
    pub scroll: usize,
    /// Characters of each body line scrolled off to the left.
    pub hscroll: usize,
    pub search_input: Input,
    pub search: Search,
    pub history: Vec<HistoryEntry>,
    pub history_loaded: bool,
    /// Position while walking the history with ↑/↓.
    pub history_cursor: Option<usize>,
    /// What was typed before walking the history.
    pub draft: Option<ConsoleRequest>,
    pub history_query: Input,
    /// Selected row in the Ctrl-r list.
    pub history_pick: usize,
    /// History and saved bodies go here.
    pub data_dir: PathBuf,
    /// `{api_url}/stores/{hash}`, for cURL commands.
    pub base_url: String,
}

impl ConsoleState {
    /// An empty console keeping its files in `data_dir`.
    pub fn new(data_dir: PathBuf) -> Self {
        ConsoleState {
            method: HttpMethod::Get,
            path: Input::default(),
            selection: None,
            completion: None,
            body: new_body_editor(""),
            body_error: None,
            pending_delete: None,
            in_flight: None,
            abandoned: Vec::new(),
            shown_request: None,
            response: None,
            view: None,
            error: None,
            show_headers: false,
            scroll: 0,
            hscroll: 0,
            search_input: Input::default(),
            search: Search::default(),
            history: Vec::new(),
            history_loaded: false,
            history_cursor: None,
            draft: None,
            history_query: Input::default(),
            history_pick: 0,
            data_dir,
            base_url: String::new(),
        }
    }

    /// Whether a request or a formatting job is running (animates the spinner).
    pub fn is_busy(&self) -> bool {
        self.in_flight.is_some() || (self.response.is_some() && self.view.is_none())
    }

    /// The body text as typed.
    pub fn body_text(&self) -> String {
        self.body.lines().join("\n")
    }

    /// The request as composed now.
    pub fn request(&self) -> ConsoleRequest {
        let body = self.body_text();
        ConsoleRequest {
            method: self.method,
            path: self.path.value().trim().to_string(),
            body: (self.method.has_body() && !body.trim().is_empty()).then_some(body),
        }
    }

    /// Replaces the body text.
    pub fn set_body(&mut self, text: &str) {
        self.body = new_body_editor(text);
    }

    /// History entries matching the Ctrl-r query, newest first.
    pub fn history_matches(&self) -> Vec<usize> {
        history::search(&self.history, self.history_query.value())
    }

    /// The history file.
    pub fn history_file(&self) -> PathBuf {
        self.data_dir.join(history::HISTORY_FILE)
    }
}

/// A body editor holding `text`, styled neutrally (the theme is applied by
/// the drawing code around it).
fn new_body_editor(text: &str) -> TextArea<'static> {
    let lines = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut body = TextArea::new(lines);
    body.set_cursor_line_style(Style::default());
    body.set_cursor_style(Style::default());
    body.set_placeholder_text("JSON body, e.g. {\"name\": \"Acme\"}");
    body.set_placeholder_style(Style::default().add_modifier(Modifier::DIM));
    body.set_tab_length(2);
    // Typing goes on where the text ends, not where the previous body's cursor was.
    body.move_cursor(CursorMove::Bottom);
    body.move_cursor(CursorMove::End);
    body
}

/// Rows of the console's parts for a body area `height` rows tall:
/// (path line, body editor, response), each with its border.
pub fn layout_rows(height: u16, has_body: bool) -> (u16, u16, u16) {
    let path = 3.min(height);
    let rest = height - path;
    let body = if has_body {
        (rest / 3).clamp(5.min(rest), 12.min(rest))
    } else {
        0
    };
    (path, body, rest - body)
}
