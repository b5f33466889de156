//! A table that builds only the visible rows and drops columns by priority
//! when the terminal is narrow.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use super::shown;
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
    /// Text that is worth reading whole (names, SKUs, emails): the column asks for
    /// its widest visible value (up to `max`) before any lower-priority column is
    /// shown, and spare width goes to it first.
    pub flex: bool,
}

impl Column {
    /// A left-aligned column.
    pub const fn left(title: &'static str, min: u16, max: u16, priority: u8) -> Self {
        let (right, flex) = (false, false);
        Column {
            title,
            min,
            max,
            priority,
            right,
            flex,
        }
    }

    /// A left-aligned column that gets room first (see [`Column::flex`]).
    pub const fn flex(title: &'static str, min: u16, max: u16, priority: u8) -> Self {
        Column {
            flex: true,
            ..Column::left(title, min, max, priority)
        }
    }

    /// A right-aligned column.
    pub const fn right(title: &'static str, min: u16, max: u16, priority: u8) -> Self {
        Column {
            right: true,
            ..Column::left(title, min, max, priority)
        }
    }
}

/// Gap between columns.
const SPACING: u16 = 1;

/// Chooses which columns fit in `width` and how wide each is. Returns
/// `(column index, width)` in display order.
///
/// Columns are taken by priority while their narrowest widths fit; a column
/// below the first priority is taken only if every flex column already taken
/// can still have its `max` (its widest visible value, see [`draw_list`]), so
/// a name is never cut to make room for a less important column. What is left
/// goes first to the flex columns, then to the others in proportion to how
/// much each could still grow.
pub fn fit_columns(columns: &[Column], width: u16) -> Vec<(usize, u16)> {
    let mut by_priority: Vec<usize> = (0..columns.len()).collect();
    by_priority.sort_by_key(|&i| (columns[i].priority, i));
    let first_priority = by_priority.first().map_or(0, |&i| columns[i].priority);

    let mut chosen = Vec::new();
    let mut used: u16 = 0;
    let mut reserved: u16 = 0;
    for i in by_priority {
        let column = &columns[i];
        let gap = if chosen.is_empty() { 0 } else { SPACING };
        let need = column.min + gap;
        let room = if column.priority == first_priority {
            used
        } else {
            reserved
        };
        if room.saturating_add(need) <= width {
            used += need;
            reserved =
                reserved.saturating_add(gap + if column.flex { column.max } else { column.min });
            chosen.push(i);
        }
    }
    let mut widths: Vec<u16> = chosen.iter().map(|&i| columns[i].min).collect();
    let flex_caps: Vec<u16> = chosen
        .iter()
        .zip(&widths)
        .map(|(&i, &w)| if columns[i].flex { columns[i].max } else { w })
        .collect();
    let spare = share(&mut widths, &flex_caps, width.saturating_sub(used));
    let caps: Vec<u16> = chosen.iter().map(|&i| columns[i].max).collect();
    share(&mut widths, &caps, spare);
    let mut fitted: Vec<(usize, u16)> = chosen.into_iter().zip(widths).collect();
    fitted.sort_by_key(|&(i, _)| i);
    fitted
}

/// Shares `spare` among the columns in proportion to how far each is from its
/// cap; returns what is left.
fn share(widths: &mut [u16], caps: &[u16], spare: u16) -> u16 {
    let wants: Vec<u32> = widths
        .iter()
        .zip(caps)
        .map(|(&w, &cap)| u32::from(cap.saturating_sub(w)))
        .collect();
    let total: u32 = wants.iter().sum();
    if total == 0 {
        return spare;
    }
    let share = u32::from(spare).min(total);
    let mut left = share;
    for (width, want) in widths.iter_mut().zip(&wants) {
        let grow = want * share / total;
        *width += grow as u16;
        left -= grow;
    }
    // Rounding leftovers go to the most important columns that still want room.
    for (width, &cap) in widths.iter_mut().zip(caps) {
        let grow = u32::from(cap.saturating_sub(*width)).min(left);
        *width += grow as u16;
        left -= grow;
    }
    spare - share as u16
}

/// Draws the visible window of `list` into `area` (header line included).
/// `cell` gives the text of one column of one row; only rows on screen are asked.
/// Number columns grow to their widest visible value, so digits are never cut;
/// text too long for its column ends with `…`. Returns the columns drawn,
/// `(column index, width)` in display order, for editors placed over a cell.
pub fn draw_list<T>(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    columns: &[Column],
    list: &PagedList<T>,
    cell: impl Fn(&T, usize) -> Span<'static>,
) -> Vec<(usize, u16)> {
    if area.height == 0 {
        return Vec::new();
    }
    let body_rows = area
        .height
        .saturating_sub(crate::app::screen::TABLE_HEADER_LINES) as usize;
    let start = list.offset.min(list.rows.len());
    let end = (start + body_rows).min(list.rows.len());
    let cells: Vec<Vec<Span<'static>>> = list.rows[start..end]
        .iter()
        .map(|item| {
            (0..columns.len())
                .map(|i| shown::span(cell(item, i)))
                .collect()
        })
        .collect();
    let fitted = fit_columns(&sized_to_content(columns, &cells), area.width);
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

    let rows = cells.into_iter().enumerate().map(|(n, mut row_cells)| {
        let index = start + n;
        let cells = fitted.iter().map(|&(i, width)| {
            let span = std::mem::take(&mut row_cells[i]);
            let line = Line::from(ellipsized(span, width));
            Cell::from(if columns[i].right {
                line.alignment(Alignment::Right)
            } else {
                line
            })
        });
        let row = Row::new(cells.collect::<Vec<_>>());
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
    fitted
}

/// `columns` with each right-aligned (number) column at least as wide as its
/// widest value in `cells` (rows of spans, one per column), and each flex
/// column asking for no more than its widest value (within its `min..=max`).
fn sized_to_content(columns: &[Column], cells: &[Vec<Span<'_>>]) -> Vec<Column> {
    columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            if !column.right && !column.flex {
                return *column;
            }
            let widest = cells
                .iter()
                .filter_map(|row| row.get(i))
                .map(Span::width)
                .max()
                .unwrap_or(0);
            let widest = u16::try_from(widest).unwrap_or(u16::MAX);
            if column.flex {
                return Column {
                    max: widest.clamp(column.min, column.max),
                    ..*column
                };
            }
            Column {
                min: column.min.max(widest),
                max: column.max.max(widest),
                ..*column
            }
        })
        .collect()
}

/// `span` cut to `width` cells, ending with `…` when anything was cut.
pub(super) fn ellipsized(mut span: Span<'static>, width: u16) -> Span<'static> {
    let width = usize::from(width);
    if span.width() <= width {
        return span;
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in span.content.chars() {
        let w = Span::raw(c.to_string()).width();
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    if width > 0 {
        kept.push('…');
    }
    span.content = kept.into();
    span
}

/// A centred message in `area` (empty lists, errors, loading), wrapped over
/// as many rows as its words take, starting a third of the way down (higher
/// when it needs the room): an error shown here is shown nowhere else.
pub fn draw_message(frame: &mut Frame, area: Rect, line: Line<'static>) {
    if area.height == 0 {
        return;
    }
    let width = area.width.saturating_sub(4).max(1);
    let paragraph = Paragraph::new(shown::line(line))
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    let rows = u16::try_from(paragraph.line_count(width))
        .unwrap_or(u16::MAX)
        .clamp(1, area.height);
    let y = (area.y + area.height / 3).min(area.bottom() - rows);
    frame.render_widget(paragraph, Rect::new(area.x + 2, y, width, rows));
}

/// What an editable row's cell shows besides its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct RowState {
    /// Marked for a bulk action.
    pub marked: bool,
    /// Its last write failed.
    pub failed: bool,
    /// A write is in flight.
    pub saving: bool,
    /// The selected row's focused column.
    pub focused: bool,
}

/// A cell of an editable list: a mark before the id of a marked row (`!` when its write failed), the row of
/// a write in flight in the warning colour (its name saying so), and the
/// focused column underlined on the selected row.
pub fn edit_cell(mut text: String, column: usize, row: RowState, theme: &Theme) -> Span<'static> {
    let mut style = ratatui::style::Style::default();
    if column == 0 && row.marked {
        text = format!("•{text}");
        style = theme.key;
    }
    // A write the store did not take stays in sight until it is saved (`R` retries).
    if column == 0 && row.failed {
        text = format!("!{text}");
        style = theme.bad;
    }
    if column != 0 && row.saving {
        style = theme.warn;
        if column == 1 {
            text = format!("{text} (saving…)");
        }
    }
    if row.focused {
        style = style.add_modifier(ratatui::style::Modifier::UNDERLINED);
    }
    Span::styled(text, style)
}

/// The status-line hints of an editable list: which column `e` edits, and how
/// many rows are marked.
pub fn edit_hints(
    spans: &mut Vec<Span<'static>>,
    has_rows: bool,
    column: &str,
    marked: usize,
    theme: &Theme,
) {
    if has_rows {
        spans.push(Span::styled(format!(" · e edits {column}"), theme.muted));
    }
    if marked > 0 {
        spans.push(Span::styled(
            format!(" · {} marked", super::format::count(marked as u64)),
            theme.key,
        ));
    }
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
    fn numbers_widen_their_column_and_long_text_ends_with_an_ellipsis() {
        let cells = vec![vec![
            Span::raw("1"),
            Span::raw("A name far too long for its column, forty-one+"),
            Span::raw("SKU"),
            Span::raw("1,234,567.89"),
        ]];
        let sized = sized_to_content(COLUMNS, &cells);
        assert_eq!((sized[3].min, sized[3].max), (12, 12));
        assert_eq!(
            (sized[1].min, sized[1].max),
            (10, 40),
            "text columns keep theirs"
        );
        let fitted = fit_columns(&sized, 80);
        assert_eq!(fitted[3], (3, 12), "{fitted:?}");

        let cut = ellipsized(Span::raw("Grüße aus Köln"), 8);
        assert_eq!(cut.content, "Grüße a…");
        assert_eq!(ellipsized(Span::raw("東京の店"), 5).content, "東京…");
        assert_eq!(ellipsized(Span::raw("fits"), 4).content, "fits");
    }

    #[test]
    fn flex_columns_get_their_width_before_a_less_important_column() {
        // As sized to a 30-character name (see `sized_to_content`).
        let columns = [
            Column::right("ID", 4, 4, 0),
            Column::flex("Name", 10, 30, 0),
            Column::left("Note", 10, 10, 1),
        ];
        assert_eq!(fit_columns(&columns, 40), [(0, 4), (1, 30)]);
        assert_eq!(fit_columns(&columns, 46), [(0, 4), (1, 30), (2, 10)]);
        let sized = sized_to_content(&columns, &[vec![Span::raw("1"), Span::raw("Short")]]);
        assert_eq!(
            sized[1].max, 10,
            "a flex column asks only for what it shows"
        );
    }

    #[test]
    fn narrow_terminal_drops_the_lowest_priority_first() {
        let fitted = fit_columns(COLUMNS, 26);
        assert_eq!(fitted.iter().map(|c| c.0).collect::<Vec<_>>(), [0, 1, 3]);
        let total: u16 = fitted.iter().map(|c| c.1).sum::<u16>() + 2;
        assert!(total <= 26);
    }

    #[test]
    fn a_frame_asks_only_for_the_visible_rows_of_a_huge_list() {
        use std::cell::Cell as Counter;

        let mut list = PagedList::default();
        list.append_page(1, (0..100_000u64).collect(), 100_000, Some(100_000));
        list.move_by(99_990, 20);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 21)).expect("terminal");
        let asked = Counter::new(0usize);
        let rows_asked = std::cell::RefCell::new(std::collections::BTreeSet::new());
        terminal
            .draw(|frame| {
                draw_list(
                    frame,
                    frame.area(),
                    &Theme::monochrome(),
                    COLUMNS,
                    &list,
                    |row: &u64, _| {
                        asked.set(asked.get() + 1);
                        rows_asked.borrow_mut().insert(*row);
                        Span::raw(row.to_string())
                    },
                );
            })
            .expect("drawn");
        // 20 body rows under the header, 4 columns each: the work does not grow with
        // the 100,000 rows loaded.
        assert_eq!(asked.get(), 20 * 4);
        let rows = rows_asked.into_inner();
        assert_eq!(rows.len(), 20);
        assert!(rows.contains(&list.cursor.try_into().expect("small")));
    }
}
