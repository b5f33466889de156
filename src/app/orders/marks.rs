//! Acting on many orders: Space marks the order under the cursor, `V` marks a range, `*`
//! every loaded order; `s` then sets the status of all the marked orders. Each one is
//! sent as a single status change is (checked first against what the row showed, so a
//! colleague's change in between is not overwritten), one after another, and the toast
//! at the end says what happened to each.

use std::collections::VecDeque;

use super::OrderWritten;
use super::actions::{PendingWrite, WriteKind, begin_update};
use super::dialog::StatusDialog;
use super::views::needs_confirmation;
use crate::api::models::OrderUpdate;
use crate::app::update::toast;
use crate::app::{AppState, Effect, ToastKind};

/// A status change of several orders, sent one by one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkStatus {
    pub status_id: u32,
    pub label: String,
    /// Orders still to send.
    pub queue: VecDeque<u64>,
    pub done: Vec<u64>,
    /// Not sent: someone changed the order since it was shown.
    pub changed: Vec<u64>,
    pub failed: Vec<(u64, String)>,
    pub total: usize,
}

/// Space on the order list.
pub(super) fn toggle(state: &mut AppState) -> Vec<Effect> {
    let viewport = state.list_rows();
    let orders = &mut state.orders;
    orders
        .list
        .toggle_mark(&mut orders.marked, |o| o.id, viewport);
    Vec::new()
}

/// `V`: the first press sets where the range starts, the second marks up to the cursor.
pub(super) fn range(state: &mut AppState) -> Vec<Effect> {
    let orders = &mut state.orders;
    let text = match orders
        .list
        .mark_range(&mut orders.marked, &mut orders.range_start, |o| o.id)
    {
        None => "Range start set: move, then V again".to_string(),
        Some(n) => format!(
            "Marked {}",
            crate::app::words::counted(n, "order", "orders")
        ),
    };
    toast(state, ToastKind::Info, text)
}

/// `*`: every loaded order, or none when all are marked already.
pub(super) fn all(state: &mut AppState) -> Vec<Effect> {
    let orders = &mut state.orders;
    let text = if orders.list.mark_all(&mut orders.marked, |o| o.id) {
        "Marks cleared".to_string()
    } else {
        let n = orders.list.rows.len();
        format!(
            "Marked {}",
            crate::app::words::counted(n, "order", "orders")
        )
    };
    toast(state, ToastKind::Info, text)
}

/// The marked orders still on screen, in the list's order.
pub(super) fn marked_rows(state: &AppState) -> Vec<u64> {
    let pane = &state.orders;
    pane.list
        .marked_rows(&pane.marked, |o| o.id)
        .map(|o| o.id)
        .collect()
}

/// Sets every marked order to `status_id`, one write after another.
pub(crate) fn start_bulk(state: &mut AppState, status_id: u32) -> Vec<Effect> {
    let queue: VecDeque<u64> = marked_rows(state).into();
    if queue.is_empty() {
        return toast(
            state,
            ToastKind::Error,
            "No marked order is shown".to_string(),
        );
    }
    let label = state.orders.status_label(status_id);
    state.orders.bulk = Some(BulkStatus {
        status_id,
        label,
        total: queue.len(),
        queue,
        ..BulkStatus::default()
    });
    next(state)
}

/// Enter in the status picker with orders marked: all of them, each checked as a single
/// change is. A money or shipping status asks for a second Enter, naming the count.
pub(super) fn submit_bulk(
    state: &mut AppState,
    d: StatusDialog,
    target: u32,
    label: String,
) -> Vec<Effect> {
    let warning = if needs_confirmation(target) {
        Some(format!(
            "Set {} orders to {label}? A status change moves no money. Enter again sets them.",
            d.marked
        ))
    } else if matches!(target, 2 | 3) {
        Some(format!(
            "Set {} orders to {label}? No shipment or tracking is recorded. Enter again sets them.",
            d.marked
        ))
    } else {
        None
    };
    if let Some(warning) = warning
        && d.warning.as_deref() != Some(warning.as_str())
    {
        if let Some(super::dialog::OrderDialog::Status(open)) = state.orders.dialog.as_mut() {
            open.warning = Some(warning);
        }
        return Vec::new();
    }
    state.orders.dialog = None;
    state.mode = crate::app::Mode::Normal;
    start_bulk(state, target)
}

/// Sends the next order of the bulk change, or ends it with one toast.
fn next(state: &mut AppState) -> Vec<Effect> {
    let Some(bulk) = state.orders.bulk.as_mut() else {
        return Vec::new();
    };
    let status_id = bulk.status_id;
    let label = bulk.label.clone();
    if let Some(id) = bulk.queue.pop_front() {
        let update = OrderUpdate {
            status_id: Some(status_id),
            ..OrderUpdate::default()
        };
        let effects = begin_update(state, id, update, WriteKind::BulkStatus(label), false);
        if state.orders.writing.is_none() {
            // Not shown any more: counted as not sent, and on to the next.
            if let Some(bulk) = state.orders.bulk.as_mut() {
                bulk.failed.push((id, "no longer shown".to_string()));
            }
            let mut effects = effects;
            effects.extend(next(state));
            return effects;
        }
        return effects;
    }
    let Some(bulk) = state.orders.bulk.take() else {
        return Vec::new();
    };
    for id in &bulk.done {
        state.orders.marked.remove(id);
    }
    let mut text = format!(
        "Set {} of {} to {}",
        bulk.done.len(),
        crate::app::words::counted(bulk.total, "marked order", "marked orders"),
        bulk.label
    );
    if !bulk.changed.is_empty() {
        let ids: Vec<String> = bulk.changed.iter().map(|id| format!("#{id}")).collect();
        text.push_str(&format!(
            " · not sent, changed by someone else: {} (they show their version now)",
            ids.join(", ")
        ));
    }
    for (id, why) in &bulk.failed {
        text.push_str(&format!(" · #{id} failed: {why}"));
    }
    let kind = if bulk.done.len() == bulk.total {
        ToastKind::Info
    } else {
        ToastKind::Error
    };
    let mut effects = toast(state, kind, text);
    effects.extend(state.reload_order_counts());
    effects
}

/// One order of a bulk change came back: its row shows the store's version.
pub(super) fn one_written(
    state: &mut AppState,
    write: PendingWrite,
    result: Result<OrderWritten, String>,
) -> Vec<Effect> {
    let id = write.order_id;
    let order = match result {
        Ok(OrderWritten::Saved { order, .. }) => {
            if let Some(bulk) = state.orders.bulk.as_mut() {
                bulk.done.push(id);
            }
            *order
        }
        Ok(OrderWritten::Changed { current, .. }) => {
            if let Some(bulk) = state.orders.bulk.as_mut() {
                bulk.changed.push(id);
            }
            *current
        }
        Err(message) => {
            if let Some(bulk) = state.orders.bulk.as_mut() {
                bulk.failed.push((id, message));
            }
            return next(state);
        }
    };
    state
        .orders
        .poll
        .known
        .insert(order.id, order.date_modified);
    super::written::replace_row(state, order, false);
    next(state)
}
