//! The product fields bctui edits inline: how to read one from a product,
//! put it back, and turn it into a write that sends only that field.

use crate::api::models::{Availability, Product, ProductWrite};

use super::inline::{FieldKind, FieldValue};

/// A product field that can be edited inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ProductField {
    Name,
    Sku,
    #[default]
    Price,
    SalePrice,
    RetailPrice,
    CostPrice,
    Inventory,
    Visible,
    Availability,
}

/// The availability values, in the order space cycles through them.
pub const AVAILABILITIES: [&str; 3] = ["available", "disabled", "preorder"];

impl ProductField {
    /// Editable fields, left to right (the order h/l move through).
    pub const ALL: [ProductField; 9] = [
        ProductField::Name,
        ProductField::Sku,
        ProductField::Price,
        ProductField::SalePrice,
        ProductField::RetailPrice,
        ProductField::CostPrice,
        ProductField::Inventory,
        ProductField::Visible,
        ProductField::Availability,
    ];

    /// The field's name for people ("Sale price").
    pub fn label(self) -> &'static str {
        match self {
            ProductField::Name => "Name",
            ProductField::Sku => "SKU",
            ProductField::Price => "Price",
            ProductField::SalePrice => "Sale price",
            ProductField::RetailPrice => "Retail price",
            ProductField::CostPrice => "Cost price",
            ProductField::Inventory => "Stock",
            ProductField::Visible => "Visible",
            ProductField::Availability => "Availability",
        }
    }

    /// The field `steps` to the right (negative: left), stopping at the ends.
    pub fn step(self, steps: isize) -> ProductField {
        let i = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        let target = i.saturating_add_signed(steps).min(Self::ALL.len() - 1);
        Self::ALL[target]
    }

    /// What values the field takes.
    pub fn kind(self) -> FieldKind {
        match self {
            ProductField::Name => FieldKind::Text {
                required: true,
                max_chars: 250,
            },
            ProductField::Sku => FieldKind::Text {
                required: false,
                max_chars: 255,
            },
            ProductField::Price
            | ProductField::SalePrice
            | ProductField::RetailPrice
            | ProductField::CostPrice => FieldKind::Money,
            ProductField::Inventory => FieldKind::Count { min: 0 },
            ProductField::Visible => FieldKind::Flag,
            ProductField::Availability => {
                FieldKind::Choice(AVAILABILITIES.iter().map(|s| s.to_string()).collect())
            }
        }
    }

    /// The field's value in `product`.
    pub fn get(self, p: &Product) -> FieldValue {
        match self {
            ProductField::Name => FieldValue::Text(p.name.clone()),
            ProductField::Sku => FieldValue::Text(p.sku.clone()),
            ProductField::Price => FieldValue::Money(p.price),
            ProductField::SalePrice => FieldValue::Money(p.sale_price),
            ProductField::RetailPrice => FieldValue::Money(p.retail_price),
            ProductField::CostPrice => FieldValue::Money(p.cost_price),
            ProductField::Inventory => FieldValue::Count(p.inventory_level),
            ProductField::Visible => FieldValue::Flag(p.is_visible),
            ProductField::Availability => FieldValue::Choice(p.availability.as_str().to_string()),
        }
    }

    /// A write that sets only this field to `value` (no id).
    pub fn write(self, value: &FieldValue) -> ProductWrite {
        let mut w = ProductWrite::default();
        match (self, value) {
            (ProductField::Name, FieldValue::Text(t)) => w.name = Some(t.clone()),
            (ProductField::Sku, FieldValue::Text(t)) => w.sku = Some(t.clone()),
            (ProductField::Price, FieldValue::Money(m)) => w.price = Some(*m),
            (ProductField::SalePrice, FieldValue::Money(m)) => w.sale_price = Some(*m),
            (ProductField::RetailPrice, FieldValue::Money(m)) => w.retail_price = Some(*m),
            (ProductField::CostPrice, FieldValue::Money(m)) => w.cost_price = Some(*m),
            (ProductField::Inventory, FieldValue::Count(n)) => w.inventory_level = Some(*n),
            (ProductField::Visible, FieldValue::Flag(b)) => w.is_visible = Some(*b),
            (ProductField::Availability, FieldValue::Choice(c)) => {
                w.availability = Some(availability(c));
            }
            _ => {}
        }
        w
    }
}

fn availability(text: &str) -> Availability {
    match text {
        "disabled" => Availability::Disabled,
        "preorder" => Availability::Preorder,
        _ => Availability::Available,
    }
}

/// Applies the fields set in `w` to `p` (what the row shows while saving).
pub fn apply_write(p: &mut Product, w: &ProductWrite) {
    macro_rules! set {
        ($($field:ident),*) => { $( if let Some(v) = &w.$field { p.$field = v.clone(); } )* };
    }
    set!(
        name,
        sku,
        description,
        weight,
        width,
        depth,
        height,
        price,
        cost_price,
        retail_price,
        sale_price,
        map_price,
        categories,
        inventory_level,
        inventory_warning_level,
        inventory_tracking,
        is_visible,
        is_featured,
        is_free_shipping,
        availability,
        condition,
        search_keywords,
        sort_order
    );
}

/// The writable fields of `p`, everything set: what `E` puts in the editor and
/// what "the old values" are for undo.
pub fn full_write(p: &Product) -> ProductWrite {
    ProductWrite {
        id: None,
        name: Some(p.name.clone()),
        product_type: Some(p.product_type.clone()),
        sku: Some(p.sku.clone()),
        description: Some(p.description.clone()),
        weight: Some(p.weight),
        width: Some(p.width),
        depth: Some(p.depth),
        height: Some(p.height),
        price: Some(p.price),
        cost_price: Some(p.cost_price),
        retail_price: Some(p.retail_price),
        sale_price: Some(p.sale_price),
        map_price: Some(p.map_price),
        tax_class_id: Some(p.tax_class_id),
        categories: Some(p.categories.clone()),
        brand_id: Some(p.brand_id),
        inventory_level: Some(p.inventory_level),
        inventory_warning_level: Some(p.inventory_warning_level),
        inventory_tracking: Some(p.inventory_tracking.clone()),
        is_visible: Some(p.is_visible),
        is_featured: Some(p.is_featured),
        is_free_shipping: Some(p.is_free_shipping),
        availability: Some(p.availability.clone()),
        availability_description: Some(p.availability_description.clone()),
        condition: Some(p.condition.clone()),
        upc: Some(p.upc.clone()),
        mpn: Some(p.mpn.clone()),
        gtin: Some(p.gtin.clone()),
        search_keywords: Some(p.search_keywords.clone()),
        page_title: Some(p.page_title.clone()),
        meta_description: Some(p.meta_description.clone()),
        sort_order: Some(p.sort_order),
    }
}

/// The old values (from `before`) of exactly the fields `changes` sets, with
/// the product's id: the write that undoes `changes`.
pub fn undo_write(before: &Product, changes: &ProductWrite) -> ProductWrite {
    let full = serde_json::to_value(full_write(before)).unwrap_or_default();
    let changed = serde_json::to_value(changes).unwrap_or_default();
    let mut map = serde_json::Map::new();
    if let (Some(full), Some(changed)) = (full.as_object(), changed.as_object()) {
        for key in changed.keys().filter(|k| *k != "id") {
            if let Some(value) = full.get(key) {
                map.insert(key.clone(), value.clone());
            }
        }
    }
    let mut restore: ProductWrite =
        serde_json::from_value(serde_json::Value::Object(map)).unwrap_or_default();
    restore.id = Some(before.id);
    restore
}

/// "Price 7.95 → 9.95"-style lines for each field `changes` sets, compared to
/// `before`: `(field, old, new)`.
pub fn describe_changes(before: &Product, changes: &ProductWrite) -> Vec<(String, String, String)> {
    let old = serde_json::to_value(full_write(before)).unwrap_or_default();
    let new = serde_json::to_value(changes).unwrap_or_default();
    let Some(new) = new.as_object() else {
        return Vec::new();
    };
    new.iter()
        .filter(|(key, _)| *key != "id")
        .map(|(key, value)| {
            let label = ProductField::ALL
                .iter()
                .find(|f| api_name(**f) == key)
                .map_or_else(|| key.clone(), |f| f.label().to_string());
            let before = old.get(key).map_or("-".to_string(), |v| show_json(key, v));
            (label, before, show_json(key, value))
        })
        .collect()
}

fn show_json(key: &str, value: &serde_json::Value) -> String {
    let money = key.ends_with("price");
    match value {
        serde_json::Value::String(s) => s.clone(),
        // As the Visible column says it.
        serde_json::Value::Bool(true) => "yes".to_string(),
        serde_json::Value::Bool(false) => "no".to_string(),
        serde_json::Value::Number(n) if money => match n.to_string().parse() {
            Ok(d) => super::inline::plain_money(d),
            Err(_) => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// The API's name for the field.
pub fn api_name(field: ProductField) -> &'static str {
    match field {
        ProductField::Name => "name",
        ProductField::Sku => "sku",
        ProductField::Price => "price",
        ProductField::SalePrice => "sale_price",
        ProductField::RetailPrice => "retail_price",
        ProductField::CostPrice => "cost_price",
        ProductField::Inventory => "inventory_level",
        ProductField::Visible => "is_visible",
        ProductField::Availability => "availability",
    }
}
