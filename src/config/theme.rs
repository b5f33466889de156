//! The `[theme]` table: `role = "colour"` sets the foreground of one style
//! role. Colours are names (`red`, `lightblue`), `#rrggbb` or a 0-255 index.

use std::str::FromStr;

use ratatui::style::Color;

/// The style roles a `[theme]` table may colour (the fields of `ui::Theme`).
pub const THEME_ROLES: [(&str, &str); 12] = [
    ("text", "plain text"),
    ("muted", "hints and labels"),
    ("heading", "titles and table headers"),
    ("selected", "the selected row"),
    ("tab_active", "the active tab"),
    ("tab", "inactive tabs"),
    ("key", "keys in the footer and help"),
    ("good", "success, loaded counts"),
    ("bad", "errors"),
    ("warn", "waiting, rate limits"),
    ("badge", "badges such as READ-ONLY"),
    ("border", "borders of panels and popups"),
];

/// Foreground colours by role, as read from the config.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeColors {
    pub colors: Vec<(&'static str, Color)>,
}

impl ThemeColors {
    /// The colour set for `role`, if any.
    pub fn get(&self, role: &str) -> Option<Color> {
        self.colors
            .iter()
            .find(|(name, _)| *name == role)
            .map(|(_, color)| *color)
    }

    /// Reads `(role, colour, line)` entries; each bad one is reported with its line.
    pub fn parse<'a>(
        entries: impl IntoIterator<Item = (&'a str, &'a str, usize)>,
    ) -> Result<ThemeColors, Vec<String>> {
        let mut colors = Vec::new();
        let mut errors = Vec::new();
        for (role, value, line) in entries {
            let Some((role, _)) = THEME_ROLES.iter().find(|(name, _)| *name == role) else {
                let known: Vec<&str> = THEME_ROLES.iter().map(|(name, _)| *name).collect();
                errors.push(format!(
                    "line {line}: unknown theme role `{role}` (roles: {})",
                    known.join(", ")
                ));
                continue;
            };
            match Color::from_str(value) {
                Ok(color) => colors.push((*role, color)),
                Err(_) => errors.push(format!(
                    "line {line}: `{value}` is not a colour (a name such as red, #rrggbb, or 0-255)"
                )),
            }
        }
        if errors.is_empty() {
            Ok(ThemeColors { colors })
        } else {
            Err(errors)
        }
    }
}
