//! `/` on Orders, beyond what the V2 orders filters take directly (an order id, a whole
//! email address, `customer:ID`): a customer's name is looked up through
//! `/v3/customers?name:like=` and the orders of the customers it names are shown.
//! A partial email or a product SKU has no filter in the orders API; the screen says so
//! instead of filtering a page locally.

use crate::app::panes::OrderFilter;
use crate::app::update::toast;
use crate::app::{AppState, Effect, ToastKind};

/// Customers looked at for a name at most (more means the name is too short).
pub const NAME_MATCHES: usize = 10;

/// What the text typed after `/` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    /// A filter the orders API takes (or none: show everything).
    Filter(Option<OrderFilter>),
    /// A customer's name, to look up first.
    CustomerName(String),
}

/// Reads the text typed after `/`; Err says why the API cannot search for it.
pub fn classify(text: &str) -> Result<Search, String> {
    let text = text.trim();
    if let Some(sku) = text.strip_prefix("sku:") {
        return Err(format!(
            "The orders API has no SKU filter, so orders with {} cannot be found on the server; \
             search the product on Products instead",
            sku.trim()
        ));
    }
    if text.contains('@') && !whole_email(text) {
        return Err(format!(
            "The orders API matches a whole email address only; {text} is part of one \
             (find the customer on Customers, then o shows their orders)"
        ));
    }
    match OrderFilter::parse(text) {
        Ok(filter) => Ok(Search::Filter(filter)),
        Err(_) if text.chars().any(char::is_alphabetic) => {
            Ok(Search::CustomerName(text.to_string()))
        }
        Err(message) => Err(message),
    }
}

/// `name@domain.tld`: something before the @, a dot in the domain not at its end.
fn whole_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain
                    .rsplit_once('.')
                    .is_some_and(|(host, tld)| !host.is_empty() && !tld.is_empty())
        }
        None => false,
    }
}

/// The customers named like `name` (id and full name): their orders are shown (at most
/// [`NAME_MATCHES`] customers; none says so).
pub(super) fn found(
    state: &mut AppState,
    name: String,
    result: Result<Vec<(u64, String)>, String>,
) -> Vec<Effect> {
    if state.orders.looking_up.as_deref() != Some(name.as_str()) {
        // The user typed on since.
        state.changed = false;
        return Vec::new();
    }
    state.orders.looking_up = None;
    state.orders.searched_name = Some(name.clone());
    let customers = match result {
        Ok(customers) => customers,
        Err(message) => {
            return toast(
                state,
                ToastKind::Error,
                format!("Looking up customers named {name:?} failed: {message}"),
            );
        }
    };
    match customers.as_slice() {
        [] => toast(
            state,
            ToastKind::Error,
            format!("No customer's name contains {name:?} (guest orders: search their email)"),
        ),
        [(id, full_name)] => {
            state.orders.filter_name = Some(format!("{full_name} (customer #{id})"));
            show(state, OrderFilter::Customer(*id))
        }
        several => {
            // The orders API takes one customer_id: each is asked for, the answers merged.
            let ids: Vec<u64> = several.iter().map(|(id, _)| *id).collect();
            let names: Vec<String> = several.iter().take(3).map(|(_, n)| n.clone()).collect();
            let more = if several.len() > 3 { ", …" } else { "" };
            state.orders.filter_name = Some(format!(
                "{} customers named like {name:?} ({}{more})",
                several.len(),
                names.join(", ")
            ));
            show(state, OrderFilter::Customers(ids))
        }
    }
}

/// Shows the orders of the customers found (unless they are shown already).
fn show(state: &mut AppState, filter: OrderFilter) -> Vec<Effect> {
    let filter = Some(filter);
    if state.orders.filter == filter {
        return Vec::new();
    }
    state.orders.filter = filter;
    state.reload_orders()
}
