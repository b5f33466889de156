//! Client behaviour against a tiny scripted axum server on 127.0.0.1:0.

use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use bctui::api::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

const TOKEN: &str = "s3cr3t-t0ken-value";
const HASH: &str = "abc123";

#[derive(Debug, Clone)]
struct Seen {
    method: String,
    /// Path and query after `/stores/{hash}`, as received (still encoded).
    uri: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
}

fn reply(status: u16, body: Value) -> Reply {
    Reply {
        status,
        headers: vec![],
        body: if body.is_null() {
            String::new()
        } else {
            body.to_string()
        },
    }
}

fn text(status: u16, body: &str) -> Reply {
    Reply {
        status,
        headers: vec![("content-type", "text/plain".into())],
        body: body.to_string(),
    }
}

type Script = dyn Fn(&Seen, usize) -> Reply + Send + Sync;

#[derive(Clone)]
struct Server {
    seen: Arc<Mutex<Vec<Seen>>>,
    script: Arc<Script>,
}

async fn handle(
    State(server): State<Server>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let full = uri.path_and_query().map(|p| p.as_str()).unwrap_or("");
    let prefix = format!("/stores/{HASH}");
    let seen = Seen {
        method: method.to_string(),
        uri: full.strip_prefix(&prefix).unwrap_or(full).to_string(),
        headers,
        body: body.to_vec(),
    };
    let n = {
        let mut list = server.seen.lock().unwrap();
        list.push(seen.clone());
        list.len() - 1
    };
    let r = (server.script)(&seen, n);
    let mut response = (StatusCode::from_u16(r.status).unwrap(), r.body).into_response();
    let h = response.headers_mut();
    if !r.headers.iter().any(|(k, _)| *k == "content-type") {
        h.insert("content-type", "application/json".parse().unwrap());
    }
    for (k, v) in r.headers {
        h.insert(k, v.parse().unwrap());
    }
    response
}

struct Harness {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Harness {
    async fn start(script: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> Harness {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let state = Server {
            seen: seen.clone(),
            script: Arc::new(script),
        };
        let app = Router::new().fallback(handle).with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Harness {
            url: format!("http://{addr}"),
            seen,
        }
    }

    fn client(&self, read_only: bool) -> Client {
        Client::new(ClientConfig {
            api_url: self.url.clone(),
            store_hash: HASH.into(),
            token: Token::new(TOKEN),
            read_only,
        })
        .unwrap()
        .with_retry_policy(RetryPolicy {
            max_attempts: 4,
            max_rate_limit_attempts: 4,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(40),
        })
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn v3_page(items: Vec<Value>, page: u64, total_pages: u64, per_page: u64) -> Value {
    json!({"data": items, "meta": {"pagination": {
        "total": total_pages * per_page, "count": items.len(), "per_page": per_page,
        "current_page": page, "total_pages": total_pages, "links": {"current": "?page=1"}}}})
}

#[tokio::test]
async fn sends_the_documented_headers() {
    let h = Harness::start(|_, _| {
        reply(
            200,
            json!({"data": {"id": 7, "name": "X", "price": 9.95}, "meta": {}}),
        )
    })
    .await;
    let c = h.client(false);
    let write = ProductWrite {
        price: Some(Decimal::from_str("9.95").unwrap()),
        ..Default::default()
    };
    let p = c.update_product(7, &write).await.unwrap();
    assert_eq!(p.price.to_string(), "9.95");
    let seen = h.seen();
    let req = &seen[0];
    assert_eq!(req.method, "PUT");
    assert_eq!(req.uri, "/v3/catalog/products/7");
    assert_eq!(req.headers["x-auth-token"], TOKEN);
    assert_eq!(req.headers["accept"], "application/json");
    assert_eq!(req.headers["content-type"], "application/json");
    assert!(
        req.headers["user-agent"]
            .to_str()
            .unwrap()
            .starts_with("bctui/")
    );
    assert!(
        req.headers["accept-encoding"]
            .to_str()
            .unwrap()
            .contains("gzip")
    );
    assert_eq!(String::from_utf8_lossy(&req.body), r#"{"price":9.95}"#);
}

#[tokio::test]
async fn waits_out_a_429_then_succeeds() {
    let h = Harness::start(|_, n| {
        if n == 0 {
            Reply {
                status: 429,
                headers: vec![
                    ("x-rate-limit-requests-left", "0".into()),
                    ("x-rate-limit-requests-quota", "150".into()),
                    ("x-rate-limit-time-reset-ms", "300".into()),
                    ("x-rate-limit-time-window-ms", "30000".into()),
                ],
                body: String::new(),
            }
        } else {
            let mut r = reply(200, json!({"time": 1529512970}));
            r.headers = vec![
                ("X-Rate-Limit-Requests-Left", "149".into()),
                ("X-Rate-Limit-Requests-Quota", "150".into()),
                ("X-Rate-Limit-Time-Reset-Ms", "29000".into()),
                ("X-Rate-Limit-Time-Window-Ms", "30000".into()),
            ];
            r
        }
    })
    .await;
    let c = h.client(false);
    let mut watch = c.watch_rate_limit();
    let saw_pause = tokio::spawn(async move {
        loop {
            if watch.changed().await.is_err() {
                return false;
            }
            if watch.borrow().paused_until.is_some() {
                return true;
            }
        }
    });
    let started = Instant::now();
    let time = c.server_time().await.unwrap();
    assert_eq!(time.timestamp(), 1529512970);
    assert!(
        started.elapsed() >= Duration::from_millis(290),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(h.seen().len(), 2);
    assert!(
        tokio::time::timeout(Duration::from_secs(1), saw_pause)
            .await
            .unwrap()
            .unwrap()
    );
    let state = c.rate_limit();
    assert_eq!(state.requests_left, Some(149));
    assert_eq!(state.quota, Some(150));
    assert_eq!(state.window_ms, Some(30000));
    assert_eq!(state.paused_until, None);
}

#[tokio::test]
async fn post_is_retried_after_429_but_not_after_503() {
    let h = Harness::start(|s, n| match (s.method.as_str(), n) {
        (_, 0) => Reply {
            status: 429,
            headers: vec![("x-retry-after", "0".into())],
            body: String::new(),
        },
        (_, 1) => reply(
            503,
            json!([{"status": 503, "message": "Service unavailable"}]),
        ),
        _ => reply(201, json!({"id": 1})),
    })
    .await;
    let c = h.client(false);
    let err = c
        .create_shipment(
            5,
            &ShipmentCreate {
                order_address_id: 1,
                items: vec![ShipmentItem {
                    order_product_id: 2,
                    product_id: None,
                    quantity: 1,
                }],
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(h.seen().len(), 2, "429 retried once, 503 not retried");
}

#[tokio::test]
async fn get_retries_503_and_gives_up_after_max_attempts() {
    let h = Harness::start(|s, n| {
        if s.uri.starts_with("/v2/store") && n < 2 {
            reply(503, Value::Null)
        } else if s.uri.starts_with("/v2/store") {
            reply(200, json!({"id": HASH, "name": "Shop"}))
        } else {
            reply(502, Value::Null)
        }
    })
    .await;
    let c = h.client(false);
    assert_eq!(c.store_info().await.unwrap().name, "Shop");
    assert_eq!(h.seen().len(), 3);
    let err = c.order_statuses().await.unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(h.seen().len(), 3 + 4, "bounded at 4 attempts");
    assert!(
        err.to_string().contains("retried and still failed"),
        "{err}"
    );
}

#[tokio::test]
async fn read_only_refuses_writes_before_sending() {
    let h = Harness::start(|_, _| reply(200, json!([]))).await;
    let c = h.client(true);
    assert!(c.read_only());
    let err = c.delete_products(&[1, 2]).await.unwrap_err();
    assert!(matches!(err, ApiError::ReadOnly { .. }));
    assert_eq!(
        err.to_string().split('(').next().unwrap().trim(),
        "bctui is in read-only mode; DELETE refused"
    );
    let err = c
        .raw(reqwest::Method::POST, "/v3/customers", Some(json!([{}])))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("bctui is in read-only mode; POST refused")
    );
    assert!(matches!(
        c.update_order(1, &OrderUpdate::default()).await,
        Err(ApiError::ReadOnly { .. })
    ));
    assert!(h.seen().is_empty(), "nothing was sent");
    // Reads still work.
    assert!(c.order_statuses().await.unwrap().is_empty());
    assert_eq!(h.seen().len(), 1);
}

#[tokio::test]
async fn v2_204_is_an_empty_list() {
    let h = Harness::start(|_, _| reply(204, Value::Null)).await;
    let c = h.client(false);
    assert!(
        c.list_orders(&OrderQuery::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(c.order_shipments(9).await.unwrap().is_empty());
    assert!(c.order_products(9).await.unwrap().is_empty());
    let seen = h.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[1].uri, "/v2/orders/9/shipments?page=1&limit=250");
}

#[tokio::test]
async fn v3_walk_stops_on_a_short_page_despite_total_pages() {
    let h = Harness::start(|s, _| {
        let item = |id: u64| json!({"id": id, "name": format!("P{id}")});
        if s.uri.contains("page=1&") {
            reply(200, v3_page(vec![item(1), item(2), item(3)], 1, 10, 3))
        } else {
            reply(200, v3_page(vec![item(4)], 2, 10, 3))
        }
    })
    .await;
    let c = h.client(false);
    let mut progress = Vec::new();
    let mut q = bctui::api::query::QueryPairs::new();
    q.push("limit", 3).push("is_visible", true);
    let all: Vec<Product> = c
        .fetch_all_v3("/v3/catalog/products", &q, |p| progress.push(p))
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
    assert_eq!(h.seen().len(), 2);
    assert_eq!(
        h.seen()[1].uri,
        "/v3/catalog/products?is_visible=true&page=2&limit=3"
    );
    assert_eq!(progress.last().unwrap().items, 4);
    assert_eq!(progress.last().unwrap().total, Some(30));
}

#[tokio::test]
async fn v3_walk_stops_on_an_empty_page() {
    let h = Harness::start(|s, _| {
        if s.uri.contains("page=1&") {
            let items = (1..=250).map(|id| json!({"id": id})).collect();
            reply(200, v3_page(items, 1, 9, 250))
        } else {
            reply(200, json!({"data": [], "meta": {}}))
        }
    })
    .await;
    let c = h.client(false);
    let all = c
        .all_products(&ProductQuery::default(), |_| {})
        .await
        .unwrap();
    assert_eq!(all.len(), 250);
    assert_eq!(h.seen().len(), 2);
}

#[tokio::test]
async fn order_products_walks_past_the_default_50() {
    let h = Harness::start(|s, _| {
        let n = if s.uri.contains("page=1&") { 250 } else { 3 };
        reply(
            200,
            Value::Array(
                (0..n)
                    .map(|i| json!({"id": i, "price_inc_tax": "1.5000"}))
                    .collect(),
            ),
        )
    })
    .await;
    let c = h.client(false);
    let items = c.order_products(77).await.unwrap();
    assert_eq!(items.len(), 253);
    assert_eq!(items[0].price_inc_tax.to_string(), "1.5000");
    assert_eq!(h.seen()[0].uri, "/v2/orders/77/products?page=1&limit=250");
}

#[tokio::test]
async fn parses_v3_v2_and_plain_text_errors() {
    let h = Harness::start(|s, _| match s.uri.as_str() {
        u if u.starts_with("/v3/catalog/products/1") => reply(422, json!({
            "status": 422, "title": "JSON data is missing or invalid",
            "type": "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
            "errors": {"price": "price must be positive", "name": "name is required"}})),
        u if u.starts_with("/v3/catalog/products") => reply(409, json!({
            "status": 409, "title": "The product sku is a duplicate",
            "errors": {"sku": "The product sku is a duplicate"}})),
        u if u.starts_with("/v2/orders/5") => reply(404, json!([{"status": 404, "message": "The requested resource was not found."}])),
        u if u.starts_with("/v2/orders") => reply(413, json!([{"status": 413, "message": "The specified limit exceeds the maximum allowed.", "details": {"max_limit": 250}}])),
        u if u.starts_with("/v3/catalog/trees/categories") => reply(422, json!({
            "errors": {"status": 422, "title": "Invalid input", "type": "x", "errors": {"0.name": "name is empty"}},
            "meta": {"total": 1, "success": 0, "failed": 1}})),
        u if u.starts_with("/v3/catalog/trees") => text(401, "Unauthorized request"),
        u if u.starts_with("/v3/customers") => reply(403, json!({"status": 403, "title": "You don't have a required scope to access the endpoint", "type": "x"})),
        _ => text(500, "<html><body>oops</body></html>"),
    })
    .await;
    let c = h.client(false);

    let err = c
        .update_product(1, &ProductWrite::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422));
    let mut fields = err.field_errors().to_vec();
    fields.sort();
    assert_eq!(
        fields,
        vec![
            ("name".to_string(), "name is required".to_string()),
            ("price".to_string(), "price must be positive".to_string()),
        ]
    );
    let shown = err.to_string();
    assert!(shown.contains("PUT /v3/catalog/products/1: 422"), "{shown}");
    assert!(shown.contains("JSON data is missing or invalid"), "{shown}");
    assert!(shown.contains("price: price must be positive"), "{shown}");

    let err = c
        .create_product(&ProductWrite::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(409));
    assert_eq!(err.field_errors()[0].0, "sku");
    assert!(err.hint().unwrap().contains("sku"));

    let err = c.get_order(5).await.unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(
        err.messages(),
        &["The requested resource was not found.".to_string()]
    );

    let err = c
        .list_orders(&OrderQuery {
            limit: Some(500),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(413));
    assert!(
        err.messages()[0].contains("max_limit: 250"),
        "{:?}",
        err.messages()
    );

    let err = c
        .update_tree_categories(&[TreeCategoryWrite {
            category_id: Some(3),
            ..Default::default()
        }])
        .await
        .unwrap_err();
    assert_eq!(
        err.field_errors(),
        &[("0.name".to_string(), "name is empty".to_string())]
    );
    assert!(err.messages().contains(&"Invalid input".to_string()));

    let err = c.list_trees().await.unwrap_err();
    assert_eq!(err.messages(), &["Unauthorized request".to_string()]);
    assert!(err.hint().unwrap().contains("token"), "{err}");

    let err = c
        .list_customers(&CustomerQuery::default())
        .await
        .unwrap_err();
    assert!(err.hint().unwrap().contains("store_v2_customers"), "{err}");
    let err = c
        .create_customers(&[CustomerWrite::default()])
        .await
        .unwrap_err();
    assert!(
        err.hint()
            .unwrap()
            .contains("`store_v2_customers` scope with modify"),
        "{err}"
    );

    let err = c.catalog_summary().await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(err.messages(), &["(an HTML error page)".to_string()]);
}

#[tokio::test]
async fn refuses_urls_that_leave_the_store() {
    let h = Harness::start(|_, _| reply(200, json!({"time": 1}))).await;
    let c = h.client(false);
    for bad in [
        "https://evil.example.com/v3/catalog/products",
        "//evil.example.com/v3/catalog/products",
        "http://127.0.0.1:1/stores/abc123/v3/catalog/products",
        "/v1/catalog",
        "v3/catalog/products",
        "/v3/../../other/v3/x",
        "/v3/%2e%2e/%2e%2e/other",
        "/v3/catalog products",
        "/stores/abc123/v3/catalog/products",
    ] {
        let err = c.raw(reqwest::Method::GET, bad, None).await.unwrap_err();
        assert!(matches!(err, ApiError::RefusedUrl { .. }), "{bad}: {err}");
        assert!(!err.to_string().contains(TOKEN));
    }
    assert!(h.seen().is_empty());
    // The store's own absolute URL is fine, and any status comes back raw.
    let own = format!("{}/v2/time", c.base_url());
    let r = c.raw(reqwest::Method::GET, &own, None).await.unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.json().unwrap()["time"], json!(1));
    assert_eq!(h.seen()[0].uri, "/v2/time");
}

#[tokio::test]
async fn raw_returns_error_statuses_as_responses() {
    let h = Harness::start(|_, _| reply(404, json!([{"status": 404, "message": "nope"}]))).await;
    let c = h.client(false);
    let r = c
        .raw(reqwest::Method::GET, "/v2/orders/1", None)
        .await
        .unwrap();
    assert_eq!(r.status, 404);
    assert!(!r.is_success());
    assert_eq!(r.header("Content-Type"), Some("application/json"));
}

#[tokio::test]
async fn empty_id_lists_are_refused_before_sending() {
    let h = Harness::start(|_, _| reply(204, Value::Null)).await;
    let c = h.client(false);
    for err in [
        c.delete_customers(&[]).await.unwrap_err(),
        c.delete_products(&[]).await.unwrap_err(),
        c.delete_tree_categories(&[]).await.unwrap_err(),
    ] {
        assert!(matches!(err, ApiError::InvalidInput(_)), "{err}");
    }
    assert!(h.seen().is_empty());
    c.delete_customers(&[4, 5]).await.unwrap();
    assert_eq!(h.seen()[0].method, "DELETE");
    assert_eq!(h.seen()[0].uri, "/v3/customers?id:in=4,5");
}

#[tokio::test]
async fn get_customer_uses_id_in_and_maps_empty_to_not_found() {
    let h = Harness::start(|s, _| {
        if s.uri.contains("id:in=5&") {
            reply(
                200,
                v3_page(vec![json!({"id": 5, "email": "a@example.com"})], 1, 1, 50),
            )
        } else {
            reply(200, v3_page(vec![], 1, 0, 50))
        }
    })
    .await;
    let c = h.client(false);
    assert_eq!(c.get_customer(5).await.unwrap().email, "a@example.com");
    assert_eq!(
        h.seen()[0].uri,
        "/v3/customers?id:in=5&include=addresses,storecredit"
    );
    let err = c.get_customer(6).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

#[tokio::test]
async fn batches_are_chunked_to_the_api_limits() {
    let h = Harness::start(|s, _| {
        let items: Vec<Value> = serde_json::from_slice(&s.body).unwrap_or_default();
        reply(200, json!({"data": items, "meta": {}}))
    })
    .await;
    let c = h.client(false);
    let writes: Vec<ProductWrite> = (1..=25)
        .map(|id| ProductWrite {
            id: Some(id),
            ..Default::default()
        })
        .collect();
    let saved = c.update_products(&writes).await.unwrap();
    assert_eq!(saved.len(), 25);
    let sizes: Vec<usize> = h
        .seen()
        .iter()
        .map(|s| serde_json::from_slice::<Vec<Value>>(&s.body).unwrap().len())
        .collect();
    assert_eq!(sizes, vec![10, 10, 5]);
    let err = c
        .update_products(&[ProductWrite::default()])
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::InvalidInput(_)));
}

#[tokio::test]
async fn paces_when_the_quota_runs_low() {
    let h = Harness::start(|_, n| {
        let mut r = reply(200, json!({"time": 1}));
        let left = if n == 0 { "0" } else { "100" };
        r.headers = vec![
            ("x-rate-limit-requests-left", left.into()),
            ("x-rate-limit-requests-quota", "100".into()),
            ("x-rate-limit-time-reset-ms", "250".into()),
            ("x-rate-limit-time-window-ms", "1000".into()),
        ];
        r
    })
    .await;
    let c = h.client(false);
    c.server_time().await.unwrap();
    let started = Instant::now();
    c.server_time().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(c.rate_limit().requests_left, Some(100));
}

#[tokio::test]
async fn queries_are_encoded_with_spec_names() {
    let h = Harness::start(|_, _| reply(204, Value::Null)).await;
    let c = h.client(false);
    let when = bctui::api::dates::parse_datetime("2012-11-20T00:00:00Z").unwrap();
    c.list_orders(&OrderQuery {
        status_id: Some(11),
        min_date_modified: Some(when),
        sort: Some("date_created:desc".into()),
        page: Some(2),
        limit: Some(50),
        ..Default::default()
    })
    .await
    .unwrap();
    c.list_products(&ProductQuery {
        id_in: vec![1, 2],
        keyword: Some("a&b c+d".into()),
        categories_in: vec![5],
        availability: Some(Availability::Preorder),
        direction: Some(SortDirection::Desc),
        sort: Some("name".into()),
        include: vec!["variants".into(), "images".into()],
        ..Default::default()
    })
    .await
    .unwrap();
    let seen = h.seen();
    assert_eq!(
        seen[0].uri,
        "/v2/orders?status_id=11&min_date_modified=Tue,%2020%20Nov%202012%2000:00:00%20%2B0000&sort=date_created:desc&page=2&limit=50"
    );
    assert_eq!(
        seen[1].uri,
        "/v3/catalog/products?id:in=1,2&keyword=a%26b%20c%2Bd&categories:in=5&availability=preorder&sort=name&direction=desc&include=variants,images"
    );
}

#[tokio::test]
async fn decode_errors_name_the_field() {
    let h =
        Harness::start(|_, _| reply(200, json!({"data": {"id": 1, "price": [1, 2]}, "meta": {}})))
            .await;
    let c = h.client(false);
    let err = c.get_product(1, &[]).await.unwrap_err();
    assert!(matches!(err, ApiError::Decode { .. }));
    assert!(err.to_string().contains("field `price`"), "{err}");
}

#[tokio::test]
async fn the_token_never_shows() {
    let token = Token::new(TOKEN);
    assert_eq!(format!("{token}"), "***");
    assert_eq!(format!("{token:?}"), "***");
    let config = ClientConfig::new(HASH, token.clone());
    assert!(!format!("{config:?}").contains(TOKEN));

    let h =
        Harness::start(|_, _| reply(401, json!({"status": 401, "title": "Unauthorized"}))).await;
    let c = h.client(false);
    assert!(!format!("{c:?}").contains(TOKEN));
    let err = c.store_info().await.unwrap_err();
    assert!(!err.to_string().contains(TOKEN));
    assert!(!format!("{err:?}").contains(TOKEN));
    assert!(err.to_string().contains("token"), "{err}");

    // Plain http to a non-loopback host is refused without echoing the token.
    let err = Client::new(ClientConfig {
        api_url: "http://api.example.com".into(),
        ..config.clone()
    })
    .unwrap_err();
    assert!(matches!(err, ApiError::RefusedUrl { .. }), "{err}");
    assert!(!err.to_string().contains(TOKEN));
    for ok in [
        "http://localhost:9",
        "http://127.0.0.2:9",
        "http://[::1]:9",
        "https://api.bigcommerce.com",
    ] {
        Client::new(ClientConfig {
            api_url: ok.into(),
            ..config.clone()
        })
        .unwrap();
    }
    assert!(
        Client::new(ClientConfig {
            store_hash: "a/b".into(),
            ..config.clone()
        })
        .is_err()
    );
    assert!(
        Client::new(ClientConfig {
            token: Token::new(""),
            ..config
        })
        .is_err()
    );
}

#[tokio::test]
async fn transport_errors_are_retried_then_reported() {
    // Bind and drop a listener to get a port nobody listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let c = Client::new(ClientConfig {
        api_url: format!("http://127.0.0.1:{port}"),
        store_hash: HASH.into(),
        token: Token::new(TOKEN),
        read_only: false,
    })
    .unwrap()
    .with_retry_policy(RetryPolicy {
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(10),
        ..RetryPolicy::default()
    });
    let err = c.store_info().await.unwrap_err();
    assert!(matches!(err, ApiError::Transport { .. }), "{err}");
    assert!(!err.to_string().contains(TOKEN));
    assert!(
        err.to_string()
            .starts_with("GET /v2/store: connection failed"),
        "{err}"
    );
}

#[tokio::test]
async fn concurrent_requests_stay_under_a_small_quota() {
    // A fixed-window quota like the simulator's: 10 requests per 300 ms.
    const QUOTA: u64 = 10;
    const WINDOW_MS: u64 = 300;
    let window = Arc::new(Mutex::new((Instant::now(), 0u64, 0u64))); // (start, used, 429s)
    let w = window.clone();
    let h = Harness::start(move |_, _| {
        let mut state = w.lock().unwrap();
        let now = Instant::now();
        if now.duration_since(state.0) >= Duration::from_millis(WINDOW_MS) {
            state.0 = now;
            state.1 = 0;
        }
        let reset = WINDOW_MS.saturating_sub(now.duration_since(state.0).as_millis() as u64);
        let (status, left) = if state.1 >= QUOTA {
            state.2 += 1;
            (429, 0)
        } else {
            state.1 += 1;
            (200, QUOTA - state.1)
        };
        let mut r = reply(
            status,
            if status == 200 {
                json!({"time": 1})
            } else {
                Value::Null
            },
        );
        r.headers = vec![
            ("x-rate-limit-requests-left", left.to_string()),
            ("x-rate-limit-requests-quota", QUOTA.to_string()),
            ("x-rate-limit-time-reset-ms", reset.to_string()),
            ("x-rate-limit-time-window-ms", WINDOW_MS.to_string()),
        ];
        r
    })
    .await;
    let c = h.client(false);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..10 {
                c.server_time().await.unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let served_429 = window.lock().unwrap().2;
    assert!(served_429 <= 1, "{served_429} requests ran into 429");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn query_values_may_contain_urls() {
    let h = Harness::start(|_, _| reply(200, json!({"data": [], "meta": {}}))).await;
    let c = h.client(false);
    let r = c
        .raw(
            reqwest::Method::GET,
            "/v3/catalog/trees/categories?keyword=https://x.example/a",
            None,
        )
        .await
        .unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(
        h.seen()[0].uri,
        "/v3/catalog/trees/categories?keyword=https://x.example/a"
    );
}

/// The TUI spawns these futures on tokio tasks: they must be `Send`.
#[test]
fn endpoint_futures_are_send() {
    fn assert_send<T: Send>(_: T) {}
    let c = Client::new(ClientConfig::new(HASH, Token::new(TOKEN))).unwrap();
    let pq = ProductQuery::default();
    let writes = vec![ProductWrite::default()];
    assert_send(c.list_products(&pq));
    assert_send(c.all_products(&pq, |_| {}));
    assert_send(c.update_products(&writes));
    assert_send(c.delete_customers(&[1]));
    assert_send(c.create_tree_categories(&[]));
    assert_send(c.category_tree(1, Some(2)));
    assert_send(c.all_orders(&OrderQuery::default(), |_| {}));
    assert_send(c.order_products(1));
    assert_send(c.paginate_raw("/v2/orders", |_, _| std::ops::ControlFlow::Continue(())));
    assert_send(c.raw(reqwest::Method::GET, "/v2/time", None));
    fn assert_sync<T: Send + Sync + Clone>(_: &T) {}
    assert_sync(&c);
}
