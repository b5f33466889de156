//! The request console (the last tab): the request line, the body editor and the
//! response, plus its prompts (completion, history search, DELETE).

mod popups;
mod response;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::overlays::muted_hint;
use super::theme::Theme;
use crate::app::console::{ConsoleMode, HttpMethod, layout_rows};
use crate::app::{AppState, Mode};

/// Draws the console into `area`; returns the rectangle of the prompt open
/// over it, if any, for toasts to keep clear of.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) -> Option<Rect> {
    let console = &state.console;
    let (path_rows, body_rows, response_rows) = layout_rows(area.height, console.method.has_body());
    let [path_area, body_area, response_area] = Layout::vertical([
        Constraint::Length(path_rows),
        Constraint::Length(body_rows),
        Constraint::Length(response_rows),
    ])
    .areas(area);
    let mode = match state.mode {
        Mode::Console(mode) => Some(mode),
        _ => None,
    };
    draw_path(
        frame,
        path_area,
        state,
        theme,
        mode == Some(ConsoleMode::Path),
    );
    if body_rows > 0 {
        draw_body(
            frame,
            body_area,
            state,
            theme,
            mode == Some(ConsoleMode::Body),
        );
    }
    response::draw(frame, response_area, state, theme, mode);
    popups::draw(frame, (area, path_area), state, theme, mode?)
}

fn block<'a>(title: &'a str, focused: bool, theme: &Theme) -> Block<'a> {
    let border = if focused { theme.key } else { theme.border };
    Block::new()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Span::styled(format!(" {title} "), theme.heading))
}

/// The method's colour: reads are calm, writes warn, DELETE stands out.
pub(super) fn method_style(method: HttpMethod, theme: &Theme) -> Style {
    match method {
        HttpMethod::Get => theme.good,
        HttpMethod::Post | HttpMethod::Put => theme.warn,
        HttpMethod::Delete => theme.bad,
    }
}

fn draw_path(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme, focused: bool) {
    let console = &state.console;
    let hint = if focused {
        "Tab completes · ↑↓ history · Esc leaves"
    } else {
        "i types the path · m method · C-s/F5 sends"
    };
    // The method selector: all four, the current one marked.
    let mut methods = Vec::new();
    for method in HttpMethod::ALL {
        let style = if method == console.method {
            method_style(method, theme).patch(theme.selected)
        } else {
            theme.muted
        };
        methods.push(Span::styled(format!(" {} ", method.as_str()), style));
    }
    methods.push(Span::raw(" "));
    let block = block("Request", focused, theme)
        .title(Line::from(methods).right_aligned())
        .title_bottom(muted_hint(hint, theme).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let method = format!(" {:<6} ", console.method.as_str());
    let prefix = method.chars().count() as u16 + 1;
    let width = inner.width.saturating_sub(prefix).max(1) as usize;
    let scroll = console.path.visual_scroll(width);
    let value = console.path.value();
    let mut spans = vec![
        Span::styled(
            method,
            method_style(console.method, theme).patch(theme.selected),
        ),
        Span::raw(" "),
    ];
    if value.is_empty() && !focused {
        spans.push(Span::styled(
            "/v3/catalog/brands?limit=5 — a path relative to the store",
            theme.muted,
        ));
    } else {
        let chars: Vec<char> = value.chars().collect();
        let (sel_start, sel_end) = console.selection.unwrap_or((0, 0));
        let visible = chars.iter().enumerate().skip(scroll).take(width);
        let mut run = String::new();
        let mut run_selected = false;
        for (i, c) in visible {
            let selected = i >= sel_start && i < sel_end;
            if selected != run_selected && !run.is_empty() {
                spans.push(path_span(std::mem::take(&mut run), run_selected, theme));
            }
            run_selected = selected;
            run.push(*c);
        }
        if !run.is_empty() {
            spans.push(path_span(run, run_selected, theme));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), inner);
    if focused && inner.width > prefix {
        let cursor = console.path.visual_cursor().saturating_sub(scroll) as u16;
        frame.set_cursor_position(Position::new(
            inner.x + prefix + cursor.min(inner.width.saturating_sub(prefix + 1)),
            inner.y,
        ));
    }
}

fn path_span(text: String, selected: bool, theme: &Theme) -> Span<'static> {
    if selected {
        Span::styled(text, theme.selected)
    } else {
        Span::styled(text, theme.text)
    }
}

fn draw_body(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme, focused: bool) {
    let console = &state.console;
    let mut block = block("Body (JSON)", focused, theme);
    block = match &console.body_error {
        Some(error) => {
            block.title_bottom(Line::from(Span::styled(format!(" {error} "), theme.bad)))
        }
        None => {
            let hint = if focused {
                "C-s/F5 sends · Esc leaves"
            } else {
                "b edits the body"
            };
            block.title_bottom(muted_hint(hint, theme).right_aligned())
        }
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(&console.body, inner);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::app::console::{ConsoleMode, ConsoleRequest, ConsoleResponse, HttpMethod, pretty};
    use crate::app::{AppState, Mode, Tab};

    /// Every console mode draws without panicking, down to absurdly small terminals.
    #[test]
    fn every_mode_draws_at_any_size() {
        let mut state = AppState::for_tests("demo", "me@here", false);
        state.tab = Tab::Console;
        state.console.method = HttpMethod::Post;
        state.console.path = tui_input::Input::new("/v3/catalog/products/{product_id}".into());
        state.console.selection = Some((21, 33));
        state.console.completion = Some(crate::app::console::Completion {
            candidates: crate::api::spec_endpoints::complete("GET", "/v3/catalog/pro"),
            index: 0,
        });
        let body = br#"{"data": {"id": 1, "name": "\u00e9t\u00e9 jar", "tags": ["a"]}}"#;
        state.console.response = Some(ConsoleResponse {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: std::sync::Arc::new(body.to_vec()),
            elapsed: std::time::Duration::from_millis(5),
        });
        state.console.view = Some(pretty::format_body(body, pretty::VIEW_CAP));
        state.console.show_headers = true;
        state.console.hscroll = 3;
        state.console.pending_delete = Some(ConsoleRequest {
            method: HttpMethod::Delete,
            path: "/v3/catalog/products/1".into(),
            body: None,
        });
        let modes = [
            Mode::Normal,
            Mode::Console(ConsoleMode::Path),
            Mode::Console(ConsoleMode::Body),
            Mode::Console(ConsoleMode::Search),
            Mode::Console(ConsoleMode::History),
            Mode::Console(ConsoleMode::ConfirmDelete),
        ];
        // NO_COLOR: the JSON and the method badges use no colour at all.
        state.monochrome = true;
        state.mode = Mode::Normal;
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        terminal
            .draw(|frame| super::super::draw(frame, &state))
            .unwrap();
        let buffer = terminal.backend().buffer();
        for cell in buffer.content() {
            assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        }
        state.monochrome = false;
        for (width, height) in [(1, 1), (10, 4), (20, 8), (40, 12), (100, 30)] {
            for mode in modes {
                state.mode = mode;
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                terminal
                    .draw(|frame| super::super::draw(frame, &state))
                    .unwrap();
            }
        }
    }
}
