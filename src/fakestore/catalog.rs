//! Catalog reads: `/v3/catalog/products` (list, get), `include`/`include_fields`, and
//! `/v3/catalog/summary`. The filters are in `product_filter.rs`, writes in `product_write.rs`,
//! variants in `variants.rs`.

use axum::http::Method;
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, Reply};
use super::product_filter::{Lookups, ProductFilter};
use super::product_indexes::{product_categories, product_keywords, product_order};
use super::product_rows::{product_rows, product_text};
use super::product_write;
use super::query::{Page, Query, v3_list, v3_page};
use super::server::{Ctx, only_get, path_id};
use super::store::{Product, StoreData};
use super::variants;

pub(crate) fn route(ctx: &Ctx, data: &mut StoreData, method: &Method, rest: &[&str]) -> ApiResult {
    match rest {
        ["products"] => match *method {
            Method::GET => list_products(ctx, data),
            Method::POST => product_write::create(ctx, data),
            Method::PUT => product_write::update_batch(ctx, data),
            Method::DELETE => product_write::delete_by_filter(ctx, data),
            _ => Err(ApiError::method_not_allowed()),
        },
        ["products", id] => {
            let id = path_id(id)?;
            match *method {
                Method::GET => get_product(ctx, data, id),
                Method::PUT => product_write::update_one(ctx, data, id),
                Method::DELETE => product_write::delete_one(data, id),
                _ => Err(ApiError::method_not_allowed()),
            }
        }
        ["products", id, "variants", rest @ ..] => {
            variants::route_product(ctx, data, method, path_id(id)?, rest)
        }
        ["variants"] => variants::route_all(ctx, data, method),
        ["summary"] => {
            only_get(method)?;
            Ok(Reply::data(200, &super::catalog_summary::summary(data)))
        }
        _ => Err(ApiError::not_found()),
    }
}

/// The product 404 body (`{status, title, type, instance}` per the spec).
pub(crate) fn product_not_found(id: u64) -> ApiError {
    ApiError::new(404, format!("Product {id} was not found."))
        .field("id", "The requested product does not exist.")
}

/// Product `id`, or the 404 that names it.
pub(crate) fn find_product(data: &StoreData, id: u64) -> Result<&Product, ApiError> {
    data.products
        .get(&id)
        .map(Box::as_ref)
        .ok_or_else(|| product_not_found(id))
}

/// Which sub-resources to embed and which fields to keep.
pub(crate) struct Shape {
    include: Vec<String>,
    include_fields: Option<Vec<String>>,
    exclude_fields: Vec<String>,
}

impl Shape {
    pub(crate) fn from_query(q: &Query) -> Shape {
        Shape {
            include: q.list("include").unwrap_or_default(),
            include_fields: q.list("include_fields"),
            exclude_fields: q.list("exclude_fields").unwrap_or_default(),
        }
    }

    /// A product as the shape asks for it. Without `include` or a field selection the product
    /// serialises as it is; otherwise it goes through a `Value` to add and drop keys.
    pub(crate) fn shaped<'a>(&self, p: &'a Product) -> Shaped<'a> {
        if self.include.is_empty()
            && self.include_fields.is_none()
            && self.exclude_fields.is_empty()
        {
            Shaped::Whole(p)
        } else {
            Shaped::Selected(self.render(p))
        }
    }

    /// Renders a product: embeds what `include` asks for, then applies the field selection.
    pub(crate) fn render(&self, p: &Product) -> Value {
        let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
        let Value::Object(map) = &mut v else { return v };
        for inc in &self.include {
            let embedded = match inc.as_str() {
                "variants" => serde_json::to_value(&p.variants).unwrap_or(Value::Null),
                "options" => serde_json::to_value(&p.options).unwrap_or(Value::Null),
                "images" | "custom_fields" | "bulk_pricing_rules" | "videos" | "modifiers"
                | "reviews" | "parent_relations" => json!([]),
                "primary_image" => Value::Null,
                "channels" => json!([1]),
                _ => continue,
            };
            map.insert(inc.clone(), embedded);
        }
        if let Some(keep) = &self.include_fields {
            map.retain(|k, _| {
                k == "id" || keep.iter().any(|f| f == k) || self.include.iter().any(|i| i == k)
            });
        }
        for f in &self.exclude_fields {
            if f != "id" {
                map.remove(f);
            }
        }
        v
    }
}

/// A rendered product: the product itself, or its reshaped JSON.
pub(crate) enum Shaped<'a> {
    Whole(&'a Product),
    Selected(Value),
}

impl serde::Serialize for Shaped<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Shaped::Whole(p) => p.serialize(s),
            Shaped::Selected(v) => v.serialize(s),
        }
    }
}

const SORTS: &[&str] = &[
    "id",
    "name",
    "sku",
    "price",
    "date_modified",
    "date_last_imported",
    "inventory_level",
    "is_visible",
    "total_sold",
    "calculated_price",
];

fn list_products(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let q = &ctx.query;
    let filter = ProductFilter::from_query(q)?;
    let sort = q.one_of("sort", SORTS)?.unwrap_or_else(|| "id".into());
    let descending = q.one_of("direction", &["asc", "desc"])?.as_deref() == Some("desc");
    let page = v3_page(q)?;
    let shape = Shape::from_query(q);
    let text = filter.by_text().then(|| product_text(data));
    let categories = filter.by_category().then(|| product_categories(data));
    let found = Lookups {
        text: text.as_deref(),
        categories: categories.as_deref(),
    };
    let listed = filter.lists_candidates(&found);
    if sort != "id" && !listed {
        // Walk the sort's cached order, testing each product's row (and keyword haystack).
        let order = product_order(data, &sort);
        let rows = product_rows(data);
        let keywords = filter.by_keyword().then(|| product_keywords(data));
        let decided = filter.rows_and_keywords_decide();
        let data = &*data;
        let places: Box<dyn Iterator<Item = &u32>> = if descending {
            Box::new(order.order.iter().rev())
        } else {
            Box::new(order.order.iter())
        };
        if !filter.any {
            // Unfiltered: the page is a slice of the order, and the total its length.
            let skip = (page.page - 1).saturating_mul(page.limit);
            let items = places
                .skip(skip)
                .take(page.limit)
                .filter_map(|at| rows.get(*at as usize))
                .filter_map(|row| data.products.get(&row.id))
                .map(|p| shape.shaped(p))
                .collect();
            return Ok(v3_list(order.order.len(), page, items));
        }
        let ids = places.filter_map(|at| {
            let at = *at as usize;
            let row = rows.get(at)?;
            let keyword_ok = match &keywords {
                Some(haystacks) if decided => filter.matches_keywords(haystacks.get(at)?),
                _ => true,
            };
            let matched = filter.matches_row(row)
                && keyword_ok
                && (decided
                    || data
                        .products
                        .get(&row.id)
                        .is_some_and(|p| filter.matches(p, &data.brands)));
            matched.then_some(row.id)
        });
        return Ok(id_ordered_page(ids, data, page, &shape));
    }
    if sort == "id" && !listed && !filter.ids_only() && filter.rows_and_keywords_decide() {
        let rows = product_rows(data);
        let keywords = filter.by_keyword().then(|| product_keywords(data));
        let matching = rows.iter().enumerate().filter(|(at, r)| {
            filter.matches_row(r)
                && keywords.as_ref().is_none_or(|haystacks| {
                    haystacks
                        .get(*at)
                        .is_some_and(|h| filter.matches_keywords(h))
                })
        });
        let ids: Box<dyn Iterator<Item = u64>> = if descending {
            Box::new(matching.rev().map(|(_, r)| r.id))
        } else {
            Box::new(matching.map(|(_, r)| r.id))
        };
        return Ok(id_ordered_page(ids, &*data, page, &shape));
    }
    let order = (sort != "id").then(|| (product_order(data, &sort), product_rows(data)));
    let data = &*data;
    let check = !filter.ids_only();
    let matching = filter
        .candidates(&data.products, &found)
        .filter(|(_, p)| !check || filter.matches(p, &data.brands));
    let Some((order, rows)) = order else {
        let ids: Box<dyn Iterator<Item = u64>> = if descending {
            Box::new(matching.rev().map(|(id, _)| id))
        } else {
            Box::new(matching.map(|(id, _)| id))
        };
        return Ok(id_ordered_page(ids, data, page, &shape));
    };
    // A few listed products: sorted by their place in the sort's cached order.
    let mut found: Vec<(u32, u64)> = matching
        .filter_map(|(id, _)| {
            let at = rows.binary_search_by_key(&id, |r| r.id).ok()?;
            Some((*order.rank.get(at)?, id))
        })
        .collect();
    found.sort_unstable();
    if descending {
        found.reverse();
    }
    let ids = found.into_iter().map(|(_, id)| id);
    Ok(id_ordered_page(ids, data, page, &shape))
}

/// One page of the matching products, given their ids in list order: counts them all and
/// renders only the page's, without collecting or sorting the catalog.
fn id_ordered_page(
    ids: impl Iterator<Item = u64>,
    data: &StoreData,
    page: Page,
    shape: &Shape,
) -> Reply {
    let skip = (page.page - 1).saturating_mul(page.limit);
    let mut total = 0;
    let mut items = Vec::with_capacity(page.limit.min(64));
    for id in ids {
        if total >= skip
            && total - skip < page.limit
            && let Some(p) = data.products.get(&id)
        {
            items.push(shape.shaped(p));
        }
        total += 1;
    }
    v3_list(total, page, items)
}

fn get_product(ctx: &Ctx, data: &StoreData, id: u64) -> ApiResult {
    let p = find_product(data, id)?;
    Ok(Reply::data(200, &Shape::from_query(&ctx.query).shaped(p)))
}
