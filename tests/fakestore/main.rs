//! The store simulator over real HTTP, checked against the spec with raw requests.

#[path = "../common/mod.rs"]
mod common;

mod brands;
mod catalog;
mod customer_groups;
mod customers;
mod harness;
mod hook_events;
mod hooks;
mod http;
mod orders;
mod trees;
