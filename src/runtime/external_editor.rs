//! Runs the user's editor on a temp file: `$VISUAL`, else `$EDITOR`, else `vi`.
//! The file is created with mode 0600 (it may hold store data) and removed
//! afterwards whatever happens. Suspending and restoring the terminal is the
//! caller's job (the runner), because it owns the terminal and the input.

use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use tempfile::NamedTempFile;

/// The editor command line: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|value| value.trim().to_string())
        .find(|value| !value.is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// A 0600 temp file holding `text`, removed when dropped (by `tempfile`).
fn create_temp(text: &str, suffix: &str) -> io::Result<NamedTempFile> {
    // The suffix lets the editor pick its syntax (`.json`); only safe characters.
    let suffix: String = suffix
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let mut file = tempfile::Builder::new()
        .prefix("bctui-")
        .suffix(&suffix)
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    Ok(file)
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
    run_editor(&editor_command(), temp.path())?;
    std::fs::read_to_string(temp.path())
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
    use super::*;

    #[test]
    fn temp_file_is_private_and_removed() {
        let temp = create_temp("{}", ".json").unwrap();
        let path = temp.path().to_path_buf();
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
        run_editor("sed -i s/hello/bye/", temp.path()).unwrap();
        assert_eq!(std::fs::read_to_string(temp.path()).unwrap(), "bye");
        assert!(run_editor("false", temp.path()).is_err());
    }
}
