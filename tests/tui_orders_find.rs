//! Finding orders on the server: date and total ranges (`:orders since/until/min/max`),
//! the sort (`o`/`O`), and `/` with a customer's name; what the orders API cannot search
//! (a SKU, part of an email, a sort by total) is said on screen. Checked through the API.

#[path = "common/mod.rs"]
mod common;

use std::collections::BTreeSet;

use chrono::{TimeZone, Utc};
use crossterm::event::KeyCode;
use rust_decimal::Decimal;

use bctui::api::query::{CustomerQuery, OrderQuery};
use bctui::app::list::LoadState;
use bctui::app::panes::OrderFilter;
use bctui::app::{Mode, Tab};

use common::Harness;

async fn start() -> Harness {
    let mut h = Harness::launch(common::store_config(40, 60, 300), false, 120, 30).await;
    h.press(KeyCode::Char('3'));
    h.wait_for("the Orders tab", |s| {
        s.tab == Tab::Orders && s.orders.list.load == LoadState::Loaded && s.orders.counts.is_some()
    })
    .await;
    h.command("orders all");
    h.settle("every order").await;
    h
}

impl Harness {
    async fn settle(&mut self, what: &str) {
        self.wait_for(what, |s| {
            s.mode == Mode::Normal
                && s.orders.list.load == LoadState::Loaded
                && s.orders.counts_load == LoadState::Loaded
                && s.orders.looking_up.is_none()
        })
        .await;
    }

    /// Loads every page of the list.
    async fn load_all(&mut self) {
        for _ in 0..20 {
            if self.state().orders.list.next_page.is_none() {
                return;
            }
            let before = self.state().orders.list.rows.len();
            self.press(KeyCode::Char('G'));
            self.wait_for("the next page", move |s| {
                s.orders.list.load == LoadState::Loaded
                    && (s.orders.list.rows.len() > before || s.orders.list.next_page.is_none())
            })
            .await;
        }
    }

    /// `/`, the old text deleted, `text`, Enter.
    fn search(&self, text: &str) {
        self.press(KeyCode::Char('/'));
        for _ in 0..40 {
            self.press(KeyCode::Backspace);
        }
        self.type_text(text);
        self.press(KeyCode::Enter);
    }

    fn requested(&self, part: &str) -> bool {
        self.store.requests().iter().any(|r| r.path.contains(part))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn date_and_total_ranges_filter_on_the_server_and_the_title_says_so() {
    let mut h = start().await;
    h.command("orders since 2025-05-01 until 2025-05-15");
    h.wait_for("the date range", |s| s.orders.scope.since.is_some())
        .await;
    h.settle("the date range").await;
    h.load_all().await;
    let query = OrderQuery {
        min_date_created: Utc.with_ymd_and_hms(2025, 5, 1, 0, 0, 0).single(),
        max_date_created: Utc.with_ymd_and_hms(2025, 5, 15, 23, 59, 59).single(),
        ..OrderQuery::default()
    };
    let expected = h.api.all_orders(&query, |_| {}).await.expect("orders");
    assert!(!expected.is_empty() && expected.len() < 300);
    let shown: Vec<u64> = h.order_column(|o| o.id);
    assert_eq!(shown.len(), expected.len());
    assert_eq!(h.state().orders.list.total, Some(expected.len() as u64));
    assert!(h.requested("min_date_created="), "sent to the server");
    assert!(
        h.screen().contains("created 2025-05-01 to 2025-05-15"),
        "{}",
        h.screen()
    );

    h.command("orders min 100 max 500");
    h.wait_for("the total range", |s| s.orders.scope.min_total.is_some())
        .await;
    h.settle("both ranges").await;
    h.load_all().await;
    let query = OrderQuery {
        min_total: Some(Decimal::from(100)),
        max_total: Some(Decimal::from(500)),
        ..query
    };
    let expected = h.api.all_orders(&query, |_| {}).await.expect("orders");
    let rows = &h.state().orders.list.rows;
    assert_eq!(rows.len(), expected.len());
    assert!(rows.iter().all(|o| o.total_inc_tax >= Decimal::from(100)
        && o.total_inc_tax <= Decimal::from(500)));
    assert!(h.requested("min_total=100"));
    assert!(h.screen().contains("total 100 to 500"), "{}", h.screen());

    h.command("orders max 5 min 10");
    h.wait_toast("min 10 is more than max 5").await;
    h.command("orders clear");
    h.wait_for("no ranges", |s| s.orders.scope == Default::default())
        .await;
    h.settle("every order again").await;
    assert_eq!(h.state().orders.list.total, Some(300));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn o_sorts_on_the_server_and_total_is_refused_with_a_reason() {
    let mut h = start().await;
    h.press(KeyCode::Char('o'));
    h.wait_for("the status sort", |s| s.orders.scope.sort.is_some())
        .await;
    h.settle("sorted by status").await;
    // The all-orders view is newest first: the first `o` keeps that direction.
    assert!(h.requested("status_id%3Adesc") || h.requested("status_id:desc"));
    let statuses: Vec<u32> = h.order_column(|o| o.status_id);
    assert!(statuses.windows(2).all(|w| w[0] >= w[1]), "{statuses:?}");
    assert!(h.screen().contains("by status ↓"), "{}", h.screen());

    h.press(KeyCode::Char('O'));
    h.wait_for("the other direction", |s| {
        s.orders.scope.sort.is_some_and(|s| !s.descending)
    })
    .await;
    h.settle("sorted by status, ascending").await;
    let statuses: Vec<u32> = h.order_column(|o| o.status_id);
    assert!(statuses.windows(2).all(|w| w[0] <= w[1]), "{statuses:?}");

    h.press(KeyCode::Char('o'));
    h.wait_for("the customer sort", |s| {
        s.orders
            .scope
            .sort
            .is_some_and(|s| s.key == bctui::app::orders::SortKey::Customer)
    })
    .await;
    h.settle("sorted by customer").await;
    let customers: Vec<u64> = h.order_column(|o| o.customer_id);
    assert!(customers.windows(2).all(|w| w[0] <= w[1]), "{customers:?}");
    assert!(h.screen().contains("by customer ↑"), "{}", h.screen());

    h.command("orders sort total");
    h.wait_toast("cannot sort by total").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slash_finds_a_customers_orders_by_name_and_says_what_the_api_cannot_search() {
    let mut h = start().await;
    // A customer with orders, by the API.
    let order = h
        .state()
        .orders
        .list
        .rows
        .iter()
        .find(|o| o.customer_id != 0)
        .expect("an order with an account")
        .clone();
    let query = CustomerQuery {
        id_in: vec![order.customer_id],
        ..CustomerQuery::default()
    };
    let customer = h
        .api
        .list_customers(&query)
        .await
        .expect("the customer")
        .items[0]
        .clone();
    let name = format!("{} {}", customer.first_name, customer.last_name);
    h.search(&name);
    let id = customer.id;
    h.wait_for("the customer's orders", move |s| {
        s.orders.filter == Some(OrderFilter::Customer(id))
    })
    .await;
    h.settle("the customer's orders").await;
    let expected = h
        .api
        .all_orders(
            &OrderQuery {
                customer_id: Some(id),
                ..OrderQuery::default()
            },
            |_| {},
        )
        .await
        .expect("orders");
    let rows = &h.state().orders.list.rows;
    assert_eq!(rows.len(), expected.len());
    assert!(rows.iter().all(|o| o.customer_id == id));
    assert!(h.requested("name%3Alike=") || h.requested("name:like="));
    assert!(
        h.screen().contains(&format!("{name} (customer #{id})")),
        "{}",
        h.screen()
    );

    h.search("sku:MUG-1");
    h.wait_toast("no SKU filter").await;
    h.search("amara@");
    h.wait_toast("whole email address only").await;
    h.search("Zzyzx Nobody");
    h.wait_toast("No customer's name contains").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_several_customers_share_shows_all_their_orders() {
    let mut h = start().await;
    // A last name shared by two to ten customers, as the API's name:like finds it.
    let all = h
        .api
        .list_customers(&CustomerQuery {
            limit: Some(250),
            ..CustomerQuery::default()
        })
        .await
        .expect("customers")
        .items;
    let mut chosen = None;
    for c in &all {
        let query = CustomerQuery {
            name_like: Some(c.last_name.clone()),
            limit: Some(250),
            ..CustomerQuery::default()
        };
        let found = h.api.list_customers(&query).await.expect("found").items;
        if (2..=10).contains(&found.len()) {
            chosen = Some((c.last_name.clone(), found));
            break;
        }
    }
    let (name, found) = chosen.expect("a shared last name in the seeded store");
    let ids: Vec<u64> = found.iter().map(|c| c.id).collect();
    let mut expected = BTreeSet::new();
    for id in &ids {
        let query = OrderQuery {
            customer_id: Some(*id),
            ..OrderQuery::default()
        };
        for o in h.api.all_orders(&query, |_| {}).await.expect("orders") {
            expected.insert(o.id);
        }
    }
    h.search(&name);
    let wanted = ids.clone();
    h.wait_for("the customers' orders", move |s| {
        s.orders.filter == Some(OrderFilter::Customers(wanted.clone()))
    })
    .await;
    h.settle("their orders").await;
    let shown: BTreeSet<u64> = h.order_column(|o| o.id).into_iter().collect();
    assert_eq!(shown, expected);
    assert_eq!(h.state().orders.list.total, Some(expected.len() as u64));
    let title = format!("{} customers named like {name:?}", ids.len());
    assert!(h.screen().contains(&title), "{}", h.screen());
}
