//! Failed writes stay in sight: marked rows, `R` to retry through the checked path,
//! and a 403 that stops a bulk change instead of trying product by product.

use crossterm::event::KeyCode;

use bctui::api::client::{Client, ClientConfig};
use bctui::api::token::Token;
use bctui::app::list::LoadState;

use crate::common::{self, Driver};
use crate::{Harness, money};

/// Marks the first `rows` products, asks for `amount` and waits for the preview.
async fn preview_of_the_first(h: &mut Harness, rows: usize, amount: &str) {
    h.mark_rows(rows);
    h.wait_for("the marks", move |s| s.products.marked.len() == rows)
        .await;
    h.bulk_preview(amount).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_rows_stay_marked_and_r_retries_them_without_overwriting_a_colleague() {
    let mut h = Harness::start(false).await;
    preview_of_the_first(&mut h, 5, "9.99").await;
    // The store fails every request while the change is sent.
    h.store.set_failing(true);
    h.press(KeyCode::Char('y'));
    h.wait_report("the failure report").await;
    assert!(
        h.screen().contains("0 saved, 5 not saved"),
        "{}",
        h.screen()
    );
    h.store.set_failing(false);
    h.press(KeyCode::Esc);
    h.wait_for("the report closed", |s| s.edit.overlay.is_none())
        .await;
    for id in 1..=5 {
        assert!(h.state().edit.failed.contains(id), "product {id} failed");
        assert_eq!(h.product(id).await.price, h.row(id as usize - 1).price);
    }
    let screen = h.screen();
    assert!(screen.contains("5 failed (R retries)"), "{screen}");
    let marked_failed = screen.lines().filter(|l| l.contains(" !•")).count();
    assert_eq!(marked_failed, 5, "each failed row carries a mark\n{screen}");
    assert!(
        screen.contains("R retry failed"),
        "the footer offers R\n{screen}"
    );

    // A colleague sets product 2 meanwhile; the retry leaves theirs alone.
    h.send_over_a_colleagues_price('R').await;
    for (id, price) in [
        (1, "9.99"),
        (2, "200.00"),
        (3, "9.99"),
        (4, "9.99"),
        (5, "9.99"),
    ] {
        assert_eq!(h.product(id).await.price, money(price), "product {id}");
    }
    assert!(h.state().edit.failed.is_empty(), "nothing failed any more");
    let marked: Vec<u64> = h.state().products.marked.iter().copied().collect();
    assert_eq!(marked, [2], "only the product to look at stays marked");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_partial_failure_only_the_failed_rows_stay_marked() {
    let mut h = Harness::start(false).await;
    preview_of_the_first(&mut h, 6, "+1").await;
    // Product 4 is deleted by a colleague before the change is sent.
    h.api.delete_product(4).await.unwrap();
    h.press(KeyCode::Char('y'));
    h.wait_report("the failure report").await;
    let state = h.state();
    assert_eq!(
        state.products.marked.iter().copied().collect::<Vec<_>>(),
        [4]
    );
    assert!(state.edit.failed.contains(4) && state.edit.failed.len() == 1);
    assert!(
        state
            .edit
            .failed
            .reason(4)
            .is_some_and(|r| r.contains("404")),
        "the API's reason is kept: {:?}",
        state.edit.failed.reason(4)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_403_stops_a_bulk_change_instead_of_trying_each_product() {
    let config = bctui::fakestore::FakeStoreConfig {
        read_only_token: Some("reader".to_string()),
        ..common::store_config(60, 10, 10)
    };
    let store = bctui::fakestore::FakeStore::start(config).await.unwrap();
    // The profile allows writes, but the store gave its token read scopes only.
    let client = Client::new(ClientConfig {
        api_url: store.api_url(),
        store_hash: store.store_hash().to_string(),
        token: Token::new("reader".to_string()),
        read_only: false,
    })
    .unwrap();
    let driver = Driver::new(common::options(client, false, store.clock()), 120, 30);
    let api = common::client_for(&store, false);
    let mut h = Harness { driver, store, api };
    h.wait_for("the first products", |s| {
        s.products.list.load == LoadState::Loaded && s.products.list.rows.len() >= 25
    })
    .await;
    h.press(KeyCode::Char('*'));
    h.wait_for("every row marked", |s| {
        s.products.marked.len() == s.products.list.rows.len()
    })
    .await;
    let marked = h.state().products.marked.len();
    assert!(marked > 10, "more than one batch: {marked}");
    h.bulk_preview("+5%").await;
    h.press(KeyCode::Char('y'));
    h.wait_report("the failure report").await;
    assert_eq!(
        h.writes(),
        ["PUT /stores/fakestore/v3/catalog/products 403"],
        "one refused batch, then nothing more"
    );
    let screen = h.screen();
    assert!(
        screen.contains(&format!("0 saved, {marked} not saved")),
        "{screen}"
    );
    assert!(
        screen.contains("the change stopped at the first refusal"),
        "{screen}"
    );
    assert_eq!(h.state().edit.failed.len(), marked, "all stay in sight");
    for id in 1..=3 {
        assert_eq!(h.product(id).await.price, h.row(id as usize - 1).price);
    }
}
