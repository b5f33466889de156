//! Deleting customers: `x` counts the orders of the marked customers (or the
//! selected one), the dialog names each with ID, name, email and order count,
//! and `y` sends one request with `id:in`.

use super::confirm::{Confirm, Confirmed};
use super::customer::CustomerPending;
use super::customer::{find, label, target};
use super::log::LogRow;
use super::resources::CountQuery;
use super::write_request::Write;
use super::{Pending, open_confirm, send};
use crate::api::models::Customer;
use crate::app::update::toast;
use crate::app::{AppState, Effect, Fetch, Tab, ToastKind};

/// `x` / Delete: count the orders of the marked customers (or the selected
/// one); the dialog opens when the counts are in.
pub fn start_delete(state: &mut AppState) -> Vec<Effect> {
    let pane = &state.customers;
    let mut ids: Vec<u64> = match pane.detail {
        None => pane
            .list
            .marked_rows(&pane.marked, |c| c.id)
            .map(|c| c.id)
            .collect(),
        Some(_) => Vec::new(),
    };
    if ids.is_empty() {
        let Some(c) = target(state) else {
            return Vec::new();
        };
        ids.push(c.id);
    }
    let request = state.next_id();
    state.customers.counting = Some(request);
    let mut effects = vec![Effect::Fetch {
        request,
        fetch: Fetch::Count(CountQuery::CustomerOrders { ids }),
    }];
    effects.extend(toast(state, ToastKind::Info, COUNTING_ORDERS.into()));
    effects
}

/// Shown while the order counts for the delete dialog load.
pub const COUNTING_ORDERS: &str = "Counting orders…";

/// The order counts arrived: ask.
pub fn confirm_delete(
    state: &mut AppState,
    ids: Vec<u64>,
    counts: Result<Vec<(u64, u64)>, String>,
) {
    let orders = |id: u64| match &counts {
        Ok(counts) => counts
            .iter()
            .find(|(c, _)| *c == id)
            .map_or("?".to_string(), |(_, n)| n.to_string()),
        Err(_) => "?".to_string(),
    };
    let customers: Vec<Customer> = ids
        .iter()
        .filter_map(|id| find(state, *id))
        .map(std::borrow::Cow::into_owned)
        .collect();
    let mut lines = Vec::new();
    let title = if let [c] = customers.as_slice() {
        lines.push(format!("ID:     {}", c.id));
        lines.push(format!("Name:   {}", c.full_name()));
        lines.push(format!("Email:  {}", c.email));
        lines.push(format!("Orders: {}", orders(c.id)));
        "Delete customer?".to_string()
    } else {
        for c in &customers {
            lines.push(format!(
                "#{} {} <{}> · {} orders",
                c.id,
                c.full_name(),
                c.email,
                orders(c.id)
            ));
        }
        format!("Delete {} customers?", customers.len())
    };
    if let Err(message) = &counts {
        lines.push(format!("(orders could not be counted: {message})"));
    }
    lines.push(String::new());
    lines.push("Their orders stay; the customer accounts go. This cannot be undone.".into());
    let ids = customers.iter().map(|c| c.id).collect();
    open_confirm(
        state,
        Confirm::new(
            title,
            lines,
            "Delete",
            Confirmed::Delete {
                tab: Tab::Customers,
                ids,
            },
        ),
    );
}

/// Sends the delete the user confirmed (one request with `id:in`).
pub fn delete(state: &mut AppState, ids: Vec<u64>) -> Vec<Effect> {
    let rows = LogRow::deletes("customer", &ids, |id| find(state, id).map(|c| label(&c)));
    let write = Write::DeleteCustomers { ids: ids.clone() };
    let pending = Pending::Resource(Box::new(CustomerPending::Delete { ids }));
    send(state, write, pending, rows)
}

/// Takes deleted customers out of the list, the marks and the detail.
pub fn remove(state: &mut AppState, ids: &[u64]) {
    state.remove_list_rows(Tab::Customers, ids);
}
