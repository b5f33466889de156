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

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serializer};
use serde_json::Value;

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
        Value::Number(n) => {
            let text = n.to_string();
            parse_decimal(&text)
                .map(Some)
                .ok_or_else(|| format!("number {text} is not a valid decimal"))
        }
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => parse_decimal(s)
            .map(Some)
            .ok_or_else(|| format!("string {s:?} is not a decimal number")),
        Value::Object(map) if map.is_empty() => Ok(None),
        other => Err(format!("expected a decimal number or string, got {other}")),
    }
}

fn deserialize_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    d.deserialize_any(DecimalVisitor)
}

/// How serde_json (with `arbitrary_precision`) hands a number over: a one-entry map whose
/// key is this token and whose value is the number's text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Reads what [`decimal_from_value`] accepts straight from the document, without building
/// a `Value` for every money field of every item on a page.
struct DecimalVisitor;

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Option<Decimal>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal number or string")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        if s.trim().is_empty() {
            return Ok(None);
        }
        parse_decimal(s)
            .map(Some)
            .ok_or_else(|| E::custom(format!("string {s:?} is not a decimal number")))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Some(Decimal::from(n)))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Some(Decimal::from(n)))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
        number(&n.to_string())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        match map.next_key::<MapKey>()? {
            // `{}`: seen in the spec's own examples for an unset price.
            None => Ok(None),
            Some(MapKey::Number) => Ok(map.next_value::<NumberText>()?.0),
            Some(MapKey::Other) => Err(de::Error::custom(
                "expected a decimal number or string, got an object",
            )),
        }
    }
}

fn number<E: de::Error>(text: &str) -> Result<Option<Decimal>, E> {
    parse_decimal(text)
        .map(Some)
        .ok_or_else(|| E::custom(format!("number {text} is not a valid decimal")))
}

/// The first key of an object: serde_json's number token or anything else.
pub(crate) enum MapKey {
    Number,
    Other,
}

impl<'de> Deserialize<'de> for MapKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = MapKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<MapKey, E> {
                Ok(if key == NUMBER_TOKEN {
                    MapKey::Number
                } else {
                    MapKey::Other
                })
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// A number's text, parsed where serde_json lends it.
struct NumberText(Option<Decimal>);

impl<'de> Deserialize<'de> for NumberText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Option<Decimal>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number's text")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                number(text)
            }
        }
        d.deserialize_str(TextVisitor).map(NumberText)
    }
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
