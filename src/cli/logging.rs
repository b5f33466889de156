//! Logging setup: a file while the TUI owns the terminal, stderr for the plain commands.
//!
//! The level comes from `BCTUI_LOG` (error, warn, info, debug, trace); logs never reach the
//! TUI's screen, and the token never reaches a log (it is redacted by its type).

use std::path::Path;
use std::sync::Mutex;

use tracing::level_filters::LevelFilter;

/// Environment variable holding the log level.
pub const LOG_ENV: &str = "BCTUI_LOG";

fn level(default: LevelFilter) -> LevelFilter {
    std::env::var(LOG_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<LevelFilter>().ok())
        .unwrap_or(default)
}

/// For the TUI: logs go to `path`, or `bctui.log` in the data dir. Failing to open the file
/// only loses logs; it never stops the app.
pub fn init_file(path: Option<&Path>) {
    let path = match path {
        Some(path) => path.to_path_buf(),
        None => crate::config::data_dir().join("bctui.log"),
    };
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    else {
        return;
    };
    let _ = tracing_subscriber::fmt()
        .with_max_level(level(LevelFilter::INFO))
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init();
}

/// For `bctui api` and `bctui fakestore`: stderr (off unless `BCTUI_LOG` is set), or the
/// file given with `--log-file`.
pub fn init_stderr(path: Option<&Path>) {
    if path.is_some() {
        return init_file(path);
    }
    let level = level(LevelFilter::OFF);
    if level == LevelFilter::OFF {
        return;
    }
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .try_init();
}
