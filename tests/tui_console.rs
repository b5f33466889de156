//! The request console (tab 5) end to end: the real app loop on a
//! `TestBackend`, driven by key events, against the store simulator (and a
//! tiny axum server for a 5 MB answer). Waits on conditions, never sleeps.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc;
use tokio_stream::wrappers::UnboundedReceiverStream;

use bctui::api::client::{Client, ClientConfig};
use bctui::api::token::Token;
use bctui::app::console::pretty::BodyKind;
use bctui::app::console::{ConsoleMode, HttpMethod};
use bctui::app::list::LoadState;
use bctui::app::{AppState, Mode};
use bctui::fakestore::{FakeStore, FakeStoreConfig};
use bctui::tui::{Runner, TuiOptions};

const PATIENCE: Duration = Duration::from_secs(20);

struct Harness {
    runner: Runner<TestBackend>,
    keys: mpsc::UnboundedSender<io::Result<Event>>,
    input: UnboundedReceiverStream<io::Result<Event>>,
    data_dir: PathBuf,
}

/// A fresh, empty directory for one test's history and saved bodies.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bctui-console-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

async fn simulator() -> FakeStore {
    FakeStore::start(FakeStoreConfig {
        products: 40,
        customers: 20,
        orders: 30,
        quota: 10_000,
        anchor: Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).single(),
        ..FakeStoreConfig::default()
    })
    .await
    .expect("the simulator starts")
}

impl Harness {
    fn start(api_url: String, hash: &str, token: &str, read_only: bool, data_dir: &Path) -> Self {
        let client = Client::new(ClientConfig {
            api_url,
            store_hash: hash.to_string(),
            token: Token::new(token.to_string()),
            read_only,
        })
        .expect("client");
        let options = TuiOptions {
            client,
            profile: "demo".to_string(),
            read_only,
            mouse: false,
            profiles: vec!["demo".to_string()],
            connect: Arc::new(|name: &str| Err(format!("no profile {name}"))),
        };
        let terminal = Terminal::new(TestBackend::new(100, 30)).expect("test terminal");
        let (mut runner, _actions) = Runner::from_options(terminal, options).expect("runner");
        runner.state_mut().console.data_dir = data_dir.to_path_buf();
        let (keys, receiver) = mpsc::unbounded_channel();
        Harness {
            runner,
            keys,
            input: UnboundedReceiverStream::new(receiver),
            data_dir: data_dir.to_path_buf(),
        }
    }

    fn on_store(store: &FakeStore, read_only: bool, data_dir: &Path) -> Self {
        Harness::start(
            store.api_url(),
            store.store_hash(),
            store.token(),
            read_only,
            data_dir,
        )
    }

    fn key(&self, code: KeyCode, modifiers: KeyModifiers) {
        let event = Event::Key(KeyEvent::new(code, modifiers));
        self.keys.send(Ok(event)).expect("the loop listens");
    }

    fn press(&self, code: KeyCode) {
        self.key(code, KeyModifiers::NONE);
    }

    fn ctrl(&self, c: char) {
        self.key(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    fn type_text(&self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    async fn wait_for(&mut self, what: &str, condition: impl FnMut(&AppState) -> bool) {
        let run = self.runner.run_until(&mut self.input, condition);
        match tokio::time::timeout(PATIENCE, run).await {
            Ok(result) => result.expect("the loop runs"),
            Err(_) => panic!("timed out waiting for {what}\n{}", self.screen()),
        }
    }

    fn state(&self) -> &AppState {
        self.runner.state()
    }

    fn screen(&self) -> String {
        self.runner.backend().to_string()
    }

    /// The screen redrawn without toasts (they expire on a clock) and the
    /// header row (user@host differs per machine), with times masked.
    fn snapshot(&mut self) -> String {
        self.runner.state_mut().toasts.clear();
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test terminal");
        terminal
            .draw(|frame| bctui::ui::draw(frame, self.runner.state()))
            .expect("draw");
        let screen = terminal.backend().to_string();
        let body: Vec<&str> = screen.lines().skip(1).collect();
        mask_times(&body.join("\n"))
    }

    /// Opens the console and waits for its history to be read.
    async fn open_console(&mut self) {
        self.press(KeyCode::Char('5'));
        self.wait_for("the console", |s| {
            s.tab == bctui::app::Tab::Console && s.console.history_loaded
        })
        .await;
    }

    /// Replaces the path line with `path` (leaves the path line focused).
    fn set_path(&self, path: &str) {
        self.press(KeyCode::Char('i'));
        self.ctrl('u');
        self.type_text(path);
    }

    /// Replaces the body with `text` and leaves the editor.
    fn set_body(&self, text: &str) {
        self.press(KeyCode::Char('b'));
        // Select everything and delete it, then type.
        self.key(KeyCode::Char('a'), KeyModifiers::CONTROL);
        self.key(KeyCode::Char('k'), KeyModifiers::CONTROL);
        self.type_text(text);
        self.press(KeyCode::Esc);
    }

    fn set_method(&self, from: HttpMethod, to: HttpMethod) {
        let mut method = from;
        while method != to {
            self.press(KeyCode::Char('m'));
            method = method.next();
        }
    }

    /// Sends and waits until the answer is formatted.
    async fn send_and_wait(&mut self, what: &str) {
        let before = shown_id(self.state());
        self.ctrl('s');
        self.wait_for(what, |s| {
            s.console.in_flight.is_none() && s.console.view.is_some() && shown_id(s) != before
        })
        .await;
    }

    fn history_lines(&self) -> Vec<String> {
        std::fs::read_to_string(self.data_dir.join("console_history.jsonl"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

/// Masks what changes between runs: the digits of "NNN ms" and of "quota NNN/".
fn mask_times(text: &str) -> String {
    fn mask_digits(line: &mut String, start: usize, end: usize) {
        let hashes = "#".repeat(end - start);
        line.replace_range(start..end, &hashes);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut masked = line.to_string();
        if let Some(at) = masked.find(" ms ·") {
            let start = masked[..at]
                .rfind(|c: char| !c.is_ascii_digit())
                .map_or(0, |i| i + 1);
            mask_digits(&mut masked, start, at);
        }
        if let Some(at) = masked.find("quota ") {
            let start = at + "quota ".len();
            let digits = masked[start..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(0);
            mask_digits(&mut masked, start, start + digits);
        }
        out.push_str(&mask_dates(&masked));
        out.push('\n');
    }
    out
}

/// Replaces dates and times (`2025-06-01T12:00:00`, `2025-06-01 12:00`)
/// with `#`s of the same shape.
fn mask_dates(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let shape = |at: usize| {
        let pattern = "dddd-dd-dd";
        pattern.chars().enumerate().all(|(i, p)| {
            chars.get(at + i).is_some_and(|c| match p {
                'd' => c.is_ascii_digit(),
                other => *c == other,
            })
        })
    };
    let mut out = chars.clone();
    let mut i = 0;
    while i < chars.len() {
        if shape(i) {
            let mut end = i + 10;
            let part_of_time = |c: char, next: Option<&char>| {
                c.is_ascii_digit()
                    || matches!(c, 'T' | ':' | '+')
                    || (c == ' ' && next.is_some_and(char::is_ascii_digit))
            };
            while end < chars.len() && part_of_time(chars[end], chars.get(end + 1)) {
                end += 1;
            }
            for c in &mut out[i..end] {
                if c.is_ascii_digit() {
                    *c = '#';
                }
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out.into_iter().collect()
}

/// The id of the request whose answer is shown.
fn shown_id(state: &AppState) -> Option<u64> {
    state.console.shown_request.as_ref().map(|(id, _)| *id)
}

fn products_loaded(state: &AppState) -> bool {
    state.products.list.load == LoadState::Loaded && state.header.store_name.is_some()
}

fn methods_sent(store: &FakeStore, method: &str) -> Vec<String> {
    store
        .requests()
        .into_iter()
        .filter(|r| r.method == method)
        .map(|r| r.path)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_post_put_delete_with_confirmation() {
    let store = simulator().await;
    let dir = temp_dir("crud");
    let mut h = Harness::on_store(&store, false, &dir);
    h.wait_for("products", products_loaded).await;
    h.open_console().await;
    insta::assert_snapshot!("console_empty", h.snapshot());

    // GET, with completion of a template from the specs.
    h.press(KeyCode::Char('i'));
    h.type_text("/v3/catalog/products/1/vari");
    h.press(KeyCode::Tab);
    h.wait_for("a completion", |s| s.console.completion.is_some())
        .await;
    assert_eq!(
        h.state().console.path.value(),
        "/v3/catalog/products/1/variants"
    );
    // Tab again: the next template, its placeholder selected for typing over.
    h.press(KeyCode::Tab);
    h.wait_for("the next completion", |s| {
        s.console.completion.as_ref().is_some_and(|c| c.index == 1)
    })
    .await;
    assert_eq!(
        h.state().console.path.value(),
        "/v3/catalog/products/1/variants/{variant_id}"
    );
    insta::assert_snapshot!("console_completion", h.snapshot());
    h.type_text("7");
    h.wait_for("the placeholder typed over", |s| {
        s.console.path.value() == "/v3/catalog/products/1/variants/7"
    })
    .await;
    h.ctrl('u');
    h.type_text("/v3/catalog/products?limit=2&include_fields=name,price");
    h.send_and_wait("the GET answer").await;
    let response = h.state().console.response.clone().expect("a response");
    assert_eq!(response.status, 200);
    assert!(h.screen().contains("\"data\": ["), "{}", h.screen());
    assert!(h.screen().contains("200 OK"));
    h.press(KeyCode::Esc);
    h.wait_for("normal mode", |s| s.mode == Mode::Normal).await;
    insta::assert_snapshot!("console_get_response", h.snapshot());

    // Search in the body, then step through the matches.
    h.press(KeyCode::Char('/'));
    h.type_text("price");
    h.press(KeyCode::Enter);
    h.wait_for("matches", |s| s.console.search.matches.len() == 2)
        .await;
    h.press(KeyCode::Char('n'));
    h.wait_for("the second match", |s| s.console.search.current == 1)
        .await;

    // POST creates a product.
    h.set_method(HttpMethod::Get, HttpMethod::Post);
    h.set_path("/v3/catalog/products");
    h.press(KeyCode::Esc);
    h.set_body(r#"{"name": "Console Jar", "type": "physical", "weight": 1, "price": 12.50}"#);
    h.send_and_wait("the POST answer").await;
    let created = h.state().console.response.clone().expect("a response");
    assert_eq!(created.status, 200, "{}", h.screen());
    let json: serde_json::Value = serde_json::from_slice(&created.body).expect("json");
    let id = json["data"]["id"].to_string();
    assert_eq!(
        methods_sent(&store, "POST"),
        vec!["/stores/".to_string() + store.store_hash() + "/v3/catalog/products"]
    );

    // PUT changes its price.
    h.set_method(HttpMethod::Post, HttpMethod::Put);
    h.set_path(&format!("/v3/catalog/products/{id}"));
    h.press(KeyCode::Esc);
    h.set_body(r#"{"price": 14.25}"#);
    h.send_and_wait("the PUT answer").await;
    let updated = h.state().console.response.clone().expect("a response");
    assert_eq!(updated.status, 200, "{}", h.screen());
    assert!(String::from_utf8_lossy(&updated.body).contains("14.25"));

    // DELETE asks first; n cancels, y sends.
    h.set_method(HttpMethod::Put, HttpMethod::Delete);
    h.ctrl('s');
    h.wait_for("the DELETE prompt", |s| {
        s.mode == Mode::Console(ConsoleMode::ConfirmDelete)
    })
    .await;
    insta::assert_snapshot!("console_confirm_delete", h.snapshot());
    h.press(KeyCode::Char('n'));
    h.wait_for("the prompt closed", |s| s.mode == Mode::Normal)
        .await;
    assert!(methods_sent(&store, "DELETE").is_empty());
    h.ctrl('s');
    h.press(KeyCode::Char('y'));
    h.wait_for("the DELETE answer", |s| {
        s.console.view.is_some() && s.console.response.as_ref().is_some_and(|r| r.status == 204)
    })
    .await;
    assert_eq!(methods_sent(&store, "DELETE").len(), 1);
    assert_eq!(
        h.state().console.view.as_ref().map(|v| v.kind),
        Some(BodyKind::Empty)
    );
    assert!(h.screen().contains("204 No Content"), "{}", h.screen());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_json_and_foreign_hosts_are_never_sent() {
    let store = simulator().await;
    let dir = temp_dir("refusals");
    let mut h = Harness::on_store(&store, false, &dir);
    h.wait_for("products", products_loaded).await;
    h.open_console().await;

    h.set_method(HttpMethod::Get, HttpMethod::Post);
    h.set_path("/v3/catalog/products");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('b'));
    h.type_text("{\"name\": \"x\",");
    h.press(KeyCode::Enter);
    h.type_text("  \"price\": }");
    h.ctrl('s');
    h.wait_for("the JSON error", |s| s.console.body_error.is_some())
        .await;
    let error = h.state().console.body_error.clone().unwrap_or_default();
    assert!(error.contains("line 2, column 12"), "{error}");
    assert_eq!(h.state().mode, Mode::Console(ConsoleMode::Body));
    assert!(
        h.state()
            .toasts
            .iter()
            .any(|t| t.text.starts_with("Not sent. Body is not valid JSON")),
        "{:?}",
        h.state().toasts
    );
    insta::assert_snapshot!("console_invalid_json", h.snapshot());
    assert!(methods_sent(&store, "POST").is_empty());

    // Other hosts: refused by the client before anything leaves.
    h.press(KeyCode::Esc);
    h.set_method(HttpMethod::Post, HttpMethod::Get);
    let before = store.requests().len();
    for path in [
        "https://evil.example.com/v3/catalog/products",
        "//evil.example.com/v3/catalog/products",
    ] {
        h.set_path(path);
        h.press(KeyCode::Enter);
        h.wait_for("the refusal", |s| {
            s.console.error.is_some()
                && s.console
                    .shown_request
                    .as_ref()
                    .is_some_and(|(_, r)| r.path == path)
        })
        .await;
        let error = h.state().console.error.clone().unwrap_or_default();
        assert!(error.contains("refused to send the token"), "{error}");
    }
    h.press(KeyCode::Esc);
    h.wait_for("normal mode", |s| s.mode == Mode::Normal).await;
    insta::assert_snapshot!("console_refused_host", h.snapshot());
    let after = store.requests();
    assert_eq!(after.len(), before, "{:?}", &after[before..]);
    assert!(after.iter().all(|r| !r.path.contains("evil")));
    // Refused requests are not history: they never left.
    assert!(h.history_lines().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_mode_refuses_writes() {
    let store = simulator().await;
    let dir = temp_dir("readonly");
    let mut h = Harness::on_store(&store, true, &dir);
    h.wait_for("products", products_loaded).await;
    h.open_console().await;
    for (from, to) in [
        (HttpMethod::Get, HttpMethod::Post),
        (HttpMethod::Post, HttpMethod::Delete),
    ] {
        h.set_method(from, to);
        h.set_path("/v3/catalog/products/1");
        h.ctrl('s');
        let refused = format!("read-only mode; {} refused", to.as_str());
        h.wait_for("the refusal", |s| {
            s.console
                .error
                .as_deref()
                .is_some_and(|e| e.contains(&refused))
        })
        .await;
        assert_eq!(h.state().mode, Mode::Console(ConsoleMode::Path));
        h.press(KeyCode::Esc);
    }
    assert!(methods_sent(&store, "POST").is_empty());
    assert!(methods_sent(&store, "DELETE").is_empty());
    // GET still works.
    h.set_method(HttpMethod::Delete, HttpMethod::Get);
    h.set_path("/v3/catalog/products/1");
    h.send_and_wait("the GET").await;
    assert_eq!(
        h.state().console.response.as_ref().map(|r| r.status),
        Some(200)
    );
    let got = h.state().console.response.clone().expect("a response");
    h.press(KeyCode::Esc);
    // Copy as cURL and the body.
    h.press(KeyCode::Char('y'));
    h.press(KeyCode::Char('Y'));
    h.wait_for("two copies", |s| {
        s.toasts
            .iter()
            .any(|t| t.text.starts_with("Copied the response body"))
    })
    .await;
    let copied = h.runner.copied().to_vec();
    assert!(copied.len() >= 2, "{copied:?}");
    let curl = &copied[copied.len() - 2];
    assert!(curl.starts_with("curl -sS -X GET '"), "{curl}");
    assert!(curl.contains("$BIGCOMMERCE_ACCESS_TOKEN"));
    assert!(!curl.contains(store.token()));
    assert_eq!(copied[copied.len() - 1].as_bytes(), got.body.as_slice());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_is_persisted_without_the_token() {
    let store = simulator().await;
    let dir = temp_dir("history");
    {
        let mut h = Harness::on_store(&store, false, &dir);
        h.wait_for("products", products_loaded).await;
        h.open_console().await;
        h.set_path("/v3/catalog/products?limit=1");
        h.send_and_wait("the first GET").await;
        h.set_path("/v2/orders?limit=1");
        h.send_and_wait("the second GET").await;
        h.set_path("/v3/catalog/products/999999");
        h.send_and_wait("a 404").await;
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while h.history_lines().len() < 3 {
            assert!(
                tokio::time::Instant::now() < deadline,
                "history not written"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    let text = std::fs::read_to_string(dir.join("console_history.jsonl")).expect("history");
    assert!(!text.contains(store.token()), "the token leaked: {text}");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines[0]["method"], "GET");
    assert_eq!(lines[0]["path"], "/v3/catalog/products?limit=1");
    assert_eq!(lines[0]["status"].to_string(), "200");
    assert_eq!(lines[2]["status"].to_string(), "404");
    assert!(lines[0]["time"].is_string());

    // A new session walks it with ↑/↓ and searches it with Ctrl-r.
    let mut h = Harness::on_store(&store, false, &dir);
    h.open_console().await;
    h.wait_for("the history", |s| s.console.history.len() == 3)
        .await;
    h.press(KeyCode::Char('i'));
    h.type_text("/v3/draft");
    h.press(KeyCode::Up);
    h.wait_for("the newest entry", |s| {
        s.console.path.value() == "/v3/catalog/products/999999"
    })
    .await;
    h.press(KeyCode::Up);
    h.wait_for("the entry before", |s| {
        s.console.path.value() == "/v2/orders?limit=1"
    })
    .await;
    h.press(KeyCode::Down);
    h.press(KeyCode::Down);
    h.wait_for("the draft again", |s| s.console.path.value() == "/v3/draft")
        .await;
    h.ctrl('r');
    h.type_text("orders");
    h.wait_for("the history search", |s| {
        s.console.history_matches().len() == 1
    })
    .await;
    insta::assert_snapshot!("console_history_search", h.snapshot());
    h.press(KeyCode::Enter);
    h.wait_for("the picked entry", |s| {
        s.console.path.value() == "/v2/orders?limit=1" && s.mode == Mode::Console(ConsoleMode::Path)
    })
    .await;
}

/// A store of one endpoint answering 5 MB of JSON, with the headers the
/// simulator sends.
async fn big_store(body: Arc<String>) -> String {
    use axum::Router;
    use axum::routing::get;
    let app = Router::new().fallback(get(move || {
        let body = Arc::clone(&body);
        async move {
            (
                [
                    ("content-type", "application/json"),
                    ("x-rate-limit-requests-left", "149"),
                    ("x-rate-limit-requests-quota", "150"),
                ],
                body.as_str().to_string(),
            )
        }
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

fn five_megabytes() -> String {
    let items: Vec<String> = (0..42_000)
        .map(|i| {
            format!(
                r#"{{"id":{i},"name":"Product {i}","price":"{i}.95","is_visible":true,"tags":["a","b"],"meta":{{"sku":"SKU-{i:06}","weight":null}}}}"#
            )
        })
        .collect();
    format!(r#"{{"data":[{}],"meta":{{}}}}"#, items.join(","))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_five_megabyte_answer_keeps_the_ui_responsive_and_saves_whole() {
    let body = Arc::new(five_megabytes());
    assert!(body.len() > 5_000_000, "{}", body.len());
    let url = big_store(Arc::clone(&body)).await;
    let dir = temp_dir("big");
    let mut h = Harness::start(url, "abc", "secret-token", false, &dir);
    h.open_console().await;
    h.set_path("/v3/big");
    h.ctrl('s');
    h.wait_for("the answer", |s| s.console.response.is_some())
        .await;
    // The body is being formatted off the UI thread: keys still work now.
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('H'));
    let mut handled_while_formatting = None;
    h.wait_for("the keys", |s| {
        let done = s.console.show_headers && s.mode == Mode::Normal;
        if done {
            handled_while_formatting = Some(s.console.view.is_none());
        }
        done
    })
    .await;
    assert_eq!(
        handled_while_formatting,
        Some(true),
        "keys were handled only after formatting"
    );
    assert!(h.screen().contains("formatting 5."), "{}", h.screen());
    h.wait_for("the formatted body", |s| s.console.view.is_some())
        .await;
    let view = h.state().console.view.clone().expect("view");
    assert!(view.truncated);
    assert_eq!(view.total_bytes, body.len());
    assert!(h.screen().contains("formatted) of a 5."), "{}", h.screen());
    assert!(h.screen().contains("Showing the first "), "{}", h.screen());
    assert!(h.screen().contains("quota 149/150 left"), "{}", h.screen());
    h.press(KeyCode::Char('G'));
    h.wait_for("the bottom", |s| s.console.scroll > 1000).await;

    // Too big for the clipboard: says so rather than flooding the terminal.
    h.press(KeyCode::Char('Y'));
    h.wait_for("the clipboard refusal", |s| {
        s.toasts
            .iter()
            .any(|t| t.text.contains("too big for the clipboard"))
    })
    .await;
    assert!(h.runner.copied().is_empty());

    h.press(KeyCode::Char('w'));
    h.wait_for("the saved toast", |s| {
        s.toasts
            .iter()
            .any(|t| t.text.starts_with("Saved the body"))
    })
    .await;
    let saved: Vec<_> = std::fs::read_dir(dir.join("responses"))
        .expect("responses dir")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        std::fs::read(&saved[0]).expect("saved file"),
        body.as_bytes()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_body_can_be_written_in_the_editor() {
    let dir = temp_dir("editor");
    let script = dir.join("editor.sh");
    let seen = dir.join("seen.json");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ncp \"$1\" {}\nprintf '%s\\n' '{{\"name\": \"Editor Jar\", \"type\": \"physical\", \"weight\": 1, \"price\": 3}}' > \"$1\"\n",
            seen.display()
        ),
    )
    .expect("script");
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .expect("chmod");
    // SAFETY: this is the only test in this binary that reads or writes these variables.
    unsafe {
        std::env::set_var("VISUAL", &script);
        std::env::set_var("EDITOR", &script);
    }
    let store = simulator().await;
    let mut h = Harness::on_store(&store, false, &dir);
    h.wait_for("products", products_loaded).await;
    h.open_console().await;
    h.set_method(HttpMethod::Get, HttpMethod::Post);
    h.set_path("/v3/catalog/products");
    h.press(KeyCode::Esc);
    h.set_body("{\"draft\": true}");
    h.press(KeyCode::Char('E'));
    h.wait_for("the editor request", |_| false).await;
    assert!(h.runner.wants_external_edit());
    h.runner.edit_externally().await.expect("the editor runs");
    assert_eq!(
        std::fs::read_to_string(&seen).expect("the editor saw the body"),
        "{\"draft\": true}"
    );
    assert_eq!(
        h.state().console.body_text(),
        r#"{"name": "Editor Jar", "type": "physical", "weight": 1, "price": 3}"#
    );
    h.send_and_wait("the POST").await;
    let created = h.state().console.response.clone().expect("a response");
    assert_eq!(created.status, 200);
    assert!(String::from_utf8_lossy(&created.body).contains("Editor Jar"));
}
