//! The Home tab: the store at a glance. Sales of today, 7 and 30 days with a
//! chart per day, the orders that need action, low and out-of-stock products,
//! top sellers and the latest orders. Each box loads on its own; the orders
//! poll keeps the figures current.
//!
//! Work goes out as [`HomeTask`]s (run by `crate::runtime::home_tasks`) and comes
//! back as [`HomeMsg`]s.

pub mod sales;

use chrono::{DateTime, FixedOffset, Utc};

use super::list::{LoadState, RequestId};
use super::orders::{NEEDS_ACTION, OrderView};
use super::panes::StockFilter;
use super::update::toast;
use super::{AppState, Effect, Tab, ToastKind};
use crate::api::models::{Order, OrderCount, Product, StoreTimezone};
pub use sales::Sales;

/// Names of products listed per stock line.
pub const STOCK_NAMES: usize = 2;
/// Top sellers shown.
pub const TOP_SELLERS: usize = 5;

/// A box that loads on its own: its load state and its data.
#[derive(Debug, Clone, Default)]
pub struct Section<T> {
    pub load: LoadState,
    pub data: Option<T>,
}

impl<T> Section<T> {
    fn start(&mut self, request: RequestId) {
        self.load = LoadState::Loading(request);
    }

    /// Takes `result` if it answers the request this box waits for.
    fn finish(&mut self, request: RequestId, result: Result<T, String>) -> Option<String> {
        if self.load.request() != Some(request) {
            return None;
        }
        match result {
            Ok(data) => {
                self.data = Some(data);
                self.load = LoadState::Loaded;
                None
            }
            Err(message) => {
                self.load = LoadState::Failed(message.clone());
                Some(message)
            }
        }
    }
}

/// Products at or under their warning level, and out of stock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stock {
    pub low: u64,
    pub low_names: Vec<String>,
    pub out: u64,
    pub out_names: Vec<String>,
}

/// What Enter on a Home line opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The Orders tab on one status (id, label).
    Status(u32, String),
    /// The Products tab with a stock filter.
    Stock(StockFilter),
}

/// State of the Home tab.
#[derive(Debug, Default)]
pub struct HomeState {
    pub sales: Sales,
    /// `/v2/orders/count`, for the needs-action statuses.
    pub counts: Section<OrderCount>,
    pub stock: Section<Stock>,
    pub top_sellers: Section<Vec<Product>>,
    /// The selected line among [`HomeState::targets`].
    pub cursor: usize,
    /// Chart 7 days instead of 30 (offered for very busy stores).
    pub week_only: bool,
}

impl HomeState {
    /// Whether a spinner should run.
    pub fn is_loading(&self) -> bool {
        self.sales.load.is_loading()
            || self.counts.load.is_loading()
            || self.stock.load.is_loading()
            || self.top_sellers.load.is_loading()
    }

    /// The needs-action statuses with their counts, in the Orders tab's order.
    pub fn needs_action(&self) -> Vec<(u32, String, u64)> {
        let Some(counts) = &self.counts.data else {
            return Vec::new();
        };
        NEEDS_ACTION
            .iter()
            .filter_map(|id| counts.statuses.iter().find(|s| s.id == *id))
            .map(|s| {
                let label = if s.custom_label.is_empty() {
                    s.name.clone()
                } else {
                    s.custom_label.clone()
                };
                (s.id, label, s.count)
            })
            .collect()
    }

    /// The lines Enter works on, top to bottom: statuses, then stock.
    pub fn targets(&self) -> Vec<Target> {
        let mut targets: Vec<Target> = self
            .needs_action()
            .into_iter()
            .map(|(id, label, _)| Target::Status(id, label))
            .collect();
        if self.stock.data.is_some() {
            targets.push(Target::Stock(StockFilter::Low));
            targets.push(Target::Stock(StockFilter::Out));
        }
        targets
    }

    /// The selected line's target.
    pub fn selected(&self) -> Option<Target> {
        self.targets().into_iter().nth(self.cursor)
    }

    fn window_days(&self) -> u64 {
        if self.week_only { 7 } else { 30 }
    }
}

/// Work for the runtime, answered with [`HomeMsg`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeTask {
    /// `/v2/orders/count`.
    Counts { request: RequestId },
    /// Low-stock and out-of-stock products: counts and first names.
    Stock { request: RequestId },
    /// Products by `total_sold`, most first.
    TopSellers { request: RequestId },
    /// The store's currency and timezone, then the orders of two windows of
    /// `window_days` before `now`, newest first, page by page.
    Sales {
        request: RequestId,
        window_days: u64,
        now: DateTime<Utc>,
    },
}

/// Results of [`HomeTask`]s.
#[derive(Debug)]
pub enum HomeMsg {
    Counts {
        request: RequestId,
        result: Result<OrderCount, String>,
    },
    Stock {
        request: RequestId,
        result: Result<Stock, String>,
    },
    TopSellers {
        request: RequestId,
        result: Result<Vec<Product>, String>,
    },
    /// The walk knows the store's currency and timezone.
    SalesStore {
        request: RequestId,
        currency: String,
        timezone: Option<StoreTimezone>,
    },
    /// Orders created in the last 30 days (from `/v2/orders/count`).
    SalesCount {
        request: RequestId,
        count: u64,
    },
    /// The walk waits `secs` for the quota (None: it goes on).
    SalesPaused {
        request: RequestId,
        secs: Option<u64>,
    },
    /// A page of the walk; `last` when no more follow.
    SalesPage {
        request: RequestId,
        orders: Vec<Order>,
        last: bool,
    },
    /// The walk stopped: too many orders for 30 days (the user may choose 7).
    SalesTooMany {
        request: RequestId,
    },
    SalesFailed {
        request: RequestId,
        message: String,
    },
}

/// What a Home key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeIntent {
    /// `w`: chart 7 days instead of 30, or back.
    ToggleWeek,
}

impl AppState {
    /// Loads every box of the Home tab, and starts the orders poll that keeps it current.
    pub(crate) fn reload_home(&mut self) -> Vec<Effect> {
        self.home.cursor = 0;
        let ids = [
            self.next_id(),
            self.next_id(),
            self.next_id(),
            self.next_id(),
        ];
        let home = &mut self.home;
        home.counts.start(ids[0]);
        home.stock.start(ids[1]);
        home.top_sellers.start(ids[2]);
        let window_days = home.window_days();
        home.sales = Sales::start(ids[3], window_days);
        let mut effects = vec![
            Effect::Home(HomeTask::Counts { request: ids[0] }),
            Effect::Home(HomeTask::Stock { request: ids[1] }),
            Effect::Home(HomeTask::TopSellers { request: ids[2] }),
            Effect::Home(HomeTask::Sales {
                request: ids[3],
                window_days,
                now: self.clock.now(),
            }),
        ];
        effects.extend(self.start_order_polling());
        effects
    }

    /// Whether the Home tab has never loaded.
    pub(crate) fn home_idle(&self) -> bool {
        self.home.counts.load == LoadState::Idle
    }
}

/// Handles a result of a Home task.
pub fn on_message(state: &mut AppState, message: HomeMsg) -> Vec<Effect> {
    let now = state.clock.now();
    let home = &mut state.home;
    let failed = match message {
        HomeMsg::Counts { request, result } => home.counts.finish(request, result),
        HomeMsg::Stock { request, result } => home.stock.finish(request, result),
        HomeMsg::TopSellers { request, result } => home.top_sellers.finish(request, result),
        message => return on_sales(state, message, now),
    };
    match failed {
        Some(message) => toast(state, ToastKind::Error, message),
        None => Vec::new(),
    }
}

fn on_sales(state: &mut AppState, message: HomeMsg, now: DateTime<Utc>) -> Vec<Effect> {
    let sales = &mut state.home.sales;
    let current = |request: RequestId| sales.load.request() == Some(request);
    match message {
        HomeMsg::SalesStore {
            request,
            currency,
            timezone,
        } if current(request) => {
            sales.set_store(currency, timezone.as_ref());
            sales.set_now(now);
        }
        HomeMsg::SalesCount { request, count } if current(request) => {
            sales.month_count = Some(count)
        }
        HomeMsg::SalesPaused { request, secs } if current(request) => sales.paused_secs = secs,
        HomeMsg::SalesPage {
            request,
            orders,
            last,
        } if current(request) => {
            sales.set_now(now);
            sales.page(&orders);
            if last {
                sales.load = LoadState::Loaded;
            }
        }
        HomeMsg::SalesTooMany { request } if current(request) => {
            sales.too_many = true;
            sales.load = LoadState::Loaded;
        }
        HomeMsg::SalesFailed { request, message } if current(request) => {
            sales.load = LoadState::Failed(message.clone());
            return toast(state, ToastKind::Error, message);
        }
        _ => state.changed = false,
    }
    Vec::new()
}

/// New or changed orders from the orders poll: the figures, the latest orders
/// and the needs-action counts follow without a reload.
pub(crate) fn orders_polled(state: &mut AppState, orders: &[Order]) -> Vec<Effect> {
    if state.home_idle() || orders.is_empty() {
        return Vec::new();
    }
    let now = state.clock.now();
    state.home.sales.set_now(now);
    state.home.sales.upsert(orders);
    if state.home.counts.load.is_loading() {
        return Vec::new();
    }
    let request = state.next_id();
    // The old counts stay on screen until the new ones arrive.
    state.home.counts.start(request);
    vec![Effect::Home(HomeTask::Counts { request })]
}

/// Handles a Home key.
pub fn on_intent(state: &mut AppState, intent: HomeIntent) -> Vec<Effect> {
    match intent {
        HomeIntent::ToggleWeek => {
            state.home.week_only = !state.home.week_only;
            state.reload_home()
        }
    }
}

/// Moves the selection by `delta` lines.
pub(crate) fn move_cursor(state: &mut AppState, delta: isize) {
    let last = state.home.targets().len().saturating_sub(1);
    state.home.cursor = state.home.cursor.saturating_add_signed(delta).min(last);
}

/// Enter: Orders on the selected status, or Products with the stock filter.
pub(crate) fn open_selected(state: &mut AppState) -> Vec<Effect> {
    match state.home.selected() {
        Some(Target::Status(id, label)) => {
            state.tab = Tab::Orders;
            state.orders.detail = None;
            let view = OrderView::Status(id, label.clone());
            if state.orders.list.load == LoadState::Idle {
                state.orders.needs_action = false;
                state.orders.status = Some((id, label));
                state.ensure_loaded()
            } else {
                state.set_order_view(view)
            }
        }
        Some(Target::Stock(filter)) => {
            state.tab = Tab::Products;
            state.filter_products_by_stock(filter)
        }
        None => Vec::new(),
    }
}

/// The offset of a timezone for display: `UTC-08:00`.
pub fn offset_label(offset: FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests;
