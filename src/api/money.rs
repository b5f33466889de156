//! Serde helpers for money and other exact decimals.
//!
//! BigCommerce V3 sends money as JSON numbers (`9.95`), V2 as strings with four
//! decimals (`"225.0000"`). Both parse into [`Decimal`] exactly: numbers are read
//! from their original text (serde_json's `arbitrary_precision`), never through
//! `f64`. Writers: [`v3`] emits a JSON number with the exact decimal text, [`v2`]
//! emits a string.
//!
//! Lenient by design, because one odd field must not fail a whole page: `null`,
//! `""` and `{}` (seen in the spec's own variant examples for `map_price`) read as
//! "no value" (zero for the non-optional helpers).

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserializer, Serializer};
use serde_json::Value;

use super::scalar::{self, Scalar};

/// Parses decimal text such as `9.95`, `-3`, `225.0000` or `1e2`.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let text = text.trim();
    Decimal::from_str(text)
        .ok()
        .or_else(|| Decimal::from_scientific(text).ok())
}

/// Reads a decimal from any JSON value the API is known to send for money.
pub fn decimal_from_value(value: &Value) -> Result<Option<Decimal>, String> {
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => Decimal::from_number(&n.to_string()).map(Some),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => Decimal::from_text(s).map(Some),
        Value::Object(map) if map.is_empty() => Ok(None),
        other => Err(format!("expected a decimal number or string, got {other}")),
    }
}

/// Money as the API sends it: a JSON number or a numeric string.
impl Scalar for Decimal {
    const EXPECTING: &'static str = "a decimal number or string";
    const EMPTY_OBJECT_IS_NONE: bool = true;

    fn from_text(text: &str) -> Result<Decimal, String> {
        parse_decimal(text).ok_or_else(|| format!("string {text:?} is not a decimal number"))
    }

    fn from_number(text: &str) -> Result<Decimal, String> {
        parse_decimal(text).ok_or_else(|| format!("number {text} is not a valid decimal"))
    }
}

fn deserialize_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    scalar::read(d)
}

fn serialize_number<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    // With arbitrary_precision a Number keeps its text, so 9.95 goes out as 9.95.
    let number = serde_json::Number::from_str(&value.to_string())
        .map_err(|e| serde::ser::Error::custom(format!("decimal {value}: {e}")))?;
    serde::Serialize::serialize(&number, s)
}

/// V3 money (`Decimal`): reads number or string, writes an exact JSON number.
pub mod v3 {
    use super::*;

    /// Missing value (`null`, `""`) reads as zero.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        Ok(deserialize_opt(d)?.unwrap_or_default())
    }

    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        serialize_number(value, s)
    }
}

/// V3 money (`Option<Decimal>`): `null` reads as `None` and writes as `null`.
pub mod v3_opt {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        deserialize_opt(d)
    }

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serialize_number(v, s),
            None => s.serialize_none(),
        }
    }
}

/// V3 write field that may be cleared: outer `None` = leave unchanged (skip it with
/// `skip_serializing_if = "Option::is_none"`), `Some(None)` = send `null`
/// (e.g. a variant price that should inherit the product price again).
pub mod v3_patch {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<Option<Decimal>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(Some(v)) => serialize_number(v, s),
            _ => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<Decimal>>, D::Error> {
        deserialize_opt(d).map(Some)
    }
}

/// V2 money (`Decimal`): reads string or number, writes a string (`"225.0000"`).
pub mod v2 {
    use super::*;

    /// Missing value (`null`, `""`) reads as zero.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        Ok(deserialize_opt(d)?.unwrap_or_default())
    }

    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.to_string())
    }
}

/// V2 money (`Option<Decimal>`): `null`/`""` read as `None`; writes a string or `null`.
pub mod v2_opt {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        deserialize_opt(d)
    }

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_str(&v.to_string()),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Deserialize)]
    struct Priced {
        #[serde(with = "super::v3_opt")]
        price: Option<Decimal>,
        #[serde(with = "crate::api::dates::iso8601_opt")]
        at: Option<chrono::DateTime<chrono::Utc>>,
    }

    /// A price and a Unix time as read, or the error's text.
    type Read = Result<(Option<Decimal>, Option<i64>), String>;

    /// Read from text (as walks do) and from a `Value` (as nested lenient fields are).
    fn both(body: serde_json::Value) -> [Read; 2] {
        let text = body.to_string();
        let read = |priced: Result<Priced, serde_json::Error>| {
            priced
                .map(|p| (p.price, p.at.map(|at| at.timestamp())))
                .map_err(|err| err.to_string())
        };
        [
            read(serde_json::from_str(&text)),
            read(serde_json::from_value(body)),
        ]
    }

    #[test]
    fn money_and_dates_read_every_form_from_text_and_from_values() {
        let exact = Some(Decimal::new(995, 2));
        for (body, price, at) in [
            (
                json!({"price": 9.95, "at": "2018-08-15T14:49:05+00:00"}),
                exact,
                Some(1534344545),
            ),
            (
                json!({"price": "9.95", "at": "Wed, 15 Aug 2018 14:49:05 +0000"}),
                exact,
                Some(1534344545),
            ),
            (
                json!({"price": 12, "at": 1534344545}),
                Some(Decimal::new(12, 0)),
                Some(1534344545),
            ),
            (json!({"price": null, "at": null}), None, None),
            (json!({"price": "", "at": ""}), None, None),
            (json!({"price": {}, "at": null}), None, None),
        ] {
            for read in both(body.clone()) {
                assert_eq!(read, Ok((price, at)), "{body}");
            }
        }
        for (body, message) in [
            (
                json!({"price": "abc", "at": null}),
                "string \"abc\" is not a decimal number",
            ),
            (json!({"price": {"a": 1}, "at": null}), "got an object"),
            (
                json!({"price": 1, "at": "soon"}),
                "unrecognised date \"soon\"",
            ),
        ] {
            for read in both(body.clone()) {
                let err = read.expect_err("refused");
                assert!(err.contains(message), "{body}: {err}");
            }
        }
    }
}
