//! How fast the client decodes a list page of 250 products as the simulator serves it (full
//! products, descriptions included), the way every walk does (`decode_page`: each item read
//! on its own, so one odd record does not fail the page), and straight into the envelope.
//!
//! Also the bytes of that page whole and with the Products list's `include_fields`.
//!
//! Run: `cargo bench --bench decode`

use std::time::Instant;

use bctui::api::models::Product;
use bctui::api::pagination::{ListEnvelope, Page, decode_page};
use bctui::app::panes::LIST_FIELDS;

mod support;

const RUNS: usize = 40;
const ROUNDS: usize = 9;

fn main() {
    let body = support::block_on(async {
        let store = support::start(support::catalog_config(2_000)).await;
        let http = reqwest::Client::new();
        let page = |fields: &str| {
            let path = format!("/v3/catalog/products?page=2&limit=250{fields}");
            let (http, store) = (&http, &store);
            async move {
                let response = support::get(http, store, &path).await;
                response.bytes().await.expect("a body")
            }
        };
        let list_fields = format!("&include_fields={}", LIST_FIELDS.join(","));
        (page("").await, page(&list_fields).await)
    });
    let (body, list_body) = body;
    println!(
        "Bytes of a 250-product list page: {} whole, {} with the Products list's include_fields ({:.1}x smaller)",
        body.len(),
        list_body.len(),
        body.len() as f64 / list_body.len() as f64
    );
    let walks = || {
        let page: Page<Product> = decode_page("/v3/catalog/products", &body).expect("a page");
        assert_eq!(page.items.len(), 250);
    };
    let envelope = || {
        let page: ListEnvelope<Product> = serde_json::from_slice(&body).expect("a product page");
        assert_eq!(page.data.len(), 250);
    };
    let list_page = || {
        let page: Page<Product> = decode_page("/v3/catalog/products", &list_body).expect("a page");
        assert_eq!(page.items.len(), 250);
    };
    let cases: [(&str, &dyn Fn(), usize); 3] = [
        ("as walks decode", &walks, body.len()),
        ("envelope", &envelope, body.len()),
        ("list page (include_fields)", &list_page, list_body.len()),
    ];
    println!(
        "Decode of a 250-product list page ({} KB), median of {ROUNDS} rounds of {RUNS}:",
        body.len() / 1000
    );
    for (label, decode, bytes) in cases {
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
            "  {label:<28} {:.2} ms, {:.0} MB/s",
            seconds * 1e3,
            bytes as f64 / seconds / 1e6
        );
    }
}
