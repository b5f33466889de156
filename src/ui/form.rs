//! The shared form popup (customers, categories): a label and an inline
//! editor per field, each field's error under it, the form's message last.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::dialogs::{draw_editor_line, hint};
use super::overlays::{centered, popup};
use super::theme::Theme;
use crate::app::edit::InlineEditor;
use crate::app::edit::form::Form;

/// Draws `form` centred in `area`; returns the rectangle it drew in.
pub fn draw(frame: &mut Frame, area: Rect, form: &Form, theme: &Theme) -> Rect {
    draw_with_notes(frame, area, form, theme, |_, _| None)
}

/// Draws `form` with `note(name, field)` (when some) under fields without an error.
pub fn draw_with_notes(
    frame: &mut Frame,
    area: Rect,
    form: &Form,
    theme: &Theme,
    note: impl Fn(&str, &InlineEditor) -> Option<String>,
) -> Rect {
    let height = (form.fields.len() as u16 * 2 + 4).min(area.height);

    let longest = form.fields.iter().map(|f| f.label.chars().count()).max();
    // Room for the labels and about 56 columns of value, more for a long
    // error so it reads in full (the screen is the limit).
    let error = form
        .fields
        .iter()
        .filter_map(|f| f.error.as_ref().map(|e| e.chars().count()))
        .max()
        .unwrap_or(0) as u16;
    let width = (longest.unwrap_or(10) as u16 + 5 + error.max(57)).max(64);
    let rect = centered(area, width, height);
    let keys = hint(
        &[
            ("Enter", form.submit_label),
            ("Tab", "next field"),
            ("Esc", "cancel"),
        ],
        theme,
    );
    let inner = popup(frame, rect, &form.title, keys, theme);
    let label_width = (longest.unwrap_or(10) as u16 + 3).min(inner.width / 2);
    for (i, field) in form.fields.iter().enumerate() {
        let y = inner.y + i as u16 * 2;
        if y + 1 >= inner.bottom() {
            break;
        }
        let style = if i == form.focus {
            theme.key
        } else {
            theme.heading
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {}", field.label), style)),
            Rect::new(inner.x, y, label_width, 1),
        );
        let value = Rect::new(
            inner.x + label_width,
            y,
            inner.width.saturating_sub(label_width),
            2,
        );
        if let Some(text) = form.names.get(i).and_then(|name| note(name, field)) {
            frame.render_widget(
                Paragraph::new(Span::styled(text, theme.muted)),
                Rect::new(value.x, y + 1, value.width, 1),
            );
        }
        if i == form.focus {
            draw_editor_line(frame, value, field, theme);
            continue;
        }
        let text = if field.is_typed() {
            field.input.value().to_string()
        } else {
            field.shown()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, theme.text)),
            Rect::new(value.x, y, value.width, 1),
        );
        if let Some(error) = &field.error {
            frame.render_widget(
                Paragraph::new(Span::styled(error.clone(), theme.bad)),
                Rect::new(value.x, y + 1, value.width, 1),
            );
        }
    }
    if let Some(error) = &form.error {
        let y = inner.bottom().saturating_sub(1);
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {error}"), theme.bad)),
            Rect::new(inner.x, y, inner.width, 1),
        );
    }
    rect
}
