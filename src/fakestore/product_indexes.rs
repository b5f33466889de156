//! Indexes for the product list's keyword search, category filters and sorts, built the first
//! time a list needs one and dropped on every write (as the rows and the name/SKU index are).
//! Positions are indexes into the products in id order, the order [`ProductRow`]s are kept in,
//! so a sorted list tests each product's row without looking it up.
//!
//! [`ProductRow`]: super::product_rows::ProductRow

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::store::{Product, StoreData};

/// The product indexes of a store; empty after any write.
#[derive(Clone, Debug, Default)]
pub(crate) struct ProductIndexes {
    keywords: Option<Arc<Vec<Box<str>>>>,
    categories: Option<Arc<CategoryIndex>>,
    orders: HashMap<String, Arc<SortOrder>>,
}

/// Between the fields of a keyword haystack: a keyword without it matches the haystack exactly
/// when it matches one of the fields.
pub(crate) const FIELD_BREAK: char = '\0';

/// Per product (in id order) its name, SKU, description and brand name, lower-cased and joined
/// by [`FIELD_BREAK`]: the keyword search reads one string per product.
pub(crate) fn product_keywords(data: &mut StoreData) -> Arc<Vec<Box<str>>> {
    let (products, brands) = (&data.products, &data.brands);
    data.product_indexes
        .keywords
        .get_or_insert_with(|| {
            let haystack = |p: &Product| {
                let brand = brands.get(&p.brand_id).map_or("", String::as_str);
                [p.name.as_str(), &p.sku, &p.description, brand]
                    .map(str::to_lowercase)
                    .join(&FIELD_BREAK.to_string())
                    .into_boxed_str()
            };
            Arc::new(products.values().map(|p| haystack(p)).collect())
        })
        .clone()
}

/// Product ids (ascending) by category.
#[derive(Debug, Default)]
pub(crate) struct CategoryIndex {
    by_category: HashMap<u64, Vec<u64>>,
}

impl CategoryIndex {
    /// The products in `category` (among others).
    pub(crate) fn in_category(&self, category: i64) -> &[u64] {
        u64::try_from(category)
            .ok()
            .and_then(|c| self.by_category.get(&c))
            .map_or(&[], Vec::as_slice)
    }
}

/// The category index of `data`'s products, built when missing.
pub(crate) fn product_categories(data: &mut StoreData) -> Arc<CategoryIndex> {
    let products = &data.products;
    data.product_indexes
        .categories
        .get_or_insert_with(|| {
            let mut index = CategoryIndex::default();
            for p in products.values() {
                for c in &p.categories {
                    let ids = index.by_category.entry(*c).or_default();
                    // A product listing a category twice is listed once.
                    if ids.last() != Some(&p.id) {
                        ids.push(p.id);
                    }
                }
            }
            Arc::new(index)
        })
        .clone()
}

/// The products in one sort's ascending order (ties by id), as positions in id order, and
/// each position's place in that order.
#[derive(Debug)]
pub(crate) struct SortOrder {
    pub order: Vec<u32>,
    pub rank: Vec<u32>,
}

/// The order of `data`'s products for `sort` (a key the list takes), built when missing.
pub(crate) fn product_order(data: &mut StoreData, sort: &str) -> Arc<SortOrder> {
    if let Some(order) = data.product_indexes.orders.get(sort) {
        return order.clone();
    }
    let order = Arc::new(build_order(&data.products, sort));
    data.product_indexes
        .orders
        .insert(sort.to_string(), order.clone());
    order
}

fn build_order(products: &BTreeMap<u64, Box<Product>>, sort: &str) -> SortOrder {
    let all: Vec<&Product> = products.values().map(|p| &**p).collect();
    let mut order: Vec<u32> = (0..all.len() as u32).collect();
    let at = |i: &u32| all[*i as usize];
    // Positions are in id order, so a stable sort leaves ties by id.
    match sort {
        "name" => order.sort_by_cached_key(|i| at(i).name.to_lowercase()),
        "sku" => order.sort_by_cached_key(|i| at(i).sku.to_lowercase()),
        "price" => order.sort_by_key(|i| at(i).price),
        "calculated_price" => order.sort_by_key(|i| at(i).calculated_price),
        "date_modified" => order.sort_by_key(|i| at(i).date_modified),
        "inventory_level" => order.sort_by_key(|i| at(i).inventory_level),
        "is_visible" => order.sort_by_key(|i| at(i).is_visible),
        "total_sold" => order.sort_by_key(|i| at(i).total_sold),
        _ => {}
    }
    let mut rank = vec![0; order.len()];
    for (place, position) in order.iter().enumerate() {
        rank[*position as usize] = place as u32;
    }
    SortOrder { order, rank }
}
