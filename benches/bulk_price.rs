//! Bulk price change of 1,000 products against the store simulator at the
//! real quota (150 requests per 30 s window), through the same write path the
//! TUI uses (`tui::write::run` with `Write::UpdateProducts`: batches of 10).
//! Prints the requests used and the wall time, against one PUT per product
//! (computed from the quota: running it would take minutes of waiting).
//!
//! Run: `cargo bench --bench bulk_price`

use std::str::FromStr;
use std::time::Instant;

use rust_decimal::Decimal;
use tokio::sync::mpsc;

use bctui::api::models::ProductWrite;
use bctui::app::Action;
use bctui::app::edit::bulk::BulkOp;
use bctui::app::edit::write_request::GuardedWrite;
use bctui::app::edit::{Write, Written};
use bctui::clock::Clock;
use bctui::fakestore::FakeStoreConfig;

mod support;

const PRODUCTS: usize = 1_000;
const QUOTA: u32 = 150;
const WINDOW_MS: u64 = 30_000;

fn main() {
    support::block_on(bench());
}

async fn bench() {
    // The real quota on the wall clock: the bench waits for windows as a store would.
    let store = support::start(FakeStoreConfig {
        quota: QUOTA,
        window_ms: WINDOW_MS,
        clock: Clock::system(),
        ..support::catalog_config(PRODUCTS)
    })
    .await;
    let client = support::client_for(&store);

    let (products, load_time) = support::walk_products(&client).await;
    let load_requests = store.requests().len();
    assert_eq!(products.len(), PRODUCTS);

    let op = BulkOp::AddPercent(Decimal::from_str("10").expect("a decimal"));
    let items: Vec<GuardedWrite> = products
        .iter()
        .map(|p| {
            let change = ProductWrite {
                id: Some(p.id),
                price: op.apply(p.price),
                ..ProductWrite::default()
            };
            GuardedWrite::over(p, change)
        })
        .collect();

    let (progress, mut updates) = mpsc::unbounded_channel::<Action>();
    let started = Instant::now();
    let written = bctui::writes::run(&client, 1, Write::UpdateProducts { items }, &progress)
        .await
        .expect("the bulk change runs");
    let wall = started.elapsed();
    let Written::Products { saved, failed, .. } = written else {
        panic!("a batch result");
    };
    let mut progress_reports = 0;
    while updates.try_recv().is_ok() {
        progress_reports += 1;
    }
    let bulk_requests = store.requests().len() - load_requests;

    // One PUT per product: the first window allows QUOTA requests, then each
    // further QUOTA waits for the next window.
    let windows = PRODUCTS.div_ceil(QUOTA as usize);
    let one_by_one_wait_s = (windows - 1) as f64 * WINDOW_MS as f64 / 1000.0;

    println!(
        "bulk price change of {PRODUCTS} products, quota {QUOTA} requests / {} s",
        WINDOW_MS / 1000
    );
    println!(
        "  loading the products:   {load_requests} requests, {:.2} s",
        load_time.as_secs_f64()
    );
    println!(
        "  batch endpoint (10/req): {bulk_requests} requests, {:.2} s wall, {} saved, {} failed, {progress_reports} progress updates",
        wall.as_secs_f64(),
        saved.len(),
        failed.len()
    );
    println!(
        "  one PUT per product:     {PRODUCTS} requests, at least {one_by_one_wait_s:.0} s wall \
         ({windows} quota windows; computed from the quota, not run)"
    );
    println!(
        "  saving: {:.0}x fewer requests",
        PRODUCTS as f64 / bulk_requests.max(1) as f64
    );
}
