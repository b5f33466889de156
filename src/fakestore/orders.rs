//! Orders (V2): `/v2/orders` (list, count, create, archive), `/v2/orders/{id}` (get, update,
//! archive), its `products` and `shipping_addresses`, and `/v2/order_statuses`.
//! Shipments are in `shipments.rs`.

use axum::http::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, Reply};
use super::order_render::{
    STATUSES, custom_label, order_json, product_json, shipping_address_json, status_json,
};
use super::product_write::touched;
use super::query::{Query, v2_items, v2_list, v2_page};
use super::server::{Ctx, only_get, path_id, read_only};
use super::store::{Order, StoreData};
use super::{order_write, shipments};

pub(crate) fn route(ctx: &Ctx, data: &mut StoreData, method: &Method, rest: &[&str]) -> ApiResult {
    match rest {
        [] => match *method {
            Method::GET => list(ctx, data),
            Method::POST => order_write::create(ctx, data),
            Method::DELETE => {
                let mut archived = Vec::new();
                for o in data.orders.values_mut().filter(|o| !o.is_deleted) {
                    o.is_deleted = true;
                    archived.push(o.id);
                }
                for id in archived {
                    data.emit_about("store/order/archived", "order", id);
                }
                Ok(Reply::empty(204))
            }
            _ => Err(ApiError::method_not_allowed()),
        },
        ["count"] => {
            only_get(method)?;
            count(ctx, data)
        }
        [id, sub @ ..] => {
            let id = path_id(id)?;
            if !data.orders.contains_key(&id) {
                return Err(ApiError::not_found());
            }
            match sub {
                [] => match *method {
                    Method::GET => Ok(Reply::json(
                        200,
                        &order_json(&data.orders[&id], &ctx.v2_base),
                    )),
                    Method::PUT => order_write::update(ctx, data, id),
                    Method::DELETE => {
                        if let Some(o) = data.orders.get_mut(&id)
                            && !o.is_deleted
                        {
                            o.is_deleted = true;
                            o.date_modified = touched(o.date_modified, ctx.now);
                            data.emit_about("store/order/archived", "order", id);
                        }
                        Ok(Reply::empty(204))
                    }
                    _ => Err(ApiError::method_not_allowed()),
                },
                ["products", rest @ ..] => {
                    only_get(method)?;
                    let o = &data.orders[&id];
                    v2_items(
                        &ctx.query,
                        rest,
                        &o.products,
                        |p| p.id,
                        |p| product_json(id, p),
                    )
                }
                ["shipping_addresses" | "shippingaddresses", rest @ ..] => {
                    only_get(method)?;
                    let o = &data.orders[&id];
                    let json = |a: &_| shipping_address_json(o, a, &ctx.v2_base);
                    v2_items(&ctx.query, rest, &o.addresses, |a| a.id, json)
                }
                ["shipments", rest @ ..] => shipments::route(ctx, data, method, id, rest),
                // The simulator applies no coupons, so every order's coupon list is empty.
                ["coupons"] => {
                    only_get(method)?;
                    v2_page(&ctx.query)?;
                    Ok(Reply::empty(204))
                }
                _ => Err(ApiError::not_found()),
            }
        }
    }
}

/// `/v2/order_statuses[/{id}]`.
pub(crate) fn route_statuses(method: &Method, rest: &[&str]) -> ApiResult {
    let all = || {
        let all: Vec<Value> = STATUSES.iter().map(|s| status_json(s.0)).collect();
        Ok(Reply::json(200, &all))
    };
    let one = |id| {
        let s = STATUSES.iter().find(|s| u64::from(s.0) == id);
        let s = s.ok_or_else(ApiError::not_found)?;
        Ok(Reply::json(200, &status_json(s.0)))
    };
    read_only(method, rest, all, one)
}

/// The `/v2/orders` filters (shared with `/v2/orders/count`).
struct OrderFilter {
    min_id: Option<i64>,
    max_id: Option<i64>,
    min_total: Option<Decimal>,
    max_total: Option<Decimal>,
    customer_id: Option<i64>,
    email: Option<String>,
    status_id: Option<i64>,
    cart_id: Option<String>,
    payment_method: Option<String>,
    channel_id: Option<i64>,
    external_order_id: Option<String>,
    created_min: Option<chrono::DateTime<chrono::Utc>>,
    created_max: Option<chrono::DateTime<chrono::Utc>>,
    modified_min: Option<chrono::DateTime<chrono::Utc>>,
    modified_max: Option<chrono::DateTime<chrono::Utc>>,
    is_deleted: bool,
}

fn decimal_param(q: &Query, key: &str) -> Result<Option<Decimal>, ApiError> {
    match q.get(key) {
        None => Ok(None),
        Some(v) => v.trim().parse().map(Some).map_err(|_| {
            ApiError::new(
                400,
                format!("The field '{key}' is invalid: expected a number."),
            )
        }),
    }
}

impl OrderFilter {
    fn from_query(q: &Query) -> Result<OrderFilter, ApiError> {
        Ok(OrderFilter {
            min_id: q.int("min_id")?,
            max_id: q.int("max_id")?,
            min_total: decimal_param(q, "min_total")?,
            max_total: decimal_param(q, "max_total")?,
            customer_id: q.int("customer_id")?,
            email: q.get("email").map(str::to_lowercase),
            status_id: q.int("status_id")?,
            cart_id: q.get("cart_id").map(String::from),
            payment_method: q.get("payment_method").map(str::to_lowercase),
            channel_id: q.int("channel_id")?,
            external_order_id: q.get("external_order_id").map(String::from),
            created_min: q.date("min_date_created")?,
            created_max: q.date("max_date_created")?,
            modified_min: q.date("min_date_modified")?,
            modified_max: q.date("max_date_modified")?,
            is_deleted: q.bool("is_deleted")?.unwrap_or(false),
        })
    }

    fn matches(&self, o: &Order) -> bool {
        let id = o.id as i64;
        let total = o.total_inc_tax();
        o.is_deleted == self.is_deleted
            && self.min_id.is_none_or(|x| id >= x)
            && self.max_id.is_none_or(|x| id <= x)
            && self.min_total.is_none_or(|x| total >= x)
            && self.max_total.is_none_or(|x| total <= x)
            && self.customer_id.is_none_or(|x| o.customer_id as i64 == x)
            && self
                .email
                .as_ref()
                .is_none_or(|e| o.billing.email.to_lowercase() == *e)
            && self.status_id.is_none_or(|x| i64::from(o.status_id) == x)
            && self.cart_id.as_ref().is_none_or(|c| o.cart_id == *c)
            && self
                .payment_method
                .as_ref()
                .is_none_or(|p| o.payment_method.to_lowercase() == *p)
            && self.channel_id.is_none_or(|x| o.channel_id as i64 == x)
            && self
                .external_order_id
                .as_ref()
                .is_none_or(|e| o.external_order_id == *e)
            && self.created_min.is_none_or(|d| o.date_created >= d)
            && self.created_max.is_none_or(|d| o.date_created <= d)
            && self.modified_min.is_none_or(|d| o.date_modified >= d)
            && self.modified_max.is_none_or(|d| o.date_modified <= d)
    }
}

fn list(ctx: &Ctx, data: &StoreData) -> ApiResult {
    let q = &ctx.query;
    let filter = OrderFilter::from_query(q)?;
    let page = v2_page(q)?;
    let (field, dir) = match q.get("sort") {
        None => ("id".to_string(), "asc".to_string()),
        Some(s) => {
            let (f, d) = s.split_once(':').unwrap_or((s, "asc"));
            (f.trim().to_string(), d.trim().to_ascii_lowercase())
        }
    };
    let fields = [
        "id",
        "customer_id",
        "date_created",
        "date_modified",
        "status_id",
        "channel_id",
        "external_id",
    ];
    if !fields.contains(&field.as_str()) || !matches!(dir.as_str(), "asc" | "desc") {
        return Err(ApiError::new(
            400,
            format!(
                "The field 'sort' is invalid: use one of {} with :asc or :desc.",
                fields.join(", ")
            ),
        ));
    }
    let mut found: Vec<&Order> = data.orders.values().filter(|o| filter.matches(o)).collect();
    found.sort_by(|a, b| {
        let o = match field.as_str() {
            "customer_id" => a.customer_id.cmp(&b.customer_id),
            "date_created" => a.date_created.cmp(&b.date_created),
            "date_modified" => a.date_modified.cmp(&b.date_modified),
            "status_id" => a.status_id.cmp(&b.status_id),
            "channel_id" => a.channel_id.cmp(&b.channel_id),
            _ => std::cmp::Ordering::Equal,
        }
        .then(a.id.cmp(&b.id));
        if dir == "desc" { o.reverse() } else { o }
    });
    Ok(v2_list(
        page.slice(&found)
            .iter()
            .map(|o| order_json(o, &ctx.v2_base))
            .collect(),
    ))
}

fn count(ctx: &Ctx, data: &StoreData) -> ApiResult {
    let filter = OrderFilter::from_query(&ctx.query)?;
    let mut per_status = [0u64; 15];
    let mut total = 0;
    for o in data.orders.values().filter(|o| filter.matches(o)) {
        per_status[usize::from(o.status_id).min(14)] += 1;
        total += 1;
    }
    let mut statuses: Vec<&(u8, &str, &str, u8)> = STATUSES.iter().collect();
    statuses.sort_by_key(|s| s.3);
    let statuses: Vec<Value> = statuses
        .into_iter()
        .map(|&(id, name, description, sort_order)| {
            json!({
                "id": id, "name": name, "system_label": name, "custom_label": custom_label(id),
                "system_description": description, "count": per_status[usize::from(id)], "sort_order": sort_order,
            })
        })
        .collect();
    Ok(Reply::json(
        200,
        &json!({ "statuses": statuses, "count": total }),
    ))
}
