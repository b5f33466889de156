//! Messages into the update function (`Action`) and work it asks the runtime
//! to do (`Effect`).

use std::time::Duration;

use crossterm::event::KeyEvent;

use super::Tab;
use super::list::RequestId;
use super::panes::{
    CustomerDetail, CustomersQuery, OrderDetail, OrdersQuery, ProductDetail, ProductsQuery,
};
use crate::api::models::{
    Brand, Customer, CustomerGroup, CustomerRow, OrderCount, OrderRow, Product, ProductRow,
    TreeCategory,
};

/// Everything that can change the state.
#[derive(Debug)]
pub enum Action {
    /// A key press.
    Key(KeyEvent),
    /// Text pasted into the terminal.
    Paste(String),
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
    /// Animation step (only sent while something animates).
    Tick,
    /// The last frame measured the open detail of `tab`.
    DetailMeasured {
        tab: super::Tab,
        measure: DetailMeasure,
    },
    /// A request finished.
    Loaded {
        /// The id the request was started with.
        request: RequestId,
        /// The data, or the API's error message.
        result: Result<Loaded, String>,
    },
    /// The filter debounce for `tab` ran out; applies if `generation` is still current.
    FilterDue { tab: Tab, generation: u64 },
    /// A toast's time is up.
    ToastExpired(u64),
    /// The API quota changed.
    RateLimit(RateInfo),
    /// The store refused a request with this status (401: the token; 403: a
    /// scope), so the quota is no sign that all is well. Sent before the
    /// request's own `Loaded`.
    AccessRefused(u16),
    /// The store's write journal, read at start and after `:profile`: lines of
    /// earlier runs for `:log`, and the writes whose outcome never arrived.
    JournalRead {
        earlier: Vec<String>,
        unknown: Vec<super::unknown_writes::UnknownWrite>,
    },
    /// `:profile` finished connecting (or failed, with the reason).
    ProfileSwitched {
        profile: String,
        result: Result<Connected, String>,
    },
    /// A result for the request console.
    Console(super::console::ConsoleEvent),
    /// A write finished (see `edit::Write`).
    Written {
        request: RequestId,
        result: Result<super::edit::Written, super::edit::WriteFailure>,
    },
    /// A batch write sent `done` of `total` items.
    WriteProgress {
        request: RequestId,
        done: usize,
        total: usize,
    },
    /// The external editor closed: the saved text, or why it failed.
    EditedExternally {
        edit: super::edit::ExternalEdit,
        result: Result<String, String>,
    },
    /// Quit now (a signal arrived).
    Quit,
    /// A result for the Orders triage workflow (views, writes, polling, export).
    Orders(super::orders::OrdersMsg),
    /// A result for the Home tab.
    Home(super::home::HomeMsg),
    /// A load failed because the store could not be reached at all.
    StoreUnreachable,
    /// The store answers again; its name when `/v2/store` gave it.
    StoreReachable(Option<String>),
}

/// Data a finished request brings back.
#[derive(Debug)]
pub enum Loaded {
    StoreName(String),
    Products {
        page: u32,
        rows: Vec<ProductRow>,
        total: Option<u64>,
        /// The brands, fetched with the first page (`None`: not fetched or failed).
        brands: Option<Vec<Brand>>,
    },
    ProductDetail(Box<ProductDetail>),
    Orders {
        page: u32,
        rows: Vec<OrderRow>,
    },
    OrderCounts(OrderCount),
    OrderDetail(Box<OrderDetail>),
    Customers {
        page: u32,
        rows: Vec<CustomerRow>,
        total: Option<u64>,
        /// The customer groups, fetched with the first page (`None`: not fetched or failed).
        groups: Option<Vec<CustomerGroup>>,
    },
    CustomerDetail(Box<CustomerDetail>),
    Categories(Vec<TreeCategory>),
    /// Every webhook matching the filter.
    Hooks(Vec<crate::api::models::Hook>),
    /// Products read again by id (before a bulk preview); a failure is kept for the form.
    ProductsById(Result<Vec<Product>, String>),
    /// A whole product to open in `$EDITOR`; a failure is kept for a toast.
    ProductForEditor(Result<Box<Product>, String>),
    /// A whole customer to open in `$EDITOR`; a failure is kept for a toast.
    CustomerForEditor(Result<Box<Customer>, String>),
    /// Counts for a dialog or a detail; a failure is kept, not routed as an error.
    Count {
        query: super::edit::CountQuery,
        result: Result<Vec<(u64, u64)>, String>,
    },
}

/// One thing to fetch from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetch {
    StoreInfo,
    Products(ProductsQuery),
    ProductDetail {
        id: u64,
    },
    Orders(OrdersQuery),
    /// Counts per status, with the current filter (not the status) applied.
    OrderCounts(OrdersQuery),
    OrderDetail {
        id: u64,
    },
    Customers(CustomersQuery),
    CustomerDetail {
        id: u64,
    },
    Categories,
    /// Every webhook, or those with this scope or destination.
    Hooks(Option<super::hooks::HookFilter>),
    /// Orders of customers, or products in a category.
    Count(super::edit::CountQuery),
    /// These products as the store holds them now, with their variants (`id:in`).
    ProductsById(Vec<u64>),
    /// The whole product `id`, to open in `$EDITOR`.
    ProductForEditor {
        id: u64,
    },
    /// The whole customer `id`, to open in `$EDITOR`.
    CustomerForEditor {
        id: u64,
    },
}

/// Which view a fetch feeds: a newer fetch for the same slot cancels the older.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    StoreInfo,
    ProductList,
    ProductDetail,
    OrderList,
    OrderCounts,
    OrderDetail,
    CustomerList,
    CustomerDetail,
    Categories,
    Hooks,
    /// Counts for a delete dialog.
    DeleteCounts,
    /// The product count in the category detail.
    DetailCount,
    /// The Home tab's orders walk.
    HomeSales,
    /// The re-read before a bulk preview.
    BulkReread,
    /// The read before `E` opens the editor.
    EditorRead,
}

impl Fetch {
    /// The view this fetch feeds.
    pub fn slot(&self) -> Slot {
        match self {
            Fetch::StoreInfo => Slot::StoreInfo,
            Fetch::Products(_) => Slot::ProductList,
            Fetch::ProductDetail { .. } => Slot::ProductDetail,
            Fetch::Orders(_) => Slot::OrderList,
            Fetch::OrderCounts(_) => Slot::OrderCounts,
            Fetch::OrderDetail { .. } => Slot::OrderDetail,
            Fetch::Customers(_) => Slot::CustomerList,
            Fetch::CustomerDetail { .. } => Slot::CustomerDetail,
            Fetch::Categories => Slot::Categories,
            Fetch::Hooks(_) => Slot::Hooks,
            Fetch::Count(query) if query.for_delete() => Slot::DeleteCounts,
            Fetch::Count(_) => Slot::DetailCount,
            Fetch::ProductsById(_) => Slot::BulkReread,
            Fetch::ProductForEditor { .. } | Fetch::CustomerForEditor { .. } => Slot::EditorRead,
        }
    }
}

/// Work for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Mark the journal's writes with an unknown outcome as put aside.
    DiscardUnknownWrites,
    /// Mark these journal records (run, request id) with an unknown outcome as
    /// sent again by this run.
    RetriedUnknownWrites { records: Vec<(String, u64)> },
    /// Run `fetch` and answer with `Action::Loaded { request, .. }`.
    Fetch { request: RequestId, fetch: Fetch },
    /// After `delay`, send `Action::FilterDue { tab, generation }`.
    Debounce {
        tab: Tab,
        generation: u64,
        delay: Duration,
    },
    /// After `after`, send `Action::ToastExpired(id)`.
    ExpireToast { id: u64, after: Duration },
    /// Connect to another profile's store and answer with `Action::ProfileSwitched`.
    SwitchProfile(String),
    /// Put text on the system clipboard of the user's terminal (OSC 52: works over SSH).
    CopyToClipboard(String),
    /// Work for the request console.
    Console(super::console::ConsoleEffect),
    /// Send a write and answer with `Action::Written { request, .. }`.
    Write {
        request: RequestId,
        write: Box<super::edit::Write>,
    },
    /// Suspend the UI, edit text in `$EDITOR`, answer `Action::EditedExternally`
    /// (done by the runner, which owns the terminal).
    EditExternally(super::edit::ExternalEdit),
    /// Leave the app.
    Quit,
    /// Orders triage work (needs-action fetch, writes, polling, export).
    Orders(super::orders::OrdersTask),
    /// Loading the Home tab's boxes.
    Home(super::home::HomeTask),
    /// Ask the store with growing pauses until it answers, then send
    /// `Action::StoreReachable` (one probe at a time).
    ProbeStore,
}

/// Success or failure, for styling toasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

/// What the app learns of a store it switched to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connected {
    /// Whether the new profile refuses writes.
    pub read_only: bool,
}

/// The API quota as the header shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RateInfo {
    /// Requests left in this window.
    pub left: u64,
    /// Requests allowed per window.
    pub quota: u64,
    /// Whole seconds until requests resume, while paused by a 429 or pacing.
    pub resume_in_secs: Option<u64>,
}

/// What drawing an open detail found out about it, sent back to `update` so
/// scrolling can stop at the end and follow a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DetailMeasure {
    /// The detail scrolls at most this many lines.
    pub max_scroll: u16,
    /// A product detail's variants: the line (in the scrolled text) of the
    /// first variant and the lines visible at once.
    pub variant_rows: Option<(u16, u16)>,
}

impl DetailMeasure {
    /// A detail without variants that scrolls at most `max_scroll` lines.
    pub fn scrolls(max_scroll: u16) -> Self {
        Self {
            max_scroll,
            variant_rows: None,
        }
    }
}
