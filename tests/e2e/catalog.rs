//! Catalog end to end: products, variants, summary, category trees.

use std::str::FromStr;

use bctui::api::{
    Client, Page, Product, ProductQuery, ProductWrite, TreeCategory, TreeCategoryQuery,
    TreeCategoryWrite, VariantWrite,
};
use rust_decimal::Decimal;

use crate::spec::assert_all_requests_in_spec;
use crate::support::{self, served};

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("decimal")
}

/// The page of products `query` asks for (`what` names it if the request fails).
async fn products(client: &Client, what: &str, query: ProductQuery) -> Page<Product> {
    client.list_products(&query).await.expect(what)
}

/// The tree categories with id `id` (one, or none once deleted).
async fn tree_category(client: &Client, id: u64) -> Page<TreeCategory> {
    let query = TreeCategoryQuery {
        category_id_in: vec![id],
        ..TreeCategoryQuery::default()
    };
    client.list_tree_categories(&query).await.expect("listed")
}

fn new_product(name: &str, sku: &str, price: &str) -> ProductWrite {
    ProductWrite {
        name: Some(name.to_string()),
        product_type: Some(bctui::api::ProductType::Physical),
        sku: Some(sku.to_string()),
        weight: Some(dec("1.5")),
        price: Some(dec(price)),
        ..ProductWrite::default()
    }
}

/// The first `limit` products, in the store's order.
fn first(limit: u32) -> ProductQuery {
    ProductQuery {
        limit: Some(limit),
        ..ProductQuery::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn products_page_sort_and_filter() {
    let (store, client) = support::small_store().await;

    let first = products(&client, "page 1", first(250)).await;
    assert_eq!(first.items.len(), 250);
    let pagination = first.pagination.as_ref().expect("meta.pagination");
    assert_eq!(pagination.total, 300);
    assert_eq!(pagination.total_pages, 2);
    let second = products(
        &client,
        "page 2",
        ProductQuery {
            limit: Some(250),
            page: Some(2),
            ..ProductQuery::default()
        },
    )
    .await;
    assert_eq!(second.items.len(), 50);

    let by_price = products(
        &client,
        "sorted",
        ProductQuery {
            sort: Some("price".into()),
            direction: Some(bctui::api::SortDirection::Desc),
            limit: Some(20),
            ..ProductQuery::default()
        },
    )
    .await;
    let prices: Vec<Decimal> = by_price.items.iter().map(|p| p.price).collect();
    let mut sorted = prices.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(prices, sorted);

    let word = first.items[0]
        .name
        .split_whitespace()
        .last()
        .expect("a word")
        .to_string();
    let found = products(
        &client,
        "keyword",
        ProductQuery {
            keyword: Some(word.to_lowercase()),
            ..ProductQuery::default()
        },
    )
    .await;
    assert!(!found.items.is_empty());
    assert!(found.items.iter().all(|p| {
        let haystack = format!("{} {} {}", p.name, p.sku, p.description).to_lowercase();
        haystack.contains(&word.to_lowercase())
    }));
    assert_all_requests_in_spec(&store);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn money_round_trips_exactly_and_writes_send_only_changes() {
    let (store, client) = support::small_store().await;
    let created = client
        .create_product(&new_product("Exact Price Lamp", "EXACT-LAMP-1", "9.95"))
        .await
        .expect("created");
    assert_eq!(created.price, dec("9.95"));
    assert_eq!(created.price.to_string(), "9.95");

    let fetched = client.get_product(created.id, &[]).await.expect("get");
    assert_eq!(fetched.price.to_string(), "9.95");
    assert_eq!(fetched.sku, "EXACT-LAMP-1");

    let updated = client
        .update_product(
            created.id,
            &ProductWrite {
                price: Some(dec("1234567.8901")),
                ..ProductWrite::default()
            },
        )
        .await
        .expect("updated");
    assert_eq!(updated.price.to_string(), "1234567.8901");
    assert_eq!(updated.name, "Exact Price Lamp", "other fields untouched");
    assert!(updated.date_modified >= fetched.date_modified);
    assert_all_requests_in_spec(&store);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicate_sku_is_409_and_bad_fields_are_422_with_field_messages() {
    let (store, client) = support::small_store().await;
    let existing = products(&client, "list", first(1)).await.items.remove(0);

    let err = client
        .create_product(&new_product(
            "Another Name Entirely",
            &existing.sku.to_lowercase(),
            "5",
        ))
        .await
        .expect_err("duplicate sku");
    assert_eq!(err.status(), Some(409), "{err}");
    assert!(
        err.field_errors().iter().any(|(field, _)| field == "sku"),
        "{:?}",
        err.field_errors()
    );

    let err = client
        .create_product(&new_product("", "NEW-SKU-422", "-1"))
        .await
        .expect_err("invalid");
    assert_eq!(err.status(), Some(422), "{err}");
    let fields: Vec<&str> = err.field_errors().iter().map(|(f, _)| f.as_str()).collect();
    assert!(fields.iter().any(|f| f.contains("name")), "{fields:?}");
    assert!(err.to_string().contains("422"), "{err}");

    let err = client.get_product(987_654, &[]).await.expect_err("404");
    assert!(err.is_not_found(), "{err}");
    assert_all_requests_in_spec(&store);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_update_goes_ten_at_a_time_and_delete_by_ids() {
    let (store, client) = support::small_store().await;
    let page = products(&client, "list", first(12)).await;
    let writes: Vec<ProductWrite> = page
        .items
        .iter()
        .map(|p| ProductWrite {
            id: Some(p.id),
            price: Some(p.price + dec("1.05")),
            ..ProductWrite::default()
        })
        .collect();
    let updated = client.update_products(&writes).await.expect("batch");
    assert_eq!(updated.len(), 12);
    for (before, after) in page.items.iter().zip(&updated) {
        assert_eq!(after.price, before.price + dec("1.05"));
    }
    assert_eq!(served(&store, "PUT", "/v3/catalog/products"), 2, "10 + 2");

    let ids: Vec<u64> = page.items.iter().take(3).map(|p| p.id).collect();
    client.delete_products(&ids).await.expect("deleted");
    let left = products(
        &client,
        "list",
        ProductQuery {
            id_in: ids.clone(),
            ..ProductQuery::default()
        },
    )
    .await;
    assert!(left.items.is_empty());
    assert!(
        client.delete_products(&[]).await.is_err(),
        "empty list refused"
    );
    assert_all_requests_in_spec(&store);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn variants_list_and_update_and_summary() {
    let (store, client) = support::small_store().await;
    let products = products(
        &client,
        "list",
        ProductQuery {
            include: vec!["variants".into()],
            limit: Some(50),
            ..ProductQuery::default()
        },
    )
    .await;
    let with_variants = products
        .items
        .iter()
        .find(|p| p.variants.len() > 1)
        .expect("a fifth of products have variants");
    let variants = client
        .list_variants(with_variants.id, 1, 250)
        .await
        .expect("variants");
    assert_eq!(variants.items.len(), with_variants.variants.len());
    let variant = &variants.items[0];
    let updated = client
        .update_variant(
            with_variants.id,
            variant.id,
            &VariantWrite {
                price: Some(Some(dec("19.95"))),
                ..VariantWrite::default()
            },
        )
        .await
        .expect("variant updated");
    assert_eq!(updated.price, Some(dec("19.95")));

    let summary = client.catalog_summary().await.expect("summary");
    assert!(summary.variant_count >= 300);
    assert_all_requests_in_spec(&store);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn category_tree_create_update_delete() {
    let (store, client) = support::small_store().await;
    let trees = client.list_trees().await.expect("trees");
    let tree = trees.first().expect("one tree");
    let nested = client.category_tree(tree.id, None).await.expect("nested");
    assert!(!nested.is_empty());
    assert!(
        nested.iter().any(|n| !n.children.is_empty()),
        "3 levels deep"
    );
    let parent = &nested[0];

    let created = client
        .create_tree_categories(&[TreeCategoryWrite {
            parent_id: Some(parent.id),
            name: Some("Clearance".into()),
            is_visible: Some(true),
            ..TreeCategoryWrite::default()
        }])
        .await
        .expect("created");
    let new_id = created[0].category_id;
    assert_eq!(created[0].parent_id, parent.id);

    let meta = client
        .update_tree_categories(&[TreeCategoryWrite {
            category_id: Some(new_id),
            name: Some("Clearance Sale".into()),
            ..TreeCategoryWrite::default()
        }])
        .await
        .expect("updated");
    assert_eq!((meta.total, meta.success, meta.failed), (1, 1, 0));

    let listed = tree_category(&client, new_id).await;
    assert_eq!(listed.items.len(), 1);
    assert_eq!(listed.items[0].name, "Clearance Sale");

    client
        .delete_tree_categories(&[new_id])
        .await
        .expect("deleted");
    let listed = tree_category(&client, new_id).await;
    assert!(listed.items.is_empty());
    assert_all_requests_in_spec(&store);
}
