//! Runs the Orders triage tasks (`OrdersTask`) against the store and sends
//! their results back as `Action::Orders`. Errors are the API's own message.

use tokio::sync::mpsc;

use super::journal::Journal;
use crate::api::Client;
use crate::api::compare;
use crate::api::error::ApiError;
use crate::api::models::{
    Order, OrderKeys, OrderUpdate, RefundCreate, RefundQuoteRequest, ShipmentCreate, ShipmentUpdate,
};
use crate::api::query::OrderQuery;
use crate::app::Action;
use crate::app::orders::{
    ExportKind, NEEDS_ACTION, OrderView, OrderWritten, OrdersMsg, OrdersTask, ViewQuery,
    address_text, export,
};
use crate::app::panes::OrderFilter;

/// Orders per poll at most: one page keeps polling cheap on quota.
const POLL_LIMIT: u32 = 250;

/// Runs `task`, sending every result to `actions`; a poll's wait is already over.
/// Writes are journaled before they are sent and their outcome after.
pub(super) async fn run(
    client: Client,
    task: OrdersTask,
    actions: mpsc::UnboundedSender<Action>,
    journal: &Journal,
) {
    let store = client.store_hash().to_string();
    let written = task.describe_write();
    if let Some((request, what)) = &written {
        journal.sent(&store, *request, what.clone(), None);
    }
    let send = |message: OrdersMsg| {
        if let (Some((request, _)), OrdersMsg::Written { result, .. }) = (&written, &message) {
            journal.outcome(&store, *request, order_outcome(result));
        }
        let _ = actions.send(Action::Orders(message));
    };
    match task {
        OrdersTask::NeedsAction {
            request,
            filter,
            scope,
        } => {
            let query = ViewQuery {
                view: OrderView::NeedsAction,
                filter,
                scope,
                only: None,
            };
            let result = view_orders(&client, &query, |_| {}).await;
            send(OrdersMsg::NeedsAction { request, result });
        }
        OrdersTask::Statuses => {
            let result = client.order_statuses().await.map_err(|e| e.to_string());
            send(OrdersMsg::Statuses(result));
        }
        OrdersTask::ServerTime => {
            let result = client.server_time().await.map_err(|e| e.to_string());
            send(OrdersMsg::ServerTime(result));
        }
        OrdersTask::Poll {
            since, generation, ..
        } => {
            let query = OrderQuery {
                min_date_modified: Some(since),
                sort: Some("date_modified:asc".to_string()),
                limit: Some(POLL_LIMIT),
                ..OrderQuery::default()
            };
            let result = client.list_orders(&query).await.map_err(|e| e.to_string());
            send(OrdersMsg::Polled {
                generation,
                since,
                result,
            });
        }
        OrdersTask::Update {
            request,
            order_id,
            update,
            expected,
        } => {
            let result = update_order(&client, order_id, &update, &expected).await;
            send(OrdersMsg::Written { request, result });
        }
        OrdersTask::Ship {
            request,
            order_id,
            shipment,
            expected,
        } => {
            let result = ship_order(&client, order_id, &shipment, &expected).await;
            send(OrdersMsg::Written { request, result });
        }
        OrdersTask::RefundQuote {
            request,
            order_id,
            items,
        } => {
            let quote = RefundQuoteRequest { items };
            // The store's own reasons, without the request line around them.
            let result = client.refund_quote(order_id, &quote).await.map_err(|e| {
                let messages: Vec<&str> = e
                    .messages()
                    .iter()
                    .map(|m| m.trim_end_matches('.'))
                    .collect();
                if messages.is_empty() {
                    e.to_string()
                } else {
                    format!("{}.", messages.join("; "))
                }
            });
            send(OrdersMsg::RefundQuoted { request, result });
        }
        OrdersTask::Refund {
            request,
            order_id,
            refund,
            expected,
        } => {
            let result = refund_order(&client, order_id, &refund, &expected).await;
            send(OrdersMsg::Written { request, result });
        }
        OrdersTask::UpdateShipment {
            request,
            order_id,
            shipment_id,
            update,
            expected,
        } => {
            let change = ShipmentChange::Update(&update);
            let result = change_shipment(&client, order_id, shipment_id, change, &expected).await;
            send(OrdersMsg::Written { request, result });
        }
        OrdersTask::DeleteShipment {
            request,
            order_id,
            shipment_id,
            expected,
        } => {
            let change = ShipmentChange::Delete;
            let result = change_shipment(&client, order_id, shipment_id, change, &expected).await;
            send(OrdersMsg::Written { request, result });
        }
        OrdersTask::FindCustomer { name } => {
            let query = crate::api::query::CustomerQuery {
                name_like: Some(name.clone()),
                limit: Some(crate::app::orders::find::NAME_MATCHES as u32),
                ..Default::default()
            };
            let result = client
                .list_customers(&query)
                .await
                .map(|page| {
                    page.items
                        .into_iter()
                        .map(|c| {
                            (
                                c.id,
                                format!("{} {}", c.first_name, c.last_name)
                                    .trim()
                                    .to_string(),
                            )
                        })
                        .collect()
                })
                .map_err(|e| e.to_string());
            send(OrdersMsg::CustomersFound { name, result });
        }
        OrdersTask::CopyShippingAddress { order_id } => {
            let result = client
                .order_shipping_addresses(order_id)
                .await
                .map(|addresses| addresses.first().map(address_text))
                .map_err(|e| e.to_string());
            send(OrdersMsg::ShippingAddress { order_id, result });
        }
        OrdersTask::Export {
            request,
            query,
            kind,
            path,
        } => {
            let progress = |done: u64, total: Option<u64>| {
                send(OrdersMsg::ExportProgress {
                    request,
                    done,
                    total,
                })
            };
            let result = export_view(&client, &query, kind, &path, progress).await;
            send(OrdersMsg::Exported { request, result });
        }
    }
}

/// What the journal records of an order write's result.
fn order_outcome(result: &Result<OrderWritten, String>) -> Result<(), String> {
    match result {
        Err(message) => Err(message.clone()),
        Ok(OrderWritten::Changed { .. }) => Err("not sent: changed by someone else".to_string()),
        Ok(OrderWritten::Saved { not_taken, .. }) if !not_taken.is_empty() => {
            Err(compare::not_taken_message(not_taken))
        }
        Ok(OrderWritten::Saved { .. }) => Ok(()),
    }
}

/// The order as it is now, or why it cannot be written: someone changed the fields
/// in `expected` since the user saw them.
async fn unchanged_order(
    client: &Client,
    order_id: u64,
    expected: &serde_json::Value,
) -> Result<Result<Order, OrderWritten>, String> {
    let current = client
        .get_order(order_id)
        .await
        .map_err(|e| e.to_string())?;
    let differences = compare::differences(expected, &current);
    Ok(if differences.is_empty() {
        Ok(current)
    } else {
        Err(OrderWritten::Changed {
            current: Box::new(current),
            differences,
        })
    })
}

/// `PUT /v2/orders/{id}` when the order still holds what the user saw; the saved
/// order is compared with what was sent.
async fn update_order(
    client: &Client,
    order_id: u64,
    update: &OrderUpdate,
    expected: &serde_json::Value,
) -> Result<OrderWritten, String> {
    if let Err(changed) = unchanged_order(client, order_id, expected).await? {
        return Ok(changed);
    }
    let order = client
        .update_order(order_id, update)
        .await
        .map_err(|e| e.to_string())?;
    Ok(OrderWritten::Saved {
        not_taken: compare::not_taken(update, &order),
        order: Box::new(order),
    })
}

/// `POST /v2/orders/{id}/shipments` when the order's status and shipped count are
/// still as shown; then the order again for its new counts and status.
async fn ship_order(
    client: &Client,
    order_id: u64,
    shipment: &ShipmentCreate,
    expected: &serde_json::Value,
) -> Result<OrderWritten, String> {
    let send = client.create_shipment(order_id, shipment);
    send_if_unchanged(client, order_id, expected, send).await
}

/// `POST .../payment_actions/refunds` when the order's status and refunded amount are
/// still as shown (a colleague's refund in between would pay twice); then the order again.
async fn refund_order(
    client: &Client,
    order_id: u64,
    refund: &RefundCreate,
    expected: &serde_json::Value,
) -> Result<OrderWritten, String> {
    let send = client.create_refund(order_id, refund);
    send_if_unchanged(client, order_id, expected, send).await
}

/// Awaits `send` (nothing goes out before) only when the order still holds
/// `expected`; then reads the order again, as the store now has it.
async fn send_if_unchanged<T>(
    client: &Client,
    order_id: u64,
    expected: &serde_json::Value,
    send: impl Future<Output = Result<T, ApiError>>,
) -> Result<OrderWritten, String> {
    if let Err(changed) = unchanged_order(client, order_id, expected).await? {
        return Ok(changed);
    }
    send.await.map_err(|e| e.to_string())?;
    let order = client
        .get_order(order_id)
        .await
        .map_err(|e| e.to_string())?;
    Ok(OrderWritten::Saved {
        order: Box::new(order),
        not_taken: Vec::new(),
    })
}

enum ShipmentChange<'a> {
    Update(&'a ShipmentUpdate),
    Delete,
}

/// Updates or deletes a shipment when it still holds what the user saw (a colleague may
/// have corrected the tracking number meanwhile); then the order again.
async fn change_shipment(
    client: &Client,
    order_id: u64,
    shipment_id: u64,
    change: ShipmentChange<'_>,
    expected: &serde_json::Value,
) -> Result<OrderWritten, String> {
    let current = client
        .get_shipment(order_id, shipment_id)
        .await
        .map_err(|e| e.to_string())?;
    let differences = compare::differences(expected, &current);
    if !differences.is_empty() {
        let order = client
            .get_order(order_id)
            .await
            .map_err(|e| e.to_string())?;
        return Ok(OrderWritten::Changed {
            current: Box::new(order),
            differences,
        });
    }
    let not_taken = match change {
        ShipmentChange::Update(update) => {
            let saved = client
                .update_shipment(order_id, shipment_id, update)
                .await
                .map_err(|e| e.to_string())?;
            compare::not_taken(update, &saved)
        }
        ShipmentChange::Delete => {
            client
                .delete_shipment(order_id, shipment_id)
                .await
                .map_err(|e| e.to_string())?;
            Vec::new()
        }
    };
    let order = client
        .get_order(order_id)
        .await
        .map_err(|e| e.to_string())?;
    Ok(OrderWritten::Saved {
        order: Box::new(order),
        not_taken,
    })
}

fn base_query(filter: Option<&OrderFilter>) -> OrderQuery {
    let mut query = OrderQuery::default();
    if let Some(filter) = filter {
        super::fetch::apply_order_filter(filter, &mut query);
    }
    query
}

/// Every order of a view, all pages, in the view's order. `progress` gets
/// the number of orders fetched so far.
async fn view_orders<T>(
    client: &Client,
    view: &ViewQuery,
    progress: impl FnMut(u64) + Send,
) -> Result<Vec<T>, String>
where
    T: OrderKeys + serde::de::DeserializeOwned + crate::api::models::Unreadable,
{
    let mut base = base_query(view.filter.as_ref());
    view.scope.apply(&mut base, false);
    let statuses: Vec<Option<u32>> = match &view.view {
        // V2 filters one status at a time: fetch each and merge.
        OrderView::NeedsAction => NEEDS_ACTION.iter().copied().map(Some).collect(),
        OrderView::All => vec![None],
        OrderView::Status(id, _) => vec![Some(*id)],
    };
    let sort = match view.scope.sort {
        Some(sort) => sort.param(),
        None if view.view.oldest_first() => "date_created:asc".to_string(),
        None => "date_created:desc".to_string(),
    };
    // The walks run concurrently (the store's rate limiter still paces every request);
    // progress is the sum of what each walk has fetched so far. Each status (and, for several customers, each customer) is its own walk.
    let queries: Vec<OrderQuery> = statuses
        .into_iter()
        .flat_map(|status_id| {
            let query = OrderQuery {
                status_id,
                sort: Some(sort.clone()),
                ..base.clone()
            };
            super::order_queries::per_customer(view.filter.as_ref(), query)
        })
        .collect();
    let fetched = std::sync::Mutex::new((vec![0u64; queries.len()], progress));
    let walks = queries.into_iter().enumerate().map(|(index, query)| {
        let fetched = &fetched;
        async move {
            client
                .all_orders_as(&query, |walk| {
                    let mut guard = fetched.lock().unwrap_or_else(|e| e.into_inner());
                    let (counts, progress) = &mut *guard;
                    counts[index] = walk.items as u64;
                    let done = counts.iter().sum();
                    progress(done);
                })
                .await
                .map_err(|e| e.to_string())
        }
    });
    let mut orders: Vec<T> = futures_util::future::try_join_all(walks)
        .await?
        .into_iter()
        .flatten()
        .collect();
    if let Some(sort) = view.scope.sort {
        // Each status came sorted by the server; the merge keeps that order.
        orders.sort_by(|a, b| sort.compare(a, b));
    } else if view.view.oldest_first() {
        orders.sort_by(|a, b| (a.date_created().cmp(&b.date_created())).then(a.id().cmp(&b.id())));
    } else {
        orders.sort_by(|a, b| (b.date_created().cmp(&a.date_created())).then(b.id().cmp(&a.id())));
    }
    Ok(orders)
}

/// Fetches the view (and, for line items, every order's items) and writes the CSV.
async fn export_view(
    client: &Client,
    query: &ViewQuery,
    kind: ExportKind,
    path: &std::path::Path,
    progress: impl Fn(u64, Option<u64>) + Send + Sync,
) -> Result<usize, String> {
    let mut orders: Vec<Order> = view_orders(client, query, |done| progress(done, None)).await?;
    if let Some(only) = &query.only {
        orders.retain(|o| only.contains(&o.id));
    }
    let total = orders.len() as u64;
    progress(total, Some(total));
    let (text, rows) = match kind {
        ExportKind::Orders => (export::orders_csv(&orders)?, orders.len()),
        ExportKind::LineItems => {
            let mut lines = Vec::new();
            for (done, order) in orders.iter().enumerate() {
                let items = client
                    .order_products(order.id)
                    .await
                    .map_err(|e| format!("order #{}: {e}", order.id))?;
                lines.extend(items);
                progress(done as u64 + 1, Some(total));
            }
            (export::lines_csv(&lines)?, lines.len())
        }
    };
    let path = path.to_path_buf();
    // Names, emails and addresses: readable by the owner only.
    tokio::task::spawn_blocking(move || {
        crate::private_file::write(&path, text.as_bytes(), crate::private_file::Mode::Truncate)
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| e.to_string())?;
    Ok(rows)
}
