//! Colours and text styles. The default theme uses the terminal's own
//! foreground and background (Reset) with bold/reverse and a few accents, so it
//! reads on dark and light terminals alike. With `NO_COLOR` every colour is
//! Reset and only modifiers mark things: a theme that kept colours and merely
//! dropped them would leave the selected row and the active tab unmarked.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeColors;

/// Every style the UI uses, by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Plain text.
    pub text: Style,
    /// Secondary text (labels, hints): dimmed only by modifier, never grey.
    pub muted: Style,
    /// Titles and table headers.
    pub heading: Style,
    /// The selected row.
    pub selected: Style,
    /// The active tab.
    pub tab_active: Style,
    /// Inactive tabs.
    pub tab: Style,
    /// Keys in the footer and help.
    pub key: Style,
    /// Good news: loaded counts, success toasts, "yes".
    pub good: Style,
    /// Problems: errors, failure toasts.
    pub bad: Style,
    /// Waiting: spinners, rate-limit pauses.
    pub warn: Style,
    /// Badges such as READ-ONLY.
    pub badge: Style,
    /// Borders of panels and popups.
    pub border: Style,
}

impl Theme {
    /// The colour theme.
    pub fn colored() -> Self {
        // Text, headings and selection look the same with or without colour.
        Theme {
            tab_active: Style::new()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            good: Style::new().fg(Color::Green),
            bad: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            warn: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            badge: Style::new()
                .fg(Color::Red)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            border: Style::new().fg(Color::Blue),
            ..Theme::monochrome()
        }
    }

    /// The colour theme with the config's `[theme]` foregrounds applied
    /// (modifiers stay, so the selection still shows).
    pub fn with_colors(mut self, colors: &ThemeColors) -> Self {
        let roles: [(&str, &mut Style); 12] = [
            ("text", &mut self.text),
            ("muted", &mut self.muted),
            ("heading", &mut self.heading),
            ("selected", &mut self.selected),
            ("tab_active", &mut self.tab_active),
            ("tab", &mut self.tab),
            ("key", &mut self.key),
            ("good", &mut self.good),
            ("bad", &mut self.bad),
            ("warn", &mut self.warn),
            ("badge", &mut self.badge),
            ("border", &mut self.border),
        ];
        for (role, style) in roles {
            if let Some(color) = colors.get(role) {
                *style = style.fg(color);
            }
        }
        self
    }

    /// The monochrome theme used when `NO_COLOR` is set: only modifiers.
    pub fn monochrome() -> Self {
        let text = Style::new().fg(Color::Reset).bg(Color::Reset);
        Theme {
            text,
            muted: text.add_modifier(Modifier::ITALIC),
            heading: text.add_modifier(Modifier::BOLD),
            selected: text.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            tab_active: text.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            tab: text,
            key: text.add_modifier(Modifier::BOLD),
            good: text,
            bad: text.add_modifier(Modifier::BOLD),
            warn: text.add_modifier(Modifier::BOLD),
            badge: text.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: text,
        }
    }

    /// Picks the theme from the environment: monochrome when `NO_COLOR` is set
    /// to anything non-empty (no-color.org).
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::monochrome(),
            _ => Theme::colored(),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::colored()
    }
}
