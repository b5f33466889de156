//! Customer and category writes (the product ones are in `write`).

use crate::api::Client;
use crate::api::error::ApiError;
use crate::api::query::TreeCategoryQuery;
use crate::app::edit::{Write, Written};

/// Sends a customer or category `write`.
pub async fn run(client: &Client, write: Write) -> Result<Written, ApiError> {
    match write {
        Write::CreateCustomer(customer) => {
            let created = client.create_customers(&[customer]).await?;
            first_customer(created, "POST /v3/customers")
        }
        Write::UpdateCustomer(customer) => {
            let saved = client.update_customers(&[customer]).await?;
            first_customer(saved, "PUT /v3/customers")
        }
        Write::DeleteCustomers { ids } => {
            // The client refuses an empty list and always sends `id:in`.
            client.delete_customers(&ids).await?;
            Ok(Written::Deleted {
                deleted: ids,
                missing: Vec::new(),
            })
        }
        Write::CreateCategory(category) => {
            let created = client.create_tree_categories(&[category]).await?;
            Ok(Written::Category(created.into_iter().next().map(Box::new)))
        }
        Write::UpdateCategory(category) => {
            let id = category.category_id;
            client.update_tree_categories(&[category]).await?;
            // The 200 carries only counts: read the category back.
            let mut saved = None;
            if let Some(id) = id {
                let query = TreeCategoryQuery {
                    category_id_in: vec![id],
                    ..TreeCategoryQuery::default()
                };
                saved = client
                    .all_tree_categories(&query, |_| {})
                    .await
                    .ok()
                    .and_then(|all| all.into_iter().find(|c| c.category_id == id));
            }
            Ok(Written::Category(saved.map(Box::new)))
        }
        Write::DeleteCategories { ids } => {
            client.delete_tree_categories(&ids).await?;
            Ok(Written::Deleted {
                deleted: ids,
                missing: Vec::new(),
            })
        }
        other => Err(ApiError::InvalidInput(format!(
            "not a customer or category write: {other:?}"
        ))),
    }
}

fn first_customer(
    customers: Vec<crate::api::models::Customer>,
    what: &str,
) -> Result<Written, ApiError> {
    customers
        .into_iter()
        .next()
        .map(|c| Written::Customer(Box::new(c)))
        .ok_or_else(|| ApiError::InvalidInput(format!("{what} answered without a customer")))
}
