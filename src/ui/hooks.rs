//! The Webhooks tab: the list and one hook's detail (custom header values masked).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::detail::{date_field, draw_lines, field, section, title_line};
use super::table::{Column, draw_list, draw_message};
use super::theme::Theme;
use super::{draw_list_pane, empty_message, format};
use crate::api::models::Hook;
use crate::app::{AppState, Tab};

/// What a custom header's value is shown as: it is a secret the receiver checks.
const MASK: &str = "••••";

const COLUMNS: &[Column] = &[
    Column::right("ID", 4, 8, 0),
    Column::flex("Scope", 16, 36, 0),
    Column::flex("Destination", 20, 64, 0),
    Column::left("Active", 6, 6, 0),
    Column::left("Created", 16, 16, 2),
    Column::left("Updated", 16, 16, 3),
];

/// Whether hook `id` has a write in flight.
fn saving(state: &AppState, id: u64) -> bool {
    state.edit.is_saving_in(Tab::Webhooks, id)
}

fn cell(state: &AppState, theme: &Theme, hook: &Hook, column: usize) -> Span<'static> {
    let text = match column {
        0 => hook.id.to_string(),
        1 => hook.scope.clone(),
        2 => hook.destination.clone(),
        3 if saving(state, hook.id) => "saving…".to_string(),
        3 => format::yes_no(hook.is_active).to_string(),
        4 => format::date_time(hook.created().as_ref()),
        _ => format::date_time(hook.updated().as_ref()),
    };
    let style = match column {
        3 if saving(state, hook.id) => theme.warn,
        3 if !hook.is_active => theme.bad,
        _ => Style::default(),
    };
    Span::styled(text, style)
}

/// Draws the Webhooks tab into `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let pane = &state.hooks;
    if pane.detail.is_some() {
        match pane.detail_hook() {
            Some(hook) => {
                draw_lines(frame, area, detail_lines(hook, theme), 0);
            }
            None if pane.list.load.is_loading() => draw_message(
                frame,
                area,
                empty_message(&pane.list.load, "the webhook", false, state.spinner, theme),
            ),
            None => draw_message(
                frame,
                area,
                Line::from(Span::styled(
                    "This webhook is gone (Esc goes back)",
                    theme.muted,
                )),
            ),
        }
        return;
    }
    let mut left = vec![
        Span::styled(" Webhooks ", theme.heading),
        Span::raw(format!(" {}", format::count(pane.list.rows.len() as u64))),
    ];
    if let Some(filter) = &pane.filter {
        left.push(Span::styled(format!(" · {}", filter.describe()), theme.key));
    }
    draw_list_pane(
        frame,
        area,
        state,
        theme,
        (Tab::Webhooks, "webhooks"),
        left,
        |frame, body| {
            draw_list(frame, body, theme, COLUMNS, &pane.list, |hook, i| {
                cell(state, theme, hook, i)
            });
        },
    );
}

fn detail_lines(hook: &Hook, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![title_line(&hook.scope, hook.id, theme)];
    section("Webhook", &mut lines, theme);
    lines.push(field("Scope", hook.scope.clone(), theme));
    lines.push(field("Destination", hook.destination.clone(), theme));
    lines.push(field("Active", format::yes_no(hook.is_active), theme));
    lines.push(date_field("Created", hook.created().as_ref(), theme));
    lines.push(date_field("Updated", hook.updated().as_ref(), theme));
    section("Custom headers", &mut lines, theme);
    if hook.headers.is_empty() {
        lines.push(Line::from(Span::styled("  none", theme.muted)));
    }
    for name in hook.headers.keys() {
        lines.push(field(name, MASK, theme));
    }
    lines
}
