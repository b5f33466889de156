//! Query strings: decoding, typed filter values and the V2/V3 pagination rules.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, ApiVersion, Reply};
use super::server::path_id;
use super::wire::parse_date_filter;

/// V3 default page size, and the maximum for both versions.
pub(crate) const DEFAULT_LIMIT: usize = 50;
pub(crate) const MAX_LIMIT: usize = 250;

/// Decoded query parameters, in order. Invalid values are reported with 422 (V3) or 400 (V2).
#[derive(Debug, Clone)]
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
    version: ApiVersion,
    now: DateTime<Utc>,
}

impl Query {
    pub(crate) fn parse(raw: Option<&str>, version: ApiVersion, now: DateTime<Utc>) -> Query {
        let pairs = form_urlencoded::parse(raw.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.trim_end_matches("[]").to_string(), v.into_owned()))
            .collect();
        Query {
            pairs,
            version,
            now,
        }
    }

    fn bad(&self, key: &str, what: &str) -> ApiError {
        match self.version {
            ApiVersion::V3 => ApiError::new(422, "The filter parameters are not valid.")
                .field(key, format!("The filter '{key}' must be {what}.")),
            ApiVersion::V2 => ApiError::new(
                400,
                format!("The field '{key}' is invalid: expected {what}."),
            ),
        }
    }

    /// The raw value of `key` (the last one when repeated).
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == key)
    }

    /// True when any key from `keys` is present.
    pub(crate) fn has_any(&self, keys: &[&str]) -> bool {
        keys.iter().any(|k| self.has(k))
    }

    /// Comma-separated (or repeated) values of `key`, trimmed, empty ones dropped.
    pub(crate) fn list(&self, key: &str) -> Option<Vec<String>> {
        let mut found = false;
        let mut out = Vec::new();
        for (k, v) in &self.pairs {
            if k == key {
                found = true;
                out.extend(
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from),
                );
            }
        }
        found.then_some(out)
    }

    pub(crate) fn int(&self, key: &str) -> Result<Option<i64>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| self.bad(key, "an integer")),
        }
    }

    pub(crate) fn int_list(&self, key: &str) -> Result<Option<Vec<i64>>, ApiError> {
        match self.list(key) {
            None => Ok(None),
            Some(items) => items
                .iter()
                .map(|s| {
                    s.parse::<i64>()
                        .map_err(|_| self.bad(key, "a list of integers"))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
        }
    }

    pub(crate) fn bool(&self, key: &str) -> Result<Option<bool>, ApiError> {
        match self.get(key).map(|s| s.trim().to_ascii_lowercase()) {
            None => Ok(None),
            Some(v) => match v.as_str() {
                "true" | "1" => Ok(Some(true)),
                "false" | "0" => Ok(Some(false)),
                _ => Err(self.bad(key, "true or false")),
            },
        }
    }

    pub(crate) fn date(&self, key: &str) -> Result<Option<DateTime<Utc>>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => parse_date_filter(v, self.now)
                .map(Some)
                .ok_or_else(|| self.bad(key, "a date (ISO-8601, RFC-2822 or unix seconds)")),
        }
    }

    /// A string value that must be one of `allowed` (case-insensitive), returned lowercase.
    pub(crate) fn one_of(&self, key: &str, allowed: &[&str]) -> Result<Option<String>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => {
                let v = v.trim().to_ascii_lowercase();
                if allowed.contains(&v.as_str()) {
                    Ok(Some(v))
                } else {
                    Err(self.bad(key, &format!("one of {}", allowed.join(", "))))
                }
            }
        }
    }
}

/// A requested page: 1-based page number and page size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Page {
    pub page: usize,
    pub limit: usize,
}

impl Page {
    /// The items of this page out of a full result list.
    pub(crate) fn slice<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        let start = (self.page - 1).saturating_mul(self.limit).min(items.len());
        let end = start.saturating_add(self.limit).min(items.len());
        &items[start..end]
    }
}

fn positive(q: &Query, key: &str, default: usize) -> Result<usize, ApiError> {
    Ok(match q.int(key)? {
        Some(n) if n >= 1 => n as usize,
        _ => default,
    })
}

/// V3 paging: `limit` defaults to 50 and is clamped to 250.
pub(crate) fn v3_page(q: &Query) -> Result<Page, ApiError> {
    Ok(Page {
        page: positive(q, "page", 1)?,
        limit: positive(q, "limit", DEFAULT_LIMIT)?.min(MAX_LIMIT),
    })
}

/// V2 paging: `limit` defaults to 50; above 250 is a 413 with the V2 body.
pub(crate) fn v2_page(q: &Query) -> Result<Page, ApiError> {
    let limit = positive(q, "limit", DEFAULT_LIMIT)?;
    if limit > MAX_LIMIT {
        return Err(
            ApiError::new(413, "The specified limit exceeds the maximum allowed.")
                .details(json!({ "max_limit": MAX_LIMIT })),
        );
    }
    Ok(Page {
        page: positive(q, "page", 1)?,
        limit,
    })
}

/// The V3 `meta.pagination` object; links are relative query strings.
pub(crate) fn pagination(total: usize, count: usize, page: Page) -> Value {
    let total_pages = total.div_ceil(page.limit);
    let mut links = serde_json::Map::new();
    if page.page > 1 {
        links.insert(
            "previous".into(),
            json!(format!("?page={}&limit={}", page.page - 1, page.limit)),
        );
    }
    links.insert(
        "current".into(),
        json!(format!("?page={}&limit={}", page.page, page.limit)),
    );
    if page.page < total_pages {
        links.insert(
            "next".into(),
            json!(format!("?page={}&limit={}", page.page + 1, page.limit)),
        );
    }
    json!({
        "total": total,
        "count": count,
        "per_page": page.limit,
        "current_page": page.page,
        "total_pages": total_pages,
        "links": links,
    })
}

/// A V3 list reply for one page of already-filtered items.
pub(crate) fn v3_list<T: serde::Serialize>(total: usize, page: Page, data: Vec<T>) -> Reply {
    // Serialised straight from the items: a 250-item page is not rebuilt as a `Value` tree.
    #[derive(serde::Serialize)]
    struct Envelope<T> {
        data: Vec<T>,
        meta: Value,
    }
    let meta = json!({ "pagination": pagination(total, data.len(), page) });
    Reply::json(200, &Envelope { data, meta })
}

/// A V2 list reply: a bare array, or 204 with an empty body when there is nothing on the page.
/// Whether `id` passes an `:in` filter (no list lets every id through).
pub(crate) fn in_list(list: &Option<Vec<i64>>, id: u64) -> bool {
    list.as_ref().is_none_or(|l| l.contains(&(id as i64)))
}

/// One page of `items` as V2 lists it (204 when the page is empty).
pub(crate) fn v2_paged<T>(q: &Query, items: &[T], json: impl Fn(&T) -> Value) -> ApiResult {
    let page = v2_page(q)?;
    Ok(v2_list(page.slice(items).iter().map(json).collect()))
}

/// A V2 sub-resource of `items`: `[]` lists a page of them, `[id]` is the one with that id.
pub(crate) fn v2_items<T>(
    q: &Query,
    rest: &[&str],
    items: &[T],
    id_of: impl Fn(&T) -> u64,
    json: impl Fn(&T) -> Value,
) -> ApiResult {
    match rest {
        [] => v2_paged(q, items, json),
        [id] => {
            let id = path_id(id)?;
            let item = items
                .iter()
                .find(|i| id_of(i) == id)
                .ok_or_else(ApiError::not_found)?;
            Ok(Reply::json(200, &json(item)))
        }
        _ => Err(ApiError::not_found()),
    }
}

pub(crate) fn v2_list(data: Vec<Value>) -> Reply {
    if data.is_empty() {
        Reply::empty(204)
    } else {
        Reply::json(200, &data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Query {
        Query::parse(Some(s), ApiVersion::V3, crate::clock::test_anchor())
    }

    #[test]
    fn decodes_and_lists() {
        let q = q("id%3Ain=1,2&id:in=3&name=Blue+Mug&keyword=caf%C3%A9&x");
        assert_eq!(q.int_list("id:in").unwrap(), Some(vec![1, 2, 3]));
        assert_eq!(q.get("name"), Some("Blue Mug"));
        assert_eq!(q.get("keyword"), Some("café"));
        assert!(q.has("x"));
        assert!(q.int("name").is_err());
    }

    #[test]
    fn paging_rules() {
        let p = v3_page(&q("limit=1000&page=2")).unwrap();
        assert_eq!((p.page, p.limit), (2, 250));
        let v2 = Query::parse(
            Some("limit=251"),
            ApiVersion::V2,
            crate::clock::test_anchor(),
        );
        assert_eq!(v2_page(&v2).unwrap_err().status, 413);
        let meta = pagination(120, 50, Page { page: 2, limit: 50 });
        assert_eq!(meta["total_pages"], 3);
        assert_eq!(meta["links"]["previous"], "?page=1&limit=50");
        assert_eq!(meta["links"]["next"], "?page=3&limit=50");
        assert_eq!(Page { page: 9, limit: 50 }.slice(&[1, 2, 3]).len(), 0);
    }
}
