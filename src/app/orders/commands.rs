//! The Orders `:` commands: `:orders VIEW`, `:export PATH`, `:poll SECONDS`.

use super::export::{ExportKind, ExportState};
use super::{OrderSort, OrdersTask, SortKey, ViewQuery};
use crate::app::update::toast;
use crate::app::{AppState, Effect, Tab, ToastKind};

/// `:orders [all | needs action | STATUS]`.
pub(crate) fn orders_command(state: &mut AppState, name: Option<String>) -> Vec<Effect> {
    let Some(name) = name else {
        return Vec::new();
    };
    match state.orders.scope.parse(&name) {
        Some(Ok(scope)) => {
            state.orders.scope = scope;
            state.orders.detail = None;
            return state.reload_orders();
        }
        Some(Err(message)) => return toast(state, ToastKind::Error, message),
        None => {}
    }
    match state.find_order_view(&name) {
        Some(view) => state.set_order_view(view),
        None if state.orders.counts.is_none() => {
            // Status names come with the counts; apply once they arrive.
            state.orders.pending_status = Some(name);
            Vec::new()
        }
        None => toast(
            state,
            ToastKind::Error,
            format!("No order status called {name:?} (try all, needs action or a status)"),
        ),
    }
}

/// `:export PATH`: the current view to CSV; a file name with `lines` in it
/// gets one row per line item.
pub(crate) fn export_command(state: &mut AppState, path: &str) -> Vec<Effect> {
    if state.orders.export.as_ref().is_some_and(|e| e.running) {
        return toast(
            state,
            ToastKind::Error,
            "An export is already running".to_string(),
        );
    }
    // The toast names the file written in full, wherever bctui was started.
    let path = std::path::PathBuf::from(path);
    let path = std::path::absolute(&path).unwrap_or(path);
    // With orders marked, the export is of those.
    let only = Some(state.orders.marked.clone()).filter(|m| !m.is_empty());
    let kind = ExportKind::for_path(&path);
    let request = state.next_id();
    state.orders.export = Some(ExportState {
        request,
        path: path.clone(),
        kind,
        done: 0,
        total: state.orders.list.total,
        running: true,
        result: None,
    });
    state.tab = Tab::Orders;
    vec![Effect::Orders(OrdersTask::Export {
        request,
        query: ViewQuery {
            view: state.orders.view(),
            filter: state.orders.filter.clone(),
            scope: state.orders.scope.clone(),
            only,
        },
        kind,
        path,
    })]
}

/// `o` (next key) / `O` (other direction): the server sorts the list again.
pub(super) fn sort_step(state: &mut AppState, flip: bool) -> Vec<Effect> {
    let current = state.orders.scope.sort.unwrap_or(OrderSort {
        key: SortKey::Date,
        descending: !state.orders.view().oldest_first(),
    });
    let sort = if flip {
        OrderSort {
            descending: !current.descending,
            ..current
        }
    } else if state.orders.scope.sort.is_none() {
        // The first `o` leaves the view's own date order for the next key.
        OrderSort {
            key: SortKey::Status,
            ..current
        }
    } else {
        OrderSort {
            key: current.key.next(),
            ..current
        }
    };
    state.orders.scope.sort = Some(sort);
    state.reload_orders()
}

/// `:poll SECONDS` / `:poll off`.
pub(crate) fn poll_command(state: &mut AppState, seconds: Option<u64>) -> Vec<Effect> {
    let mut effects = super::poll::set_interval(state, seconds);
    let text = match seconds {
        Some(s) => format!("Looking for new orders every {s} s"),
        None => "New-order polling is off".to_string(),
    };
    effects.extend(toast(state, ToastKind::Info, text));
    effects
}
