//! Catalog products and variants (V3, `products_catalog.v3.yml`,
//! `product-variants_catalog.v3.yml`) and the catalog summary.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{null_default, open_enum};
use crate::api::{dates, money};

open_enum! {
    /// Product `availability`.
    Availability {
        Available = "available",
        Disabled = "disabled",
        Preorder = "preorder",
    }
}

open_enum! {
    /// Product `type`.
    ProductType {
        Physical = "physical",
        Digital = "digital",
    }
}

/// A product (`product_Full`). Money and dimensions are exact decimals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Product {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(rename = "type", deserialize_with = "null_default")]
    pub product_type: ProductType,
    #[serde(deserialize_with = "null_default")]
    pub sku: String,
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    #[serde(with = "money::v3")]
    pub weight: Decimal,
    #[serde(with = "money::v3")]
    pub width: Decimal,
    #[serde(with = "money::v3")]
    pub depth: Decimal,
    #[serde(with = "money::v3")]
    pub height: Decimal,
    #[serde(with = "money::v3")]
    pub price: Decimal,
    #[serde(with = "money::v3")]
    pub cost_price: Decimal,
    #[serde(with = "money::v3")]
    pub retail_price: Decimal,
    #[serde(with = "money::v3")]
    pub sale_price: Decimal,
    #[serde(with = "money::v3")]
    pub map_price: Decimal,
    /// Price after sale price and rules (read-only).
    #[serde(with = "money::v3")]
    pub calculated_price: Decimal,
    #[serde(deserialize_with = "null_default")]
    pub tax_class_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub categories: Vec<u64>,
    #[serde(deserialize_with = "null_default")]
    pub brand_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub inventory_level: i64,
    #[serde(deserialize_with = "null_default")]
    pub inventory_warning_level: i64,
    /// `none`, `product` or `variant`.
    #[serde(deserialize_with = "null_default")]
    pub inventory_tracking: String,
    #[serde(deserialize_with = "null_default")]
    pub is_free_shipping: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_visible: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_featured: bool,
    #[serde(deserialize_with = "null_default")]
    pub availability: Availability,
    #[serde(deserialize_with = "null_default")]
    pub availability_description: String,
    /// `New`, `Used` or `Refurbished`.
    #[serde(deserialize_with = "null_default")]
    pub condition: String,
    #[serde(deserialize_with = "null_default")]
    pub upc: String,
    #[serde(deserialize_with = "null_default")]
    pub mpn: String,
    #[serde(deserialize_with = "null_default")]
    pub gtin: String,
    #[serde(deserialize_with = "null_default")]
    pub bin_picking_number: String,
    #[serde(deserialize_with = "null_default")]
    pub search_keywords: String,
    #[serde(deserialize_with = "null_default")]
    pub page_title: String,
    #[serde(deserialize_with = "null_default")]
    pub meta_keywords: Vec<String>,
    #[serde(deserialize_with = "null_default")]
    pub meta_description: String,
    #[serde(deserialize_with = "null_default")]
    pub sort_order: i64,
    #[serde(deserialize_with = "null_default")]
    pub order_quantity_minimum: i64,
    #[serde(deserialize_with = "null_default")]
    pub order_quantity_maximum: i64,
    #[serde(deserialize_with = "null_default")]
    pub is_price_hidden: bool,
    #[serde(deserialize_with = "null_default")]
    pub total_sold: i64,
    #[serde(deserialize_with = "null_default")]
    pub view_count: i64,
    #[serde(deserialize_with = "null_default")]
    pub reviews_count: i64,
    #[serde(deserialize_with = "null_default")]
    pub reviews_rating_sum: i64,
    pub custom_url: Option<CustomUrl>,
    #[serde(with = "dates::iso8601_opt")]
    pub preorder_release_date: Option<DateTime<Utc>>,
    #[serde(with = "dates::iso8601_opt")]
    pub date_created: Option<DateTime<Utc>>,
    #[serde(with = "dates::iso8601_opt")]
    pub date_modified: Option<DateTime<Utc>>,
    /// `null` for products with several variants.
    pub base_variant_id: Option<u64>,
    #[serde(deserialize_with = "null_default")]
    pub channels: Vec<u64>,
    /// Present with `include=variants` (absent from the spec's response schema).
    #[serde(deserialize_with = "null_default")]
    pub variants: Vec<Variant>,
    /// Present with `include=images`.
    #[serde(deserialize_with = "null_default")]
    pub images: Vec<ProductImage>,
    /// Present with `include=primary_image` (boxed: rarely there, and a list holds many products).
    pub primary_image: Option<Box<ProductImage>>,
    /// Present with `include=custom_fields`.
    #[serde(deserialize_with = "null_default")]
    pub custom_fields: Vec<CustomField>,
}

/// A product's storefront URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomUrl {
    #[serde(deserialize_with = "null_default")]
    pub url: String,
    #[serde(deserialize_with = "null_default")]
    pub is_customized: bool,
}

/// A product image (`include=images` / `primary_image`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductImage {
    pub id: u64,
    pub product_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub is_thumbnail: bool,
    #[serde(deserialize_with = "null_default")]
    pub sort_order: i64,
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    #[serde(deserialize_with = "null_default")]
    pub url_standard: String,
    #[serde(deserialize_with = "null_default")]
    pub url_thumbnail: String,
}

/// A product custom field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomField {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub value: String,
}

/// A product variant. Price fields are `None` when the variant inherits the
/// product's value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Variant {
    pub id: u64,
    pub product_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub sku: String,
    pub sku_id: Option<u64>,
    #[serde(with = "money::v3_opt")]
    pub price: Option<Decimal>,
    #[serde(with = "money::v3_opt")]
    pub sale_price: Option<Decimal>,
    #[serde(with = "money::v3_opt")]
    pub retail_price: Option<Decimal>,
    #[serde(with = "money::v3_opt")]
    pub cost_price: Option<Decimal>,
    #[serde(with = "money::v3_opt")]
    pub map_price: Option<Decimal>,
    #[serde(with = "money::v3")]
    pub calculated_price: Decimal,
    #[serde(with = "money::v3_opt")]
    pub weight: Option<Decimal>,
    #[serde(with = "money::v3_opt")]
    pub width: Option<Decimal>,
    #[serde(with = "money::v3_opt")]
    pub height: Option<Decimal>,
    #[serde(with = "money::v3_opt")]
    pub depth: Option<Decimal>,
    #[serde(with = "money::v3")]
    pub calculated_weight: Decimal,
    #[serde(deserialize_with = "null_default")]
    pub is_free_shipping: bool,
    #[serde(with = "money::v3_opt")]
    pub fixed_cost_shipping_price: Option<Decimal>,
    #[serde(deserialize_with = "null_default")]
    pub purchasing_disabled: bool,
    #[serde(deserialize_with = "null_default")]
    pub purchasing_disabled_message: String,
    #[serde(deserialize_with = "null_default")]
    pub image_url: String,
    pub inventory_level: Option<i64>,
    pub inventory_warning_level: Option<i64>,
    #[serde(deserialize_with = "null_default")]
    pub upc: String,
    #[serde(deserialize_with = "null_default")]
    pub mpn: String,
    #[serde(deserialize_with = "null_default")]
    pub gtin: String,
    #[serde(deserialize_with = "null_default")]
    pub bin_picking_number: String,
    #[serde(deserialize_with = "null_default")]
    pub option_values: Vec<VariantOptionValue>,
}

/// One option value that defines a variant (e.g. Color: Beige).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VariantOptionValue {
    pub id: u64,
    pub option_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub label: String,
    #[serde(deserialize_with = "null_default")]
    pub option_display_name: String,
}

/// Fields to create or update a product. Only `Some` fields are sent; `id` is
/// required for batch updates and ignored by single update.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductWrite {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub product_type: Option<ProductType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(with = "money::v3_opt", skip_serializing_if = "Option::is_none")]
    pub weight: Option<Decimal>,
    #[serde(with = "money::v3_opt", skip_serializing_if = "Option::is_none")]
    pub width: Option<Decimal>,
    #[serde(with = "money::v3_opt", skip_serializing_if = "Option::is_none")]
    pub depth: Option<Decimal>,
    #[serde(with = "money::v3_opt", skip_serializing_if = "Option::is_none")]
    pub height: Option<Decimal>,
    #[serde(with = "money::v3_opt", skip_serializing_if = "Option::is_none")]
    pub price: Option<Decimal>,
    #[serde(with = "money::v3_opt", skip_serializing_if = "Option::is_none")]
    pub cost_price: Option<Decimal>,
    #[serde(with = "money::v3_opt", skip_serializing_if = "Option::is_none")]
    pub retail_price: Option<Decimal>,
    #[serde(with = "money::v3_opt", skip_serializing_if = "Option::is_none")]
    pub sale_price: Option<Decimal>,
    #[serde(with = "money::v3_opt", skip_serializing_if = "Option::is_none")]
    pub map_price: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_class_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inventory_level: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inventory_warning_level: Option<i64>,
    /// `none`, `product` or `variant`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inventory_tracking: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_visible: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_featured: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_free_shipping: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability: Option<Availability>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mpn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_keywords: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_order: Option<i64>,
}

/// Fields to update a variant. Price fields are `Option<Option<_>>`: `None`
/// leaves the field alone, `Some(None)` sends `null` (inherit the product's
/// value again), `Some(Some(x))` sets it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VariantWrite {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(with = "money::v3_patch", skip_serializing_if = "Option::is_none")]
    pub price: Option<Option<Decimal>>,
    #[serde(with = "money::v3_patch", skip_serializing_if = "Option::is_none")]
    pub sale_price: Option<Option<Decimal>>,
    #[serde(with = "money::v3_patch", skip_serializing_if = "Option::is_none")]
    pub retail_price: Option<Option<Decimal>>,
    #[serde(with = "money::v3_patch", skip_serializing_if = "Option::is_none")]
    pub cost_price: Option<Option<Decimal>>,
    #[serde(with = "money::v3_patch", skip_serializing_if = "Option::is_none")]
    pub map_price: Option<Option<Decimal>>,
    #[serde(with = "money::v3_patch", skip_serializing_if = "Option::is_none")]
    pub weight: Option<Option<Decimal>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inventory_level: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inventory_warning_level: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purchasing_disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purchasing_disabled_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mpn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bin_picking_number: Option<String>,
}

/// `GET /v3/catalog/summary`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CatalogSummary {
    #[serde(deserialize_with = "null_default")]
    pub inventory_count: i64,
    #[serde(with = "money::v3")]
    pub inventory_value: Decimal,
    pub primary_category_id: Option<u64>,
    #[serde(deserialize_with = "null_default")]
    pub primary_category_name: String,
    #[serde(deserialize_with = "null_default")]
    pub variant_count: i64,
    #[serde(with = "money::v3")]
    pub highest_variant_price: Decimal,
    #[serde(with = "money::v3")]
    pub average_variant_price: Decimal,
    /// A string in the spec, a number elsewhere; both read exactly.
    #[serde(with = "money::v3")]
    pub lowest_variant_price: Decimal,
    #[serde(with = "dates::iso8601_opt")]
    pub oldest_variant_date: Option<DateTime<Utc>>,
    #[serde(with = "dates::iso8601_opt")]
    pub newest_variant_date: Option<DateTime<Utc>>,
}

/// A catalog brand (`/v3/catalog/brands`); products point at it by `brand_id` (0: none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Brand {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
}
