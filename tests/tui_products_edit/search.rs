//! `/` on Products finds a product by the SKU of one of its variants.

use crate::Harness;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_variant_sku_typed_into_the_filter_finds_its_product() {
    let mut h = Harness::start(true).await;
    // The first listed product with a variant whose SKU is not the product's.
    let mut found = None;
    for product in h.state().products.list.rows.clone() {
        let variants = h.api.all_variants(product.id).await.unwrap();
        if let Some(sku) = variants
            .iter()
            .map(|v| v.sku.clone())
            .find(|sku| !sku.eq_ignore_ascii_case(&product.sku))
        {
            found = Some((product, sku));
            break;
        }
    }
    let (product, sku) = found.expect("a variant SKU of its own");
    // Typed in lower case: the store compares SKUs without regard to case.
    let typed = sku.to_lowercase();
    h.search_products(&typed).await;
    let rows = &h.state().products.list.rows;
    assert!(
        rows.iter().any(|p| p.id == product.id),
        "product #{} with variant {sku} is listed\n{}",
        product.id,
        h.screen()
    );
    let ids: Vec<u64> = rows.iter().map(|p| p.id).collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids, unique, "listed once");
    assert!(
        h.store
            .requests()
            .iter()
            .any(|r| r.path.contains("/v3/catalog/variants?sku=")),
        "looked up through the variants endpoint"
    );
}
