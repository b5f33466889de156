//! `bctui api --paginate` over 20,000 products (80 pages of 250, some 33 MB of JSON): the
//! binary's peak resident memory, when its first bytes arrive and when it ends, as a JSON
//! array and as JSON lines. Each page is printed as it arrives, so memory does not grow with
//! the list.
//!
//! Run: `cargo bench --bench paginate`

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bctui::fakestore::FakeStore;

mod support;

const PRODUCTS: usize = 20_000;

/// What one run of the binary showed.
struct Run {
    first_bytes: Duration,
    total: Duration,
    bytes: usize,
    peak_kib: u64,
}

/// Runs `bctui api --paginate` with `extra` flags against `store`, reading all its output.
fn run(store: &FakeStore, extra: &[&str]) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bctui"))
        .args(["api", "--paginate"])
        .args(extra)
        .arg("/v3/catalog/products")
        .env("BIGCOMMERCE_API_URL", store.api_url())
        .env("BIGCOMMERCE_STORE_HASH", store.store_hash())
        .env("BIGCOMMERCE_ACCESS_TOKEN", store.token())
        .env("BCTUI_CONFIG", "/nonexistent/bctui/config.toml")
        .env_remove("BCTUI_LOG")
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdout = child.stdout.take().expect("piped");
    let mut chunk = vec![0; 64 * 1024];
    let mut bytes = 0;
    let mut first_bytes = None;
    let mut peak_kib = 0;
    loop {
        peak_kib = peak_kib.max(high_water_kib(child.id()));
        let read = stdout.read(&mut chunk).expect("reads");
        if read == 0 {
            break;
        }
        first_bytes.get_or_insert_with(|| started.elapsed());
        bytes += read;
    }
    peak_kib = peak_kib.max(high_water_kib(child.id()));
    let status = child.wait().expect("exits");
    assert!(status.success(), "bctui api --paginate failed");
    Run {
        first_bytes: first_bytes.unwrap_or_default(),
        total: started.elapsed(),
        bytes,
        peak_kib,
    }
}

/// The process's peak resident set so far (`VmHWM`), in KiB; 0 once it has gone. Read from
/// /proc while it runs: a child's rusage would also count the memory of this process, which
/// holds the simulator, from before the child's `exec`.
fn high_water_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

fn main() {
    support::block_on(async {
        let store = support::start(support::catalog_config(PRODUCTS)).await;
        println!("bctui api --paginate, {PRODUCTS} products, output read as it comes:");
        for (label, extra) in [("--jsonl", &["--jsonl"][..]), ("array", &[][..])] {
            let store = &store;
            let run = tokio::task::block_in_place(|| run(store, extra));
            println!(
                "  {label:<8} peak RSS {:5.1} MiB, first bytes after {:5.0} ms, \
                 done in {:6.0} ms, {:.1} MB",
                run.peak_kib as f64 / 1024.0,
                run.first_bytes.as_secs_f64() * 1e3,
                run.total.as_secs_f64() * 1e3,
                run.bytes as f64 / 1e6
            );
        }
    });
}
