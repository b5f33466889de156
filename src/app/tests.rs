//! The update function driven with keys and results, no runtime involved.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::DetailMeasure;
use super::panes::{OrderFilter, ProductSort};
use super::{Action, AppState, Effect, Fetch, Loaded, Mode, Tab, update};
use crate::api::models::ProductRow;
use crate::clock::Clock;

fn key(code: KeyCode) -> Action {
    Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn press(state: &mut AppState, c: char) -> Vec<Effect> {
    update(state, key(KeyCode::Char(c)))
}

fn typed(state: &mut AppState, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| press(state, c)).collect()
}

pub(super) fn fetches(effects: &[Effect]) -> Vec<(u64, Fetch)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Fetch { request, fetch } => Some((*request, fetch.clone())),
            _ => None,
        })
        .collect()
}

pub(super) fn products(range: std::ops::Range<u64>) -> Vec<ProductRow> {
    range
        .map(|id| ProductRow {
            id,
            name: format!("Product {id}").into(),
            ..ProductRow::default()
        })
        .collect()
}

pub(super) fn started() -> (AppState, Vec<(u64, Fetch)>) {
    let mut state = AppState::for_tests("demo", "me@here", false);
    state.size = (100, 30);
    let effects = state.start();
    (state, fetches(&effects))
}

#[test]
fn start_fetches_the_store_name_and_the_first_products() {
    let (_, fetched) = started();
    assert!(matches!(fetched[0].1, Fetch::StoreInfo));
    match &fetched[1].1 {
        Fetch::Products(query) => {
            assert_eq!((query.page, query.limit), (1, 250));
            assert_eq!(query.sort, ProductSort::Id);
        }
        other => panic!("expected products, got {other:?}"),
    }
}

#[test]
fn tabs_switch_by_number_and_cycle() {
    let (mut state, _) = started();
    let effects = press(&mut state, '3');
    assert_eq!(state.tab, Tab::Orders);
    let fetched = fetches(&effects);
    assert!(
        fetched
            .iter()
            .any(|(_, f)| matches!(f, Fetch::OrderCounts(_)))
    );
    // The default view is "needs action": one task fetches all its statuses.
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Orders(crate::app::orders::OrdersTask::NeedsAction { .. })
    )));
    update(&mut state, key(KeyCode::Tab));
    assert_eq!(state.tab, Tab::Customers);
    update(&mut state, key(KeyCode::BackTab));
    update(&mut state, key(KeyCode::BackTab));
    assert_eq!(state.tab, Tab::Products);
    update(&mut state, key(KeyCode::BackTab));
    assert_eq!(state.tab, Tab::Home);
    update(&mut state, key(KeyCode::BackTab));
    assert_eq!(state.tab, Tab::Console);
    press(&mut state, '1');
    assert_eq!(state.tab, Tab::Home);
}

#[test]
fn the_app_opens_on_home_and_loads_each_box_on_its_own() {
    let data_dir = std::env::temp_dir().join("bctui-unit-never-written");
    let mut state = AppState::new("demo", "me@here", false, Clock::test(), data_dir);
    assert_eq!(state.tab, Tab::Home);
    let effects = state.start();
    let home: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Home(task) => Some(task),
            _ => None,
        })
        .collect();
    assert_eq!(
        home.len(),
        4,
        "needs action, stock, top sellers, sales: {home:?}"
    );
    assert!(home.iter().any(|t| matches!(
        t,
        crate::app::home::HomeTask::Sales {
            window_days: 30,
            ..
        }
    )));
    // The orders poll starts with Home, so new orders reach its figures.
    assert!(state.orders.poll.started);
    assert_eq!(Tab::from_name("orders"), Some(Tab::Orders));
    assert_eq!(Tab::from_name("nowhere"), None);
}

#[test]
fn a_stale_result_is_discarded() {
    let (mut state, fetched) = started();
    let first = fetched[1].0;
    let effects = press(&mut state, 'r');
    let second = fetches(&effects)[0].0;
    update(
        &mut state,
        Action::Loaded {
            request: first,
            result: Ok(Loaded::Products {
                page: 1,
                rows: products(1..4),
                total: Some(3),
                brands: None,
            }),
        },
    );
    assert!(!state.changed, "a stale result does not redraw");
    assert!(state.products.list.rows.is_empty());
    update(
        &mut state,
        Action::Loaded {
            request: second,
            result: Ok(Loaded::Products {
                page: 1,
                rows: products(10..12),
                total: Some(2),
                brands: None,
            }),
        },
    );
    assert_eq!(state.products.list.rows.len(), 2);
}

#[test]
fn scrolling_near_the_end_fetches_the_next_page() {
    let (mut state, fetched) = started();
    update(
        &mut state,
        Action::Loaded {
            request: fetched[1].0,
            result: Ok(Loaded::Products {
                page: 1,
                rows: products(1..251),
                total: Some(600),
                brands: None,
            }),
        },
    );
    let effects = press(&mut state, 'G');
    let next = fetches(&effects);
    assert!(matches!(&next[..], [(_, Fetch::Products(q))] if q.page == 2));
    // A second key while page 2 is in flight does not ask again.
    assert!(fetches(&press(&mut state, 'j')).is_empty());
}

#[test]
fn the_filter_is_debounced_and_latest_wins() {
    let (mut state, _) = started();
    press(&mut state, '/');
    assert_eq!(state.mode, Mode::Filter);
    let effects = typed(&mut state, "mug");
    let generations: Vec<u64> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Debounce { generation, .. } => Some(*generation),
            _ => None,
        })
        .collect();
    assert_eq!(generations.len(), 3);
    // An older debounce does nothing.
    let stale = update(
        &mut state,
        Action::FilterDue {
            tab: Tab::Products,
            generation: generations[0],
        },
    );
    assert!(stale.is_empty());
    let latest = update(
        &mut state,
        Action::FilterDue {
            tab: Tab::Products,
            generation: generations[2],
        },
    );
    assert!(
        matches!(&fetches(&latest)[..], [(_, Fetch::Products(q))] if q.keyword.as_deref() == Some("mug"))
    );
    // Enter keeps it; Esc later clears it.
    update(&mut state, key(KeyCode::Enter));
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(state.products.keyword.as_deref(), Some("mug"));
    let cleared = update(&mut state, key(KeyCode::Esc));
    assert!(matches!(&fetches(&cleared)[..], [(_, Fetch::Products(q))] if q.keyword.is_none()));
}

#[test]
fn order_filters_parse_ids_and_emails() {
    assert_eq!(OrderFilter::parse("120"), Ok(Some(OrderFilter::Id(120))));
    assert_eq!(
        OrderFilter::parse(" a@b.example "),
        Ok(Some(OrderFilter::Email("a@b.example".into())))
    );
    assert_eq!(OrderFilter::parse(""), Ok(None));
    assert_eq!(
        OrderFilter::parse("customer:42"),
        Ok(Some(OrderFilter::Customer(42)))
    );
    assert!(OrderFilter::parse("customer:x").is_err());
    assert!(OrderFilter::parse("smith").is_err());
}

#[test]
fn command_line_jumps_to_an_order() {
    let (mut state, _) = started();
    press(&mut state, ':');
    assert_eq!(state.mode, Mode::Command);
    typed(&mut state, "order 4242");
    let effects = update(&mut state, key(KeyCode::Enter));
    assert_eq!(state.tab, Tab::Orders);
    assert!(
        fetches(&effects)
            .iter()
            .any(|(_, f)| *f == Fetch::OrderDetail { id: 4242 })
    );
    assert_eq!(state.orders.detail.as_ref().map(|d| d.id), Some(4242));
    // Esc goes back to the list.
    update(&mut state, key(KeyCode::Esc));
    assert!(state.orders.detail.is_none());
}

#[test]
fn command_line_completes_with_tab() {
    let (mut state, _) = started();
    press(&mut state, ':');
    typed(&mut state, "cat");
    update(&mut state, key(KeyCode::Tab));
    assert_eq!(state.command_input.value(), "categories");
    update(&mut state, key(KeyCode::Enter));
    assert_eq!(state.tab, Tab::Categories);
}

#[test]
fn unknown_commands_toast_instead_of_failing() {
    let (mut state, _) = started();
    press(&mut state, ':');
    typed(&mut state, "frobnicate");
    let effects = update(&mut state, key(KeyCode::Enter));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::ExpireToast { .. }))
    );
    assert!(state.toasts[0].text.contains("Unknown command"));
}

#[test]
fn unbound_keys_do_not_redraw() {
    let (mut state, _) = started();
    let effects = press(&mut state, 'z');
    assert!(effects.is_empty());
    assert!(!state.changed);
}

#[test]
fn sort_keys_reload_with_the_new_order() {
    let (mut state, _) = started();
    let effects = press(&mut state, 'o');
    assert!(
        matches!(&fetches(&effects)[..], [(_, Fetch::Products(q))] if q.sort == ProductSort::Name && !q.descending)
    );
    let effects = press(&mut state, 'O');
    assert!(matches!(&fetches(&effects)[..], [(_, Fetch::Products(q))] if q.descending));
}

#[test]
fn errors_show_the_api_message() {
    let (mut state, fetched) = started();
    update(
        &mut state,
        Action::Loaded {
            request: fetched[1].0,
            result: Err("401 Unauthorized: the token is wrong or revoked".into()),
        },
    );
    assert!(
        matches!(&state.products.list.load, super::list::LoadState::Failed(m) if m.contains("revoked"))
    );
    // The empty list says it in full; a toast would only repeat it.
    assert!(state.toasts.is_empty());
}

#[test]
fn q_quits_and_ctrl_c_quits_from_typing() {
    let (mut state, _) = started();
    press(&mut state, '/');
    update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(state.quit);
    let (mut state, _) = started();
    assert_eq!(press(&mut state, 'q'), vec![Effect::Quit]);
    let (mut state, _) = started();
    press(&mut state, '?');
    assert_eq!(
        press(&mut state, 'q'),
        vec![Effect::Quit],
        "q quits from the help"
    );
}

#[test]
fn orders_status_by_name_waits_for_the_counts() {
    use crate::api::models::{OrderCount, OrderStatusCount};
    let (mut state, _) = started();
    press(&mut state, ':');
    typed(&mut state, "orders shipped");
    let effects = update(&mut state, key(KeyCode::Enter));
    assert_eq!(state.tab, Tab::Orders);
    let counts_request = fetches(&effects)
        .into_iter()
        .find(|(_, f)| matches!(f, Fetch::OrderCounts(_)))
        .map(|(id, _)| id)
        .expect("counts are fetched");
    let counts = OrderCount {
        statuses: vec![OrderStatusCount {
            id: 2,
            name: "Shipped".into(),
            count: 5,
            ..OrderStatusCount::default()
        }],
        count: 9,
    };
    let effects = update(
        &mut state,
        Action::Loaded {
            request: counts_request,
            result: Ok(Loaded::OrderCounts(counts)),
        },
    );
    assert_eq!(state.orders.status, Some((2, "Shipped".into())));
    assert!(matches!(&fetches(&effects)[..], [(_, Fetch::Orders(q))] if q.status_id == Some(2)));
    assert_eq!(state.orders.list.total, Some(5));
}

#[test]
fn a_detail_scrolls_no_further_than_the_last_frame_measured() {
    let mut state = AppState::for_tests("demo", "me@here", false);
    let effects = state.open_record(Tab::Products, 7);
    assert!(matches!(
        fetches(&effects)[..],
        [(_, Fetch::ProductDetail { id: 7 }), ..]
    ));
    update(&mut state, measured(3));
    assert!(!state.changed, "the frame already shows it");
    for _ in 0..10 {
        press(&mut state, 'j');
    }
    let scroll = |state: &AppState| state.products.detail.as_ref().map(|d| d.scroll);
    assert_eq!(scroll(&state), Some(3));
    press(&mut state, 'k');
    assert_eq!(scroll(&state), Some(2), "one key back up from the end");
    // A narrower frame wraps more: a shorter one pulls the scroll in.
    update(&mut state, measured(1));
    assert_eq!(scroll(&state), Some(1));
}

/// The Products detail as the frame measured it: `max_scroll` lines to scroll.
fn measured(max_scroll: u16) -> Action {
    Action::DetailMeasured {
        tab: Tab::Products,
        measure: DetailMeasure::scrolls(max_scroll),
    }
}

#[test]
fn a_refused_write_names_why_writes_are_off() {
    // (the --read-only flag given, what the refusal ends with, what it must not say)
    let cases = [
        (
            false,
            "is disabled: profile prod has read_only = true in the config",
            None,
        ),
        (
            true,
            ": bctui was started with --read-only",
            Some("read_only ="),
        ),
    ];
    for (flag, ending, not_said) in cases {
        let mut state = AppState::for_tests("prod", "me@here", true);
        state.header.read_only_flag = flag;
        press(&mut state, '2');
        press(&mut state, 'c');
        let said = state
            .toasts
            .last()
            .map(|t| t.text.clone())
            .unwrap_or_default();
        assert!(said.ends_with(ending), "flag {flag}: {said}");
        if let Some(not_said) = not_said {
            assert!(!said.contains(not_said), "flag {flag}: {said}");
        }
    }
}
