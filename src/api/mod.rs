//! The BigCommerce REST client (V2 + V3): transport, rate limiting, retries,
//! pagination, errors and typed models. No UI types live here.
//!
//! ```no_run
//! # async fn demo() -> Result<(), bctui::api::ApiError> {
//! use bctui::api::{Client, ClientConfig, ProductQuery, Token};
//! let client = Client::new(ClientConfig::new("abc123", Token::new("...")))?;
//! let page = client.list_products(&ProductQuery { keyword: Some("jar".into()), ..Default::default() }).await?;
//! # Ok(()) }
//! ```

pub mod client;
pub mod compare;
pub mod dates;
#[cfg(test)]
mod decode_fuzz;
pub mod endpoints;
pub mod error;
pub mod models;
pub mod money;
pub mod pagination;
pub mod query;
pub mod ratelimit;
pub mod response;
pub mod retry;
mod scalar;
pub mod spec_endpoints;
pub mod token;

pub use client::{Client, ClientConfig, DEFAULT_API_URL, RawResponse};
pub use endpoints::catalog::{PRODUCT_BATCH_LIMIT, PRODUCT_DELETE_LIMIT};
pub use endpoints::customers::CUSTOMER_BATCH_LIMIT;
pub use error::{ApiError, HttpError};
pub use models::*;
pub use pagination::{Page, Pagination, PaginationLinks, WALK_LIMIT, WalkProgress};
pub use query::{
    AddressQuery, CustomerQuery, HookQuery, OrderQuery, ProductQuery, QueryPairs, SortDirection,
    TreeCategoryQuery,
};
pub use ratelimit::RateLimitState;
pub use retry::RetryPolicy;
pub use token::Token;
