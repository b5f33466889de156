//! The store simulator over real HTTP: envelopes, status codes, auth, rate limits, catalog and
//! category trees. Orders and customers are in `fakestore_orders.rs`.

use std::time::{Duration, Instant};

use bctui::fakestore::{FakeStore, FakeStoreConfig, RequestRecord};
use chrono::{TimeZone, Utc};
use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

struct Harness {
    store: FakeStore,
    http: reqwest::Client,
    token: String,
}

struct Resp {
    status: u16,
    headers: HeaderMap,
    text: String,
    json: Value,
}

fn small() -> FakeStoreConfig {
    FakeStoreConfig {
        products: 300,
        customers: 100,
        orders: 300,
        quota: 100_000,
        read_only_token: Some("read-only".into()),
        anchor: Some(Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()),
        ..FakeStoreConfig::default()
    }
}

impl Harness {
    async fn new() -> Harness {
        Harness::with(small()).await
    }

    async fn with(config: FakeStoreConfig) -> Harness {
        let store = FakeStore::start(config).await.unwrap();
        let token = store.token().to_string();
        Harness { store, http: reqwest::Client::new(), token }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/stores/{}{}", self.store.api_url(), self.store.store_hash(), path)
    }

    async fn send_raw(&self, method: Method, url: String, token: Option<&str>, body: Option<Vec<u8>>) -> Resp {
        let mut req = self.http.request(method, url).header("Accept", "application/json");
        if let Some(t) = token {
            req = req.header("X-Auth-Token", t);
        }
        if let Some(b) = body {
            req = req.header("Content-Type", "application/json").body(b);
        }
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let text = r.text().await.unwrap();
        let json = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() };
        Resp { status, headers, text, json }
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Resp {
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        self.send_raw(method, self.url(path), Some(&self.token.clone()), body).await
    }

    async fn get(&self, path: &str) -> Resp {
        self.call(Method::GET, path, None).await
    }
}

#[tokio::test]
async fn store_info_time_and_rate_limit_headers() {
    let h = Harness::new().await;
    let r = h.get("/v2/store").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["content-type"], "application/json");
    assert_eq!(r.json["name"], "Northwind Outfitters");
    assert_eq!(r.json["currency"], "USD");
    assert_eq!(r.json["id"], "fakestore");
    for name in ["x-rate-limit-requests-left", "x-rate-limit-requests-quota", "x-rate-limit-time-reset-ms", "x-rate-limit-time-window-ms"] {
        assert!(r.headers.contains_key(name), "missing {name}");
    }
    assert_eq!(r.headers["x-rate-limit-requests-quota"], "100000");
    assert_eq!(r.headers["x-rate-limit-time-window-ms"], "30000");
    let t = h.get("/v2/time").await;
    assert_eq!(t.status, 200);
    let now = Utc::now().timestamp();
    assert!((t.json["time"].as_i64().unwrap() - now).abs() < 5);
}

#[tokio::test]
async fn auth_hash_routes_and_methods() {
    let h = Harness::new().await;
    let no_token = h.send_raw(Method::GET, h.url("/v3/catalog/products"), None, None).await;
    assert_eq!(no_token.status, 401);
    assert_eq!(no_token.json["status"], 401);
    assert!(no_token.json["title"].is_string() && no_token.json["type"].is_string());
    assert!(no_token.headers.contains_key("x-rate-limit-requests-left"));
    let v2 = h.send_raw(Method::GET, h.url("/v2/orders"), Some("wrong"), None).await;
    assert_eq!(v2.status, 401);
    assert_eq!(v2.json[0]["status"], 401);
    assert!(v2.json[0]["message"].is_string());

    let url = format!("{}/stores/otherhash/v3/catalog/products", h.store.api_url());
    assert_eq!(h.send_raw(Method::GET, url, Some(&h.token), None).await.status, 404);

    let unknown = h.get("/v3/catalog/nothing").await;
    assert_eq!((unknown.status, unknown.json["status"].as_u64()), (404, Some(404)));
    let unknown_v2 = h.get("/v2/nothing").await;
    assert_eq!((unknown_v2.status, unknown_v2.json[0]["status"].as_u64()), (404, Some(404)));
    // There is no single-customer GET in the API.
    assert_eq!(h.get("/v3/customers/1").await.status, 404);
    assert_eq!(h.call(Method::PATCH, "/v3/catalog/products", None).await.status, 405);
    assert_eq!(h.call(Method::POST, "/v2/store", None).await.status, 405);

    let bad = h.send_raw(Method::POST, h.url("/v3/catalog/products"), Some(&h.token), Some(b"{nope".to_vec())).await;
    assert_eq!((bad.status, bad.json["status"].as_u64()), (400, Some(400)));
    let bad_v2 = h.send_raw(Method::POST, h.url("/v2/orders"), Some(&h.token), Some(b"[".to_vec())).await;
    assert_eq!((bad_v2.status, bad_v2.json[0]["status"].as_u64()), (400, Some(400)));
}

#[tokio::test]
async fn read_only_token_gets_403_naming_the_scope() {
    let h = Harness::new().await;
    let ro = Some("read-only");
    assert_eq!(h.send_raw(Method::GET, h.url("/v3/catalog/products"), ro, None).await.status, 200);
    let cases = [
        (Method::PUT, "/v3/catalog/products/1", "store_v2_products"),
        (Method::POST, "/v3/catalog/trees/categories", "store_v2_products"),
        (Method::POST, "/v2/orders", "store_v2_orders"),
        (Method::DELETE, "/v3/customers?id:in=1", "store_v2_customers"),
    ];
    for (method, path, scope) in cases {
        let r = h.send_raw(method, h.url(path), ro, Some(b"{}".to_vec())).await;
        assert_eq!(r.status, 403, "{path}");
        assert!(r.text.contains(scope), "{path}: {}", r.text);
    }
    // Nothing was written.
    assert_eq!(h.get("/v3/customers?id:in=1").await.json["data"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn rate_limit_429_then_recovery() {
    let config = FakeStoreConfig { quota: 5, window_ms: 400, ..small() };
    let h = Harness::with(config).await;
    let mut lefts = Vec::new();
    for _ in 0..5 {
        let r = h.get("/v2/time").await;
        assert_eq!(r.status, 200);
        lefts.push(r.headers["x-rate-limit-requests-left"].to_str().unwrap().parse::<u32>().unwrap());
    }
    assert_eq!(lefts, vec![4, 3, 2, 1, 0]);
    let limited = h.get("/v2/time").await;
    assert_eq!(limited.status, 429);
    assert!(limited.headers.contains_key("x-retry-after"));
    assert_eq!(limited.headers["x-rate-limit-requests-left"], "0");
    let reset: u64 = limited.headers["x-rate-limit-time-reset-ms"].to_str().unwrap().parse().unwrap();
    assert!(reset <= 400);
    assert_eq!(limited.json[0]["status"], 429);
    tokio::time::sleep(Duration::from_millis(reset + 30)).await;
    let again = h.get("/v2/time").await;
    assert_eq!(again.status, 200);
    assert_eq!(again.headers["x-rate-limit-requests-left"], "4");
}

#[tokio::test]
async fn request_log_latency_and_failure_injection() {
    let h = Harness::with(FakeStoreConfig { latency_ms: 80, ..small() }).await;
    let started = Instant::now();
    h.get("/v3/catalog/products?limit=1").await;
    assert!(started.elapsed() >= Duration::from_millis(80));
    h.send_raw(Method::GET, h.url("/v2/time"), None, None).await;
    let log_url = format!("{}/__fakestore/requests", h.store.api_url());
    let log: Vec<RequestRecord> = serde_json::from_str(&h.http.get(&log_url).send().await.unwrap().text().await.unwrap()).unwrap();
    let expected = vec![
        RequestRecord { method: "GET".into(), path: "/stores/fakestore/v3/catalog/products?limit=1".into(), status: 200 },
        RequestRecord { method: "GET".into(), path: "/stores/fakestore/v2/time".into(), status: 401 },
    ];
    assert_eq!(log, expected);
    assert_eq!(h.store.requests(), expected);
    assert_eq!(h.http.delete(&log_url).send().await.unwrap().status().as_u16(), 204);
    assert!(h.store.requests().is_empty());

    let failing = Harness::with(FakeStoreConfig { fail_rate: 1.0, ..small() }).await;
    let r = failing.call(Method::PUT, "/v3/catalog/products/1", Some(json!({"name": "Changed"}))).await;
    assert!([500, 502, 503].contains(&r.status));
    assert!(failing.store.requests().iter().all(|r| r.status >= 500));
    let half = Harness::with(FakeStoreConfig { fail_rate: 0.5, ..small() }).await;
    let mut failures = 0;
    for _ in 0..40 {
        if half.get("/v2/time").await.status >= 500 {
            failures += 1;
        }
    }
    assert!((8..=32).contains(&failures), "{failures} of 40 failed");
}

#[tokio::test]
async fn product_list_envelope_filters_and_sorting() {
    let h = Harness::new().await;
    let r = h.get("/v3/catalog/products").await;
    assert_eq!(r.status, 200);
    let p = &r.json["meta"]["pagination"];
    assert_eq!((p["total"].as_u64(), p["count"].as_u64(), p["per_page"].as_u64()), (Some(300), Some(50), Some(50)));
    assert_eq!((p["current_page"].as_u64(), p["total_pages"].as_u64()), (Some(1), Some(6)));
    assert_eq!(p["links"]["next"], "?page=2&limit=50");
    assert_eq!(p["links"]["current"], "?page=1&limit=50");
    assert!(p["links"].get("previous").is_none());
    let first = &r.json["data"][0];
    for field in ["id", "name", "type", "sku", "price", "calculated_price", "categories", "inventory_level", "date_modified", "custom_url", "availability"] {
        assert!(first.get(field).is_some(), "missing {field}");
    }
    assert!(first["price"].is_number());
    assert!(first["date_modified"].as_str().unwrap().ends_with("+00:00"));

    let big = h.get("/v3/catalog/products?limit=1000&page=2").await;
    assert_eq!(big.json["meta"]["pagination"]["per_page"], 250);
    assert_eq!(big.json["data"].as_array().unwrap().len(), 50);
    assert_eq!(big.json["meta"]["pagination"]["links"]["previous"], "?page=1&limit=250");

    let sorted = h.get("/v3/catalog/products?sort=price&direction=desc&limit=250").await;
    let prices: Vec<f64> = sorted.json["data"].as_array().unwrap().iter().map(|p| p["price"].as_f64().unwrap()).collect();
    assert!(prices.windows(2).all(|w| w[0] >= w[1]));

    let name = first["name"].as_str().unwrap();
    let word = name.split(' ').next_back().unwrap().to_uppercase();
    let kw = h.get(&format!("/v3/catalog/products?keyword={word}&limit=250")).await;
    assert!(kw.json["data"].as_array().unwrap().iter().all(|p| {
        let text = format!("{} {} {}", p["name"], p["sku"], p["description"]).to_lowercase();
        text.contains(&word.to_lowercase())
    }));
    assert!(kw.json["meta"]["pagination"]["total"].as_u64().unwrap() >= 1);

    let by_ids = h.get("/v3/catalog/products?id:in=3,1,2").await;
    let ids: Vec<u64> = by_ids.json["data"].as_array().unwrap().iter().map(|p| p["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, vec![1, 2, 3]);
    let sku = h.get(&format!("/v3/catalog/products?sku={}", first["sku"].as_str().unwrap())).await;
    assert_eq!(sku.json["data"][0]["id"], first["id"]);

    let visible = h.get("/v3/catalog/products?is_visible=false&limit=250").await;
    let hidden = visible.json["data"].as_array().unwrap();
    assert!(!hidden.is_empty() && hidden.iter().all(|p| p["is_visible"] == false));

    let cats: Vec<u64> = first["categories"].as_array().unwrap().iter().map(|c| c.as_u64().unwrap()).collect();
    let list = cats.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
    let in_all = h.get(&format!("/v3/catalog/products?categories:in={list}&limit=250")).await;
    assert!(in_all.json["data"].as_array().unwrap().iter().all(|p| {
        cats.iter().all(|c| p["categories"].as_array().unwrap().iter().any(|x| x.as_u64() == Some(*c)))
    }));

    let fields = h.get("/v3/catalog/products?include_fields=name,price&limit=1").await;
    let keys: Vec<&String> = fields.json["data"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 3);
    let excluded = h.get("/v3/catalog/products?exclude_fields=description&limit=1").await;
    assert!(excluded.json["data"][0].get("description").is_none());

    let with_variants = h.get("/v3/catalog/products?include=variants,images&limit=250").await;
    let data = with_variants.json["data"].as_array().unwrap();
    assert!(data.iter().all(|p| p["variants"].is_array() && p["images"] == json!([])));
    let multi = data.iter().filter(|p| p["variants"].as_array().unwrap().len() > 1).count();
    assert!((20..=90).contains(&multi), "{multi} of 250 products have variants");

    assert_eq!(h.get("/v3/catalog/products?id:in=abc").await.status, 422);
    let empty = h.get("/v3/catalog/products?keyword=zzzznothing").await;
    assert_eq!((empty.status, empty.json["data"].as_array().unwrap().len()), (200, 0));
}

fn new_product(name: &str, sku: &str) -> Value {
    json!({ "name": name, "type": "physical", "weight": 1.5, "price": "9.95", "sku": sku, "categories": [1] })
}

#[tokio::test]
async fn product_create_update_delete_and_validation() {
    let h = Harness::new().await;
    let created = h.call(Method::POST, "/v3/catalog/products", Some(new_product("Test Mug", "TEST-MUG-1"))).await;
    assert_eq!(created.status, 200, "{}", created.text);
    assert!(created.text.contains("\"price\":9.95"), "money must stay exact: {}", created.text);
    let id = created.json["data"]["id"].as_u64().unwrap();
    assert_eq!(created.json["meta"], json!({}));
    assert_eq!(created.json["data"]["calculated_price"], json!(9.95));
    assert!(created.json["data"]["base_variant_id"].is_u64());

    let missing = h.call(Method::POST, "/v3/catalog/products", Some(json!({"sku": "X"}))).await;
    assert_eq!(missing.status, 422);
    for field in ["name", "type", "weight", "price"] {
        assert!(missing.json["errors"].get(field).is_some(), "{field}: {}", missing.text);
    }
    let empty_name = h.call(Method::POST, "/v3/catalog/products", Some(json!({"name": "", "type": "physical", "weight": 1, "price": 1}))).await;
    assert_eq!((empty_name.status, empty_name.json["errors"]["name"].is_string()), (422, true));
    let negative = h.call(Method::POST, "/v3/catalog/products", Some(json!({"name": "Neg", "type": "physical", "weight": 1, "price": -1}))).await;
    assert_eq!((negative.status, negative.json["errors"]["price"].is_string()), (422, true));

    let dup = h.call(Method::POST, "/v3/catalog/products", Some(new_product("Other Mug", "test-mug-1"))).await;
    assert_eq!(dup.status, 409);
    assert_eq!(dup.json["title"], "The product sku is a duplicate");
    assert_eq!(dup.json["errors"]["sku"], "The product sku is a duplicate");
    assert!(dup.json["type"].as_str().unwrap().starts_with("https://developer.bigcommerce.com/"));
    let variants = h.get("/v3/catalog/variants?limit=250").await;
    let variant_sku = variants.json["data"].as_array().unwrap().iter().find(|v| !v["option_values"].as_array().unwrap().is_empty()).unwrap()["sku"].as_str().unwrap().to_lowercase();
    let dup_variant = h.call(Method::POST, "/v3/catalog/products", Some(new_product("Third Mug", &variant_sku))).await;
    assert_eq!(dup_variant.status, 409);
    let dup_name = h.call(Method::POST, "/v3/catalog/products", Some(new_product("test mug", "OTHER-SKU"))).await;
    assert_eq!((dup_name.status, dup_name.json["errors"]["name"].is_string()), (409, true));

    let before = h.get(&format!("/v3/catalog/products/{id}")).await.json["data"]["date_modified"].clone();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let updated = h.call(Method::PUT, &format!("/v3/catalog/products/{id}"), Some(json!({"sale_price": 7.5, "id": 999, "calculated_price": 1}))).await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    assert_eq!(updated.json["data"]["id"].as_u64(), Some(id));
    assert_eq!(updated.json["data"]["calculated_price"], json!(7.5));
    assert_eq!(updated.json["data"]["name"], "Test Mug");
    assert_ne!(updated.json["data"]["date_modified"], before);
    let invalid = h.call(Method::PUT, &format!("/v3/catalog/products/{id}"), Some(json!({"price": -3}))).await;
    assert_eq!(invalid.status, 422);
    assert_eq!(h.call(Method::PUT, "/v3/catalog/products/999999", Some(json!({"price": 3}))).await.status, 404);

    let batch: Vec<Value> = (1..=11).map(|i| json!({"id": i, "price": 10})).collect();
    let too_big = h.call(Method::PUT, "/v3/catalog/products", Some(Value::Array(batch))).await;
    assert_eq!(too_big.status, 413);
    assert_eq!(too_big.json["title"], "The request payload is too large. The maximum items allowed in the array is 10.");
    let ok = h.call(Method::PUT, "/v3/catalog/products", Some(json!([{"id": 1, "price": 12.99}, {"id": 2, "is_visible": false}]))).await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert_eq!(ok.json["data"][0]["price"], json!(12.99));
    assert_eq!(ok.json["data"][1]["is_visible"], false);
    let no_id = h.call(Method::PUT, "/v3/catalog/products", Some(json!([{"price": 1}]))).await;
    assert_eq!(no_id.status, 422);
    let unknown = h.call(Method::PUT, "/v3/catalog/products", Some(json!([{"id": 1, "price": 5}, {"id": 999999, "price": 1}]))).await;
    assert_eq!(unknown.status, 404);
    assert_eq!(h.get("/v3/catalog/products/1").await.json["data"]["price"], json!(12.99), "a failed batch changes nothing");

    assert_eq!(h.call(Method::DELETE, &format!("/v3/catalog/products/{id}"), None).await.status, 204);
    assert_eq!(h.get(&format!("/v3/catalog/products/{id}")).await.status, 404);
    assert_eq!(h.call(Method::DELETE, "/v3/catalog/products", None).await.status, 422);
    let deleted = h.call(Method::DELETE, "/v3/catalog/products?id:in=4,5", None).await;
    assert_eq!((deleted.status, deleted.text.as_str()), (204, ""));
    assert_eq!(h.get("/v3/catalog/products?id:in=4,5").await.json["data"], json!([]));
}

#[tokio::test]
async fn variants_and_summary() {
    let h = Harness::new().await;
    let list = h.get("/v3/catalog/products?include=variants&limit=250").await;
    let product = list.json["data"].as_array().unwrap().iter().find(|p| p["variants"].as_array().unwrap().len() > 1).unwrap().clone();
    let pid = product["id"].as_u64().unwrap();
    assert!(product["base_variant_id"].is_null());
    let variants = h.get(&format!("/v3/catalog/products/{pid}/variants")).await;
    assert_eq!(variants.status, 200);
    let v = &variants.json["data"][0];
    assert!(v["option_values"][0]["option_display_name"].is_string());
    let vid = v["id"].as_u64().unwrap();
    let priced = h.call(Method::PUT, &format!("/v3/catalog/products/{pid}/variants/{vid}"), Some(json!({"price": "123.45"}))).await;
    assert_eq!(priced.status, 200, "{}", priced.text);
    assert_eq!(priced.json["data"]["calculated_price"], json!(123.45));
    let inherit = h.call(Method::PUT, &format!("/v3/catalog/products/{pid}/variants/{vid}"), Some(json!({"price": null}))).await;
    assert!(inherit.json["data"]["price"].is_null());
    assert_eq!(inherit.json["data"]["calculated_price"], product["calculated_price"]);
    assert_eq!(h.get(&format!("/v3/catalog/products/{pid}/variants/999999")).await.status, 404);

    let all = h.get(&format!("/v3/catalog/variants?product_id:in={pid}")).await;
    assert_eq!(all.json["data"].as_array().unwrap().len(), product["variants"].as_array().unwrap().len());
    let batch: Vec<Value> = (1..=51).map(|i| json!({"id": i, "inventory_level": 3})).collect();
    assert_eq!(h.call(Method::PUT, "/v3/catalog/variants", Some(Value::Array(batch))).await.status, 413);
    let updated = h.call(Method::PUT, "/v3/catalog/variants", Some(json!([{"id": vid, "inventory_level": 7}]))).await;
    assert_eq!((updated.status, updated.json["data"][0]["inventory_level"].as_i64()), (200, Some(7)));

    let summary = h.get("/v3/catalog/summary").await;
    assert_eq!(summary.status, 200);
    for field in ["inventory_count", "inventory_value", "primary_category_id", "primary_category_name", "variant_count", "highest_variant_price", "average_variant_price", "lowest_variant_price"] {
        assert!(summary.json["data"].get(field).is_some(), "missing {field}");
    }
    assert!(summary.json["data"]["variant_count"].as_u64().unwrap() > 300);
}

#[tokio::test]
async fn category_trees() {
    let h = Harness::new().await;
    let trees = h.get("/v3/catalog/trees").await;
    assert_eq!(trees.json["data"], json!([{"id": 1, "name": "Default", "channels": [1]}]));
    let cats = h.get("/v3/catalog/trees/categories?limit=250").await;
    assert_eq!(cats.status, 200);
    let all = cats.json["data"].as_array().unwrap();
    assert!((35..=50).contains(&all.len()));
    for field in ["category_id", "category_uuid", "tree_id", "parent_id", "name", "description", "views", "sort_order", "page_title", "meta_keywords", "meta_description", "layout_file", "image_url", "is_visible", "search_keywords", "default_product_sort", "url"] {
        assert!(all[0].get(field).is_some(), "missing {field}");
    }
    assert_eq!(all[0]["url"]["path"], "/shop-all/");
    let like = h.get("/v3/catalog/trees/categories?name:like=jacket").await;
    assert_eq!(like.json["data"].as_array().unwrap().len(), 2);
    let apparel = all.iter().find(|c| c["name"] == "Apparel").unwrap()["category_id"].as_u64().unwrap();
    let kids = h.get(&format!("/v3/catalog/trees/categories?parent_id:in={apparel}")).await;
    assert_eq!(kids.json["data"].as_array().unwrap().len(), 3);

    let nested = h.get("/v3/catalog/trees/1/categories").await;
    assert_eq!(nested.status, 200);
    let top = nested.json["data"].as_array().unwrap();
    let apparel_node = top.iter().find(|c| c["name"] == "Apparel").unwrap();
    let men = &apparel_node["children"][0];
    assert_eq!((men["name"].as_str(), men["depth"].as_u64()), (Some("Men"), Some(1)));
    assert_eq!(men["children"][0]["depth"], 2);
    assert_eq!(men["children"][0]["path"], json!([apparel, men["id"].as_u64().unwrap()]));
    assert_eq!(men["children"][0]["url"], "/apparel/men/jackets-coats/");
    assert_eq!(h.get("/v3/catalog/trees/99/categories").await.status, 404);

    let created = h.call(Method::POST, "/v3/catalog/trees/categories", Some(json!([{"name": "Rain Gear", "parent_id": apparel}, {"name": "Clearance", "tree_id": 1}]))).await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.json["meta"], json!({"total": 2, "success": 2, "failed": 0}));
    let rain = created.json["data"][0].clone();
    assert_eq!(rain["url"]["path"], "/apparel/rain-gear/");
    assert_eq!(rain["tree_id"], 1);
    let invalid = h.call(Method::POST, "/v3/catalog/trees/categories", Some(json!([{"name": "No Tree"}]))).await;
    assert_eq!(invalid.status, 422);
    let no_name = h.call(Method::POST, "/v3/catalog/trees/categories", Some(json!([{"tree_id": 1}]))).await;
    assert_eq!(no_name.status, 422);

    let rain_id = rain["category_id"].as_u64().unwrap();
    let put = h.call(Method::PUT, "/v3/catalog/trees/categories", Some(json!([{"category_id": rain_id, "name": "Rainwear", "is_visible": false}]))).await;
    assert_eq!(put.status, 200, "{}", put.text);
    let check = h.get(&format!("/v3/catalog/trees/categories?category_id:in={rain_id}")).await;
    assert_eq!((check.json["data"][0]["name"].as_str(), check.json["data"][0]["is_visible"].as_bool()), (Some("Rainwear"), Some(false)));

    // Deleting Apparel deletes its whole subtree and takes the ids off products.
    let subtree: Vec<u64> = {
        let r = h.get("/v3/catalog/trees/categories?limit=250").await;
        let all = r.json["data"].as_array().unwrap().clone();
        let mut ids = vec![apparel];
        let mut i = 0;
        while i < ids.len() {
            let parent = ids[i];
            ids.extend(all.iter().filter(|c| c["parent_id"].as_u64() == Some(parent)).map(|c| c["category_id"].as_u64().unwrap()));
            i += 1;
        }
        ids
    };
    let mut used = None;
    for id in &subtree {
        let r = h.get(&format!("/v3/catalog/products?categories:in={id}")).await;
        if r.json["meta"]["pagination"]["total"].as_u64().unwrap() > 0 {
            used = Some(*id);
            break;
        }
    }
    let used = used.expect("some Apparel category holds products");
    let deleted = h.call(Method::DELETE, &format!("/v3/catalog/trees/categories?category_id:in={apparel}"), None).await;
    assert_eq!(deleted.status, 202);
    assert_eq!(deleted.json["meta"]["success"], 1);
    let left = h.get(&format!("/v3/catalog/trees/categories?category_id:in={}", subtree.iter().map(u64::to_string).collect::<Vec<_>>().join(","))).await;
    assert_eq!(left.json["data"], json!([]));
    let products = h.get(&format!("/v3/catalog/products?categories:in={used}")).await;
    assert_eq!(products.json["meta"]["pagination"]["total"], 0);
    assert_eq!(h.call(Method::DELETE, "/v3/catalog/trees/categories", None).await.status, 422);
}
