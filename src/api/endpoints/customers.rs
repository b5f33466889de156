//! Customers and addresses (`/v3/customers...`). There is no
//! `GET /v3/customers/{id}`: one customer is `?id:in=ID`.

use reqwest::Method;

use super::require_batch_ids;
use crate::api::client::Client;
use crate::api::error::ApiError;
use crate::api::models::{Customer, CustomerAddress, CustomerGroup, CustomerRow, CustomerWrite};
use crate::api::pagination::Page;
use crate::api::query::{AddressQuery, CustomerQuery, QueryPairs};

/// `POST`/`PUT /v3/customers` accept at most 10 customers.
pub const CUSTOMER_BATCH_LIMIT: usize = 10;
/// Ids per delete request (keeps URLs short).
const DELETE_CHUNK: usize = 250;
const CUSTOMERS: &str = "/v3/customers";
/// V2 pages hold at most 250.
const GROUPS_PAGE: usize = 250;

impl Client {
    /// Every customer group, by id (V2: pages until one comes back short or empty).
    pub async fn customer_groups(&self) -> Result<Vec<CustomerGroup>, ApiError> {
        let mut all = Vec::new();
        for page in 1u32.. {
            let path = format!("/v2/customer_groups?limit={GROUPS_PAGE}&page={page}");
            let rows: Vec<CustomerGroup> = self.get_v2_list(&path).await?;
            let done = rows.len() < GROUPS_PAGE;
            all.extend(rows);
            if done {
                break;
            }
        }
        Ok(all)
    }

    /// One page of customers.
    pub async fn list_customers(&self, query: &CustomerQuery) -> Result<Page<Customer>, ApiError> {
        self.get_page(&query.pairs().append_to(CUSTOMERS)).await
    }

    /// One page of customers as list rows: only the rows' fields are decoded (the V3 list
    /// has no `include_fields`, so the store still sends every field).
    pub async fn list_customer_rows(
        &self,
        query: &CustomerQuery,
    ) -> Result<Page<CustomerRow>, ApiError> {
        self.get_page(&query.pairs().append_to(CUSTOMERS)).await
    }

    /// One customer with addresses and store credit, via `?id:in=ID`; a 404
    /// `ApiError` when there is none.
    pub async fn get_customer(&self, id: u64) -> Result<Customer, ApiError> {
        let mut q = QueryPairs::new();
        q.push("id:in", id).push("include", "addresses,storecredit");
        let path = q.append_to(CUSTOMERS);
        let page: Page<Customer> = self.get_page(&path).await?;
        page.items
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| ApiError::not_found("GET", &path, format!("no customer with id {id}")))
    }

    /// Creates customers (email, first_name, last_name required), 10 per request.
    pub async fn create_customers(
        &self,
        customers: &[CustomerWrite],
    ) -> Result<Vec<Customer>, ApiError> {
        self.send_batches(Method::POST, CUSTOMERS, customers, CUSTOMER_BATCH_LIMIT)
            .await
    }

    /// Updates customers (each needs `id`), 10 per request.
    pub async fn update_customers(
        &self,
        customers: &[CustomerWrite],
    ) -> Result<Vec<Customer>, ApiError> {
        require_batch_ids(customers, |c| c.id, "customer")?;
        self.send_batches(Method::PUT, CUSTOMERS, customers, CUSTOMER_BATCH_LIMIT)
            .await
    }

    /// Deletes customers, always with `?id:in=`. Refuses an empty list: the API
    /// answers 204 to a filterless delete and deletes nothing, which would look
    /// like success.
    pub async fn delete_customers(&self, ids: &[u64]) -> Result<(), ApiError> {
        self.delete_by_ids(CUSTOMERS, "id:in", ids, DELETE_CHUNK, "customer")
            .await
    }

    /// One page of customer addresses.
    pub async fn list_customer_addresses(
        &self,
        query: &AddressQuery,
    ) -> Result<Page<CustomerAddress>, ApiError> {
        self.get_page(&query.pairs().append_to("/v3/customers/addresses"))
            .await
    }
}
