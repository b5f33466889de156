//! Errors said once: a cause the pane on screen shows is not toasted again, one
//! toast per cause, the header after a refused token.

use super::tests::{fetches, products, started};
use super::{Action, AppState, Fetch, Loaded, Tab, update};

#[test]
fn a_refused_token_is_said_once_in_the_pane_and_named_in_the_header() {
    let (mut state, fetched) = started();
    let message = |path: &str| {
        format!(
            "GET {path}: 401 Unauthorized: The X-Auth-Token header is missing, invalid or \
             revoked. The access token was rejected."
        )
    };
    for (request, fetch) in &fetched {
        let path = match fetch {
            Fetch::StoreInfo => "/v2/store",
            Fetch::Products(_) => "/v3/catalog/products",
            _ => continue,
        };
        update(&mut state, Action::AccessRefused(401));
        update(
            &mut state,
            Action::Loaded {
                request: *request,
                result: Err(message(path)),
            },
        );
    }
    assert_eq!(state.header.refused, Some(401));
    // The empty list says it in its body; the header says the token was refused.
    assert!(state.toasts.is_empty(), "{:?}", state.toasts);
    assert!(matches!(
        &state.products.list.load,
        super::list::LoadState::Failed(m) if m == &message("/v3/catalog/products")
    ));

    // Once rows are shown, a failed next page can only be told in a toast.
    let (request, _) = fetches(&state.fetch_more(Tab::Products))[0].clone();
    update(
        &mut state,
        Action::Loaded {
            request,
            result: Ok(Loaded::Products {
                page: 1,
                rows: products(1..251),
                total: Some(600),
                brands: None,
            }),
        },
    );
    assert_eq!(state.header.refused, None, "a request went through again");
    let (request, _) = fetches(&state.fetch_more(Tab::Products))[0].clone();
    update(
        &mut state,
        Action::Loaded {
            request,
            result: Err("GET /v3/catalog/products: timed out".into()),
        },
    );
    assert_eq!(state.toasts.len(), 1);
}

#[test]
fn one_cause_is_toasted_once_whatever_the_request() {
    let mut state = AppState::for_tests("demo", "me@here", false);
    let refused = |path: &str| {
        format!(
            "GET {path}: 401 Unauthorized: The X-Auth-Token header is missing, invalid or \
             revoked. Check the token."
        )
    };
    super::update::toast(
        &mut state,
        super::ToastKind::Error,
        refused("/v2/orders/count"),
    );
    super::update::toast(
        &mut state,
        super::ToastKind::Error,
        format!(
            "Could not load the order statuses: {}",
            refused("/v2/order_statuses")
        ),
    );
    super::update::toast(&mut state, super::ToastKind::Error, refused("/v2/store"));
    let texts: Vec<&str> = state.toasts.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, [refused("/v2/store").as_str()]);
    // Another cause is said beside it.
    super::update::toast(
        &mut state,
        super::ToastKind::Error,
        "GET /v2/orders: 404 Not Found: gone".into(),
    );
    assert_eq!(state.toasts.len(), 2);
}

#[test]
fn a_wrong_store_hash_is_said_once_whichever_request_fails_first() {
    let message = |path: &str| {
        format!(
            "GET {path}: 404 Not Found: The requested resource was not found. Not found: it \
             may have been deleted, or the store hash is wrong."
        )
    };
    for store_first in [true, false] {
        let (mut state, mut fetched) = started();
        fetched.retain(|(_, f)| matches!(f, Fetch::StoreInfo | Fetch::Products(_)));
        if !store_first {
            fetched.reverse();
        }
        for (request, fetch) in &fetched {
            let path = match fetch {
                Fetch::StoreInfo => "/v2/store",
                _ => "/v3/catalog/products",
            };
            update(
                &mut state,
                Action::Loaded {
                    request: *request,
                    result: Err(message(path)),
                },
            );
        }
        // The empty list says it; no toast repeats it for the store's name.
        assert!(
            state.toasts.is_empty(),
            "store first: {store_first}: {:?}",
            state.toasts
        );
        assert!(matches!(
            &state.products.list.load,
            super::list::LoadState::Failed(m) if m == &message("/v3/catalog/products")
        ));
    }
}

#[test]
fn a_store_failure_with_another_cause_than_the_pane_is_still_toasted() {
    let (mut state, fetched) = started();
    for (request, fetch) in &fetched {
        let result = match fetch {
            Fetch::StoreInfo => Err("GET /v2/store: 500 Internal Server Error: boom".to_string()),
            Fetch::Products(_) => Err("GET /v3/catalog/products: 404 Not Found: gone".to_string()),
            _ => continue,
        };
        update(
            &mut state,
            Action::Loaded {
                request: *request,
                result,
            },
        );
    }
    assert_eq!(state.toasts.len(), 1, "{:?}", state.toasts);
    assert!(state.toasts[0].text.contains("500 Internal Server Error"));
}

#[test]
fn a_failed_needs_action_view_is_said_in_its_pane_and_loads_again_when_the_store_answers() {
    use super::Effect;
    use super::orders::{OrdersMsg, OrdersTask};
    let needs_action = |effects: &[Effect]| {
        effects
            .iter()
            .find_map(|e| match e {
                Effect::Orders(OrdersTask::NeedsAction { request, .. }) => Some(*request),
                _ => None,
            })
            .expect("the needs-action fetch")
    };
    let mut state = AppState::for_tests("demo", "me@here", false);
    state.tab = Tab::Orders;
    let request = needs_action(&state.ensure_loaded());
    let failed = |request| {
        Action::Orders(OrdersMsg::NeedsAction {
            request,
            result: Err("GET /v2/orders: connection refused".into()),
        })
    };
    update(&mut state, failed(request));
    // The empty list says it in its body, as every list pane does.
    assert!(state.toasts.is_empty(), "{:?}", state.toasts);
    assert!(matches!(
        &state.orders.list.load,
        super::list::LoadState::Failed(m) if m.contains("connection refused")
    ));
    // An answer to a request nobody waits for any more changes nothing.
    update(&mut state, failed(request + 1000));
    assert!(!state.changed);

    let effects = update(&mut state, Action::StoreReachable(None));
    let again = needs_action(&effects);
    assert_ne!(again, request);
    assert_eq!(state.orders.list.load.request(), Some(again));
}
