//! The store simulator over real HTTP: store info, auth, store hash, unknown routes and methods,
//! read-only tokens, rate limits, latency, failure injection and the request log. The catalog,
//! trees, orders and customers have their own modules.

use bctui::fakestore::{FakeStore, FakeStoreConfig, RequestRecord};
use reqwest::Method;
use serde_json::json;
use std::time::{Duration, Instant};

use crate::harness::*;

#[tokio::test]
async fn store_info_time_and_rate_limit_headers() {
    let h = Harness::new().await;
    let r = h.get("/v2/store").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["content-type"], "application/json");
    assert_eq!(r.json["name"], "Northwind Outfitters");
    assert_eq!(r.json["currency"], "USD");
    assert_eq!(r.json["id"], "fakestore");
    for name in [
        "x-rate-limit-requests-left",
        "x-rate-limit-requests-quota",
        "x-rate-limit-time-reset-ms",
        "x-rate-limit-time-window-ms",
    ] {
        assert!(r.headers.contains_key(name), "missing {name}");
    }
    assert_eq!(r.headers["x-rate-limit-requests-quota"], "100000");
    assert_eq!(r.headers["x-rate-limit-time-window-ms"], "30000");
    let t = h.get("/v2/time").await;
    assert_eq!(t.status, 200);
    assert_eq!(t.json["time"].as_i64(), Some(anchor().timestamp()));
    h.store.clock().advance(Duration::from_secs(90));
    let later = h.get("/v2/time").await;
    assert_eq!(later.json["time"].as_i64(), Some(anchor().timestamp() + 90));
}

#[tokio::test]
async fn auth_hash_routes_and_methods() {
    let h = Harness::new().await;
    let no_token = h
        .send_raw(Method::GET, h.url("/v3/catalog/products"), None, None)
        .await;
    assert_eq!(no_token.status, 401);
    assert_eq!(no_token.json["status"], 401);
    assert!(no_token.json["title"].is_string() && no_token.json["type"].is_string());
    assert!(no_token.headers.contains_key("x-rate-limit-requests-left"));
    let v2 = h
        .send_raw(Method::GET, h.url("/v2/orders"), Some("wrong"), None)
        .await;
    assert_eq!(v2.status, 401);
    assert_eq!(v2.json[0]["status"], 401);
    assert!(v2.json[0]["message"].is_string());

    let url = format!("{}/stores/otherhash/v3/catalog/products", h.store.api_url());
    assert_eq!(
        h.send_raw(Method::GET, url, Some(&h.token), None)
            .await
            .status,
        404
    );

    let unknown = h.get("/v3/catalog/nothing").await;
    assert_eq!(
        (unknown.status, unknown.json["status"].as_u64()),
        (404, Some(404))
    );
    let unknown_v2 = h.get("/v2/nothing").await;
    assert_eq!(
        (unknown_v2.status, unknown_v2.json[0]["status"].as_u64()),
        (404, Some(404))
    );
    // There is no single-customer GET in the API.
    assert_eq!(h.get("/v3/customers/1").await.status, 404);
    assert_eq!(
        h.call(Method::PATCH, "/v3/catalog/products", None)
            .await
            .status,
        405
    );
    assert_eq!(h.call(Method::POST, "/v2/store", None).await.status, 405);

    let bad = h.post_bytes("/v3/catalog/products", b"{nope").await;
    assert_eq!((bad.status, bad.json["status"].as_u64()), (400, Some(400)));
    let bad_v2 = h.post_bytes("/v2/orders", b"[").await;
    assert_eq!(
        (bad_v2.status, bad_v2.json[0]["status"].as_u64()),
        (400, Some(400))
    );
}

#[tokio::test]
async fn read_only_token_gets_403_naming_the_scope() {
    let h = Harness::new().await;
    let ro = Some("read-only");
    assert_eq!(
        h.send_raw(Method::GET, h.url("/v3/catalog/products"), ro, None)
            .await
            .status,
        200
    );
    let cases = [
        (Method::PUT, "/v3/catalog/products/1", "store_v2_products"),
        (
            Method::POST,
            "/v3/catalog/trees/categories",
            "store_v2_products",
        ),
        (Method::POST, "/v2/orders", "store_v2_orders"),
        (
            Method::DELETE,
            "/v3/customers?id:in=1",
            "store_v2_customers",
        ),
    ];
    for (method, path, scope) in cases {
        let r = h
            .send_raw(method, h.url(path), ro, Some(b"{}".to_vec()))
            .await;
        assert_eq!(r.status, 403, "{path}");
        assert!(r.text.contains(scope), "{path}: {}", r.text);
    }
    // Nothing was written.
    assert_eq!(h.get("/v3/customers?id:in=1").await.data().len(), 1);
}

// Paused tokio time: the simulator's quota window is measured on tokio's clock, so the
// test moves past the reset instead of waiting for it.
#[tokio::test(start_paused = true)]
async fn rate_limit_429_then_recovery() {
    let config = FakeStoreConfig {
        quota: 5,
        window_ms: 1500,
        ..small()
    };
    let h = Harness::with(config).await;
    let mut lefts = Vec::new();
    for _ in 0..5 {
        let r = h.get("/v2/time").await;
        assert_eq!(r.status, 200);
        lefts.push(
            r.headers["x-rate-limit-requests-left"]
                .to_str()
                .unwrap()
                .parse::<u32>()
                .unwrap(),
        );
    }
    assert_eq!(lefts, vec![4, 3, 2, 1, 0]);
    let limited = h.get("/v2/time").await;
    assert_eq!(limited.status, 429);
    assert!(limited.headers.contains_key("x-retry-after"));
    assert_eq!(limited.headers["x-rate-limit-requests-left"], "0");
    let reset: u64 = limited.headers["x-rate-limit-time-reset-ms"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(reset <= 1500);
    assert_eq!(limited.json[0]["status"], 429);
    tokio::time::advance(Duration::from_millis(reset)).await;
    let again = h.get("/v2/time").await;
    assert_eq!(again.status, 200);
    assert_eq!(again.headers["x-rate-limit-requests-left"], "4");
}

#[tokio::test]
async fn request_log_latency_and_failure_injection() {
    let h = Harness::with(FakeStoreConfig {
        latency_ms: 80,
        ..small()
    })
    .await;
    let started = Instant::now();
    h.get("/v3/catalog/products?limit=1").await;
    assert!(started.elapsed() >= Duration::from_millis(80));
    h.send_raw(Method::GET, h.url("/v2/time"), None, None).await;
    let log_url = format!("{}/__fakestore/requests", h.store.api_url());
    let log: Vec<RequestRecord> = serde_json::from_str(
        &h.http
            .get(&log_url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    let expected = vec![
        RequestRecord {
            method: "GET".into(),
            path: "/stores/fakestore/v3/catalog/products?limit=1".into(),
            status: 200,
        },
        RequestRecord {
            method: "GET".into(),
            path: "/stores/fakestore/v2/time".into(),
            status: 401,
        },
    ];
    assert_eq!(log, expected);
    assert_eq!(h.store.requests(), expected);
    assert_eq!(
        h.http
            .delete(&log_url)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        204
    );
    assert!(h.store.requests().is_empty());

    let failing = Harness::with(FakeStoreConfig {
        fail_rate: 1.0,
        ..small()
    })
    .await;
    let r = failing
        .put("/v3/catalog/products/1", json!({"name": "Changed"}))
        .await;
    assert!([500, 502, 503].contains(&r.status));
    assert!(failing.store.requests().iter().all(|r| r.status >= 500));
    let half = Harness::with(FakeStoreConfig {
        fail_rate: 0.5,
        ..small()
    })
    .await;
    let mut failures = 0;
    for _ in 0..40 {
        if half.get("/v2/time").await.status >= 500 {
            failures += 1;
        }
    }
    assert!((8..=32).contains(&failures), "{failures} of 40 failed");
}

#[tokio::test]
async fn shutdown_stops_the_server() {
    let store = FakeStore::start(small()).await.unwrap();
    let url = format!("{}/stores/{}/v2/time", store.api_url(), store.store_hash());
    store.shutdown();
    // The server stops as soon as its task sees the signal: wait for that, briefly.
    let http = reqwest::Client::new();
    let mut stopped = false;
    for _ in 0..400 {
        if http.get(&url).send().await.is_err() {
            stopped = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(stopped, "the server still answers 2 s after shutdown");
}

#[tokio::test]
async fn seeding_in_the_background_serves_the_same_store() {
    let at_once = Harness::new().await;
    let store = FakeStore::start_seeding_in_background(small())
        .await
        .unwrap();
    let later = Harness {
        token: store.token().to_string(),
        store,
        http: reqwest::Client::new(),
    };
    for path in [
        "/v2/orders?limit=250&page=2",
        "/v3/customers?limit=100",
        "/v3/catalog/products?limit=250",
    ] {
        let (a, b) = (at_once.get(path).await, later.get(path).await);
        assert_eq!(a.status, 200, "{path}");
        // V2 links name the server, whose port differs.
        let a = a.text.replace(&at_once.store.api_url(), "");
        let b = b.text.replace(&later.store.api_url(), "");
        assert!(a.len() > 1000, "{path}: {a}");
        assert_eq!(a, b, "{path}");
    }
    // Ids handed out after seeding continue from the same counters.
    let body = serde_json::json!([{"email": "new.customer@example.com", "first_name": "New", "last_name": "Customer"}]);
    let (a, b) = (
        at_once.post("/v3/customers", body.clone()).await,
        later.post("/v3/customers", body).await,
    );
    assert_eq!(a.json["data"][0]["id"], b.json["data"][0]["id"]);
    assert!(a.json["data"][0]["id"].as_u64().is_some());
}
