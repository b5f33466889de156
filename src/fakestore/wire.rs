//! Wire formats: how money and dates look in V2 and V3 JSON, and lenient readers for request bodies.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use rust_decimal::Decimal;
use serde::Serializer;
use serde_json::{Number, Value};

/// A V3 money/number value: a JSON number holding the exact decimal text (no f64 round trip).
pub(crate) fn v3_number(d: &Decimal) -> Number {
    Number::from_str(&d.normalize().to_string()).unwrap_or_else(|_| Number::from(0))
}

/// A V2 money value: a string with exactly four decimals, e.g. `"225.0000"`.
pub(crate) fn v2_money(d: &Decimal) -> String {
    let mut x = d.round_dp(4);
    x.rescale(4);
    x.to_string()
}

/// V3 date-time, e.g. `2018-08-15T14:49:05+00:00`.
pub(crate) fn v3_date(d: &DateTime<Utc>) -> String {
    d.format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
}

/// V2 date, RFC-2822 in UTC, e.g. `Tue, 20 Nov 2012 00:00:00 +0000`.
pub(crate) fn v2_date(d: &DateTime<Utc>) -> String {
    d.format("%a, %d %b %Y %H:%M:%S +0000").to_string()
}

pub(crate) fn ser_v3_money<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&v3_number(d), s)
}

pub(crate) fn ser_v3_money_opt<S: Serializer>(
    d: &Option<Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => ser_v3_money(d, s),
        None => s.serialize_none(),
    }
}

pub(crate) fn ser_v3_date<S: Serializer>(d: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v3_date(d))
}

/// Customers' V3 dates: live stores send UTC with `Z` (`2024-12-09T21:26:25Z`), unlike the
/// catalog's `+00:00`, and some clients parse only that form.
pub(crate) fn ser_v3_date_z<S: Serializer>(d: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

pub(crate) fn ser_v3_date_opt<S: Serializer>(
    d: &Option<DateTime<Utc>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => ser_v3_date(d, s),
        None => s.serialize_none(),
    }
}

/// Reads money from a JSON number or a numeric string ("Float, Float-As-String, Integer").
pub(crate) fn decimal_of(v: &Value) -> Option<Decimal> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        _ => return None,
    };
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .ok()
}

/// Reads an integer from a JSON number (or an integral numeric string).
pub(crate) fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            let d = decimal_of(v)?;
            if d.fract().is_zero() {
                i64::try_from(d).ok()
            } else {
                None
            }
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Parses a date filter value: unix seconds, RFC-2822, ISO-8601 with or without offset, or a bare
/// date — which, as the products spec says, gets the current time of the request added.
pub(crate) fn parse_date_filter(s: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Some(d) = parse_date_strict(s, now) {
        return Some(d);
    }
    // An unencoded `+` in a query string arrives as a space: `... 00:00:00  0000` (RFC-2822) or
    // `...T00:00:00 00:00` (ISO-8601). Put the sign back and try again.
    let n = s.len();
    for k in [5, 6] {
        if n > k && s.as_bytes()[n - k] == b' ' {
            let fixed = format!("{}+{}", &s[..n - k], &s[n - k + 1..]);
            if let Some(d) = parse_date_strict(&fixed, now) {
                return Some(d);
            }
        }
    }
    None
}

fn parse_date_strict(s: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if let Ok(secs) = s.parse::<i64>() {
        return Utc.timestamp_opt(secs, 0).single();
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S%.f%z"] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Some(d.with_timezone(&Utc));
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(Utc.from_utc_datetime(&d));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(Utc.from_utc_datetime(&d.and_time(now.time())));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats() {
        let d = Decimal::from_str("9.95").unwrap();
        assert_eq!(v3_number(&d).to_string(), "9.95");
        assert_eq!(
            v3_number(&Decimal::from_str("10.00").unwrap()).to_string(),
            "10"
        );
        assert_eq!(v2_money(&d), "9.9500");
        assert_eq!(
            decimal_of(&serde_json::json!("12.5")),
            Some(Decimal::from_str("12.5").unwrap())
        );
        let n: Value = serde_json::from_str("19.99").unwrap();
        assert_eq!(decimal_of(&n), Some(Decimal::from_str("19.99").unwrap()));
    }

    #[test]
    fn dates() {
        let d = Utc.with_ymd_and_hms(2012, 11, 20, 0, 0, 0).unwrap();
        assert_eq!(v2_date(&d), "Tue, 20 Nov 2012 00:00:00 +0000");
        assert_eq!(v3_date(&d), "2012-11-20T00:00:00+00:00");
        let now = Utc.with_ymd_and_hms(2020, 1, 1, 10, 0, 0).unwrap();
        assert_eq!(
            parse_date_filter("Tue, 20 Nov 2012 00:00:00 +0000", now),
            Some(d)
        );
        assert_eq!(parse_date_filter("2012-11-20T00:00:00Z", now), Some(d));
        assert_eq!(parse_date_filter("2012-11-20T00:00:00", now), Some(d));
        assert_eq!(
            parse_date_filter("2012-11-20", now),
            Some(Utc.with_ymd_and_hms(2012, 11, 20, 10, 0, 0).unwrap())
        );
        assert_eq!(parse_date_filter("2012-11-20T00:00:00 00:00", now), Some(d));
        assert_eq!(
            parse_date_filter("Tue, 20 Nov 2012 00:00:00  0000", now),
            Some(d)
        );
        assert_eq!(parse_date_filter("nope", now), None);
    }
}
