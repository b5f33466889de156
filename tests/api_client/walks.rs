//! Lists: V2 and V3 walks that stop where the store's pages end, and batches cut to the
//! API's limits.

use super::*;

#[tokio::test]
async fn v2_204_is_an_empty_list() {
    let h = Harness::start(|_, _| reply(204, Value::Null)).await;
    let c = h.client(false);
    assert!(
        c.list_orders(&OrderQuery::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(c.order_shipments(9).await.unwrap().is_empty());
    assert!(c.order_products(9).await.unwrap().is_empty());
    let seen = h.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[1].uri, "/v2/orders/9/shipments?page=1&limit=250");
}

#[tokio::test]
async fn v3_walk_stops_on_a_short_page_despite_total_pages() {
    let h = Harness::start(|s, _| {
        let item = |id: u64| json!({"id": id, "name": format!("P{id}")});
        if s.uri.contains("page=1&") {
            reply(200, v3_page(vec![item(1), item(2), item(3)], 1, 10, 3))
        } else {
            reply(200, v3_page(vec![item(4)], 2, 10, 3))
        }
    })
    .await;
    let c = h.client(false);
    let mut progress = Vec::new();
    let mut q = bctui::api::query::QueryPairs::new();
    q.push("limit", 3).push("is_visible", true);
    let all: Vec<Product> = c
        .fetch_all_v3("/v3/catalog/products", &q, |p| progress.push(p))
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
    assert_eq!(h.seen().len(), 2);
    assert_eq!(
        h.seen()[1].uri,
        "/v3/catalog/products?is_visible=true&page=2&limit=3"
    );
    assert_eq!(progress.last().unwrap().items, 4);
    assert_eq!(progress.last().unwrap().total, Some(30));
}

#[tokio::test]
async fn v3_walk_stops_on_an_empty_page() {
    let h = Harness::start(|s, _| {
        if s.uri.contains("page=1&") {
            let items = (1..=250).map(|id| json!({"id": id})).collect();
            reply(200, v3_page(items, 1, 9, 250))
        } else {
            reply(200, json!({"data": [], "meta": {}}))
        }
    })
    .await;
    let c = h.client(false);
    let all = c
        .all_products(&ProductQuery::default(), |_| {})
        .await
        .unwrap();
    assert_eq!(all.len(), 250);
    assert_eq!(h.seen().len(), 2);
}

#[tokio::test]
async fn order_products_walks_past_the_default_50() {
    let h = Harness::start(|s, _| {
        let n = if s.uri.contains("page=1&") { 250 } else { 3 };
        reply(
            200,
            Value::Array(
                (0..n)
                    .map(|i| json!({"id": i, "price_inc_tax": "1.5000"}))
                    .collect(),
            ),
        )
    })
    .await;
    let c = h.client(false);
    let items = c.order_products(77).await.unwrap();
    assert_eq!(items.len(), 253);
    assert_eq!(items[0].price_inc_tax.to_string(), "1.5000");
    assert_eq!(h.seen()[0].uri, "/v2/orders/77/products?page=1&limit=250");
}

#[tokio::test]
async fn batches_are_chunked_to_the_api_limits() {
    let h = Harness::start(|s, _| {
        let items: Vec<Value> = serde_json::from_slice(&s.body).unwrap_or_default();
        reply(200, json!({"data": items, "meta": {}}))
    })
    .await;
    let c = h.client(false);
    let writes: Vec<ProductWrite> = (1..=25)
        .map(|id| ProductWrite {
            id: Some(id),
            ..Default::default()
        })
        .collect();
    let saved = c.update_products(&writes).await.unwrap();
    assert_eq!(saved.len(), 25);
    let sizes: Vec<usize> = h
        .seen()
        .iter()
        .map(|s| serde_json::from_slice::<Vec<Value>>(&s.body).unwrap().len())
        .collect();
    assert_eq!(sizes, vec![10, 10, 5]);
    let err = c
        .update_products(&[ProductWrite::default()])
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::InvalidInput(_)));
}
