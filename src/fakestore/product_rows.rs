//! A compact copy of the product fields the common list filters test (visibility, stock,
//! availability, type, brand), in id order. Scanning it reads a few bytes per product where
//! testing the products themselves reads a boxed product each; the server drops it on every
//! write, and the next filtered list builds it again.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::store::{Product, StoreData, Text};

/// What the common filters need of one product.
#[derive(Debug)]
pub(crate) struct ProductRow {
    pub id: u64,
    pub inventory_level: i64,
    pub total_sold: u64,
    pub brand_id: u64,
    pub availability: Text,
    pub kind: Text,
    pub is_visible: bool,
    pub is_featured: bool,
    pub is_free_shipping: bool,
}

impl ProductRow {
    pub(crate) fn of(p: &Product) -> ProductRow {
        ProductRow {
            id: p.id,
            inventory_level: p.inventory_level,
            total_sold: p.total_sold,
            brand_id: p.brand_id,
            availability: p.availability.clone(),
            kind: p.kind.clone(),
            is_visible: p.is_visible,
            is_featured: p.is_featured,
            is_free_shipping: p.is_free_shipping,
        }
    }
}

/// The rows of `data`'s products, built when missing.
pub(crate) fn product_rows(data: &mut StoreData) -> Arc<Vec<ProductRow>> {
    data.product_rows
        .get_or_insert_with(|| Arc::new(build(&data.products)))
        .clone()
}

fn build(products: &BTreeMap<u64, Box<Product>>) -> Vec<ProductRow> {
    products.values().map(|p| ProductRow::of(p)).collect()
}
