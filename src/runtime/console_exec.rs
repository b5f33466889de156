//! The console's side of the runtime: sends requests through the client (which
//! refuses other hosts and, in read-only mode, writes), formats bodies on a
//! blocking thread so a 5 MB answer never stalls the UI, and reads and writes
//! the history file and saved bodies.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use reqwest::Method;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use crate::api::{ApiError, Client};
use crate::app::Action;
use crate::app::console::pretty::{self, VIEW_CAP};
use crate::app::console::{
    ConsoleEffect, ConsoleEvent, ConsoleFailure, ConsoleResponse, HistoryEntry, HttpMethod, history,
};
use crate::clock::Clock;
use crate::private_file::{self, Mode};

/// Starts the work `effect` asks for; results come back as `Action::Console`.
/// A history append first waits for `previous` (the append before it).
pub(super) fn run(
    client: Client,
    actions: UnboundedSender<Action>,
    effect: ConsoleEffect,
    clock: Clock,
    previous: Option<JoinHandle<()>>,
) -> JoinHandle<()> {
    let reply = move |event| {
        let _ = actions.send(Action::Console(event));
    };
    match effect {
        ConsoleEffect::Send {
            request,
            method,
            path,
            body,
        } => tokio::spawn(async move {
            let sent_at = clock.now();
            let base_url = client.base_url().to_string();
            let result = client
                .execute(to_method(method), &path, body.map(String::into_bytes))
                .await;
            let response = match result {
                Ok(raw) => raw,
                Err(error) => {
                    let failure = ConsoleFailure {
                        sent: matches!(
                            error,
                            ApiError::Transport { .. } | ApiError::Timeout { .. }
                        ),
                        message: error.to_string(),
                    };
                    reply(ConsoleEvent::Response {
                        request,
                        sent_at,
                        base_url,
                        result: Err(failure),
                    });
                    return;
                }
            };
            let body = Arc::new(response.body);
            reply(ConsoleEvent::Response {
                request,
                sent_at,
                base_url,
                result: Ok(ConsoleResponse {
                    status: response.status,
                    headers: response.headers,
                    body: Arc::clone(&body),
                    elapsed: response.elapsed,
                }),
            });
            // Formatting a big body takes a while: off the async workers and the UI.
            let view = tokio::task::spawn_blocking(move || pretty::format_body(&body, VIEW_CAP))
                .await
                .unwrap_or_else(|error| {
                    pretty::format_body(
                        format!("could not format the body: {error}").as_bytes(),
                        VIEW_CAP,
                    )
                });
            reply(ConsoleEvent::Formatted { request, view });
        }),
        ConsoleEffect::LoadHistory(file) => tokio::spawn(async move {
            let loaded = tokio::task::spawn_blocking(move || read_history(&file))
                .await
                .unwrap_or_else(|error| Err(error.to_string()));
            reply(ConsoleEvent::HistoryLoaded(loaded));
        }),
        ConsoleEffect::AppendHistory { file, entry } => tokio::spawn(async move {
            if let Some(previous) = previous {
                // Finished or aborted, the order is kept either way.
                let _ = previous.await;
            }
            let written = tokio::task::spawn_blocking(move || append_history(&file, &entry))
                .await
                .unwrap_or_else(|error| Err(error.to_string()));
            if let Err(message) = written {
                reply(ConsoleEvent::HistoryWriteFailed(message));
            }
        }),
        ConsoleEffect::SaveBody {
            dir,
            file_name,
            body,
        } => tokio::spawn(async move {
            let saved = tokio::task::spawn_blocking(move || save_body(&dir, &file_name, &body))
                .await
                .unwrap_or_else(|error| Err(error.to_string()));
            reply(ConsoleEvent::Saved(saved));
        }),
    }
}

fn to_method(method: HttpMethod) -> Method {
    match method {
        HttpMethod::Get => Method::GET,
        HttpMethod::Post => Method::POST,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Delete => Method::DELETE,
    }
}

/// The history file's entries; a missing file is an empty history. A file
/// grown past [`history::HISTORY_FILE_MAX`] lines is cut to the newest
/// [`history::HISTORY_MEMORY`] (written aside, then renamed over it).
fn read_history(file: &Path) -> Result<Vec<HistoryEntry>, String> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(format!("{}: {error}", file.display())),
    };
    let entries = history::parse(&text);
    if text.lines().count() > history::HISTORY_FILE_MAX {
        let kept: String = entries.iter().map(|e| e.to_line() + "\n").collect();
        let aside = file.with_extension("jsonl.tmp");
        let rewritten = private_file::write(&aside, kept.as_bytes(), Mode::Truncate)
            .and_then(|()| std::fs::rename(&aside, file));
        if let Err(error) = rewritten {
            tracing::warn!("could not shorten {}: {error}", file.display());
        }
    }
    Ok(entries)
}

/// Appends one line to the history file.
fn append_history(file: &Path, entry: &HistoryEntry) -> Result<(), String> {
    let describe = |error: std::io::Error| format!("{}: {error}", file.display());
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(describe)?;
    }
    let mut line = entry.to_line();
    line.push('\n');
    private_file::write(file, line.as_bytes(), Mode::Append).map_err(describe)
}

/// Writes the whole body to `dir/file_name` (adding `-2`, `-3`… rather than
/// overwriting) and returns the path and size.
fn save_body(dir: &Path, file_name: &str, body: &[u8]) -> Result<(PathBuf, usize), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let (stem, extension) = file_name.rsplit_once('.').unwrap_or((file_name, "txt"));
    let mut path = dir.join(file_name);
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-{n}.{extension}"));
        n += 1;
    }
    private_file::write(&path, body, Mode::Truncate)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((path, body.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_history_file_is_shortened_and_stays_private() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().to_path_buf();
        let file = dir.join(history::HISTORY_FILE);
        let entry = |i: usize| HistoryEntry {
            time: crate::clock::test_anchor(),
            method: "GET".into(),
            path: format!("/v2/orders/{i}"),
            body: None,
            status: Some(200),
            elapsed_ms: None,
        };
        for i in 0..=history::HISTORY_FILE_MAX {
            append_history(&file, &entry(i)).unwrap();
        }
        let entries = read_history(&file).unwrap();
        assert_eq!(entries.len(), history::HISTORY_MEMORY);
        assert_eq!(entries.last(), Some(&entry(history::HISTORY_FILE_MAX)));
        let text = std::fs::read_to_string(&file).unwrap();
        assert_eq!(text.lines().count(), history::HISTORY_MEMORY);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let (saved, size) = save_body(&dir, "get-x.json", b"{}").unwrap();
        let (again, _) = save_body(&dir, "get-x.json", b"[]").unwrap();
        assert_eq!(size, 2);
        assert_eq!(again, dir.join("get-x-2.json"));
        assert_eq!(std::fs::read(&saved).unwrap(), b"{}");
        let mode = std::fs::metadata(&saved).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
