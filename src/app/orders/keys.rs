//! The Orders keys: their part of the key table (chained after the base
//! table by `keys::all_commands`, so dispatch, footer and help see them) and
//! when each works.

use crossterm::event::{KeyCode, KeyModifiers};

use super::OrderIntent;
use super::dialog::{OrderDialog, ShipFocus};
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
        description: "Ship dialog: next field (S-Tab goes back)",
        group: Group::Typing,
        in_footer: true,
        intent: Intent::Orders(OrderIntent::NextField),
        modes: DIALOG,
        available: shipping,
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
        available: shipping,
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
        description: "Ship dialog: one more of the item",
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
        description: "Ship dialog: one less of the item",
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
        description: "Ship dialog: ship all or none of the item",
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
