//! The update function: the only place the state changes.

use std::time::Duration;

use crossterm::event::{Event, KeyEvent, KeyEventKind};
use tui_input::backend::crossterm::to_input_request;

use super::keys;
use super::list::LoadState;
use super::panes::{CategoriesPane, CustomersPane, OrdersPane, ProductsPane};
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
            let rows = |tab| state.list_rows_for(tab);
            let (products, orders, customers, categories) = (
                rows(Tab::Products),
                rows(Tab::Orders),
                rows(Tab::Customers),
                rows(Tab::Categories),
            );
            state.products.list.scroll_into_view(products);
            state.orders.list.scroll_into_view(orders);
            state.customers.list.scroll_into_view(customers);
            state.categories.move_by(0, categories);
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
            apply_filter(state, tab, &text)
        }
        Action::ToastExpired(id) => {
            let before = state.toasts.len();
            state.toasts.retain(|t| t.id != id);
            state.changed = state.toasts.len() != before;
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
                state.home = super::home::HomeState::default();
                state.products = ProductsPane::default();
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
        Action::JournalRead { earlier, unknown } => journal_read(state, earlier, unknown),
        Action::Orders(message) => super::orders::on_message(state, message),
        Action::Home(message) => super::home::on_message(state, message),
    }
}

pub(crate) fn quit(state: &mut AppState) -> Vec<Effect> {
    state.quit = true;
    vec![Effect::Quit]
}

/// The journal of the store: `:log` shows its earlier lines; writes of an earlier run
/// that never got an outcome are put in front of the user, who checks them in the
/// store and puts them aside (`y`) or keeps them for the next start.
fn journal_read(state: &mut AppState, earlier: Vec<String>, unknown: Vec<String>) -> Vec<Effect> {
    state.edit.log.earlier = earlier;
    if unknown.is_empty() {
        return Vec::new();
    }
    let count = unknown.len();
    let mut lines = vec![
        format!(
            "{count} write{} sent by an earlier run never reported back (a crash or a lost",
            if count == 1 { " was" } else { "s were" }
        ),
        "connection). Check in the store whether they took effect:".to_string(),
        String::new(),
    ];
    lines.extend(unknown);
    lines.push(String::new());
    lines.push("y puts them aside (:log keeps them); any other key asks again next start.".into());
    let confirm = super::edit::Confirm::new(
        "Writes with an unknown outcome",
        lines,
        "Put aside",
        super::edit::Confirmed::DiscardUnknownWrites,
    );
    super::edit::open_confirm(state, confirm);
    Vec::new()
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

/// Shows a toast and schedules its removal.
pub(crate) fn toast(state: &mut AppState, kind: ToastKind, text: String) -> Vec<Effect> {
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

fn filter_generation(state: &AppState, tab: Tab) -> u64 {
    match tab {
        Tab::Products => state.products.filter_generation,
        Tab::Orders => state.orders.filter_generation,
        Tab::Customers => state.customers.filter_generation,
        Tab::Webhooks => state.hooks.filter_generation,
        Tab::Home | Tab::Categories | Tab::Console => 0,
    }
}

pub(super) fn bump_filter_generation(state: &mut AppState, tab: Tab) -> u64 {
    let generation = match tab {
        Tab::Products => &mut state.products.filter_generation,
        Tab::Orders => &mut state.orders.filter_generation,
        Tab::Customers => &mut state.customers.filter_generation,
        Tab::Webhooks => &mut state.hooks.filter_generation,
        Tab::Home | Tab::Categories | Tab::Console => return 0,
    };
    *generation += 1;
    *generation
}

/// Sends the filter text to the server for `tab`.
pub(super) fn apply_filter(state: &mut AppState, tab: Tab, text: &str) -> Vec<Effect> {
    match tab {
        Tab::Products => state.set_product_keyword(text),
        Tab::Customers => state.set_customer_filter(text),
        Tab::Orders => state.set_order_filter(text).unwrap_or_default(),
        Tab::Webhooks => state.set_hook_filter(text),
        Tab::Home | Tab::Categories | Tab::Console => Vec::new(),
    }
}

/// The text that shows the current filter of `tab`, to edit it again.
pub(super) fn current_filter_text(state: &AppState, tab: Tab) -> String {
    use super::panes::{CustomerFilter, OrderFilter};
    match tab {
        Tab::Products => state.products.keyword.clone().unwrap_or_default(),
        Tab::Orders => match &state.orders.filter {
            Some(OrderFilter::Id(id)) => id.to_string(),
            Some(OrderFilter::Email(email)) => email.clone(),
            Some(OrderFilter::Customer(id)) => format!("customer:{id}"),
            Some(OrderFilter::Customers(_)) => {
                state.orders.searched_name.clone().unwrap_or_default()
            }
            None => String::new(),
        },
        Tab::Customers => match &state.customers.filter {
            Some(CustomerFilter::Name(text) | CustomerFilter::Email(text)) => text.clone(),
            None => String::new(),
        },
        Tab::Webhooks => state
            .hooks
            .filter
            .as_ref()
            .map(|f| f.text().to_string())
            .unwrap_or_default(),
        Tab::Home | Tab::Categories | Tab::Console => String::new(),
    }
}

fn on_loaded(state: &mut AppState, request: u64, result: Result<Loaded, String>) -> Vec<Effect> {
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
        }) => state.products_loaded(request, page, rows, total, brands),
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
        }) => state.customers_loaded(request, page, rows, total, groups),
        Ok(Loaded::CustomerDetail(detail)) => state.customer_detail_loaded(request, Ok(*detail)),
        Ok(Loaded::Categories(all)) => {
            if state.categories_loaded(request, Ok(all)) {
                return state.count_selected_category();
            }
            false
        }
        Ok(Loaded::Hooks(rows)) => state.hooks_loaded(request, rows),
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

/// Routes an error to the view that waits for `request` and toasts it.
fn on_failed(state: &mut AppState, request: u64, message: String) -> Vec<Effect> {
    let failed = LoadState::Failed(message.clone());
    let mut found = true;
    if state.products.list.expects(request) {
        state.products.list.load = failed;
    } else if state.orders.list.expects(request) {
        state.orders.list.load = failed;
    } else if state.customers.list.expects(request) {
        state.customers.list.load = failed;
    } else if state.orders.counts_load.request() == Some(request) {
        state.orders.counts_load = failed;
    } else if state.categories.load.request() == Some(request) {
        state.categories.load = failed;
    } else if super::hooks::fail_load(state, request, &message) {
    } else if let Some(detail) = state
        .products
        .detail
        .as_mut()
        .filter(|d| d.expects(request))
    {
        detail.load = failed;
    } else if let Some(detail) = state.orders.detail.as_mut().filter(|d| d.expects(request)) {
        detail.load = failed;
    } else if let Some(detail) = state
        .customers
        .detail
        .as_mut()
        .filter(|d| d.expects(request))
    {
        detail.load = failed;
    } else if state.store_load.request() == Some(request) {
        state.store_load = failed;
    } else {
        found = false;
    }
    if !found {
        state.changed = false;
        return Vec::new();
    }
    toast(state, ToastKind::Error, message)
}
