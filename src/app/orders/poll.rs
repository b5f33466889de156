//! New-order polling: a watermark from `/v2/time`, then one cheap request
//! per interval (`min_date_modified` = watermark, one page of 250, oldest
//! change first). New and changed orders are highlighted and merged into the
//! view; a toast says how many.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::OrdersTask;
use super::views::filter_matches;
use crate::api::models::{Order, OrderRow};
use crate::app::update::toast;
use crate::app::{AppState, Effect, ToastKind};

/// How often to look for new orders unless `:poll` says otherwise.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(60);

/// Why an order is highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Highlight {
    /// Created since the app started watching.
    New,
    /// Changed by someone else since the app started watching.
    Changed,
}

/// The poller's memory.
#[derive(Debug, Clone)]
pub struct PollState {
    /// Time between polls.
    pub interval: Duration,
    /// Whether polling is on (`:poll off` stops it).
    pub enabled: bool,
    /// Set once the first watermark was asked for.
    pub started: bool,
    /// Changes at or after this server time are news.
    pub watermark: Option<DateTime<Utc>>,
    /// A fresh id whenever polling (re)starts, so older timers are ignored.
    pub generation: u64,
    /// The last `date_modified` seen per order, so the same change (or our
    /// own write) is not reported twice.
    pub known: HashMap<u64, Option<DateTime<Utc>>>,
}

impl Default for PollState {
    fn default() -> Self {
        PollState {
            interval: DEFAULT_INTERVAL,
            enabled: true,
            started: false,
            watermark: None,
            generation: 0,
            known: HashMap::new(),
        }
    }
}

/// The environment variable that sets the polling interval at start:
/// seconds, or `off`. `:poll` changes it while running.
pub const POLL_ENV: &str = "BCTUI_ORDER_POLL_SECS";

impl PollState {
    /// Applies a `BCTUI_ORDER_POLL_SECS` value (seconds, or `off`/`0`).
    /// Anything else is reported and the default kept.
    pub fn configure(&mut self, value: &str) -> Result<(), String> {
        match value.trim() {
            "off" | "0" => self.enabled = false,
            text => match text.parse::<u64>() {
                Ok(seconds) => self.interval = Duration::from_secs(seconds),
                Err(_) => {
                    return Err(format!(
                        "{POLL_ENV}={value:?} is not a number of seconds or off; polling every {} s",
                        self.interval.as_secs()
                    ));
                }
            },
        }
        Ok(())
    }
}

impl AppState {
    /// The first time the Orders tab loads: statuses and the watermark.
    pub(crate) fn start_order_polling(&mut self) -> Vec<Effect> {
        if self.orders.poll.started {
            return Vec::new();
        }
        self.orders.poll.started = true;
        // Globally unique, so a poll started for another profile never matches.
        self.orders.poll.generation = self.next_id();
        vec![
            Effect::Orders(OrdersTask::Statuses),
            Effect::Orders(OrdersTask::ServerTime),
        ]
    }
}

fn schedule(state: &AppState) -> Vec<Effect> {
    let poll = &state.orders.poll;
    match (poll.enabled, poll.watermark) {
        (true, Some(since)) => vec![Effect::Orders(OrdersTask::Poll {
            after: poll.interval,
            since,
            generation: poll.generation,
        })],
        _ => Vec::new(),
    }
}

/// `:poll`: a new interval (None: off). Restarts the timer.
pub(super) fn set_interval(state: &mut AppState, seconds: Option<u64>) -> Vec<Effect> {
    let generation = state.next_id();
    let poll = &mut state.orders.poll;
    poll.generation = generation;
    poll.enabled = seconds.is_some();
    if let Some(seconds) = seconds {
        poll.interval = Duration::from_secs(seconds);
    }
    let mut effects = state.start_order_polling();
    effects.extend(schedule(state));
    effects
}

/// The watermark arrived: start the timer.
pub(super) fn server_time(
    state: &mut AppState,
    result: Result<DateTime<Utc>, String>,
) -> Vec<Effect> {
    match result {
        Ok(now) => {
            state.orders.poll.watermark = Some(now);
            state.changed = false;
            schedule(state)
        }
        Err(message) => {
            state.orders.poll.started = false;
            toast(
                state,
                ToastKind::Error,
                format!("New-order polling could not start (r on Orders retries): {message}"),
            )
        }
    }
}

/// A poll came back: merge, highlight, toast, schedule the next.
pub(super) fn polled(
    state: &mut AppState,
    generation: u64,
    since: DateTime<Utc>,
    result: Result<Vec<Order>, String>,
) -> Vec<Effect> {
    if generation != state.orders.poll.generation || !state.orders.poll.enabled {
        state.changed = false;
        return Vec::new();
    }
    let orders = match result {
        Ok(orders) => orders,
        Err(message) => {
            let mut effects = toast(
                state,
                ToastKind::Error,
                format!("Looking for new orders failed: {message}"),
            );
            effects.extend(schedule(state));
            return effects;
        }
    };
    let latest = orders.iter().filter_map(|o| o.date_modified).max();
    let (mut new, mut changed) = (0, 0);
    let mut fresh = Vec::new();
    for order in orders {
        if state.orders.poll.known.get(&order.id) == Some(&order.date_modified) {
            continue;
        }
        state
            .orders
            .poll
            .known
            .insert(order.id, order.date_modified);
        let listed = state.orders.list.rows.iter().any(|r| r.id == order.id);
        let is_new = !listed && order.date_created.is_some_and(|c| c >= since);
        let mark = if is_new {
            new += 1;
            Highlight::New
        } else {
            changed += 1;
            Highlight::Changed
        };
        state.orders.highlight.insert(order.id, mark);
        fresh.push(order.clone());
        merge(state, order);
    }
    let home = crate::app::home::orders_polled(state, &fresh);
    state.orders.poll.watermark = Some(latest.map_or(since, |l| l.max(since)));
    let mut effects = schedule(state);
    effects.extend(home);
    if new + changed == 0 {
        state.changed = false;
        return effects;
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let text = match (new, changed) {
        (0, c) => format!("{} changed", plural(c, "order")),
        (n, 0) => plural(n, "new order"),
        (n, c) => format!("{}, {} changed", plural(n, "new order"), c),
    };
    effects.extend(toast(state, ToastKind::Info, text));
    effects.extend(state.reload_order_counts());
    effects
}

/// Puts a new or changed order where the view wants it (or takes it out).
fn merge(state: &mut AppState, order: Order) {
    let viewport = state.list_rows();
    let view = state.orders.view();
    let scope = state.orders.scope.clone();
    let belongs = view.includes(order.status_id)
        && filter_matches(state.orders.filter.as_ref(), &order)
        && scope.matches(&order);
    let list = &mut state.orders.list;
    if let Some(index) = list.rows.iter().position(|r| r.id == order.id) {
        if belongs {
            list.rows[index] = OrderRow::from(&order);
        } else {
            list.remove_at(index, viewport);
        }
        return;
    }
    if !belongs {
        return;
    }
    let oldest_first = view.oldest_first();
    let position = list
        .rows
        .iter()
        .position(|r| match scope.sort {
            // The server's order for the chosen sort.
            Some(sort) => sort.compare(r, &order) == std::cmp::Ordering::Greater,
            None if oldest_first => r.date_created > order.date_created,
            None => r.date_created < order.date_created,
        })
        .unwrap_or(list.rows.len());
    if position == list.rows.len() && list.next_page.is_some() {
        // It belongs on a page not loaded yet; it arrives with that page.
        return;
    }
    list.rows.insert(position, OrderRow::from(&order));
    if position <= list.cursor && list.rows.len() > 1 {
        // Keep the selected order selected.
        list.cursor += 1;
    }
    list.total = list.total.map(|t| t + 1);
    list.scroll_into_view(viewport);
}
