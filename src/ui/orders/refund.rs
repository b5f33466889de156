//! The refund dialog: choosing items and an amount, then the store's quote with its
//! payment methods and the field where the amount is typed back.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::overlays::{centered, muted_hint, popup};
use super::super::shown;
use super::super::theme::Theme;
use super::dialogs::{draw_field, draw_input, draw_last_rows, field_row, item_line, label};
use crate::app::orders::refund::{method_text, two_places};
use crate::app::orders::{RefundDialog, RefundFocus, RefundStage};

/// Draws the refund dialog at its stage; returns the rectangle it drew in.
pub(super) fn draw_refund(
    frame: &mut Frame,
    area: Rect,
    d: &RefundDialog,
    theme: &Theme,
) -> Option<Rect> {
    match d.stage {
        RefundStage::Confirm => draw_confirm(frame, area, d, theme),
        _ => Some(draw_choose(frame, area, d, theme)),
    }
}

/// The dialog's frame, tall enough for `rows` lines (items or methods) and
/// the rest; returns it and the room inside.
fn open(
    frame: &mut Frame,
    area: Rect,
    d: &RefundDialog,
    rows: usize,
    hint: &str,
    theme: &Theme,
) -> (Rect, Rect) {
    let height = (rows as u16 + 11).min(area.height);
    let rect = centered(area, 76, height);
    let title = format!("Refund order #{} · {}", d.order_id, d.customer);
    let inner = popup(frame, rect, &title, muted_hint(hint, theme), theme);
    (rect, inner)
}

fn draw_choose(frame: &mut Frame, area: Rect, d: &RefundDialog, theme: &Theme) -> Rect {
    let hint = "Tab items/amount · +/- qty · Space all/none · Enter quotes · Esc cancels";
    let (rect, inner) = open(frame, area, d, d.lines.len(), hint, theme);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "Paid and not yet refunded: {} {}",
            two_places(d.refundable),
            d.currency
        ),
        theme.muted,
    ))];
    lines.push(Line::from(label(
        "Items",
        d.focus == RefundFocus::Items,
        theme,
    )));
    if d.lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "  every item is refunded already; an amount can still go back",
            theme.muted,
        )));
    }
    for (row, line) in d.lines.iter().enumerate() {
        let selected = d.focus == RefundFocus::Items && row == d.line;
        let name = format!("{} at {}", line.name, two_places(line.unit));
        let what = (name.as_str(), line.sku.as_str());
        lines.push(item_line(
            line.quantity,
            line.refundable,
            what,
            selected,
            theme,
        ));
    }
    lines.push(Line::from(vec![
        label("Amount", d.focus == RefundFocus::Amount, theme),
        Span::raw(""),
    ]));
    let amount_row = lines.len() as u16 - 1;
    lines.push(Line::from(Span::styled(
        "          off the order as a whole (no tax is recalculated)",
        theme.muted,
    )));
    let status = match (&d.problem, &d.stage) {
        (Some(problem), _) => Line::from(Span::styled(problem.clone(), theme.bad)),
        (None, RefundStage::Quoting(_)) => Line::from(Span::styled(
            "Asking the store what this refund comes to…",
            theme.muted,
        )),
        (None, _) => Line::from(Span::styled(
            "Enter asks the store for a quote; nothing is refunded yet",
            theme.muted,
        )),
    };
    frame.render_widget(Paragraph::new(shown::lines(lines)), inner);
    draw_last_rows(frame, inner, 3, status);
    if amount_row < inner.height {
        let typing = d.focus == RefundFocus::Amount && d.stage == RefundStage::Choose;
        draw_field(
            frame,
            &d.amount,
            field_row(inner, amount_row, 16),
            typing,
            theme,
        );
    }
    rect
}

fn draw_confirm(frame: &mut Frame, area: Rect, d: &RefundDialog, theme: &Theme) -> Option<Rect> {
    let quote = d.quote.as_ref()?;
    let methods = &quote.refund_methods;
    let hint = "↑↓ method · type the amount · Enter refunds · Esc cancels";
    let (rect, inner) = open(frame, area, d, methods.len(), hint, theme);
    let amount = two_places(quote.total_refund_amount);
    let mut lines = vec![Line::from(vec![
        label("Refund", false, theme),
        Span::styled(format!("{amount} {}", d.currency), theme.heading),
        Span::styled(
            format!(
                "  (tax {}, {} item{})",
                two_places(quote.total_refund_tax_amount),
                d.items.len(),
                if d.items.len() == 1 { "" } else { "s" }
            ),
            theme.muted,
        ),
    ])];
    lines.push(Line::from(label("Method", true, theme)));
    for (i, method) in methods.iter().enumerate() {
        let marker = if i == d.method { "›" } else { " " };
        let style = if i == d.method {
            theme.selected
        } else {
            theme.text
        };
        lines.push(Line::from(Span::styled(
            format!("  {marker} {}", method_text(method)),
            style,
        )));
    }
    let method = d
        .chosen_method()
        .map(|m| method_text(m))
        .unwrap_or_default();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        format!(
            "Money moves: {amount} {} goes back to {} for order #{}",
            d.currency, d.customer, d.order_id
        ),
        theme.bad,
    )));
    lines.push(Line::from(Span::styled(
        format!("through {method}."),
        theme.bad,
    )));
    lines.push(Line::from(vec![Span::styled(
        format!("Type {amount} to refund it: "),
        theme.heading,
    )]));
    let typed_row = lines.len() as u16 - 1;
    frame.render_widget(Paragraph::new(shown::lines(lines)), inner);
    if let Some(problem) = &d.problem {
        draw_last_rows(
            frame,
            inner,
            2,
            Line::from(Span::styled(problem.clone(), theme.bad)),
        );
    }
    let offset = format!("Type {amount} to refund it: ").chars().count() as u16;
    if typed_row < inner.height && offset < inner.width {
        let width = (inner.width - offset).min(16);
        let row = Rect::new(inner.x + offset, inner.y + typed_row, width, 1);
        draw_input(frame, &d.typed, row, theme);
    }
    Some(rect)
}
