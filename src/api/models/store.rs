//! Store information (`GET /v2/store`, `GET /v2/time`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::null_default;

/// `GET /v2/store`. `id` is the store hash.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoreInfo {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub account_uuid: String,
    #[serde(deserialize_with = "null_default")]
    pub domain: String,
    #[serde(deserialize_with = "null_default")]
    pub secure_url: String,
    #[serde(deserialize_with = "null_default")]
    pub control_panel_base_url: String,
    /// e.g. `live`.
    #[serde(deserialize_with = "null_default")]
    pub status: String,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub first_name: String,
    #[serde(deserialize_with = "null_default")]
    pub last_name: String,
    #[serde(deserialize_with = "null_default")]
    pub address: String,
    #[serde(deserialize_with = "null_default")]
    pub country: String,
    #[serde(deserialize_with = "null_default")]
    pub country_code: String,
    #[serde(deserialize_with = "null_default")]
    pub phone: String,
    #[serde(deserialize_with = "null_default")]
    pub admin_email: String,
    #[serde(deserialize_with = "null_default")]
    pub order_email: String,
    pub timezone: Option<StoreTimezone>,
    #[serde(deserialize_with = "null_default")]
    pub language: String,
    /// Currency code, e.g. `USD`.
    #[serde(deserialize_with = "null_default")]
    pub currency: String,
    #[serde(deserialize_with = "null_default")]
    pub currency_symbol: String,
    #[serde(deserialize_with = "null_default")]
    pub decimal_separator: String,
    #[serde(deserialize_with = "null_default")]
    pub thousands_separator: String,
    #[serde(deserialize_with = "null_default")]
    pub decimal_places: u32,
    /// `left` or `right`.
    #[serde(deserialize_with = "null_default")]
    pub currency_symbol_location: String,
    #[serde(deserialize_with = "null_default")]
    pub weight_units: String,
    #[serde(deserialize_with = "null_default")]
    pub dimension_units: String,
    #[serde(deserialize_with = "null_default")]
    pub plan_name: String,
    #[serde(deserialize_with = "null_default")]
    pub plan_level: String,
    #[serde(deserialize_with = "null_default")]
    pub plan_is_trial: bool,
    #[serde(deserialize_with = "null_default")]
    pub industry: String,
    /// An object with `url` in the spec; kept as sent.
    pub logo: Value,
    #[serde(deserialize_with = "null_default")]
    pub is_price_entered_with_tax: bool,
    #[serde(deserialize_with = "null_default")]
    pub store_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub default_channel_id: u64,
    /// Feature flags, kept as sent.
    pub features: Value,
}

/// The store's time zone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoreTimezone {
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// Seconds from UTC.
    #[serde(deserialize_with = "null_default")]
    pub raw_offset: i64,
    #[serde(deserialize_with = "null_default")]
    pub dst_offset: i64,
    #[serde(deserialize_with = "null_default")]
    pub dst_correction: bool,
}

/// `GET /v2/time`: `{"time": unix seconds}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerTime {
    pub time: i64,
}
