//! Screen snapshots of every pane loaded, empty, loading and failed, at
//! 100x30 and 80x24, and the monochrome theme; the fixed model values and states the
//! other screen tests build on (details and overlays: `detail_tests`).
//! States are built from fixed model values, so snapshots never depend on the clock.

use std::str::FromStr;

use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use rust_decimal::Decimal;

use super::draw;
use crate::api::models::*;
use crate::app::list::LoadState;
use crate::app::panes::OrderFilter;
use crate::app::{AppState, RateInfo, Tab};

pub(super) fn money(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

pub(super) fn at(day: u32, hour: u32) -> Option<chrono::DateTime<Utc>> {
    Utc.with_ymd_and_hms(2025, 3, day, hour, 15, 0).single()
}

const NAMES: [&str; 6] = [
    "Orbit Terrarium",
    "Canvas Laundry Bag",
    "Ceramic Pour-Over Coffee Dripper",
    "Utility Caddy",
    "Tiered Wire Basket",
    "Oak Serving Board",
];

/// Product `i` as the list holds it.
fn row(i: u64) -> ProductRow {
    ProductRow::from(&product(i))
}

pub(super) fn product(i: u64) -> Product {
    Product {
        id: 100 + i,
        name: NAMES[i as usize % NAMES.len()].to_string(),
        sku: format!("SKU-{:04}", 100 + i),
        price: money("49.95") + Decimal::from(i),
        sale_price: if i.is_multiple_of(3) {
            money("39.50")
        } else {
            Decimal::ZERO
        },
        inventory_level: (i as i64 * 7) % 40,
        is_visible: i % 4 != 3,
        availability: if i % 5 == 4 {
            Availability::Preorder
        } else {
            Availability::Available
        },
        date_modified: at(1 + (i % 20) as u32, 10),
        categories: vec![20, 21],
        ..Product::default()
    }
}

pub(super) fn order(i: u64) -> Order {
    let (status_id, status) = [
        (11, "Awaiting Fulfillment"),
        (2, "Shipped"),
        (10, "Completed"),
        (1, "Pending"),
    ][i as usize % 4];
    Order {
        id: 5000 - i,
        date_created: at(28 - (i % 20) as u32, 9),
        status_id,
        status: status.to_string(),
        items_total: 1 + i % 4,
        items_shipped: 0,
        total_inc_tax: money("129.9000") + Decimal::from(i * 3),
        currency_code: "USD".to_string(),
        payment_method: "Credit Card".to_string(),
        billing_address: OrderAddress {
            first_name: ["Ada", "Grace", "Linus", "Barbara"][i as usize % 4].to_string(),
            last_name: ["Lovelace", "Hopper", "Torvalds", "Liskov"][i as usize % 4].to_string(),
            email: format!("buyer{i}@example.com"),
            street_1: "12 Harbour Road".to_string(),
            city: "Leeds".to_string(),
            zip: "LS1 4AP".to_string(),
            country: "United Kingdom".to_string(),
            ..OrderAddress::default()
        },
        staff_notes: "Gift wrap requested".to_string(),
        customer_message: "Please leave at the door".to_string(),
        ..Order::default()
    }
}

/// Customer `i` as the list holds it.
fn customer_row(i: u64) -> CustomerRow {
    CustomerRow::from(&customer(i))
}

pub(super) fn customer(i: u64) -> Customer {
    Customer {
        id: 1 + i,
        first_name: ["Ada", "Grace", "Linus", "Barbara"][i as usize % 4].to_string(),
        last_name: ["Lovelace", "Hopper", "Torvalds", "Liskov"][i as usize % 4].to_string(),
        email: format!("customer{i}@example.com"),
        company: if i.is_multiple_of(2) {
            "Analytical Engines Ltd".to_string()
        } else {
            String::new()
        },
        phone: format!("+44 113 496 {:04}", i),
        customer_group_id: i % 3,
        date_created: at(2 + (i % 20) as u32, 8),
        ..Customer::default()
    }
}

fn category(id: u64, parent: u64, name: &str, order: i64) -> TreeCategory {
    TreeCategory {
        category_id: id,
        tree_id: 1,
        parent_id: parent,
        name: name.to_string(),
        sort_order: order,
        is_visible: id != 23,
        page_title: format!("{name} | Demo Store"),
        url: Some(CategoryUrl {
            path: format!("/{}/", name.to_lowercase().replace(' ', "-")),
            is_customized: false,
        }),
        ..TreeCategory::default()
    }
}

fn counts() -> OrderCount {
    let status = |id, name: &str, count, sort_order| OrderStatusCount {
        id,
        name: name.to_string(),
        count,
        sort_order,
        ..OrderStatusCount::default()
    };
    OrderCount {
        statuses: vec![
            status(1, "Pending", 12, 1),
            status(11, "Awaiting Fulfillment", 240, 3),
            status(2, "Shipped", 2100, 8),
            status(10, "Completed", 3600, 7),
            status(5, "Cancelled", 0, 9),
        ],
        count: 5952,
    }
}

pub(super) fn base_state() -> AppState {
    let mut state = AppState::for_tests("demo", "ops@shop-admin", false);
    state.header.store_name = Some("Demo Store".to_string());
    state.header.rate = Some(RateInfo {
        left: 437,
        quota: 450,
        resume_in_secs: None,
    });
    state
}

pub(super) fn loaded_state(size: (u16, u16)) -> AppState {
    let mut state = base_state();
    state.size = size;
    let viewport = state.list_rows();
    state
        .products
        .list
        .append_page(1, (0..250).map(row).collect(), 250, Some(2000));
    state.products.list.move_by(3, viewport);
    state.orders.counts = Some(counts());
    // The "all orders" view (the default is needs-action).
    state.orders.needs_action = false;
    state.orders.list.append_page(
        1,
        (0..40).map(|i| OrderRow::from(&order(i))).collect(),
        250,
        Some(5952),
    );
    state.orders.list.total = Some(5952);
    state
        .customers
        .list
        .append_page(1, (0..30).map(customer_row).collect(), 250, Some(1500));
    state.customers.list.total = Some(1500);
    state.customers.groups = [(1, "Wholesale"), (2, "VIP")]
        .map(|(id, name)| CustomerGroup {
            id,
            name: name.to_string(),
            ..CustomerGroup::default()
        })
        .to_vec();
    state.categories.set_categories(vec![
        category(20, 0, "Kitchen", 1),
        category(21, 20, "Cookware", 1),
        category(22, 20, "Tableware", 2),
        category(23, 0, "Garden", 2),
        category(24, 23, "Planters", 1),
        category(25, 0, "Laundry", 3),
    ]);
    state.categories.load = LoadState::Loaded;
    state.categories.expand();
    state.categories.move_by(1, viewport);
    state
}

pub(super) fn render(state: &AppState, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| draw(frame, state)).unwrap();
    terminal
}

const SIZES: [(u16, u16); 2] = [(100, 30), (80, 24)];

pub(super) fn snapshot_tab(tab: Tab, variant: &str, build: impl Fn((u16, u16)) -> AppState) {
    for (width, height) in SIZES {
        let mut state = build((width, height));
        state.tab = tab;
        let terminal = render(&state, width, height);
        let name = format!("{}_{variant}_{width}x{height}", tab.title().to_lowercase());
        insta::assert_snapshot!(name, terminal.backend());
    }
}

fn empty_state(size: (u16, u16)) -> AppState {
    let mut state = base_state();
    state.size = size;
    state.products.list.append_page(1, Vec::new(), 250, Some(0));
    state.orders.counts = Some(OrderCount::default());
    state.orders.list.append_page(1, Vec::new(), 250, None);
    state
        .customers
        .list
        .append_page(1, Vec::new(), 250, Some(0));
    state.categories.set_categories(Vec::new());
    state.categories.load = LoadState::Loaded;
    state
}

fn loading_state(size: (u16, u16)) -> AppState {
    let mut state = base_state();
    state.header.store_name = None;
    state.header.rate = None;
    state.size = size;
    state.products.list.start(1);
    state.orders.list.start(2);
    state.orders.counts_load = LoadState::Loading(3);
    state.customers.list.start(4);
    state.categories.load = LoadState::Loading(5);
    state
}

fn failed_state(size: (u16, u16)) -> AppState {
    let mut state = base_state();
    state.size = size;
    let message = "403 Forbidden: You don't have a required scope to access the endpoint \
                   (the API account needs the store_v2_products scope)"
        .to_string();
    state.products.list.fail(message.clone());
    state.orders.list.fail(message.clone());
    state.customers.list.fail(message.clone());
    state.categories.load = LoadState::Failed(message);
    // The panes say it in full; the header says the store refused, in place of
    // a quota that would look as if all were well. No toast repeats it.
    state.header.refused = Some(403);
    state
}

#[test]
fn panes_loaded() {
    // Home and Webhooks have their own snapshots (home_tests, hooks_tests).
    for tab in Tab::ALL
        .into_iter()
        .filter(|tab| !matches!(tab, Tab::Home | Tab::Webhooks))
    {
        snapshot_tab(tab, "loaded", loaded_state);
    }
}

/// Builds a state for a screen of the given size.
type StateAt = fn((u16, u16)) -> AppState;

#[test]
fn panes_empty_loading_and_failed() {
    let states: [(&str, StateAt); 3] = [
        ("empty", empty_state),
        ("loading", loading_state),
        ("failed", failed_state),
    ];
    for (variant, build) in states {
        for tab in [Tab::Products, Tab::Orders, Tab::Customers, Tab::Categories] {
            snapshot_tab(tab, variant, build);
        }
    }
}

#[test]
fn filtered_and_rate_limited() {
    snapshot_tab(Tab::Orders, "filtered_paused", |size| {
        let mut state = loaded_state(size);
        state.header.read_only = true;
        state.header.rate = Some(RateInfo {
            left: 0,
            quota: 450,
            resume_in_secs: Some(4),
        });
        state.orders.status = Some((11, "Awaiting Fulfillment".to_string()));
        state.orders.filter = Some(OrderFilter::Email("buyer1@example.com".to_string()));
        state
    });
}

#[test]
fn monochrome_marks_selection_with_modifiers_only() {
    let mut state = loaded_state((100, 30));
    state.monochrome = true;
    let terminal = render(&state, 100, 30);
    let buffer = terminal.backend().buffer();
    // Text alone would match the coloured screen: the snapshot lists the modifiers too.
    insta::assert_snapshot!(
        "products_no_color_100x30",
        format!("{}\n{}", terminal.backend(), modifier_runs(buffer))
    );
    for cell in buffer.content() {
        assert_eq!(
            cell.fg,
            Color::Reset,
            "a colour slipped into the monochrome theme"
        );
        assert_eq!(
            cell.bg,
            Color::Reset,
            "a colour slipped into the monochrome theme"
        );
    }
    // The selected product row (cursor 3) is reversed.
    let row_y = 4 + 3;
    let cell = &buffer[(2, row_y)];
    assert!(
        cell.modifier.contains(Modifier::REVERSED),
        "selection must be reversed"
    );
}

/// Each row's runs of cells that carry modifiers, e.g. `row 7: 0-99 REVERSED`.
fn modifier_runs(buffer: &ratatui::buffer::Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut runs: Vec<(u16, u16, Modifier)> = Vec::new();
        for x in area.left()..area.right() {
            let modifier = buffer[(x, y)].modifier;
            match runs.last_mut() {
                Some((_, end, m)) if *m == modifier && *end + 1 == x => *end = x,
                _ => runs.push((x, x, modifier)),
            }
        }
        let runs: Vec<String> = runs
            .into_iter()
            .filter(|(_, _, m)| !m.is_empty())
            .map(|(start, end, m)| format!("{start}-{end} {m:?}"))
            .collect();
        if !runs.is_empty() {
            out.push_str(&format!("row {y:2}: {}\n", runs.join(", ")));
        }
    }
    out
}

#[test]
fn only_visible_rows_are_built_for_huge_lists() {
    let mut state = base_state();
    state.size = (100, 30);
    let rows: Vec<ProductRow> = (0..100_000).map(row).collect();
    state
        .products
        .list
        .append_page(1, rows, 100_000, Some(100_000));
    state.products.list.move_by(99_990, state.list_rows());
    // Frame cost with 100,000 rows is measured by `cargo bench --bench render`.
    let terminal = render(&state, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("100090"), "the cursor row is on screen");
}
