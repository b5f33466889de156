//! The in-memory store: catalog, category trees, customers and orders, as plain structs.
//! Catalog structs serialise straight to the V3 JSON the specs define; orders (V2) are rendered
//! by `orders.rs` because their totals and links are derived.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use super::hook_delivery::StoreEvent;
use super::hooks::Hook;
pub(crate) use super::order_model::{
    Order, OrderAddress, OrderAddressFields, OrderProduct, Refund, RefundLine, RefundPayment,
    Shipment, ShipmentItem,
};
use super::product_indexes::ProductIndexes;
use super::product_rows::{ProductRow, TextIndex};
use super::rng::Rng;
use super::wire::{ser_v3_date, ser_v3_date_opt, ser_v3_date_z, ser_v3_money, ser_v3_money_opt};

/// Text that is usually one of a few constants (no allocation per product when seeding).
pub(crate) type Text = Cow<'static, str>;

#[derive(Serialize, Clone, Debug, PartialEq)]
pub(crate) struct CustomUrl {
    pub url: String,
    pub is_customized: bool,
}

/// A catalog product (`product_Full`).
#[derive(Serialize, Clone, Debug)]
pub(crate) struct Product {
    pub id: u64,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: Text,
    pub sku: String,
    pub description: String,
    #[serde(serialize_with = "ser_v3_money")]
    pub weight: Decimal,
    #[serde(serialize_with = "ser_v3_money")]
    pub width: Decimal,
    #[serde(serialize_with = "ser_v3_money")]
    pub depth: Decimal,
    #[serde(serialize_with = "ser_v3_money")]
    pub height: Decimal,
    #[serde(serialize_with = "ser_v3_money")]
    pub price: Decimal,
    #[serde(serialize_with = "ser_v3_money")]
    pub cost_price: Decimal,
    #[serde(serialize_with = "ser_v3_money")]
    pub retail_price: Decimal,
    #[serde(serialize_with = "ser_v3_money")]
    pub sale_price: Decimal,
    #[serde(serialize_with = "ser_v3_money")]
    pub map_price: Decimal,
    pub tax_class_id: u64,
    pub product_tax_code: String,
    #[serde(serialize_with = "ser_v3_money")]
    pub calculated_price: Decimal,
    pub categories: Vec<u64>,
    pub brand_id: u64,
    pub option_set_id: Option<u64>,
    pub option_set_display: Text,
    pub inventory_level: i64,
    pub inventory_warning_level: i64,
    pub inventory_tracking: Text,
    pub reviews_rating_sum: u64,
    pub reviews_count: u64,
    pub total_sold: u64,
    #[serde(serialize_with = "ser_v3_money")]
    pub fixed_cost_shipping_price: Decimal,
    pub is_free_shipping: bool,
    pub is_visible: bool,
    pub is_featured: bool,
    pub related_products: Vec<i64>,
    pub warranty: String,
    pub bin_picking_number: String,
    pub layout_file: Text,
    pub upc: String,
    pub mpn: String,
    pub gtin: String,
    pub search_keywords: String,
    pub availability: Text,
    pub availability_description: String,
    pub gift_wrapping_options_type: Text,
    pub gift_wrapping_options_list: Vec<u64>,
    pub sort_order: i64,
    pub condition: Text,
    pub is_condition_shown: bool,
    pub order_quantity_minimum: i64,
    pub order_quantity_maximum: i64,
    pub page_title: String,
    pub meta_keywords: Vec<String>,
    pub meta_description: String,
    #[serde(serialize_with = "ser_v3_date")]
    pub date_created: DateTime<Utc>,
    #[serde(serialize_with = "ser_v3_date")]
    pub date_modified: DateTime<Utc>,
    pub view_count: u64,
    #[serde(serialize_with = "ser_v3_date_opt")]
    pub preorder_release_date: Option<DateTime<Utc>>,
    pub preorder_message: String,
    pub is_preorder_only: bool,
    pub is_price_hidden: bool,
    pub price_hidden_label: String,
    pub custom_url: CustomUrl,
    pub base_variant_id: Option<u64>,
    pub open_graph_type: Text,
    pub open_graph_title: String,
    pub open_graph_description: String,
    pub open_graph_use_meta_description: bool,
    pub open_graph_use_product_name: bool,
    pub open_graph_use_image: bool,
    /// Every product has at least one variant (its base variant when it has no options).
    #[serde(skip)]
    pub variants: Vec<Variant>,
    #[serde(skip)]
    pub options: Vec<ProductOption>,
}

/// The price a shopper pays: the sale price when it is set and below the price.
pub(crate) fn effective_price(price: Decimal, sale_price: Decimal) -> Decimal {
    if sale_price > Decimal::ZERO && sale_price < price {
        sale_price
    } else {
        price
    }
}

impl Product {
    /// Re-derives calculated prices, the product's inventory (when tracked by variant) and the
    /// base variant's mirrored fields after any write.
    pub(crate) fn recompute(&mut self) {
        self.calculated_price = effective_price(self.price, self.sale_price);
        let product_price = self.calculated_price;
        let weight = self.weight;
        if self.base_variant_id.is_some()
            && let Some(base) = self.variants.first_mut()
        {
            base.sku = self.sku.clone();
        }
        for v in &mut self.variants {
            v.calculated_price = match v.price {
                Some(p) => effective_price(p, v.sale_price.unwrap_or(Decimal::ZERO)),
                None => product_price,
            };
            v.calculated_weight = v.weight.unwrap_or(weight);
        }
        if self.inventory_tracking == "variant" {
            self.inventory_level = self.variants.iter().map(|v| v.inventory_level).sum();
        } else if self.base_variant_id.is_some()
            && let Some(base) = self.variants.first_mut()
        {
            base.inventory_level = self.inventory_level;
        }
    }
}

#[derive(Serialize, Clone, Debug)]
pub(crate) struct VariantOptionValue {
    pub id: u64,
    pub label: String,
    pub option_id: u64,
    pub option_display_name: String,
}

/// A product variant; `None` prices inherit the product's.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct Variant {
    pub id: u64,
    pub product_id: u64,
    pub sku: String,
    pub sku_id: Option<u64>,
    #[serde(serialize_with = "ser_v3_money_opt")]
    pub price: Option<Decimal>,
    #[serde(serialize_with = "ser_v3_money")]
    pub calculated_price: Decimal,
    #[serde(serialize_with = "ser_v3_money_opt")]
    pub sale_price: Option<Decimal>,
    #[serde(serialize_with = "ser_v3_money_opt")]
    pub retail_price: Option<Decimal>,
    #[serde(serialize_with = "ser_v3_money_opt")]
    pub map_price: Option<Decimal>,
    #[serde(serialize_with = "ser_v3_money_opt")]
    pub cost_price: Option<Decimal>,
    #[serde(serialize_with = "ser_v3_money_opt")]
    pub weight: Option<Decimal>,
    #[serde(serialize_with = "ser_v3_money")]
    pub calculated_weight: Decimal,
    #[serde(serialize_with = "ser_v3_money_opt")]
    pub width: Option<Decimal>,
    #[serde(serialize_with = "ser_v3_money_opt")]
    pub height: Option<Decimal>,
    #[serde(serialize_with = "ser_v3_money_opt")]
    pub depth: Option<Decimal>,
    pub is_free_shipping: bool,
    #[serde(serialize_with = "ser_v3_money_opt")]
    pub fixed_cost_shipping_price: Option<Decimal>,
    pub purchasing_disabled: bool,
    pub purchasing_disabled_message: String,
    pub image_url: String,
    pub upc: String,
    pub mpn: String,
    pub gtin: String,
    pub inventory_level: i64,
    pub inventory_warning_level: i64,
    pub bin_picking_number: String,
    pub option_values: Vec<VariantOptionValue>,
}

#[derive(Serialize, Clone, Debug)]
pub(crate) struct OptionValue {
    pub id: u64,
    pub label: String,
    pub sort_order: i64,
    pub value_data: Option<serde_json::Value>,
    pub is_default: bool,
}

/// A variant option (e.g. Size) as embedded with `include=options`.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct ProductOption {
    pub id: u64,
    pub product_id: u64,
    pub name: String,
    pub display_name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub sort_order: i64,
    pub option_values: Vec<OptionValue>,
}

#[derive(Serialize, Clone, Debug)]
pub(crate) struct Tree {
    pub id: u64,
    pub name: String,
    pub channels: Vec<u64>,
}

#[derive(Serialize, Clone, Debug)]
pub(crate) struct CategoryUrl {
    pub path: String,
    pub is_customized: bool,
}

/// A category in a tree (the trees API shape: `category_id`, `url.path`).
#[derive(Serialize, Clone, Debug)]
pub(crate) struct Category {
    pub category_id: u64,
    pub category_uuid: String,
    pub tree_id: u64,
    pub parent_id: u64,
    pub name: String,
    pub description: String,
    pub views: u64,
    pub sort_order: i64,
    pub page_title: String,
    pub meta_keywords: Vec<String>,
    pub meta_description: String,
    pub layout_file: String,
    pub image_url: String,
    pub is_visible: bool,
    pub search_keywords: String,
    pub default_product_sort: String,
    pub url: CategoryUrl,
}

#[derive(Serialize, Clone, Debug)]
pub(crate) struct Authentication {
    pub force_password_reset: bool,
}

/// A customer (V3). `address_count`, `addresses` and `store_credit_amounts` are added on render.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct Customer {
    pub id: u64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub phone: String,
    pub registration_ip_address: String,
    pub notes: String,
    pub tax_exempt_category: String,
    pub customer_group_id: u64,
    #[serde(serialize_with = "ser_v3_date_z")]
    pub date_created: DateTime<Utc>,
    #[serde(serialize_with = "ser_v3_date_z")]
    pub date_modified: DateTime<Utc>,
    pub attribute_count: u64,
    pub authentication: Authentication,
    pub accepts_product_review_abandoned_cart_emails: bool,
    pub origin_channel_id: u64,
    pub channel_ids: Option<Vec<u64>>,
    #[serde(skip)]
    pub store_credit: Decimal,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub(crate) struct Address {
    pub id: u64,
    pub customer_id: u64,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub address1: String,
    pub address2: String,
    pub city: String,
    pub state_or_province: String,
    pub postal_code: String,
    pub country_code: String,
    pub country: String,
    pub phone: String,
    pub address_type: String,
}

/// Next-id counters for every resource.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ids {
    pub product: u64,
    pub variant: u64,
    pub option: u64,
    pub option_value: u64,
    pub tree: u64,
    pub category: u64,
    pub customer: u64,
    pub address: u64,
    pub order: u64,
    pub order_product: u64,
    pub order_address: u64,
    pub shipment: u64,
    pub refund: u64,
    pub refund_payment: u64,
    pub hook: u64,
}

/// Hands out the next id from a counter.
pub(crate) fn next_id(counter: &mut u64) -> u64 {
    *counter += 1;
    *counter
}

/// All the data of one simulated store. Build it with [`crate::fakestore::seed`].
#[derive(Clone, Debug)]
pub struct StoreData {
    /// Boxed: products are large, and BTreeMap nodes move their values around.
    pub(crate) products: BTreeMap<u64, Box<Product>>,
    pub(crate) trees: BTreeMap<u64, Tree>,
    pub(crate) categories: BTreeMap<u64, Category>,
    pub(crate) customers: BTreeMap<u64, Customer>,
    pub(crate) addresses: BTreeMap<u64, Address>,
    pub(crate) orders: BTreeMap<u64, Order>,
    pub(crate) brands: BTreeMap<u64, String>,
    /// Customer group names by id (V2 `/customer_groups`); customers point at them.
    pub(crate) customer_groups: BTreeMap<u64, String>,
    pub(crate) hooks: BTreeMap<u64, Hook>,
    /// Where `/hooks/admin` says deactivation notices go.
    pub(crate) hook_emails: Vec<String>,
    /// Events raised by the request being served; the server hands them to the hooks.
    pub(crate) events: Vec<StoreEvent>,
    pub(crate) ids: Ids,
    /// Source of category UUIDs and other random bits needed after seeding.
    pub(crate) rng: Rng,
    /// The products' filter fields; `None` after any write until a filtered list needs them.
    pub(crate) product_rows: Option<Arc<Vec<ProductRow>>>,
    /// The products by name and SKU; `None` after any write until a list filters by them.
    pub(crate) product_text: Option<Arc<TextIndex>>,
    /// The keyword, category and sort indexes; emptied by any write.
    pub(crate) product_indexes: ProductIndexes,
}

impl StoreData {
    pub(crate) fn empty(seed: u64) -> StoreData {
        StoreData {
            products: BTreeMap::new(),
            trees: BTreeMap::new(),
            categories: BTreeMap::new(),
            customers: BTreeMap::new(),
            addresses: BTreeMap::new(),
            orders: BTreeMap::new(),
            brands: BTreeMap::new(),
            customer_groups: BTreeMap::new(),
            hooks: BTreeMap::new(),
            hook_emails: Vec::new(),
            events: Vec::new(),
            ids: Ids::default(),
            rng: Rng::new(seed.wrapping_add(0xA5A5)),
            product_rows: None,
            product_text: None,
            product_indexes: ProductIndexes::default(),
        }
    }

    /// Drops the product rows and indexes: after a write they may no longer say what the
    /// products say; the next list that needs one builds it again.
    pub(crate) fn forget_product_indexes(&mut self) {
        self.product_rows = None;
        self.product_text = None;
        self.product_indexes = ProductIndexes::default();
    }

    /// Takes over the customers, addresses and orders seeded into `seeded` (a copy of this
    /// store's freshly seeded catalog that went on seeding), with their id counters and the
    /// random state after them.
    pub(crate) fn adopt_people(&mut self, seeded: StoreData) {
        self.customers = seeded.customers;
        self.addresses = seeded.addresses;
        self.orders = seeded.orders;
        self.ids.customer = seeded.ids.customer;
        self.ids.address = seeded.ids.address;
        self.ids.order = seeded.ids.order;
        self.ids.order_product = seeded.ids.order_product;
        self.ids.order_address = seeded.ids.order_address;
        self.ids.shipment = seeded.ids.shipment;
        self.rng = seeded.rng;
    }

    /// Number of products.
    pub fn product_count(&self) -> usize {
        self.products.len()
    }

    /// Number of variants over all products (base variants included).
    pub fn variant_count(&self) -> usize {
        self.products.values().map(|p| p.variants.len()).sum()
    }

    /// Number of tree categories.
    pub fn category_count(&self) -> usize {
        self.categories.len()
    }

    /// Number of customers.
    pub fn customer_count(&self) -> usize {
        self.customers.len()
    }

    /// Number of orders (archived ones included).
    pub fn order_count(&self) -> usize {
        self.orders.len()
    }

    /// Whether `sku` is used (case-insensitively) by any product or variant other than the
    /// product `except_product`.
    pub(crate) fn sku_taken(&self, sku: &str, except_product: Option<u64>) -> bool {
        if sku.is_empty() {
            return false;
        }
        self.products
            .values()
            .filter(|p| Some(p.id) != except_product)
            .any(|p| {
                p.sku.eq_ignore_ascii_case(sku)
                    || p.variants.iter().any(|v| v.sku.eq_ignore_ascii_case(sku))
            })
    }

    /// Whether a product other than `except_product` has this name (case-insensitive).
    pub(crate) fn name_taken(&self, name: &str, except_product: Option<u64>) -> bool {
        self.products
            .values()
            .any(|p| Some(p.id) != except_product && p.name.eq_ignore_ascii_case(name))
    }

    /// The category and all its descendants.
    pub(crate) fn category_subtree(&self, root: u64) -> Vec<u64> {
        let mut out = vec![root];
        let mut i = 0;
        while i < out.len() {
            let parent = out[i];
            out.extend(
                self.categories
                    .values()
                    .filter(|c| c.parent_id == parent)
                    .map(|c| c.category_id),
            );
            i += 1;
        }
        out
    }
}
