//! Spec example responses (tests/fixtures) deserialize into the models; money,
//! dates, null/missing fields and unknown enum values behave.

use std::str::FromStr;

use bctui::api::pagination::{DataEnvelope, ListEnvelope};
use bctui::api::*;
use rust_decimal::Decimal;
use serde_json::json;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn list<T: serde::de::DeserializeOwned>(name: &str) -> Page<T> {
    let env: ListEnvelope<T> = serde_json::from_str(&fixture(name)).unwrap();
    env.into()
}

fn one<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let env: DataEnvelope<T> = serde_json::from_str(&fixture(name)).unwrap();
    env.data
}

#[test]
fn products() {
    let page: Page<Product> = list("catalog_products_list.schema-examples.json");
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].name, "Smith Journal 13");
    assert_eq!(page.pagination.as_ref().unwrap().total, 36);

    let p: Product = one("catalog_product_get.json");
    assert_eq!(p.id, 174);
    assert_eq!(p.price, dec("7.95"));
    assert_eq!(p.retail_price, dec("10"));
    assert_eq!(p.categories, vec![23, 21]);
    assert_eq!(p.availability, Availability::Available);
    assert_eq!(p.product_type, ProductType::Physical);
    assert_eq!(p.base_variant_id, Some(345));
    assert_eq!(
        p.date_modified.unwrap().to_rfc3339(),
        "2018-09-05T20:42:07+00:00"
    );
    assert_eq!(p.custom_url.unwrap().url, "/all/1l-le-parfait-jar/");

    // The POST and batch-PUT examples are bare products (no envelope).
    for name in [
        "catalog_product_create.json",
        "catalog_products_batch_update.json",
    ] {
        let p: Product = serde_json::from_str(&fixture(name)).unwrap();
        assert_eq!(p.sku, "SM-13");
    }
}

#[test]
fn variants_and_summary() {
    let page: Page<Variant> = list("catalog_variants_list.json");
    assert_eq!(page.items.len(), 3);
    let v = &page.items[0];
    assert_eq!(v.price, Some(dec("10")));
    assert_eq!(v.sale_price, Some(dec("8")));
    assert_eq!(v.map_price, None, "spec example sends map_price: {{}}");
    assert_eq!(v.option_values[0].label, "Beige");

    let v: Variant = one("catalog_variant_update.json");
    assert_eq!(v.id, 65);
    assert_eq!(v.height, Some(dec("14.6")));

    let s: CatalogSummary = one("catalog_summary.schema-examples.json");
    assert_eq!(s.lowest_variant_price, dec("7"));
    assert_eq!(s.average_variant_price, dec("83.07978261"));
    assert_eq!(s.inventory_value, dec("267000"));
}

#[test]
fn category_trees() {
    let trees: Page<CategoryTree> = list("trees_list.json");
    assert_eq!(trees.items[0].channels, vec![0]);
    let pages = trees.pagination.as_ref().expect("pagination");
    assert!(pages.current_page < pages.total_pages, "more pages follow");

    let cats: Page<TreeCategory> = list("trees_categories_list.json");
    assert_eq!(cats.items[0].category_id, 12);
    assert_eq!(cats.items[0].url.as_ref().unwrap().path, "string");

    let created: ListEnvelope<TreeCategory> =
        serde_json::from_str(&fixture("trees_categories_create.json")).unwrap();
    assert_eq!(created.data[0].url.as_ref().unwrap().path, "/bath/");

    #[derive(serde::Deserialize)]
    struct MetaOnly {
        meta: BatchMeta,
    }
    let deleted: MetaOnly =
        serde_json::from_str(&fixture("trees_categories_delete.schema-examples.json")).unwrap();
    assert_eq!(deleted.meta.failed, 0);

    let nested: Vec<CategoryNode> = one("tree_nested.json");
    assert_eq!(nested[0].url, "/bath/");
    assert!(nested[0].children.is_empty(), "non-object children dropped");

    let deep: Vec<CategoryNode> = serde_json::from_value(json!([
        {"id": 1, "parent_id": 0, "depth": 1, "path": [], "name": "A", "is_visible": true,
         "url": "/a/", "children": [
            {"id": 2, "parent_id": 1, "depth": 2, "path": [1], "name": "B", "is_visible": false,
             "url": "/a/b/", "children": []}
        ]}
    ]))
    .unwrap();
    assert_eq!(deep[0].children[0].path, vec![1]);
}

#[test]
fn orders() {
    let orders: Vec<Order> = serde_json::from_str(&fixture("orders_list.json")).unwrap();
    let o = &orders[0];
    assert_eq!(o.id, 100);
    assert_eq!(o.subtotal_ex_tax, dec("336.3200"));
    assert_eq!(o.subtotal_ex_tax.to_string(), "336.3200");
    assert_eq!(o.total_inc_tax, dec("361.95"));
    assert_eq!(o.date_shipped, None);
    assert_eq!(
        o.date_created.unwrap().to_rfc3339(),
        "2018-01-10T21:05:30+00:00"
    );
    assert_eq!(o.billing_address.city, "Austin");
    assert_eq!(
        o.products.as_ref().unwrap().resource,
        "/orders/100/products"
    );
    assert_eq!(o.credit_card_type, None);
    assert_eq!(o.external_id, None);

    for name in [
        "order_get.json",
        "order_get_multiple_items.json",
        "order_update.json",
    ] {
        let o: Order = serde_json::from_str(&fixture(name)).unwrap();
        assert!(o.id > 0, "{name}");
    }

    let count: OrderCount = serde_json::from_str(&fixture("orders_count.json")).unwrap();
    assert_eq!(count.count, 133);
    assert_eq!(count.statuses.len(), 15);

    let items: Vec<OrderProduct> = serde_json::from_str(&fixture("order_products.json")).unwrap();
    assert_eq!(items[0].price_inc_tax, dec("65.23"));
    assert_eq!(items[0].applied_discounts[0].amount, dec("1.59"));
    assert_eq!(items[0].product_options[0].display_value, "S");
    assert_eq!(items[0].variant_id, None);

    let addrs: Vec<OrderShippingAddress> =
        serde_json::from_str(&fixture("order_shipping_addresses.json")).unwrap();
    assert_eq!(addrs[0].cost_inc_tax, dec("12.99"));

    let shipments: Vec<Shipment> = serde_json::from_str(&fixture("order_shipments.json")).unwrap();
    assert_eq!(shipments[0].tracking_number, "EJ958083578US");
    assert_eq!(shipments[0].items[0].order_product_id, 188);

    let created: Shipment = serde_json::from_str(&fixture("order_shipment_create.json")).unwrap();
    assert_eq!(created.id, 11);

    let statuses: Vec<OrderStatus> = serde_json::from_str(&fixture("order_statuses.json")).unwrap();
    assert_eq!(statuses.len(), 15);
    assert_eq!(statuses[0].custom_label, "Incomplete - Testing");
}

#[test]
fn customers_and_store() {
    let page: Page<Customer> = list("customers_list.json");
    let c = &page.items[0];
    assert_eq!(c.id, 0, "the spec example has no id; it defaults");
    assert_eq!(c.full_name(), "Jane Smith");
    assert_eq!(c.store_credit(), dec("43.15"));
    assert_eq!(c.addresses[0].address_type, "residential");

    for name in ["customers_create.json", "customers_update.json"] {
        let page: Page<Customer> = list(name);
        assert_eq!(page.items[0].email, "jane.smith@example.com", "{name}");
    }

    let addrs: Page<CustomerAddress> = list("customer_addresses_list.json");
    assert_eq!(addrs.items[0].id, 18);
    assert_eq!(addrs.pagination.unwrap().links, PaginationLinks::default());

    let store: StoreInfo = serde_json::from_str(&fixture("store_info.json")).unwrap();
    assert_eq!(store.id, "abc123");
    assert_eq!(store.timezone.unwrap().raw_offset, -21600);
    assert_eq!(store.currency_symbol, "$");

    let time: ServerTime = serde_json::from_str(&fixture("store_time.json")).unwrap();
    assert_eq!(time.time, 1529512970);
}

#[test]
fn money_round_trip_v3() {
    let p: Product =
        serde_json::from_str(r#"{"id":1,"price":9.95,"sale_price":"225.0000"}"#).unwrap();
    assert_eq!(p.price, dec("9.95"));
    assert_eq!(p.sale_price.to_string(), "225.0000");

    let write = ProductWrite {
        price: Some(p.price),
        ..Default::default()
    };
    assert_eq!(serde_json::to_string(&write).unwrap(), r#"{"price":9.95}"#);

    // Values that do not survive f64 still come back exactly.
    let exact = dec("1234567890123.4567");
    let w = ProductWrite {
        price: Some(exact),
        ..Default::default()
    };
    let text = serde_json::to_string(&w).unwrap();
    assert_eq!(text, r#"{"price":1234567890123.4567}"#);
    let back: Product = serde_json::from_str(&text).unwrap();
    assert_eq!(back.price, exact);
}

#[test]
fn money_v2_writes_strings() {
    let s = ShipmentCreate {
        order_address_id: 5,
        items: vec![ShipmentItem {
            order_product_id: 7,
            product_id: None,
            quantity: 2,
        }],
        merchant_shipping_cost: Some(dec("1.5000")),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&s).unwrap(),
        json!({"order_address_id":5,"items":[{"order_product_id":7,"quantity":2}],"merchant_shipping_cost":"1.5000"})
    );
    let o: Order = serde_json::from_str(r#"{"id":1,"total_inc_tax":12.5}"#).unwrap();
    assert_eq!(o.total_inc_tax, dec("12.5"));
    let back = serde_json::to_value(&o).unwrap();
    assert_eq!(back["total_inc_tax"], json!("12.5"));
    assert_eq!(back["date_shipped"], json!(""));
}

#[test]
fn variant_write_can_clear_a_price() {
    let w = VariantWrite {
        price: Some(None),
        sale_price: Some(Some(dec("9.95"))),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&w).unwrap(),
        r#"{"price":null,"sale_price":9.95}"#
    );
    assert_eq!(
        serde_json::to_string(&VariantWrite::default()).unwrap(),
        "{}"
    );
}

#[test]
fn nulls_missing_and_unknown_fields_do_not_fail() {
    let p: Product = serde_json::from_value(json!({
        "id": 3, "name": null, "sku": null, "price": null, "categories": null,
        "meta_keywords": null, "date_created": null, "date_modified": "",
        "custom_url": null, "brand_new_field": {"nested": [1, 2]}, "inventory_level": null
    }))
    .unwrap();
    assert_eq!(p.id, 3);
    assert_eq!(p.name, "");
    assert_eq!(p.price, Decimal::ZERO);
    assert!(p.categories.is_empty());
    assert_eq!(p.date_modified, None);

    let v: Variant = serde_json::from_value(
        json!({"id": 1, "price": null, "upc": null, "inventory_level": null}),
    )
    .unwrap();
    assert_eq!(v.price, None);
    assert_eq!(v.inventory_level, None);

    let o: Order =
        serde_json::from_value(json!({"id": 9, "billing_address": null, "staff_notes": null}))
            .unwrap();
    assert_eq!(o.billing_address, OrderAddress::default());

    let page: Page<Customer> =
        serde_json::from_value::<ListEnvelope<Customer>>(json!({"data": null}))
            .unwrap()
            .into();
    assert!(page.items.is_empty());
    assert!(page.pagination.is_none());
}

#[test]
fn unknown_enum_values_are_kept() {
    let p: Product = serde_json::from_value(
        json!({"id": 1, "availability": "backorder", "type": "subscription"}),
    )
    .unwrap();
    assert_eq!(p.availability, Availability::Other("backorder".into()));
    assert_eq!(p.product_type, ProductType::Other("subscription".into()));
    let out = serde_json::to_value(&p).unwrap();
    assert_eq!(out["availability"], json!("backorder"));
    assert_eq!(Availability::Available.next(), Availability::Disabled);
    assert_eq!(Availability::Preorder.next(), Availability::Available);
    assert_eq!(ProductType::Digital.next(), ProductType::Physical);
}

#[test]
fn date_helpers() {
    use bctui::api::dates::*;
    let dt = parse_datetime("Tue, 20 Nov 2012 00:00:00 +0000").unwrap();
    assert_eq!(format_rfc2822(&dt), "Tue, 20 Nov 2012 00:00:00 +0000");
    assert_eq!(format_iso8601(&dt), "2012-11-20T00:00:00+00:00");
    assert_eq!(
        parse_datetime("2024-05-14T09:34:00"),
        parse_datetime("2024-05-14T09:34:00Z")
    );
    assert_eq!(
        parse_datetime("Thu, 20 Apr 2017 11:32:00 -0400")
            .unwrap()
            .to_rfc3339(),
        "2017-04-20T15:32:00+00:00"
    );
    assert!(parse_datetime("").is_none());
    assert!(parse_datetime("yesterday").is_none());
}

#[test]
fn money_reads_exactly_from_a_json_value_too() {
    // The TUI and tests build models from `serde_json::Value` as well as text.
    let p: Product =
        serde_json::from_value(json!({"id": 1, "price": 9.95, "cost_price": "0.10"})).unwrap();
    assert_eq!(p.price.to_string(), "9.95");
    assert_eq!(p.cost_price.to_string(), "0.10");
    let back = serde_json::to_value(&p).unwrap();
    assert_eq!(back["price"].to_string(), "9.95");
}

#[test]
fn hooks() {
    let hook: Hook = one("hook_get.json");
    assert_eq!(hook.id, 18048287);
    assert_eq!(hook.scope, "store/order/created");
    assert_eq!(hook.destination, "https://665b65a6.ngrok.io/webhooks");
    assert!(hook.is_active);
    assert_eq!(hook.headers["custom-key"], "developer-defined value");
    assert_eq!(
        hook.created().map(|d| d.to_rfc3339()),
        Some("2019-06-25T18:41:46+00:00".to_string())
    );
    // The overview's create example answers `"headers": null`.
    let bare: Hook = serde_json::from_value(json!({"id": 1, "headers": null})).unwrap();
    assert!(bare.headers.is_empty());
    assert!(documented_scopes().contains(&"store/order/*"));
    assert!(documented_scopes().contains(&"store/shipment/created"));
}
