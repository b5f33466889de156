//! Comparing a write with what the store holds, field by field and by value.
//!
//! Every write is checked twice with these: before it is sent (does the store still
//! hold what the user saw, for the fields about to change?) and after (did the store
//! take every field sent?). Both sides are the API's JSON, so one comparison serves
//! every resource: numbers and V2 money strings compare as decimals (`12.5` equals
//! `"12.5000"`), nested objects by the keys the write names.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

/// One field whose value is not the one looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDiff {
    /// The API's field name.
    pub field: String,
    /// The value looked for (what the user saw, or what was sent).
    pub wanted: Value,
    /// The value the store holds (`Null` when the field is absent).
    pub found: Value,
}

impl FieldDiff {
    /// `price: 100.00 → 200.00` style text of the stored value, for messages.
    pub fn found_text(&self) -> String {
        value_text(&self.found)
    }

    /// The value looked for, as text.
    pub fn wanted_text(&self) -> String {
        value_text(&self.wanted)
    }
}

/// A short text for a JSON value: strings without quotes, `(none)` for null.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Null => "(none)".to_string(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Any serializable value as JSON (`Null` if it cannot be: a model always can).
pub fn to_json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The values `resource` has for the fields `write` sets (`id` left out), as an
/// object: "what the user saw" when `resource` is the row on screen.
pub fn seen(resource: &impl Serialize, write: &impl Serialize) -> Value {
    let resource = to_json(resource);
    let mut seen = Map::new();
    if let Value::Object(fields) = to_json(write) {
        for key in fields.keys().filter(|key| key.as_str() != "id") {
            let value = resource.get(key).cloned().unwrap_or(Value::Null);
            seen.insert(key.clone(), value);
        }
    }
    Value::Object(seen)
}

/// The fields of `wanted` (an object) whose value in `resource` differs.
pub fn differences(wanted: &Value, resource: &impl Serialize) -> Vec<FieldDiff> {
    let resource = to_json(resource);
    let Value::Object(fields) = wanted else {
        return Vec::new();
    };
    fields
        .iter()
        .filter(|(key, _)| key.as_str() != "id")
        .filter_map(|(key, want)| {
            let found = resource.get(key).cloned().unwrap_or(Value::Null);
            (!same(want, &found)).then(|| FieldDiff {
                field: key.clone(),
                wanted: want.clone(),
                found,
            })
        })
        .collect()
}

/// The fields a write sent that the stored resource does not show.
pub fn not_taken(write: &impl Serialize, stored: &impl Serialize) -> Vec<FieldDiff> {
    differences(&to_json(write), stored)
}

/// "the store did not take price (it has 12.00)".
pub fn not_taken_message(not_taken: &[FieldDiff]) -> String {
    let fields: Vec<String> = not_taken
        .iter()
        .map(|d| format!("{} (it has {})", d.field, d.found_text()))
        .collect();
    format!("the store did not take {}", fields.join(", "))
}

/// "not sent: changed by someone else: price is 200.00 (you saw 100.00)".
pub fn changed_message(differences: &[FieldDiff]) -> String {
    let what: Vec<String> = differences
        .iter()
        .map(|d| {
            format!(
                "{} is {} (you saw {})",
                d.field,
                d.found_text(),
                d.wanted_text()
            )
        })
        .collect();
    format!("not sent: changed by someone else: {}", what.join(", "))
}

/// Whether `stored` holds `wanted`: decimals by value, objects by `wanted`'s keys,
/// arrays element by element, a missing field like null.
pub fn same(wanted: &Value, stored: &Value) -> bool {
    match (wanted, stored) {
        (Value::Object(want), Value::Object(have)) => want
            .iter()
            .all(|(key, value)| same(value, have.get(key).unwrap_or(&Value::Null))),
        (Value::Array(want), Value::Array(have)) => {
            want.len() == have.len() && want.iter().zip(have).all(|(w, h)| same(w, h))
        }
        (Value::String(want), Value::String(have)) if want == have => true,
        // V2 money is text ("12.5000"): only text that looks like money compares as a
        // number, so "007" and "7" stay different SKUs.
        (Value::String(want), Value::String(have)) => {
            want.contains('.') && have.contains('.') && decimals_equal(want, have)
        }
        (Value::Number(_), _) | (_, Value::Number(_)) => match (number(wanted), number(stored)) {
            (Some(want), Some(have)) => want == have,
            _ => false,
        },
        (want, have) => want == have,
    }
}

fn decimals_equal(a: &str, b: &str) -> bool {
    matches!((parse(a), parse(b)), (Some(a), Some(b)) if a == b)
}

fn number(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => parse(&n.to_string()),
        Value::String(text) => parse(text),
        _ => None,
    }
}

fn parse(text: &str) -> Option<Decimal> {
    let text = text.trim();
    text.parse::<Decimal>()
        .ok()
        .or_else(|| Decimal::from_scientific(text).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn money_compares_by_value_across_v2_text_and_v3_numbers() {
        assert!(same(&json!(12.5), &json!("12.5000")));
        assert!(same(&json!("12.50"), &json!("12.5000")));
        assert!(same(&json!(9.95), &json!(9.950)));
        assert!(!same(&json!(9.95), &json!(9.96)));
        assert!(!same(&json!("007"), &json!("7")), "SKUs are text");
        assert!(same(&json!(null), &json!(null)));
        assert!(!same(&json!(""), &json!(null)));
        assert!(same(
            &json!({"url": "/a"}),
            &json!({"url": "/a", "is_customized": true})
        ));
        assert!(!same(&json!([1, 2]), &json!([1])));
    }

    #[test]
    fn seen_picks_the_written_fields_from_the_row() {
        let row = json!({"id": 7, "name": "Mug", "price": 100.0, "sku": "M-1"});
        let write = json!({"id": 7, "price": 120.0});
        assert_eq!(seen(&row, &write), json!({"price": 100.0}));
        assert_eq!(seen(&row, &json!({"weight": 1})), json!({"weight": null}));
    }

    #[test]
    fn differences_name_the_field_and_both_values() {
        let stored = json!({"id": 7, "price": 200.0, "name": "Mug"});
        let diffs = differences(&json!({"price": 100.0, "name": "Mug"}), &stored);
        assert_eq!(
            diffs,
            vec![FieldDiff {
                field: "price".into(),
                wanted: json!(100.0),
                found: json!(200.0),
            }]
        );
        assert_eq!(diffs[0].found_text(), "200.0");
        assert!(not_taken(&json!({"id": 7, "name": "Mug"}), &stored).is_empty());
    }
}
