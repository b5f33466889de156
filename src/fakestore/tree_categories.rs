//! Tree categories: `/v3/catalog/trees/categories` — list (filters), create (201, 207 partial),
//! update (200 `{meta}`), delete (202; descendants go too, products lose the ids). Errors use the
//! spec's `{"errors": {...}, "meta": {...}}` shape.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, Reply, STATUS_CODES_URL};
use super::fields::{Fields, set_fields};
use super::product_write::touched;
use super::query::{in_list, v3_list, v3_page};
use super::seed::new_category;
use super::server::Ctx;
use super::store::{Category, StoreData};
use super::words::slug;

/// The categories endpoints' 422: `{"errors": {status,title,type,errors}, "meta": {...}}`.
fn category_error(title: &str, errors: Vec<(String, String)>, total: usize) -> ApiError {
    ApiError::raw(
        422,
        json!({
            "errors": error_object(title, errors),
            "meta": { "total": total, "success": 0, "failed": total },
        }),
    )
}

/// The `errors` object of a batch answer: its title and the messages by field (`N.field`).
fn error_object(title: &str, errors: Vec<(String, String)>) -> Value {
    let map: serde_json::Map<String, Value> = errors
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)))
        .collect();
    json!({ "status": 422, "title": title, "type": STATUS_CODES_URL, "errors": map })
}

pub(crate) fn list_categories(ctx: &Ctx, data: &StoreData) -> ApiResult {
    let q = &ctx.query;
    let ids = q.int_list("category_id:in")?;
    let not_ids = q.int_list("category_id:not_in")?;
    let uuids = q.list("category_uuid:in");
    let not_uuids = q.list("category_uuid:not_in");
    let trees = q.int_list("tree_id:in")?;
    let not_trees = q.int_list("tree_id:not_in")?;
    let parents = q.int_list("parent_id:in")?;
    let not_parents = q.int_list("parent_id:not_in")?;
    let name = q.get("name").map(str::to_lowercase);
    let name_like = q.get("name:like").map(str::to_lowercase);
    let title = q.get("page_title").map(str::to_lowercase);
    let title_like = q.get("page_title:like").map(str::to_lowercase);
    let keyword = q.get("keyword").map(str::to_lowercase);
    let visible = q.bool("is_visible")?;
    let page = v3_page(q)?;
    let lacks = |l: &Option<Vec<i64>>, x: u64| l.as_ref().is_none_or(|l| !l.contains(&(x as i64)));
    let found: Vec<&Category> = data
        .categories
        .values()
        .filter(|c| in_list(&ids, c.category_id) && lacks(&not_ids, c.category_id))
        .filter(|c| in_list(&trees, c.tree_id) && lacks(&not_trees, c.tree_id))
        .filter(|c| in_list(&parents, c.parent_id) && lacks(&not_parents, c.parent_id))
        .filter(|c| uuids.as_ref().is_none_or(|l| l.contains(&c.category_uuid)))
        .filter(|c| {
            not_uuids
                .as_ref()
                .is_none_or(|l| !l.contains(&c.category_uuid))
        })
        .filter(|c| name.as_ref().is_none_or(|n| c.name.to_lowercase() == *n))
        .filter(|c| {
            name_like
                .as_ref()
                .is_none_or(|n| c.name.to_lowercase().contains(n.as_str()))
        })
        .filter(|c| {
            title
                .as_ref()
                .is_none_or(|n| c.page_title.to_lowercase() == *n)
        })
        .filter(|c| {
            title_like
                .as_ref()
                .is_none_or(|n| c.page_title.to_lowercase().contains(n.as_str()))
        })
        .filter(|c| {
            keyword.as_ref().is_none_or(|k| {
                c.name.to_lowercase().contains(k.as_str())
                    || c.description.to_lowercase().contains(k.as_str())
                    || c.search_keywords.to_lowercase().contains(k.as_str())
            })
        })
        .filter(|c| visible.is_none_or(|v| c.is_visible == v))
        .collect();
    let items = page.slice(&found).iter().map(|c| json!(c)).collect();
    Ok(v3_list(found.len(), page, items))
}

/// Applies the writable fields; validation problems go to `f`.
fn apply(f: &mut Fields, c: &mut Category) {
    if let Some(name) = f.name("name", 50) {
        c.name = name;
    }
    set_fields!(f => c, text:
        description, page_title, meta_description, layout_file, image_url, search_keywords);
    set_fields!(f => c, int: sort_order);
    set_fields!(f => c, bool: is_visible);
    set_fields!(f => c, str_list: meta_keywords);
    if let Some(v) = f.int("views") {
        c.views = v.max(0) as u64;
    }
    let sorts = [
        "use_store_settings",
        "featured",
        "newest",
        "best_selling",
        "alpha_asc",
        "alpha_desc",
        "avg_customer_review",
        "price_asc",
        "price_desc",
    ];
    if let Some(v) = f.one_of("default_product_sort", &sorts) {
        c.default_product_sort = v;
    }
    if let Some(url) = f.raw("url") {
        let mut uf = Fields::new(url, "url.");
        if let Some(p) = uf.str("path") {
            c.url.path = p;
        }
        if let Some(b) = uf.bool("is_customized") {
            c.url.is_customized = b;
        }
        f.errors.extend(uf.errors);
    }
}

/// Applies the item's fields to `c`, refusing a name that a sibling already has.
fn apply_unique(f: &mut Fields, c: &mut Category, data: &StoreData) {
    apply(f, c);
    if f.errors.is_empty() && sibling_name_taken(data, c) {
        f.error(
            "name",
            "A category with this name already exists at this level.",
        );
    }
}

fn sibling_name_taken(data: &StoreData, c: &Category) -> bool {
    data.categories.values().any(|o| {
        o.category_id != c.category_id
            && o.tree_id == c.tree_id
            && o.parent_id == c.parent_id
            && o.name.eq_ignore_ascii_case(&c.name)
    })
}

/// `POST /catalog/trees/categories` → 201 (all created), 207 (some) or 422 (none).
pub(crate) fn create_categories(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let items = ctx.json_array()?;
    let total = items.len();
    let mut created = Vec::new();
    let mut errors = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut f = Fields::new(item, format!("{i}."));
        f.require(&["name"]);
        let parent_id = f.int("parent_id").unwrap_or(0).max(0) as u64;
        let tree_id = f.int("tree_id").map(|t| t.max(0) as u64);
        let tree_id = if parent_id != 0 {
            match data.categories.get(&parent_id) {
                Some(parent) if tree_id.is_none_or(|t| t == parent.tree_id) => Some(parent.tree_id),
                Some(_) => {
                    f.error("parent_id", "The parent category belongs to another tree.");
                    None
                }
                None => {
                    f.error(
                        "parent_id",
                        format!("Parent category {parent_id} does not exist."),
                    );
                    None
                }
            }
        } else {
            match tree_id {
                Some(t) if data.trees.contains_key(&t) => Some(t),
                Some(t) => {
                    f.error("tree_id", format!("Tree {t} does not exist."));
                    None
                }
                None => {
                    f.error("tree_id", "Either tree_id or parent_id is required.");
                    None
                }
            }
        };
        let parent_path = data
            .categories
            .get(&parent_id)
            .map(|p| p.url.path.clone())
            .unwrap_or_else(|| "/".into());
        let mut c = new_category(data, tree_id.unwrap_or(0), parent_id, "", String::new());
        apply_unique(&mut f, &mut c, data);
        if f.errors.is_empty() {
            if c.url.path.is_empty() {
                c.url.path = format!("{parent_path}{}/", slug(&c.name));
            }
            created.push(json!(c));
            data.emit_about("store/category/created", "category", c.category_id);
            data.categories.insert(c.category_id, c);
        } else {
            errors.extend(f.errors);
        }
    }
    let success = created.len();
    batch_reply(201, "created", Some(created), errors, total, success)
}

/// `PUT /catalog/trees/categories`: each item needs `category_id` → 200 `{meta}` (207 partial).
pub(crate) fn update_categories(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let items = ctx.json_array()?;
    let total = items.len();
    let mut errors = Vec::new();
    let mut success = 0;
    for (i, item) in items.iter().enumerate() {
        let mut f = Fields::new(item, format!("{i}."));
        f.require(&["category_id"]);
        let id = f.int("category_id").unwrap_or(0).max(0) as u64;
        let Some(mut c) = data.categories.get(&id).cloned() else {
            if f.errors.is_empty() {
                f.error("category_id", format!("Category {id} does not exist."));
            }
            errors.extend(f.errors);
            continue;
        };
        if let Some(parent) = f.int("parent_id") {
            let parent = parent.max(0) as u64;
            let valid = parent == 0
                || (data
                    .categories
                    .get(&parent)
                    .is_some_and(|p| p.tree_id == c.tree_id)
                    && !data.category_subtree(id).contains(&parent));
            if valid {
                c.parent_id = parent;
            } else {
                f.error(
                    "parent_id",
                    format!("Category {parent} cannot be the parent of category {id}."),
                );
            }
        }
        apply_unique(&mut f, &mut c, data);
        if f.errors.is_empty() {
            data.categories.insert(id, c);
            data.emit_about("store/category/updated", "category", id);
            success += 1;
        } else {
            errors.extend(f.errors);
        }
    }
    batch_reply(200, "updated", None, errors, total, success)
}

/// The answer to a batch of `total` categories of which `success` were `done` ("created",
/// "updated"): an error when none were; `status` with `meta` (and `data`, the categories
/// as they are now, when the operation answers them) when all were; 207 with the errors
/// by field as well when some were not.
fn batch_reply(
    status: u16,
    done: &str,
    data: Option<Vec<Value>>,
    errors: Vec<(String, String)>,
    total: usize,
    success: usize,
) -> ApiResult {
    if success == 0 && total > 0 {
        return Err(category_error(
            &format!("The categories could not be {done}."),
            errors,
            total,
        ));
    }
    let meta = json!({ "total": total, "success": success, "failed": total - success });
    let mut body = serde_json::Map::new();
    if let Some(data) = data {
        body.insert("data".to_string(), Value::Array(data));
    }
    let status = if errors.is_empty() {
        status
    } else {
        let title = format!("Some categories could not be {done}.");
        body.insert("errors".to_string(), error_object(&title, errors));
        207
    };
    body.insert("meta".to_string(), meta);
    Ok(Reply::json(status, &Value::Object(body)))
}

/// Removes categories (callers pass whole subtrees) and drops their ids from products, which
/// counts as a change to those products.
pub(crate) fn remove_categories(data: &mut StoreData, ids: &[u64], now: DateTime<Utc>) {
    for id in ids {
        if data.categories.remove(id).is_some() {
            data.emit_about("store/category/deleted", "category", *id);
        }
    }
    let mut changed = Vec::new();
    for p in data.products.values_mut() {
        if p.categories.iter().any(|c| ids.contains(c)) {
            p.categories.retain(|c| !ids.contains(c));
            p.date_modified = touched(p.date_modified, now);
            changed.push(p.id);
        }
    }
    for id in changed {
        data.emit_about("store/product/updated", "product", id);
    }
}

/// `DELETE /catalog/trees/categories?category_id:in=...` → 202 `{meta}`; descendants go too.
pub(crate) fn delete_categories(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let q = &ctx.query;
    let mut roots: Vec<u64> = Vec::new();
    let mut total = 0;
    if let Some(ids) = q.int_list("category_id:in")? {
        total += ids.len();
        roots.extend(
            ids.iter()
                .map(|i| *i as u64)
                .filter(|i| data.categories.contains_key(i)),
        );
    }
    if let Some(uuids) = q.list("category_uuid:in") {
        total += uuids.len();
        roots.extend(
            data.categories
                .values()
                .filter(|c| uuids.contains(&c.category_uuid))
                .map(|c| c.category_id),
        );
    }
    // Categories whose `field` is one of the ids given for `key`.
    let by_field = |key: &str, field: fn(&Category) -> u64| -> Result<Vec<u64>, ApiError> {
        let ids = q.int_list(key)?.unwrap_or_default();
        Ok(data
            .categories
            .values()
            .filter(|c| ids.contains(&(field(c) as i64)))
            .map(|c| c.category_id)
            .collect())
    };
    for found in [
        by_field("tree_id:in", |c| c.tree_id)?,
        by_field("parent_id:in", |c| c.parent_id)?,
    ] {
        total += found.len();
        roots.extend(found);
    }
    if !q.has_any(&[
        "category_id:in",
        "category_uuid:in",
        "tree_id:in",
        "parent_id:in",
    ]) {
        let errors = vec![(
            "category_id:in".to_string(),
            "A filter is required to delete categories.".to_string(),
        )];
        return Err(category_error("A filter is required.", errors, 0));
    }
    roots.sort_unstable();
    roots.dedup();
    let success = roots.len().min(total);
    let mut doomed = Vec::new();
    for root in roots {
        doomed.extend(data.category_subtree(root));
    }
    doomed.sort_unstable();
    doomed.dedup();
    remove_categories(data, &doomed, ctx.now);
    Ok(Reply::json(
        202,
        &json!({ "meta": { "total": total, "success": success, "failed": total - success } }),
    ))
}
