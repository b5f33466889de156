//! End-to-end tests: the real client against the real simulator, over HTTP on loopback.

mod catalog;
mod cli_api;
mod cli_conventions;
mod customers;
mod limits;
mod orders;
mod spec;
mod support;
mod webhooks;
