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
use bctui::api::token::Token;
use bctui::fakestore::FakeStore;
use bctui::runtime::{Runner, TuiOptions};

/// Runs `bench` on a two-worker tokio runtime (the CI machine has two cores).
pub fn block_on<F: Future>(bench: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(bench)
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
