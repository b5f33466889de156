//! Catalog reads: `/v3/catalog/products` (list, get), its filters, `include`/`include_fields`,
//! and `/v3/catalog/summary`. Writes are in `product_write.rs`, variants in `variants.rs`.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use axum::http::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, Reply};
use super::product_rows::{ProductRow, product_rows};
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

/// The product filters of `GET /catalog/products` (also used by the bulk DELETE).
#[derive(Default, PartialEq)]
pub(crate) struct ProductFilter {
    id: Option<i64>,
    id_in: Option<Vec<i64>>,
    id_not_in: Option<Vec<i64>>,
    id_min: Option<i64>,
    id_max: Option<i64>,
    id_greater: Option<i64>,
    id_less: Option<i64>,
    name: Option<String>,
    sku: Option<String>,
    sku_in: Option<Vec<String>>,
    keyword: Option<String>,
    category: Option<i64>,
    categories_in: Option<Vec<i64>>,
    is_visible: Option<bool>,
    is_featured: Option<bool>,
    is_free_shipping: Option<bool>,
    availability: Option<String>,
    kind: Option<String>,
    condition: Option<String>,
    brand_id: Option<i64>,
    price: Option<Decimal>,
    inventory_level: Option<i64>,
    inventory_in: Option<Vec<i64>>,
    inventory_min: Option<i64>,
    inventory_max: Option<i64>,
    inventory_greater: Option<i64>,
    inventory_less: Option<i64>,
    out_of_stock: Option<bool>,
    inventory_low: Option<bool>,
    total_sold: Option<i64>,
    modified_min: Option<chrono::DateTime<chrono::Utc>>,
    modified_max: Option<chrono::DateTime<chrono::Utc>>,
    /// Whether any filter was given (a bulk DELETE needs one).
    pub any: bool,
}

fn lower_list(v: Option<Vec<String>>) -> Option<Vec<String>> {
    v.map(|l| l.into_iter().map(|s| s.to_lowercase()).collect())
}

impl ProductFilter {
    pub(crate) fn from_query(q: &Query) -> Result<ProductFilter, ApiError> {
        let price =
            match q.get("price") {
                None => None,
                Some(v) => Some(v.trim().parse::<Decimal>().map_err(|_| {
                    ApiError::invalid("price", "The filter 'price' must be a number.")
                })?),
            };
        let f = ProductFilter {
            id: q.int("id")?,
            id_in: q.int_list("id:in")?,
            id_not_in: q.int_list("id:not_in")?,
            id_min: q.int("id:min")?,
            id_max: q.int("id:max")?,
            id_greater: q.int("id:greater")?,
            id_less: q.int("id:less")?,
            name: q.get("name").map(str::to_lowercase),
            sku: q.get("sku").map(str::to_lowercase),
            sku_in: lower_list(q.list("sku:in")),
            keyword: q
                .get("keyword")
                .map(|k| k.trim().to_lowercase())
                .filter(|k| !k.is_empty()),
            category: q.int("categories")?,
            categories_in: q.int_list("categories:in")?,
            is_visible: q.bool("is_visible")?,
            is_featured: q.bool("is_featured")?,
            is_free_shipping: q.bool("is_free_shipping")?,
            availability: q.one_of("availability", &["available", "disabled", "preorder"])?,
            kind: q.one_of("type", &["physical", "digital"])?,
            condition: q.one_of("condition", &["new", "used", "refurbished"])?,
            brand_id: q.int("brand_id")?,
            price,
            inventory_level: q.int("inventory_level")?,
            inventory_in: q.int_list("inventory_level:in")?,
            inventory_min: q.int("inventory_level:min")?,
            inventory_max: q.int("inventory_level:max")?,
            inventory_greater: q.int("inventory_level:greater")?,
            inventory_less: q.int("inventory_level:less")?,
            out_of_stock: q.bool("out_of_stock")?,
            inventory_low: q.bool("inventory_low")?,
            total_sold: q.int("total_sold")?,
            modified_min: q.date("date_modified:min")?,
            modified_max: q.date("date_modified:max")?,
            any: false,
        };
        let any = q.has_any(&[
            "id",
            "id:in",
            "id:not_in",
            "id:min",
            "id:max",
            "id:greater",
            "id:less",
            "name",
            "sku",
            "sku:in",
            "keyword",
            "categories",
            "categories:in",
            "is_visible",
            "is_featured",
            "is_free_shipping",
            "availability",
            "type",
            "condition",
            "brand_id",
            "price",
            "inventory_level",
            "inventory_level:in",
            "inventory_level:min",
            "inventory_level:max",
            "inventory_level:greater",
            "inventory_level:less",
            "out_of_stock",
            "inventory_low",
            "total_sold",
            "date_modified:min",
            "date_modified:max",
        ]);
        Ok(ProductFilter { any, ..f })
    }

    /// Whether only the id filters that [`ProductFilter::candidates`] applies are set: then the
    /// candidates are the matches, and counting them touches no product.
    fn ids_only(&self) -> bool {
        let ids = ProductFilter {
            id: self.id,
            id_in: self.id_in.clone(),
            id_min: self.id_min,
            id_max: self.id_max,
            id_greater: self.id_greater,
            id_less: self.id_less,
            any: self.any,
            ..ProductFilter::default()
        };
        *self == ids
    }

    /// Whether only filters that [`ProductRow`]s answer are set (with the id filters).
    fn rows_decide(&self) -> bool {
        let covered = ProductFilter {
            id: self.id,
            id_in: self.id_in.clone(),
            id_not_in: self.id_not_in.clone(),
            id_min: self.id_min,
            id_max: self.id_max,
            id_greater: self.id_greater,
            id_less: self.id_less,
            is_visible: self.is_visible,
            is_featured: self.is_featured,
            is_free_shipping: self.is_free_shipping,
            availability: self.availability.clone(),
            kind: self.kind.clone(),
            brand_id: self.brand_id,
            inventory_level: self.inventory_level,
            inventory_in: self.inventory_in.clone(),
            inventory_min: self.inventory_min,
            inventory_max: self.inventory_max,
            inventory_greater: self.inventory_greater,
            inventory_less: self.inventory_less,
            out_of_stock: self.out_of_stock,
            total_sold: self.total_sold,
            any: self.any,
            ..ProductFilter::default()
        };
        *self == covered
    }

    /// The filters a [`ProductRow`] answers (all of them for a filter that
    /// [`ProductFilter::rows_decide`]).
    fn matches_row(&self, r: &ProductRow) -> bool {
        let id = r.id as i64;
        let inv = r.inventory_level;
        self.id.is_none_or(|x| x == id)
            && self.id_in.as_ref().is_none_or(|l| l.contains(&id))
            && self.id_not_in.as_ref().is_none_or(|l| !l.contains(&id))
            && self.id_min.is_none_or(|x| id >= x)
            && self.id_max.is_none_or(|x| id <= x)
            && self.id_greater.is_none_or(|x| id > x)
            && self.id_less.is_none_or(|x| id < x)
            && self.is_visible.is_none_or(|b| r.is_visible == b)
            && self.is_featured.is_none_or(|b| r.is_featured == b)
            && self
                .is_free_shipping
                .is_none_or(|b| r.is_free_shipping == b)
            && self
                .availability
                .as_ref()
                .is_none_or(|a| r.availability == *a)
            && self.kind.as_ref().is_none_or(|t| r.kind == *t)
            && self.brand_id.is_none_or(|b| r.brand_id as i64 == b)
            && self.inventory_level.is_none_or(|x| inv == x)
            && self.inventory_in.as_ref().is_none_or(|l| l.contains(&inv))
            && self.inventory_min.is_none_or(|x| inv >= x)
            && self.inventory_max.is_none_or(|x| inv <= x)
            && self.inventory_greater.is_none_or(|x| inv > x)
            && self.inventory_less.is_none_or(|x| inv < x)
            && self.out_of_stock.is_none_or(|b| (inv == 0) == b)
            && self.total_sold.is_none_or(|x| r.total_sold as i64 == x)
    }

    /// The products worth testing with [`ProductFilter::matches`], in id order: the listed ids for
    /// `id`/`id:in`, the id range the bounds allow, or the whole catalog.
    pub(crate) fn candidates<'a>(
        &self,
        products: &'a BTreeMap<u64, Box<Product>>,
    ) -> Box<dyn DoubleEndedIterator<Item = (u64, &'a Product)> + 'a> {
        let low = [self.id_min, self.id_greater.map(|x| x.saturating_add(1))]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0)
            .max(0) as u64;
        let high = [self.id_max, self.id_less.map(|x| x.saturating_sub(1))]
            .into_iter()
            .flatten()
            .min();
        if high.is_some_and(|h| h < 0 || (h as u64) < low) {
            return Box::new(std::iter::empty());
        }
        let high = high.map_or(u64::MAX, |h| h as u64);
        let listed = match (self.id, &self.id_in) {
            (Some(id), Some(ids)) => Some(ids.iter().copied().filter(|x| *x == id).collect()),
            (Some(id), None) => Some(vec![id]),
            (None, Some(ids)) => Some(ids.clone()),
            (None, None) => None,
        };
        if let Some(mut ids) = listed {
            ids.sort_unstable();
            ids.dedup();
            let found: Vec<(u64, &Product)> = ids
                .into_iter()
                .filter_map(|id| u64::try_from(id).ok())
                .filter(|id| (low..=high).contains(id))
                .filter_map(|id| products.get(&id).map(|p| (id, &**p)))
                .collect();
            return Box::new(found.into_iter());
        }
        // The id comes from the map's key: counting reads no product.
        Box::new(products.range(low..=high).map(|(id, p)| (*id, &**p)))
    }

    pub(crate) fn matches(&self, p: &Product, brands: &BTreeMap<u64, String>) -> bool {
        self.matches_row(&ProductRow::of(p))
            && self.name.as_ref().is_none_or(|n| p.name.to_lowercase() == *n)
            && self.sku.as_ref().is_none_or(|s| p.sku.to_lowercase() == *s)
            && self.sku_in.as_ref().is_none_or(|l| l.contains(&p.sku.to_lowercase()))
            && self.keyword.as_ref().is_none_or(|k| {
                p.name.to_lowercase().contains(k)
                    || p.sku.to_lowercase().contains(k)
                    || p.description.to_lowercase().contains(k)
                    || brands.get(&p.brand_id).is_some_and(|b| b.to_lowercase().contains(k))
            })
            // `categories` only returns products in exactly that one category (as documented).
            && self.category.is_none_or(|c| p.categories.len() == 1 && p.categories[0] as i64 == c)
            // `categories:in` returns products in all the listed categories (as documented).
            && self.categories_in.as_ref().is_none_or(|l| l.iter().all(|c| p.categories.iter().any(|pc| *pc as i64 == *c)))
            && self.condition.as_ref().is_none_or(|c| p.condition.to_lowercase() == *c)
            && self.price.is_none_or(|x| p.price == x)
            && self.inventory_low.is_none_or(|b| is_low_stock(p) == b)
            && self.modified_min.is_none_or(|d| p.date_modified >= d)
            && self.modified_max.is_none_or(|d| p.date_modified <= d)
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

fn compare(a: &Product, b: &Product, field: &str) -> Ordering {
    match field {
        "name" => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        "sku" => a.sku.to_lowercase().cmp(&b.sku.to_lowercase()),
        "price" => a.price.cmp(&b.price),
        "calculated_price" => a.calculated_price.cmp(&b.calculated_price),
        "date_modified" => a.date_modified.cmp(&b.date_modified),
        "inventory_level" => a.inventory_level.cmp(&b.inventory_level),
        "is_visible" => a.is_visible.cmp(&b.is_visible),
        "total_sold" => a.total_sold.cmp(&b.total_sold),
        _ => Ordering::Equal,
    }
    .then(a.id.cmp(&b.id))
}

fn list_products(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let q = &ctx.query;
    let filter = ProductFilter::from_query(q)?;
    let sort = q.one_of("sort", SORTS)?.unwrap_or_else(|| "id".into());
    let descending = q.one_of("direction", &["asc", "desc"])?.as_deref() == Some("desc");
    let page = v3_page(q)?;
    let shape = Shape::from_query(q);
    let rows =
        (sort == "id" && !filter.ids_only() && filter.rows_decide()).then(|| product_rows(data));
    let data = &*data;
    if let Some(rows) = rows {
        let matching = rows.iter().filter(|r| filter.matches_row(r));
        let ids: Box<dyn Iterator<Item = u64>> = if descending {
            Box::new(matching.rev().map(|r| r.id))
        } else {
            Box::new(matching.map(|r| r.id))
        };
        return Ok(id_ordered_page(ids, data, page, &shape));
    }
    let check = !filter.ids_only();
    let matching = filter
        .candidates(&data.products)
        .filter(|(_, p)| !check || filter.matches(p, &data.brands));
    if sort == "id" {
        let ids: Box<dyn Iterator<Item = u64>> = if descending {
            Box::new(matching.rev().map(|(id, _)| id))
        } else {
            Box::new(matching.map(|(id, _)| id))
        };
        return Ok(id_ordered_page(ids, data, page, &shape));
    }
    let mut found: Vec<&Product> = matching.map(|(_, p)| p).collect();
    found.sort_by(|a, b| compare(a, b, &sort));
    if descending {
        found.reverse();
    }
    let items = page.slice(&found).iter().map(|p| shape.shaped(p)).collect();
    Ok(v3_list(found.len(), page, items))
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

/// At or under the warning level, for a product whose stock is tracked and
/// that has a warning level.
fn is_low_stock(p: &Product) -> bool {
    p.inventory_tracking != "none"
        && p.inventory_warning_level > 0
        && p.inventory_level <= p.inventory_warning_level
}
