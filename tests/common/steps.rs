//! Steps the suites share: the Products and Orders tabs opened as a test starts, rows,
//! details and dialogs opened by their keys, and a colleague's write through the API.

use crossterm::event::KeyCode;

use bctui::api::models::{Order, OrderRow, OrderUpdate};
use bctui::app::edit::Overlay;
use bctui::app::list::LoadState;
use bctui::app::orders::OrderDialog;
use bctui::app::{AppState, Tab};

use super::{Driver, Harness, store_config};

impl Driver {
    /// `/` and `text` typed: waits until the Products list the store filtered by it is in.
    pub async fn search_products(&mut self, text: &str) {
        self.press(KeyCode::Char('/'));
        self.type_text(text);
        self.wait_for("the filtered list", |s| {
            s.products.keyword.as_deref() == Some(text) && s.products.list.load == LoadState::Loaded
        })
        .await;
    }

    /// Moves the cursor down `index` rows of the Products list and opens that product's
    /// detail; waits until it is loaded.
    pub async fn open_product_row(&mut self, index: usize) {
        self.down(index);
        self.press(KeyCode::Enter);
        self.wait_for("the product detail", |s| {
            s.products.detail.as_ref().is_some_and(|d| d.data.is_some())
        })
        .await;
    }

    /// Moves the cursor down `index` rows of the Customers list and opens that customer's
    /// detail; waits until it is loaded.
    pub async fn open_customer_row(&mut self, index: usize) {
        self.down(index);
        self.press(KeyCode::Enter);
        self.wait_for("the customer detail", |s| {
            s.customers
                .detail
                .as_ref()
                .is_some_and(|d| d.data.is_some())
        })
        .await;
    }

    /// Opens order `id` with `:order` and waits until its detail is loaded.
    pub async fn open_order(&mut self, id: u64) {
        self.command(&format!("order {id}"));
        self.wait_for("the order detail", move |s| {
            s.tab == Tab::Orders
                && s.orders
                    .detail
                    .as_ref()
                    .is_some_and(|d| d.id == id && d.load == LoadState::Loaded)
        })
        .await;
    }

    /// `s`, then the picker moved to `status_id`, then Enter.
    pub async fn pick_status(&mut self, status_id: u32) {
        self.press(KeyCode::Char('s'));
        self.wait_for("the status picker", |s| {
            matches!(s.orders.dialog, Some(OrderDialog::Status(_)))
        })
        .await;
        let Some(OrderDialog::Status(dialog)) = &self.state().orders.dialog else {
            unreachable!("waited for it");
        };
        let target = self
            .state()
            .orders
            .status_labels()
            .iter()
            .position(|(id, _)| *id == status_id)
            .expect("the status is offered");
        let (key, steps) = if target >= dialog.cursor {
            ('j', target - dialog.cursor)
        } else {
            ('k', dialog.cursor - target)
        };
        for _ in 0..steps {
            self.press(KeyCode::Char(key));
        }
        self.press(KeyCode::Enter);
    }

    /// `key` on the Orders tab; waits until a dialog `wanted` accepts is open.
    pub async fn open_order_dialog(&mut self, key: char, wanted: fn(&OrderDialog) -> bool) {
        self.press_until(key, |s| s.orders.dialog.as_ref().is_some_and(wanted))
            .await;
    }

    /// `key`; waits until an editor or dialog `wanted` accepts is open.
    pub async fn open_overlay(&mut self, key: char, wanted: fn(&Overlay) -> bool) {
        self.press_until(key, |s| s.edit.overlay.as_ref().is_some_and(wanted))
            .await;
    }

    /// `key`; waits until what it opens is open.
    async fn press_until(&mut self, key: char, opened: impl FnMut(&AppState) -> bool) {
        self.press(KeyCode::Char(key));
        self.wait_for(&format!("the dialog of `{key}`"), opened)
            .await;
    }

    /// `j` `rows` times.
    pub fn down(&self, rows: usize) {
        for _ in 0..rows {
            self.press(KeyCode::Char('j'));
        }
    }

    /// The ids of the products the list shows, in its order.
    pub fn product_ids(&self) -> Vec<u64> {
        self.state()
            .products
            .list
            .rows
            .iter()
            .map(|p| p.id)
            .collect()
    }

    /// `field` of each order the list shows, in its order.
    pub fn order_column<T>(&self, field: impl Fn(&OrderRow) -> T) -> Vec<T> {
        self.state().orders.list.rows.iter().map(field).collect()
    }

    /// The index in the Orders list of the first order `wanted` accepts.
    pub fn order_index(&self, wanted: impl Fn(&OrderRow) -> bool) -> Option<usize> {
        self.state().orders.list.rows.iter().position(wanted)
    }
}

impl Harness {
    /// The id of the order under the Orders list's cursor.
    pub fn selected_id(&self) -> u64 {
        self.state()
            .orders
            .list
            .selected()
            .expect("a selected order")
            .id
    }

    /// Moves the list cursor to row `index`.
    pub async fn select_row(&mut self, index: usize) {
        self.press(KeyCode::Char('g'));
        for _ in 0..index {
            self.press(KeyCode::Char('j'));
        }
        self.wait_for("the cursor", |s| s.orders.list.cursor == index)
            .await;
    }

    /// Waits until the write came back refused: nothing was sent.
    pub async fn wait_not_sent(&mut self) {
        self.wait_for("the refusal", |s| {
            s.orders.writing.is_none() && s.toasts.iter().any(|t| t.text.contains("Not sent"))
        })
        .await;
    }

    /// Order `id` as the store has it.
    pub async fn api_order(&self, id: u64) -> Order {
        self.api.get_order(id).await.expect("the order")
    }

    /// `products` products at 120x30; the app is on the Products tab with the first page
    /// and the store's name loaded.
    pub async fn on_products(products: usize, read_only: bool) -> Harness {
        let config = store_config(products, 10, 10);
        let mut h = Harness::launch(config, read_only, 120, 30).await;
        h.wait_for("the first products", |s| {
            s.products.list.load == LoadState::Loaded
                && !s.products.list.rows.is_empty()
                && s.header.store_name.is_some()
        })
        .await;
        h
    }

    /// 300 orders at 100x30; the app is on the Orders tab (its `3` key) with the
    /// needs-action view, its counts and the store's statuses loaded.
    pub async fn on_orders(read_only: bool) -> Harness {
        let mut h = Harness::launch(store_config(40, 60, 300), read_only, 100, 30).await;
        h.press(KeyCode::Char('3'));
        h.wait_for("the needs-action view, counts and statuses", |s| {
            s.tab == Tab::Orders
                && s.orders.list.load == LoadState::Loaded
                && s.orders.counts.is_some()
                && !s.orders.statuses.is_empty()
        })
        .await;
        h
    }

    /// A colleague sets order `id`'s status through the API.
    pub async fn colleague_sets_status(&self, id: u64, status_id: u32) {
        let update = OrderUpdate {
            status_id: Some(status_id),
            ..Default::default()
        };
        self.api
            .update_order(id, &update)
            .await
            .expect("the colleague's change is saved");
    }
}
