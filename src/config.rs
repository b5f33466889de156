//! Profiles, credentials and paths.
//!
//! Store credentials come from flags, then the environment (`BIGCOMMERCE_STORE_HASH`,
//! `BIGCOMMERCE_ACCESS_TOKEN`, `BIGCOMMERCE_API_URL`), then the selected profile in
//! `config.toml`. A config file that holds a token must not be readable by group or others,
//! as ssh insists for private keys.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};
use toml::Spanned;

mod theme;

pub use theme::{THEME_ROLES, ThemeColors};

/// The public BigCommerce API host.
pub const DEFAULT_API_URL: &str = "https://api.bigcommerce.com";
/// Overrides the config file location (handy for tests and several setups on one account).
pub const CONFIG_ENV: &str = "BCTUI_CONFIG";
/// Overrides the data directory (logs, history).
pub const DATA_DIR_ENV: &str = "BCTUI_DATA_DIR";
pub const STORE_HASH_ENV: &str = "BIGCOMMERCE_STORE_HASH";
pub const TOKEN_ENV: &str = "BIGCOMMERCE_ACCESS_TOKEN";
pub const API_URL_ENV: &str = "BIGCOMMERCE_API_URL";

/// The whole `config.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Profile used when none is named on the command line.
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
    /// `[keys]`: `action = "key"` remaps (see `app::keymap`).
    #[serde(default)]
    pub keys: BTreeMap<Spanned<String>, Spanned<String>>,
    /// `[theme]`: `role = "colour"`.
    #[serde(default)]
    pub theme: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Where each line of the config text starts, to turn spans into line numbers.
    #[serde(skip)]
    line_starts: Vec<usize>,
}

/// One `action = "key"` line of the `[keys]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    pub action: String,
    pub key: String,
    /// 1-based line in the config file, for messages.
    pub line: usize,
}

/// One store: `[profiles.NAME]`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub store_hash: Option<String>,
    pub token: Option<String>,
    /// A command whose standard output is the token, e.g. `pass show bc/prod`.
    pub token_command: Option<String>,
    pub api_url: Option<String>,
    pub read_only: Option<bool>,
    /// The tab the app opens on (`home`, `products`, `orders`, …).
    pub start_tab: Option<String>,
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Profile")
            .field("store_hash", &self.store_hash)
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("token_command", &self.token_command)
            .field("api_url", &self.api_url)
            .field("read_only", &self.read_only)
            .field("start_tab", &self.start_tab)
            .finish()
    }
}

/// What the command line says about the store; each field wins over the environment and the profile.
#[derive(Clone, Default)]
pub struct Overrides {
    pub profile: Option<String>,
    pub store_hash: Option<String>,
    pub token: Option<String>,
    pub api_url: Option<String>,
    /// `--read-only` can only switch read-only on, never off.
    pub read_only: bool,
}

/// The environment variables that matter, captured once so resolution is testable.
#[derive(Clone, Default)]
pub struct Env {
    pub store_hash: Option<String>,
    pub token: Option<String>,
    pub api_url: Option<String>,
}

impl Env {
    /// Reads the three `BIGCOMMERCE_*` variables; empty values count as unset.
    pub fn from_process() -> Env {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        Env {
            store_hash: var(STORE_HASH_ENV),
            token: var(TOKEN_ENV),
            api_url: var(API_URL_ENV),
        }
    }
}

/// Everything needed to build an API client for one store.
#[derive(Clone)]
pub struct Credentials {
    /// The profile's name, or `env` when nothing came from a profile.
    pub profile: String,
    pub api_url: String,
    pub store_hash: String,
    pub token: String,
    pub read_only: bool,
    /// The profile's `start_tab`.
    pub start_tab: Option<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("profile", &self.profile)
            .field("api_url", &self.api_url)
            .field("store_hash", &self.store_hash)
            .field("token", &"***")
            .field("read_only", &self.read_only)
            .field("start_tab", &self.start_tab)
            .finish()
    }
}

/// Why configuration could not be loaded or resolved; every message says what to do.
#[derive(Debug)]
pub enum ConfigError {
    Read {
        path: PathBuf,
        message: String,
    },
    Parse {
        path: PathBuf,
        message: String,
    },
    InsecurePermissions {
        path: PathBuf,
        mode: u32,
    },
    UnknownProfile {
        name: String,
        known: Vec<String>,
        path: PathBuf,
    },
    MissingCredentials {
        missing: Vec<&'static str>,
        path: PathBuf,
    },
    TokenCommand {
        command: String,
        message: String,
    },
    PlainHttp {
        api_url: String,
    },
    /// Entries of `[keys]` or `[theme]` that cannot be used, one message per line.
    Table {
        path: PathBuf,
        table: &'static str,
        errors: Vec<String>,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Read { path, message } => {
                write!(f, "cannot read {}: {message}", path.display())
            }
            ConfigError::Parse { path, message } => {
                write!(f, "{} is not valid: {message}", path.display())
            }
            ConfigError::InsecurePermissions { path, mode } => write!(
                f,
                "{} holds a token but is readable by others (mode {:03o}); fix it with: chmod 600 {}",
                path.display(),
                mode & 0o777,
                path.display()
            ),
            ConfigError::UnknownProfile { name, known, path } => {
                let known = if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                };
                write!(
                    f,
                    "no profile named '{name}' in {} (profiles: {known})",
                    path.display()
                )
            }
            ConfigError::MissingCredentials { missing, path } => write!(
                f,
                "no store configured (missing {}). Set {STORE_HASH_ENV} and {TOKEN_ENV}, \
                 add a [profiles.NAME] section to {}, or try the demo store: bctui --demo",
                missing.join(" and "),
                path.display()
            ),
            ConfigError::TokenCommand { command, message } => {
                write!(f, "token_command `{command}` failed: {message}")
            }
            ConfigError::PlainHttp { api_url } => write!(
                f,
                "refusing to send the token over plain http to {api_url}; use https (plain http is allowed only to a loopback address)"
            ),
            ConfigError::Table {
                path,
                table,
                errors,
            } => write!(f, "[{table}] in {}: {}", path.display(), errors.join("; ")),
        }
    }
}

impl std::error::Error for ConfigError {}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "bctui")
}

/// Where `config.toml` lives: `$BCTUI_CONFIG`, else the platform config dir
/// (`~/.config/bctui/config.toml` on Linux).
pub fn config_path() -> PathBuf {
    if let Some(path) = std::env::var_os(CONFIG_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    match project_dirs() {
        Some(dirs) => dirs.config_dir().join("config.toml"),
        None => PathBuf::from("bctui-config.toml"),
    }
}

/// Where logs and history go: `$BCTUI_DATA_DIR`, else the platform data dir
/// (`~/.local/share/bctui` on Linux).
pub fn data_dir() -> PathBuf {
    if let Some(path) = std::env::var_os(DATA_DIR_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    match project_dirs() {
        Some(dirs) => dirs.data_dir().to_path_buf(),
        None => PathBuf::from(".bctui"),
    }
}

impl Config {
    /// Loads the file at `path`; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(err) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    message: err.to_string(),
                });
            }
        };
        let config = Config::parse(&text).map_err(|message| ConfigError::Parse {
            path: path.to_path_buf(),
            message,
        })?;
        if config.profiles.values().any(|p| p.token.is_some()) {
            check_private(path)?;
        }
        Ok(config)
    }

    /// Parses config text; the error is TOML's own message (with line and column).
    pub fn parse(text: &str) -> Result<Config, String> {
        let mut config: Config =
            toml::from_str(text).map_err(|err| err.to_string().trim().to_string())?;
        config.line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Ok(config)
    }

    /// The 1-based line of byte `offset` in the text the config came from.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|start| *start <= offset)
            .max(1)
    }

    /// The `[keys]` entries in file order, with their lines.
    pub fn key_bindings(&self) -> Vec<KeyBinding> {
        let mut bindings: Vec<KeyBinding> = self
            .keys
            .iter()
            .map(|(action, key)| KeyBinding {
                action: action.get_ref().clone(),
                key: key.get_ref().clone(),
                line: self.line_of(action.span().start),
            })
            .collect();
        bindings.sort_by_key(|binding| binding.line);
        bindings
    }

    /// The `[theme]` colours; bad roles or colours are reported with their lines.
    pub fn theme_colors(&self, path: &Path) -> Result<ThemeColors, ConfigError> {
        let mut entries: Vec<(&str, &str, usize)> = self
            .theme
            .iter()
            .map(|(role, value)| {
                (
                    role.get_ref().as_str(),
                    value.get_ref().as_str(),
                    self.line_of(role.span().start),
                )
            })
            .collect();
        entries.sort_by_key(|(_, _, line)| *line);
        ThemeColors::parse(entries).map_err(|errors| ConfigError::Table {
            path: path.to_path_buf(),
            table: "theme",
            errors,
        })
    }

    /// Profile names, sorted.
    pub fn profile_names(&self) -> Vec<String> {
        self.profiles.keys().cloned().collect()
    }

    /// Resolves the store to use: flags > environment > profile.
    ///
    /// The profile is the one named by `--profile`, else `default_profile`, else the only
    /// profile when there is exactly one. A named profile that does not exist is an error.
    pub fn resolve(
        &self,
        overrides: &Overrides,
        env: &Env,
        path: &Path,
    ) -> Result<Credentials, ConfigError> {
        let chosen = overrides
            .profile
            .clone()
            .or_else(|| self.default_profile.clone());
        let (profile_name, profile) = match chosen {
            Some(name) => match self.profiles.get(&name) {
                Some(profile) => (name, profile.clone()),
                None => {
                    return Err(ConfigError::UnknownProfile {
                        name,
                        known: self.profile_names(),
                        path: path.to_path_buf(),
                    });
                }
            },
            None if self.profiles.len() == 1 => {
                let (name, profile) = self.profiles.iter().next().expect("one profile");
                (name.clone(), profile.clone())
            }
            None => ("env".to_string(), Profile::default()),
        };

        let store_hash = overrides
            .store_hash
            .clone()
            .or_else(|| env.store_hash.clone())
            .or_else(|| profile.store_hash.clone())
            .filter(|s| !s.trim().is_empty());
        let token = match overrides.token.clone().or_else(|| env.token.clone()) {
            Some(token) => Some(token),
            None => match (&profile.token, &profile.token_command) {
                (Some(token), _) => Some(token.clone()),
                (None, Some(command)) if store_hash.is_some() => Some(run_token_command(command)?),
                _ => None,
            },
        }
        .filter(|t| !t.trim().is_empty());

        let mut missing = Vec::new();
        if store_hash.is_none() {
            missing.push(STORE_HASH_ENV);
        }
        if token.is_none() {
            missing.push(TOKEN_ENV);
        }
        let (Some(store_hash), Some(token)) = (store_hash, token) else {
            return Err(ConfigError::MissingCredentials {
                missing,
                path: path.to_path_buf(),
            });
        };
        let api_url = overrides
            .api_url
            .clone()
            .or_else(|| env.api_url.clone())
            .or_else(|| profile.api_url.clone())
            .unwrap_or_else(|| DEFAULT_API_URL.to_string());
        let api_url = api_url.trim_end_matches('/').to_string();
        if !url_may_carry_token(&api_url) {
            return Err(ConfigError::PlainHttp { api_url });
        }
        Ok(Credentials {
            profile: profile_name,
            api_url,
            store_hash: store_hash.trim().to_string(),
            token: token.trim().to_string(),
            read_only: overrides.read_only || profile.read_only.unwrap_or(false),
            start_tab: profile.start_tab.clone(),
        })
    }
}

/// True for https URLs, and for plain http only to a loopback host (the client's own rule).
pub fn url_may_carry_token(api_url: &str) -> bool {
    reqwest::Url::parse(api_url).is_ok_and(|url| crate::api::client::may_carry_token(&url))
}

/// Refuses a file that group or others can read, like ssh does for keys.
fn check_private(path: &Path) -> Result<(), ConfigError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path).map_err(|err| ConfigError::Read {
            path: path.to_path_buf(),
            message: err.to_string(),
        })?;
        let mode = meta.permissions().mode();
        if mode & 0o077 != 0 {
            return Err(ConfigError::InsecurePermissions {
                path: path.to_path_buf(),
                mode,
            });
        }
    }
    Ok(())
}

/// Runs `token_command` through the shell; its trimmed standard output is the token.
fn run_token_command(command: &str) -> Result<String, ConfigError> {
    let fail = |message: String| ConfigError::TokenCommand {
        command: command.to_string(),
        message,
    };
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|err| fail(err.to_string()))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let detail = stderr.trim();
        return Err(fail(if detail.is_empty() {
            format!("exited with {}", output.status)
        } else {
            detail.to_string()
        }));
    }
    let token = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if token.is_empty() {
        return Err(fail("printed nothing".to_string()));
    }
    Ok(token)
}

#[cfg(test)]
mod tests;
