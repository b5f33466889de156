//! The edit keys of the Customers, Categories and Webhooks tabs, chained into the one
//! key table after the product ones (so dispatch, footer and help agree).
//! They use the same intents, and so the same read-only check, as Products.

use crossterm::event::KeyCode;

use super::EditIntent;
use crate::app::keys::{Command, Group, Intent, Key, ModeKind};
use crate::app::{AppState, Tab};

const NORMAL: &[ModeKind] = &[ModeKind::Normal];
const CUSTOMERS: Group = Group::Tab(Tab::Customers);
const CATEGORIES: Group = Group::Tab(Tab::Categories);
const WEBHOOKS: Group = Group::Tab(Tab::Webhooks);

fn customer_list(state: &AppState) -> bool {
    state.tab == Tab::Customers && state.customers.detail.is_none()
}
fn customer_row(state: &AppState) -> bool {
    // Marks belong to the list.
    customer_list(state) && state.customers.list.selected().is_some()
}
fn customer_any(state: &AppState) -> bool {
    state.tab == Tab::Customers
        && match &state.customers.detail {
            Some(detail) => detail.data.is_some(),
            None => state.customers.list.selected().is_some(),
        }
}
fn on_tree(state: &AppState) -> bool {
    state.tab == Tab::Categories
}
fn category_row(state: &AppState) -> bool {
    on_tree(state) && state.categories.selected().is_some()
}
fn hook_list(state: &AppState) -> bool {
    state.tab == Tab::Webhooks && state.hooks.detail.is_none()
}
fn hook_any(state: &AppState) -> bool {
    state.tab == Tab::Webhooks && state.hooks.target().is_some()
}

macro_rules! command {
    ($group:expr, $keys:expr, $label:expr, $name:expr, $description:expr, $footer:expr, $intent:ident, $available:expr) => {
        Command {
            keys: $keys,
            label: $label,
            name: $name,
            description: $description,
            group: $group,
            in_footer: $footer,
            intent: Intent::Edit(EditIntent::$intent),
            modes: NORMAL,
            available: $available,
        }
    };
}

/// Customer and category edit keys (normal mode).
pub static RESOURCE_COMMANDS: &[Command] = &[
    command!(
        CUSTOMERS,
        &[Key::char('c')],
        "c",
        "create",
        "Create a customer (optionally with a first address)",
        true,
        Create,
        customer_list
    ),
    command!(
        CUSTOMERS,
        &[Key::char('e')],
        "e",
        "edit",
        "Edit the focused column of the customer (h/l or ←/→ pick it)",
        true,
        Inline,
        customer_any
    ),
    command!(
        CUSTOMERS,
        &[Key::char('E')],
        "E",
        "$EDITOR",
        "Edit the customer's JSON in $EDITOR; only changed fields are sent",
        false,
        External,
        customer_any
    ),
    command!(
        CUSTOMERS,
        &[Key::char('x'), Key::plain(KeyCode::Delete)],
        "x/Del",
        "delete",
        "Delete the customer (or the marked ones) after confirming",
        true,
        Delete,
        customer_any
    ),
    command!(
        CUSTOMERS,
        &[Key::char(' ')],
        "Space",
        "mark",
        "Mark or unmark the customer",
        true,
        Mark,
        customer_row
    ),
    command!(
        CUSTOMERS,
        &[Key::char('o')],
        "o",
        "orders",
        "The customer's orders (Orders tab, filtered to the customer)",
        true,
        CustomerOrders,
        customer_any
    ),
    command!(
        CUSTOMERS,
        &[Key::char('h'), Key::plain(KeyCode::Left)],
        "h/←",
        "column",
        "Focus the column to the left (what e edits)",
        false,
        ColumnLeft,
        customer_any
    ),
    command!(
        CUSTOMERS,
        &[Key::char('l'), Key::plain(KeyCode::Right)],
        "l/→",
        "column",
        "Focus the column to the right",
        false,
        ColumnRight,
        customer_any
    ),
    command!(
        CATEGORIES,
        &[Key::char('c')],
        "c",
        "new child",
        "Create a category under the selected one",
        true,
        Create,
        on_tree
    ),
    command!(
        CATEGORIES,
        &[Key::char('C')],
        "C",
        "new top",
        "Create a top-level category",
        false,
        CreateTop,
        on_tree
    ),
    command!(
        CATEGORIES,
        &[Key::char('e')],
        "e",
        "edit",
        "Rename the category, change its visibility or sort order",
        true,
        Inline,
        category_row
    ),
    command!(
        CATEGORIES,
        &[Key::char(' ')],
        "Space",
        "show/hide",
        "Show or hide the category on the storefront",
        true,
        ToggleVisible,
        category_row
    ),
    command!(
        CATEGORIES,
        &[Key::char('x'), Key::plain(KeyCode::Delete)],
        "x/Del",
        "delete",
        "Delete the category (and its subcategories) after confirming",
        true,
        Delete,
        category_row
    ),
    command!(
        WEBHOOKS,
        &[Key::char('c')],
        "c",
        "create",
        "Create a webhook (scope, destination, custom headers)",
        true,
        Create,
        hook_list
    ),
    command!(
        WEBHOOKS,
        &[Key::char(' ')],
        "Space",
        "on/off",
        "Activate or deactivate the webhook",
        true,
        ToggleActive,
        hook_any
    ),
    command!(
        WEBHOOKS,
        &[Key::char('x'), Key::plain(KeyCode::Delete)],
        "x/Del",
        "delete",
        "Delete the webhook (asks first)",
        true,
        Delete,
        hook_any
    ),
];
