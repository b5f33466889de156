//! The Orders tab: the "needs action" view (default), all orders newest
//! first or one status, with counts from `/v2/orders/count`, a server-side
//! id/email filter, and an order detail view. The triage workflow (dialogs,
//! writes, polling, export) lives in `crate::app::orders`.

use super::{Detail, PAGE_SIZE};
use crate::api::models::OrderStatus;
use crate::api::models::{
    Order, OrderCount, OrderProduct, OrderRow, OrderShippingAddress, Refund, Shipment,
};
use crate::app::list::{LoadState, PagedList, RequestId};
use crate::app::list_pane::{self, DetailSlot, Filtered, ListPane, list_pane_fields};
use crate::app::orders::{
    AfterDetail, ExportState, Highlight, NEEDS_ACTION, OrderDialog, OrdersTask, PendingWrite,
    PollState, find,
};
use crate::app::{AppState, Effect, Fetch, Tab};
use std::collections::HashMap;

/// A `/` filter on orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderFilter {
    /// Digits: one order id.
    Id(u64),
    /// Text with `@`: the billing email.
    Email(String),
    /// One customer's orders (`o` on a customer), whatever email they were billed to.
    Customer(u64),
    /// Several customers' orders together (a name several customers share); the orders
    /// API takes one `customer_id`, so each is asked for and the answers merged.
    Customers(Vec<u64>),
}

impl OrderFilter {
    /// Reads what the user typed: digits are an order id, `customer:ID` one
    /// customer, text with `@` an email; anything else is not a valid orders filter.
    pub fn parse(text: &str) -> Result<Option<OrderFilter>, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        if text.chars().all(|c| c.is_ascii_digit()) {
            return text
                .parse()
                .map(|id| Some(OrderFilter::Id(id)))
                .map_err(|_| format!("{text} is not an order id"));
        }
        if let Some(id) = text.strip_prefix("customer:") {
            return id
                .trim()
                .parse()
                .map(|id| Some(OrderFilter::Customer(id)))
                .map_err(|_| format!("{} is not a customer id", id.trim()));
        }
        if text.contains('@') {
            return Ok(Some(OrderFilter::Email(text.to_string())));
        }
        Err(
            "Orders filter by order id (digits), customer email (with @) or customer:ID"
                .to_string(),
        )
    }

    /// How the filter is described in the status line.
    pub fn describe(&self) -> String {
        match self {
            OrderFilter::Id(id) => format!("id {id}"),
            OrderFilter::Email(email) => format!("email {email}"),
            OrderFilter::Customer(id) => format!("customer #{id}"),
            OrderFilter::Customers(ids) => {
                let ids: Vec<String> = ids.iter().map(|id| format!("#{id}")).collect();
                format!("customers {}", ids.join(", "))
            }
        }
    }
}

/// One page request for the order list (always newest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrdersQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page.
    pub limit: usize,
    /// `status_id=` filter.
    pub status_id: Option<u32>,
    /// Id or email filter.
    pub filter: Option<OrderFilter>,
    /// Date and total ranges and the sort.
    pub scope: crate::app::orders::OrderScope,
}

/// A loaded order with its line items, shipping addresses and shipments.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderDetail {
    pub order: Order,
    pub products: Vec<OrderProduct>,
    pub shipping_addresses: Vec<OrderShippingAddress>,
    pub shipments: Vec<Shipment>,
    /// The refunds made (V3 payment actions), or why they could not be read.
    pub refunds: Result<Vec<Refund>, String>,
}

/// State of the Orders tab.
#[derive(Debug)]
pub struct OrdersPane {
    /// The "needs action" view: the statuses in [`NEEDS_ACTION`] merged,
    /// oldest first (`status` is then `None`).
    pub needs_action: bool,
    /// Every status from `/v2/order_statuses` (for the `s` picker).
    pub statuses: Vec<OrderStatus>,
    /// The open dialog (status change, ship, staff notes).
    pub dialog: Option<OrderDialog>,
    /// The write in flight, if any.
    pub writing: Option<PendingWrite>,
    /// What to do once the detail being loaded arrives (`t` from the list).
    pub after_detail: Option<AfterDetail>,
    /// New-order polling.
    pub poll: PollState,
    /// Orders that polling found new or changed, by id.
    pub highlight: HashMap<u64, Highlight>,
    /// A running or finished CSV export.
    pub export: Option<ExportState>,
    /// Loaded rows.
    pub list: PagedList<OrderRow>,
    /// Applied id/email filter.
    pub filter: Option<OrderFilter>,
    /// Applied status filter: id and name.
    pub status: Option<(u32, String)>,
    /// Counts per status for the status bar and the picker.
    pub counts: Option<OrderCount>,
    /// The request the counts wait for.
    pub counts_load: LoadState,
    /// Bumped on every filter keystroke; only the latest debounce applies.
    pub filter_generation: u64,
    /// The open order, if any.
    pub detail: Option<Detail<OrderDetail>>,
    /// A status asked for by name (`:orders NAME`) before the counts that
    /// name the statuses had arrived.
    pub pending_status: Option<String>,
    /// The order to select again once rows fetched anew arrive.
    pub reselect: Option<u64>,
    /// Marked orders (Space, `V`, `*`), by id.
    pub marked: std::collections::BTreeSet<u64>,
    /// Where a `V` range started (a row index).
    pub range_start: Option<usize>,
    /// A status change of the marked orders in progress.
    pub bulk: Option<crate::app::orders::BulkStatus>,
    /// The name of the customer whose orders `/NAME` shows.
    pub filter_name: Option<String>,
    /// The name typed after `/` whose customers' orders are shown.
    pub searched_name: Option<String>,
    /// The customer name `/` is looking up.
    pub looking_up: Option<String>,
    /// Date and total ranges and the sort (`:orders since …`, `o`/`O`).
    pub scope: crate::app::orders::OrderScope,
}

impl Default for OrdersPane {
    fn default() -> Self {
        OrdersPane {
            needs_action: true,
            statuses: Vec::new(),
            dialog: None,
            writing: None,
            after_detail: None,
            poll: PollState::default(),
            highlight: HashMap::new(),
            export: None,
            list: PagedList::default(),
            filter: None,
            status: None,
            counts: None,
            counts_load: LoadState::Idle,
            filter_generation: 0,
            detail: None,
            pending_status: None,
            reselect: None,
            filter_name: None,
            marked: Default::default(),
            range_start: None,
            bulk: None,
            looking_up: None,
            searched_name: None,
            scope: Default::default(),
        }
    }
}

impl OrdersPane {
    fn query(&self, page: u32) -> OrdersQuery {
        OrdersQuery {
            page,
            limit: PAGE_SIZE,
            status_id: self.status.as_ref().map(|(id, _)| *id),
            filter: self.filter.clone(),
            scope: self.scope.clone(),
        }
    }

    /// Statuses for the picker and `:orders STATUS`: (id, name, count).
    pub fn status_choices(&self) -> Vec<(u32, String, u64)> {
        let mut statuses: Vec<_> = self
            .counts
            .iter()
            .flat_map(|counts| counts.statuses.iter())
            .map(|s| {
                let name = if s.custom_label.is_empty() {
                    s.name.clone()
                } else {
                    s.custom_label.clone()
                };
                (s.sort_order, s.id, name, s.count)
            })
            .collect();
        statuses.sort();
        statuses
            .into_iter()
            .map(|(_, id, name, count)| (id, name, count))
            .collect()
    }

    /// The total for the current status filter, from the counts.
    pub(crate) fn total_for_status(&self) -> Option<u64> {
        let counts = self.counts.as_ref()?;
        if self.needs_action {
            return Some(
                counts
                    .statuses
                    .iter()
                    .filter(|s| NEEDS_ACTION.contains(&s.id))
                    .map(|s| s.count)
                    .sum(),
            );
        }
        match &self.status {
            None => Some(counts.count),
            Some((id, _)) => counts
                .statuses
                .iter()
                .find(|s| s.id == *id)
                .map(|s| s.count),
        }
    }
}

impl ListPane for OrdersPane {
    list_pane_fields!(marked);
    fn reset_for_query(&mut self) {
        // Marks stay: rows fetched anew after a write (see `refetch_stale_orders`)
        // still hold the orders a bulk change left marked.
        self.list.reset();
    }
    fn page_fetch(&self, page: u32) -> Fetch {
        Fetch::Orders(self.query(page))
    }
    fn page_effect(&self, request: RequestId, page: u32) -> Effect {
        if self.needs_action {
            // One fetch brings every page of every needs-action status.
            return Effect::Orders(OrdersTask::NeedsAction {
                request,
                filter: self.filter.clone(),
                scope: self.scope.clone(),
            });
        }
        Effect::Fetch {
            request,
            fetch: self.page_fetch(page),
        }
    }
    fn open_detail(&mut self, id: u64, request: RequestId) -> Option<Fetch> {
        self.after_detail = None;
        // Seen now: no longer news.
        self.highlight.remove(&id);
        self.detail = Some(Detail::loading(id, request));
        Some(Fetch::OrderDetail { id })
    }
    fn has_filter(&self) -> bool {
        self.filter.is_some()
    }
    fn filter_text(&self) -> String {
        match &self.filter {
            Some(OrderFilter::Id(id)) => id.to_string(),
            Some(OrderFilter::Email(email)) => email.clone(),
            Some(OrderFilter::Customer(id)) => format!("customer:{id}"),
            Some(OrderFilter::Customers(_)) => self.searched_name.clone().unwrap_or_default(),
            None => String::new(),
        }
    }
    fn set_filter(&mut self, text: &str) -> Result<Filtered, String> {
        let filter = match find::classify(text)? {
            find::Search::Filter(filter) => filter,
            find::Search::CustomerName(name) => {
                self.looking_up = Some(name.clone());
                return Ok(Filtered::Asks(Effect::Orders(OrdersTask::FindCustomer {
                    name,
                })));
            }
        };
        self.looking_up = None;
        self.filter_name = None;
        let changed = filter != self.filter;
        self.filter = filter;
        Ok(changed.into())
    }
    fn clear_filter(&mut self) {
        self.filter = None;
    }
    fn is_loading(&self) -> bool {
        self.list.load.is_loading()
            || self.detail.is_loading()
            || self.counts_load.is_loading()
            || self.writing.is_some()
            || self.export.as_ref().is_some_and(|e| e.running)
    }
}

impl AppState {
    /// Drops the order rows and fetches page 1 and the counts (and, the
    /// first time, the statuses and the new-order polling watermark).
    pub(crate) fn reload_orders(&mut self) -> Vec<Effect> {
        self.orders.reset_for_query();
        let mut effects = self.reload_order_counts();
        effects.extend(self.fetch_more(Tab::Orders));
        effects.extend(self.start_order_polling());
        effects
    }

    /// Fetches the per-status counts again (after a write or new orders).
    pub(crate) fn reload_order_counts(&mut self) -> Vec<Effect> {
        let request = self.next_id();
        self.orders.counts_load = LoadState::Loading(request);
        vec![Effect::Fetch {
            request,
            fetch: Fetch::OrderCounts(self.orders.query(1)),
        }]
    }

    /// Drops the order rows and fetches page 1, keeping the counts (a view
    /// change does not change them).
    pub(crate) fn reload_order_rows(&mut self) -> Vec<Effect> {
        self.orders.reset_for_query();
        self.orders.list.total = self.orders.total_for_status();
        self.fetch_more(Tab::Orders)
    }

    /// Opens the detail view of order `id`.
    pub(crate) fn open_order(&mut self, id: u64) -> Vec<Effect> {
        self.open_record(Tab::Orders, id)
    }

    pub(crate) fn orders_loaded(
        &mut self,
        request: RequestId,
        page: u32,
        rows: Vec<OrderRow>,
    ) -> bool {
        if !self.orders.list.expects(request) {
            return false;
        }
        let total = self.orders.total_for_status();
        let reselect = self.orders.reselect.take();
        if self.orders.needs_action {
            // The whole merged view arrives at once: nothing more to page.
            let count = rows.len() as u64;
            self.orders
                .list
                .append_page(page, rows, usize::MAX, Some(count));
        } else {
            self.orders.list.append_page(page, rows, PAGE_SIZE, total);
        }
        if let Some(at) =
            reselect.and_then(|id| self.orders.list.rows.iter().position(|o| o.id == id))
        {
            let viewport = self.list_rows();
            let list = &mut self.orders.list;
            list.move_by(at as isize - list.cursor as isize, viewport);
        }
        true
    }

    /// The counts just arrived: when every row of the view is loaded and their number
    /// disagrees with the counts, someone else changed orders the rows still show (or
    /// miss). The rows are fetched again, the selected order kept, so the screen never
    /// shows more rows than the store has orders.
    pub(crate) fn refetch_stale_orders(&mut self) -> Vec<Effect> {
        let list = &self.orders.list;
        let complete = list.load == LoadState::Loaded && list.next_page.is_none();
        let stale = self
            .orders
            .total_for_status()
            .is_some_and(|total| total != list.rows.len() as u64);
        if !complete || !stale {
            return Vec::new();
        }
        self.orders.reselect = list.selected().map(|o| o.id);
        self.reload_order_rows()
    }

    pub(crate) fn order_counts_loaded(
        &mut self,
        request: RequestId,
        result: Result<OrderCount, String>,
    ) -> bool {
        if self.orders.counts_load.request() != Some(request) {
            return false;
        }
        match result {
            Ok(counts) => {
                self.orders.counts = Some(counts);
                self.orders.counts_load = LoadState::Loaded;
                if let Some(total) = self.orders.total_for_status() {
                    self.orders.list.total = Some(total);
                }
            }
            Err(message) => self.orders.counts_load = LoadState::Failed(message),
        }
        true
    }

    /// Applies a status asked for by name before the counts arrived.
    pub(crate) fn apply_pending_status(&mut self) -> Result<Vec<Effect>, String> {
        let Some(name) = self.orders.pending_status.take() else {
            return Ok(Vec::new());
        };
        match self.find_order_status(&name) {
            Some(status) => Ok(self.set_order_status(Some(status))),
            None => Err(format!("No order status called {name:?}")),
        }
    }

    pub(crate) fn order_detail_loaded(
        &mut self,
        request: RequestId,
        result: Result<OrderDetail, String>,
    ) -> bool {
        let failed = result.is_err();
        let handled = list_pane::loaded(&mut self.orders.detail, request, result);
        if handled && failed {
            // What waited for the order cannot happen now.
            self.orders.after_detail = None;
        }
        handled
    }

    /// Shows only orders with status `status` (None: all).
    pub(crate) fn set_order_status(&mut self, status: Option<(u32, String)>) -> Vec<Effect> {
        if status == self.orders.status && !self.orders.needs_action {
            return Vec::new();
        }
        self.orders.status = status;
        self.orders.needs_action = false;
        self.orders.detail = None;
        if self.orders.counts.is_some() {
            self.reload_order_rows()
        } else {
            self.reload_orders()
        }
    }

    /// Finds a status by name, case-insensitively (for `:orders STATUS`).
    pub(crate) fn find_order_status(&self, name: &str) -> Option<(u32, String)> {
        let wanted = name.trim().to_lowercase();
        self.orders
            .status_choices()
            .into_iter()
            .find(|(id, status, _)| status.to_lowercase() == wanted || id.to_string() == wanted)
            .map(|(id, name, _)| (id, name))
    }
}
