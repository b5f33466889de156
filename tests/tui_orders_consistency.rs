//! What the Orders list says stays true while colleagues change the store: the rows and the
//! "N of M" count agree after every action and poll, the status strip and columns keep
//! whole names at 100x30, and a status, notes or shipment over a colleague's change is not
//! sent. Checked against the store simulator through the API.

#[path = "common/mod.rs"]
mod common;

use crossterm::event::KeyCode;

use bctui::api::models::{OrderUpdate, ShipmentCreate, ShipmentItem};
use bctui::app::Mode;
use bctui::app::list::LoadState;
use bctui::app::orders::OrderDialog;

use common::Harness;

/// The rows shown and the total said agree, and nothing is loading.
fn settled(s: &bctui::app::AppState) -> bool {
    s.orders.writing.is_none()
        && s.mode == Mode::Normal
        && s.orders.counts_load == LoadState::Loaded
        && s.orders.list.load == LoadState::Loaded
        && s.orders.list.total == Some(s.orders.list.rows.len() as u64)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_and_counts_agree_after_a_colleague_ships_one_and_s_sets_another() {
    let mut h = Harness::on_orders(false).await;
    let rows: Vec<u64> = h.order_column(|o| o.id);
    assert!(rows.len() > 10);
    let before = rows.len() as u64;
    assert_eq!(h.state().orders.list.total, Some(before));
    // A colleague completes the fifth order through the API; nobody has polled yet.
    let theirs = rows[4];
    h.colleague_sets_status(theirs, 10).await;
    // We complete the first one with `s`.
    let ours = rows[0];
    h.pick_status(10).await;
    h.wait_for("rows and counts to agree without either order", move |s| {
        settled(s)
            && !s
                .orders
                .list
                .rows
                .iter()
                .any(|o| o.id == ours || o.id == theirs)
    })
    .await;
    assert_eq!(h.state().orders.list.total, Some(before - 2));
    assert_eq!(h.api.get_order(ours).await.expect("ours").status_id, 10);
    let screen = h.screen();
    let line = format!("Orders  {} of {}", before - 2, before - 2);
    assert!(screen.contains(&line), "{screen}");
    // The cursor stayed on an order of the view.
    assert!(h.state().orders.list.selected().is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_names_and_the_strip_are_whole_at_100x30() {
    let mut h = Harness::on_orders(false).await;
    // A Manual Verification Required order at the top of the view.
    let id = h.state().orders.list.rows[0].id;
    h.colleague_sets_status(id, 12).await;
    h.press(KeyCode::Char('r'));
    h.wait_for("the reload", move |s| {
        settled(s)
            && s.orders
                .list
                .rows
                .iter()
                .any(|o| o.id == id && o.status_id == 12)
    })
    .await;
    let screen = h.screen();
    assert!(screen.contains("Manual Verification Required"), "{screen}");
    // Choosing a view at the far end of the strip scrolls the strip to it.
    h.command("orders disputed");
    h.wait_for("the Disputed view", |s| {
        settled(s) && s.orders.status.as_ref().is_some_and(|(id, _)| *id == 13)
    })
    .await;
    let strip = h.screen().lines().nth(3).unwrap_or_default().to_string();
    assert!(strip.contains("Disputed"), "{strip}");
    assert!(strip.contains("f views"), "{strip}");
    insta::assert_snapshot!("orders_disputed_100x30", h.body());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s_on_marked_orders_sets_each_unless_a_colleague_changed_it_and_export_takes_the_marked() {
    let mut h = Harness::on_orders(false).await;
    let rows: Vec<u64> = h.order_column(|o| o.id);
    // Space marks and moves down: the first three orders.
    for _ in 0..3 {
        h.press(KeyCode::Char(' '));
    }
    h.wait_for("three marks", |s| s.orders.marked.len() == 3)
        .await;
    // A colleague moves the second one on meanwhile.
    let before = h.api.get_order(rows[1]).await.expect("order").status_id;
    let colleague = if before == 9 { 8 } else { 9 };
    h.colleague_sets_status(rows[1], colleague).await;
    h.pick_status(10).await;
    h.wait_for("the bulk change", |s| {
        s.orders.bulk.is_none()
            && s.orders.writing.is_none()
            && s.toasts.iter().any(|t| t.text.contains("marked orders to"))
    })
    .await;
    for (id, wanted) in [(rows[0], 10), (rows[1], colleague), (rows[2], 10)] {
        let status = h.api.get_order(id).await.expect("order").status_id;
        assert_eq!(status, wanted, "order #{id}");
    }
    let toast = h.toasts();
    assert!(toast.contains("Set 2 of 3 marked orders to"), "{toast}");
    assert!(toast.contains(&format!("#{}", rows[1])), "{toast}");
    // Only the one not sent stays marked.
    assert_eq!(
        h.state().orders.marked.iter().copied().collect::<Vec<_>>(),
        vec![rows[1]]
    );
    h.wait_for("rows and counts", settled).await;

    // `:export` writes the marked orders only, and says where in full.
    let path = h.data_dir.path().join("marked.csv");
    h.command(&format!("export {}", path.display()));
    h.wait_toast(&format!("to {}", path.display())).await;
    let csv = std::fs::read_to_string(&path).expect("the export");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].starts_with(&rows[1].to_string()), "{csv}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_status_change_over_a_colleagues_cancellation_is_not_sent() {
    let mut h = Harness::on_orders(false).await;
    let id = h.selected_id();
    // A colleague cancels the order after the list loaded.
    h.colleague_sets_status(id, 5).await;
    h.pick_status(10).await;
    h.wait_not_sent().await;
    assert!(
        h.toasts().contains("it is Cancelled (you saw"),
        "both statuses are named: {}",
        h.toasts()
    );
    assert_eq!(h.api_order(id).await.status_id, 5, "still cancelled");
    assert_eq!(
        h.writes(),
        [format!("PUT /stores/fakestore/v2/orders/{id} 200")],
        "only the colleague's write reached the store"
    );
    let row = h.state().orders.list.rows.iter().find(|o| o.id == id);
    assert!(
        row.is_none_or(|r| r.status_id == 5),
        "the row shows their status or left the view"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_notes_never_replace_a_colleagues_notes() {
    let mut h = Harness::on_orders(false).await;
    let id = h.selected_id();
    let theirs = OrderUpdate {
        staff_notes: Some("Customer called: hold".into()),
        ..OrderUpdate::default()
    };
    h.api.update_order(id, &theirs).await.expect("their notes");
    h.open_order_dialog('n', |d| matches!(d, OrderDialog::Notes(_)))
        .await;
    h.type_text("ship today");
    h.press(KeyCode::Enter);
    h.wait_not_sent().await;
    assert!(
        h.toasts().contains("staff notes were changed"),
        "{}",
        h.toasts()
    );
    assert_eq!(h.api_order(id).await.staff_notes, "Customer called: hold");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shipping_what_a_colleague_just_shipped_is_not_sent() {
    let mut h = Harness::on_orders(false).await;
    let index = h
        .order_index(|o| matches!(o.status_id, 9 | 11) && o.items_shipped == 0)
        .expect("an unshipped order");
    h.select_row(index).await;
    let id = h.selected_id();
    h.open_order_dialog('t', |d| matches!(d, OrderDialog::Ship(_)))
        .await;
    // Meanwhile a colleague ships everything.
    let lines = h.api.order_products(id).await.expect("items");
    let address = h.api.order_shipping_addresses(id).await.expect("address")[0].id;
    let everything = ShipmentCreate {
        order_address_id: address,
        items: lines
            .iter()
            .map(|l| ShipmentItem {
                order_product_id: l.id,
                product_id: None,
                quantity: l.quantity,
            })
            .collect(),
        ..ShipmentCreate::default()
    };
    h.api
        .create_shipment(id, &everything)
        .await
        .expect("shipped");
    h.press(KeyCode::Enter);
    h.wait_not_sent().await;
    assert!(
        h.toasts().contains("items are shipped (you saw 0)"),
        "{}",
        h.toasts()
    );
    let shipments = h.api.order_shipments(id).await.expect("shipments");
    assert_eq!(shipments.len(), 1, "only the colleague's shipment");
}
