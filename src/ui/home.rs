//! The Home tab: sales figures and chart on top; needs action, stock, top
//! sellers and the latest orders below. Each box shows its own spinner or error.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Theme, format, home_chart};
use crate::app::AppState;
use crate::app::home::{HomeState, Section, Target};
use crate::app::list::LoadState;
use crate::app::panes::StockFilter;

/// Rows of the boxes under the sales box (borders included).
const LOWER_ROWS: u16 = 9;
/// From this width the four lower boxes stand side by side.
const WIDE: u16 = 100;

/// Draws the Home tab into `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let lower = LOWER_ROWS.min(area.height / 2);
    let [sales, lower] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(lower)]).areas(area);
    home_chart::draw_sales(frame, sales, state, theme);
    let home = &state.home;
    let boxes: Vec<Rect> = if area.width >= WIDE {
        Layout::horizontal([Constraint::Ratio(1, 4); 4])
            .split(lower)
            .to_vec()
    } else {
        let [needs, stock, rest] = Layout::horizontal([Constraint::Ratio(1, 3); 3]).areas(lower);
        let [top, latest] =
            Layout::vertical([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(rest);
        vec![needs, stock, top, latest]
    };
    let spinner = state.spinner;
    let width = |area: Rect| usize::from(area.width.saturating_sub(2));
    let status = |load: &LoadState, has_data: bool| status_lines(load, has_data, spinner, theme);
    let needs = status(&home.counts.load, home.counts.data.is_some())
        .ok_or_else(|| needs_action_lines(home, width(boxes[0]), theme));
    draw_box(frame, boxes[0], " Needs action ", needs, theme);
    let stock = status(&home.stock.load, home.stock.data.is_some())
        .ok_or_else(|| stock_lines(home, width(boxes[1]), theme));
    draw_box(frame, boxes[1], " Stock ", stock, theme);
    let top = status(&home.top_sellers.load, home.top_sellers.data.is_some())
        .ok_or_else(|| top_seller_lines(&home.top_sellers, theme));
    draw_box(frame, boxes[2], " Top sellers ", top, theme);
    let latest = if home.sales.latest.is_empty() {
        status(&home.sales.load, false)
            .ok_or_else(|| vec![Line::styled("No orders yet", theme.muted)])
    } else {
        Err(latest_lines(home, theme))
    };
    draw_box(frame, boxes[3], " Latest orders ", latest, theme);
}

/// A bordered box with a status (`Ok`: spinner or error, wrapped) or its lines (`Err`:
/// content, cut at the border).
pub(super) fn draw_box(
    frame: &mut Frame,
    area: Rect,
    title: &'static str,
    lines: Result<Vec<Line<'static>>, Vec<Line<'static>>>,
    theme: &Theme,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(title, theme.heading));
    let paragraph = match lines {
        Ok(status) => Paragraph::new(status).wrap(Wrap { trim: true }),
        Err(content) => Paragraph::new(content),
    };
    frame.render_widget(paragraph.block(block), area);
}

/// The spinner or the error of a box that has nothing to show yet (None once it has).
pub(super) fn status_lines(
    load: &LoadState,
    has_data: bool,
    spinner: usize,
    theme: &Theme,
) -> Option<Vec<Line<'static>>> {
    match load {
        LoadState::Failed(message) => Some(vec![
            Line::styled(
                format!("Could not load: {}", format::without_query(&clean(message))),
                theme.bad,
            ),
            Line::styled("r retries", theme.muted),
        ]),
        LoadState::Idle | LoadState::Loading(_) if !has_data => Some(vec![Line::styled(
            format!("{} loading", format::spinner(spinner)),
            theme.warn,
        )]),
        _ => None,
    }
}

/// Store text ready to show (hidden characters written as `<U+XXXX>`).
pub(super) fn clean(text: &str) -> String {
    super::shown::text(text)
}

/// Style of a line Enter works on: highlighted when selected.
fn target_style(home: &HomeState, target: &Target, theme: &Theme) -> Style {
    if home.selected().as_ref() == Some(target) {
        theme.selected
    } else {
        theme.text
    }
}

/// A label on the left and a count on the right, `width` wide.
fn label_count(label: &str, count: u64, width: usize) -> String {
    let count = format::count(count);
    let room = width.saturating_sub(count.len() + 1);
    // A cut label says so ("Manual Verification Re…"), so it is not taken for a whole one.
    let label = super::table::ellipsized(
        Span::raw(label.to_string()),
        u16::try_from(room).unwrap_or(u16::MAX),
    )
    .content;
    format!("{label:<room$} {count}")
}

fn needs_action_lines(home: &HomeState, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let rows = home.needs_action();
    if rows.is_empty() {
        return vec![Line::styled("Nothing waiting", theme.muted)];
    }
    rows.into_iter()
        .map(|(id, label, count)| {
            let style = target_style(home, &Target::Status(id, label.clone()), theme);
            Line::styled(label_count(&clean(&label), count, width), style)
        })
        .collect()
}

fn stock_lines(home: &HomeState, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Some(stock) = &home.stock.data else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for (filter, count, names) in [
        (StockFilter::Low, stock.low, &stock.low_names),
        (StockFilter::Out, stock.out, &stock.out_names),
    ] {
        let style = target_style(home, &Target::Stock(filter), theme);
        let label = match filter {
            StockFilter::Low => "Low stock",
            StockFilter::Out => "Out of stock",
        };
        lines.push(Line::styled(label_count(label, count, width), style));
        lines.extend(
            names
                .iter()
                .map(|name| Line::styled(format!("  {}", clean(name)), theme.muted)),
        );
    }
    lines
}

fn top_seller_lines(
    top: &Section<Vec<crate::api::models::Product>>,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let products = top.data.as_deref().unwrap_or_default();
    if products.is_empty() {
        return vec![Line::styled("No products yet", theme.muted)];
    }
    products
        .iter()
        .map(|p| {
            Line::from(vec![
                Span::styled(
                    format!("{:>6} ", format::count(p.total_sold.max(0) as u64)),
                    theme.key,
                ),
                Span::raw(clean(&p.name)),
            ])
        })
        .collect()
}

fn latest_lines(home: &HomeState, theme: &Theme) -> Vec<Line<'static>> {
    home.sales
        .latest
        .iter()
        .map(|order| {
            let name = format!(
                "{} {}",
                order.billing_address.first_name, order.billing_address.last_name
            );
            Line::from(vec![
                Span::styled(format!("#{:<6}", order.id), theme.key),
                Span::raw(format!("{:>10} ", format::money(order.total_inc_tax))),
                Span::styled(clean(name.trim()), theme.muted),
            ])
        })
        .collect()
}
