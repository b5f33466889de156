//! Editors and dialogs drawn over the panes: the confirmation dialog, the
//! conflict prompt, the bulk form and preview, reports (`:log`, failures),
//! the create form and the variant editor. Pure drawing from `state.edit`.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::overlays::{centered, popup};
use super::shown;
use super::theme::Theme;
use crate::app::AppState;
use crate::app::edit::bulk::{BulkForm, BulkPreview};
use crate::app::edit::inline::{InlineEditor, plain_money};
use crate::app::edit::{Confirm, Overlay, Report};

pub(super) fn hint(parts: &[(&str, &str)], theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (key, what) in parts {
        spans.push(Span::styled(key.to_string(), theme.key));
        spans.push(Span::styled(format!(" {what} "), theme.muted));
    }
    Line::from(spans)
}

/// Draws the open overlay, if any, and returns the rectangle it drew in (the
/// inline editors are drawn in their cells by the panes instead).
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) -> Option<Rect> {
    let rect = match &state.edit.overlay {
        Some(Overlay::Confirm(confirm)) => draw_confirm(frame, area, confirm, theme),
        Some(Overlay::Conflict(conflict)) => {
            let lines = conflict.lines();
            let keys = hint(
                &[
                    ("o", "overwrite"),
                    ("r", "reload theirs"),
                    ("Esc", "cancel"),
                ],
                theme,
            );
            draw_text(
                frame,
                area,
                "Changed by someone else",
                &lines,
                0,
                keys,
                theme,
            )
        }
        Some(Overlay::BulkForm(form)) => draw_bulk_form(frame, area, form, theme),
        Some(Overlay::BulkPreview(preview)) => draw_preview(frame, area, preview, theme),
        Some(Overlay::Report(report)) => draw_report(frame, area, report, theme),
        Some(Overlay::Create(form)) => {
            // Under the categories field: the names of the ids typed so far.
            let names = |name: &str, field: &InlineEditor| {
                (name == "categories" && field.error.is_none())
                    .then(|| category_names(state, field.input.value()))
            };
            super::form::draw_with_notes(frame, area, form, theme, names)
        }
        Some(Overlay::Variant(edit)) => {
            let rect = Rect::new(area.x, area.bottom().saturating_sub(3), area.width, 3);
            let inner = popup(
                frame,
                rect,
                &edit.editor.label,
                hint(&[("Enter", "save"), ("Esc", "cancel")], theme),
                theme,
            );
            draw_editor_line(frame, inner, &edit.editor, theme);
            rect
        }
        Some(Overlay::Form(form)) => super::form::draw(frame, area, form, theme),
        Some(Overlay::Inline(_)) | Some(Overlay::CustomerCell(_)) | None => return None,
    };
    Some(rect)
}

fn draw_confirm(frame: &mut Frame, area: Rect, confirm: &Confirm, theme: &Theme) -> Rect {
    let keys = match confirm.retry {
        Some(_) => hint(
            &[
                ("r", "Retry"),
                ("y", &confirm.yes_label),
                ("any other key", "keeps them"),
            ],
            theme,
        ),
        None => hint(
            &[("y", &confirm.yes_label), ("any other key", "cancels")],
            theme,
        ),
    };
    draw_text(
        frame,
        area,
        &confirm.title,
        &confirm.lines,
        confirm.scroll,
        keys,
        theme,
    )
}

fn draw_text(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: &[String],
    scroll: u16,
    keys: Line<'static>,
    theme: &Theme,
) -> Rect {
    let widest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let width = (widest.min(90) as u16 + 4).clamp(44, 90);
    // A long line wraps over at most this many rows, so a huge name cannot
    // push the lines after it (email, counts) out of the dialog.
    const MOST_ROWS: usize = 3;
    let row_width = usize::from(width.saturating_sub(3)).max(1);
    let rows: Vec<String> = lines
        .iter()
        .flat_map(|l| shown::rows(&shown::text(l), row_width, MOST_ROWS))
        .collect();
    let height = (rows.len() as u16 + 2).clamp(5, area.height.saturating_sub(2).max(5));
    let rect = centered(area, width, height);
    let inner = popup(frame, rect, title, keys, theme);
    let text: Vec<Line> = rows
        .into_iter()
        .map(|row| Line::from(format!(" {row}")))
        .collect();
    let max = (text.len() as u16).saturating_sub(inner.height);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(max), 0)),
        inner,
    );
    rect
}

fn draw_report(frame: &mut Frame, area: Rect, report: &Report, theme: &Theme) -> Rect {
    let rect = centered(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    let keys = hint(
        &[("j/k", "scroll"), ("G", "newest"), ("Esc", "close")],
        theme,
    );
    let inner = popup(frame, rect, &report.title, keys, theme);
    let text: Vec<Line> = report
        .lines
        .iter()
        .map(|l| Line::from(format!(" {}", shown::text(l))))
        .collect();
    let max = (text.len() as u16).saturating_sub(inner.height);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((report.scroll.min(max), 0)),
        inner,
    );
    rect
}

/// One line: the editor's text with the cursor, or the toggle's value; the
/// reason a value is refused follows on the next line when there is room.
pub fn draw_editor_line(frame: &mut Frame, area: Rect, editor: &InlineEditor, theme: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let row = Rect::new(area.x, area.y, area.width, 1);
    let width = area.width.saturating_sub(1) as usize;
    // Not reversed: the cell must stand out from the selected (reversed) row.
    let style = theme.heading.add_modifier(Modifier::UNDERLINED);
    if editor.is_typed() {
        let scroll = editor.input.visual_scroll(width);
        let visible: String = editor.input.value().chars().skip(scroll).collect();
        frame.render_widget(Paragraph::new(Span::styled(visible, style)), row);
        let x = row.x + (editor.input.visual_cursor().saturating_sub(scroll)) as u16;
        frame.set_cursor_position(Position::new(x.min(row.right().saturating_sub(1)), row.y));
    } else {
        let text = format!("‹ {} ›", editor.shown());
        frame.render_widget(Paragraph::new(Span::styled(text, style)), row);
    }
    if let Some(error) = &editor.error
        && area.height > 1
    {
        let below = Rect::new(area.x, area.y + 1, area.width, 1);
        frame.render_widget(
            Paragraph::new(Span::styled(error.clone(), theme.bad)),
            below,
        );
    }
}

fn draw_bulk_form(frame: &mut Frame, area: Rect, form: &BulkForm, theme: &Theme) -> Rect {
    let rect = centered(area, 64, 12);
    let keys = hint(
        &[
            ("Enter", "preview"),
            ("f", "price"),
            ("Tab", "rounding"),
            ("d", "direction"),
            ("Esc", "cancel"),
        ],
        theme,
    );
    let title = format!(
        "Bulk price change: {}",
        crate::app::words::counted(form.ids.len(), "product", "products")
    );
    let inner = popup(frame, rect, &title, keys, theme);
    let choice = |label: &'static str, value: String, key: &str| {
        Line::from(vec![
            Span::styled(label, theme.heading),
            Span::styled(format!("{value} ({key} changes)"), theme.text),
        ])
    };
    let status = match (&form.error, form.reading) {
        (Some(error), _) => Span::styled(format!(" {error}"), theme.bad),
        (None, Some(_)) => Span::styled(" Reading the marked products again…", theme.warn),
        (None, None) => Span::raw(""),
    };
    let lines = vec![
        Line::from(Span::styled(
            " 9.99 sets · +2 / -2 adds · +10% / -10% by percent",
            theme.muted,
        )),
        Line::from(""),
        choice(" Price:    ", form.field.label().to_string(), "f"),
        Line::from(vec![Span::styled(" Change:   ", theme.heading)]),
        Line::from(""),
        choice(" Rounding: ", form.rounding.label().to_string(), "Tab"),
        choice(" Rounds:   ", form.direction.label().to_string(), "d"),
        Line::from(""),
        Line::from(status),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    let field = Rect::new(inner.x + 11, inner.y + 3, inner.width.saturating_sub(12), 1);
    let editor = InlineEditor {
        label: String::new(),
        kind: crate::app::edit::FieldKind::Text {
            required: false,
            max_chars: 40,
        },
        original: crate::app::edit::FieldValue::Text(String::new()),
        input: form.amount.input.clone(),
        choice: 0,
        error: None,
        pristine: false,
    };
    draw_editor_line(frame, field, &editor, theme);
    rect
}

fn draw_preview(frame: &mut Frame, area: Rect, preview: &BulkPreview, theme: &Theme) -> Rect {
    let rect = centered(area, 76, area.height.saturating_sub(2));
    let mut keys = vec![("y", "apply"), ("j/k", "scroll")];
    if preview.own_price_variants() > 0 {
        keys.push(("v", "variants"));
    }
    keys.push(("any other key", "cancels"));
    let keys = hint(&keys, theme);
    let changing = preview
        .rows
        .iter()
        .filter(|r| r.new.is_some_and(|n| n != r.old))
        .count();
    let title = format!(
        "Preview: {} · {changing} of {} change",
        preview.description,
        preview.rows.len()
    );
    let inner = popup(frame, rect, &title, keys, theme);
    // Flags after the new value ("< cost", "saw 12.00") take room from the names.
    let flagged = preview
        .rows
        .iter()
        .any(|r| r.seen.is_some() || r.below_cost || r.new.is_none());
    let flags = if flagged { 16 } else { 0 };
    let name_width = inner.width.saturating_sub(42 + flags) as usize;
    let mut lines = Vec::new();
    let changed = preview.changed_since_seen();
    if changed > 0 {
        lines.push(Line::from(Span::styled(
            format!(" ≠ {changed} changed since you saw them: Old is the store's value now"),
            theme.warn,
        )));
    }
    let variants = preview.own_price_variants();
    if variants > 0 && preview.include_variants {
        lines.push(Line::from(Span::styled(
            format!(" {variants} variants with a price of their own change too (v: leave them)"),
            theme.warn,
        )));
    } else if variants > 0 {
        lines.push(Line::from(Span::styled(
            format!(" {variants} variants keep a price of their own (v: change them too)"),
            theme.warn,
        )));
    }
    lines.push(Line::from(Span::styled(
        format!(
            " {:>6}  {:<name_width$} {:>10}   {:>10}",
            "ID", "Name", "Old", "New"
        ),
        theme.heading,
    )));
    for row in &preview.rows {
        let name: String = shown::text(&row.name).chars().take(name_width).collect();
        let (new, style) = match row.new {
            Some(new) if new == row.old => (plain_money(new), theme.muted),
            Some(new) => (plain_money(new), theme.text),
            None => ("skipped".to_string(), theme.bad),
        };
        let mark = if row.seen.is_some() { "≠" } else { " " };
        let mut spans = vec![Span::styled(
            format!(
                "{mark}{:>6}  {:<name_width$} {:>10} → {:>10}",
                row.id,
                name,
                plain_money(row.old),
                new
            ),
            style,
        )];
        if row.new.is_none() {
            spans.push(Span::styled(" < 0 or too big", theme.bad));
        } else if row.below_cost {
            spans.push(Span::styled(" < cost", theme.bad));
        }
        if let Some(seen) = row.seen {
            spans.push(Span::styled(
                format!(" saw {}", plain_money(seen)),
                theme.warn,
            ));
        }
        lines.push(Line::from(spans));
        for variant in &row.variants {
            let sku = shown::text(&variant.sku);
            let price = plain_money(variant.price);
            let (text, style) = match (preview.include_variants, variant.new) {
                (false, _) => (format!("variant {sku} keeps {price}"), theme.muted),
                (true, Some(new)) => (
                    format!("variant {sku} {price} → {}", plain_money(new)),
                    theme.text,
                ),
                (true, None) => (format!("variant {sku} {price} skipped"), theme.bad),
            };
            lines.push(Line::from(Span::styled(format!("         {text}"), style)));
        }
    }
    let body = Rect::new(inner.x, inner.y, inner.width, inner.height);
    let max = (lines.len() as u16).saturating_sub(body.height);
    frame.render_widget(
        Paragraph::new(lines).scroll((preview.scroll.min(max), 0)),
        body,
    );
    rect
}

/// The names of the category ids typed so far ("Kitchen, Garden"), from the
/// loaded tree, so the user sees what the ids mean.
fn category_names(state: &AppState, text: &str) -> String {
    let names: Vec<String> = text
        .split(',')
        .filter_map(|part| part.trim().parse::<u64>().ok())
        .map(|id| {
            state
                .categories
                .name_of(id)
                .map_or_else(|| format!("#{id}?"), str::to_string)
        })
        .collect();
    if names.is_empty() {
        "ids from the Categories tab (4), e.g. 23, 31".to_string()
    } else {
        names.join(", ")
    }
}
