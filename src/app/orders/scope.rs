//! Which orders of a view are shown and in what order, decided by the server: a date
//! range (`:orders since 2026-11-01 until 2026-11-30`), a total range (`:orders min 100
//! max 500`) and the sort (`o` the next key, `O` the other direction). The V2 orders
//! API sorts by id, customer_id, date_created, date_modified or status_id only: there is
//! no sort by total, and the screen says so rather than sorting one page locally.

use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;

use crate::api::models::OrderKeys;
use crate::api::query::OrderQuery;

/// A key the V2 `sort=` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Date,
    Status,
    Customer,
}

impl SortKey {
    fn field(self) -> &'static str {
        match self {
            SortKey::Date => "date_created",
            SortKey::Status => "status_id",
            SortKey::Customer => "customer_id",
        }
    }

    fn name(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Status => "status",
            SortKey::Customer => "customer",
        }
    }

    /// `o`: date → status → customer → date.
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Date => SortKey::Status,
            SortKey::Status => SortKey::Customer,
            SortKey::Customer => SortKey::Date,
        }
    }
}

/// The sort the user chose (None: the view's own, oldest or newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderSort {
    pub key: SortKey,
    pub descending: bool,
}

impl OrderSort {
    /// `sort=field:asc|desc`.
    pub fn param(self) -> String {
        let dir = if self.descending { "desc" } else { "asc" };
        format!("{}:{dir}", self.key.field())
    }

    /// Orders merged from several requests (the needs-action statuses) in this order;
    /// ties by id, as the store breaks them.
    pub fn compare(self, a: &impl OrderKeys, b: &impl OrderKeys) -> std::cmp::Ordering {
        let order = match self.key {
            SortKey::Date => a.date_created().cmp(&b.date_created()),
            SortKey::Status => a.status_id().cmp(&b.status_id()),
            SortKey::Customer => a.customer_id().cmp(&b.customer_id()),
        }
        .then(a.id().cmp(&b.id()));
        if self.descending {
            order.reverse()
        } else {
            order
        }
    }
}

/// Date and total ranges and the sort, on top of the view and the `/` filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderScope {
    /// Created on or after this day (UTC).
    pub since: Option<NaiveDate>,
    /// Created on or before this day (UTC), the whole day.
    pub until: Option<NaiveDate>,
    pub min_total: Option<Decimal>,
    pub max_total: Option<Decimal>,
    pub sort: Option<OrderSort>,
}

impl OrderScope {
    /// Puts the ranges (and, for lists, the sort) on a request.
    pub fn apply(&self, query: &mut OrderQuery, with_sort: bool) {
        let day = |d: NaiveDate, h: u32, m: u32, s: u32| {
            d.and_hms_opt(h, m, s)
                .and_then(|t| Utc.from_local_datetime(&t).single())
        };
        query.min_date_created = self.since.and_then(|d| day(d, 0, 0, 0));
        query.max_date_created = self.until.and_then(|d| day(d, 23, 59, 59));
        query.min_total = self.min_total;
        query.max_total = self.max_total;
        if with_sort && let Some(sort) = self.sort {
            query.sort = Some(sort.param());
        }
    }

    /// Whether `order` falls in the ranges (as the server filters them).
    pub fn matches(&self, order: &impl OrderKeys) -> bool {
        let mut query = OrderQuery::default();
        self.apply(&mut query, false);
        let created = order.date_created();
        query
            .min_date_created
            .is_none_or(|min| created.is_some_and(|c| c >= min))
            && query
                .max_date_created
                .is_none_or(|max| created.is_some_and(|c| c <= max))
            && self
                .min_total
                .is_none_or(|min| order.total_inc_tax() >= min)
            && self
                .max_total
                .is_none_or(|max| order.total_inc_tax() <= max)
    }

    /// What the title says of it, e.g. `since 2026-11-01 · total 100–500 · by status ↓`.
    pub fn describe(&self) -> Vec<String> {
        let mut parts = Vec::new();
        match (self.since, self.until) {
            (Some(s), Some(u)) => parts.push(format!("created {s} to {u}")),
            (Some(s), None) => parts.push(format!("created since {s}")),
            (None, Some(u)) => parts.push(format!("created until {u}")),
            (None, None) => {}
        }
        match (self.min_total, self.max_total) {
            (Some(a), Some(b)) => parts.push(format!("total {a} to {b}")),
            (Some(a), None) => parts.push(format!("total at least {a}")),
            (None, Some(b)) => parts.push(format!("total at most {b}")),
            (None, None) => {}
        }
        if let Some(sort) = self.sort {
            let arrow = if sort.descending { "↓" } else { "↑" };
            parts.push(format!("by {} {arrow}", sort.key.name()));
        }
        parts
    }

    /// Reads `since DATE [until DATE]`, `until DATE`, `min N [max M]`, `max M` and
    /// `clear` (the words after `:orders`) into a new scope; None when the words are not
    /// about ranges (a view name), Err when they are but do not read.
    pub fn parse(&self, text: &str) -> Option<Result<OrderScope, String>> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let first = words.first()?.to_ascii_lowercase();
        if !matches!(
            first.as_str(),
            "since" | "until" | "min" | "max" | "clear" | "sort"
        ) {
            return None;
        }
        Some(self.parse_words(&words))
    }

    fn parse_words(&self, words: &[&str]) -> Result<OrderScope, String> {
        let mut scope = self.clone();
        let mut rest = words.iter();
        while let Some(word) = rest.next() {
            let word = word.to_ascii_lowercase();
            if word == "clear" {
                scope = OrderScope::default();
                continue;
            }
            let value = rest
                .next()
                .ok_or_else(|| format!("{word} needs a value (e.g. :orders {})", example(&word)))?;
            match word.as_str() {
                "since" | "until" => {
                    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
                        .map_err(|_| format!("{value} is not a date (YYYY-MM-DD)"))?;
                    if word == "since" {
                        scope.since = Some(date);
                    } else {
                        scope.until = Some(date);
                    }
                }
                "min" | "max" => {
                    let amount: Decimal = value
                        .parse()
                        .ok()
                        .filter(|a: &Decimal| !a.is_sign_negative())
                        .ok_or_else(|| format!("{value} is not an amount (e.g. 100 or 99.50)"))?;
                    if word == "min" {
                        scope.min_total = Some(amount);
                    } else {
                        scope.max_total = Some(amount);
                    }
                }
                "sort" => {
                    scope.sort = Some(OrderSort {
                        key: sort_key(value)?,
                        descending: scope.sort.is_some_and(|s| s.descending),
                    });
                }
                other => {
                    return Err(format!(
                        "{other}: use since, until, min, max, sort or clear"
                    ));
                }
            }
        }
        if let (Some(s), Some(u)) = (scope.since, scope.until)
            && s > u
        {
            return Err(format!("since {s} is after until {u}"));
        }
        if let (Some(a), Some(b)) = (scope.min_total, scope.max_total)
            && a > b
        {
            return Err(format!("min {a} is more than max {b}"));
        }
        Ok(scope)
    }
}

fn example(word: &str) -> &'static str {
    match word {
        "since" => "since 2026-11-01",
        "until" => "until 2026-11-30",
        "min" => "min 100",
        "max" => "max 500",
        _ => "sort status",
    }
}

/// A sort key by name; total is refused with the reason.
fn sort_key(name: &str) -> Result<SortKey, String> {
    match name.to_ascii_lowercase().as_str() {
        "date" | "created" => Ok(SortKey::Date),
        "status" => Ok(SortKey::Status),
        "customer" => Ok(SortKey::Customer),
        "total" => Err(NO_TOTAL_SORT.to_string()),
        other => Err(format!("{other}: sort by date, status or customer")),
    }
}

/// Why `total` is not offered as a sort.
pub const NO_TOTAL_SORT: &str = "The Orders API cannot sort by total (its sort takes id, \
     customer, date or status); use :orders min/max to narrow by total";
