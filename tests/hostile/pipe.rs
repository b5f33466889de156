//! `bctui api --paginate | head`: a reader that goes away early ends bctui
//! quietly (exit 0 or 141), never with a panic.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::server::{Reply, Server};

/// A store with one big page of products (far more than a pipe buffers).
async fn big_store() -> Server {
    let items: Vec<_> = (1..=250)
        .map(|id| serde_json::json!({"id": id, "name": format!("product {id}"), "description": "x".repeat(2000)}))
        .collect();
    let body = serde_json::json!({"data": items, "meta": {}}).to_string();
    Server::start(move |seen| {
        if seen.uri.contains("page=1") {
            Reply::json(body.clone())
        } else {
            Reply::json(r#"{"data":[],"meta":{}}"#)
        }
    })
    .await
}

/// Reads `take` bytes of the child's stdout, closes the pipe, and returns the
/// exit code and stderr.
fn read_then_close(mut command: Command, take: usize) -> (Option<i32>, String) {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().expect("binary runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = vec![0u8; take];
    stdout.read_exact(&mut first).expect("the first bytes");
    drop(stdout);
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        pipe.read_to_string(&mut stderr).expect("stderr");
    }
    let status = child.wait().expect("exits");
    (status.code(), stderr)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_pipe_ends_bctui_api_quietly() {
    let store = big_store().await;
    for args in [
        &["api", "--paginate", "/v3/catalog/products"][..],
        &["api", "/v3/catalog/products?page=1"][..],
    ] {
        let command = store.bctui(args);
        let (code, stderr) = tokio::task::spawn_blocking(move || read_then_close(command, 100))
            .await
            .expect("joined");
        assert!(
            matches!(code, Some(0 | 141)),
            "{args:?}: exit {code:?}: {stderr}"
        );
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paginate_into_head_exits_0_or_141() {
    let store = big_store().await;
    for head in ["head -1", "head -c 10"] {
        // The real `head`; bash reports bctui's own status in PIPESTATUS.
        let mut shell = Command::new("bash");
        shell
            .arg("-c")
            .arg(format!(
                "\"$BCTUI_BIN\" api --paginate /v3/catalog/products | {head} >/dev/null; \
                 echo \"status=${{PIPESTATUS[0]}}\""
            ))
            .env("BCTUI_BIN", env!("CARGO_BIN_EXE_bctui"));
        store.with_env(&mut shell);
        let out = crate::server::output(shell).await;
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(stdout.trim(), "status=0" | "status=141"),
            "{head}: {stdout} {stderr}"
        );
        assert!(stderr.is_empty(), "{head}: {stderr}");
    }
}
