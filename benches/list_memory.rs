//! Memory the Products pane's list costs with 100,000 products loaded, in the real app loop
//! (`Runner` on a `TestBackend`) against the store simulator, which shares this process.
//!
//! What is measured, each case in a process of its own (this bench runs itself twice): the
//! resident set (`VmRSS` in `/proc/self/status`) after the simulator has seeded its 100,000
//! products, and again once the rows are held; the difference is what the rows cost (plus
//! what the allocator keeps of the pages decoded on the way).
//! - `list`: the app's Products pane (its rows are `ProductRow`s: the list's fields only), End
//!   pressed until the last page is in;
//! - `whole`: the same products decoded whole and held in a `Vec` (what the list kept before
//!   it asked the store for only its fields and held rows of its own).
//!
//! Run: `cargo bench --bench list_memory`

use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use bctui::api::models::{Product, ProductRow};
use bctui::api::query::ProductQuery;
use bctui::app::list::LoadState;
use bctui::fakestore::FakeStore;

mod support;

const PRODUCTS: usize = 100_000;
/// How long loading every row may take before the bench gives up.
const PATIENCE: Duration = Duration::from_secs(120);

/// Which case a child process runs.
const CASE: &str = "BCTUI_LIST_MEMORY_CASE";

fn main() {
    match std::env::var(CASE).as_deref() {
        Ok("list") => support::block_on(list()),
        Ok("whole") => support::block_on(whole()),
        _ => {
            let exe = std::env::current_exe().expect("this bench's path");
            println!(
                "Products pane with {PRODUCTS} products loaded (simulator in the same process):"
            );
            for case in ["list", "whole"] {
                let out = std::process::Command::new(&exe)
                    .env(CASE, case)
                    .output()
                    .expect("the case runs");
                print!("{}", String::from_utf8_lossy(&out.stdout));
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    }
}

async fn seeded_store() -> FakeStore {
    support::start(support::catalog_config(PRODUCTS)).await
}

/// Prints the RSS growth from `seeded` for `rows` rows.
fn report(label: &str, seeded: f64, rows: usize) {
    let held = rss();
    println!(
        "  {label:<42} RSS {seeded:6.1} -> {held:6.1} MiB: +{:5.1} MiB, {:4.0} B a row (peak {:.1} MiB)",
        held - seeded,
        (held - seeded) * 1024.0 * 1024.0 / rows as f64,
        status_mib("VmHWM:")
    );
}

async fn whole() {
    let store = seeded_store().await;
    let seeded = rss();
    let whole = support::client_for(&store)
        .all_products(&ProductQuery::default(), |_| {})
        .await
        .expect("the walk succeeds");
    report(
        &format!(
            "whole products (size_of::<Product>() {} B)",
            std::mem::size_of::<Product>()
        ),
        seeded,
        whole.len(),
    );
}

/// A `kB` line of `/proc/self/status`, in MiB.
fn status_mib(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(key))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn rss() -> f64 {
    status_mib("VmRSS:")
}

async fn list() {
    let store = seeded_store().await;
    let data_dir = tempfile::tempdir().expect("a temporary directory");
    let seeded = rss();
    let (mut runner, keys, mut input) = support::app(&store, &data_dir);
    loop {
        support::run_until(&mut runner, &mut input, PATIENCE, |s| {
            s.products.list.load == LoadState::Loaded
        })
        .await;
        let list = &runner.state().products.list;
        if list.next_page.is_none() {
            break;
        }
        let shown = list.rows.len();
        let end = Event::Key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        keys.send(Ok(end)).expect("the loop listens");
        support::run_until(&mut runner, &mut input, PATIENCE, move |s| {
            s.products.list.rows.len() > shown || s.products.list.next_page.is_none()
        })
        .await;
    }
    let rows = runner.state().products.list.rows.len();
    assert_eq!(rows, PRODUCTS, "every product is in the list");
    report(
        &format!(
            "list rows (size_of::<ProductRow>() {} B)",
            std::mem::size_of::<ProductRow>()
        ),
        seeded,
        rows,
    );
}
