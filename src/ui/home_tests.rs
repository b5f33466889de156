//! Snapshots of the Home tab loaded, loading and failed at 100x30 and 80x24,
//! and in the monochrome theme. The figures come from fixed orders dated
//! relative to the test clock's anchor, so the snapshots pass on any day.

use std::str::FromStr;

use chrono::{Duration, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use rust_decimal::Decimal;

use super::draw;
use crate::api::models::{
    Order, OrderAddress, OrderCount, OrderStatusCount, Product, StoreTimezone,
};
use crate::app::home::sales::Sales;
use crate::app::home::{Section, Stock};
use crate::app::list::LoadState;
use crate::app::{AppState, Tab};

const SIZES: [(u16, u16); 2] = [(100, 30), (80, 24)];

fn base_state() -> AppState {
    let mut state = super::tests::base_state();
    state.tab = Tab::Home;
    state
}

fn los_angeles() -> StoreTimezone {
    StoreTimezone {
        name: "America/Los_Angeles".to_string(),
        raw_offset: -28_800,
        dst_offset: -25_200,
        dst_correction: true,
    }
}

/// Orders over the 60 days before the anchor: a few a day, amounts that vary.
fn orders() -> Vec<Order> {
    let anchor = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
    let mut orders = Vec::new();
    for day in 0..60i64 {
        for n in 0..(1 + (day * 7) % 5) {
            let id = 1000 + (day * 10 + n) as u64;
            orders.push(Order {
                id,
                date_created: Some(anchor - Duration::days(day) - Duration::hours(n + 1)),
                status_id: if n == 3 { 5 } else { 11 },
                total_inc_tax: Decimal::from_str("19.99").unwrap()
                    + Decimal::from((day * 13 + n * 29) % 90),
                billing_address: OrderAddress {
                    first_name: ["Ada", "Grace", "Linus"][n as usize % 3].to_string(),
                    last_name: ["Lovelace", "Hopper", "Torvalds"][n as usize % 3].to_string(),
                    ..OrderAddress::default()
                },
                ..Order::default()
            });
        }
    }
    orders
}

fn status(id: u32, name: &str, count: u64) -> OrderStatusCount {
    OrderStatusCount {
        id,
        name: name.to_string(),
        count,
        ..OrderStatusCount::default()
    }
}

fn product(name: &str, total_sold: i64) -> Product {
    Product {
        name: name.to_string(),
        total_sold,
        ..Product::default()
    }
}

fn loaded(size: (u16, u16)) -> AppState {
    let mut state = base_state();
    state.size = size;
    let now = state.clock.now();
    let mut sales = Sales::start(1, 30);
    sales.set_store("USD".to_string(), Some(&los_angeles()));
    sales.set_now(now);
    sales.page(&orders());
    sales.load = LoadState::Loaded;
    state.home.sales = sales;
    state.home.counts = Section {
        load: LoadState::Loaded,
        data: Some(OrderCount {
            statuses: vec![
                status(7, "Awaiting Payment", 36),
                status(11, "Awaiting Fulfillment", 151),
                status(9, "Awaiting Shipment", 42),
                status(8, "Awaiting Pickup", 9),
                status(12, "Manual Verification Required", 3),
                status(13, "Disputed", 2),
                status(10, "Completed", 4000),
            ],
            count: 4243,
        }),
    };
    state.home.stock = Section {
        load: LoadState::Loaded,
        data: Some(Stock {
            low: 23,
            low_names: vec!["Orbit Terrarium".to_string(), "Utility Caddy".to_string()],
            out: 4,
            out_names: vec!["Oak Serving Board".to_string()],
        }),
    };
    state.home.top_sellers = Section {
        load: LoadState::Loaded,
        data: Some(vec![
            product("Canvas Laundry Bag", 1204),
            product("Ceramic Pour-Over Coffee Dripper", 980),
            product("Tiered Wire Basket", 455),
        ]),
    };
    state.home.cursor = 1;
    state
}

fn loading(size: (u16, u16)) -> AppState {
    let mut state = base_state();
    state.size = size;
    state.home.sales = Sales::start(1, 30);
    state.home.counts.load = LoadState::Loading(2);
    state.home.stock.load = LoadState::Loading(3);
    state.home.top_sellers.load = LoadState::Loading(4);
    state
}

/// Sales arriving page by page while the other boxes failed.
fn failed(size: (u16, u16)) -> AppState {
    let mut state = loading(size);
    let message = "403 Forbidden: You don't have a required scope to access the endpoint";
    let now = state.clock.now();
    state
        .home
        .sales
        .set_store("USD".to_string(), Some(&los_angeles()));
    state.home.sales.set_now(now);
    state.home.sales.page(&orders()[..40]);
    state.home.counts.load = LoadState::Failed(message.to_string());
    state.home.stock.load = LoadState::Failed(message.to_string());
    state.home.top_sellers.load = LoadState::Failed(message.to_string());
    state
}

fn render(state: &AppState, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| draw(frame, state)).unwrap();
    terminal
}

fn snapshot(variant: &str, build: fn((u16, u16)) -> AppState) {
    for (width, height) in SIZES {
        let terminal = render(&build((width, height)), width, height);
        insta::assert_snapshot!(
            format!("home_{variant}_{width}x{height}"),
            terminal.backend()
        );
    }
}

#[test]
fn home_loaded() {
    snapshot("loaded", loaded);
}

#[test]
fn home_loading() {
    snapshot("loading", loading);
}

#[test]
fn home_failed_boxes_beside_a_walk_in_progress() {
    snapshot("failed", failed);
}

#[test]
fn home_without_colour() {
    for (width, height) in SIZES {
        let mut state = loaded((width, height));
        state.monochrome = true;
        let terminal = render(&state, width, height);
        insta::assert_snapshot!(
            format!("home_no_color_{width}x{height}"),
            terminal.backend()
        );
        for cell in terminal.backend().buffer().content() {
            assert_eq!(cell.fg, Color::Reset, "a colour slipped into NO_COLOR");
            assert_eq!(cell.bg, Color::Reset, "a colour slipped into NO_COLOR");
        }
    }
}

#[test]
fn figures_are_exact_sums_of_the_sales_of_each_period() {
    let state = loaded((100, 30));
    let sales = &state.home.sales;
    // The anchor is 05:00 on 2025-06-01 in Los Angeles (UTC-7 in June).
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    assert_eq!(sales.today, Some(today));
    let offset = chrono::FixedOffset::west_opt(7 * 3600).unwrap();
    let sum_days = |from: i64, to: i64| {
        let mut revenue = Decimal::ZERO;
        let mut count = 0;
        for order in orders() {
            let day = order
                .date_created
                .unwrap()
                .with_timezone(&offset)
                .date_naive();
            let back = (today - day).num_days();
            if (from..to).contains(&back) && order.status_id != 5 {
                revenue += order.total_inc_tax;
                count += 1;
            }
        }
        (revenue, count)
    };
    for days in [1, 7, 30] {
        let period = sales.period(days);
        assert!(period.compared);
        let (revenue, count) = sum_days(0, days as i64);
        assert_eq!(
            (period.current.revenue, period.current.orders),
            (revenue, count)
        );
        let (revenue, count) = sum_days(days as i64, days as i64 * 2);
        assert_eq!(
            (period.previous.revenue, period.previous.orders),
            (revenue, count)
        );
    }
}

#[test]
fn home_sales_failed_and_too_many_orders() {
    let mut state = loaded((80, 24));
    state.home.sales = Sales::start(1, 30);
    state.home.sales.load = LoadState::Failed("502 Bad Gateway: the store did not answer".into());
    let terminal = render(&state, 80, 24);
    insta::assert_snapshot!("home_sales_failed_80x24", terminal.backend());

    state.home.sales = Sales::start(1, 30);
    state.home.sales.month_count = Some(48_210);
    state.home.sales.too_many = true;
    state.home.sales.load = LoadState::Loaded;
    let terminal = render(&state, 80, 24);
    insta::assert_snapshot!("home_too_many_80x24", terminal.backend());
}
