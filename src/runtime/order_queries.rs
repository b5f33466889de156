//! Orders wanted by a filter the orders API cannot take in one request: several
//! customers' orders (V2 filters on one `customer_id`) are asked for customer by customer,
//! merged in the requested order, and their counts added up.

use crate::api::Client;
use crate::api::models::OrderKeys;
use crate::api::query::OrderQuery;
use crate::app::panes::OrderFilter;

/// The requests a filter needs: one, or one per customer when it names several (the
/// orders API takes a single `customer_id`).
pub(super) fn per_customer(filter: Option<&OrderFilter>, query: OrderQuery) -> Vec<OrderQuery> {
    match filter {
        Some(OrderFilter::Customers(ids)) => ids
            .iter()
            .map(|id| OrderQuery {
                customer_id: Some(*id),
                ..query.clone()
            })
            .collect(),
        _ => vec![query],
    }
}

/// Every order of several customers, in the order the queries' `sort` asks for (page 1
/// holds them all; a later page is empty).
pub(super) async fn merged_orders<T>(
    client: &Client,
    queries: &[OrderQuery],
    page: u32,
) -> Result<Vec<T>, crate::api::ApiError>
where
    T: OrderKeys + serde::de::DeserializeOwned + crate::api::models::Unreadable,
{
    if page > 1 {
        return Ok(Vec::new());
    }
    let walks = queries.iter().map(|q| client.all_orders_as(q, |_| {}));
    let mut orders: Vec<T> = futures_util::future::try_join_all(walks)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let sort = queries
        .first()
        .and_then(|q| q.sort.clone())
        .unwrap_or_default();
    let (field, descending) = match sort.split_once(':') {
        Some((field, dir)) => (field.to_string(), dir == "desc"),
        None => (sort, false),
    };
    orders.sort_by(|a, b| {
        let order = match field.as_str() {
            "status_id" => a.status_id().cmp(&b.status_id()),
            "customer_id" => a.customer_id().cmp(&b.customer_id()),
            "date_created" => a.date_created().cmp(&b.date_created()),
            _ => std::cmp::Ordering::Equal,
        }
        .then(a.id().cmp(&b.id()));
        if descending { order.reverse() } else { order }
    });
    Ok(orders)
}

/// The counts of several queries added up, status by status.
pub(super) async fn summed_counts(
    client: &Client,
    queries: &[OrderQuery],
) -> Result<crate::api::models::OrderCount, crate::api::ApiError> {
    let counts =
        futures_util::future::try_join_all(queries.iter().map(|q| client.order_count(q))).await?;
    let mut counts = counts.into_iter();
    let mut total = counts.next().unwrap_or_default();
    for more in counts {
        total.count += more.count;
        for status in more.statuses {
            match total.statuses.iter_mut().find(|s| s.id == status.id) {
                Some(known) => known.count += status.count,
                None => total.statuses.push(status),
            }
        }
    }
    Ok(total)
}
