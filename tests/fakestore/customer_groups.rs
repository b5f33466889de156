//! V2 customer groups over real HTTP: the seeded groups cover every customer's group id.

use serde_json::json;

use crate::harness::*;

#[tokio::test]
async fn groups_list_get_and_v2_conventions() {
    let h = Harness::new().await;
    let list = h.get("/v2/customer_groups").await;
    assert_eq!(list.status, 200);
    let groups = list.json.as_array().unwrap();
    let ids: Vec<u64> = groups.iter().map(|g| g["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, vec![1, 2, 3], "sorted by id");
    assert_eq!(groups[0]["name"], "Wholesale");
    assert_eq!(groups[0]["category_access"]["type"], "all");

    let customers = h.get("/v3/customers?limit=250").await;
    for c in customers.data() {
        let group = c["customer_group_id"].as_u64().unwrap();
        assert!(
            group == 0 || ids.contains(&group),
            "group {group} is seeded"
        );
    }

    let one = h.get("/v2/customer_groups/2").await;
    assert_eq!((one.status, one.json["name"].as_str()), (200, Some("VIP")));
    let missing = h.get("/v2/customer_groups/99").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json[0]["status"], 404, "V2 error body");

    let paged = h.get("/v2/customer_groups?limit=2&page=2").await;
    assert_eq!(paged.json.as_array().unwrap().len(), 1);
    let empty = h.get("/v2/customer_groups?page=3&limit=2").await;
    assert_eq!((empty.status, empty.text.as_str()), (204, ""));
    assert_eq!(h.get("/v2/customer_groups?limit=251").await.status, 413);
    let by_name = h.get("/v2/customer_groups?name=Staff").await;
    assert_eq!(by_name.json[0]["id"], 3);
    let like = h.get("/v2/customer_groups?name:like=sale").await;
    assert_eq!(like.json.as_array().unwrap().len(), 1);
    let post = h.delete("/v2/customer_groups/1").await;
    assert_eq!(post.status, 405);
}

#[tokio::test]
async fn customer_group_must_exist() {
    let h = Harness::new().await;
    let id = h.get("/v3/customers?limit=1").await.json["data"][0]["id"].clone();
    let bad = h
        .put(
            "/v3/customers",
            json!([{"id": id, "customer_group_id": 42}]),
        )
        .await;
    assert_eq!(bad.status, 422);
    let good = h
        .put("/v3/customers", json!([{"id": id, "customer_group_id": 3}]))
        .await;
    assert_eq!(good.status, 200);
    assert_eq!(good.json["data"][0]["customer_group_id"], 3);
}
