//! V3 list envelopes (`{data, meta: {pagination}}`) and pages.

use serde::{Deserialize, Serialize};

use super::models::{Unreadable, lenient, lenient_count, null_default};

/// `meta.pagination` of a V3 list. `links.*` are relative query strings such
/// as `?page=2&limit=50`. Out-of-range numbers (negative, fractional, huge)
/// read leniently, so a walk falls back to stopping at a short page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pagination {
    #[serde(deserialize_with = "lenient_count")]
    pub total: u64,
    #[serde(deserialize_with = "lenient_count")]
    pub count: u64,
    #[serde(deserialize_with = "lenient_count")]
    pub per_page: u64,
    #[serde(deserialize_with = "lenient_count")]
    pub current_page: u64,
    #[serde(deserialize_with = "lenient_count")]
    pub total_pages: u64,
    #[serde(deserialize_with = "lenient")]
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
    #[serde(default, deserialize_with = "lenient")]
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

use std::ops::ControlFlow;

use futures_util::StreamExt;
use futures_util::stream::FuturesOrdered;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::value::RawValue;

use super::client::Client;
use super::error::ApiError;
use super::query::QueryPairs;
use super::response::{decode, decode_items};

/// Page size for walks (the documented maximum).
pub const WALK_LIMIT: u32 = 250;
/// Pages of one V3 walk requested at a time once the page count is known.
pub const WALK_IN_FLIGHT: usize = 3;
/// Safety stop for a server that ignores `page`.
const MAX_WALK_PAGES: u32 = 100_000;

/// Progress of a multi-page walk, reported after each page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalkProgress {
    pub pages: u32,
    pub items: usize,
    /// From V3 `meta.pagination.total`; `None` for V2.
    pub total: Option<u64>,
}

fn walk_start(query: &QueryPairs) -> (u32, u32) {
    let limit = query
        .get("limit")
        .and_then(|l| l.parse().ok())
        .filter(|l| *l > 0)
        .unwrap_or(WALK_LIMIT);
    let page = query
        .get("page")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p > 0)
        .unwrap_or(1);
    (page, limit)
}

/// Decodes a V3 list page as [`Client::get_page`] does: a record that does not match `T`
/// becomes a placeholder naming its id and field, and the rest of the page loads.
pub fn decode_page<T: DeserializeOwned + Unreadable>(
    path: &str,
    body: &[u8],
) -> Result<Page<T>, ApiError> {
    let envelope: ListEnvelope<Box<RawValue>> = decode(&Method::GET, path, body)?;
    Ok(Page {
        items: decode_items(&Method::GET, path, envelope.data),
        pagination: envelope.meta.pagination,
    })
}

impl Client {
    /// One page of a V3 list.
    /// A record that does not match `T` becomes a placeholder naming its id
    /// and field ([`Unreadable`]); the rest of the page loads.
    pub async fn get_page<T: DeserializeOwned + Unreadable>(
        &self,
        path: &str,
    ) -> Result<Page<T>, ApiError> {
        let Some(response) = self.get_content(path).await? else {
            return Ok(Page::default());
        };
        decode_page(path, &response.body)
    }

    /// Fetches every page of a V3 list (`limit` 250 unless the query sets one).
    /// Stops on an empty or short page even if `total_pages` says more, and
    /// when `current_page` reaches `total_pages`. Once the first page tells how
    /// many follow, up to [`WALK_IN_FLIGHT`] pages are requested at a time
    /// (each still paced by the store's rate limiter); pages are taken in order.
    pub async fn fetch_all_v3<T, F>(
        &self,
        path: &str,
        query: &QueryPairs,
        mut progress: F,
    ) -> Result<Vec<T>, ApiError>
    where
        T: DeserializeOwned + Unreadable,
        F: FnMut(WalkProgress) + Send,
    {
        let mut items = Vec::new();
        self.walk_v3(path, query, |page: Vec<T>, walked| {
            items.extend(page);
            progress(walked);
            ControlFlow::Continue(())
        })
        .await?;
        Ok(items)
    }

    /// Walks a V3 list as [`Client::fetch_all_v3`] does, handing each page's items to
    /// `on_page` in order as soon as it arrives; `on_page` can stop the walk. At most
    /// [`WALK_IN_FLIGHT`] pages are held at a time, so memory does not grow with the list.
    pub async fn walk_v3<T, F>(
        &self,
        path: &str,
        query: &QueryPairs,
        mut on_page: F,
    ) -> Result<(), ApiError>
    where
        T: DeserializeOwned + Unreadable,
        F: FnMut(Vec<T>, WalkProgress) -> ControlFlow<()>,
    {
        let (first, limit) = walk_start(query);
        let fetch = |page: u32| {
            let mut q = query.clone();
            q.set("page", page).set("limit", limit);
            let path = q.append_to(path);
            async move { self.get_page::<T>(&path).await }
        };
        let mut items = 0;
        let mut pages = 0;
        let mut next = first;
        let mut last_known: Option<u32> = None;
        let mut in_flight = FuturesOrdered::new();
        loop {
            let ahead = if last_known.is_some() {
                WALK_IN_FLIGHT
            } else {
                1
            };
            while in_flight.len() < ahead
                && last_known.is_none_or(|last| next <= last)
                && pages + (in_flight.len() as u32) < MAX_WALK_PAGES
            {
                in_flight.push_back(fetch(next));
                next += 1;
            }
            let Some(result) = in_flight.next().await else {
                break;
            };
            let result: Page<T> = result?;
            let count = result.items.len();
            items += count;
            // Pages come back in the order they were asked for.
            let page = first + pages;
            pages += 1;
            let walked = WalkProgress {
                pages,
                items,
                total: result.pagination.as_ref().map(|p| p.total),
            };
            // The server may cap a page below `limit` (e.g. include=options
            // gives 10 per page): judge "short" against what it says it used.
            let per_page = result
                .pagination
                .as_ref()
                .map(|p| p.per_page)
                .filter(|p| *p > 0)
                .unwrap_or(limit as u64);
            // Trusted only when consistent with the page asked for.
            let last_by_meta = result.pagination.as_ref().is_some_and(|p| {
                p.current_page == u64::from(page)
                    && p.total_pages > 0
                    && p.current_page >= p.total_pages
            });
            if last_known.is_none() {
                last_known = result
                    .pagination
                    .as_ref()
                    .filter(|p| p.total_pages > 0 && p.current_page == u64::from(page))
                    .and_then(|p| u32::try_from(p.total_pages).ok());
            }
            if on_page(result.items, walked).is_break() {
                break;
            }
            if count == 0 || (count as u64) < per_page || last_by_meta || pages >= MAX_WALK_PAGES {
                break;
            }
        }
        Ok(())
    }

    /// Fetches every page of a V2 list (`limit` 250 unless the query sets one).
    /// A 204, an empty page or a short page ends the walk.
    pub async fn fetch_all_v2<T, F>(
        &self,
        path: &str,
        query: &QueryPairs,
        mut progress: F,
    ) -> Result<Vec<T>, ApiError>
    where
        T: DeserializeOwned + Unreadable,
        F: FnMut(WalkProgress) + Send,
    {
        let mut items = Vec::new();
        self.walk_v2(path, query, |page: Vec<T>, walked| {
            items.extend(page);
            progress(walked);
            ControlFlow::Continue(())
        })
        .await?;
        Ok(items)
    }

    /// Walks a V2 list as [`Client::fetch_all_v2`] does, one page at a time, handing each
    /// page's items to `on_page` as it arrives; `on_page` can stop the walk.
    pub async fn walk_v2<T, F>(
        &self,
        path: &str,
        query: &QueryPairs,
        mut on_page: F,
    ) -> Result<(), ApiError>
    where
        T: DeserializeOwned + Unreadable,
        F: FnMut(Vec<T>, WalkProgress) -> ControlFlow<()>,
    {
        let (mut page, limit) = walk_start(query);
        let mut items = 0;
        let mut pages = 0;
        loop {
            let mut q = query.clone();
            q.set("page", page).set("limit", limit);
            let batch: Vec<T> = self.get_v2_list(&q.append_to(path)).await?;
            let count = batch.len();
            items += count;
            pages += 1;
            let walked = WalkProgress {
                pages,
                items,
                total: None,
            };
            if on_page(batch, walked).is_break() {
                break;
            }
            if count == 0 || count < limit as usize || pages >= MAX_WALK_PAGES {
                break;
            }
            page += 1;
        }
        Ok(())
    }

    /// Walks every page of a raw path (`/v3/...?filters` or `/v2/...`) for
    /// `bctui api --paginate`, handing each page's items to `on_page` as it arrives:
    /// V3 lists contribute their `data` items, V2 lists their array elements.
    pub async fn paginate_raw<F>(&self, path: &str, on_page: F) -> Result<(), ApiError>
    where
        F: FnMut(Vec<Value>, WalkProgress) -> ControlFlow<()>,
    {
        let (base, query) = path.split_once('?').unwrap_or((path, ""));
        let query = QueryPairs::parse(query);
        if base.starts_with("/v3/") {
            self.walk_v3(base, &query, on_page).await
        } else {
            self.walk_v2(base, &query, on_page).await
        }
    }
}
