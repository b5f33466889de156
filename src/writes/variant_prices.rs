//! Variant prices of a bulk change: re-read, sent 50 a request, verified.

use std::collections::BTreeSet;

use crate::api::Client;
use crate::api::endpoints::catalog::VARIANT_BATCH_LIMIT;
use crate::api::error::ApiError;
use crate::api::models::{Variant, VariantWrite};
use crate::app::edit::Written;
use crate::app::edit::inline::plain_money as plain;
use crate::app::edit::write_request::VariantPrice;

/// Sends the variant prices whose variant still has the price the user saw; the
/// others are reported with the price the store holds now. A refused request
/// fails its variants (the store applies a request all or nothing); a 403 stops.
pub async fn run(client: &Client, items: Vec<VariantPrice>) -> Result<Written, ApiError> {
    let current = current_variants(client, &items).await?;
    let mut failed = Vec::new();
    let mut to_send = Vec::new();
    for item in items {
        match current.iter().find(|v| v.id == item.variant_id) {
            None => failed.push((item.variant_id, "the variant is gone (404)".to_string())),
            Some(variant) if variant.price != item.seen => failed.push((
                item.variant_id,
                format!(
                    "not sent: changed by someone else (price is {}, you saw {})",
                    shown(variant.price),
                    shown(item.seen)
                ),
            )),
            Some(_) => to_send.push(item),
        }
    }
    let mut saved = 0;
    let mut chunks = to_send.chunks(VARIANT_BATCH_LIMIT);
    while let Some(chunk) = chunks.next() {
        let body: Vec<(u64, VariantWrite)> = chunk
            .iter()
            .map(|item| {
                let write = VariantWrite {
                    price: Some(Some(item.price)),
                    ..VariantWrite::default()
                };
                (item.variant_id, write)
            })
            .collect();
        match client.update_variants(&body).await {
            Ok(variants) => {
                for item in chunk {
                    let stored = variants.iter().find(|v| v.id == item.variant_id);
                    match stored.map(|v| v.price) {
                        Some(Some(price)) if price == item.price => saved += 1,
                        other => failed.push((
                            item.variant_id,
                            format!(
                                "not taken: price is {}, sent {}",
                                shown(other.flatten()),
                                plain(item.price)
                            ),
                        )),
                    }
                }
            }
            Err(error) => {
                let message = error.to_string();
                failed.extend(chunk.iter().map(|i| (i.variant_id, message.clone())));
                if error.status() == Some(403) {
                    let stopped = format!("not sent, stopped at a refused permission: {message}");
                    failed.extend(chunks.flatten().map(|i| (i.variant_id, stopped.clone())));
                    break;
                }
            }
        }
    }
    Ok(Written::VariantPrices { saved, failed })
}

fn shown(price: Option<rust_decimal::Decimal>) -> String {
    price.map_or_else(|| "inherited".to_string(), plain)
}

/// The variants of the items' products as the store holds them now.
async fn current_variants(
    client: &Client,
    items: &[VariantPrice],
) -> Result<Vec<Variant>, ApiError> {
    let products: BTreeSet<u64> = items.iter().map(|i| i.product_id).collect();
    let products: Vec<u64> = products.into_iter().collect();
    let products = client.products_by_id(&products, &["variants"]).await?;
    Ok(products.into_iter().flat_map(|p| p.variants).collect())
}
