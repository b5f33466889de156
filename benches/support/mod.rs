//! What the benches that talk to the store simulator share.
#![allow(dead_code)]

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc;
use tokio_stream::wrappers::UnboundedReceiverStream;

use bctui::api::client::{Client, ClientConfig};
use bctui::api::models::{Product, ProductRow};
use bctui::api::query::ProductQuery;
use bctui::api::token::Token;
use bctui::app::{AppState, Tab};
use bctui::clock::Clock;
use bctui::fakestore::{FakeStore, FakeStoreConfig};
use bctui::runtime::{Runner, TuiOptions};
use rust_decimal::Decimal;

/// Runs `bench` on a two-worker tokio runtime (the CI machine has two cores).
pub fn block_on<F: Future>(bench: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(bench)
}

/// A catalog of `products` products with 10 customers and 10 orders, on the test clock and
/// with a quota no bench reaches.
pub fn catalog_config(products: usize) -> FakeStoreConfig {
    FakeStoreConfig {
        products,
        customers: 10,
        orders: 10,
        quota: 1_000_000,
        clock: Clock::test(),
        ..FakeStoreConfig::default()
    }
}

/// The simulator for `config`, started.
pub async fn start(config: FakeStoreConfig) -> FakeStore {
    FakeStore::start(config)
        .await
        .expect("the simulator starts")
}

/// Every product through `client`'s catalog walk, and how long the walk took.
pub async fn walk_products(client: &Client) -> (Vec<Product>, Duration) {
    let started = std::time::Instant::now();
    let products = client
        .all_products(&ProductQuery::default(), |_| {})
        .await
        .expect("the walk succeeds");
    (products, started.elapsed())
}

/// App state on the Products tab at 100x30 with `rows` products loaded (no store: the
/// benches that draw feed the list directly).
pub fn products_state(rows: u64) -> AppState {
    let mut state = AppState::new(
        "bench",
        "bench@host",
        false,
        Clock::test(),
        std::env::temp_dir().join("bctui-bench-never-written"),
    );
    state.size = (100, 30);
    state.tab = Tab::Products;
    let products: Vec<ProductRow> = (1..=rows)
        .map(|id| ProductRow {
            id,
            name: format!("Benchmark Product {id}").into(),
            sku: format!("BENCH-{id:06}").into(),
            price: Decimal::new(995 + id as i64 % 10_000, 2),
            inventory_level: (id % 500) as i64,
            is_visible: true,
            ..ProductRow::default()
        })
        .collect();
    state
        .products
        .list
        .append_page(1, products, rows as usize, Some(rows));
    state
}

/// The simulator's answer to an authenticated `GET` of `path` (`/v3/…`, as a store's API
/// path), as a raw HTTP response: benches that measure bytes and times see what was sent.
pub async fn get(http: &reqwest::Client, store: &FakeStore, path: &str) -> reqwest::Response {
    let url = format!("{}/stores/{}{path}", store.api_url(), store.store_hash());
    http.get(url)
        .header("x-auth-token", store.token())
        .send()
        .await
        .expect("the simulator answers")
}

/// A full-access client for `store`.
pub fn client_for(store: &FakeStore) -> Client {
    Client::new(ClientConfig {
        api_url: store.api_url(),
        store_hash: store.store_hash().to_string(),
        token: Token::new(store.token().to_string()),
        read_only: false,
    })
    .expect("a client")
}

/// The keyboard the benches type on.
pub type Input = UnboundedReceiverStream<io::Result<Event>>;

/// The app loop on a 100x30 `TestBackend`, on the Products tab, talking to `store`,
/// with its keyboard.
pub fn app(
    store: &FakeStore,
    data_dir: &tempfile::TempDir,
) -> (
    Runner<TestBackend>,
    mpsc::UnboundedSender<io::Result<Event>>,
    Input,
) {
    let options = TuiOptions {
        client: client_for(store),
        profile: "demo".to_string(),
        read_only: false,
        read_only_flag: false,
        mouse: false,
        profiles: vec!["demo".to_string()],
        connect: Arc::new(|name: &str| Err(format!("no profile {name}"))),
        user_host: "bench@host".to_string(),
        clock: store.clock().clone(),
        data_dir: data_dir.path().to_path_buf(),
        monochrome: false,
        order_poll: None,
        start_tab: Some(bctui::app::Tab::Products),
        keymap: Default::default(),
        colors: Default::default(),
    };
    let terminal = Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
    let (runner, _actions) = Runner::from_options(terminal, options).expect("a runner");
    let (keys, receiver) = mpsc::unbounded_channel::<io::Result<Event>>();
    (runner, keys, UnboundedReceiverStream::new(receiver))
}

/// Runs the loop until `condition` holds; after `patience` it stops the bench,
/// naming where the lists stand.
pub async fn run_until(
    runner: &mut Runner<TestBackend>,
    input: &mut Input,
    patience: Duration,
    condition: impl FnMut(&bctui::app::AppState) -> bool,
) {
    let ran = tokio::time::timeout(patience, runner.run_until(input, condition)).await;
    let state = runner.state();
    let Ok(ran) = ran else {
        panic!(
            "the condition did not hold in time: tab {:?}, products {:?}, orders {:?}, toasts {:?}",
            state.tab, state.products.list.load, state.orders.list.load, state.toasts
        );
    };
    ran.expect("the loop runs");
}
