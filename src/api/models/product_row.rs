//! A product as a list row holds it: only the fields a product list shows and edits,
//! decoded straight from a list page that asked for them (`include_fields`).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Availability, Product, ProductType, null_default};
use crate::api::{dates, money};

/// One row of a product list. A list of 100,000 products holds 100,000 of these, so
/// text is boxed (no spare capacity) and nothing the list never reads is kept; what
/// needs the whole product (the detail, `$EDITOR`) fetches it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductRow {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub name: Box<str>,
    #[serde(rename = "type", deserialize_with = "null_default")]
    pub product_type: ProductType,
    #[serde(deserialize_with = "null_default")]
    pub sku: Box<str>,
    #[serde(with = "money::v3")]
    pub price: Decimal,
    #[serde(with = "money::v3")]
    pub sale_price: Decimal,
    #[serde(with = "money::v3")]
    pub retail_price: Decimal,
    #[serde(with = "money::v3")]
    pub cost_price: Decimal,
    #[serde(deserialize_with = "null_default")]
    pub inventory_level: i64,
    #[serde(deserialize_with = "null_default")]
    pub inventory_warning_level: i64,
    /// `none`, `product` or `variant`.
    #[serde(deserialize_with = "null_default")]
    pub inventory_tracking: Box<str>,
    #[serde(deserialize_with = "null_default")]
    pub is_visible: bool,
    #[serde(deserialize_with = "null_default")]
    pub availability: Availability,
    #[serde(with = "dates::iso8601_opt")]
    pub date_modified: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "null_default")]
    pub brand_id: u64,
}

impl From<&Product> for ProductRow {
    /// The row of a product read whole (a save's answer, a created product).
    fn from(p: &Product) -> Self {
        ProductRow {
            id: p.id,
            name: p.name.as_str().into(),
            product_type: p.product_type.clone(),
            sku: p.sku.as_str().into(),
            price: p.price,
            sale_price: p.sale_price,
            retail_price: p.retail_price,
            cost_price: p.cost_price,
            inventory_level: p.inventory_level,
            inventory_warning_level: p.inventory_warning_level,
            inventory_tracking: p.inventory_tracking.as_str().into(),
            is_visible: p.is_visible,
            availability: p.availability.clone(),
            date_modified: p.date_modified,
            brand_id: p.brand_id,
        }
    }
}

impl ProductRow {
    /// The product as far as this row knows it: its fields set, every other field empty.
    /// What an edit started from the list saw, compared and undone with.
    pub fn to_product(&self) -> Product {
        Product {
            id: self.id,
            name: self.name.to_string(),
            product_type: self.product_type.clone(),
            sku: self.sku.to_string(),
            price: self.price,
            sale_price: self.sale_price,
            retail_price: self.retail_price,
            cost_price: self.cost_price,
            inventory_level: self.inventory_level,
            inventory_warning_level: self.inventory_warning_level,
            inventory_tracking: self.inventory_tracking.to_string(),
            is_visible: self.is_visible,
            availability: self.availability.clone(),
            date_modified: self.date_modified,
            brand_id: self.brand_id,
            ..Product::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_decodes_what_a_product_decodes_of_its_fields() {
        let json = r#"{"id":7,"name":"Oak board","type":"digital","sku":"OAK-7","price":12.5,
            "sale_price":null,"retail_price":"14.00","cost_price":3,"inventory_level":4,
            "inventory_warning_level":2,"inventory_tracking":"product","is_visible":true,
            "availability":"preorder","date_modified":"2024-03-01T10:00:00+00:00","brand_id":3,
            "description":"not kept","variants":[{"id":1}]}"#;
        let row: ProductRow = serde_json::from_str(json).expect("a row");
        let product: Product = serde_json::from_str(json).expect("a product");
        assert_eq!(row, ProductRow::from(&product));
        let round_trip = row.to_product();
        assert_eq!(ProductRow::from(&round_trip), row);
        assert!(round_trip.description.is_empty() && round_trip.variants.is_empty());
    }

    #[test]
    fn nulls_and_missing_fields_read_as_empty() {
        let row: ProductRow =
            serde_json::from_str(r#"{"id":9,"name":null,"sku":null,"availability":null}"#)
                .expect("a row");
        assert_eq!(
            row,
            ProductRow {
                id: 9,
                ..ProductRow::default()
            }
        );
    }
}
