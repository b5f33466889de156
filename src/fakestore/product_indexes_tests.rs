//! The lists the keyword, category and sort indexes answer, against testing and sorting every
//! product, on a seeded catalog and again after writes.

use std::cmp::Ordering;

use axum::body::Bytes;
use axum::http::Method;
use serde_json::{Value, json};

use super::catalog;
use super::errors::ApiVersion;
use super::product_filter::ProductFilter;
use super::query::{Query, v3_page};
use super::seed::catalog_only;
use super::server::Ctx;
use super::store::{Product, StoreData};
use crate::clock::test_anchor;

fn ctx(query: &str, body: Value) -> Ctx {
    Ctx {
        query: Query::parse(Some(query), ApiVersion::V3, test_anchor()),
        body: Bytes::from(body.to_string()),
        now: test_anchor(),
        v2_base: String::new(),
        store_hash: "test".into(),
        plan_quota: 150,
    }
}

/// The page's ids and the total, as the list answers `query`.
fn listed(data: &mut StoreData, query: &str) -> (Vec<u64>, u64) {
    let reply = catalog::route(&ctx(query, Value::Null), data, &Method::GET, &["products"])
        .unwrap_or_else(|e| panic!("{query}: {e:?}"));
    let body: Value = serde_json::from_slice(reply.body.as_deref().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    let ids = body["data"].as_array().map_or_else(Vec::new, |items| {
        items.iter().filter_map(|p| p["id"].as_u64()).collect()
    });
    (
        ids,
        body["meta"]["pagination"]["total"].as_u64().unwrap_or(0),
    )
}

/// The order the spec's sort keys give, ties by id: what sorting every product gives.
fn compare(a: &Product, b: &Product, field: &str) -> Ordering {
    match field {
        "name" => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        "sku" => a.sku.to_lowercase().cmp(&b.sku.to_lowercase()),
        "price" => a.price.cmp(&b.price),
        "calculated_price" => a.calculated_price.cmp(&b.calculated_price),
        "date_modified" => a.date_modified.cmp(&b.date_modified),
        "inventory_level" => a.inventory_level.cmp(&b.inventory_level),
        "is_visible" => a.is_visible.cmp(&b.is_visible),
        "total_sold" => a.total_sold.cmp(&b.total_sold),
        _ => Ordering::Equal,
    }
    .then(a.id.cmp(&b.id))
}

/// The page's ids and the total from testing every product and sorting the matches.
fn scanned(data: &StoreData, query: &str) -> (Vec<u64>, u64) {
    let q = Query::parse(Some(query), ApiVersion::V3, test_anchor());
    let filter = ProductFilter::from_query(&q).expect("a valid filter");
    let sort = q.get("sort").unwrap_or("id").to_string();
    let mut found: Vec<&Product> = data
        .products
        .values()
        .map(|p| &**p)
        .filter(|p| filter.matches(p, &data.brands))
        .collect();
    found.sort_by(|a, b| compare(a, b, &sort));
    if q.get("direction") == Some("desc") {
        found.reverse();
    }
    let page = v3_page(&q).expect("a valid page");
    let ids = page.slice(&found).iter().map(|p| p.id).collect();
    (ids, found.len() as u64)
}

fn check(data: &mut StoreData, queries: &[String]) {
    for query in queries {
        let expected = scanned(data, query);
        assert!(expected.1 > 0, "{query} finds nothing to compare");
        assert_eq!(listed(data, query), expected, "{query}");
    }
}

/// Queries nothing matches (a keyword across two fields included) answer nothing either way.
fn check_none(data: &mut StoreData) {
    let none = [
        "keyword=no%20such%20thing",
        "keyword=steel%00durable&sort=name",
        "keyword=steel%00durable",
        "categories=999999",
        "categories:in=999999,1&sort=price",
    ];
    for query in none {
        assert_eq!(scanned(data, query), (Vec::new(), 0), "{query}");
        assert_eq!(listed(data, query), (Vec::new(), 0), "{query}");
    }
}

fn queries(data: &StoreData) -> Vec<String> {
    let single = data.products.values().find(|p| p.categories.len() == 1);
    let double = data.products.values().find(|p| p.categories.len() >= 2);
    let (Some(single), Some(double)) = (single, double) else {
        panic!("the seed has products in one and in two categories");
    };
    let one = single.categories[0];
    let (c1, c2) = (double.categories[0], double.categories[1]);
    let sku = single.sku.to_uppercase();
    let brand = data
        .brands
        .get(&double.brand_id)
        .cloned()
        .unwrap_or_default();
    let word = double.name.split(' ').next().unwrap_or_default();
    let enc = |text: &str| form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>();
    let mut all = vec![
        format!("categories={one}"),
        format!("categories={one}&direction=desc&limit=5&page=2"),
        format!("categories:in={c1}"),
        format!("categories:in={c1},{c2}"),
        format!("categories:in={c2},{c1}&is_visible={}", double.is_visible),
        format!("categories:in={one}&sort=name&direction=desc"),
        format!("categories={one}&sort=price&limit=3&page=2"),
        format!("categories:in={c1}&id:min={}", double.id),
        "keyword=steel".to_string(),
        "keyword=%20STEEL%20&limit=7&page=3&direction=desc".to_string(),
        format!("keyword={}", enc(&sku)),
        format!("keyword={}", enc(&brand)),
        "keyword=steel&sort=price&direction=desc&limit=10&page=2".to_string(),
        "keyword=steel&is_visible=true&inventory_level:min=1".to_string(),
        format!("keyword={}&categories:in={c1}&sort=name", enc(word)),
        format!("keyword={}&price={}", enc(word), double.price),
        "sort=name&is_visible=true&page=3&limit=20".to_string(),
        format!("sort=sku&name={}", enc(&single.name)),
        "sort=price&id:in=9,3,250,40,41".to_string(),
        format!("sort=inventory_level&price={}", single.price),
        "sort=total_sold&id:max=150&id:greater=20&direction=desc".to_string(),
    ];
    for sort in [
        "name",
        "sku",
        "price",
        "calculated_price",
        "date_modified",
        "date_last_imported",
        "inventory_level",
        "is_visible",
        "total_sold",
    ] {
        for direction in ["asc", "desc"] {
            for page in [1, 4] {
                all.push(format!(
                    "sort={sort}&direction={direction}&page={page}&limit=25"
                ));
            }
        }
    }
    all
}

#[test]
fn the_keyword_category_and_sort_indexes_list_what_testing_every_product_lists() {
    let mut data = catalog_only(300);
    let before = queries(&data);
    check(&mut data, &before);
    check_none(&mut data);

    // Writes move products in every index: renamed to sort first, repriced, recategorised and
    // rebranded, and one product deleted; the server forgets the indexes before each.
    let brands: Vec<u64> = data.brands.keys().copied().collect();
    let moved = [(17, 1), (120, 0), (233, 2)];
    for (id, n) in moved {
        let body = json!({
            "name": format!("AAA steel first {n}"),
            "price": 0.5 + n as f64,
            "categories": data.products[&id].categories.iter().rev().chain(&[data.products[&5].categories[0]]).collect::<Vec<_>>(),
            "brand_id": brands[n % brands.len()],
            "inventory_level": 1000 + n,
        });
        data.forget_product_indexes();
        let path = id.to_string();
        catalog::route(
            &ctx("", body),
            &mut data,
            &Method::PUT,
            &["products", &path],
        )
        .unwrap_or_else(|e| panic!("PUT {id}: {e:?}"));
    }
    data.forget_product_indexes();
    catalog::route(
        &ctx("", Value::Null),
        &mut data,
        &Method::DELETE,
        &["products", "41"],
    )
    .unwrap_or_else(|e| panic!("DELETE 41: {e:?}"));
    data.forget_product_indexes();
    assert_eq!(data.products[&17].name, "AAA steel first 1");
    assert!(!data.products.contains_key(&41));
    let (first_by_name, _) = listed(&mut data, "sort=name&limit=3");
    assert_eq!(first_by_name, [120, 17, 233]);
    let after = queries(&data);
    check(&mut data, &after);
    check_none(&mut data);
}
