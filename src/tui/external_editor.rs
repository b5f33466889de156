//! Runs the user's editor on a temp file: `$VISUAL`, else `$EDITOR`, else `vi`.
//! The file is created with mode 0600 (it may hold store data) and removed
//! afterwards whatever happens. Suspending and restoring the terminal is the
//! caller's job (the runner), because it owns the terminal and the input.

use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// The editor command line: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|value| value.trim().to_string())
        .find(|value| !value.is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Removes the temp file when dropped.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Err(error) = std::fs::remove_file(&self.0) {
            tracing::warn!("could not remove {}: {error}", self.0.display());
        }
    }
}

fn create_temp(text: &str, suffix: &str) -> io::Result<TempFile> {
    let suffix: String = suffix
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    for _ in 0..16 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("bctui-{}-{n}{suffix}", std::process::id()));
        let opened = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path);
        match opened {
            Ok(mut file) => {
                let temp = TempFile(path);
                file.write_all(text.as_bytes())?;
                file.sync_all()?;
                return Ok(temp);
            }
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::other("could not create a unique temp file"))
}

/// The editor's process. Through the shell so `EDITOR="code --wait"` works; the
/// path is passed as an argument, never spliced into the command text. The
/// editor (and whatever plugins it runs) gets no token variable.
fn editor_process(command: &str, path: &Path) -> Command {
    let mut process = Command::new("sh");
    process
        .arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("sh")
        .arg(path)
        .env_remove(crate::config::TOKEN_ENV);
    process
}

fn run_editor(command: &str, path: &Path) -> Result<(), String> {
    let status = editor_process(command, path)
        .status()
        .map_err(|error| format!("could not start the editor {command:?}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the editor {command:?} exited with {status}; nothing was changed"
        ))
    }
}

/// Writes `text` to a 0600 temp file, runs the editor on it (blocking) and
/// returns the saved text. The file is removed afterwards.
pub fn edit_text(text: &str, suffix: &str) -> Result<String, String> {
    let temp = create_temp(text, suffix)
        .map_err(|error| format!("could not create a temp file: {error}"))?;
    run_editor(&editor_command(), &temp.0)?;
    std::fs::read_to_string(&temp.0)
        .map_err(|error| format!("could not read the edited file back: {error}"))
}

/// Gives the terminal to a child process: main screen, cooked mode, cursor shown.
pub fn suspend_terminal() -> io::Result<()> {
    super::terminal::leave()
}

/// Takes the terminal back after [`suspend_terminal`].
pub fn resume_terminal() -> io::Result<()> {
    super::terminal::enter()
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn temp_file_is_private_and_removed() {
        let temp = create_temp("{}", ".json").unwrap();
        let path = temp.0.clone();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(path.to_string_lossy().ends_with(".json"));
        drop(temp);
        assert!(!path.exists());
    }

    #[test]
    fn the_editor_gets_no_token_variable() {
        let process = editor_process("vi", Path::new("/tmp/x.json"));
        let removed: Vec<_> = process
            .get_envs()
            .filter(|(_, value)| value.is_none())
            .map(|(name, _)| name.to_os_string())
            .collect();
        assert_eq!(removed, [crate::config::TOKEN_ENV]);
    }

    #[test]
    fn editor_script_edits_the_file() {
        let temp = create_temp("hello", ".txt").unwrap();
        run_editor("sed -i s/hello/bye/", &temp.0).unwrap();
        assert_eq!(std::fs::read_to_string(&temp.0).unwrap(), "bye");
        assert!(run_editor("false", &temp.0).is_err());
    }
}
