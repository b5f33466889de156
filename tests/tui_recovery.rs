//! The store is down when the app starts: the panes show why, and once the
//! store answers they load by themselves and the header gets the store's name,
//! without a key press. Waits on conditions, never sleeps.

#[path = "common/mod.rs"]
mod common;

use std::time::Duration;

use bctui::api::{Client, ClientConfig, RetryPolicy, Token};
use bctui::app::list::LoadState;
use bctui::fakestore::FakeStore;
use common::Driver;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn panes_and_header_recover_when_the_store_comes_up() {
    // A port nothing listens on yet: connections are refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let config = bctui::fakestore::FakeStoreConfig {
        port,
        ..common::store_config(40, 10, 10)
    };
    let client = Client::new(ClientConfig {
        api_url: format!("http://127.0.0.1:{port}"),
        store_hash: config.store_hash.clone(),
        token: Token::new(config.token.clone()),
        read_only: false,
    })
    .expect("client")
    .with_retry_policy(RetryPolicy {
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(2),
        ..RetryPolicy::default()
    });
    let mut app = Driver::new(common::options(client, false, &config.clock), 100, 30);
    app.wait_for("the products pane to fail", |s| {
        matches!(s.products.list.load, LoadState::Failed(_))
            && matches!(s.store_load, LoadState::Failed(_))
    })
    .await;
    assert!(app.state().header.store_name.is_none());

    let store = FakeStore::start(config)
        .await
        .expect("the simulator starts");
    app.wait_for("the products and the store name", |s| {
        s.products.list.load == LoadState::Loaded && s.header.store_name.is_some()
    })
    .await;
    assert_eq!(app.state().products.list.rows.len(), 40);
    let info = common::client_for(&store, false)
        .store_info()
        .await
        .expect("store info");
    assert_eq!(app.state().header.store_name, Some(info.name));
}
