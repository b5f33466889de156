//! Serde helpers for dates.
//!
//! V2 (orders, shipments) uses RFC-2822 strings such as
//! `Wed, 10 Jan 2018 21:05:30 +0000`, with `""` meaning "not set"
//! (`date_shipped`). V3 uses ISO-8601 / RFC-3339 (`2018-08-15T14:49:05+00:00`).
//! Both helpers read either format (and `null`/`""` as `None`) so one odd value
//! does not fail a page; they write the format of their API version.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserializer, Serialize, Serializer};

use super::scalar::{self, Scalar};

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

/// A date as the API sends it: a date string, or a Unix timestamp.
impl Scalar for DateTime<Utc> {
    const EXPECTING: &'static str = "a date string";
    const EMPTY_OBJECT_IS_NONE: bool = false;

    fn from_text(text: &str) -> Result<DateTime<Utc>, String> {
        parse_datetime(text).ok_or_else(|| format!("unrecognised date {text:?}"))
    }

    fn from_number(text: &str) -> Result<DateTime<Utc>, String> {
        text.parse::<i64>()
            .ok()
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
            .ok_or_else(|| format!("unrecognised timestamp {text}"))
    }
}

/// A date the API may leave unset.
pub type MaybeDate = Option<DateTime<Utc>>;

/// Reads a date string or a Unix timestamp; `null`/`""` read as `None`.
pub fn read_date<'de, D: Deserializer<'de>>(d: D) -> Result<MaybeDate, D::Error> {
    scalar::read(d)
}

/// Formats a date as V2 wants it: `Wed, 10 Jan 2018 21:05:30 +0000`.
pub fn format_rfc2822(dt: &DateTime<Utc>) -> String {
    dt.format("%a, %d %b %Y %H:%M:%S +0000").to_string()
}

/// Formats a date as V3 wants it: `2018-08-15T14:49:05+00:00`.
pub fn format_iso8601(dt: &DateTime<Utc>) -> String {
    dt.format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
}

/// V2 `Option<DateTime<Utc>>`: RFC-2822 out (`""` when unset), `""` in → `None`.
pub mod rfc2822_opt {
    pub use super::read_date as deserialize;
    use super::*;

    pub fn serialize<S: Serializer>(value: &MaybeDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.as_ref().map(format_rfc2822).unwrap_or_default())
    }
}

/// V3 `Option<DateTime<Utc>>`: ISO-8601 out (`null` when unset), `null`/`""` in → `None`.
pub mod iso8601_opt {
    pub use super::read_date as deserialize;
    use super::*;

    pub fn serialize<S: Serializer>(value: &MaybeDate, s: S) -> Result<S::Ok, S::Error> {
        value.as_ref().map(format_iso8601).serialize(s)
    }
}
