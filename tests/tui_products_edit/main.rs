//! Product editing end to end: the real app loop (`Runner` on a `TestBackend`)
//! driven by keys against the store simulator, every result checked through
//! the API afterwards, and "nothing sent" checked in the simulator's request log.

#[path = "../common/mod.rs"]
mod common;

use std::str::FromStr;

use rust_decimal::Decimal;

use bctui::api::models::{Product, ProductRow, ProductWrite};
use bctui::app::list::LoadState;
pub use common::{Harness, PATIENCE, client_for};

impl Harness {
    /// 60 products; the app is on the Products tab with the first page loaded.
    pub async fn start(read_only: bool) -> Harness {
        let mut h = Harness::launch(common::store_config(60, 10, 10), read_only, 120, 30).await;
        h.wait_for("the first products", |s| {
            s.products.list.load == LoadState::Loaded
                && !s.products.list.rows.is_empty()
                && s.header.store_name.is_some()
        })
        .await;
        h
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
