//! Category trees: `/v3/catalog/trees`, `/v3/catalog/trees/categories` (list, create 201,
//! update, delete 202) and the nested `/v3/catalog/trees/{tree_id}/categories`.

use axum::http::Method;
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, Reply};
use super::fields::Fields;
use super::query::{in_list, v3_list, v3_page};
use super::server::{Ctx, only_get, path_id};
use super::store::{Category, StoreData, Tree, next_id};
use super::tree_categories;

const TREE_BATCH_LIMIT: usize = 50;

pub(crate) fn route(ctx: &Ctx, data: &mut StoreData, method: &Method, rest: &[&str]) -> ApiResult {
    match rest {
        [] => match *method {
            Method::GET => list_trees(ctx, data),
            Method::PUT => upsert_trees(ctx, data),
            Method::DELETE => delete_trees(ctx, data),
            _ => Err(ApiError::method_not_allowed()),
        },
        ["categories"] => match *method {
            Method::GET => tree_categories::list_categories(ctx, data),
            Method::POST => tree_categories::create_categories(ctx, data),
            Method::PUT => tree_categories::update_categories(ctx, data),
            Method::DELETE => tree_categories::delete_categories(ctx, data),
            _ => Err(ApiError::method_not_allowed()),
        },
        [tree_id, "categories"] => {
            only_get(method)?;
            nested(ctx, data, path_id(tree_id)?)
        }
        _ => Err(ApiError::not_found()),
    }
}

fn list_trees(ctx: &Ctx, data: &StoreData) -> ApiResult {
    let ids = ctx.query.int_list("id:in")?;
    let channels = ctx.query.int_list("channel_id:in")?;
    let page = v3_page(&ctx.query)?;
    let found: Vec<&Tree> = data
        .trees
        .values()
        .filter(|t| in_list(&ids, t.id))
        .filter(|t| {
            channels
                .as_ref()
                .is_none_or(|l| t.channels.iter().any(|c| l.contains(&(*c as i64))))
        })
        .collect();
    let items = page.slice(&found).iter().map(|t| json!(t)).collect();
    Ok(v3_list(found.len(), page, items))
}

/// `PUT /catalog/trees`: upsert; `channels` required on create.
fn upsert_trees(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let too_large =
        "The request payload is too large. The maximum trees allowed in the array is 50.";
    let items = ctx.json_batch(TREE_BATCH_LIMIT, too_large)?;
    let mut staged = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut f = Fields::new(item, format!("{i}."));
        let id = f.int("id");
        let name = f.str("name");
        let channels = f.int_list("channels");
        match id.map(|id| id as u64) {
            Some(id) if data.trees.contains_key(&id) => {
                if channels.is_some() {
                    f.error(
                        "channels",
                        "Channels cannot be changed on an existing tree.",
                    );
                }
                let mut t = data.trees[&id].clone();
                if let Some(n) = name {
                    t.name = n;
                }
                staged.push(t);
            }
            Some(id) => f.error("id", format!("Tree {id} does not exist.")),
            None => match (name, channels) {
                (Some(name), Some(ch)) if ch.len() == 1 => staged.push(Tree {
                    id: 0,
                    name,
                    channels: vec![ch[0] as u64],
                }),
                (None, _) => f.require(&["name"]),
                _ => f.error(
                    "channels",
                    "Exactly one channel is required to create a tree.",
                ),
            },
        }
        f.finish("The tree is not valid.")?;
    }
    let mut out = Vec::new();
    for mut t in staged {
        if t.id == 0 {
            t.id = next_id(&mut data.ids.tree);
        }
        out.push(json!(t));
        data.trees.insert(t.id, t);
    }
    let n = out.len();
    Ok(Reply::json(
        200,
        &json!({ "data": out, "meta": { "total": n, "success": n, "failed": 0 } }),
    ))
}

fn delete_trees(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let Some(ids) = ctx.query.int_list("id:in")? else {
        return Err(ApiError::new(422, "A filter is required to delete trees.")
            .field("id:in", "Pass id:in."));
    };
    for id in ids {
        let id = id as u64;
        if data.trees.remove(&id).is_some() {
            let doomed: Vec<u64> = data
                .categories
                .values()
                .filter(|c| c.tree_id == id)
                .map(|c| c.category_id)
                .collect();
            tree_categories::remove_categories(data, &doomed, ctx.now);
        }
    }
    Ok(Reply::empty(204))
}

/// `GET /catalog/trees/{tree_id}/categories[?depth=N]`: the nested tree.
fn nested(ctx: &Ctx, data: &StoreData, tree_id: u64) -> ApiResult {
    if !data.trees.contains_key(&tree_id) {
        return Err(ApiError::new(
            404,
            format!("Category tree {tree_id} was not found."),
        ));
    }
    let max_depth = ctx
        .query
        .int("depth")?
        .filter(|d| *d > 0)
        .map(|d| d as usize);
    fn children(
        data: &StoreData,
        tree_id: u64,
        parent: u64,
        path: &[u64],
        max_depth: Option<usize>,
    ) -> Vec<Value> {
        let mut kids: Vec<&Category> = data
            .categories
            .values()
            .filter(|c| c.tree_id == tree_id && c.parent_id == parent)
            .collect();
        kids.sort_by_key(|c| (c.sort_order, c.category_id));
        kids.into_iter()
            .map(|c| {
                let depth = path.len();
                let mut own_path = path.to_vec();
                own_path.push(c.category_id);
                let grandchildren = if max_depth.is_some_and(|m| depth + 1 >= m) {
                    Vec::new()
                } else {
                    children(data, tree_id, c.category_id, &own_path, max_depth)
                };
                json!({
                    "id": c.category_id,
                    "parent_id": c.parent_id,
                    "depth": depth,
                    "path": path,
                    "name": c.name,
                    "is_visible": c.is_visible,
                    "url": c.url.path,
                    "children": grandchildren,
                })
            })
            .collect()
    }
    Ok(Reply::data(
        200,
        &children(data, tree_id, 0, &[], max_depth),
    ))
}
