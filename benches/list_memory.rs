//! Memory the Products, Customers and Orders panes' lists cost with 100,000 records loaded, in the real
//! app loop (`Runner` on a `TestBackend`) against the store simulator, which shares this process.
//!
//! What is measured, each case in a process of its own (this bench runs itself once a case):
//! the resident set (`VmRSS` in `/proc/self/status`) after the simulator has seeded its 100,000
//! records, and again once the rows are held; the difference is what the rows cost (plus what
//! the allocator keeps of the pages decoded on the way).
//! - `products-list`: the app's Products pane (its rows are `ProductRow`s: the list's fields
//!   only), End pressed until the last page is in;
//! - `products-whole`: the same products decoded whole and held in a `Vec` (what the list kept
//!   before it asked the store for only its fields and held rows of its own);
//! - `customers-list`, `customers-whole`: the same for the Customers pane (`CustomerRow`s) and
//!   whole `Customer`s;
//! - `orders-list`, `orders-whole`: the same for the Orders pane's "all" view (`OrderRow`s)
//!   and whole V2 `Order`s (what the list held before it had rows of its own).
//!
//! Run: `cargo bench --bench list_memory`

use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use bctui::api::models::{Customer, CustomerRow, Order, OrderRow, Product, ProductRow};
use bctui::api::query::{CustomerQuery, OrderQuery, ProductQuery};
use bctui::app::AppState;
use bctui::app::list::{LoadState, PagedList};
use bctui::clock::Clock;
use bctui::fakestore::{FakeStore, FakeStoreConfig};

mod support;

/// Records of each kind the simulator seeds for its case.
const RECORDS: usize = 100_000;
/// How long loading every row may take before the bench gives up.
const PATIENCE: Duration = Duration::from_secs(120);

/// Which case a child process runs.
const CASE: &str = "BCTUI_LIST_MEMORY_CASE";
const CASES: [&str; 6] = [
    "products-list",
    "products-whole",
    "customers-list",
    "customers-whole",
    "orders-list",
    "orders-whole",
];

fn main() {
    match std::env::var(CASE).as_deref() {
        Ok("products-list") => support::block_on(products_list()),
        Ok("products-whole") => support::block_on(products_whole()),
        Ok("customers-list") => support::block_on(customers_list()),
        Ok("customers-whole") => support::block_on(customers_whole()),
        Ok("orders-list") => support::block_on(orders_list()),
        Ok("orders-whole") => support::block_on(orders_whole()),
        _ => {
            let exe = std::env::current_exe().expect("this bench's path");
            println!("Lists with {RECORDS} records loaded (simulator in the same process):");
            for case in CASES {
                let out = std::process::Command::new(&exe)
                    .env(CASE, case)
                    .output()
                    .expect("the case runs");
                print!("{}", String::from_utf8_lossy(&out.stdout));
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    }
}

/// What the simulator seeds: `RECORDS` of the kind measured, a few of the others.
#[derive(Clone, Copy)]
enum Seeded {
    Products,
    Customers,
    Orders,
}

async fn seeded_store(kind: Seeded) -> FakeStore {
    let (products, customers, orders) = match kind {
        Seeded::Products => (RECORDS, 10, 10),
        Seeded::Customers => (10, RECORDS, 10),
        Seeded::Orders => (10, 10, RECORDS),
    };
    FakeStore::start(FakeStoreConfig {
        products,
        customers,
        orders,
        quota: 1_000_000,
        clock: Clock::test(),
        ..FakeStoreConfig::default()
    })
    .await
    .expect("the simulator starts")
}

/// Prints the RSS growth from `seeded` for `rows` rows.
fn report(label: &str, seeded: f64, rows: usize) {
    let held = rss();
    println!(
        "  {label:<50} RSS {seeded:6.1} -> {held:6.1} MiB: +{:5.1} MiB, {:4.0} B a row (peak {:.1} MiB)",
        held - seeded,
        (held - seeded) * 1024.0 * 1024.0 / rows as f64,
        status_mib("VmHWM:")
    );
}

async fn products_whole() {
    let store = seeded_store(Seeded::Products).await;
    let seeded = rss();
    let whole = support::client_for(&store)
        .all_products(&ProductQuery::default(), |_| {})
        .await
        .expect("the walk succeeds");
    report(
        &format!(
            "whole products (size_of::<Product>() {} B)",
            std::mem::size_of::<Product>()
        ),
        seeded,
        whole.len(),
    );
}

/// A `kB` line of `/proc/self/status`, in MiB.
fn status_mib(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(key))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn rss() -> f64 {
    status_mib("VmRSS:")
}

async fn customers_whole() {
    let store = seeded_store(Seeded::Customers).await;
    let client = support::client_for(&store);
    let seeded = rss();
    let mut whole: Vec<Customer> = Vec::new();
    for page in 1.. {
        let query = CustomerQuery {
            page: Some(page),
            limit: Some(250),
            ..CustomerQuery::default()
        };
        let items = client.list_customers(&query).await.expect("a page").items;
        if items.is_empty() {
            break;
        }
        whole.extend(items);
    }
    assert_eq!(whole.len(), RECORDS, "every customer is read");
    report(
        &format!(
            "whole customers (size_of::<Customer>() {} B)",
            std::mem::size_of::<Customer>()
        ),
        seeded,
        whole.len(),
    );
}

/// Loads every row of a pane's list in the app loop (End until the last page is in), after
/// `typed` (keys, `\n` for Enter) switches to the pane and its view, and reports what they
/// cost.
async fn rows_held<T>(
    kind: Seeded,
    typed: &str,
    list: fn(&AppState) -> &PagedList<T>,
    label: &str,
) {
    let store = seeded_store(kind).await;
    let data_dir = tempfile::tempdir().expect("a temporary directory");
    let seeded = rss();
    let (mut runner, keys, mut input) = support::app(&store, &data_dir);
    for typed in typed.chars() {
        let code = match typed {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        let key = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        keys.send(Ok(key)).expect("the loop listens");
    }
    loop {
        support::run_until(&mut runner, &mut input, PATIENCE, |s| {
            list(s).load == LoadState::Loaded
        })
        .await;
        let held = list(runner.state());
        if held.next_page.is_none() {
            break;
        }
        let shown = held.rows.len();
        let end = Event::Key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        keys.send(Ok(end)).expect("the loop listens");
        support::run_until(&mut runner, &mut input, PATIENCE, move |s| {
            list(s).rows.len() > shown || list(s).next_page.is_none()
        })
        .await;
    }
    let rows = list(runner.state()).rows.len();
    assert_eq!(rows, RECORDS, "every record is in the list");
    report(label, seeded, rows);
}

async fn products_list() {
    let label = format!(
        "list rows (size_of::<ProductRow>() {} B)",
        std::mem::size_of::<ProductRow>()
    );
    rows_held(Seeded::Products, "", |s| &s.products.list, &label).await;
}

async fn customers_list() {
    let label = format!(
        "customer list rows (size_of::<CustomerRow>() {} B)",
        std::mem::size_of::<CustomerRow>()
    );
    rows_held(Seeded::Customers, "4", |s| &s.customers.list, &label).await;
}

async fn orders_list() {
    let label = format!(
        "order list rows (size_of::<OrderRow>() {} B)",
        std::mem::size_of::<OrderRow>()
    );
    // The Orders tab, then its "all" view (it opens on needs action).
    let typed = "3:orders all\n";
    rows_held(Seeded::Orders, typed, |s| &s.orders.list, &label).await;
}

/// Every order decoded whole, as the list held them before.
async fn orders_whole() {
    let store = seeded_store(Seeded::Orders).await;
    let client = support::client_for(&store);
    let seeded = rss();
    let whole: Vec<Order> = client
        .all_orders(&OrderQuery::default(), |_| {})
        .await
        .expect("the walk succeeds");
    assert_eq!(whole.len(), RECORDS, "every order is read");
    report(
        &format!(
            "whole orders (size_of::<Order>() {} B)",
            std::mem::size_of::<Order>()
        ),
        seeded,
        whole.len(),
    );
}
