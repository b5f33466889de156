//! Writes a killed run left with no outcome: the next start re-reads the store,
//! says where each stands (took effect, not applied, changed by someone else,
//! check by hand) and offers to retry the ones not applied, through the normal
//! checked write path. A colleague's change is never overwritten.

#[path = "common/mod.rs"]
mod common;

use std::path::Path;

use crossterm::event::KeyCode;
use rust_decimal::Decimal;
use serde_json::json;

use bctui::api::Client;
use bctui::api::models::ProductWrite;
use bctui::app::edit::Overlay;
use bctui::app::list::LoadState;
use bctui::fakestore::FakeStore;
use common::{Driver, Harness};

/// The run a killed process left behind (another process: a different run id).
const KILLED_RUN: &str = "20250101T080000-4242";
const TITLE: &str = "Writes with an unknown outcome";

fn money(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

async fn price(api: &Client, id: u64) -> Decimal {
    api.get_product(id, &[]).await.expect("product").price
}

async fn set_price(api: &Client, id: u64, price: &str) {
    let write = ProductWrite {
        price: Some(money(price)),
        ..ProductWrite::default()
    };
    api.update_product(id, &write)
        .await
        .expect("a colleague's change");
}

/// A `sent` line with no outcome, as the journal holds it when the process died
/// right after it: product writes carry the values seen and the fields written.
fn sent(id: u64, what: &str, check: Option<serde_json::Value>) -> String {
    let mut line = json!({
        "run": KILLED_RUN, "id": id, "at": "2025-01-01T08:00:00Z",
        "stage": "sent", "what": what,
    });
    if let Some(check) = check {
        line["check"] = check;
    }
    format!("{line}\n")
}

fn price_check(id: u64, seen: Decimal, written: &str) -> serde_json::Value {
    json!({"id": id, "before": {"price": seen}, "changes": {"price": money(written)}})
}

/// The app after a kill that left one price write of product `id` to `written` with no
/// outcome; `took_effect` says whether the store holds it.
async fn after_one_price_write(
    read_only: bool,
    id: u64,
    written: &str,
    took_effect: bool,
) -> Harness {
    start_after_a_kill(read_only, async |api| {
        let seen = price(api, id).await;
        if took_effect {
            set_price(api, id, written).await;
        }
        let what = format!("PUT /v3/catalog/products/{id} {{\"price\":{written}}}");
        sent(1, &what, Some(json!([price_check(id, seen, written)])))
    })
    .await
}

fn journal_path(dir: &Path) -> std::path::PathBuf {
    dir.join("journal/fakestore.jsonl")
}

/// Starts the store, lets `journal` build the killed run's lines from it, then
/// starts the app on them.
async fn start_after_a_kill(
    read_only: bool,
    journal: impl AsyncFnOnce(&Client) -> String,
) -> Harness {
    let store = FakeStore::start(common::store_config(10, 2, 2))
        .await
        .expect("the simulator starts");
    let api = common::client_for(&store, false);
    let lines = journal(&api).await;
    let data_dir = common::temp_dir();
    std::fs::create_dir_all(data_dir.path().join("journal")).expect("journal dir");
    std::fs::write(journal_path(data_dir.path()), lines).expect("the journal");
    let driver = Driver::in_dir(
        common::options(
            common::client_for(&store, read_only),
            read_only,
            store.clock(),
        ),
        110,
        34,
        data_dir,
    );
    Harness { driver, store, api }
}

/// Waits for the dialog, over the loaded list (so the screen does not depend on
/// which of the two comes first).
async fn wait_dialog(h: &mut Harness) {
    h.wait_for("the unknown writes over the loaded list", |s| {
        matches!(&s.edit.overlay, Some(Overlay::Confirm(c)) if c.title == TITLE)
            && s.products.list.load == LoadState::Loaded
    })
    .await;
}

fn journal_text(h: &Harness) -> String {
    std::fs::read_to_string(journal_path(h.data_dir.path())).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_unknown_write_is_classified_and_retry_sends_one_put() {
    let mut h =
        start_after_a_kill(false, async |api| {
            let (p1, p2, p3) = (
                price(api, 1).await,
                price(api, 2).await,
                price(api, 3).await,
            );
            // 1 took effect before the kill: the store holds what was written.
            set_price(api, 1, "11.11").await;
            // 4 was changed by a colleague since the user saw 40.00.
            set_price(api, 4, "44.44").await;
            [
            sent(
                1,
                "PUT /v3/catalog/products/1 {\"price\":11.11}",
                Some(json!([price_check(1, p1, "11.11")])),
            ),
            sent(
                2,
                "PUT /v3/catalog/products [{\"id\":2,\"price\":22.22},{\"id\":3,\"price\":33.33}]",
                Some(json!([price_check(2, p2, "22.22"), price_check(3, p3, "33.33")])),
            ),
            sent(
                3,
                "PUT /v3/catalog/products/4 {\"price\":49.99}",
                Some(json!([price_check(4, money("40.00"), "49.99")])),
            ),
            // A line from before checks were journalled, another kind: by hand.
            sent(4, "DELETE /v3/customers?id:in=2", None),
        ]
        .concat()
        })
        .await;
    wait_dialog(&mut h).await;
    let screen = h.body();
    assert!(screen.contains("1 took effect"), "{screen}");
    assert!(screen.contains("#2: not applied"), "{screen}");
    assert!(screen.contains("#3: not applied"), "{screen}");
    assert!(
        screen.contains("#4: changed by someone else: price is 44.44 (you saw 40.00, sent 49.99)"),
        "{screen}"
    );
    assert!(screen.contains("check by hand"), "{screen}");
    insta::assert_snapshot!("unknown_writes_classified", screen);
    let journal = journal_text(&h);
    assert!(
        journal.contains("\"ok\"") && journal.contains("found in the store by the next start"),
        "the write that took effect is recorded: {journal}"
    );
    let before = h.writes().len();
    assert_eq!(
        before,
        2,
        "only the setup's own changes so far: {:?}",
        h.writes()
    );

    h.press(KeyCode::Char('r'));
    h.wait_toast("2 products").await;
    let sent_now: Vec<String> = h.writes()[before..].to_vec();
    assert_eq!(
        sent_now,
        vec!["PUT /stores/fakestore/v3/catalog/products 200".to_string()],
        "exactly one PUT"
    );
    assert_eq!(price(&h.api, 2).await, money("22.22"));
    assert_eq!(price(&h.api, 3).await, money("33.33"));
    assert_eq!(
        price(&h.api, 4).await,
        money("44.44"),
        "the colleague's price stays"
    );
    assert_eq!(price(&h.api, 1).await, money("11.11"));
    let journal = journal_text(&h);
    assert!(journal.contains("\"retried\""), "{journal}");
    assert!(
        !journal.contains(h.store.token()),
        "no token in the journal"
    );
    let records: Vec<bctui::runtime::journal::Record> = journal
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    // The retry is journalled by this run like any write, with what a later run
    // needs to check it.
    let retry = records
        .iter()
        .find(|r| r.run != KILLED_RUN && r.stage == bctui::runtime::journal::Stage::Sent)
        .expect("the retry journalled");
    let checked: Vec<u64> = retry.check.iter().flatten().map(|c| c.id).collect();
    assert_eq!(checked, vec![2, 3]);
    // The changed one and the one to check by hand wait for the next start.
    let left = bctui::runtime::journal::unknown_outcomes(&records, "next");
    let mut ids: Vec<u64> = left
        .iter()
        .filter(|r| r.run == KILLED_RUN)
        .map(|r| r.id)
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, vec![3, 4]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_refuses_the_retry() {
    let mut h = after_one_price_write(true, 2, "22.22", false).await;
    wait_dialog(&mut h).await;
    let p2 = price(&h.api, 2).await;
    h.press(KeyCode::Char('r'));
    h.wait_toast("is disabled").await;
    assert!(h.writes().is_empty(), "{:?}", h.writes());
    assert_eq!(price(&h.api, 2).await, p2);
    assert!(!journal_text(&h).contains("\"retried\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_after_the_check_is_never_overwritten_by_the_retry() {
    let mut h = after_one_price_write(false, 5, "55.55", false).await;
    wait_dialog(&mut h).await;
    assert!(h.body().contains("#5: not applied"), "{}", h.body());
    // The classification is now wrong: a colleague sets a price while the dialog is open.
    set_price(&h.api, 5, "77.77").await;
    let before = h.writes().len();
    h.press(KeyCode::Char('r'));
    h.wait_report("the report of the refusal").await;
    assert!(
        h.body().contains(
            "#5 Prairie Ripstop Daypack: not sent: changed by someone else: price is 77.77"
        ),
        "{}",
        h.body()
    );
    assert!(
        h.writes()[before..].iter().all(|w| !w.starts_with("PUT")),
        "{:?}",
        h.writes()
    );
    assert_eq!(price(&h.api, 5).await, money("77.77"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_that_took_effect_is_recorded_and_only_reported() {
    let mut h = after_one_price_write(false, 6, "66.66", true).await;
    h.wait_toast("1 write of an earlier run took effect").await;
    assert!(h.state().edit.overlay.is_none(), "nothing to decide");
    let journal = journal_text(&h);
    assert!(journal.contains("\"ok\""), "{journal}");
    assert_eq!(
        h.writes().len(),
        1,
        "only the setup's change: {:?}",
        h.writes()
    );
}
