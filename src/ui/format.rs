//! Text formatting shared by the panes. Dates are formatted from the data
//! (UTC, as the API sends them), never relative to now, so screens are stable.

use chrono::{DateTime, Utc};
use rust_decimal::{Decimal, RoundingStrategy};

/// Money with two decimals and thousands separators: `1,234.50`.
pub fn money(value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{rounded:.2}");
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
    format!("{sign}{}.{fraction}", group_thousands(whole))
}

/// Money with its currency code: `1,234.50 USD`.
pub fn money_with_currency(value: Decimal, currency: &str) -> String {
    if currency.is_empty() {
        money(value)
    } else {
        format!("{} {currency}", money(value))
    }
}

/// An integer with thousands separators: `12,345`.
pub fn count(value: u64) -> String {
    group_thousands(&value.to_string())
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `2024-05-14`.
pub fn date(value: Option<&DateTime<Utc>>) -> String {
    value.map_or_else(|| "-".to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// `2024-05-14 09:34`.
pub fn date_time(value: Option<&DateTime<Utc>>) -> String {
    value.map_or_else(
        || "-".to_string(),
        |d| d.format("%Y-%m-%d %H:%M").to_string(),
    )
}

/// "yes" / "no".
pub fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// `text`, or "-" when it is empty.
pub fn or_dash(text: &str) -> &str {
    if text.trim().is_empty() { "-" } else { text }
}

/// The parts that are not empty, joined by `separator` ("12 High St, Flat 2").
pub fn join_present<'a>(parts: impl IntoIterator<Item = &'a str>, separator: &str) -> String {
    let present: Vec<&str> = parts.into_iter().filter(|s| !s.is_empty()).collect();
    present.join(separator)
}

/// Braille spinner frame for animation step `step`.
pub fn spinner(step: usize) -> &'static str {
    const FRAMES: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    FRAMES[step % FRAMES.len()]
}

/// Drops HTML tags so a description reads as text.
pub fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An API error as a pane shows it: the request named by its path only
/// (`GET /v3/catalog/products: 404 …`), since the query (fields, sort, page) is
/// noise there and can take lines of its own.
pub fn without_query(message: &str) -> String {
    let Some((method, rest)) = message.split_once(' ') else {
        return message.to_string();
    };
    let is_method = !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase());
    let (Some(query), Some(end)) = (rest.find('?'), rest.find(": ")) else {
        return message.to_string();
    };
    if !is_method || query > end || rest[..query].contains(' ') {
        return message.to_string();
    }
    format!("{method} {}{}", &rest[..query], &rest[end..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn money_rounds_and_groups() {
        assert_eq!(money(Decimal::from_str("9.95").unwrap()), "9.95");
        assert_eq!(money(Decimal::from_str("1234.5").unwrap()), "1,234.50");
        assert_eq!(
            money(Decimal::from_str("-1000000.005").unwrap()),
            "-1,000,000.01"
        );
        assert_eq!(money(Decimal::from_str("225.0000").unwrap()), "225.00");
    }

    #[test]
    fn counts_group() {
        assert_eq!(count(0), "0");
        assert_eq!(count(100000), "100,000");
    }

    #[test]
    fn a_pane_names_the_request_without_its_query() {
        assert_eq!(
            without_query(
                "GET /v3/catalog/products?include_fields=a,b&page=1: 404 Not Found: gone"
            ),
            "GET /v3/catalog/products: 404 Not Found: gone"
        );
        for kept in [
            "GET /v2/store: 401 Unauthorized: no",
            "connection refused: is it up? yes",
            "bctui is in read-only mode; PUT refused (/x?y was not sent)",
        ] {
            assert_eq!(without_query(kept), kept);
        }
    }
}
