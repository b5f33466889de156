//! The Orders triage workflow end to end: the real app loop (`Runner` on a
//! `TestBackend`) driven by key events against the store simulator, every
//! result checked through the API. Waits on conditions, never sleeps.

#[path = "common/mod.rs"]
mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use crossterm::event::KeyCode;

use bctui::api::query::OrderQuery;
use bctui::app::edit::Overlay;
use bctui::app::list::LoadState;
use bctui::app::orders::{Highlight, NEEDS_ACTION, OrderDialog};
use bctui::app::{Mode, Tab};

use common::Harness;

impl Harness {
    /// Waits until the detail of order `id` is loaded.
    async fn wait_order_detail(&mut self, what: &str, id: u64) {
        self.wait_for(what, move |s| {
            s.orders
                .detail
                .as_ref()
                .is_some_and(|d| d.id == id && d.data.is_some())
        })
        .await;
    }

    /// Waits until no write is in flight and the counts are back.
    async fn wait_written(&mut self, what: &str) {
        self.wait_for(what, |s| {
            s.orders.writing.is_none()
                && s.mode == Mode::Normal
                && s.orders.counts_load == LoadState::Loaded
        })
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn needs_action_is_the_default_view_oldest_first() {
    let mut h = Harness::on_orders(false).await;
    // The API's truth: every order of the six statuses.
    let mut expected = BTreeSet::new();
    for status in NEEDS_ACTION {
        let query = OrderQuery {
            status_id: Some(status),
            ..OrderQuery::default()
        };
        for order in h.api.all_orders(&query, |_| {}).await.expect("orders") {
            expected.insert(order.id);
        }
    }
    let rows = &h.state().orders.list.rows;
    assert!(!rows.is_empty(), "the seed has orders that need action");
    let shown: BTreeSet<u64> = rows.iter().map(|o| o.id).collect();
    assert_eq!(shown, expected, "exactly the needs-action orders");
    assert_eq!(shown.len(), rows.len(), "no order twice");
    assert!(
        rows.windows(2)
            .all(|w| w[0].date_created <= w[1].date_created),
        "oldest first"
    );
    let screen = h.screen();
    assert!(screen.contains("Needs action"), "{screen}");
    assert!(screen.contains("oldest first"), "{screen}");
    assert_eq!(
        h.state().orders.list.total,
        Some(expected.len() as u64),
        "the total from /v2/orders/count"
    );

    // `:orders all`: everything, newest first; `f` back to needs action.
    h.command("orders all");
    h.wait_for("all orders", |s| {
        !s.orders.needs_action && s.orders.list.load == LoadState::Loaded
    })
    .await;
    let rows = &h.state().orders.list.rows;
    assert!(
        rows.windows(2)
            .all(|w| w[0].date_created >= w[1].date_created)
    );
    assert!(h.screen().contains("All 300"), "{}", h.screen());
    // The picker opens on "All"; "Needs action" is the entry above.
    h.press(KeyCode::Char('f'));
    for _ in 0..3 {
        h.press(KeyCode::Char('k'));
    }
    h.press(KeyCode::Enter);
    h.wait_for("needs action again", |s| {
        s.orders.needs_action && s.orders.list.load == LoadState::Loaded
    })
    .await;
    assert_eq!(h.state().orders.list.rows.len(), expected.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_change_with_and_without_confirmation_moves_to_the_next_order() {
    let mut h = Harness::on_orders(false).await;
    let first = h.selected_id();
    let second = h.state().orders.list.rows[1].id;

    // Snapshot of the picker over the list.
    h.press(KeyCode::Char('s'));
    h.wait_for("the picker", |s| s.mode == Mode::OrderDialog)
        .await;
    insta::assert_snapshot!("status_picker", h.body());
    h.press(KeyCode::Esc);

    // Completed (10) needs no confirmation; the order leaves the view and
    // the cursor is on the next one.
    h.pick_status(10).await;
    h.wait_written("the status change").await;
    assert_eq!(h.api_order(first).await.status_id, 10, "{}", h.toasts());
    assert_eq!(
        h.selected_id(),
        second,
        "the cursor moved to the next order"
    );
    assert!(h.state().orders.list.rows.iter().all(|o| o.id != first));
    assert!(
        h.toasts()
            .contains(&format!("Order #{first} is now Completed"))
    );
    let completed = h
        .state()
        .orders
        .counts
        .as_ref()
        .and_then(|c| c.statuses.iter().find(|s| s.id == 10))
        .map(|s| s.count);
    let api_counts = h
        .api
        .order_count(&OrderQuery::default())
        .await
        .expect("counts");
    let api_completed = api_counts
        .statuses
        .iter()
        .find(|s| s.id == 10)
        .map(|s| s.count);
    assert_eq!(completed, api_completed, "the counts were refreshed");

    // Cancelled (5) asks first and says no money moves; `n` says no.
    let before = h.api_order(second).await.status_id;
    h.pick_status(5).await;
    h.wait_for("the confirmation", |s| {
        matches!(s.edit.overlay, Some(Overlay::Confirm(_)))
    })
    .await;
    assert!(h.screen().contains("moves no money"), "{}", h.screen());
    h.press(KeyCode::Char('n'));
    h.wait_for("the dialog closed", |s| s.mode == Mode::Normal)
        .await;
    assert_eq!(
        h.api_order(second).await.status_id,
        before,
        "nothing was sent"
    );

    // Again, with `y`.
    h.pick_status(5).await;
    h.wait_for("the confirmation", |s| {
        matches!(s.edit.overlay, Some(Overlay::Confirm(_)))
    })
    .await;
    h.press(KeyCode::Char('y'));
    h.wait_written("the cancellation").await;
    assert_eq!(h.api_order(second).await.status_id, 5);
    assert!(h.toasts().contains("No money moved"), "{}", h.toasts());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shipping_part_of_the_items_then_the_rest() {
    let mut h = Harness::on_orders(false).await;
    let index = h
        .order_index(|o| {
            matches!(o.status_id, 9 | 11) && o.items_total >= 2 && o.items_shipped == 0
        })
        .expect("an unshipped order with two items or more");
    h.select_row(index).await;
    let id = h.selected_id();
    let total = h.state().orders.list.rows[index].items_total;

    h.open_order_dialog('t', |d| matches!(d, OrderDialog::Ship(_)))
        .await;
    insta::assert_snapshot!("ship_dialog", h.body());
    let Some(OrderDialog::Ship(dialog)) = &h.state().orders.dialog else {
        unreachable!("waited for it");
    };
    let first_line = dialog.lines[dialog.visible_lines()[0]].clone();
    // One fewer of the first item: `-` when it has several, else Space (none).
    let held_back = if first_line.remaining > 1 {
        h.press(KeyCode::Char('-'));
        1
    } else {
        h.press(KeyCode::Char(' '));
        first_line.remaining
    };
    h.press(KeyCode::Tab);
    h.press(KeyCode::Down);
    h.press(KeyCode::Tab);
    h.type_text("1Z999AA1");
    h.press(KeyCode::Enter);
    h.wait_written("the first shipment").await;

    let shipments = h.api.order_shipments(id).await.expect("shipments");
    assert_eq!(shipments.len(), 1, "{}", h.toasts());
    assert_eq!(shipments[0].tracking_number, "1Z999AA1");
    assert_eq!(shipments[0].shipping_provider, "ups");
    let shipped: u64 = shipments[0].items.iter().map(|i| i.quantity).sum();
    assert_eq!(shipped, total - held_back);
    let order = h.api_order(id).await;
    assert_eq!(order.items_shipped, total - held_back);
    assert_eq!(order.status_id, 3, "partially shipped");
    // Back on the list (it was started there), on the next order; the row
    // shows the API's status.
    assert!(h.state().orders.detail.is_none());
    let row = h.state().orders.list.rows.iter().find(|o| o.id == id);
    assert!(
        row.is_none_or(|r| r.status_id == 3),
        "the row was refreshed or left the view"
    );

    // The rest, from the detail view: the default is everything not yet shipped.
    h.command(&format!("order {id}"));
    h.wait_for("the detail", |s| {
        s.orders.detail.as_ref().is_some_and(|d| d.data.is_some())
    })
    .await;
    h.press(KeyCode::Char('t'));
    h.wait_for("the ship dialog", |s| s.mode == Mode::OrderDialog)
        .await;
    h.press(KeyCode::Enter);
    h.wait_written("the second shipment").await;
    h.wait_for("the detail refreshed from the API", |s| {
        s.orders
            .detail
            .as_ref()
            .and_then(|d| d.data.as_ref())
            .is_some_and(|d| d.shipments.len() == 2)
    })
    .await;
    let order = h.api_order(id).await;
    assert_eq!(order.items_shipped, total);
    assert_eq!(order.status_id, 2, "shipped");
    let detail = h
        .state()
        .orders
        .detail
        .as_ref()
        .and_then(|d| d.data.as_ref());
    let detail = detail.expect("loaded");
    assert_eq!(detail.order.items_shipped, total);
    assert!(
        detail
            .products
            .iter()
            .all(|p| p.quantity_shipped == p.quantity)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_notes_detail_navigation_copy_and_customer() {
    let mut h = Harness::on_orders(false).await;
    let rows: Vec<u64> = h.order_column(|o| o.id);
    let first = rows[0];
    let original = h.api_order(first).await.staff_notes;

    // A snapshot of an untouched order's detail (before any toast).
    h.press(KeyCode::Enter);
    h.wait_for("the detail", |s| {
        s.orders.detail.as_ref().is_some_and(|d| d.data.is_some())
    })
    .await;
    insta::assert_snapshot!("order_detail", h.body());
    h.press(KeyCode::Esc);
    h.wait_for("the list", |s| s.orders.detail.is_none()).await;

    // `n` on the list: one line, saved, then the cursor is on the next order.
    h.press(KeyCode::Char('n'));
    h.wait_for("the notes dialog", |s| s.mode == Mode::OrderDialog)
        .await;
    h.type_text(" (checked, call back)");
    h.press(KeyCode::Enter);
    h.wait_written("the notes").await;
    assert_eq!(
        h.api_order(first).await.staff_notes,
        format!("{original} (checked, call back)")
    );
    assert_eq!(h.selected_id(), rows[1], "on to the next order");

    // Detail view: `]` and `[`.
    h.select_row(2).await;
    h.press(KeyCode::Enter);
    h.wait_for("the detail", |s| {
        s.orders.detail.as_ref().is_some_and(|d| d.data.is_some())
    })
    .await;
    h.press(KeyCode::Char(']'));
    h.wait_order_detail("the next order", rows[3]).await;
    h.press(KeyCode::Char('['));
    h.press(KeyCode::Char('['));
    h.wait_order_detail("two back", rows[1]).await;
    assert_eq!(h.state().orders.list.cursor, 1, "the list follows");

    // `y` and `Y` copy with OSC 52.
    h.press(KeyCode::Char('y'));
    h.press(KeyCode::Char('Y'));
    h.wait_toast("Copied the shipping address").await;
    let copied = h.runner.backend().copied().to_vec();
    assert_eq!(copied.first(), Some(&rows[1].to_string()));
    let address = h
        .api
        .order_shipping_addresses(rows[1])
        .await
        .expect("addresses");
    let street = &address[0].street_1;
    assert!(
        copied.get(1).is_some_and(|c| c.contains(street.as_str())),
        "{copied:?}"
    );

    // `C`: the customer of an order with an account.
    let with_customer = h
        .state()
        .orders
        .list
        .rows
        .iter()
        .position(|o| o.customer_id != 0)
        .expect("an order with a customer");
    let customer_id = h.state().orders.list.rows[with_customer].customer_id;
    h.press(KeyCode::Esc);
    h.select_row(with_customer).await;
    h.press(KeyCode::Char('C'));
    h.wait_for("the customer", |s| {
        s.tab == Tab::Customers
            && s.customers
                .detail
                .as_ref()
                .is_some_and(|d| d.id == customer_id && d.data.is_some())
    })
    .await;
    // Esc goes back to the order it came from.
    let order_id = h.state().orders.list.rows[with_customer].id;
    h.press(KeyCode::Esc);
    h.wait_for("the order again", |s| s.tab == Tab::Orders)
        .await;
    assert_eq!(h.selected_id(), order_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_picks_up_an_order_placed_after_start() {
    let mut h = Harness::on_orders(false).await;
    h.wait_for("the watermark", |s| s.orders.poll.watermark.is_some())
        .await;
    h.command("poll 30");
    h.wait_for("the interval", |s| {
        s.orders.poll.interval == Duration::from_secs(30)
    })
    .await;
    let before = h.state().orders.list.rows.len();
    let created = h.place_order("Poll", "poll@example.com").await;
    let id = created["id"].as_u64().expect("an id");
    let polled = |h: &Harness| {
        h.store
            .requests()
            .into_iter()
            .filter(|r| r.path.contains("min_date_modified"))
            .count()
    };
    assert_eq!(polled(&h), 0, "no poll before the interval has passed");
    h.advance(Duration::from_secs(30));
    h.wait_for("the new order in the view", |s| {
        s.orders.list.rows.iter().any(|o| o.id == id)
    })
    .await;
    assert_eq!(h.state().orders.highlight.get(&id), Some(&Highlight::New));
    assert_eq!(h.state().orders.list.rows.len(), before + 1);
    assert_eq!(
        h.state().orders.list.rows.last().map(|o| o.id),
        Some(id),
        "newest last"
    );
    assert!(h.toasts().contains("1 new order"), "{}", h.toasts());
    assert_eq!(polled(&h), 1, "one poll per interval");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_refuses_writes_with_a_reason() {
    let mut h = Harness::on_orders(true).await;
    let id = h.selected_id();
    let before = h.api_order(id).await;
    for key in ['s', 't', 'n'] {
        h.press(KeyCode::Char(key));
    }
    h.wait_for("the refusals", |s| s.toasts.len() >= 3).await;
    assert!(h.toasts().contains("Read-only"), "{}", h.toasts());
    assert_eq!(h.state().mode, Mode::Normal);
    assert_eq!(h.api_order(id).await, before, "nothing changed");
}
