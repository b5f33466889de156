//! The Home tab's state: results land in their own box, stale ones are
//! dropped, a very busy store is offered 7 days, and polled orders move the
//! figures.

use std::str::FromStr;

use chrono::Duration;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rust_decimal::Decimal;

use super::{HomeMsg, HomeTask};
use crate::api::models::{Order, StoreTimezone};
use crate::app::list::LoadState;
use crate::app::{Action, AppState, Effect, Tab, update};

fn started() -> (AppState, Vec<Effect>) {
    let mut state = AppState::for_tests("demo", "me@here", false);
    state.tab = Tab::Home;
    let effects = state.start();
    (state, effects)
}

/// The request of the first Home task `pick` accepts.
fn request_of(effects: &[Effect], pick: fn(&HomeTask) -> Option<u64>) -> u64 {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Home(task) => pick(task),
            _ => None,
        })
        .expect("the task")
}

fn walk_request(effects: &[Effect]) -> u64 {
    request_of(effects, |task| match task {
        HomeTask::Sales { request, .. } => Some(*request),
        _ => None,
    })
}

fn home(state: &mut AppState, message: HomeMsg) -> Vec<Effect> {
    update(state, Action::Home(message))
}

fn store(state: &mut AppState, request: u64) {
    home(
        state,
        HomeMsg::SalesStore {
            request,
            currency: "USD".to_string(),
            timezone: Some(StoreTimezone {
                name: "UTC".to_string(),
                ..StoreTimezone::default()
            }),
        },
    );
}

/// The walk's last page, for `request`.
fn last_page(state: &mut AppState, request: u64, orders: Vec<Order>) {
    home(
        state,
        HomeMsg::SalesPage {
            request,
            orders,
            last: true,
        },
    );
}

fn order(id: u64, hours_ago: i64, total: &str, status_id: u32) -> Order {
    Order {
        id,
        date_created: Some(crate::clock::test_anchor() - Duration::hours(hours_ago)),
        status_id,
        total_inc_tax: Decimal::from_str(total).unwrap(),
        ..Order::default()
    }
}

#[test]
fn a_busy_store_is_offered_seven_days_and_w_walks_them() {
    let (mut state, effects) = started();
    let request = walk_request(&effects);
    store(&mut state, request);
    home(
        &mut state,
        HomeMsg::SalesCount {
            request,
            count: 25_000,
        },
    );
    home(&mut state, HomeMsg::SalesTooMany { request });
    assert!(state.home.sales.too_many);
    assert!(!state.home.sales.load.is_loading());
    let effects = update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE)),
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Home(HomeTask::Sales { window_days: 7, .. })))
    );
    assert_eq!(state.home.sales.window_days, 7);
}

#[test]
fn pages_add_up_and_stale_pages_are_dropped() {
    let (mut state, effects) = started();
    let request = walk_request(&effects);
    store(&mut state, request);
    let page = vec![
        order(1, 1, "10.50", 11),
        order(2, 2, "4.25", 10),
        // Cancelled: no sale.
        order(3, 3, "99.00", 5),
        // Yesterday.
        order(4, 13, "7.00", 11),
    ];
    last_page(&mut state, request, page);
    let today = state.home.sales.period(1);
    assert_eq!(today.current.revenue, Decimal::from_str("14.75").unwrap());
    assert_eq!(today.current.orders, 2);
    assert_eq!(today.previous.orders, 1);
    assert_eq!(state.home.sales.load, LoadState::Loaded);
    assert_eq!(state.home.sales.latest.first().map(|o| o.id), Some(1));
    let stale = vec![order(9, 1, "1000.00", 11)];
    last_page(&mut state, request + 100, stale);
    assert_eq!(
        state.home.sales.period(1).current.orders,
        2,
        "a stale page is dropped"
    );
}

#[test]
fn a_polled_change_replaces_the_order_and_reloads_the_counts() {
    let (mut state, effects) = started();
    let request = walk_request(&effects);
    store(&mut state, request);
    let page = vec![order(1, 1, "10.00", 11)];
    last_page(&mut state, request, page);
    state.home.counts.load = LoadState::Loaded;
    // The order was cancelled, and a new one came in.
    let polled = [order(1, 1, "10.00", 5), order(2, 0, "3.00", 11)];
    let effects = super::orders_polled(&mut state, &polled);
    let today = state.home.sales.period(1).current;
    assert_eq!(today.orders, 1);
    assert_eq!(today.revenue, Decimal::from_str("3.00").unwrap());
    assert!(matches!(
        effects[..],
        [Effect::Home(HomeTask::Counts { .. })]
    ));
    assert!(state.home.counts.load.is_loading());
}

#[test]
fn a_failed_box_keeps_its_error_and_the_others_load() {
    let (mut state, effects) = started();
    let stock = request_of(&effects, |task| match task {
        HomeTask::Stock { request } => Some(*request),
        _ => None,
    });
    home(
        &mut state,
        HomeMsg::Stock {
            request: stock,
            result: Err("403 Forbidden".to_string()),
        },
    );
    assert_eq!(
        state.home.stock.load,
        LoadState::Failed("403 Forbidden".to_string())
    );
    assert!(state.home.counts.load.is_loading());
    assert!(state.toasts.iter().any(|t| t.text.contains("403")));
}
