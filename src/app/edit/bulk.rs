//! Marks, the bulk price form, the batch send and undo. The preview (re-read,
//! old → new, apply) is in [`super::bulk_preview`], the arithmetic in
//! [`super::bulk_math`].

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

pub use super::bulk_math::{BulkOp, MAX_PRICE, RoundDirection, Rounding};
pub use super::bulk_preview::{BulkPreview, BulkRow, VariantRow};
use super::log::LogRow;
use super::product::find_product;
use super::write_request::{GuardedWrite, Write};
use super::{Overlay, Pending, ProductField, UndoEntry, open, send};
use crate::api::models::Product;
use crate::app::list::RequestId;
use crate::app::update::toast;
use crate::app::{AppState, Effect, ToastKind};

/// The prices a bulk change can set, in the order `f` cycles through them.
pub const BULK_FIELDS: [ProductField; 4] = [
    ProductField::Price,
    ProductField::SalePrice,
    ProductField::RetailPrice,
    ProductField::CostPrice,
];

/// The bulk price form: which price, the amount typed and the rounding.
#[derive(Debug, Clone, Default)]
pub struct BulkForm {
    /// The marked products (ids in list order).
    pub ids: Vec<u64>,
    /// The price changed (one of [`BULK_FIELDS`]).
    pub field: ProductField,
    /// `9.99`, `+2`, `-10%`…
    pub amount: BulkAmount,
    pub rounding: Rounding,
    pub direction: RoundDirection,
    /// Why Enter was refused.
    pub error: Option<String>,
    /// The re-read of the marked products under way (Enter was pressed).
    pub reading: Option<RequestId>,
}

/// The amount input of the bulk form.
#[derive(Debug, Clone, Default)]
pub struct BulkAmount {
    pub input: Input,
}

impl BulkAmount {
    /// Inserts pasted text.
    pub fn paste(&mut self, text: &str) {
        for c in text.chars().filter(|c| !c.is_control()) {
            self.input.handle(tui_input::InputRequest::InsertChar(c));
        }
    }
}

impl BulkForm {
    /// Feeds a typed key to the amount; `f` picks the next price and `d` the next
    /// rounding direction (an amount never holds letters).
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        if self.reading.is_some() {
            return false;
        }
        if key.modifiers == KeyModifiers::NONE || key.modifiers == KeyModifiers::SHIFT {
            match key.code {
                KeyCode::Char('f') => {
                    let i = BULK_FIELDS.iter().position(|f| *f == self.field);
                    let next = i.map_or(0, |i| (i + 1) % BULK_FIELDS.len());
                    self.field = BULK_FIELDS[next];
                    return true;
                }
                KeyCode::Char('d') => {
                    self.direction = self.direction.next();
                    return true;
                }
                _ => {}
            }
        }
        let changed = to_input_request(&Event::Key(*key))
            .and_then(|request| self.amount.input.handle(request))
            .is_some_and(|response| response.value);
        if changed {
            self.error = None;
        }
        changed
    }

    /// Tab: the next rounding.
    pub fn cycle_rounding(&mut self, delta: isize) {
        let i = Rounding::ALL
            .iter()
            .position(|r| *r == self.rounding)
            .unwrap_or(0);
        let n = Rounding::ALL.len() as isize;
        self.rounding = Rounding::ALL[(i as isize + delta).rem_euclid(n) as usize];
    }
}

/// Space: mark or unmark the selected row, then move down.
pub fn toggle_mark(state: &mut AppState) -> Vec<Effect> {
    let viewport = state.list_rows();
    let pane = &mut state.products;
    pane.list.toggle_mark(&mut pane.marked, |p| p.id, viewport);
    Vec::new()
}

/// `V`: the first press remembers the row, the second marks every row between.
pub fn mark_range(state: &mut AppState) -> Vec<Effect> {
    let pane = &mut state.products;
    let text = match pane
        .list
        .mark_range(&mut pane.marked, &mut pane.range_start, |p| p.id)
    {
        None => "Range start set; move and press V again to mark the range".to_string(),
        Some(n) => format!("Marked {}", crate::app::words::counted(n, "row", "rows")),
    };
    toast(state, ToastKind::Info, text)
}

/// `*`: mark every loaded row (they all match the filter); again clears.
pub fn mark_all(state: &mut AppState) -> Vec<Effect> {
    let pane = &mut state.products;
    pane.list.mark_all(&mut pane.marked, |p| p.id);
    Vec::new()
}

/// `B`: the bulk form for the marked products.
pub fn start(state: &mut AppState) -> Vec<Effect> {
    let pane = &state.products;
    let ids: Vec<u64> = pane
        .list
        .marked_rows(&pane.marked, |p| p.id)
        .map(|p| p.id)
        .collect();
    if ids.is_empty() {
        return toast(
            state,
            ToastKind::Error,
            "Mark products first (Space, V for a range, * for all loaded)".into(),
        );
    }
    open(
        state,
        Overlay::BulkForm(BulkForm {
            ids,
            ..BulkForm::default()
        }),
    );
    Vec::new()
}

/// Sends a batch of product writes, showing them at once as saving.
pub(crate) fn send_batch(
    state: &mut AppState,
    items: Vec<GuardedWrite>,
    label: String,
    undoable: bool,
) -> Vec<Effect> {
    let mut before: Vec<Product> = Vec::new();
    let mut log_rows = Vec::new();
    for item in &items {
        let change = &item.changes;
        let Some(id) = change.id else { continue };
        let Some(product) = find_product(state, id).map(std::borrow::Cow::into_owned) else {
            continue;
        };
        for (field, old, new) in super::fields::describe_changes(&product, change) {
            log_rows.push(LogRow {
                id,
                subject: super::product::label(&product),
                field,
                old,
                new,
            });
        }
        let mut shown = product.clone();
        super::fields::apply_write(&mut shown, change);
        super::product::show_product(state, &shown);
        before.push(product);
    }
    let total = items.len();
    let pending = Pending::Batch {
        label,
        before,
        writes: items.clone(),
        undoable,
    };
    let effects = send(state, Write::UpdateProducts { items }, pending, log_rows);
    if let Some(Effect::Write { request, .. }) = effects.first() {
        state.edit.progress = Some(super::Progress {
            request: *request,
            done: 0,
            total,
        });
    }
    effects
}

/// `u`: write back the old values of the last edit or bulk change.
pub fn undo(state: &mut AppState) -> Vec<Effect> {
    let Some(entry) = state.edit.undo.pop() else {
        return toast(state, ToastKind::Info, "Nothing to undo".into());
    };
    let label = format!("undo of {}", entry.label);
    let mut effects = toast(state, ToastKind::Info, format!("Undoing {}…", entry.label));
    effects.extend(send_batch(state, entry.restore, label, false));
    effects
}

/// Records an undoable change; each restore write expects the store to still hold
/// what we wrote.
pub(super) fn push_undo(state: &mut AppState, label: String, restore: Vec<GuardedWrite>) {
    if !restore.is_empty() {
        state.edit.undo.push(UndoEntry { label, restore });
    }
}
