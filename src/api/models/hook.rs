//! Webhooks (`webhooks.v3.yml`): a subscription of a destination URL to one event scope.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::null_default;

const SCOPES: &str = include_str!("../../../assets/webhook_scopes.txt");

/// A webhook (`webhook_Full`). Timestamps are UNIX seconds, as the API sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Hook {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub client_id: String,
    #[serde(deserialize_with = "null_default")]
    pub store_hash: String,
    #[serde(deserialize_with = "null_default")]
    pub scope: String,
    #[serde(deserialize_with = "null_default")]
    pub destination: String,
    /// Custom headers sent with every callback (`null` in the API when there are none).
    #[serde(deserialize_with = "null_default")]
    pub headers: BTreeMap<String, String>,
    #[serde(deserialize_with = "null_default")]
    pub is_active: bool,
    #[serde(deserialize_with = "null_default")]
    pub created_at: i64,
    #[serde(deserialize_with = "null_default")]
    pub updated_at: i64,
}

impl Hook {
    pub fn created(&self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp(self.created_at, 0)
    }

    pub fn updated(&self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp(self.updated_at, 0)
    }
}

/// The body of a create (`scope` and `destination` required) or an update (any field).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HookWrite {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
}

/// The event scopes the webhook docs list (wildcards such as `store/order/*` included), in
/// alphabetical order: the choices for a new hook.
pub fn documented_scopes() -> Vec<&'static str> {
    SCOPES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}
