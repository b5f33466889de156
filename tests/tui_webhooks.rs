//! The Webhooks tab end to end against the simulator: a hook created in the TUI with a
//! custom header gets an order's event at a local receiver, with the header; Space
//! switches it off; `x` deletes it after a confirmation naming it; the form refuses
//! what the API would; the filter asks the server; read-only refuses every write.

#[path = "common/mod.rs"]
mod common;

use crossterm::event::KeyCode;

use bctui::api::models::{Hook, HookWrite};
use bctui::api::query::HookQuery;
use bctui::app::edit::Overlay;
use bctui::app::list::LoadState;
use bctui::app::{AppState, Tab};
use bctui::cli::hook_receiver::{HeaderCheck, Receiver};
use common::{Harness, next_delivery};

fn hooks_loaded(s: &AppState) -> bool {
    s.tab == Tab::Webhooks && s.hooks.list.load == LoadState::Loaded
}

async fn launch(read_only: bool) -> Harness {
    let mut h = Harness::launch(common::store_config(3, 2, 2), read_only, 100, 30).await;
    h.wait_for("products", |s| s.products.list.load == LoadState::Loaded)
        .await;
    h
}

async fn open_tab(h: &mut Harness) {
    h.press(KeyCode::Char('6'));
    h.wait_for("the webhooks", hooks_loaded).await;
}

async fn all_hooks(h: &Harness) -> Vec<Hook> {
    h.api
        .all_hooks(&HookQuery::default())
        .await
        .expect("GET /v3/hooks")
}

async fn api_hook(h: &Harness, scope: &str, destination: &str) -> Hook {
    let write = HookWrite {
        scope: Some(scope.to_string()),
        destination: Some(destination.to_string()),
        is_active: Some(true),
        headers: None,
    };
    h.api.create_hook(&write).await.expect("POST /v3/hooks")
}

/// Types the new-webhook form: scope, destination, (active stays yes), headers.
fn fill_form(h: &Harness, scope: &str, destination: &str, headers: &str) {
    h.press(KeyCode::Char('c'));
    h.type_text(scope);
    h.press(KeyCode::Tab);
    h.type_text(destination);
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.type_text(headers);
    h.press(KeyCode::Enter);
}

#[tokio::test]
async fn a_hook_made_in_the_tui_delivers_an_order_with_its_header_then_goes_off_and_away() {
    let mut receiver = Receiver::start(0, "X-Hook-Secret: opensesame".parse().ok())
        .await
        .expect("the receiver starts");
    let mut h = launch(false).await;
    open_tab(&mut h).await;
    assert!(h.screen().contains("No webhooks yet"), "{}", h.screen());

    fill_form(
        &h,
        "store/order/created",
        &receiver.url(),
        "X-Hook-Secret: opensesame",
    );
    h.wait_toast("Created webhook").await;
    let hooks = all_hooks(&h).await;
    assert_eq!(hooks.len(), 1);
    let hook = &hooks[0];
    assert_eq!(hook.scope, "store/order/created");
    assert_eq!(hook.destination, receiver.url());
    assert!(hook.is_active);
    assert_eq!(
        hook.headers.get("X-Hook-Secret").map(String::as_str),
        Some("opensesame")
    );

    let order = h.place_order("Webhook", "hook@example.com").await;
    let delivery = next_delivery(&mut receiver).await;
    assert_eq!(delivery.header, HeaderCheck::Matched, "{}", delivery.raw);
    let payload = delivery.payload.expect("a JSON payload");
    assert_eq!(payload["scope"], "store/order/created");
    assert_eq!(payload["data"]["type"], "order");
    assert_eq!(payload["data"]["id"], order["id"]);

    // The detail names the header and masks its value.
    h.press(KeyCode::Enter);
    h.wait_for("the detail", |s| s.hooks.detail.is_some()).await;
    let screen = h.screen();
    assert!(screen.contains("X-Hook-Secret"), "{screen}");
    assert!(screen.contains("••••"), "{screen}");
    assert!(!screen.contains("opensesame"), "{screen}");
    h.press(KeyCode::Esc);
    h.wait_for("the list", |s| s.hooks.detail.is_none()).await;

    h.press(KeyCode::Char(' '));
    h.wait_toast("inactive").await;
    assert!(!all_hooks(&h).await[0].is_active);
    assert!(h.screen().contains(" no "), "{}", h.screen());

    // Anything but `y` keeps it.
    h.press(KeyCode::Char('x'));
    h.wait_for("the confirmation", |s| s.edit.overlay.is_some())
        .await;
    let screen = h.screen();
    assert!(screen.contains("Delete webhook?"), "{screen}");
    assert!(screen.contains("store/order/created"), "{screen}");
    assert!(screen.contains(&receiver.url()), "{screen}");
    h.press(KeyCode::Char('n'));
    h.wait_toast("Cancelled").await;
    assert_eq!(all_hooks(&h).await.len(), 1);

    h.press(KeyCode::Char('x'));
    h.press(KeyCode::Char('y'));
    h.wait_toast("Deleted webhook").await;
    assert!(all_hooks(&h).await.is_empty());
    assert!(h.state().hooks.list.rows.is_empty());
}

#[tokio::test]
async fn the_form_refuses_bad_scopes_and_plain_http_and_the_api_refusal_lands_on_its_field() {
    let mut h = launch(false).await;
    open_tab(&mut h).await;
    fill_form(&h, "store/order/exploded", "http://example.com/hook", "");
    h.wait_for("the refusal", |s| {
        s.edit.overlay.is_some() && s.edit.pending.is_empty()
    })
    .await;
    let screen = h.screen();
    assert!(screen.contains("not a documented scope"), "{screen}");
    assert!(screen.contains("must be https"), "{screen}");
    assert!(h.writes().is_empty(), "{:?}", h.writes());
    h.press(KeyCode::Esc);

    // The simulator delivers only to loopback hosts: its 422 lands on the destination.
    fill_form(&h, "store/order/*", "https://hooks.example.com/orders", "");
    h.wait_toast("Not created").await;
    let Some(Overlay::Form(form)) = &h.state().edit.overlay else {
        panic!("the form comes back\n{}", h.screen());
    };
    let destination = form.get("destination").and_then(|f| f.error.clone());
    assert!(
        destination.is_some_and(|e| e.contains("loopback")),
        "{}",
        h.screen()
    );
    assert!(all_hooks(&h).await.is_empty());
}

#[tokio::test]
async fn the_filter_asks_the_server_by_scope_or_destination() {
    let mut h = launch(false).await;
    api_hook(&h, "store/order/*", "https://127.0.0.1:9/orders").await;
    api_hook(&h, "store/product/*", "https://localhost:9/products").await;
    open_tab(&mut h).await;
    assert_eq!(h.state().hooks.list.rows.len(), 2);

    h.press(KeyCode::Char('/'));
    h.type_text("store/product/*");
    h.press(KeyCode::Enter);
    h.wait_for("one product hook", |s| {
        hooks_loaded(s) && s.hooks.list.rows.len() == 1
    })
    .await;
    assert_eq!(h.state().hooks.list.rows[0].scope, "store/product/*");

    h.press(KeyCode::Char('/'));
    for _ in 0.."store/product/*".len() {
        h.press(KeyCode::Backspace);
    }
    h.type_text("https://127.0.0.1:9/orders");
    h.press(KeyCode::Enter);
    h.wait_for("one order hook", |s| {
        hooks_loaded(s)
            && s.hooks.list.rows.len() == 1
            && s.hooks.list.rows[0].scope == "store/order/*"
    })
    .await;
    let asked = h
        .store
        .requests()
        .into_iter()
        .filter(|r| r.path.contains("/v3/hooks"))
        .count();
    assert!(asked >= 3, "each filter is a request");

    h.press(KeyCode::Esc);
    h.wait_for("both again", |s| {
        hooks_loaded(s) && s.hooks.filter.is_none() && s.hooks.list.rows.len() == 2
    })
    .await;
}

#[tokio::test]
async fn read_only_refuses_create_toggle_and_delete() {
    let mut h = launch(true).await;
    api_hook(&h, "store/order/*", "https://127.0.0.1:9/orders").await;
    open_tab(&mut h).await;
    let before = h.writes();
    for (key, what) in [
        ('c', "c (create)"),
        (' ', "Space (activate/deactivate webhook)"),
        ('x', "x (delete)"),
    ] {
        h.press(KeyCode::Char(key));
        h.wait_toast(&format!("{what} is disabled")).await;
        assert!(h.state().edit.overlay.is_none());
    }
    assert_eq!(h.writes(), before, "nothing was sent");
    assert!(all_hooks(&h).await[0].is_active);
}
