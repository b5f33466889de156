//! The Orders `:` commands: `:orders VIEW`, `:export PATH`, `:poll SECONDS`.

use super::export::{ExportKind, ExportState};
use super::{OrdersTask, ViewQuery};
use crate::app::update::toast;
use crate::app::{AppState, Effect, Tab, ToastKind};

/// `:orders [all | needs action | STATUS]`.
pub(crate) fn orders_command(state: &mut AppState, name: Option<String>) -> Vec<Effect> {
    let Some(name) = name else {
        return Vec::new();
    };
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
    let path = std::path::PathBuf::from(path);
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
        },
        kind,
        path,
    })]
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
