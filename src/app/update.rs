//! The update function: the only place the state changes.

use std::time::Duration;

use crossterm::event::{Event, KeyEvent, KeyEventKind};
use tui_input::backend::crossterm::to_input_request;

use super::keys;
use super::list::LoadState;
use super::panes::{CategoriesPane, CustomersPane, OrdersPane, ProductsPane, page_loaded};
use super::{Action, AppState, Effect, Loaded, Mode, Tab, Toast, ToastKind};

/// How long typing must pause before a filter goes to the server.
pub const FILTER_DEBOUNCE: Duration = Duration::from_millis(300);
/// How long a toast stays.
pub const TOAST_TIME: Duration = Duration::from_secs(4);
/// How long an error toast stays.
pub const ERROR_TOAST_TIME: Duration = Duration::from_secs(8);

/// Applies `action` to `state` and returns the work it asks for. Sets
/// `state.changed` when the screen needs redrawing.
pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    state.changed = true;
    match action {
        Action::Key(key) => on_key(state, key),
        Action::Paste(text) => {
            let input = match state.mode {
                Mode::Filter => &mut state.filter_input,
                Mode::Command => &mut state.command_input,
                Mode::Console(mode) => return super::console::update::on_paste(state, mode, &text),
                Mode::Edit => {
                    super::edit::on_paste(state, &text);
                    return Vec::new();
                }
                _ => {
                    state.changed = false;
                    return Vec::new();
                }
            };
            for c in text.chars().filter(|c| !c.is_control()) {
                input.handle(tui_input::InputRequest::InsertChar(c));
            }
            after_typing(state)
        }
        Action::Resize(columns, rows) => {
            state.size = (columns, rows);
            for tab in super::list_pane::LIST_TABS {
                let rows = state.list_rows_for(tab);
                if let Some(pane) = state.list_pane_mut(tab) {
                    pane.paged_mut().scroll_into_view(rows);
                }
            }
            let categories = state.list_rows_for(Tab::Categories);
            state.categories.move_by(0, categories);
            Vec::new()
        }
        Action::DetailMeasured { tab, measure } => {
            // The frame already shows the clamped scroll: nothing to redraw.
            state.changed = false;
            let max_scroll = measure.max_scroll;
            if let Some(rows) = measure.variant_rows {
                state.products.variant_rows = rows;
            }
            if let Some(pane) = state.list_pane_mut(tab) {
                pane.detail_mut().measured(max_scroll);
            }
            Vec::new()
        }
        Action::Tick => {
            if state.is_animating() {
                state.spinner = state.spinner.wrapping_add(1);
            } else {
                state.changed = false;
            }
            Vec::new()
        }
        Action::Loaded { request, result } => on_loaded(state, request, result),
        Action::StoreUnreachable => {
            state.changed = false;
            vec![Effect::ProbeStore]
        }
        Action::StoreReachable(name) => super::recovery::reachable(state, name),
        Action::FilterDue { tab, generation } => {
            if filter_generation(state, tab) != generation || state.mode != Mode::Filter {
                state.changed = false;
                return Vec::new();
            }
            let text = state.filter_input.value().to_string();
            // Half-typed text is no filter yet: Enter says why.
            state.set_list_filter(tab, &text).unwrap_or_default()
        }
        Action::ToastExpired(id) => {
            let before = state.toasts.len();
            state.toasts.retain(|t| t.id != id);
            state.changed = state.toasts.len() != before;
            Vec::new()
        }
        Action::AccessRefused(status) => {
            state.changed = state.header.refused != Some(status);
            state.header.refused = Some(status);
            Vec::new()
        }
        Action::RateLimit(info) => {
            state.changed = state.header.rate != Some(info);
            state.header.rate = Some(info);
            Vec::new()
        }
        Action::ProfileSwitched { profile, result } => match result {
            Ok(connected) => {
                // Everything that belongs to a store goes with it: marks, undo, the
                // write log of this run. Settings of this session (the poll interval) stay.
                let poll = state.orders.poll.clone();
                state.edit = super::edit::EditState::default();
                state.header.profile = profile.clone();
                state.header.read_only = connected.read_only;
                state.header.store_name = None;
                state.header.rate = None;
                state.header.refused = None;
                state.home = super::home::HomeState::default();
                state.products = ProductsPane::default();
                state.hooks = super::hooks::HooksPane::default();
                state.orders = OrdersPane::default();
                state.orders.poll.interval = poll.interval;
                state.orders.poll.enabled = poll.enabled;
                state.customers = CustomersPane::default();
                state.categories = CategoriesPane::default();
                let mut effects = state.start();
                effects.extend(toast(
                    state,
                    ToastKind::Info,
                    format!("Switched to profile {profile}"),
                ));
                effects
            }
            Err(message) => toast(
                state,
                ToastKind::Error,
                format!("Could not switch to profile {profile}: {message}"),
            ),
        },
        Action::Console(event) => super::console::update::on_event(state, event),
        Action::Written { request, result } => super::edit::on_written(state, request, result),
        Action::WriteProgress {
            request,
            done,
            total,
        } => {
            super::edit::on_progress(state, request, done, total);
            Vec::new()
        }
        Action::EditedExternally { edit, result } => {
            super::edit::on_edited_externally(state, edit, result)
        }
        Action::Quit => quit(state),
        Action::JournalRead { earlier, unknown } => {
            super::unknown_writes::journal_read(state, earlier, unknown)
        }
        Action::Orders(message) => super::orders::on_message(state, message),
        Action::Home(message) => super::home::on_message(state, message),
    }
}

pub(crate) fn quit(state: &mut AppState) -> Vec<Effect> {
    state.quit = true;
    vec![Effect::Quit]
}

/// `q`, Ctrl-c or `:quit`: quits at once unless writes are still on their way to
/// the store; then it asks, and any key but `y` keeps bctui open until they report.
pub(super) fn ask_quit(state: &mut AppState) -> Vec<Effect> {
    let writes = state.writes_in_flight();
    if writes == 0 {
        return quit(state);
    }
    let lines = vec![
        format!(
            "{writes} write{} still on the way to the store.",
            if writes == 1 { " is" } else { "s are" }
        ),
        "Quitting now may leave them unsent, or sent with no word of the outcome.".to_string(),
        "Any other key keeps bctui open: they finish and report (:log shows them).".to_string(),
    ];
    let confirm = super::edit::Confirm::new(
        "Quit while writes are being sent?",
        lines,
        "Quit anyway",
        super::edit::Confirmed::Quit,
    );
    super::edit::open_confirm(state, confirm);
    Vec::new()
}

/// Shows a toast and schedules its removal. An error with the same cause as
/// one already shown (several requests refused for one wrong token) takes its
/// place, and one the pane on screen already shows is not toasted, so one cause
/// is said once.
pub(crate) fn toast(state: &mut AppState, kind: ToastKind, text: String) -> Vec<Effect> {
    if kind == ToastKind::Error && pane_says(state, &text) {
        // The pane on screen already says it (a wrong store hash fails every request).
        return Vec::new();
    }
    if kind == ToastKind::Error
        && let Some(cause) = error_cause(&text)
    {
        state
            .toasts
            .retain(|t| t.kind != ToastKind::Error || error_cause(&t.text) != Some(cause));
    }
    let id = state.next_id();
    state.toasts.push(Toast { id, kind, text });
    // Keep the stack short: the newest three.
    let excess = state.toasts.len().saturating_sub(3);
    state.toasts.drain(..excess);
    let after = match kind {
        ToastKind::Info => TOAST_TIME,
        ToastKind::Error => ERROR_TOAST_TIME,
    };
    vec![Effect::ExpireToast { id, after }]
}

/// The part of an API error from its HTTP status on (`401 Unauthorized: …`):
/// errors of different requests read the same from there when their cause is.
fn error_cause(text: &str) -> Option<&str> {
    text.match_indices(": ").find_map(|(i, _)| {
        let rest = &text[i + 2..];
        let bytes = rest.as_bytes();
        (bytes.len() > 4 && bytes[..3].iter().all(u8::is_ascii_digit) && bytes[3] == b' ')
            .then_some(rest)
    })
}

fn on_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        state.changed = false;
        return Vec::new();
    }
    if let Some(command) = keys::lookup(state, &key) {
        return super::intents::on_intent(state, command.intent, &key);
    }
    match state.mode {
        Mode::Filter | Mode::Command => {
            let input = if state.mode == Mode::Filter {
                &mut state.filter_input
            } else {
                &mut state.command_input
            };
            let changed = to_input_request(&Event::Key(key))
                .and_then(|request| input.handle(request))
                .is_some_and(|response| response.value);
            if changed {
                after_typing(state)
            } else {
                Vec::new()
            }
        }
        Mode::OrderDialog => super::orders::on_dialog_key(state, key),
        Mode::Console(mode) => super::console::update::on_key(state, mode, key),
        Mode::Edit => super::edit::on_other_key(state, &key),
        _ => {
            state.changed = false;
            Vec::new()
        }
    }
}

/// Reacts to the text of the filter or command line changing.
fn after_typing(state: &mut AppState) -> Vec<Effect> {
    match state.mode {
        Mode::Filter => {
            let Some(tab) = state.filter_target() else {
                return Vec::new();
            };
            let generation = bump_filter_generation(state, tab);
            vec![Effect::Debounce {
                tab,
                generation,
                delay: FILTER_DEBOUNCE,
            }]
        }
        Mode::Command => {
            state.completion = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn filter_generation(state: &mut AppState, tab: Tab) -> u64 {
    match state.list_pane_mut(tab) {
        Some(pane) => *pane.filter_generation(),
        None => 0,
    }
}

pub(super) fn bump_filter_generation(state: &mut AppState, tab: Tab) -> u64 {
    let generation = match state.list_pane_mut(tab) {
        Some(pane) => pane.filter_generation(),
        None => return 0,
    };
    *generation += 1;
    *generation
}

/// The text that shows the current filter of `tab`, to edit it again.
pub(super) fn current_filter_text(state: &AppState, tab: Tab) -> String {
    state
        .list_pane(tab)
        .map(|pane| pane.filter_text())
        .unwrap_or_default()
}

pub(super) fn on_loaded(
    state: &mut AppState,
    request: u64,
    result: Result<Loaded, String>,
) -> Vec<Effect> {
    if result.is_ok() {
        state.header.refused = None;
    }
    let handled = match result {
        Ok(Loaded::StoreName(name)) => {
            let current = state.store_load.request() == Some(request);
            if current {
                state.header.store_name = Some(name);
                state.store_load = LoadState::Loaded;
            }
            current
        }
        Ok(Loaded::Products {
            page,
            rows,
            total,
            brands,
        }) => {
            let pane = &mut state.products;
            let page = (page, rows, total);
            page_loaded(&mut pane.list, &mut pane.brands, request, page, brands)
        }
        Ok(Loaded::ProductDetail(detail)) => state.product_detail_loaded(request, Ok(*detail)),
        Ok(Loaded::Orders { page, rows }) => state.orders_loaded(request, page, rows),
        Ok(Loaded::OrderCounts(counts)) => {
            let handled = state.order_counts_loaded(request, Ok(counts));
            if handled {
                let mut effects = state.refetch_stale_orders();
                effects.extend(match state.apply_pending_status() {
                    Ok(effects) => effects,
                    Err(message) => toast(state, ToastKind::Error, message),
                });
                return effects;
            }
            handled
        }
        Ok(Loaded::OrderDetail(detail)) => {
            let handled = state.order_detail_loaded(request, Ok(*detail));
            if handled {
                return super::orders::after_detail(state);
            }
            handled
        }
        Ok(Loaded::Customers {
            page,
            rows,
            total,
            groups,
        }) => {
            let pane = &mut state.customers;
            let page = (page, rows, total);
            page_loaded(&mut pane.list, &mut pane.groups, request, page, groups)
        }
        Ok(Loaded::CustomerDetail(detail)) => state.customer_detail_loaded(request, Ok(*detail)),
        Ok(Loaded::Categories(all)) => {
            if state.categories_loaded(request, Ok(all)) {
                return state.count_selected_category();
            }
            false
        }
        Ok(Loaded::Hooks(rows)) => state.hooks_loaded(request, rows),
        Ok(Loaded::ProductsById(result)) => {
            return super::edit::bulk_preview::reread(state, request, result);
        }
        Ok(Loaded::ProductForEditor(result)) => {
            let (result, open) = (result.map(|p| *p), super::edit::product::open_editor);
            return super::edit::external::read_for_editor(state, request, result, "product", open);
        }
        Ok(Loaded::CustomerForEditor(result)) => {
            let (result, open) = (result.map(|c| *c), super::edit::customer::open_editor);
            return super::edit::external::read_for_editor(
                state, request, result, "customer", open,
            );
        }
        Ok(Loaded::Count { query, result }) => {
            return super::edit::on_counted(state, request, query, result);
        }
        Err(message) => return on_failed(state, request, message),
    };
    if !handled {
        tracing::debug!(request, "discarded a stale result");
        state.changed = false;
    }
    Vec::new()
}

/// Routes an error to the view that waits for `request`. It is toasted only
/// where that view cannot show all of it: an empty list or a detail says it in
/// its body, and a refused token is named in the header, so the same words do
/// not show twice.
fn on_failed(state: &mut AppState, request: u64, message: String) -> Vec<Effect> {
    let failed = LoadState::Failed(message.clone());
    let mut found = true;
    let mut toasted = true;
    if let Some(toast) = state.fail_list_request(request, &message) {
        toasted = toast;
    } else if state.orders.counts_load.request() == Some(request) {
        state.orders.counts_load = failed;
    } else if state.categories.load.request() == Some(request) {
        state.categories.load = failed;
        toasted = !state.categories.rows.is_empty();
    } else if state.store_load.request() == Some(request) {
        state.store_load = failed;
        toasted = state.header.refused != Some(401);
    } else {
        found = false;
    }
    if !found {
        state.changed = false;
        return Vec::new();
    }
    if !toasted {
        // What the pane now says needs no toast of another request beside it
        // (a wrong store hash fails the store's name and the list alike).
        if let Some(cause) = error_cause(&message) {
            state
                .toasts
                .retain(|t| t.kind != ToastKind::Error || error_cause(&t.text) != Some(cause));
        }
        return Vec::new();
    }
    toast(state, ToastKind::Error, message)
}

/// Whether the pane on screen already shows a failure with the cause of `message`
/// (a list that came back empty with it, or a box of Home).
fn pane_says(state: &AppState, message: &str) -> bool {
    let Some(cause) = error_cause(message) else {
        return false;
    };
    let home = &state.home;
    let shown: Vec<&LoadState> = match state.tab {
        Tab::Home => vec![
            &home.sales.load,
            &home.counts.load,
            &home.stock.load,
            &home.top_sellers.load,
            &state.store_load,
        ],
        Tab::Categories if state.categories.rows.is_empty() => vec![&state.categories.load],
        tab => match state.list_pane(tab) {
            Some(pane) if pane.paged().is_empty() => vec![pane.paged().load()],
            _ => Vec::new(),
        },
    };
    shown
        .into_iter()
        .any(|load| matches!(load, LoadState::Failed(m) if error_cause(m) == Some(cause)))
}
