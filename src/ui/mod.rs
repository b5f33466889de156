//! Drawing: a pure function of [`AppState`]. No I/O happens here.

mod categories;
mod cell_editor;
mod chrome;
mod console;
mod customers;
mod detail;
mod dialogs;
mod form;
pub mod format;
mod home;
mod home_chart;
mod hooks;
mod orders;
mod overlays;
mod products;
pub mod shown;
pub mod table;
pub mod theme;

#[cfg(test)]
mod detail_tests;
#[cfg(test)]
mod edit_tests;
#[cfg(test)]
mod home_tests;
#[cfg(test)]
mod hooks_tests;
#[cfg(test)]
mod key_tests;
#[cfg(test)]
mod overlay_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod width_tests;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::action::DetailMeasure;
use crate::app::list::LoadState;
use crate::app::screen;
use crate::app::{AppState, Mode, Tab};
pub use theme::Theme;

/// Draws the whole screen for `state`.
pub fn draw(frame: &mut Frame, state: &AppState) {
    draw_measured(frame, state);
}

/// Draws the whole screen for `state`; returns how far the open detail can
/// scroll, for the runtime to report back (drawing changes nothing itself).
pub fn draw_measured(frame: &mut Frame, state: &AppState) -> Option<DetailMeasure> {
    draw_screen(frame, state).0
}

/// Draws the whole screen; returns how far the open detail can scroll and the
/// rectangle of the dialog, prompt or popup open over the body, if any.
fn draw_screen(frame: &mut Frame, state: &AppState) -> (Option<DetailMeasure>, Option<Rect>) {
    let theme = if state.monochrome {
        Theme::monochrome()
    } else {
        Theme::colored().with_colors(&state.colors)
    };
    let [header, tabs, body, footer] = Layout::vertical([
        Constraint::Length(screen::HEADER_LINES),
        Constraint::Length(screen::TAB_BAR_LINES),
        Constraint::Min(0),
        Constraint::Length(screen::FOOTER_LINES),
    ])
    .areas(frame.area());

    chrome::draw_header(frame, header, state, &theme);
    chrome::draw_tabs(frame, tabs, state, &theme);
    // The console draws its own prompts (they hang off its path line).
    let (measured, console_prompt) = match state.tab {
        Tab::Products => (products::draw(frame, body, state, &theme), None),
        Tab::Orders => (
            orders::draw(frame, body, state, &theme).map(DetailMeasure::scrolls),
            None,
        ),
        Tab::Customers => (
            customers::draw(frame, body, state, &theme).map(DetailMeasure::scrolls),
            None,
        ),
        Tab::Console => (None, console::draw(frame, body, state, &theme)),
        Tab::Home => {
            home::draw(frame, body, state, &theme);
            (None, None)
        }
        Tab::Categories => {
            categories::draw(frame, body, state, &theme);
            (None, None)
        }
        Tab::Webhooks => {
            hooks::draw(frame, body, state, &theme);
            (None, None)
        }
    };
    chrome::draw_footer(frame, footer, state, &theme);
    let dialog = draw_overlay(frame, body, state, &theme).or(console_prompt);
    overlays::draw_toasts(frame, body, state, &theme, dialog);
    (measured, dialog)
}

/// Draws what the mode opens over the body (help, picker, command-line
/// completions, a dialog or form) and returns the rectangle it drew in, which
/// toasts keep clear of.
fn draw_overlay(frame: &mut Frame, body: Rect, state: &AppState, theme: &Theme) -> Option<Rect> {
    match state.mode {
        Mode::Help { scroll } => Some(overlays::draw_help(frame, body, state, theme, scroll)),
        Mode::StatusPicker { cursor } => Some(overlays::draw_status_picker(
            frame, body, state, theme, cursor,
        )),
        Mode::Command => overlays::draw_completion(frame, body, state, theme),
        Mode::OrderDialog => orders::draw_dialog(frame, body, state, theme),
        Mode::Edit => dialogs::draw(frame, body, state, theme),
        Mode::Normal | Mode::Filter | Mode::Console(_) => None,
    }
}

/// A list tab's status line(s) and the table below, split as
/// [`screen::list_rows`] counts them.
fn list_layout(area: Rect, tab: Tab) -> [Rect; 2] {
    Layout::vertical([
        Constraint::Length(screen::status_lines(tab)),
        Constraint::Min(0),
    ])
    .areas(area)
}

/// A list tab below its detail: the status line (`left`, then the load state)
/// and `table` drawing the rows, or what an empty list says about `what`.
fn draw_list_pane(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    (tab, what): (Tab, &str),
    left: Vec<Span<'static>>,
    table: impl FnOnce(&mut Frame, Rect),
) {
    let Some(pane) = state.list_pane(tab) else {
        return;
    };
    let load = pane.paged().load();
    let [status, body] = list_layout(area, tab);
    draw_status_line(frame, status, left, load_status(load, state.spinner, theme));
    if pane.paged().is_empty() {
        let message = empty_message(load, what, pane.has_filter(), state.spinner, theme);
        table::draw_message(frame, body, message);
    } else {
        table(frame, body);
    }
}

/// The one-line status of a list: loading spinner, error, or nothing.
fn load_status(load: &LoadState, spinner: usize, theme: &Theme) -> Option<Span<'static>> {
    match load {
        LoadState::Loading(_) => Some(Span::styled(
            format!("{} loading", format::spinner(spinner)),
            theme.warn,
        )),
        LoadState::Failed(message) => Some(Span::styled(
            format!("error: {} (r retries)", short_error(message)),
            theme.bad,
        )),
        LoadState::Idle | LoadState::Loaded => None,
    }
}

/// The cause of a failed load in a few words for the status line (`401
/// Unauthorized`, `timed out`): the whole message is in the pane's body or a
/// toast, and is not repeated here.
fn short_error(message: &str) -> &str {
    // Requests fail as `METHOD PATH: STATUS REASON: messages…` or
    // `METHOD PATH: what went wrong: details`.
    let after_path = match message.split_once(": ") {
        Some((request, rest)) if request.contains(" /") => rest,
        _ => message,
    };
    let cause = after_path.split(": ").next().unwrap_or(after_path);
    if cause.is_empty() { message } else { cause }
}

/// What an empty list body says, by load state.
fn empty_message(
    load: &LoadState,
    what: &str,
    filtered: bool,
    spinner: usize,
    theme: &Theme,
) -> Line<'static> {
    match load {
        LoadState::Idle | LoadState::Loading(_) => Line::from(Span::styled(
            format!("{} Loading {what}…", format::spinner(spinner)),
            theme.warn,
        )),
        LoadState::Failed(message) => Line::from(vec![
            Span::styled(
                format!("Could not load {what}: {}", format::without_query(message)),
                theme.bad,
            ),
            Span::styled("  (r retries)", theme.muted),
        ]),
        LoadState::Loaded if filtered => Line::from(Span::styled(
            format!("No {what} match the filter (Esc clears it)"),
            theme.muted,
        )),
        LoadState::Loaded => Line::from(Span::styled(format!("No {what} yet"), theme.muted)),
    }
}

/// A status line: facts on the left, the load state on the right.
fn draw_status_line(
    frame: &mut Frame,
    area: Rect,
    left: Vec<Span<'static>>,
    right: Option<Span<'static>>,
) {
    // The load state may hold a long API message; it gets at most half the line.
    let right_width = right
        .as_ref()
        .map_or(0, |s| (s.width() as u16 + 1).min(area.width / 2));
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(left)), left_area);
    if let Some(right) = right {
        frame.render_widget(Paragraph::new(Line::from(right)), right_area);
    }
}

#[cfg(test)]
mod short_error_tests {
    #[test]
    fn the_status_line_names_the_cause_only() {
        use super::short_error;
        assert_eq!(
            short_error("GET /v3/catalog/products?page=2: 401 Unauthorized: The token was wrong."),
            "401 Unauthorized"
        );
        assert_eq!(
            short_error("GET /v2/orders: connection failed: refused"),
            "connection failed"
        );
        assert_eq!(short_error("GET /v2/store: timed out"), "timed out");
        assert_eq!(short_error("403 Forbidden: no scope"), "403 Forbidden");
        assert_eq!(short_error("store unreachable"), "store unreachable");
    }
}
