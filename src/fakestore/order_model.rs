//! The V2 order model: an order with its line items, shipping addresses and shipments. Totals
//! are derived from the line items and shipping costs so they always add up.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

/// The V2 address shape shared by billing and shipping addresses.
#[derive(Clone, Debug, Default)]
pub(crate) struct OrderAddressFields {
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub street_1: String,
    pub street_2: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub country: String,
    pub country_iso2: String,
    pub phone: String,
    pub email: String,
}

#[derive(Clone, Debug)]
pub(crate) struct OrderProduct {
    pub id: u64,
    pub product_id: u64,
    pub variant_id: u64,
    pub order_address_id: u64,
    pub name: String,
    pub sku: String,
    pub kind: String,
    pub base_price: Decimal,
    pub price_ex_tax: Decimal,
    pub price_tax: Decimal,
    pub cost_price: Decimal,
    pub weight: Decimal,
    pub quantity: u64,
    pub quantity_shipped: u64,
    pub quantity_refunded: u64,
    pub refund_amount: Decimal,
    /// (option display name, value label) pairs, e.g. ("Size", "M").
    pub options: Vec<(String, String)>,
}

#[derive(Clone, Debug)]
pub(crate) struct OrderAddress {
    pub id: u64,
    pub fields: OrderAddressFields,
    pub shipping_method: String,
    pub cost_ex_tax: Decimal,
    pub cost_tax: Decimal,
}

#[derive(Clone, Debug)]
pub(crate) struct ShipmentItem {
    pub order_product_id: u64,
    pub product_id: u64,
    pub quantity: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct Shipment {
    pub id: u64,
    pub order_address_id: u64,
    pub date_created: DateTime<Utc>,
    pub tracking_number: String,
    pub tracking_link: String,
    pub shipping_provider: String,
    pub tracking_carrier: String,
    pub shipping_method: String,
    pub merchant_shipping_cost: Decimal,
    pub comments: String,
    pub items: Vec<ShipmentItem>,
}

/// One line of a refund: a product and how many, or an amount against the order or a
/// shipping address.
#[derive(Clone, Debug)]
pub(crate) struct RefundLine {
    pub item_type: String,
    pub item_id: u64,
    pub quantity: Option<u64>,
    pub requested_amount: Option<Decimal>,
    pub reason: String,
}

/// Money sent back through one payment provider.
#[derive(Clone, Debug)]
pub(crate) struct RefundPayment {
    pub id: u64,
    pub provider_id: String,
    pub amount: Decimal,
    pub offline: bool,
}

/// A refund made on an order (V3 payment actions).
#[derive(Clone, Debug)]
pub(crate) struct Refund {
    pub id: u64,
    pub created: DateTime<Utc>,
    pub reason: String,
    pub total_amount: Decimal,
    pub total_tax: Decimal,
    pub items: Vec<RefundLine>,
    pub payments: Vec<RefundPayment>,
}

/// A V2 order with its line items, shipping addresses and shipments.
#[derive(Clone, Debug)]
pub(crate) struct Order {
    pub id: u64,
    pub customer_id: u64,
    pub date_created: DateTime<Utc>,
    pub date_modified: DateTime<Utc>,
    pub date_shipped: Option<DateTime<Utc>>,
    pub status_id: u8,
    pub subtotal_ex_tax: Decimal,
    pub subtotal_tax: Decimal,
    pub discount_amount: Decimal,
    pub coupon_discount: Decimal,
    pub refunded_amount: Decimal,
    pub store_credit_amount: Decimal,
    pub gift_certificate_amount: Decimal,
    pub payment_method: String,
    pub payment_status: String,
    pub staff_notes: String,
    pub customer_message: String,
    pub is_deleted: bool,
    pub billing: OrderAddressFields,
    pub ip_address: String,
    pub cart_id: String,
    pub channel_id: u64,
    pub external_source: Option<String>,
    pub external_order_id: String,
    pub order_source: String,
    pub products: Vec<OrderProduct>,
    pub addresses: Vec<OrderAddress>,
    pub shipments: Vec<Shipment>,
    pub refunds: Vec<Refund>,
}

impl Order {
    pub(crate) fn items_total(&self) -> u64 {
        self.products.iter().map(|p| p.quantity).sum()
    }

    pub(crate) fn items_shipped(&self) -> u64 {
        self.products.iter().map(|p| p.quantity_shipped).sum()
    }

    /// Recomputes the subtotal and tax from the line items.
    pub(crate) fn recompute_subtotals(&mut self) {
        self.subtotal_ex_tax = self
            .products
            .iter()
            .map(|p| p.price_ex_tax * Decimal::from(p.quantity))
            .sum();
        self.subtotal_tax = self
            .products
            .iter()
            .map(|p| p.price_tax * Decimal::from(p.quantity))
            .sum();
    }

    pub(crate) fn shipping_ex_tax(&self) -> Decimal {
        self.addresses.iter().map(|a| a.cost_ex_tax).sum()
    }

    pub(crate) fn shipping_tax(&self) -> Decimal {
        self.addresses.iter().map(|a| a.cost_tax).sum()
    }

    pub(crate) fn total_ex_tax(&self) -> Decimal {
        self.subtotal_ex_tax + self.shipping_ex_tax() - self.discount_amount
    }

    pub(crate) fn total_tax(&self) -> Decimal {
        self.subtotal_tax + self.shipping_tax()
    }

    pub(crate) fn total_inc_tax(&self) -> Decimal {
        self.total_ex_tax() + self.total_tax()
    }

    /// What was paid and not yet refunded.
    pub(crate) fn refundable(&self) -> Decimal {
        (self.total_inc_tax() - self.refunded_amount).max(Decimal::ZERO)
    }
}
