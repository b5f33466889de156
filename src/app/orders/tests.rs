//! The triage state machine without a store: views, poll merging, write
//! results and the cursor landing on the next order.

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::api::models::OrderStatusCount;
use crate::app::list::LoadState;
use crate::app::{Action, Mode, Tab, update};

fn at(day: u32) -> Option<DateTime<Utc>> {
    Utc.with_ymd_and_hms(2025, 5, day, 12, 0, 0).single()
}

fn order(id: u64, status_id: u32, day: u32) -> Order {
    Order {
        id,
        status_id,
        date_created: at(day),
        date_modified: at(day),
        ..Order::default()
    }
}

/// The Orders tab showing needs-action orders 1, 2, 3 (oldest first).
fn triage_state() -> AppState {
    let mut state = AppState::for_tests("demo", "me@host", false);
    state.tab = Tab::Orders;
    let effects = state.reload_orders();
    let request = effects
        .iter()
        .find_map(|e| match e {
            Effect::Orders(OrdersTask::NeedsAction { request, .. }) => Some(*request),
            _ => None,
        })
        .expect("the needs-action fetch");
    let rows = [order(1, 11, 1), order(2, 9, 2), order(3, 7, 3)];
    update(
        &mut state,
        Action::Orders(OrdersMsg::NeedsAction {
            request,
            result: Ok(rows.iter().map(OrderRow::from).collect()),
        }),
    );
    state.orders.poll.watermark = at(10);
    state
}

/// The store's statuses, in the order given.
fn statuses(named: &[(u32, &str)]) -> Vec<OrderStatus> {
    named
        .iter()
        .enumerate()
        .map(|(order, (id, name))| OrderStatus {
            id: *id,
            name: name.to_string(),
            order: order as i64,
            ..OrderStatus::default()
        })
        .collect()
}

fn ids(state: &AppState) -> Vec<u64> {
    state.orders.list.rows.iter().map(|o| o.id).collect()
}

#[test]
fn the_needs_action_view_loads_at_once() {
    let state = triage_state();
    assert_eq!(ids(&state), [1, 2, 3]);
    assert_eq!(state.orders.list.load, LoadState::Loaded);
    assert_eq!(state.orders.list.next_page, None, "nothing more to page");
    assert_eq!(state.orders.view(), OrderView::NeedsAction);
}

#[test]
fn views_by_name_and_back() {
    let mut state = triage_state();
    state.orders.counts = Some(crate::api::models::OrderCount {
        statuses: vec![OrderStatusCount {
            id: 2,
            name: "Shipped".into(),
            count: 4,
            ..OrderStatusCount::default()
        }],
        count: 9,
    });
    assert_eq!(state.find_order_view("all"), Some(OrderView::All));
    assert_eq!(
        state.find_order_view("Needs-Action"),
        Some(OrderView::NeedsAction)
    );
    assert_eq!(
        state.find_order_view("shipped"),
        Some(OrderView::Status(2, "Shipped".into()))
    );
    let effects = state.set_order_view(OrderView::All);
    assert!(!state.orders.needs_action);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Fetch { fetch: crate::app::Fetch::Orders(q), .. } if q.status_id.is_none()))
    );
    let effects = state.set_order_view(OrderView::NeedsAction);
    assert!(state.orders.needs_action);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Orders(OrdersTask::NeedsAction { .. })))
    );
}

fn poll(state: &mut AppState, orders: Vec<Order>) -> Vec<Effect> {
    let since = state.orders.poll.watermark.expect("a watermark");
    let generation = state.orders.poll.generation;
    update(
        state,
        Action::Orders(OrdersMsg::Polled {
            generation,
            since,
            result: Ok(orders),
        }),
    )
}

#[test]
fn polling_merges_highlights_and_toasts_once() {
    let mut state = triage_state();
    state.orders.list.cursor = 1;
    // A new order (created after the watermark), a changed one that left
    // the view, and one that is not for this view at all.
    let new = order(9, 11, 11);
    let mut shipped = order(1, 2, 1);
    shipped.date_modified = at(11);
    let effects = poll(
        &mut state,
        vec![new.clone(), shipped.clone(), order(8, 10, 11)],
    );
    assert_eq!(ids(&state), [2, 3, 9]);
    assert_eq!(
        state.orders.list.selected().map(|o| o.id),
        Some(2),
        "same order selected"
    );
    assert_eq!(state.orders.highlight.get(&9), Some(&Highlight::New));
    assert_eq!(state.orders.highlight.get(&1), Some(&Highlight::Changed));
    let toast = state.toasts.last().map(|t| t.text.clone());
    assert_eq!(toast.as_deref(), Some("2 new orders, 1 changed"));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Orders(OrdersTask::Poll { .. })))
    );
    assert_eq!(state.orders.poll.watermark, at(11));
    // The same changes again are not news.
    let before = state.toasts.len();
    poll(&mut state, vec![new, shipped]);
    assert_eq!(state.toasts.len(), before);
}

#[test]
fn a_stale_poll_is_ignored() {
    let mut state = triage_state();
    let since = state.orders.poll.watermark.expect("watermark");
    let generation = state.orders.poll.generation + 1;
    let effects = update(
        &mut state,
        Action::Orders(OrdersMsg::Polled {
            generation,
            since,
            result: Ok(vec![order(9, 11, 11)]),
        }),
    );
    assert!(effects.is_empty());
    assert_eq!(ids(&state), [1, 2, 3]);
}

fn complete_write(state: &mut AppState, effects: Vec<Effect>, result: Order) -> Vec<Effect> {
    let request = effects
        .iter()
        .find_map(|e| match e {
            Effect::Orders(
                OrdersTask::Update { request, .. } | OrdersTask::Ship { request, .. },
            ) => Some(*request),
            _ => None,
        })
        .expect("a write");
    update(
        state,
        Action::Orders(OrdersMsg::Written {
            request,
            result: Ok(super::OrderWritten::Saved {
                order: Box::new(result),
                not_taken: Vec::new(),
            }),
        }),
    )
}

#[test]
fn a_status_change_that_leaves_the_view_lands_on_the_next_order() {
    let mut state = triage_state();
    let effects = actions::set_status(&mut state, 1, 10, true);
    let effects = complete_write(&mut state, effects, order(1, 10, 1));
    assert_eq!(ids(&state), [2, 3]);
    assert_eq!(state.orders.list.selected().map(|o| o.id), Some(2));
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::Fetch {
                fetch: crate::app::Fetch::OrderCounts(_),
                ..
            }
        )),
        "the counts refresh"
    );
}

#[test]
fn notes_keep_the_order_and_move_the_cursor_on() {
    let mut state = triage_state();
    update(&mut state, Action::Key(key('n')));
    assert_eq!(state.mode, Mode::OrderDialog);
    for c in "ring first".chars() {
        update(&mut state, Action::Key(key(c)));
    }
    let effects = update(
        &mut state,
        Action::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Enter,
            crossterm::event::KeyModifiers::NONE,
        )),
    );
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Orders(OrdersTask::Update { update, .. }) if update.staff_notes.as_deref() == Some("ring first")
    )));
    let mut saved = order(1, 11, 1);
    saved.staff_notes = "ring first".into();
    complete_write(&mut state, effects, saved);
    assert_eq!(ids(&state), [1, 2, 3]);
    assert_eq!(&*state.orders.list.rows[0].staff_notes, "ring first");
    assert_eq!(state.orders.list.cursor, 1, "on to the next order");
}

#[test]
fn money_statuses_ask_first_through_the_shared_dialog() {
    let mut state = triage_state();
    state.orders.statuses = statuses(&[
        (5, "Cancelled"),
        (10, "Completed"),
        (11, "Awaiting Fulfillment"),
    ]);
    update(&mut state, Action::Key(key('s')));
    // The picker opens on the current status (11, the last); Cancelled is first.
    update(&mut state, Action::Key(key('k')));
    update(&mut state, Action::Key(key('k')));
    let effects = update(
        &mut state,
        Action::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Enter,
            crossterm::event::KeyModifiers::NONE,
        )),
    );
    assert!(effects.is_empty(), "nothing is sent before the answer");
    assert!(matches!(
        state.edit.overlay,
        Some(crate::app::edit::Overlay::Confirm(_))
    ));
    let effects = update(&mut state, Action::Key(key('y')));
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Orders(OrdersTask::Update { order_id: 1, update, .. }) if update.status_id == Some(5)
    )));
}

#[test]
fn read_only_refuses_before_any_dialog() {
    let mut state = triage_state();
    state.header.read_only = true;
    update(&mut state, Action::Key(key('s')));
    assert_eq!(state.mode, Mode::Normal);
    assert!(state.toasts.iter().any(|t| t.text.contains("Read-only")));
}

fn key(c: char) -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char(c),
        crossterm::event::KeyModifiers::NONE,
    )
}

#[test]
fn the_poll_interval_is_configurable() {
    let mut poll = PollState::default();
    assert_eq!(poll.interval, std::time::Duration::from_secs(60));
    poll.configure("15").expect("seconds");
    assert_eq!(poll.interval, std::time::Duration::from_secs(15));
    assert!(poll.configure("soon").is_err());
    poll.configure("off").expect("off");
    assert!(!poll.enabled);
}

#[test]
fn a_write_from_the_detail_opens_the_next_order() {
    let mut state = triage_state();
    // The detail of order 1, loaded.
    state.open_order(1);
    if let Some(detail) = state.orders.detail.as_mut() {
        detail.load = LoadState::Loaded;
        detail.data = Some(crate::app::panes::OrderDetail {
            order: order(1, 11, 1),
            products: Vec::new(),
            shipping_addresses: Vec::new(),
            shipments: Vec::new(),
            refunds: Ok(Vec::new()),
        });
    }
    let effects = actions::set_status(&mut state, 1, 9, false);
    complete_write(&mut state, effects, order(1, 9, 1));
    assert_eq!(state.orders.detail.as_ref().map(|d| d.id), Some(2));
    assert_eq!(state.orders.list.cursor, 1, "the list follows");
}

#[test]
fn shipped_with_nothing_shipped_asks_first() {
    let mut state = triage_state();
    state.orders.statuses = statuses(&[(3, "Partially Shipped"), (11, "Awaiting Fulfillment")]);
    update(&mut state, Action::Key(key('s')));
    update(&mut state, Action::Key(key('k')));
    let enter = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Enter,
        crossterm::event::KeyModifiers::NONE,
    );
    let effects = update(&mut state, Action::Key(enter));
    assert!(effects.is_empty(), "nothing is sent before the answer");
    let Some(crate::app::edit::Overlay::Confirm(confirm)) = &state.edit.overlay else {
        panic!("a question");
    };
    assert!(
        confirm
            .lines
            .iter()
            .any(|l| l.contains("Nothing of this order is shipped"))
    );
}

#[test]
fn an_export_names_the_whole_path_of_its_file() {
    let mut state = triage_state();
    let effects = export_command(&mut state, "orders-today.csv");
    let Some(Effect::Orders(OrdersTask::Export { path, .. })) = effects.first() else {
        panic!("an export task");
    };
    assert!(path.is_absolute(), "{}", path.display());
    assert!(path.ends_with("orders-today.csv"));
    let request = state.orders.export.as_ref().map(|e| e.request);
    let effects = on_message(
        &mut state,
        OrdersMsg::Exported {
            request: request.unwrap_or_default(),
            result: Ok(3),
        },
    );
    drop(effects);
    let text = state
        .toasts
        .last()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(text.contains(&path.display().to_string()), "{text}");
}

#[test]
fn addresses_are_written_in_the_countrys_order() {
    let uk = crate::api::models::OrderShippingAddress {
        first_name: "Ada".to_string(),
        last_name: "Lovelace".to_string(),
        street_1: "12 St James's Square".to_string(),
        city: "London".to_string(),
        zip: "SW1Y 4JH".to_string(),
        country: "United Kingdom".to_string(),
        country_iso2: "GB".to_string(),
        ..Default::default()
    };
    assert_eq!(
        address_text(&uk),
        "Ada Lovelace\n12 St James's Square\nLondon\nSW1Y 4JH\nUnited Kingdom"
    );
    let us = crate::api::models::OrderShippingAddress {
        city: "Nashville".to_string(),
        state: "Tennessee".to_string(),
        zip: "37240".to_string(),
        country_iso2: "US".to_string(),
        ..uk.clone()
    };
    assert!(address_text(&us).contains("\nNashville, Tennessee 37240\n"));
    let de = crate::api::models::OrderShippingAddress {
        city: "Berlin".to_string(),
        zip: "10115".to_string(),
        country_iso2: "DE".to_string(),
        ..uk
    };
    assert!(address_text(&de).contains("\n10115 Berlin\n"));
}

#[test]
fn v_marks_a_range_and_star_marks_all_then_clears() {
    let mut state = triage_state();
    update(&mut state, Action::Key(key('V')));
    update(&mut state, Action::Key(key('j')));
    update(&mut state, Action::Key(key('V')));
    assert_eq!(
        state.orders.marked.iter().copied().collect::<Vec<_>>(),
        vec![1, 2]
    );
    update(&mut state, Action::Key(key('*')));
    assert_eq!(state.orders.marked.len(), 3);
    update(&mut state, Action::Key(key('*')));
    assert!(state.orders.marked.is_empty());
    // `s` with marks offers the status to all of them.
    update(&mut state, Action::Key(key(' ')));
    state.orders.statuses = statuses(&[(10, "Completed"), (11, "Awaiting Fulfillment")]);
    update(&mut state, Action::Key(key('s')));
    let Some(OrderDialog::Status(dialog)) = &state.orders.dialog else {
        panic!("the status picker");
    };
    assert_eq!(dialog.marked, 1);
}

#[test]
fn a_polled_order_outside_the_ranges_stays_out_and_one_inside_goes_where_the_sort_wants_it() {
    let mut state = triage_state();
    state.orders.scope = OrderScope {
        since: chrono::NaiveDate::from_ymd_opt(2025, 5, 2),
        sort: Some(OrderSort {
            key: SortKey::Date,
            descending: true,
        }),
        ..OrderScope::default()
    };
    // Rows as the server sorted them: newest first.
    state.orders.list.rows.reverse();
    poll(&mut state, vec![order(7, 11, 1), order(9, 11, 11)]);
    assert_eq!(ids(&state), [9, 3, 2, 1], "the order of May 1st is outside");
}
