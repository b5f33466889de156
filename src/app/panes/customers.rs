//! The Customers tab: a paged customer list filtered on the server by name or
//! email, and a detail view with addresses and recent orders.

use super::{Detail, PAGE_SIZE};
use crate::api::models::{Customer, CustomerAddress, CustomerGroup, Order};
use crate::app::list::{LoadState, PagedList, RequestId};
use crate::app::{AppState, Effect, Fetch};

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
    /// Loaded rows.
    pub list: PagedList<Customer>,
    /// The order whose `C` opened the customer shown: Esc goes back to it.
    pub opened_from_order: Option<u64>,
    /// Applied filter.
    pub filter: Option<CustomerFilter>,
    /// Bumped on every filter keystroke; only the latest debounce applies.
    pub filter_generation: u64,
    /// The open customer, if any.
    pub detail: Option<Detail<CustomerDetail>>,
    /// Marked customer ids (Space); `x` deletes them together.
    pub marked: std::collections::BTreeSet<u64>,
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

    /// Whether a spinner should run.
    pub fn is_loading(&self) -> bool {
        self.list.load.is_loading()
            || self
                .detail
                .as_ref()
                .is_some_and(|detail| detail.load.is_loading())
    }
}

impl AppState {
    /// Drops the customer rows and fetches page 1.
    pub(crate) fn reload_customers(&mut self) -> Vec<Effect> {
        self.customers.list.reset();
        self.customers.marked.clear();
        self.fetch_more_customers()
    }

    /// Fetches the next page of customers if there is one and none is in flight.
    pub(crate) fn fetch_more_customers(&mut self) -> Vec<Effect> {
        let Some(page) = self.customers.list.next_page else {
            return Vec::new();
        };
        if self.customers.list.load.is_loading() {
            return Vec::new();
        }
        let request = self.next_id();
        self.customers.list.start(request);
        vec![Effect::Fetch {
            request,
            fetch: Fetch::Customers(CustomersQuery {
                page,
                limit: PAGE_SIZE,
                filter: self.customers.filter.clone(),
            }),
        }]
    }

    /// Opens the detail view of customer `id`.
    pub(crate) fn open_customer(&mut self, id: u64) -> Vec<Effect> {
        self.customers.opened_from_order = None;
        let request = self.next_id();
        self.customers.detail = Some(Detail::loading(id, request));
        vec![Effect::Fetch {
            request,
            fetch: Fetch::CustomerDetail { id },
        }]
    }

    pub(crate) fn customers_loaded(
        &mut self,
        request: RequestId,
        page: u32,
        rows: Vec<Customer>,
        total: Option<u64>,
        groups: Option<Vec<CustomerGroup>>,
    ) -> bool {
        if !self.customers.list.expects(request) {
            return false;
        }
        if let Some(groups) = groups {
            self.customers.groups = groups;
        }
        self.customers
            .list
            .append_page(page, rows, PAGE_SIZE, total);
        true
    }

    pub(crate) fn customer_detail_loaded(
        &mut self,
        request: RequestId,
        result: Result<CustomerDetail, String>,
    ) -> bool {
        let Some(detail) = self
            .customers
            .detail
            .as_mut()
            .filter(|d| d.expects(request))
        else {
            return false;
        };
        match result {
            Ok(data) => {
                detail.data = Some(data);
                detail.load = LoadState::Loaded;
            }
            Err(message) => detail.load = LoadState::Failed(message),
        }
        true
    }

    /// Applies a name/email filter typed after `/` (empty clears it).
    pub(crate) fn set_customer_filter(&mut self, text: &str) -> Vec<Effect> {
        let filter = CustomerFilter::parse(text);
        if filter == self.customers.filter {
            return Vec::new();
        }
        self.customers.filter = filter;
        self.reload_customers()
    }
}
