//! How long the simulator takes to seed its store (the target: 100,000 products in under 2 s).
//!
//! Run: `cargo bench --bench seed`

use std::time::Instant;

use bctui::fakestore::{FakeStoreConfig, seed};

fn time(label: &str, config: FakeStoreConfig) {
    let started = Instant::now();
    let data = seed(&config);
    let elapsed = started.elapsed();
    println!(
        "  {label:<52} {:>7.0} ms  ({} products, {} customers, {} orders)",
        elapsed.as_secs_f64() * 1e3,
        data.product_count(),
        data.customer_count(),
        data.order_count()
    );
}

fn main() {
    println!("Seeding the simulator's store:");
    time(
        "default demo store",
        FakeStoreConfig {
            clock: bctui::clock::Clock::test(),
            ..FakeStoreConfig::default()
        },
    );
    time(
        "100,000 products",
        FakeStoreConfig {
            products: 100_000,
            customers: 0,
            orders: 0,
            clock: bctui::clock::Clock::test(),
            ..FakeStoreConfig::default()
        },
    );
    time(
        "100,000 products, 10,000 customers, 50,000 orders",
        FakeStoreConfig {
            products: 100_000,
            customers: 10_000,
            orders: 50_000,
            clock: bctui::clock::Clock::test(),
            ..FakeStoreConfig::default()
        },
    );
}
