//! Query strings: percent-encoding and the filter structs for list endpoints.
//!
//! Keys are written as the spec names them (`id:in`, `name:like`); `:` and `,`
//! stay literal (valid in a query), everything outside the unreserved set is
//! percent-encoded (notably `+`, `&`, `=`, spaces and `#`).

use std::fmt::Display;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::dates;
use super::models::{Availability, ProductType};

/// What a query key or value keeps literal: the unreserved set plus `:` and `,`.
const QUERY_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b',');

/// Percent-encodes one query key or value.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, QUERY_ESCAPED).to_string()
}

/// Ordered query pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryPairs(pub Vec<(String, String)>);

impl QueryPairs {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, key: &str, value: impl Display) -> &mut Self {
        self.0.push((key.to_string(), value.to_string()));
        self
    }

    pub fn opt(&mut self, key: &str, value: Option<impl Display>) -> &mut Self {
        if let Some(v) = value {
            self.push(key, v);
        }
        self
    }

    /// A comma-separated list (`id:in=1,2,3`); nothing when empty.
    pub fn list<T: Display>(&mut self, key: &str, values: &[T]) -> &mut Self {
        if !values.is_empty() {
            let joined = values
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(",");
            self.push(key, joined);
        }
        self
    }

    /// Removes every pair with this key.
    pub fn remove(&mut self, key: &str) -> &mut Self {
        self.0.retain(|(k, _)| k != key);
        self
    }

    /// Sets a key, replacing earlier values.
    pub fn set(&mut self, key: &str, value: impl Display) -> &mut Self {
        self.remove(key);
        self.push(key, value)
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `a=1&b%20c=2` (no leading `?`).
    pub fn encode(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// `path?query`, or `path` when there is no query.
    pub fn append_to(&self, path: &str) -> String {
        if self.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{}", self.encode())
        }
    }

    /// Parses an already-encoded query string (`a=1&b=2`), decoding `%XX`
    /// (and `+` as a space, as form encoding does).
    pub fn parse(query: &str) -> QueryPairs {
        let pairs = form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        QueryPairs(pairs)
    }
}

/// Sort direction for V3 lists that take `direction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDirection {
    Asc,
    Desc,
}

impl Display for SortDirection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SortDirection::Asc => "asc",
            SortDirection::Desc => "desc",
        })
    }
}

/// Filters for `GET /v3/catalog/products`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProductQuery {
    pub id_in: Vec<u64>,
    /// Exact name.
    pub name: Option<String>,
    /// Searches name, description, SKU and brand.
    pub keyword: Option<String>,
    pub sku: Option<String>,
    /// Products in **all** of these categories.
    pub categories_in: Vec<u64>,
    pub is_visible: Option<bool>,
    pub brand_id: Option<u64>,
    pub availability: Option<Availability>,
    pub product_type: Option<ProductType>,
    /// `inventory_low=1`: at or under the low-stock warning level.
    pub inventory_low: bool,
    /// `out_of_stock=1`.
    pub out_of_stock: bool,
    /// `date_modified:min`, sent as ISO-8601.
    pub date_modified_min: Option<DateTime<Utc>>,
    /// id, name, sku, price, date_modified, inventory_level, is_visible,
    /// total_sold, calculated_price, ...
    pub sort: Option<String>,
    pub direction: Option<SortDirection>,
    /// e.g. `variants`, `images`, `primary_image`, `custom_fields`.
    pub include: Vec<String>,
    /// Only these fields in each product (`id` always comes back).
    pub include_fields: Vec<String>,
    pub page: Option<u32>,
    pub limit: Option<u32>,
}

impl ProductQuery {
    pub fn pairs(&self) -> QueryPairs {
        let mut q = QueryPairs::new();
        q.list("id:in", &self.id_in)
            .opt("name", self.name.as_ref())
            .opt("keyword", self.keyword.as_ref())
            .opt("sku", self.sku.as_ref())
            .list("categories:in", &self.categories_in)
            .opt("is_visible", self.is_visible)
            .opt("brand_id", self.brand_id)
            .opt("availability", self.availability.as_ref())
            .opt("type", self.product_type.as_ref())
            .opt("inventory_low", self.inventory_low.then_some(1))
            .opt("out_of_stock", self.out_of_stock.then_some(1))
            .opt(
                "date_modified:min",
                self.date_modified_min.as_ref().map(dates::format_iso8601),
            )
            .opt("sort", self.sort.as_ref())
            .opt("direction", self.direction)
            .list("include", &self.include)
            .list("include_fields", &self.include_fields)
            .opt("page", self.page)
            .opt("limit", self.limit);
        q
    }
}

/// Filters for `GET /v3/catalog/trees/categories`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TreeCategoryQuery {
    pub tree_id_in: Vec<u64>,
    pub category_id_in: Vec<u64>,
    pub parent_id_in: Vec<u64>,
    pub name: Option<String>,
    pub name_like: Option<String>,
    pub keyword: Option<String>,
    pub is_visible: Option<bool>,
    pub page: Option<u32>,
    pub limit: Option<u32>,
}

impl TreeCategoryQuery {
    pub fn pairs(&self) -> QueryPairs {
        let mut q = QueryPairs::new();
        q.list("tree_id:in", &self.tree_id_in)
            .list("category_id:in", &self.category_id_in)
            .list("parent_id:in", &self.parent_id_in)
            .opt("name", self.name.as_ref())
            .opt("name:like", self.name_like.as_ref())
            .opt("keyword", self.keyword.as_ref())
            .opt("is_visible", self.is_visible)
            .opt("page", self.page)
            .opt("limit", self.limit);
        q
    }
}

/// Filters for `GET /v2/orders` and `/v2/orders/count`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderQuery {
    /// One status only (V2 has no OR filter).
    pub status_id: Option<u32>,
    pub customer_id: Option<u64>,
    pub email: Option<String>,
    pub min_id: Option<u64>,
    pub max_id: Option<u64>,
    pub min_total: Option<Decimal>,
    pub max_total: Option<Decimal>,
    /// Dates go out as RFC-2822 (`Tue, 20 Nov 2012 00:00:00 +0000`).
    pub min_date_created: Option<DateTime<Utc>>,
    pub max_date_created: Option<DateTime<Utc>>,
    pub min_date_modified: Option<DateTime<Utc>>,
    pub max_date_modified: Option<DateTime<Utc>>,
    pub channel_id: Option<u64>,
    /// `field:asc|desc`, e.g. `date_created:desc`, `date_modified:asc`, `id`.
    pub sort: Option<String>,
    pub page: Option<u32>,
    pub limit: Option<u32>,
}

impl OrderQuery {
    /// Filters only (what `/v2/orders/count` accepts).
    pub fn filter_pairs(&self) -> QueryPairs {
        let date = |d: &Option<DateTime<Utc>>| d.as_ref().map(dates::format_rfc2822);
        let mut q = QueryPairs::new();
        q.opt("status_id", self.status_id)
            .opt("customer_id", self.customer_id)
            .opt("email", self.email.as_ref())
            .opt("min_id", self.min_id)
            .opt("max_id", self.max_id)
            .opt("min_total", self.min_total)
            .opt("max_total", self.max_total)
            .opt("min_date_created", date(&self.min_date_created))
            .opt("max_date_created", date(&self.max_date_created))
            .opt("min_date_modified", date(&self.min_date_modified))
            .opt("max_date_modified", date(&self.max_date_modified))
            .opt("channel_id", self.channel_id);
        q
    }

    pub fn pairs(&self) -> QueryPairs {
        let mut q = self.filter_pairs();
        q.opt("sort", self.sort.as_ref())
            .opt("page", self.page)
            .opt("limit", self.limit);
        q
    }
}

/// Filters for `GET /v3/customers`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerQuery {
    pub id_in: Vec<u64>,
    pub email_in: Vec<String>,
    /// Substring of first + last name.
    pub name_like: Option<String>,
    pub company_in: Vec<String>,
    pub customer_group_id_in: Vec<u64>,
    pub date_created_min: Option<DateTime<Utc>>,
    pub date_modified_min: Option<DateTime<Utc>>,
    /// addresses, storecredit, attributes, formfields, ...
    pub include: Vec<String>,
    /// `date_created:asc|desc`, `last_name:asc|desc`, `date_modified:asc|desc`.
    pub sort: Option<String>,
    pub page: Option<u32>,
    pub limit: Option<u32>,
}

impl CustomerQuery {
    pub fn pairs(&self) -> QueryPairs {
        let date = |d: &Option<DateTime<Utc>>| d.as_ref().map(dates::format_iso8601);
        let mut q = QueryPairs::new();
        q.list("id:in", &self.id_in)
            .list("email:in", &self.email_in)
            .opt("name:like", self.name_like.as_ref())
            .list("company:in", &self.company_in)
            .list("customer_group_id:in", &self.customer_group_id_in)
            .opt("date_created:min", date(&self.date_created_min))
            .opt("date_modified:min", date(&self.date_modified_min))
            .list("include", &self.include)
            .opt("sort", self.sort.as_ref())
            .opt("page", self.page)
            .opt("limit", self.limit);
        q
    }
}

/// Filters for `GET /v3/customers/addresses`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressQuery {
    pub customer_id_in: Vec<u64>,
    pub id_in: Vec<u64>,
    pub page: Option<u32>,
    pub limit: Option<u32>,
}

impl AddressQuery {
    pub fn pairs(&self) -> QueryPairs {
        let mut q = QueryPairs::new();
        q.list("customer_id:in", &self.customer_id_in)
            .list("id:in", &self.id_in)
            .opt("page", self.page)
            .opt("limit", self.limit);
        q
    }
}

/// Filters for `GET /v3/hooks`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HookQuery {
    pub is_active: Option<bool>,
    /// Exact scope, e.g. `store/order/*`.
    pub scope: Option<String>,
    /// Exact destination URL.
    pub destination: Option<String>,
    pub page: Option<u32>,
    pub limit: Option<u32>,
}

impl HookQuery {
    pub fn pairs(&self) -> QueryPairs {
        let mut q = QueryPairs::new();
        q.opt("is_active", self.is_active)
            .opt("scope", self.scope.as_ref())
            .opt("destination", self.destination.as_ref())
            .opt("page", self.page)
            .opt("limit", self.limit);
        q
    }
}
