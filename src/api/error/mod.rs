//! `ApiError`: every way a request can fail, with the API's own messages and a
//! hint that says what a person should do. Never holds the token or a full URL.

mod body;
mod hint;

use std::fmt;

use serde_json::Value;

use body::{collect_messages, truncate};
pub use hint::scope_for_path;

/// An HTTP error response from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpError {
    pub status: u16,
    pub method: String,
    /// Path relative to the store (`/v3/catalog/products?id:in=1`).
    pub path: String,
    /// V3 `title` (or the first V2 message).
    pub title: Option<String>,
    /// Every message the API sent, in order.
    pub messages: Vec<String>,
    /// V3 `errors` map as `(field, message)`, e.g. `("sku", "duplicate")`.
    pub field_errors: Vec<(String, String)>,
}

/// Everything that can go wrong talking to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The store answered with an error status.
    Http(Box<HttpError>),
    /// Connection, TLS or protocol failure (after retries where allowed).
    Transport {
        method: String,
        path: String,
        message: String,
    },
    /// No answer within the request timeout (after retries where allowed).
    Timeout { method: String, path: String },
    /// Read-only mode: a write was refused before anything was sent.
    ReadOnly { method: String, path: String },
    /// A URL or path the client will not send the token to.
    RefusedUrl { url: String, reason: String },
    /// The store answered with a redirect, which is never followed: the token
    /// goes only to the configured API origin.
    Redirected {
        method: String,
        path: String,
        status: u16,
        /// The `Location` header as sent (cut to 200 characters), if any.
        location: Option<String>,
    },
    /// Bad arguments caught before sending (e.g. an empty id list).
    InvalidInput(String),
    /// Bad client configuration (URL, store hash, token format).
    Config(String),
    /// The response body did not match the model.
    Decode {
        method: String,
        path: String,
        message: String,
    },
    /// A chunked batch failed part-way: `done` of `total` items were saved
    /// before `source` happened.
    Batch {
        done: usize,
        total: usize,
        source: Box<ApiError>,
    },
}

impl ApiError {
    /// HTTP status, when the store answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http(e) => Some(e.status),
            ApiError::Batch { source, .. } => source.status(),
            _ => None,
        }
    }

    /// `(field, message)` pairs from a V3 `errors` map, for forms.
    pub fn field_errors(&self) -> &[(String, String)] {
        match self {
            ApiError::Http(e) => &e.field_errors,
            ApiError::Batch { source, .. } => source.field_errors(),
            _ => &[],
        }
    }

    /// The API's own messages.
    pub fn messages(&self) -> &[String] {
        match self {
            ApiError::Http(e) => &e.messages,
            ApiError::Batch { source, .. } => source.messages(),
            _ => &[],
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// Builds an error from a non-success response, parsing V3
    /// `{status,title,errors{field:msg}}`, V2 `[{status,message,details}]`
    /// or plain text.
    pub fn from_response(method: &str, path: &str, status: u16, body: &[u8]) -> ApiError {
        let mut err = HttpError {
            status,
            method: method.to_string(),
            path: path.to_string(),
            title: None,
            messages: Vec::new(),
            field_errors: Vec::new(),
        };
        match serde_json::from_slice::<Value>(body) {
            Ok(value) => collect_messages(&value, &mut err),
            Err(_) => {
                let text = String::from_utf8_lossy(body);
                let text = text.trim();
                if text.starts_with('<') {
                    err.messages.push("(an HTML error page)".to_string());
                } else if !text.is_empty() {
                    err.messages.push(truncate(text, 300));
                }
            }
        }
        if err.title.is_none() {
            err.title = err.messages.first().cloned();
        }
        ApiError::Http(Box::new(err))
    }

    /// A synthetic 404 (e.g. `id:in=ID` returned no customer).
    pub fn not_found(method: &str, path: &str, what: String) -> ApiError {
        ApiError::Http(Box::new(HttpError {
            status: 404,
            method: method.to_string(),
            path: path.to_string(),
            title: Some(what.clone()),
            messages: vec![what],
            field_errors: Vec::new(),
        }))
    }
}

fn status_reason(status: u16) -> &'static str {
    match status {
        207 => "Multi-Status",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The hint follows as its own sentence: after a message that already ends
        // in a full stop (most API messages do), without a second one.
        let mut text = String::new();
        self.describe(&mut text)?;
        f.write_str(&text)?;
        if let Some(hint) = self.hint() {
            if matches!(self, ApiError::Batch { .. }) {
                return Ok(());
            }
            let stop = if text.trim_end().ends_with(['.', '!', '?']) {
                ""
            } else {
                "."
            };
            write!(f, "{stop} {hint}")?;
        }
        Ok(())
    }
}

impl ApiError {
    /// The error without its hint (for callers that know a better one).
    pub fn without_hint(&self) -> String {
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ = self.describe(&mut text);
        text
    }

    /// The error without its hint.
    fn describe(&self, f: &mut String) -> fmt::Result {
        use std::fmt::Write as _;
        match self {
            ApiError::Http(e) => {
                write!(
                    f,
                    "{} {}: {} {}",
                    e.method,
                    e.path,
                    e.status,
                    status_reason(e.status)
                )?;
                if !e.messages.is_empty() {
                    write!(f, ": {}", joined(&e.messages))?;
                }
            }
            ApiError::Transport {
                method,
                path,
                message,
            } => write!(f, "{method} {path}: connection failed: {message}")?,
            ApiError::Timeout { method, path } => write!(f, "{method} {path}: timed out")?,
            ApiError::ReadOnly { method, path } => write!(
                f,
                "bctui is in read-only mode; {method} refused ({path} was not sent)"
            )?,
            ApiError::RefusedUrl { url, reason } => {
                write!(f, "refused to send the token to {url:?}: {reason}")?
            }
            ApiError::Redirected {
                method,
                path,
                status,
                location,
            } => match location {
                Some(location) => write!(
                    f,
                    "{method} {path}: {status} redirect to {location:?} not followed"
                )?,
                None => write!(
                    f,
                    "{method} {path}: {status} redirect (no Location) not followed"
                )?,
            },
            ApiError::InvalidInput(msg) => write!(f, "invalid input: {msg}")?,
            ApiError::Config(msg) => write!(f, "client configuration: {msg}")?,
            ApiError::Decode {
                method,
                path,
                message,
            } => write!(f, "{method} {path}: unexpected response: {message}")?,
            ApiError::Batch {
                done,
                total,
                source,
            } => write!(f, "{source} (after {done} of {total} items were saved)")?,
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ApiError::Batch { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

/// The API's messages as one text: a message that ends a sentence is followed
/// by the next as a new sentence, others by `; ` (never `.;`).
fn joined(messages: &[String]) -> String {
    let mut text = String::new();
    for message in messages {
        if !text.is_empty() {
            text.push_str(if text.ends_with(['.', '!', '?']) {
                " "
            } else {
                "; "
            });
        }
        text.push_str(message.trim());
    }
    text
}

#[cfg(test)]
mod punctuation_tests {
    use super::*;

    #[test]
    fn messages_and_hints_never_double_a_full_stop() {
        let unauthorized = ApiError::from_response(
            "GET",
            "/v3/catalog/products",
            401,
            br#"{"status":401,"title":"The X-Auth-Token header is missing, invalid or revoked."}"#,
        );
        let not_found = ApiError::from_response(
            "GET",
            "/v2/store",
            404,
            br#"[{"status":404,"message":"The requested resource was not found."}]"#,
        );
        let rejected = ApiError::from_response(
            "POST",
            "/v3/customers",
            422,
            br#"{"status":422,"title":"Create customers failed.","errors":{"0.email":"taken"}}"#,
        );
        for error in [unauthorized, not_found, rejected] {
            let text = error.to_string();
            assert!(!text.contains(".."), "{text}");
            assert!(!text.contains(".;"), "{text}");
        }
        let text = ApiError::from_response("GET", "/v2/store", 404, b"gone").to_string();
        assert!(text.contains(": gone. Not found"), "{text}");
        assert_eq!(
            joined(&["Create customers failed.".into(), "0.email: taken".into()]),
            "Create customers failed. 0.email: taken"
        );
        assert_eq!(joined(&["a".into(), "b".into()]), "a; b");
    }
}
