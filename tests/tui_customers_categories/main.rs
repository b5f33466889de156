//! Customer and category editing end to end: the real app loop on a
//! `TestBackend` driven by keys against the store simulator, every result
//! checked through the API afterwards.

use std::io;
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
use bctui::app::AppState;
use bctui::app::list::LoadState;
use bctui::fakestore::{FakeStore, FakeStoreConfig};
use bctui::tui::{Runner, TuiOptions};

pub const PATIENCE: Duration = Duration::from_secs(15);

pub struct Harness {
    pub runner: Runner<TestBackend>,
    pub keys: mpsc::UnboundedSender<io::Result<Event>>,
    pub input: UnboundedReceiverStream<io::Result<Event>>,
    pub store: FakeStore,
    pub api: Client,
}

impl Harness {
    pub async fn start(read_only: bool) -> Harness {
        let store = FakeStore::start(FakeStoreConfig {
            products: 20,
            customers: 10,
            orders: 10,
            quota: 10_000,
            anchor: Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).single(),
            ..FakeStoreConfig::default()
        })
        .await
        .expect("the simulator starts");
        let client = client_for(&store, read_only);
        let options = TuiOptions {
            client,
            profile: "demo".to_string(),
            read_only,
            mouse: false,
            profiles: vec!["demo".to_string()],
            connect: Arc::new(|name: &str| Err(format!("no profile {name}"))),
        };
        let terminal = Terminal::new(TestBackend::new(120, 30)).expect("test terminal");
        let (runner, _actions) = Runner::from_options(terminal, options).expect("runner");
        let (keys, receiver) = mpsc::unbounded_channel();
        let api = client_for(&store, false);
        let mut h = Harness {
            runner,
            keys,
            input: UnboundedReceiverStream::new(receiver),
            store,
            api,
        };
        h.wait_for("the first products", |s| {
            s.products.list.load == LoadState::Loaded && !s.products.list.rows.is_empty()
        })
        .await;
        h
    }

    pub fn key(&self, code: KeyCode, modifiers: KeyModifiers) {
        let event = Event::Key(KeyEvent::new(code, modifiers));
        self.keys.send(Ok(event)).expect("the loop listens");
    }

    pub fn press(&self, code: KeyCode) {
        self.key(code, KeyModifiers::NONE);
    }

    pub fn type_text(&self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    pub async fn wait_for(&mut self, what: &str, condition: impl FnMut(&AppState) -> bool) {
        let run = self.runner.run_until(&mut self.input, condition);
        match tokio::time::timeout(PATIENCE, run).await {
            Ok(result) => result.expect("the loop runs"),
            Err(_) => panic!("timed out waiting for {what}\n{}", self.screen()),
        }
    }

    /// Waits until no write is in flight and a toast containing `text` shows.
    pub async fn wait_toast(&mut self, text: &str) {
        let wanted = text.to_string();
        self.wait_for(&format!("a toast {text:?}"), move |s| {
            s.edit.pending.is_empty() && s.toasts.iter().any(|t| t.text.contains(&wanted))
        })
        .await;
    }

    pub fn state(&self) -> &AppState {
        self.runner.state()
    }

    pub fn screen(&self) -> String {
        self.runner.backend().to_string()
    }

    /// The screen without its first line (the header's user, host and
    /// quota vary from run to run), for snapshots.
    pub fn body(&self) -> String {
        let screen = self.screen();
        screen.lines().skip(1).collect::<Vec<_>>().join("\n")
    }

    /// Selects the first category that has subcategories and expands it.
    pub async fn select_parent(&mut self) {
        let rows = &self.state().categories.rows;
        let index = rows
            .iter()
            .position(|r| r.has_children)
            .expect("a category with subcategories");
        for _ in 0..index {
            self.press(KeyCode::Char('j'));
        }
        self.wait_for("a parent selected", |s| {
            s.categories.selected_row().is_some_and(|r| r.has_children)
        })
        .await;
    }

    /// Opens tab `key` ('3' customers, '4' categories) and waits for its data.
    pub async fn open_customers(&mut self) {
        self.press(KeyCode::Char('3'));
        self.wait_for("the customers", |s| {
            s.customers.list.load == LoadState::Loaded && !s.customers.list.rows.is_empty()
        })
        .await;
    }

    pub async fn open_categories(&mut self) {
        self.press(KeyCode::Char('4'));
        self.wait_for("the categories", |s| {
            s.categories.load == LoadState::Loaded && !s.categories.rows.is_empty()
        })
        .await;
    }

    pub async fn wait_overlay(&mut self) {
        self.wait_for("a dialog or editor", |s| s.edit.overlay.is_some())
            .await;
    }

    /// Requests other than GETs (writes) the simulator served so far.
    pub fn writes(&self) -> Vec<String> {
        self.store
            .requests()
            .into_iter()
            .filter(|r| r.method != "GET")
            .map(|r| format!("{} {} {}", r.method, r.path, r.status))
            .collect()
    }

    pub fn requests(&self) -> usize {
        self.store.requests().len()
    }
}

pub fn client_for(store: &FakeStore, read_only: bool) -> Client {
    Client::new(ClientConfig {
        api_url: store.api_url(),
        store_hash: store.store_hash().to_string(),
        token: Token::new(store.token().to_string()),
        read_only,
    })
    .expect("client")
}

mod categories;
mod customers;
mod shared;
