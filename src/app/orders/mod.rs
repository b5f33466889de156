//! The Orders triage workflow: the "needs action" view, acting on
//! an order in a keystroke (status, ship, staff notes, copy, customer), moving
//! on to the next order, polling for new orders and CSV export.
//!
//! Work goes out as [`OrdersTask`]s (run by `crate::runtime::orders_tasks`) and
//! comes back as [`OrdersMsg`]s; every state change still happens in
//! `update`, through [`on_message`], [`on_intent`] and [`on_dialog_key`].

mod actions;
mod commands;
mod dialog;
pub mod export;
pub mod find;
pub mod keys;
mod marks;
mod poll;
pub mod refund;
pub mod scope;
pub mod shipment_edit;
mod views;
mod written;

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::list::RequestId;
use super::panes::OrderFilter;
use super::update::toast;
use super::{AppState, Effect, ToastKind};
use crate::api::models::{
    Order, OrderRow, OrderStatus, OrderUpdate, RefundCreate, RefundItemRequest, RefundQuote,
    ShipmentCreate, ShipmentUpdate,
};

pub use actions::{AfterDetail, PendingWrite, WriteKind};
pub use dialog::{
    NotesDialog, OrderDialog, PROVIDERS, ShipAddress, ShipDialog, ShipFocus, ShipLine, StatusDialog,
};
pub use export::{ExportKind, ExportState};
pub use marks::BulkStatus;
pub use poll::{Highlight, POLL_ENV, PollState};
pub use refund::{RefundDialog, RefundFocus, RefundLine, RefundStage};
pub use scope::{OrderScope, OrderSort, SortKey};
pub use shipment_edit::{ShipmentDialog, ShipmentField};
pub use views::{NEEDS_ACTION, OrderView, needs_confirmation};

pub use actions::address_text;
pub(crate) use actions::{after_detail, notes_edited, set_status};
pub(crate) use commands::{export_command, orders_command, poll_command};

/// What an Orders key asks for (the key table maps keys to these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderIntent {
    /// `s`: open the status picker.
    ChangeStatus,
    /// `t`: open the ship dialog.
    Ship,
    /// `n`: edit the staff notes.
    Notes,
    /// `y`: copy the order id.
    CopyId,
    /// `Y`: copy the shipping address.
    CopyAddress,
    /// `C`: go to the order's customer.
    Customer,
    /// `]`: the next order of the view (detail view).
    NextOrder,
    /// `[`: the previous order of the view (detail view).
    PrevOrder,
    /// Dialogs: save / confirm.
    Submit,
    /// Dialogs: cancel, or step back from a question.
    Cancel,
    /// Ship dialog: next field.
    NextField,
    /// Ship dialog: previous field.
    PrevField,
    /// Dialogs: previous entry or choice.
    Up,
    /// Dialogs: next entry or choice.
    Down,
    /// Ship dialog: one more of the item.
    More,
    /// Ship dialog: one less of the item.
    Less,
    /// Ship dialog: all or none of the item.
    Toggle,
    /// Notes dialog: continue in `$EDITOR`.
    Editor,
    /// `$`: refund (order detail).
    Refund,
    /// `T`: edit or delete a shipment (detail).
    EditShipment,
    /// Delete in the shipment dialog: delete the shipment (after Enter).
    DeleteShipment,
    /// Space: mark the order (list).
    Mark,
    /// `V`: mark a range.
    MarkRange,
    /// `*`: mark every loaded order.
    MarkAll,
    /// `o`: sort by the next key (server-side).
    SortNext,
    /// `O`: the other direction.
    SortFlip,
}

/// Which orders an export or a needs-action fetch covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewQuery {
    /// The view.
    pub view: OrderView,
    /// The id/email filter on top of it.
    pub filter: Option<OrderFilter>,
    /// Date and total ranges and the sort.
    pub scope: OrderScope,
    /// Only these orders (the marked ones), when set.
    pub only: Option<std::collections::BTreeSet<u64>>,
}

impl OrdersTask {
    /// The request a writing task makes, for the journal; `None` for reads.
    pub fn describe_write(&self) -> Option<(RequestId, String)> {
        fn json(body: &impl serde::Serialize) -> String {
            serde_json::to_string(body).unwrap_or_default()
        }
        match self {
            OrdersTask::Update {
                request,
                order_id,
                update,
                ..
            } => Some((
                *request,
                format!("PUT /v2/orders/{order_id} {}", json(update.as_ref())),
            )),
            OrdersTask::Ship {
                request,
                order_id,
                shipment,
                ..
            } => Some((
                *request,
                format!(
                    "POST /v2/orders/{order_id}/shipments {}",
                    json(shipment.as_ref())
                ),
            )),
            OrdersTask::Refund {
                request,
                order_id,
                refund,
                ..
            } => Some((
                *request,
                format!(
                    "POST /v3/orders/{order_id}/payment_actions/refunds {}",
                    json(refund.as_ref())
                ),
            )),
            OrdersTask::UpdateShipment {
                request,
                order_id,
                shipment_id,
                update,
                ..
            } => Some((
                *request,
                format!(
                    "PUT /v2/orders/{order_id}/shipments/{shipment_id} {}",
                    json(update.as_ref())
                ),
            )),
            OrdersTask::DeleteShipment {
                request,
                order_id,
                shipment_id,
                ..
            } => Some((
                *request,
                format!("DELETE /v2/orders/{order_id}/shipments/{shipment_id}"),
            )),
            _ => None,
        }
    }
}

/// What an order write came back with.
#[derive(Debug, Clone, PartialEq)]
pub enum OrderWritten {
    /// The order as saved, and the fields sent that it does not show.
    Saved {
        order: Box<Order>,
        not_taken: Vec<crate::api::compare::FieldDiff>,
    },
    /// Someone changed the order since it was shown: nothing was sent.
    Changed {
        current: Box<Order>,
        differences: Vec<crate::api::compare::FieldDiff>,
    },
}

/// Work for the runtime, answered with [`OrdersMsg`]s.
#[derive(Debug, Clone, PartialEq)]
pub enum OrdersTask {
    /// Every order of the needs-action statuses (all pages), merged oldest first.
    NeedsAction {
        request: RequestId,
        filter: Option<OrderFilter>,
        scope: OrderScope,
    },
    /// `/v2/order_statuses`.
    Statuses,
    /// `/v2/time`, the first polling watermark.
    ServerTime,
    /// After `after`, orders modified since `since` (one page, cheap on quota).
    Poll {
        after: Duration,
        since: DateTime<Utc>,
        generation: u64,
    },
    /// `PUT /v2/orders/{id}`, after checking that the order still holds
    /// `expected` (what the user saw of the fields about to change).
    Update {
        request: RequestId,
        order_id: u64,
        update: Box<OrderUpdate>,
        expected: serde_json::Value,
    },
    /// `POST /v2/orders/{id}/shipments`, then the order again; first the order
    /// must still hold `expected` (its status and shipped count as shown).
    Ship {
        request: RequestId,
        order_id: u64,
        shipment: Box<ShipmentCreate>,
        expected: serde_json::Value,
    },
    /// `POST /v3/orders/{id}/payment_actions/refund_quotes`: what `items` come to.
    /// Moves no money, so it is not journalled; read-only mode refuses it anyway.
    RefundQuote {
        request: RequestId,
        order_id: u64,
        items: Vec<RefundItemRequest>,
    },
    /// `POST /v3/orders/{id}/payment_actions/refunds`, then the order again; first the
    /// order must still hold `expected` (its status and refunded amount as shown).
    Refund {
        request: RequestId,
        order_id: u64,
        refund: Box<RefundCreate>,
        expected: serde_json::Value,
    },
    /// `PUT /v2/orders/{id}/shipments/{shipment_id}` when the shipment still holds
    /// `expected` (its tracking number, provider and carrier as shown).
    UpdateShipment {
        request: RequestId,
        order_id: u64,
        shipment_id: u64,
        update: Box<ShipmentUpdate>,
        expected: serde_json::Value,
    },
    /// `DELETE /v2/orders/{id}/shipments/{shipment_id}`, checked the same way.
    DeleteShipment {
        request: RequestId,
        order_id: u64,
        shipment_id: u64,
        expected: serde_json::Value,
    },
    /// `/v3/customers?name:like=NAME`: the customers whose orders `/` asks for.
    FindCustomer { name: String },
    /// Fetch the order's first shipping address and copy it.
    CopyShippingAddress { order_id: u64 },
    /// Write the view to a CSV file.
    Export {
        request: RequestId,
        query: ViewQuery,
        kind: ExportKind,
        path: PathBuf,
    },
}

// Nothing in a task is a float, so equality is an equivalence.
impl Eq for OrdersTask {}

/// Results of [`OrdersTask`]s.
#[derive(Debug)]
pub enum OrdersMsg {
    /// The merged needs-action view.
    NeedsAction {
        request: RequestId,
        result: Result<Vec<OrderRow>, String>,
    },
    /// The store's statuses.
    Statuses(Result<Vec<OrderStatus>, String>),
    /// The server clock.
    ServerTime(Result<DateTime<Utc>, String>),
    /// Orders modified since `since`.
    Polled {
        generation: u64,
        since: DateTime<Utc>,
        result: Result<Vec<Order>, String>,
    },
    /// A write finished: the order as the API now has it.
    Written {
        request: RequestId,
        result: Result<OrderWritten, String>,
    },
    /// A refund quote, or why the store would not give one.
    RefundQuoted {
        request: RequestId,
        result: Result<RefundQuote, String>,
    },
    /// The customers named like `name`: (id, full name).
    CustomersFound {
        name: String,
        result: Result<Vec<(u64, String)>, String>,
    },
    /// The shipping address to copy (None: the order has none).
    ShippingAddress {
        order_id: u64,
        result: Result<Option<String>, String>,
    },
    /// Export progress: orders (or orders whose items are) fetched so far.
    ExportProgress {
        request: RequestId,
        done: u64,
        total: Option<u64>,
    },
    /// The export finished: rows written, or why not.
    Exported {
        request: RequestId,
        result: Result<usize, String>,
    },
}

/// Handles a result from an orders task.
pub fn on_message(state: &mut AppState, message: OrdersMsg) -> Vec<Effect> {
    match message {
        // The merged view is the list's one page: loaded or failed as any page.
        OrdersMsg::NeedsAction { request, result } => super::update::on_loaded(
            state,
            request,
            result.map(|rows| super::Loaded::Orders { page: 1, rows }),
        ),
        OrdersMsg::Statuses(result) => match result {
            Ok(statuses) => {
                state.orders.statuses = statuses;
                Vec::new()
            }
            Err(message) => toast(
                state,
                ToastKind::Error,
                format!("Could not load the order statuses: {message}"),
            ),
        },
        OrdersMsg::ServerTime(result) => poll::server_time(state, result),
        OrdersMsg::Polled {
            generation,
            since,
            result,
        } => poll::polled(state, generation, since, result),
        OrdersMsg::Written { request, result } => written::written(state, request, result),
        OrdersMsg::RefundQuoted { request, result } => refund::quoted(state, request, result),
        OrdersMsg::CustomersFound { name, result } => find::found(state, name, result),
        OrdersMsg::ShippingAddress { order_id, result } => match result {
            Ok(Some(address)) => actions::copy(
                state,
                address,
                format!("shipping address of order #{order_id}"),
            ),
            Ok(None) => toast(
                state,
                ToastKind::Error,
                format!("Order #{order_id} has no shipping address"),
            ),
            Err(message) => toast(state, ToastKind::Error, message),
        },
        OrdersMsg::ExportProgress {
            request,
            done,
            total,
        } => {
            match state
                .orders
                .export
                .as_mut()
                .filter(|e| e.request == request)
            {
                Some(export) => {
                    export.done = done;
                    export.total = total;
                }
                None => state.changed = false,
            }
            Vec::new()
        }
        OrdersMsg::Exported { request, result } => export::finished(state, request, result),
    }
}

/// Handles an Orders key from the key table.
pub fn on_intent(state: &mut AppState, intent: OrderIntent) -> Vec<Effect> {
    match intent {
        OrderIntent::ChangeStatus => actions::start_status(state),
        OrderIntent::Ship => actions::start_ship(state),
        OrderIntent::Notes => actions::start_notes(state),
        OrderIntent::CopyId => actions::copy_id(state),
        OrderIntent::CopyAddress => actions::copy_address(state),
        OrderIntent::Customer => actions::go_to_customer(state),
        OrderIntent::NextOrder => actions::step_order(state, 1),
        OrderIntent::PrevOrder => actions::step_order(state, -1),
        OrderIntent::Submit => dialog::submit(state),
        OrderIntent::Cancel => dialog::cancel(state),
        OrderIntent::NextField => dialog::focus_step(state, 1),
        OrderIntent::PrevField => dialog::focus_step(state, -1),
        OrderIntent::Up => dialog::choose_step(state, -1),
        OrderIntent::Down => dialog::choose_step(state, 1),
        OrderIntent::More => dialog::quantity_step(state, 1),
        OrderIntent::Less => dialog::quantity_step(state, -1),
        OrderIntent::Toggle => dialog::toggle_quantity(state),
        OrderIntent::Editor => dialog::notes_in_editor(state),
        OrderIntent::Refund => refund::start(state),
        OrderIntent::EditShipment => shipment_edit::start(state),
        OrderIntent::DeleteShipment => shipment_edit::delete(state),
        OrderIntent::Mark => marks::toggle(state),
        OrderIntent::MarkRange => marks::range(state),
        OrderIntent::MarkAll => marks::all(state),
        OrderIntent::SortNext => commands::sort_step(state, false),
        OrderIntent::SortFlip => commands::sort_step(state, true),
    }
}

/// A key the key table does not handle while a dialog is open: text for the
/// notes and tracking fields, `n` to step back from a question.
pub fn on_dialog_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    dialog::on_key(state, key)
}

#[cfg(test)]
mod tests;
