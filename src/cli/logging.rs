//! Logging setup: a file while the TUI owns the terminal, stderr for the plain commands.
//!
//! The level comes from `BCTUI_LOG` (error, warn, info, debug, trace); logs never reach the
//! TUI's screen, and the token never reaches a log (it is redacted by its type). Log files
//! are readable by their owner only and rotated at a fixed size.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing::level_filters::LevelFilter;

use crate::private_file::{self, Mode};

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
    let Ok(file) = RotatingFile::open(path, MAX_LOG_BYTES) else {
        return;
    };
    let _ = tracing_subscriber::fmt()
        .with_max_level(level(LevelFilter::INFO))
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init();
}

/// A log file reaching this size is moved to `NAME.1` (replacing the older one)
/// and started afresh, so logs never take more than twice this.
const MAX_LOG_BYTES: u64 = 5 * 1024 * 1024;

/// An append-only log file, 0600 (logs name paths and customers' ids), rotated
/// at `max` bytes. A path that is not a regular file (`/dev/stderr`, a fifo)
/// is written to as it is, never rotated.
struct RotatingFile {
    path: PathBuf,
    file: File,
    size: u64,
    max: u64,
    rotates: bool,
}

impl RotatingFile {
    fn open(path: PathBuf, max: u64) -> std::io::Result<RotatingFile> {
        let file = private_file::open(&path, Mode::Append)?;
        let meta = file.metadata()?;
        Ok(RotatingFile {
            path,
            file,
            size: meta.len(),
            max,
            rotates: meta.is_file(),
        })
    }

    /// The previous generation: `bctui.log` → `bctui.log.1`.
    fn backup_path(&self) -> PathBuf {
        let mut name = self.path.clone().into_os_string();
        name.push(".1");
        PathBuf::from(name)
    }

    fn rotate(&mut self) -> std::io::Result<()> {
        self.file.flush()?;
        std::fs::rename(&self.path, self.backup_path())?;
        self.file = private_file::open(&self.path, Mode::Append)?;
        self.size = 0;
        Ok(())
    }
}

impl Write for RotatingFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.rotates && self.size > 0 && self.size + buf.len() as u64 > self.max {
            self.rotate()?;
        }
        let written = self.file.write(buf)?;
        self.size += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_rotates_at_its_size_cap_and_stays_private() {
        let dir = std::env::temp_dir().join(format!("bctui-log-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("bctui.log");
        let mut log = RotatingFile::open(path.clone(), 100).expect("opens");
        // One write per event, as the subscriber does.
        for n in 0..5 {
            let line = format!("{n}: {}\n", "x".repeat(40));
            log.write_all(line.as_bytes()).expect("writes");
        }
        let current = std::fs::read_to_string(&path).expect("current log");
        let backup = std::fs::read_to_string(dir.join("bctui.log.1")).expect("backup log");
        assert!(current.starts_with("4: "), "{current}");
        assert!(
            backup.starts_with("2: ") && backup.contains("3: "),
            "{backup}"
        );
        assert!(current.len() <= 100 && backup.len() <= 100);
        #[cfg(unix)]
        for file in [&path, &dir.join("bctui.log.1")] {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(file)
                .expect("exists")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{}", file.display());
        }
        std::fs::remove_dir_all(&dir).expect("cleans up");
    }
}
