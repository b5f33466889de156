//! Catalog writes: create, update (one and batch of ≤10) and delete products, with the spec's
//! validation — 422 for invalid fields, 409 for duplicate names/SKUs or unknown categories/brands.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::catalog::{Shape, find_product, product_not_found};
use super::errors::{ApiError, ApiResult, Reply};
use super::fields::{Fields, set_fields};
use super::product_filter::ProductFilter;
use super::seed_variants::base_variant;
use super::server::Ctx;
use super::store::{CustomUrl, Product, StoreData, next_id};
use super::words::slug;

const BATCH_LIMIT: usize = 10;
const BULK_DELETE_LIMIT: usize = 250;

/// The new `date_modified` after a write: now (never earlier than the old value), whole seconds.
pub(crate) fn touched(old: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(now.timestamp(), 0)
        .unwrap_or(now)
        .max(old)
}

fn conflict(field: &str, title: &str) -> ApiError {
    ApiError::new(409, title).field(field, title)
}

/// A product with the API's defaults for every field, created (and modified) at `now`.
pub(crate) fn blank_product(id: u64, now: DateTime<Utc>) -> Product {
    let now = touched(now, now);
    Product {
        id,
        name: String::new(),
        kind: "physical".into(),
        sku: String::new(),
        description: String::new(),
        weight: Decimal::ZERO,
        width: Decimal::ZERO,
        depth: Decimal::ZERO,
        height: Decimal::ZERO,
        price: Decimal::ZERO,
        cost_price: Decimal::ZERO,
        retail_price: Decimal::ZERO,
        sale_price: Decimal::ZERO,
        map_price: Decimal::ZERO,
        tax_class_id: 0,
        product_tax_code: String::new(),
        calculated_price: Decimal::ZERO,
        categories: Vec::new(),
        brand_id: 0,
        option_set_id: None,
        option_set_display: "right".into(),
        inventory_level: 0,
        inventory_warning_level: 0,
        inventory_tracking: "none".into(),
        reviews_rating_sum: 0,
        reviews_count: 0,
        total_sold: 0,
        fixed_cost_shipping_price: Decimal::ZERO,
        is_free_shipping: false,
        is_visible: true,
        is_featured: false,
        related_products: vec![-1],
        warranty: String::new(),
        bin_picking_number: String::new(),
        layout_file: "product.html".into(),
        upc: String::new(),
        mpn: String::new(),
        gtin: String::new(),
        search_keywords: String::new(),
        availability: "available".into(),
        availability_description: String::new(),
        gift_wrapping_options_type: "any".into(),
        gift_wrapping_options_list: Vec::new(),
        sort_order: 0,
        condition: "New".into(),
        is_condition_shown: false,
        order_quantity_minimum: 0,
        order_quantity_maximum: 0,
        page_title: String::new(),
        meta_keywords: Vec::new(),
        meta_description: String::new(),
        date_created: now,
        date_modified: now,
        view_count: 0,
        preorder_release_date: None,
        preorder_message: String::new(),
        is_preorder_only: false,
        is_price_hidden: false,
        price_hidden_label: String::new(),
        custom_url: CustomUrl {
            url: String::new(),
            is_customized: false,
        },
        base_variant_id: None,
        open_graph_type: "product".into(),
        open_graph_title: String::new(),
        open_graph_description: String::new(),
        open_graph_use_meta_description: true,
        open_graph_use_product_name: true,
        open_graph_use_image: true,
        variants: Vec::new(),
        options: Vec::new(),
    }
}

/// Applies the writable fields of `body` to `p`, validating types and values (422), then checks
/// names, SKUs, categories and brands against the store (409). Read-only fields are ignored.
fn apply(data: &StoreData, p: &mut Product, body: &Value, prefix: &str) -> Result<(), ApiError> {
    let mut f = Fields::new(body, prefix);
    if let Some(name) = f.name("name", 250) {
        p.name = name;
    }
    if let Some(kind) = f.one_of("type", &["physical", "digital"]) {
        p.kind = kind.into();
    }
    if let Some(sku) = f.text_up_to("sku", 255) {
        p.sku = sku;
    }
    set_fields!(f => p, amount:
        weight, width, depth, height, price, cost_price, retail_price, sale_price, map_price,
        fixed_cost_shipping_price);
    set_fields!(f => p, text:
        description, product_tax_code, warranty, bin_picking_number, layout_file, upc, mpn, gtin,
        search_keywords, availability_description, page_title, meta_description, preorder_message,
        price_hidden_label, open_graph_title, open_graph_description);
    set_fields!(f => p, bool:
        is_free_shipping, is_visible, is_featured, is_condition_shown, is_preorder_only,
        is_price_hidden, open_graph_use_meta_description, open_graph_use_product_name,
        open_graph_use_image);
    set_fields!(f => p, int:
        inventory_level, inventory_warning_level, sort_order, order_quantity_minimum,
        order_quantity_maximum);
    set_fields!(f => p, str_list: meta_keywords);
    if let Some(v) = f.one_of("inventory_tracking", &["none", "product", "variant"]) {
        p.inventory_tracking = v.into();
    }
    if let Some(v) = f.one_of("availability", &["available", "disabled", "preorder"]) {
        p.availability = v.into();
    }
    if let Some(v) = f.one_of("condition", &["New", "Used", "Refurbished"]) {
        p.condition = v.into();
    }
    if let Some(v) = f.one_of("gift_wrapping_options_type", &["any", "none", "list"]) {
        p.gift_wrapping_options_type = v.into();
    }
    if let Some(v) = f.int("tax_class_id") {
        p.tax_class_id = v.max(0) as u64;
    }
    if let Some(v) = f.int("view_count") {
        p.view_count = v.max(0) as u64;
    }
    if let Some(v) = f.int("total_sold") {
        p.total_sold = v.max(0) as u64;
    }
    let categories = f.int_list("categories");
    let brand = f.int("brand_id");
    if let Some(url) = f.raw("custom_url") {
        let mut cu = Fields::new(url, format!("{prefix}custom_url."));
        if let Some(u) = cu.str("url") {
            p.custom_url.url = u;
        }
        if let Some(b) = cu.bool("is_customized") {
            p.custom_url.is_customized = b;
        }
        f.errors.extend(cu.errors);
    }
    f.finish("JSON data is missing or invalid")?;

    if let Some(categories) = categories {
        if let Some(bad) = categories
            .iter()
            .find(|c| !data.categories.contains_key(&(**c as u64)))
        {
            return Err(conflict(
                "categories",
                &format!("Category {bad} does not exist"),
            ));
        }
        p.categories = categories.into_iter().map(|c| c as u64).collect();
    }
    if let Some(b) = brand {
        if b != 0 && !data.brands.contains_key(&(b as u64)) {
            return Err(conflict("brand_id", &format!("Brand {b} does not exist")));
        }
        p.brand_id = b.max(0) as u64;
    }
    if data.name_taken(&p.name, Some(p.id)) {
        return Err(conflict("name", "The product name is a duplicate"));
    }
    if data.sku_taken(&p.sku, Some(p.id)) {
        return Err(conflict("sku", "The product sku is a duplicate"));
    }
    if p.custom_url.url.is_empty() {
        p.custom_url.url = format!("/{}/", slug(&p.name));
    }
    Ok(())
}

/// `POST /catalog/products` → 200 with the new product.
pub(crate) fn create(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let body = ctx.json()?;
    let mut f = Fields::new(&body, "");
    f.require(&["name", "type", "weight", "price"]);
    f.finish("JSON data is missing or invalid")?;
    let id = data.ids.product + 1;
    let mut p = blank_product(id, ctx.now);
    apply(data, &mut p, &body, "")?;
    if let Some(Value::Array(variants)) = body.get("variants") {
        super::variants::create_inline(data, &mut p, variants)?;
    }
    next_id(&mut data.ids.product);
    if p.variants.is_empty() {
        let v = base_variant(data, &p);
        p.base_variant_id = Some(v.id);
        p.variants.push(v);
        if p.inventory_tracking == "variant" {
            p.inventory_tracking = "product".into();
        }
    }
    p.recompute();
    let rendered = Shape::from_query(&ctx.query).render(&p);
    data.products.insert(id, Box::new(p));
    data.emit_about("store/product/created", "product", id);
    Ok(Reply::data(200, &rendered))
}

fn update_in_place(
    ctx: &Ctx,
    data: &mut StoreData,
    id: u64,
    body: &Value,
    prefix: &str,
) -> Result<(), ApiError> {
    let mut p = Box::new(find_product(data, id)?.clone());
    let level_before = p.inventory_level;
    apply(data, &mut p, body, prefix)?;
    p.date_modified = touched(p.date_modified, ctx.now);
    p.recompute();
    let level = (p.inventory_level != level_before).then_some(p.inventory_level);
    data.products.insert(id, p);
    data.emit_about("store/product/updated", "product", id);
    if let Some(level) = level {
        data.emit_inventory(id, None, level);
    }
    Ok(())
}

/// `PUT /catalog/products/{id}`: partial update → 200.
pub(crate) fn update_one(ctx: &Ctx, data: &mut StoreData, id: u64) -> ApiResult {
    let body = ctx.json()?;
    if !data.products.contains_key(&id) {
        return Err(product_not_found(id));
    }
    update_in_place(ctx, data, id, &body, "")?;
    Ok(Reply::data(
        200,
        &Shape::from_query(&ctx.query).render(&data.products[&id]),
    ))
}

/// `PUT /catalog/products`: batch of ≤10, each with `id`; all or nothing.
pub(crate) fn update_batch(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let too_large =
        "The request payload is too large. The maximum items allowed in the array is 10.";
    let items = ctx.json_batch(BATCH_LIMIT, too_large)?;
    let mut ids = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let mut f = Fields::new(item, format!("{i}."));
        f.require(&["id"]);
        let id = f.int("id");
        f.finish("JSON data is missing or invalid")?;
        let id = id.unwrap_or(0).max(0) as u64;
        if !data.products.contains_key(&id) {
            return Err(product_not_found(id));
        }
        ids.push(id);
    }
    let originals: Vec<Box<Product>> = ids.iter().map(|id| data.products[id].clone()).collect();
    for (i, (item, id)) in items.iter().zip(&ids).enumerate() {
        if let Err(e) = update_in_place(ctx, data, *id, item, &format!("{i}.")) {
            for p in originals {
                data.products.insert(p.id, p);
            }
            return Err(e);
        }
    }
    let shape = Shape::from_query(&ctx.query);
    let rendered: Vec<Value> = ids
        .iter()
        .map(|id| shape.render(&data.products[id]))
        .collect();
    Ok(Reply::json(200, &json!({ "data": rendered, "meta": {} })))
}

/// `DELETE /catalog/products/{id}` → 204 (404 when it does not exist).
pub(crate) fn delete_one(data: &mut StoreData, id: u64) -> ApiResult {
    data.products
        .remove(&id)
        .ok_or_else(|| product_not_found(id))?;
    data.emit_about("store/product/deleted", "product", id);
    Ok(Reply::empty(204))
}

/// `DELETE /catalog/products?id:in=...` (or other filters) → 204; a filter is required.
pub(crate) fn delete_by_filter(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let filter = ProductFilter::from_query(&ctx.query)?;
    if !filter.any {
        return Err(
            ApiError::new(422, "A filter is required to delete products.").field(
                "id:in",
                "Pass id:in (or another filter) to choose the products to delete.",
            ),
        );
    }
    let doomed: Vec<u64> = data
        .products
        .values()
        .filter(|p| filter.matches(p, &data.brands))
        .map(|p| p.id)
        .take(BULK_DELETE_LIMIT)
        .collect();
    for id in doomed {
        data.products.remove(&id);
        data.emit_about("store/product/deleted", "product", id);
    }
    Ok(Reply::empty(204))
}
