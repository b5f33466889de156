//! Brand names in the products table (wide terminals) and the product detail, as the API names them.

use crossterm::event::KeyCode;

use bctui::app::list::LoadState;

use crate::{Harness, common};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn brands_show_by_name_in_the_table_and_the_detail() {
    let mut h = Harness::launch(common::store_config(60, 10, 10), true, 200, 30).await;
    h.wait_for("the first products and the brands", |s| {
        s.products.list.load == LoadState::Loaded
            && !s.products.list.rows.is_empty()
            && !s.products.brands.is_empty()
    })
    .await;
    let brands = h.api.all_brands().await.expect("brands load");
    assert_eq!(h.state().products.brands, brands);
    let rows = h.state().products.list.rows.clone();
    let index = rows
        .iter()
        .position(|p| p.brand_id != 0)
        .expect("a product with a brand");
    let product = &rows[index];
    let name = &brands
        .iter()
        .find(|b| b.id == product.brand_id)
        .expect("its brand is listed")
        .name;
    let screen = h.screen();
    let header = screen
        .lines()
        .find(|l| l.contains("Modified"))
        .unwrap_or_default();
    assert!(header.contains("Brand"), "{header}");
    let line = screen
        .lines()
        .find(|l| l.contains(&*product.sku))
        .unwrap_or_default();
    assert!(line.contains(name.as_str()), "{line}");

    h.open_product_row(index).await;
    let screen = h.screen();
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Brand") && l.contains(name.as_str())),
        "{screen}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_narrow_table_drops_the_brand_first() {
    let mut h = Harness::launch(common::store_config(20, 10, 10), true, 100, 30).await;
    h.wait_for("the first products", |s| {
        s.products.list.load == LoadState::Loaded && !s.products.list.rows.is_empty()
    })
    .await;
    let screen = h.screen();
    let header = screen
        .lines()
        .find(|l| l.contains("Price"))
        .unwrap_or_default();
    assert!(!header.contains("Brand"), "{header}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_product_gets_the_brand_picked_from_the_stores_brands() {
    let mut h = Harness::start(false).await;
    h.wait_for("the brands", |s| !s.products.brands.is_empty())
        .await;
    let brands = h.api.all_brands().await.expect("brands load");
    h.press(KeyCode::Char('c'));
    h.type_text("Branded Widget");
    // Name → Type → SKU → Price.
    for _ in 0..3 {
        h.press(KeyCode::Tab);
    }
    h.type_text("12.50");
    // Price → Weight → Categories → Visible → Brand; Space twice: the second brand.
    for _ in 0..4 {
        h.press(KeyCode::Tab);
    }
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char(' '));
    h.wait_for("the second brand picked", |s| {
        matches!(&s.edit.overlay, Some(bctui::app::edit::Overlay::Create(f))
            if f.fields.last().is_some_and(|b| b.choice == 2))
    })
    .await;
    insta::assert_snapshot!("create_form_with_brand", h.body());
    h.press(KeyCode::Enter);
    h.wait_toast("Created product").await;
    let created = h.row(0);
    assert_eq!(&*created.name, "Branded Widget");
    let saved = h.product(created.id).await;
    assert_eq!(saved.brand_id, brands[1].id, "{}", brands[1].name);
}
