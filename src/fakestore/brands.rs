//! `GET /v3/catalog/brands` (id and name filters, V3 paging, by id) and `GET /v3/catalog/brands/{id}`.

use axum::http::Method;
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, Reply};
use super::query::{v3_list, v3_page};
use super::server::{Ctx, read_only};
use super::store::StoreData;

pub(crate) fn route(ctx: &Ctx, data: &StoreData, method: &Method, rest: &[&str]) -> ApiResult {
    let one = |id| {
        let name = data.brands.get(&id).ok_or_else(|| {
            ApiError::new(404, format!("Brand {id} was not found."))
                .field("id", "The requested brand does not exist.")
        })?;
        Ok(Reply::data(200, &render(id, name)))
    };
    read_only(method, rest, || list(ctx, data), one)
}

fn list(ctx: &Ctx, data: &StoreData) -> ApiResult {
    let q = &ctx.query;
    let page = v3_page(q)?;
    let id = q.int("id")?;
    let id_in = q.int_list("id:in")?;
    let id_not_in = q.int_list("id:not_in")?;
    let (min, max) = (q.int("id:min")?, q.int("id:max")?);
    let (greater, less) = (q.int("id:greater")?, q.int("id:less")?);
    let name = q.get("name");
    let like = q.get("name:like").map(str::to_lowercase);
    let found: Vec<(u64, &String)> = data
        .brands
        .iter()
        .map(|(id, name)| (*id, name))
        .filter(|(b, n)| {
            let b = *b as i64;
            id.is_none_or(|x| b == x)
                && id_in.as_ref().is_none_or(|l| l.contains(&b))
                && id_not_in.as_ref().is_none_or(|l| !l.contains(&b))
                && min.is_none_or(|x| b >= x)
                && max.is_none_or(|x| b <= x)
                && greater.is_none_or(|x| b > x)
                && less.is_none_or(|x| b < x)
                && name.is_none_or(|x| n.as_str() == x)
                && like
                    .as_ref()
                    .is_none_or(|l| n.to_lowercase().contains(l.as_str()))
        })
        .collect();
    let rows: Vec<Value> = page
        .slice(&found)
        .iter()
        .map(|(id, name)| render(*id, name))
        .collect();
    Ok(v3_list(found.len(), page, rows))
}

fn render(id: u64, name: &str) -> Value {
    let lower = name.to_lowercase();
    let slug = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    json!({
        "id": id,
        "name": name,
        "page_title": name,
        "meta_keywords": [],
        "meta_description": "",
        "search_keywords": "",
        "image_url": "",
        "custom_url": { "url": format!("/brands/{slug}/"), "is_customized": false },
    })
}
