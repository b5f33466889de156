//! The Products tab: a server-sorted, server-filtered, paged product list and
//! a product detail view.

use std::collections::BTreeSet;

use super::{Detail, PAGE_SIZE};
use crate::api::models::{Brand, Product, ProductRow};
use crate::app::edit::ProductField;
use crate::app::edit::variant::VariantField;
use crate::app::list::{PagedList, RequestId};
use crate::app::list_pane::{self, Filtered, ListPane, list_pane_fields};
use crate::app::{AppState, Effect, Fetch, Tab};

/// The product fields the list's columns, inline and bulk edits, marks and write checks
/// read: list pages ask the store for only these (`include_fields`; `id` always comes),
/// and a [`ProductRow`] holds exactly these.
pub const LIST_FIELDS: [&str; 14] = [
    "name",
    "sku",
    "price",
    "sale_price",
    "retail_price",
    "cost_price",
    "inventory_level",
    "inventory_warning_level",
    "inventory_tracking",
    "is_visible",
    "availability",
    "date_modified",
    "brand_id",
    "type",
];

/// Columns the product list can be sorted by on the server (`sort=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProductSort {
    #[default]
    Id,
    Name,
    Sku,
    Price,
    InventoryLevel,
    DateModified,
}

impl ProductSort {
    /// The order `o` cycles through.
    pub const CYCLE: [ProductSort; 6] = [
        ProductSort::Id,
        ProductSort::Name,
        ProductSort::Sku,
        ProductSort::Price,
        ProductSort::InventoryLevel,
        ProductSort::DateModified,
    ];

    /// The API's `sort` value.
    pub fn api_name(self) -> &'static str {
        match self {
            ProductSort::Id => "id",
            ProductSort::Name => "name",
            ProductSort::Sku => "sku",
            ProductSort::Price => "price",
            ProductSort::InventoryLevel => "inventory_level",
            ProductSort::DateModified => "date_modified",
        }
    }

    /// The column title it sorts by.
    pub fn label(self) -> &'static str {
        match self {
            ProductSort::Id => "ID",
            ProductSort::Name => "Name",
            ProductSort::Sku => "SKU",
            ProductSort::Price => "Price",
            ProductSort::InventoryLevel => "Stock",
            ProductSort::DateModified => "Modified",
        }
    }

    /// The next column in the cycle.
    pub fn next(self) -> ProductSort {
        let i = Self::CYCLE.iter().position(|s| *s == self).unwrap_or(0);
        Self::CYCLE[(i + 1) % Self::CYCLE.len()]
    }
}

/// A server-side stock filter (`inventory_low=1`, `out_of_stock=1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StockFilter {
    /// At or under the product's low-stock warning level.
    Low,
    /// No stock left.
    Out,
}

impl StockFilter {
    /// How the filter is named on screen.
    pub fn label(self) -> &'static str {
        match self {
            StockFilter::Low => "low stock",
            StockFilter::Out => "out of stock",
        }
    }
}

/// One page request for the product list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductsQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page.
    pub limit: usize,
    /// `keyword=` filter.
    pub keyword: Option<String>,
    /// `categories:in=` filter.
    pub category: Option<u64>,
    /// `inventory_low` / `out_of_stock` filter.
    pub stock: Option<StockFilter>,
    /// `is_visible=false`: hidden products only.
    pub hidden: bool,
    /// `brand_id=` filter.
    pub brand: Option<u64>,
    /// `sort=`.
    pub sort: ProductSort,
    /// `direction=desc` when true.
    pub descending: bool,
}

/// A loaded product with what the detail view shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductDetail {
    /// The product, with its variants.
    pub product: Product,
}

/// State of the Products tab.
#[derive(Debug, Default)]
pub struct ProductsPane {
    /// Loaded rows: the list's fields only (the detail holds the whole product).
    pub list: PagedList<ProductRow>,
    /// The store's brands, by id (fetched with the first page; empty until then).
    pub brands: Vec<Brand>,
    /// Applied keyword filter.
    pub keyword: Option<String>,
    /// Applied category filter: id and name.
    pub category: Option<(u64, String)>,
    /// Applied stock filter (from the Home tab or `f`).
    pub stock: Option<StockFilter>,
    /// Only hidden products (`f`).
    pub hidden: bool,
    /// Applied brand filter (`f`): id and name.
    pub brand: Option<(u64, String)>,
    /// Server-side sort column.
    pub sort: ProductSort,
    /// Sort descending.
    pub descending: bool,
    /// Bumped on every filter keystroke; only the latest debounce applies.
    pub filter_generation: u64,
    /// The open product, if any.
    pub detail: Option<Detail<ProductDetail>>,
    /// Marked products (Space, `V`, `*`), by id.
    pub marked: BTreeSet<u64>,
    /// Where a `V` range started (row index), until the second `V`.
    pub range_start: Option<usize>,
    /// The focused column: what `e` edits.
    pub column: ProductField,
    /// The selected variant in the product detail.
    pub variant_cursor: usize,
    /// The focused variant field in the product detail.
    pub variant_column: VariantField,
    /// Where the last frame drew the detail's variants: the screen row (counted in
    /// the scrolled text) of the first variant and the rows visible, so `]`/`[`
    /// can scroll the selection into view.
    pub variant_rows: (u16, u16),
}

impl ProductsPane {
    /// How brand `id` is shown: its name, `-` for none, `#id` while the names are unknown.
    pub fn brand_label(&self, id: u64) -> String {
        super::name_or_id(id, self.brands.iter().map(|b| (b.id, b.name.as_str())))
    }

    fn query(&self, page: u32) -> ProductsQuery {
        ProductsQuery {
            page,
            limit: PAGE_SIZE,
            keyword: self.keyword.clone(),
            category: self.category.as_ref().map(|(id, _)| *id),
            stock: self.stock,
            hidden: self.hidden,
            brand: self.brand.as_ref().map(|(id, _)| *id),
            sort: self.sort,
            descending: self.descending,
        }
    }
}

impl ListPane for ProductsPane {
    list_pane_fields!(marked);
    fn reset_for_query(&mut self) {
        self.list.reset();
        // Marks refer to the rows of one query; a new query starts clean.
        self.marked.clear();
        self.range_start = None;
    }
    fn page_fetch(&self, page: u32) -> Fetch {
        Fetch::Products(self.query(page))
    }
    fn open_detail(&mut self, id: u64, request: RequestId) -> Option<Fetch> {
        self.detail = Some(Detail::loading(id, request));
        self.variant_cursor = 0;
        Some(Fetch::ProductDetail { id })
    }
    fn wants_category_names(&self) -> bool {
        // Category names come from the category list.
        true
    }
    fn has_filter(&self) -> bool {
        self.keyword.is_some()
            || self.category.is_some()
            || self.stock.is_some()
            || self.hidden
            || self.brand.is_some()
    }
    fn filter_text(&self) -> String {
        self.keyword.clone().unwrap_or_default()
    }
    fn set_filter(&mut self, text: &str) -> Result<Filtered, String> {
        let keyword = Some(text.trim().to_string()).filter(|k| !k.is_empty());
        let changed = keyword != self.keyword;
        self.keyword = keyword;
        Ok(changed.into())
    }
    fn clear_filter(&mut self) {
        self.keyword = None;
        self.category = None;
        self.stock = None;
        self.hidden = false;
        self.brand = None;
    }
}

impl AppState {
    pub(crate) fn product_detail_loaded(
        &mut self,
        request: RequestId,
        result: Result<ProductDetail, String>,
    ) -> bool {
        list_pane::loaded(&mut self.products.detail, request, result)
    }

    /// Shows only products in category `id` (from the Categories tab).
    pub(crate) fn filter_products_by_category(&mut self, id: u64, name: String) -> Vec<Effect> {
        self.products.category = Some((id, name));
        self.products.keyword = None;
        self.products.detail = None;
        self.reload_list(Tab::Products)
    }

    /// Shows only low-stock or out-of-stock products (from the Home tab).
    pub(crate) fn filter_products_by_stock(&mut self, stock: StockFilter) -> Vec<Effect> {
        self.products.stock = Some(stock);
        self.products.keyword = None;
        self.products.category = None;
        self.products.detail = None;
        self.reload_list(Tab::Products)
    }

    /// `o`: sort by the next column.
    pub(crate) fn sort_products_next(&mut self) -> Vec<Effect> {
        self.products.sort = self.products.sort.next();
        self.reload_list(Tab::Products)
    }

    /// `O`: flip the sort direction.
    pub(crate) fn sort_products_flip(&mut self) -> Vec<Effect> {
        self.products.descending = !self.products.descending;
        self.reload_list(Tab::Products)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_row_holds_exactly_the_fields_list_pages_ask_for() {
        let row = serde_json::to_value(ProductRow::default()).expect("a row serialises");
        let mut held: Vec<&str> = row
            .as_object()
            .map(|fields| fields.keys().map(String::as_str).collect())
            .unwrap_or_default();
        held.sort_unstable();
        let mut asked: Vec<&str> = LIST_FIELDS.iter().copied().chain(["id"]).collect();
        asked.sort_unstable();
        assert_eq!(held, asked);
    }
}
