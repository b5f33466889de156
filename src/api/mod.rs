//! The BigCommerce REST client (V2 + V3): transport, rate limiting, retries,
//! pagination, errors and typed models. No UI types live here.

pub mod dates;
pub mod models;
pub mod money;
pub mod pagination;

pub use models::*;
pub use pagination::{Page, Pagination, PaginationLinks};
pub mod client;
pub mod error;
pub mod query;
pub mod ratelimit;
pub mod retry;
pub mod token;

pub use client::{Client, ClientConfig, DEFAULT_API_URL, RawResponse};
pub use error::{ApiError, HttpError};
pub use query::{
    AddressQuery, CustomerQuery, OrderQuery, ProductQuery, SortDirection, TreeCategoryQuery,
};
pub use ratelimit::RateLimitState;
pub use retry::RetryPolicy;
pub use token::Token;
pub mod endpoints;

pub use endpoints::{catalog::*, customers::*};
pub use pagination::WalkProgress;
