//! V3 list envelopes (`{data, meta: {pagination}}`) and pages.

use serde::{Deserialize, Serialize};

use super::models::null_default;

/// `meta.pagination` of a V3 list. `links.*` are relative query strings such
/// as `?page=2&limit=50`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pagination {
    #[serde(deserialize_with = "null_default")]
    pub total: u64,
    #[serde(deserialize_with = "null_default")]
    pub count: u64,
    #[serde(deserialize_with = "null_default")]
    pub per_page: u64,
    #[serde(deserialize_with = "null_default")]
    pub current_page: u64,
    #[serde(deserialize_with = "null_default")]
    pub total_pages: u64,
    #[serde(deserialize_with = "null_default")]
    pub links: PaginationLinks,
}

/// Relative links to neighbouring pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaginationLinks {
    pub previous: Option<String>,
    pub current: Option<String>,
    pub next: Option<String>,
}

/// One page of a V3 list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// `None` when the response had no `meta.pagination`.
    pub pagination: Option<Pagination>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            items: Vec::new(),
            pagination: None,
        }
    }
}

impl<T> Page<T> {
    /// Whether the server says more pages follow this one.
    pub fn has_more(&self) -> bool {
        self.pagination
            .as_ref()
            .is_some_and(|p| p.current_page < p.total_pages)
    }
}

/// `meta` of a V3 list.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListMeta {
    pub pagination: Option<Pagination>,
}

/// A V3 list response: `{"data": [...], "meta": {"pagination": {...}}}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct ListEnvelope<T> {
    #[serde(default = "Vec::new", deserialize_with = "null_default")]
    pub data: Vec<T>,
    #[serde(default, deserialize_with = "null_default")]
    pub meta: ListMeta,
}

impl<T> From<ListEnvelope<T>> for Page<T> {
    fn from(env: ListEnvelope<T>) -> Self {
        Page {
            items: env.data,
            pagination: env.meta.pagination,
        }
    }
}

/// A V3 single-object response: `{"data": {...}, "meta": {}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct DataEnvelope<T> {
    pub data: T,
}
