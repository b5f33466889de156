//! Runs the Home tab's tasks (`HomeTask`) against the store and sends their
//! results back as `Action::Home`. The orders walk goes newest first, one page
//! at a time, and waits whenever less than a third of the quota is left, so
//! the user's own requests always find room.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::api::Client;
use crate::api::query::{OrderQuery, ProductQuery, SortDirection};
use crate::api::ratelimit::RateLimitState;
use crate::app::Action;
use crate::app::home::sales::{MANY_ORDERS, day_start, store_offset};
use crate::app::home::{HomeMsg, HomeTask, STOCK_NAMES, Stock, TOP_SELLERS};
use crate::app::list::RequestId;

/// Orders per walk page (the V2 maximum).
const PAGE: u32 = 250;

/// Runs `task`, sending every result to `actions`.
pub(super) async fn run(client: Client, task: HomeTask, actions: mpsc::UnboundedSender<Action>) {
    let send = |message: HomeMsg| {
        let _ = actions.send(Action::Home(message));
    };
    match task {
        HomeTask::Counts { request } => {
            let result = client
                .order_count(&OrderQuery::default())
                .await
                .map_err(|e| e.to_string());
            send(HomeMsg::Counts { request, result });
        }
        HomeTask::Stock { request } => {
            let result = stock(&client).await;
            send(HomeMsg::Stock { request, result });
        }
        HomeTask::TopSellers { request } => {
            let query = ProductQuery {
                sort: Some("total_sold".to_string()),
                direction: Some(SortDirection::Desc),
                limit: Some(TOP_SELLERS as u32),
                ..ProductQuery::default()
            };
            let result = client
                .list_products(&query)
                .await
                .map(|page| page.items)
                .map_err(|e| e.to_string());
            send(HomeMsg::TopSellers { request, result });
        }
        HomeTask::Sales {
            request,
            window_days,
            now,
        } => {
            if let Err(message) = walk(&client, request, window_days, now, &send).await {
                send(HomeMsg::SalesFailed { request, message });
            }
        }
    }
}

/// Counts and first names of low-stock and out-of-stock products.
async fn stock(client: &Client) -> Result<Stock, String> {
    let query = ProductQuery {
        sort: Some("inventory_level".to_string()),
        direction: Some(SortDirection::Asc),
        limit: Some(STOCK_NAMES as u32),
        ..ProductQuery::default()
    };
    let low = ProductQuery {
        inventory_low: true,
        ..query.clone()
    };
    let out = ProductQuery {
        out_of_stock: true,
        ..query
    };
    let (low, out) = tokio::try_join!(client.list_products(&low), client.list_products(&out))
        .map_err(|e| e.to_string())?;
    let total = |page: &crate::api::pagination::Page<_>| {
        page.pagination
            .as_ref()
            .map_or(page.items.len() as u64, |p| p.total)
    };
    let names = |page: &crate::api::pagination::Page<crate::api::models::Product>| {
        page.items.iter().map(|p| p.name.clone()).collect()
    };
    Ok(Stock {
        low: total(&low),
        low_names: names(&low),
        out: total(&out),
        out_names: names(&out),
    })
}

/// The store's currency and timezone, the 30-day count, then the orders of
/// two windows, newest first, page by page.
async fn walk(
    client: &Client,
    request: RequestId,
    window_days: u64,
    now: chrono::DateTime<chrono::Utc>,
    send: &impl Fn(HomeMsg),
) -> Result<(), String> {
    let store = client.store_info().await.map_err(|e| e.to_string())?;
    let offset = store_offset(store.timezone.as_ref());
    send(HomeMsg::SalesStore {
        request,
        currency: store.currency,
        timezone: store.timezone,
    });
    let today = now.with_timezone(&offset).date_naive();
    if window_days >= 30 {
        let month = OrderQuery {
            min_date_created: Some(day_start(today, 29, offset)),
            ..OrderQuery::default()
        };
        let count = client
            .order_count(&month)
            .await
            .map_err(|e| e.to_string())?
            .count;
        send(HomeMsg::SalesCount { request, count });
        if count > MANY_ORDERS {
            send(HomeMsg::SalesTooMany { request });
            return Ok(());
        }
    }
    let since = day_start(today, window_days * 2 - 1, offset);
    for page in 1.. {
        wait_for_quota(client, |secs| send(HomeMsg::SalesPaused { request, secs })).await;
        let query = OrderQuery {
            min_date_created: Some(since),
            sort: Some("date_created:desc".to_string()),
            page: Some(page),
            limit: Some(PAGE),
            ..OrderQuery::default()
        };
        let orders = client
            .list_orders(&query)
            .await
            .map_err(|e| e.to_string())?;
        let last = orders.len() < PAGE as usize;
        send(HomeMsg::SalesPage {
            request,
            orders,
            last,
        });
        if last {
            break;
        }
    }
    Ok(())
}

/// Waits while less than a third of the quota is left, telling `paused` how
/// long (and `None` when it goes on).
async fn wait_for_quota(client: &Client, paused: impl Fn(Option<u64>)) {
    let mut waited = false;
    while let Some(wait) = quota_wait(&client.rate_limit(), Instant::now()) {
        paused(Some(wait.as_millis().div_ceil(1000) as u64));
        waited = true;
        tokio::time::sleep(wait).await;
    }
    if waited {
        paused(None);
    }
}

/// How long to wait before the next walk request: until the quota window
/// resets when less than a third of it is left, else not at all. Once the
/// window has reset the next response brings fresh numbers.
pub(crate) fn quota_wait(rate: &RateLimitState, now: Instant) -> Option<Duration> {
    let (left, quota) = (rate.requests_left?, rate.quota?);
    if left.saturating_mul(3) >= quota {
        return None;
    }
    let reset = Duration::from_millis(rate.reset_ms.or(rate.window_ms)?);
    let resume = rate.observed_at? + reset;
    (resume > now).then(|| resume - now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(left: u64, quota: u64, observed_at: Instant) -> RateLimitState {
        RateLimitState {
            requests_left: Some(left),
            quota: Some(quota),
            reset_ms: Some(10_000),
            window_ms: Some(30_000),
            paused_until: None,
            observed_at: Some(observed_at),
        }
    }

    #[test]
    fn the_walk_goes_on_while_a_third_of_the_quota_is_left() {
        let now = Instant::now();
        assert_eq!(quota_wait(&rate(150, 450, now), now), None);
        assert_eq!(quota_wait(&RateLimitState::default(), now), None);
    }

    #[test]
    fn the_walk_waits_for_the_window_to_reset_under_a_third() {
        let now = Instant::now();
        assert_eq!(
            quota_wait(&rate(149, 450, now), now + Duration::from_secs(4)),
            Some(Duration::from_secs(6))
        );
        // Past the reset the window is fresh: one request brings new numbers.
        assert_eq!(
            quota_wait(&rate(149, 450, now), now + Duration::from_secs(10)),
            None
        );
    }
}
