//! The Orders keys: their part of the key table (chained after the base
//! table by `keys::all_commands`, so dispatch, footer and help see them) and
//! when each works.

use crossterm::event::{KeyCode, KeyModifiers};

use super::OrderIntent;
use super::dialog::{OrderDialog, ShipFocus};
use super::refund::{RefundFocus, RefundStage};
use super::shipment_edit::ShipmentField;
use crate::app::keys::{Command, Group, Intent, Key, ModeKind};
use crate::app::{AppState, Tab};

const NORMAL: &[ModeKind] = &[ModeKind::Normal];
const DIALOG: &[ModeKind] = &[ModeKind::Dialog];
const ORDERS: Group = Group::Tab(Tab::Orders);

/// Orders keys: on an order (list or detail), then inside the dialogs.
pub static ORDER_COMMANDS: &[Command] = &[
    Command {
        keys: &[Key::char('s')],
        label: "s",
        name: "set status",
        description: "Change the order's status (picker of the store's statuses)",
        group: ORDERS,
        in_footer: true,
        intent: Intent::Orders(OrderIntent::ChangeStatus),
        modes: NORMAL,
        available: on_an_order,
    },
    Command {
        keys: &[Key::char('t')],
        label: "t",
        name: "ship",
        description: "Ship the order: address, items, provider, tracking number",
        group: ORDERS,
        in_footer: true,
        intent: Intent::Orders(OrderIntent::Ship),
        modes: NORMAL,
        available: on_an_order,
    },
    Command {
        keys: &[Key::char('n')],
        label: "n",
        name: "notes",
        description: "Edit the order's staff notes",
        group: ORDERS,
        in_footer: true,
        intent: Intent::Orders(OrderIntent::Notes),
        modes: NORMAL,
        available: on_an_order,
    },
    Command {
        keys: &[Key::char('T')],
        label: "T",
        name: "tracking",
        description: "Edit a shipment's provider, carrier or tracking number, or delete it",
        group: ORDERS,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::EditShipment),
        modes: NORMAL,
        available: in_order_detail,
    },
    Command {
        keys: &[Key::plain(KeyCode::Delete)],
        label: "Delete",
        name: "delete shipment",
        description: "Shipment dialog: delete the shipment (Enter confirms)",
        group: Group::Typing,
        in_footer: true,
        intent: Intent::Orders(OrderIntent::DeleteShipment),
        modes: DIALOG,
        available: editing_shipment,
    },
    Command {
        keys: &[Key::char(' ')],
        label: "Space",
        name: "mark",
        description: "Mark or unmark the order (s sets the status of all marked)",
        group: ORDERS,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::Mark),
        modes: NORMAL,
        available: on_order_row,
    },
    Command {
        keys: &[Key::char('V')],
        label: "V",
        name: "range",
        description: "Mark a range of orders: press at the start, move, press again",
        group: ORDERS,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::MarkRange),
        modes: NORMAL,
        available: on_order_row,
    },
    Command {
        keys: &[Key::char('*')],
        label: "*",
        name: "mark all",
        description: "Mark every loaded order (again: clear the marks)",
        group: ORDERS,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::MarkAll),
        modes: NORMAL,
        available: on_order_row,
    },
    Command {
        keys: &[Key::char('o')],
        label: "o",
        name: "sort",
        description: "Sort by the next key: date, status, customer (server-side)",
        group: ORDERS,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::SortNext),
        modes: NORMAL,
        available: on_order_list,
    },
    Command {
        keys: &[Key::char('O')],
        label: "O",
        name: "reverse",
        description: "Flip the orders' sort direction (server-side)",
        group: ORDERS,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::SortFlip),
        modes: NORMAL,
        available: on_order_list,
    },
    Command {
        keys: &[Key::char('$')],
        label: "$",
        name: "refund",
        description: "Refund: a quote first, sent only once the amount is typed back",
        group: ORDERS,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::Refund),
        modes: NORMAL,
        available: in_order_detail,
    },
    Command {
        keys: &[Key::char(']')],
        label: "]",
        name: "next order",
        description: "Open the next order of the view",
        group: ORDERS,
        in_footer: true,
        intent: Intent::Orders(OrderIntent::NextOrder),
        modes: NORMAL,
        available: in_order_detail,
    },
    Command {
        keys: &[Key::char('[')],
        label: "[",
        name: "previous order",
        description: "Open the previous order of the view",
        group: ORDERS,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::PrevOrder),
        modes: NORMAL,
        available: in_order_detail,
    },
    Command {
        keys: &[Key::char('C')],
        label: "C",
        name: "customer",
        description: "Go to the order's customer (Customers tab)",
        group: ORDERS,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::Customer),
        modes: NORMAL,
        available: on_an_order,
    },
    Command {
        keys: &[Key::char('y')],
        label: "y",
        name: "copy id",
        description: "Copy the order id to the clipboard (OSC 52)",
        group: ORDERS,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::CopyId),
        modes: NORMAL,
        available: on_an_order,
    },
    Command {
        keys: &[Key::char('Y')],
        label: "Y",
        name: "copy address",
        description: "Copy the order's shipping address to the clipboard (OSC 52)",
        group: ORDERS,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::CopyAddress),
        modes: NORMAL,
        available: on_an_order,
    },
    Command {
        keys: &[Key::plain(KeyCode::Enter)],
        label: "Enter",
        name: "save",
        description: "Order dialogs: save (a status that sounds like money asks first)",
        group: Group::Typing,
        in_footer: true,
        intent: Intent::Orders(OrderIntent::Submit),
        modes: DIALOG,
        available: any_dialog,
    },
    Command {
        keys: &[Key {
            code: KeyCode::Char('e'),
            mods: KeyModifiers::CONTROL,
        }],
        label: "C-e",
        name: "$EDITOR",
        description: "Staff notes: continue in $EDITOR (several lines)",
        group: Group::Typing,
        in_footer: true,
        intent: Intent::Orders(OrderIntent::Editor),
        modes: DIALOG,
        available: editing_notes,
    },
    Command {
        keys: &[Key::plain(KeyCode::Esc)],
        label: "Esc",
        name: "cancel",
        description: "Order dialogs: cancel, nothing is sent",
        group: Group::Typing,
        in_footer: true,
        intent: Intent::Orders(OrderIntent::Cancel),
        modes: DIALOG,
        available: any_dialog,
    },
    Command {
        keys: &[Key::plain(KeyCode::Tab)],
        label: "Tab",
        name: "next field",
        description: "Ship and refund dialogs: next field (S-Tab goes back)",
        group: Group::Typing,
        in_footer: true,
        intent: Intent::Orders(OrderIntent::NextField),
        modes: DIALOG,
        available: tabbing,
    },
    Command {
        keys: &[Key::plain(KeyCode::BackTab)],
        label: "S-Tab",
        name: "previous field",
        description: "Ship dialog: previous field",
        group: Group::Typing,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::PrevField),
        modes: DIALOG,
        available: tabbing,
    },
    Command {
        keys: &[Key::plain(KeyCode::Up), Key::char('k')],
        label: "↑/k",
        name: "up",
        description: "Order dialogs: previous entry or choice",
        group: Group::Typing,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::Up),
        modes: DIALOG,
        available: choosing,
    },
    Command {
        keys: &[Key::plain(KeyCode::Down), Key::char('j')],
        label: "↓/j",
        name: "down",
        description: "Order dialogs: next entry or choice",
        group: Group::Typing,
        in_footer: false,
        intent: Intent::Orders(OrderIntent::Down),
        modes: DIALOG,
        available: choosing,
    },
    Command {
        keys: &[Key::plain(KeyCode::Right), Key::char('+')],
        label: "→/+",
        name: "more",
        description: "Ship and refund dialogs: one more of the item",
        group: Group::Typing,
        in_footer: true,
        intent: Intent::Orders(OrderIntent::More),
        modes: DIALOG,
        available: ship_items,
    },
    Command {
        keys: &[Key::plain(KeyCode::Left), Key::char('-')],
        label: "←/-",
        name: "less",
        description: "Ship and refund dialogs: one less of the item",
        group: Group::Typing,
        in_footer: true,
        intent: Intent::Orders(OrderIntent::Less),
        modes: DIALOG,
        available: ship_items,
    },
    Command {
        keys: &[Key::char(' ')],
        label: "Space",
        name: "all/none",
        description: "Ship and refund dialogs: all or none of the item",
        group: Group::Typing,
        in_footer: true,
        intent: Intent::Orders(OrderIntent::Toggle),
        modes: DIALOG,
        available: ship_items,
    },
];

/// Any Orders dialog (the mode already says one is open).
fn any_dialog(_: &AppState) -> bool {
    true
}

/// On the Orders tab with an order to act on (a selected row or an open order).
pub fn on_an_order(state: &AppState) -> bool {
    state.tab == Tab::Orders
        && match &state.orders.detail {
            Some(detail) => detail.data.is_some(),
            None => state.orders.list.selected().is_some(),
        }
}

/// On a row of the order list.
pub fn on_order_row(state: &AppState) -> bool {
    on_order_list(state) && state.orders.list.selected().is_some()
}

/// On the order list (not in an order's detail).
pub fn on_order_list(state: &AppState) -> bool {
    state.tab == Tab::Orders && state.orders.detail.is_none()
}

/// In an order's detail view.
pub fn in_order_detail(state: &AppState) -> bool {
    state.tab == Tab::Orders && state.orders.detail.is_some()
}

/// The shipment dialog is open.
pub fn editing_shipment(state: &AppState) -> bool {
    matches!(&state.orders.dialog, Some(OrderDialog::Shipment(_)))
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
        Some(OrderDialog::Refund(d)) => {
            d.stage == RefundStage::Confirm
                || (d.stage == RefundStage::Choose && d.focus == RefundFocus::Items)
        }
        Some(OrderDialog::Shipment(d)) => {
            matches!(d.focus, ShipmentField::Shipment | ShipmentField::Provider)
        }
        _ => false,
    }
}

/// Tab moves between fields: the ship dialog, or the refund dialog while choosing.
pub fn tabbing(state: &AppState) -> bool {
    match &state.orders.dialog {
        Some(OrderDialog::Ship(_)) | Some(OrderDialog::Shipment(_)) => true,
        Some(OrderDialog::Refund(d)) => d.stage == RefundStage::Choose,
        _ => false,
    }
}

/// The ship dialog's item list has the focus.
pub fn ship_items(state: &AppState) -> bool {
    match &state.orders.dialog {
        Some(OrderDialog::Ship(d)) => d.focus == ShipFocus::Items,
        Some(OrderDialog::Refund(d)) => {
            d.stage == RefundStage::Choose && d.focus == RefundFocus::Items
        }
        _ => false,
    }
}
