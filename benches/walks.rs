//! Walks against the store simulator with 100 ms of latency per request:
//! - a catalog walk of 20,000 products (80 pages of 250) under a quota of 60 requests per 3 s
//!   window, as a share of that ceiling (pages per second over quota per second), and how many
//!   429s it met (pacing must keep that at 0);
//! - the Orders tab's first visit in the real app loop (`Runner` on a `TestBackend`): from the
//!   key to the needs-action view, its counts and the store's statuses on screen;
//! - start-up of the demo (no latency): from starting the store to the first product rows in
//!   the app loop, with everything seeded first and with customers and orders seeded in the
//!   background (what `bctui --demo` does).
//!
//! Run: `cargo bench --bench walks`

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use bctui::app::Tab;
use bctui::app::list::LoadState;
use bctui::clock::Clock;
use bctui::fakestore::{FakeStore, FakeStoreConfig};

mod support;

const LATENCY_MS: u64 = 100;
/// How long a walk may take before the bench gives up.
const PATIENCE: Duration = Duration::from_secs(60);

fn main() {
    support::block_on(async {
        catalog_walk().await;
        orders_first_visit().await;
        demo_first_rows().await;
    });
}

async fn catalog_walk() {
    const QUOTA: u32 = 60;
    const WINDOW_MS: u64 = 3_000;
    let store = support::start(FakeStoreConfig {
        quota: QUOTA,
        window_ms: WINDOW_MS,
        latency_ms: LATENCY_MS,
        ..support::catalog_config(20_000)
    })
    .await;
    let client = support::client_for(&store);
    let (products, elapsed) = support::walk_products(&client).await;
    let elapsed = elapsed.as_secs_f64();
    let requests = store.requests();
    let limited = requests.iter().filter(|r| r.status == 429).count();
    let pages = requests.len() - limited;
    let ceiling = f64::from(QUOTA) / (WINDOW_MS as f64 / 1e3);
    println!(
        "Catalog walk, {} products, {LATENCY_MS} ms latency, quota {QUOTA} per {WINDOW_MS} ms:",
        products.len()
    );
    println!(
        "  {pages} pages in {elapsed:.2} s = {:.1} pages/s, {:.2} of the ceiling ({ceiling:.0}/s), {limited} x 429",
        pages as f64 / elapsed,
        pages as f64 / elapsed / ceiling
    );
}

async fn orders_first_visit() {
    let store = FakeStore::start(FakeStoreConfig {
        latency_ms: LATENCY_MS,
        clock: Clock::test(),
        ..FakeStoreConfig::default()
    })
    .await
    .expect("the simulator starts");
    let data_dir = tempfile::tempdir().expect("a temporary directory");
    let (mut runner, keys, mut input) = support::app(&store, &data_dir);
    support::run_until(&mut runner, &mut input, PATIENCE, |s| {
        s.products.list.load == LoadState::Loaded
    })
    .await;
    let orders_before = store.requests().len();
    let started = Instant::now();
    // The Orders tab's number key: its place in the tab bar.
    let number = Tab::ALL
        .iter()
        .position(|t| *t == Tab::Orders)
        .expect("a tab")
        + 1;
    let digit = char::from_digit(number as u32, 10).expect("a digit");
    let key = Event::Key(KeyEvent::new(KeyCode::Char(digit), KeyModifiers::NONE));
    keys.send(Ok(key)).expect("the loop listens");
    support::run_until(&mut runner, &mut input, PATIENCE, |s| {
        s.tab == Tab::Orders
            && s.orders.list.load == LoadState::Loaded
            && s.orders.counts.is_some()
            && !s.orders.statuses.is_empty()
    })
    .await;
    let elapsed = started.elapsed().as_secs_f64() * 1e3;
    let requests = store.requests().len() - orders_before;
    println!(
        "Orders tab first visit, {} orders, {LATENCY_MS} ms latency: {elapsed:.0} ms ({requests} requests, {} orders in the view)",
        FakeStoreConfig::default().orders,
        runner.state().orders.list.rows.len()
    );
}

async fn demo_first_rows() {
    println!(
        "Demo start-up (default demo store, no latency) to the first product rows, median of 5:"
    );
    for background in [false, true] {
        let mut times = Vec::new();
        for _ in 0..5 {
            let config = FakeStoreConfig {
                quota: 450,
                clock: Clock::test(),
                ..FakeStoreConfig::default()
            };
            let started = Instant::now();
            let store = if background {
                FakeStore::start_seeding_in_background(config).await
            } else {
                FakeStore::start(config).await
            }
            .expect("the simulator starts");
            let data_dir = tempfile::tempdir().expect("a temporary directory");
            let (mut runner, _keys, mut input) = support::app(&store, &data_dir);
            support::run_until(&mut runner, &mut input, PATIENCE, |s| {
                !s.products.list.rows.is_empty()
            })
            .await;
            times.push(started.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        let how = if background {
            "customers and orders seeded in the background"
        } else {
            "everything seeded first"
        };
        println!("  {how:<48} {:6.0} ms", times[2]);
    }
}
