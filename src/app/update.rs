//! The update function: the only place the state changes.

use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};
use tui_input::backend::crossterm::to_input_request;

use super::cmdline::{self, CommandLine};
use super::keys::{self, Intent};
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
            Ok(()) => {
                state.header.profile = profile.clone();
                state.header.store_name = None;
                state.header.rate = None;
                state.products = ProductsPane::default();
                state.orders = OrdersPane::default();
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
        Action::Quit => quit(state),
    }
}

fn quit(state: &mut AppState) -> Vec<Effect> {
    state.quit = true;
    vec![Effect::Quit]
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
        return on_intent(state, command.intent, &key);
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
        Tab::Categories | Tab::Console => 0,
    }
}

fn bump_filter_generation(state: &mut AppState, tab: Tab) -> u64 {
    let generation = match tab {
        Tab::Products => &mut state.products.filter_generation,
        Tab::Orders => &mut state.orders.filter_generation,
        Tab::Customers => &mut state.customers.filter_generation,
        Tab::Categories | Tab::Console => return 0,
    };
    *generation += 1;
    *generation
}

/// Sends the filter text to the server for `tab`.
fn apply_filter(state: &mut AppState, tab: Tab, text: &str) -> Vec<Effect> {
    match tab {
        Tab::Products => state.set_product_keyword(text),
        Tab::Customers => state.set_customer_filter(text),
        Tab::Orders => state.set_order_filter(text).unwrap_or_default(),
        Tab::Categories | Tab::Console => Vec::new(),
    }
}

/// The text that shows the current filter of `tab`, to edit it again.
fn current_filter_text(state: &AppState, tab: Tab) -> String {
    use super::panes::{CustomerFilter, OrderFilter};
    match tab {
        Tab::Products => state.products.keyword.clone().unwrap_or_default(),
        Tab::Orders => match &state.orders.filter {
            Some(OrderFilter::Id(id)) => id.to_string(),
            Some(OrderFilter::Email(email)) => email.clone(),
            None => String::new(),
        },
        Tab::Customers => match &state.customers.filter {
            Some(CustomerFilter::Name(text) | CustomerFilter::Email(text)) => text.clone(),
            None => String::new(),
        },
        Tab::Categories | Tab::Console => String::new(),
    }
}

fn on_intent(state: &mut AppState, intent: Intent, key: &KeyEvent) -> Vec<Effect> {
    let viewport = state.list_rows();
    match intent {
        Intent::Quit => quit(state),
        Intent::ToggleHelp => {
            state.mode = match state.mode {
                Mode::Help { .. } => Mode::Normal,
                _ => Mode::Help { scroll: 0 },
            };
            Vec::new()
        }
        Intent::NextTab => switch_tab(state, state.tab.cycle(1)),
        Intent::PrevTab => switch_tab(state, state.tab.cycle(-1)),
        Intent::GoTab => match key.code {
            KeyCode::Char(c) => match c.to_digit(10) {
                Some(n @ 1..=5) => switch_tab(state, Tab::ALL[n as usize - 1]),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        },
        Intent::Up => move_cursor(state, -1),
        Intent::Down => move_cursor(state, 1),
        Intent::PageUp => move_cursor(state, -(viewport as isize)),
        Intent::PageDown => move_cursor(state, viewport as isize),
        Intent::Top => move_cursor(state, isize::MIN / 2),
        Intent::Bottom => move_cursor(state, isize::MAX / 2),
        Intent::Open => open_selected(state),
        Intent::Back => go_back(state),
        Intent::StartFilter => {
            if let Some(tab) = state.filter_target() {
                let text = current_filter_text(state, tab);
                state.filter_input = tui_input::Input::new(text);
                state.mode = Mode::Filter;
            }
            Vec::new()
        }
        Intent::Refresh => refresh(state),
        Intent::SortNext => state.sort_products_next(),
        Intent::SortFlip => state.sort_products_flip(),
        Intent::PickStatus => {
            let cursor = state.orders.status.as_ref().map_or(0, |(id, _)| {
                state
                    .orders
                    .status_choices()
                    .iter()
                    .position(|(sid, _, _)| sid == id)
                    .map_or(0, |i| i + 1)
            });
            state.mode = Mode::StatusPicker { cursor };
            Vec::new()
        }
        Intent::StartCommand => {
            state.command_input = tui_input::Input::default();
            state.completion = None;
            state.mode = Mode::Command;
            Vec::new()
        }
        Intent::Expand => {
            state.categories.expand();
            Vec::new()
        }
        Intent::Collapse => {
            state.categories.collapse(viewport);
            Vec::new()
        }
        Intent::Submit => submit(state),
        Intent::Cancel => cancel(state),
        Intent::Complete => {
            complete(state);
            Vec::new()
        }
    }
}

fn switch_tab(state: &mut AppState, tab: Tab) -> Vec<Effect> {
    state.tab = tab;
    state.ensure_loaded()
}

fn move_cursor(state: &mut AppState, delta: isize) -> Vec<Effect> {
    let viewport = state.list_rows();
    match state.mode {
        Mode::Help { scroll } => {
            let scroll = (i64::from(scroll) + delta.clamp(-1000, 1000) as i64).clamp(0, 500);
            state.mode = Mode::Help {
                scroll: scroll as u16,
            };
            return Vec::new();
        }
        Mode::StatusPicker { cursor } => {
            let last = state.orders.status_choices().len();
            state.mode = Mode::StatusPicker {
                cursor: cursor
                    .saturating_add_signed(delta.clamp(-1000, 1000))
                    .min(last),
            };
            return Vec::new();
        }
        _ => {}
    }
    let detail_step = delta.clamp(-1000, 1000) as i32;
    match state.tab {
        Tab::Products => match state.products.detail.as_mut() {
            Some(detail) => {
                detail.scroll_by(detail_step);
                Vec::new()
            }
            None => {
                state.products.list.move_by(delta, viewport);
                if state.products.list.wants_more(viewport) {
                    state.fetch_more_products()
                } else {
                    Vec::new()
                }
            }
        },
        Tab::Orders => match state.orders.detail.as_mut() {
            Some(detail) => {
                detail.scroll_by(detail_step);
                Vec::new()
            }
            None => {
                state.orders.list.move_by(delta, viewport);
                if state.orders.list.wants_more(viewport) {
                    state.fetch_more_orders()
                } else {
                    Vec::new()
                }
            }
        },
        Tab::Customers => match state.customers.detail.as_mut() {
            Some(detail) => {
                detail.scroll_by(detail_step);
                Vec::new()
            }
            None => {
                state.customers.list.move_by(delta, viewport);
                if state.customers.list.wants_more(viewport) {
                    state.fetch_more_customers()
                } else {
                    Vec::new()
                }
            }
        },
        Tab::Categories => {
            state.categories.move_by(delta, viewport);
            Vec::new()
        }
        Tab::Console => Vec::new(),
    }
}

fn open_selected(state: &mut AppState) -> Vec<Effect> {
    match state.tab {
        Tab::Products => match state.products.list.selected() {
            Some(product) => {
                let id = product.id;
                state.open_product(id)
            }
            None => Vec::new(),
        },
        Tab::Orders => match state.orders.list.selected() {
            Some(order) => {
                let id = order.id;
                state.open_order(id)
            }
            None => Vec::new(),
        },
        Tab::Customers => match state.customers.list.selected() {
            Some(customer) => {
                let id = customer.id;
                state.open_customer(id)
            }
            None => Vec::new(),
        },
        Tab::Categories => match state.categories.selected() {
            Some(category) => {
                let (id, name) = (category.category_id, category.name.clone());
                state.tab = Tab::Products;
                state.filter_products_by_category(id, name)
            }
            None => Vec::new(),
        },
        Tab::Console => Vec::new(),
    }
}

fn go_back(state: &mut AppState) -> Vec<Effect> {
    match state.tab {
        Tab::Products => {
            if state.products.detail.take().is_some() {
                Vec::new()
            } else {
                state.products.keyword = None;
                state.products.category = None;
                state.reload_products()
            }
        }
        Tab::Orders => {
            if state.orders.detail.take().is_some() {
                Vec::new()
            } else {
                state.orders.filter = None;
                state.reload_orders()
            }
        }
        Tab::Customers => {
            if state.customers.detail.take().is_some() {
                Vec::new()
            } else {
                state.customers.filter = None;
                state.reload_customers()
            }
        }
        Tab::Categories | Tab::Console => Vec::new(),
    }
}

fn refresh(state: &mut AppState) -> Vec<Effect> {
    match state.tab {
        Tab::Products => match &state.products.detail {
            Some(detail) => {
                let id = detail.id;
                state.open_product(id)
            }
            None => state.reload_products(),
        },
        Tab::Orders => match &state.orders.detail {
            Some(detail) => {
                let id = detail.id;
                state.open_order(id)
            }
            None => state.reload_orders(),
        },
        Tab::Customers => match &state.customers.detail {
            Some(detail) => {
                let id = detail.id;
                state.open_customer(id)
            }
            None => state.reload_customers(),
        },
        Tab::Categories => state.reload_categories(),
        Tab::Console => Vec::new(),
    }
}

fn submit(state: &mut AppState) -> Vec<Effect> {
    match state.mode {
        Mode::Filter => {
            state.mode = Mode::Normal;
            let Some(tab) = state.filter_target() else {
                return Vec::new();
            };
            // Cancels a pending debounce: this applies now.
            bump_filter_generation(state, tab);
            let text = state.filter_input.value().to_string();
            match tab {
                Tab::Orders => match state.set_order_filter(&text) {
                    Ok(effects) => effects,
                    Err(message) => toast(state, ToastKind::Error, message),
                },
                _ => apply_filter(state, tab, &text),
            }
        }
        Mode::Command => {
            state.mode = Mode::Normal;
            state.completion = None;
            let text = state.command_input.value().to_string();
            match cmdline::parse(&text) {
                Ok(command) => run_command(state, command),
                Err(message) => toast(state, ToastKind::Error, message),
            }
        }
        Mode::StatusPicker { cursor } => {
            state.mode = Mode::Normal;
            let status = match cursor {
                0 => None,
                n => state
                    .orders
                    .status_choices()
                    .get(n - 1)
                    .map(|(id, name, _)| (*id, name.clone())),
            };
            state.set_order_status(status)
        }
        _ => Vec::new(),
    }
}

fn cancel(state: &mut AppState) -> Vec<Effect> {
    let mode = state.mode;
    state.mode = Mode::Normal;
    state.completion = None;
    match mode {
        Mode::Filter => {
            let Some(tab) = state.filter_target() else {
                return Vec::new();
            };
            bump_filter_generation(state, tab);
            apply_filter(state, tab, "")
        }
        _ => Vec::new(),
    }
}

fn complete(state: &mut AppState) {
    let text = state.command_input.value().to_string();
    let next = match state.completion.take() {
        Some(mut completion) if completion.line() == text => {
            completion.index = (completion.index + 1) % completion.candidates.len();
            Some(completion)
        }
        _ => {
            let statuses: Vec<String> = state
                .orders
                .status_choices()
                .into_iter()
                .map(|(_, name, _)| name)
                .collect();
            cmdline::complete(&text, &statuses, &state.profiles)
        }
    };
    if let Some(completion) = next {
        state.command_input = tui_input::Input::new(completion.line());
        state.completion = Some(completion);
    }
}

fn run_command(state: &mut AppState, command: CommandLine) -> Vec<Effect> {
    match command {
        CommandLine::Products => switch_tab(state, Tab::Products),
        CommandLine::Orders(status) => {
            let mut effects = switch_tab(state, Tab::Orders);
            state.orders.detail = None;
            match status {
                None => {
                    if state.orders.status.is_some() {
                        effects = state.set_order_status(None);
                    }
                }
                Some(name) => match state.find_order_status(&name) {
                    Some(status) => effects = state.set_order_status(Some(status)),
                    None => effects.extend(toast(
                        state,
                        ToastKind::Error,
                        format!("No order status called {name:?}"),
                    )),
                },
            }
            effects
        }
        CommandLine::Customers => switch_tab(state, Tab::Customers),
        CommandLine::Categories => switch_tab(state, Tab::Categories),
        CommandLine::Console => switch_tab(state, Tab::Console),
        CommandLine::Product(id) => {
            state.tab = Tab::Products;
            let mut effects = state.ensure_loaded();
            effects.extend(state.open_product(id));
            effects
        }
        CommandLine::Order(id) => {
            state.tab = Tab::Orders;
            let mut effects = state.ensure_loaded();
            effects.extend(state.open_order(id));
            effects
        }
        CommandLine::Customer(id) => {
            state.tab = Tab::Customers;
            let mut effects = state.ensure_loaded();
            effects.extend(state.open_customer(id));
            effects
        }
        CommandLine::Profile(name) => {
            if !state.profiles.is_empty() && !state.profiles.contains(&name) {
                let known = state.profiles.join(", ");
                return toast(
                    state,
                    ToastKind::Error,
                    format!("No profile {name:?} (known: {known})"),
                );
            }
            let mut effects = toast(
                state,
                ToastKind::Info,
                format!("Connecting to profile {name}…"),
            );
            effects.push(Effect::SwitchProfile(name));
            effects
        }
        CommandLine::Quit => quit(state),
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
        Ok(Loaded::Products { page, rows, total }) => {
            state.products_loaded(request, page, rows, total)
        }
        Ok(Loaded::ProductDetail(detail)) => state.product_detail_loaded(request, Ok(*detail)),
        Ok(Loaded::Orders { page, rows }) => state.orders_loaded(request, page, rows),
        Ok(Loaded::OrderCounts(counts)) => state.order_counts_loaded(request, Ok(counts)),
        Ok(Loaded::OrderDetail(detail)) => state.order_detail_loaded(request, Ok(*detail)),
        Ok(Loaded::Customers { page, rows, total }) => {
            state.customers_loaded(request, page, rows, total)
        }
        Ok(Loaded::CustomerDetail(detail)) => state.customer_detail_loaded(request, Ok(*detail)),
        Ok(Loaded::Categories(all)) => state.categories_loaded(request, Ok(all)),
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
