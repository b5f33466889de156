//! The Home tab's sales box: today, 7 and 30 days with the change against the
//! period before, a revenue chart per day with axis labels and the orders per
//! day as a sparkline under it. The sums are exact decimals; only the bar
//! heights are plotted as floats.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Sparkline};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::home::{clean, status_lines};
use super::{Theme, format};
use crate::app::AppState;
use crate::app::home::offset_label;
use crate::app::home::sales::{MANY_ORDERS, Period, Sales, change_percent};
use crate::app::list::LoadState;
use crate::app::words::noun;

/// Width of the figures column.
const FIGURES: u16 = 29;

/// Draws the sales box into `area`.
pub fn draw_sales(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let sales = &state.home.sales;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(title(sales, theme))
        .title(progress(sales, state.spinner, theme).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if sales.too_many {
        let count = sales.month_count.unwrap_or(MANY_ORDERS);
        let lines = vec![
            Line::styled(
                format!(
                    "{} orders in the last 30 days: charting them takes about {} requests.",
                    format::count(count),
                    format::count(count.div_ceil(250) * 2)
                ),
                theme.warn,
            ),
            Line::styled("w charts the last 7 days instead", theme.key),
        ];
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    if sales.today.is_none() {
        let lines = status_lines(&sales.load, false, state.spinner, theme).unwrap_or_default();
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let [figures, _, chart] = Layout::horizontal([
        Constraint::Length(FIGURES),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(figure_lines(sales, theme)), figures);
    draw_chart(frame, chart, sales, theme);
}

fn title(sales: &Sales, theme: &Theme) -> Line<'static> {
    let mut text = format!(" Sales · {} days", sales.window_days);
    if !sales.currency.is_empty() {
        text.push_str(&format!(" · {}", clean(&sales.currency)));
    }
    if let Some(offset) = sales.offset {
        text.push_str(&format!(" · days in {}", offset_label(offset)));
    }
    text.push(' ');
    Line::from(Span::styled(text, theme.heading))
}

/// The walk's state for the title's right end.
fn progress(sales: &Sales, spinner: usize, theme: &Theme) -> Line<'static> {
    let fetched = format!(
        "{} {}",
        format::count(sales.fetched),
        noun(sales.fetched, "order", "orders")
    );
    let text = match (&sales.load, sales.paused_secs) {
        (LoadState::Loading(_), Some(secs)) => Span::styled(
            format!(" {fetched} · quota low, resuming in {secs} s "),
            theme.warn,
        ),
        (LoadState::Loading(_), None) => Span::styled(
            format!(" {} {fetched} ", format::spinner(spinner)),
            theme.warn,
        ),
        // Without figures yet the box itself says it.
        (LoadState::Failed(message), _) if sales.today.is_some() => Span::styled(
            format!(" error: {} (r retries) ", clean(message)),
            theme.bad,
        ),
        _ => Span::raw(""),
    };
    Line::from(text)
}

fn figure_lines(sales: &Sales, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (label, days) in [("Today", 1), ("7 days", 7), ("30 days", 30)] {
        let period = sales.period(days);
        let (revenue, orders) = changes(&period, days <= sales.window_days);
        let (known, count) = if days <= sales.window_days {
            (format::money(period.current.revenue), period.current.orders)
        } else {
            ("-".to_string(), 0)
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<8}"), theme.heading),
            Span::raw(format!("{known:>14} ")),
            change_span(revenue, theme),
        ]));
        let count = if days <= sales.window_days {
            format!(
                "{} {}",
                format::count(count),
                noun(count, "order", "orders")
            )
        } else {
            "w: 30 days".to_string()
        };
        lines.push(Line::from(vec![
            Span::raw(format!("{:<8}{count:>14} ", "")),
            change_span(orders, theme),
        ]));
    }
    lines.push(Line::styled(
        format!("{:<8}{:>14}", "", "vs period before"),
        theme.muted,
    ));
    lines
}

/// The change texts of revenue and orders: `+12%`, `new`, `…` while the walk
/// has not reached the previous period, empty when there is nothing to compare.
fn changes(period: &Period, charted: bool) -> (String, String) {
    if !charted {
        return (String::new(), String::new());
    }
    if !period.compared {
        return ("…".to_string(), "…".to_string());
    }
    let text = |current: Decimal, previous: Decimal| match change_percent(current, previous) {
        Some(p) if p > Decimal::ZERO => format!("+{p}%"),
        Some(p) => format!("{p}%"),
        None if current.is_zero() => String::new(),
        None => "new".to_string(),
    };
    (
        text(period.current.revenue, period.previous.revenue),
        text(
            Decimal::from(period.current.orders),
            Decimal::from(period.previous.orders),
        ),
    )
}

fn change_span(text: String, theme: &Theme) -> Span<'static> {
    let style = if text.starts_with('+') || text == "new" {
        theme.good
    } else if text.starts_with('-') {
        theme.bad
    } else {
        theme.muted
    };
    Span::styled(format!("{text:>5}"), style)
}

/// Revenue per day as bars with date and money axes; orders per day under it.
fn draw_chart(frame: &mut Frame, area: Rect, sales: &Sales, theme: &Theme) {
    let days = sales.chart_days();
    if days.is_empty() || area.height < 4 || area.width < 20 {
        return;
    }
    let [chart_area, orders_label, orders_area] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let max = days
        .iter()
        .map(|(_, d)| d.revenue)
        .max()
        .unwrap_or_default()
        .max(Decimal::ONE);
    let points: Vec<(f64, f64)> = days
        .iter()
        .enumerate()
        .map(|(i, (_, d))| (i as f64, d.revenue.to_f64().unwrap_or(0.0)))
        .collect();
    let last = days.len().saturating_sub(1);
    let day_label = |i: usize| days[i].0.format("%m-%d").to_string();
    let x_labels = vec![
        Span::raw(day_label(0)),
        Span::raw(day_label(last / 2)),
        Span::raw(day_label(last)),
    ];
    let y_labels = vec![
        Span::raw("0"),
        Span::raw(whole(max / Decimal::TWO)),
        Span::raw(whole(max)),
    ];
    let dataset = Dataset::default()
        .name("revenue")
        .marker(Marker::HalfBlock)
        .graph_type(GraphType::Bar)
        .style(theme.key)
        .data(&points);
    let chart = Chart::new(vec![dataset])
        .legend_position(None)
        .x_axis(
            Axis::default()
                .bounds([-0.5, last as f64 + 0.5])
                .labels(x_labels)
                .style(theme.muted),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, max.to_f64().unwrap_or(1.0)])
                .labels(y_labels)
                .style(theme.muted),
        );
    frame.render_widget(chart, chart_area);
    // The sparkline gets one value per column, under the chart's own columns.
    let label_width = y_labels_width(max) + 1;
    let plot = orders_area.width.saturating_sub(label_width);
    let columns: Vec<u64> = (0..plot)
        .map(|col| {
            days[usize::from(col) * days.len() / usize::from(plot.max(1))]
                .1
                .orders
        })
        .collect();
    let most = days.iter().map(|(_, d)| d.orders).max().unwrap_or(0);
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!("orders per day (most {most})"),
            theme.muted,
        )),
        orders_label,
    );
    let [_, orders_plot] =
        Layout::horizontal([Constraint::Length(label_width), Constraint::Min(0)])
            .areas(orders_area);
    frame.render_widget(
        Sparkline::default().data(&columns).style(theme.key),
        orders_plot,
    );
}

/// Columns the chart gives its y labels (the widest label).
fn y_labels_width(max: Decimal) -> u16 {
    whole(max).chars().count() as u16
}

/// An axis label: whole currency units with thousands separators.
fn whole(value: Decimal) -> String {
    format::count(value.round().to_u64().unwrap_or(0))
}
