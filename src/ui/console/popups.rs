//! The console's prompts: endpoint completions under the path line, the
//! Ctrl-r history search and the DELETE confirmation.

use crate::ui::overlays::{centered, framed, muted_hint};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::method_style;
use crate::app::AppState;
use crate::app::console::{ConsoleMode, HttpMethod};
use crate::ui::theme::Theme;

/// Draws the prompt `mode` opens over the console (`area`, its path line at
/// `path_area`), if any; returns the rectangle it drew in.
pub(super) fn draw(
    frame: &mut Frame,
    (area, path_area): (Rect, Rect),
    state: &AppState,
    theme: &Theme,
    mode: ConsoleMode,
) -> Option<Rect> {
    match mode {
        ConsoleMode::Path => endpoints(frame, path_area, state, theme),
        ConsoleMode::History => Some(history(frame, area, state, theme)),
        ConsoleMode::ConfirmDelete => confirm_delete(frame, area, state, theme),
        ConsoleMode::Body | ConsoleMode::Search => None,
    }
}

/// Completion candidates (up to 8) just under the path line.
fn endpoints(frame: &mut Frame, path_area: Rect, state: &AppState, theme: &Theme) -> Option<Rect> {
    let completion = state.console.completion.as_ref()?;
    let screen = frame.area();
    let shown = completion.candidates.len().min(8);
    let top = path_area.bottom();
    let height = (shown as u16 + 2).min(screen.bottom().saturating_sub(top));
    if height < 3 {
        return None;
    }
    let area = Rect::new(
        path_area.x + 2,
        top,
        path_area.width.saturating_sub(4),
        height,
    );
    let title = format!(
        "{} of {} endpoints · Tab next · type to refine",
        completion.index + 1,
        completion.candidates.len()
    );
    let block = Block::bordered()
        .border_style(theme.border)
        .title(muted_hint(&title, theme));
    let inner = framed(frame, area, block);
    let offset = completion.index.saturating_sub(shown - 1);
    let lines: Vec<Line> = completion
        .candidates
        .iter()
        .enumerate()
        .skip(offset)
        .take(shown)
        .map(|(i, candidate)| {
            let endpoint = &candidate.endpoint;
            let method = HttpMethod::parse(endpoint.method).unwrap_or_default();
            let mut spans = vec![
                Span::styled(
                    format!("{:<7}", endpoint.method),
                    method_style(method, theme),
                ),
                Span::styled(candidate.text.clone(), theme.text),
                Span::styled(format!("  {}", endpoint.summary), theme.muted),
            ];
            if endpoint.deprecated {
                spans.push(Span::styled(" (deprecated)", theme.bad));
            }
            picked(Line::from(spans), i == completion.index, theme)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    Some(area)
}

/// `line`, reversed when it is the one picked.
fn picked(line: Line<'static>, selected: bool, theme: &Theme) -> Line<'static> {
    if selected {
        line.style(theme.selected)
    } else {
        line
    }
}

/// Ctrl-r: a query line and the matching requests, newest first.
fn history(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) -> Rect {
    let console = &state.console;
    let popup = centered(area, 90, area.height.saturating_sub(2).max(6));
    let hint = muted_hint("Enter loads · ↑/C-r older · ↓ newer · Esc", theme);
    let block = Block::bordered()
        .border_style(theme.key)
        .title(Span::styled(" Request history ", theme.heading))
        .title_bottom(hint.right_aligned());
    let inner = framed(frame, popup, block);
    if inner.height < 2 {
        return popup;
    }
    let query = console.history_query.value();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("search: ", theme.key),
            Span::styled(query.to_string(), theme.text),
        ])),
        Rect { height: 1, ..inner },
    );
    frame.set_cursor_position(Position::new(
        (inner.x + 8 + console.history_query.visual_cursor() as u16).min(inner.right() - 1),
        inner.y,
    ));
    let matches = console.history_matches();
    let rows = inner.height as usize - 1;
    let list = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    if matches.is_empty() {
        let text = if console.history.is_empty() {
            "No requests yet: everything sent from the console is kept here."
        } else {
            "No request matches."
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.muted)), list);
        return popup;
    }
    let offset = console.history_pick.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = matches
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(row, &index)| {
            let entry = &console.history[index];
            let status = entry.status.map_or("—".to_string(), |s| s.to_string());
            let line = Line::from(vec![
                Span::styled(
                    entry.time.format("%Y-%m-%d %H:%M  ").to_string(),
                    theme.muted,
                ),
                Span::styled(format!("{status:<4}"), theme.text),
                Span::styled(format!("{:<7}", entry.method), theme.key),
                Span::styled(entry.path.clone(), theme.text),
            ]);
            picked(line, row == console.history_pick, theme)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    popup
}

/// `Send DELETE /path? y/N`.
fn confirm_delete(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) -> Option<Rect> {
    let request = state.console.pending_delete.as_ref()?;
    let popup = centered(area, 64, 7);
    let block = Block::bordered()
        .border_style(theme.bad)
        .title(Span::styled(" Send a DELETE? ", theme.bad));
    let inner = framed(frame, popup, block);
    let lines = vec![
        Line::from(Span::styled(
            format!("DELETE {}", request.path),
            theme.heading,
        )),
        Line::from(Span::styled(
            "The store deletes what this path names; it cannot be undone.",
            theme.text,
        )),
        Line::from(""),
        Line::from(vec![
            Span::styled("y", theme.key),
            Span::styled(" sends it · ", theme.muted),
            Span::styled("n/Esc", theme.key),
            Span::styled(" cancels", theme.muted),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    Some(popup)
}
