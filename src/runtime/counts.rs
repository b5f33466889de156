//! Counts for delete dialogs and details: a customer's orders
//! (`/v2/orders/count?customer_id=`) and a category's products
//! (`/v3/catalog/products?categories:in=ID&limit=1` → pagination total; with
//! the subcategories' ids too for what a delete touches).

use crate::api::Client;
use crate::api::query::{OrderQuery, ProductQuery};
use crate::app::edit::CountQuery;

/// `(id, count)` per id in `query`, or the API's message.
pub async fn run(client: &Client, query: &CountQuery) -> Result<Vec<(u64, u64)>, String> {
    let mut counts = Vec::new();
    match query {
        CountQuery::CustomerOrders { ids } => {
            for &id in ids {
                let filter = OrderQuery {
                    customer_id: Some(id),
                    ..OrderQuery::default()
                };
                let count = client
                    .order_count(&filter)
                    .await
                    .map_err(|e| e.to_string())?;
                counts.push((id, count.count));
            }
        }
        CountQuery::CategoryProducts { id, below, .. } => {
            counts.push((*id, products_in(client, vec![*id]).await?));
            if !below.is_empty() {
                let mut all = vec![*id];
                all.extend(below);
                counts.push((0, products_in(client, all).await?));
            }
        }
    }
    Ok(counts)
}

/// How many products are in any of `categories` (one request, `limit=1`).
async fn products_in(client: &Client, categories: Vec<u64>) -> Result<u64, String> {
    let filter = ProductQuery {
        categories_in: categories,
        limit: Some(1),
        ..ProductQuery::default()
    };
    let page = client
        .list_products(&filter)
        .await
        .map_err(|e| e.to_string())?;
    Ok(page.pagination.map_or(page.items.len() as u64, |p| p.total))
}
