//! Writes that failed stay in sight: the product's row carries a mark until a
//! later write of it is saved, and `R` sends the view's failed writes again,
//! through the same checked path as any bulk change.

use std::collections::BTreeMap;

use super::write_request::GuardedWrite;
use crate::app::update::toast;
use crate::app::words::counted;
use crate::app::{AppState, Effect, ToastKind};

/// A product write the store did not take, with the API's reason.
#[derive(Debug, Clone, PartialEq)]
pub struct FailedWrite {
    /// The write as it was sent, guarded by what the user saw then.
    pub write: GuardedWrite,
    pub message: String,
}

/// The failed product writes of this session, by product id (the newest per product).
#[derive(Debug, Default)]
pub struct FailedWrites(BTreeMap<u64, FailedWrite>);

impl FailedWrites {
    pub fn record(&mut self, write: GuardedWrite, message: String) {
        self.0.insert(write.id(), FailedWrite { write, message });
    }

    /// Product `id` was saved (or is someone else's to decide now): no longer failed.
    pub fn clear(&mut self, id: u64) {
        self.0.remove(&id);
    }

    /// Why the last write of product `id` failed, if it did.
    pub fn reason(&self, id: u64) -> Option<&str> {
        self.0.get(&id).map(|f| f.message.as_str())
    }

    pub fn contains(&self, id: u64) -> bool {
        self.0.contains_key(&id)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The failed writes of the products the list shows, in list order.
fn in_view(state: &AppState) -> Vec<GuardedWrite> {
    state
        .products
        .list
        .rows
        .iter()
        .filter_map(|p| state.edit.failed.0.get(&p.id))
        .map(|f| f.write.clone())
        .collect()
}

/// Whether `R` has anything to send.
pub fn any_in_view(state: &AppState) -> bool {
    state
        .products
        .list
        .rows
        .iter()
        .any(|p| state.edit.failed.contains(p.id))
}

/// `R`: sends the view's failed writes again. Each is still checked against what
/// the user saw when it was first made, so a colleague's change since is never
/// overwritten; it is skipped and reported like in any bulk change.
pub fn retry(state: &mut AppState) -> Vec<Effect> {
    let items = in_view(state);
    if items.is_empty() {
        return toast(
            state,
            ToastKind::Info,
            "No failed writes in this view".into(),
        );
    }
    let label = format!(
        "retry of {}",
        counted(items.len(), "failed write", "failed writes")
    );
    super::bulk::send_batch(state, items, label, true)
}
