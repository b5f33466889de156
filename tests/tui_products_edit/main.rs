//! Product editing end to end: the real app loop (`Runner` on a `TestBackend`)
//! driven by keys against the store simulator, every result checked through
//! the API afterwards, and "nothing sent" checked in the simulator's request log.

#[path = "../common/mod.rs"]
mod common;

use std::str::FromStr;

use crossterm::event::KeyCode;
use rust_decimal::Decimal;

use bctui::api::models::{Product, ProductRow, ProductWrite};
use bctui::app::edit::Overlay;
pub use common::{Harness, PATIENCE, client_for};

impl Harness {
    /// 60 products; the app is on the Products tab with the first page loaded.
    pub async fn start(read_only: bool) -> Harness {
        Harness::on_products(60, read_only).await
    }

    pub fn row(&self, index: usize) -> ProductRow {
        self.state().products.list.rows[index].clone()
    }

    pub async fn product(&self, id: u64) -> Product {
        self.api
            .get_product(id, &[])
            .await
            .expect("the product loads")
    }

    /// A colleague sets product `id`'s price through the API.
    pub async fn colleague_sets_price(&self, id: u64, price: &str) {
        let theirs = ProductWrite {
            price: Some(money(price)),
            ..ProductWrite::default()
        };
        self.api
            .update_product(id, &theirs)
            .await
            .expect("the colleague's change is saved");
    }
}

impl Harness {
    /// `p`, `price` typed, Enter: an inline price edit of the selected row.
    pub fn enter_price(&self, price: &str) {
        self.press(KeyCode::Char('p'));
        self.type_text(price);
        self.press(KeyCode::Enter);
    }

    /// Space on the first `rows` rows: each mark moves the cursor down.
    pub fn mark_rows(&self, rows: usize) {
        for _ in 0..rows {
            self.press(KeyCode::Char(' '));
        }
    }

    /// `B`, `amount` typed into the bulk form, Enter; waits for the preview.
    pub async fn bulk_preview(&mut self, amount: &str) {
        self.press(KeyCode::Char('B'));
        self.type_text(amount);
        self.press(KeyCode::Enter);
        self.wait_bulk_preview().await;
    }

    /// Waits until the bulk change's preview is open.
    pub async fn wait_bulk_preview(&mut self) {
        self.wait_for("the preview", |s| {
            matches!(s.edit.overlay, Some(Overlay::BulkPreview(_)))
        })
        .await;
    }

    /// A colleague sets product 2's price to 200.00 while five products are being changed;
    /// then `key` sends the change. Waits for the report, which must say the colleague's
    /// product was not saved over, and returns the screen.
    pub async fn send_over_a_colleagues_price(&mut self, key: char) -> String {
        self.colleague_sets_price(2, "200.00").await;
        self.press(KeyCode::Char(key));
        self.wait_report("the report").await;
        let screen = self.screen();
        assert!(
            screen.contains("4 saved, 1 not saved") && screen.contains("changed by someone else"),
            "{screen}"
        );
        screen
    }

    /// Waits until the prompt about a value someone else changed is open.
    pub async fn wait_conflict_prompt(&mut self) {
        self.wait_for("the conflict prompt", |s| {
            matches!(s.edit.overlay, Some(Overlay::Conflict(_))) && s.edit.pending.is_empty()
        })
        .await;
    }
}

pub fn money(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

mod brands;
mod bulk_prices;
mod failed;
mod filters;
mod many;
mod search;
mod single;
