//! Typed, validating reads of request-body objects. Type errors are collected per field so one
//! 422 (or V2 400) can name all of them.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::errors::ApiError;
use super::wire::{decimal_of, int_of};

/// Sets each named field of `$target` that the body holds, read with the [`Fields`] reader
/// named before the colon (`text`, `int`, `bool`...); a field the body leaves out keeps its
/// value, and a field of the wrong type is recorded as an error by the reader.
macro_rules! set_fields {
    ($fields:ident => $target:ident, $reader:ident: $($field:ident),+ $(,)?) => {$(
        if let Some(value) = $fields.$reader(stringify!($field)) {
            $target.$field = value.into();
        }
    )+};
}
pub(crate) use set_fields;

static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

pub(crate) struct Fields<'a> {
    map: &'a Map<String, Value>,
    /// Prefix for error keys in batches, e.g. `"0."`.
    prefix: String,
    pub errors: Vec<(String, String)>,
}

impl<'a> Fields<'a> {
    /// Reads an object; anything else is recorded as an error on `body`.
    pub(crate) fn new(value: &'a Value, prefix: impl Into<String>) -> Fields<'a> {
        let prefix = prefix.into();
        match value {
            Value::Object(map) => Fields {
                map,
                prefix,
                errors: Vec::new(),
            },
            _ => {
                let key = if prefix.is_empty() {
                    "body".to_string()
                } else {
                    prefix.trim_end_matches('.').to_string()
                };
                Fields {
                    map: &EMPTY,
                    prefix,
                    errors: vec![(key, "Expected a JSON object.".into())],
                }
            }
        }
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    pub(crate) fn raw(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key)
    }

    pub(crate) fn error(&mut self, key: &str, message: impl Into<String>) {
        self.errors
            .push((format!("{}{key}", self.prefix), message.into()));
    }

    /// Records "is required" for each missing (or null) key.
    pub(crate) fn require(&mut self, keys: &[&str]) {
        for key in keys {
            if self.map.get(*key).is_none_or(Value::is_null) {
                self.error(key, format!("The field '{key}' is required."));
            }
        }
    }

    pub(crate) fn str(&mut self, key: &str) -> Option<String> {
        match self.map.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            _ => {
                self.error(key, format!("The field '{key}' must be a string."));
                None
            }
        }
    }

    /// A string, where `null` reads as empty.
    pub(crate) fn text(&mut self, key: &str) -> Option<String> {
        match self.map.get(key)? {
            Value::Null => Some(String::new()),
            _ => self.str(key),
        }
    }

    /// A string of at most `max` characters (`null` reads as empty); a longer one is an error.
    pub(crate) fn text_up_to(&mut self, key: &str, max: usize) -> Option<String> {
        let text = self.text(key)?;
        self.at_most(key, text, max)
    }

    /// A name: a string that is not blank and has at most `max` characters.
    pub(crate) fn name(&mut self, key: &str, max: usize) -> Option<String> {
        let name = self.str(key)?;
        if name.trim().is_empty() {
            self.error(key, format!("The field '{key}' must not be empty."));
            return None;
        }
        self.at_most(key, name, max)
    }

    fn at_most(&mut self, key: &str, text: String, max: usize) -> Option<String> {
        if text.chars().count() > max {
            self.error(
                key,
                format!("The field '{key}' must be at most {max} characters."),
            );
            return None;
        }
        Some(text)
    }

    /// Money or a measure; negative values are an error.
    pub(crate) fn amount(&mut self, key: &str) -> Option<Decimal> {
        let v = self.map.get(key)?;
        if v.is_null() {
            return None;
        }
        match decimal_of(v) {
            Some(d) if d < Decimal::ZERO => {
                self.error(
                    key,
                    format!("The field '{key}' must be greater than or equal to 0."),
                );
                None
            }
            Some(d) => Some(d),
            None => {
                self.error(key, format!("The field '{key}' must be a number."));
                None
            }
        }
    }

    /// Like [`Fields::amount`] but `null` means "unset" (variant prices inherit the product's).
    pub(crate) fn nullable_amount(&mut self, key: &str) -> Option<Option<Decimal>> {
        match self.map.get(key)? {
            Value::Null => Some(None),
            _ => self.amount(key).map(Some),
        }
    }

    pub(crate) fn int(&mut self, key: &str) -> Option<i64> {
        let v = self.map.get(key)?;
        if v.is_null() {
            return None;
        }
        let n = int_of(v);
        if n.is_none() {
            self.error(key, format!("The field '{key}' must be an integer."));
        }
        n
    }

    pub(crate) fn bool(&mut self, key: &str) -> Option<bool> {
        match self.map.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::Null => None,
            _ => {
                self.error(key, format!("The field '{key}' must be true or false."));
                None
            }
        }
    }

    /// A string that must be one of `allowed` (exact match).
    pub(crate) fn one_of(&mut self, key: &str, allowed: &[&str]) -> Option<String> {
        let s = self.str(key)?;
        if allowed.contains(&s.as_str()) {
            Some(s)
        } else {
            self.error(
                key,
                format!("The field '{key}' must be one of: {}.", allowed.join(", ")),
            );
            None
        }
    }

    pub(crate) fn int_list(&mut self, key: &str) -> Option<Vec<i64>> {
        match self.map.get(key)? {
            Value::Array(items) => {
                let parsed: Option<Vec<i64>> = items.iter().map(int_of).collect();
                if parsed.is_none() {
                    self.error(
                        key,
                        format!("The field '{key}' must be an array of integers."),
                    );
                }
                parsed
            }
            Value::Null => None,
            _ => {
                self.error(
                    key,
                    format!("The field '{key}' must be an array of integers."),
                );
                None
            }
        }
    }

    pub(crate) fn str_list(&mut self, key: &str) -> Option<Vec<String>> {
        match self.map.get(key)? {
            Value::Array(items) => {
                let parsed: Option<Vec<String>> =
                    items.iter().map(|v| v.as_str().map(String::from)).collect();
                if parsed.is_none() {
                    self.error(
                        key,
                        format!("The field '{key}' must be an array of strings."),
                    );
                }
                parsed
            }
            Value::Null => None,
            _ => {
                self.error(
                    key,
                    format!("The field '{key}' must be an array of strings."),
                );
                None
            }
        }
    }

    /// `Err(422)` with every collected field error, titled `title`.
    pub(crate) fn finish(self, title: &str) -> Result<(), ApiError> {
        finish_with(self.errors, 422, title)
    }
}

/// Turns collected field errors into one error with the given status.
pub(crate) fn finish_with(
    errors: Vec<(String, String)>,
    status: u16,
    title: &str,
) -> Result<(), ApiError> {
    if errors.is_empty() {
        return Ok(());
    }
    let mut e = ApiError::new(status, title);
    e.errors = errors;
    Err(e)
}

/// Reads a batch update whose items each name an existing record by `id`: `find` looks the
/// record up, `apply` changes a copy of it (seeing the copies staged before it). Returns the
/// changed copies and every item's field errors (`N.field`); `kind` names a missing record.
pub(crate) fn stage_updates<'a, T: Clone + 'a>(
    items: &[Value],
    kind: &str,
    find: impl Fn(u64) -> Option<&'a T>,
    mut apply: impl FnMut(&mut Fields, &mut T, &[T]),
) -> (Vec<T>, Vec<(String, String)>) {
    let mut errors = Vec::new();
    let mut staged = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut f = Fields::new(item, format!("{i}."));
        f.require(&["id"]);
        let id = f.int("id").unwrap_or(0).max(0) as u64;
        match find(id) {
            Some(existing) => {
                let mut record = existing.clone();
                apply(&mut f, &mut record, &staged);
                staged.push(record);
            }
            None if f.errors.is_empty() => f.error("id", format!("{kind} {id} does not exist.")),
            None => {}
        }
        errors.extend(f.errors);
    }
    (staged, errors)
}
