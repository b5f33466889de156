//! The store simulator over real HTTP: V3 customers and addresses, and deterministic seeding.

use bctui::fakestore::{FakeStoreConfig, seed};
use serde_json::{Value, json};

use crate::harness::*;

#[tokio::test]
async fn customers_and_addresses() {
    let h = Harness::new().await;
    let list = h.get("/v3/customers?include=addresses,storecredit").await;
    assert_eq!(list.status, 200);
    assert_eq!(list.json["meta"]["pagination"]["total"], 100);
    let c = &list.json["data"][0];
    assert!(!c["addresses"].as_array().unwrap().is_empty());
    assert_eq!(
        c["address_count"].as_u64(),
        Some(c["addresses"].as_array().unwrap().len() as u64)
    );
    assert!(c["store_credit_amounts"][0]["amount"].is_number());
    assert!(c["date_created"].as_str().unwrap().ends_with('Z'));
    let plain = h.get("/v3/customers?limit=1").await;
    assert!(plain.json["data"][0].get("addresses").is_none());

    let email = c["email"].as_str().unwrap().to_uppercase();
    let by_email = h.get(&format!("/v3/customers?email:in={email}")).await;
    assert_eq!(by_email.json["data"][0]["id"], c["id"]);
    let last = c["last_name"].as_str().unwrap();
    let like = h
        .get(&format!(
            "/v3/customers?name:like={}&limit=250",
            last.to_lowercase()
        ))
        .await;
    assert!(like.data().iter().all(|x| {
        format!("{} {}", x["first_name"], x["last_name"])
            .to_lowercase()
            .contains(&last.to_lowercase())
    }));
    let sorted = h.get("/v3/customers?sort=last_name:asc&limit=250").await;
    let names: Vec<String> = sorted
        .data()
        .iter()
        .map(|x| x["last_name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(h.get("/v3/customers?id:in=abc").await.status, 422);
    assert_eq!(h.get("/v3/customers?sort=email:asc").await.status, 422);
    let emails: std::collections::HashSet<String> = sorted
        .data()
        .iter()
        .map(|x| x["email"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(emails.len(), 100, "emails are unique");

    let eleven: Vec<Value> = (0..11)
        .map(|i| json!({"email": format!("n{i}@example.com"), "first_name": "N", "last_name": "N"}))
        .collect();
    assert_eq!(
        h.post("/v3/customers", Value::Array(eleven)).await.status,
        413
    );
    let invalid = h
        .post("/v3/customers", json!([{"email": "x@example.com"}]))
        .await;
    assert_eq!(invalid.status, 422);
    assert!(invalid.json["errors"]["0.first_name"].is_string());
    let dup = h
        .post(
            "/v3/customers",
            json!([{"email": email.to_lowercase(), "first_name": "A", "last_name": "B"}]),
        )
        .await;
    assert_eq!(dup.status, 422);
    assert!(
        dup.json["errors"]["0.email"]
            .as_str()
            .unwrap()
            .contains("already in use")
    );

    let created = h.post("/v3/customers", json!([{
        "email": "new.person@example.com", "first_name": "New", "last_name": "Person",
        "addresses": [{"first_name": "New", "last_name": "Person", "address1": "1 Elm Street", "city": "Boise", "state_or_province": "Idaho", "postal_code": "83702", "country_code": "US"}]
    }])).await;
    assert_eq!(created.status, 200, "{}", created.text);
    assert_eq!(created.json["meta"], json!({}));
    let new_id = created.json["data"][0]["id"].as_u64().unwrap();
    assert_eq!(
        created.json["data"][0]["addresses"][0]["country"],
        "United States"
    );

    let updated = h
        .put(
            "/v3/customers",
            json!([{"id": new_id, "company": "Acme", "date_created": "2000-01-01T00:00:00Z"}]),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    assert_eq!(updated.json["data"][0]["company"], "Acme");
    assert_eq!(
        updated.json["data"][0]["date_created"],
        created.json["data"][0]["date_created"]
    );
    assert_eq!(
        h.put("/v3/customers", json!([{"id": 999999, "company": "X"}]))
            .await
            .status,
        422
    );

    let addresses = h
        .get(&format!("/v3/customers/addresses?customer_id:in={new_id}"))
        .await;
    assert_eq!(addresses.data().len(), 1);
    let address = addresses.json["data"][0].clone();
    let again = h.post("/v3/customers/addresses", json!([{
        "customer_id": new_id, "first_name": "New", "last_name": "Person", "address1": "1 Elm Street", "city": "Boise",
        "state_or_province": "Idaho", "postal_code": "83702", "country_code": "US"
    }, {
        "customer_id": new_id, "first_name": "New", "last_name": "Person", "address1": "9 Oak Avenue", "city": "Boise",
        "state_or_province": "Idaho", "postal_code": "83702", "country_code": "US"
    }])).await;
    assert_eq!(again.status, 200, "{}", again.text);
    assert_eq!(again.data().len(), 1, "the exact duplicate is left out");
    let bad_address = h
        .post("/v3/customers/addresses", json!([{"customer_id": new_id}]))
        .await;
    assert_eq!(bad_address.status, 422);
    let moved = h
        .put(
            "/v3/customers/addresses",
            json!([{"id": address["id"], "city": "Nampa"}]),
        )
        .await;
    assert_eq!(moved.json["data"][0]["city"], "Nampa");
    let gone = h
        .delete(&format!("/v3/customers/addresses?id:in={}", address["id"]))
        .await;
    assert_eq!(gone.status, 204);

    // Without id:in the API answers 204 and deletes nothing.
    let nothing = h.delete("/v3/customers").await;
    assert_eq!((nothing.status, nothing.text.as_str()), (204, ""));
    assert_eq!(
        h.get("/v3/customers").await.json["meta"]["pagination"]["total"],
        101
    );
    assert_eq!(
        h.delete(&format!("/v3/customers?id:in={new_id}"))
            .await
            .status,
        204
    );
    assert_eq!(
        h.get(&format!("/v3/customers?id:in={new_id}")).await.json["data"],
        json!([])
    );
}

#[tokio::test]
async fn same_seed_same_data() {
    let a = Harness::with(small_seeded(7)).await;
    let b = Harness::with(small_seeded(7)).await;
    let c = Harness::with(small_seeded(8)).await;
    for path in [
        "/v3/catalog/products?limit=250&include=variants",
        "/v2/orders?limit=250",
        "/v3/customers?include=addresses&limit=100",
        "/v3/catalog/trees/categories?limit=250",
    ] {
        let (x, y) = (a.get(path).await, b.get(path).await);
        assert_eq!(x.status, 200);
        // Order links carry each server's own port; everything else must match byte for byte.
        let x = x.text.replace(&a.store.api_url(), "");
        let y = y.text.replace(&b.store.api_url(), "");
        assert!(x == y, "{path} differs for the same seed");
    }
    assert_ne!(
        a.get("/v3/catalog/products").await.text,
        c.get("/v3/catalog/products").await.text
    );
}

#[test]
fn default_seed_sizes_and_shape() {
    let data = seed(&FakeStoreConfig {
        clock: bctui::clock::Clock::test(),
        ..FakeStoreConfig::default()
    });
    assert_eq!(data.product_count(), 2000);
    assert_eq!(data.customer_count(), 1500);
    assert_eq!(data.order_count(), 6000);
    assert!((35..=50).contains(&data.category_count()));
    // A fifth of the products have 2–6 variants; the rest one base variant each.
    let extra = data.variant_count() - data.product_count();
    assert!((400..=2400).contains(&extra), "{extra} extra variants");
}

#[tokio::test]
async fn batch_updates_name_the_item_that_failed() {
    let h = Harness::new().await;
    let two = h.get("/v3/customers?limit=2").await;
    let ids: Vec<u64> = two.ids();
    // Two customers given one email in the same batch: the second is refused, nothing is kept.
    let same = h
        .put(
            "/v3/customers",
            json!([
                {"id": ids[0], "email": "shared@example.com"},
                {"id": ids[1], "email": "Shared@example.com"}
            ]),
        )
        .await;
    assert_eq!(same.status, 422, "{}", same.text);
    assert!(
        same.json["errors"].get("0.email").is_none(),
        "{}",
        same.text
    );
    assert!(
        same.json["errors"]["1.email"]
            .as_str()
            .unwrap()
            .contains("already in use")
    );
    let after = h.get(&format!("/v3/customers?id:in={}", ids[0])).await;
    assert_ne!(after.json["data"][0]["email"], "shared@example.com");

    let missing = h
        .put(
            "/v3/customers/addresses",
            json!([{"id": 999_999, "city": "Boise"}]),
        )
        .await;
    assert_eq!(missing.status, 422, "{}", missing.text);
    assert_eq!(
        missing.json["errors"]["0.id"],
        "Address 999999 does not exist."
    );
}
