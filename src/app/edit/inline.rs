//! The inline cell editor, shared by every resource: a typed field (text,
//! money, whole number, yes/no, one of a few choices) with validation that
//! says why a value is refused. Nothing is sent while the value is invalid.
//!
//! How to use it for another resource: describe your columns as
//! [`FieldKind`]s, open `InlineEditor::new(label, kind, current_value)`, let
//! `edit::on_other_key` feed it keys, and on Enter call [`InlineEditor::value`]:
//! `Err(reason)` is shown under the cell, `Ok(value)` is what to save.

use std::fmt;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use rust_decimal::Decimal;
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

/// Most decimal places a price may have (the API stores four).
pub const MONEY_DECIMALS: usize = 4;

/// A field's value, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Text(String),
    Money(Decimal),
    Count(i64),
    Flag(bool),
    /// One of [`FieldKind::Choice`]'s options.
    Choice(String),
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Text(text) => write!(f, "{text:?}"),
            FieldValue::Money(value) => f.write_str(&plain_money(*value)),
            FieldValue::Count(n) => write!(f, "{n}"),
            FieldValue::Flag(yes) => f.write_str(if *yes { "yes" } else { "no" }),
            FieldValue::Choice(choice) => f.write_str(choice),
        }
    }
}

/// Money as typed back to the user: at least two decimals, no trailing
/// zeros beyond them, no thousands separators (`7.95`, `10.00`, `9.9999`).
pub fn plain_money(value: Decimal) -> String {
    let normal = value.normalize();
    if normal.scale() < 2 {
        format!("{normal:.2}")
    } else {
        normal.to_string()
    }
}

/// What kind of value a field holds, with its limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text; `required` refuses empty, `max_chars` caps the length.
    Text { required: bool, max_chars: usize },
    /// A decimal ≥ 0 with at most [`MONEY_DECIMALS`] places.
    Money,
    /// A whole number ≥ `min`.
    Count { min: i64 },
    /// Yes/no; space toggles.
    Flag,
    /// One of these; space cycles.
    Choice(Vec<String>),
}

/// An open inline editor.
#[derive(Debug, Clone)]
pub struct InlineEditor {
    /// The field's name, e.g. "Price".
    pub label: String,
    /// What it accepts.
    pub kind: FieldKind,
    /// The value when editing started.
    pub original: FieldValue,
    /// The text being typed (text, money and number fields).
    pub input: Input,
    /// The current choice (flag: 0 no / 1 yes; choice: its index).
    pub choice: usize,
    /// Why the last Enter was refused.
    pub error: Option<String>,
    /// True until the first key of a number: typing then replaces the prefilled
    /// amount (so `p 9.95 Enter` just works); moving or deleting keeps it. Text
    /// starts with the cursor after the current text, and typing edits it (Ctrl-u
    /// clears).
    pub pristine: bool,
}

impl InlineEditor {
    /// An editor for `label` of `kind`, prefilled with `current`.
    pub fn new(label: impl Into<String>, kind: FieldKind, current: FieldValue) -> InlineEditor {
        let text = match &current {
            FieldValue::Text(text) => text.clone(),
            FieldValue::Money(value) => plain_money(*value),
            FieldValue::Count(n) => n.to_string(),
            FieldValue::Flag(_) | FieldValue::Choice(_) => String::new(),
        };
        let choice = match (&kind, &current) {
            (_, FieldValue::Flag(yes)) => usize::from(*yes),
            (FieldKind::Choice(options), FieldValue::Choice(value)) => {
                options.iter().position(|o| o == value).unwrap_or(0)
            }
            _ => 0,
        };
        let pristine = !matches!(kind, FieldKind::Text { .. });
        InlineEditor {
            label: label.into(),
            kind,
            original: current,
            input: Input::new(text),
            choice,
            error: None,
            pristine,
        }
    }

    /// Whether the field is typed into (as opposed to toggled or cycled).
    pub fn is_typed(&self) -> bool {
        matches!(
            self.kind,
            FieldKind::Text { .. } | FieldKind::Money | FieldKind::Count { .. }
        )
    }

    /// Feeds a key that is not Enter/Esc. Returns whether anything changed.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        match &self.kind {
            FieldKind::Flag => {
                if key.code == KeyCode::Char(' ') {
                    self.choice = 1 - self.choice.min(1);
                    self.error = None;
                    return true;
                }
                false
            }
            FieldKind::Choice(options) => {
                if matches!(key.code, KeyCode::Char(' ') | KeyCode::Right | KeyCode::Tab) {
                    self.choice = (self.choice + 1) % options.len().max(1);
                    return true;
                }
                if key.code == KeyCode::Left {
                    self.choice = (self.choice + options.len().max(1) - 1) % options.len().max(1);
                    return true;
                }
                false
            }
            _ => {
                let plain_char = matches!(key.code, KeyCode::Char(_))
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                if std::mem::take(&mut self.pristine) && plain_char {
                    self.input = Input::default();
                }
                let changed = to_input_request(&Event::Key(*key))
                    .and_then(|request| self.input.handle(request))
                    .is_some_and(|response| response.value);
                if changed {
                    self.error = None;
                }
                changed
            }
        }
    }

    /// Inserts pasted text (typed fields only; control characters dropped).
    pub fn paste(&mut self, text: &str) {
        if self.is_typed() {
            if std::mem::take(&mut self.pristine) {
                self.input = Input::default();
            }
            for c in text.chars().filter(|c| !c.is_control()) {
                self.input.handle(tui_input::InputRequest::InsertChar(c));
            }
            self.error = None;
        }
    }

    /// The value shown in the cell while editing a toggle or choice.
    pub fn shown(&self) -> String {
        match &self.kind {
            FieldKind::Flag => if self.choice == 1 { "yes" } else { "no" }.to_string(),
            FieldKind::Choice(options) => options.get(self.choice).cloned().unwrap_or_default(),
            _ => self.input.value().to_string(),
        }
    }

    /// The validated value on Enter; a refused one is shown under the cell instead
    /// (and nothing is sent).
    pub fn entered(&mut self) -> Option<FieldValue> {
        self.value()
            .map_err(|reason| self.error = Some(reason))
            .ok()
    }

    /// The validated value, or why it is refused.
    pub fn value(&self) -> Result<FieldValue, String> {
        let text = self.input.value();
        match &self.kind {
            FieldKind::Text {
                required,
                max_chars,
            } => {
                let trimmed = text.trim();
                if *required && trimmed.is_empty() {
                    return Err(format!("{} cannot be empty", self.label));
                }
                if trimmed.chars().count() > *max_chars {
                    return Err(format!("{} is at most {max_chars} characters", self.label));
                }
                Ok(FieldValue::Text(trimmed.to_string()))
            }
            FieldKind::Money => parse_money(text).map(FieldValue::Money),
            FieldKind::Count { min } => parse_count(text, *min).map(FieldValue::Count),
            FieldKind::Flag => Ok(FieldValue::Flag(self.choice == 1)),
            FieldKind::Choice(options) => options
                .get(self.choice)
                .map(|o| FieldValue::Choice(o.clone()))
                .ok_or_else(|| "no choice".to_string()),
        }
    }
}

/// Parses a price: digits with an optional point and at most
/// [`MONEY_DECIMALS`] decimals, ≥ 0. No signs, exponents or separators, so
/// what is typed is exactly what is sent.
pub fn parse_money(text: &str) -> Result<Decimal, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("enter a price, e.g. 9.95".to_string());
    }
    if text.starts_with('-') {
        return Err("a price cannot be negative".to_string());
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
        return Err(format!("{text:?} is not a number like 9.95"));
    }
    if fraction.len() > MONEY_DECIMALS {
        return Err(format!(
            "at most {MONEY_DECIMALS} decimal places (got {})",
            fraction.len()
        ));
    }
    if whole.len() > 12 {
        return Err("that price is too large".to_string());
    }
    text.parse::<Decimal>()
        .map_err(|error| format!("{text:?} is not a number: {error}"))
}

/// Parses a whole number ≥ `min`.
pub fn parse_count(text: &str, min: i64) -> Result<i64, String> {
    let text = text.trim();
    let value: i64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a whole number"))?;
    if value < min {
        return Err(format!("must be at least {min}"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_are_validated_exactly() {
        assert_eq!(parse_money("9.95").unwrap().to_string(), "9.95");
        assert_eq!(parse_money("0").unwrap(), Decimal::ZERO);
        assert_eq!(parse_money("12.3456").unwrap().to_string(), "12.3456");
        for bad in ["", "-1", "1.23456", "abc", "1e3", "1,5", "1.", ".5", "+3"] {
            assert!(parse_money(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn counts_are_whole_and_bounded() {
        assert_eq!(parse_count("12", 0), Ok(12));
        assert!(parse_count("-1", 0).is_err());
        assert!(parse_count("1.5", 0).is_err());
    }

    #[test]
    fn plain_money_keeps_two_decimals_at_least() {
        assert_eq!(plain_money("7.9".parse().unwrap()), "7.90");
        assert_eq!(plain_money("10".parse().unwrap()), "10.00");
        assert_eq!(plain_money("9.9999".parse().unwrap()), "9.9999");
        assert_eq!(plain_money("9.9500".parse().unwrap()), "9.95");
    }
}
