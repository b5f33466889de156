//! Remapped keys from the `[keys]` table of the config: `action = "key"`.
//!
//! An action is a key-table intent by name (`quit`, `edit.price`,
//! `orders.ship`). Remapping replaces the action's main key (the first key of
//! its first normal-mode entry) wherever that key triggers the action, so
//! `up = "i"` moves `k` to `i` in lists, the help and pickers while `↑` keeps
//! working. Dispatch, the footer and the help all read keys through [`KeyMap`].

use std::borrow::Cow;
use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyModifiers};

pub use crate::config::KeyBinding;

use super::keys::{Command, Group, Intent, Key, ModeKind, all_commands};

/// The key table as remapped by the config; empty means the built-in keys.
#[derive(Debug, Clone, Default)]
pub struct KeyMap {
    /// Per remapped command (by its address in the static table): its keys and label.
    remapped: HashMap<usize, (Vec<Key>, String)>,
}

fn address(command: &Command) -> usize {
    std::ptr::from_ref(command) as usize
}

impl KeyMap {
    /// The keys that trigger `command`.
    pub fn keys<'a>(&'a self, command: &'static Command) -> &'a [Key] {
        match self.remapped.get(&address(command)) {
            Some((keys, _)) => keys,
            None => command.keys,
        }
    }

    /// How `command`'s keys are written in the footer and help.
    pub fn label<'a>(&'a self, command: &'static Command) -> Cow<'a, str> {
        match self.remapped.get(&address(command)) {
            Some((_, label)) => Cow::Borrowed(label),
            None => Cow::Borrowed(command.label),
        }
    }

    /// Applies `bindings`; every unknown action, unreadable key or clash with
    /// another action is reported with its line.
    pub fn build(bindings: &[KeyBinding]) -> Result<KeyMap, Vec<String>> {
        let mut errors = Vec::new();
        let mut map = KeyMap::default();
        let mut chosen: Vec<(&KeyBinding, Key)> = Vec::new();
        for binding in bindings {
            let Some((intent, old)) = main_key(&binding.action) else {
                errors.push(format!(
                    "line {}: unknown action `{}` (`bctui config init` lists them)",
                    binding.line, binding.action
                ));
                continue;
            };
            let new = match parse_key(&binding.key) {
                Ok(key) => key,
                Err(message) => {
                    errors.push(format!("line {}: {message}", binding.line));
                    continue;
                }
            };
            for command in all_commands().filter(|c| c.intent == intent) {
                if !command.keys.contains(&old) {
                    continue;
                }
                let keys = command
                    .keys
                    .iter()
                    .map(|k| if *k == old { new } else { *k })
                    .collect();
                let label = relabel(command.label, &key_name(&old), &key_name(&new));
                map.remapped.insert(address(command), (keys, label));
            }
            if new != old {
                chosen.push((binding, new));
            }
        }
        for (binding, key) in &chosen {
            if let Some(other) = map.clash(binding, *key) {
                errors.push(format!(
                    "line {}: `{}` for {} is already {} ({})",
                    binding.line, binding.key, binding.action, other.0, other.1
                ));
            }
        }
        if errors.is_empty() {
            Ok(map)
        } else {
            Err(errors)
        }
    }

    /// Another action that `key` triggers where `binding`'s action works.
    fn clash(&self, binding: &KeyBinding, key: Key) -> Option<(String, &'static str)> {
        let (intent, _) = main_key(&binding.action)?;
        let mine: Vec<&'static Command> = all_commands()
            .filter(|c| c.intent == intent && self.keys(c).contains(&key))
            .collect();
        all_commands()
            .filter(|other| other.intent != intent && self.keys(other).contains(&key))
            .find(|other| {
                mine.iter()
                    .any(|c| c.modes.iter().any(|m| other.modes.contains(m)) && overlap(c, other))
            })
            .map(|other| (action_name(other.intent), other.group.title()))
    }
}

/// Whether two commands can be live in the same view (different tabs never are).
fn overlap(a: &Command, b: &Command) -> bool {
    let tab = |g: Group| matches!(g, Group::Tab(_) | Group::Console);
    !(tab(a.group) && tab(b.group) && a.group != b.group)
}

/// The action's intent and main key: the first key of its first entry that
/// works in the normal view.
fn main_key(action: &str) -> Option<(Intent, Key)> {
    all_commands()
        .filter(|c| c.modes.contains(&ModeKind::Normal) && c.intent != Intent::GoTab)
        .find(|c| action_name(c.intent) == action)
        .and_then(|c| c.keys.first().map(|k| (c.intent, *k)))
}

/// Every remappable action with its key and description, in table order.
pub fn actions() -> Vec<(String, String, &'static str)> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for command in all_commands() {
        if !command.modes.contains(&ModeKind::Normal) || command.intent == Intent::GoTab {
            continue;
        }
        let name = action_name(command.intent);
        if seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        if let Some(key) = command.keys.first() {
            out.push((name, key_name(key), command.description));
        }
    }
    out
}

/// `Edit(Price)` → `edit.price`, `Orders(ChangeStatus)` → `orders.change_status`.
pub fn action_name(intent: Intent) -> String {
    let debug = format!("{intent:?}");
    let mut name = String::new();
    for (i, c) in debug.chars().enumerate() {
        match c {
            '(' => name.push('.'),
            ')' | ' ' => {}
            '-' => name.push_str("minus_"),
            c if c.is_ascii_uppercase() => {
                if i > 0 && !name.ends_with('.') {
                    name.push('_');
                }
                name.push(c.to_ascii_lowercase());
            }
            c => name.push(c),
        }
    }
    name
}

/// Replaces the first part of a label ("k/↑") when it names the old key.
fn relabel(label: &str, old: &str, new: &str) -> String {
    match label.split_once('/') {
        Some((first, rest)) if first == old => format!("{new}/{rest}"),
        None if label == old => new.to_string(),
        _ => format!("{new}/{label}"),
    }
}

const NAMED: [(&str, KeyCode); 17] = [
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("S-Tab", KeyCode::BackTab),
    ("Space", KeyCode::Char(' ')),
    ("Backspace", KeyCode::Backspace),
    ("Del", KeyCode::Delete),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
];

/// Reads a key as written in the config: `x`, `X`, `C-x` (Ctrl), `Enter`,
/// `Esc`, `Space`, `Up`, `PgDn`, `F5`…
pub fn parse_key(text: &str) -> Result<Key, String> {
    let (mods, rest) = match text
        .strip_prefix("C-")
        .or_else(|| text.strip_prefix("ctrl-"))
    {
        Some(rest) if !rest.is_empty() => (KeyModifiers::CONTROL, rest),
        _ => (KeyModifiers::NONE, text),
    };
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => KeyCode::Char(c),
        _ => match NAMED
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(rest))
        {
            Some((_, code)) => *code,
            None => match rest
                .strip_prefix(['F', 'f'])
                .and_then(|n| n.parse::<u8>().ok())
            {
                Some(n) if (1..=12).contains(&n) => KeyCode::F(n),
                _ => {
                    return Err(format!(
                        "`{text}` is not a key (try x, C-x, Enter, Esc, Space, Up, PgDn, F5)"
                    ));
                }
            },
        },
    };
    Ok(Key { code, mods })
}

/// How a key is written in labels and the sample config.
pub fn key_name(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        code => NAMED
            .iter()
            .find(|(_, named)| *named == code)
            .map_or_else(|| format!("{code:?}"), |(name, _)| name.to_string()),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("C-{base}")
    } else {
        base
    }
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
