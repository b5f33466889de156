//! Variants in the product detail: `[`/`]` select a variant, h/l pick the
//! field, `p` edits its price and `e` the picked field, through
//! `PUT /catalog/products/{id}/variants/{variant_id}`.

use rust_decimal::Decimal;

use super::inline::{FieldKind, FieldValue, InlineEditor};
use super::log::LogRow;
use super::resource::refused;
use super::write_request::{Write, WriteFailure, Written};
use super::{Overlay, Pending, close, open, send};
use crate::api::models::{Variant, VariantWrite};
use crate::app::list::RequestId;
use crate::app::update::toast;
use crate::app::{AppState, Effect, ToastKind};

/// A variant field that can be edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VariantField {
    #[default]
    Price,
    SalePrice,
    RetailPrice,
    CostPrice,
    Sku,
    Inventory,
}

impl VariantField {
    /// Left to right.
    pub const ALL: [VariantField; 6] = [
        VariantField::Price,
        VariantField::SalePrice,
        VariantField::RetailPrice,
        VariantField::CostPrice,
        VariantField::Sku,
        VariantField::Inventory,
    ];

    /// Its name for people.
    pub fn label(self) -> &'static str {
        match self {
            VariantField::Price => "Price",
            VariantField::SalePrice => "Sale price",
            VariantField::RetailPrice => "Retail price",
            VariantField::CostPrice => "Cost price",
            VariantField::Sku => "SKU",
            VariantField::Inventory => "Stock",
        }
    }

    /// The field `steps` away, stopping at the ends.
    pub fn step(self, steps: isize) -> VariantField {
        let i = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Self::ALL[i.saturating_add_signed(steps).min(Self::ALL.len() - 1)]
    }

    fn kind(self) -> FieldKind {
        match self {
            VariantField::Sku => FieldKind::Text {
                required: true,
                max_chars: 255,
            },
            VariantField::Inventory => FieldKind::Count { min: 0 },
            _ => FieldKind::Money,
        }
    }

    /// The variant's value; an inherited price shows the calculated one.
    fn get(self, v: &Variant) -> FieldValue {
        let money = |m: Option<Decimal>| FieldValue::Money(m.unwrap_or(v.calculated_price));
        match self {
            VariantField::Price => money(v.price),
            VariantField::SalePrice => FieldValue::Money(v.sale_price.unwrap_or_default()),
            VariantField::RetailPrice => FieldValue::Money(v.retail_price.unwrap_or_default()),
            VariantField::CostPrice => FieldValue::Money(v.cost_price.unwrap_or_default()),
            VariantField::Sku => FieldValue::Text(v.sku.clone()),
            VariantField::Inventory => FieldValue::Count(v.inventory_level.unwrap_or(0)),
        }
    }

    /// The value as the detail showed it: a price the variant does not set
    /// itself reads `inherit` there (the product's price applies), others `-`.
    fn shown(self, v: &Variant, value: &FieldValue) -> String {
        let own = match self {
            VariantField::Price => v.price,
            VariantField::SalePrice => v.sale_price,
            VariantField::RetailPrice => v.retail_price,
            VariantField::CostPrice => v.cost_price,
            VariantField::Sku | VariantField::Inventory => return value.to_string(),
        };
        match (own, self) {
            (Some(_), _) => value.to_string(),
            (None, VariantField::Price) => "inherit".to_string(),
            (None, _) => "-".to_string(),
        }
    }

    fn write(self, value: &FieldValue) -> VariantWrite {
        let mut w = VariantWrite::default();
        match (self, value) {
            (VariantField::Price, FieldValue::Money(m)) => w.price = Some(Some(*m)),
            (VariantField::SalePrice, FieldValue::Money(m)) => w.sale_price = Some(Some(*m)),
            (VariantField::RetailPrice, FieldValue::Money(m)) => w.retail_price = Some(Some(*m)),
            (VariantField::CostPrice, FieldValue::Money(m)) => w.cost_price = Some(Some(*m)),
            (VariantField::Sku, FieldValue::Text(t)) => w.sku = Some(t.clone()),
            (VariantField::Inventory, FieldValue::Count(n)) => w.inventory_level = Some(*n),
            _ => {}
        }
        w
    }
}

/// A variant field being edited.
#[derive(Debug, Clone)]
pub struct VariantEdit {
    pub product_id: u64,
    pub variant_id: u64,
    pub field: VariantField,
    pub editor: InlineEditor,
}

fn selected_variant(state: &AppState) -> Option<&Variant> {
    let detail = state.products.detail.as_ref()?.data.as_ref()?;
    detail.product.variants.get(state.products.variant_cursor)
}

fn start(state: &mut AppState, field: VariantField) -> Vec<Effect> {
    let Some(variant) = selected_variant(state) else {
        return toast(
            state,
            ToastKind::Error,
            "This product has no variants to edit (p/e on the list edit the product)".into(),
        );
    };
    let editor = InlineEditor::new(
        format!("Variant {} {}", variant.sku, field.label().to_lowercase()),
        field.kind(),
        field.get(variant),
    );
    let edit = VariantEdit {
        product_id: variant.product_id,
        variant_id: variant.id,
        field,
        editor,
    };
    state.products.variant_column = field;
    open(state, Overlay::Variant(edit));
    Vec::new()
}

/// `p` in the product detail: the selected variant's price.
pub fn start_price(state: &mut AppState) -> Vec<Effect> {
    start(state, VariantField::Price)
}

/// `e` in the product detail: the selected variant's focused field.
pub fn start_inline(state: &mut AppState) -> Vec<Effect> {
    let field = state.products.variant_column;
    start(state, field)
}

/// Enter: validate and send only the changed field.
pub fn submit(state: &mut AppState) -> Vec<Effect> {
    let Some(Overlay::Variant(edit)) = state.edit.overlay.as_mut() else {
        return Vec::new();
    };
    let Some(value) = edit.editor.entered() else {
        return Vec::new();
    };
    let Some(Overlay::Variant(edit)) = close(state) else {
        return Vec::new();
    };
    if value == edit.editor.original {
        return toast(state, ToastKind::Info, "Unchanged; nothing sent".into());
    }
    let changes = edit.field.write(&value);
    let Some(shown) = selected_variant(state).filter(|v| v.id == edit.variant_id) else {
        return toast(
            state,
            ToastKind::Error,
            "The variant is no longer shown".into(),
        );
    };
    let expected = crate::api::compare::seen(shown, &changes);
    let row = LogRow {
        id: edit.product_id,
        subject: format!("#{} variant #{}", edit.product_id, edit.variant_id),
        field: edit.field.label().to_string(),
        old: edit.field.shown(shown, &edit.editor.original),
        new: value.to_string(),
    };
    let write = Write::UpdateVariant {
        product_id: edit.product_id,
        variant_id: edit.variant_id,
        changes,
        expected,
    };
    let pending = Pending::Variant {
        product_id: edit.product_id,
        variant_id: edit.variant_id,
    };
    send(state, write, pending, vec![row])
}

/// The variant write came back.
pub(super) fn saved(
    state: &mut AppState,
    request: RequestId,
    product_id: u64,
    variant_id: u64,
    result: Result<Written, WriteFailure>,
) -> Vec<Effect> {
    match result {
        Ok(Written::Variant(saved, product)) => {
            if let Some(product) = product {
                super::product::show_product(state, &product);
            }
            state.edit.log.finish(request, &[]);
            let text = state
                .edit
                .log
                .entries
                .iter()
                .rev()
                .find(|e| e.request == request)
                .map(|e| format!("Variant {} {} → {}", e.row.field, e.row.old, e.row.new))
                .unwrap_or_else(|| format!("Saved variant #{variant_id}"));
            if let Some(data) = state
                .products
                .detail
                .as_mut()
                .and_then(|d| d.data.as_mut())
                .filter(|d| d.product.id == product_id)
                && let Some(slot) = data
                    .product
                    .variants
                    .iter_mut()
                    .find(|v| v.id == variant_id)
            {
                *slot = *saved;
            }
            toast(state, ToastKind::Info, text)
        }
        Ok(_) => Vec::new(),
        Err(failure) => {
            let what = format!("Variant #{variant_id} not saved");
            refused(state, request, &what, &failure.message)
        }
    }
}
