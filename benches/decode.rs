//! How fast the client decodes a list page of 250 products as the simulator serves it (full
//! products, descriptions included), through the same envelope type the walks use.
//!
//! Run: `cargo bench --bench decode`

use std::time::Instant;

use bctui::api::models::Product;
use bctui::api::pagination::ListEnvelope;
use bctui::fakestore::{FakeStore, FakeStoreConfig};

mod support;

const RUNS: usize = 200;

fn main() {
    let body = support::block_on(async {
        let store = FakeStore::start(FakeStoreConfig {
            products: 2_000,
            customers: 10,
            orders: 10,
            quota: 1_000_000,
            clock: bctui::clock::Clock::test(),
            ..FakeStoreConfig::default()
        })
        .await
        .expect("the simulator starts");
        let url = format!(
            "{}/stores/{}/v3/catalog/products?page=2&limit=250",
            store.api_url(),
            store.store_hash()
        );
        reqwest::Client::new()
            .get(url)
            .header("x-auth-token", store.token())
            .send()
            .await
            .expect("the simulator answers")
            .bytes()
            .await
            .expect("a body")
    });
    let decode = || {
        let page: ListEnvelope<Product> = serde_json::from_slice(&body).expect("a product page");
        assert_eq!(page.data.len(), 250);
    };
    decode();
    let started = Instant::now();
    for _ in 0..RUNS {
        decode();
    }
    let seconds = started.elapsed().as_secs_f64() / RUNS as f64;
    println!(
        "Decode of a 250-product list page ({} KB): {:.2} ms, {:.0} MB/s",
        body.len() / 1000,
        seconds * 1e3,
        body.len() as f64 / seconds / 1e6
    );
}
