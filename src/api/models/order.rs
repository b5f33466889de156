//! Orders (V2, `orders.v2.oas2.yml`): orders, line items, shipping addresses,
//! shipments, statuses and counts. Money is a 4-decimal string on the wire,
//! dates are RFC-2822 (`""` = not set).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{lenient_count, null_default, opt_string};
use crate::api::{dates, money};

/// A `{url, resource}` link to an order sub-resource.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResourceLink {
    #[serde(deserialize_with = "null_default")]
    pub url: String,
    #[serde(deserialize_with = "null_default")]
    pub resource: String,
}

/// A custom checkout form field; `value` may be a number, string or list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormField {
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    pub value: Value,
}

/// An order's billing address (also the shape of a shipment's addresses).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderAddress {
    #[serde(deserialize_with = "null_default")]
    pub first_name: String,
    #[serde(deserialize_with = "null_default")]
    pub last_name: String,
    #[serde(deserialize_with = "null_default")]
    pub company: String,
    #[serde(deserialize_with = "null_default")]
    pub street_1: String,
    #[serde(deserialize_with = "null_default")]
    pub street_2: String,
    #[serde(deserialize_with = "null_default")]
    pub city: String,
    #[serde(deserialize_with = "null_default")]
    pub state: String,
    #[serde(deserialize_with = "null_default")]
    pub zip: String,
    #[serde(deserialize_with = "null_default")]
    pub country: String,
    #[serde(deserialize_with = "null_default")]
    pub country_iso2: String,
    #[serde(deserialize_with = "null_default")]
    pub phone: String,
    #[serde(deserialize_with = "null_default")]
    pub email: String,
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub form_fields: Vec<FormField>,
}

/// An order (`order_Resp`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Order {
    pub id: u64,
    /// 0 = guest checkout.
    #[serde(deserialize_with = "null_default")]
    pub customer_id: u64,
    #[serde(with = "dates::rfc2822_opt")]
    pub date_created: Option<DateTime<Utc>>,
    #[serde(with = "dates::rfc2822_opt")]
    pub date_modified: Option<DateTime<Utc>>,
    #[serde(with = "dates::rfc2822_opt")]
    pub date_shipped: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "null_default")]
    pub status_id: u32,
    #[serde(deserialize_with = "null_default")]
    pub status: String,
    #[serde(deserialize_with = "null_default")]
    pub custom_status: String,
    #[serde(with = "money::v2")]
    pub subtotal_ex_tax: Decimal,
    #[serde(with = "money::v2")]
    pub subtotal_inc_tax: Decimal,
    #[serde(with = "money::v2")]
    pub subtotal_tax: Decimal,
    #[serde(with = "money::v2")]
    pub base_shipping_cost: Decimal,
    #[serde(with = "money::v2")]
    pub shipping_cost_ex_tax: Decimal,
    #[serde(with = "money::v2")]
    pub shipping_cost_inc_tax: Decimal,
    #[serde(with = "money::v2")]
    pub shipping_cost_tax: Decimal,
    #[serde(with = "money::v2")]
    pub base_handling_cost: Decimal,
    #[serde(with = "money::v2")]
    pub handling_cost_ex_tax: Decimal,
    #[serde(with = "money::v2")]
    pub handling_cost_inc_tax: Decimal,
    #[serde(with = "money::v2")]
    pub handling_cost_tax: Decimal,
    #[serde(with = "money::v2")]
    pub base_wrapping_cost: Decimal,
    #[serde(with = "money::v2")]
    pub wrapping_cost_ex_tax: Decimal,
    #[serde(with = "money::v2")]
    pub wrapping_cost_inc_tax: Decimal,
    #[serde(with = "money::v2")]
    pub wrapping_cost_tax: Decimal,
    #[serde(with = "money::v2")]
    pub total_ex_tax: Decimal,
    #[serde(with = "money::v2")]
    pub total_inc_tax: Decimal,
    #[serde(with = "money::v2")]
    pub total_tax: Decimal,
    #[serde(with = "money::v2")]
    pub refunded_amount: Decimal,
    #[serde(with = "money::v2")]
    pub store_credit_amount: Decimal,
    #[serde(with = "money::v2")]
    pub gift_certificate_amount: Decimal,
    #[serde(with = "money::v2")]
    pub discount_amount: Decimal,
    #[serde(with = "money::v2")]
    pub coupon_discount: Decimal,
    #[serde(with = "money::v2")]
    pub currency_exchange_rate: Decimal,
    #[serde(deserialize_with = "null_default")]
    pub is_tax_inclusive_pricing: bool,
    #[serde(deserialize_with = "null_default")]
    pub items_total: u64,
    #[serde(deserialize_with = "null_default")]
    pub items_shipped: u64,
    #[serde(deserialize_with = "null_default")]
    pub payment_method: String,
    #[serde(deserialize_with = "null_default")]
    pub payment_status: String,
    #[serde(deserialize_with = "null_default")]
    pub currency_code: String,
    #[serde(deserialize_with = "null_default")]
    pub default_currency_code: String,
    #[serde(deserialize_with = "null_default")]
    pub staff_notes: String,
    #[serde(deserialize_with = "null_default")]
    pub customer_message: String,
    #[serde(deserialize_with = "null_default")]
    pub is_deleted: bool,
    #[serde(deserialize_with = "null_default")]
    pub billing_address: OrderAddress,
    pub products: Option<ResourceLink>,
    pub shipping_addresses: Option<ResourceLink>,
    pub coupons: Option<ResourceLink>,
    #[serde(deserialize_with = "null_default")]
    pub shipping_address_count: u64,
    #[serde(deserialize_with = "null_default")]
    pub order_is_digital: bool,
    #[serde(deserialize_with = "null_default")]
    pub channel_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub order_source: String,
    #[serde(deserialize_with = "opt_string")]
    pub external_source: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub external_id: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub external_order_id: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub credit_card_type: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub ip_address: String,
    #[serde(deserialize_with = "null_default")]
    pub geoip_country: String,
    #[serde(deserialize_with = "null_default")]
    pub geoip_country_iso2: String,
    #[serde(deserialize_with = "null_default")]
    pub cart_id: String,
    #[serde(deserialize_with = "null_default")]
    pub customer_locale: String,
    #[serde(deserialize_with = "null_default")]
    pub is_email_opt_in: bool,
}

/// A chosen product option on a line item (e.g. Size: S).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderProductOption {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub option_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub display_name: String,
    #[serde(deserialize_with = "null_default")]
    pub display_value: String,
    /// Usually a string id, but any JSON.
    pub value: Value,
    #[serde(rename = "type", deserialize_with = "null_default")]
    pub option_type: String,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
}

/// A discount applied to a line item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppliedDiscount {
    /// A string (`manual-discount`) or a number.
    pub id: Value,
    #[serde(with = "money::v2")]
    pub amount: Decimal,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    pub code: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub target: String,
}

/// An order line item (`GET /v2/orders/{id}/products`). Its `id` is the
/// `order_product_id` that shipments refer to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderProduct {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub order_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub product_id: u64,
    pub variant_id: Option<u64>,
    #[serde(deserialize_with = "null_default")]
    pub order_address_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub sku: String,
    #[serde(deserialize_with = "null_default")]
    pub upc: String,
    /// `physical`, `digital` or `giftcertificate`.
    #[serde(rename = "type", deserialize_with = "null_default")]
    pub product_type: String,
    #[serde(with = "money::v2")]
    pub base_price: Decimal,
    #[serde(with = "money::v2")]
    pub price_ex_tax: Decimal,
    #[serde(with = "money::v2")]
    pub price_inc_tax: Decimal,
    #[serde(with = "money::v2")]
    pub price_tax: Decimal,
    #[serde(with = "money::v2")]
    pub base_total: Decimal,
    #[serde(with = "money::v2")]
    pub total_ex_tax: Decimal,
    #[serde(with = "money::v2")]
    pub total_inc_tax: Decimal,
    #[serde(with = "money::v2")]
    pub total_tax: Decimal,
    #[serde(deserialize_with = "null_default")]
    pub quantity: u64,
    #[serde(deserialize_with = "null_default")]
    pub quantity_shipped: u64,
    #[serde(deserialize_with = "null_default")]
    pub quantity_refunded: u64,
    #[serde(deserialize_with = "null_default")]
    pub is_refunded: bool,
    #[serde(with = "money::v2")]
    pub refund_amount: Decimal,
    #[serde(deserialize_with = "null_default")]
    pub bin_picking_number: String,
    #[serde(deserialize_with = "null_default")]
    pub brand: String,
    #[serde(deserialize_with = "null_default")]
    pub product_options: Vec<OrderProductOption>,
    #[serde(deserialize_with = "null_default")]
    pub applied_discounts: Vec<AppliedDiscount>,
}

/// An order shipping address (`GET /v2/orders/{id}/shipping_addresses`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderShippingAddress {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub order_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub first_name: String,
    #[serde(deserialize_with = "null_default")]
    pub last_name: String,
    #[serde(deserialize_with = "null_default")]
    pub company: String,
    #[serde(deserialize_with = "null_default")]
    pub street_1: String,
    #[serde(deserialize_with = "null_default")]
    pub street_2: String,
    #[serde(deserialize_with = "null_default")]
    pub city: String,
    #[serde(deserialize_with = "null_default")]
    pub state: String,
    #[serde(deserialize_with = "null_default")]
    pub zip: String,
    #[serde(deserialize_with = "null_default")]
    pub country: String,
    #[serde(deserialize_with = "null_default")]
    pub country_iso2: String,
    #[serde(deserialize_with = "null_default")]
    pub phone: String,
    #[serde(deserialize_with = "null_default")]
    pub email: String,
    #[serde(deserialize_with = "null_default")]
    pub items_total: u64,
    #[serde(deserialize_with = "null_default")]
    pub items_shipped: u64,
    #[serde(deserialize_with = "null_default")]
    pub shipping_method: String,
    #[serde(with = "money::v2")]
    pub base_cost: Decimal,
    #[serde(with = "money::v2")]
    pub cost_ex_tax: Decimal,
    #[serde(with = "money::v2")]
    pub cost_inc_tax: Decimal,
    #[serde(with = "money::v2")]
    pub cost_tax: Decimal,
    #[serde(deserialize_with = "null_default")]
    pub shipping_zone_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub shipping_zone_name: String,
    #[serde(deserialize_with = "null_default")]
    pub form_fields: Vec<FormField>,
}

/// One line of a shipment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShipmentItem {
    pub order_product_id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_id: Option<u64>,
    pub quantity: u64,
}

/// A shipment (`/v2/orders/{id}/shipments`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Shipment {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub order_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub customer_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub order_address_id: u64,
    #[serde(with = "dates::rfc2822_opt")]
    pub date_created: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "null_default")]
    pub tracking_number: String,
    #[serde(deserialize_with = "null_default")]
    pub tracking_link: String,
    #[serde(deserialize_with = "null_default")]
    pub generated_tracking_link: String,
    #[serde(deserialize_with = "null_default")]
    pub shipping_provider: String,
    #[serde(deserialize_with = "null_default")]
    pub shipping_provider_display_name: String,
    #[serde(deserialize_with = "null_default")]
    pub tracking_carrier: String,
    #[serde(deserialize_with = "null_default")]
    pub shipping_method: String,
    #[serde(with = "money::v2")]
    pub merchant_shipping_cost: Decimal,
    #[serde(deserialize_with = "null_default")]
    pub comments: String,
    #[serde(deserialize_with = "null_default")]
    pub billing_address: OrderAddress,
    #[serde(deserialize_with = "null_default")]
    pub shipping_address: OrderAddress,
    #[serde(deserialize_with = "null_default")]
    pub items: Vec<ShipmentItem>,
}

/// Body of `POST /v2/orders/{id}/shipments` (`order_address_id` and `items`
/// are required by the API).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ShipmentCreate {
    pub order_address_id: u64,
    pub items: Vec<ShipmentItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracking_link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracking_carrier: Option<String>,
    /// `""`, `auspost`, `canadapost`, `endicia`, `usps`, `fedex`, `royalmail`,
    /// `ups`, `upsready`, `shipperhq` or `carrier_{id}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_provider: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_method: Option<String>,
    #[serde(
        with = "money::v2_opt",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub merchant_shipping_cost: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
}

/// `PUT /v2/orders/{id}/shipments/{shipment_id}`: only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ShipmentUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
    /// A provider BigCommerce integrates (see [`ShipmentCreate::shipping_provider`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_provider: Option<String>,
    /// Any carrier by name (an AfterShip courier slug), when no provider fits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracking_carrier: Option<String>,
}

/// An order status (`GET /v2/order_statuses`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderStatus {
    pub id: u32,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub system_label: String,
    #[serde(deserialize_with = "null_default")]
    pub custom_label: String,
    #[serde(deserialize_with = "null_default")]
    pub system_description: String,
    /// Display position.
    #[serde(deserialize_with = "null_default")]
    pub order: i64,
}

/// One status's share of `GET /v2/orders/count`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderStatusCount {
    pub id: u32,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub system_label: String,
    #[serde(deserialize_with = "null_default")]
    pub custom_label: String,
    #[serde(deserialize_with = "null_default")]
    pub system_description: String,
    #[serde(deserialize_with = "lenient_count")]
    pub count: u64,
    #[serde(deserialize_with = "null_default")]
    pub sort_order: i64,
}

/// `GET /v2/orders/count`: total and per-status counts for the same filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderCount {
    #[serde(deserialize_with = "null_default")]
    pub statuses: Vec<OrderStatusCount>,
    #[serde(deserialize_with = "lenient_count")]
    pub count: u64,
}

/// Fields to update an order (`PUT /v2/orders/{id}`). Only `Some` fields are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_id: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<OrderAddress>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "opt_string")]
    pub external_source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "opt_string")]
    pub external_order_id: Option<String>,
    /// `true` archives the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<bool>,
}
