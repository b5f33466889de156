//! Recovery after the store could not be reached (down at start-up, network
//! gone): the runtime probes it with growing pauses (`Effect::ProbeStore`), and
//! once it answers the header gets the store's name and every list whose load
//! failed loads again by itself, without waiting for `r`.

use super::list::LoadState;
use super::{AppState, Effect};

fn failed(load: &LoadState) -> bool {
    matches!(load, LoadState::Failed(_))
}

/// The store answers again.
pub(super) fn reachable(state: &mut AppState, name: Option<String>) -> Vec<Effect> {
    if let Some(name) = name {
        state.header.store_name = Some(name);
        state.store_load = LoadState::Loaded;
    }
    let orders_failed = failed(&state.orders.list.load);
    let mut effects = Vec::new();
    // Lists go on from the page that failed (page 1 on a first load).
    for tab in super::list_pane::LIST_TABS {
        if state
            .list_pane(tab)
            .is_some_and(|pane| failed(pane.paged().load()))
        {
            effects.extend(state.fetch_more(tab));
        }
    }
    if failed(&state.orders.counts_load) {
        effects.extend(state.reload_order_counts());
    }
    if orders_failed {
        effects.extend(state.start_order_polling());
    }
    if failed(&state.categories.load) {
        effects.extend(state.reload_categories());
    }
    effects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Fetch;

    #[test]
    fn failed_lists_load_again_and_the_header_fills_in() {
        let mut state = AppState::for_tests("demo", "me@here", false);
        let _ = state.start();
        let request = state.products.list.load.request().expect("loading");
        state.products.list.load = LoadState::Failed("connection refused".into());
        state.store_load = LoadState::Failed("connection refused".into());

        let effects = reachable(&mut state, Some("Demo Store".into()));
        assert_eq!(state.header.store_name.as_deref(), Some("Demo Store"));
        assert_eq!(state.store_load, LoadState::Loaded);
        let fetches: Vec<&Fetch> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::Fetch { fetch, .. } => Some(fetch),
                _ => None,
            })
            .collect();
        assert!(matches!(fetches[..], [Fetch::Products(_)]), "{effects:?}");
        let again = state.products.list.load.request().expect("loading again");
        assert_ne!(again, request);

        // Nothing failed: nothing to do.
        assert!(reachable(&mut state, None).is_empty());
    }
}
