//! What every TUI test drives: the real app loop (`Runner` on a `TestBackend`) fed with
//! key events, against a store simulator, with a second client to check results through
//! the API; the steps the suites share are in `steps`. Each test crate uses part of it.
#![allow(dead_code)]

use std::io;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use tokio::sync::mpsc;
use tokio_stream::wrappers::UnboundedReceiverStream;

use bctui::api::client::{Client, ClientConfig};
use bctui::api::token::Token;
use bctui::app::AppState;
use bctui::app::edit::Overlay;
use bctui::cli::hook_receiver::{Delivery, Receiver};
use bctui::clock::Clock;
use bctui::fakestore::{FakeStore, FakeStoreConfig};
use bctui::runtime::{Runner, TuiOptions};

mod screen;
mod steps;
pub use screen::Screen;

/// How long a condition may take before the test fails with the screen.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The loop and the keyboard.
pub struct Driver {
    pub runner: Runner<Screen>,
    pub keys: mpsc::UnboundedSender<io::Result<Event>>,
    pub input: UnboundedReceiverStream<io::Result<Event>>,
    /// The app's clock (shared with the simulator when the test made both).
    pub clock: Clock,
    /// The app's data directory: removed when the last driver using it ends.
    pub data_dir: Arc<tempfile::TempDir>,
}

impl Driver {
    /// The app for `options` on a `width` x `height` screen, its files in a fresh
    /// temporary directory; nothing runs until a wait.
    pub fn new(options: TuiOptions, width: u16, height: u16) -> Driver {
        Driver::in_dir(options, width, height, temp_dir())
    }

    /// The app as [`Driver::new`] makes it, its files in `data_dir` (which may hold
    /// those of an earlier session).
    pub fn in_dir(
        mut options: TuiOptions,
        width: u16,
        height: u16,
        data_dir: Arc<tempfile::TempDir>,
    ) -> Driver {
        options.data_dir = data_dir.path().to_path_buf();
        let clock = options.clock.clone();
        let terminal = Terminal::new(Screen::new(width, height)).expect("test terminal");
        let (runner, _actions) = Runner::from_options(terminal, options).expect("runner");
        let (keys, receiver) = mpsc::unbounded_channel();
        Driver {
            runner,
            keys,
            input: UnboundedReceiverStream::new(receiver),
            clock,
            data_dir,
        }
    }

    /// Moves the clock of the app (and of the simulator sharing it) forward: toasts
    /// expire and polls fire when the clock passes them.
    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
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

    /// Types `:line` and Enter.
    pub fn command(&self, line: &str) {
        self.press(KeyCode::Char(':'));
        self.type_text(line);
        self.press(KeyCode::Enter);
    }

    /// Runs the loop until `condition` holds, or fails showing the screen.
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

    /// Waits until no write is in flight and a report (of a bulk change, a retry,
    /// an undo) is open.
    pub async fn wait_report(&mut self, what: &str) {
        self.wait_for(what, |s| {
            s.edit.pending.is_empty() && matches!(s.edit.overlay, Some(Overlay::Report(_)))
        })
        .await;
    }

    /// Waits until no write (an edit's or the Orders tab's) is in flight and a toast says
    /// a write was not sent because someone changed what it would change.
    pub async fn wait_refused_as_changed(&mut self) {
        self.wait_for("the refusal of a changed record", |s| {
            s.edit.pending.is_empty()
                && s.orders.writing.is_none()
                && s.toasts
                    .iter()
                    .any(|t| t.text.contains("changed by someone else"))
        })
        .await;
    }

    /// The texts of the toasts showing, oldest first, joined by ` | `.
    pub fn toasts(&self) -> String {
        let texts: Vec<&str> = self
            .state()
            .toasts
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        texts.join(" | ")
    }

    /// `E`: the loop stops for the external editor, which then runs (the script
    /// [`use_editor_script`] set) on what the app offers.
    pub async fn edit_with_editor(&mut self) {
        self.press(KeyCode::Char('E'));
        self.wait_for("the editor request", |_| false).await;
        assert!(self.runner.wants_external_edit());
        self.runner
            .edit_externally()
            .await
            .expect("the editor runs");
    }

    pub fn state(&self) -> &AppState {
        self.runner.state()
    }

    pub fn screen(&self) -> String {
        self.runner.backend().to_string()
    }

    /// The screen without its first line (the header's user, host and quota vary
    /// from run to run), for snapshots.
    pub fn body(&self) -> String {
        let screen = self.screen();
        screen.lines().skip(1).collect::<Vec<_>>().join("\n")
    }
}

/// A fresh, empty directory, removed when the last holder drops it.
pub fn temp_dir() -> Arc<tempfile::TempDir> {
    Arc::new(tempfile::tempdir().expect("a temporary directory"))
}

/// The driver plus the simulator it talks to and a client for checking results.
pub struct Harness {
    pub driver: Driver,
    pub store: FakeStore,
    pub api: Client,
}

impl Deref for Harness {
    type Target = Driver;
    fn deref(&self) -> &Driver {
        &self.driver
    }
}

impl DerefMut for Harness {
    fn deref_mut(&mut self) -> &mut Driver {
        &mut self.driver
    }
}

/// A small store on a manual clock at the test anchor (so data is the same every run
/// and on any day) with a generous quota.
pub fn store_config(products: usize, customers: usize, orders: usize) -> FakeStoreConfig {
    FakeStoreConfig {
        products,
        customers,
        orders,
        quota: 100_000,
        clock: Clock::test(),
        ..FakeStoreConfig::default()
    }
}

/// Options for the demo profile on `clock` (give it the simulator's); `:profile` to
/// anything else fails. Nothing comes from the environment: colours on, no poll setting.
pub fn options(client: Client, read_only: bool, clock: &Clock) -> TuiOptions {
    TuiOptions {
        client,
        profile: "demo".to_string(),
        read_only,
        // A read-only run here stands for `bctui --read-only`.
        read_only_flag: read_only,
        mouse: false,
        profiles: vec!["demo".to_string()],
        connect: Arc::new(|name: &str| Err(format!("no profile {name}"))),
        user_host: "merchant@shop".to_string(),
        clock: clock.clone(),
        data_dir: std::path::PathBuf::new(),
        monochrome: false,
        keymap: Default::default(),
        colors: Default::default(),
        order_poll: None,
        // The suites written before the Home tab start where the app used to.
        start_tab: Some(bctui::app::Tab::Products),
    }
}

impl Harness {
    /// Starts the store and the app (read-only or not) on a `width` x `height` screen.
    pub async fn launch(
        config: FakeStoreConfig,
        read_only: bool,
        width: u16,
        height: u16,
    ) -> Harness {
        let store = FakeStore::start(config)
            .await
            .expect("the simulator starts");
        let driver = Driver::new(
            options(client_for(&store, read_only), read_only, store.clock()),
            width,
            height,
        );
        let api = client_for(&store, false);
        Harness { driver, store, api }
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

    /// Places an order (Awaiting Fulfillment, two mugs at 12.50) through `POST /v2/orders`
    /// billed to `first_name` at `email`; returns the order as the API answered it.
    pub async fn place_order(&self, first_name: &str, email: &str) -> serde_json::Value {
        let body = serde_json::json!({
            "status_id": 11,
            "billing_address": {
                "first_name": first_name, "last_name": "Tester", "street_1": "1 Main St",
                "city": "Austin", "state": "Texas", "zip": "78751",
                "country": "United States", "country_iso2": "US", "email": email
            },
            "products": [{"name": "Test mug, large", "quantity": 2, "price_ex_tax": "12.50"}]
        });
        let response = self
            .api
            .raw(reqwest::Method::POST, "/v2/orders", Some(body))
            .await
            .expect("POST /v2/orders");
        assert_eq!(response.status, 200, "the spec says 200");
        serde_json::from_slice(&response.body).expect("json")
    }

    /// How many requests the simulator served so far.
    pub fn requests(&self) -> usize {
        self.store.requests().len()
    }
}

/// The next webhook delivery `receiver` gets (the test fails after [`PATIENCE`]).
pub async fn next_delivery(receiver: &mut Receiver) -> Delivery {
    tokio::time::timeout(PATIENCE, receiver.next())
        .await
        .expect("a delivery arrives")
        .expect("the receiver runs")
}

/// Makes the shell script `body` the app's `$VISUAL` and `$EDITOR` (for `E`, the external
/// edit); returns the script's path (its folder is for files the script writes). Only one test in a
/// test binary may call it: the environment is the whole process's.
pub fn use_editor_script(name: &str, body: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bctui-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("the script's folder");
    let script = dir.join("editor.sh");
    std::fs::write(&script, body).expect("the script");
    let made_executable = std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .expect("chmod runs");
    assert!(made_executable.success());
    // SAFETY: callers are the only test in their binary that reads or writes these variables.
    unsafe {
        std::env::set_var("VISUAL", &script);
        std::env::set_var("EDITOR", &script);
    }
    script
}

/// A client for `store`, refusing writes when `read_only`.
pub fn client_for(store: &FakeStore, read_only: bool) -> Client {
    Client::new(ClientConfig {
        api_url: store.api_url(),
        store_hash: store.store_hash().to_string(),
        token: Token::new(store.token().to_string()),
        read_only,
    })
    .expect("client")
}
