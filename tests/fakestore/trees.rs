//! The store simulator's catalog over real HTTP: variants, the catalog summary and
//! category trees.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::*;

#[tokio::test]
async fn variants_and_summary() {
    let h = Harness::new().await;
    let list = h
        .get("/v3/catalog/products?include=variants&limit=250")
        .await;
    let product = list
        .data()
        .iter()
        .find(|p| p["variants"].as_array().unwrap().len() > 1)
        .unwrap()
        .clone();
    let pid = product["id"].as_u64().unwrap();
    assert!(product["base_variant_id"].is_null());
    let variants = h.get(&format!("/v3/catalog/products/{pid}/variants")).await;
    assert_eq!(variants.status, 200);
    let v = &variants.json["data"][0];
    assert!(v["option_values"][0]["option_display_name"].is_string());
    let vid = v["id"].as_u64().unwrap();
    let priced = h
        .put(
            &format!("/v3/catalog/products/{pid}/variants/{vid}"),
            json!({"price": "123.45"}),
        )
        .await;
    assert_eq!(priced.status, 200, "{}", priced.text);
    assert_eq!(priced.json["data"]["calculated_price"], json!(123.45));
    let inherit = h
        .put(
            &format!("/v3/catalog/products/{pid}/variants/{vid}"),
            json!({"price": null}),
        )
        .await;
    assert!(inherit.json["data"]["price"].is_null());
    assert_eq!(
        inherit.json["data"]["calculated_price"],
        product["calculated_price"]
    );
    assert_eq!(
        h.get(&format!("/v3/catalog/products/{pid}/variants/999999"))
            .await
            .status,
        404
    );

    let all = h
        .get(&format!("/v3/catalog/variants?product_id:in={pid}"))
        .await;
    assert_eq!(
        all.data().len(),
        product["variants"].as_array().unwrap().len()
    );
    let batch: Vec<Value> = (1..=51)
        .map(|i| json!({"id": i, "inventory_level": 3}))
        .collect();
    assert_eq!(
        h.put("/v3/catalog/variants", Value::Array(batch))
            .await
            .status,
        413
    );
    let updated = h
        .put(
            "/v3/catalog/variants",
            json!([{"id": vid, "inventory_level": 7}]),
        )
        .await;
    assert_eq!(
        (
            updated.status,
            updated.json["data"][0]["inventory_level"].as_i64()
        ),
        (200, Some(7))
    );

    let summary = h.get("/v3/catalog/summary").await;
    assert_eq!(summary.status, 200);
    for field in [
        "inventory_count",
        "inventory_value",
        "primary_category_id",
        "primary_category_name",
        "variant_count",
        "highest_variant_price",
        "average_variant_price",
        "lowest_variant_price",
    ] {
        assert!(summary.json["data"].get(field).is_some(), "missing {field}");
    }
    assert!(summary.json["data"]["variant_count"].as_u64().unwrap() > 300);
}

#[tokio::test]
async fn category_trees() {
    let h = Harness::new().await;
    let trees = h.get("/v3/catalog/trees").await;
    assert_eq!(
        trees.json["data"],
        json!([{"id": 1, "name": "Default", "channels": [1]}])
    );
    let cats = h.get("/v3/catalog/trees/categories?limit=250").await;
    assert_eq!(cats.status, 200);
    let all = cats.data();
    assert!((35..=50).contains(&all.len()));
    for field in [
        "category_id",
        "category_uuid",
        "tree_id",
        "parent_id",
        "name",
        "description",
        "views",
        "sort_order",
        "page_title",
        "meta_keywords",
        "meta_description",
        "layout_file",
        "image_url",
        "is_visible",
        "search_keywords",
        "default_product_sort",
        "url",
    ] {
        assert!(all[0].get(field).is_some(), "missing {field}");
    }
    assert_eq!(all[0]["url"]["path"], "/shop-all/");
    let like = h.get("/v3/catalog/trees/categories?name:like=jacket").await;
    assert_eq!(like.data().len(), 2);
    let apparel = all.iter().find(|c| c["name"] == "Apparel").unwrap()["category_id"]
        .as_u64()
        .unwrap();
    let kids = h
        .get(&format!(
            "/v3/catalog/trees/categories?parent_id:in={apparel}"
        ))
        .await;
    assert_eq!(kids.data().len(), 3);

    let nested = h.get("/v3/catalog/trees/1/categories").await;
    assert_eq!(nested.status, 200);
    let top = nested.data();
    let apparel_node = top.iter().find(|c| c["name"] == "Apparel").unwrap();
    let men = &apparel_node["children"][0];
    assert_eq!(
        (men["name"].as_str(), men["depth"].as_u64()),
        (Some("Men"), Some(1))
    );
    assert_eq!(men["children"][0]["depth"], 2);
    assert_eq!(
        men["children"][0]["path"],
        json!([apparel, men["id"].as_u64().unwrap()])
    );
    assert_eq!(men["children"][0]["url"], "/apparel/men/jackets-coats/");
    assert_eq!(h.get("/v3/catalog/trees/99/categories").await.status, 404);

    let created = h.post("/v3/catalog/trees/categories", json!([{"name": "Rain Gear", "parent_id": apparel}, {"name": "Clearance", "tree_id": 1}])).await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(
        created.json["meta"],
        json!({"total": 2, "success": 2, "failed": 0})
    );
    let rain = created.json["data"][0].clone();
    assert_eq!(rain["url"]["path"], "/apparel/rain-gear/");
    assert_eq!(rain["tree_id"], 1);
    let invalid = h
        .post("/v3/catalog/trees/categories", json!([{"name": "No Tree"}]))
        .await;
    assert_eq!(invalid.status, 422);
    let no_name = h
        .post("/v3/catalog/trees/categories", json!([{"tree_id": 1}]))
        .await;
    assert_eq!(no_name.status, 422);

    let rain_id = rain["category_id"].as_u64().unwrap();
    let put = h
        .put(
            "/v3/catalog/trees/categories",
            json!([{"category_id": rain_id, "name": "Rainwear", "is_visible": false}]),
        )
        .await;
    assert_eq!(put.status, 200, "{}", put.text);
    let check = h
        .get(&format!(
            "/v3/catalog/trees/categories?category_id:in={rain_id}"
        ))
        .await;
    assert_eq!(
        (
            check.json["data"][0]["name"].as_str(),
            check.json["data"][0]["is_visible"].as_bool()
        ),
        (Some("Rainwear"), Some(false))
    );

    // Deleting Apparel deletes its whole subtree and takes the ids off products.
    let subtree: Vec<u64> = {
        let r = h.get("/v3/catalog/trees/categories?limit=250").await;
        let all = r.data().to_vec();
        let mut ids = vec![apparel];
        let mut i = 0;
        while i < ids.len() {
            let parent = ids[i];
            ids.extend(
                all.iter()
                    .filter(|c| c["parent_id"].as_u64() == Some(parent))
                    .map(|c| c["category_id"].as_u64().unwrap()),
            );
            i += 1;
        }
        ids
    };
    let mut used = None;
    for id in &subtree {
        let r = h
            .get(&format!("/v3/catalog/products?categories:in={id}"))
            .await;
        if r.json["meta"]["pagination"]["total"].as_u64().unwrap() > 0 {
            used = Some(*id);
            break;
        }
    }
    let used = used.expect("some Apparel category holds products");
    let deleted = h
        .delete(&format!(
            "/v3/catalog/trees/categories?category_id:in={apparel}"
        ))
        .await;
    assert_eq!(deleted.status, 202);
    assert_eq!(deleted.json["meta"]["success"], 1);
    let left = h
        .get(&format!(
            "/v3/catalog/trees/categories?category_id:in={}",
            subtree
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(",")
        ))
        .await;
    assert_eq!(left.json["data"], json!([]));
    let products = h
        .get(&format!("/v3/catalog/products?categories:in={used}"))
        .await;
    assert_eq!(products.json["meta"]["pagination"]["total"], 0);
    assert_eq!(h.delete("/v3/catalog/trees/categories").await.status, 422);
}

#[tokio::test]
async fn category_batches_name_failed_items_and_deletes_follow_filters() {
    let h = Harness::new().await;
    const PATH: &str = "/v3/catalog/trees/categories";
    let send = |method: Method, body: Value| h.call(method, PATH, Some(body));

    // Some created: 207 with the created ones, the errors by item and the counts.
    let partial = send(
        Method::POST,
        json!([{"name": "Seasonal Shelf", "tree_id": 1}, {"name": "No Tree"}]),
    )
    .await;
    assert_eq!(partial.status, 207, "{}", partial.text);
    assert_eq!(partial.json["data"][0]["name"], "Seasonal Shelf");
    assert_eq!(partial.json["data"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        partial.json["meta"],
        json!({"total": 2, "success": 1, "failed": 1})
    );
    assert_eq!(partial.json["errors"]["status"], 422);
    assert_eq!(
        partial.json["errors"]["title"],
        "Some categories could not be created."
    );
    let fields = partial.json["errors"]["errors"].as_object().unwrap();
    assert!(fields.keys().all(|k| k.starts_with("1.")), "{fields:?}");
    let created = partial.json["data"][0]["category_id"].as_u64().unwrap();

    // None created: 422 with the counts.
    let none = send(Method::POST, json!([{"name": "No Tree"}])).await;
    assert_eq!(none.status, 422, "{}", none.text);
    assert_eq!(
        none.json["errors"]["title"],
        "The categories could not be created."
    );
    assert_eq!(
        none.json["meta"],
        json!({"total": 1, "success": 0, "failed": 1})
    );

    // Some updated: 207 with the errors and the counts, and no data.
    let partial = send(
        Method::PUT,
        json!([{"category_id": created, "name": "Seasonal Corner"}, {"category_id": 999_999, "name": "Nowhere"}]),
    )
    .await;
    assert_eq!(partial.status, 207, "{}", partial.text);
    assert!(partial.json.get("data").is_none(), "{}", partial.text);
    assert_eq!(
        partial.json["meta"],
        json!({"total": 2, "success": 1, "failed": 1})
    );
    assert_eq!(
        partial.json["errors"]["title"],
        "Some categories could not be updated."
    );
    assert_eq!(
        partial.json["errors"]["errors"]["1.category_id"],
        "Category 999999 does not exist."
    );

    // None updated: 422.
    let none = send(Method::PUT, json!([{"category_id": 999_999}])).await;
    assert_eq!(none.status, 422, "{}", none.text);
    assert_eq!(
        none.json["errors"]["title"],
        "The categories could not be updated."
    );
    let check = h.get(&format!("{PATH}?category_id:in={created}")).await;
    assert_eq!(check.json["data"][0]["name"], "Seasonal Corner");
    // A sibling's name is refused, on create and on rename.
    let twin = send(
        Method::POST,
        json!([{"name": "Seasonal Corner", "tree_id": 1}]),
    )
    .await;
    assert_eq!(twin.status, 422, "{}", twin.text);
    let taken = "A category with this name already exists at this level.";
    assert_eq!(twin.json["errors"]["errors"]["0.name"], taken);

    // Deleting by parent takes the children (and theirs), not the parent.
    let child = send(
        Method::POST,
        json!([{"name": "Wreaths", "parent_id": created}]),
    )
    .await;
    assert_eq!(child.status, 201, "{}", child.text);
    let child = child.json["data"][0]["category_id"].as_u64().unwrap();
    let other = send(
        Method::POST,
        json!([{"name": "Garlands", "parent_id": created}]),
    )
    .await;
    let other = other.json["data"][0]["category_id"].as_u64().unwrap();
    let rename = send(
        Method::PUT,
        json!([{"category_id": other, "name": "Wreaths"}]),
    )
    .await;
    assert_eq!(rename.status, 422, "{}", rename.text);
    assert_eq!(rename.json["errors"]["errors"]["0.name"], taken);
    let deleted = h.delete(&format!("{PATH}?parent_id:in={created}")).await;
    assert_eq!(deleted.status, 202, "{}", deleted.text);
    assert_eq!(
        deleted.json["meta"],
        json!({"total": 2, "success": 2, "failed": 0})
    );
    let left = h
        .get(&format!("{PATH}?category_id:in={created},{child},{other}"))
        .await;
    assert_eq!(left.numbers("category_id"), vec![created]);
    // A tree with no categories: nothing to delete.
    let none = h.delete(&format!("{PATH}?tree_id:in=99")).await;
    assert_eq!(none.status, 202, "{}", none.text);
    assert_eq!(
        none.json["meta"],
        json!({"total": 0, "success": 0, "failed": 0})
    );
}
