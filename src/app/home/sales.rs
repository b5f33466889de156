//! The Home tab's sales figures: the orders of the chart's window (and the
//! window before it, for the comparison), summed per day of the store's
//! timezone. Money is summed as `Decimal`, never as floats.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::api::models::{Order, StoreTimezone};
use crate::app::list::{LoadState, RequestId};

/// Orders in 30 days above which the 30-day walk is offered as 7 days instead.
pub const MANY_ORDERS: u64 = 20_000;

/// Statuses that are no sale: Incomplete, Cancelled, Declined.
const NOT_SALES: [u32; 3] = [0, 5, 6];

/// Latest orders kept for the Home tab.
pub const LATEST: usize = 5;

/// Whether `order` counts as revenue: not deleted and not Incomplete,
/// Cancelled or Declined. Its amount is `total_inc_tax`.
pub fn is_sale(order: &Order) -> bool {
    !order.is_deleted && !NOT_SALES.contains(&order.status_id)
}

/// The offset the store's days are counted in: the DST offset while the store
/// says DST applies, else the raw offset; UTC when the store names none.
pub fn store_offset(timezone: Option<&StoreTimezone>) -> FixedOffset {
    let seconds = timezone.map_or(0, |tz| {
        if tz.dst_correction {
            tz.dst_offset
        } else {
            tz.raw_offset
        }
    });
    i32::try_from(seconds)
        .ok()
        .and_then(FixedOffset::east_opt)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero is a valid offset"))
}

/// The first instant of the day `days_back` days before `today` in `offset`.
pub fn day_start(today: NaiveDate, days_back: u64, offset: FixedOffset) -> DateTime<Utc> {
    let day = today
        .checked_sub_days(Days::new(days_back))
        .unwrap_or(today);
    let local = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    (local - offset).and_utc()
}

/// What one order adds to its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fact {
    day: NaiveDate,
    total: Decimal,
    sale: bool,
}

/// Revenue and order count of one day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayTotal {
    pub revenue: Decimal,
    pub orders: u64,
}

/// One period's figures and the previous period's of the same length.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Period {
    pub current: DayTotal,
    pub previous: DayTotal,
    /// Whether the walk has reached back over the whole previous period.
    pub compared: bool,
}

/// The sales box: the walk's progress and the sums per day.
#[derive(Debug, Clone, Default)]
pub struct Sales {
    /// The walk: Loading while pages arrive, Loaded when done.
    pub load: LoadState,
    /// Days in the chart: 30, or 7 for very busy stores.
    pub window_days: u64,
    /// The store's currency code.
    pub currency: String,
    /// The store's timezone name, as it gives it.
    pub timezone: String,
    /// The offset days are counted in.
    pub offset: Option<FixedOffset>,
    /// The store's "today", from the app's clock.
    pub today: Option<NaiveDate>,
    /// Orders created from here on are walked (two windows back).
    pub since: Option<DateTime<Utc>>,
    /// The oldest creation date walked so far.
    pub reached: Option<DateTime<Utc>>,
    /// Orders fetched by the walk so far.
    pub fetched: u64,
    /// Orders of the last 30 days, when the count is known.
    pub month_count: Option<u64>,
    /// Set when the store has more than [`MANY_ORDERS`] orders in 30 days and
    /// the walk waits for the user to choose 7 days.
    pub too_many: bool,
    /// Seconds the walk waits for the quota to refill, while it does.
    pub paused_secs: Option<u64>,
    /// The newest orders, newest first.
    pub latest: Vec<Order>,
    facts: HashMap<u64, Fact>,
    days: BTreeMap<NaiveDate, DayTotal>,
}

impl Sales {
    /// A fresh walk for `request` over `window_days`.
    pub fn start(request: RequestId, window_days: u64) -> Sales {
        Sales {
            load: LoadState::Loading(request),
            window_days,
            ..Sales::default()
        }
    }

    /// The walk learnt the store's currency and timezone.
    pub fn set_store(&mut self, currency: String, timezone: Option<&StoreTimezone>) {
        self.currency = currency;
        self.timezone = timezone.map(|tz| tz.name.clone()).unwrap_or_default();
        self.offset = Some(store_offset(timezone));
    }

    /// Sets "today" from the app's clock (once the offset is known).
    pub fn set_now(&mut self, now: DateTime<Utc>) {
        if let Some(offset) = self.offset {
            let today = now.with_timezone(&offset).date_naive();
            self.today = Some(today);
            if self.since.is_none() {
                self.since = Some(day_start(today, self.window_days * 2 - 1, offset));
            }
        }
    }

    /// Adds or replaces orders (a walk page or a poll); orders created
    /// before the walk's start are not part of the figures.
    pub fn upsert(&mut self, orders: &[Order]) -> bool {
        let (Some(offset), Some(since)) = (self.offset, self.since) else {
            return false;
        };
        let mut changed = false;
        for order in orders {
            let Some(created) = order.date_created.filter(|c| *c >= since) else {
                continue;
            };
            let fact = Fact {
                day: created.with_timezone(&offset).date_naive(),
                total: order.total_inc_tax,
                sale: is_sale(order),
            };
            if let Some(old) = self.facts.insert(order.id, fact) {
                if old == fact {
                    continue;
                }
                self.apply(old, false);
            }
            self.apply(fact, true);
            changed = true;
            self.note_latest(order);
        }
        changed
    }

    fn apply(&mut self, fact: Fact, add: bool) {
        if !fact.sale {
            return;
        }
        let day = self.days.entry(fact.day).or_default();
        if add {
            day.revenue += fact.total;
            day.orders += 1;
        } else {
            day.revenue -= fact.total;
            day.orders = day.orders.saturating_sub(1);
        }
    }

    fn note_latest(&mut self, order: &Order) {
        self.latest.retain(|o| o.id != order.id);
        self.latest.push(order.clone());
        self.latest
            .sort_by(|a, b| b.date_created.cmp(&a.date_created).then(b.id.cmp(&a.id)));
        self.latest.truncate(LATEST);
    }

    /// A walk page arrived.
    pub fn page(&mut self, orders: &[Order]) {
        self.fetched += orders.len() as u64;
        if let Some(oldest) = orders.iter().filter_map(|o| o.date_created).min() {
            self.reached = Some(self.reached.map_or(oldest, |r| r.min(oldest)));
        }
        self.upsert(orders);
    }

    /// Revenue and orders of day `day`.
    pub fn day(&self, day: NaiveDate) -> DayTotal {
        self.days.get(&day).copied().unwrap_or_default()
    }

    /// The `days` days up to today and the `days` before them.
    pub fn period(&self, days: u64) -> Period {
        let (Some(today), Some(offset)) = (self.today, self.offset) else {
            return Period::default();
        };
        let sum = |from: u64, to: u64| {
            (from..to).fold(DayTotal::default(), |mut total, back| {
                if let Some(day) = today.checked_sub_days(Days::new(back)) {
                    let d = self.day(day);
                    total.revenue += d.revenue;
                    total.orders += d.orders;
                }
                total
            })
        };
        let previous_start = day_start(today, days * 2 - 1, offset);
        let walked =
            self.load == LoadState::Loaded || self.reached.is_some_and(|r| r <= previous_start);
        Period {
            current: sum(0, days),
            previous: sum(days, days * 2),
            compared: walked && days <= self.window_days,
        }
    }

    /// The chart's days, oldest first, with their totals.
    pub fn chart_days(&self) -> Vec<(NaiveDate, DayTotal)> {
        let Some(today) = self.today else {
            return Vec::new();
        };
        (0..self.window_days)
            .rev()
            .filter_map(|back| today.checked_sub_days(Days::new(back)))
            .map(|day| (day, self.day(day)))
            .collect()
    }
}

/// The change from `previous` to `current` in whole percent; None when there
/// was nothing before.
pub fn change_percent(current: Decimal, previous: Decimal) -> Option<Decimal> {
    if previous.is_zero() {
        return None;
    }
    Some(((current - previous) * Decimal::ONE_HUNDRED / previous).round())
}
