//! Runs one `Write` against the store. Errors keep the API's own message and
//! its per-field errors; batch updates report progress as they go.

use tokio::sync::mpsc;

use crate::api::Client;
use crate::api::endpoints::catalog::PRODUCT_BATCH_LIMIT;
use crate::api::error::ApiError;
use crate::api::models::ProductWrite;
use crate::app::Action;
use crate::app::edit::{Write, WriteFailure, Written};
use crate::app::list::RequestId;

pub(super) fn failure(error: ApiError) -> WriteFailure {
    WriteFailure {
        fields: error.field_errors().to_vec(),
        message: error.to_string(),
    }
}

/// Sends `write`; progress of batches goes to `actions` as `WriteProgress`.
pub async fn run(
    client: &Client,
    request: RequestId,
    write: Write,
    actions: &mpsc::UnboundedSender<Action>,
) -> Result<Written, WriteFailure> {
    match write {
        Write::UpdateProduct {
            id,
            changes,
            expected_modified,
            force,
        } => {
            if !force {
                // The lost-update guard: compare with what the user saw.
                let current = client.get_product(id, &[]).await.map_err(failure)?;
                if current.date_modified != expected_modified {
                    return Ok(Written::Conflict(Box::new(current)));
                }
            }
            let saved = client.update_product(id, &changes).await.map_err(failure)?;
            Ok(Written::Product(Box::new(saved)))
        }
        Write::UpdateProducts { changes } => {
            Ok(update_batches(client, request, &changes, actions).await)
        }
        Write::DeleteProducts { ids } => match ids.as_slice() {
            [id] => match client.delete_product(*id).await {
                Ok(()) => Ok(Written::Deleted {
                    deleted: ids,
                    missing: Vec::new(),
                }),
                Err(error) if error.is_not_found() => Ok(Written::Deleted {
                    deleted: Vec::new(),
                    missing: ids,
                }),
                Err(error) => Err(failure(error)),
            },
            _ => {
                client.delete_products(&ids).await.map_err(failure)?;
                Ok(Written::Deleted {
                    deleted: ids,
                    missing: Vec::new(),
                })
            }
        },
        Write::CreateProduct(product) => client
            .create_product(&product)
            .await
            .map(|p| Written::Created(Box::new(p)))
            .map_err(failure),
        Write::UpdateVariant {
            product_id,
            variant_id,
            changes,
        } => {
            let variant = client
                .update_variant(product_id, variant_id, &changes)
                .await
                .map_err(failure)?;
            // Saved already; if this re-read fails the next edit just asks about a conflict.
            let product = client.get_product(product_id, &["variants"]).await.ok();
            Ok(Written::Variant(Box::new(variant), product.map(Box::new)))
        }
        other => super::write_resources::run(client, other)
            .await
            .map_err(failure),
    }
}

/// Batches of 10 through `PUT /catalog/products`. The API applies a batch all
/// or nothing, so when one fails its products are retried one by one: the
/// good ones are saved and each failure carries its own message.
async fn update_batches(
    client: &Client,
    request: RequestId,
    changes: &[ProductWrite],
    actions: &mpsc::UnboundedSender<Action>,
) -> Written {
    let total = changes.len();
    let mut saved = Vec::new();
    let mut failed = Vec::new();
    let mut done = 0;
    for chunk in changes.chunks(PRODUCT_BATCH_LIMIT) {
        match client.update_products(chunk).await {
            Ok(products) => saved.extend(products),
            Err(error) if chunk.len() == 1 => {
                failed.push((chunk[0].id.unwrap_or(0), error.to_string()));
            }
            Err(_) => {
                for item in chunk {
                    match client.update_products(std::slice::from_ref(item)).await {
                        Ok(products) => saved.extend(products),
                        Err(error) => failed.push((item.id.unwrap_or(0), error.to_string())),
                    }
                }
            }
        }
        done += chunk.len();
        let _ = actions.send(Action::WriteProgress {
            request,
            done,
            total,
        });
    }
    Written::Products { saved, failed }
}
