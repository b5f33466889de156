//! Customers and customer addresses (V3, `customers.v3.yml`).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::null_default;
use crate::api::{dates, money};

/// A customer group (V2 `/customer_groups`, `customers.v2.yml`); customers point at it
/// by `customer_group_id` (0: none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerGroup {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub is_default: bool,
}

/// A customer. `addresses` is filled only with `include=addresses`,
/// `store_credit_amounts` with `include=storecredit` (or when the store sends it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Customer {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub email: String,
    #[serde(deserialize_with = "null_default")]
    pub first_name: String,
    #[serde(deserialize_with = "null_default")]
    pub last_name: String,
    #[serde(deserialize_with = "null_default")]
    pub company: String,
    #[serde(deserialize_with = "null_default")]
    pub phone: String,
    #[serde(deserialize_with = "null_default")]
    pub notes: String,
    #[serde(deserialize_with = "null_default")]
    pub tax_exempt_category: String,
    #[serde(deserialize_with = "null_default")]
    pub customer_group_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub registration_ip_address: String,
    #[serde(with = "dates::iso8601_opt")]
    pub date_created: Option<DateTime<Utc>>,
    #[serde(with = "dates::iso8601_opt")]
    pub date_modified: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "null_default")]
    pub address_count: u64,
    #[serde(deserialize_with = "null_default")]
    pub attribute_count: u64,
    pub authentication: Option<CustomerAuthentication>,
    #[serde(deserialize_with = "null_default")]
    pub accepts_product_review_abandoned_cart_emails: bool,
    #[serde(deserialize_with = "null_default")]
    pub store_credit_amounts: Vec<StoreCredit>,
    #[serde(deserialize_with = "null_default")]
    pub origin_channel_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub channel_ids: Vec<u64>,
    #[serde(deserialize_with = "null_default")]
    pub addresses: Vec<CustomerAddress>,
}

impl Customer {
    /// `first_name last_name`, trimmed.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_string()
    }

    /// Sum of all store-credit amounts.
    pub fn store_credit(&self) -> Decimal {
        self.store_credit_amounts.iter().map(|c| c.amount).sum()
    }
}

/// `authentication` on a customer (create/update may also set `new_password`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerAuthentication {
    #[serde(deserialize_with = "null_default")]
    pub force_password_reset: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_password: Option<String>,
}

/// One store-credit amount.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoreCredit {
    #[serde(with = "money::v3")]
    pub amount: Decimal,
}

/// A customer address (`/v3/customers/addresses`, or inline with `include=addresses`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerAddress {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub customer_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub first_name: String,
    #[serde(deserialize_with = "null_default")]
    pub last_name: String,
    #[serde(deserialize_with = "null_default")]
    pub company: String,
    #[serde(deserialize_with = "null_default")]
    pub address1: String,
    #[serde(deserialize_with = "null_default")]
    pub address2: String,
    #[serde(deserialize_with = "null_default")]
    pub city: String,
    #[serde(deserialize_with = "null_default")]
    pub state_or_province: String,
    #[serde(deserialize_with = "null_default")]
    pub postal_code: String,
    /// ISO 3166-1 alpha-2.
    #[serde(deserialize_with = "null_default")]
    pub country_code: String,
    #[serde(deserialize_with = "null_default")]
    pub country: String,
    #[serde(deserialize_with = "null_default")]
    pub phone: String,
    /// `residential` or `commercial`.
    #[serde(deserialize_with = "null_default")]
    pub address_type: String,
    #[serde(deserialize_with = "null_default")]
    pub form_fields: Vec<Value>,
}

/// An address sent inline when creating customers (first_name, last_name,
/// address1, city, country_code required by the API).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerAddressWrite {
    pub first_name: String,
    pub last_name: String,
    pub address1: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address2: Option<String>,
    pub city: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_or_province: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    pub country_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_type: Option<String>,
}

/// Fields to create (email, first_name, last_name required) or update (`id`
/// required) a customer. Only `Some` fields are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerWrite {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_exempt_category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_group_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepts_product_review_abandoned_cart_emails: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authentication: Option<CustomerAuthentication>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_credit_amounts: Option<Vec<StoreCredit>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_ids: Option<Vec<u64>>,
    /// Create only: sub-resources are not updatable through `PUT /customers`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<CustomerAddressWrite>>,
}
