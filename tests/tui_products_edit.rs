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
use bctui::api::models::{Availability, Product, ProductWrite};
use bctui::api::token::Token;
use bctui::app::edit::Overlay;
use bctui::app::list::LoadState;
use bctui::app::{AppState, Mode};
use bctui::fakestore::{FakeStore, FakeStoreConfig};
use bctui::tui::{Runner, TuiOptions};

const PATIENCE: Duration = Duration::from_secs(15);

struct Harness {
    runner: Runner<TestBackend>,
    keys: mpsc::UnboundedSender<io::Result<Event>>,
    input: UnboundedReceiverStream<io::Result<Event>>,
    store: FakeStore,
    api: Client,
}

impl Harness {
    async fn start(read_only: bool) -> Harness {
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

    fn key(&self, code: KeyCode, modifiers: KeyModifiers) {
        let event = Event::Key(KeyEvent::new(code, modifiers));
        self.keys.send(Ok(event)).expect("the loop listens");
    }

    fn press(&self, code: KeyCode) {
        self.key(code, KeyModifiers::NONE);
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

    /// Waits until no write is in flight and a toast containing `text` shows.
    async fn wait_toast(&mut self, text: &str) {
        let wanted = text.to_string();
        self.wait_for(&format!("a toast {text:?}"), move |s| {
            s.edit.pending.is_empty() && s.toasts.iter().any(|t| t.text.contains(&wanted))
        })
        .await;
    }

    fn state(&self) -> &AppState {
        self.runner.state()
    }

    fn screen(&self) -> String {
        self.runner.backend().to_string()
    }

    fn row(&self, index: usize) -> Product {
        self.state().products.list.rows[index].clone()
    }

    async fn product(&self, id: u64) -> Product {
        self.api
            .get_product(id, &[])
            .await
            .expect("the product loads")
    }

    /// Requests other than GETs (writes) the simulator served so far.
    fn writes(&self) -> Vec<String> {
        self.store
            .requests()
            .into_iter()
            .filter(|r| r.method != "GET")
            .map(|r| format!("{} {} {}", r.method, r.path, r.status))
            .collect()
    }

    fn requests(&self) -> usize {
        self.store.requests().len()
    }
}

fn client_for(store: &FakeStore, read_only: bool) -> Client {
    Client::new(ClientConfig {
        api_url: store.api_url(),
        store_hash: store.store_hash().to_string(),
        token: Token::new(store.token().to_string()),
        read_only,
    })
    .expect("client")
}

fn money(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn price_edit_saves_the_exact_decimal() {
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    h.press(KeyCode::Char('p'));
    h.wait_for("the price editor", |s| s.mode == Mode::Edit)
        .await;
    let Some(Overlay::Inline(edit)) = &h.state().edit.overlay else {
        panic!("the inline editor opens");
    };
    assert_eq!(
        edit.editor.input.value(),
        bctui::app::edit::inline::plain_money(product.price),
        "prefilled with the current price"
    );
    h.type_text("9.95");
    h.press(KeyCode::Enter);
    let expected = format!(
        "Price {} → 9.95",
        bctui::app::edit::inline::plain_money(product.price)
    );
    h.wait_toast(&expected).await;
    let saved = h.product(product.id).await;
    assert_eq!(saved.price, money("9.95"));
    assert_eq!(saved.price.to_string(), "9.95", "exactly as typed");
    assert_eq!(h.row(0).price, money("9.95"));
    assert_eq!(saved.name, product.name, "nothing else changed");
    let writes = h.writes();
    assert_eq!(
        writes,
        [format!(
            "PUT /stores/fakestore/v3/catalog/products/{} 200",
            product.id
        )]
    );
    // The log has it.
    let log = h.state().edit.log.lines().join("\n");
    assert!(
        log.contains("Price") && log.contains("9.95") && log.contains("ok"),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_price_sends_nothing_and_says_why() {
    let mut h = Harness::start(false).await;
    let before = h.requests();
    h.press(KeyCode::Char('p'));
    h.type_text("9.99999");
    h.press(KeyCode::Enter);
    h.wait_for(
        "the reason",
        |s| matches!(&s.edit.overlay, Some(Overlay::Inline(e)) if e.editor.error.is_some()),
    )
    .await;
    assert!(
        h.screen().contains("at most 4 decimal places"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_text("-3");
    h.press(KeyCode::Enter);
    h.wait_for("the next reason", |s| {
        matches!(&s.edit.overlay, Some(Overlay::Inline(e)) if e.editor.error.as_deref() == Some("a price cannot be negative"))
    })
    .await;
    h.press(KeyCode::Esc);
    h.wait_for("the editor closed", |s| s.mode == Mode::Normal)
        .await;
    assert_eq!(
        h.requests(),
        before,
        "nothing was sent: {:?}",
        h.store.requests()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicate_sku_reverts_with_the_api_message() {
    let mut h = Harness::start(false).await;
    let (first, second) = (h.row(0), h.row(1));
    h.press(KeyCode::Char('h')); // Price → SKU
    h.press(KeyCode::Char('e'));
    h.type_text(&second.sku);
    h.press(KeyCode::Enter);
    h.wait_for("the error toast", |s| {
        s.edit.pending.is_empty() && s.toasts.iter().any(|t| t.text.starts_with("Not saved"))
    })
    .await;
    let toast = h.state().toasts.last().unwrap().text.clone();
    assert!(toast.contains("409"), "the API's message: {toast}");
    assert_eq!(h.row(0).sku, first.sku, "the old value is back");
    assert_eq!(h.product(first.id).await.sku, first.sku);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_inline_field_is_saved() {
    let mut h = Harness::start(false).await;
    let id = h.row(2).id;
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char('j'));
    // Start at the leftmost column (Name) and walk right.
    for _ in 0..8 {
        h.press(KeyCode::Char('h'));
    }
    let edits: [(&str, &str); 7] = [
        ("Name", "Renamed Lamp"),
        ("SKU", "NEW-SKU-1"),
        ("Price", "12.5"),
        ("Sale price", "11.25"),
        ("Retail price", "15"),
        ("Cost price", "4.1234"),
        ("Stock", "42"),
    ];
    for (field, text) in edits {
        h.press(KeyCode::Char('e'));
        h.type_text(text);
        h.press(KeyCode::Enter);
        h.wait_toast(&format!("{field} ")).await;
        h.press(KeyCode::Char('l'));
    }
    // Visible: space toggles; availability: space cycles.
    let before = h.row(2);
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Enter);
    h.wait_toast("Visible").await;
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Enter);
    h.wait_toast("Availability").await;

    let saved = h.product(id).await;
    assert_eq!(saved.name, "Renamed Lamp");
    assert_eq!(saved.sku, "NEW-SKU-1");
    assert_eq!(saved.price, money("12.5"));
    assert_eq!(saved.sale_price, money("11.25"));
    assert_eq!(saved.retail_price, money("15"));
    assert_eq!(saved.cost_price.to_string(), "4.1234");
    assert_eq!(saved.inventory_level, 42);
    assert_eq!(saved.is_visible, !before.is_visible);
    let next = match before.availability {
        Availability::Available => Availability::Disabled,
        Availability::Disabled => Availability::Preorder,
        _ => Availability::Available,
    };
    assert_eq!(saved.availability, next);
    assert_eq!(h.writes().len(), 9, "one PUT per field: {:?}", h.writes());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conflict_prompt_offers_overwrite() {
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    // Someone else changes the product after it was loaded.
    let theirs = ProductWrite {
        price: Some(money("8.50")),
        ..ProductWrite::default()
    };
    h.api.update_product(product.id, &theirs).await.unwrap();
    h.press(KeyCode::Char('p'));
    h.type_text("9.95");
    h.press(KeyCode::Enter);
    h.wait_for("the conflict prompt", |s| {
        matches!(s.edit.overlay, Some(Overlay::Conflict(_))) && s.edit.pending.is_empty()
    })
    .await;
    let screen = h.screen();
    assert!(screen.contains("changed by someone else"), "{screen}");
    assert!(
        screen.contains("theirs 8.50"),
        "both values are shown\n{screen}"
    );
    assert_eq!(
        h.product(product.id).await.price,
        money("8.50"),
        "nothing sent yet"
    );
    h.press(KeyCode::Char('o'));
    h.wait_toast("Price 8.50 → 9.95").await;
    assert_eq!(h.product(product.id).await.price, money("9.95"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conflict_prompt_reload_takes_theirs() {
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    let theirs = ProductWrite {
        name: Some("Changed Elsewhere".into()),
        ..ProductWrite::default()
    };
    h.api.update_product(product.id, &theirs).await.unwrap();
    h.press(KeyCode::Char('p'));
    h.type_text("1.00");
    h.press(KeyCode::Enter);
    h.wait_for("the conflict prompt", |s| {
        matches!(s.edit.overlay, Some(Overlay::Conflict(_)))
    })
    .await;
    h.press(KeyCode::Char('r'));
    h.wait_toast("Reloaded").await;
    assert_eq!(h.row(0).name, "Changed Elsewhere");
    assert_eq!(h.product(product.id).await.price, product.price, "not sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editor_json_edit_sends_only_changed_fields() {
    let dir = std::env::temp_dir().join(format!("bctui-editor-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("editor.sh");
    let record = dir.join("seen");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nstat -c '%a %n' \"$1\" > {}\nsed -i 's/\"price\": [0-9.]*/\"price\": 12.34/' \"$1\"\n",
            record.display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    // SAFETY: this is the only test in this binary that reads or writes these variables.
    unsafe {
        std::env::set_var("VISUAL", &script);
        std::env::set_var("EDITOR", &script);
    }
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    h.press(KeyCode::Char('E'));
    h.wait_for("the editor request", |_| false).await;
    assert!(h.runner.wants_external_edit());
    h.runner.edit_externally().await.unwrap();
    h.wait_toast("Price").await;
    let saved = h.product(product.id).await;
    assert_eq!(saved.price, money("12.34"));
    assert_eq!(saved.name, product.name);
    let seen = std::fs::read_to_string(&record).unwrap();
    let (mode, path) = seen.trim().split_once(' ').unwrap();
    assert_eq!(mode, "600", "the temp file is private");
    assert!(
        !std::path::Path::new(path).exists(),
        "the temp file is removed"
    );
    assert_eq!(h.writes().len(), 1, "{:?}", h.writes());
    // Unchanged: nothing sent.
    std::fs::write(&script, "#!/bin/sh\ntrue\n").unwrap();
    h.press(KeyCode::Char('E'));
    h.wait_for("the editor request", |_| false).await;
    h.runner.edit_externally().await.unwrap();
    h.wait_toast("No changes; nothing sent").await;
    assert_eq!(h.writes().len(), 1);
    // Invalid JSON: offered to reopen; any other key aborts.
    std::fs::write(&script, "#!/bin/sh\necho '{broken' > \"$1\"\n").unwrap();
    h.press(KeyCode::Char('E'));
    h.wait_for("the editor request", |_| false).await;
    h.runner.edit_externally().await.unwrap();
    h.wait_for("the reopen question", |s| {
        matches!(s.edit.overlay, Some(Overlay::Confirm(_)))
    })
    .await;
    assert!(h.screen().contains("not valid"), "{}", h.screen());
    h.press(KeyCode::Char('n'));
    h.wait_for("aborted", |s| s.mode == Mode::Normal).await;
    assert_eq!(h.writes().len(), 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_change_of_25_marked_products_and_undo() {
    let mut h = Harness::start(false).await;
    let originals: Vec<Product> = (0..25).map(|i| h.row(i)).collect();
    h.press(KeyCode::Char('V'));
    for _ in 0..24 {
        h.press(KeyCode::Char('j'));
    }
    h.press(KeyCode::Char('V'));
    h.wait_for("25 marked", |s| s.products.marked.len() == 25)
        .await;
    assert!(h.screen().contains("25 marked"), "{}", h.screen());
    h.press(KeyCode::Char('B'));
    h.type_text("+10%");
    h.press(KeyCode::Tab); // rounding .99
    h.press(KeyCode::Enter);
    h.wait_for("the preview", |s| {
        matches!(s.edit.overlay, Some(Overlay::BulkPreview(_)))
    })
    .await;
    assert!(h.screen().contains("→"), "{}", h.screen());
    let before = h.requests();
    h.press(KeyCode::Char('y'));
    h.wait_toast("Saved 25 products").await;
    let batch_puts = h
        .store
        .requests()
        .iter()
        .skip(before)
        .filter(|r| r.method == "PUT")
        .count();
    assert_eq!(batch_puts, 3, "25 products in batches of 10");
    for p in &originals {
        let saved = h.product(p.id).await;
        let expected = bctui::app::edit::bulk::Rounding::End99
            .apply(bctui::app::edit::bulk::BulkOp::AddPercent(money("10")).apply(p.price));
        assert_eq!(saved.price, expected, "product {}", p.id);
        assert!(saved.price.to_string().ends_with(".99"));
    }
    h.press(KeyCode::Char('u'));
    h.wait_toast("Saved 25 products (undo").await;
    for p in &originals {
        assert_eq!(
            h.product(p.id).await.price,
            p.price,
            "undo restored {}",
            p.id
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_cancelled_then_confirmed() {
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    h.press(KeyCode::Char('x'));
    h.wait_for("the dialog", |s| {
        matches!(s.edit.overlay, Some(Overlay::Confirm(_)))
    })
    .await;
    let screen = h.screen();
    assert!(
        screen.contains(&product.name) && screen.contains(&product.sku),
        "{screen}"
    );
    h.press(KeyCode::Char('n'));
    h.wait_for("cancelled", |s| s.mode == Mode::Normal).await;
    assert!(h.writes().is_empty());
    h.press(KeyCode::Delete);
    h.press(KeyCode::Char('y'));
    h.wait_toast(&format!("Deleted product #{}", product.id))
        .await;
    assert!(
        h.api
            .get_product(product.id, &[])
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(
        h.state()
            .products
            .list
            .rows
            .iter()
            .all(|p| p.id != product.id)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marked_products_delete_in_one_request() {
    let mut h = Harness::start(false).await;
    let ids: Vec<u64> = (0..3).map(|i| h.row(i).id).collect();
    for _ in 0..3 {
        h.press(KeyCode::Char(' '));
    }
    h.press(KeyCode::Char('x'));
    h.wait_for("the dialog", |s| {
        matches!(s.edit.overlay, Some(Overlay::Confirm(_)))
    })
    .await;
    assert!(h.screen().contains("Delete 3 products?"), "{}", h.screen());
    h.press(KeyCode::Char('y'));
    h.wait_toast("Deleted 3 products").await;
    let writes = h.writes();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert!(
        writes[0].contains("id%3Ain=") || writes[0].contains("id:in="),
        "{writes:?}"
    );
    for id in ids {
        assert!(h.api.get_product(id, &[]).await.unwrap_err().is_not_found());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_of_a_product_already_gone_is_reported() {
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    h.api.delete_product(product.id).await.unwrap();
    h.press(KeyCode::Char('x'));
    h.press(KeyCode::Char('y'));
    h.wait_toast("Already gone (404)").await;
    assert!(
        h.state()
            .products
            .list
            .rows
            .iter()
            .all(|p| p.id != product.id)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_shows_field_errors_then_creates() {
    let mut h = Harness::start(false).await;
    let existing = h.row(0);
    h.press(KeyCode::Char('c'));
    h.wait_for("the form", |s| {
        matches!(s.edit.overlay, Some(Overlay::Create(_)))
    })
    .await;
    h.type_text(&existing.name); // a duplicate name: 409 on the name field
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.type_text("NEW-1");
    h.press(KeyCode::Tab);
    h.type_text("19.90");
    h.press(KeyCode::Enter);
    h.wait_for("the field error", |s| {
        s.edit.pending.is_empty()
            && matches!(&s.edit.overlay, Some(Overlay::Create(f)) if f.fields[0].error.is_some())
    })
    .await;
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_text("Brand New Widget");
    h.press(KeyCode::Enter);
    h.wait_toast("Created product").await;
    let created = h.row(0);
    assert_eq!(created.name, "Brand New Widget");
    let saved = h.product(created.id).await;
    assert_eq!(saved.price, money("19.90"));
    assert_eq!(saved.sku, "NEW-1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_refuses_every_write_key() {
    let mut h = Harness::start(true).await;
    for key in ['p', 'e', 'E', 'x', 'c', 'u'] {
        h.press(KeyCode::Char(key));
        h.wait_for("the refusal", move |s| {
            s.toasts
                .iter()
                .any(|t| t.text.starts_with(key) && t.text.contains("read-only"))
        })
        .await;
    }
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char('B'));
    h.wait_for("the bulk refusal", |s| {
        s.toasts.iter().any(|t| t.text.starts_with("B (bulk"))
    })
    .await;
    assert_eq!(h.state().mode, Mode::Normal);
    assert!(h.writes().is_empty());
    // The client refuses too, whatever the UI does.
    let ro = client_for(&h.store, true);
    let err = ro
        .update_product(h.row(0).id, &ProductWrite::default())
        .await
        .unwrap_err();
    assert!(err.is_read_only());
}
