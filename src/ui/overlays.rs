//! Things drawn over the panes: the help, the status picker, command-line
//! completions and toasts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::format;
use super::theme::Theme;
use crate::app::keys::{Group, all_commands};
use crate::app::{AppState, Tab, ToastKind};

/// A rectangle of at most `width` x `height` centred in `area`.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// Clears `rect` and draws a bordered popup there, `title` on top and `hint`
/// at the bottom right; returns the room inside the border.
pub(super) fn popup(
    frame: &mut Frame,
    rect: Rect,
    title: &str,
    hint: Line<'static>,
    theme: &Theme,
) -> Rect {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.heading))
        .title_bottom(hint.right_aligned());
    framed(frame, rect, block)
}

/// Clears `rect` and draws `block` there; returns the room inside it.
pub(super) fn framed(frame: &mut Frame, rect: Rect, block: Block) -> Rect {
    frame.render_widget(Clear, rect);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A popup's key hint as one muted phrase ("Enter picks · Esc cancels").
pub(super) fn muted_hint(text: &str, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(format!(" {text} "), theme.muted))
}

/// The `?` help, built from the key table: first the keys of the view in
/// focus (under its name), then navigation, general and typing keys, then the
/// other views' keys under their names.
/// Returns the rectangle it drew in, as every overlay does.
pub fn draw_help(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    scroll: u16,
) -> Rect {
    let rect = centered(area, 84, area.height.saturating_sub(2).max(10));
    let hint = muted_hint("j/k scroll · Esc closes", theme);
    let inner = popup(frame, rect, "Keys", hint, theme);

    let focus = Group::of_tab(state.tab);
    // The console is no list: the keys every list shares do not apply there.
    let focus_groups = if focus == Group::Console {
        vec![focus]
    } else {
        vec![focus, Group::View]
    };
    let mut sections: Vec<(String, Vec<Group>)> = vec![
        (format!("{} (this view)", focus.title()), focus_groups),
        (
            Group::Navigation.title().to_string(),
            vec![Group::Navigation],
        ),
        (Group::General.title().to_string(), vec![Group::General]),
        (Group::Typing.title().to_string(), vec![Group::Typing]),
    ];
    for tab in Tab::ALL {
        let group = Group::of_tab(tab);
        if group != focus {
            sections.push((group.title().to_string(), vec![group]));
        }
    }

    let mut lines = Vec::new();
    for (title, groups) in sections {
        let mut seen = Vec::new();
        let commands: Vec<_> = groups
            .iter()
            .flat_map(|group| all_commands().filter(move |c| c.group == *group))
            .filter(|c| {
                // One line per label+description (some keys repeat per mode).
                let key = (c.label, c.description);
                if seen.contains(&key) {
                    false
                } else {
                    seen.push(key);
                    true
                }
            })
            .collect();
        if commands.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(title, theme.heading)));
        for command in commands {
            // In the view's own section, keys that need a selection, marks or
            // a detail view are dimmed until they work.
            let dimmed = groups.contains(&focus)
                && command.group != Group::Console
                && !command.works_in_view(state);
            let description_style = if dimmed { theme.muted } else { theme.text };
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<8}", state.keymap.label(command)), theme.key),
                Span::styled(command.description, description_style),
            ]));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "  Dimmed keys need a selection, marks or a detail view first.",
        theme.muted,
    )));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
    rect
}

/// The `f` picker: Needs action, All, then each status with its count.
pub fn draw_status_picker(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    cursor: usize,
) -> Rect {
    let lines: Vec<(String, String)> = state
        .orders
        .view_choices()
        .into_iter()
        .map(|(_, name, count)| (name, count.map_or(String::new(), format::count)))
        .collect();
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, 44, height);
    let hint = muted_hint("Enter picks · Esc cancels", theme);
    let inner = popup(frame, rect, "Orders view", hint, theme);

    let text = picker_lines(inner, lines, cursor, |i, (name, count), width| {
        let pad = width.saturating_sub(name.chars().count() + count.chars().count() + 2);
        let style = if i == cursor {
            theme.selected
        } else {
            theme.text
        };
        Line::from(Span::styled(
            format!(" {name}{}{count} ", " ".repeat(pad)),
            style,
        ))
    });
    frame.render_widget(Paragraph::new(text), inner);
    rect
}

/// The lines a picker's `inner` room shows of `items`: scrolled so the one at
/// `cursor` is in view, each built by `line(index, item, width)`.
pub(super) fn picker_lines<T>(
    inner: Rect,
    items: Vec<T>,
    cursor: usize,
    line: impl Fn(usize, T, usize) -> Line<'static>,
) -> Vec<Line<'static>> {
    let visible = inner.height as usize;
    let offset = cursor.saturating_sub(visible.saturating_sub(1));
    let width = inner.width as usize;
    items
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, item)| line(i, item, width))
        .collect()
}

/// Completion candidates above the command line.
pub fn draw_completion(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
) -> Option<Rect> {
    let completion = state.completion.as_ref()?;
    if completion.candidates.len() < 2 || area.height == 0 {
        return None;
    }
    let row = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    let mut spans = vec![Span::raw(" ")];
    for (i, candidate) in completion.candidates.iter().enumerate() {
        let style = if i == completion.index {
            theme.selected
        } else {
            theme.text
        };
        spans.push(Span::styled(candidate.trim_end().to_string(), style));
        spans.push(Span::raw("  "));
    }
    frame.render_widget(Clear, row);
    frame.render_widget(Paragraph::new(Line::from(spans)), row);
    Some(row)
}

/// Toasts, newest first, right-aligned: stacked up from the bottom of `area`, or,
/// while a dialog is open (`keep_clear`), in the room left below it, above it or
/// beside it, so they never cover its title, lines or key hints. A toast with no
/// room waits, undrawn, until the dialog closes or it expires. Long messages wrap
/// and the box grows to show all of them.
pub fn draw_toasts(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
    keep_clear: Option<Rect>,
) {
    let mut places = ToastPlaces::new(area, keep_clear);
    for toast in state.toasts.iter().rev() {
        let (style, marker) = match toast.kind {
            ToastKind::Info => (theme.good, "✓"),
            ToastKind::Error => (theme.bad, "✗"),
        };
        let text = format!("{marker} {}", super::shown::text(&toast.text));
        let paragraph = Paragraph::new(Span::styled(text.clone(), style)).wrap(Wrap { trim: true });
        let Some(rect) = places.take(&text, &paragraph) else {
            continue;
        };
        frame.render_widget(Clear, rect);
        let block = Block::new().borders(Borders::ALL).border_style(style);
        frame.render_widget(paragraph.block(block), rect);
    }
}

/// The free regions toasts go into, each filled from one end.
struct ToastPlaces {
    /// (region, rows or columns already used, fills from its bottom).
    regions: Vec<(Rect, u16, bool)>,
    /// With no dialog open, a message taller than the screen is cut to the
    /// room left rather than not shown at all.
    may_cut: bool,
}

/// Narrower than this, a toast is too cramped to read.
const TOAST_MIN_WIDTH: u16 = 16;
/// Wider than this, a toast is hard to take in at a glance.
const TOAST_MAX_WIDTH: u16 = 70;

impl ToastPlaces {
    fn new(area: Rect, keep_clear: Option<Rect>) -> ToastPlaces {
        let Some(dialog) = keep_clear
            .map(|d| d.intersection(area))
            .filter(|d| !d.is_empty())
        else {
            return ToastPlaces {
                regions: vec![(area, 0, true)],
                may_cut: true,
            };
        };
        let below = Rect::new(
            area.x,
            dialog.bottom(),
            area.width,
            area.bottom() - dialog.bottom(),
        );
        let above = Rect::new(area.x, area.y, area.width, dialog.y - area.y);
        // Beside the dialog only along its own rows, clear of the bands above and below.
        let right = Rect::new(
            dialog.right(),
            dialog.y,
            area.right() - dialog.right(),
            dialog.height,
        );
        let left = Rect::new(area.x, dialog.y, dialog.x - area.x, dialog.height);
        ToastPlaces {
            regions: vec![
                (below, 0, true),
                (above, 0, false),
                (right, 0, false),
                (left, 0, false),
            ],
            may_cut: false,
        }
    }

    /// Where a toast showing `text` goes: the first region with room for all of it.
    fn take(&mut self, text: &str, paragraph: &Paragraph) -> Option<Rect> {
        for (region, used, from_bottom) in &mut self.regions {
            // One column of margin on the right, as beside the screen's edge.
            let room = region.width.saturating_sub(1).min(TOAST_MAX_WIDTH);
            if room < TOAST_MIN_WIDTH {
                continue;
            }
            let text_width = u16::try_from(Span::raw(text).width()).unwrap_or(u16::MAX);
            let width = text_width.saturating_add(2).clamp(12, room);
            let rows = paragraph.line_count(width.saturating_sub(2).max(1));
            let mut height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
            let free = region.height.saturating_sub(*used);
            if free < height {
                if !self.may_cut || free < 3 {
                    continue;
                }
                height = free;
            }
            let x = region.right() - 1 - width;
            let y = if *from_bottom {
                region.bottom() - *used - height
            } else {
                region.y + *used
            };
            *used += height;
            return Some(Rect::new(x, y, width, height));
        }
        None
    }
}
