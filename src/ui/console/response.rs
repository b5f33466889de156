//! The response: status line, headers on a toggle, the coloured body with
//! search matches, and the truncation note.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::block;
use crate::app::AppState;
use crate::app::console::pretty::{BodyKind, StyledLine, TokenKind};
use crate::app::console::update::human_size;
use crate::app::console::{ConsoleMode, ConsoleResponse};
use crate::ui::overlays::muted_hint;
use crate::ui::theme::Theme;
use crate::ui::{format, shown};

pub(super) fn draw(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    mode: Option<ConsoleMode>,
) {
    let console = &state.console;
    let mut block = block("Response", false, theme);
    if mode == Some(ConsoleMode::Search) {
        block = block.title_bottom(Line::from(vec![
            Span::styled(" /", theme.key),
            Span::styled(format!("{} ", console.search_input.value()), theme.text),
        ]));
    } else if console.response.is_some() {
        let hint = muted_hint("H headers · / search · w save · y cURL · Y body", theme);
        block = block.title_bottom(hint.right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    if mode == Some(ConsoleMode::Search) {
        let x = area.x + 2 + console.search_input.visual_cursor() as u16;
        frame.set_cursor_position(Position::new(x.min(area.right() - 1), area.bottom() - 1));
    }
    let status = Rect { height: 1, ..inner };
    let rest = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    frame.render_widget(Paragraph::new(status_line(state, theme)), status);

    if let Some(error) = &console.error {
        let text = vec![
            Line::from(Span::styled("Not answered:", theme.bad)),
            Line::from(Span::styled(shown::text(error), theme.text)),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), rest);
        return;
    }
    let Some(response) = &console.response else {
        let help = vec![
            Line::from(""),
            Line::from(Span::styled(
                "Any store endpoint: pick a method (m), type a path (i), send (Ctrl-s or F5).",
                theme.muted,
            )),
            Line::from(Span::styled(
                "Paths are relative to the store, e.g. /v3/catalog/brands?limit=5; Tab completes.",
                theme.muted,
            )),
            Line::from(Span::styled(
                "Every request is kept in the history (↑/↓ on the path line, Ctrl-r searches).",
                theme.muted,
            )),
        ];
        frame.render_widget(Paragraph::new(help).wrap(Wrap { trim: false }), rest);
        return;
    };
    let mut rest = rest;
    if console.show_headers {
        let shown = response.headers.len().min(rest.height as usize / 2);
        let mut lines: Vec<Line> = response
            .headers
            .iter()
            .take(shown)
            .map(|(name, value)| {
                Line::from(vec![
                    Span::styled(format!("{}: ", shown::text(name)), theme.heading),
                    Span::styled(shown::text(value), theme.text),
                ])
            })
            .collect();
        lines.push(Line::from(Span::styled(
            "─".repeat(rest.width as usize),
            theme.border,
        )));
        let height = lines.len() as u16;
        frame.render_widget(Paragraph::new(lines), Rect { height, ..rest });
        rest.y += height;
        rest.height = rest.height.saturating_sub(height);
    }
    draw_body(frame, rest, state, response, theme);
}

fn status_line(state: &AppState, theme: &Theme) -> Line<'static> {
    let console = &state.console;
    let spinner = format::spinner(state.spinner);
    if let Some((_, request)) = &console.in_flight {
        return Line::from(Span::styled(
            format!("{spinner} {} {} …", request.method.as_str(), request.path),
            theme.warn,
        ));
    }
    let Some(response) = &console.response else {
        return match (&console.error, &console.shown_request) {
            (Some(_), Some((_, request))) => Line::from(Span::styled(
                format!("✗ {} {}", request.method.as_str(), request.path),
                theme.bad,
            )),
            _ => Line::from(Span::styled("No request sent yet", theme.muted)),
        };
    };
    let code_style = match response.status {
        200..=299 => theme.good,
        300..=399 => theme.warn,
        _ => theme.bad,
    };
    let mut spans = vec![
        Span::styled(
            format!("{} {}", response.status, response.reason()),
            code_style,
        ),
        Span::styled(" · ", theme.muted),
        Span::styled(format!("{} ms", response.elapsed.as_millis()), theme.text),
        Span::styled(" · ", theme.muted),
        Span::styled(human_size(response.body.len()), theme.text),
    ];
    if let Some((left, quota)) = response.quota() {
        spans.push(Span::styled(" · ", theme.muted));
        let text = match quota {
            Some(quota) => format!("quota {left}/{quota} left"),
            None => format!(
                "{left} {} left",
                crate::app::words::noun(left, "request", "requests")
            ),
        };
        spans.push(Span::styled(text, theme.text));
    }
    let search = &console.search;
    if !search.query.is_empty() && console.view.is_some() {
        spans.push(Span::styled(" · ", theme.muted));
        let text = if search.matches.is_empty() {
            format!("no match for {:?}", search.query)
        } else {
            format!(
                "match {}/{} for {:?}",
                search.current + 1,
                search.matches.len(),
                search.query
            )
        };
        spans.push(Span::styled(text, theme.key));
    }
    if let Some((_, request)) = &console.shown_request {
        spans.push(Span::styled(
            format!("  {} {}", request.method.as_str(), request.path),
            theme.muted,
        ));
    }
    Line::from(spans)
}

fn draw_body(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    response: &ConsoleResponse,
    theme: &Theme,
) {
    let console = &state.console;
    let Some(view) = &console.view else {
        let text = format!(
            "{} formatting {} …",
            format::spinner(state.spinner),
            human_size(response.body.len())
        );
        frame.render_widget(Paragraph::new(Span::styled(text, theme.warn)), area);
        return;
    };
    if view.kind == BodyKind::Empty {
        let v2_list = console.shown_request.as_ref().is_some_and(|(_, r)| {
            r.method == crate::app::console::HttpMethod::Get && r.path.starts_with("/v2/")
        });
        let text = match response.status {
            204 if v2_list => {
                "204 No Content: an empty list (V2 answers 204 when nothing matches)."
            }
            204 => "204 No Content: done; the store sends no body.",
            _ => "The store sent an empty body.",
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.muted)), area);
        return;
    }
    let mut rows = area.height as usize;
    let note = view.truncated.then(|| {
        Line::from(Span::styled(
            format!(
                "Showing the first {} lines ({} formatted) of a {} body; w saves all of it.",
                format::count(view.lines.len() as u64),
                human_size(view.lines.iter().map(|l| l.text.len() + 1).sum()),
                human_size(view.total_bytes)
            ),
            theme.warn,
        ))
    });
    if note.is_some() {
        rows = rows.saturating_sub(1);
    }
    let search = &console.search;
    let current = search.matches.get(search.current).copied();
    let first = console.scroll.min(view.lines.len());
    // Matches are in line order: find the window's first one by binary search.
    let mut match_at = search.matches.partition_point(|(line, _, _)| *line < first);
    let mut lines = Vec::with_capacity(rows + 1);
    for (index, line) in view.lines.iter().enumerate().skip(first).take(rows) {
        let mut ranges = Vec::new();
        while let Some(&(l, start, end)) = search.matches.get(match_at) {
            if l != index {
                break;
            }
            ranges.push((start, end, Some((l, start, end)) == current));
            match_at += 1;
        }
        let styled = styled(line, &ranges, theme, state.monochrome);
        lines.push(skip_columns(styled, console.hscroll));
    }
    if let Some(note) = note {
        lines.push(note);
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn token_style(kind: TokenKind, theme: &Theme, monochrome: bool) -> Style {
    if monochrome {
        return match kind {
            TokenKind::Key => theme.heading,
            _ => theme.text,
        };
    }
    match kind {
        TokenKind::Key => Style::new().fg(Color::Cyan),
        TokenKind::String => Style::new().fg(Color::Green),
        TokenKind::Number => Style::new().fg(Color::Yellow),
        TokenKind::Literal => Style::new().fg(Color::Magenta),
        TokenKind::Punct => theme.text,
    }
}

/// One body line: token colours, with search matches (and the current one) on top.
fn styled(
    line: &StyledLine,
    matches: &[(usize, usize, bool)],
    theme: &Theme,
    monochrome: bool,
) -> Line<'static> {
    let text = &line.text;
    // Byte boundaries where the style may change.
    let mut cuts = vec![0, text.len()];
    for (start, end, _) in &line.tokens {
        cuts.extend([*start, *end]);
    }
    for (start, end, _) in matches {
        cuts.extend([*start, *end]);
    }
    cuts.retain(|c| *c <= text.len() && text.is_char_boundary(*c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::with_capacity(cuts.len());
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let mut style = line
            .tokens
            .iter()
            .find(|(s, e, _)| *s <= start && end <= *e)
            .map_or(theme.text, |(_, _, kind)| {
                token_style(*kind, theme, monochrome)
            });
        if let Some((_, _, current)) = matches.iter().find(|(s, e, _)| *s <= start && end <= *e) {
            style = if *current {
                theme.selected
            } else {
                theme
                    .warn
                    .patch(Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED))
            };
        }
        spans.push(Span::styled(text[start..end].to_string(), style));
    }
    Line::from(spans)
}

/// Drops the first `columns` characters of `line` (sideways scrolling).
fn skip_columns(line: Line<'static>, columns: usize) -> Line<'static> {
    if columns == 0 {
        return line;
    }
    let mut left = columns;
    let spans = line
        .spans
        .into_iter()
        .filter_map(|span| {
            let count = span.content.chars().count();
            if left >= count {
                left -= count;
                return None;
            }
            let rest: String = span.content.chars().skip(left).collect();
            left = 0;
            Some(Span::styled(rest, span.style))
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}
