//! The edit keys of the Customers, Categories and Webhooks tabs, chained into the one
//! key table after the product ones (so dispatch, footer and help agree).
//! They use the same intents, and so the same read-only check, as Products;
//! the key table offers a tab's keys on that tab only, and the tab's
//! `EditableResource` says whether a list, row or record is there.

use crossterm::event::KeyCode;

use super::keys::{command, delete_key, edit_key, external_key};
use super::resource::{in_list, on_record, on_row};
use crate::app::Tab;
use crate::app::keys::{Command, Group, Key, ModeKind};

const NORMAL: &[ModeKind] = &[ModeKind::Normal];
const CUSTOMERS: Group = Group::Tab(Tab::Customers);
const CATEGORIES: Group = Group::Tab(Tab::Categories);
const WEBHOOKS: Group = Group::Tab(Tab::Webhooks);

/// Customer, category and webhook edit keys (normal mode).
pub static RESOURCE_COMMANDS: &[Command] = &[
    command!(
        &[Key::char('c')],
        "c",
        "create",
        "Create a customer (optionally with a first address)",
        CUSTOMERS,
        true,
        Create,
        NORMAL,
        in_list
    ),
    edit_key!(
        "Edit the focused column of the customer (h/l or ←/→ pick it)",
        CUSTOMERS,
        on_record
    ),
    external_key!("customer", CUSTOMERS),
    delete_key!(
        "Delete the customer (or the marked ones) after confirming",
        CUSTOMERS,
        on_record
    ),
    command!(
        &[Key::char(' ')],
        "Space",
        "mark",
        "Mark or unmark the customer",
        CUSTOMERS,
        true,
        Mark,
        NORMAL,
        on_row
    ),
    command!(
        &[Key::char('o')],
        "o",
        "orders",
        "The customer's orders (Orders tab, filtered to the customer)",
        CUSTOMERS,
        true,
        CustomerOrders,
        NORMAL,
        on_record
    ),
    command!(
        &[Key::char('h'), Key::plain(KeyCode::Left)],
        "h/←",
        "column",
        "Focus the column to the left (what e edits)",
        CUSTOMERS,
        false,
        ColumnLeft,
        NORMAL,
        on_record
    ),
    command!(
        &[Key::char('l'), Key::plain(KeyCode::Right)],
        "l/→",
        "column",
        "Focus the column to the right",
        CUSTOMERS,
        false,
        ColumnRight,
        NORMAL,
        on_record
    ),
    command!(
        &[Key::char('c')],
        "c",
        "new child",
        "Create a category under the selected one",
        CATEGORIES,
        true,
        Create,
        NORMAL,
        in_list
    ),
    command!(
        &[Key::char('C')],
        "C",
        "new top",
        "Create a top-level category",
        CATEGORIES,
        false,
        CreateTop,
        NORMAL,
        in_list
    ),
    edit_key!(
        "Rename the category, change its visibility or sort order",
        CATEGORIES,
        on_row
    ),
    command!(
        &[Key::char(' ')],
        "Space",
        "show/hide",
        "Show or hide the category on the storefront",
        CATEGORIES,
        true,
        ToggleVisible,
        NORMAL,
        on_row
    ),
    delete_key!(
        "Delete the category (and its subcategories) after confirming",
        CATEGORIES,
        on_row
    ),
    command!(
        &[Key::char('c')],
        "c",
        "create",
        "Create a webhook (scope, destination, custom headers)",
        WEBHOOKS,
        true,
        Create,
        NORMAL,
        in_list
    ),
    command!(
        &[Key::char(' ')],
        "Space",
        "on/off",
        "Activate or deactivate the webhook",
        WEBHOOKS,
        true,
        ToggleActive,
        NORMAL,
        on_record
    ),
    delete_key!("Delete the webhook (asks first)", WEBHOOKS, on_record),
];
