//! The refund dialog: choosing items and an amount, then the store's quote with its
//! payment methods and the field where the amount is typed back.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::super::overlays::{centered, popup_block};
use super::super::shown;
use super::super::theme::Theme;
use super::dialogs::{draw_input, item_line, label};
use crate::app::orders::refund::{method_text, two_places};
use crate::app::orders::{RefundDialog, RefundFocus, RefundStage};

pub(super) fn draw_refund(frame: &mut Frame, area: Rect, d: &RefundDialog, theme: &Theme) {
    match d.stage {
        RefundStage::Confirm => draw_confirm(frame, area, d, theme),
        _ => draw_choose(frame, area, d, theme),
    }
}

fn draw_choose(frame: &mut Frame, area: Rect, d: &RefundDialog, theme: &Theme) {
    let height = (d.lines.len() as u16 + 11).min(area.height);
    let popup = centered(area, 76, height);
    frame.render_widget(Clear, popup);
    let title = format!("Refund order #{} · {}", d.order_id, d.customer);
    let block = popup_block(
        &title,
        "Tab items/amount · +/- qty · Space all/none · Enter quotes · Esc cancels",
        theme,
    );
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
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
    // The store's reasons can be long: the last three rows, wrapped.
    let rows = inner.height.min(3);
    let bottom = Rect::new(inner.x, inner.y + inner.height - rows, inner.width, rows);
    frame.render_widget(
        Paragraph::new(shown::lines(vec![status])).wrap(Wrap { trim: true }),
        bottom,
    );
    if amount_row < inner.height {
        let (x, y, width) = (inner.x + 10, inner.y + amount_row, 16);
        if d.focus == RefundFocus::Amount && d.stage == RefundStage::Choose {
            draw_input(frame, &d.amount, x, y, width, theme);
        } else {
            frame.render_widget(
                Paragraph::new(d.amount.value().to_string()).style(theme.text),
                Rect::new(x, y, width, 1),
            );
        }
    }
}

fn draw_confirm(frame: &mut Frame, area: Rect, d: &RefundDialog, theme: &Theme) {
    let Some(quote) = &d.quote else {
        return;
    };
    let methods = &quote.refund_methods;
    let height = (methods.len() as u16 + 11).min(area.height);
    let popup = centered(area, 76, height);
    frame.render_widget(Clear, popup);
    let title = format!("Refund order #{} · {}", d.order_id, d.customer);
    let block = popup_block(
        &title,
        "↑↓ method · type the amount · Enter refunds · Esc cancels",
        theme,
    );
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
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
        let rows = inner.height.min(2);
        let bottom = Rect::new(inner.x, inner.y + inner.height - rows, inner.width, rows);
        frame.render_widget(
            Paragraph::new(shown::lines(vec![Line::from(Span::styled(
                problem.clone(),
                theme.bad,
            ))]))
            .wrap(Wrap { trim: true }),
            bottom,
        );
    }
    let offset = format!("Type {amount} to refund it: ").chars().count() as u16;
    if typed_row < inner.height && offset < inner.width {
        let width = (inner.width - offset).min(16);
        draw_input(
            frame,
            &d.typed,
            inner.x + offset,
            inner.y + typed_row,
            width,
            theme,
        );
    }
}
