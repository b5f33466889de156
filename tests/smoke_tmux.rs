//! Smoke tests: the real binary, in a real terminal (tmux), on the demo store.
//!
//! Each starts `bctui --demo` in a detached 100x30 tmux session on a private tmux server,
//! with HOME, the XDG directories and the data directory in a fresh temporary directory.
//! One browses and quits; the others check that the terminal is given back (main screen,
//! cursor shown, cooked mode) after a panic and after SIGTERM, and that SIGHUP ends the
//! program quietly. One runs `bctui webhooks listen` instead, for its readable, escaped
//! lines. `.ci/run` installs tmux; on a machine without it the tests say so and pass only
//! outside CI.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How long the screen may take to show something (a cold debug build on a busy machine).
const PATIENCE: Duration = Duration::from_secs(30);

struct Tmux {
    socket: String,
    /// HOME, XDG dirs and the data directory of the program under test.
    home: tempfile::TempDir,
}

impl Tmux {
    fn available() -> bool {
        let available = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !available {
            assert!(
                std::env::var_os("CI").is_none(),
                "tmux is required in CI (.ci/run installs it)"
            );
            eprintln!("SKIPPED: tmux is not installed; install it to run the TUI smoke tests");
        }
        available
    }

    /// Starts `script` (a shell command line; `$BCTUI` is the binary) in a 100x30 session
    /// on a private server, with the environment pointed at a temporary home.
    fn start(name: &str, script: &str) -> Tmux {
        let home = tempfile::tempdir().expect("a temporary home");
        let tmux = Tmux {
            socket: format!("bctui-{name}-{}", std::process::id()),
            home,
        };
        let dir = tmux.home.path().display().to_string();
        let command = format!(
            "env -u BCTUI_LOG HOME={dir} XDG_CONFIG_HOME={dir}/config XDG_DATA_HOME={dir}/data \
             XDG_CACHE_HOME={dir}/cache BCTUI_DATA_DIR={dir}/bctui \
             BCTUI_CONFIG={dir}/config/bctui/config.toml BCTUI={bin} sh -c '{script}'",
            bin = env!("CARGO_BIN_EXE_bctui"),
        );
        let started = tmux.run(&[
            "new-session",
            "-d",
            "-c",
            &dir,
            "-s",
            "smoke",
            "-x",
            "100",
            "-y",
            "30",
            &command,
        ]);
        assert!(
            started.status.success(),
            "{}",
            String::from_utf8_lossy(&started.stderr)
        );
        tmux
    }

    fn home(&self) -> &Path {
        self.home.path()
    }

    /// A tmux format of the pane, e.g. `#{alternate_on}`.
    fn pane_flag(&self, format: &str) -> String {
        let output = self.run(&["display-message", "-p", "-t", "smoke", format]);
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn capture(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "smoke"]).stdout)
            .into_owned()
    }

    fn keys(&self, keys: &str) {
        self.run(&["send-keys", "-t", "smoke", keys]);
    }

    fn alive(&self) -> bool {
        self.run(&["has-session", "-t", "smoke"]).status.success()
    }

    /// Polls the screen until `check` holds, or fails with the last screen.
    fn wait_for(&self, what: &str, timeout: Duration, check: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let screen = self.capture();
            if check(&screen) {
                return screen;
            }
            assert!(
                started.elapsed() < timeout,
                "no {what} within {timeout:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// A table row: an id, then text, then a price with two decimals.
fn product_rows(screen: &str) -> usize {
    screen
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            let id_first = line
                .split_whitespace()
                .next()
                .is_some_and(|w| w.parse::<u64>().is_ok());
            let has_price = line.split_whitespace().any(|w| {
                w.split_once('.')
                    .is_some_and(|(a, b)| a.parse::<u64>().is_ok() && b.len() == 2)
            });
            id_first && has_price
        })
        .count()
}

#[test]
fn demo_starts_on_home_switches_tabs_and_quits() {
    if !Tmux::available() {
        return;
    }
    let tmux = Tmux::start("browse", "exec $BCTUI --demo");

    let screen = tmux.wait_for("the Home boxes", PATIENCE, |s| {
        s.contains("Sales") && s.contains("Needs action") && s.contains("Low stock")
    });
    assert!(screen.contains("1 Home"), "{screen}");

    tmux.keys("2");
    let screen = tmux.wait_for("product rows", PATIENCE, |s| product_rows(s) >= 10);
    assert!(screen.contains("Products"), "{screen}");

    tmux.keys("3");
    tmux.wait_for("the Orders pane", PATIENCE, |s| {
        s.contains("Orders") && s.contains("USD")
    });
    tmux.keys("4");
    tmux.wait_for("the Customers pane", PATIENCE, |s| s.contains("@"));
    tmux.keys("5");
    tmux.wait_for("the Categories pane", PATIENCE, |s| {
        s.contains("Categories") && s.contains("Parent")
    });
    tmux.keys("6");
    tmux.wait_for("the Webhooks pane", PATIENCE, |s| {
        s.contains(" Webhooks ") && (s.contains("Destination") || s.contains("No webhooks"))
    });
    tmux.keys("7");
    tmux.wait_for("the Console", PATIENCE, |s| s.contains("Request"));
    tmux.keys("?");
    tmux.wait_for("the help", PATIENCE, |s| s.contains("Keys"));
    tmux.keys("q");

    let quit_by = Instant::now() + PATIENCE;
    while tmux.alive() && Instant::now() < quit_by {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!tmux.alive(), "the pane is still open:\n{}", tmux.capture());
    assert!(
        !tmux.home().join("data").exists() && !tmux.home().join("config").exists(),
        "nothing is written to the XDG directories"
    );
}

/// After bctui ends the shell prints its exit status and the terminal's line discipline,
/// then `[done]`, and waits, so the test can read both and the pane's own flags.
const AFTERWARDS: &str = "echo \"exit=$?\"; stty -a | tr \" ;\" \"\\n\\n\" \
    | grep -x -e icanon -e -icanon -e echo -e -echo | tr \"\\n\" \" \"; echo; echo \"[done]\"; sleep 60";

/// The terminal as the shell had it: main screen, cursor shown, line editing and echo on.
fn assert_terminal_restored(tmux: &Tmux, screen: &str) {
    assert_eq!(tmux.pane_flag("#{alternate_on}"), "0", "{screen}");
    assert_eq!(tmux.pane_flag("#{cursor_flag}"), "1", "{screen}");
    assert!(
        screen.contains("icanon echo") && !screen.contains("-icanon"),
        "cooked mode again:\n{screen}"
    );
}

#[test]
fn a_panic_gives_the_terminal_back_and_is_logged() {
    if !Tmux::available() {
        return;
    }
    let tmux = Tmux::start(
        "panic",
        &format!("BCTUI_CHECK_PANIC=1 $BCTUI --demo 2>panic.txt; {AFTERWARDS}"),
    );
    let screen = tmux.wait_for("the exit status", PATIENCE, |s| s.contains("[done]"));
    assert!(
        screen.contains("exit=101"),
        "a panic exits with 101:\n{screen}"
    );
    assert_terminal_restored(&tmux, &screen);
    let log = std::fs::read_to_string(tmux.home().join("bctui/bctui.log")).unwrap_or_default();
    assert!(
        log.contains("BCTUI_CHECK_PANIC"),
        "the log has the panic:\n{log}"
    );
}

/// Starts the demo in the background of a session, sends it `signal` once it shows
/// products, and returns the screen once the shell printed the exit status.
fn end_demo_with(signal: &str) -> (Tmux, String) {
    let tmux = Tmux::start(
        &signal.to_lowercase(),
        &format!(
            "$BCTUI --demo --tab products 2>err.txt & pid=$!; echo $pid > pid.txt; \
             wait $pid; {AFTERWARDS}"
        ),
    );
    tmux.wait_for("product rows", PATIENCE, |s| product_rows(s) >= 10);
    kill(&tmux, signal);
    let screen = tmux.wait_for("the exit status", PATIENCE, |s| s.contains("[done]"));
    (tmux, screen)
}

#[test]
fn sigterm_and_sigint_give_the_terminal_back() {
    if !Tmux::available() {
        return;
    }
    // (signal, the exit status the shell sees: 128 + its number)
    for (signal, status) in [("TERM", 143), ("INT", 130)] {
        let (tmux, screen) = end_demo_with(signal);
        assert!(
            screen.contains(&format!("exit={status}")),
            "SIG{signal} exits {status}:\n{screen}"
        );
        assert_terminal_restored(&tmux, &screen);
    }
}

#[test]
fn sighup_ends_quietly() {
    if !Tmux::available() {
        return;
    }
    let (tmux, screen) = end_demo_with("HUP");
    assert!(screen.contains("exit=129"), "SIGHUP exits 128+1:\n{screen}");
    // The terminal is taken to be gone: nothing more is written to it, and no panic.
    let errors = std::fs::read_to_string(tmux.home().join("err.txt")).unwrap_or_default();
    assert!(!errors.contains("panicked"), "{errors}");
}

/// Sends `signal` to the bctui started in the background of the session's shell.
fn kill(tmux: &Tmux, signal: &str) {
    let pid_file = tmux.home().join("pid.txt");
    let pid = std::fs::read_to_string(&pid_file).expect("the shell wrote the pid");
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), pid.trim()])
        .status()
        .expect("kill runs");
    assert!(sent.success(), "kill -{signal} {pid}");
}

#[test]
fn webhooks_listen_prints_readable_escaped_lines_on_a_terminal() {
    if !Tmux::available() {
        return;
    }
    let tmux = Tmux::start("listen", "exec $BCTUI webhooks listen --port 0");
    let screen = tmux.wait_for("the receiver's URL", PATIENCE, |s| {
        s.contains("receiving on http://")
    });
    let url = screen
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .expect("the URL is on screen")
        .to_string();
    // A clear-screen sequence and a bidi override in what arrives must show up as text.
    let payload = serde_json::json!({
        "scope": "store/order/created\u{1b}[2J\u{202e}",
        "store_id": "1025646",
        "data": {"type": "order", "id": 250},
        "hash": "dd70c0976e06b67aaf671e73f49dcb79230ebf9d",
        "created_at": 1_561_479_335,
        "producer": "stores/abc123",
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let status = runtime.block_on(async {
        reqwest::Client::new()
            .post(&url)
            .header("content-type", "application/json")
            .body(payload.to_string())
            .send()
            .await
            .expect("the receiver answers")
            .status()
    });
    assert_eq!(status.as_u16(), 200);
    let screen = tmux.wait_for("the event line", PATIENCE, |s| s.contains("order 250"));
    assert!(
        screen.contains(
            "2019-06-25 16:15:35  store/order/created<U+001B>[2J<U+202E>  order 250  hash dd70c0976e"
        ),
        "{screen}"
    );
    assert!(
        screen.contains("receiving on"),
        "the screen was not cleared:\n{screen}"
    );
}

#[test]
fn a_write_cut_off_by_kill_9_is_listed_at_the_next_start() {
    if !Tmux::available() {
        return;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    // A slow store, so the price edit is still on its way when bctui is killed.
    let script = format!(
        "$BCTUI fakestore --port {port} --latency-ms 1500 --products 40 --customers 5 \
         --orders 5 >/dev/null 2>&1 & \
         export BIGCOMMERCE_API_URL=http://127.0.0.1:{port} BIGCOMMERCE_STORE_HASH=fakestore \
         BIGCOMMERCE_ACCESS_TOKEN=fakestore-token; \
         $BCTUI --tab products & echo $! > pid.txt; wait $!; $BCTUI"
    );
    let tmux = Tmux::start("kill9", &script);
    tmux.wait_for("product rows", PATIENCE, |s| product_rows(s) >= 10);
    tmux.keys("p");
    tmux.keys("9.99");
    tmux.keys("Enter");
    let journal = tmux.home().join("bctui/journal/fakestore.jsonl");
    let started = Instant::now();
    while !std::fs::read_to_string(&journal).is_ok_and(|j| j.contains("\"sent\"")) {
        assert!(
            started.elapsed() < PATIENCE,
            "the write was journaled before it was sent"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    kill(&tmux, "KILL");
    let screen = tmux.wait_for("the unknown write", PATIENCE, |s| {
        s.contains("Writes with an unknown outcome")
    });
    assert!(
        screen.contains("PUT /v3/catalog/products/1 {\"price\":9.99}"),
        "{screen}"
    );
    // Killed while the check before the PUT was still out: the store shows it was not applied.
    assert!(screen.contains("#1: not applied"), "{screen}");
    let text = std::fs::read_to_string(&journal).unwrap_or_default();
    assert!(
        !text.contains("fakestore-token"),
        "the journal never holds the token"
    );
    tmux.keys("y");
    tmux.wait_for("the list put aside", PATIENCE, |s| {
        !s.contains("Writes with an unknown outcome")
    });
    let text = std::fs::read_to_string(&journal).unwrap_or_default();
    assert!(text.contains("\"discarded\""), "{text}");
}
