//! Files bctui writes that can hold store data (exports, logs, console
//! history and saved bodies): readable and writable by their owner only.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

/// How [`open`] treats an existing file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Start from empty.
    Truncate,
    /// Add to the end.
    Append,
}

/// Opens (creating if needed) `path` with mode 0600. An existing file keeps
/// its permissions when opened, so they are narrowed to 0600 too (regular
/// files only: `--log-file /dev/stderr` must not change a terminal's mode).
pub fn open(path: &Path, mode: Mode) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    match mode {
        Mode::Truncate => options.create(true).write(true).truncate(true),
        Mode::Append => options.create(true).append(true),
    };
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = file.metadata()?;
        if meta.is_file() && meta.permissions().mode() & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
    }
    Ok(file)
}

/// Writes (or appends) `bytes` to `path`, opened with [`open`].
pub fn write(path: &Path, bytes: &[u8], mode: Mode) -> std::io::Result<()> {
    let mut file = open(path, mode)?;
    file.write_all(bytes)?;
    file.flush()
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode_of(path: &Path) -> u32 {
        std::fs::metadata(path)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777
    }

    #[test]
    fn new_and_existing_files_end_up_private() {
        let dir = std::env::temp_dir().join(format!("bctui-private-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let fresh = dir.join("fresh.csv");
        write(&fresh, b"a\n", Mode::Truncate).expect("writes");
        write(&fresh, b"b\n", Mode::Append).expect("appends");
        assert_eq!(std::fs::read_to_string(&fresh).expect("reads"), "a\nb\n");
        assert_eq!(mode_of(&fresh), 0o600);

        let old = dir.join("old.log");
        std::fs::write(&old, "x").expect("writes");
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        write(&old, b"y", Mode::Append).expect("appends");
        assert_eq!(mode_of(&old), 0o600);
        std::fs::remove_dir_all(&dir).expect("cleans up");
    }
}
