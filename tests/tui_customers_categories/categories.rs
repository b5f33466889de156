//! Categories: create child and top level, rename, visibility, delete with children.

use crossterm::event::{KeyCode, KeyModifiers};

use bctui::api::models::TreeCategory;
use bctui::api::query::TreeCategoryQuery;

use crate::Harness;

async fn all(h: &Harness) -> Vec<TreeCategory> {
    h.api
        .all_tree_categories(&TreeCategoryQuery::default(), |_| {})
        .await
        .expect("categories load")
}

/// The stored category that `wanted` picks; the test fails if there is none.
async fn stored(h: &Harness, wanted: impl Fn(&TreeCategory) -> bool) -> TreeCategory {
    all(h)
        .await
        .into_iter()
        .find(|c| wanted(c))
        .expect("the category is stored")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_child_and_top_level() {
    let mut h = Harness::start(false).await;
    h.open_categories().await;
    let parent = h.state().categories.selected().unwrap().clone();
    h.press(KeyCode::Char('c'));
    h.wait_overlay().await;
    insta::assert_snapshot!("category_create_form", h.body());
    h.type_text("Spoons");
    h.press(KeyCode::Tab);
    h.press(KeyCode::Char(' ')); // hidden
    h.press(KeyCode::Tab);
    h.type_text("7");
    h.press(KeyCode::Enter);
    h.wait_toast("Created category").await;
    h.wait_for("the new category selected", |s| {
        s.categories.selected().is_some_and(|c| c.name == "Spoons")
    })
    .await;
    let spoons = stored(&h, |c| c.name == "Spoons").await;
    assert_eq!(spoons.parent_id, parent.category_id);
    assert!(!spoons.is_visible);
    assert_eq!(spoons.sort_order, 7);
    assert!(h.state().categories.opened.contains(&parent.category_id));

    h.press(KeyCode::Char('C'));
    h.wait_overlay().await;
    h.type_text("Clearance");
    h.press(KeyCode::Enter);
    h.wait_toast("Clearance").await;
    let top = stored(&h, |c| c.name == "Clearance").await;
    assert_eq!(top.parent_id, 0);
    assert!(top.is_visible);
    assert_eq!(top.tree_id, parent.tree_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_and_toggle_visibility_keep_the_tree() {
    let mut h = Harness::start(false).await;
    h.open_categories().await;
    // Expand a parent and select its first child.
    h.select_parent().await;
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('j'));
    h.wait_for("a child selected", |s| {
        s.categories
            .selected_row()
            .is_some_and(|r| r.path.len() == 2)
    })
    .await;
    let child = h.state().categories.selected().unwrap().clone();
    let opened = h.state().categories.opened.clone();
    h.press(KeyCode::Char('e'));
    h.wait_overlay().await;
    insta::assert_snapshot!("category_edit_form", h.body());
    // The name opens with its text; Ctrl-u clears it.
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_text("Renamed");
    h.press(KeyCode::Enter);
    h.wait_toast("Saved category").await;
    let saved = stored(&h, |c| c.category_id == child.category_id).await;
    assert_eq!(saved.name, "Renamed");
    assert_eq!(saved.is_visible, child.is_visible);

    let was = child.is_visible;
    h.press(KeyCode::Char(' '));
    h.wait_for("the visibility saved", move |s| {
        s.edit.pending.is_empty() && s.categories.selected().is_some_and(|c| c.is_visible != was)
    })
    .await;
    // Someone else renames it; `r` shows that, and keeps the tree as it was.
    let elsewhere = bctui::api::models::TreeCategoryWrite {
        category_id: Some(child.category_id),
        name: Some("Renamed Elsewhere".into()),
        ..Default::default()
    };
    h.api.update_tree_categories(&[elsewhere]).await.unwrap();
    h.press(KeyCode::Char('r'));
    h.wait_for("the reload", |s| {
        s.categories.load == bctui::app::list::LoadState::Loaded
            && s.categories
                .all
                .iter()
                .any(|c| c.name == "Renamed Elsewhere")
    })
    .await;
    let saved = stored(&h, |c| c.category_id == child.category_id).await;
    assert_eq!(saved.is_visible, !child.is_visible);
    let state = h.state();
    assert_eq!(state.categories.opened, opened, "expanded nodes kept");
    assert_eq!(
        state.categories.selected().map(|c| c.category_id),
        Some(child.category_id),
        "selection kept"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_with_children_says_they_go_too() {
    let mut h = Harness::start(false).await;
    h.open_categories().await;
    h.select_parent().await;
    let target = h.state().categories.selected().unwrap().clone();
    let below = bctui::app::edit::category::descendants(h.state(), target.category_id);
    h.press(KeyCode::Char('x'));
    h.wait_overlay().await;
    let screen = h.screen();
    assert!(screen.contains("subcategories are deleted too"), "{screen}");
    assert!(
        screen.contains(&format!("Subcategories: {}", below.len())),
        "{screen}"
    );
    insta::assert_snapshot!("category_delete_dialog", h.body());
    h.press(KeyCode::Esc);
    h.wait_for("closed", |s| s.edit.overlay.is_none()).await;
    assert!(h.writes().is_empty());
    h.press(KeyCode::Char('x'));
    h.wait_overlay().await;
    h.press(KeyCode::Char('y'));
    h.wait_toast("Deleted category").await;
    let left = all(&h).await;
    assert!(left.iter().all(|c| c.category_id != target.category_id));
    assert!(left.iter().all(|c| !below.contains(&c.category_id)));
    h.wait_for("the tree re-read", |s| {
        s.categories
            .all
            .iter()
            .all(|c| c.category_id != target.category_id)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_refuses_category_writes() {
    let mut h = Harness::start(true).await;
    h.open_categories().await;
    h.assert_refused_read_only(&[
        ('c', "c (create)"),
        ('C', "C (create top-level category)"),
        ('e', "e (edit field)"),
        (' ', "Space (show/hide category)"),
        ('x', "x (delete)"),
    ])
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rename_over_a_colleagues_rename_is_not_sent() {
    let mut h = Harness::start(false).await;
    h.open_categories().await;
    let category = h.state().categories.selected().unwrap().clone();
    // A colleague renames it after the tree loaded.
    let theirs = bctui::api::models::TreeCategoryWrite {
        category_id: Some(category.category_id),
        name: Some("Their Name".into()),
        ..Default::default()
    };
    h.api
        .update_tree_categories(&[theirs])
        .await
        .expect("their rename");
    h.press(KeyCode::Char('e'));
    h.wait_overlay().await;
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_text("Our Name");
    h.press(KeyCode::Enter);
    h.wait_refused_as_changed().await;
    let stored = stored(&h, |c| c.category_id == category.category_id).await;
    assert_eq!(stored.name, "Their Name", "theirs is kept");
}
