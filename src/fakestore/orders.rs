//! Orders (V2): `/v2/orders` (list, count, create, archive), `/v2/orders/{id}` (get, update,
//! archive), its `products` and `shipping_addresses`, and `/v2/order_statuses`.
//! Shipments are in `shipments.rs`.

use axum::http::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, Reply};
use super::fields::{Fields, finish_with};
use super::order_render::{STATUSES, custom_label, order_json, product_json, shipping_address_json, status_json};
use super::product_write::touched;
use super::query::{Query, v2_list, v2_page};
use super::seed_orders::payment_status_for;
use super::server::{Ctx, only_get, path_id};
use super::shipments;
use super::store::{Order, OrderAddress, OrderAddressFields, OrderProduct, StoreData, next_id};
use super::wire::{decimal_of, parse_date_filter};

pub(crate) fn route(ctx: &Ctx, data: &mut StoreData, method: &Method, rest: &[&str]) -> ApiResult {
    match rest {
        [] => match *method {
            Method::GET => list(ctx, data),
            Method::POST => create(ctx, data),
            Method::DELETE => {
                for o in data.orders.values_mut() {
                    o.is_deleted = true;
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
                    Method::GET => Ok(Reply::json(200, &order_json(&data.orders[&id], &ctx.v2_base))),
                    Method::PUT => update(ctx, data, id),
                    Method::DELETE => {
                        if let Some(o) = data.orders.get_mut(&id) {
                            o.is_deleted = true;
                            o.date_modified = touched(o.date_modified, ctx.now);
                        }
                        Ok(Reply::empty(204))
                    }
                    _ => Err(ApiError::method_not_allowed()),
                },
                ["products", rest @ ..] => {
                    only_get(method)?;
                    let o = &data.orders[&id];
                    match rest {
                        [] => {
                            let page = v2_page(&ctx.query)?;
                            Ok(v2_list(page.slice(&o.products).iter().map(|p| product_json(id, p)).collect()))
                        }
                        [pid] => {
                            let pid = path_id(pid)?;
                            let p = o.products.iter().find(|p| p.id == pid).ok_or_else(ApiError::not_found)?;
                            Ok(Reply::json(200, &product_json(id, p)))
                        }
                        _ => Err(ApiError::not_found()),
                    }
                }
                ["shipping_addresses" | "shippingaddresses", rest @ ..] => {
                    only_get(method)?;
                    let o = &data.orders[&id];
                    match rest {
                        [] => {
                            let page = v2_page(&ctx.query)?;
                            Ok(v2_list(page.slice(&o.addresses).iter().map(|a| shipping_address_json(o, a, &ctx.v2_base)).collect()))
                        }
                        [aid] => {
                            let aid = path_id(aid)?;
                            let a = o.addresses.iter().find(|a| a.id == aid).ok_or_else(ApiError::not_found)?;
                            Ok(Reply::json(200, &shipping_address_json(o, a, &ctx.v2_base)))
                        }
                        _ => Err(ApiError::not_found()),
                    }
                }
                ["shipments", rest @ ..] => shipments::route(ctx, data, method, id, rest),
                _ => Err(ApiError::not_found()),
            }
        }
    }
}

/// `/v2/order_statuses[/{id}]`.
pub(crate) fn route_statuses(method: &Method, rest: &[&str]) -> ApiResult {
    only_get(method)?;
    match rest {
        [] => Ok(Reply::json(200, &STATUSES.iter().map(|s| status_json(s.0)).collect::<Vec<_>>())),
        [id] => {
            let id = path_id(id)?;
            let s = STATUSES.iter().find(|s| u64::from(s.0) == id).ok_or_else(ApiError::not_found)?;
            Ok(Reply::json(200, &status_json(s.0)))
        }
        _ => Err(ApiError::not_found()),
    }
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
        Some(v) => v.trim().parse().map(Some).map_err(|_| ApiError::new(400, format!("The field '{key}' is invalid: expected a number."))),
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
            && self.email.as_ref().is_none_or(|e| o.billing.email.to_lowercase() == *e)
            && self.status_id.is_none_or(|x| i64::from(o.status_id) == x)
            && self.cart_id.as_ref().is_none_or(|c| o.cart_id == *c)
            && self.payment_method.as_ref().is_none_or(|p| o.payment_method.to_lowercase() == *p)
            && self.channel_id.is_none_or(|x| o.channel_id as i64 == x)
            && self.external_order_id.as_ref().is_none_or(|e| o.external_order_id == *e)
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
    let fields = ["id", "customer_id", "date_created", "date_modified", "status_id", "channel_id", "external_id"];
    if !fields.contains(&field.as_str()) || !matches!(dir.as_str(), "asc" | "desc") {
        return Err(ApiError::new(400, format!("The field 'sort' is invalid: use one of {} with :asc or :desc.", fields.join(", "))));
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
    Ok(v2_list(page.slice(&found).iter().map(|o| order_json(o, &ctx.v2_base)).collect()))
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
    Ok(Reply::json(200, &json!({ "statuses": statuses, "count": total })))
}

/// V2 validation failures are 400s with one `{status, message}` entry per problem.
fn v2_invalid(errors: Vec<(String, String)>) -> Result<(), ApiError> {
    finish_with(errors, 400, "The request is invalid.")
}

fn read_status(f: &mut Fields) -> Option<u8> {
    let id = f.int("status_id")?;
    match u8::try_from(id).ok().filter(|s| *s <= 14) {
        Some(s) => Some(s),
        None => {
            f.error("status_id", format!("The field 'status_id' is invalid: {id} is not an order status (0-14)."));
            None
        }
    }
}

fn apply_address(f: &mut Fields, a: &mut OrderAddressFields) {
    macro_rules! set {
        ($($field:ident),+) => {$(
            if let Some(v) = f.text(stringify!($field)) { a.$field = v; }
        )+};
    }
    set!(first_name, last_name, company, street_1, street_2, city, state, zip, country, country_iso2, phone, email);
}

/// `PUT /v2/orders/{id}` → 200 with the full order.
fn update(ctx: &Ctx, data: &mut StoreData, id: u64) -> ApiResult {
    let body = ctx.json()?;
    let mut o = data.orders[&id].clone();
    let mut f = Fields::new(&body, "");
    if let Some(s) = read_status(&mut f) {
        if s != o.status_id {
            o.status_id = s;
            o.payment_status = payment_status_for(s).to_string();
            if matches!(s, 2 | 10) && o.date_shipped.is_none() {
                o.date_shipped = Some(touched(ctx.now, ctx.now));
            }
        }
    }
    macro_rules! set {
        ($($field:ident),+) => {$(
            if let Some(v) = f.text(stringify!($field)) { o.$field = v; }
        )+};
    }
    set!(staff_notes, customer_message, payment_method, external_order_id);
    if f.has("external_source") {
        o.external_source = f.str("external_source");
    }
    if let Some(c) = f.int("customer_id") {
        if c != 0 && !data.customers.contains_key(&(c.max(0) as u64)) {
            f.error("customer_id", format!("The field 'customer_id' is invalid: customer {c} does not exist."));
        }
        o.customer_id = c.max(0) as u64;
    }
    if let Some(d) = f.bool("is_deleted") {
        o.is_deleted = d;
    }
    if let Some(b) = f.raw("billing_address") {
        let mut bf = Fields::new(b, "billing_address.");
        apply_address(&mut bf, &mut o.billing);
        f.errors.extend(bf.errors);
    }
    if let Some(d) = f.raw("discount_amount").and_then(decimal_of) {
        o.discount_amount = d;
    }
    v2_invalid(f.errors)?;
    o.date_modified = touched(o.date_modified, ctx.now);
    let out = order_json(&o, &ctx.v2_base);
    data.orders.insert(id, o);
    Ok(Reply::json(200, &out))
}

/// `POST /v2/orders` → 200 with the new order; `products` and `billing_address` are required.
fn create(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let body = ctx.json()?;
    let mut f = Fields::new(&body, "");
    for key in ["products", "billing_address"] {
        if f.raw(key).is_none_or(Value::is_null) {
            f.error(key, format!("The required field '{key}' was not supplied."));
        }
    }
    v2_invalid(std::mem::take(&mut f.errors))?;
    let now = touched(ctx.now, ctx.now);
    let mut billing = OrderAddressFields { country: "United States".into(), country_iso2: "US".into(), ..Default::default() };
    if let Some(b) = f.raw("billing_address") {
        let mut bf = Fields::new(b, "billing_address.");
        apply_address(&mut bf, &mut billing);
        f.errors.extend(bf.errors);
    }
    let status = read_status(&mut f).unwrap_or(1);
    let customer_id = f.int("customer_id").unwrap_or(0).max(0) as u64;
    if customer_id != 0 && !data.customers.contains_key(&customer_id) {
        f.error("customer_id", format!("The field 'customer_id' is invalid: customer {customer_id} does not exist."));
    }
    let created = match f.str("date_created") {
        Some(s) => parse_date_filter(&s, now).unwrap_or_else(|| {
            f.error("date_created", "The field 'date_created' must be an RFC-2822 date.");
            now
        }),
        None => now,
    };
    let address_id = data.ids.order_address + 1;
    let mut lines = Vec::new();
    match f.raw("products") {
        Some(Value::Array(items)) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                match order_line(data, item, i, address_id) {
                    Ok(line) => lines.push(line),
                    Err(errors) => f.errors.extend(errors),
                }
            }
        }
        _ => f.error("products", "The field 'products' must be a non-empty array."),
    }
    let mut ship_to = billing.clone();
    let mut method = "Flat Rate".to_string();
    if let Some(Value::Array(addresses)) = f.raw("shipping_addresses") {
        if let Some(first) = addresses.first() {
            let mut sf = Fields::new(first, "shipping_addresses.0.");
            apply_address(&mut sf, &mut ship_to);
            if let Some(m) = sf.str("shipping_method") {
                method = m;
            }
            f.errors.extend(sf.errors);
        }
    }
    let shipping = ["shipping_cost_ex_tax", "base_shipping_cost", "shipping_cost_inc_tax"]
        .iter()
        .find_map(|k| f.raw(k).and_then(decimal_of))
        .unwrap_or(Decimal::ZERO);
    let discount = f.raw("discount_amount").and_then(decimal_of).unwrap_or(Decimal::ZERO);
    let staff_notes = f.text("staff_notes").unwrap_or_default();
    let customer_message = f.text("customer_message").unwrap_or_default();
    let payment_method = f.text("payment_method").unwrap_or_else(|| "Manual".into());
    let external_source = f.str("external_source");
    let external_order_id = f.text("external_order_id").unwrap_or_default();
    let channel_id = f.int("channel_id").unwrap_or(1).max(1) as u64;
    v2_invalid(f.errors)?;

    let id = next_id(&mut data.ids.order);
    next_id(&mut data.ids.order_address);
    for line in &mut lines {
        line.id = next_id(&mut data.ids.order_product);
    }
    let mut order = Order {
        id,
        customer_id,
        date_created: created,
        date_modified: now.max(created),
        date_shipped: None,
        status_id: status,
        subtotal_ex_tax: Decimal::ZERO,
        subtotal_tax: Decimal::ZERO,
        discount_amount: discount,
        coupon_discount: Decimal::ZERO,
        refunded_amount: Decimal::ZERO,
        store_credit_amount: Decimal::ZERO,
        gift_certificate_amount: Decimal::ZERO,
        payment_method,
        payment_status: payment_status_for(status).into(),
        staff_notes,
        customer_message,
        is_deleted: false,
        billing,
        ip_address: String::new(),
        cart_id: String::new(),
        channel_id,
        external_source,
        external_order_id,
        order_source: "external".into(),
        products: lines,
        addresses: vec![OrderAddress { id: address_id, fields: ship_to, shipping_method: method, cost_ex_tax: shipping, cost_tax: Decimal::ZERO }],
        shipments: Vec::new(),
    };
    order.recompute_subtotals();
    let out = order_json(&order, &ctx.v2_base);
    data.orders.insert(id, order);
    Ok(Reply::json(200, &out))
}

/// One requested line item: a catalog product (`product_id`, optional `variant_id`) or a custom
/// product (`name` plus a price).
fn order_line(data: &StoreData, item: &Value, i: usize, address_id: u64) -> Result<OrderProduct, Vec<(String, String)>> {
    let mut f = Fields::new(item, format!("products.{i}."));
    let quantity = f.int("quantity").unwrap_or(1);
    if quantity < 1 {
        f.error("quantity", "The field 'quantity' must be at least 1.");
    }
    let price_ex = f.amount("price_ex_tax");
    let price_inc = f.amount("price_inc_tax");
    let mut line = OrderProduct {
        id: 0,
        product_id: 0,
        variant_id: 0,
        order_address_id: address_id,
        name: String::new(),
        sku: f.text("sku").unwrap_or_default(),
        kind: "physical".into(),
        base_price: Decimal::ZERO,
        price_ex_tax: Decimal::ZERO,
        price_tax: Decimal::ZERO,
        cost_price: Decimal::ZERO,
        weight: Decimal::ZERO,
        quantity: quantity.max(1) as u64,
        quantity_shipped: 0,
        quantity_refunded: 0,
        refund_amount: Decimal::ZERO,
        options: Vec::new(),
    };
    if let Some(pid) = f.int("product_id") {
        match data.products.get(&(pid.max(0) as u64)) {
            None => f.error("product_id", format!("The field 'product_id' is invalid: product {pid} does not exist.")),
            Some(p) => {
                let variant = match f.int("variant_id") {
                    Some(vid) => p.variants.iter().find(|v| v.id as i64 == vid),
                    None => p.variants.first(),
                };
                match variant {
                    None => f.error("variant_id", format!("The field 'variant_id' is invalid for product {pid}.")),
                    Some(v) => {
                        line.product_id = p.id;
                        line.variant_id = v.id;
                        line.name = p.name.clone();
                        line.sku = v.sku.clone();
                        line.kind = p.kind.clone();
                        line.base_price = v.calculated_price;
                        line.cost_price = p.cost_price;
                        line.weight = v.calculated_weight;
                        line.options = v.option_values.iter().map(|o| (o.option_display_name.clone(), o.label.clone())).collect();
                    }
                }
            }
        }
    } else {
        match f.str("name") {
            Some(name) if !name.trim().is_empty() => line.name = name,
            _ => f.error("name", "A custom product needs 'name' (or pass 'product_id')."),
        }
        if price_ex.is_none() && price_inc.is_none() {
            f.error("price_ex_tax", "A custom product needs 'price_ex_tax' or 'price_inc_tax'.");
        }
    }
    let ex = price_ex.or(price_inc).unwrap_or(line.base_price);
    let inc = price_inc.unwrap_or(ex);
    line.base_price = ex;
    line.price_ex_tax = ex;
    line.price_tax = (inc - ex).max(Decimal::ZERO);
    if f.errors.is_empty() { Ok(line) } else { Err(f.errors) }
}
