//! Typed endpoints, one `impl Client` block per API area.

pub mod catalog;
pub mod customers;
mod hooks;
mod orders;
mod store;
mod trees;

use super::error::ApiError;

/// Refuses an empty id list: several delete endpoints answer 204 and delete
/// nothing (or everything matching no filter) when given no ids.
pub(crate) fn require_ids(ids: &[u64], what: &str) -> Result<(), ApiError> {
    if ids.is_empty() {
        Err(ApiError::InvalidInput(format!(
            "no {what} ids given; refusing to send a delete without an id:in filter"
        )))
    } else {
        Ok(())
    }
}

/// Runs `chunks` of a batch in order, wrapping a failure with how many items
/// were already saved.
pub(crate) async fn run_batches<'a, T, I, F, Fut>(
    items: &'a [I],
    chunk_size: usize,
    mut send: F,
) -> Result<Vec<T>, ApiError>
where
    F: FnMut(&'a [I]) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<T>, ApiError>>,
{
    let mut out = Vec::with_capacity(items.len());
    let mut done = 0;
    for chunk in items.chunks(chunk_size) {
        match send(chunk).await {
            Ok(saved) => {
                out.extend(saved);
                done += chunk.len();
            }
            Err(e) if done == 0 => return Err(e),
            Err(e) => {
                return Err(ApiError::Batch {
                    done,
                    total: items.len(),
                    source: Box::new(e),
                });
            }
        }
    }
    Ok(out)
}
