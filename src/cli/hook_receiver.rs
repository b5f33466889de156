//! A local webhook receiver on 127.0.0.1: accepts each callback `POST`, checks the custom
//! header when one is expected, and hands every delivery (accepted or not) to its owner.
//! `bctui webhooks listen` prints them; tests read them directly.

use std::net::SocketAddr;
use std::str::FromStr;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};

use crate::fakestore::serve_in_background;

/// A header every callback must carry, from `--header NAME:VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedHeader {
    pub name: String,
    pub value: String,
}

impl FromStr for ExpectedHeader {
    type Err = String;

    fn from_str(s: &str) -> Result<ExpectedHeader, String> {
        let (name, value) = s
            .split_once(':')
            .ok_or_else(|| format!("expected NAME:VALUE, got {s:?}"))?;
        let name = name.trim();
        if name.is_empty() || axum::http::HeaderName::from_bytes(name.as_bytes()).is_err() {
            return Err(format!("{name:?} is not a valid header name"));
        }
        Ok(ExpectedHeader {
            name: name.to_string(),
            value: value.trim().to_string(),
        })
    }
}

/// What the header check found on one delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderCheck {
    /// No header was expected.
    NotChecked,
    Matched,
    Missing,
    /// Present with another value (not repeated here: it may be a secret).
    Wrong,
}

impl HeaderCheck {
    /// Whether the delivery is accepted (answered 200).
    pub fn accepted(&self) -> bool {
        matches!(self, HeaderCheck::NotChecked | HeaderCheck::Matched)
    }
}

/// One callback as received.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// The request path (`/` or whatever the hook's destination had).
    pub path: String,
    /// The JSON body, or `None` when it was not JSON (then `raw` has the text).
    pub payload: Option<Value>,
    pub raw: String,
    pub header: HeaderCheck,
}

#[derive(Clone)]
struct ReceiverState {
    expected: Option<ExpectedHeader>,
    sink: mpsc::UnboundedSender<Delivery>,
}

/// A running receiver; dropping it stops the server.
pub struct Receiver {
    addr: SocketAddr,
    deliveries: mpsc::UnboundedReceiver<Delivery>,
    _stop: oneshot::Sender<()>,
}

impl Receiver {
    /// Binds 127.0.0.1:`port` (0 picks a free one) and serves on the current runtime.
    pub async fn start(port: u16, expected: Option<ExpectedHeader>) -> std::io::Result<Receiver> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let (sink, deliveries) = mpsc::unbounded_channel();
        let app = Router::new()
            .fallback(receive)
            .with_state(ReceiverState { expected, sink });
        let stop = serve_in_background(listener, app, "webhook receiver");
        Ok(Receiver {
            addr,
            deliveries,
            _stop: stop,
        })
    }

    /// `http://127.0.0.1:PORT/`, the destination to give a hook.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The next delivery, in arrival order (`None` once the server is gone).
    pub async fn next(&mut self) -> Option<Delivery> {
        self.deliveries.recv().await
    }

    /// A delivery already received, without waiting.
    pub fn try_next(&mut self) -> Option<Delivery> {
        self.deliveries.try_recv().ok()
    }
}

fn check(expected: Option<&ExpectedHeader>, headers: &HeaderMap) -> HeaderCheck {
    let Some(expected) = expected else {
        return HeaderCheck::NotChecked;
    };
    match headers.get(expected.name.as_str()) {
        None => HeaderCheck::Missing,
        Some(v) if v.as_bytes() == expected.value.as_bytes() => HeaderCheck::Matched,
        Some(_) => HeaderCheck::Wrong,
    }
}

async fn receive(
    State(state): State<ReceiverState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    if method != Method::POST {
        return StatusCode::METHOD_NOT_ALLOWED;
    }
    let header = check(state.expected.as_ref(), &headers);
    let status = if header.accepted() {
        StatusCode::OK
    } else {
        StatusCode::UNAUTHORIZED
    };
    let delivery = Delivery {
        path: uri.path().to_string(),
        payload: serde_json::from_slice(&body).ok(),
        raw: String::from_utf8_lossy(&body).into_owned(),
        header,
    };
    // The owner may have stopped listening; the sender still gets its answer.
    let _ = state.sink.send(delivery);
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_flag_parses() {
        let h: ExpectedHeader = "X-Secret: s3cr:et ".parse().expect("valid");
        assert_eq!(h.name, "X-Secret");
        assert_eq!(h.value, "s3cr:et");
        assert!("no-colon".parse::<ExpectedHeader>().is_err());
        assert!("bad name:x".parse::<ExpectedHeader>().is_err());
    }

    #[test]
    fn header_check_is_case_insensitive_on_the_name_only() {
        let expected = ExpectedHeader {
            name: "x-secret".into(),
            value: "abc".into(),
        };
        let mut headers = HeaderMap::new();
        assert_eq!(check(Some(&expected), &headers), HeaderCheck::Missing);
        headers.insert("X-Secret", "ABC".parse().expect("value"));
        assert_eq!(check(Some(&expected), &headers), HeaderCheck::Wrong);
        headers.insert("X-Secret", "abc".parse().expect("value"));
        assert_eq!(check(Some(&expected), &headers), HeaderCheck::Matched);
        assert_eq!(check(None, &headers), HeaderCheck::NotChecked);
    }
}
