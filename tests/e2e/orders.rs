//! Orders (V2) end to end: lists, counts, details, updates, shipments.

use std::str::FromStr;

use bctui::api::{OrderQuery, OrderUpdate, ShipmentCreate, ShipmentItem};
use reqwest::Method;
use rust_decimal::Decimal;

use crate::spec::assert_all_requests_in_spec;
use crate::support;

const AWAITING_FULFILLMENT: u32 = 11;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_count_and_empty_pages() {
    let (store, client) = support::small_store().await;
    let newest = client
        .list_orders(&OrderQuery {
            sort: Some("date_created:desc".into()),
            limit: Some(50),
            ..OrderQuery::default()
        })
        .await
        .expect("orders");
    assert_eq!(newest.len(), 50);
    assert!(
        newest
            .windows(2)
            .all(|w| w[0].date_created >= w[1].date_created)
    );
    // V2 money is a 4-decimal string on the wire; it parses exactly.
    let order = &newest[0];
    assert!(order.total_inc_tax > Decimal::ZERO);
    assert_eq!(
        order.total_inc_tax.scale(),
        4,
        "kept as sent: {}",
        order.total_inc_tax
    );

    let count = client
        .order_count(&OrderQuery::default())
        .await
        .expect("count");
    assert_eq!(count.count, 400);
    let by_status: u64 = count.statuses.iter().map(|s| s.count).sum();
    assert_eq!(by_status, 400);

    // A page past the end is 204 with an empty body: an empty list, not an error.
    let past_end = client
        .list_orders(&OrderQuery {
            page: Some(99),
            limit: Some(50),
            ..OrderQuery::default()
        })
        .await
        .expect("empty page");
    assert!(past_end.is_empty());

    let statuses = client.order_statuses().await.expect("statuses");
    assert_eq!(statuses.len(), 15);
    assert_all_requests_in_spec(&store);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v2_limit_over_250_is_413_with_the_v2_body() {
    let (_store, client) = support::small_store().await;
    let response = client
        .raw(Method::GET, "/v2/orders?limit=251", None)
        .await
        .expect("raw");
    assert_eq!(response.status, 413);
    let err = bctui::api::ApiError::from_response("GET", "/v2/orders", 413, &response.body);
    assert!(
        err.to_string()
            .contains("The specified limit exceeds the maximum allowed"),
        "{err}"
    );
}

/// Order `id`'s items and shipping addresses.
async fn items_and_addresses(
    client: &bctui::api::Client,
    id: u64,
) -> (
    Vec<bctui::api::models::OrderProduct>,
    Vec<bctui::api::models::OrderShippingAddress>,
) {
    let products = client.order_products(id).await.expect("products");
    let addresses = client
        .order_shipping_addresses(id)
        .await
        .expect("addresses");
    (products, addresses)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn order_detail_update_and_shipments() {
    let (store, client) = support::small_store().await;
    let waiting = client
        .list_orders(&OrderQuery {
            status_id: Some(AWAITING_FULFILLMENT),
            ..OrderQuery::default()
        })
        .await
        .expect("awaiting fulfillment");
    let candidates: Vec<_> = waiting.iter().filter(|o| o.items_total >= 2).collect();
    assert!(candidates.len() >= 2, "the seed has orders to ship");

    // Ship everything of the first order: it moves to Shipped.
    let order = candidates[0];
    let (products, addresses) = items_and_addresses(&client, order.id).await;
    assert!(!products.is_empty() && !addresses.is_empty());
    assert!(
        client
            .order_shipments(order.id)
            .await
            .expect("none yet")
            .is_empty()
    );
    let shipment = client
        .create_shipment(
            order.id,
            &ShipmentCreate {
                order_address_id: addresses[0].id,
                items: products
                    .iter()
                    .map(|p| ShipmentItem {
                        order_product_id: p.id,
                        product_id: None,
                        quantity: p.quantity,
                    })
                    .collect(),
                tracking_number: Some("1Z999AA10123456784".into()),
                shipping_provider: Some("ups".into()),
                ..ShipmentCreate::default()
            },
        )
        .await
        .expect("shipped");
    assert_eq!(shipment.tracking_number, "1Z999AA10123456784");
    let after = client.get_order(order.id).await.expect("order");
    assert_eq!(after.status_id, 2, "Shipped");
    assert_eq!(after.items_shipped, after.items_total);
    assert_eq!(
        client.order_shipments(order.id).await.expect("one").len(),
        1
    );

    // Ship one unit of the second: Partially Shipped.
    let order = candidates[1];
    let (products, addresses) = items_and_addresses(&client, order.id).await;
    client
        .create_shipment(
            order.id,
            &ShipmentCreate {
                order_address_id: addresses[0].id,
                items: vec![ShipmentItem {
                    order_product_id: products[0].id,
                    product_id: None,
                    quantity: 1,
                }],
                ..ShipmentCreate::default()
            },
        )
        .await
        .expect("partial");
    let after = client.get_order(order.id).await.expect("order");
    assert_eq!(after.status_id, 3, "Partially Shipped");
    assert_eq!(after.items_shipped, 1);

    // Staff notes and status through PUT.
    let updated = client
        .update_order(
            order.id,
            &OrderUpdate {
                staff_notes: Some("Call before delivery".into()),
                status_id: Some(AWAITING_FULFILLMENT),
                ..OrderUpdate::default()
            },
        )
        .await
        .expect("updated");
    assert_eq!(updated.staff_notes, "Call before delivery");
    assert_eq!(updated.status_id, AWAITING_FULFILLMENT);
    assert!(updated.date_modified > order.date_modified);

    let err = client.get_order(9_999_999).await.expect_err("404");
    assert_eq!(err.status(), Some(404));
    assert!(err.to_string().contains("not found"), "{err}");
    assert_eq!(
        Decimal::from_str("225.0000").expect("decimal").to_string(),
        "225.0000"
    );
    assert_all_requests_in_spec(&store);
}
