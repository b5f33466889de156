//! The Orders tab: the status bar, the list and the order detail view, and
//! the triage dialogs drawn over them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

mod detail;
mod dialogs;
mod refund;

pub use dialogs::draw_dialog;

use super::detail::loaded_or_status;
use super::table::{Column, draw_list, draw_message};
use super::theme::Theme;
use super::{draw_status_line, empty_message, format, load_status};
use crate::api::models::{Order, OrderRow};
use crate::app::AppState;
use crate::app::list::LoadState;
use crate::app::orders::{ExportState, Highlight, OrderView};
use detail::draw_detail;

const COLUMNS: &[Column] = &[
    Column::right("ID", 6, 6, 0),
    Column::left("Date", 10, 10, 1),
    Column::left("Customer", 16, 22, 0),
    // "Manual Verification Required", the longest status name, in full.
    Column::left("Status", 28, 28, 1),
    Column::right("Items", 5, 5, 3),
    Column::right("Total", 13, 16, 0),
    Column::left("Payment", 8, 18, 4),
];

/// The name on an order: billing first and last name, else the email.
pub fn customer_name(order: &Order) -> String {
    let address = &order.billing_address;
    billing_name(&address.first_name, &address.last_name, &address.email)
}

/// The name on a list row, as [`customer_name`].
fn row_customer_name(order: &OrderRow) -> String {
    let address = &order.billing_address;
    billing_name(&address.first_name, &address.last_name, &address.email)
}

fn billing_name(first_name: &str, last_name: &str, email: &str) -> String {
    let name = format!("{first_name} {last_name}");
    let name = name.trim();
    if name.is_empty() {
        format::or_dash(email).to_string()
    } else {
        name.to_string()
    }
}

/// The status as the store names it (custom label first).
pub fn status_name(order: &Order) -> &str {
    status_label(&order.status, &order.custom_status)
}

fn status_label<'a>(status: &'a str, custom_status: &'a str) -> &'a str {
    if custom_status.is_empty() {
        status
    } else {
        custom_status
    }
}

fn cell(order: &OrderRow, column: usize, mark: Option<Highlight>) -> String {
    match column {
        0 => match mark {
            Some(Highlight::New) => format!("+{}", order.id),
            Some(Highlight::Changed) => format!("~{}", order.id),
            None => order.id.to_string(),
        },
        1 => format::date(order.date_created.as_ref()),
        2 => row_customer_name(order),
        3 => status_label(&order.status, &order.custom_status).to_string(),
        4 => order.items_total.to_string(),
        5 => format::money_with_currency(order.total_inc_tax, &order.currency_code),
        _ => format::or_dash(&order.payment_method).to_string(),
    }
}

/// Draws the Orders tab into `area`; returns how far an open detail can scroll.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) -> Option<u16> {
    let pane = &state.orders;
    if let Some(detail) = &pane.detail {
        let data = loaded_or_status(frame, area, detail, "order", state.spinner, theme)?;
        return Some(draw_detail(frame, area, data, detail.scroll, theme));
    }
    let [status, counts, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);

    let view = pane.view();
    let mut left = vec![Span::styled(" Orders ", theme.heading)];
    let total = pane.list.total.map_or("?".to_string(), format::count);
    left.push(Span::raw(format!(
        " {} of {total}",
        format::count(pane.list.rows.len() as u64)
    )));
    left.push(Span::styled(format!(" · {}", view.label()), theme.key));
    if let Some(filter) = &pane.filter {
        let named = match (filter, &pane.filter_name) {
            (crate::app::panes::OrderFilter::Customer(id), Some(name))
                if name.ends_with(&format!("#{id})")) =>
            {
                name.clone()
            }
            (crate::app::panes::OrderFilter::Customers(_), Some(name)) => name.clone(),
            _ => filter.describe(),
        };
        left.push(Span::styled(format!(" · {named}"), theme.key));
    }
    if !pane.marked.is_empty() {
        left.push(Span::styled(
            format!(" · {} marked", format::count(pane.marked.len() as u64)),
            theme.warn,
        ));
    }
    for part in pane.scope.describe() {
        left.push(Span::styled(format!(" · {part}"), theme.key));
    }
    if pane.scope.sort.is_none() {
        let order = if view.oldest_first() {
            " · oldest first"
        } else {
            " · newest first"
        };
        left.push(Span::styled(order, theme.muted));
    }
    let right = if let Some(export) = pane.export.as_ref().filter(|e| e.running) {
        Some(export_progress(export, theme))
    } else if let Some(write) = &pane.writing {
        Some(Span::styled(
            format!(
                "{} saving #{}",
                format::spinner(state.spinner),
                write.order_id
            ),
            theme.warn,
        ))
    } else {
        let load = if pane.list.load.is_loading() {
            &pane.list.load
        } else if pane.counts_load.is_loading() || matches!(pane.counts_load, LoadState::Failed(_))
        {
            &pane.counts_load
        } else {
            &pane.list.load
        };
        load_status(load, state.spinner, theme)
    };
    draw_status_line(frame, status, left, right);
    draw_counts(frame, counts, state, theme);

    if pane.list.rows.is_empty() {
        if pane.needs_action && pane.filter.is_none() && pane.list.load == LoadState::Loaded {
            let line = Line::from(vec![
                Span::styled("Nothing needs action", theme.good),
                Span::styled("  (f or :orders all shows every order)", theme.muted),
            ]);
            draw_message(frame, body, line);
            return None;
        }
        let filtered = pane.filter.is_some() || pane.status.is_some();
        draw_message(
            frame,
            body,
            empty_message(&pane.list.load, "orders", filtered, state.spinner, theme),
        );
    } else {
        draw_list(frame, body, theme, COLUMNS, &pane.list, |order, column| {
            let mark = pane.highlight.get(&order.id).copied();
            let marked = pane.marked.contains(&order.id);
            let style = match mark {
                _ if marked => theme.key,
                Some(Highlight::New) => theme.good,
                Some(Highlight::Changed) => theme.warn,
                None => theme.text,
            };
            let text = cell(order, column, mark);
            // A marked order says so in its first column, whatever the colours.
            let text = if marked && column == 0 {
                format!("●{text}")
            } else {
                text
            };
            Span::styled(text, style)
        });
    }
    None
}

/// `Exporting orders.csv ▕████░░░░▏ 120/400`.
fn export_progress(export: &ExportState, theme: &Theme) -> Span<'static> {
    const WIDTH: u64 = 12;
    let name = export.path.file_name().map_or_else(
        || export.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let (bar, count) = match export.total.filter(|t| *t > 0) {
        Some(total) => {
            let filled = (export.done.min(total) * WIDTH / total) as usize;
            (
                format!(
                    "▕{}{}▏",
                    "█".repeat(filled),
                    "░".repeat(WIDTH as usize - filled)
                ),
                format!("{}/{}", format::count(export.done), format::count(total)),
            )
        }
        None => (String::new(), format::count(export.done)),
    };
    Span::styled(format!("Exporting {name} {bar} {count}"), theme.warn)
}

/// `Needs action 40 · All 6,000 · Pending 12 · ...` from `/v2/orders/count`.
fn draw_counts(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let pane = &state.orders;
    if pane.counts.is_none() {
        return;
    }
    let current = pane.view();
    // (text, active) per view shown.
    let mut items: Vec<(String, bool)> = Vec::new();
    for (n, (view, name, count)) in pane.view_choices().into_iter().enumerate() {
        let count = count.unwrap_or(0);
        let active = view == current;
        if count == 0 && !active && n > 1 {
            continue;
        }
        let name = if view == OrderView::All {
            "All"
        } else {
            name.as_str()
        };
        items.push((format!("{name} {}", format::count(count)), active));
    }
    const HINT: &str = "   f views";
    const SEPARATOR: usize = 3;
    let width = |text: &str| text.chars().count();
    let room = (area.width as usize).saturating_sub(1 + width(HINT));
    let needed = |from: usize, to: usize| -> usize {
        items[from..to].iter().map(|(t, _)| width(t)).sum::<usize>()
            + SEPARATOR * (to - from).saturating_sub(1)
    };
    // A strip wider than the screen scrolls: it starts late enough for the active view
    // to show, with ‹ and › saying there is more either side.
    let markers = |from: usize, to: usize| {
        (if from > 0 { 2 } else { 0 }) + (if to < items.len() { 2 } else { 0 })
    };
    let active = items.iter().position(|(_, a)| *a).unwrap_or(0);
    let mut start = 0;
    while start < active && needed(start, active + 1) + markers(start, active + 1) > room {
        start += 1;
    }
    let mut end = start;
    while end < items.len() && needed(start, end + 1) + markers(start, end + 1) <= room {
        end += 1;
    }
    let end = end.max((start + 1).min(items.len()));
    let mut spans = vec![Span::raw(" ")];
    if start > 0 {
        spans.push(Span::styled("‹ ", theme.muted));
    }
    for (n, (text, active)) in items[start..end].iter().enumerate() {
        if n > 0 {
            spans.push(Span::styled(" · ", theme.muted));
        }
        let style = if *active { theme.selected } else { theme.text };
        spans.push(Span::styled(text.clone(), style));
    }
    if end < items.len() {
        spans.push(Span::styled(" ›", theme.muted));
    }
    spans.push(Span::styled(HINT, theme.muted));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
