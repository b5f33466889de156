//! Catalog brands over real HTTP: the seeded brands products point at, with V3 paging and filters.

use crate::harness::*;

#[tokio::test]
async fn brands_list_filters_and_get() {
    let h = Harness::new().await;
    let all = h.get("/v3/catalog/brands?limit=250").await;
    assert_eq!(all.status, 200);
    let brands = all.data();
    let total = all.json["meta"]["pagination"]["total"].as_u64().unwrap();
    assert_eq!(brands.len() as u64, total);
    assert!(total >= 3);
    let ids: Vec<u64> = brands.iter().map(|b| b["id"].as_u64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "sorted by id");

    let products = h.get("/v3/catalog/products?limit=250").await;
    for p in products.data() {
        let brand = p["brand_id"].as_u64().unwrap();
        assert!(brand == 0 || ids.contains(&brand), "brand {brand} exists");
    }

    let paged = h.get("/v3/catalog/brands?limit=2&page=2").await;
    assert_eq!(paged.json["data"][0]["id"], ids[2]);
    assert_eq!(paged.json["meta"]["pagination"]["per_page"], 2);
    assert_eq!(paged.json["meta"]["pagination"]["current_page"], 2);

    let picked = h
        .get(&format!("/v3/catalog/brands?id:in={},{}", ids[0], ids[2]))
        .await;
    let got: Vec<u64> = picked.ids();
    assert_eq!(got, vec![ids[0], ids[2]]);

    let name = brands[1]["name"].as_str().unwrap();
    let by_name = h
        .get(&format!(
            "/v3/catalog/brands?name={}",
            name.replace(' ', "%20")
        ))
        .await;
    assert_eq!(by_name.data().len(), 1);
    assert_eq!(by_name.json["data"][0]["id"], ids[1]);
    assert_eq!(
        h.get("/v3/catalog/brands?name=No%20Such%20Brand")
            .await
            .json["data"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(h.get("/v3/catalog/brands?id:in=x").await.status, 422);

    let one = h.get(&format!("/v3/catalog/brands/{}", ids[1])).await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json["data"]["name"], name);
    let missing = h.get("/v3/catalog/brands/99999").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json["status"], 404, "V3 error body");
    let delete = h.delete(&format!("/v3/catalog/brands/{}", ids[0])).await;
    assert_eq!(delete.status, 405);
}
