//! One `Fetch` as API calls. Errors become the API's own message (ApiError's
//! Display, made by the executor), which the UI shows as is.

use crate::api::models::ProductRow;
use crate::api::query::{
    AddressQuery, CustomerQuery, HookQuery, OrderQuery, ProductQuery, SortDirection,
    TreeCategoryQuery,
};
use crate::api::{ApiError, Client};
use crate::app::hooks::HookFilter;
use crate::app::panes::{
    CustomerDetail, CustomerFilter, CustomerTotals, CustomersQuery, LIST_FIELDS, OrderDetail,
    OrderFilter, OrdersQuery, ProductDetail, ProductsQuery, RECENT_ORDERS, StockFilter,
};
use crate::app::{Fetch, Loaded};

/// Addresses per customer fetched at most (the API maximum page).
const WALK_LIMIT: u32 = 250;
/// Newest orders first.
const ORDERS_SORT: &str = "date_created:desc";

/// Whether `error` means the store could not be reached at all (refused,
/// unresolvable, timed out), rather than an answer the store gave.
pub fn unreachable(error: &ApiError) -> bool {
    matches!(error, ApiError::Transport { .. } | ApiError::Timeout { .. })
}

/// Runs `fetch` against the store.
pub async fn run(client: &Client, fetch: Fetch) -> Result<Loaded, ApiError> {
    match fetch {
        Fetch::StoreInfo => client
            .store_info()
            .await
            .map(|store| Loaded::StoreName(store.name)),
        Fetch::Products(query) => {
            let page = query.page;
            let brands = with_first_page(page, "brands", client.all_brands());
            let products = product_query(&query);
            let (result, brands) = tokio::join!(client.list_product_rows(&products), brands);
            let mut result = result?;
            let mut total = result.pagination.as_ref().map(|p| p.total);
            if page == 1
                && let Some(keyword) = &query.keyword
            {
                let found = products_of_variant_sku(client, keyword, &result.items).await;
                total = total.map(|t| t + found.len() as u64);
                result.items.splice(0..0, found);
            }
            Ok(Loaded::Products {
                page,
                total,
                rows: result.items,
                brands,
            })
        }
        Fetch::ProductDetail { id } => client
            .get_product(id, &["variants"])
            .await
            .map(|product| Loaded::ProductDetail(Box::new(ProductDetail { product }))),
        Fetch::Orders(query) => {
            let page = query.page;
            let queries =
                super::order_queries::per_customer(query.filter.as_ref(), order_query(&query));
            match queries.as_slice() {
                [one] => client
                    .list_order_rows(one)
                    .await
                    .map(|rows| Loaded::Orders { page, rows }),
                several => super::order_queries::merged_orders(client, several, page)
                    .await
                    .map(|rows| Loaded::Orders { page, rows }),
            }
        }
        Fetch::OrderCounts(query) => {
            let mut base = order_query(&query);
            // The counts are per status, so the status filter does not apply.
            base.status_id = None;
            let queries = super::order_queries::per_customer(query.filter.as_ref(), base);
            super::order_queries::summed_counts(client, &queries)
                .await
                .map(Loaded::OrderCounts)
        }
        Fetch::OrderDetail { id } => {
            let (order, products, addresses, shipments, refunds) = tokio::join!(
                client.get_order(id),
                client.order_products(id),
                client.order_shipping_addresses(id),
                client.order_shipments(id),
                client.order_refunds(id),
            );
            order.and_then(|order| {
                Ok(Loaded::OrderDetail(Box::new(OrderDetail {
                    order,
                    products: products?,
                    shipping_addresses: addresses?,
                    shipments: shipments?,
                    // Refunds need another scope: the order still shows without them.
                    refunds: refunds.map_err(|e| e.to_string()),
                })))
            })
        }
        Fetch::Customers(query) => {
            let page = query.page;
            let groups = with_first_page(page, "customer groups", client.customer_groups());
            let customers = customer_query(&query);
            let (result, groups) = tokio::join!(client.list_customer_rows(&customers), groups);
            result.map(|result| Loaded::Customers {
                page,
                total: result.pagination.as_ref().map(|p| p.total),
                rows: result.items,
                groups,
            })
        }
        Fetch::CustomerDetail { id } => {
            let orders = OrderQuery {
                customer_id: Some(id),
                sort: Some(ORDERS_SORT.to_string()),
                limit: Some(RECENT_ORDERS as u32),
                ..OrderQuery::default()
            };
            let addresses = AddressQuery {
                customer_id_in: vec![id],
                limit: Some(WALK_LIMIT),
                ..AddressQuery::default()
            };
            let every_order = OrderQuery {
                customer_id: Some(id),
                ..OrderQuery::default()
            };
            let (customer, addresses, orders, all) = tokio::join!(
                client.get_customer(id),
                client.list_customer_addresses(&addresses),
                client.list_orders(&orders),
                client.all_orders(&every_order, |_| {}),
            );
            // Without the totals the detail still shows.
            let totals = all
                .inspect_err(|e| tracing::warn!("orders of customer {id}: {e}"))
                .ok()
                .map(|all| CustomerTotals::of(&all));
            customer.and_then(|customer| {
                Ok(Loaded::CustomerDetail(Box::new(CustomerDetail {
                    customer,
                    addresses: addresses?.items,
                    recent_orders: orders?,
                    totals,
                })))
            })
        }
        Fetch::Categories => client
            .all_tree_categories(&TreeCategoryQuery::default(), |_| {})
            .await
            .map(Loaded::Categories),
        Fetch::Hooks(filter) => {
            let mut query = HookQuery::default();
            match filter {
                Some(HookFilter::Scope(scope)) => query.scope = Some(scope),
                Some(HookFilter::Destination(url)) => query.destination = Some(url),
                None => {}
            }
            client.all_hooks(&query).await.map(Loaded::Hooks)
        }
        Fetch::Count(query) => {
            let result = super::counts::run(client, &query).await;
            Ok(Loaded::Count { query, result })
        }
        Fetch::ProductForEditor { id } => Ok(Loaded::ProductForEditor(
            client
                .get_product(id, &[])
                .await
                .map(Box::new)
                .map_err(|e| e.to_string()),
        )),
        Fetch::CustomerForEditor { id } => Ok(Loaded::CustomerForEditor(
            client
                .get_customer(id)
                .await
                .map(Box::new)
                .map_err(|e| e.to_string()),
        )),
        Fetch::ProductsById(ids) => Ok(Loaded::ProductsById(
            client
                .products_by_id(&ids, &["variants"])
                .await
                .map_err(|e| e.to_string()),
        )),
    }
}

/// The products (not among `shown`) with a variant whose SKU is `keyword`: the
/// keyword filter searches the products' own SKUs, not their variants'. A failed
/// look-up only means none are added.
async fn products_of_variant_sku(
    client: &Client,
    keyword: &str,
    shown: &[ProductRow],
) -> Vec<ProductRow> {
    if keyword.chars().any(char::is_whitespace) {
        return Vec::new();
    }
    let variants = match client.variants_with_sku(keyword).await {
        Ok(variants) => variants,
        Err(error) => {
            tracing::warn!("variants with SKU {keyword:?}: {error}");
            return Vec::new();
        }
    };
    let mut ids: Vec<u64> = variants
        .iter()
        .map(|v| v.product_id)
        .filter(|id| !shown.iter().any(|p| p.id == *id))
        .collect();
    ids.dedup();
    if ids.is_empty() {
        return Vec::new();
    }
    client
        .products_by_id(&ids, &["variants"])
        .await
        .inspect_err(|error| tracing::warn!("products of variant SKU {keyword:?}: {error}"))
        .unwrap_or_default()
        .iter()
        .map(ProductRow::from)
        .collect()
}

/// The names a list shows for ids (brands, customer groups), fetched with its first page so a
/// reload refreshes them; without them the list still shows, with ids.
async fn with_first_page<T>(
    page: u32,
    what: &str,
    fetch: impl Future<Output = Result<T, ApiError>>,
) -> Option<T> {
    if page != 1 {
        return None;
    }
    fetch
        .await
        .inspect_err(|e| tracing::warn!("{what}: {e}"))
        .ok()
}

fn product_query(query: &ProductsQuery) -> ProductQuery {
    ProductQuery {
        keyword: query.keyword.clone(),
        categories_in: query.category.into_iter().collect(),
        inventory_low: query.stock == Some(StockFilter::Low),
        out_of_stock: query.stock == Some(StockFilter::Out),
        is_visible: query.hidden.then_some(false),
        brand_id: query.brand,
        sort: Some(query.sort.api_name().to_string()),
        direction: Some(if query.descending {
            SortDirection::Desc
        } else {
            SortDirection::Asc
        }),
        include_fields: LIST_FIELDS.iter().map(|f| f.to_string()).collect(),
        page: Some(query.page),
        limit: Some(query.limit as u32),
        ..ProductQuery::default()
    }
}

fn order_query(query: &OrdersQuery) -> OrderQuery {
    let mut result = OrderQuery {
        status_id: query.status_id,
        sort: Some(ORDERS_SORT.to_string()),
        page: Some(query.page),
        limit: Some(query.limit as u32),
        ..OrderQuery::default()
    };
    if let Some(filter) = &query.filter {
        apply_order_filter(filter, &mut result);
    }
    query.scope.apply(&mut result, true);
    result
}

fn customer_query(query: &CustomersQuery) -> CustomerQuery {
    let mut result = CustomerQuery {
        page: Some(query.page),
        limit: Some(query.limit as u32),
        ..CustomerQuery::default()
    };
    match &query.filter {
        Some(CustomerFilter::Name(name)) => result.name_like = Some(name.clone()),
        Some(CustomerFilter::Email(email)) => result.email_in = vec![email.clone()],
        None => {}
    }
    result
}

/// Puts a `/` (or `o`) orders filter into the V2 query.
pub(crate) fn apply_order_filter(filter: &OrderFilter, query: &mut OrderQuery) {
    match filter {
        OrderFilter::Id(id) => {
            query.min_id = Some(*id);
            query.max_id = Some(*id);
        }
        OrderFilter::Email(email) => query.email = Some(email.clone()),
        OrderFilter::Customer(id) => query.customer_id = Some(*id),
        // One request per customer: see `orders_tasks::per_customer`.
        OrderFilter::Customers(_) => {}
    }
}
