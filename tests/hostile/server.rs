//! A scripted server on 127.0.0.1:0 that records every request it gets.

use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, Uri};
use axum::response::Response;
use bctui::api::{Client, ClientConfig, Token};

pub const TOKEN: &str = "hostile-test-token";
pub const HASH: &str = "abc123";

/// One request as received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub uri: String,
    pub headers: HeaderMap,
}

/// What the server answers: status, raw header bytes, raw body bytes.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("content-type", content_type.as_bytes().to_vec())],
            body: body.into(),
        }
    }

    pub fn json(body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(200, "application/json", body)
    }

    pub fn header(mut self, name: &'static str, value: impl Into<Vec<u8>>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
}

type Script = dyn Fn(&Seen) -> Reply + Send + Sync;

#[derive(Clone)]
struct Shared {
    seen: Arc<Mutex<Vec<Seen>>>,
    script: Arc<Script>,
}

async fn handle(State(shared): State<Shared>, uri: Uri, headers: HeaderMap) -> Response {
    let seen = Seen {
        uri: uri.to_string(),
        headers,
    };
    shared.seen.lock().expect("lock").push(seen.clone());
    let reply = (shared.script)(&seen);
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() = StatusCode::from_u16(reply.status).expect("status");
    for (name, value) in reply.headers {
        response.headers_mut().append(
            HeaderName::from_static(name),
            HeaderValue::from_bytes(&value).expect("header bytes"),
        );
    }
    response
}

/// A running server; it stops with the test's runtime.
pub struct Server {
    pub origin: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    pub async fn start(script: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Server {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let shared = Shared {
            seen: seen.clone(),
            script: Arc::new(script),
        };
        let app = Router::new().fallback(handle).with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binds");
        let addr = listener.local_addr().expect("address");
        tokio::spawn(async move {
            axum::serve(listener, app).await.expect("serves");
        });
        Server {
            origin: format!("http://{addr}"),
            seen,
        }
    }

    /// Requests received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }

    /// `{origin}/stores/{HASH}{path}`.
    pub fn store_url(&self, path: &str) -> String {
        format!("{}/stores/{HASH}{path}", self.origin)
    }

    pub fn client(&self) -> Client {
        Client::new(ClientConfig {
            api_url: self.origin.clone(),
            store_hash: HASH.to_string(),
            token: Token::new(TOKEN.to_string()),
            read_only: false,
        })
        .expect("client builds")
    }

    /// `bctui ARGS` with this server's credentials in the environment and no
    /// config file, ready to spawn.
    pub fn bctui(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bctui"));
        command.args(args);
        self.with_env(&mut command);
        command
    }

    /// Points `command` (bctui, or a shell running it) at this server.
    pub fn with_env(&self, command: &mut Command) {
        command
            .env("BIGCOMMERCE_API_URL", &self.origin)
            .env("BIGCOMMERCE_STORE_HASH", HASH)
            .env("BIGCOMMERCE_ACCESS_TOKEN", TOKEN)
            .env("BCTUI_CONFIG", "/nonexistent/bctui/config.toml")
            .env_remove("BCTUI_LOG")
            .stdin(Stdio::null());
    }
}

/// Runs a command to the end off the async runtime (the server keeps serving).
pub async fn output(mut command: Command) -> Output {
    tokio::task::spawn_blocking(move || command.output().expect("binary runs"))
        .await
        .expect("joined")
}
