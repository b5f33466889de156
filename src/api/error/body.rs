//! Reads the store's error body, in any of its documented shapes, into an [`HttpError`].

use serde_json::Value;

use super::HttpError;

pub(super) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn push_unique(list: &mut Vec<String>, text: String) {
    if !text.is_empty() && !list.contains(&text) {
        list.push(text);
    }
}

/// Collects title, messages and field errors from any of the documented shapes.
pub(super) fn collect_messages(value: &Value, err: &mut HttpError) {
    match value {
        // V2: [{"status":404,"message":"...","details":{...}}]; also the trees
        // 400 shape [{status,title,type}].
        Value::Array(items) => {
            for item in items {
                collect_messages(item, err);
            }
        }
        Value::Object(map) => {
            if let Some(title) = map.get("title").and_then(Value::as_str) {
                if err.title.is_none() {
                    err.title = Some(title.to_string());
                }
                push_unique(&mut err.messages, title.to_string());
            }
            if let Some(message) = map.get("message").and_then(Value::as_str) {
                let mut text = message.to_string();
                if let Some(Value::Object(details)) = map.get("details") {
                    let parts: Vec<String> = details
                        .iter()
                        .map(|(k, v)| format!("{k}: {}", value_text(v)))
                        .collect();
                    if !parts.is_empty() {
                        text = format!("{text} ({})", parts.join(", "));
                    }
                }
                push_unique(&mut err.messages, text);
            }
            // createOrderRefund 422: {"data": [{status, title, type}]}.
            if let Some(Value::Array(items)) = map.get("data") {
                for item in items {
                    collect_messages(item, err);
                }
            }
            match map.get("errors") {
                // Trees 422: {"errors": {status, title, type, errors{...}}}
                Some(Value::Object(inner))
                    if inner.contains_key("title") || inner.contains_key("status") =>
                {
                    collect_messages(&Value::Object(inner.clone()), err);
                }
                Some(Value::Object(fields)) => {
                    for (field, msg) in fields {
                        let msg = value_text(msg);
                        push_unique(&mut err.messages, format!("{field}: {msg}"));
                        err.field_errors.push((field.clone(), msg));
                    }
                }
                Some(Value::Array(items)) => {
                    for item in items {
                        match item {
                            Value::String(s) => push_unique(&mut err.messages, s.clone()),
                            other => collect_messages(other, err),
                        }
                    }
                }
                _ => {}
            }
        }
        Value::String(s) => push_unique(&mut err.messages, truncate(s, 300)),
        _ => {}
    }
}
