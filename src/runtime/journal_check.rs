//! At start, each write of an earlier run whose outcome never arrived is checked
//! against the store: the products it changed are re-read (`id:in`, 250 a request)
//! and compared with what was written and with what the user saw. Writes the store
//! shows took effect are recorded as such in the journal.

use std::collections::HashMap;

use serde_json::Value;

use super::journal::{Journal, Record, Stage};
use crate::api::Client;
use crate::api::compare;
use crate::app::unknown_writes::{UnknownWrite, Verdict};

/// Checks `unknown` (records of `store`'s journal) against the store and records
/// those that took effect.
pub async fn check(
    client: &Client,
    journal: &Journal,
    store: &str,
    unknown: Vec<Record>,
) -> Vec<UnknownWrite> {
    let ids: Vec<u64> = unknown
        .iter()
        .flat_map(|r| r.check.iter().flatten().map(|c| c.id))
        .collect();
    let current = read_products(client, ids).await;
    let mut checked = Vec::new();
    for record in unknown {
        let verdict = match (&record.check, &current) {
            (None, _) => Verdict::ByHand,
            (Some(_), Err(message)) => Verdict::Unread(message.clone()),
            (Some(items), Ok(products)) => Verdict::Products(
                items
                    .iter()
                    .map(|c| (c.clone(), c.classify(products.get(&c.id))))
                    .collect(),
            ),
        };
        checked.push(UnknownWrite {
            line: super::journal::describe(&record),
            run: record.run.clone(),
            id: record.id,
            verdict,
        });
        let written = checked.last().is_some_and(UnknownWrite::took_effect);
        if written {
            let journal = journal.clone();
            let store = store.to_string();
            let _ = tokio::task::spawn_blocking(move || {
                journal.settle(
                    &store,
                    &[record],
                    Stage::Ok,
                    Some("found in the store by the next start"),
                )
            })
            .await;
        }
    }
    checked
}

/// The products `ids` as the store holds them now, as JSON by id (a missing id is gone).
async fn read_products(client: &Client, mut ids: Vec<u64>) -> Result<HashMap<u64, Value>, String> {
    ids.sort_unstable();
    ids.dedup();
    let products = client
        .products_by_id(&ids, &[])
        .await
        .map_err(|e| e.to_string())?;
    Ok(products
        .iter()
        .map(|p| (p.id, compare::to_json(p)))
        .collect())
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;
    use serde_json::json;

    use crate::api::models::ProductWrite;
    use crate::app::unknown_writes::{ItemState, ProductCheck};

    fn price_check() -> ProductCheck {
        ProductCheck {
            id: 7,
            before: json!({"price": 10.0}),
            changes: ProductWrite {
                price: Some(Decimal::new(1250, 2)),
                ..ProductWrite::default()
            },
        }
    }

    #[test]
    fn each_classification_by_value() {
        let check = price_check();
        assert_eq!(
            check.classify(Some(&json!({"price": 12.5}))),
            ItemState::Taken
        );
        assert_eq!(
            check.classify(Some(&json!({"price": "10.0000"}))),
            ItemState::NotApplied
        );
        assert!(matches!(
            check.classify(Some(&json!({"price": 20}))),
            ItemState::Changed(d) if d.len() == 1 && d[0].field == "price"
        ));
        assert_eq!(check.classify(None), ItemState::Gone);
        let retry = check.retry();
        assert_eq!(retry.id(), 7);
        assert_eq!(retry.expected, json!({"price": 10.0}));
    }
}
