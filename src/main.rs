//! The `bctui` binary: everything lives in the library; this only parses and dispatches.

use clap::Parser;

fn main() -> std::process::ExitCode {
    bctui::cli::run(bctui::cli::Cli::parse())
}
