//! The store simulator's catalog over real HTTP: products (list, filters, create, update, batch,
//! delete, validation), variants, summary and category trees.

use serde_json::{Value, json};
use std::time::Duration;

use crate::harness::*;

#[tokio::test]
async fn product_list_envelope_filters_and_sorting() {
    let h = Harness::new().await;
    let r = h.get("/v3/catalog/products").await;
    assert_eq!(r.status, 200);
    let p = &r.json["meta"]["pagination"];
    assert_eq!(
        (
            p["total"].as_u64(),
            p["count"].as_u64(),
            p["per_page"].as_u64()
        ),
        (Some(300), Some(50), Some(50))
    );
    assert_eq!(
        (p["current_page"].as_u64(), p["total_pages"].as_u64()),
        (Some(1), Some(6))
    );
    assert_eq!(p["links"]["next"], "?page=2&limit=50");
    assert_eq!(p["links"]["current"], "?page=1&limit=50");
    assert!(p["links"].get("previous").is_none());
    let first = &r.json["data"][0];
    for field in [
        "id",
        "name",
        "type",
        "sku",
        "price",
        "calculated_price",
        "categories",
        "inventory_level",
        "date_modified",
        "custom_url",
        "availability",
    ] {
        assert!(first.get(field).is_some(), "missing {field}");
    }
    assert!(first["price"].is_number());
    assert!(first["date_modified"].as_str().unwrap().ends_with("+00:00"));

    let big = h.get("/v3/catalog/products?limit=1000&page=2").await;
    assert_eq!(big.json["meta"]["pagination"]["per_page"], 250);
    assert_eq!(big.data().len(), 50);
    assert_eq!(
        big.json["meta"]["pagination"]["links"]["previous"],
        "?page=1&limit=250"
    );

    let sorted = h
        .get("/v3/catalog/products?sort=price&direction=desc&limit=250")
        .await;
    let prices: Vec<f64> = sorted
        .data()
        .iter()
        .map(|p| p["price"].as_f64().unwrap())
        .collect();
    assert!(prices.windows(2).all(|w| w[0] >= w[1]));

    let name = first["name"].as_str().unwrap();
    let word = name.split(' ').next_back().unwrap().to_uppercase();
    let kw = h
        .get(&format!("/v3/catalog/products?keyword={word}&limit=250"))
        .await;
    assert!(kw.data().iter().all(|p| {
        let text = format!("{} {} {}", p["name"], p["sku"], p["description"]).to_lowercase();
        text.contains(&word.to_lowercase())
    }));
    assert!(kw.json["meta"]["pagination"]["total"].as_u64().unwrap() >= 1);

    let by_ids = h.get("/v3/catalog/products?id:in=3,1,2").await;
    let ids: Vec<u64> = by_ids.ids();
    assert_eq!(ids, vec![1, 2, 3]);
    let sku = h
        .get(&format!(
            "/v3/catalog/products?sku={}",
            first["sku"].as_str().unwrap()
        ))
        .await;
    assert_eq!(sku.json["data"][0]["id"], first["id"]);

    let visible = h
        .get("/v3/catalog/products?is_visible=false&limit=250")
        .await;
    let hidden = visible.data();
    assert!(!hidden.is_empty() && hidden.iter().all(|p| p["is_visible"] == false));

    let cats: Vec<u64> = first["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_u64().unwrap())
        .collect();
    let list = cats
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let in_all = h
        .get(&format!(
            "/v3/catalog/products?categories:in={list}&limit=250"
        ))
        .await;
    assert!(in_all.data().iter().all(|p| {
        cats.iter().all(|c| {
            p["categories"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x.as_u64() == Some(*c))
        })
    }));

    let fields = h
        .get("/v3/catalog/products?include_fields=name,price&limit=1")
        .await;
    let keys: Vec<&String> = fields.json["data"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 3);
    let excluded = h
        .get("/v3/catalog/products?exclude_fields=description&limit=1")
        .await;
    assert!(excluded.json["data"][0].get("description").is_none());

    let with_variants = h
        .get("/v3/catalog/products?include=variants,images&limit=250")
        .await;
    let data = with_variants.data();
    assert!(
        data.iter()
            .all(|p| p["variants"].is_array() && p["images"] == json!([]))
    );
    let multi = data
        .iter()
        .filter(|p| p["variants"].as_array().unwrap().len() > 1)
        .count();
    assert!(
        (20..=90).contains(&multi),
        "{multi} of 250 products have variants"
    );

    assert_eq!(h.get("/v3/catalog/products?id:in=abc").await.status, 422);
    let empty = h.get("/v3/catalog/products?keyword=zzzznothing").await;
    assert_eq!((empty.status, empty.data().len()), (200, 0));
}

fn new_product(name: &str, sku: &str) -> Value {
    json!({ "name": name, "type": "physical", "weight": 1.5, "price": "9.95", "sku": sku, "categories": [1] })
}

#[tokio::test]
async fn product_create_update_delete_and_validation() {
    let h = Harness::new().await;
    let created = h
        .post(
            "/v3/catalog/products",
            new_product("Test Mug", "TEST-MUG-1"),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text);
    assert!(
        created.text.contains("\"price\":9.95"),
        "money must stay exact: {}",
        created.text
    );
    let id = created.json["data"]["id"].as_u64().unwrap();
    assert_eq!(created.json["meta"], json!({}));
    assert_eq!(created.json["data"]["calculated_price"], json!(9.95));
    assert!(created.json["data"]["base_variant_id"].is_u64());

    let missing = h.post("/v3/catalog/products", json!({"sku": "X"})).await;
    assert_eq!(missing.status, 422);
    for field in ["name", "type", "weight", "price"] {
        assert!(
            missing.json["errors"].get(field).is_some(),
            "{field}: {}",
            missing.text
        );
    }
    // (what is wrong, the body, the field the error names)
    let invalid = [
        (
            "an empty name",
            json!({"name": "", "type": "physical", "weight": 1, "price": 1}),
            "name",
        ),
        (
            "a negative price",
            json!({"name": "Neg", "type": "physical", "weight": 1, "price": -1}),
            "price",
        ),
    ];
    for (case, body, field) in invalid {
        let refused = h.post("/v3/catalog/products", body).await;
        let named = refused.json["errors"][field].is_string();
        assert_eq!((refused.status, named), (422, true), "{case}");
    }

    let dup = h
        .post(
            "/v3/catalog/products",
            new_product("Other Mug", "test-mug-1"),
        )
        .await;
    assert_eq!(dup.status, 409);
    assert_eq!(dup.json["title"], "The product sku is a duplicate");
    assert_eq!(dup.json["errors"]["sku"], "The product sku is a duplicate");
    assert!(
        dup.json["type"]
            .as_str()
            .unwrap()
            .starts_with("https://developer.bigcommerce.com/")
    );
    let variants = h.get("/v3/catalog/variants?limit=250").await;
    let variant_sku = variants
        .data()
        .iter()
        .find(|v| !v["option_values"].as_array().unwrap().is_empty())
        .unwrap()["sku"]
        .as_str()
        .unwrap()
        .to_lowercase();
    let dup_variant = h
        .post(
            "/v3/catalog/products",
            new_product("Third Mug", &variant_sku),
        )
        .await;
    assert_eq!(dup_variant.status, 409);
    let dup_name = h
        .post("/v3/catalog/products", new_product("test mug", "OTHER-SKU"))
        .await;
    assert_eq!(
        (dup_name.status, dup_name.json["errors"]["name"].is_string()),
        (409, true)
    );

    let before =
        h.get(&format!("/v3/catalog/products/{id}")).await.json["data"]["date_modified"].clone();
    h.store.clock().advance(Duration::from_secs(1));
    let updated = h
        .put(
            &format!("/v3/catalog/products/{id}"),
            json!({"sale_price": 7.5, "id": 999, "calculated_price": 1}),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    assert_eq!(updated.json["data"]["id"].as_u64(), Some(id));
    assert_eq!(updated.json["data"]["calculated_price"], json!(7.5));
    assert_eq!(updated.json["data"]["name"], "Test Mug");
    assert_ne!(updated.json["data"]["date_modified"], before);
    let since = updated.json["data"]["date_modified"]
        .as_str()
        .unwrap()
        .replace('+', "%2B");
    let changed = h
        .get(&format!(
            "/v3/catalog/products?date_modified:min={since}&sort=date_modified"
        ))
        .await;
    let changed_ids: Vec<u64> = changed.ids();
    assert_eq!(
        changed_ids,
        vec![id],
        "only the product just written was modified since then"
    );
    let invalid = h
        .put(&format!("/v3/catalog/products/{id}"), json!({"price": -3}))
        .await;
    assert_eq!(invalid.status, 422);
    assert_eq!(
        h.put("/v3/catalog/products/999999", json!({"price": 3}))
            .await
            .status,
        404
    );

    let batch: Vec<Value> = (1..=11).map(|i| json!({"id": i, "price": 10})).collect();
    let too_big = h.put("/v3/catalog/products", Value::Array(batch)).await;
    assert_eq!(too_big.status, 413);
    assert_eq!(
        too_big.json["title"],
        "The request payload is too large. The maximum items allowed in the array is 10."
    );
    let ok = h
        .put(
            "/v3/catalog/products",
            json!([{"id": 1, "price": 12.99}, {"id": 2, "is_visible": false}]),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert_eq!(ok.json["data"][0]["price"], json!(12.99));
    assert_eq!(ok.json["data"][1]["is_visible"], false);
    let no_id = h.put("/v3/catalog/products", json!([{"price": 1}])).await;
    assert_eq!(no_id.status, 422);
    let unknown = h
        .put(
            "/v3/catalog/products",
            json!([{"id": 1, "price": 5}, {"id": 999999, "price": 1}]),
        )
        .await;
    assert_eq!(unknown.status, 404);
    assert_eq!(
        h.get("/v3/catalog/products/1").await.json["data"]["price"],
        json!(12.99),
        "a failed batch changes nothing"
    );

    assert_eq!(
        h.delete(&format!("/v3/catalog/products/{id}")).await.status,
        204
    );
    assert_eq!(
        h.get(&format!("/v3/catalog/products/{id}")).await.status,
        404
    );
    assert_eq!(h.delete("/v3/catalog/products").await.status, 422);
    let deleted = h.delete("/v3/catalog/products?id:in=4,5").await;
    assert_eq!((deleted.status, deleted.text.as_str()), (204, ""));
    assert_eq!(
        h.get("/v3/catalog/products?id:in=4,5").await.json["data"],
        json!([])
    );
}

#[tokio::test]
async fn product_id_bounds_and_descending_pages() {
    let h = Harness::new().await;
    let ids = |r: &Value| -> Vec<u64> {
        r["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_u64().unwrap())
            .collect()
    };
    let r = h
        .get("/v3/catalog/products?id:greater=10&id:max=20&direction=desc&limit=5&page=2")
        .await;
    assert_eq!(ids(&r.json), vec![15, 14, 13, 12, 11]);
    assert_eq!(r.json["meta"]["pagination"]["total"], 10);
    let r = h
        .get("/v3/catalog/products?id:min=298&id:less=1000&limit=250")
        .await;
    assert_eq!(ids(&r.json), vec![298, 299, 300]);
    let r = h.get("/v3/catalog/products?id:min=5&id:max=2").await;
    assert_eq!(r.json["meta"]["pagination"]["total"], 0);
    let r = h.get("/v3/catalog/products?id=7&id:min=8").await;
    assert_eq!(r.json["meta"]["pagination"]["total"], 0);
    let r = h
        .get("/v3/catalog/products?id:in=9,4,9,100000&direction=desc")
        .await;
    assert_eq!(ids(&r.json), vec![9, 4]);
}

#[tokio::test]
async fn common_filters_agree_with_a_full_scan_and_follow_writes() {
    let h = Harness::new().await;
    let ids = |r: &Value| -> Vec<u64> {
        let mut ids: Vec<u64> = r["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_u64().unwrap())
            .collect();
        ids.sort_unstable();
        ids
    };
    let filter = "is_visible=true&inventory_level:greater=10&availability=available&limit=250";
    let quick = h.get(&format!("/v3/catalog/products?{filter}")).await;
    // Sorting by price takes the path that tests every product itself.
    let scanned = h
        .get(&format!("/v3/catalog/products?{filter}&sort=price"))
        .await;
    assert!(!ids(&quick.json).is_empty());
    assert_eq!(ids(&quick.json), ids(&scanned.json));
    assert_eq!(
        quick.json["meta"]["pagination"]["total"],
        scanned.json["meta"]["pagination"]["total"]
    );

    let hidden = h
        .get("/v3/catalog/products?is_visible=false&limit=250")
        .await;
    let before = ids(&hidden.json);
    let shown = ids(&quick.json)[0];
    assert!(!before.contains(&shown));
    let put = h
        .put(
            &format!("/v3/catalog/products/{shown}"),
            json!({"is_visible": false}),
        )
        .await;
    assert_eq!(put.status, 200);
    let hidden = h
        .get("/v3/catalog/products?is_visible=false&limit=250")
        .await;
    let after = ids(&hidden.json);
    assert!(after.contains(&shown));
    assert_eq!(after.len(), before.len() + 1);
}
