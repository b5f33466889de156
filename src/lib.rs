//! bctui: a terminal admin dashboard for BigCommerce stores.
//!
//! The folders show the architecture; data flows one way:
//! key → `Action` → update → task → channel → `Action` → state → draw.
//!
//! - [`api`]: the HTTP client for the BigCommerce REST API (no UI types).
//! - [`fakestore`]: the store simulator, a real HTTP server (no UI types).
//! - [`app`]: state, `Action`s and the update function (no drawing, no HTTP).
//! - [`ui`]: pure drawing from state (no I/O).
//! - [`config`]: profiles, credentials and paths.
//! - [`clock`]: the one source of "now" (a manual clock in tests).
//! - [`cli`]: the command-line entry points (`bctui api`, `bctui fakestore`, ...).
//! - [`private_file`]: files that may hold store data, created 0600.
//! - [`safe_text`]: the one filter for text from the network on its way to a terminal.

pub mod api;
pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod fakestore;
pub mod private_file;
pub mod runtime;
pub mod safe_text;
pub mod ui;
pub mod writes;
