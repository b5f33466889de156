//! The runtime: terminal setup and restore, signals, the event loop
//! ([`Runner`]) and the task executor that runs API calls.

mod console_exec;
mod counts;
mod executor;
pub mod external_editor;
mod fetch;
mod home_tasks;
pub mod journal;
mod journal_check;
mod order_queries;
mod orders_tasks;
mod runner;
pub mod scrolling;
pub mod sized;
pub mod terminal;

use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use ratatui::Terminal;
use tokio::sync::mpsc;

pub use executor::Connect;
pub use runner::{InputStream, Runner};
pub use terminal::FrameBackend;

use crate::api::Client;
use crate::app::{Action, AppState};
use crate::clock::Clock;
use executor::Executor;

/// What the TUI needs to start.
pub struct TuiOptions {
    /// The client for the store to open.
    pub client: Client,
    /// The profile name shown in the header.
    pub profile: String,
    /// Whether writes are disabled (shows the READ-ONLY badge).
    pub read_only: bool,
    /// Whether `--read-only` was given: it holds for every profile, and the
    /// refusals name it as the cause rather than the profile.
    pub read_only_flag: bool,
    /// Capture the mouse (off by default so text selection works).
    pub mouse: bool,
    /// Profiles `:profile NAME` can switch to.
    pub profiles: Vec<String>,
    /// Builds a client for a profile name (for `:profile NAME`).
    pub connect: Connect,
    /// `user@host` for the header.
    pub user_host: String,
    /// "Now" for the write log, toasts and the orders poll.
    pub clock: Clock,
    /// Where the console history and saved bodies go.
    pub data_dir: PathBuf,
    /// Draw without colour (`NO_COLOR`).
    pub monochrome: bool,
    /// Keys remapped by the config.
    pub keymap: crate::app::keymap::KeyMap,
    /// Colours from the config (unused when `monochrome`).
    pub colors: crate::config::ThemeColors,
    /// The orders poll interval as configured (`BCTUI_ORDER_POLL_SECS`: seconds or `off`).
    pub order_poll: Option<String>,
    /// The tab to open on (`--tab`, the profile's `start_tab`); Home when None.
    pub start_tab: Option<crate::app::Tab>,
}

/// Runs the TUI on the real terminal until the user quits or a signal
/// (SIGTERM, SIGHUP, SIGINT) arrives. The terminal is restored on every exit
/// path, including panics. Returns the signal that ended it, if one did.
pub async fn run(options: TuiOptions) -> io::Result<Option<TerminationSignal>> {
    let terminal = terminal::setup(options.mouse)?;
    if std::env::var_os(CHECK_PANIC_ENV).is_some() {
        // On request only: lets anyone check that a panic gives the terminal back.
        panic!("{CHECK_PANIC_ENV} is set: panicking on purpose after taking the terminal");
    }
    // From here on the terminal must be restored whatever happens.
    let result = run_on_terminal(terminal, options).await;
    let restored = terminal::restore();
    let signal = TerminationSignal::from_number(ENDING_SIGNAL.load(Ordering::SeqCst));
    if HUNG_UP.load(Ordering::SeqCst) {
        // Nothing to restore on a terminal that no longer exists.
        return Ok(signal);
    }
    result.and(restored).map(|()| signal)
}

async fn run_on_terminal<B: FrameBackend>(
    terminal: Terminal<B>,
    options: TuiOptions,
) -> io::Result<()> {
    let (mut runner, actions) = Runner::from_options(terminal, options)?;
    let signals = tokio::spawn(quit_on_signal(actions));
    let mut input = crossterm::event::EventStream::new();
    let result = loop {
        if let Err(error) = runner.run(&mut input).await {
            break Err(error);
        }
        if !runner.wants_external_edit() {
            break Ok(());
        }
        // Dropping the stream stops crossterm's reader thread, so the editor
        // gets every keystroke; a fresh stream reads again afterwards.
        drop(input);
        let edited = runner.edit_externally().await;
        input = crossterm::event::EventStream::new();
        if let Err(error) = edited {
            break Err(error);
        }
    };
    signals.abort();
    // Writes already sent get a few seconds to report (their outcome goes to the
    // journal); whatever is still out then is listed at the next start.
    let unfinished = runner.finish_writes(WRITE_GRACE).await;
    if unfinished > 0 {
        tracing::warn!("{unfinished} write(s) still unanswered at exit; the journal keeps them");
    }
    if HUNG_UP.load(Ordering::SeqCst) {
        // The terminal is gone (SSH dropped): dropping the ratatui Terminal would try to
        // show the cursor on a dead tty and panic in eprintln!. The process is exiting anyway.
        std::mem::forget(runner);
        return Ok(());
    }
    result
}

/// Set, this makes the TUI panic right after taking over the terminal, to check the
/// restore path with the real binary.
pub const CHECK_PANIC_ENV: &str = "BCTUI_CHECK_PANIC";

/// How long writes already on their way may take to report when bctui ends.
const WRITE_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// Set when SIGHUP arrived: the terminal is gone, so nothing more is written to it.
static HUNG_UP: AtomicBool = AtomicBool::new(false);

/// The number of the signal that ended the TUI (0: none), for the exit code.
static ENDING_SIGNAL: AtomicU8 = AtomicU8::new(0);

/// Sends `Action::Quit` when SIGTERM, SIGHUP (the SSH session dropped) or
/// SIGINT arrives. In raw mode Ctrl-C is a key, so SIGINT only comes from `kill`.
async fn quit_on_signal(actions: mpsc::UnboundedSender<Action>) {
    let Some(signal) = termination_signal().await else {
        return;
    };
    tracing::info!("{signal:?}: quitting");
    ENDING_SIGNAL.store(signal.number(), Ordering::SeqCst);
    if signal == TerminationSignal::Hangup {
        HUNG_UP.store(true, Ordering::SeqCst);
    }
    let _ = actions.send(Action::Quit);
}

/// A signal that asks bctui to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TerminationSignal {
    /// SIGTERM.
    Terminate,
    /// SIGHUP: the terminal (or SSH session) is gone.
    Hangup,
    /// SIGINT (Ctrl-c outside raw mode, or `kill -INT`).
    Interrupt,
}

impl TerminationSignal {
    /// The signal's number (POSIX: HUP 1, INT 2, TERM 15).
    pub fn number(self) -> u8 {
        match self {
            TerminationSignal::Hangup => 1,
            TerminationSignal::Interrupt => 2,
            TerminationSignal::Terminate => 15,
        }
    }

    fn from_number(number: u8) -> Option<TerminationSignal> {
        [
            TerminationSignal::Hangup,
            TerminationSignal::Interrupt,
            TerminationSignal::Terminate,
        ]
        .into_iter()
        .find(|signal| signal.number() == number)
    }

    /// The shell's exit status for a process ended by this signal: 128 + its number.
    pub fn exit_status(self) -> u8 {
        128 + self.number()
    }
}

/// Waits for SIGTERM, SIGHUP or SIGINT; `None` (after a warning) when the handlers
/// cannot be installed, so callers then simply never see a signal.
pub async fn termination_signal() -> Option<TerminationSignal> {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut hup), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
        signal(SignalKind::interrupt()),
    ) else {
        tracing::warn!("could not install signal handlers");
        return None;
    };
    Some(tokio::select! {
        _ = term.recv() => TerminationSignal::Terminate,
        _ = hup.recv() => TerminationSignal::Hangup,
        _ = int.recv() => TerminationSignal::Interrupt,
    })
}

impl<B: FrameBackend> Runner<B> {
    /// Builds the loop for `options` on any backend (tests pass a
    /// `TestBackend`). Returns the sender that feeds actions into the loop.
    pub fn from_options(
        terminal: Terminal<B>,
        options: TuiOptions,
    ) -> io::Result<(Self, mpsc::UnboundedSender<Action>)> {
        let (sender, receiver) = mpsc::unbounded_channel();
        let journal = journal::Journal::new(&options.data_dir, options.clock.clone());
        let mut state = AppState::new(
            options.profile,
            options.user_host,
            options.read_only,
            options.clock.clone(),
            options.data_dir,
        );
        state.profiles = options.profiles;
        state.header.read_only_flag = options.read_only_flag;
        state.console.base_url = options.client.base_url().to_string();
        state.monochrome = options.monochrome;
        if let Some(tab) = options.start_tab {
            state.tab = tab;
        }
        state.keymap = options.keymap;
        state.colors = options.colors;
        if let Some(value) = options.order_poll
            && let Err(message) = state.orders.poll.configure(&value)
        {
            tracing::warn!("{message}");
        }
        let executor = Executor::new(
            options.client,
            options.connect,
            sender.clone(),
            options.clock,
            journal,
        );
        let runner = Runner::new(terminal, state, executor, receiver)?;
        Ok((runner, sender))
    }
}

/// `user@host` for the header: the login name (from the environment, else the
/// account of this process's uid), then the host name.
pub fn user_host() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|u| !u.is_empty())
        .or_else(account_name)
        .unwrap_or_else(|| "user".to_string());
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "localhost".to_string());
    format!("{user}@{host}")
}

/// The name `/etc/passwd` gives the uid that owns this process.
fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd_name(&passwd, uid)
}

fn passwd_name(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let id = fields.nth(1)?.parse::<u32>().ok()?;
        (id == uid && !name.is_empty()).then(|| name.to_string())
    })
}

#[cfg(test)]
mod user_tests {
    #[test]
    fn the_uid_is_named_by_passwd() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\nada:x:1000:1000::/home/ada:/bin/sh\n";
        assert_eq!(super::passwd_name(passwd, 0).as_deref(), Some("root"));
        assert_eq!(super::passwd_name(passwd, 1000).as_deref(), Some("ada"));
        assert_eq!(super::passwd_name(passwd, 7), None);
    }
}
