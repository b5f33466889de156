//! The bulk change preview. Enter in the form re-reads the marked products
//! (`id:in`, 250 a request, with their variants) so the preview shows what the
//! store holds now: a row that changed since the list showed it says so, with
//! both values. `y` sends the writes, each guarded by the value the preview
//! showed, so a change made while the preview is open is still never overwritten.

use rust_decimal::Decimal;

use super::bulk::{BulkForm, BulkOp, MAX_PRICE, RoundDirection, Rounding};
use super::inline::FieldValue;
use super::product::{find_product, show_product};
use super::write_request::{GuardedWrite, VariantPrice, Write};
use super::{Overlay, ProductField, close, open};
use crate::api::models::Product;
use crate::app::list::RequestId;
use crate::app::update::toast;
use crate::app::{AppState, Effect, Fetch, ToastKind};

/// One product in the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkRow {
    pub id: u64,
    pub name: String,
    /// The value the store holds now.
    pub old: Decimal,
    /// `None` when the change would make the price negative or out of range (skipped).
    pub new: Option<Decimal>,
    /// The product would sell below its cost price (flagged, still applied).
    pub below_cost: bool,
    /// What the list showed, when the store holds something else now.
    pub seen: Option<Decimal>,
    /// Its variants that keep a price of their own (a product price change
    /// does not reach them).
    pub variants: Vec<VariantRow>,
}

/// A variant with its own price, shown under its product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantRow {
    pub id: u64,
    pub sku: String,
    pub price: Decimal,
    /// Its price after the same change, if it is included (`None`: out of range).
    pub new: Option<Decimal>,
}

/// The preview: every product's old → new value; `y` applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkPreview {
    /// The price changed.
    pub field: ProductField,
    /// "+10 %, rounded up to .99".
    pub description: String,
    pub rows: Vec<BulkRow>,
    pub scroll: u16,
    /// `v`: the variants with their own price change too.
    pub include_variants: bool,
}

impl BulkPreview {
    /// Rows whose value changed in the store since the list showed it.
    pub fn changed_since_seen(&self) -> usize {
        self.rows.iter().filter(|r| r.seen.is_some()).count()
    }

    /// Variants that keep their own price, over all rows.
    pub fn own_price_variants(&self) -> usize {
        self.rows.iter().map(|r| r.variants.len()).sum()
    }

    /// The variant prices `y` sends: none unless `v` included them.
    pub fn variant_prices(&self) -> Vec<VariantPrice> {
        if !self.include_variants {
            return Vec::new();
        }
        self.rows
            .iter()
            .flat_map(|row| {
                row.variants.iter().filter_map(|v| {
                    let price = v.new.filter(|new| *new != v.price)?;
                    Some(VariantPrice {
                        product_id: row.id,
                        variant_id: v.id,
                        seen: Some(v.price),
                        price,
                    })
                })
            })
            .collect()
    }
}

/// `v` in the preview: the variants with their own price change too, or not.
pub fn toggle_variants(state: &mut AppState) -> Vec<Effect> {
    match state.edit.overlay.as_mut() {
        Some(Overlay::BulkPreview(preview)) if preview.own_price_variants() > 0 => {
            preview.include_variants = !preview.include_variants;
        }
        _ => state.changed = false,
    }
    Vec::new()
}

fn money(value: FieldValue) -> Decimal {
    match value {
        FieldValue::Money(m) => m,
        _ => Decimal::ZERO,
    }
}

/// Enter in the form: check the amount, then read the marked products again.
pub fn preview(state: &mut AppState) -> Vec<Effect> {
    let request = state.next_id();
    let Some(Overlay::BulkForm(form)) = state.edit.overlay.as_mut() else {
        return Vec::new();
    };
    if form.reading.is_some() {
        return Vec::new();
    }
    if let Err(reason) = BulkOp::parse(form.amount.input.value()) {
        form.error = Some(reason);
        return Vec::new();
    }
    form.error = None;
    form.reading = Some(request);
    vec![Effect::Fetch {
        request,
        fetch: Fetch::ProductsById(form.ids.clone()),
    }]
}

/// The re-read came back: the preview, from what the store holds now.
pub fn reread(
    state: &mut AppState,
    request: RequestId,
    result: Result<Vec<Product>, String>,
) -> Vec<Effect> {
    let waiting = matches!(
        &state.edit.overlay,
        Some(Overlay::BulkForm(form)) if form.reading == Some(request)
    );
    if !waiting {
        state.changed = false;
        return Vec::new();
    }
    let current = match result {
        Ok(products) => products,
        Err(message) => {
            if let Some(Overlay::BulkForm(form)) = state.edit.overlay.as_mut() {
                form.reading = None;
                form.error = Some(format!("Could not read the products again: {message}"));
            }
            return Vec::new();
        }
    };
    let Some(Overlay::BulkForm(form)) = close(state) else {
        return Vec::new();
    };
    let op = match BulkOp::parse(form.amount.input.value()) {
        Ok(op) => op,
        Err(_) => return Vec::new(),
    };
    let mut rows = Vec::new();
    for id in &form.ids {
        let Some(now) = current.iter().find(|p| p.id == *id) else {
            continue;
        };
        let seen = find_product(state, *id).map(|p| money(form.field.get(&p)));
        rows.push(row(&form, op, now, seen));
        show_product(state, now);
    }
    let gone = form.ids.len() - rows.len();
    let preview = BulkPreview {
        field: form.field,
        description: describe(&form, op),
        rows,
        scroll: 0,
        include_variants: false,
    };
    open(state, Overlay::BulkPreview(preview));
    if gone > 0 {
        return toast(
            state,
            ToastKind::Error,
            format!("{gone} of the marked products are no longer in the store"),
        );
    }
    Vec::new()
}

/// "Sale price +10 %, rounded up to .99".
fn describe(form: &BulkForm, op: BulkOp) -> String {
    let mut description = format!("{} {}", form.field.label(), op.describe());
    if form.rounding != Rounding::None {
        let direction = match form.direction {
            RoundDirection::Nearest => "",
            RoundDirection::Up => " up",
            RoundDirection::Down => " down",
        };
        description.push_str(&format!(
            ", rounded{direction} to {}",
            form.rounding.label()
        ));
    }
    description
}

/// The preview row of product `now` (as the store holds it), `seen` being the
/// value the list showed.
fn row(form: &BulkForm, op: BulkOp, now: &Product, seen: Option<Decimal>) -> BulkRow {
    let old = money(form.field.get(now));
    let new = new_value(form, op, old);
    let below_cost = new.is_some_and(|new| {
        let value = |field: ProductField, stored: Decimal| {
            if form.field == field { new } else { stored }
        };
        let cost = value(ProductField::CostPrice, now.cost_price);
        let price = value(ProductField::Price, now.price);
        let sale = value(ProductField::SalePrice, now.sale_price);
        cost > Decimal::ZERO && (price < cost || (sale > Decimal::ZERO && sale < cost))
    });
    let variants = if form.field == ProductField::Price {
        now.variants
            .iter()
            .filter_map(|v| {
                v.price.map(|price| VariantRow {
                    id: v.id,
                    sku: v.sku.clone(),
                    price,
                    new: new_value(form, op, price),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    BulkRow {
        id: now.id,
        name: now.name.clone(),
        old,
        new,
        below_cost,
        seen: seen.filter(|seen| *seen != old),
        variants,
    }
}

/// `old` after the change and the rounding; `None` when out of range.
fn new_value(form: &BulkForm, op: BulkOp, old: Decimal) -> Option<Decimal> {
    op.apply(old)
        .and_then(|new| form.rounding.apply(new, form.direction))
        .filter(|new| *new >= Decimal::ZERO && *new <= MAX_PRICE)
}

/// `y` in the preview: send the changes through the batch endpoint.
pub fn apply(state: &mut AppState, preview: BulkPreview) -> Vec<Effect> {
    let rows: Vec<&BulkRow> = preview
        .rows
        .iter()
        .filter(|r| r.new.is_some_and(|new| new != r.old))
        .collect();
    let variant_prices = preview.variant_prices();
    if rows.is_empty() && variant_prices.is_empty() {
        return toast(
            state,
            ToastKind::Info,
            "No price would change; nothing sent".into(),
        );
    }
    // Each write carries the value the preview showed, which the store must still hold.
    let changes: Vec<GuardedWrite> = rows
        .iter()
        .filter_map(|r| {
            let shown = find_product(state, r.id)?;
            let mut change = preview.field.write(&FieldValue::Money(r.new?));
            change.id = Some(r.id);
            Some(GuardedWrite::over(&shown, change))
        })
        .collect();
    let mut effects = Vec::new();
    if !changes.is_empty() {
        let label = format!(
            "bulk change ({}) of {} products",
            preview.description,
            rows.len()
        );
        effects.extend(super::bulk::send_batch(state, changes, label, true));
    }
    if !variant_prices.is_empty() {
        effects.extend(send_variant_prices(state, variant_prices));
    }
    effects
}

/// Sends the variants' new prices, logged one line per variant.
fn send_variant_prices(state: &mut AppState, items: Vec<VariantPrice>) -> Vec<Effect> {
    let rows = items
        .iter()
        .map(|item| super::log::LogRow {
            // By variant id, so the log marks each variant's own outcome.
            id: item.variant_id,
            subject: format!(
                "variant #{} of product #{}",
                item.variant_id, item.product_id
            ),
            field: "Variant price".to_string(),
            old: item
                .seen
                .map_or_else(|| "inherit".to_string(), super::inline::plain_money),
            new: super::inline::plain_money(item.price),
        })
        .collect();
    let count = items.len();
    super::send(
        state,
        Write::UpdateVariantPrices { items },
        super::Pending::VariantPrices { count },
        rows,
    )
}
