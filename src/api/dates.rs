//! Serde helpers for dates.
//!
//! V2 (orders, shipments) uses RFC-2822 strings such as
//! `Wed, 10 Jan 2018 21:05:30 +0000`, with `""` meaning "not set"
//! (`date_shipped`). V3 uses ISO-8601 / RFC-3339 (`2018-08-15T14:49:05+00:00`).
//! Both helpers read either format (and `null`/`""` as `None`) so one odd value
//! does not fail a page; they write the format of their API version.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serializer};

use super::money::MapKey;

/// Parses an RFC-2822, RFC-3339, naive ISO-8601 (taken as UTC) or date-only string.
pub fn parse_datetime(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // V3 dates (RFC 3339) start with the year, V2 ones (RFC 2822) with the weekday.
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(text) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(dt) = DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%z") {
        return Some(dt.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return Some(naive.and_utc());
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|naive| naive.and_utc())
}

fn deserialize_any<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    d.deserialize_any(DateVisitor)
}

/// Reads a date string, `null`/`""`, or a Unix timestamp straight from the document.
struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Option<DateTime<Utc>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date string")
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
        parse_datetime(s)
            .map(Some)
            .ok_or_else(|| E::custom(format!("unrecognised date {s:?}")))
    }

    fn visit_i64<E: de::Error>(self, secs: i64) -> Result<Self::Value, E> {
        timestamp(&secs.to_string())
    }

    fn visit_u64<E: de::Error>(self, secs: u64) -> Result<Self::Value, E> {
        timestamp(&secs.to_string())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        match map.next_key::<MapKey>()? {
            Some(MapKey::Number) => Ok(map.next_value::<Timestamp>()?.0),
            _ => Err(de::Error::custom("expected a date string, got an object")),
        }
    }
}

fn timestamp<E: de::Error>(text: &str) -> Result<Option<DateTime<Utc>>, E> {
    text.parse::<i64>()
        .ok()
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .map(Some)
        .ok_or_else(|| E::custom(format!("unrecognised timestamp {text}")))
}

/// A number's text (serde_json's `arbitrary_precision` form) read as a Unix timestamp.
struct Timestamp(Option<DateTime<Utc>>);

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Option<DateTime<Utc>>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number's text")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                timestamp(text)
            }
        }
        d.deserialize_str(TextVisitor).map(Timestamp)
    }
}

/// Formats a date as V2 wants it: `Wed, 10 Jan 2018 21:05:30 +0000`.
pub fn format_rfc2822(dt: &DateTime<Utc>) -> String {
    dt.format("%a, %d %b %Y %H:%M:%S +0000").to_string()
}

/// Formats a date as V3 wants it: `2018-08-15T14:49:05+00:00`.
pub fn format_iso8601(dt: &DateTime<Utc>) -> String {
    dt.format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
}

/// V2 `Option<DateTime<Utc>>`: RFC-2822 out, `""` in → `None`.
pub mod rfc2822_opt {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        deserialize_any(d)
    }

    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(dt) => s.serialize_str(&format_rfc2822(dt)),
            None => s.serialize_str(""),
        }
    }
}

/// V3 `Option<DateTime<Utc>>`: ISO-8601 out, `null`/`""` in → `None`.
pub mod iso8601_opt {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        deserialize_any(d)
    }

    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(dt) => s.serialize_str(&format_iso8601(dt)),
            None => s.serialize_none(),
        }
    }
}
