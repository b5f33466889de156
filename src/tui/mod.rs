//! The runtime: terminal, event loop and the task executor.

pub mod terminal;
