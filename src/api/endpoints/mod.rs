//! Typed endpoints, one `impl Client` block per API area.

pub mod catalog;
pub mod customers;
mod hooks;
mod orders;
mod store;
mod trees;

use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::pagination::ListEnvelope;
use super::{Client, QueryPairs};

impl Client {
    /// Sends a V3 batch of `items` to `path`, `chunk` items a request, and gathers what
    /// each answer's `data` holds.
    pub(crate) async fn send_batches<I: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        items: &[I],
        chunk: usize,
    ) -> Result<Vec<T>, ApiError> {
        run_batches(items, chunk, |chunk| {
            let method = method.clone();
            async move {
                let env: ListEnvelope<T> = self.send_json(method, path, chunk).await?;
                Ok(env.data)
            }
        })
        .await
    }

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

/// Refuses a batch update with an item that has no `id`: the store could not tell which
/// record it is meant to change.
pub(crate) fn require_batch_ids<T>(
    items: &[T],
    id_of: impl Fn(&T) -> Option<u64>,
    what: &str,
) -> Result<(), ApiError> {
    match items.iter().position(|item| id_of(item).is_none()) {
        Some(i) => Err(ApiError::InvalidInput(format!(
            "{what} #{} in the batch has no id",
            i + 1
        ))),
        None => Ok(()),
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
