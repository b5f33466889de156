//! One product at a time: price, inline fields, conflicts, $EDITOR, undo, variants.

use crossterm::event::{KeyCode, KeyModifiers};

use bctui::api::models::{Availability, ProductRow, ProductWrite};
use bctui::app::Mode;
use bctui::app::edit::Overlay;

use crate::{Harness, money};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn price_edit_saves_the_exact_decimal() {
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    h.press(KeyCode::Char('p'));
    h.wait_for("the price editor", |s| s.mode == Mode::Edit)
        .await;
    let Some(Overlay::Inline(edit)) = &h.state().edit.overlay else {
        panic!("the inline editor opens");
    };
    assert_eq!(
        edit.editor.input.value(),
        bctui::app::edit::inline::plain_money(product.price),
        "prefilled with the current price"
    );
    h.type_text("9.95");
    h.press(KeyCode::Enter);
    let expected = format!(
        "Price {} → 9.95",
        bctui::app::edit::inline::plain_money(product.price)
    );
    h.wait_toast(&expected).await;
    let saved = h.product(product.id).await;
    assert_eq!(saved.price, money("9.95"));
    assert_eq!(saved.price.to_string(), "9.95", "exactly as typed");
    assert_eq!(h.row(0).price, money("9.95"));
    assert_eq!(*saved.name, *product.name, "nothing else changed");
    let writes = h.writes();
    assert_eq!(
        writes,
        [format!(
            "PUT /stores/fakestore/v3/catalog/products/{} 200",
            product.id
        )]
    );
    // The log has it.
    let log = h.state().edit.log.lines().join("\n");
    assert!(
        log.contains("Price") && log.contains("9.95") && log.contains("ok"),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_price_sends_nothing_and_says_why() {
    let mut h = Harness::start(false).await;
    let before = h.requests();
    h.enter_price("9.99999");
    h.wait_for(
        "the reason",
        |s| matches!(&s.edit.overlay, Some(Overlay::Inline(e)) if e.editor.error.is_some()),
    )
    .await;
    assert!(
        h.screen().contains("at most 4 decimal places"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_text("-3");
    h.press(KeyCode::Enter);
    h.wait_for("the next reason", |s| {
        matches!(&s.edit.overlay, Some(Overlay::Inline(e)) if e.editor.error.as_deref() == Some("a price cannot be negative"))
    })
    .await;
    h.press(KeyCode::Esc);
    h.wait_for("the editor closed", |s| s.mode == Mode::Normal)
        .await;
    assert_eq!(
        h.requests(),
        before,
        "nothing was sent: {:?}",
        h.store.requests()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicate_sku_reverts_with_the_api_message() {
    let mut h = Harness::start(false).await;
    let (first, second) = (h.row(0), h.row(1));
    h.press(KeyCode::Char('h')); // Price → SKU
    h.press(KeyCode::Char('e'));
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_text(&second.sku);
    h.press(KeyCode::Enter);
    h.wait_for("the error toast", |s| {
        s.edit.pending.is_empty() && s.toasts.iter().any(|t| t.text.starts_with("Not saved"))
    })
    .await;
    let toast = h.state().toasts.last().unwrap().text.clone();
    assert!(toast.contains("409"), "the API's message: {toast}");
    assert_eq!(h.row(0).sku, first.sku, "the old value is back");
    assert_eq!(*h.product(first.id).await.sku, *first.sku);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_inline_field_is_saved() {
    let mut h = Harness::start(false).await;
    let id = h.row(2).id;
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char('j'));
    // Start at the leftmost column (Name) and walk right.
    for _ in 0..8 {
        h.press(KeyCode::Char('h'));
    }
    let edits: [(&str, &str); 7] = [
        ("Name", "Renamed Lamp"),
        ("SKU", "NEW-SKU-1"),
        ("Price", "12.5"),
        ("Sale price", "11.25"),
        ("Retail price", "15"),
        ("Cost price", "4.1234"),
        ("Stock", "42"),
    ];
    for (field, text) in edits {
        h.press(KeyCode::Char('e'));
        // Text keeps its value (Ctrl-u clears it); numbers are replaced by typing.
        h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
        h.type_text(text);
        h.press(KeyCode::Enter);
        h.wait_toast(&format!("{field} ")).await;
        h.press(KeyCode::Char('l'));
    }
    // Visible: space toggles; availability: space cycles.
    let before = h.row(2);
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Enter);
    // In the words of the Visible column, not the API's true/false.
    let visible = |v: bool| if v { "yes" } else { "no" };
    h.wait_toast(&format!(
        "Visible {} → {}",
        visible(before.is_visible),
        visible(!before.is_visible)
    ))
    .await;
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Enter);
    h.wait_toast("Availability").await;

    let saved = h.product(id).await;
    assert_eq!(saved.name, "Renamed Lamp");
    assert_eq!(saved.sku, "NEW-SKU-1");
    assert_eq!(saved.price, money("12.5"));
    assert_eq!(saved.sale_price, money("11.25"));
    assert_eq!(saved.retail_price, money("15"));
    assert_eq!(saved.cost_price.to_string(), "4.1234");
    assert_eq!(saved.inventory_level, 42);
    assert_eq!(saved.is_visible, !before.is_visible);
    let next = match before.availability {
        Availability::Available => Availability::Disabled,
        Availability::Disabled => Availability::Preorder,
        _ => Availability::Available,
    };
    assert_eq!(saved.availability, next);
    assert_eq!(h.writes().len(), 9, "one PUT per field: {:?}", h.writes());
}

/// A colleague sets the first product's price to `theirs` after the list loaded, then we
/// enter `ours`: the conflict prompt is open.
async fn conflict_over(theirs: &str, ours: &str) -> (Harness, ProductRow) {
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    h.colleague_sets_price(product.id, theirs).await;
    h.enter_price(ours);
    h.wait_conflict_prompt().await;
    (h, product)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conflict_prompt_offers_overwrite() {
    // Someone else changes the product after it was loaded.
    let (mut h, product) = conflict_over("8.50", "9.95").await;
    let screen = h.screen();
    assert!(screen.contains("changed by someone else"), "{screen}");
    assert!(
        screen.contains("theirs 8.50"),
        "both values are shown\n{screen}"
    );
    assert_eq!(
        h.product(product.id).await.price,
        money("8.50"),
        "nothing sent yet"
    );
    h.press(KeyCode::Char('o'));
    h.wait_toast("Price 8.50 → 9.95").await;
    assert_eq!(h.product(product.id).await.price, money("9.95"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conflict_prompt_reload_takes_theirs() {
    // A colleague sets the price in the same second as our edit: the guard compares
    // values, not timestamps, so it still notices.
    let (mut h, product) = conflict_over("200.00", "1.00").await;
    h.press(KeyCode::Char('r'));
    h.wait_toast("Reloaded").await;
    assert_eq!(h.row(0).price, money("200.00"));
    assert_eq!(
        h.product(product.id).await.price,
        money("200.00"),
        "not sent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_to_another_field_is_kept_alongside_ours() {
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    let theirs = ProductWrite {
        name: Some("Changed Elsewhere".into()),
        ..ProductWrite::default()
    };
    h.api.update_product(product.id, &theirs).await.unwrap();
    h.enter_price("1.00");
    h.wait_toast("Price").await;
    let stored = h.product(product.id).await;
    assert_eq!(
        (stored.name.as_str(), stored.price),
        ("Changed Elsewhere", money("1.00")),
        "their name and our price"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editor_json_edit_sends_only_changed_fields() {
    // The script records the file's mode and what it was offered, then sets the price.
    let script = crate::common::use_editor_script(
        "editor-test",
        "#!/bin/sh\nhere=$(dirname \"$0\")\nstat -c '%a %n' \"$1\" > \"$here/seen\"\ncp \"$1\" \"$here/offered.json\"\nsed -i 's/\"price\": [0-9.]*/\"price\": 12.34/' \"$1\"\n",
    );
    let record = script.with_file_name("seen");
    let offered = script.with_file_name("offered.json");
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    let stored = h.product(product.id).await;
    assert!(
        !stored.description.is_empty(),
        "the seeded product has a description"
    );
    h.edit_with_editor().await;
    h.wait_toast("Price").await;
    let saved = h.product(product.id).await;
    assert_eq!(saved.price, money("12.34"));
    assert_eq!(*saved.name, *product.name);
    assert_eq!(
        saved.description, stored.description,
        "E from the list keeps the description"
    );
    let offered: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&offered).unwrap()).unwrap();
    assert_eq!(
        offered["description"], stored.description,
        "the editor starts from the whole product, not the list row"
    );
    let seen = std::fs::read_to_string(&record).unwrap();
    let (mode, path) = seen.trim().split_once(' ').unwrap();
    assert_eq!(mode, "600", "the temp file is private");
    assert!(
        !std::path::Path::new(path).exists(),
        "the temp file is removed"
    );
    assert_eq!(h.writes().len(), 1, "{:?}", h.writes());
    // Unchanged: nothing sent.
    std::fs::write(&script, "#!/bin/sh\ntrue\n").unwrap();
    h.edit_with_editor().await;
    h.wait_toast("No changes; nothing sent").await;
    assert_eq!(h.writes().len(), 1);
    // Invalid JSON: offered to reopen; any other key aborts.
    std::fs::write(&script, "#!/bin/sh\necho '{broken' > \"$1\"\n").unwrap();
    h.edit_with_editor().await;
    h.wait_for("the reopen question", |s| {
        matches!(s.edit.overlay, Some(Overlay::Confirm(_)))
    })
    .await;
    assert!(h.screen().contains("not valid"), "{}", h.screen());
    h.press(KeyCode::Char('n'));
    h.wait_for("aborted", |s| s.mode == Mode::Normal).await;
    assert_eq!(h.writes().len(), 1);
    // The description from the list: checked against what the editor offered, so the
    // row's missing description is not taken for someone else's change.
    std::fs::write(
        &script,
        "#!/bin/sh\nsed -i 's/\"description\": \".*\",$/\"description\": \"<p>Hand oiled.<\\/p>\",/' \"$1\"\n",
    )
    .unwrap();
    h.edit_with_editor().await;
    h.wait_toast("Hand oiled").await;
    assert_eq!(
        h.product(product.id).await.description,
        "<p>Hand oiled.</p>",
        "{:?} {}",
        h.writes(),
        h.screen()
    );
    assert_eq!(h.writes().len(), 2, "{:?}", h.writes());
    if let Some(dir) = script.parent() {
        std::fs::remove_dir_all(dir).ok();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_puts_the_old_price_back() {
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    h.enter_price("99.5");
    h.wait_toast("→ 99.50").await;
    assert_eq!(h.product(product.id).await.price, money("99.5"));
    h.press(KeyCode::Char('u'));
    h.wait_toast("Saved 1 product (undo").await;
    assert_eq!(h.product(product.id).await.price, product.price);
    assert_eq!(h.row(0).price, product.price);
    let log = h.state().edit.log.lines();
    assert_eq!(log.len(), 2, "the edit and its undo are logged: {log:?}");
}

/// Opens the detail of the first product that has variants; returns its row.
async fn open_a_product_with_variants(h: &mut Harness) -> ProductRow {
    let mut index = None;
    for (i, row) in h.state().products.list.rows.clone().iter().enumerate() {
        if h.api.all_variants(row.id).await.unwrap().len() > 1 {
            index = Some(i);
            break;
        }
    }
    let index = index.expect("a product with variants");
    let product = h.row(index);
    h.open_product_row(index).await;
    product
}

/// The second variant of the product whose detail is open, as the detail shows it.
fn second_variant(h: &Harness) -> bctui::api::models::Variant {
    let detail = h.state().products.detail.as_ref().expect("a detail");
    let data = detail.data.as_ref().expect("the detail is loaded");
    data.product.variants[1].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn variant_price_is_edited_through_the_variants_endpoint() {
    let mut h = Harness::start(false).await;
    let product = open_a_product_with_variants(&mut h).await;
    h.press(KeyCode::Char(']'));
    let own_price = second_variant(&h).price;
    h.enter_price("21.75");
    // The old price as the cell showed it: `inherit` when the variant had none.
    let old = own_price.map_or("inherit".to_string(), |p| p.round_dp(2).to_string());
    h.wait_toast(&format!("Variant Price {old} → 21.75")).await;
    let variant = second_variant(&h);
    let variants = h.api.all_variants(product.id).await.unwrap();
    let saved = variants.iter().find(|v| v.id == variant.id).unwrap();
    assert_eq!(saved.price, Some(money("21.75")));
    let writes = h.writes();
    assert_eq!(
        writes,
        [format!(
            "PUT /stores/fakestore/v3/catalog/products/{}/variants/{} 200",
            product.id, variant.id
        )]
    );
    // The variant write moved the product's date_modified; our own change
    // must not look like someone else's to the lost-update guard.
    h.press(KeyCode::Esc);
    h.enter_price("33");
    h.wait_toast("→ 33.00").await;
    assert_eq!(h.product(product.id).await.price, money("33"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stock_of_a_variant_tracked_product_is_refused_up_front() {
    let mut h = Harness::start(false).await;
    let rows = h.state().products.list.rows.clone();
    let index = rows
        .iter()
        .position(|p| &*p.inventory_tracking == "variant")
        .expect("the seed has products tracked per variant");
    for _ in 0..index {
        h.press(KeyCode::Char('j'));
    }
    for _ in 0..4 {
        h.press(KeyCode::Char('l')); // Price → Sale → Retail → Cost → Stock
    }
    h.press(KeyCode::Char('e'));
    h.wait_toast("tracked per variant").await;
    assert_eq!(h.state().mode, Mode::Normal, "no editor opened");
    assert!(h.writes().is_empty(), "{:?}", h.writes());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_opens_with_its_text_and_typing_adds_to_it() {
    let mut h = Harness::start(false).await;
    let product = h.row(0);
    for _ in 0..2 {
        h.press(KeyCode::Char('h')); // Price → SKU → Name
    }
    h.press(KeyCode::Char('e'));
    h.type_text(" (2025)");
    h.press(KeyCode::Enter);
    h.wait_toast("Name").await;
    let expected = format!("{} (2025)", product.name);
    assert_eq!(h.product(product.id).await.name, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_variant_price_over_a_colleagues_change_is_not_sent() {
    let mut h = Harness::start(false).await;
    let product = open_a_product_with_variants(&mut h).await;
    let variant = second_variant(&h);
    // A colleague sets the variant's price after the detail loaded.
    let theirs = bctui::api::models::VariantWrite {
        price: Some(Some(money("33.00"))),
        ..Default::default()
    };
    h.api
        .update_variant(product.id, variant.id, &theirs)
        .await
        .expect("their price");
    h.press(KeyCode::Char(']'));
    h.enter_price("21.75");
    h.wait_refused_as_changed().await;
    let variants = h.api.all_variants(product.id).await.unwrap();
    let stored = variants.iter().find(|v| v.id == variant.id).unwrap();
    assert_eq!(stored.price, Some(money("33.00")), "theirs is kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_detail_scrolls_to_the_selected_variant() {
    let mut h = Harness::launch(crate::common::store_config(60, 10, 10), false, 100, 30).await;
    h.wait_for("the first products", |s| {
        !s.products.list.rows.is_empty() && s.header.store_name.is_some()
    })
    .await;
    // The first product with at least three variants.
    let mut index = None;
    for (i, row) in h.state().products.list.rows.clone().iter().enumerate() {
        if h.api.all_variants(row.id).await.unwrap().len() >= 3 {
            index = Some(i);
            break;
        }
    }
    let index = index.expect("a product with three variants");
    for _ in 0..index {
        h.press(KeyCode::Char('j'));
    }
    h.press(KeyCode::Enter);
    h.wait_for("the detail and the category names", |s| {
        s.products.detail.as_ref().is_some_and(|d| d.data.is_some())
            && s.categories.load == bctui::app::list::LoadState::Loaded
    })
    .await;
    h.press(KeyCode::Char(']'));
    h.press(KeyCode::Char(']'));
    h.wait_for("variant 3 selected", |s| s.products.variant_cursor == 2)
        .await;
    let variant_id = |h: &Harness, index: usize| {
        let detail = h.state().products.detail.as_ref().expect("the detail");
        detail.data.as_ref().expect("its data").product.variants[index].id
    };
    let screen = h.screen();
    assert!(
        screen.contains(&format!("▶ {}", variant_id(&h, 2))),
        "the selected variant is on screen\n{screen}"
    );
    insta::assert_snapshot!("detail_follows_the_selected_variant", h.body());
    // And back up: `[` twice brings the first variant into view again.
    h.press(KeyCode::Char('['));
    h.press(KeyCode::Char('['));
    h.wait_for("variant 1 selected", |s| s.products.variant_cursor == 0)
        .await;
    let first = variant_id(&h, 0);
    assert!(h.screen().contains(&format!("▶ {first}")), "{}", h.screen());
}
