//! The one visitor money and dates are read with: straight from the document, without
//! building a `Value` for every such field of every item on a page. `null` and `""` read
//! as "no value"; what text and numbers mean is up to the [`Scalar`] being read.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// A value the API sends as text or as a JSON number.
pub(crate) trait Scalar: Sized {
    /// What was expected, for serde's messages (`a date string`).
    const EXPECTING: &'static str;
    /// Whether `{}` reads as "no value" (the spec's own examples send it for an unset price).
    const EMPTY_OBJECT_IS_NONE: bool;
    /// Reads text that is not blank.
    fn from_text(text: &str) -> Result<Self, String>;
    /// Reads a number from its exact text.
    fn from_number(text: &str) -> Result<Self, String>;
}

/// Reads a [`Scalar`] from any form the API is known to send; `None` for "no value".
pub(crate) fn read<'de, T: Scalar, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_any(ScalarVisitor(PhantomData))
}

/// How serde_json (with `arbitrary_precision`) hands a number over: a one-entry map whose
/// key is this token and whose value is the number's text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

struct ScalarVisitor<T>(PhantomData<T>);

impl<'de, T: Scalar> Visitor<'de> for ScalarVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
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
        T::from_text(s).map(Some).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
        T::from_number(&n.to_string()).map(Some).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
        T::from_number(&n.to_string()).map(Some).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
        T::from_number(&n.to_string()).map(Some).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        match map.next_key::<MapKey>()? {
            None if T::EMPTY_OBJECT_IS_NONE => Ok(None),
            Some(MapKey::Number) => Ok(Some(map.next_value::<NumberText<T>>()?.0)),
            _ => Err(de::Error::custom(format!(
                "expected {}, got an object",
                T::EXPECTING
            ))),
        }
    }
}

/// The first key of an object: serde_json's number token or anything else.
enum MapKey {
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

/// A number's text, read where serde_json lends it.
struct NumberText<T>(T);

impl<'de, T: Scalar> Deserialize<'de> for NumberText<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor<T>(PhantomData<T>);
        impl<T: Scalar> Visitor<'_> for TextVisitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number's text")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
                T::from_number(text).map_err(E::custom)
            }
        }
        d.deserialize_str(TextVisitor(PhantomData)).map(NumberText)
    }
}
