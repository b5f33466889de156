//! Property test over every response decoder: documents shaped like the specs'
//! own examples, with values swapped for hostile ones (huge, negative,
//! fractional, wrong types, control characters), and truncated or random
//! bodies, must decode or fail with an error, never panic.

use chrono::DateTime;
use proptest::prelude::*;
use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::value::RawValue;

use super::error::ApiError;
use super::models::*;
use super::pagination::{DataEnvelope, ListEnvelope};
use super::ratelimit::RateLimitHeaders;
use super::response::describe_decode_error;
use super::response::{decode, decode_items};

/// The spec examples the fixtures hold, one per documented response.
const FIXTURES: &[&str] = &[
    include_str!("../../tests/fixtures/catalog_product_create.json"),
    include_str!("../../tests/fixtures/catalog_product_get.json"),
    include_str!("../../tests/fixtures/catalog_products_batch_update.json"),
    include_str!("../../tests/fixtures/catalog_products_list.schema-examples.json"),
    include_str!("../../tests/fixtures/catalog_summary.schema-examples.json"),
    include_str!("../../tests/fixtures/catalog_variant_update.json"),
    include_str!("../../tests/fixtures/catalog_variants_list.json"),
    include_str!("../../tests/fixtures/customer_addresses_list.json"),
    include_str!("../../tests/fixtures/customers_create.json"),
    include_str!("../../tests/fixtures/customers_error_422.json"),
    include_str!("../../tests/fixtures/customers_list.json"),
    include_str!("../../tests/fixtures/customers_update.json"),
    include_str!("../../tests/fixtures/hook_get.json"),
    include_str!("../../tests/fixtures/order_get.json"),
    include_str!("../../tests/fixtures/order_get_multiple_items.json"),
    include_str!("../../tests/fixtures/order_products.json"),
    include_str!("../../tests/fixtures/order_shipment_create.json"),
    include_str!("../../tests/fixtures/order_shipments.json"),
    include_str!("../../tests/fixtures/order_shipping_addresses.json"),
    include_str!("../../tests/fixtures/order_statuses.json"),
    include_str!("../../tests/fixtures/order_update.json"),
    include_str!("../../tests/fixtures/orders_count.json"),
    include_str!("../../tests/fixtures/orders_list.json"),
    include_str!("../../tests/fixtures/store_info.json"),
    include_str!("../../tests/fixtures/store_time.json"),
    include_str!("../../tests/fixtures/tree_nested.json"),
    include_str!("../../tests/fixtures/tree_nested_404.json"),
    include_str!("../../tests/fixtures/trees_categories_create.json"),
    include_str!("../../tests/fixtures/trees_categories_delete.schema-examples.json"),
    include_str!("../../tests/fixtures/trees_categories_list.json"),
    include_str!("../../tests/fixtures/trees_list.json"),
];

const PATH: &str = "/v3/fuzz";

fn single<T: DeserializeOwned>(body: &[u8]) {
    let _ = decode::<T>(&Method::GET, PATH, body);
}

fn v3_list<T: DeserializeOwned + Unreadable>(body: &[u8]) {
    let _ = super::pagination::decode_page::<T>(PATH, body);
}

fn v2_list<T: DeserializeOwned + Unreadable>(body: &[u8]) {
    if let Ok(items) = decode::<Option<Vec<Box<RawValue>>>>(&Method::GET, PATH, body) {
        let _ = decode_items::<T>(&Method::GET, PATH, items.unwrap_or_default());
    }
}

/// Every way the client reads a response body.
fn decode_everything(body: &[u8]) {
    single::<DataEnvelope<Product>>(body);
    single::<DataEnvelope<Variant>>(body);
    single::<DataEnvelope<CatalogSummary>>(body);
    single::<DataEnvelope<Option<Vec<CategoryNode>>>>(body);
    single::<DataEnvelope<Hook>>(body);
    single::<ListEnvelope<Product>>(body);
    single::<ListEnvelope<Customer>>(body);
    single::<ListEnvelope<TreeCategory>>(body);
    single::<Order>(body);
    single::<OrderCount>(body);
    single::<Shipment>(body);
    single::<StoreInfo>(body);
    single::<BatchMeta>(body);
    if let Ok(time) = decode::<ServerTime>(&Method::GET, PATH, body) {
        let _ = DateTime::from_timestamp(time.time, 0);
    }
    v3_list::<Product>(body);
    v3_list::<Variant>(body);
    v3_list::<Customer>(body);
    v3_list::<CustomerAddress>(body);
    v3_list::<CategoryTree>(body);
    v3_list::<TreeCategory>(body);
    v3_list::<Hook>(body);
    v2_list::<Order>(body);
    v2_list::<OrderProduct>(body);
    v2_list::<OrderShippingAddress>(body);
    v2_list::<Shipment>(body);
    v2_list::<OrderStatus>(body);
    for status in [400, 404, 422, 500] {
        let error = ApiError::from_response("GET", PATH, status, body);
        let _ = (error.to_string(), error.hint());
    }
    if let Err(err) = serde_json::from_slice::<Value>(body) {
        let _ = describe_decode_error(body, &err);
    }
}

/// Values the specs allow or real stores send, at their edges.
fn hostile_value() -> impl Strategy<Value = Value> {
    let text = proptest::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter);
    let number_text = prop_oneof![
        Just("1e400"),
        Just("-3.4e38"),
        Just("-1"),
        Just("0.5"),
        Just("18446744073709551616"),
        Just("-9223372036854775809"),
        Just("1e-400"),
        Just("123456789012345678901234567890.123"),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        number_text.prop_map(|n| serde_json::from_str(n).unwrap_or(Value::Null)),
        text.prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// JSON pointers to every node of `value`.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(
                    child,
                    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// A fixture with some of its values replaced.
fn mutated(fixture: usize, swaps: &[(usize, Value)]) -> Vec<u8> {
    let mut doc: Value = serde_json::from_str(FIXTURES[fixture]).unwrap_or(Value::Null);
    for (pick, value) in swaps {
        let mut all = Vec::new();
        pointers(&doc, String::new(), &mut all);
        let target = &all[pick % all.len()];
        if target.is_empty() {
            doc = value.clone();
        } else if let Some(slot) = doc.pointer_mut(target) {
            *slot = value.clone();
        }
    }
    serde_json::to_vec(&doc).unwrap_or_default()
}

proptest! {
    // Bounded so the whole test runs in a few seconds.
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn spec_shaped_documents_with_hostile_values_never_panic(
        fixture in 0..FIXTURES.len(),
        swaps in proptest::collection::vec((any::<usize>(), hostile_value()), 1..6),
    ) {
        decode_everything(&mutated(fixture, &swaps));
    }

    #[test]
    fn truncated_and_random_bodies_never_panic(
        fixture in 0..FIXTURES.len(),
        cut in any::<usize>(),
        noise in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let text = FIXTURES[fixture].as_bytes();
        decode_everything(&text[..cut % (text.len() + 1)]);
        decode_everything(&noise);
    }

    #[test]
    fn rate_limit_headers_never_panic(values in proptest::collection::vec(any::<u64>(), 5)) {
        let mut headers = HeaderMap::new();
        let names = [
            "x-rate-limit-requests-left",
            "x-rate-limit-requests-quota",
            "x-rate-limit-time-reset-ms",
            "x-rate-limit-time-window-ms",
            "x-retry-after",
        ];
        for (name, value) in names.iter().zip(&values) {
            let text = if value % 3 == 0 { format!("-{value}.5") } else { value.to_string() };
            if let Ok(value) = HeaderValue::from_str(&text) {
                headers.insert(HeaderName::from_static(name), value);
            }
        }
        let read = RateLimitHeaders::from_headers(&headers);
        prop_assert!(read.reset_ms.is_none_or(|ms| ms <= 24 * 60 * 60 * 1000));
    }
}
