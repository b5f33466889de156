//! The order detail view: facts, money, addresses, line items, shipments,
//! staff notes beside the customer message.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::detail::{
    counted_section, date_field, draw_lines, field, section, text, text_table,
};
use super::super::format;
use super::super::theme::Theme;
use super::{customer_name, status_name};
use crate::api::models::{OrderAddress, OrderShippingAddress};
use crate::app::panes::OrderDetail;

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
    let street = format::join_present(a.street, ", ");
    lines.push(field("Street", format::or_dash(&street).to_string(), theme));
    // A postcode on its own line (UK) stays on its own line.
    for (n, part) in a.city.split('\n').enumerate() {
        lines.push(field(
            if n == 0 { "City" } else { "" },
            part.to_string(),
            theme,
        ));
    }
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

/// The billing and the shipping addresses name their fields alike.
macro_rules! address_text {
    ($a:expr) => {
        AddressText {
            name: format!("{} {}", $a.first_name, $a.last_name)
                .trim()
                .to_string(),
            company: &$a.company,
            street: [&$a.street_1, &$a.street_2],
            city: crate::app::words::city_line(&$a.city, &$a.state, &$a.zip, &$a.country_iso2),
            country: &$a.country,
            phone: &$a.phone,
            email: &$a.email,
        }
    };
}

fn billing_lines(a: &OrderAddress, lines: &mut Vec<Line<'static>>, theme: &Theme) {
    address_lines("Billing address", address_text!(a), lines, theme);
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
    address_lines(&title, address_text!(a), lines, theme);
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
pub(super) fn draw_detail(
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
    lines.push(date_field("Modified", o.date_modified.as_ref(), theme));
    if o.date_shipped.is_some() {
        lines.push(date_field("Shipped", o.date_shipped.as_ref(), theme));
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
    // Discounts and refunds only when there are any.
    let money = [
        ("Subtotal", o.subtotal_inc_tax, true),
        ("Shipping", o.shipping_cost_inc_tax, true),
        ("Tax", o.total_tax, true),
        ("Discount", o.discount_amount, false),
        ("Total", o.total_inc_tax, true),
        ("Refunded", o.refunded_amount, false),
    ];
    for (label, amount, always) in money {
        if always || !amount.is_zero() {
            let amount = format::money_with_currency(amount, currency);
            lines.push(field(label, amount, theme));
        }
    }
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

    let shipments = data.shipments.len();
    counted_section("Shipments", shipments, "none yet", &mut lines, theme);
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

    refund_lines(data, &mut lines, theme);

    section("Staff notes  (n edits)", &mut lines, theme);
    multiline(&o.staff_notes, &mut lines, theme);
    section("Customer message  (read-only)", &mut lines, theme);
    multiline(&o.customer_message, &mut lines, theme);
    lines
}

/// The refunds made on the order, each with what went back through which provider.
fn refund_lines(data: &OrderDetail, lines: &mut Vec<Line<'static>>, theme: &Theme) {
    let refunds = match &data.refunds {
        Ok(refunds) => refunds,
        Err(message) => {
            section("Refunds", lines, theme);
            lines.push(text(&format!("could not be read: {message}"), theme));
            return;
        }
    };
    section(
        &format!("Refunds ({})  ($ refunds)", refunds.len()),
        lines,
        theme,
    );
    if refunds.is_empty() {
        lines.push(text("none", theme));
    }
    for refund in refunds {
        let paid: Vec<String> = refund
            .payments
            .iter()
            .map(|p| {
                let declined = if p.is_declined { " DECLINED" } else { "" };
                format!(
                    "{} {}{declined}",
                    crate::api::models::provider_name(&p.provider_id),
                    format::money(p.amount)
                )
            })
            .collect();
        lines.push(field(
            &format!("Refund #{}", refund.id),
            format!(
                "{} · {} · {}",
                format::date(refund.created.as_ref()),
                format::money(refund.total_amount),
                paid.join(" + ")
            ),
            theme,
        ));
        if !refund.reason.trim().is_empty() {
            lines.push(field("Reason", refund.reason.clone(), theme));
        }
    }
}

/// Text that may span lines (notes), one screen line per line, `-` if empty.
fn multiline(value: &str, lines: &mut Vec<Line<'static>>, theme: &Theme) {
    if value.trim().is_empty() {
        lines.push(text("-", theme));
    }
    for line in value.lines() {
        lines.push(text(line, theme));
    }
}
