//! When the Orders keys of the key table work.

use super::dialog::{OrderDialog, ShipFocus};
use crate::app::{AppState, Tab};

/// On the Orders tab with an order to act on (a selected row or an open order).
pub fn on_an_order(state: &AppState) -> bool {
    state.tab == Tab::Orders
        && match &state.orders.detail {
            Some(detail) => detail.data.is_some(),
            None => state.orders.list.selected().is_some(),
        }
}

/// In an order's detail view.
pub fn in_order_detail(state: &AppState) -> bool {
    state.tab == Tab::Orders && state.orders.detail.is_some()
}

/// The staff-notes dialog is open.
pub fn editing_notes(state: &AppState) -> bool {
    matches!(&state.orders.dialog, Some(OrderDialog::Notes(_)))
}

/// The ship dialog is open.
pub fn shipping(state: &AppState) -> bool {
    matches!(&state.orders.dialog, Some(OrderDialog::Ship(_)))
}

/// Up/Down choose something (not while typing text).
pub fn choosing(state: &AppState) -> bool {
    match &state.orders.dialog {
        Some(OrderDialog::Status(_)) => true,
        Some(OrderDialog::Ship(d)) => d.focus != ShipFocus::Tracking,
        _ => false,
    }
}

/// The ship dialog's item list has the focus.
pub fn ship_items(state: &AppState) -> bool {
    matches!(&state.orders.dialog, Some(OrderDialog::Ship(d)) if d.focus == ShipFocus::Items)
}
