//! An order as a list row holds it: only the fields the Orders list shows, filters,
//! sorts, polls and guards its writes with. The V2 list has no `include_fields`, so the
//! page is decoded straight into rows and the rest (the money breakdown, addresses but
//! the billing name and email, links, channel, IP...) is skipped.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Order, OrderAddress, null_default};
use crate::api::{dates, money};

/// Of the billing address, what the customer column and the email filter read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderRowBilling {
    #[serde(deserialize_with = "null_default")]
    pub first_name: Box<str>,
    #[serde(deserialize_with = "null_default")]
    pub last_name: Box<str>,
    #[serde(deserialize_with = "null_default")]
    pub email: Box<str>,
}

/// One row of the order list. A view of 100,000 orders holds 100,000 of these, so text
/// is boxed (no spare capacity) and nothing the list never reads is kept; what needs the
/// whole order (the detail, the ship and refund dialogs, the export) reads it whole.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderRow {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub customer_id: u64,
    #[serde(with = "dates::rfc2822_opt")]
    pub date_created: Option<DateTime<Utc>>,
    /// Not a column: the poll tells changed orders by it.
    #[serde(with = "dates::rfc2822_opt")]
    pub date_modified: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "null_default")]
    pub status_id: u32,
    #[serde(deserialize_with = "null_default")]
    pub status: Box<str>,
    #[serde(deserialize_with = "null_default")]
    pub custom_status: Box<str>,
    #[serde(with = "money::v2")]
    pub total_inc_tax: Decimal,
    /// Not a column: a refund from the list is guarded by it.
    #[serde(with = "money::v2")]
    pub refunded_amount: Decimal,
    #[serde(deserialize_with = "null_default")]
    pub currency_code: Box<str>,
    #[serde(deserialize_with = "null_default")]
    pub items_total: u64,
    /// Not a column: a shipment is guarded by it.
    #[serde(deserialize_with = "null_default")]
    pub items_shipped: u64,
    #[serde(deserialize_with = "null_default")]
    pub payment_method: Box<str>,
    /// Not a column, but `n` edits it from the list (its editor starts from it).
    #[serde(deserialize_with = "null_default")]
    pub staff_notes: Box<str>,
    /// Shown beside the staff notes in their dialog.
    #[serde(deserialize_with = "null_default")]
    pub customer_message: Box<str>,
    #[serde(deserialize_with = "null_default")]
    pub billing_address: OrderRowBilling,
}

impl From<&Order> for OrderRow {
    /// The row of an order read whole (a poll, a write's answer).
    fn from(o: &Order) -> Self {
        let b = &o.billing_address;
        OrderRow {
            id: o.id,
            customer_id: o.customer_id,
            date_created: o.date_created,
            date_modified: o.date_modified,
            status_id: o.status_id,
            status: o.status.as_str().into(),
            custom_status: o.custom_status.as_str().into(),
            total_inc_tax: o.total_inc_tax,
            refunded_amount: o.refunded_amount,
            currency_code: o.currency_code.as_str().into(),
            items_total: o.items_total,
            items_shipped: o.items_shipped,
            payment_method: o.payment_method.as_str().into(),
            staff_notes: o.staff_notes.as_str().into(),
            customer_message: o.customer_message.as_str().into(),
            billing_address: OrderRowBilling {
                first_name: b.first_name.as_str().into(),
                last_name: b.last_name.as_str().into(),
                email: b.email.as_str().into(),
            },
        }
    }
}

impl OrderRow {
    /// The order as far as this row knows it: its fields set, every other field empty.
    /// What a write started from the list saw, and is compared with.
    pub fn to_order(&self) -> Order {
        let b = &self.billing_address;
        Order {
            id: self.id,
            customer_id: self.customer_id,
            date_created: self.date_created,
            date_modified: self.date_modified,
            status_id: self.status_id,
            status: self.status.to_string(),
            custom_status: self.custom_status.to_string(),
            total_inc_tax: self.total_inc_tax,
            refunded_amount: self.refunded_amount,
            currency_code: self.currency_code.to_string(),
            items_total: self.items_total,
            items_shipped: self.items_shipped,
            payment_method: self.payment_method.to_string(),
            staff_notes: self.staff_notes.to_string(),
            customer_message: self.customer_message.to_string(),
            billing_address: OrderAddress {
                first_name: b.first_name.to_string(),
                last_name: b.last_name.to_string(),
                email: b.email.to_string(),
                ..OrderAddress::default()
            },
            ..Order::default()
        }
    }
}

/// What filtering and sorting an order read: the same of a row and of a whole order
/// (a poll brings whole orders into a list of rows).
pub trait OrderKeys {
    fn id(&self) -> u64;
    fn customer_id(&self) -> u64;
    fn status_id(&self) -> u32;
    fn date_created(&self) -> Option<DateTime<Utc>>;
    fn total_inc_tax(&self) -> Decimal;
    fn billing_email(&self) -> &str;
}

// A whole order and its row name these fields alike, so one body serves both.
macro_rules! order_keys {
    ($($order:ty),+) => {$(
        impl OrderKeys for $order {
            fn id(&self) -> u64 {
                self.id
            }
            fn customer_id(&self) -> u64 {
                self.customer_id
            }
            fn status_id(&self) -> u32 {
                self.status_id
            }
            fn date_created(&self) -> Option<DateTime<Utc>> {
                self.date_created
            }
            fn total_inc_tax(&self) -> Decimal {
                self.total_inc_tax
            }
            fn billing_email(&self) -> &str {
                &self.billing_address.email
            }
        }
    )+};
}
order_keys!(Order, OrderRow);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_decodes_what_an_order_decodes_of_its_fields() {
        let json = r#"{"id":120,"customer_id":7,"date_created":"Tue, 05 Mar 2024 10:00:00 +0000",
            "date_modified":"Wed, 06 Mar 2024 11:30:00 +0000","date_shipped":"",
            "status_id":11,"status":"Awaiting Fulfillment","custom_status":"Pack me",
            "subtotal_ex_tax":"90.0000","total_inc_tax":"108.5000","refunded_amount":"8.5000",
            "currency_code":"GBP","items_total":3,"items_shipped":1,"payment_method":"Card",
            "payment_status":"captured","staff_notes":"fragile\nsecond line",
            "customer_message":"ring twice","ip_address":"10.0.0.1",
            "billing_address":{"first_name":"Ada","last_name":"Lovelace","company":"Engines",
                "street_1":"12 St James's Square","city":"London","email":"ada@example.com",
                "form_fields":[{"name":"x","value":1}]},
            "products":{"url":"https://x/v2/orders/120/products","resource":"/orders/120/products"}}"#;
        let row: OrderRow = serde_json::from_str(json).expect("a row");
        let order: Order = serde_json::from_str(json).expect("an order");
        assert_eq!(row, OrderRow::from(&order));
        assert_eq!(row.billing_email(), "ada@example.com");
        let round_trip = row.to_order();
        assert_eq!(OrderRow::from(&round_trip), row);
        assert!(round_trip.billing_address.company.is_empty() && round_trip.products.is_none());
        assert!(round_trip.subtotal_ex_tax.is_zero() && round_trip.payment_status.is_empty());
        // What a write guarded from the list sends as "seen" is what the order shows.
        let fields = serde_json::json!({"status_id":null,"items_shipped":null,
            "refunded_amount":null,"staff_notes":null});
        assert_eq!(
            crate::api::compare::seen(&round_trip, &fields),
            crate::api::compare::seen(&order, &fields)
        );
    }

    #[test]
    fn nulls_and_missing_fields_read_as_empty() {
        let row: OrderRow = serde_json::from_str(
            r#"{"id":9,"status":null,"customer_id":null,"billing_address":null,
                "date_created":"","total_inc_tax":null}"#,
        )
        .expect("a row");
        assert_eq!(
            row,
            OrderRow {
                id: 9,
                ..OrderRow::default()
            }
        );
    }

    #[test]
    fn a_row_is_smaller_than_an_order() {
        assert!(std::mem::size_of::<OrderRow>() < std::mem::size_of::<Order>() / 2);
    }
}
