//! `GET /v2/customer_groups` (sorted by id, V2 paging, `name` and `name:like` filters) and
//! `GET /v2/customer_groups/{id}`.

use axum::http::Method;
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, Reply};
use super::query::{v2_list, v2_page};
use super::server::{Ctx, read_only};
use super::store::StoreData;

pub(crate) fn route(ctx: &Ctx, data: &StoreData, method: &Method, rest: &[&str]) -> ApiResult {
    let one = |id| {
        let name = data
            .customer_groups
            .get(&id)
            .ok_or_else(ApiError::not_found)?;
        Ok(Reply::json(200, &render(id, name)))
    };
    read_only(method, rest, || list(ctx, data), one)
}

fn list(ctx: &Ctx, data: &StoreData) -> ApiResult {
    let q = &ctx.query;
    let page = v2_page(q)?;
    let exact = q.get("name");
    let like = q.get("name:like").map(str::to_lowercase);
    let matching: Vec<(&u64, &String)> = data
        .customer_groups
        .iter()
        .filter(|(_, name)| exact.is_none_or(|e| name.as_str() == e))
        .filter(|(_, name)| {
            like.as_ref()
                .is_none_or(|l| name.to_lowercase().contains(l.as_str()))
        })
        .collect();
    let rows = page
        .slice(&matching)
        .iter()
        .map(|(id, name)| render(**id, name))
        .collect();
    Ok(v2_list(rows))
}

fn render(id: u64, name: &str) -> Value {
    json!({
        "id": id,
        "name": name,
        "is_default": false,
        "category_access": { "type": "all" },
        "discount_rules": [],
        "is_group_for_guests": false,
    })
}
