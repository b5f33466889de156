//! The console's additions to the shared `Driver` (the real app loop on a test
//! screen fed with key events), plus helpers to mask what changes between runs in snapshots.

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyModifiers};
use tempfile::TempDir;

pub use crate::common::{Driver, PATIENCE, temp_dir};
use bctui::api::client::{Client, ClientConfig};
use bctui::api::token::Token;
use bctui::app::AppState;
use bctui::app::console::HttpMethod;
use bctui::app::list::LoadState;
use bctui::clock::Clock;
use bctui::fakestore::{FakeStore, FakeStoreConfig};

/// Longer than any toast stays up.
const TOASTS_GONE: Duration = Duration::from_secs(60);

pub async fn simulator() -> FakeStore {
    FakeStore::start(FakeStoreConfig {
        products: 40,
        customers: 20,
        orders: 30,
        quota: 10_000,
        clock: Clock::test(),
        ..FakeStoreConfig::default()
    })
    .await
    .expect("the simulator starts")
}

impl Driver {
    pub fn start(
        api_url: String,
        hash: &str,
        token: &str,
        read_only: bool,
        data_dir: &Arc<TempDir>,
    ) -> Self {
        let client = Client::new(ClientConfig {
            api_url,
            store_hash: hash.to_string(),
            token: Token::new(token.to_string()),
            read_only,
        })
        .expect("client");
        let options = crate::common::options(client, read_only, &Clock::test());
        Driver::in_dir(options, 100, 30, Arc::clone(data_dir))
    }

    pub fn on_store(store: &FakeStore, read_only: bool, data_dir: &Arc<TempDir>) -> Self {
        Driver::start(
            store.api_url(),
            store.store_hash(),
            store.token(),
            read_only,
            data_dir,
        )
    }

    /// The app on `store` in a fresh data directory, its products loaded and the
    /// console open.
    pub async fn console_on(store: &FakeStore, read_only: bool) -> Self {
        let mut driver = Driver::on_store(store, read_only, &temp_dir());
        driver.wait_for("products", products_loaded).await;
        driver.open_console().await;
        driver
    }

    pub fn ctrl(&self, c: char) {
        self.key(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    /// The screen once its toasts have expired on the test clock, without the
    /// header row (user@host differs per machine), with times masked.
    pub async fn snapshot(&mut self) -> String {
        self.advance(TOASTS_GONE);
        self.wait_for("the toasts to expire", |s| s.toasts.is_empty())
            .await;
        mask_times(&self.body())
    }

    /// Opens the console and waits for its history to be read.
    pub async fn open_console(&mut self) {
        self.press(KeyCode::Char('7'));
        self.wait_for("the console", |s| {
            s.tab == bctui::app::Tab::Console && s.console.history_loaded
        })
        .await;
    }

    /// Replaces the path line with `path` (leaves the path line focused).
    pub fn set_path(&self, path: &str) {
        self.press(KeyCode::Char('i'));
        self.ctrl('u');
        self.type_text(path);
    }

    /// Replaces the body with `text` and leaves the editor.
    pub fn set_body(&self, text: &str) {
        self.press(KeyCode::Char('b'));
        // Select everything and delete it, then type.
        self.key(KeyCode::Char('a'), KeyModifiers::CONTROL);
        self.key(KeyCode::Char('k'), KeyModifiers::CONTROL);
        self.type_text(text);
        self.press(KeyCode::Esc);
    }

    pub fn set_method(&self, from: HttpMethod, to: HttpMethod) {
        let mut method = from;
        while method != to {
            self.press(KeyCode::Char('m'));
            method = method.next();
        }
    }

    /// Sends and waits until the answer is formatted.
    pub async fn send_and_wait(&mut self, what: &str) {
        let before = shown_id(self.state());
        self.ctrl('s');
        self.wait_for(what, |s| {
            s.console.in_flight.is_none() && s.console.view.is_some() && shown_id(s) != before
        })
        .await;
    }

    pub fn history_lines(&self) -> Vec<String> {
        std::fs::read_to_string(self.data_dir.path().join("console_history.jsonl"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

/// Masks what changes between runs: the digits of "NNN ms" and of "quota NNN/".
pub fn mask_times(text: &str) -> String {
    pub fn mask_digits(line: &mut String, start: usize, end: usize) {
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
            masked = same_width_whatever_the_time(&masked, start, at);
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

/// The line with the `start..end` digits of a response time as one `#`. A slower answer
/// (up to 999 ms) has more digits and pushes the rest of a boxed line right, so the box's
/// inside is cut two characters short and padded back: the same text for 1 to 3 digits.
fn same_width_whatever_the_time(line: &str, start: usize, end: usize) -> String {
    let width = line.chars().count();
    let mut masked = format!("{}#{}", &line[..start], &line[end..]);
    // Screen lines are quoted: `"│…│"`.
    if let Some(inside) = masked.strip_suffix("│\"") {
        let kept: String = inside.chars().take(width.saturating_sub(4)).collect();
        masked = format!("{kept:<0$}│\"", width - 2);
    }
    masked
}

/// Replaces dates and times (`2025-06-01T12:00:00`, `2025-06-01 12:00`)
/// with `#`s of the same shape.
pub fn mask_dates(line: &str) -> String {
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
pub fn shown_id(state: &AppState) -> Option<u64> {
    state.console.shown_request.as_ref().map(|(id, _)| *id)
}

pub fn products_loaded(state: &AppState) -> bool {
    state.products.list.load == LoadState::Loaded && state.header.store_name.is_some()
}

pub fn methods_sent(store: &FakeStore, method: &str) -> Vec<String> {
    store
        .requests()
        .into_iter()
        .filter(|r| r.method == method)
        .map(|r| r.path)
        .collect()
}

/// A store of one endpoint answering 5 MB of JSON, with the headers the
/// simulator sends.
pub async fn big_store(body: Arc<String>) -> String {
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

pub fn five_megabytes() -> String {
    let items: Vec<String> = (0..42_000)
        .map(|i| {
            format!(
                r#"{{"id":{i},"name":"Product {i}","price":"{i}.95","is_visible":true,"tags":["a","b"],"meta":{{"sku":"SKU-{i:06}","weight":null}}}}"#
            )
        })
        .collect();
    format!(r#"{{"data":[{}],"meta":{{}}}}"#, items.join(","))
}

#[test]
fn a_response_time_of_one_to_three_digits_masks_to_the_same_line() {
    let line = |ms: &str| {
        let inside = format!("200 OK · {ms} ms · 1 KB  GET /v3/catalog/products?limit=2");
        let cut: String = inside.chars().take(40).collect();
        format!("\"│{cut:<40}│\"")
    };
    let masked: Vec<String> = ["5", "12", "345"]
        .iter()
        .map(|ms| mask_times(&line(ms)))
        .collect();
    assert_eq!(masked[0], masked[1]);
    assert_eq!(masked[1], masked[2]);
    assert!(masked[0].contains("· # ms ·"), "{}", masked[0]);
}
