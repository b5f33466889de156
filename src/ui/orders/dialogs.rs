//! The Orders dialogs: status picker, ship dialog and staff-notes editor
//! (the "moves no money" question is the shared confirmation dialog).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use tui_input::Input;

use super::super::overlays::{centered, popup_block};
use super::super::shown;
use super::super::theme::Theme;
use crate::app::AppState;
use crate::app::orders::{
    NotesDialog, OrderDialog, PROVIDERS, ShipDialog, ShipFocus, ShipmentDialog, ShipmentField,
    StatusDialog,
};

/// Draws the open Orders dialog over `area`.
pub fn draw_dialog(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    match &state.orders.dialog {
        Some(OrderDialog::Status(d)) => draw_status(frame, area, state, d, theme),
        Some(OrderDialog::Ship(d)) => draw_ship(frame, area, d, theme),
        Some(OrderDialog::Notes(d)) => draw_notes(frame, area, d, theme),
        Some(OrderDialog::Refund(d)) => super::refund::draw_refund(frame, area, d, theme),
        Some(OrderDialog::Shipment(d)) => draw_shipment(frame, area, d, theme),
        None => {}
    }
}

fn padded(text: String, width: usize, style: Style) -> Line<'static> {
    let pad = width.saturating_sub(text.chars().count() + 1);
    Line::from(Span::styled(format!(" {text}{}", " ".repeat(pad)), style))
}

fn draw_status(frame: &mut Frame, area: Rect, state: &AppState, d: &StatusDialog, theme: &Theme) {
    let labels = state.orders.status_labels();
    let height = (labels.len() as u16 + 2).min(area.height);
    let popup = centered(area, 46, height);
    frame.render_widget(Clear, popup);
    let title = if d.marked > 0 {
        format!("{} marked orders: new status", d.marked)
    } else {
        format!("Order #{}: new status", d.order_id)
    };
    let block = popup_block(&title, "Enter sets · Esc cancels", theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let visible = inner.height as usize;
    let offset = d.cursor.saturating_sub(visible.saturating_sub(1));
    let width = inner.width as usize;
    let lines: Vec<Line> = labels
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, (id, label))| {
            let now = if id == d.current { "  (now)" } else { "" };
            let style = if i == d.cursor {
                theme.selected
            } else if id == d.current {
                theme.muted
            } else {
                theme.text
            };
            padded(format!("{label}{now}"), width, style)
        })
        .collect();
    frame.render_widget(Paragraph::new(shown::lines(lines)), inner);
    if let Some(warning) = &d.warning {
        let rows = inner.height.min(3);
        let bottom = Rect::new(inner.x, inner.y + inner.height - rows, inner.width, rows);
        frame.render_widget(Clear, bottom);
        frame.render_widget(
            Paragraph::new(shown::lines(vec![Line::from(Span::styled(
                warning.clone(),
                theme.bad,
            ))]))
            .wrap(Wrap { trim: true }),
            bottom,
        );
    }
}

/// One labelled field; the focused one is highlighted.
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

pub(super) fn label(text: &str, focused: bool, theme: &Theme) -> Span<'static> {
    let style = if focused { theme.selected } else { theme.muted };
    Span::styled(format!("{text:<10}"), style)
}

/// Draws `input` at (x, y), `width` wide, and puts the cursor in it.
pub(super) fn draw_input(
    frame: &mut Frame,
    input: &Input,
    x: u16,
    y: u16,
    width: u16,
    theme: &Theme,
) {
    let scroll = input.visual_scroll(width.saturating_sub(1) as usize);
    let area = Rect::new(x, y, width, 1);
    frame.render_widget(
        Paragraph::new(input.value().to_string())
            .style(theme.text)
            .scroll((0, scroll as u16)),
        area,
    );
    let cursor = input.visual_cursor().saturating_sub(scroll) as u16;
    frame.set_cursor_position((x + cursor.min(width.saturating_sub(1)), y));
}

fn draw_ship(frame: &mut Frame, area: Rect, d: &ShipDialog, theme: &Theme) {
    let visible = d.visible_lines();
    let height = (visible.len() as u16 + 8).min(area.height);
    let popup = centered(area, 76, height);
    frame.render_widget(Clear, popup);
    let title = format!("Ship order #{}", d.order_id);
    let block = popup_block(
        &title,
        "Tab field · ↑↓ choose · +/- qty · Space all/none · Enter ships",
        theme,
    );
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

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
        let x = inner.x + 10;
        let width = inner.width.saturating_sub(10);
        let y = inner.y + tracking_row;
        if d.focus == ShipFocus::Tracking {
            draw_input(frame, &d.tracking, x, y, width, theme);
        } else {
            frame.render_widget(
                Paragraph::new(d.tracking.value().to_string()).style(theme.text),
                Rect::new(x, y, width, 1),
            );
        }
    }
}

fn draw_shipment(frame: &mut Frame, area: Rect, d: &ShipmentDialog, theme: &Theme) {
    let popup = centered(area, 76, 11);
    frame.render_widget(Clear, popup);
    let title = format!("Order #{}: shipment", d.order_id);
    let block = popup_block(
        &title,
        "Tab field · ↑↓ choose · Enter saves · Delete deletes · Esc cancels",
        theme,
    );
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
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
        if row >= inner.height {
            continue;
        }
        let (x, y, width) = (inner.x + 10, inner.y + row, inner.width.saturating_sub(10));
        if d.focus == field {
            draw_input(frame, input, x, y, width, theme);
        } else {
            frame.render_widget(
                Paragraph::new(input.value().to_string()).style(theme.text),
                Rect::new(x, y, width, 1),
            );
        }
    }
}

fn draw_notes(frame: &mut Frame, area: Rect, d: &NotesDialog, theme: &Theme) {
    let popup = centered(area, 76, 12);
    frame.render_widget(Clear, popup);
    let title = format!("Order #{}: staff notes", d.order_id);
    let block = popup_block(&title, "Enter saves · C-e $EDITOR · Esc cancels", theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
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
        draw_input(frame, &d.input, inner.x, inner.y + 1, inner.width, theme);
    }
}
