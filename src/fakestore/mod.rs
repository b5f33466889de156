//! The store simulator ("fakestore"): a real HTTP server on 127.0.0.1 that behaves like a
//! BigCommerce store for the V2/V3 endpoints bctui uses, following BigCommerce's OpenAPI
//! specs (github.com/bigcommerce/docs, `reference/`) — envelopes, status codes, error bodies, validation, auth,
//! read-only tokens, rate limits — over deterministic, realistic seeded data.
//!
//! It shares no types with [`crate::api`] on purpose: both are written against the spec, so the
//! client's tests against the simulator check the spec, not an agreement between the two.
//!
//! Webhooks (`/v3/hooks`) fire for the store's writes and are delivered, with retries, to
//! loopback destinations only.
//!
//! Simulator-only extras (not part of BigCommerce): `GET /__fakestore/requests` lists every API
//! request served (method, path with query, status) and `DELETE /__fakestore/requests` clears it.

mod addresses;
mod brands;
mod catalog;
mod catalog_summary;
mod config;
mod customer_groups;
mod customers;
mod errors;
mod fields;
mod hook_delivery;
mod hooks;
mod order_model;
mod order_refunds;
mod order_render;
mod order_write;
mod orders;
mod product_filter;
mod product_indexes;
#[cfg(test)]
mod product_indexes_tests;
mod product_rows;
mod product_write;
mod query;
mod rng;
mod seed;
mod seed_customers;
mod seed_orders;
mod seed_variants;
mod server;
mod shipments;
mod store;
mod store_info;
mod tree_categories;
mod trees;
mod variants;
mod wire;
mod words;

use std::net::SocketAddr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::sync::oneshot;

pub use config::FakeStoreConfig;
pub use seed::seed;
pub(crate) use server::serve_in_background;
pub use store::StoreData;

/// One API request the simulator answered.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct RequestRecord {
    /// HTTP method, e.g. `GET`.
    pub method: String,
    /// Path plus `?query`, exactly as received.
    pub path: String,
    /// The status code answered (401, 429 and injected 5xx included).
    pub status: u16,
}

/// A running simulator. Dropping it (or [`FakeStore::shutdown`]) stops the server.
pub struct FakeStore {
    addr: SocketAddr,
    config: FakeStoreConfig,
    shared: Arc<server::Shared>,
    stop: Option<oneshot::Sender<()>>,
}

impl FakeStore {
    /// Seeds the data, binds 127.0.0.1:`config.port` and serves on the current tokio runtime.
    pub async fn start(config: FakeStoreConfig) -> std::io::Result<FakeStore> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port)).await?;
        let data = seed(&config);
        FakeStore::serve(listener, config, data)
    }

    /// Like [`FakeStore::start`], but serves as soon as the catalog is seeded: customers and
    /// orders are seeded on a blocking thread meanwhile, and requests for anything but the
    /// catalog and the store's information wait until they are in. The data is the same.
    pub async fn start_seeding_in_background(
        config: FakeStoreConfig,
    ) -> std::io::Result<FakeStore> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port)).await?;
        let (data, rest) = seed::seed_catalog(&config);
        let mut copy = data.clone();
        let store = FakeStore::serve(listener, config, data)?;
        store.shared.seeding();
        let shared = store.shared.clone();
        tokio::task::spawn_blocking(move || {
            rest.seed(&mut copy);
            shared.store_data().adopt_people(copy);
            shared.seeded();
        });
        Ok(store)
    }

    fn serve(
        listener: tokio::net::TcpListener,
        config: FakeStoreConfig,
        data: StoreData,
    ) -> std::io::Result<FakeStore> {
        let addr = listener.local_addr()?;
        let shared = Arc::new(server::Shared::new(
            config.clone(),
            format!("http://{addr}"),
            data,
        ));
        let app = server::router(shared.clone());
        let stop = server::serve_in_background(listener, app, "fakestore server");
        Ok(FakeStore {
            addr,
            config,
            shared,
            stop: Some(stop),
        })
    }

    /// Starts (`true`) or ends a failure of the store: meanwhile every API request
    /// answers 500 before doing anything (not retried by clients, unlike a 503).
    pub fn set_failing(&self, failing: bool) {
        self.shared.set_failing(failing);
    }

    /// `http://127.0.0.1:PORT`; API paths are `/stores/{hash}/v3/...` and `/stores/{hash}/v2/...`.
    pub fn api_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The store hash the simulator answers to.
    pub fn store_hash(&self) -> &str {
        &self.config.store_hash
    }

    /// The full-access `X-Auth-Token`.
    pub fn token(&self) -> &str {
        &self.config.token
    }

    /// The store's clock ("now" for its writes and `/v2/time`).
    pub fn clock(&self) -> &crate::clock::Clock {
        &self.config.clock
    }

    /// The bound socket address (127.0.0.1 and the actual port).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every API request served so far (the same data as `GET /__fakestore/requests`).
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.requests()
    }

    /// Stops the server gracefully (in-flight requests finish).
    pub fn shutdown(self) {
        drop(self);
    }
}

impl Drop for FakeStore {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
