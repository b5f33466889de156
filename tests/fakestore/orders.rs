//! The store simulator over real HTTP: V2 orders (paging, 204, 413, filters, count, update,
//! archive, create, shipments) and order statuses. Customers are in `customers.rs`.

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use std::collections::BTreeMap;

use crate::harness::*;

fn is_money4(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.split_once('.').is_some_and(|(_, d)| d.len() == 4))
}

fn rfc2822(v: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc2822(v.as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

#[tokio::test]
async fn order_list_paging_filters_and_sorting() {
    let h = Harness::new().await;
    let r = h.get("/v2/orders").await;
    assert_eq!(r.status, 200);
    let orders = r.json.as_array().unwrap();
    assert_eq!(orders.len(), 50);
    assert_eq!(orders[0]["id"], 1);
    let o = &orders[0];
    for field in [
        "subtotal_ex_tax",
        "total_inc_tax",
        "total_tax",
        "shipping_cost_inc_tax",
        "discount_amount",
        "refunded_amount",
    ] {
        assert!(is_money4(&o[field]), "{field} = {}", o[field]);
    }
    assert!(o["date_created"].as_str().unwrap().ends_with("+0000"));
    rfc2822(&o["date_modified"]);
    assert_eq!(o["currency_code"], "USD");
    assert!(
        o["products"]["url"]
            .as_str()
            .unwrap()
            .ends_with("/v2/orders/1/products")
    );
    assert_eq!(o["products"]["resource"], "/orders/1/products");
    assert!(
        o["billing_address"]["email"]
            .as_str()
            .unwrap()
            .contains('@')
    );
    for field in [
        "items_total",
        "items_shipped",
        "payment_method",
        "payment_status",
        "staff_notes",
        "customer_message",
        "is_deleted",
        "status",
        "coupons",
        "shipping_addresses",
    ] {
        assert!(o.get(field).is_some(), "missing {field}");
    }

    let too_big = h.get("/v2/orders?limit=251").await;
    assert_eq!(too_big.status, 413);
    assert_eq!(
        too_big.json,
        json!([{"status": 413, "message": "The specified limit exceeds the maximum allowed.", "details": {"max_limit": 250}}])
    );
    let past = h.get("/v2/orders?page=99&limit=250").await;
    assert_eq!((past.status, past.text.as_str()), (204, ""));
    let last = h.get("/v2/orders?page=2&limit=250").await;
    assert_eq!(last.json.as_array().unwrap().len(), 50);

    let desc = h.get("/v2/orders?sort=date_created:desc&limit=250").await;
    let dates: Vec<DateTime<Utc>> = desc
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|o| rfc2822(&o["date_created"]))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    assert!(dates[0] < anchor() && dates[0] > anchor() - Duration::days(2));

    let since = anchor() - Duration::days(10);
    for value in [since.to_rfc2822(), since.to_rfc3339()] {
        let url = format!(
            "/v2/orders?min_date_created={}&limit=250",
            urlencode(&value)
        );
        let recent = h.get(&url).await;
        let list = recent.json.as_array().unwrap();
        assert!(
            (20..=60).contains(&list.len()),
            "{} orders in 10 of 90 days",
            list.len()
        );
        assert!(list.iter().all(|o| rfc2822(&o["date_created"]) >= since));
    }
    assert_eq!(
        h.get("/v2/orders?min_date_created=yesterday").await.status,
        400
    );

    let status = h.get("/v2/orders?status_id=10&limit=250").await;
    assert!(
        status
            .json
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["status_id"] == 10 && o["status"] == "Completed")
    );
    let customer_id = orders.iter().find(|o| o["customer_id"] != 0).unwrap()["customer_id"]
        .as_u64()
        .unwrap();
    let by_customer = h
        .get(&format!("/v2/orders?customer_id={customer_id}"))
        .await;
    assert!(
        by_customer
            .json
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["customer_id"] == customer_id)
    );
    assert!(
        orders.iter().any(|o| o["customer_id"] == 0),
        "some guest orders"
    );
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn order_count_statuses_and_mix() {
    let h = Harness::new().await;
    let count = h.get("/v2/orders/count").await;
    assert_eq!(count.status, 200);
    assert_eq!(count.json["count"], 300);
    let statuses = count.json["statuses"].as_array().unwrap();
    assert_eq!(statuses.len(), 15);
    let sum: u64 = statuses.iter().map(|s| s["count"].as_u64().unwrap()).sum();
    assert_eq!(sum, 300);
    let orders: Vec<u64> = statuses
        .iter()
        .map(|s| s["sort_order"].as_u64().unwrap())
        .collect();
    assert!(orders.windows(2).all(|w| w[0] < w[1]));
    let by_id: BTreeMap<u64, u64> = statuses
        .iter()
        .map(|s| (s["id"].as_u64().unwrap(), s["count"].as_u64().unwrap()))
        .collect();
    assert!(
        by_id[&10] + by_id[&2] > 150,
        "mostly completed or shipped: {by_id:?}"
    );
    let filtered = h.get("/v2/orders/count?status_id=10").await;
    assert_eq!(filtered.json["count"].as_u64(), Some(by_id[&10]));

    let list = h.get("/v2/order_statuses").await;
    let list = list.json.as_array().unwrap();
    assert_eq!(list.len(), 15);
    assert_eq!(list[7]["name"], "Awaiting Payment");
    assert_eq!(list[2]["order"], 8);
    assert!(list.iter().any(|s| s["custom_label"] != s["system_label"]));
    assert_eq!(
        h.get("/v2/order_statuses/11").await.json["system_label"],
        "Awaiting Fulfillment"
    );
}

#[tokio::test]
async fn order_get_update_archive_and_sub_resources() {
    let h = Harness::new().await;
    let o = h.get("/v2/orders/5").await;
    assert_eq!(o.status, 200);
    let missing = h.get("/v2/orders/99999").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json[0]["status"], 404);

    let products = h.get("/v2/orders/5/products").await;
    assert_eq!(products.status, 200);
    let lines = products.json.as_array().unwrap();
    let qty: u64 = lines.iter().map(|l| l["quantity"].as_u64().unwrap()).sum();
    assert_eq!(o.json["items_total"].as_u64(), Some(qty));
    let subtotal: f64 = lines
        .iter()
        .map(|l| l["total_ex_tax"].as_str().unwrap().parse::<f64>().unwrap())
        .sum();
    let expected: f64 = o.json["subtotal_ex_tax"].as_str().unwrap().parse().unwrap();
    assert!((subtotal - expected).abs() < 0.001);
    let product_id = lines[0]["product_id"].as_u64().unwrap();
    let product = h.get(&format!("/v3/catalog/products/{product_id}")).await;
    assert_eq!(product.json["data"]["name"], lines[0]["name"]);
    let addresses = h.get("/v2/orders/5/shipping_addresses").await;
    assert_eq!(addresses.json[0]["order_id"], 5);
    assert!(is_money4(&addresses.json[0]["cost_inc_tax"]));
    assert_eq!(h.get("/v2/orders/5/shippingaddresses").await.status, 200);

    let updated = h.put("/v2/orders/5", json!({"status_id": 9, "staff_notes": "Packed by Sam", "billing_address": {"phone": "555-0000"}})).await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    assert_eq!(
        (
            updated.json["status_id"].as_u64(),
            updated.json["status"].as_str()
        ),
        (Some(9), Some("Awaiting Shipment"))
    );
    assert_eq!(updated.json["staff_notes"], "Packed by Sam");
    assert_eq!(updated.json["billing_address"]["phone"], "555-0000");
    assert_eq!(
        updated.json["billing_address"]["email"],
        o.json["billing_address"]["email"]
    );
    assert!(rfc2822(&updated.json["date_modified"]) > rfc2822(&o.json["date_modified"]));
    let bad = h.put("/v2/orders/5", json!({"status_id": 99})).await;
    assert_eq!(
        (bad.status, bad.json[0]["status"].as_u64()),
        (400, Some(400))
    );

    assert_eq!(h.delete("/v2/orders/5").await.status, 204);
    let archived = h.get("/v2/orders/5").await;
    assert_eq!(archived.json["is_deleted"], true);
    let visible = h.get("/v2/orders?min_id=5&max_id=5").await;
    assert_eq!(visible.status, 204);
    let deleted = h.get("/v2/orders?min_id=5&max_id=5&is_deleted=true").await;
    assert_eq!(deleted.json[0]["id"], 5);
}

#[tokio::test]
async fn order_create_and_shipments() {
    let h = Harness::new().await;
    let missing = h.post("/v2/orders", json!({"products": []})).await;
    assert_eq!(missing.status, 400);
    assert!(missing.text.contains("billing_address"));

    let product = h.get("/v3/catalog/products/7?include=variants").await.json["data"].clone();
    let variant_id = product["variants"][0]["id"].as_u64().unwrap();
    let body = json!({
        "customer_id": 0,
        "billing_address": {"first_name": "Jane", "last_name": "Doe", "street_1": "123 Main Street", "city": "Austin", "state": "Texas", "zip": "78751", "country": "United States", "country_iso2": "US", "email": "janedoe@example.com"},
        "products": [
            {"product_id": 7, "variant_id": variant_id, "quantity": 3},
            {"name": "Gift Wrap", "quantity": 1, "price_ex_tax": "4.50", "price_inc_tax": 4.5}
        ],
        "base_shipping_cost": 5
    });
    let created = h.post("/v2/orders", body).await;
    assert_eq!(created.status, 200, "{}", created.text);
    let order = created.json;
    let id = order["id"].as_u64().unwrap();
    assert_eq!(
        (order["status_id"].as_u64(), order["items_total"].as_u64()),
        (Some(1), Some(4))
    );
    let price: f64 = product["variants"][0]["calculated_price"].as_f64().unwrap();
    let subtotal: f64 = order["subtotal_ex_tax"].as_str().unwrap().parse().unwrap();
    assert!((subtotal - (price * 3.0 + 4.5)).abs() < 0.001);
    let total: f64 = order["total_inc_tax"].as_str().unwrap().parse().unwrap();
    assert!((total - (subtotal + 5.0)).abs() < 0.001);

    assert_eq!(
        h.get(&format!("/v2/orders/{id}/shipments")).await.status,
        204
    );
    let lines = h.get(&format!("/v2/orders/{id}/products")).await.json;
    let address_id = h
        .get(&format!("/v2/orders/{id}/shipping_addresses"))
        .await
        .json[0]["id"]
        .as_u64()
        .unwrap();
    let first_line = lines[0]["id"].as_u64().unwrap();
    let second_line = lines[1]["id"].as_u64().unwrap();

    let too_many = h.post(&format!("/v2/orders/{id}/shipments"), json!({"order_address_id": address_id, "items": [{"order_product_id": first_line, "quantity": 4}]})).await;
    assert_eq!(too_many.status, 400);
    let bad_address = h.post(&format!("/v2/orders/{id}/shipments"), json!({"order_address_id": 1, "items": [{"order_product_id": first_line, "quantity": 1}]})).await;
    assert_eq!(bad_address.status, 400);
    let bad_line = h.post(&format!("/v2/orders/{id}/shipments"), json!({"order_address_id": address_id, "items": [{"order_product_id": 1, "quantity": 1}]})).await;
    assert_eq!(bad_line.status, 400);
    assert_eq!(
        h.post(&format!("/v2/orders/{id}/shipments"), json!({"items": []}))
            .await
            .status,
        400
    );

    let partial = h.post(&format!("/v2/orders/{id}/shipments"), json!({
        "order_address_id": address_id, "tracking_number": "1Z999AA10123456784", "shipping_provider": "ups",
        "items": [{"order_product_id": first_line, "quantity": 2}]
    })).await;
    assert_eq!(partial.status, 201, "{}", partial.text);
    assert_eq!(
        partial.json["items"],
        json!([{"order_product_id": first_line, "product_id": 7, "quantity": 2}])
    );
    assert_eq!(partial.json["shipping_provider_display_name"], "UPS");
    let after = h.get(&format!("/v2/orders/{id}")).await.json;
    assert_eq!(
        (after["items_shipped"].as_u64(), after["status_id"].as_u64()),
        (Some(2), Some(3))
    );
    assert_eq!(after["status"], "Partially Shipped");
    assert_ne!(after["date_shipped"], "");

    let rest = h.post(&format!("/v2/orders/{id}/shipments"), json!({
        "order_address_id": address_id, "items": [{"order_product_id": first_line, "quantity": 1}, {"order_product_id": second_line, "quantity": 1}]
    })).await;
    assert_eq!(rest.status, 201);
    let done = h.get(&format!("/v2/orders/{id}")).await.json;
    assert_eq!(
        (done["items_shipped"].as_u64(), done["status_id"].as_u64()),
        (Some(4), Some(2))
    );
    let lines = h.get(&format!("/v2/orders/{id}/products")).await.json;
    assert_eq!(lines[0]["quantity_shipped"], 3);
    let shipments = h.get(&format!("/v2/orders/{id}/shipments")).await;
    assert_eq!(shipments.json.as_array().unwrap().len(), 2);

    // Seeded shipped orders carry shipments with tracking numbers.
    let shipped = h.get("/v2/orders?status_id=2").await.json[0]["id"]
        .as_u64()
        .unwrap();
    let seeded = h.get(&format!("/v2/orders/{shipped}/shipments")).await;
    assert!(
        !seeded.json[0]["tracking_number"]
            .as_str()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn order_coupons_are_an_empty_list() {
    let h = Harness::new().await;
    let order = &h.get("/v2/orders?limit=1").await.json[0];
    let link = format!("/v2{}", order["coupons"]["resource"].as_str().unwrap());
    let coupons = h.get(&link).await;
    assert_eq!((coupons.status, coupons.text.as_str()), (204, ""));
    assert_eq!(h.get("/v2/orders/999999/coupons").await.status, 404);
    assert_eq!(h.post(&link, json!({})).await.status, 405);
}
