//! `bctui config init`: writes a commented sample `config.toml` (mode 0600,
//! never over an existing file). The key and theme sections are generated
//! from the key table and the theme roles, so they list what really exists.

use std::io::Write;
use std::path::Path;

use crate::app::keymap;
use crate::config::THEME_ROLES;

const PROFILES: &str = r#"# bctui configuration. Flags beat the environment (BIGCOMMERCE_STORE_HASH,
# BIGCOMMERCE_ACCESS_TOKEN, BIGCOMMERCE_API_URL), which beats the profile.
# This file may hold tokens: keep it private (chmod 600); bctui refuses it otherwise.

# The profile used when --profile is not given (with one profile, that one).
# default_profile = "prod"

# One [profiles.NAME] section per store.
# [profiles.prod]
# store_hash = "abc123"
# A command whose output is the token keeps it out of this file:
# token_command = "pass show bigcommerce/prod"
# or the token itself:
# token = "..."
# api_url = "https://api.bigcommerce.com"
# Refuse every write (anything but GET):
# read_only = true

# [profiles.staging]
# store_hash = "def456"
# token_command = "pass show bigcommerce/staging"
# read_only = true
"#;

/// The sample configuration: every setting, commented out.
pub fn sample_config() -> String {
    let mut text = PROFILES.to_string();
    text.push_str(
        "\n# Remap keys: action = \"key\". Keys: x, X, C-x (Ctrl), Enter, Esc, Tab, Space,\n\
         # Up, Down, Left, Right, Home, End, PgUp, PgDn, Del, F1-F12. A key that another\n\
         # action already uses in the same view is refused at start, with its line.\n\
         [keys]\n",
    );
    for (action, key, description) in keymap::actions() {
        // Dotted names are quoted: bare, TOML would read them as nested tables.
        let value = format!("{} = {}", toml_string(&action), toml_string(&key));
        text.push_str(&format!("# {value:<32} # {description}\n"));
    }
    text.push_str(
        "\n# Colours by role: a name (red, lightblue, darkgray…), #rrggbb or 0-255.\n\
         # NO_COLOR in the environment wins over this table.\n\
         [theme]\n",
    );
    for (role, what) in THEME_ROLES {
        let value = format!("{role} = \"cyan\"");
        text.push_str(&format!("# {value:<32} # {what}\n"));
    }
    text
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Writes the sample to `path` with mode 0600; refuses when the file exists.
pub fn write_sample(path: &Path) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    // create_new: an existing config (with its tokens) is never overwritten.
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|err| {
        if err.kind() == std::io::ErrorKind::AlreadyExists {
            format!(
                "{} already exists; not overwriting it (remove it first, or set BCTUI_CONFIG to another path)",
                path.display()
            )
        } else {
            format!("cannot create {}: {err}", path.display())
        }
    })?;
    file.write_all(sample_config().as_bytes())
        .map_err(|err| format!("cannot write {}: {err}", path.display()))
}
