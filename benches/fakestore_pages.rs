//! How long the store simulator takes to answer one request as its catalog grows: a list page
//! at the start and at the end of the catalog, the common filters (name and SKU included) and a
//! lookup by id, category filters, keyword searches and sorts, at 2,000, 20,000 and 100,000
//! products. Flat figures mean no request scans the whole catalog.
//! Timed from the client's side over loopback, body read but not decoded.
//!
//! Run: `cargo bench --bench fakestore_pages`

use std::time::Instant;

use bctui::fakestore::FakeStore;

mod support;

const RUNS: usize = 15;

fn main() {
    support::block_on(bench());
}

/// Milliseconds of the first GET of `path` (which builds any index it needs) and the median of
/// `RUNS` more, and the body's size.
async fn median_ms(http: &reqwest::Client, store: &FakeStore, path: &str) -> (f64, f64, usize) {
    let mut times = Vec::with_capacity(RUNS);
    let mut bytes = 0;
    let mut first = 0.0;
    for run in 0..=RUNS {
        let started = Instant::now();
        let response = support::get(http, store, path).await;
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        bytes = response.bytes().await.expect("a body").len();
        let ms = started.elapsed().as_secs_f64() * 1e3;
        if run > 0 {
            times.push(ms);
        } else {
            first = ms;
        }
    }
    times.sort_by(f64::total_cmp);
    (first, times[RUNS / 2], bytes)
}

/// The name, SKU and first category of product `id`, as the simulator has them.
async fn name_sku_category(
    http: &reqwest::Client,
    store: &FakeStore,
    id: u64,
) -> (String, String, u64) {
    let response = support::get(http, store, &format!("/v3/catalog/products/{id}")).await;
    let bytes = response.bytes().await.expect("a body");
    let body: serde_json::Value = serde_json::from_slice(&bytes).expect("a product");
    let field = |key: &str| body["data"][key].as_str().unwrap_or_default().to_string();
    let category = body["data"]["categories"][0].as_u64().unwrap_or_default();
    (field("name"), field("sku"), category)
}

/// `text` as a query value.
fn encoded(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn bench() {
    let http = reqwest::Client::new();
    println!("Simulator, median ms per request ({RUNS} runs after the first), by catalog size:");
    for products in [2_000usize, 20_000, 100_000] {
        let store = support::start(support::catalog_config(products)).await;
        let last_page = products.div_ceil(250);
        let mid = products as u64 / 2;
        let ids: Vec<String> = (0..10).map(|i| (mid + i * 7).to_string()).collect();
        let (name, sku, category) = name_sku_category(&http, &store, mid).await;
        let cases = [
            (
                "first page (250)".to_string(),
                "/v3/catalog/products?page=1&limit=250".to_string(),
            ),
            (
                "last page (250)".to_string(),
                format!("/v3/catalog/products?page={last_page}&limit=250"),
            ),
            (
                "is_visible=true page 2 (250)".to_string(),
                "/v3/catalog/products?is_visible=true&page=2&limit=250".to_string(),
            ),
            (
                "id:in (10 ids)".to_string(),
                format!("/v3/catalog/products?id:in={}", ids.join(",")),
            ),
            (
                "product by id".to_string(),
                format!("/v3/catalog/products/{mid}"),
            ),
            (
                "name= (exact)".to_string(),
                format!("/v3/catalog/products?name={}", encoded(&name)),
            ),
            (
                "sku= (exact)".to_string(),
                format!("/v3/catalog/products?sku={}", encoded(&sku)),
            ),
            (
                "keyword= (substring)".to_string(),
                format!("/v3/catalog/products?keyword={}", encoded(&sku)),
            ),
            (
                "keyword= (a word, page 1)".to_string(),
                "/v3/catalog/products?keyword=steel&limit=50".to_string(),
            ),
            (
                "categories:in= page 1 (50)".to_string(),
                format!("/v3/catalog/products?categories:in={category}&limit=50"),
            ),
            (
                "categories= page 1 (50)".to_string(),
                format!("/v3/catalog/products?categories={category}&limit=50"),
            ),
            (
                "sort=name page 1 (50)".to_string(),
                "/v3/catalog/products?sort=name&limit=50".to_string(),
            ),
            (
                "sort=price desc page 1 (50)".to_string(),
                "/v3/catalog/products?sort=price&direction=desc&limit=50".to_string(),
            ),
            (
                "sort=name, is_visible, page 3 (50)".to_string(),
                "/v3/catalog/products?sort=name&is_visible=true&page=3&limit=50".to_string(),
            ),
        ];
        println!("  {products} products:");
        for (label, path) in &cases {
            let (first, ms, bytes) = median_ms(&http, &store, path).await;
            println!("    {label:<36} {ms:7.2} ms  (first {first:7.2} ms, {bytes} B)");
        }
    }
}
