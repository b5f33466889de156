//! The Customers tab: a paged customer list filtered on the server by name or
//! email, and a detail view with addresses and recent orders.

use std::collections::BTreeSet;

use super::{Detail, PAGE_SIZE};
use crate::api::models::{Customer, CustomerAddress, CustomerGroup, CustomerRow, Order};
use crate::app::list::{PagedList, RequestId};
use crate::app::list_pane::{self, Filtered, ListPane, list_pane_fields};
use crate::app::{AppState, Effect, Fetch, Tab};

/// A `/` filter on customers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerFilter {
    /// `name:like=` (part of first + last name).
    Name(String),
    /// `email:in=` (text with `@`).
    Email(String),
}

impl CustomerFilter {
    /// Reads what the user typed: text with `@` is an email, anything else a name.
    pub fn parse(text: &str) -> Option<CustomerFilter> {
        let text = text.trim();
        if text.is_empty() {
            None
        } else if text.contains('@') {
            Some(CustomerFilter::Email(text.to_string()))
        } else {
            Some(CustomerFilter::Name(text.to_string()))
        }
    }

    /// How the filter is described in the status line.
    pub fn describe(&self) -> String {
        match self {
            CustomerFilter::Name(name) => format!("name ~ {name}"),
            CustomerFilter::Email(email) => format!("email {email}"),
        }
    }
}

/// One page request for the customer list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomersQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page.
    pub limit: usize,
    /// Name or email filter.
    pub filter: Option<CustomerFilter>,
}

/// A loaded customer with addresses and recent orders.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerDetail {
    pub customer: Customer,
    pub addresses: Vec<CustomerAddress>,
    /// Newest first, at most a page.
    pub recent_orders: Vec<Order>,
    /// Over all their orders; `None` when they could not be read.
    pub totals: Option<CustomerTotals>,
}

/// What a customer's orders add up to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerTotals {
    /// Every order of theirs the store lists.
    pub orders: usize,
    /// Per currency: the orders' totals less refunds, cancelled and declined orders left out.
    pub spent: Vec<(String, rust_decimal::Decimal)>,
}

impl CustomerTotals {
    /// Status ids of orders that took no money: Cancelled and Declined.
    const NOT_PAID: [u32; 2] = [5, 6];

    pub fn of(orders: &[Order]) -> CustomerTotals {
        let mut spent: Vec<(String, rust_decimal::Decimal)> = Vec::new();
        for order in orders {
            if Self::NOT_PAID.contains(&order.status_id) {
                continue;
            }
            let net = order.total_inc_tax - order.refunded_amount;
            match spent.iter_mut().find(|(c, _)| *c == order.currency_code) {
                Some((_, sum)) => *sum += net,
                None => spent.push((order.currency_code.clone(), net)),
            }
        }
        CustomerTotals {
            orders: orders.len(),
            spent,
        }
    }
}

/// How many recent orders the customer detail shows.
pub const RECENT_ORDERS: usize = 10;

/// State of the Customers tab.
#[derive(Debug, Default)]
pub struct CustomersPane {
    /// Loaded rows: the list's fields only (the detail holds the whole customer).
    pub list: PagedList<CustomerRow>,
    /// The order whose `C` opened the customer shown: Esc goes back to it.
    pub opened_from_order: Option<u64>,
    /// Applied filter.
    pub filter: Option<CustomerFilter>,
    /// Bumped on every filter keystroke; only the latest debounce applies.
    pub filter_generation: u64,
    /// The open customer, if any.
    pub detail: Option<Detail<CustomerDetail>>,
    /// Marked customer ids (Space); `x` deletes them together.
    pub marked: BTreeSet<u64>,
    /// The column `e` edits (h/l move it).
    pub column: crate::app::edit::customer_fields::CustomerField,
    /// The order count a delete dialog waits for.
    pub counting: Option<RequestId>,
    /// The store's customer groups, by id (fetched with the first page; empty until then).
    pub groups: Vec<CustomerGroup>,
}

impl CustomersPane {
    /// How group `id` is shown: its name, `-` for none, `#id` while the names are unknown.
    pub fn group_label(&self, id: u64) -> String {
        super::name_or_id(id, self.groups.iter().map(|g| (g.id, g.name.as_str())))
    }
}

impl ListPane for CustomersPane {
    list_pane_fields!(marked);
    fn reset_for_query(&mut self) {
        self.list.reset();
        self.marked.clear();
    }
    fn page_fetch(&self, page: u32) -> Fetch {
        Fetch::Customers(CustomersQuery {
            page,
            limit: PAGE_SIZE,
            filter: self.filter.clone(),
        })
    }
    fn open_detail(&mut self, id: u64, request: RequestId) -> Option<Fetch> {
        self.opened_from_order = None;
        self.detail = Some(Detail::loading(id, request));
        Some(Fetch::CustomerDetail { id })
    }
    fn has_filter(&self) -> bool {
        self.filter.is_some()
    }
    fn filter_text(&self) -> String {
        match &self.filter {
            Some(CustomerFilter::Name(text) | CustomerFilter::Email(text)) => text.clone(),
            None => String::new(),
        }
    }
    fn set_filter(&mut self, text: &str) -> Result<Filtered, String> {
        let filter = CustomerFilter::parse(text);
        let changed = filter != self.filter;
        self.filter = filter;
        Ok(changed.into())
    }
    fn clear_filter(&mut self) {
        self.filter = None;
    }
}

impl AppState {
    /// Opens the detail view of customer `id`.
    pub(crate) fn open_customer(&mut self, id: u64) -> Vec<Effect> {
        self.open_record(Tab::Customers, id)
    }

    pub(crate) fn customer_detail_loaded(
        &mut self,
        request: RequestId,
        result: Result<CustomerDetail, String>,
    ) -> bool {
        list_pane::loaded(&mut self.customers.detail, request, result)
    }
}
