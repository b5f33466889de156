//! The shared harness: a small seeded simulator and raw HTTP calls to it (reqwest, no client
//! code of ours, so these tests check the simulator against the spec on their own).

use bctui::fakestore::{FakeStore, FakeStoreConfig};
use chrono::{DateTime, Utc};
use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::Value;

pub struct Harness {
    pub store: FakeStore,
    pub http: reqwest::Client,
    pub token: String,
}

pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Resp {
    /// The `data` array of a V3 answer.
    pub fn data(&self) -> &[Value] {
        self.json["data"].as_array().expect("a data array")
    }

    /// The ids of the items in `data`, in order.
    pub fn ids(&self) -> Vec<u64> {
        self.numbers("id")
    }

    /// The whole-number `field` of each item in `data`, in order.
    pub fn numbers(&self, field: &str) -> Vec<u64> {
        self.data()
            .iter()
            .map(|item| item[field].as_u64().expect("a whole number"))
            .collect()
    }
}

/// Where the store's manual clock starts: the seeded data is relative to it.
pub fn anchor() -> DateTime<Utc> {
    bctui::clock::test_anchor()
}

/// A small store (fast to seed) with a generous quota and a read-only token.
pub fn small_seeded(seed: u64) -> FakeStoreConfig {
    FakeStoreConfig {
        seed,
        products: 300,
        customers: 100,
        orders: 300,
        quota: 100_000,
        read_only_token: Some("read-only".into()),
        clock: bctui::clock::Clock::test(),
        ..FakeStoreConfig::default()
    }
}

pub fn small() -> FakeStoreConfig {
    small_seeded(42)
}

impl Harness {
    pub async fn new() -> Harness {
        Harness::with(small()).await
    }

    pub async fn with(config: FakeStoreConfig) -> Harness {
        let store = FakeStore::start(config).await.unwrap();
        let token = store.token().to_string();
        Harness {
            store,
            http: reqwest::Client::new(),
            token,
        }
    }

    /// The full URL of an API path (`/v3/...`, `/v2/...`) of this store.
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}/stores/{}{}",
            self.store.api_url(),
            self.store.store_hash(),
            path
        )
    }

    pub async fn send_raw(
        &self,
        method: Method,
        url: String,
        token: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> Resp {
        let mut req = self
            .http
            .request(method, url)
            .header("Accept", "application/json");
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
        let json = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap()
        };
        Resp {
            status,
            headers,
            text,
            json,
        }
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Resp {
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        self.send_raw(method, self.url(path), Some(&self.token.clone()), body)
            .await
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Resp {
        self.call(Method::PUT, path, Some(body)).await
    }

    /// `body` as it is (malformed JSON, say) posted to `path` with the token.
    pub async fn post_bytes(&self, path: &str, body: &[u8]) -> Resp {
        let token = Some(self.token.as_str());
        self.send_raw(Method::POST, self.url(path), token, Some(body.to_vec()))
            .await
    }

    pub async fn delete(&self, path: &str) -> Resp {
        self.call(Method::DELETE, path, None).await
    }
}
