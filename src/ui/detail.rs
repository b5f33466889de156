//! Building blocks for the detail views: labelled fields, section titles,
//! small tables as text, and the loading/failed states.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::format;
use super::shown;
use super::table::draw_message;
use super::theme::Theme;
use crate::app::list::LoadState;
use crate::app::panes::Detail;

/// Width of field labels.
const LABEL_WIDTH: usize = 16;

/// `  Label           value`.
pub fn field(label: &str, value: impl Into<String>, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {label:<LABEL_WIDTH$}"), theme.muted),
        Span::styled(value.into(), theme.text),
    ])
}

/// `  Label           2025-03-01 10:00`, or `-` without a time.
pub fn date_field(label: &str, value: Option<&DateTime<Utc>>, theme: &Theme) -> Line<'static> {
    field(label, format::date_time(value), theme)
}

/// A detail's first line: ` Name `, its ` #id` and how to go back.
pub fn title_line(name: &str, id: u64, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {name} "), theme.heading),
        Span::styled(format!(" #{id}"), theme.muted),
        Span::styled("   Esc back", theme.muted),
    ])
}

/// An indented line of plain text.
pub fn text(value: &str, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(format!("  {value}"), theme.text))
}

/// A bold section title after a blank line.
pub fn section(title: &str, lines: &mut Vec<Line<'static>>, theme: &Theme) {
    if lines.last().is_none_or(|line| line.width() > 0) {
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(title.to_string(), theme.heading)));
}

/// A section of `count` things titled `title (count)`; an empty one says `none`.
pub fn counted_section(
    title: &str,
    count: usize,
    none: &str,
    lines: &mut Vec<Line<'static>>,
    theme: &Theme,
) {
    section(&format!("{title} ({count})"), lines, theme);
    if count == 0 {
        lines.push(text(none, theme));
    }
}

/// The description section, as text without its HTML, when there is one.
pub fn description(html: &str, lines: &mut Vec<Line<'static>>, theme: &Theme) {
    if !html.trim().is_empty() {
        section("Description", lines, theme);
        lines.push(Line::from(format!("  {}", format::strip_html(html))));
    }
}

/// A text table: a header row and rows, each column padded to its widest
/// cell (capped), right-aligned where `right[i]`.
pub fn text_table(
    headers: &[&str],
    right: &[bool],
    rows: Vec<Vec<String>>,
    lines: &mut Vec<Line<'static>>,
    theme: &Theme,
) {
    const MAX_WIDTH: usize = 40;
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count()).min(MAX_WIDTH);
            }
        }
    }
    let render = |cells: Vec<String>| -> String {
        let mut out = String::from("  ");
        for (i, cell) in cells.into_iter().enumerate() {
            let width = widths.get(i).copied().unwrap_or(0);
            let cell: String = cell.chars().take(width).collect();
            if right.get(i).copied().unwrap_or(false) {
                out.push_str(&format!("{cell:>width$}  "));
            } else {
                out.push_str(&format!("{cell:<width$}  "));
            }
        }
        out.trim_end().to_string()
    };
    lines.push(Line::from(Span::styled(
        render(headers.iter().map(|h| h.to_string()).collect()),
        theme.heading,
    )));
    for row in rows {
        lines.push(Line::from(Span::styled(render(row), theme.text)));
    }
}

/// Draws `lines` scrolled down by `scroll`; returns how far they can scroll,
/// counting the rows wrapped lines take (a long name or note can fill many).
pub fn draw_lines(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, scroll: u16) -> u16 {
    let paragraph = Paragraph::new(shown::lines(lines)).wrap(Wrap { trim: false });
    let rows = u16::try_from(paragraph.line_count(area.width)).unwrap_or(u16::MAX);
    let max_scroll = rows.saturating_sub(area.height);
    frame.render_widget(paragraph.scroll((scroll.min(max_scroll), 0)), area);
    max_scroll
}

/// Draws the loading or failed state of a detail view. Returns the data when
/// it is there to draw.
pub fn loaded_or_status<'a, T>(
    frame: &mut Frame,
    area: Rect,
    detail: &'a Detail<T>,
    what: &str,
    spinner: usize,
    theme: &Theme,
) -> Option<&'a T> {
    match (&detail.load, &detail.data) {
        (LoadState::Failed(message), _) => {
            draw_message(
                frame,
                area,
                Line::from(vec![
                    Span::styled(
                        format!(
                            "Could not load {what} {}: {}",
                            detail.id,
                            format::without_query(message)
                        ),
                        theme.bad,
                    ),
                    Span::styled("  (r retries, Esc goes back)", theme.muted),
                ]),
            );
            None
        }
        (LoadState::Loading(_), _) | (_, None) => {
            draw_message(
                frame,
                area,
                Line::from(Span::styled(
                    format!("{} Loading {what} {}…", format::spinner(spinner), detail.id),
                    theme.warn,
                )),
            );
            None
        }
        (_, Some(data)) => Some(data),
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    #[test]
    fn a_long_wrapped_line_can_be_scrolled_through() {
        let mut terminal = Terminal::new(TestBackend::new(40, 10)).expect("terminal");
        let mut max = 0;
        terminal
            .draw(|frame| {
                let lines = vec![
                    Line::from(format!("Name: {}", "Bartholomew ".repeat(100))),
                    Line::from("Email: bart@example.com"),
                ];
                max = draw_lines(frame, frame.area(), lines, u16::MAX);
            })
            .expect("draws");
        // About 1,200 characters over 40 columns, plus the email line.
        assert!((25..=40).contains(&max), "{max}");
        let screen = terminal.backend().to_string();
        assert!(screen.contains("Email: bart@example.com"), "{screen}");
    }
}
