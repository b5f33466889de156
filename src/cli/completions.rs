//! `bctui completions SHELL` and `bctui man`, generated from the clap
//! definition so they always match the real flags; and the environment and
//! exit-status notes at the end of `--help`.

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, ValueEnum};

use super::Cli;

/// Printed after the options in `--help` (and in the manual page).
pub const AFTER_HELP: &str = "\
Environment:
  BIGCOMMERCE_STORE_HASH    Store hash (below --store-hash, above the profile)
  BIGCOMMERCE_ACCESS_TOKEN  API token (below --token, above the profile)
  BIGCOMMERCE_API_URL       API base URL (default https://api.bigcommerce.com)
  BCTUI_CONFIG              Path of config.toml (see `bctui config path`)
  BCTUI_DATA_DIR            Directory for logs, console history and saved bodies
  BCTUI_LOG                 Log level (error, warn, info, debug, trace)
  BCTUI_ORDER_POLL_SECS     Orders poll interval in seconds, or `off`
  NO_COLOR                  When set and not empty: no colours, only bold/reverse
  VISUAL, EDITOR            Editor for `E` (edit JSON) and staff notes (C-e)

Exit status:
  0    Success
  1    The API refused the request, or a config or runtime error
  2    Command-line usage error
  129  The TUI ended on SIGHUP; 130 on SIGINT; 143 on SIGTERM";

/// The shells `bctui completions` writes scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

impl From<CompletionShell> for clap_complete::Shell {
    fn from(shell: CompletionShell) -> Self {
        match shell {
            CompletionShell::Bash => clap_complete::Shell::Bash,
            CompletionShell::Zsh => clap_complete::Shell::Zsh,
            CompletionShell::Fish => clap_complete::Shell::Fish,
        }
    }
}

/// Writes the completion script for `shell` to standard output.
pub fn print_completions(shell: CompletionShell) -> ExitCode {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(
        clap_complete::Shell::from(shell),
        &mut command,
        "bctui",
        &mut script,
    );
    write_stdout(&script)
}

/// Writes the manual page (roff) to standard output.
pub fn print_man() -> ExitCode {
    let mut page = Vec::new();
    if let Err(err) = clap_mangen::Man::new(Cli::command()).render(&mut page) {
        return super::fail(&format!("cannot render the manual page: {err}"));
    }
    write_stdout(&page)
}

fn write_stdout(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => super::fail(&format!("cannot write to standard output: {err}")),
    }
}
