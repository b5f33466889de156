//! What the client refuses or reports: API errors with their messages, decode errors that
//! name the field, URLs that leave the store, empty id lists, read-only writes, and a token
//! that never shows.

use super::*;

#[tokio::test]
async fn parses_v3_v2_and_plain_text_errors() {
    let h = Harness::start(|s, _| match s.uri.as_str() {
        u if u.starts_with("/v3/catalog/products/1") => reply(422, json!({
            "status": 422, "title": "JSON data is missing or invalid",
            "type": "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
            "errors": {"price": "price must be positive", "name": "name is required"}})),
        u if u.starts_with("/v3/catalog/products") => reply(409, json!({
            "status": 409, "title": "The product sku is a duplicate",
            "errors": {"sku": "The product sku is a duplicate"}})),
        u if u.starts_with("/v2/orders/5") => reply(404, json!([{"status": 404, "message": "The requested resource was not found."}])),
        u if u.starts_with("/v2/orders") => reply(413, json!([{"status": 413, "message": "The specified limit exceeds the maximum allowed.", "details": {"max_limit": 250}}])),
        u if u.starts_with("/v3/catalog/trees/categories") => reply(422, json!({
            "errors": {"status": 422, "title": "Invalid input", "type": "x", "errors": {"0.name": "name is empty"}},
            "meta": {"total": 1, "success": 0, "failed": 1}})),
        u if u.starts_with("/v3/catalog/trees") => text(401, "Unauthorized request"),
        u if u.starts_with("/v3/customers") => reply(403, json!({"status": 403, "title": "You don't have a required scope to access the endpoint", "type": "x"})),
        _ => text(500, "<html><body>oops</body></html>"),
    })
    .await;
    let c = h.client(false);

    let err = c
        .update_product(1, &ProductWrite::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422));
    let mut fields = err.field_errors().to_vec();
    fields.sort();
    assert_eq!(
        fields,
        vec![
            ("name".to_string(), "name is required".to_string()),
            ("price".to_string(), "price must be positive".to_string()),
        ]
    );
    let shown = err.to_string();
    assert!(shown.contains("PUT /v3/catalog/products/1: 422"), "{shown}");
    assert!(shown.contains("JSON data is missing or invalid"), "{shown}");
    assert!(shown.contains("price: price must be positive"), "{shown}");

    let err = c
        .create_product(&ProductWrite::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(409));
    assert_eq!(err.field_errors()[0].0, "sku");
    assert!(err.hint().unwrap().contains("sku"));

    let err = c.get_order(5).await.unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(
        err.messages(),
        &["The requested resource was not found.".to_string()]
    );

    let err = c
        .list_orders(&OrderQuery {
            limit: Some(500),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(413));
    assert!(
        err.messages()[0].contains("max_limit: 250"),
        "{:?}",
        err.messages()
    );

    let err = c
        .update_tree_categories(&[TreeCategoryWrite {
            category_id: Some(3),
            ..Default::default()
        }])
        .await
        .unwrap_err();
    assert_eq!(
        err.field_errors(),
        &[("0.name".to_string(), "name is empty".to_string())]
    );
    assert!(err.messages().contains(&"Invalid input".to_string()));

    let err = c.list_trees().await.unwrap_err();
    assert_eq!(err.messages(), &["Unauthorized request".to_string()]);
    assert!(err.hint().unwrap().contains("token"), "{err}");

    let err = c
        .list_customers(&CustomerQuery::default())
        .await
        .unwrap_err();
    assert!(err.hint().unwrap().contains("store_v2_customers"), "{err}");
    let err = c
        .create_customers(&[CustomerWrite::default()])
        .await
        .unwrap_err();
    assert!(
        err.hint()
            .unwrap()
            .contains("`store_v2_customers` scope with modify"),
        "{err}"
    );

    let err = c.catalog_summary().await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(err.messages(), &["(an HTML error page)".to_string()]);
}

#[tokio::test]
async fn decode_errors_name_the_field() {
    let h =
        Harness::start(|_, _| reply(200, json!({"data": {"id": 1, "price": [1, 2]}, "meta": {}})))
            .await;
    let c = h.client(false);
    let err = c.get_product(1, &[]).await.unwrap_err();
    assert!(matches!(err, ApiError::Decode { .. }));
    assert!(err.to_string().contains("field `price`"), "{err}");
}

#[tokio::test]
async fn raw_returns_error_statuses_as_responses() {
    let h = Harness::start(|_, _| reply(404, json!([{"status": 404, "message": "nope"}]))).await;
    let c = h.client(false);
    let r = c
        .raw(reqwest::Method::GET, "/v2/orders/1", None)
        .await
        .unwrap();
    assert_eq!(r.status, 404);
    assert!(!r.is_success());
    assert_eq!(r.header("Content-Type"), Some("application/json"));
}

#[tokio::test]
async fn refuses_urls_that_leave_the_store() {
    let h = Harness::start(|_, _| reply(200, json!({"time": 1}))).await;
    let c = h.client(false);
    for bad in [
        "https://evil.example.com/v3/catalog/products",
        "//evil.example.com/v3/catalog/products",
        "http://127.0.0.1:1/stores/abc123/v3/catalog/products",
        "/v1/catalog",
        "v3/catalog/products",
        "/v3/../../other/v3/x",
        "/v3/%2e%2e/%2e%2e/other",
        "/v3/catalog products",
        "/stores/abc123/v3/catalog/products",
    ] {
        let err = c.raw(reqwest::Method::GET, bad, None).await.unwrap_err();
        assert!(matches!(err, ApiError::RefusedUrl { .. }), "{bad}: {err}");
        assert!(!err.to_string().contains(TOKEN));
    }
    assert!(h.seen().is_empty());
    // The store's own absolute URL is fine, and any status comes back raw.
    let own = format!("{}/v2/time", c.base_url());
    let r = c.raw(reqwest::Method::GET, &own, None).await.unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.json().unwrap()["time"], json!(1));
    assert_eq!(h.seen()[0].uri, "/v2/time");
}

#[tokio::test]
async fn empty_id_lists_are_refused_before_sending() {
    let h = Harness::start(|_, _| reply(204, Value::Null)).await;
    let c = h.client(false);
    for err in [
        c.delete_customers(&[]).await.unwrap_err(),
        c.delete_products(&[]).await.unwrap_err(),
        c.delete_tree_categories(&[]).await.unwrap_err(),
    ] {
        assert!(matches!(err, ApiError::InvalidInput(_)), "{err}");
    }
    assert!(h.seen().is_empty());
    c.delete_customers(&[4, 5]).await.unwrap();
    assert_eq!(h.seen()[0].method, "DELETE");
    assert_eq!(h.seen()[0].uri, "/v3/customers?id:in=4,5");
}

#[tokio::test]
async fn the_token_never_shows() {
    let token = Token::new(TOKEN);
    assert_eq!(format!("{token}"), "***");
    assert_eq!(format!("{token:?}"), "***");
    let config = ClientConfig::new(HASH, token.clone());
    assert!(!format!("{config:?}").contains(TOKEN));

    let h =
        Harness::start(|_, _| reply(401, json!({"status": 401, "title": "Unauthorized"}))).await;
    let c = h.client(false);
    assert!(!format!("{c:?}").contains(TOKEN));
    let err = c.store_info().await.unwrap_err();
    assert!(!err.to_string().contains(TOKEN));
    assert!(!format!("{err:?}").contains(TOKEN));
    assert!(err.to_string().contains("token"), "{err}");

    // Plain http to a non-loopback host is refused without echoing the token.
    let err = Client::new(ClientConfig {
        api_url: "http://api.example.com".into(),
        ..config.clone()
    })
    .unwrap_err();
    assert!(matches!(err, ApiError::RefusedUrl { .. }), "{err}");
    assert!(!err.to_string().contains(TOKEN));
    for ok in [
        "http://localhost:9",
        "http://127.0.0.2:9",
        "http://[::1]:9",
        "https://api.bigcommerce.com",
    ] {
        Client::new(ClientConfig {
            api_url: ok.into(),
            ..config.clone()
        })
        .unwrap();
    }
    assert!(
        Client::new(ClientConfig {
            store_hash: "a/b".into(),
            ..config.clone()
        })
        .is_err()
    );
    assert!(
        Client::new(ClientConfig {
            token: Token::new(""),
            ..config
        })
        .is_err()
    );
}

#[tokio::test]
async fn read_only_refuses_writes_before_sending() {
    let h = Harness::start(|_, _| reply(200, json!([]))).await;
    let c = h.client(true);
    assert!(c.read_only());
    let err = c.delete_products(&[1, 2]).await.unwrap_err();
    assert!(matches!(err, ApiError::ReadOnly { .. }));
    assert_eq!(
        err.to_string().split('(').next().unwrap().trim(),
        "bctui is in read-only mode; DELETE refused"
    );
    let err = c
        .raw(reqwest::Method::POST, "/v3/customers", Some(json!([{}])))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("bctui is in read-only mode; POST refused")
    );
    assert!(matches!(
        c.update_order(1, &OrderUpdate::default()).await,
        Err(ApiError::ReadOnly { .. })
    ));
    assert!(h.seen().is_empty(), "nothing was sent");
    // Reads still work.
    assert!(c.order_statuses().await.unwrap().is_empty());
    assert_eq!(h.seen().len(), 1);
}
