//! Typed endpoints, one `impl Client` block per API area.

pub mod catalog;
pub mod customers;
mod hooks;
mod orders;
mod store;
mod trees;

use reqwest::Method;

use super::error::ApiError;
use super::{Client, QueryPairs};

impl Client {
    /// Deletes the `what`s with these `ids` through `path?{filter}=…`, `chunk` ids a
    /// request. Refuses an empty id list: several delete endpoints answer 204 and delete
    /// nothing (or everything matching no filter) when given no ids.
    pub(crate) async fn delete_by_ids(
        &self,
        path: &str,
        filter: &str,
        ids: &[u64],
        chunk: usize,
        what: &str,
    ) -> Result<(), ApiError> {
        if ids.is_empty() {
            return Err(ApiError::InvalidInput(format!(
                "no {what} ids given; refusing to send a delete without an id:in filter"
            )));
        }
        run_batches(ids, chunk, |chunk| async move {
            let mut q = QueryPairs::new();
            q.list(filter, chunk);
            self.request_ok(Method::DELETE, &q.append_to(path), None)
                .await
                .map(|_| Vec::<()>::new())
        })
        .await
        .map(drop)
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
