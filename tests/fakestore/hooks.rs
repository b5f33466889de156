//! The store simulator over real HTTP: `/v3/hooks` CRUD and validation (webhooks.v3.yml and
//! the webhooks overview's limits). Deliveries are in `hook_events.rs`.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::*;

/// Creates a hook that sends the header `hook_events` receivers check.
pub async fn create_hook(h: &Harness, scope: &str, destination: &str) -> Value {
    let body = json!({"scope": scope, "destination": destination, "headers": {"X-Hook-Secret": "opensesame"}});
    let r = h.post("/v3/hooks", body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json["data"].clone()
}

#[tokio::test]
async fn hook_crud_follows_the_spec() {
    let h = Harness::new().await;
    let empty = h.get("/v3/hooks").await;
    assert_eq!((empty.status, empty.json["data"].clone()), (200, json!([])));

    let body = json!({"scope": "store/order/*", "destination": "https://localhost/orders", "is_active": false, "headers": {"custom-key": "developer-defined value"}});
    let created = h.post("/v3/hooks", body).await;
    assert_eq!(created.status, 200, "{}", created.text);
    let hook = &created.json["data"];
    let id = hook["id"].as_u64().unwrap();
    assert_eq!(hook["scope"], "store/order/*");
    assert_eq!(hook["destination"], "https://localhost/orders");
    assert_eq!(hook["is_active"], false);
    assert_eq!(hook["headers"]["custom-key"], "developer-defined value");
    assert_eq!(hook["store_hash"], "fakestore");
    assert!(hook["client_id"].as_str().is_some_and(|c| !c.is_empty()));
    assert!(hook["created_at"].is_i64() && hook["created_at"] == hook["updated_at"]);
    assert_eq!(created.json["meta"], json!({}));

    assert_eq!(h.get(&format!("/v3/hooks/{id}")).await.json["data"], *hook);
    let plain = create_hook(&h, "store/product/created", "http://127.0.0.1:9/p").await;
    let list = h.get("/v3/hooks?limit=1&page=2").await;
    assert_eq!(list.json["data"][0]["id"], plain["id"]);
    assert_eq!(list.json["meta"]["pagination"]["total"], 2);
    assert_eq!(list.json["meta"]["pagination"]["total_pages"], 2);
    for (query, found) in [
        ("is_active=false", 1),
        ("scope=store/product/created", 1),
        ("destination=http://127.0.0.1:9/p", 1),
        ("scope=store/cart/created", 0),
    ] {
        let r = h.get(&format!("/v3/hooks?{query}")).await;
        assert_eq!(r.data().len(), found, "{query}");
    }

    let updated = h
        .put(
            &format!("/v3/hooks/{id}"),
            json!({"is_active": true, "headers": null}),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    assert_eq!(updated.json["data"]["is_active"], true);
    assert_eq!(updated.json["data"]["headers"], Value::Null);
    assert_eq!(updated.json["data"]["scope"], "store/order/*");
    let nothing = h.put(&format!("/v3/hooks/{id}"), json!({})).await;
    assert_eq!(nothing.status, 422);

    let deleted = h.delete(&format!("/v3/hooks/{id}")).await;
    assert_eq!(deleted.status, 200);
    assert_eq!(deleted.json["data"]["id"], id);
    let gone = h.get(&format!("/v3/hooks/{id}")).await;
    assert_eq!(gone.status, 404);
    assert_eq!(
        gone.json["title"],
        format!("Webhook with id [{id}] not found")
    );
    assert_eq!(h.delete(&format!("/v3/hooks/{id}")).await.status, 404);
    assert_eq!(h.get("/v3/hooks/abc").await.status, 404);
    assert_eq!(h.call(Method::PATCH, "/v3/hooks", None).await.status, 405);

    h.put("/v3/hooks/admin", json!({"emails": ["ops@example.com"]}))
        .await;
    let admin = h.get("/v3/hooks/admin").await;
    assert_eq!(admin.json["data"]["emails"], json!(["ops@example.com"]));
    assert_eq!(admin.json["data"]["hooks_list"][0]["status"], "active");
    let bad_email = h.put("/v3/hooks/admin", json!({"emails": ["nope"]})).await;
    assert_eq!(bad_email.status, 422);
}

#[tokio::test]
async fn hook_validation_and_limits() {
    let h = Harness::new().await;
    let post = |body: Value| h.post("/v3/hooks", body);
    let missing = post(json!({})).await;
    assert_eq!(missing.status, 422);
    assert_eq!(missing.json["title"], "JSON data is missing or invalid");
    assert!(missing.json["errors"]["scope"].is_string());
    assert!(missing.json["errors"]["destination"].is_string());
    let dest = "http://127.0.0.1:9/hook";
    for (body, field) in [
        (
            json!({"scope": "store/order/teleported", "destination": dest}),
            "scope",
        ),
        (
            json!({"scope": "store/order/created", "destination": "https://example.com/h"}),
            "destination",
        ),
        (
            json!({"scope": "store/order/created", "destination": "http://10.1.2.3/h"}),
            "destination",
        ),
        (
            json!({"scope": "store/order/created", "destination": "/relative"}),
            "destination",
        ),
        (
            json!({"scope": "store/order/created", "destination": dest, "is_active": "yes"}),
            "is_active",
        ),
        (
            json!({"scope": "store/order/created", "destination": dest, "headers": ["x"]}),
            "headers",
        ),
        (
            json!({"scope": "store/order/created", "destination": dest, "headers": {"x": 1}}),
            "headers.x",
        ),
        (
            json!({"scope": "store/order/created", "destination": dest, "headers": {"bad name": "v"}}),
            "headers.bad name",
        ),
    ] {
        let r = post(body.clone()).await;
        assert_eq!(r.status, 422, "{body}");
        assert!(r.json["errors"][field].is_string(), "{body}: {}", r.text);
    }
    let batch = post(json!([{"scope": "store/order/created", "destination": dest}])).await;
    assert_eq!(batch.status, 422);
    assert!(batch.text.contains("Only one webhook at a time"));
    let broken = h.post_bytes("/v3/hooks", b"{").await;
    assert_eq!(broken.status, 400);

    // One hook per scope and destination; at most ten per scope.
    assert_eq!(
        post(json!({"scope": "store/order/created", "destination": dest}))
            .await
            .status,
        200
    );
    let twice = post(json!({"scope": "store/order/created", "destination": dest})).await;
    assert_eq!(twice.status, 422);
    assert!(twice.json["errors"]["destination"].is_string());
    for port in 11..20 {
        let d = format!("http://127.0.0.1:{port}/hook");
        assert_eq!(
            post(json!({"scope": "store/order/created", "destination": d}))
                .await
                .status,
            200
        );
    }
    let eleventh =
        post(json!({"scope": "store/order/created", "destination": "http://127.0.0.1:10/hook"}))
            .await;
    assert_eq!(eleventh.status, 422);
    assert!(eleventh.json["errors"]["scope"].is_string());
    // Moving another hook onto a taken scope and destination is refused the same way.
    let other = post(json!({"scope": "store/order/updated", "destination": dest})).await;
    let id = other.json["data"]["id"].as_u64().unwrap();
    let clash = h
        .put(
            &format!("/v3/hooks/{id}"),
            json!({"scope": "store/order/created"}),
        )
        .await;
    assert_eq!(clash.status, 422);
}
