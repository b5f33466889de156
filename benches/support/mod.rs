//! What the benches that talk to the store simulator share.
#![allow(dead_code)]

use std::future::Future;

use bctui::api::client::{Client, ClientConfig};
use bctui::api::token::Token;
use bctui::fakestore::FakeStore;

/// Runs `bench` on a two-worker tokio runtime (the CI machine has two cores).
pub fn block_on<F: Future>(bench: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(bench)
}

/// A full-access client for `store`.
pub fn client_for(store: &FakeStore) -> Client {
    Client::new(ClientConfig {
        api_url: store.api_url(),
        store_hash: store.store_hash().to_string(),
        token: Token::new(store.token().to_string()),
        read_only: false,
    })
    .expect("a client")
}
