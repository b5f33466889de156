//! A hostile store: local servers on 127.0.0.1 that redirect elsewhere, send
//! terminal escapes and odd values. The token must stay with the configured
//! origin and no byte from them may drive the terminal.

#[path = "../common/mod.rs"]
mod common;
mod decoding;
mod pipe;
mod rate_limit;
mod redirects;
mod server;
mod terminal;
mod tui;
