//! What happens when an order write comes back: the row and detail show the store's
//! version, the counts refresh, and triage moves on to the next order; a write that
//! was not sent because someone changed the order says what changed.

use super::OrderWritten;
use super::actions::WriteKind;
use super::views::needs_confirmation;
use crate::api::models::{Order, OrderRow};
use crate::app::list::RequestId;
use crate::app::update::toast;
use crate::app::{AppState, Effect, ToastKind};

/// A write came back: toast, refresh the row, the detail and the counts, and
/// move on to the next order.
pub(super) fn written(
    state: &mut AppState,
    request: RequestId,
    result: Result<OrderWritten, String>,
) -> Vec<Effect> {
    let Some(write) = state.orders.writing.take_if(|w| w.request == request) else {
        state.changed = false;
        return Vec::new();
    };
    if matches!(write.kind, WriteKind::BulkStatus(_)) {
        return super::marks::one_written(state, write, result);
    }
    let (order, not_taken) = match result {
        Ok(OrderWritten::Saved { order, not_taken }) => (*order, not_taken),
        Ok(OrderWritten::Changed {
            current,
            differences,
        }) => return changed_meanwhile(state, *current, &differences),
        Err(message) => {
            let what = match write.kind {
                WriteKind::Status(_) => "change the status of",
                WriteKind::Notes => "save the staff notes of",
                WriteKind::Ship(_) => "ship",
                WriteKind::Refund { .. } => "refund",
                WriteKind::BulkStatus(_) => "change the status of",
                WriteKind::Shipment(_) => "change the shipment of",
            };
            return toast(
                state,
                ToastKind::Error,
                format!("Could not {what} order #{}: {message}", write.order_id),
            );
        }
    };
    // Our own change is not news for the poller.
    state
        .orders
        .poll
        .known
        .insert(order.id, order.date_modified);
    state.orders.highlight.remove(&order.id);
    let text = match &write.kind {
        WriteKind::Status(label) if needs_confirmation(order.status_id) => format!(
            "Order #{} is now {label}. No money moved: refund or void it with the payment provider.",
            order.id
        ),
        WriteKind::Status(label) | WriteKind::BulkStatus(label) => {
            format!("Order #{} is now {label}", order.id)
        }
        WriteKind::Notes => format!("Saved the staff notes of order #{}", order.id),
        WriteKind::Ship(items) => format!(
            "Shipped {items} item{} of order #{} · now {}",
            if *items == 1 { "" } else { "s" },
            order.id,
            order.status
        ),
        WriteKind::Shipment(done) => format!("{done} of order #{}", order.id),
        WriteKind::Refund { amount, method } => format!(
            "Refunded {amount} on order #{} through {method} · now {}",
            order.id, order.status
        ),
    };
    let mut effects = if not_taken.is_empty() {
        toast(state, ToastKind::Info, text)
    } else {
        let message = crate::api::compare::not_taken_message(&not_taken);
        toast(
            state,
            ToastKind::Error,
            format!("Order #{}: {message}", order.id),
        )
    };
    let id = order.id;
    // The order after this one in the view, as it was before the write.
    let rows = &state.orders.list.rows;
    let next = rows
        .iter()
        .position(|o| o.id == id)
        .and_then(|at| rows.get(at + 1))
        .map(|o| o.id);
    let refund = matches!(
        write.kind,
        WriteKind::Refund { .. } | WriteKind::Shipment(_)
    );
    replace_row(state, order, write.from_list);
    if state.orders.detail.as_ref().is_some_and(|d| d.id == id) {
        if refund {
            // A refund or a shipment change stays on its order, which shows it.
            effects.extend(state.open_order(id));
        } else if write.from_list {
            state.orders.detail = None;
        } else {
            // In the detail, as in the list, triage moves on to the next order.
            let open = next.unwrap_or(id);
            if let Some(at) = state.orders.list.rows.iter().position(|o| o.id == open) {
                let viewport = state.list_rows();
                let list = &mut state.orders.list;
                list.move_by(at as isize - list.cursor as isize, viewport);
            }
            effects.extend(state.open_order(open));
        }
    }
    effects.extend(state.reload_order_counts());
    effects
}

/// Puts the API's version of `order` into the list (or takes it out when it
/// left the view); from the list the cursor lands on the next order.
/// Nothing was sent: the order changed since it was shown. It shows the store's
/// version now, and the toast says what differs, in the screen's words.
fn changed_meanwhile(
    state: &mut AppState,
    current: Order,
    differences: &[crate::api::compare::FieldDiff],
) -> Vec<Effect> {
    let what: Vec<String> = differences
        .iter()
        .map(|d| match d.field.as_str() {
            "status_id" => {
                let label = |v: &serde_json::Value| {
                    let id = v.as_u64().and_then(|id| u32::try_from(id).ok());
                    id.map_or_else(|| "unknown".to_string(), |id| state.orders.status_label(id))
                };
                format!("it is {} (you saw {})", label(&d.found), label(&d.wanted))
            }
            "staff_notes" => "its staff notes were changed".to_string(),
            "items_shipped" => format!(
                "{} items are shipped (you saw {})",
                d.found_text(),
                d.wanted_text()
            ),
            field => format!(
                "{field} is {} (you saw {})",
                d.found_text(),
                d.wanted_text()
            ),
        })
        .collect();
    let id = current.id;
    let text = format!(
        "Not sent: order #{id} was changed by someone else: {}. It shows their version now.",
        what.join("; ")
    );
    let mut effects = toast(state, ToastKind::Error, text);
    replace_row(state, current, false);
    if state.orders.detail.as_ref().is_some_and(|d| d.id == id) {
        effects.extend(state.open_order(id));
    }
    effects.extend(state.reload_order_counts());
    effects
}

pub(super) fn replace_row(state: &mut AppState, order: Order, advance: bool) {
    let viewport = state.list_rows();
    let view = state.orders.view();
    let list = &mut state.orders.list;
    let Some(index) = list.rows.iter().position(|r| r.id == order.id) else {
        return;
    };
    if view.includes(order.status_id) {
        list.rows[index] = OrderRow::from(&order);
        if advance && index == list.cursor {
            list.move_by(1, viewport);
        }
    } else {
        list.remove_at(index, viewport);
    }
}
