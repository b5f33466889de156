//! `f` on Products: stock, hidden, brand and category filters, combined, applied
//! by the store and named in the title.

use crossterm::event::KeyCode;

use bctui::api::query::ProductQuery;
use bctui::app::edit::Overlay;
use bctui::app::list::LoadState;

use crate::Harness;

/// The ids of the products the store lists for `query` (up to 250), in its order.
async fn store_answers(h: &Harness, query: ProductQuery) -> Vec<u64> {
    let query = ProductQuery {
        limit: Some(250),
        ..query
    };
    let page = h.api.list_products(&query).await.expect("the store lists");
    page.items.iter().map(|p| p.id).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_combine_on_the_server_and_show_in_the_title() {
    let mut h = Harness::start(true).await;
    h.wait_for("the brands", |s| !s.products.brands.is_empty())
        .await;
    let brands = h.api.all_brands().await.unwrap();
    // The brand of a hidden product, so the filtered list is not empty.
    let hidden = h
        .state()
        .products
        .list
        .rows
        .iter()
        .find(|p| !p.is_visible && p.brand_id != 0)
        .cloned()
        .expect("a hidden product with a brand");
    let position = brands
        .iter()
        .position(|b| b.id == hidden.brand_id)
        .expect("its brand is listed");
    let brand = brands[position].clone();
    h.open_overlay('f', |o| matches!(o, Overlay::Form(_))).await;
    // Stock: any; Visibility: hidden only; Brand: that brand (after "any").
    h.press(KeyCode::Tab);
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Tab);
    for _ in 0..=position {
        h.press(KeyCode::Char(' '));
    }
    h.wait_for("the choices", move |s| {
        matches!(&s.edit.overlay, Some(Overlay::Form(f)) if f.fields[2].choice == position + 1)
    })
    .await;
    insta::assert_snapshot!("product_filter_form", h.body());
    let before = h.requests();
    h.press(KeyCode::Enter);
    h.wait_for("the filtered list", |s| {
        s.products.hidden && s.products.list.load == LoadState::Loaded
    })
    .await;
    let expected = store_answers(
        &h,
        ProductQuery {
            is_visible: Some(false),
            brand_id: Some(brand.id),
            ..ProductQuery::default()
        },
    )
    .await;
    assert!(!expected.is_empty(), "the seeded store has such products");
    assert_eq!(
        h.product_ids(),
        expected,
        "what the store answers for both filters"
    );
    let list_request = h.store.requests()[before..]
        .iter()
        .find(|r| r.path.contains("/v3/catalog/products?") && r.path.contains("sort="))
        .map(|r| r.path.clone())
        .unwrap_or_default();
    assert!(
        list_request.contains("is_visible=false")
            && list_request.contains(&format!("brand_id={}", brand.id)),
        "filtered by the store: {list_request}"
    );
    let fields = format!(
        "include_fields={}",
        bctui::app::panes::LIST_FIELDS.join("%2C")
    );
    assert!(
        list_request.contains(&fields) || list_request.contains(&fields.replace("%2C", ",")),
        "the list asks for only its fields: {list_request}"
    );
    let title = h.screen().lines().nth(2).unwrap_or_default().to_string();
    assert!(
        title.contains("· hidden") && title.contains(&format!("· brand {}", brand.name)),
        "{title}"
    );
    // Esc clears every filter.
    h.press(KeyCode::Esc);
    h.wait_for("the whole list", |s| {
        !s.products.hidden
            && s.products.brand.is_none()
            && s.products.list.load == LoadState::Loaded
    })
    .await;
    assert_eq!(h.state().products.list.rows.len(), 60);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn low_stock_in_a_category_from_the_filter_form() {
    let mut h = Harness::start(true).await;
    // List rows carry no categories: the store says which product is in one.
    let ids = h.product_ids();
    let mut category = None;
    for id in ids {
        if let Some(first) = h.product(id).await.categories.first() {
            category = Some(*first);
            break;
        }
    }
    let category = category.expect("a product in a category");
    h.press(KeyCode::Char('f'));
    // Stock: low stock; then down to Category and type its id.
    h.press(KeyCode::Char(' '));
    for _ in 0..3 {
        h.press(KeyCode::Tab);
    }
    h.type_text(&category.to_string());
    h.press(KeyCode::Enter);
    h.wait_for("the filtered list", move |s| {
        s.products
            .category
            .as_ref()
            .is_some_and(|(id, _)| *id == category)
            && s.products.list.load == LoadState::Loaded
    })
    .await;
    let expected = store_answers(
        &h,
        ProductQuery {
            inventory_low: true,
            categories_in: vec![category],
            ..ProductQuery::default()
        },
    )
    .await;
    assert_eq!(h.product_ids(), expected);
    let title = h.screen().lines().nth(2).unwrap_or_default().to_string();
    assert!(
        title.contains("· low stock") && title.contains("· category"),
        "{title}"
    );
}
