//! Counts that customer and category dialogs wait for (orders per customer,
//! products per category), fetched before the delete dialog opens.

use super::{category, customer};
use crate::app::list::RequestId;
use crate::app::{AppState, Effect};

/// Counts a dialog or detail needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountQuery {
    /// Orders per customer (for the delete dialog).
    CustomerOrders { ids: Vec<u64> },
    /// Products in category `id`, and (when `below` has ids) in it and its
    /// subcategories together (for the delete dialog, or the detail).
    CategoryProducts {
        id: u64,
        below: Vec<u64>,
        for_delete: bool,
    },
}

impl CountQuery {
    /// Whether a delete dialog waits for it.
    pub fn for_delete(&self) -> bool {
        match self {
            CountQuery::CustomerOrders { .. } => true,
            CountQuery::CategoryProducts { for_delete, .. } => *for_delete,
        }
    }
}

/// Counts arrived for a delete dialog or the category detail.
pub fn on_counted(
    state: &mut AppState,
    request: RequestId,
    query: CountQuery,
    result: Result<Vec<(u64, u64)>, String>,
) -> Vec<Effect> {
    match query {
        CountQuery::CustomerOrders { ids } => {
            if state.customers.counting.take() != Some(request) {
                state.changed = false;
                return Vec::new();
            }
            drop_notice(state, customer::COUNTING_ORDERS);
            customer::confirm_delete(state, ids, result);
        }
        CountQuery::CategoryProducts { id, for_delete, .. } => {
            // The first count is the category's own products.
            let own = result
                .as_ref()
                .ok()
                .and_then(|counts| counts.first().map(|(_, n)| *n));
            state.categories.product_counts.insert(id, own);
            if for_delete {
                if state.categories.counting.take() != Some(request) {
                    state.changed = false;
                    return Vec::new();
                }
                drop_notice(state, category::COUNTING_PRODUCTS);
                category::confirm_delete(state, id, result);
            }
        }
    }
    Vec::new()
}

/// Removes the "Counting …" notice once the dialog it announced opens.
fn drop_notice(state: &mut AppState, text: &str) {
    state.toasts.retain(|toast| toast.text != text);
}
