//! Acting on the order under the cursor (or in the detail view): opening the
//! dialogs, sending the writes, and landing on the next order afterwards.

use std::borrow::Cow;

use super::OrdersTask;
use super::dialog::{NotesDialog, OrderDialog, ShipDialog, StatusDialog};
use crate::api::models::{Order, OrderShippingAddress, OrderUpdate, ShipmentCreate};
use crate::app::edit::{ExternalEdit, ExternalPurpose};
use crate::app::list::RequestId;
use crate::app::panes::OrderDetail;
use crate::app::update::toast;
use crate::app::{AppState, Effect, Mode, Tab, ToastKind};

/// What a write in flight does (for its toast).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteKind {
    /// A status change to the status with this label.
    Status(String),
    /// Staff notes.
    Notes,
    /// A shipment of this many items.
    Ship(u64),
    /// A shipment saved or deleted (what the toast says).
    Shipment(String),
    /// One order of a status change of the marked orders.
    BulkStatus(String),
    /// A refund of this amount (as typed back) through this method.
    Refund { amount: String, method: String },
}

/// A write waiting for the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingWrite {
    pub request: RequestId,
    pub order_id: u64,
    pub kind: WriteKind,
    /// Started from the list: the cursor moves to the next order afterwards.
    pub from_list: bool,
}

/// What to do once the order detail being loaded arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterDetail {
    /// Open the ship dialog (`t` pressed on the list).
    Ship,
}

/// The order the keys act on: the detail view's, else the list's selection.
/// The bool says whether it comes from the list.
fn current_order(state: &AppState) -> Option<(Order, bool)> {
    match &state.orders.detail {
        Some(detail) => detail.data.as_ref().map(|d| (d.order.clone(), false)),
        None => state.orders.list.selected().map(|o| (o.to_order(), true)),
    }
}

fn no_order(state: &mut AppState) -> Vec<Effect> {
    let text = if state.orders.detail.is_some() {
        "The order is still loading".to_string()
    } else {
        "No order selected".to_string()
    };
    toast(state, ToastKind::Error, text)
}

/// On a read-only profile, the toast refusing the write `what`.
fn refuse_read_only(state: &mut AppState, what: &str) -> Option<Vec<Effect>> {
    if !state.header.read_only {
        return None;
    }
    let reason = state.read_only_reason();
    let text = format!("Read-only: {what} is a write, and writes are off ({reason})");
    Some(toast(state, ToastKind::Error, text))
}

/// The order a write (`what`) would go to and whether it was picked in the
/// list; refused with a toast on a read-only profile or with no order.
fn order_for_write(state: &mut AppState, what: &str) -> Result<(Order, bool), Vec<Effect>> {
    if let Some(refused) = refuse_read_only(state, what) {
        return Err(refused);
    }
    current_order(state).ok_or_else(|| no_order(state))
}

/// `s`: the status picker.
pub(super) fn start_status(state: &mut AppState) -> Vec<Effect> {
    let (order, from_list) = match order_for_write(state, "changing an order's status") {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let bulk = if from_list {
        super::marks::marked_rows(state).len()
    } else {
        0
    };
    let labels = state.orders.status_labels();
    if labels.is_empty() {
        return toast(
            state,
            ToastKind::Error,
            "The order statuses have not loaded yet (r reloads)".to_string(),
        );
    }
    let cursor = labels
        .iter()
        .position(|(id, _)| *id == order.status_id)
        .unwrap_or(0);
    let dialog = OrderDialog::Status(StatusDialog {
        order_id: order.id,
        current: order.status_id,
        cursor,
        from_list,
        marked: bulk,
        warning: None,
    });
    open_dialog(state, Ok(dialog))
}

/// `t`: the ship dialog; from the list it opens the order first.
pub(super) fn start_ship(state: &mut AppState) -> Vec<Effect> {
    if let Some(refused) = refuse_read_only(state, "shipping an order") {
        return refused;
    }
    if let Some(detail) = &state.orders.detail {
        return match &detail.data {
            Some(data) => open_ship_dialog(state, ShipDialog::for_order(data, false)),
            None => no_order(state),
        };
    }
    match state.orders.list.selected() {
        Some(order) => {
            let id = order.id;
            let effects = state.open_order(id);
            state.orders.after_detail = Some(AfterDetail::Ship);
            effects
        }
        None => no_order(state),
    }
}

fn open_ship_dialog(state: &mut AppState, dialog: Result<ShipDialog, String>) -> Vec<Effect> {
    open_dialog(state, dialog.map(OrderDialog::Ship))
}

/// Opens `dialog`, or says in a toast why it cannot open.
pub(super) fn open_dialog(
    state: &mut AppState,
    dialog: Result<OrderDialog, String>,
) -> Vec<Effect> {
    match dialog {
        Ok(dialog) => {
            state.orders.dialog = Some(dialog);
            state.mode = Mode::OrderDialog;
            Vec::new()
        }
        Err(message) => toast(state, ToastKind::Error, message),
    }
}

/// Opens a dialog that writes (`what`, as the refusal names it), made by `build`
/// from the open order's detail; a toast says why not on a read-only profile,
/// or with `missing` when there is no detail.
pub(super) fn open_on_detail(
    state: &mut AppState,
    (what, missing): (&str, &str),
    build: impl FnOnce(&OrderDetail) -> Result<OrderDialog, String>,
) -> Vec<Effect> {
    let dialog = if state.header.read_only {
        Err(format!(
            "Read-only profile: {what} is a write, and writes are disabled"
        ))
    } else {
        match state.orders.detail.as_ref().and_then(|d| d.data.as_ref()) {
            Some(data) => build(data),
            None => Err(missing.to_string()),
        }
    };
    open_dialog(state, dialog)
}

/// Runs what waited for the detail that just loaded.
pub(crate) fn after_detail(state: &mut AppState) -> Vec<Effect> {
    match state.orders.after_detail.take() {
        Some(AfterDetail::Ship) => {
            let dialog = match state.orders.detail.as_ref().and_then(|d| d.data.as_ref()) {
                Some(data) => ShipDialog::for_order(data, true),
                None => return Vec::new(),
            };
            open_ship_dialog(state, dialog)
        }
        None => Vec::new(),
    }
}

/// `n`: the staff notes, with the customer message beside them.
pub(super) fn start_notes(state: &mut AppState) -> Vec<Effect> {
    let (order, from_list) = match order_for_write(state, "editing staff notes") {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    if order.staff_notes.contains('\n') {
        // More than one line: straight to $EDITOR.
        let text = order.staff_notes.clone();
        return vec![external_notes(order.id, text, order.staff_notes, from_list)];
    }
    let dialog = OrderDialog::Notes(NotesDialog {
        order_id: order.id,
        input: tui_input::Input::new(order.staff_notes.clone()),
        original: order.staff_notes,
        customer_message: order.customer_message,
        from_list,
    });
    open_dialog(state, Ok(dialog))
}

/// Edits the staff notes of order `id` in `$EDITOR`, starting from `text`.
pub(super) fn external_notes(id: u64, text: String, original: String, from_list: bool) -> Effect {
    Effect::EditExternally(ExternalEdit {
        initial_text: text,
        file_suffix: ".txt".to_string(),
        then: ExternalPurpose::OrderStaffNotes {
            id,
            original,
            from_list,
        },
    })
}

/// `$EDITOR` closed on the staff notes of order `id`: save them if changed.
pub(crate) fn notes_edited(
    state: &mut AppState,
    id: u64,
    original: &str,
    from_list: bool,
    text: &str,
) -> Vec<Effect> {
    // Editors end the file with a newline; the notes do not need it.
    let notes = text.trim_end_matches(['\n', '\r']).to_string();
    if notes == original {
        return toast(
            state,
            ToastKind::Info,
            format!("Staff notes of order #{id} unchanged"),
        );
    }
    let update = OrderUpdate {
        staff_notes: Some(notes),
        ..OrderUpdate::default()
    };
    begin_update(state, id, update, WriteKind::Notes, from_list)
}

/// Sets order `order_id` to `status_id` (after the picker, and the
/// confirmation where one is due).
pub(crate) fn set_status(
    state: &mut AppState,
    order_id: u64,
    status_id: u32,
    from_list: bool,
) -> Vec<Effect> {
    if let Some(refused) = refuse_read_only(state, "changing an order's status") {
        return refused;
    }
    let update = OrderUpdate {
        status_id: Some(status_id),
        ..OrderUpdate::default()
    };
    let label = state.orders.status_label(status_id);
    begin_update(state, order_id, update, WriteKind::Status(label), from_list)
}

/// The order as the user sees it: the open detail, else its row (which holds every
/// field a write from the list is guarded by).
pub(super) fn shown_order(state: &AppState, order_id: u64) -> Option<Cow<'_, Order>> {
    let detail = state.orders.detail.as_ref().filter(|d| d.id == order_id);
    match detail.and_then(|d| d.data.as_ref()) {
        Some(data) => Some(Cow::Borrowed(&data.order)),
        None => state
            .orders
            .list
            .rows
            .iter()
            .find(|o| o.id == order_id)
            .map(|row| Cow::Owned(row.to_order())),
    }
}

/// Sends the write `task(request, expected)` on order `order_id`, guarded by
/// what the order on screen shows of `fields`: the write path compares the
/// store's values with those before sending. Gone from the screen, nothing is
/// sent and a toast says so.
pub(super) fn send_guarded(
    state: &mut AppState,
    order_id: u64,
    fields: &impl serde::Serialize,
    (kind, from_list): (WriteKind, bool),
    task: impl FnOnce(RequestId, serde_json::Value) -> OrdersTask,
) -> Vec<Effect> {
    let Some(shown) = shown_order(state, order_id) else {
        return toast(
            state,
            ToastKind::Error,
            format!("Order #{order_id} is no longer shown; nothing sent"),
        );
    };
    let expected = crate::api::compare::seen(&*shown, fields);
    let request = start_write(state, order_id, kind, from_list);
    vec![Effect::Orders(task(request, expected))]
}

/// Records the write of `kind` on order `order_id` as waiting for the API;
/// returns the request it goes under.
pub(super) fn start_write(
    state: &mut AppState,
    order_id: u64,
    kind: WriteKind,
    from_list: bool,
) -> RequestId {
    let request = state.next_id();
    state.orders.writing = Some(PendingWrite {
        request,
        order_id,
        kind,
        from_list,
    });
    request
}

/// Sends `PUT /v2/orders/{id}`, guarded by the values of the changed fields as shown.
pub(super) fn begin_update(
    state: &mut AppState,
    order_id: u64,
    update: OrderUpdate,
    kind: WriteKind,
    from_list: bool,
) -> Vec<Effect> {
    let fields = update.clone();
    send_guarded(
        state,
        order_id,
        &fields,
        (kind, from_list),
        |request, expected| OrdersTask::Update {
            request,
            order_id,
            update: Box::new(update),
            expected,
        },
    )
}

/// Sends `POST /v2/orders/{id}/shipments`, guarded by the order's status and
/// shipped count as shown (a colleague may have shipped those items already).
pub(super) fn begin_ship(
    state: &mut AppState,
    order_id: u64,
    shipment: ShipmentCreate,
    from_list: bool,
) -> Vec<Effect> {
    let fields = serde_json::json!({ "status_id": null, "items_shipped": null });
    let items = shipment.items.iter().map(|i| i.quantity).sum();
    let kind = (WriteKind::Ship(items), from_list);
    send_guarded(state, order_id, &fields, kind, |request, expected| {
        OrdersTask::Ship {
            request,
            order_id,
            shipment: Box::new(shipment),
            expected,
        }
    })
}

/// `]` / `[`: the next or previous order of the view.
pub(super) fn step_order(state: &mut AppState, delta: isize) -> Vec<Effect> {
    let viewport = state.list_rows();
    let list = &state.orders.list;
    let at = state
        .orders
        .detail
        .as_ref()
        .and_then(|d| list.rows.iter().position(|r| r.id == d.id))
        .unwrap_or(list.cursor);
    let target = at as isize + delta;
    if target < 0 || target as usize >= list.rows.len() {
        let edge = if delta > 0 { "last" } else { "first" };
        return toast(
            state,
            ToastKind::Info,
            format!("This is the {edge} order of the view"),
        );
    }
    let target = target as usize;
    let id = list.rows[target].id;
    state.orders.list.cursor = target;
    state.orders.list.scroll_into_view(viewport);
    let mut effects = state.open_order(id);
    if state.orders.list.wants_more(viewport) {
        effects.extend(state.fetch_more(Tab::Orders));
    }
    effects
}

/// Puts `text` on the clipboard and says what was copied.
pub(super) fn copy(state: &mut AppState, text: String, what: String) -> Vec<Effect> {
    let mut effects = toast(state, ToastKind::Info, format!("Copied the {what}"));
    effects.push(Effect::CopyToClipboard(text));
    effects
}

/// `y`.
pub(super) fn copy_id(state: &mut AppState) -> Vec<Effect> {
    match current_order(state) {
        Some((order, _)) => copy(
            state,
            order.id.to_string(),
            format!("order id {}", order.id),
        ),
        None => no_order(state),
    }
}

/// `Y`: from the detail when loaded, else fetched.
pub(super) fn copy_address(state: &mut AppState) -> Vec<Effect> {
    let Some((order, _)) = current_order(state) else {
        return no_order(state);
    };
    let known = state
        .orders
        .detail
        .as_ref()
        .and_then(|d| d.data.as_ref())
        .map(|d| d.shipping_addresses.first().map(address_text));
    match known {
        Some(Some(address)) => copy(
            state,
            address,
            format!("shipping address of order #{}", order.id),
        ),
        Some(None) => toast(
            state,
            ToastKind::Error,
            format!("Order #{} has no shipping address", order.id),
        ),
        None => vec![Effect::Orders(OrdersTask::CopyShippingAddress {
            order_id: order.id,
        })],
    }
}

/// A shipping address as it goes on a label, one part per line.
pub fn address_text(a: &OrderShippingAddress) -> String {
    let name = format!("{} {}", a.first_name, a.last_name);
    let city = crate::app::words::city_line(&a.city, &a.state, &a.zip, &a.country_iso2);
    [
        name.trim(),
        a.company.trim(),
        a.street_1.trim(),
        a.street_2.trim(),
        city.trim(),
        a.country.trim(),
        a.phone.trim(),
    ]
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join("\n")
}

/// `C`: the order's customer on the Customers tab.
pub(super) fn go_to_customer(state: &mut AppState) -> Vec<Effect> {
    let Some((order, _)) = current_order(state) else {
        return no_order(state);
    };
    if order.customer_id == 0 {
        return toast(
            state,
            ToastKind::Info,
            format!(
                "Order #{} was a guest checkout: no customer account",
                order.id
            ),
        );
    }
    let (order_id, customer_id) = (order.id, order.customer_id);
    state.tab = Tab::Customers;
    let mut effects = state.ensure_loaded();
    effects.extend(state.open_customer(customer_id));
    state.customers.opened_from_order = Some(order_id);
    effects
}
