//! The bulk change of any price: the re-read before the preview, the price chosen
//! with `f`, rounding up or down, and variants that keep a price of their own.

use crossterm::event::KeyCode;

use bctui::api::models::VariantWrite;
use bctui::app::edit::Overlay;
use bctui::app::edit::bulk::BulkPreview;

use crate::{Harness, money};

/// Marks the first `rows` products, types `keys` into the bulk form and waits for
/// the preview.
async fn open_preview(h: &mut Harness, rows: usize, keys: &[KeyCode]) -> BulkPreview {
    h.mark_rows(rows);
    h.press(KeyCode::Char('B'));
    for key in keys {
        h.press(*key);
    }
    h.press(KeyCode::Enter);
    h.wait_bulk_preview().await;
    match &h.state().edit.overlay {
        Some(Overlay::BulkPreview(preview)) => preview.clone(),
        _ => unreachable!("waited for it"),
    }
}

fn chars(text: &str) -> Vec<KeyCode> {
    text.chars().map(KeyCode::Char).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_preview_reads_the_marked_products_again_and_shows_what_changed() {
    let mut h = Harness::start(false).await;
    assert_eq!(h.row(1).price, money("5"), "the seeded price of product 2");
    // A colleague sets product 2 after the list was loaded.
    h.colleague_sets_price(2, "200.00").await;
    let before = h.requests();
    let preview = open_preview(&mut h, 3, &chars("+10%")).await;
    let reads: Vec<String> = h.store.requests()[before..]
        .iter()
        .filter(|r| r.method == "GET" && r.path.contains("id%3Ain=") || r.path.contains("id:in="))
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(reads.len(), 1, "one id:in read for 3 products: {reads:?}");
    assert!(reads[0].contains("include=variants"), "{reads:?}");
    let row = &preview.rows[1];
    assert_eq!(
        (row.old, row.new, row.seen),
        (money("200.00"), Some(money("220.00")), Some(money("5"))),
        "the preview starts from their price and shows what the list showed"
    );
    assert_eq!(preview.changed_since_seen(), 1);
    let screen = h.screen();
    assert!(
        screen.contains("1 changed since you saw them") && screen.contains("saw 5.00"),
        "{screen}"
    );
    assert_eq!(h.row(1).price, money("200.00"), "the list shows theirs too");
    // Applying what the preview showed: their 200.00 + 10 %.
    h.press(KeyCode::Char('y'));
    h.wait_toast("Saved 3 products").await;
    for (id, price) in [(1, "13.20"), (2, "220.00"), (3, "37.40")] {
        assert_eq!(h.product(id).await.price, money(price), "product {id}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_price_can_be_changed_in_bulk_rounded_up_or_down() {
    let mut h = Harness::start(false).await;
    let originals: Vec<_> = (0..3).map(|i| h.row(i)).collect();
    // f: sale price; set to 10.20; Tab: .99; d: up.
    let mut keys = vec![KeyCode::Char('f')];
    keys.extend(chars("10.2"));
    keys.extend([KeyCode::Tab, KeyCode::Char('d')]);
    let preview = open_preview(&mut h, 3, &keys).await;
    assert!(
        preview.description.starts_with("Sale price"),
        "{}",
        preview.description
    );
    h.press(KeyCode::Char('y'));
    h.wait_toast("Saved 3 products").await;
    for p in &originals {
        let saved = h.product(p.id).await;
        assert_eq!(
            saved.sale_price,
            money("10.99"),
            "rounded up, product {}",
            p.id
        );
        assert_eq!(saved.price, p.price, "the price is untouched");
    }
    // Then the cost price of the next three, set to 4.50 and rounded down to .00.
    let next: Vec<_> = (3..6).map(|i| h.row(i)).collect();
    let mut keys = vec![KeyCode::Char('f'); 3];
    keys.extend(chars("4.5"));
    keys.extend([KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    keys.extend([KeyCode::Char('d'), KeyCode::Char('d')]);
    let preview = open_preview(&mut h, 3, &keys).await;
    assert_eq!(
        preview.description, "Cost price set to 4.50, rounded down to .00",
        "the choices as the preview names them"
    );
    h.press(KeyCode::Char('y'));
    h.wait_toast("Saved 3 products (bulk change (Cost price")
        .await;
    for p in &next {
        let saved = h.product(p.id).await;
        assert_eq!(saved.cost_price, money("4.00"), "product {}", p.id);
        assert_eq!((saved.price, saved.sale_price), (p.price, p.sale_price));
    }
}

/// The first listed product with a variant of its own price (set through the API
/// when none has one) and that variant's id.
async fn product_with_an_own_price_variant(h: &Harness) -> (usize, u64) {
    for (index, row) in h.state().products.list.rows.iter().enumerate() {
        let variants = h.api.all_variants(row.id).await.unwrap();
        if variants.len() < 2 {
            // Only the base variant: its price is the product's.
            continue;
        }
        if let Some(v) = variants.iter().find(|v| v.price.is_some()) {
            return (index, v.id);
        }
        let first = &variants[0];
        let own = VariantWrite {
            price: Some(Some(money("20.00"))),
            ..VariantWrite::default()
        };
        h.api.update_variant(row.id, first.id, &own).await.unwrap();
        return (index, first.id);
    }
    panic!("no product with variants");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn variants_with_their_own_price_change_only_when_asked_and_never_over_a_colleague() {
    let mut h = Harness::start(false).await;
    let (index, variant_id) = product_with_an_own_price_variant(&h).await;
    let product = h.row(index);
    let own: Vec<_> = h
        .api
        .all_variants(product.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|v| v.price.is_some())
        .collect();
    assert!(own.iter().any(|v| v.id == variant_id));
    for _ in 0..index {
        h.press(KeyCode::Char('j'));
    }
    let preview = open_preview(&mut h, 1, &chars("+1")).await;
    assert_eq!(preview.own_price_variants(), own.len());
    assert!(
        h.screen()
            .contains("keep a price of their own (v: change them too)")
    );
    // Without v, only the product's price changes.
    h.press(KeyCode::Char('y'));
    h.wait_toast("Saved 1 product").await;
    assert_eq!(
        h.product(product.id).await.price,
        product.price + money("1")
    );
    let after: Vec<_> = h.api.all_variants(product.id).await.unwrap();
    for v in &own {
        let now = after.iter().find(|a| a.id == v.id).unwrap();
        assert_eq!(now.price, v.price, "variant {} keeps its price", v.id);
    }

    // With v they change too, except one a colleague set while the preview was open.
    // Back on the product (marking moved the cursor down) to mark it again.
    h.press(KeyCode::Char('k'));
    let preview = open_preview(&mut h, 1, &chars("+1")).await;
    assert_eq!(preview.rows[0].id, product.id);
    h.press(KeyCode::Char('v'));
    h.wait_for(
        "the variants included",
        |s| matches!(&s.edit.overlay, Some(Overlay::BulkPreview(p)) if p.include_variants),
    )
    .await;
    let theirs = VariantWrite {
        price: Some(Some(money("77.00"))),
        ..VariantWrite::default()
    };
    h.api
        .update_variant(product.id, variant_id, &theirs)
        .await
        .unwrap();
    h.press(KeyCode::Char('y'));
    h.wait_report("both writes back").await;
    // The report names their price (read from the state: toasts may sit over it).
    let Some(Overlay::Report(report)) = &h.state().edit.overlay else {
        unreachable!("waited for it")
    };
    let lines = report.lines.join("\n");
    assert!(
        lines.contains(&format!(
            "variant #{variant_id}: not sent: changed by someone else (price is 77.00"
        )),
        "{lines}"
    );
    let now = h.api.all_variants(product.id).await.unwrap();
    for v in &own {
        let stored = now.iter().find(|a| a.id == v.id).unwrap();
        if v.id == variant_id {
            assert_eq!(stored.price, Some(money("77.00")), "theirs is kept");
        } else {
            assert_eq!(
                stored.price,
                v.price.map(|p| p + money("1")),
                "variant {}",
                v.id
            );
        }
    }
    assert_eq!(
        h.product(product.id).await.price,
        product.price + money("2")
    );
}
