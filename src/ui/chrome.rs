//! The header, the tab bar and the footer (keys, filter input, command line).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::Input;

use super::format;
use super::shown;
use super::theme::Theme;
use crate::app::keys::{Command, Group, all_commands, footer_commands};
use crate::app::{AppState, Mode, Tab};

/// Store name, profile, user@host, READ-ONLY badge and the API quota.
pub fn draw_header(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let header = &state.header;
    let store = header.store_name.as_deref().unwrap_or("…");
    let mut left = vec![
        Span::styled(" bctui ", theme.heading),
        Span::styled(shown::text(store), theme.heading),
        Span::styled(format!("  profile {}", header.profile), theme.text),
        Span::styled(format!("  {}", header.user_host), theme.muted),
    ];
    if header.read_only {
        left.push(Span::raw("  "));
        left.push(Span::styled(" READ-ONLY ", theme.badge));
    }

    let right = match (header.refused, header.rate) {
        // The quota counts requests the store answered; after a refusal it is
        // no sign that the store can be used.
        (Some(401), _) => Span::styled("API token refused (401) ", theme.bad),
        (Some(status), _) => Span::styled(format!("API access refused ({status}) "), theme.bad),
        (None, Some(rate)) => match rate.resume_in_secs {
            Some(secs) => Span::styled(format!("rate limited — resuming in {secs} s "), theme.warn),
            None => {
                let style = if rate.quota > 0 && rate.left * 5 < rate.quota {
                    theme.warn
                } else {
                    theme.good
                };
                Span::styled(
                    format!(
                        "API {}/{} left ",
                        format::count(rate.left),
                        format::count(rate.quota)
                    ),
                    style,
                )
            }
        },
        (None, None) => Span::styled("API quota: - ", theme.muted),
    };
    let right_width = right.width() as u16;
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(left)), left_area);
    frame.render_widget(Paragraph::new(Line::from(right)), right_area);
}

/// `1 Products  2 Orders  ...` with the active tab highlighted.
pub fn draw_tabs(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    // Padded labels where they fit; tight ones on narrow terminals, so the last tab shows.
    let padded: usize = 1 + Tab::ALL.iter().map(|t| t.title().len() + 5).sum::<usize>();
    let pad = if padded <= usize::from(area.width) {
        " "
    } else {
        ""
    };
    let mut spans = vec![Span::raw(" ")];
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let style = if *tab == state.tab {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::styled(
            format!("{pad}{} {}{pad}", i + 1, tab.title()),
            style,
        ));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The keys that work now, or the filter / command line being typed.
pub fn draw_footer(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    match state.mode {
        Mode::Filter => {
            let label = match state.tab {
                Tab::Products => "filter (keyword)",
                Tab::Orders => "filter (order id or email)",
                Tab::Customers => "filter (name or email)",
                Tab::Webhooks => "filter (scope or destination URL)",
                Tab::Home | Tab::Categories | Tab::Console => "filter",
            };
            draw_input(
                frame,
                area,
                theme,
                &format!("/{label}: "),
                &state.filter_input,
            );
        }
        Mode::Command => draw_input(frame, area, theme, ":", &state.command_input),
        _ => draw_keys(frame, area, state, theme),
    }
}

fn draw_input(frame: &mut Frame, area: Rect, theme: &Theme, prompt: &str, input: &Input) {
    let prompt_width = prompt.chars().count() as u16;
    let width = area.width.saturating_sub(prompt_width + 1) as usize;
    let scroll = input.visual_scroll(width);
    let visible: String = input.value().chars().skip(scroll).collect();
    let line = Line::from(vec![
        Span::styled(prompt.to_string(), theme.key),
        Span::styled(visible, theme.text),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    let x = area.x + prompt_width + (input.visual_cursor().saturating_sub(scroll)) as u16;
    frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
}

fn draw_keys(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    // Commands come most important first; each one that fits takes its place.
    // General keys (command line, help, quit) sit on the right, the view's on the left.
    let mut budget = area.width as usize;
    let mut shown: Vec<&'static Command> = Vec::new();
    for command in footer_commands(state) {
        let width = key_width(state, command);
        // One entry per name: h/← and l/→ are both "column".
        let repeats = shown
            .iter()
            .any(|c| c.name == command.name && c.group == command.group);
        if width <= budget && !repeats {
            budget -= width;
            shown.push(command);
        }
    }
    let (mut general, local): (Vec<_>, Vec<_>) = shown
        .into_iter()
        .partition(|command| command.group == Group::General);
    // The right side reads the same on every view: table order.
    general.sort_by_key(|command| all_commands().position(|c| std::ptr::eq(c, *command)));
    let right = key_spans(state, &general, theme);
    let right_width: usize = right.iter().map(|s| s.width()).sum();
    let left = key_spans(state, &local, theme);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width as u16)])
            .areas(area);
    frame.render_widget(Paragraph::new(Line::from(left)), left_area);
    frame.render_widget(Paragraph::new(Line::from(right)), right_area);
}

/// Columns one footer entry takes: " KEY NAME ".
fn key_width(state: &AppState, command: &'static Command) -> usize {
    state.keymap.label(command).chars().count() + command.name.chars().count() + 3
}

fn key_spans(state: &AppState, commands: &[&'static Command], theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for command in commands {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            state.keymap.label(command).into_owned(),
            theme.key,
        ));
        spans.push(Span::styled(format!(" {} ", command.name), theme.text));
    }
    spans
}
