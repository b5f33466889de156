//! Replies and error bodies in the style of each API version:
//! V3 `{"status","title","type","errors":{field: message}}`, V2 `[{"status","message","details"?}]`.

use serde::Serialize;
use serde_json::{Map, Value, json};

/// The documentation URL BigCommerce puts in the `type` of V3 errors.
pub(crate) const STATUS_CODES_URL: &str =
    "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes";

/// Which API family a request addressed; decides the shape of error bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ApiVersion {
    V2,
    V3,
}

/// A successful (or pre-rendered) response: status plus an optional JSON body.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub body: Option<Vec<u8>>,
}

impl Reply {
    pub(crate) fn json<T: Serialize>(status: u16, value: &T) -> Reply {
        // Serialising our own plain data structs cannot fail; an empty body would be the fallback.
        let body = serde_json::to_vec(value).unwrap_or_default();
        Reply {
            status,
            body: Some(body),
        }
    }

    /// 204 (or 202...) with an empty body.
    pub(crate) fn empty(status: u16) -> Reply {
        Reply { status, body: None }
    }

    /// V3 single object: `{"data": {...}, "meta": {}}`.
    pub(crate) fn data<T: Serialize>(status: u16, data: &T) -> Reply {
        Reply::json(status, &json!({ "data": data, "meta": {} }))
    }
}

/// An error answer; rendered in the V2 or V3 style by the server once the version is known.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub status: u16,
    pub title: String,
    pub errors: Vec<(String, String)>,
    pub details: Option<Value>,
    /// A body that must be sent exactly as given (shapes the specs define for one endpoint).
    pub raw: Option<Value>,
}

pub(crate) type ApiResult = Result<Reply, ApiError>;

impl ApiError {
    pub(crate) fn new(status: u16, title: impl Into<String>) -> ApiError {
        ApiError {
            status,
            title: title.into(),
            errors: Vec::new(),
            details: None,
            raw: None,
        }
    }

    /// Adds a field error (`errors.{field}` in V3; an extra entry in V2).
    pub(crate) fn field(
        mut self,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> ApiError {
        self.errors.push((field.into(), message.into()));
        self
    }

    pub(crate) fn details(mut self, details: Value) -> ApiError {
        self.details = Some(details);
        self
    }

    pub(crate) fn raw(status: u16, body: Value) -> ApiError {
        ApiError {
            raw: Some(body),
            ..ApiError::new(status, "")
        }
    }

    pub(crate) fn not_found() -> ApiError {
        ApiError::new(404, "The requested resource was not found.")
    }

    pub(crate) fn method_not_allowed() -> ApiError {
        ApiError::new(
            405,
            "The requested method is not allowed for this resource.",
        )
    }

    pub(crate) fn bad_json(detail: &str) -> ApiError {
        ApiError::new(400, "The request body is not valid JSON.").field("body", detail)
    }

    /// 422 for a single invalid field (V3 catalog style).
    pub(crate) fn invalid(field: &str, message: impl Into<String>) -> ApiError {
        let message = message.into();
        ApiError::new(422, "JSON data is missing or invalid").field(field, message)
    }

    /// V3 413 for an over-long batch, with the text the specs give.
    pub(crate) fn batch_too_large(title: &str) -> ApiError {
        ApiError::raw(
            413,
            json!({
                "errors": {},
                "status": 413,
                "title": title,
                "type": "/api-docs/getting-started/api-status-codes",
            }),
        )
    }

    /// The JSON body for this error in the given API version's style.
    pub(crate) fn body(&self, version: ApiVersion) -> Value {
        if let Some(raw) = &self.raw {
            return raw.clone();
        }
        match version {
            ApiVersion::V3 => {
                let errors: Map<String, Value> = self
                    .errors
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                    .collect();
                json!({
                    "status": self.status,
                    "title": self.title,
                    "type": STATUS_CODES_URL,
                    "errors": errors,
                })
            }
            ApiVersion::V2 => {
                let mut entries = Vec::new();
                if self.errors.is_empty() {
                    entries.push(self.v2_entry(&self.title));
                } else {
                    for (_, message) in &self.errors {
                        entries.push(self.v2_entry(message));
                    }
                }
                Value::Array(entries)
            }
        }
    }

    fn v2_entry(&self, message: &str) -> Value {
        let mut entry = Map::new();
        entry.insert("status".into(), json!(self.status));
        entry.insert("message".into(), json!(message));
        if let Some(details) = &self.details {
            entry.insert("details".into(), details.clone());
        }
        Value::Object(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_both_styles() {
        let e = ApiError::invalid("price", "must not be negative");
        let v3 = e.body(ApiVersion::V3);
        assert_eq!(v3["status"], 422);
        assert_eq!(v3["errors"]["price"], "must not be negative");
        let v2 = ApiError::new(413, "too big")
            .details(json!({"max_limit": 250}))
            .body(ApiVersion::V2);
        assert_eq!(v2[0]["status"], 413);
        assert_eq!(v2[0]["details"]["max_limit"], 250);
    }
}
