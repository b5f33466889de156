//! The Orders tab: the status bar, the list and the order detail view.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::detail::{draw_lines, field, loaded_or_status, section, text, text_table};
use super::table::{Column, draw_list, draw_message};
use super::theme::Theme;
use super::{draw_status_line, empty_message, format, load_status};
use crate::api::models::{Order, OrderAddress, OrderShippingAddress};
use crate::app::AppState;
use crate::app::panes::OrderDetail;

const COLUMNS: &[Column] = &[
    Column::right("ID", 6, 6, 0),
    Column::left("Date", 10, 10, 1),
    Column::left("Customer", 16, 30, 0),
    Column::left("Status", 20, 22, 1),
    Column::right("Items", 5, 5, 3),
    Column::right("Total", 13, 16, 0),
    Column::left("Payment", 8, 18, 4),
];

/// The name on an order: billing first and last name, else the email.
pub fn customer_name(order: &Order) -> String {
    let address = &order.billing_address;
    let name = format!("{} {}", address.first_name, address.last_name);
    let name = name.trim();
    if name.is_empty() {
        format::or_dash(&address.email).to_string()
    } else {
        name.to_string()
    }
}

/// The status as the store names it (custom label first).
pub fn status_name(order: &Order) -> &str {
    if order.custom_status.is_empty() {
        &order.status
    } else {
        &order.custom_status
    }
}

fn cell(order: &Order, column: usize) -> Span<'static> {
    let text = match column {
        0 => order.id.to_string(),
        1 => format::date(order.date_created.as_ref()),
        2 => customer_name(order),
        3 => status_name(order).to_string(),
        4 => order.items_total.to_string(),
        5 => format::money_with_currency(order.total_inc_tax, &order.currency_code),
        _ => format::or_dash(&order.payment_method).to_string(),
    };
    Span::raw(text)
}

/// Draws the Orders tab into `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let pane = &state.orders;
    if let Some(detail) = &pane.detail {
        if let Some(data) = loaded_or_status(frame, area, detail, "order", state.spinner, theme) {
            let max = draw_detail(frame, area, data, detail.scroll, theme);
            detail.max_scroll.set(max);
        }
        return;
    }
    let [status, counts, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);

    let mut left = vec![Span::styled(" Orders ", theme.heading)];
    let total = pane.list.total.map_or("?".to_string(), format::count);
    left.push(Span::raw(format!(
        " {} of {total}",
        format::count(pane.list.rows.len() as u64)
    )));
    left.push(Span::styled(" · newest first", theme.muted));
    if let Some((_, name)) = &pane.status {
        left.push(Span::styled(format!(" · status {name}"), theme.key));
    }
    if let Some(filter) = &pane.filter {
        left.push(Span::styled(format!(" · {}", filter.describe()), theme.key));
    }
    let load = if pane.list.load.is_loading() {
        &pane.list.load
    } else if pane.counts_load.is_loading()
        || matches!(pane.counts_load, crate::app::list::LoadState::Failed(_))
    {
        &pane.counts_load
    } else {
        &pane.list.load
    };
    draw_status_line(frame, status, left, load_status(load, state.spinner, theme));
    draw_counts(frame, counts, state, theme);

    if pane.list.rows.is_empty() {
        let filtered = pane.filter.is_some() || pane.status.is_some();
        draw_message(
            frame,
            body,
            empty_message(&pane.list.load, "orders", filtered, state.spinner, theme),
        );
    } else {
        draw_list(frame, body, theme, COLUMNS, &pane.list, cell);
    }
}

/// `All 6,000 · Pending 12 · Shipped 2,001 ...` from `/v2/orders/count`.
fn draw_counts(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let pane = &state.orders;
    let Some(counts) = &pane.counts else {
        return;
    };
    let selected = pane.status.as_ref().map(|(id, _)| *id);
    let chip = |label: String, active: bool| {
        let style = if active { theme.selected } else { theme.text };
        Span::styled(label, style)
    };
    let mut spans = vec![
        Span::raw(" "),
        chip(
            format!("All {}", format::count(counts.count)),
            selected.is_none(),
        ),
    ];
    for (id, name, count) in pane.status_choices() {
        if count == 0 && selected != Some(id) {
            continue;
        }
        spans.push(Span::styled(" · ", theme.muted));
        spans.push(chip(
            format!("{name} {}", format::count(count)),
            selected == Some(id),
        ));
    }
    spans.push(Span::styled("   f filters", theme.muted));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// An address as the detail view prints it.
struct AddressText<'a> {
    name: String,
    company: &'a str,
    street: [&'a str; 2],
    city: String,
    country: &'a str,
    phone: &'a str,
    email: &'a str,
}

fn address_lines(title: &str, a: AddressText<'_>, lines: &mut Vec<Line<'static>>, theme: &Theme) {
    section(title, lines, theme);
    lines.push(field("Name", a.name, theme));
    if !a.company.is_empty() {
        lines.push(field("Company", a.company.to_string(), theme));
    }
    let street = a
        .street
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    lines.push(field("Street", format::or_dash(&street).to_string(), theme));
    lines.push(field("City", a.city, theme));
    lines.push(field(
        "Country",
        format::or_dash(a.country).to_string(),
        theme,
    ));
    if !a.phone.is_empty() {
        lines.push(field("Phone", a.phone.to_string(), theme));
    }
    if !a.email.is_empty() {
        lines.push(field("Email", a.email.to_string(), theme));
    }
}

fn billing_lines(a: &OrderAddress, lines: &mut Vec<Line<'static>>, theme: &Theme) {
    let text = AddressText {
        name: format!("{} {}", a.first_name, a.last_name)
            .trim()
            .to_string(),
        company: &a.company,
        street: [&a.street_1, &a.street_2],
        city: format!("{} {} {}", a.zip, a.city, a.state)
            .trim()
            .to_string(),
        country: &a.country,
        phone: &a.phone,
        email: &a.email,
    };
    address_lines("Billing address", text, lines, theme);
}

fn shipping_lines(
    a: &OrderShippingAddress,
    n: usize,
    lines: &mut Vec<Line<'static>>,
    theme: &Theme,
) {
    let title = if n == 0 {
        "Shipping address".to_string()
    } else {
        format!("Shipping address {}", n + 1)
    };
    let text = AddressText {
        name: format!("{} {}", a.first_name, a.last_name)
            .trim()
            .to_string(),
        company: &a.company,
        street: [&a.street_1, &a.street_2],
        city: format!("{} {} {}", a.zip, a.city, a.state)
            .trim()
            .to_string(),
        country: &a.country,
        phone: &a.phone,
        email: &a.email,
    };
    address_lines(&title, text, lines, theme);
    lines.push(field(
        "Method",
        format!(
            "{} ({} items, {} shipped)",
            format::or_dash(&a.shipping_method),
            a.items_total,
            a.items_shipped
        ),
        theme,
    ));
}

/// Wide terminals show the order and its addresses beside the items; narrow
/// ones stack them, items first.
fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    data: &OrderDetail,
    scroll: u16,
    theme: &Theme,
) -> u16 {
    let o = &data.order;
    let title = Line::from(vec![
        Span::styled(format!(" Order #{} ", o.id), theme.heading),
        Span::styled(format!(" {}", status_name(o)), theme.key),
        Span::styled(
            format!(
                "   {}   Esc back",
                format::date_time(o.date_created.as_ref())
            ),
            theme.muted,
        ),
    ]);
    let [title_area, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(title), title_area);
    if area.width >= 140 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)])
                .areas(body);
        let left = draw_lines(frame, left, summary_lines(data, theme), scroll);
        let right = draw_lines(frame, right, item_lines(data, theme), scroll);
        left.max(right)
    } else {
        let mut lines = summary_head(data, theme);
        lines.extend(item_lines(data, theme));
        lines.extend(address_section(data, theme));
        draw_lines(frame, body, lines, scroll)
    }
}

/// The order's facts and money.
fn summary_head(data: &OrderDetail, theme: &Theme) -> Vec<Line<'static>> {
    let o = &data.order;
    let currency = o.currency_code.as_str();
    let mut lines = vec![Line::from("")];
    section("Order", &mut lines, theme);
    lines.push(field(
        "Modified",
        format::date_time(o.date_modified.as_ref()),
        theme,
    ));
    if o.date_shipped.is_some() {
        lines.push(field(
            "Shipped",
            format::date_time(o.date_shipped.as_ref()),
            theme,
        ));
    }
    let customer = if o.customer_id == 0 {
        format!("{} (guest)", customer_name(o))
    } else {
        format!("{} (customer {})", customer_name(o), o.customer_id)
    };
    lines.push(field("Customer", customer, theme));
    lines.push(field(
        "Payment",
        format!(
            "{} · {}",
            format::or_dash(&o.payment_method),
            format::or_dash(&o.payment_status)
        ),
        theme,
    ));
    lines.push(field(
        "Items",
        format!("{} ({} shipped)", o.items_total, o.items_shipped),
        theme,
    ));
    lines.push(field(
        "Subtotal",
        format::money_with_currency(o.subtotal_inc_tax, currency),
        theme,
    ));
    lines.push(field(
        "Shipping",
        format::money_with_currency(o.shipping_cost_inc_tax, currency),
        theme,
    ));
    lines.push(field(
        "Tax",
        format::money_with_currency(o.total_tax, currency),
        theme,
    ));
    if !o.discount_amount.is_zero() {
        lines.push(field(
            "Discount",
            format::money_with_currency(o.discount_amount, currency),
            theme,
        ));
    }
    lines.push(field(
        "Total",
        format::money_with_currency(o.total_inc_tax, currency),
        theme,
    ));
    lines
}

fn address_section(data: &OrderDetail, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    billing_lines(&data.order.billing_address, &mut lines, theme);
    for (n, address) in data.shipping_addresses.iter().enumerate() {
        shipping_lines(address, n, &mut lines, theme);
    }
    lines
}

fn summary_lines(data: &OrderDetail, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = summary_head(data, theme);
    lines.extend(address_section(data, theme));
    lines
}

/// Line items, shipments and notes.
fn item_lines(data: &OrderDetail, theme: &Theme) -> Vec<Line<'static>> {
    let o = &data.order;
    let mut lines = vec![Line::from("")];
    section(
        &format!("Line items ({})", data.products.len()),
        &mut lines,
        theme,
    );
    let rows = data
        .products
        .iter()
        .map(|p| {
            vec![
                p.name.clone(),
                format::or_dash(&p.sku).to_string(),
                p.quantity.to_string(),
                p.quantity_shipped.to_string(),
                format::money(p.price_inc_tax),
                format::money(p.total_inc_tax),
            ]
        })
        .collect();
    text_table(
        &["Name", "SKU", "Qty", "Shipped", "Price", "Total"],
        &[false, false, true, true, true, true],
        rows,
        &mut lines,
        theme,
    );

    section(
        &format!("Shipments ({})", data.shipments.len()),
        &mut lines,
        theme,
    );
    if data.shipments.is_empty() {
        lines.push(text("none yet", theme));
    }
    for shipment in &data.shipments {
        let carrier = [
            shipment.shipping_provider_display_name.as_str(),
            shipment.shipping_provider.as_str(),
            shipment.tracking_carrier.as_str(),
        ]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or("-")
        .to_string();
        let items: u64 = shipment.items.iter().map(|i| i.quantity).sum();
        lines.push(field(
            &format!("Shipment #{}", shipment.id),
            format!(
                "{} · {carrier} · {items} items",
                format::date(shipment.date_created.as_ref())
            ),
            theme,
        ));
        lines.push(field(
            "Tracking",
            format::or_dash(&shipment.tracking_number).to_string(),
            theme,
        ));
        let link = if shipment.tracking_link.is_empty() {
            &shipment.generated_tracking_link
        } else {
            &shipment.tracking_link
        };
        if !link.is_empty() {
            lines.push(field("Link", link.clone(), theme));
        }
    }

    section("Staff notes", &mut lines, theme);
    lines.push(text(format::or_dash(&o.staff_notes), theme));
    section("Customer message", &mut lines, theme);
    lines.push(text(format::or_dash(&o.customer_message), theme));
    lines
}
