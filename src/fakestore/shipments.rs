//! Order shipments (V2): list (204 when none), count, get, create (201), update and delete. Creating a
//! shipment moves `quantity_shipped`, the order's `items_shipped` and its status
//! (everything shipped → 2 Shipped, otherwise 3 Partially Shipped).

use axum::http::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, Reply};
use super::fields::{Fields, finish_with};
use super::order_render::shipment_json;
use super::product_write::touched;
use super::query::v2_items;
use super::seed_orders::payment_status_for;
use super::server::{Ctx, path_id};
use super::store::{Shipment, ShipmentItem, StoreData, next_id};
use super::wire::decimal_of;

const PROVIDERS: &[&str] = &[
    "",
    "auspost",
    "canadapost",
    "endicia",
    "usps",
    "fedex",
    "royalmail",
    "ups",
    "upsready",
    "shipperhq",
];

pub(crate) fn route(
    ctx: &Ctx,
    data: &mut StoreData,
    method: &Method,
    order_id: u64,
    rest: &[&str],
) -> ApiResult {
    match (rest, method) {
        ([], &Method::POST) => create(ctx, data, order_id),
        ([], &Method::DELETE) => {
            if let Some(o) = data.orders.get_mut(&order_id) {
                o.shipments.clear();
            }
            Ok(Reply::empty(204))
        }
        (["count"], &Method::GET) => Ok(Reply::json(
            200,
            &json!({ "count": data.orders[&order_id].shipments.len() }),
        )),
        ([] | [_], &Method::GET) => {
            let o = &data.orders[&order_id];
            v2_items(
                &ctx.query,
                rest,
                &o.shipments,
                |s| s.id,
                |s| shipment_json(o, s),
            )
        }
        ([id], &Method::PUT) => {
            let id = path_id(id)?;
            update(ctx, data, order_id, id)
        }
        ([id], &Method::DELETE) => {
            let id = path_id(id)?;
            let o = data
                .orders
                .get_mut(&order_id)
                .ok_or_else(ApiError::not_found)?;
            let before = o.shipments.len();
            // As on BigCommerce, deleting a shipment does not move the order out of Shipped.
            o.shipments.retain(|s| s.id != id);
            if o.shipments.len() == before {
                return Err(ApiError::not_found());
            }
            Ok(Reply::empty(204))
        }
        ([] | ["count"] | [_], _) => Err(ApiError::method_not_allowed()),
        _ => Err(ApiError::not_found()),
    }
}

/// `PUT .../shipments/{id}` → 200: tracking number and link, provider, carrier, method,
/// comments and cost; the items stay as shipped.
fn update(ctx: &Ctx, data: &mut StoreData, order_id: u64, id: u64) -> ApiResult {
    let body = ctx.json()?;
    let mut f = Fields::new(&body, "");
    let o = &data.orders[&order_id];
    let mut s = o
        .shipments
        .iter()
        .find(|s| s.id == id)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    if let Some(address_id) = f.int("order_address_id") {
        if o.addresses.iter().any(|a| a.id as i64 == address_id) {
            s.order_address_id = address_id as u64;
        } else {
            f.error("order_address_id", format!("The field 'order_address_id' is invalid: {address_id} is not a shipping address of order {order_id}."));
        }
    }
    if let Some(number) = f.text_up_to("tracking_number", 50) {
        s.tracking_number = number;
    }
    if let Some(link) = f.text_up_to("tracking_link", 500) {
        s.tracking_link = link;
    }
    if let Some(provider) = f.text("shipping_provider") {
        if !PROVIDERS.contains(&provider.as_str()) && !provider.starts_with("carrier_") {
            f.error(
                "shipping_provider",
                format!(
                    "The field 'shipping_provider' is invalid: '{provider}' is not a known provider."
                ),
            );
        }
        s.shipping_provider = provider;
    }
    if let Some(carrier) = f.text("tracking_carrier") {
        s.tracking_carrier = carrier;
    }
    if let Some(method) = f.text("shipping_method") {
        s.shipping_method = method;
    }
    if let Some(comments) = f.text("comments") {
        s.comments = comments;
    }
    if let Some(cost) = f.raw("merchant_shipping_cost").and_then(decimal_of) {
        s.merchant_shipping_cost = cost;
    }
    finish_with(f.errors, 400, "The shipment is invalid.")?;
    let Some(o) = data.orders.get_mut(&order_id) else {
        return Err(ApiError::not_found());
    };
    o.date_modified = touched(o.date_modified, ctx.now);
    let out = shipment_json(o, &s);
    if let Some(slot) = o.shipments.iter_mut().find(|x| x.id == id) {
        *slot = s;
    }
    data.emit(
        "store/shipment/updated",
        json!({ "type": "shipment", "id": id, "orderId": order_id }),
    );
    data.emit_about("store/order/updated", "order", order_id);
    Ok(Reply::json(200, &out))
}

fn create(ctx: &Ctx, data: &mut StoreData, order_id: u64) -> ApiResult {
    let body = ctx.json()?;
    let mut order = data.orders[&order_id].clone();
    let mut f = Fields::new(&body, "");
    for key in ["order_address_id", "items"] {
        if f.raw(key).is_none_or(Value::is_null) {
            f.error(key, format!("The required field '{key}' was not supplied."));
        }
    }
    let address_id = f.int("order_address_id").unwrap_or(0).max(0) as u64;
    if f.has("order_address_id") && !order.addresses.iter().any(|a| a.id == address_id) {
        f.error("order_address_id", format!("The field 'order_address_id' is invalid: {address_id} is not a shipping address of order {order_id}."));
    }
    let tracking_number = f.text_up_to("tracking_number", 50).unwrap_or_default();
    let tracking_link = f.text_up_to("tracking_link", 500).unwrap_or_default();
    let provider = f.text("shipping_provider").unwrap_or_default();
    if !PROVIDERS.contains(&provider.as_str()) && !provider.starts_with("carrier_") {
        f.error(
            "shipping_provider",
            format!(
                "The field 'shipping_provider' is invalid: '{provider}' is not a known provider."
            ),
        );
    }
    let carrier = f.text("tracking_carrier").unwrap_or_default();
    let shipping_method = f.text("shipping_method").unwrap_or_default();
    let comments = f.text("comments").unwrap_or_default();
    let cost = f
        .raw("merchant_shipping_cost")
        .and_then(decimal_of)
        .unwrap_or(Decimal::ZERO);

    let mut items = Vec::new();
    match f.raw("items") {
        Some(Value::Array(list)) if !list.is_empty() => {
            for (i, item) in list.iter().enumerate() {
                let mut itf = Fields::new(item, format!("items.{i}."));
                itf.require(&["order_product_id", "quantity"]);
                let pid = itf.int("order_product_id").unwrap_or(0).max(0) as u64;
                let qty = itf.int("quantity").unwrap_or(0);
                if itf.errors.is_empty() {
                    match order.products.iter_mut().find(|p| p.id == pid) {
                        None => itf.error("order_product_id", format!("The field 'order_product_id' is invalid: {pid} is not a product of order {order_id}.")),
                        Some(p) if p.order_address_id != address_id && address_id != 0 => {
                            itf.error("order_product_id", format!("Order product {pid} does not ship to address {address_id}."))
                        }
                        Some(p) => {
                            let unshipped = p.quantity - p.quantity_shipped;
                            if qty < 1 || qty as u64 > unshipped {
                                itf.error("quantity", format!("The field 'quantity' is invalid: {qty} requested, {unshipped} left to ship for order product {pid}."));
                            } else {
                                p.quantity_shipped += qty as u64;
                                items.push(ShipmentItem { order_product_id: pid, product_id: p.product_id, quantity: qty as u64 });
                            }
                        }
                    }
                }
                f.errors.extend(itf.errors);
            }
        }
        Some(Value::Array(_)) => f.error("items", "The field 'items' must not be empty."),
        Some(_) => f.error("items", "The field 'items' must be an array."),
        None => {}
    }
    finish_with(f.errors, 400, "The shipment is invalid.")?;

    let now = touched(ctx.now, ctx.now);
    let shipment = Shipment {
        id: next_id(&mut data.ids.shipment),
        order_address_id: address_id,
        date_created: now,
        tracking_number,
        tracking_link,
        shipping_provider: provider,
        tracking_carrier: carrier,
        shipping_method,
        merchant_shipping_cost: cost,
        comments,
        items,
    };
    let new_status = if order.items_shipped() >= order.items_total() {
        2
    } else {
        3
    };
    let previous_status = order.status_id;
    if order.status_id != new_status {
        order.status_id = new_status;
        order.payment_status = payment_status_for(new_status).into();
    }
    order.date_shipped = Some(now);
    order.date_modified = touched(order.date_modified, ctx.now);
    let out = shipment_json(&order, &shipment);
    data.emit(
        "store/shipment/created",
        json!({ "type": "shipment", "id": shipment.id, "orderId": order_id }),
    );
    data.emit_order_change(order_id, previous_status, order.status_id);
    order.shipments.push(shipment);
    data.orders.insert(order_id, order);
    Ok(Reply::json(201, &out))
}
