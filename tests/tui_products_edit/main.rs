//! Product editing end to end: the real app loop (`Runner` on a `TestBackend`)
//! driven by keys against the store simulator, every result checked through
//! the API afterwards, and "nothing sent" checked in the simulator's request log.

use std::io;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;
use tokio::sync::mpsc;
use tokio_stream::wrappers::UnboundedReceiverStream;

use bctui::api::client::{Client, ClientConfig};
use bctui::api::models::Product;
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
            products: 60,
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

    pub fn row(&self, index: usize) -> Product {
        self.state().products.list.rows[index].clone()
    }

    pub async fn product(&self, id: u64) -> Product {
        self.api
            .get_product(id, &[])
            .await
            .expect("the product loads")
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

pub fn money(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

mod many;
mod single;
