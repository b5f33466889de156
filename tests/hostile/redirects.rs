//! Redirects are never followed: the token goes only to the configured origin.

use bctui::api::{ApiError, OrderQuery, ProductQuery};
use reqwest::Method;

use crate::server::{Reply, Server, TOKEN, output};

/// A store that redirects every request to `target`.
async fn redirecting_to(status: u16, target: String) -> Server {
    Server::start(move |_| {
        Reply::new(status, "text/plain", "moved").header("location", target.clone())
    })
    .await
}

/// A server that would gladly take the token.
async fn collector() -> Server {
    Server::start(|_| Reply::json(r#"{"data":[],"meta":{}}"#)).await
}

fn assert_redirect_error(err: &ApiError, status: u16, location: &str) {
    match err {
        ApiError::Redirected {
            status: got,
            location: Some(got_location),
            ..
        } => {
            assert_eq!(*got, status);
            assert_eq!(got_location, location);
        }
        other => panic!("expected a redirect error, got {other:?}"),
    }
    let text = err.to_string();
    assert!(
        text.contains(location) && text.contains("not followed"),
        "{text}"
    );
}

#[tokio::test]
async fn the_client_never_follows_a_redirect_to_another_port() {
    let other = collector().await;
    for status in [301, 302, 303, 307, 308] {
        let target = other.store_url("/v3/catalog/products");
        let store = redirecting_to(status, target.clone()).await;
        let client = store.client();

        // What `bctui api` and the console send.
        let err = client
            .raw(Method::GET, "/v3/catalog/products", None)
            .await
            .expect_err("a redirect is an error");
        assert_redirect_error(&err, status, &target);
        let err = client
            .raw(
                Method::POST,
                "/v3/catalog/products",
                Some(serde_json::json!({"name": "x"})),
            )
            .await
            .expect_err("a redirect is an error");
        assert_redirect_error(&err, status, &target);
        // What the TUI's lists load.
        let err = client
            .list_products(&ProductQuery::default())
            .await
            .expect_err("a redirect is an error");
        assert_redirect_error(&err, status, &target);
        let err = client
            .list_orders(&OrderQuery::default())
            .await
            .expect_err("a redirect is an error");
        assert!(matches!(err, ApiError::Redirected { .. }), "{err:?}");

        let seen = store.seen();
        assert_eq!(seen.len(), 4, "each request went out once, not retried");
        assert!(
            seen.iter()
                .all(|r| r.headers.get("x-auth-token").is_some_and(|t| t == TOKEN))
        );
    }
    assert!(other.seen().is_empty(), "{:?}", other.seen());
}

#[tokio::test]
async fn a_same_origin_redirect_is_reported_not_followed() {
    let store = Server::start(|seen| {
        if seen.uri.contains("/moved") {
            Reply::json("[]")
        } else {
            Reply::new(302, "text/plain", "").header("location", "/stores/abc123/v2/moved")
        }
    })
    .await;
    let err = store
        .client()
        .raw(Method::GET, "/v2/orders", None)
        .await
        .expect_err("a redirect is an error");
    assert_redirect_error(&err, 302, "/stores/abc123/v2/moved");
    assert_eq!(store.seen().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bctui_api_never_follows_a_redirect() {
    let other = collector().await;
    let target = other.store_url("/v3/catalog/products");
    let store = redirecting_to(302, target.clone()).await;
    for args in [
        &["api", "/v3/catalog/products"][..],
        &["api", "--paginate", "/v3/catalog/products"][..],
        &["api", "-X", "PUT", "-d", "{}", "/v3/catalog/products"][..],
    ] {
        let out = output(store.bctui(args)).await;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("302 redirect") && stderr.contains(&target),
            "{stderr}"
        );
        assert!(out.stdout.is_empty());
    }
    assert_eq!(store.seen().len(), 3);
    assert!(other.seen().is_empty(), "{:?}", other.seen());
}
