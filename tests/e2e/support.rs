//! Shared set-up: a small seeded store and a client pointed at it.

use bctui::api::{Client, ClientConfig, Token};
use bctui::fakestore::{FakeStore, FakeStoreConfig};

/// A small store (fast to seed) on a manual clock, so data is the same on every run and day.
pub fn small_config() -> FakeStoreConfig {
    FakeStoreConfig {
        products: 300,
        customers: 120,
        orders: 400,
        quota: 10_000,
        clock: bctui::clock::Clock::test(),
        read_only_token: Some("read-only-token".to_string()),
        ..FakeStoreConfig::default()
    }
}

pub async fn start(config: FakeStoreConfig) -> FakeStore {
    FakeStore::start(config).await.expect("simulator starts")
}

/// The small store started, and a full-access client for it.
pub async fn small_store() -> (FakeStore, Client) {
    let store = start(small_config()).await;
    let client = client(&store);
    (store, client)
}

pub fn client_with(store: &FakeStore, token: &str, read_only: bool) -> Client {
    Client::new(ClientConfig {
        api_url: store.api_url(),
        store_hash: store.store_hash().to_string(),
        token: Token::new(token.to_string()),
        read_only,
    })
    .expect("client builds")
}

pub fn client(store: &FakeStore) -> Client {
    client_with(store, store.token(), false)
}

/// Requests the simulator served whose path starts with `prefix` (after the store prefix).
pub fn served(store: &FakeStore, method: &str, needle: &str) -> usize {
    store
        .requests()
        .iter()
        .filter(|r| r.method == method && r.path.contains(needle))
        .count()
}
