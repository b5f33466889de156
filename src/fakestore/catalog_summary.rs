//! `GET /v3/catalog/summary`: inventory and variant price statistics over the
//! whole catalog.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::store::StoreData;
use super::wire::{v3_date, v3_number};

/// `/catalog/summary`: inventory and variant price statistics.
pub(super) fn summary(data: &StoreData) -> Value {
    let mut inventory_count: i64 = 0;
    let mut inventory_value = Decimal::ZERO;
    let mut variant_count = 0u64;
    let mut price_sum = Decimal::ZERO;
    let mut highest: Option<Decimal> = None;
    let mut lowest: Option<Decimal> = None;
    let mut per_category: std::collections::BTreeMap<u64, u64> = Default::default();
    for p in data.products.values() {
        inventory_count += p.inventory_level;
        for v in &p.variants {
            variant_count += 1;
            let price = v.calculated_price;
            price_sum += price;
            inventory_value += price * Decimal::from(v.inventory_level.max(0));
            highest = Some(highest.map_or(price, |h| h.max(price)));
            lowest = Some(lowest.map_or(price, |l| l.min(price)));
        }
        for c in &p.categories {
            *per_category.entry(*c).or_default() += 1;
        }
    }
    let primary = per_category
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(id, _)| *id);
    let average = if variant_count > 0 {
        (price_sum / Decimal::from(variant_count)).round_dp(8)
    } else {
        Decimal::ZERO
    };
    let oldest = data.products.values().map(|p| p.date_created).min();
    let newest = data.products.values().map(|p| p.date_created).max();
    json!({
        "inventory_count": inventory_count,
        "inventory_value": v3_number(&inventory_value),
        "primary_category_id": primary.unwrap_or(0),
        "primary_category_name": primary.and_then(|id| data.categories.get(&id)).map(|c| c.name.clone()).unwrap_or_default(),
        "variant_count": variant_count,
        "highest_variant_price": v3_number(&highest.unwrap_or_default()),
        "average_variant_price": v3_number(&average),
        // The spec types this one field as a string.
        "lowest_variant_price": lowest.unwrap_or_default().normalize().to_string(),
        "oldest_variant_date": oldest.map(|d| v3_date(&d)).unwrap_or_default(),
        "newest_variant_date": newest.map(|d| v3_date(&d)).unwrap_or_default(),
    })
}
