//! How fast the client decodes a list page of 250 products as the simulator serves it (full
//! products, descriptions included), the way every walk does (`decode_page`: each item read
//! on its own, so one odd record does not fail the page), and straight into the envelope.
//!
//! Run: `cargo bench --bench decode`

use std::time::Instant;

use bctui::api::models::Product;
use bctui::api::pagination::{ListEnvelope, Page, decode_page};
use bctui::fakestore::{FakeStore, FakeStoreConfig};

mod support;

const RUNS: usize = 40;
const ROUNDS: usize = 9;

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
    let walks = || {
        let page: Page<Product> = decode_page("/v3/catalog/products", &body).expect("a page");
        assert_eq!(page.items.len(), 250);
    };
    let envelope = || {
        let page: ListEnvelope<Product> = serde_json::from_slice(&body).expect("a product page");
        assert_eq!(page.data.len(), 250);
    };
    let cases: [(&str, &dyn Fn()); 2] = [("as walks decode", &walks), ("envelope", &envelope)];
    println!(
        "Decode of a 250-product list page ({} KB), median of {ROUNDS} rounds of {RUNS}:",
        body.len() / 1000
    );
    for (label, decode) in cases {
        decode();
        let mut rounds: Vec<f64> = (0..ROUNDS)
            .map(|_| {
                let started = Instant::now();
                for _ in 0..RUNS {
                    decode();
                }
                started.elapsed().as_secs_f64() / RUNS as f64
            })
            .collect();
        rounds.sort_by(f64::total_cmp);
        let seconds = rounds[ROUNDS / 2];
        println!(
            "  {label:<16} {:.2} ms, {:.0} MB/s",
            seconds * 1e3,
            body.len() as f64 / seconds / 1e6
        );
    }
}
