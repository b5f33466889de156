//! What each key-table intent does.

use crossterm::event::{KeyCode, KeyEvent};

use super::cmdline::{self, CommandLine};
use super::keys::Intent;
use super::update::{ask_quit, bump_filter_generation, current_filter_text, toast};
use super::{AppState, Effect, Mode, Tab, ToastKind};

pub(super) fn on_intent(state: &mut AppState, intent: Intent, key: &KeyEvent) -> Vec<Effect> {
    let viewport = state.list_rows();
    match intent {
        Intent::Quit => ask_quit(state),
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
                Some(n @ 1..=7) => switch_tab(state, Tab::ALL[n as usize - 1]),
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
            let cursor = state.orders.view_cursor();
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
        Intent::Console(intent) => super::console::update::on_intent(state, intent),
        Intent::Submit => submit(state),
        Intent::Cancel => cancel(state),
        Intent::Complete => {
            complete(state);
            Vec::new()
        }
        Intent::Orders(intent) => super::orders::on_intent(state, intent),
        Intent::Edit(intent) => super::edit::on_intent(state, intent),
        Intent::Home(intent) => super::home::on_intent(state, intent),
    }
}

/// `:product ID`, `:order ID`, `:customer ID`: the tab, loaded, with that record open.
fn open_in(state: &mut AppState, tab: Tab, id: u64) -> Vec<Effect> {
    state.tab = tab;
    let mut effects = state.ensure_loaded();
    effects.extend(state.open_record(tab, id));
    effects
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
            let last = state.orders.view_choices().len().saturating_sub(1);
            state.mode = Mode::StatusPicker {
                cursor: cursor
                    .saturating_add_signed(delta.clamp(-1000, 1000))
                    .min(last),
            };
            return Vec::new();
        }
        _ => {}
    }
    if state.list_pane(state.tab).is_some() {
        return state.move_in_list(state.tab, delta);
    }
    match state.tab {
        Tab::Home => {
            super::home::move_cursor(state, delta.clamp(-1000, 1000));
            Vec::new()
        }
        Tab::Categories => {
            state.categories.move_by(delta, viewport);
            super::edit::category::count_selected(state)
        }
        _ => Vec::new(),
    }
}

fn open_selected(state: &mut AppState) -> Vec<Effect> {
    if let Some(pane) = state.list_pane(state.tab) {
        return match pane.selected_id() {
            Some(id) => state.open_record(state.tab, id),
            None => Vec::new(),
        };
    }
    match state.tab {
        Tab::Home => super::home::open_selected(state),
        Tab::Categories => match state.categories.selected() {
            Some(category) => {
                let (id, name) = (category.category_id, category.name.clone());
                state.tab = Tab::Products;
                state.filter_products_by_category(id, name)
            }
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn go_back(state: &mut AppState) -> Vec<Effect> {
    let tab = state.tab;
    if let Some(pane) = state.list_pane_mut(tab) {
        if !pane.detail_mut().close() {
            pane.clear_filter();
            return state.reload_list(tab);
        }
        // Opened with `C` from an order: back to that order.
        if tab == Tab::Customers && state.customers.opened_from_order.take().is_some() {
            state.tab = Tab::Orders;
        }
    }
    Vec::new()
}

fn refresh(state: &mut AppState) -> Vec<Effect> {
    let tab = state.tab;
    if let Some(pane) = state.list_pane(tab) {
        // A detail with nothing of its own to fetch shows a row: the list loads again.
        let effects = match pane.detail().id() {
            Some(id) => state.open_record(tab, id),
            None => Vec::new(),
        };
        return if effects.is_empty() {
            state.reload_list(tab)
        } else {
            effects
        };
    }
    match tab {
        Tab::Home => state.reload_home(),
        Tab::Categories => state.reload_categories(),
        _ => Vec::new(),
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
            match state.set_list_filter(tab, &text) {
                Ok(effects) => effects,
                Err(message) => toast(state, ToastKind::Error, message),
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
            match state.orders.view_choices().into_iter().nth(cursor) {
                Some((view, _, _)) => state.set_order_view(view),
                None => Vec::new(),
            }
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
            state.set_list_filter(tab, "").unwrap_or_default()
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
        CommandLine::Home => switch_tab(state, Tab::Home),
        CommandLine::Products => switch_tab(state, Tab::Products),
        CommandLine::Orders(status) => {
            let mut effects = switch_tab(state, Tab::Orders);
            state.orders.detail = None;
            effects.extend(super::orders::orders_command(state, status));
            effects
        }
        CommandLine::Export(path) => super::orders::export_command(state, &path),
        CommandLine::Poll(seconds) => super::orders::poll_command(state, seconds),
        CommandLine::Customers => switch_tab(state, Tab::Customers),
        CommandLine::Categories => switch_tab(state, Tab::Categories),
        CommandLine::Webhooks => switch_tab(state, Tab::Webhooks),
        CommandLine::Console => switch_tab(state, Tab::Console),
        CommandLine::Product(id) => open_in(state, Tab::Products, id),
        CommandLine::Order(id) => open_in(state, Tab::Orders, id),
        CommandLine::Customer(id) => open_in(state, Tab::Customers, id),
        CommandLine::Profile(name) => {
            let writes = state.writes_in_flight();
            if writes > 0 {
                // Their results belong to this store: switching now would lose them.
                return toast(
                    state,
                    ToastKind::Error,
                    format!("Not switching yet: {writes} write(s) still on the way to this store"),
                );
            }
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
        CommandLine::Log => {
            let lines = state.edit.log.lines();
            super::edit::open_report(state, "Writes this run".to_string(), lines);
            Vec::new()
        }
        CommandLine::Quit => ask_quit(state),
    }
}
