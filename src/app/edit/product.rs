//! Product edits: `p` price, `e` inline field, `E` JSON in `$EDITOR`, the
//! lost-update guard's conflict prompt, and delete.

use std::borrow::Cow;

use super::confirm::{Confirm, Confirmed};
use super::external::{self, EditedJson};
use super::fields::{ProductField, apply_write, describe_changes, full_write};
use super::inline::InlineEditor;
use super::log::LogRow;
use super::write_request::Write;
use super::{Overlay, Pending, close, open, open_confirm, send, shown};
use crate::api::models::{Product, ProductRow, ProductWrite};
use crate::app::update::toast;
use crate::app::{AppState, Effect, Fetch, Tab, ToastKind};

/// A product cell being edited.
#[derive(Debug, Clone)]
pub struct InlineEdit {
    /// The product.
    pub id: u64,
    /// The field.
    pub field: ProductField,
    /// The editor.
    pub editor: InlineEditor,
}

/// The lost-update prompt: the product changed on the store since it was loaded.
#[derive(Debug, Clone)]
pub struct Conflict {
    /// The product as this view loaded it.
    pub loaded: Product,
    /// The product as it is on the store now.
    pub current: Product,
    /// What the user wanted to send.
    pub changes: ProductWrite,
}

impl Conflict {
    /// Lines that show both versions: what changed there and what you changed.
    pub fn lines(&self) -> Vec<String> {
        let fmt = |p: &Product| {
            p.date_modified.map_or("-".to_string(), |d| {
                d.format("%Y-%m-%d %H:%M:%S UTC").to_string()
            })
        };
        let mut lines = vec![
            format!(
                "#{} {} was changed by someone else since you loaded it.",
                self.loaded.id, self.loaded.name
            ),
            format!(
                "Modified: loaded {} · now {}",
                fmt(&self.loaded),
                fmt(&self.current)
            ),
        ];
        for field in ProductField::ALL {
            let (was, now) = (field.get(&self.loaded), field.get(&self.current));
            if was != now {
                lines.push(format!("{}: loaded {was} · theirs {now}", field.label()));
            }
        }
        for (label, _, yours) in describe_changes(&self.current, &self.changes) {
            lines.push(format!("Your change: {label} → {yours}"));
        }
        lines
    }
}

/// The product `id` as the detail or the list has it: the detail first, as it holds the
/// whole product; a list row only the list's fields (the rest left empty).
pub(super) fn find_product(state: &AppState, id: u64) -> Option<Cow<'_, Product>> {
    let products = &state.products;
    let whole = products.detail.as_ref().and_then(|d| d.data.as_ref());
    shown::find(whole.map(|d| &d.product), &products.list.rows, id)
}

/// Replaces product `product.id` wherever it is shown: as a [`ProductRow`] in the list, whole in
/// the detail (keeping its loaded variants).
pub(super) fn show_product(state: &mut AppState, product: &Product) {
    let products = &mut state.products;
    let whole = products.detail.as_mut().and_then(|d| d.data.as_mut());
    let keep = |now: &mut Product, before: Product| {
        if now.variants.is_empty() {
            now.variants = before.variants;
        }
    };
    let whole = whole.map(|d| &mut d.product);
    shown::show(&mut products.list.rows, whole, product, keep);
}

/// The product the keys act on: the open detail, else the selected row (its list fields).
fn target(state: &AppState) -> Option<Cow<'_, Product>> {
    if state.tab != Tab::Products {
        return None;
    }
    match &state.products.detail {
        Some(detail) => detail.data.as_ref().map(|d| Cow::Borrowed(&d.product)),
        None => state
            .products
            .list
            .selected()
            .map(|row| Cow::Owned(row.to_product())),
    }
}

/// `#123 Oak Board`.
pub(super) fn label(p: &Product) -> String {
    format!("#{} {}", p.id, p.name)
}

fn open_inline(state: &mut AppState, field: ProductField) -> Vec<Effect> {
    let Some(product) = state.products.list.selected() else {
        return Vec::new();
    };
    if state.edit.is_saving(product.id) {
        return toast(
            state,
            ToastKind::Error,
            format!("#{} is still saving; wait for it to finish", product.id),
        );
    }
    if field == ProductField::Inventory && &*product.inventory_tracking == "variant" {
        // The store ignores a product-level level here: refuse rather than report a
        // change that will not happen.
        let text = format!(
            "Stock of #{} is tracked per variant: open it (Enter) and edit each variant's stock",
            product.id
        );
        return toast(state, ToastKind::Error, text);
    }
    let editor = InlineEditor::new(
        field.label(),
        field.kind(),
        field.get(&product.to_product()),
    );
    let id = product.id;
    state.products.column = field;
    open(state, Overlay::Inline(InlineEdit { id, field, editor }));
    Vec::new()
}

/// `p`: edit the price of the selected product.
pub fn start_price(state: &mut AppState) -> Vec<Effect> {
    if state.products.detail.is_some() {
        return super::variant::start_price(state);
    }
    open_inline(state, ProductField::Price)
}

/// `e`: edit the focused column of the selected product.
pub fn start_inline(state: &mut AppState) -> Vec<Effect> {
    if state.products.detail.is_some() {
        return super::variant::start_inline(state);
    }
    let field = state.products.column;
    open_inline(state, field)
}

/// Enter in the inline editor: validate, then save only that field.
pub fn submit_inline(state: &mut AppState) -> Vec<Effect> {
    let Some(Overlay::Inline(edit)) = state.edit.overlay.as_mut() else {
        return Vec::new();
    };
    let Some(value) = edit.editor.entered() else {
        return Vec::new();
    };
    let (id, field, unchanged) = (edit.id, edit.field, value == edit.editor.original);
    close(state);
    if unchanged {
        return toast(
            state,
            ToastKind::Info,
            format!("{} unchanged; nothing sent", field.label()),
        );
    }
    save(state, id, field.write(&value), false)
}

/// Saves `changes` to product `id`: shows them at once as saving, and sends
/// them after the lost-update check (skipped when `force`).
pub(super) fn save(
    state: &mut AppState,
    id: u64,
    changes: ProductWrite,
    force: bool,
) -> Vec<Effect> {
    let Some(before) = find_product(state, id).map(Cow::into_owned) else {
        return toast(
            state,
            ToastKind::Error,
            format!("Product #{id} is no longer shown"),
        );
    };
    save_seen(state, before, changes, force)
}

/// Saves `changes` to product `before.id`, which the user saw as `before`.
fn save_seen(
    state: &mut AppState,
    before: Product,
    changes: ProductWrite,
    force: bool,
) -> Vec<Effect> {
    let id = before.id;
    let mut shown = before.clone();
    apply_write(&mut shown, &changes);
    show_product(state, &shown);
    let rows = describe_changes(&before, &changes)
        .into_iter()
        .map(|(field, old, new)| LogRow {
            id,
            subject: label(&before),
            field,
            old,
            new,
        })
        .collect();
    let write = Write::UpdateProduct {
        id,
        changes: changes.clone(),
        expected: crate::api::compare::seen(&before, &changes),
        force,
    };
    let pending = Pending::Product {
        before: Box::new(before),
        changes: Box::new(changes),
        undoable: true,
    };
    send(state, write, pending, rows)
}

/// `o` in the conflict prompt: send the change on top of their version.
pub fn conflict_overwrite(state: &mut AppState) -> Vec<Effect> {
    let Some(Overlay::Conflict(conflict)) = close(state) else {
        return Vec::new();
    };
    show_product(state, &conflict.current);
    let id = conflict.current.id;
    save(state, id, conflict.changes, true)
}

/// `r` in the conflict prompt: show their version and drop the change.
pub fn conflict_reload(state: &mut AppState) -> Vec<Effect> {
    let Some(Overlay::Conflict(conflict)) = close(state) else {
        return Vec::new();
    };
    show_product(state, &conflict.current);
    toast(
        state,
        ToastKind::Info,
        format!(
            "Reloaded #{}; your change was not sent",
            conflict.current.id
        ),
    )
}

/// Esc in the conflict prompt: nothing is sent.
pub fn conflict_cancel(state: &mut AppState, conflict: Conflict) -> Vec<Effect> {
    toast(
        state,
        ToastKind::Info,
        format!("Not saved; #{} left as it was", conflict.loaded.id),
    )
}

/// `E`: the product's writable fields as JSON in `$EDITOR`. The detail holds the whole
/// product; a list row only the list's fields, so from the list the product is read first
/// (offering a row's empty description would show it blank).
pub fn start_external(state: &mut AppState) -> Vec<Effect> {
    if state.products.detail.is_none()
        && let Some(id) = target(state).map(|p| p.id)
    {
        return external::read_first(state, Fetch::ProductForEditor { id });
    }
    // Owned: the editor's effects need `state` mutably.
    match target(state).map(Cow::into_owned) {
        Some(product) => open_editor(state, product),
        None => Vec::new(),
    }
}

/// Opens `product` (the whole record) in the editor.
pub fn open_editor(state: &mut AppState, product: Product) -> Vec<Effect> {
    external::edit_record(state, Tab::Products, product.id, &full_write(&product))
}

/// The editor closed on a product's JSON: send only what changed, checked against the
/// values the editor offered (a list row lacks most of them).
pub fn external_done(state: &mut AppState, json: EditedJson) -> Vec<Effect> {
    let found = |state: &AppState, id| find_product(state, id).map(Cow::into_owned);
    match external::edited_record(state, json, "Product", found, apply_write) {
        Ok((before, changes)) => save_seen(state, before, changes, false),
        Err(effects) => effects,
    }
}

/// `x` / Delete: confirm deleting the marked products, or the selected one.
pub fn start_delete(state: &mut AppState) -> Vec<Effect> {
    // Marks belong to the list; in the detail view `x` means this product.
    let pane = &state.products;
    let marked: Vec<&ProductRow> = match pane.detail {
        None => pane.list.marked_rows(&pane.marked, |p| p.id).collect(),
        Some(_) => Vec::new(),
    };
    let confirm = if marked.is_empty() {
        let Some(p) = target(state) else {
            return Vec::new();
        };
        Confirm::new(
            "Delete product?",
            vec![
                format!("ID:   {}", p.id),
                format!("Name: {}", p.name),
                format!("SKU:  {}", if p.sku.is_empty() { "-" } else { &p.sku }),
                String::new(),
                "This cannot be undone.".to_string(),
            ],
            "Delete",
            Confirmed::Delete {
                tab: Tab::Products,
                ids: vec![p.id],
            },
        )
    } else {
        let n = marked.len();
        let mut lines: Vec<String> = marked
            .iter()
            .map(|p| crate::app::words::labelled(p.id, &p.name, &p.sku))
            .collect();
        lines.push(String::new());
        lines.push("This cannot be undone.".to_string());
        let ids = marked.iter().map(|p| p.id).collect();
        Confirm::new(
            format!("Delete {n} product{}?", if n == 1 { "" } else { "s" }),
            lines,
            "Delete",
            Confirmed::Delete {
                tab: Tab::Products,
                ids,
            },
        )
    };
    open_confirm(state, confirm);
    Vec::new()
}

/// Sends the delete the user confirmed.
pub fn delete(state: &mut AppState, ids: Vec<u64>) -> Vec<Effect> {
    let rows = ids
        .iter()
        .map(|&id| {
            let subject = find_product(state, id).map_or_else(|| format!("#{id}"), |p| label(&p));
            LogRow::deleted("product", id, subject)
        })
        .collect();
    let write = Write::DeleteProducts { ids: ids.clone() };
    send(state, write, Pending::Delete { ids }, rows)
}
