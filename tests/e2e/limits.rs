//! Rate limits, retries and auth failures, end to end.

use crate::spec::assert_all_requests_in_spec;
use crate::support::{self, client, client_with};

/// Quota 10 per 1,000 ms: 60 requests all succeed, none surfaces a 429, and the client paced
/// itself or waited out the window instead of failing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixty_requests_through_a_quota_of_ten_per_second() {
    let store = support::start(bctui::fakestore::FakeStoreConfig {
        quota: 10,
        window_ms: 1_000,
        ..support::small_config()
    })
    .await;
    let client = client(&store);
    let started = std::time::Instant::now();
    for i in 0..60 {
        client
            .server_time()
            .await
            .unwrap_or_else(|err| panic!("request {i} failed: {err}"));
    }
    // 60 requests at 10 a second cannot take much less than 5 windows.
    assert!(started.elapsed() >= std::time::Duration::from_millis(4_000));
    let state = client.rate_limit();
    assert_eq!(state.quota, Some(10));
    let served_ok = store
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/v2/time") && r.status == 200)
        .count();
    assert_eq!(served_ok, 60);
    assert_all_requests_in_spec(&store);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_token_is_401_with_a_hint_and_no_token_in_the_message() {
    let store = support::start(support::small_config()).await;
    let client = client_with(&store, "wrong-token-value", false);
    let err = client.store_info().await.expect_err("401");
    assert_eq!(err.status(), Some(401));
    let message = err.to_string();
    assert!(message.to_lowercase().contains("token"), "{message}");
    assert!(!message.contains("wrong-token-value"), "{message}");
    assert!(!format!("{err:?}").contains("wrong-token-value"));
    assert!(!format!("{client:?}").contains("wrong-token-value"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_token_gets_403_naming_the_scope() {
    let store = support::start(support::small_config()).await;
    let client = client_with(&store, "read-only-token", false);
    client.store_info().await.expect("reads are allowed");
    let err = client.delete_product(1).await.expect_err("403");
    assert_eq!(err.status(), Some(403));
    assert!(err.to_string().contains("store_v2_products"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_client_refuses_writes_before_sending() {
    let store = support::start(support::small_config()).await;
    let client = client_with(&store, store.token(), true);
    let before = store.requests().len();
    let err = client.delete_product(1).await.expect_err("refused");
    assert_eq!(err.status(), None);
    assert!(
        err.to_string().to_lowercase().contains("read-only"),
        "{err}"
    );
    assert_eq!(store.requests().len(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_store_hash_is_404() {
    let store = support::start(support::small_config()).await;
    let client = bctui::api::Client::new(bctui::api::ClientConfig {
        api_url: store.api_url(),
        store_hash: "not-this-store".to_string(),
        token: bctui::api::Token::new(store.token().to_string()),
        read_only: false,
    })
    .expect("client");
    let err = client.store_info().await.expect_err("404");
    assert_eq!(err.status(), Some(404));
}

/// With a third of requests failing, 502/503 are retried away; only a 500 (which BigCommerce
/// says to retry much later, not in a tight loop) may reach the caller.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flaky_store_reads_retry_502_and_503() {
    let store = support::start(bctui::fakestore::FakeStoreConfig {
        fail_rate: 0.3,
        ..support::small_config()
    })
    .await;
    let client = client(&store);
    let mut succeeded = 0;
    for _ in 0..30 {
        match client.server_time().await {
            Ok(_) => succeeded += 1,
            Err(err) => assert_eq!(err.status(), Some(500), "{err}"),
        }
    }
    let served = store.requests().len();
    assert!(
        served > 30,
        "failed requests were retried ({served} served)"
    );
    assert!(succeeded >= 20, "{succeeded} of 30 succeeded");
}
