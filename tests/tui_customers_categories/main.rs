//! Customer and category editing end to end: the real app loop on a
//! `TestBackend` driven by keys against the store simulator, every result
//! checked through the API afterwards.

#[path = "../common/mod.rs"]
mod common;

use crossterm::event::KeyCode;

use bctui::app::list::LoadState;
pub use common::{Harness, PATIENCE, client_for};

impl Harness {
    /// A small store (20 products); the app is on the Products tab with the first page loaded.
    pub async fn start(read_only: bool) -> Harness {
        Harness::on_products(20, read_only).await
    }

    /// Selects the first category that has subcategories and expands it.
    pub async fn select_parent(&mut self) {
        let rows = &self.state().categories.rows;
        let index = rows
            .iter()
            .position(|r| r.has_children)
            .expect("a category with subcategories");
        for _ in 0..index {
            self.press(KeyCode::Char('j'));
        }
        self.wait_for("a parent selected", |s| {
            s.categories.selected_row().is_some_and(|r| r.has_children)
        })
        .await;
    }

    /// Opens tab `key` ('4' customers, '5' categories) and waits for its data.
    pub async fn open_customers(&mut self) {
        self.press(KeyCode::Char('4'));
        self.wait_for("the customers", |s| {
            s.customers.list.load == LoadState::Loaded && !s.customers.list.rows.is_empty()
        })
        .await;
    }

    pub async fn open_categories(&mut self) {
        self.press(KeyCode::Char('5'));
        self.wait_for("the categories", |s| {
            s.categories.load == LoadState::Loaded && !s.categories.rows.is_empty()
        })
        .await;
    }

    pub async fn wait_overlay(&mut self) {
        self.wait_for("a dialog or editor", |s| s.edit.overlay.is_some())
            .await;
    }

    /// Presses each key in a read-only profile: each is refused with a toast naming
    /// it as `what`, no dialog opens and nothing is written.
    pub async fn assert_refused_read_only(&mut self, keys: &[(char, &str)]) {
        for (key, what) in keys {
            self.press(KeyCode::Char(*key));
            let wanted = format!("{what} is disabled: bctui was started with --read-only");
            self.wait_for(&wanted.clone(), move |s| {
                s.toasts.iter().any(|t| t.text.starts_with(&wanted))
            })
            .await;
        }
        assert!(self.state().edit.overlay.is_none());
        assert!(self.writes().is_empty());
    }
}

mod categories;
mod customers;
mod shared;
