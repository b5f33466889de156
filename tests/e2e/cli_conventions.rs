//! The command-line conventions, run as the real binary in a temporary home:
//! `config init`, `completions`, `man`, `--help` and exit statuses.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary with HOME, XDG and the config pointed into `home`.
fn bctui(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bctui"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("BCTUI_CONFIG", home.join("bctui").join("config.toml"))
        .env("BCTUI_DATA_DIR", home.join("bctui-data"))
        .env_remove("BCTUI_LOG")
        .env_remove("BIGCOMMERCE_STORE_HASH")
        .env_remove("BIGCOMMERCE_ACCESS_TOKEN")
        .env_remove("BIGCOMMERCE_API_URL")
        .output()
        .expect("binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn config_init_writes_a_private_sample_and_never_overwrites() {
    let home = tempfile::tempdir().expect("a temporary home");
    let path = home.path().join("bctui").join("config.toml");

    let output = bctui(home.path(), &["config", "init"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("config.toml"));
    let sample = std::fs::read_to_string(&path).expect("the sample was written");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path)
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    for setting in [
        "[profiles.prod]",
        "token_command",
        "api_url",
        "read_only",
        "[keys]",
        "# \"quit\" = \"q\"",
        "\"edit.price\" = \"p\"",
        "[theme]",
        "border",
    ] {
        assert!(
            sample.contains(setting),
            "{setting} missing from the sample"
        );
    }
    let config = bctui::config::Config::parse(&sample).expect("the sample is a valid config");
    assert!(config.profiles.is_empty(), "everything is commented out");
    // With the key and theme lines switched on, it still loads: the defaults clash with nothing.
    let (_, tables) = sample.split_once("[keys]").expect("a keys table");
    let enabled: String = tables
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(entry) if entry.contains(" = ") => format!("{entry}\n"),
            _ if line.starts_with('[') => format!("{line}\n"),
            _ => String::new(),
        })
        .collect();
    let config = bctui::config::Config::parse(&format!("[keys]\n{enabled}"))
        .expect("the enabled sample is valid");
    assert!(config.key_bindings().len() > 40, "every action is listed");
    bctui::app::keymap::KeyMap::build(&config.key_bindings()).expect("the defaults do not clash");
    config
        .theme_colors(&path)
        .expect("the sample colours are valid");

    std::fs::write(&path, "default_profile = \"mine\"\n").expect("edit the config");
    let again = bctui(home.path(), &["config", "init"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
    let kept = std::fs::read_to_string(&path).expect("still there");
    assert_eq!(kept, "default_profile = \"mine\"\n");
}

#[test]
fn completions_for_each_shell_and_a_manual_page() {
    let home = tempfile::tempdir().expect("a temporary home");
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef bctui"),
        ("fish", "complete -c bctui"),
    ] {
        let output = bctui(home.path(), &["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", text(&output.stderr));
        let script = text(&output.stdout);
        assert!(script.contains(marker), "{shell} script lacks {marker:?}");
        assert!(
            script.contains("fakestore"),
            "{shell} script completes subcommands"
        );
    }
    let output = bctui(home.path(), &["completions", "powershell"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );

    let output = bctui(home.path(), &["man"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let page = text(&output.stdout);
    assert!(page.contains(".TH bctui"), "{page}");
    assert!(
        page.contains("BIGCOMMERCE_ACCESS_TOKEN"),
        "the page lists the environment"
    );
}

#[test]
fn help_lists_the_environment_and_the_exit_statuses() {
    let home = tempfile::tempdir().expect("a temporary home");
    let output = bctui(home.path(), &["--help"]);
    assert!(output.status.success());
    let help = text(&output.stdout);
    for name in [
        "BIGCOMMERCE_STORE_HASH",
        "BIGCOMMERCE_ACCESS_TOKEN",
        "BIGCOMMERCE_API_URL",
        "BCTUI_CONFIG",
        "BCTUI_DATA_DIR",
        "BCTUI_LOG",
        "BCTUI_ORDER_POLL_SECS",
        "NO_COLOR",
        "EDITOR",
        "130",
        "143",
    ] {
        assert!(help.contains(name), "{name} missing from --help");
    }
}

#[test]
fn usage_errors_exit_2_and_config_errors_exit_1_naming_the_line() {
    let home = tempfile::tempdir().expect("a temporary home");
    let output = bctui(home.path(), &["--no-such-flag"]);
    assert_eq!(output.status.code(), Some(2));

    let dir = home.path().join("bctui");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(
        dir.join("config.toml"),
        "# keys\n[keys]\nrefresh = \"R\"\nquit = \"j\"\n",
    )
    .expect("config");
    // The keys are checked before the store or the terminal is touched.
    let output = bctui(home.path(), &["--demo"]);
    assert_eq!(output.status.code(), Some(1));
    let message = text(&output.stderr);
    assert!(message.contains("line 4"), "{message}");
    assert!(message.contains("already down"), "{message}");
}
