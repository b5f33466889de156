//! Many products and the rest: bulk change and undo, delete, create, read-only.

use crossterm::event::{KeyCode, KeyModifiers};

use bctui::api::models::{ProductRow, ProductWrite};
use bctui::app::Mode;
use bctui::app::edit::Overlay;

use crate::{Harness, client_for, money};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_change_of_25_marked_products_and_undo() {
    let mut h = Harness::start(false).await;
    let originals: Vec<ProductRow> = (0..25).map(|i| h.row(i)).collect();
    h.press(KeyCode::Char('V'));
    for _ in 0..24 {
        h.press(KeyCode::Char('j'));
    }
    h.press(KeyCode::Char('V'));
    h.wait_for("25 marked", |s| s.products.marked.len() == 25)
        .await;
    assert!(h.screen().contains("25 marked"), "{}", h.screen());
    h.press(KeyCode::Char('B'));
    h.type_text("+10%");
    h.press(KeyCode::Tab); // rounding .99
    h.press(KeyCode::Enter);
    h.wait_bulk_preview().await;
    assert!(h.screen().contains("→"), "{}", h.screen());
    let before = h.requests();
    h.press(KeyCode::Char('y'));
    h.wait_toast("Saved 25 products").await;
    let batch_puts = h
        .store
        .requests()
        .iter()
        .skip(before)
        .filter(|r| r.method == "PUT")
        .count();
    assert_eq!(batch_puts, 3, "25 products in batches of 10");
    // +10 %, then to the nearest .99 — worked out by hand, not by the code under test.
    let expected = [
        (1, "12", "12.99"),
        (2, "5", "5.99"),
        (3, "34", "36.99"),
        (4, "60.95", "66.99"),
        (5, "16.95", "18.99"),
        (6, "98.99", "108.99"),
        (7, "37.95", "41.99"),
        (8, "89", "97.99"),
        (9, "27.95", "30.99"),
        (10, "18.95", "20.99"),
        (11, "230", "252.99"),
        (12, "7", "7.99"),
        (13, "9", "9.99"),
        (14, "433.95", "476.99"),
        (15, "30.95", "33.99"),
        (16, "66.99", "73.99"),
        (17, "24.95", "26.99"),
        (18, "29.95", "32.99"),
        (19, "55.95", "61.99"),
        (20, "25.99", "28.99"),
        (21, "144.95", "158.99"),
        (22, "9", "9.99"),
        (23, "24.99", "27.99"),
        (24, "46.99", "51.99"),
        (25, "35.99", "39.99"),
    ];
    assert_eq!(originals.len(), expected.len());
    for (p, (id, before, after)) in originals.iter().zip(expected) {
        assert_eq!((p.id, p.price), (id, money(before)), "the seeded product");
        assert_eq!(h.product(p.id).await.price, money(after), "product {id}");
    }
    h.press(KeyCode::Char('u'));
    h.wait_toast("Saved 25 products (undo").await;
    for p in &originals {
        assert_eq!(
            h.product(p.id).await.price,
            p.price,
            "undo restored {}",
            p.id
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_cancelled_then_confirmed() {
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    h.open_overlay('x', |o| matches!(o, Overlay::Confirm(_)))
        .await;
    let screen = h.screen();
    assert!(
        screen.contains(&*product.name) && screen.contains(&*product.sku),
        "{screen}"
    );
    h.press(KeyCode::Char('n'));
    h.wait_for("cancelled", |s| s.mode == Mode::Normal).await;
    assert!(h.writes().is_empty());
    h.press(KeyCode::Delete);
    h.press(KeyCode::Char('y'));
    h.wait_toast(&format!("Deleted product #{}", product.id))
        .await;
    assert!(
        h.api
            .get_product(product.id, &[])
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(!h.product_ids().contains(&product.id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marked_products_delete_in_one_request() {
    let mut h = Harness::start(false).await;
    let ids: Vec<u64> = (0..3).map(|i| h.row(i).id).collect();
    h.mark_rows(3);
    h.open_overlay('x', |o| matches!(o, Overlay::Confirm(_)))
        .await;
    assert!(h.screen().contains("Delete 3 products?"), "{}", h.screen());
    h.press(KeyCode::Char('y'));
    h.wait_toast("Deleted 3 products").await;
    let writes = h.writes();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert!(
        writes[0].contains("id%3Ain=") || writes[0].contains("id:in="),
        "{writes:?}"
    );
    for id in ids {
        assert!(h.api.get_product(id, &[]).await.unwrap_err().is_not_found());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_of_a_product_already_gone_is_reported() {
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    h.api.delete_product(product.id).await.unwrap();
    h.press(KeyCode::Char('x'));
    h.press(KeyCode::Char('y'));
    h.wait_toast("Already gone (404)").await;
    assert!(!h.product_ids().contains(&product.id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_shows_field_errors_then_creates() {
    let mut h = Harness::start(false).await;
    let existing = h.row(0);
    h.open_overlay('c', |o| matches!(o, Overlay::Create(_)))
        .await;
    h.type_text(&existing.name); // a duplicate name: 409 on the name field
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.type_text("NEW-1");
    h.press(KeyCode::Tab);
    h.type_text("19.90");
    h.press(KeyCode::Enter);
    h.wait_for("the field error", |s| {
        s.edit.pending.is_empty()
            && matches!(&s.edit.overlay, Some(Overlay::Create(f)) if f.fields[0].error.is_some())
    })
    .await;
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_text("Brand New Widget");
    h.press(KeyCode::Enter);
    h.wait_toast("Created product").await;
    let created = h.row(0);
    assert_eq!(&*created.name, "Brand New Widget");
    let saved = h.product(created.id).await;
    assert_eq!(saved.price, money("19.90"));
    assert_eq!(saved.sku, "NEW-1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_refuses_every_write_key() {
    let mut h = Harness::start(true).await;
    for key in ['p', 'e', 'E', 'x', 'c', 'u'] {
        h.press(KeyCode::Char(key));
        h.wait_for("the refusal", move |s| {
            s.toasts
                .iter()
                .any(|t| t.text.starts_with(key) && t.text.contains("read-only"))
        })
        .await;
    }
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char('B'));
    h.wait_for("the bulk refusal", |s| {
        s.toasts.iter().any(|t| t.text.starts_with("B (bulk"))
    })
    .await;
    assert_eq!(h.state().mode, Mode::Normal);
    assert!(h.writes().is_empty());
    // The client refuses too, whatever the UI does.
    let ro = client_for(&h.store, true);
    let err = ro
        .update_product(h.row(0).id, &ProductWrite::default())
        .await
        .unwrap_err();
    assert!(matches!(err, bctui::api::ApiError::ReadOnly { .. }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_partial_failure_is_listed_and_the_rest_stays() {
    let mut h = Harness::start(false).await;
    let rows: Vec<ProductRow> = (0..12).map(|i| h.row(i)).collect();
    h.mark_rows(12);
    h.wait_for("12 marked", |s| s.products.marked.len() == 12)
        .await;
    h.bulk_preview("5").await;
    // One of them disappears while the preview is open.
    h.api.delete_product(rows[3].id).await.unwrap();
    h.press(KeyCode::Char('y'));
    h.wait_report("the failure report").await;
    let screen = h.screen();
    let changing = rows
        .iter()
        .enumerate()
        .filter(|(i, p)| *i != 3 && p.price != money("5"))
        .count();
    assert!(
        screen.contains(&format!("{changing} saved, 1 not saved")),
        "{screen}"
    );
    assert!(screen.contains(&format!("#{}", rows[3].id)), "{screen}");
    assert!(screen.contains("404"), "the API's message\n{screen}");
    for (i, p) in rows.iter().enumerate() {
        if i != 3 {
            assert_eq!(h.product(p.id).await.price, money("5"), "{} saved", p.id);
        }
    }
    let log = h.state().edit.log.lines().join("\n");
    assert!(log.contains("FAILED"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_and_undo_never_overwrite_a_colleagues_price() {
    let mut h = Harness::start(false).await;
    let ids: Vec<u64> = (0..5).map(|i| h.row(i).id).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    h.mark_rows(5);
    h.bulk_preview("+10%").await;
    // While the preview is open a colleague sets product 2's price.
    let screen = h.send_over_a_colleagues_price('y').await;
    assert!(
        screen.contains("price is 200"),
        "their value is named\n{screen}"
    );
    // +10 % of 12, 34, 60.95 and 16.95, to the cent; theirs untouched.
    let prices = [
        (1, "13.20"),
        (2, "200.00"),
        (3, "37.40"),
        (4, "67.05"),
        (5, "18.65"),
    ];
    for (id, price) in prices {
        assert_eq!(h.product(id).await.price, money(price), "product {id}");
    }
    assert_eq!(
        h.state()
            .products
            .marked
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        [2],
        "only the product that needs attention stays marked"
    );
    assert_eq!(h.row(1).price, money("200.00"), "the row shows their price");

    // After our change, the colleague sets product 3 again; undo leaves it alone.
    h.press(KeyCode::Esc);
    h.wait_for("the report closed", |s| s.edit.overlay.is_none())
        .await;
    let again = ProductWrite {
        price: Some(money("99.00")),
        ..ProductWrite::default()
    };
    h.api.update_product(3, &again).await.unwrap();
    h.press(KeyCode::Char('u'));
    h.wait_report("the undo report").await;
    let prices = [
        (1, "12"),
        (2, "200.00"),
        (3, "99.00"),
        (4, "60.95"),
        (5, "16.95"),
    ];
    for (id, price) in prices {
        assert_eq!(
            h.product(id).await.price,
            money(price),
            "product {id} after undo"
        );
    }
    let log = h.state().edit.log.lines().join("\n");
    assert!(log.contains("changed by someone else"), "{log}");
}

/// A slow store (150 ms a request), the first `rows` products marked and a bulk change
/// of `amount` on its way, then `q`: the question is open.
async fn quit_during_a_slow_bulk_change(rows: usize, amount: &str) -> Harness {
    let config = bctui::fakestore::FakeStoreConfig {
        latency_ms: 150,
        ..crate::common::store_config(60, 10, 10)
    };
    let mut h = Harness::launch(config, false, 120, 30).await;
    h.wait_for("the first products", |s| {
        s.products.list.rows.len() >= rows && s.header.store_name.is_some()
    })
    .await;
    h.mark_rows(rows);
    h.bulk_preview(amount).await;
    h.press(KeyCode::Char('y'));
    h.wait_for("the change on its way", |s| !s.edit.pending.is_empty())
        .await;
    h.open_overlay('q', |o| matches!(o, Overlay::Confirm(_)))
        .await;
    h
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quitting_during_a_bulk_change_asks_first() {
    let mut h = quit_during_a_slow_bulk_change(30, "+1").await;
    assert!(!h.state().quit, "not quit yet");
    assert!(h.screen().contains("Quit anyway"), "{}", h.screen());
    // Any other key keeps it open; the change finishes and reports.
    h.press(KeyCode::Char('n'));
    h.wait_toast("Saved 30 products").await;
    assert!(!h.state().quit);
    h.press(KeyCode::Char('q'));
    h.wait_for("quit", |s| s.quit).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quit_anyway_still_lets_the_writes_on_their_way_finish_and_journal() {
    let mut h = quit_during_a_slow_bulk_change(20, "9.99").await;
    h.press(KeyCode::Char('y'));
    h.wait_for("quit", |s| s.quit).await;
    let unfinished = h
        .driver
        .runner
        .finish_writes(std::time::Duration::from_secs(20))
        .await;
    assert_eq!(unfinished, 0);
    for id in 1..=20 {
        assert_eq!(h.product(id).await.price, money("9.99"), "product {id}");
    }
    let journal = std::fs::read_to_string(h.data_dir.path().join("journal/fakestore.jsonl"))
        .expect("the journal");
    assert!(
        journal.contains("\"sent\"") && journal.contains("\"ok\""),
        "{journal}"
    );
    assert!(
        !journal.contains(h.store.token()),
        "no token in the journal"
    );
}
