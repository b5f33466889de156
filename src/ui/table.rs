//! A table that builds only the visible rows and drops columns by priority
//! when the terminal is narrow.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::theme::Theme;
use crate::app::list::PagedList;

/// One column of a list view.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Header text.
    pub title: &'static str,
    /// Narrowest useful width.
    pub min: u16,
    /// Width it grows to when there is room.
    pub max: u16,
    /// 0 is kept longest; higher numbers drop first when narrow.
    pub priority: u8,
    /// Right-align (numbers, money).
    pub right: bool,
}

impl Column {
    /// A left-aligned column.
    pub const fn left(title: &'static str, min: u16, max: u16, priority: u8) -> Self {
        Column {
            title,
            min,
            max,
            priority,
            right: false,
        }
    }

    /// A right-aligned column.
    pub const fn right(title: &'static str, min: u16, max: u16, priority: u8) -> Self {
        Column {
            title,
            min,
            max,
            priority,
            right: true,
        }
    }
}

/// Gap between columns.
const SPACING: u16 = 1;

/// Chooses which columns fit in `width` and how wide each is. Returns
/// `(column index, width)` in display order.
pub fn fit_columns(columns: &[Column], width: u16) -> Vec<(usize, u16)> {
    let mut by_priority: Vec<usize> = (0..columns.len()).collect();
    by_priority.sort_by_key(|&i| (columns[i].priority, i));

    let mut chosen = Vec::new();
    let mut used: u16 = 0;
    for i in by_priority {
        let gap = if chosen.is_empty() { 0 } else { SPACING };
        let need = columns[i].min + gap;
        if used + need <= width {
            used += need;
            chosen.push(i);
        }
    }
    // Share what is left, most important columns first, up to each one's max.
    let mut widths: Vec<u16> = chosen.iter().map(|&i| columns[i].min).collect();
    let mut spare = width.saturating_sub(used);
    for (slot, &i) in chosen.iter().enumerate() {
        let grow = (columns[i].max.saturating_sub(columns[i].min)).min(spare);
        widths[slot] += grow;
        spare -= grow;
    }
    let mut fitted: Vec<(usize, u16)> = chosen.into_iter().zip(widths).collect();
    fitted.sort_by_key(|&(i, _)| i);
    fitted
}

/// Draws the visible window of `list` into `area` (header line included).
/// `cell` gives the text of one column of one row; only rows on screen are asked.
pub fn draw_list<T>(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    columns: &[Column],
    list: &PagedList<T>,
    cell: impl Fn(&T, usize) -> Span<'static>,
) {
    if area.height == 0 {
        return;
    }
    let fitted = fit_columns(columns, area.width);
    let header = Row::new(fitted.iter().map(|&(i, _)| {
        let column = &columns[i];
        let line = Line::from(column.title);
        Cell::from(if column.right {
            line.alignment(Alignment::Right)
        } else {
            line
        })
    }))
    .style(theme.heading);

    let body_rows = area.height.saturating_sub(1) as usize;
    let start = list.offset.min(list.rows.len());
    let end = (start + body_rows).min(list.rows.len());
    let rows = list.rows[start..end]
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let index = start + n;
            let cells = fitted.iter().map(|&(i, _)| {
                let line = Line::from(cell(item, i));
                Cell::from(if columns[i].right {
                    line.alignment(Alignment::Right)
                } else {
                    line
                })
            });
            let row = Row::new(cells);
            if index == list.cursor {
                row.style(theme.selected)
            } else {
                row.style(theme.text)
            }
        });
    let widths: Vec<u16> = fitted.iter().map(|&(_, w)| w).collect();
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(SPACING);
    frame.render_widget(table, area);
}

/// A centred one-line message in `area` (empty lists, errors, loading).
pub fn draw_message(frame: &mut Frame, area: Rect, line: Line<'static>) {
    if area.height == 0 {
        return;
    }
    let y = area.y + area.height / 3;
    let target = Rect::new(area.x, y, area.width, 1);
    frame.render_widget(Paragraph::new(line).alignment(Alignment::Center), target);
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column::right("ID", 4, 6, 0),
        Column::left("Name", 10, 40, 0),
        Column::left("SKU", 8, 12, 2),
        Column::right("Price", 8, 10, 1),
    ];

    #[test]
    fn wide_terminal_keeps_every_column() {
        let fitted = fit_columns(COLUMNS, 100);
        assert_eq!(fitted.iter().map(|c| c.0).collect::<Vec<_>>(), [0, 1, 2, 3]);
    }

    #[test]
    fn narrow_terminal_drops_the_lowest_priority_first() {
        let fitted = fit_columns(COLUMNS, 26);
        assert_eq!(fitted.iter().map(|c| c.0).collect::<Vec<_>>(), [0, 1, 3]);
        let total: u16 = fitted.iter().map(|c| c.1).sum::<u16>() + 2;
        assert!(total <= 26);
    }
}
