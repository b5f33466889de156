//! Drives the real app loop (`Runner` on a `TestBackend`) with key events
//! against the store simulator: tabs, paging past 250 products, filters,
//! details and `:order ID`. Waits on conditions with a timeout, never sleeps.

#[path = "common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::KeyCode;

use bctui::api::client::{Client, ClientConfig};
use bctui::api::token::Token;
use bctui::app::list::LoadState;
use bctui::app::{AppState, Tab};
use bctui::fakestore::{FakeStore, FakeStoreConfig};
use common::{Harness, client_for};

impl Harness {
    /// A store with `products` products; `:profile` connects nowhere.
    async fn start(products: usize) -> Harness {
        Harness::with_other(products, None).await
    }

    /// A store with `products` products; `:profile other` connects to `other`, read-only.
    async fn with_other(products: usize, other: Option<&FakeStore>) -> Harness {
        let store = FakeStore::start(common::store_config(products, 300, 400))
            .await
            .expect("the simulator starts");
        let mut options = common::options(client_for(&store, false), false, store.clock());
        options.profiles = vec!["demo".to_string(), "other".to_string()];
        if let Some(other) = other {
            let (url, hash, token) = (
                other.api_url(),
                other.store_hash().to_string(),
                other.token().to_string(),
            );
            options.connect = Arc::new(move |name: &str| {
                if name != "other" {
                    return Err(format!("no profile {name}"));
                }
                Client::new(ClientConfig {
                    api_url: url.clone(),
                    store_hash: hash.clone(),
                    token: Token::new(token.clone()),
                    read_only: true,
                })
                .map_err(|e| e.to_string())
            });
        }
        let api = client_for(&store, false);
        Harness {
            driver: common::Driver::new(options, 100, 30),
            store,
            api,
        }
    }

    /// The paths of the requests served so far that contain `part`.
    fn requests_to(&self, part: &str) -> Vec<String> {
        self.store
            .requests()
            .into_iter()
            .filter(|r| r.path.contains(part))
            .map(|r| r.path)
            .collect()
    }
}

fn products_loaded(state: &AppState) -> bool {
    state.products.list.load == LoadState::Loaded && !state.products.list.rows.is_empty()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_screen_shows_products_and_the_store() {
    let mut h = Harness::start(300).await;
    h.wait_for("the first products and the store name", |s| {
        products_loaded(s) && s.header.store_name.is_some() && s.header.rate.is_some()
    })
    .await;
    let screen = h.screen();
    let first = &h.state().products.list.rows[0];
    assert!(
        screen.contains(&first.name[..first.name.len().min(20)]),
        "{screen}"
    );
    assert!(
        screen.contains("of 300"),
        "the total from meta.pagination is shown\n{screen}"
    );
    assert!(screen.contains("API "), "the quota is shown\n{screen}");
    let store_name = h.state().header.store_name.clone().unwrap_or_default();
    assert!(screen.contains(&store_name), "{screen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paging_past_the_first_250_products() {
    let mut h = Harness::start(600).await;
    h.wait_for("page 1", products_loaded).await;
    assert_eq!(h.state().products.list.rows.len(), 250);
    h.press(KeyCode::Char('G'));
    h.wait_for("page 2", |s| s.products.list.rows.len() >= 500)
        .await;
    h.press(KeyCode::Char('G'));
    h.wait_for("page 3, the last", |s| {
        s.products.list.rows.len() == 600 && s.products.list.next_page.is_none()
    })
    .await;
    for _ in 0..5 {
        h.press(KeyCode::PageDown);
    }
    h.press(KeyCode::Char('G'));
    h.wait_for("the cursor on the last row", |s| {
        s.products.list.cursor == 599
    })
    .await;
    let last = h.state().products.list.rows[599].id.to_string();
    assert!(h.screen().contains(&last), "{}", h.screen());
    let pages: Vec<String> = h
        .requests_to("/catalog/products")
        .into_iter()
        .filter(|p| p.contains("page="))
        .collect();
    assert_eq!(pages.len(), 3, "each page is fetched once: {pages:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filter_open_detail_and_back() {
    let mut h = Harness::start(300).await;
    h.wait_for("products", products_loaded).await;
    let target = h.state().products.list.rows[7].clone();
    let word = target
        .name
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap_or("a")
        .to_string();
    h.search_products(&word).await;
    assert!(
        h.product_ids().contains(&target.id),
        "the keyword finds the product it came from"
    );
    // Only the last keystroke's query went out (debounced, latest wins).
    let keyword_requests = h.requests_to("keyword=");
    assert_eq!(keyword_requests.len(), 1, "{keyword_requests:?}");

    h.press(KeyCode::Enter); // leave the filter input
    let position = h
        .state()
        .products
        .list
        .rows
        .iter()
        .position(|p| p.id == target.id)
        .unwrap_or(0);
    h.open_product_row(position).await;
    let screen = h.screen();
    assert!(screen.contains("Variants ("), "{screen}");
    assert!(screen.contains(&*target.sku), "{screen}");
    h.press(KeyCode::Esc);
    h.wait_for("back to the list", |s| s.products.detail.is_none())
        .await;
    h.press(KeyCode::Esc);
    h.wait_for("the filter cleared", |s| {
        s.products.keyword.is_none() && products_loaded(s)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tabs_orders_customers_and_categories() {
    let mut h = Harness::start(100).await;
    h.wait_for("products", products_loaded).await;

    h.press(KeyCode::Char('3'));
    h.wait_for("orders and counts", |s| {
        s.tab == Tab::Orders && s.orders.list.load == LoadState::Loaded && s.orders.counts.is_some()
    })
    .await;
    // The default view is "needs action"; `:orders all` shows every order.
    h.press(KeyCode::Char(':'));
    h.type_text("orders all");
    h.press(KeyCode::Enter);
    h.wait_for("all orders", |s| {
        !s.orders.needs_action && s.orders.list.load == LoadState::Loaded
    })
    .await;
    let orders = &h.state().orders.list.rows;
    assert!(
        orders
            .windows(2)
            .all(|w| w[0].date_created >= w[1].date_created),
        "newest first"
    );
    assert!(h.screen().contains("All 400"), "{}", h.screen());
    // `f` picks a status: entry 0 is "all", then the statuses in bar order.
    let busiest = h
        .state()
        .orders
        .status_choices()
        .iter()
        .position(|(_, _, count)| *count > 0)
        .expect("some status has orders");
    h.press(KeyCode::Char('f'));
    for _ in 0..=busiest {
        h.press(KeyCode::Char('j'));
    }
    h.press(KeyCode::Enter);
    h.wait_for("the status filter", |s| {
        s.orders.status.is_some() && s.orders.list.load == LoadState::Loaded
    })
    .await;
    let status = h.state().orders.status.clone().map(|(id, _)| id);
    assert!(
        h.state()
            .orders
            .list
            .rows
            .iter()
            .all(|o| Some(o.status_id) == status)
    );

    h.press(KeyCode::Char('4'));
    h.wait_for("customers", |s| s.customers.list.load == LoadState::Loaded)
        .await;
    let customer = h.state().customers.list.rows[0].clone();
    h.open_customer_row(0).await;
    assert!(h.screen().contains(&*customer.email), "{}", h.screen());
    assert!(h.screen().contains("Recent orders"), "{}", h.screen());

    h.press(KeyCode::Char('5'));
    h.wait_for("categories", |s| s.categories.load == LoadState::Loaded)
        .await;
    assert!(!h.state().categories.rows.is_empty());
    h.press(KeyCode::Char('l'));
    let category = h.state().categories.selected().map(|c| c.category_id);
    h.press(KeyCode::Enter);
    h.wait_for("products of the category", |s| {
        s.tab == Tab::Products
            && s.products.category.as_ref().map(|(id, _)| *id) == category
            && s.products.list.load == LoadState::Loaded
    })
    .await;
    assert!(
        h.requests_to("categories%3Ain=").len() + h.requests_to("categories:in=").len() >= 1,
        "the category filter went to the server"
    );

    h.press(KeyCode::Char('7'));
    h.press(KeyCode::Char('?'));
    h.wait_for("the help", |s| {
        s.tab == Tab::Console && matches!(s.mode, bctui::app::Mode::Help { .. })
    })
    .await;
    assert!(h.screen().contains("Keys"), "{}", h.screen());
    // q quits straight from the help, as the smoke test expects.
    h.press(KeyCode::Char('q'));
    h.wait_for("quit", |s| s.quit).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn command_line_jumps_to_an_order() {
    let mut h = Harness::start(50).await;
    h.wait_for("products", products_loaded).await;
    h.press(KeyCode::Char('3'));
    h.wait_for("orders", |s| s.orders.list.load == LoadState::Loaded)
        .await;
    let id = h.state().orders.list.rows[3].id;
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char(':'));
    h.type_text(&format!("order {id}"));
    h.press(KeyCode::Enter);
    h.wait_for("the order", |s| {
        s.tab == Tab::Orders && s.orders.detail.as_ref().is_some_and(|d| d.data.is_some())
    })
    .await;
    let screen = h.screen();
    assert!(screen.contains(&format!("Order #{id}")), "{screen}");
    assert!(screen.contains("Line items"), "{screen}");

    // An id that does not exist shows the API's message, not a crash.
    h.press(KeyCode::Char(':'));
    h.type_text("order 99999999");
    h.press(KeyCode::Enter);
    h.wait_for("the 404", |s| {
        s.orders
            .detail
            .as_ref()
            .is_some_and(|d| matches!(d.load, LoadState::Failed(_)))
    })
    .await;
    // The detail says it in full, once: no toast repeats it.
    let screen = h.screen();
    assert!(screen.contains("404 Not Found"), "{screen}");
    assert!(h.state().toasts.is_empty(), "{screen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn profile_switch_opens_the_other_store_with_its_own_settings() {
    // A second store with other data; its profile is read-only.
    let other = FakeStore::start(FakeStoreConfig {
        seed: 7,
        store_hash: "otherstore".to_string(),
        ..common::store_config(25, 10, 10)
    })
    .await
    .expect("the second simulator starts");
    let mut h = Harness::with_other(40, Some(&other)).await;
    h.wait_for("products", |s| products_loaded(s) && !s.header.read_only)
        .await;
    // Something to undo in the first store, and a poll interval of this session.
    h.press(KeyCode::Char('p'));
    h.type_text("9.99");
    h.press(KeyCode::Enter);
    h.command("poll 30");
    // The poll's first requests (statuses, server time) must be in before counting.
    h.wait_for("the price saved and the poll started", |s| {
        s.edit.pending.is_empty()
            && s.edit.undo.len() == 1
            && !s.orders.statuses.is_empty()
            && s.orders.poll.watermark.is_some()
    })
    .await;
    let first_store_requests = h.requests();

    h.command("profile other");
    h.wait_for("the other store", |s| {
        s.header.profile == "other" && products_loaded(s) && s.header.store_name.is_some()
    })
    .await;
    let other_api = client_for(&other, false);
    let expected: Vec<(u64, String)> = other_api
        .list_products(&Default::default())
        .await
        .expect("the other store's products")
        .items
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let shown: Vec<(u64, String)> = h
        .state()
        .products
        .list
        .rows
        .iter()
        .map(|p| (p.id, p.name.to_string()))
        .collect();
    assert_eq!(shown.len(), 25);
    assert_eq!(shown, expected, "the rows are the other store's");
    let other_name = other_api.store_info().await.expect("store info").name;
    assert_eq!(
        h.state().header.store_name.as_deref(),
        Some(other_name.as_str())
    );
    assert!(h.state().header.read_only, "the other profile is read-only");
    assert!(
        h.state().edit.undo.is_empty() && h.state().edit.log.entries.is_empty(),
        "the first store's undo and write log stay with it"
    );
    assert_eq!(
        h.state().orders.poll.interval,
        Duration::from_secs(30),
        "the session's poll interval stays"
    );
    assert_eq!(
        h.requests(),
        first_store_requests,
        "the first store is left alone"
    );

    // Its read-only setting holds: a price edit is refused and nothing is sent.
    h.press(KeyCode::Char('p'));
    h.wait_toast("profile other has read_only = true").await;
    assert!(
        other.requests().iter().all(|r| r.method == "GET"),
        "{:?}",
        other.requests()
    );

    h.command("profile nowhere");
    h.wait_for("the refusal", |s| {
        s.toasts.iter().any(|t| t.text.contains("nowhere"))
    })
    .await;
    assert_eq!(h.state().header.profile, "other");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_app_draws_nothing() {
    let mut h = Harness::start(20).await;
    h.wait_for("products", |s| {
        products_loaded(s) && s.header.store_name.is_some() && !s.is_animating()
    })
    .await;
    // Let any in-flight result arrive, then count frames over an idle period.
    let before = h.runner.backend().frames();
    let driver = &mut h.driver;
    let idle = driver.runner.run_until(&mut driver.input, |_| false);
    let _ = tokio::time::timeout(Duration::from_millis(400), idle).await;
    let drawn = h.runner.backend().frames() - before;
    assert!(drawn <= 1, "an idle app redrew {drawn} times");
}
