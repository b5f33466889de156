//! Runs one `Write` against the store. Errors keep the API's own message and
//! its per-field errors; batch updates report progress as they go.

use tokio::sync::mpsc;

use std::collections::HashMap;

use crate::api::Client;
use crate::api::compare::{self, FieldDiff};
use crate::api::endpoints::catalog::PRODUCT_BATCH_LIMIT;
use crate::api::error::ApiError;
use crate::api::models::{Product, ProductWrite};
use crate::app::Action;
use crate::app::edit::write_request::GuardedWrite;
use crate::app::edit::{Write, WriteFailure, Written};

mod resources;
mod variant_prices;

use crate::app::list::RequestId;

fn failure(error: ApiError) -> WriteFailure {
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
            expected,
            force,
        } => {
            if !force {
                // The lost-update guard: the fields about to change must still hold
                // what the user saw, by value (a timestamp has one-second resolution).
                let current = client.get_product(id, &[]).await.map_err(failure)?;
                if !compare::differences(&expected, &current).is_empty() {
                    return Ok(Written::Conflict(Box::new(current)));
                }
            }
            let saved = client.update_product(id, &changes).await.map_err(failure)?;
            let not_taken = compare::not_taken(&changes, &saved);
            Ok(Written::Product {
                saved: Box::new(saved),
                not_taken,
            })
        }
        Write::UpdateProducts { items } => {
            let (unchanged, changed) = match still_as_seen(client, items).await {
                Ok(split) => split,
                Err(error) => return Err(failure(error)),
            };
            let mut written = update_batches(client, request, &unchanged, actions).await;
            if let Written::Products { changed: slot, .. } = &mut written {
                *slot = changed;
            }
            Ok(written)
        }
        Write::UpdateVariantPrices { items } => {
            variant_prices::run(client, items).await.map_err(failure)
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
            ref changes,
            ..
        } => {
            still_as_seen_by_user(client, &write).await?;
            let variant = client
                .update_variant(product_id, variant_id, changes)
                .await
                .map_err(failure)?;
            all_taken(&compare::not_taken(changes, &variant))?;
            // Saved already; if this re-read fails the next edit just asks about a conflict.
            let product = client.get_product(product_id, &["variants"]).await.ok();
            Ok(Written::Variant(Box::new(variant), product.map(Box::new)))
        }
        other => {
            still_as_seen_by_user(client, &other).await?;
            let written = resources::run(client, other.clone())
                .await
                .map_err(failure)?;
            all_taken(&resources::not_taken(&other, &written))?;
            Ok(written)
        }
    }
}

/// The check before a customer, category or variant update: refused, with nothing
/// sent, when the fields about to change no longer hold what the user saw.
async fn still_as_seen_by_user(client: &Client, write: &Write) -> Result<(), WriteFailure> {
    let differences = resources::changed_meanwhile(client, write)
        .await
        .map_err(failure)?;
    if differences.is_empty() {
        return Ok(());
    }
    Err(WriteFailure {
        message: format!(
            "{}; refresh (r) to see it",
            compare::changed_message(&differences)
        ),
        fields: Vec::new(),
    })
}

/// The check after: a field the store did not take fails the write.
fn all_taken(not_taken: &[FieldDiff]) -> Result<(), WriteFailure> {
    if not_taken.is_empty() {
        return Ok(());
    }
    Err(WriteFailure {
        message: compare::not_taken_message(not_taken),
        fields: Vec::new(),
    })
}

/// What the journal records of a write's result: `Err` when anything asked for did
/// not happen (a conflict, a refused or partly failed batch, a field not taken).
pub fn outcome(result: &Result<Written, WriteFailure>) -> Result<(), String> {
    match result {
        Err(failure) => Err(failure.message.clone()),
        Ok(Written::Conflict(_)) => Err("not sent: changed by someone else".to_string()),
        Ok(Written::Product { not_taken, .. }) if !not_taken.is_empty() => {
            Err(compare::not_taken_message(not_taken))
        }
        Ok(Written::Products {
            failed, changed, ..
        }) if !failed.is_empty() || !changed.is_empty() => {
            let ids: Vec<String> = failed
                .iter()
                .map(|(id, message)| format!("#{id}: {message}"))
                .chain(
                    changed
                        .iter()
                        .map(|(p, _)| format!("#{}: not sent: changed by someone else", p.id)),
                )
                .collect();
            Err(ids.join("; "))
        }
        Ok(Written::VariantPrices { failed, .. }) if !failed.is_empty() => {
            let ids: Vec<String> = failed
                .iter()
                .map(|(id, message)| format!("variant #{id}: {message}"))
                .collect();
            Err(ids.join("; "))
        }
        Ok(_) => Ok(()),
    }
}

/// Re-reads the products of `items` (`id:in`, 250 a request) and splits the writes
/// into those whose fields still hold what the user saw and the products that
/// someone changed meanwhile (with the fields that differ). A product that is gone
/// stays in the first group: its write then fails with the API's 404.
async fn still_as_seen(
    client: &Client,
    items: Vec<GuardedWrite>,
) -> Result<(Vec<ProductWrite>, Vec<(Product, Vec<FieldDiff>)>), ApiError> {
    let ids: Vec<u64> = items.iter().map(GuardedWrite::id).collect();
    let mut current: HashMap<u64, Product> = (client.products_by_id(&ids, &[]).await?)
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut unchanged = Vec::new();
    let mut changed = Vec::new();
    for item in items {
        match current.remove(&item.id()) {
            Some(product) => {
                let differences = compare::differences(&item.expected, &product);
                if differences.is_empty() {
                    unchanged.push(item.changes);
                } else {
                    changed.push((product, differences));
                }
            }
            None => unchanged.push(item.changes),
        }
    }
    Ok((unchanged, changed))
}

/// Batches of 10 through `PUT /catalog/products`. The API applies a batch all
/// or nothing, so when one fails its products are retried one by one: the
/// good ones are saved and each failure carries its own message. A 403 is a
/// permission, not a fault of one product: it stops the change. Every saved
/// product is compared with what was sent; a field it does not show fails it.
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
    let mut chunks = changes.chunks(PRODUCT_BATCH_LIMIT);
    while let Some(chunk) = chunks.next() {
        let mut forbidden = None;
        match client.update_products(chunk).await {
            Ok(products) => saved.extend(products),
            Err(error) if error.status() == Some(403) => forbidden = Some(error.to_string()),
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
        if let Some(message) = forbidden {
            // The permission is the store's answer for all of them: nothing more is sent.
            let stopped =
                format!("not sent, the change stopped at a refused permission: {message}");
            failed.extend(
                chunk
                    .iter()
                    .map(|item| (item.id.unwrap_or(0), message.clone())),
            );
            failed.extend(
                chunks
                    .flatten()
                    .map(|item| (item.id.unwrap_or(0), stopped.clone())),
            );
            break;
        }
        done += chunk.len();
        let _ = actions.send(Action::WriteProgress {
            request,
            done,
            total,
        });
    }
    for change in changes {
        let Some(product) = saved.iter().find(|p| Some(p.id) == change.id) else {
            continue;
        };
        let not_taken = compare::not_taken(change, product);
        if !not_taken.is_empty() {
            failed.push((product.id, compare::not_taken_message(&not_taken)));
        }
    }
    Written::Products {
        saved,
        failed,
        changed: Vec::new(),
    }
}
