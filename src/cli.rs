//! The command line: `bctui [--demo]`, `bctui api`, `bctui fakestore`, `bctui webhooks listen`,
//! `bctui config path|init`, `bctui completions SHELL`, `bctui man`.

mod api_command;
mod completions;
pub mod config_init;
pub mod hook_receiver;
mod logging;
mod paginate;
pub mod webhooks;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::{self, Config, Credentials, Env, Overrides};
use crate::fakestore::{FakeStore, FakeStoreConfig};

pub use api_command::ApiArgs;
pub use webhooks::{ListenArgs, WebhooksCommand};

/// A terminal admin dashboard for BigCommerce stores.
#[derive(Debug, Parser)]
#[command(name = "bctui", version, about, long_about = None, after_help = completions::AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub store: StoreArgs,
    /// Start the store simulator on loopback with a seeded demo store and open the TUI on it.
    #[arg(long)]
    pub demo: bool,
    /// Capture the mouse (off by default so terminal text selection keeps working).
    #[arg(long)]
    pub mouse: bool,
    /// The tab to open on: home (default), products, orders, customers, categories, webhooks, console.
    #[arg(long, value_name = "NAME")]
    pub tab: Option<String>,
    /// Write logs here instead of the data directory (level from BCTUI_LOG, e.g. debug).
    #[arg(long, value_name = "PATH", global = true)]
    pub log_file: Option<PathBuf>,
}

/// Which store to talk to; each flag wins over the environment and the profile.
#[derive(Debug, Clone, Default, Args)]
pub struct StoreArgs {
    /// Profile from config.toml (`[profiles.NAME]`).
    #[arg(long, short = 'p', global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Store hash (overrides BIGCOMMERCE_STORE_HASH and the profile).
    #[arg(long, global = true, value_name = "HASH")]
    pub store_hash: Option<String>,
    /// API base URL (overrides BIGCOMMERCE_API_URL; default https://api.bigcommerce.com).
    #[arg(long, global = true, value_name = "URL")]
    pub api_url: Option<String>,
    /// Access token. Prefer BIGCOMMERCE_ACCESS_TOKEN or a profile: flags show up in `ps`.
    #[arg(long, global = true, value_name = "TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Refuse every write (any request other than GET).
    #[arg(long, global = true)]
    pub read_only: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Send one request to the store's API and print the JSON body, like `gh api`.
    Api(ApiArgs),
    /// Run the store simulator alone (for integrators and scripts).
    Fakestore(FakeStoreArgs),
    /// Webhook helpers.
    #[command(subcommand)]
    Webhooks(WebhooksCommand),
    /// Configuration file helpers.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script (e.g. `bctui completions bash > ~/.local/share/bash-completion/completions/bctui`).
    Completions {
        #[arg(value_enum)]
        shell: completions::CompletionShell,
    },
    /// Print the manual page in roff (e.g. `bctui man > bctui.1; man ./bctui.1`).
    Man,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where config.toml lives.
    Path,
    /// Write a commented sample config.toml there (mode 0600; never overwrites).
    Init,
}

/// Flags of `bctui fakestore`.
#[derive(Debug, Clone, Args)]
pub struct FakeStoreArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Seed for the generated store (same seed, same data).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    #[arg(long, default_value_t = 2000)]
    pub products: usize,
    #[arg(long, default_value_t = 1500)]
    pub customers: usize,
    #[arg(long, default_value_t = 6000)]
    pub orders: usize,
    /// Requests allowed per window (150 = Standard/Plus plan, 450 = Pro).
    #[arg(long, default_value_t = 150)]
    pub quota: u32,
    /// Length of the rate-limit window in milliseconds.
    #[arg(long, default_value_t = 30_000)]
    pub window_ms: u64,
    /// Delay added to every API response.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Share of API requests (0 to 1) answered with a 500, 502 or 503.
    #[arg(long, default_value_t = 0.0)]
    pub fail_rate: f64,
    /// Access token the simulator accepts.
    #[arg(long, default_value = "fakestore-token")]
    pub token: String,
    /// A second token that may only read (writes get 403).
    #[arg(long)]
    pub read_only_token: Option<String>,
    /// Store hash in the API paths.
    #[arg(long, default_value = "fakestore")]
    pub store_hash: String,
    /// Multiplies the webhook retry intervals (60 s up to 86400 s); 0.001 runs the 48-hour
    /// schedule in about three minutes.
    #[arg(long, default_value_t = 1.0)]
    pub hook_retry_scale: f64,
}

impl FakeStoreArgs {
    pub fn to_config(&self) -> FakeStoreConfig {
        FakeStoreConfig {
            port: self.port,
            seed: self.seed,
            products: self.products,
            customers: self.customers,
            orders: self.orders,
            quota: self.quota,
            window_ms: self.window_ms,
            latency_ms: self.latency_ms,
            fail_rate: self.fail_rate.clamp(0.0, 1.0),
            token: self.token.clone(),
            read_only_token: self.read_only_token.clone(),
            store_hash: self.store_hash.clone(),
            clock: crate::clock::Clock::system(),
            hook_retry_scale: if self.hook_retry_scale.is_finite() {
                self.hook_retry_scale.max(0.0)
            } else {
                1.0
            },
        }
    }
}

/// Runs the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("bctui: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match cli.command {
        Some(Command::Config(ConfigCommand::Path)) => {
            println!("{}", config::config_path().display());
            ExitCode::SUCCESS
        }
        Some(Command::Config(ConfigCommand::Init)) => {
            let path = config::config_path();
            match config_init::write_sample(&path) {
                Ok(()) => {
                    println!("wrote {}", path.display());
                    ExitCode::SUCCESS
                }
                Err(message) => fail(&message),
            }
        }
        Some(Command::Completions { shell }) => completions::print_completions(shell),
        Some(Command::Man) => completions::print_man(),
        Some(Command::Fakestore(ref args)) => {
            logging::init_stderr(cli.log_file.as_deref());
            runtime.block_on(run_fakestore(args.to_config()))
        }
        Some(Command::Webhooks(ref command)) => {
            logging::init_stderr(cli.log_file.as_deref());
            runtime.block_on(webhooks::run(command, shutdown_signal()))
        }
        Some(Command::Api(ref args)) => {
            logging::init_stderr(cli.log_file.as_deref());
            let credentials = match resolve_credentials(&cli.store) {
                Ok(credentials) => credentials,
                Err(message) => return fail(&message),
            };
            runtime.block_on(api_command::run(args, &credentials))
        }
        None => {
            logging::init_file(cli.log_file.as_deref());
            runtime.block_on(run_tui(&cli))
        }
    }
}

fn fail(message: &str) -> ExitCode {
    // Not eprintln!: after an SSH drop (SIGHUP) stderr is gone, and eprintln! would panic.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "bctui: {}",
        crate::safe_text::visible(message)
    );
    tracing::error!("{message}");
    ExitCode::FAILURE
}

/// Flags > environment > profile, with the config file loaded from its usual place.
pub fn resolve_credentials(store: &StoreArgs) -> Result<Credentials, String> {
    let path = config::config_path();
    let config = Config::load(&path).map_err(|err| err.to_string())?;
    let overrides = Overrides {
        profile: store.profile.clone(),
        store_hash: store.store_hash.clone(),
        token: store.token.clone(),
        api_url: store.api_url.clone(),
        read_only: store.read_only,
    };
    config
        .resolve(&overrides, &Env::from_process(), &path)
        .map_err(|err| err.to_string())
}

/// Builds an API client for resolved credentials.
pub fn client_for(credentials: &Credentials) -> Result<crate::api::Client, String> {
    crate::api::Client::new(crate::api::ClientConfig {
        api_url: credentials.api_url.clone(),
        store_hash: credentials.store_hash.clone(),
        token: crate::api::Token::new(credentials.token.clone()),
        read_only: credentials.read_only,
    })
    .map_err(|err| err.to_string())
}

/// Waits for Ctrl-C, SIGTERM or SIGHUP (forever if no handler could be installed).
async fn shutdown_signal() {
    if crate::runtime::termination_signal().await.is_none() {
        std::future::pending::<()>().await;
    }
}

async fn run_fakestore(config: FakeStoreConfig) -> ExitCode {
    let store = match FakeStore::start(config.clone()).await {
        Ok(store) => store,
        Err(err) => return fail(&format!("cannot start the simulator: {err}")),
    };
    println!("bctui fakestore: a simulated BigCommerce store");
    println!("  base URL:   {}", store.api_url());
    println!("  store hash: {}", store.store_hash());
    println!("  token:      {}", store.token());
    if let Some(read_only) = &config.read_only_token {
        println!("  read-only token: {read_only}");
    }
    println!(
        "  data:       {} products, {} customers, {} orders (seed {})",
        config.products, config.customers, config.orders, config.seed
    );
    println!(
        "  quota:      {} requests per {} ms",
        config.quota, config.window_ms
    );
    println!(
        "  webhooks:   /v3/hooks delivers to loopback destinations; retry intervals x{}",
        config.hook_retry_scale
    );
    println!("Use it with:");
    println!(
        "  export BIGCOMMERCE_API_URL={} BIGCOMMERCE_STORE_HASH={} BIGCOMMERCE_ACCESS_TOKEN={}",
        store.api_url(),
        store.store_hash(),
        store.token()
    );
    println!("  bctui api /v3/catalog/products?limit=5");
    println!(
        "Requests served: {}/__fakestore/requests. Ctrl-C stops.",
        store.api_url()
    );
    shutdown_signal().await;
    store.shutdown();
    ExitCode::SUCCESS
}

/// The demo store: the Pro plan's quota, so browsing feels like a real store.
pub fn demo_config() -> FakeStoreConfig {
    FakeStoreConfig {
        quota: 450,
        window_ms: 30_000,
        ..FakeStoreConfig::default()
    }
}

/// The tab names `--tab` and `start_tab` accept.
fn tab_names() -> String {
    let names: Vec<String> = crate::app::Tab::ALL
        .iter()
        .map(|tab| tab.title().to_lowercase())
        .collect();
    format!("one of {}", names.join(", "))
}

/// Opens the TUI on the configured store, or on an in-process simulator with `--demo`.
async fn run_tui(cli: &Cli) -> ExitCode {
    let (profiles, keymap, colors) = match load_keys_and_theme() {
        Ok(loaded) => loaded,
        Err(message) => return fail(&message),
    };
    // The demo store lives as long as the TUI; dropping it stops the server.
    let mut demo_store = None;
    let credentials = if cli.demo {
        // The first frame shows products: customers and orders seed meanwhile.
        let store = match FakeStore::start_seeding_in_background(demo_config()).await {
            Ok(store) => store,
            Err(err) => return fail(&format!("cannot start the demo store: {err}")),
        };
        let credentials = Credentials {
            profile: "demo".to_string(),
            api_url: store.api_url(),
            store_hash: store.store_hash().to_string(),
            token: store.token().to_string(),
            read_only: cli.store.read_only,
            start_tab: None,
        };
        demo_store = Some(store);
        credentials
    } else {
        match resolve_credentials(&cli.store) {
            Ok(credentials) => credentials,
            Err(message) => return fail(&message),
        }
    };
    let start_tab = match cli.tab.as_ref().or(credentials.start_tab.as_ref()) {
        None => None,
        Some(name) => match crate::app::Tab::from_name(name) {
            Some(tab) => Some(tab),
            None => return fail(&format!("no tab {name:?}: {}", tab_names())),
        },
    };
    let client = match client_for(&credentials) {
        Ok(client) => client,
        Err(message) => return fail(&message),
    };
    let read_only_flag = cli.store.read_only;
    // `:profile NAME` means that profile's store: the environment does not override it.
    let connect: crate::runtime::Connect = std::sync::Arc::new(move |name: &str| {
        let path = config::config_path();
        let overrides = Overrides {
            profile: Some(name.to_string()),
            read_only: read_only_flag,
            ..Overrides::default()
        };
        Config::load(&path)
            .and_then(|config| config.resolve(&overrides, &Env::default(), &path))
            .map_err(|err| err.to_string())
            .and_then(|credentials| client_for(&credentials))
    });
    tracing::info!(profile = %credentials.profile, demo = cli.demo, "starting the TUI");
    let result = crate::runtime::run(crate::runtime::TuiOptions {
        client,
        profile: credentials.profile.clone(),
        read_only: credentials.read_only,
        read_only_flag,
        mouse: cli.mouse,
        profiles,
        connect,
        user_host: crate::runtime::user_host(),
        clock: crate::clock::Clock::system(),
        data_dir: config::data_dir(),
        monochrome: crate::ui::Theme::from_env() == crate::ui::Theme::monochrome(),
        keymap,
        colors,
        order_poll: std::env::var(crate::app::orders::POLL_ENV).ok(),
        start_tab,
    })
    .await;
    if let Some(store) = demo_store {
        store.shutdown();
    }
    match result {
        Ok(None) => ExitCode::SUCCESS,
        // As a shell reports a process a signal killed: 130 for SIGINT, 143 for SIGTERM.
        Ok(Some(signal)) => ExitCode::from(signal.exit_status()),
        Err(err) => fail(&format!("terminal error: {err}")),
    }
}

/// The config's profile names, `[keys]` remaps and `[theme]` colours; a key
/// clash or a bad colour is an error naming its line, before the screen is taken.
fn load_keys_and_theme()
-> Result<(Vec<String>, crate::app::keymap::KeyMap, config::ThemeColors), String> {
    let path = config::config_path();
    let config = Config::load(&path).map_err(|err| err.to_string())?;
    let keymap = crate::app::keymap::KeyMap::build(&config.key_bindings())
        .map_err(|errors| format!("[keys] in {}: {}", path.display(), errors.join("; ")))?;
    let colors = config.theme_colors(&path).map_err(|err| err.to_string())?;
    Ok((config.profile_names(), keymap, colors))
}
