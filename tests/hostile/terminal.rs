//! `bctui api` on bodies, headers and errors full of terminal escapes: nothing
//! that could drive the terminal reaches it, on a pty or through a pipe.

use std::fs::File;
use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::server::{Reply, Server, output};

/// Clear screen, set the title, write the clipboard (OSC 52), ask for the
/// cursor position (the answer is typed into the shell), an 8-bit CSI, bidi
/// and zero-width characters.
const HOSTILE: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}\
                       \u{1b}[6n\u{9b}31m\u{9d}8;;http://x\u{9c}\u{7f}\r\u{202e}gpj.exe\u{200b}";

/// A store whose every path answers with something hostile.
async fn hostile_store() -> Server {
    let json = serde_json::json!({
        "data": [{"id": 1, "name": HOSTILE}],
        "meta": {"note": HOSTILE},
    })
    .to_string();
    Server::start(move |seen| {
        let path = seen.uri.as_str();
        if path.contains("/text") {
            Reply::new(200, "text/plain", HOSTILE).header("x-note", "a\u{9b}2Jb".as_bytes())
        } else if path.contains("/raw") {
            // Not UTF-8 at all: an 8-bit CSI byte and an ESC.
            Reply::new(200, "text/plain", b"\x9b2J\x1b[31mred\xff".to_vec())
        } else if path.contains("/error") {
            Reply::new(500, "text/plain", HOSTILE)
        } else if path.contains("/v3-error") {
            let body =
                serde_json::json!({"status": 422, "title": HOSTILE, "errors": {"name": HOSTILE}});
            Reply::new(422, "application/json", body.to_string())
        } else if path.contains("/moved") {
            Reply::new(302, "text/plain", "").header("location", "/x\u{9b}2J".as_bytes())
        } else {
            Reply::json(json.clone()).header("x-note", "\u{202e}abc".as_bytes())
        }
    })
    .await
}

/// What may never reach a terminal: ESC (and with it CSI/OSC), BEL, CR, C1
/// controls (8-bit CSI/OSC/ST) and bidi/zero-width characters.
fn assert_inert(label: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes)
        .unwrap_or_else(|e| panic!("{label}: output is not UTF-8 ({e}): {bytes:?}"));
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{label}: {bad:?} in {text:?}");
}

/// Runs `command` with stdout and stderr on a new pseudo-terminal and returns
/// what the terminal received.
fn run_on_pty(mut command: Command) -> Vec<u8> {
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two new descriptors into the pointers given; the
    // other arguments may be null.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just opened and are owned here only.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let stderr = slave.try_clone().expect("dup");
    command
        .stdout(Stdio::from(slave))
        .stderr(Stdio::from(stderr));
    let mut child = command.spawn().expect("binary runs");
    // The child holds the only slave ends now, so reading stops when it exits.
    drop(command);
    let mut terminal = File::from(master);
    let mut received = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match terminal.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => received.extend_from_slice(&chunk[..n]),
            // Linux reports EIO on the master once every slave end is closed.
            Err(_) => break,
        }
    }
    child.wait().expect("exits");
    received
}

const CASES: &[&[&str]] = &[
    &["api", "/v3/catalog/products"],
    &["api", "--include", "/v3/catalog/products"],
    &["api", "--include", "/v2/text"],
    &["api", "/v2/raw"],
    &["api", "/v2/error"],
    &["api", "/v3/v3-error"],
    &["api", "/v2/moved"],
    &["api", "--paginate", "/v3/catalog/products"],
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_hostile_reaches_a_terminal() {
    let store = hostile_store().await;
    for args in CASES {
        let command = store.bctui(args);
        let received = tokio::task::spawn_blocking(move || run_on_pty(command))
            .await
            .expect("joined");
        assert!(!received.is_empty(), "{args:?}: nothing on the terminal");
        assert_inert(&format!("{args:?} on a pty"), &received);
    }
    // The hostile text is still there to read, as inert text.
    let received = tokio::task::spawn_blocking({
        let command = store.bctui(&["api", "/v2/text"]);
        move || run_on_pty(command)
    })
    .await
    .expect("joined");
    let shown = String::from_utf8_lossy(&received);
    assert!(
        shown.contains("<U+001B>]52;c;") && shown.contains("<U+202E>gpj.exe"),
        "{shown}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn piped_output_is_inert_and_json_stays_json() {
    let store = hostile_store().await;
    for args in CASES {
        let out = output(store.bctui(args)).await;
        assert_inert(&format!("{args:?} stdout"), &out.stdout);
        assert_inert(&format!("{args:?} stderr"), &out.stderr);
    }
    // Escaped, the JSON still means exactly what the store sent.
    let out = output(store.bctui(&["api", "/v3/catalog/products"])).await;
    assert!(out.status.success());
    let value: Value = serde_json::from_slice(&out.stdout).expect("still JSON");
    assert_eq!(value["data"][0]["name"], HOSTILE);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\\u009b") && text.contains("\\u202e"),
        "{text}"
    );

    let out = output(store.bctui(&["api", "--paginate", "/v3/catalog/products"])).await;
    let value: Value = serde_json::from_slice(&out.stdout).expect("still JSON");
    assert_eq!(value[0]["name"], HOSTILE);
}
