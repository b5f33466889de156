//! Per-tab state: what each pane shows and how it is queried.

mod categories;
mod customers;
mod orders;
mod products;

pub use categories::{CategoriesPane, TreeRow};
pub use customers::{
    CustomerDetail, CustomerFilter, CustomerTotals, CustomersPane, CustomersQuery, RECENT_ORDERS,
};
pub use orders::{OrderDetail, OrderFilter, OrdersPane, OrdersQuery};
pub use products::{
    LIST_FIELDS, ProductDetail, ProductSort, ProductsPane, ProductsQuery, StockFilter,
};

use super::list::{LoadState, PagedList, RequestId};

/// Rows per page for list walks (the API maximum).
pub const PAGE_SIZE: usize = 250;

/// How a reference by id reads: the name `names` give it, `-` for 0 (none), `#id` while unknown.
fn name_or_id<'a>(id: u64, mut names: impl Iterator<Item = (u64, &'a str)>) -> String {
    if id == 0 {
        return "-".to_string();
    }
    names
        .find(|(known, _)| *known == id)
        .map_or_else(|| format!("#{id}"), |(_, name)| name.to_string())
}

/// A page of `list` arrived (`page` number, rows, total), with the names its rows refer
/// to when they were fetched with it; false when `list` waits for another request.
pub(crate) fn page_loaded<R, N>(
    list: &mut PagedList<R>,
    names: &mut Vec<N>,
    request: RequestId,
    (page, rows, total): (u32, Vec<R>, Option<u64>),
    fetched: Option<Vec<N>>,
) -> bool {
    if !list.expects(request) {
        return false;
    }
    if let Some(fetched) = fetched {
        *names = fetched;
    }
    list.append_page(page, rows, PAGE_SIZE, total);
    true
}

/// A detail view: which record, its load state, the data and the scroll position.
#[derive(Debug, Clone)]
pub struct Detail<T> {
    /// The record's id.
    pub id: u64,
    /// State of the request for it.
    pub load: LoadState,
    /// The record, once loaded.
    pub data: Option<T>,
    /// Lines scrolled down.
    pub scroll: u16,
    /// How far it can scroll, as the last frame measured it (the runtime
    /// reports it after drawing, so scrolling stops at the end instead of
    /// running on invisibly).
    pub max_scroll: u16,
}

impl<T> Detail<T> {
    /// A detail view waiting for `request`.
    pub fn loading(id: u64, request: RequestId) -> Self {
        Detail {
            id,
            load: LoadState::Loading(request),
            data: None,
            scroll: 0,
            max_scroll: u16::MAX,
        }
    }

    /// True when `request` is the one this view waits for.
    pub fn expects(&self, request: RequestId) -> bool {
        self.load.request() == Some(request)
    }

    /// Records how far the drawn lines can scroll, and keeps the scroll within it.
    pub fn measured(&mut self, max_scroll: u16) {
        self.max_scroll = max_scroll;
        self.scroll = self.scroll.min(max_scroll);
    }

    /// Scrolls by `delta` lines (negative is up).
    pub fn scroll_by(&mut self, delta: i32) {
        let max = i32::from(self.max_scroll);
        self.scroll = (i32::from(self.scroll) + delta).clamp(0, max) as u16;
    }
}
