//! Editing and deleting a shipment from the order detail (`T`): provider, a free-text
//! carrier when no provider fits, the tracking number; a colleague's correction in between
//! is not overwritten. Checked through the API.

#[path = "common/mod.rs"]
mod common;

use crossterm::event::KeyCode;
use reqwest::Method;
use serde_json::json;

use bctui::api::models::{ShipmentCreate, ShipmentItem};
use bctui::app::list::LoadState;
use bctui::app::orders::OrderDialog;

use common::Harness;

/// An order with one shipment (UPS, tracking 1ZOLD); returns (order id, shipment id).
async fn shipped_order(h: &Harness) -> (u64, u64) {
    let order = h.place_order("Sam", "sam@example.com").await;
    let id = order["id"].as_u64().expect("an id");
    let products = h.api.order_products(id).await.expect("items");
    let addresses = h.api.order_shipping_addresses(id).await.expect("addresses");
    let shipment = ShipmentCreate {
        order_address_id: addresses[0].id,
        items: vec![ShipmentItem {
            order_product_id: products[0].id,
            product_id: None,
            quantity: 1,
        }],
        tracking_number: Some("1ZOLD".to_string()),
        shipping_provider: Some("ups".to_string()),
        ..ShipmentCreate::default()
    };
    let shipment = h.api.create_shipment(id, &shipment).await.expect("shipped");
    (id, shipment.id)
}

async fn edit_dialog(h: &mut Harness) {
    h.open_order_dialog('T', |d| matches!(d, OrderDialog::Shipment(_)))
        .await;
}

#[tokio::test]
async fn a_shipment_gets_a_free_text_carrier_and_a_new_number_then_is_deleted() {
    let mut h = Harness::launch(common::store_config(20, 10, 20), false, 100, 30).await;
    let (id, shipment_id) = shipped_order(&h).await;
    h.open_order(id).await;
    edit_dialog(&mut h).await;
    // Focus starts on the tracking number.
    for _ in 0..10 {
        h.press(KeyCode::Backspace);
    }
    h.type_text("JD0123");
    // Tab wraps to the shipment, then the provider: UPS → None.
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.press(KeyCode::Char('k'));
    h.press(KeyCode::Tab);
    h.type_text("dhl");
    insta::assert_snapshot!("shipment_dialog", h.body());
    h.press(KeyCode::Enter);
    h.wait_toast(&format!("Saved shipment #{shipment_id} of order #{id}"))
        .await;
    let saved = h.api.get_shipment(id, shipment_id).await.expect("shipment");
    assert_eq!(saved.tracking_number, "JD0123");
    assert_eq!(saved.shipping_provider, "");
    assert_eq!(saved.tracking_carrier, "dhl");
    assert!(
        h.writes()
            .iter()
            .any(|w| w.starts_with("PUT") && w.contains("/shipments/"))
    );

    // A colleague corrects the number; ours is not sent over it.
    let response = h
        .api
        .raw(
            Method::PUT,
            &format!("/v2/orders/{id}/shipments/{shipment_id}"),
            Some(json!({ "tracking_number": "JD0999" })),
        )
        .await
        .expect("the colleague's write");
    assert_eq!(response.status, 200);
    h.wait_for("the detail again", move |s| {
        s.orders.writing.is_none()
            && s.orders
                .detail
                .as_ref()
                .is_some_and(|d| d.id == id && d.load == LoadState::Loaded)
    })
    .await;
    edit_dialog(&mut h).await;
    h.type_text("X");
    h.press(KeyCode::Enter);
    h.wait_refused_as_changed().await;
    let kept = h.api.get_shipment(id, shipment_id).await.expect("shipment");
    assert_eq!(kept.tracking_number, "JD0999");

    // Delete, confirmed with Enter.
    h.wait_for("the detail again", move |s| {
        s.orders.writing.is_none()
            && s.orders.detail.as_ref().is_some_and(|d| {
                d.load == LoadState::Loaded
                    && d.data
                        .as_ref()
                        .is_some_and(|d| d.shipments[0].tracking_number == "JD0999")
            })
    })
    .await;
    edit_dialog(&mut h).await;
    h.press(KeyCode::Delete);
    h.press(KeyCode::Enter);
    h.wait_toast(&format!("Deleted shipment #{shipment_id} of order #{id}"))
        .await;
    assert!(
        h.api
            .order_shipments(id)
            .await
            .expect("shipments")
            .is_empty()
    );
}

#[tokio::test]
async fn read_only_refuses_to_edit_a_shipment() {
    let mut h = Harness::launch(common::store_config(20, 10, 20), true, 100, 30).await;
    let (id, _) = shipped_order(&h).await;
    let before = h.writes().len();
    h.open_order(id).await;
    h.press(KeyCode::Char('T'));
    h.wait_toast("Read-only profile: editing a shipment is a write")
        .await;
    assert_eq!(h.writes().len(), before);
}
