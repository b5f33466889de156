//! Refunds (`/v3/orders/{id}/payment_actions/...`, orders.v3.yml): the quote asked for
//! first, the refund made from it, and the refunds already made. Money is V3: JSON numbers
//! read and written exactly as `Decimal`.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{lenient_vec, null_default};
use crate::api::{dates, money};

/// What is refunded: a line item by quantity, or an amount against the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundItemRequest {
    /// `PRODUCT` (by quantity) or `ORDER` (an amount), among others.
    pub item_type: String,
    /// The order product id for `PRODUCT`, the order id for `ORDER`.
    pub item_id: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u64>,
    #[serde(
        default,
        with = "money::v3_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<Decimal>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

impl RefundItemRequest {
    /// `quantity` of order product `order_product_id`.
    pub fn product(order_product_id: u64, quantity: u64) -> RefundItemRequest {
        RefundItemRequest {
            item_type: "PRODUCT".to_string(),
            item_id: order_product_id,
            quantity: Some(quantity),
            amount: None,
            reason: String::new(),
        }
    }

    /// `amount` off order `order_id` as a whole (no tax is recalculated).
    pub fn order_amount(order_id: u64, amount: Decimal) -> RefundItemRequest {
        RefundItemRequest {
            item_type: "ORDER".to_string(),
            item_id: order_id,
            quantity: None,
            amount: Some(amount),
            reason: String::new(),
        }
    }
}

/// `POST .../refund_quotes` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefundQuoteRequest {
    pub items: Vec<RefundItemRequest>,
}

/// One way to pay part of a refund back (an entry of a refund method).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct PaymentOption {
    #[serde(default, deserialize_with = "null_default")]
    pub provider_id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub provider_description: String,
    #[serde(default, with = "money::v3")]
    pub amount: Decimal,
    #[serde(default, deserialize_with = "null_default")]
    pub offline: bool,
    #[serde(default, deserialize_with = "null_default")]
    pub offline_provider: bool,
    #[serde(default, deserialize_with = "null_default")]
    pub offline_reason: String,
}

/// `RefundQuote_Full`: what the items come to, and the ways it can go back (each method is
/// one or more payment options that together make the amount).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct RefundQuote {
    #[serde(default, deserialize_with = "null_default")]
    pub order_id: u64,
    #[serde(default, with = "money::v3")]
    pub total_refund_amount: Decimal,
    #[serde(default, with = "money::v3")]
    pub total_refund_tax_amount: Decimal,
    #[serde(default, with = "money::v3")]
    pub rounding: Decimal,
    #[serde(default, with = "money::v3")]
    pub adjustment: Decimal,
    #[serde(default, deserialize_with = "null_default")]
    pub tax_inclusive: bool,
    #[serde(default, deserialize_with = "lenient_vec")]
    pub refund_methods: Vec<Vec<PaymentOption>>,
}

/// A payment of a refund request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefundPaymentRequest {
    pub provider_id: String,
    #[serde(with = "money::v3")]
    pub amount: Decimal,
    pub offline: bool,
}

/// `POST .../refunds` body: the quoted items and the chosen method's payments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefundCreate {
    pub items: Vec<RefundItemRequest>,
    pub payments: Vec<RefundPaymentRequest>,
}

/// A line of a refund made.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct RefundedItem {
    #[serde(default, deserialize_with = "null_default")]
    pub item_type: String,
    #[serde(default, deserialize_with = "null_default")]
    pub item_id: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub quantity: u64,
    #[serde(default, with = "money::v3_opt")]
    pub requested_amount: Option<Decimal>,
    #[serde(default, deserialize_with = "null_default")]
    pub reason: String,
}

/// A payment of a refund made.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct RefundPayment {
    #[serde(default, deserialize_with = "null_default")]
    pub id: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub provider_id: String,
    #[serde(default, with = "money::v3")]
    pub amount: Decimal,
    #[serde(default, deserialize_with = "null_default")]
    pub offline: bool,
    #[serde(default, deserialize_with = "null_default")]
    pub is_declined: bool,
    #[serde(default, deserialize_with = "null_default")]
    pub declined_message: String,
}

/// `Refund`: one refund made on an order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct Refund {
    #[serde(default, deserialize_with = "null_default")]
    pub id: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub order_id: u64,
    #[serde(default, with = "dates::iso8601_opt")]
    pub created: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "null_default")]
    pub reason: String,
    #[serde(default, with = "money::v3")]
    pub total_amount: Decimal,
    #[serde(default, with = "money::v3")]
    pub total_tax: Decimal,
    #[serde(default, deserialize_with = "lenient_vec")]
    pub items: Vec<RefundedItem>,
    #[serde(default, deserialize_with = "lenient_vec")]
    pub payments: Vec<RefundPayment>,
}

/// A payment provider id as a merchant knows it.
pub fn provider_name(provider_id: &str) -> String {
    match provider_id {
        "storecredit" => "Store Credit".to_string(),
        "custom" => "Custom (refunded outside BigCommerce)".to_string(),
        "bankdeposit" => "Bank Deposit".to_string(),
        "braintree" => "Braintree (Credit Card)".to_string(),
        "paypalcommerce" => "PayPal".to_string(),
        "applepay" => "Apple Pay".to_string(),
        other => other.to_string(),
    }
}
