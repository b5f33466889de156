//! The edit keys, as entries of the one key table (`keys::all_commands`
//! chains them after the base table), so dispatch, footer and help agree.
//! The product keys work on the Products tab only (their group says so).

use crossterm::event::KeyCode;

use super::Overlay;
use super::resource::{in_list, on_record, on_row};
use crate::app::keys::{Command, Group, Key, ModeKind};
use crate::app::{AppState, Tab};

const NORMAL: &[ModeKind] = &[ModeKind::Normal];
const EDIT: &[ModeKind] = &[ModeKind::Edit];
const PRODUCTS: Group = Group::Tab(Tab::Products);

fn product_detail(state: &AppState) -> bool {
    state.products.detail.as_ref().is_some_and(|d| {
        d.data
            .as_ref()
            .is_some_and(|d| !d.product.variants.is_empty())
    })
}
fn price_target(state: &AppState) -> bool {
    on_row(state) || product_detail(state)
}
fn has_marks(state: &AppState) -> bool {
    in_list(state) && !state.products.marked.is_empty()
}
fn has_failed(state: &AppState) -> bool {
    in_list(state) && super::failed::any_in_view(state)
}
fn overlay(state: &AppState, f: fn(&Overlay) -> bool) -> bool {
    state.edit.overlay.as_ref().is_some_and(f)
}
fn asks_yes(state: &AppState) -> bool {
    overlay(state, |o| {
        matches!(o, Overlay::Confirm(_) | Overlay::BulkPreview(_))
    })
}
fn offers_retry(state: &AppState) -> bool {
    overlay(
        state,
        |o| matches!(o, Overlay::Confirm(c) if c.retry.is_some()),
    )
}
fn takes_enter(state: &AppState) -> bool {
    overlay(state, |o| {
        matches!(
            o,
            Overlay::Inline(_)
                | Overlay::Variant(_)
                | Overlay::BulkForm(_)
                | Overlay::Create(_)
                | Overlay::Form(_)
                | Overlay::CustomerCell(_)
        )
    })
}
fn conflict(state: &AppState) -> bool {
    overlay(state, |o| matches!(o, Overlay::Conflict(_)))
}
fn scrolls(state: &AppState) -> bool {
    overlay(state, |o| {
        matches!(
            o,
            Overlay::Confirm(_) | Overlay::BulkPreview(_) | Overlay::Report(_)
        )
    })
}
fn scrolls_list(state: &AppState) -> bool {
    overlay(state, |o| {
        matches!(o, Overlay::BulkPreview(_) | Overlay::Report(_))
    })
}
fn reads_report(state: &AppState) -> bool {
    overlay(state, |o| matches!(o, Overlay::Report(_)))
}
fn has_fields(state: &AppState) -> bool {
    overlay(state, |o| {
        matches!(
            o,
            Overlay::BulkForm(_) | Overlay::Create(_) | Overlay::Form(_)
        )
    })
}
fn always(_: &AppState) -> bool {
    true
}

macro_rules! command {
    ($keys:expr, $label:expr, $name:expr, $description:expr, $group:expr, $footer:expr, $intent:ident, $modes:expr, $available:expr) => {
        $crate::app::keys::Command {
            keys: $keys,
            label: $label,
            name: $name,
            description: $description,
            group: $group,
            in_footer: $footer,
            intent: $crate::app::keys::Intent::Edit($crate::app::edit::EditIntent::$intent),
            modes: $modes,
            available: $available,
        }
    };
}
pub(super) use command;

/// `E` on a record of `$group`: its JSON (`$noun`'s) in `$EDITOR`.
macro_rules! external_key {
    ($noun:literal, $group:expr) => {
        $crate::app::edit::keys::command!(
            &[$crate::app::keys::Key::char('E')],
            "E",
            "$EDITOR",
            concat!(
                "Edit the ",
                $noun,
                "'s JSON in $EDITOR; only changed fields are sent"
            ),
            $group,
            false,
            External,
            &[$crate::app::keys::ModeKind::Normal],
            $crate::app::edit::resource::on_record
        )
    };
}
pub(super) use external_key;

/// `e` on `$group` where `$available` says: edit in place, described as `$description`.
macro_rules! edit_key {
    ($description:expr, $group:expr, $available:expr) => {
        $crate::app::edit::keys::command!(
            &[$crate::app::keys::Key::char('e')],
            "e",
            "edit",
            $description,
            $group,
            true,
            Inline,
            &[$crate::app::keys::ModeKind::Normal],
            $available
        )
    };
}
pub(super) use edit_key;

/// `x` / Delete on `$group` where `$available` says, described as `$description`.
macro_rules! delete_key {
    ($description:expr, $group:expr, $available:expr) => {
        $crate::app::edit::keys::command!(
            &[
                $crate::app::keys::Key::char('x'),
                $crate::app::keys::Key::plain(crossterm::event::KeyCode::Delete),
            ],
            "x/Del",
            "delete",
            $description,
            $group,
            true,
            Delete,
            &[$crate::app::keys::ModeKind::Normal],
            $available
        )
    };
}
pub(super) use delete_key;

/// Edit keys: products list and detail (normal mode), then editors and dialogs.
pub static EDIT_COMMANDS: &[Command] = &[
    command!(
        &[Key::char('p')],
        "p",
        "price",
        "Edit the price (row or selected variant); typing replaces it",
        PRODUCTS,
        true,
        Price,
        NORMAL,
        price_target
    ),
    edit_key!(
        "Edit the focused column inline (h/l or ←/→ pick it)",
        PRODUCTS,
        price_target
    ),
    external_key!("product", PRODUCTS),
    delete_key!(
        "Delete the product (or the marked ones) after confirming",
        PRODUCTS,
        on_record
    ),
    command!(
        &[Key::char(' ')],
        "Space",
        "mark",
        "Mark or unmark the row",
        PRODUCTS,
        true,
        Mark,
        NORMAL,
        on_row
    ),
    command!(
        &[Key::char('V')],
        "V",
        "range",
        "Mark a range: press at the start, move, press again",
        PRODUCTS,
        false,
        MarkRange,
        NORMAL,
        on_row
    ),
    command!(
        &[Key::char('*')],
        "*",
        "mark all",
        "Mark every loaded row (again: clear the marks)",
        PRODUCTS,
        false,
        MarkAll,
        NORMAL,
        on_row
    ),
    command!(
        &[Key::char('B')],
        "B",
        "bulk price",
        "Bulk price change of the marked rows, with a preview",
        PRODUCTS,
        true,
        Bulk,
        NORMAL,
        has_marks
    ),
    command!(
        &[Key::char('u')],
        "u",
        "undo",
        "Undo the last edit or bulk change",
        PRODUCTS,
        true,
        Undo,
        NORMAL,
        always
    ),
    command!(
        &[Key::char('R')],
        "R",
        "retry failed",
        "Retry the failed writes of this view (rows marked !)",
        PRODUCTS,
        true,
        Retry,
        NORMAL,
        has_failed
    ),
    command!(
        &[Key::char('f')],
        "f",
        "filters",
        "Filters: stock, hidden, brand, category (on the server, combined)",
        PRODUCTS,
        true,
        FilterProducts,
        NORMAL,
        in_list
    ),
    command!(
        &[Key::char('c')],
        "c",
        "create",
        "Create a product",
        PRODUCTS,
        true,
        Create,
        NORMAL,
        in_list
    ),
    command!(
        &[Key::char('h'), Key::plain(KeyCode::Left)],
        "h/←",
        "column",
        "Focus the column to the left (what e edits)",
        PRODUCTS,
        false,
        ColumnLeft,
        NORMAL,
        price_target
    ),
    command!(
        &[Key::char('l'), Key::plain(KeyCode::Right)],
        "l/→",
        "column",
        "Focus the column to the right",
        PRODUCTS,
        false,
        ColumnRight,
        NORMAL,
        price_target
    ),
    command!(
        &[Key::char(']')],
        "]",
        "next variant",
        "Select the next variant (product detail)",
        PRODUCTS,
        false,
        NextVariant,
        NORMAL,
        product_detail
    ),
    command!(
        &[Key::char('[')],
        "[",
        "previous variant",
        "Select the previous variant",
        PRODUCTS,
        false,
        PrevVariant,
        NORMAL,
        product_detail
    ),
    command!(
        &[Key::char('y')],
        "y",
        "yes",
        "Confirm (any other key cancels)",
        Group::Typing,
        true,
        Yes,
        EDIT,
        asks_yes
    ),
    command!(
        &[Key::char('r')],
        "r",
        "retry",
        "Send again the earlier run's writes that were not applied",
        Group::Typing,
        true,
        RetryUnknown,
        EDIT,
        offers_retry
    ),
    command!(
        &[Key::plain(KeyCode::Enter)],
        "Enter",
        "save",
        "Save the value / show the preview",
        Group::Typing,
        true,
        Submit,
        EDIT,
        takes_enter
    ),
    command!(
        &[Key::char('o')],
        "o",
        "overwrite",
        "Conflict: save your change over theirs",
        Group::Typing,
        true,
        Overwrite,
        EDIT,
        conflict
    ),
    command!(
        &[Key::char('r')],
        "r",
        "reload",
        "Conflict: take their version, drop yours",
        Group::Typing,
        true,
        Reload,
        EDIT,
        conflict
    ),
    command!(
        &[Key::plain(KeyCode::Down)],
        "↓",
        "scroll",
        "Scroll the dialog or list",
        Group::Typing,
        false,
        ScrollDown,
        EDIT,
        scrolls
    ),
    command!(
        &[Key::plain(KeyCode::Up)],
        "↑",
        "scroll",
        "Scroll the dialog or list",
        Group::Typing,
        false,
        ScrollUp,
        EDIT,
        scrolls
    ),
    command!(
        &[Key::char('j')],
        "j",
        "scroll",
        "Scroll the preview or list (in a yes/no dialog j cancels)",
        Group::Typing,
        false,
        ScrollDown,
        EDIT,
        scrolls_list
    ),
    command!(
        &[Key::char('k')],
        "k",
        "scroll",
        "Scroll the preview or list",
        Group::Typing,
        false,
        ScrollUp,
        EDIT,
        scrolls_list
    ),
    command!(
        &[Key::plain(KeyCode::PageDown)],
        "PgDn",
        "page down",
        "Scroll the list one screen down",
        Group::Typing,
        false,
        ScrollPageDown,
        EDIT,
        reads_report
    ),
    command!(
        &[Key::plain(KeyCode::PageUp)],
        "PgUp",
        "page up",
        "Scroll the list one screen up",
        Group::Typing,
        false,
        ScrollPageUp,
        EDIT,
        reads_report
    ),
    command!(
        &[Key::char('G'), Key::plain(KeyCode::End)],
        "G/End",
        "newest",
        "Jump to the end of the list (the newest writes in :log)",
        Group::Typing,
        true,
        ScrollBottom,
        EDIT,
        reads_report
    ),
    command!(
        &[Key::char('g'), Key::plain(KeyCode::Home)],
        "g/Home",
        "oldest",
        "Jump to the start of the list",
        Group::Typing,
        false,
        ScrollTop,
        EDIT,
        reads_report
    ),
    command!(
        &[Key::plain(KeyCode::Tab)],
        "Tab",
        "next",
        "Next field (bulk form: rounding)",
        Group::Typing,
        true,
        NextField,
        EDIT,
        has_fields
    ),
    command!(
        &[Key::plain(KeyCode::BackTab)],
        "S-Tab",
        "previous",
        "Previous field",
        Group::Typing,
        false,
        PrevField,
        EDIT,
        has_fields
    ),
    command!(
        &[Key::plain(KeyCode::Esc)],
        "Esc",
        "cancel",
        "Close the editor or dialog without saving",
        Group::Typing,
        true,
        Cancel,
        EDIT,
        always
    ),
];
