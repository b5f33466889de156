use super::*;
use std::os::unix::fs::PermissionsExt;

fn path() -> PathBuf {
    PathBuf::from("/tmp/bctui-test/config.toml")
}

fn two_profiles() -> Config {
    Config::parse(
        r#"
default_profile = "prod"

[profiles.prod]
store_hash = "prodhash"
token = "prod-token"

[profiles.staging]
store_hash = "staginghash"
token_command = "echo '  staging-token  '"
api_url = "http://127.0.0.1:9000/"
read_only = true
start_tab = "orders"
"#,
    )
    .expect("valid config")
}

#[test]
fn flags_beat_environment_beat_profile() {
    let config = two_profiles();
    let env = Env {
        store_hash: Some("envhash".into()),
        token: Some("env-token".into()),
        api_url: None,
    };
    let from_env = config
        .resolve(&Overrides::default(), &env, &path())
        .expect("resolves");
    assert_eq!(from_env.store_hash, "envhash");
    assert_eq!(from_env.token, "env-token");
    assert_eq!(from_env.profile, "prod");
    assert_eq!(from_env.api_url, DEFAULT_API_URL);

    let flags = Overrides {
        store_hash: Some("flaghash".into()),
        ..Overrides::default()
    };
    let from_flags = config.resolve(&flags, &env, &path()).expect("resolves");
    assert_eq!(from_flags.store_hash, "flaghash");
    assert_eq!(from_flags.token, "env-token");

    let from_profile = config
        .resolve(&Overrides::default(), &Env::default(), &path())
        .expect("resolves");
    assert_eq!(from_profile.store_hash, "prodhash");
    assert_eq!(from_profile.token, "prod-token");
    assert!(!from_profile.read_only);
}

#[test]
fn named_profile_with_token_command_and_read_only() {
    let config = two_profiles();
    let overrides = Overrides {
        profile: Some("staging".into()),
        ..Overrides::default()
    };
    let creds = config
        .resolve(&overrides, &Env::default(), &path())
        .expect("resolves");
    assert_eq!(creds.token, "staging-token");
    assert_eq!(creds.api_url, "http://127.0.0.1:9000");
    assert!(creds.read_only);
    assert_eq!(creds.start_tab.as_deref(), Some("orders"));
}

#[test]
fn read_only_flag_switches_it_on() {
    let creds = two_profiles()
        .resolve(
            &Overrides {
                read_only: true,
                ..Overrides::default()
            },
            &Env::default(),
            &path(),
        )
        .expect("resolves");
    assert!(creds.read_only);
}

#[test]
fn unknown_profile_lists_the_known_ones() {
    let err = two_profiles()
        .resolve(
            &Overrides {
                profile: Some("nope".into()),
                ..Overrides::default()
            },
            &Env::default(),
            &path(),
        )
        .expect_err("unknown profile");
    let message = err.to_string();
    assert!(message.contains("'nope'"), "{message}");
    assert!(message.contains("prod, staging"), "{message}");
}

#[test]
fn missing_credentials_name_env_vars_config_path_and_demo() {
    let err = Config::default()
        .resolve(&Overrides::default(), &Env::default(), &path())
        .expect_err("nothing configured");
    let message = err.to_string();
    assert!(message.contains(STORE_HASH_ENV), "{message}");
    assert!(message.contains(TOKEN_ENV), "{message}");
    assert!(message.contains("/tmp/bctui-test/config.toml"), "{message}");
    assert!(message.contains("bctui --demo"), "{message}");
}

#[test]
fn failing_token_command_is_reported() {
    let config = Config::parse(
        r#"
[profiles.x]
store_hash = "h"
token_command = "echo 'no such entry' >&2; exit 3"
"#,
    )
    .expect("valid");
    let err = config
        .resolve(&Overrides::default(), &Env::default(), &path())
        .expect_err("command fails");
    assert!(err.to_string().contains("no such entry"), "{err}");
}

#[test]
fn token_only_over_https_or_loopback() {
    assert!(url_may_carry_token("https://api.bigcommerce.com"));
    assert!(url_may_carry_token("http://127.0.0.1:8080"));
    assert!(url_may_carry_token("http://localhost:3000/x"));
    assert!(url_may_carry_token("http://[::1]:3000"));
    assert!(!url_may_carry_token("http://api.bigcommerce.com"));
    assert!(!url_may_carry_token("http://10.0.0.5:8080"));
    assert!(!url_may_carry_token("ftp://127.0.0.1"));
    let err = Config::default()
        .resolve(
            &Overrides {
                store_hash: Some("h".into()),
                token: Some("t".into()),
                api_url: Some("http://example.com".into()),
                ..Overrides::default()
            },
            &Env::default(),
            &path(),
        )
        .expect_err("plain http refused");
    assert!(matches!(err, ConfigError::PlainHttp { .. }));
}

#[test]
fn world_readable_file_with_token_is_refused_with_the_fix() {
    let dir = std::env::temp_dir().join(format!("bctui-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("config.toml");
    std::fs::write(
        &file,
        "[profiles.p]\nstore_hash = \"h\"\ntoken = \"secret\"\n",
    )
    .expect("write");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let err = Config::load(&file).expect_err("refused");
    let message = err.to_string();
    assert!(message.contains("chmod 600"), "{message}");
    assert!(!message.contains("secret"), "{message}");

    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let config = Config::load(&file).expect("private file loads");
    assert_eq!(config.profile_names(), vec!["p".to_string()]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_file_is_empty_and_bad_file_names_the_problem() {
    let config = Config::load(Path::new("/nonexistent/bctui/config.toml")).expect("empty");
    assert_eq!(config, Config::default());
    let err = Config::parse("[profiles.p]\nstore_hash = 12\n").expect_err("wrong type");
    assert!(
        err.contains("store_hash") || err.contains("string"),
        "{err}"
    );
    let err = Config::parse("[profiles.p]\ntokne = \"x\"\n").expect_err("typo");
    assert!(err.contains("tokne"), "{err}");
}

#[test]
fn debug_output_hides_tokens() {
    let config = two_profiles();
    let creds = config
        .resolve(&Overrides::default(), &Env::default(), &path())
        .expect("resolves");
    let debug = format!("{creds:?} {config:?}");
    assert!(!debug.contains("prod-token"), "{debug}");
}

#[test]
fn theme_colours_parse_by_role() {
    let config =
        Config::parse("[theme]\nkey = \"lightblue\"\nborder = \"#336699\"\nbad = \"196\"\n")
            .expect("valid toml");
    let colors = config.theme_colors(&path()).expect("valid theme");
    use ratatui::style::Color;
    assert_eq!(colors.get("key"), Some(Color::LightBlue));
    assert_eq!(colors.get("border"), Some(Color::Rgb(0x33, 0x66, 0x99)));
    assert_eq!(colors.get("bad"), Some(Color::Indexed(196)));
    assert_eq!(colors.get("text"), None);
}

#[test]
fn bad_theme_entries_name_their_lines() {
    let config =
        Config::parse("[theme]\nkey = \"cyan\"\nsparkle = \"red\"\nborder = \"blurple\"\n")
            .expect("valid toml");
    let message = config.theme_colors(&path()).unwrap_err().to_string();
    assert!(
        message.contains("line 3: unknown theme role `sparkle`"),
        "{message}"
    );
    assert!(
        message.contains("line 4: `blurple` is not a colour"),
        "{message}"
    );
}

#[test]
fn every_theme_role_is_a_style_of_the_theme() {
    use ratatui::style::Color;
    for (role, _) in THEME_ROLES {
        let colors = ThemeColors {
            colors: vec![(role, Color::Magenta)],
        };
        let themed = crate::ui::Theme::colored().with_colors(&colors);
        assert_ne!(
            themed,
            crate::ui::Theme::colored(),
            "{role} changes the theme"
        );
    }
}
