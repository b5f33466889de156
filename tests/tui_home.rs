//! The Home tab end to end against the simulator: its figures equal sums
//! computed here from the API's raw orders (`/v2/orders` JSON), a new order
//! moves today's figures after the orders poll, and Enter opens the Orders and
//! Products tabs on what was selected.

#[path = "common/mod.rs"]
mod common;

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate};
use crossterm::event::KeyCode;
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use bctui::app::home::Target;
use bctui::app::list::LoadState;
use bctui::app::panes::StockFilter;
use bctui::app::{AppState, Tab};
use bctui::fakestore::{FakeStore, FakeStoreConfig};
use common::{Driver, Harness};

/// The app opened on Home (the default) against a store of `orders` orders.
async fn launch(config: FakeStoreConfig) -> Harness {
    let store = FakeStore::start(config)
        .await
        .expect("the simulator starts");
    let mut options = common::options(common::client_for(&store, false), false, store.clock());
    options.start_tab = None;
    let driver = Driver::new(options, 100, 30);
    let api = common::client_for(&store, false);
    Harness { driver, store, api }
}

fn home_loaded(s: &AppState) -> bool {
    let home = &s.home;
    s.tab == Tab::Home
        && home.sales.load == LoadState::Loaded
        && home.counts.load == LoadState::Loaded
        && home.stock.load == LoadState::Loaded
        && home.top_sellers.load == LoadState::Loaded
}

async fn get_json(h: &Harness, path: &str) -> Value {
    let response = h.api.raw(Method::GET, path, None).await.expect(path);
    if response.status == 204 {
        return json!([]);
    }
    assert_eq!(response.status, 200, "{path}");
    serde_json::from_slice(&response.body).expect("json")
}

/// Every order as the API sends it.
async fn raw_orders(h: &Harness) -> Vec<Value> {
    let mut orders = Vec::new();
    for page in 1.. {
        let batch = get_json(h, &format!("/v2/orders?limit=250&page={page}")).await;
        let batch = batch.as_array().cloned().unwrap_or_default();
        let last = batch.len() < 250;
        orders.extend(batch);
        if last {
            break;
        }
    }
    orders
}

/// Revenue and count of the sales created `from..to` days before `today` in
/// `offset`: not deleted, not Incomplete (0), Cancelled (5) or Declined (6).
fn sums(
    orders: &[Value],
    today: NaiveDate,
    offset: FixedOffset,
    from: i64,
    to: i64,
) -> (Decimal, u64) {
    let mut revenue = Decimal::ZERO;
    let mut count = 0;
    for order in orders {
        let status = order["status_id"].as_u64().expect("status_id");
        if order["is_deleted"].as_bool() == Some(true) || [0, 5, 6].contains(&status) {
            continue;
        }
        let created = order["date_created"].as_str().expect("date_created");
        let created = DateTime::parse_from_rfc2822(created).expect("an RFC 2822 date");
        let back = (today - created.with_timezone(&offset).date_naive()).num_days();
        if (from..to).contains(&back) {
            revenue += Decimal::from_str(order["total_inc_tax"].as_str().expect("a string"))
                .expect("a decimal");
            count += 1;
        }
    }
    (revenue, count)
}

/// The store's offset from `/v2/store`: the DST offset while DST applies.
async fn store_offset(h: &Harness) -> FixedOffset {
    let store = get_json(h, "/v2/store").await;
    let tz = &store["timezone"];
    let key = if tz["dst_correction"].as_bool() == Some(true) {
        "dst_offset"
    } else {
        "raw_offset"
    };
    FixedOffset::east_opt(tz[key].as_i64().expect("an offset") as i32).expect("valid")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_figures_equal_sums_of_the_raw_orders() {
    let mut h = launch(common::store_config(60, 80, 1200)).await;
    h.wait_for("every Home box", home_loaded).await;
    let orders = raw_orders(&h).await;
    let offset = store_offset(&h).await;
    let today = h.clock.now().with_timezone(&offset).date_naive();
    let sales = &h.state().home.sales;
    assert_eq!(sales.today, Some(today));
    assert!(
        sales.fetched > 250,
        "the walk took several pages: {}",
        sales.fetched
    );
    for days in [1i64, 7, 30] {
        let period = sales.period(days as u64);
        assert!(period.compared, "{days} days compared");
        let current = sums(&orders, today, offset, 0, days);
        let previous = sums(&orders, today, offset, days, days * 2);
        assert_eq!(
            (period.current.revenue, period.current.orders),
            current,
            "{days} days"
        );
        assert_eq!(
            (period.previous.revenue, period.previous.orders),
            previous,
            "the {days} days before"
        );
    }
    let month = sums(&orders, today, offset, 0, 30).0;
    let shown = bctui::ui::format::money(month);
    assert!(h.screen().contains(&shown), "{shown} on\n{}", h.screen());

    // Needs action: the counts per status from the API.
    let counts = get_json(&h, "/v2/orders/count").await;
    let awaiting = counts["statuses"]
        .as_array()
        .expect("statuses")
        .iter()
        .find(|s| s["id"] == 11)
        .and_then(|s| s["count"].as_u64())
        .expect("Awaiting Fulfillment");
    let shown = h.state().home.needs_action();
    assert!(
        shown
            .iter()
            .any(|(id, _, count)| *id == 11 && *count == awaiting),
        "{shown:?}"
    );

    // Stock and top sellers: from every product as the API sends it.
    let products = get_json(&h, "/v3/catalog/products?limit=250").await["data"]
        .as_array()
        .cloned()
        .expect("products");
    let int = |p: &Value, key: &str| p[key].as_i64().expect(key);
    let low = products
        .iter()
        .filter(|p| {
            p["inventory_tracking"] != "none"
                && int(p, "inventory_warning_level") > 0
                && int(p, "inventory_level") <= int(p, "inventory_warning_level")
        })
        .count() as u64;
    let out = products
        .iter()
        .filter(|p| int(p, "inventory_level") == 0)
        .count() as u64;
    let stock = h.state().home.stock.data.clone().expect("stock");
    assert_eq!((stock.low, stock.out), (low, out));
    let most_sold = products
        .iter()
        .map(|p| int(p, "total_sold"))
        .max()
        .expect("products");
    let top = h
        .state()
        .home
        .top_sellers
        .data
        .clone()
        .expect("top sellers");
    assert_eq!(top.first().map(|p| p.total_sold), Some(most_sold));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_order_moves_todays_figures_after_the_poll() {
    let mut h = launch(common::store_config(30, 40, 300)).await;
    h.wait_for("every Home box and the poll's watermark", |s| {
        home_loaded(s) && s.orders.poll.watermark.is_some()
    })
    .await;
    let before = h.state().home.sales.period(1).current;
    let created = h.place_order("Home", "home@example.com").await;
    let total = Decimal::from_str(created["total_inc_tax"].as_str().expect("total")).unwrap();
    let id = created["id"].as_u64().expect("an id");
    // Nothing moves before the poll.
    assert_eq!(h.state().home.sales.period(1).current, before);
    h.advance(Duration::from_secs(61));
    h.wait_for("today's figures to move", |s| {
        s.home.sales.period(1).current.orders == before.orders + 1
    })
    .await;
    let after = h.state().home.sales.period(1).current;
    assert_eq!(after.revenue, before.revenue + total);
    assert_eq!(h.state().home.sales.latest.first().map(|o| o.id), Some(id));
    h.wait_for("the needs-action counts again", |s| {
        s.home.counts.load == LoadState::Loaded
    })
    .await;
    assert!(h.screen().contains(&format!("#{id}")), "{}", h.screen());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enter_opens_orders_on_a_status_and_products_on_low_stock() {
    let mut h = launch(common::store_config(60, 40, 300)).await;
    h.wait_for("every Home box", home_loaded).await;
    // The first line is the first needs-action status (Awaiting Payment).
    let Some(Target::Status(id, label)) = h.state().home.selected() else {
        panic!("a status first: {:?}", h.state().home.targets());
    };
    h.press(KeyCode::Enter);
    h.wait_for("the Orders tab on that status", |s| {
        s.tab == Tab::Orders && s.orders.list.load == LoadState::Loaded
    })
    .await;
    assert_eq!(h.state().orders.status, Some((id, label)));
    assert!(h.state().orders.list.rows.iter().all(|o| o.status_id == id));

    h.press(KeyCode::Char('1'));
    let statuses = h.state().home.needs_action().len();
    for _ in 0..statuses {
        h.press(KeyCode::Char('j'));
    }
    h.wait_for("low stock selected", |s| {
        s.home.selected() == Some(Target::Stock(StockFilter::Low))
    })
    .await;
    h.press(KeyCode::Enter);
    h.wait_for("the low-stock products", |s| {
        s.tab == Tab::Products && s.products.list.load == LoadState::Loaded
    })
    .await;
    let rows = &h.state().products.list.rows;
    assert_eq!(
        rows.len() as u64,
        h.state().home.stock.data.as_ref().expect("stock").low
    );
    assert!(
        rows.iter()
            .all(|p| p.inventory_level <= p.inventory_warning_level),
        "only low stock"
    );
    assert!(h.screen().contains("low stock"), "{}", h.screen());
}

/// The cost stated in the README: on the demo store (its quota too) the Home
/// tab loads with one walk page per 250 orders of the last 60 days, and never
/// meets a 429.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_store_costs_what_the_readme_says() {
    let config = FakeStoreConfig {
        clock: bctui::clock::Clock::test(),
        ..bctui::cli::demo_config()
    };
    let mut h = launch(config).await;
    h.wait_for("every Home box and the poll's watermark", |s| {
        home_loaded(s) && s.orders.poll.watermark.is_some()
    })
    .await;
    let requests = h.store.requests();
    assert!(requests.iter().all(|r| r.status != 429), "no 429");
    let walked = h.state().home.sales.fetched;
    let pages = walked / 250 + 1;
    let count = |part: &str| requests.iter().filter(|r| r.path.contains(part)).count();
    assert_eq!(count("/v2/orders?"), pages as usize, "one request per page");
    // Header and walk: /v2/store twice; the 30-day count and the needs-action counts;
    // low stock, out of stock and top sellers; the poll's statuses and server time.
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.path.ends_with("/v2/store"))
            .count(),
        2
    );
    assert_eq!(count("/v2/orders/count"), 2);
    assert_eq!(count("/v3/catalog/products"), 3);
    assert_eq!(count("/v2/order_statuses") + count("/v2/time"), 2);
    assert_eq!(requests.len(), pages as usize + 9, "{requests:#?}");
    println!(
        "Home on the demo store: {} requests, {walked} orders walked in {pages} pages",
        requests.len()
    );
}
