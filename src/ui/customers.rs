//! The Customers tab: the list and the customer detail view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::cell_editor::CellPlace;
use super::detail::{
    counted_section, date_field, draw_lines, field, loaded_or_status, section, text_table,
    title_line,
};
use super::orders::{customer_name, status_name};
use super::table::{Column, RowState, draw_list, edit_cell, edit_hints};
use super::theme::Theme;
use super::{draw_list_pane, format};
use crate::api::models::CustomerRow;
use crate::app::edit::Overlay;
use crate::app::panes::{CustomerDetail, CustomersPane};
use crate::app::{AppState, Tab};

const COLUMNS: &[Column] = &[
    Column::right("ID", 6, 6, 0),
    Column::flex("Name", 16, 32, 0),
    Column::flex("Email", 24, 48, 0),
    Column::left("Company", 10, 22, 3),
    Column::left("Phone", 14, 18, 4),
    Column::left("Group", 6, 16, 5),
    Column::left("Created", 10, 10, 2),
];

/// "First Last", without the space when one of them is missing.
fn full_name_of(first: &str, last: &str) -> String {
    format!("{first} {last}").trim().to_string()
}

/// A cell, with marks, the focused column and saving rows shown.
fn cell(state: &AppState, theme: &Theme, customer: &CustomerRow, column: usize) -> Span<'static> {
    let pane = &state.customers;
    let selected = pane.list.selected().is_some_and(|c| c.id == customer.id);
    let row = RowState {
        marked: pane.marked.contains(&customer.id),
        saving: saving(state, customer.id),
        focused: selected && pane.column.column() == Some(column),
        ..RowState::default()
    };
    edit_cell(cell_text(pane, customer, column), column, row, theme)
}

/// Whether customer `id` has a write in flight.
fn saving(state: &AppState, id: u64) -> bool {
    state.edit.is_saving_in(crate::app::Tab::Customers, id)
}

fn cell_text(pane: &CustomersPane, customer: &CustomerRow, column: usize) -> String {
    match column {
        0 => customer.id.to_string(),
        1 => customer.full_name(),
        2 => customer.email.to_string(),
        3 => format::or_dash(&customer.company).to_string(),
        4 => format::or_dash(&customer.phone).to_string(),
        5 => pane.group_label(customer.customer_group_id),
        _ => format::date(customer.date_created.as_ref()),
    }
}

/// Draws the Customers tab into `area`; returns how far an open detail can scroll.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) -> Option<u16> {
    let pane = &state.customers;
    if let Some(detail) = &pane.detail {
        let data = loaded_or_status(frame, area, detail, "customer", state.spinner, theme)?;
        let mut lines = detail_lines(pane, data, theme);
        lines[0].push_span(Span::styled(
            format!("   e edits {} (h/l)", pane.column.label()),
            theme.muted,
        ));
        let max = draw_lines(frame, area, lines, detail.scroll);
        if let Some(Overlay::CustomerCell(edit)) = &state.edit.overlay {
            // The editor on the last lines, labelled (fields are not columns here).
            let height = 4.min(area.height);
            let bottom = Rect::new(area.x, area.bottom() - height, area.width, height);
            let place = CellPlace {
                row: 0,
                offset: 0,
                fitted: &[],
                column: None,
            };
            super::cell_editor::draw(frame, bottom, place, &edit.editor, theme);
        }
        return Some(max);
    }
    let total = pane.list.total.map_or("?".to_string(), format::count);
    let mut left = vec![
        Span::styled(" Customers ", theme.heading),
        Span::raw(format!(
            " {} of {total}",
            format::count(pane.list.rows.len() as u64)
        )),
    ];
    if let Some(filter) = &pane.filter {
        left.push(Span::styled(format!(" · {}", filter.describe()), theme.key));
    }
    edit_hints(
        &mut left,
        !pane.list.rows.is_empty(),
        pane.column.label(),
        pane.marked.len(),
        theme,
    );
    draw_list_pane(
        frame,
        area,
        state,
        theme,
        (Tab::Customers, "customers"),
        left,
        |frame, body| draw_table(frame, body, state, theme),
    );
    None
}

/// The customer rows, and the editor over the cell being edited.
fn draw_table(frame: &mut Frame, body: Rect, state: &AppState, theme: &Theme) {
    let list = &state.customers.list;
    let fitted = draw_list(frame, body, theme, COLUMNS, list, |c, i| {
        cell(state, theme, c, i)
    });
    if let Some(Overlay::CustomerCell(edit)) = &state.edit.overlay
        && let Some(row) = list.rows.iter().position(|c| c.id == edit.id)
    {
        let place = CellPlace {
            row,
            offset: list.offset,
            fitted: &fitted,
            column: edit.field.column(),
        };
        super::cell_editor::draw(frame, body, place, &edit.editor, theme);
    }
}

fn detail_lines(pane: &CustomersPane, data: &CustomerDetail, theme: &Theme) -> Vec<Line<'static>> {
    let c = &data.customer;
    let mut lines = vec![title_line(&c.full_name(), c.id, theme)];
    section("Customer", &mut lines, theme);
    lines.push(field("Email", c.email.clone(), theme));
    lines.push(field("Company", format::or_dash(&c.company), theme));
    lines.push(field("Phone", format::or_dash(&c.phone), theme));
    let group = match c.customer_group_id {
        0 => "none".to_string(),
        id => pane.group_label(id),
    };
    lines.push(field("Group", group, theme));
    lines.push(field(
        "Store credit",
        format::money(c.store_credit()),
        theme,
    ));
    let (orders, spent) = match &data.totals {
        Some(totals) => {
            let spent = totals
                .spent
                .iter()
                .map(|(currency, sum)| format::money_with_currency(*sum, currency))
                .collect::<Vec<_>>();
            let spent = if spent.is_empty() {
                format::money(rust_decimal::Decimal::ZERO)
            } else {
                spent.join(" + ")
            };
            (totals.orders.to_string(), spent)
        }
        None => ("-".to_string(), "-".to_string()),
    };
    lines.push(field("Orders", orders, theme));
    lines.push(field("Total spent", spent, theme));
    lines.push(date_field("Created", c.date_created.as_ref(), theme));
    lines.push(date_field("Modified", c.date_modified.as_ref(), theme));
    if !c.notes.trim().is_empty() {
        lines.push(field("Notes", c.notes.clone(), theme));
    }

    counted_section("Addresses", data.addresses.len(), "none", &mut lines, theme);
    for a in &data.addresses {
        let street = format::join_present([a.address1.as_str(), &a.address2], ", ");
        let place = [&a.postal_code, &a.city, &a.state_or_province].map(String::as_str);
        let place = format::join_present(place, " ");
        let name = full_name_of(&a.first_name, &a.last_name);
        let parts = [name.as_str(), &street, &place, &a.country_code];
        let text = format::join_present(parts, " · ");
        lines.push(field(&format!("#{}", a.id), text, theme));
    }

    let orders = data.recent_orders.len();
    counted_section("Recent orders", orders, "none", &mut lines, theme);
    if orders > 0 {
        let rows = data
            .recent_orders
            .iter()
            .map(|o| {
                vec![
                    o.id.to_string(),
                    format::date(o.date_created.as_ref()),
                    status_name(o).to_string(),
                    o.items_total.to_string(),
                    format::money_with_currency(o.total_inc_tax, &o.currency_code),
                    customer_name(o),
                ]
            })
            .collect();
        text_table(
            &["ID", "Date", "Status", "Items", "Total", "Billed to"],
            &[true, false, false, true, true, false],
            rows,
            &mut lines,
            theme,
        );
    }
    lines
}
