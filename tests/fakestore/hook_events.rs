//! The store simulator over real HTTP: store events delivered to a local receiver with the
//! hook's custom headers, and the retry schedule (on the store's clock) that ends in
//! deactivation.

use std::collections::BTreeSet;
use std::time::Duration;

use bctui::cli::hook_receiver::{ExpectedHeader, HeaderCheck, Receiver};
use bctui::fakestore::FakeStoreConfig;
use serde_json::{Value, json};

use crate::common::{PATIENCE, next_delivery};
use crate::harness::*;
use crate::hooks::create_hook;

/// The next `n` deliveries as `(scope, data)` pairs, all of which must carry the header.
async fn events(receiver: &mut Receiver, n: usize) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for _ in 0..n {
        let d = next_delivery(receiver).await;
        assert_eq!(d.header, HeaderCheck::Matched, "{}", d.raw);
        let p = d.payload.expect("JSON payload");
        out.insert((
            p["scope"].as_str().unwrap().to_string(),
            p["data"].to_string(),
        ));
    }
    out
}

fn event(scope: &str, data: Value) -> (String, String) {
    (scope.to_string(), data.to_string())
}

/// Creates, changes and deletes one `kind` through its V3 batch endpoint at `path` and
/// expects its three events.
async fn lifecycle(
    h: &Harness,
    receiver: &mut Receiver,
    kind: &str,
    path: &str,
    id_field: &str,
    create: Value,
    mut change: Value,
) {
    let created = h.post(path, json!([create])).await;
    assert!(matches!(created.status, 200 | 201), "{}", created.text);
    let id = created.json["data"][0][id_field].as_u64().unwrap();
    change[id_field] = json!(id);
    let updated = h.put(path, json!([change])).await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    let query = format!("{path}?{id_field}:in={id}");
    assert!(matches!(h.delete(&query).await.status, 202 | 204));
    let expected = ["created", "updated", "deleted"].map(|verb| {
        event(
            &format!("store/{kind}/{verb}"),
            json!({"type": kind, "id": id}),
        )
    });
    assert_eq!(events(receiver, 3).await, BTreeSet::from(expected));
}

fn secret() -> ExpectedHeader {
    "X-Hook-Secret: opensesame".parse().unwrap()
}

#[tokio::test]
async fn store_events_reach_matching_active_hooks_with_their_headers() {
    let h = Harness::new().await;
    let mut receiver = Receiver::start(0, Some(secret())).await.unwrap();
    let url = receiver.url();
    for scope in [
        "store/order/*",
        "store/shipment/created",
        "store/product/*",
        "store/sku/inventory/updated",
        "store/customer/*",
        "store/category/*",
    ] {
        create_hook(&h, scope, &url).await;
    }
    // Inactive hooks and unmatched scopes stay silent: these carry no header, so a delivery
    // from either would fail the header check in `events`.
    for (scope, active) in [("store/order/created", false), ("store/cart/*", true)] {
        let quiet = json!({"scope": scope, "destination": url, "is_active": active});
        let r = h.post("/v3/hooks", quiet).await;
        assert_eq!(r.status, 200, "{}", r.text);
    }

    // Orders: created, then a shipment (shipment created, order updated and status moved).
    let body = json!({
        "billing_address": {"first_name": "Jane", "last_name": "Doe", "street_1": "1 Main St", "city": "Austin", "state": "Texas", "zip": "78751", "country": "United States", "country_iso2": "US", "email": "jane@example.com"},
        "products": [{"name": "Gift Wrap", "quantity": 1, "price_ex_tax": "4.50", "price_inc_tax": 4.5}],
    });
    let order = h.post("/v2/orders", body).await.json;
    let order_id = order["id"].as_u64().unwrap();
    assert_eq!(
        events(&mut receiver, 1).await,
        BTreeSet::from([event(
            "store/order/created",
            json!({"type": "order", "id": order_id})
        )])
    );
    let line = h.get(&format!("/v2/orders/{order_id}/products")).await.json[0]["id"].clone();
    let address = h
        .get(&format!("/v2/orders/{order_id}/shipping_addresses"))
        .await
        .json[0]["id"]
        .clone();
    let shipment = h
        .post(&format!("/v2/orders/{order_id}/shipments"), json!({"order_address_id": address, "items": [{"order_product_id": line, "quantity": 1}]}))
        .await;
    assert_eq!(shipment.status, 201, "{}", shipment.text);
    let shipment_id = shipment.json["id"].as_u64().unwrap();
    assert_eq!(
        events(&mut receiver, 3).await,
        BTreeSet::from([
            event(
                "store/shipment/created",
                json!({"type": "shipment", "id": shipment_id, "orderId": order_id})
            ),
            event(
                "store/order/updated",
                json!({"type": "order", "id": order_id})
            ),
            event(
                "store/order/statusUpdated",
                json!({"type": "order", "id": order_id, "status": {"previous_status_id": 1, "new_status_id": 2}})
            ),
        ])
    );

    // Products: created, updated with a new stock level, a variant's stock, deleted.
    let product = h
        .post(
            "/v3/catalog/products",
            json!({"name": "Hook Test Lamp", "type": "physical", "weight": 1, "price": 10}),
        )
        .await
        .json["data"]["id"]
        .as_u64()
        .unwrap();
    let put = h
        .put(
            &format!("/v3/catalog/products/{product}"),
            json!({"inventory_level": 12}),
        )
        .await;
    assert_eq!(put.status, 200, "{}", put.text);
    assert_eq!(
        events(&mut receiver, 3).await,
        BTreeSet::from([
            event(
                "store/product/created",
                json!({"type": "product", "id": product})
            ),
            event(
                "store/product/updated",
                json!({"type": "product", "id": product})
            ),
            event(
                "store/product/inventory/updated",
                json!({"type": "product", "id": product, "inventory": {"product_id": product, "method": "absolute", "value": 12}})
            ),
        ])
    );
    let with_variants = h
        .get("/v3/catalog/products?include=variants&limit=250")
        .await
        .json["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["variants"].as_array().unwrap().len() > 1)
        .cloned()
        .unwrap();
    let (pid, vid) = (
        with_variants["id"].as_u64().unwrap(),
        with_variants["variants"][1]["id"].as_u64().unwrap(),
    );
    let level = with_variants["variants"][1]["inventory_level"]
        .as_i64()
        .unwrap()
        + 5;
    let v = h
        .put(
            &format!("/v3/catalog/products/{pid}/variants/{vid}"),
            json!({"inventory_level": level}),
        )
        .await;
    assert_eq!(v.status, 200, "{}", v.text);
    assert_eq!(
        h.delete(&format!("/v3/catalog/products/{product}"))
            .await
            .status,
        204
    );
    assert_eq!(
        events(&mut receiver, 2).await,
        BTreeSet::from([
            event(
                "store/sku/inventory/updated",
                json!({"type": "sku", "id": vid, "inventory": {"product_id": pid, "method": "absolute", "value": level, "variant_id": vid}})
            ),
            event(
                "store/product/deleted",
                json!({"type": "product", "id": product})
            ),
        ])
    );

    // Customers and categories: created, updated, deleted.
    let customer =
        json!({"email": "hooked@example.com", "first_name": "Hook", "last_name": "Test"});
    let company = json!({"company": "Hooks Inc"});
    lifecycle(
        &h,
        &mut receiver,
        "customer",
        "/v3/customers",
        "id",
        customer,
        company,
    )
    .await;
    let tree = h.get("/v3/catalog/trees").await.json["data"][0]["id"].clone();
    let category = json!({"name": "Hooked", "tree_id": tree});
    let rename = json!({"name": "Hooked Again"});
    let path = "/v3/catalog/trees/categories";
    lifecycle(
        &h,
        &mut receiver,
        "category",
        path,
        "category_id",
        category,
        rename,
    )
    .await;

    // A failed write fires nothing: the next event is the one after it.
    let refused = h.put("/v3/customers", json!([{"id": 999_999}])).await;
    assert_eq!(refused.status, 422);
    h.put(
        &format!("/v2/orders/{order_id}"),
        json!({"staff_notes": "checked"}),
    )
    .await;
    let d = next_delivery(&mut receiver).await;
    let payload = d.payload.unwrap();
    assert_eq!(payload["scope"], "store/order/updated");
    assert_eq!(payload["producer"], "stores/fakestore");
    assert!(payload["store_id"].as_str().unwrap().parse::<u64>().is_ok());
    assert_eq!(payload["hash"].as_str().unwrap().len(), 40);
    assert!(payload["created_at"].is_i64());
}

#[tokio::test]
async fn failing_destinations_are_retried_then_deactivated() {
    // Half the documented intervals; the store's manual clock is moved through them.
    let h = Harness::with(FakeStoreConfig {
        hook_retry_scale: 0.5,
        ..small()
    })
    .await;
    let mut receiver = Receiver::start(0, Some(secret())).await.unwrap();
    let body = json!({"scope": "store/customer/created", "destination": receiver.url(), "headers": {"X-Hook-Secret": "wrong"}});
    let hook = h.post("/v3/hooks", body).await.json["data"].clone();
    let id = hook["id"].as_u64().unwrap();
    let created = h
        .post(
            "/v3/customers",
            json!([{"email": "retry@example.com", "first_name": "Re", "last_name": "Try"}]),
        )
        .await;
    // The write never waits for (or fails with) its deliveries.
    assert_eq!(created.status, 200);

    // The first attempt, then a retry each time the clock reaches the next interval; all
    // carry the same event and all are refused.
    let first = next_delivery(&mut receiver).await;
    assert_eq!(first.header, HeaderCheck::Wrong);
    for seconds in [
        60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400,
    ] {
        h.store.clock().advance(Duration::from_secs(seconds / 2));
        let retry = next_delivery(&mut receiver).await;
        assert_eq!(retry.header, HeaderCheck::Wrong);
        assert_eq!(retry.payload, first.payload);
    }
    let deadline = tokio::time::Instant::now() + PATIENCE;
    let hook_now = loop {
        let now = h.get(&format!("/v3/hooks/{id}")).await.json["data"].clone();
        if now["is_active"] == false || tokio::time::Instant::now() > deadline {
            break now;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    };
    assert_eq!(
        hook_now["is_active"], false,
        "deactivated after the last retry"
    );
    assert!(
        receiver.try_next().is_none(),
        "no attempt after the twelfth"
    );
    // Stamped when it gave up: half of the schedule's 173040 s after the event.
    let event_time = first.payload.as_ref().unwrap()["created_at"]
        .as_i64()
        .unwrap();
    assert_eq!(hook_now["updated_at"].as_i64(), Some(event_time + 86_520));
    let admin = h.get("/v3/hooks/admin").await;
    assert_eq!(admin.json["data"]["hooks_list"][0]["status"], "deactivated");

    // Reactivated with the right header, the next event goes through at once.
    let fixed = json!({"is_active": true, "headers": {"X-Hook-Secret": "opensesame"}});
    assert_eq!(h.put(&format!("/v3/hooks/{id}"), fixed).await.status, 200);
    h.post(
        "/v3/customers",
        json!([{"email": "again@example.com", "first_name": "A", "last_name": "Gain"}]),
    )
    .await;
    assert_eq!(
        next_delivery(&mut receiver).await.header,
        HeaderCheck::Matched
    );
}
