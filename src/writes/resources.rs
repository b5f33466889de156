//! Customer, category and webhook writes (the product ones are in `write`).

use crate::api::Client;
use crate::api::compare::{self, FieldDiff};
use crate::api::error::ApiError;
use crate::api::models::TreeCategory;
use crate::api::query::{CustomerQuery, TreeCategoryQuery};
use crate::app::edit::{Write, Written};

/// Sends a customer or category `write`.
pub async fn run(client: &Client, write: Write) -> Result<Written, ApiError> {
    match write {
        Write::CreateCustomer(customer) => {
            let created = client.create_customers(&[customer]).await?;
            first_customer(created, "POST /v3/customers")
        }
        Write::UpdateCustomer { changes, .. } => {
            let saved = client.update_customers(&[changes]).await?;
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
        Write::UpdateCategory { changes, .. } => {
            let id = changes.category_id;
            client.update_tree_categories(&[changes]).await?;
            // The 200 carries only counts: read the category back.
            let saved = match id {
                Some(id) => current_category(client, id).await.ok().flatten(),
                None => None,
            };
            Ok(Written::Category(saved.map(Box::new)))
        }
        Write::DeleteCategories { ids } => {
            client.delete_tree_categories(&ids).await?;
            Ok(Written::Deleted {
                deleted: ids,
                missing: Vec::new(),
            })
        }
        Write::CreateHook(hook) => Ok(Written::Hook(Box::new(client.create_hook(&hook).await?))),
        Write::UpdateHook { id, changes } => Ok(Written::Hook(Box::new(
            client.update_hook(id, &changes).await?,
        ))),
        Write::DeleteHook { id } => {
            client.delete_hook(id).await?;
            Ok(Written::Deleted {
                deleted: vec![id],
                missing: Vec::new(),
            })
        }
        other => Err(ApiError::InvalidInput(format!(
            "not a customer or category write: {other:?}"
        ))),
    }
}

/// The fields of a customer, category or variant write that no longer hold what the
/// user saw (empty when the write may go ahead, or is not such an update).
pub async fn changed_meanwhile(client: &Client, write: &Write) -> Result<Vec<FieldDiff>, ApiError> {
    Ok(match write {
        Write::UpdateCustomer { changes, expected } => {
            let Some(id) = changes.id else {
                return Ok(Vec::new());
            };
            let query = CustomerQuery {
                id_in: vec![id],
                ..CustomerQuery::default()
            };
            match client.list_customers(&query).await?.items.first() {
                Some(current) => compare::differences(expected, current),
                None => Vec::new(),
            }
        }
        Write::UpdateCategory { changes, expected } => {
            let Some(id) = changes.category_id else {
                return Ok(Vec::new());
            };
            match current_category(client, id).await? {
                Some(current) => compare::differences(expected, &current),
                None => Vec::new(),
            }
        }
        Write::UpdateVariant {
            product_id,
            variant_id,
            expected,
            ..
        } => {
            let variants = client.all_variants(*product_id).await?;
            match variants.iter().find(|v| v.id == *variant_id) {
                Some(current) => compare::differences(expected, current),
                None => Vec::new(),
            }
        }
        _ => Vec::new(),
    })
}

/// The fields of a customer or category write that the stored record does not show.
pub fn not_taken(write: &Write, written: &Written) -> Vec<FieldDiff> {
    match (write, written) {
        (Write::UpdateCustomer { changes, .. }, Written::Customer(saved)) => {
            compare::not_taken(changes, saved.as_ref())
        }
        (Write::UpdateCategory { changes, .. }, Written::Category(Some(saved))) => {
            compare::not_taken(changes, saved.as_ref())
        }
        _ => Vec::new(),
    }
}

async fn current_category(client: &Client, id: u64) -> Result<Option<TreeCategory>, ApiError> {
    let query = TreeCategoryQuery {
        category_id_in: vec![id],
        ..TreeCategoryQuery::default()
    };
    let all = client.all_tree_categories(&query, |_| {}).await?;
    Ok(all.into_iter().find(|c| c.category_id == id))
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
