//! Typed models for the BigCommerce resources bctui uses, per the OpenAPI specs.
//!
//! Reading is tolerant: unknown fields are ignored, and fields the spec marks
//! optional or nullable default when missing or `null`, so one odd record never
//! fails a whole page. Write structs (`*Write`, `OrderUpdate`, `ShipmentCreate`)
//! have only `Option` fields that are skipped when `None`: a save sends only what
//! changed.

pub mod category;
pub mod customer;
pub mod customer_row;
pub mod hook;
pub mod order;
pub mod order_row;
pub mod product;
pub mod product_row;
pub mod refund;
pub mod store;
pub mod unreadable;

pub use category::*;
pub use customer::*;
pub use customer_row::CustomerRow;
pub use hook::*;
pub use order::*;
pub use order_row::{OrderKeys, OrderRow, OrderRowBilling};
pub use product::*;
pub use product_row::ProductRow;
pub use refund::*;
pub use store::*;
pub use unreadable::{Unreadable, unreadable_label};

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Reads `null` as `T::default()` (for strings, vectors, numbers and flags the
/// spec marks nullable, or that real stores send as `null` anyway).
pub fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Reads a count leniently: a negative number or anything not a number reads
/// as 0, a fraction is cut to its whole part, a huge number saturates. The
/// specs allow any `number` here, and one odd count must not fail a page.
pub fn lenient_count<'de, D>(d: D) -> Result<u64, D::Error>
where
    D: Deserializer<'de>,
{
    // `as` saturates: infinity reads as u64::MAX, NaN as 0.
    let whole = |n: f64| if n > 0.0 { n as u64 } else { 0 };
    let count = match Value::deserialize(d)? {
        Value::Number(n) => n.as_u64().or_else(|| n.as_f64().map(whole)),
        Value::String(s) => s
            .trim()
            .parse::<u64>()
            .ok()
            .or_else(|| s.trim().parse::<f64>().ok().map(whole)),
        _ => None,
    };
    Ok(count.unwrap_or(0))
}

/// Reads a value leniently: anything that does not match reads as the default.
pub fn lenient<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned + Default,
{
    let value = Value::deserialize(d)?;
    Ok(serde_json::from_value(value).unwrap_or_default())
}

/// Reads a list, dropping elements that do not have the expected shape (the
/// spec's own nested-tree example has `"children": ["string"]`).
pub fn lenient_vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let values = Option::<Vec<Value>>::deserialize(d)?.unwrap_or_default();
    Ok(values
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect())
}

/// Declares a string enum that keeps unknown values in `Other(String)` instead
/// of failing, so a value added by BigCommerce later still round-trips. The
/// first variant is the default.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $first:ident = $first_text:literal $(, $variant:ident = $text:literal)* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            #[default]
            $first,
            $($variant,)*
            /// A value this version of bctui does not know, kept as sent.
            Other(String),
        }

        impl $name {
            /// The known values, in the order the UI cycles through them.
            pub const KNOWN: &'static [$name] = &[$name::$first, $($name::$variant),*];

            /// The API's text for this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $name::$first => $first_text,
                    $($name::$variant => $text,)*
                    $name::Other(s) => s,
                }
            }

            /// The next known value (wrapping), for cycling in a form.
            pub fn next(&self) -> $name {
                let known = Self::KNOWN;
                let pos = known.iter().position(|k| k == self);
                match pos {
                    Some(i) => known[(i + 1) % known.len()].clone(),
                    None => known[0].clone(),
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match s.as_str() {
                    $first_text => $name::$first,
                    $($text => $name::$variant,)*
                    _ => $name::Other(s),
                }
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.as_str().to_string()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use open_enum;

/// Reads an optional string; `null`, `{}` or any non-string value reads as
/// `None` (the orders spec example sends `"credit_card_type": {}`), numbers as
/// their text.
pub fn opt_string<'de, D>(d: D) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}
