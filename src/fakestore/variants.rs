//! Variants: `/catalog/products/{id}/variants[/{variant_id}]` and `/catalog/variants` (batch ≤50).

use axum::http::Method;
use serde_json::{Value, json};

use super::catalog::find_product;
use super::errors::{ApiError, ApiResult, Reply};
use super::fields::{Fields, set_fields};
use super::product_write::touched;
use super::query::{in_list, v3_list, v3_page};
use super::seed_variants::base_variant;
use super::server::{Ctx, path_id};
use super::store::{
    OptionValue, Product, ProductOption, StoreData, Variant, VariantOptionValue, next_id,
};

const BATCH_LIMIT: usize = 50;

fn variant_not_found(id: u64) -> ApiError {
    ApiError::new(404, format!("Variant {id} was not found."))
        .field("id", "The requested variant does not exist.")
}

/// Applies include_fields/exclude_fields to a rendered variant.
fn render(ctx: &Ctx, v: &Variant) -> Value {
    let mut value = serde_json::to_value(v).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        if let Some(keep) = ctx.query.list("include_fields") {
            map.retain(|k, _| k == "id" || keep.iter().any(|f| f == k));
        }
        for f in ctx.query.list("exclude_fields").unwrap_or_default() {
            if f != "id" {
                map.remove(&f);
            }
        }
    }
    value
}

pub(crate) fn route_product(
    ctx: &Ctx,
    data: &mut StoreData,
    method: &Method,
    product_id: u64,
    rest: &[&str],
) -> ApiResult {
    let product = find_product(data, product_id)?;
    match (rest, method) {
        ([], &Method::GET) => {
            let page = v3_page(&ctx.query)?;
            let items = page
                .slice(&product.variants)
                .iter()
                .map(|v| render(ctx, v))
                .collect();
            Ok(v3_list(product.variants.len(), page, items))
        }
        ([id], &Method::GET) => {
            let id = path_id(id)?;
            let v = product
                .variants
                .iter()
                .find(|v| v.id == id)
                .ok_or_else(|| variant_not_found(id))?;
            Ok(Reply::data(200, &render(ctx, v)))
        }
        ([id], &Method::PUT) => {
            let id = path_id(id)?;
            if !product.variants.iter().any(|v| v.id == id) {
                return Err(variant_not_found(id));
            }
            let body = ctx.json()?;
            update(ctx, data, product_id, id, &body, "")?;
            let v = data.products[&product_id]
                .variants
                .iter()
                .find(|v| v.id == id)
                .map(|v| render(ctx, v));
            Ok(Reply::data(200, &v))
        }
        ([] | [_], _) => Err(ApiError::method_not_allowed()),
        _ => Err(ApiError::not_found()),
    }
}

pub(crate) fn route_all(ctx: &Ctx, data: &mut StoreData, method: &Method) -> ApiResult {
    match *method {
        Method::GET => list_all(ctx, data),
        Method::PUT => update_batch(ctx, data),
        _ => Err(ApiError::method_not_allowed()),
    }
}

fn list_all(ctx: &Ctx, data: &StoreData) -> ApiResult {
    let q = &ctx.query;
    let id = q.int("id")?;
    let sku = q.get("sku").map(str::to_lowercase);
    let upc = q.get("upc");
    let product_ids = q.int_list("product_id:in")?;
    let page = v3_page(q)?;
    let found: Vec<&Variant> = data
        .products
        .values()
        .filter(|p| in_list(&product_ids, p.id))
        .flat_map(|p| p.variants.iter())
        .filter(|v| id.is_none_or(|x| v.id as i64 == x))
        .filter(|v| sku.as_ref().is_none_or(|s| v.sku.to_lowercase() == *s))
        .filter(|v| upc.is_none_or(|u| v.upc == u))
        .collect();
    let items = page.slice(&found).iter().map(|v| render(ctx, v)).collect();
    Ok(v3_list(found.len(), page, items))
}

/// Updates one variant in place; the product's `date_modified` moves too.
fn update(
    ctx: &Ctx,
    data: &mut StoreData,
    product_id: u64,
    id: u64,
    body: &Value,
    prefix: &str,
) -> Result<(), ApiError> {
    let mut product = Box::new(find_product(data, product_id)?.clone());
    let Some(v) = product.variants.iter_mut().find(|v| v.id == id) else {
        return Err(variant_not_found(id));
    };
    let level_before = v.inventory_level;
    let mut f = Fields::new(body, prefix);
    set_fields!(f => v, nullable_amount:
        price, sale_price, retail_price, map_price, cost_price, weight, width, height, depth,
        fixed_cost_shipping_price);
    set_fields!(f => v, bool: is_free_shipping, purchasing_disabled);
    set_fields!(f => v, text:
        purchasing_disabled_message, image_url, upc, mpn, gtin, bin_picking_number);
    set_fields!(f => v, int: inventory_level, inventory_warning_level);
    let sku = f.str("sku");
    f.finish("JSON data is missing or invalid")?;
    if let Some(sku) = sku {
        if sku.trim().is_empty() {
            return Err(ApiError::invalid(
                "sku",
                "The field 'sku' must not be empty.",
            ));
        }
        v.sku = sku;
    }
    let sku = v.sku.clone();
    let is_base = product.base_variant_id == Some(id);
    if is_base {
        product.sku = sku.clone();
    }
    let clash_in_product = product
        .variants
        .iter()
        .filter(|x| x.sku.eq_ignore_ascii_case(&sku))
        .count()
        > 1;
    if clash_in_product || data.sku_taken(&sku, Some(product_id)) {
        return Err(ApiError::new(409, "The variant sku is a duplicate")
            .field("sku", "The variant sku is a duplicate"));
    }
    product.date_modified = touched(product.date_modified, ctx.now);
    product.recompute();
    // Read after recompute: a base variant's stock follows its product's unless tracked by variant.
    let level = product
        .variants
        .iter()
        .find(|v| v.id == id)
        .map(|v| v.inventory_level)
        .filter(|level| *level != level_before);
    data.products.insert(product_id, product);
    if let Some(level) = level {
        // A product without options keeps its stock on its base variant.
        data.emit_inventory(product_id, (!is_base).then_some(id), level);
    }
    Ok(())
}

/// `PUT /catalog/variants`: ≤50 variants, each with `id`; all or nothing.
fn update_batch(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let too_large =
        "The request payload is too large. The maximum items allowed in the array is 50";
    let items = ctx.json_batch(BATCH_LIMIT, too_large)?;
    let mut targets = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut f = Fields::new(item, format!("{i}."));
        f.require(&["id"]);
        let id = f.int("id").unwrap_or(0).max(0) as u64;
        f.finish("JSON data is missing or invalid")?;
        let owner = data
            .products
            .values()
            .find(|p| p.variants.iter().any(|v| v.id == id))
            .map(|p| p.id);
        let Some(product_id) = owner else {
            return Err(ApiError::invalid(
                &format!("{i}.id"),
                format!("Variant {id} does not exist."),
            ));
        };
        targets.push((product_id, id));
    }
    let originals: Vec<Box<Product>> = targets
        .iter()
        .map(|(pid, _)| data.products[pid].clone())
        .collect();
    for (i, (item, (pid, vid))) in items.iter().zip(&targets).enumerate() {
        if let Err(e) = update(ctx, data, *pid, *vid, item, &format!("{i}.")) {
            for p in originals.into_iter().rev() {
                data.products.insert(p.id, p);
            }
            return Err(e);
        }
    }
    let rendered: Vec<Value> = targets
        .iter()
        .filter_map(|(pid, vid)| data.products[pid].variants.iter().find(|v| v.id == *vid))
        .map(|v| render(ctx, v))
        .collect();
    Ok(Reply::json(200, &json!({ "data": rendered, "meta": {} })))
}

/// Variants given inline on product create: `[{sku, price?, inventory_level?, option_values:
/// [{option_display_name, label}]}]`; options are created from the display names.
pub(crate) fn create_inline(
    data: &mut StoreData,
    p: &mut Product,
    variants: &[Value],
) -> Result<(), ApiError> {
    let mut created = Vec::new();
    for (i, item) in variants.iter().enumerate() {
        let mut f = Fields::new(item, format!("variants.{i}."));
        f.require(&["sku"]);
        let sku = f.str("sku").unwrap_or_default();
        let price = f.nullable_amount("price").flatten();
        let inventory = f.int("inventory_level").unwrap_or(0);
        let mut values = Vec::new();
        if let Some(Value::Array(ovs)) = f.raw("option_values") {
            for (j, ov) in ovs.iter().enumerate() {
                let mut of = Fields::new(ov, format!("variants.{i}.option_values.{j}."));
                of.require(&["option_display_name", "label"]);
                let name = of.str("option_display_name").unwrap_or_default();
                let label = of.str("label").unwrap_or_default();
                f.errors.extend(of.errors);
                values.push((name, label));
            }
        }
        f.finish("JSON data is missing or invalid")?;
        let duplicate_here = created
            .iter()
            .any(|(s, _, _, _): &(String, _, _, _)| s.eq_ignore_ascii_case(&sku))
            || p.sku.eq_ignore_ascii_case(&sku);
        if duplicate_here || data.sku_taken(&sku, None) {
            return Err(ApiError::new(409, "The product sku is a duplicate")
                .field("sku", "The product sku is a duplicate"));
        }
        created.push((sku, price, inventory, values));
    }
    for (sku, price, inventory, values) in created {
        let mut v = base_variant(data, p);
        v.sku = sku;
        v.price = price;
        v.inventory_level = inventory;
        for (name, label) in values {
            let option_index = match p.options.iter().position(|o| o.display_name == name) {
                Some(i) => i,
                None => {
                    p.options.push(ProductOption {
                        id: next_id(&mut data.ids.option),
                        product_id: p.id,
                        name: format!("{name}-{}", p.id),
                        display_name: name.clone(),
                        kind: "rectangles".into(),
                        sort_order: p.options.len() as i64,
                        option_values: Vec::new(),
                    });
                    p.options.len() - 1
                }
            };
            let option = &mut p.options[option_index];
            let value_id = match option.option_values.iter().find(|ov| ov.label == label) {
                Some(ov) => ov.id,
                None => {
                    let id = next_id(&mut data.ids.option_value);
                    let sort_order = option.option_values.len() as i64;
                    option.option_values.push(OptionValue {
                        id,
                        label: label.clone(),
                        sort_order,
                        value_data: None,
                        is_default: false,
                    });
                    id
                }
            };
            v.option_values.push(VariantOptionValue {
                id: value_id,
                label,
                option_id: option.id,
                option_display_name: name,
            });
        }
        p.variants.push(v);
    }
    if !p.variants.is_empty() {
        p.inventory_tracking = "variant".into();
        p.base_variant_id = None;
    }
    Ok(())
}
