//! A compact copy of the product fields the common list filters test (visibility, stock,
//! availability, type, brand), in id order, and the products by name and by SKU. Scanning the
//! rows reads a few bytes per product where testing the products themselves reads a boxed
//! product each; the index finds a name or SKU without reading the others. The server drops
//! both on every write, and the next list that needs one builds it again.

use std::collections::{BTreeMap, HashMap};
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

/// Product ids (ascending) by lower-case name and by lower-case SKU, for the exact `name`,
/// `sku` and `sku:in` filters.
#[derive(Debug, Default)]
pub(crate) struct TextIndex {
    by_name: HashMap<String, Vec<u64>>,
    by_sku: HashMap<String, Vec<u64>>,
}

impl TextIndex {
    /// The products named `name` (lower case).
    pub(crate) fn named(&self, name: &str) -> &[u64] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// The products with SKU `sku` (lower case).
    pub(crate) fn with_sku(&self, sku: &str) -> &[u64] {
        self.by_sku.get(sku).map_or(&[], Vec::as_slice)
    }
}

/// The name and SKU index of `data`'s products, built when missing.
pub(crate) fn product_text(data: &mut StoreData) -> Arc<TextIndex> {
    data.product_text
        .get_or_insert_with(|| {
            let mut index = TextIndex::default();
            for p in data.products.values() {
                let by_name = index.by_name.entry(p.name.to_lowercase()).or_default();
                by_name.push(p.id);
                index
                    .by_sku
                    .entry(p.sku.to_lowercase())
                    .or_default()
                    .push(p.id);
            }
            Arc::new(index)
        })
        .clone()
}
