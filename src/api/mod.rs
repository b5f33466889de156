//! The BigCommerce REST client (V2 + V3): transport, rate limiting, retries,
//! pagination, errors and typed models. No UI types live here.

pub mod dates;
pub mod models;
pub mod money;
pub mod pagination;

pub use models::*;
pub use pagination::{Page, Pagination, PaginationLinks};
