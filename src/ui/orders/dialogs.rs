//! The Orders dialogs: status picker, ship dialog and staff-notes editor
//! (the "moves no money" question is the shared confirmation dialog).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use tui_input::Input;

use super::super::overlays::{centered, muted_hint, picker_lines, popup};
use super::super::shown;
use super::super::theme::Theme;
use crate::app::AppState;
use crate::app::orders::{
    NotesDialog, OrderDialog, PROVIDERS, ShipDialog, ShipFocus, ShipmentDialog, ShipmentField,
    StatusDialog,
};

/// Draws the open Orders dialog over `area`; returns the rectangle it drew in.
pub fn draw_dialog(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) -> Option<Rect> {
    match &state.orders.dialog {
        Some(OrderDialog::Status(d)) => Some(draw_status(frame, area, state, d, theme)),
        Some(OrderDialog::Ship(d)) => Some(draw_ship(frame, area, d, theme)),
        Some(OrderDialog::Notes(d)) => Some(draw_notes(frame, area, d, theme)),
        Some(OrderDialog::Refund(d)) => super::refund::draw_refund(frame, area, d, theme),
        Some(OrderDialog::Shipment(d)) => Some(draw_shipment(frame, area, d, theme)),
        None => None,
    }
}

fn padded(text: String, width: usize, style: Style) -> Line<'static> {
    let pad = width.saturating_sub(text.chars().count() + 1);
    Line::from(Span::styled(format!(" {text}{}", " ".repeat(pad)), style))
}

fn draw_status(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    d: &StatusDialog,
    theme: &Theme,
) -> Rect {
    let labels = state.orders.status_labels();
    let height = (labels.len() as u16 + 2).min(area.height);
    let rect = centered(area, 46, height);
    let title = if d.marked > 0 {
        format!("{} marked orders: new status", d.marked)
    } else {
        format!("Order #{}: new status", d.order_id)
    };
    let hint = muted_hint("Enter sets · Esc cancels", theme);
    let inner = popup(frame, rect, &title, hint, theme);
    let lines = picker_lines(inner, labels, d.cursor, |i, (id, label), width| {
        let now = if id == d.current { "  (now)" } else { "" };
        let style = if i == d.cursor {
            theme.selected
        } else if id == d.current {
            theme.muted
        } else {
            theme.text
        };
        padded(format!("{label}{now}"), width, style)
    });
    frame.render_widget(Paragraph::new(shown::lines(lines)), inner);
    if let Some(warning) = &d.warning {
        // Over the last labels: they must not show through.
        frame.render_widget(Clear, last_rows(inner, 3));
        let warning = Line::from(Span::styled(warning.clone(), theme.bad));
        draw_last_rows(frame, inner, 3, warning);
    }
    rect
}

/// The last `rows` rows of a dialog's `inner` room (fewer when it is smaller).
fn last_rows(inner: Rect, rows: u16) -> Rect {
    let rows = inner.height.min(rows);
    Rect::new(inner.x, inner.bottom() - rows, inner.width, rows)
}

/// `line` wrapped over the last `rows` rows of `inner`: where a dialog puts the
/// store's reasons, which can be long.
pub(super) fn draw_last_rows(frame: &mut Frame, inner: Rect, rows: u16, line: Line<'static>) {
    frame.render_widget(
        Paragraph::new(shown::lines(vec![line])).wrap(Wrap { trim: true }),
        last_rows(inner, rows),
    );
}

/// One line item of a dialog that picks quantities (ship, refund): a box that
/// says none, all or some, `quantity of most`, then `name` and its SKU.
pub(super) fn item_line(
    quantity: u64,
    most: u64,
    (name, sku): (&str, &str),
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    let check = match quantity {
        0 => "[ ]",
        q if q == most => "[x]",
        _ => "[~]",
    };
    let sku = if sku.is_empty() {
        String::new()
    } else {
        format!("  {sku}")
    };
    let text = format!("  {check} {quantity:>3} of {most:<3} {name}{sku}");
    let style = if selected { theme.selected } else { theme.text };
    Line::from(Span::styled(text, style))
}

/// One labelled field; the focused one is highlighted.
pub(super) fn label(text: &str, focused: bool, theme: &Theme) -> Span<'static> {
    let style = if focused { theme.selected } else { theme.muted };
    Span::styled(format!("{text:<10}"), style)
}

/// Draws `input` on the one-line `row` and puts the cursor in it.
pub(super) fn draw_input(frame: &mut Frame, input: &Input, row: Rect, theme: &Theme) {
    let scroll = input.visual_scroll(row.width.saturating_sub(1) as usize);
    frame.render_widget(
        Paragraph::new(input.value().to_string())
            .style(theme.text)
            .scroll((0, scroll as u16)),
        row,
    );
    let cursor = input.visual_cursor().saturating_sub(scroll) as u16;
    frame.set_cursor_position((row.x + cursor.min(row.width.saturating_sub(1)), row.y));
}

/// A dialog's text field on the one-line `row`: being typed in (with the cursor)
/// when `focused`, else just its text.
pub(super) fn draw_field(
    frame: &mut Frame,
    input: &Input,
    row: Rect,
    focused: bool,
    theme: &Theme,
) {
    if focused {
        draw_input(frame, input, row, theme);
    } else {
        frame.render_widget(
            Paragraph::new(input.value().to_string()).style(theme.text),
            row,
        );
    }
}

fn draw_ship(frame: &mut Frame, area: Rect, d: &ShipDialog, theme: &Theme) -> Rect {
    let visible = d.visible_lines();
    let height = (visible.len() as u16 + 8).min(area.height);
    let rect = centered(area, 76, height);
    let title = format!("Ship order #{}", d.order_id);
    let hint = muted_hint(
        "Tab field · ↑↓ choose · +/- qty · Space all/none · Enter ships",
        theme,
    );
    let inner = popup(frame, rect, &title, hint, theme);

    let mut lines = Vec::new();
    let address = d.addresses.get(d.address).map_or("-", |a| a.label.as_str());
    let choice = if d.addresses.len() > 1 {
        format!("◂ {address} ▸  ({}/{})", d.address + 1, d.addresses.len())
    } else {
        address.to_string()
    };
    lines.push(Line::from(vec![
        label("Ship to", d.focus == ShipFocus::Address, theme),
        Span::styled(choice, theme.text),
    ]));
    lines.push(Line::from(label(
        "Items",
        d.focus == ShipFocus::Items,
        theme,
    )));
    for (row, &index) in visible.iter().enumerate() {
        let line = &d.lines[index];
        let selected = d.focus == ShipFocus::Items && row == d.line;
        let what = (line.name.as_str(), line.sku.as_str());
        lines.push(item_line(
            line.quantity,
            line.remaining,
            what,
            selected,
            theme,
        ));
    }
    let provider = PROVIDERS.get(d.provider).map_or("None", |p| p.1);
    lines.push(Line::from(vec![
        label("Provider", d.focus == ShipFocus::Provider, theme),
        Span::styled(format!("◂ {provider} ▸"), theme.text),
    ]));
    lines.push(Line::from(label(
        "Tracking",
        d.focus == ShipFocus::Tracking,
        theme,
    )));
    let tracking_row = lines.len() as u16 - 1;
    lines.push(Line::from(""));
    let shipping: u64 = visible.iter().map(|&i| d.lines[i].quantity).sum();
    match &d.problem {
        Some(problem) => lines.push(Line::from(Span::styled(problem.clone(), theme.bad))),
        None => lines.push(Line::from(Span::styled(
            format!(
                "Ships {shipping} item{}",
                if shipping == 1 { "" } else { "s" }
            ),
            theme.muted,
        ))),
    }
    frame.render_widget(Paragraph::new(shown::lines(lines)), inner);
    if tracking_row < inner.height {
        let row = field_row(inner, tracking_row, inner.width.saturating_sub(10));
        draw_field(
            frame,
            &d.tracking,
            row,
            d.focus == ShipFocus::Tracking,
            theme,
        );
    }
    rect
}

/// The field on line `line` of a dialog's `inner` room, after its 10-column label.
pub(super) fn field_row(inner: Rect, line: u16, width: u16) -> Rect {
    Rect::new(inner.x + 10, inner.y + line, width, 1)
}

fn draw_shipment(frame: &mut Frame, area: Rect, d: &ShipmentDialog, theme: &Theme) -> Rect {
    let rect = centered(area, 76, 11);
    let title = format!("Order #{}: shipment", d.order_id);
    let hint = muted_hint(
        "Tab field · ↑↓ choose · Enter saves · Delete deletes · Esc cancels",
        theme,
    );
    let inner = popup(frame, rect, &title, hint, theme);
    let shipment = d.shipment().map_or_else(String::new, |s| {
        let items: u64 = s.items.iter().map(|i| i.quantity).sum();
        let count = if d.shipments.len() > 1 {
            format!("  ({}/{})", d.index + 1, d.shipments.len())
        } else {
            String::new()
        };
        let items = crate::app::words::counted(items as usize, "item", "items");
        format!("◂ #{} · {items} ▸{count}", s.id)
    });
    let mut lines = vec![
        Line::from(vec![
            label("Shipment", d.focus == ShipmentField::Shipment, theme),
            Span::styled(shipment, theme.text),
        ]),
        Line::from(vec![
            label("Provider", d.focus == ShipmentField::Provider, theme),
            Span::styled(format!("◂ {} ▸", d.provider_name()), theme.text),
        ]),
        Line::from(label("Carrier", d.focus == ShipmentField::Carrier, theme)),
        Line::from(Span::styled(
            "          any carrier by name when no provider fits (e.g. dhl, gls)",
            theme.muted,
        )),
        Line::from(label("Tracking", d.focus == ShipmentField::Tracking, theme)),
        Line::from(""),
    ];
    if d.deleting {
        let id = d.shipment().map_or(0, |s| s.id);
        lines.push(Line::from(Span::styled(
            format!("Enter deletes shipment #{id}; the order keeps its status. Esc keeps it."),
            theme.bad,
        )));
    } else if let Some(problem) = &d.problem {
        lines.push(Line::from(Span::styled(problem.clone(), theme.bad)));
    }
    frame.render_widget(Paragraph::new(shown::lines(lines)), inner);
    for (row, input, field) in [
        (2u16, &d.carrier, ShipmentField::Carrier),
        (4u16, &d.tracking, ShipmentField::Tracking),
    ] {
        if row < inner.height {
            let place = field_row(inner, row, inner.width.saturating_sub(10));
            draw_field(frame, input, place, d.focus == field, theme);
        }
    }
    rect
}

fn draw_notes(frame: &mut Frame, area: Rect, d: &NotesDialog, theme: &Theme) -> Rect {
    let rect = centered(area, 76, 12);
    let title = format!("Order #{}: staff notes", d.order_id);
    let hint = muted_hint("Enter saves · C-e $EDITOR · Esc cancels", theme);
    let inner = popup(frame, rect, &title, hint, theme);
    let message = if d.customer_message.trim().is_empty() {
        "(none)".to_string()
    } else {
        d.customer_message.clone()
    };
    let lines = vec![
        Line::from(Span::styled(
            "Staff notes (only staff see these)",
            theme.heading,
        )),
        Line::from(""),
        Line::from(""),
        Line::from(Span::styled("Customer message (read-only)", theme.heading)),
        Line::from(Span::styled(message, theme.muted)),
    ];
    frame.render_widget(
        Paragraph::new(shown::lines(lines)).wrap(Wrap { trim: false }),
        inner,
    );
    if inner.height > 1 {
        let row = Rect::new(inner.x, inner.y + 1, inner.width, 1);
        draw_input(frame, &d.input, row, theme);
    }
    rect
}
