//! Client behaviour against a tiny scripted axum server on 127.0.0.1:0: the harness, the
//! headers and queries sent, and the suites by subject.

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

mod refusals;
mod retries;
mod walks;

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
