//! Smoke test: the real binary, in a real terminal (tmux), on the demo store.
//!
//! Starts `bctui --demo` in a detached 100x30 tmux session on a private tmux server,
//! checks that product rows are on screen within 3 s, presses 2, 3, 4, ?, q and checks
//! that the program ended and its pane closed. `.ci/run` installs tmux; on a machine
//! without it the test says so and passes only outside CI.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn available() -> bool {
        Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
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
fn demo_starts_shows_products_switches_tabs_and_quits() {
    if !Tmux::available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required in CI (.ci/run installs it)"
        );
        eprintln!("SKIPPED: tmux is not installed; install it to run the TUI smoke test");
        return;
    }
    let data_dir = std::env::temp_dir().join(format!("bctui-smoke-{}", std::process::id()));
    let tmux = Tmux {
        socket: format!("bctui-smoke-{}", std::process::id()),
    };
    let command = format!(
        "env BCTUI_DATA_DIR={} BCTUI_CONFIG=/nonexistent/bctui.toml {} --demo",
        data_dir.display(),
        env!("CARGO_BIN_EXE_bctui")
    );
    let started = tmux.run(&[
        "new-session",
        "-d",
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

    let screen = tmux.wait_for("product rows", Duration::from_secs(3), |s| {
        product_rows(s) >= 10
    });
    assert!(screen.contains("Products"), "{screen}");

    tmux.keys("2");
    tmux.wait_for("the Orders pane", Duration::from_secs(3), |s| {
        s.contains("Orders") && s.contains("USD")
    });
    tmux.keys("3");
    tmux.wait_for("the Customers pane", Duration::from_secs(3), |s| {
        s.contains("@")
    });
    tmux.keys("4");
    tmux.wait_for("the Categories pane", Duration::from_secs(3), |s| {
        s.contains("Categories") && s.contains("Parent")
    });
    tmux.keys("?");
    tmux.wait_for("the help", Duration::from_secs(3), |s| s.contains("Keys"));
    tmux.keys("q");

    let quit_by = Instant::now() + Duration::from_secs(3);
    while tmux.alive() && Instant::now() < quit_by {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!tmux.alive(), "the pane is still open:\n{}", tmux.capture());
    let _ = std::fs::remove_dir_all(&data_dir);
}
