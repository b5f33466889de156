//! Odd values from the store degrade to one item, never a whole page: a record
//! that does not decode becomes a placeholder naming its id and field, and
//! pagination numbers out of range fall back to walking until a short page.

use bctui::api::{ApiError, OrderQuery, ProductQuery};
use serde_json::{Value, json};

use crate::server::{Reply, Server};

fn product(id: u64) -> Value {
    json!({"id": id, "name": format!("Product {id}"), "price": "12.5", "sku": format!("SKU-{id}")})
}

#[tokio::test]
async fn one_bad_product_is_a_placeholder_and_the_rest_load() {
    let store = Server::start(|_| {
        let mut bad = product(2);
        bad["price"] = json!("abc");
        let mut huge = product(3);
        huge["calculated_price"] = json!(-3.4e38);
        let body = json!({
            "data": [product(1), bad, huge, product(4)],
            "meta": {"pagination": {"total": 4, "count": 4, "per_page": 50, "current_page": 1, "total_pages": 1}},
        });
        Reply::json(body.to_string())
    })
    .await;
    let page = store
        .client()
        .list_products(&ProductQuery::default())
        .await
        .expect("the page loads");
    let ids: Vec<u64> = page.items.iter().map(|p| p.id).collect();
    assert_eq!(ids, [1, 2, 3, 4]);
    assert_eq!(page.items[0].name, "Product 1");
    assert_eq!(page.items[3].sku, "SKU-4");
    assert!(
        page.items[1].name == "⚠ field `price`: string \"abc\" is not a decimal number",
        "{}",
        page.items[1].name
    );
    assert!(
        page.items[2].name.contains("`calculated_price`"),
        "{}",
        page.items[2].name
    );
    assert_eq!(page.pagination.map(|p| p.total), Some(4));
}

#[tokio::test]
async fn one_bad_order_is_a_placeholder_and_the_rest_load() {
    let store = Server::start(|_| {
        let order = |id: u64| json!({"id": id, "status": "Shipped", "total_inc_tax": "10.0000"});
        let mut bad = order(11);
        bad["date_created"] = json!("not a date");
        Reply::json(json!([order(10), bad, order(12)]).to_string())
    })
    .await;
    let orders = store
        .client()
        .list_orders(&OrderQuery::default())
        .await
        .expect("the page loads");
    assert_eq!(
        orders.iter().map(|o| o.id).collect::<Vec<_>>(),
        [10, 11, 12]
    );
    assert_eq!(orders[0].status, "Shipped");
    let shown = &orders[1].billing_address.first_name;
    assert!(shown.contains("field `date_created`"), "{shown}");
}

#[tokio::test]
async fn pagination_out_of_range_walks_until_a_short_page() {
    let store = Server::start(|seen| {
        let page: u64 = seen
            .uri
            .split(['?', '&'])
            .find_map(|pair| pair.strip_prefix("page="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        let count = if page < 3 { 250 } else { 7 };
        let items: Vec<Value> = (0..count).map(|i| product(page * 1000 + i)).collect();
        let body = json!({
            "data": items,
            "meta": {"pagination": {
                "total": 1e30, "count": -1, "per_page": "many",
                "current_page": 1.5, "total_pages": -2, "links": "nowhere",
            }},
        });
        Reply::json(body.to_string())
    })
    .await;
    let all = store
        .client()
        .all_products(&ProductQuery::default(), |_| {})
        .await
        .expect("the walk ends");
    assert_eq!(all.len(), 507);
    assert_eq!(store.seen().len(), 3);
}

#[tokio::test]
async fn odd_counts_degrade_and_a_huge_clock_is_an_error_not_a_crash() {
    let store = Server::start(|seen| {
        if seen.uri.contains("/v2/time") {
            Reply::json(r#"{"time": 1e30}"#)
        } else {
            Reply::json(
                json!({
                    "count": 12.7,
                    "statuses": [
                        {"id": 1, "name": "Pending", "count": -3},
                        {"id": 2, "name": "Shipped", "count": 1e40},
                        {"id": 3, "name": "Refunded", "count": "5"},
                    ],
                })
                .to_string(),
            )
        }
    })
    .await;
    let client = store.client();
    let counts = client
        .order_count(&OrderQuery::default())
        .await
        .expect("counts load");
    assert_eq!(counts.count, 12);
    let by_status: Vec<u64> = counts.statuses.iter().map(|s| s.count).collect();
    assert_eq!(by_status, [0, u64::MAX, 5]);
    match client.server_time().await {
        Err(ApiError::Decode { message, .. }) => assert!(message.contains("time"), "{message}"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}
