//! The inline editor drawn over a list cell, for every resource: the editor
//! in the cell, the reason under it. A column too narrow to be shown (or a
//! field that is not a column) gets a labelled editor on the line under the row.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Clear, Paragraph};

use super::dialogs::draw_editor_line;
use super::theme::Theme;
use crate::app::edit::InlineEditor;

/// Where the edited cell is.
pub struct CellPlace<'a> {
    /// The row's index in the list.
    pub row: usize,
    /// The list's first visible row.
    pub offset: usize,
    /// The columns as drawn: `(column index, width)` from `draw_list`.
    pub fitted: &'a [(usize, u16)],
    /// The column edited (`None`: not a column).
    pub column: Option<usize>,
}

/// Draws `editor` over its cell in the list drawn in `body`.
pub fn draw(frame: &mut Frame, body: Rect, place: CellPlace, editor: &InlineEditor, theme: &Theme) {
    if place.row < place.offset {
        return;
    }
    let y = body.y + 1 + (place.row - place.offset) as u16;
    if y >= body.bottom() {
        return;
    }
    let mut x = body.x;
    let mut cell_area = None;
    for &(index, width) in place.fitted {
        if Some(index) == place.column {
            cell_area = Some(Rect::new(x, y, width, 1));
            break;
        }
        x += width + 1;
    }
    let cell_area = match cell_area {
        Some(area) => area,
        None => {
            let below = Rect::new(body.x, (y + 1).min(body.bottom() - 1), body.width, 1);
            frame.render_widget(Clear, below);
            let label = format!(" {}: ", editor.label);
            let width = label.chars().count() as u16;
            frame.render_widget(Paragraph::new(Span::styled(label, theme.key)), below);
            Rect::new(
                below.x + width,
                below.y,
                40.min(below.width.saturating_sub(width)),
                1,
            )
        }
    };
    frame.render_widget(Clear, cell_area);
    draw_editor_line(frame, cell_area, editor, theme);
    if let Some(error) = &editor.error {
        let error_y = cell_area.y + 1;
        if error_y < body.bottom() {
            let width = (error.chars().count() as u16 + 2).min(body.right() - body.x);
            let x = cell_area.x.min(body.right().saturating_sub(width));
            let area = Rect::new(x, error_y, width, 1);
            frame.render_widget(Clear, area);
            frame.render_widget(
                Paragraph::new(Span::styled(format!(" {error} "), theme.bad)),
                area,
            );
        }
    }
}
