//! The TUI and its console against a hostile store: redirects are not
//! followed, and names built to mislead show their hidden characters.

use crossterm::event::{KeyCode, KeyModifiers};
use serde_json::json;

use bctui::app::Tab;
use bctui::app::list::LoadState;
use bctui::clock::Clock;

use crate::common::{self, Driver};
use crate::server::{Reply, Server};

fn app_on(store: &Server) -> Driver {
    Driver::new(
        common::options(store.client(), false, &Clock::test()),
        100,
        30,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lists_and_the_console_never_follow_a_redirect() {
    let other = Server::start(|_| Reply::json(r#"{"data":[],"meta":{}}"#)).await;
    let target = other.store_url("/v3/catalog/products");
    let store = Server::start(move |_| {
        Reply::new(302, "text/plain", "").header("location", target.clone())
    })
    .await;
    let mut app = app_on(&store);
    app.wait_for(
        "the products pane to fail",
        |s| matches!(&s.products.list.load, LoadState::Failed(m) if m.contains("302 redirect")),
    )
    .await;

    app.press(KeyCode::Char('7'));
    app.wait_for("the console", |s| {
        s.tab == Tab::Console && s.console.history_loaded
    })
    .await;
    app.press(KeyCode::Char('i'));
    app.type_text("/v3/catalog/products");
    app.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    app.wait_for("the console's answer", |s| {
        s.console.in_flight.is_none()
            && s.console
                .error
                .as_ref()
                .is_some_and(|e| e.contains("302 redirect"))
    })
    .await;
    assert!(other.seen().is_empty(), "{:?}", other.seen());
    assert!(!store.seen().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hidden_characters_show_and_a_bad_record_is_one_placeholder_row() {
    let store = Server::start(|seen| {
        if seen.uri.contains("/v2/store") {
            return Reply::json(json!({"name": "Shop\u{1b}]0;pwned\u{7}\u{202e}pots"}).to_string());
        }
        let products = json!([
            {"id": 1, "name": "invoice\u{202e}fdp.exe", "price": "5"},
            {"id": 2, "name": "Broken", "price": "abc"},
            {"id": 3, "name": "Plain jar", "price": "7"},
        ]);
        let meta = json!({"pagination": {"total": 3, "count": 3, "per_page": 50, "current_page": 1, "total_pages": 1}});
        Reply::json(json!({"data": products, "meta": meta}).to_string())
    })
    .await;
    let mut app = app_on(&store);
    app.wait_for("the products and the store name", |s| {
        s.products.list.load == LoadState::Loaded && s.header.store_name.is_some()
    })
    .await;
    assert_eq!(app.state().products.list.rows.len(), 3);
    let screen = app.screen();
    assert!(
        screen.contains("Shop<U+001B>]0;pwned<U+0007><U+202E>pots"),
        "{screen}"
    );
    assert!(screen.contains("invoice<U+202E>fdp.exe"), "{screen}");
    assert!(screen.contains("⚠ field `price`: "), "{screen}");
    assert!(screen.contains("Plain jar"), "{screen}");
}
