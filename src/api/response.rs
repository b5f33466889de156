//! Raw responses and the small helpers that turn bodies and transport failures
//! into values or `ApiError`s.

use std::time::Duration;

use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::value::RawValue;

use super::error::ApiError;
use super::models::Unreadable;

/// A raw response, whatever the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawResponse {
    pub status: u16,
    /// Header names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub elapsed: Duration,
}

impl RawResponse {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// First header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON (`Null` for an empty body, as with 204).
    pub fn json(&self) -> Result<serde_json::Value, serde_json::Error> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            Ok(serde_json::Value::Null)
        } else {
            serde_json::from_slice(&self.body)
        }
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Serialises a request body.
pub(crate) fn encode<B: Serialize + ?Sized>(body: &B) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(body)
        .map_err(|e| ApiError::InvalidInput(format!("request body is not serialisable: {e}")))
}

/// Decodes a JSON body, naming the field that failed.
pub(crate) fn decode<T: DeserializeOwned>(
    method: &Method,
    path: &str,
    body: &[u8],
) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError::Decode {
        method: method.to_string(),
        path: path.to_string(),
        message: describe_decode_error(body, &e),
    })
}

/// Decodes list items one by one: an item that does not match `T` becomes
/// `T::unreadable`, naming its id and the field that failed, and the others
/// still load. Each item is read straight from its text (no `Value` tree between).
pub(crate) fn decode_items<T: DeserializeOwned + Unreadable>(
    method: &Method,
    path: &str,
    items: Vec<Box<RawValue>>,
) -> Vec<T> {
    items
        .into_iter()
        .map(|raw| match serde_json::from_str::<T>(raw.get()) {
            Ok(item) => item,
            Err(err) => {
                let value: Value = serde_json::from_str(raw.get()).unwrap_or_default();
                let id = ["id", "category_id"]
                    .iter()
                    .find_map(|key| value.get(key).and_then(Value::as_u64))
                    .unwrap_or(0);
                let mut problem = describe_decode_error(raw.get().as_bytes(), &err);
                // A position inside one item means nothing to anyone.
                if let Some(at) = problem.rfind(" at line ") {
                    problem.truncate(at);
                }
                tracing::warn!(%method, path, id, problem, "unreadable list item");
                T::unreadable(id, &problem)
            }
        })
        .collect()
}

pub(crate) fn transport_error(method: &Method, path: &str, e: &reqwest::Error) -> ApiError {
    if e.is_timeout() {
        ApiError::Timeout {
            method: method.to_string(),
            path: path.to_string(),
        }
    } else {
        // reqwest's Display includes the URL; keep only the cause chain.
        let mut message = String::new();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            if !message.is_empty() {
                message.push_str(": ");
            }
            message.push_str(&s.to_string());
            source = s.source();
        }
        if message.is_empty() {
            message = if e.is_connect() {
                "could not connect".to_string()
            } else {
                "request failed".to_string()
            };
        }
        ApiError::Transport {
            method: method.to_string(),
            path: path.to_string(),
            message,
        }
    }
}

/// Describes a serde_json error by the field it happened at: the nearest
/// `"key":` before the error position in the body.
pub fn describe_decode_error(body: &[u8], err: &serde_json::Error) -> String {
    // Positions count bytes of the body; the prefix is cut there before any
    // lossy conversion, which could change lengths.
    let offset = body
        .split_inclusive(|b| *b == b'\n')
        .take(err.line().saturating_sub(1))
        .map(<[u8]>::len)
        .sum::<usize>()
        + err.column();
    let before = String::from_utf8_lossy(&body[..offset.min(body.len())]);
    match nearest_key(&before) {
        Some(key) => format!("field `{key}`: {err}"),
        None => err.to_string(),
    }
}

fn nearest_key(before: &str) -> Option<String> {
    // Walk backwards to a `"key"` followed by optional spaces and a colon.
    let bytes = before.as_bytes();
    let mut i = bytes.len();
    while i > 0 {
        i -= 1;
        if bytes[i] != b':' {
            continue;
        }
        let mut j = i;
        while j > 0 && bytes[j - 1].is_ascii_whitespace() {
            j -= 1;
        }
        if j == 0 || bytes[j - 1] != b'"' {
            continue;
        }
        let end = j - 1;
        let start = before[..end].rfind('"')?;
        return Some(before[start + 1..end].to_string());
    }
    None
}
