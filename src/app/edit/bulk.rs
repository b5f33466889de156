//! Marks, the bulk price change (form → preview → batch apply) and undo.

use crossterm::event::{Event, KeyEvent};
use rust_decimal::{Decimal, RoundingStrategy};
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

use super::inline::plain_money;
use super::log::LogRow;
use super::product::find_product;
use super::write_request::{GuardedWrite, Write};
use super::{Overlay, Pending, UndoEntry, open, send};
use crate::api::models::{Product, ProductWrite};
use crate::app::update::toast;
use crate::app::{AppState, Effect, ToastKind};

/// Rounding applied after a bulk change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rounding {
    #[default]
    None,
    /// To the nearest price ending in .99.
    End99,
    /// To the nearest price ending in .95.
    End95,
    /// To the nearest whole amount.
    End00,
}

impl Rounding {
    const ALL: [Rounding; 4] = [
        Rounding::None,
        Rounding::End99,
        Rounding::End95,
        Rounding::End00,
    ];

    /// How the form shows it.
    pub fn label(self) -> &'static str {
        match self {
            Rounding::None => "none",
            Rounding::End99 => ".99",
            Rounding::End95 => ".95",
            Rounding::End00 => ".00",
        }
    }

    /// Rounds `price` to the nearest amount with this ending (never below the ending
    /// itself); `None` when the result is out of the decimal range.
    pub fn apply(self, price: Decimal) -> Option<Decimal> {
        let ending = match self {
            Rounding::None => return Some(price),
            Rounding::End99 => Decimal::new(99, 2),
            Rounding::End95 => Decimal::new(95, 2),
            Rounding::End00 => Decimal::ZERO,
        };
        let whole = price
            .checked_sub(ending)?
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        Some(whole.max(Decimal::ZERO).checked_add(ending)?.round_dp(2))
    }
}

/// The highest price a bulk change may set: beyond it the result is surely a typo.
pub const MAX_PRICE: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// A bulk operation parsed from what was typed: `9.99`, `+2`, `-1.5`, `+10%`, `-15%`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkOp {
    Set(Decimal),
    Add(Decimal),
    Subtract(Decimal),
    AddPercent(Decimal),
    SubtractPercent(Decimal),
}

impl BulkOp {
    /// Parses the amount text.
    pub fn parse(text: &str) -> Result<BulkOp, String> {
        let text = text.trim().replace(' ', "");
        let text = text.replace('−', "-");
        let (sign, rest) = match text.chars().next() {
            Some('+') => (Some(true), &text[1..]),
            Some('-') => (Some(false), &text[1..]),
            _ => (None, text.as_str()),
        };
        let (number, percent) = match rest.strip_suffix('%') {
            Some(n) => (n, true),
            None => (rest, false),
        };
        let value = super::inline::parse_money(number)?;
        Ok(match (sign, percent) {
            (None, false) => BulkOp::Set(value),
            (None, true) => return Err("a percentage needs + or -, e.g. +10%".to_string()),
            (Some(true), false) => BulkOp::Add(value),
            (Some(false), false) => BulkOp::Subtract(value),
            (Some(true), true) => BulkOp::AddPercent(value),
            (Some(false), true) => BulkOp::SubtractPercent(value),
        })
    }

    /// The new price for `old`, before rounding (percentages to the cent); `None`
    /// when the arithmetic leaves the decimal range (the preview skips that product).
    pub fn apply(self, old: Decimal) -> Option<Decimal> {
        let hundred = Decimal::ONE_HUNDRED;
        let percent = |factor: Decimal| {
            let new = old.checked_mul(factor)?.checked_div(hundred)?;
            Some(new.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
        };
        match self {
            BulkOp::Set(v) => Some(v),
            BulkOp::Add(v) => old.checked_add(v),
            BulkOp::Subtract(v) => old.checked_sub(v),
            BulkOp::AddPercent(p) => percent(hundred.checked_add(p)?),
            BulkOp::SubtractPercent(p) => percent(hundred.checked_sub(p)?),
        }
    }

    /// "set to 9.99", "+10 %".
    pub fn describe(self) -> String {
        match self {
            BulkOp::Set(v) => format!("set to {}", plain_money(v)),
            BulkOp::Add(v) => format!("+{}", plain_money(v)),
            BulkOp::Subtract(v) => format!("−{}", plain_money(v)),
            BulkOp::AddPercent(p) => format!("+{} %", p.normalize()),
            BulkOp::SubtractPercent(p) => format!("−{} %", p.normalize()),
        }
    }
}

/// The bulk price form: the amount typed and the rounding.
#[derive(Debug, Clone, Default)]
pub struct BulkForm {
    /// The marked products (ids in list order).
    pub ids: Vec<u64>,
    /// `9.99`, `+2`, `-10%`…
    pub amount: BulkAmount,
    pub rounding: Rounding,
    /// Why Enter was refused.
    pub error: Option<String>,
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
    /// Feeds a typed key to the amount.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
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

/// One product in the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkRow {
    pub id: u64,
    pub name: String,
    pub old: Decimal,
    /// `None` when the change would make the price negative or out of range (skipped).
    pub new: Option<Decimal>,
    /// The new price is under the product's cost price (flagged, still applied).
    pub below_cost: bool,
}

/// The preview: every product's old → new price; `y` applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkPreview {
    /// "+10 %, rounded to .99".
    pub description: String,
    pub rows: Vec<BulkRow>,
    pub scroll: u16,
}

/// Space: mark or unmark the selected row, then move down.
pub fn toggle_mark(state: &mut AppState) -> Vec<Effect> {
    let Some(id) = state.products.list.selected().map(|p| p.id) else {
        return Vec::new();
    };
    if !state.products.marked.remove(&id) {
        state.products.marked.insert(id);
    }
    let viewport = state.list_rows();
    state.products.list.move_by(1, viewport);
    Vec::new()
}

/// `V`: the first press remembers the row, the second marks every row between.
pub fn mark_range(state: &mut AppState) -> Vec<Effect> {
    let cursor = state.products.list.cursor;
    match state.products.range_start.take() {
        None => {
            state.products.range_start = Some(cursor);
            toast(
                state,
                ToastKind::Info,
                "Range start set; move and press V again to mark the range".into(),
            )
        }
        Some(start) => {
            let (from, to) = (start.min(cursor), start.max(cursor));
            let rows = &state.products.list.rows;
            let ids: Vec<u64> = rows[from.min(rows.len())..(to + 1).min(rows.len())]
                .iter()
                .map(|p| p.id)
                .collect();
            let n = ids.len();
            state.products.marked.extend(ids);
            toast(
                state,
                ToastKind::Info,
                format!("Marked {}", crate::app::words::counted(n, "row", "rows")),
            )
        }
    }
}

/// `*`: mark every loaded row (they all match the filter); again clears.
pub fn mark_all(state: &mut AppState) -> Vec<Effect> {
    let all: Vec<u64> = state.products.list.rows.iter().map(|p| p.id).collect();
    if !all.is_empty() && all.iter().all(|id| state.products.marked.contains(id)) {
        state.products.marked.clear();
    } else {
        state.products.marked.extend(all);
    }
    Vec::new()
}

/// `B`: the bulk form for the marked products.
pub fn start(state: &mut AppState) -> Vec<Effect> {
    let ids: Vec<u64> = state
        .products
        .list
        .rows
        .iter()
        .filter(|p| state.products.marked.contains(&p.id))
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

/// Enter in the form: compute every new price and show the preview.
pub fn preview(state: &mut AppState) -> Vec<Effect> {
    let Some(Overlay::BulkForm(form)) = state.edit.overlay.as_mut() else {
        return Vec::new();
    };
    let op = match BulkOp::parse(form.amount.input.value()) {
        Ok(op) => op,
        Err(reason) => {
            form.error = Some(reason);
            return Vec::new();
        }
    };
    let (ids, rounding) = (form.ids.clone(), form.rounding);
    let rows = ids
        .iter()
        .filter_map(|id| find_product(state, *id))
        .map(|p| {
            let new = op.apply(p.price).and_then(|new| rounding.apply(new));
            let new = new.filter(|new| *new >= Decimal::ZERO && *new <= MAX_PRICE);
            BulkRow {
                id: p.id,
                name: p.name.clone(),
                old: p.price,
                new,
                below_cost: new
                    .is_some_and(|new| p.cost_price > Decimal::ZERO && new < p.cost_price),
            }
        })
        .collect();
    let mut description = op.describe();
    if rounding != Rounding::None {
        description.push_str(&format!(", rounded to {}", rounding.label()));
    }
    open(
        state,
        Overlay::BulkPreview(BulkPreview {
            description,
            rows,
            scroll: 0,
        }),
    );
    Vec::new()
}

/// `y` in the preview: send the changes through the batch endpoint.
pub fn apply(state: &mut AppState, preview: BulkPreview) -> Vec<Effect> {
    let rows: Vec<&BulkRow> = preview
        .rows
        .iter()
        .filter(|r| r.new.is_some_and(|new| new != r.old))
        .collect();
    if rows.is_empty() {
        return toast(
            state,
            ToastKind::Info,
            "No price would change; nothing sent".into(),
        );
    }
    // Each write carries the price the preview showed, which the store must still hold.
    let changes: Vec<GuardedWrite> = rows
        .iter()
        .filter_map(|r| {
            let shown = find_product(state, r.id)?;
            let change = ProductWrite {
                id: Some(r.id),
                price: r.new,
                ..ProductWrite::default()
            };
            Some(GuardedWrite::over(shown, change))
        })
        .collect();
    let label = format!(
        "bulk change ({}) of {} products",
        preview.description,
        rows.len()
    );
    send_batch(state, changes, label, true)
}

/// Sends a batch of product writes, showing them at once as saving.
pub(super) fn send_batch(
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
        let Some(product) = find_product(state, id).cloned() else {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn operations_parse_and_apply() {
        assert_eq!(
            BulkOp::parse("9.99").unwrap().apply(d("5")),
            Some(d("9.99"))
        );
        assert_eq!(
            BulkOp::parse("+2").unwrap().apply(d("7.95")),
            Some(d("9.95"))
        );
        assert_eq!(
            BulkOp::parse("-1.5").unwrap().apply(d("7.95")),
            Some(d("6.45"))
        );
        assert_eq!(
            BulkOp::parse("+10%").unwrap().apply(d("7.95")),
            Some(d("8.75"))
        );
        assert_eq!(
            BulkOp::parse("-15 %").unwrap().apply(d("20")),
            Some(d("17.00"))
        );
        assert!(BulkOp::parse("10%").is_err());
        assert!(BulkOp::parse("abc").is_err());
    }

    #[test]
    fn rounding_goes_to_the_nearest_ending() {
        assert_eq!(Rounding::End99.apply(d("10.20")), Some(d("9.99")));
        assert_eq!(Rounding::End99.apply(d("10.70")), Some(d("10.99")));
        assert_eq!(Rounding::End95.apply(d("8.75")), Some(d("8.95")));
        assert_eq!(Rounding::End00.apply(d("8.49")), Some(d("8")));
        assert_eq!(Rounding::End99.apply(d("0.10")), Some(d("0.99")));
    }

    #[test]
    fn huge_prices_and_percentages_are_refused_not_panicked_on() {
        let op = BulkOp::parse("+999999999999%").unwrap();
        let huge = d("100000000000000000000");
        assert_eq!(op.apply(huge), None, "out of the decimal range");
        let max = Decimal::MAX;
        assert_eq!(BulkOp::Add(d("1")).apply(max), None);
        assert_eq!(BulkOp::Subtract(d("1")).apply(Decimal::MIN), None);
        assert_eq!(Rounding::End99.apply(Decimal::MIN), None);
        assert_eq!(
            BulkOp::parse("+10%").unwrap().apply(d("1e20")),
            Some(d("110000000000000000000"))
        );
    }
}
