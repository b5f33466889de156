//! Refunds (V3 payment actions): `POST /v3/orders/{id}/payment_actions/refund_quotes`,
//! `POST|GET /v3/orders/{id}/payment_actions/refunds`, `GET /v3/orders/payment_actions/refunds`
//! and `GET /v3/orders/payment_actions/refunds/{refund_id}`. A refund moves the order's
//! refunded amount and status (Partially Refunded, Refunded); nobody gets back more than
//! was paid.

use axum::http::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, Reply, STATUS_CODES_URL};
use super::product_write::touched;
use super::seed_orders::payment_status_for;
use super::server::{Ctx, only_get, path_id};
use super::store::{Order, Refund, RefundLine, RefundPayment, StoreData, next_id};
use super::wire::{decimal_of, int_of, v3_date, v3_number};

/// The payment provider an order's `payment_method` was taken through.
pub(crate) struct Provider {
    pub id: &'static str,
    pub description: &'static str,
    /// Strictly offline (bank deposit, cash): the merchant pays back by hand.
    pub offline: bool,
}

/// The provider behind a V2 `payment_method` name.
pub(crate) fn provider_for(payment_method: &str) -> Provider {
    let (id, description, offline) = match payment_method.trim().to_ascii_lowercase().as_str() {
        "credit card" => ("braintree", "Braintree (Credit Card)", false),
        "paypal" => ("paypalcommerce", "PayPal", false),
        "apple pay" => ("applepay", "Apple Pay", false),
        "bank deposit" => ("bankdeposit", "Bank Deposit", true),
        "cash on delivery" => ("cod", "Cash on Delivery", true),
        _ => ("custom", "Custom", true),
    };
    Provider {
        id,
        description,
        offline,
    }
}

const OFFLINE_REASON: &str = "This is an offline payment provider.";

/// `/v3/orders/...` (only the payment actions exist here).
pub(crate) fn route(ctx: &Ctx, data: &mut StoreData, method: &Method, rest: &[&str]) -> ApiResult {
    match rest {
        ["payment_actions", "refunds"] => {
            only_get(method)?;
            let refunds: Vec<Value> = data
                .orders
                .values()
                .flat_map(|o| o.refunds.iter().map(|r| refund_json(o.id, r)))
                .collect();
            Ok(Reply::json(200, &json!({ "data": refunds, "meta": {} })))
        }
        ["payment_actions", "refunds", refund_id] => {
            only_get(method)?;
            let refund_id = path_id(refund_id)?;
            data.orders
                .values()
                .find_map(|o| {
                    o.refunds
                        .iter()
                        .find(|r| r.id == refund_id)
                        .map(|r| Reply::data(200, &refund_json(o.id, r)))
                })
                .ok_or_else(ApiError::not_found)
        }
        [id, "payment_actions", action] => {
            let id = path_id(id)?;
            if !data.orders.contains_key(&id) {
                return Err(ApiError::not_found());
            }
            match (*action, method) {
                ("refund_quotes", &Method::POST) => quote(ctx, &data.orders[&id]),
                ("refunds", &Method::POST) => create(ctx, data, id),
                ("refunds", &Method::GET) => {
                    let o = &data.orders[&id];
                    let refunds: Vec<Value> =
                        o.refunds.iter().map(|r| refund_json(id, r)).collect();
                    Ok(Reply::json(200, &json!({ "data": refunds, "meta": {} })))
                }
                ("refund_quotes" | "refunds", _) => Err(ApiError::method_not_allowed()),
                _ => Err(ApiError::not_found()),
            }
        }
        _ => Err(ApiError::not_found()),
    }
}

/// What the requested items come to.
struct Reckoning {
    lines: Vec<RefundLine>,
    total: Decimal,
    tax: Decimal,
    order_level: Decimal,
}

/// Reads `items` against the order: each line must name something on it, a product no more
/// than is left to refund, and the whole no more than was paid and not yet refunded.
fn reckon(o: &Order, body: &Value) -> Result<Reckoning, ApiError> {
    let invalid = |field: String, message: String| {
        ApiError::new(422, "JSON data is missing or invalid").field(field, message)
    };
    let Some(items) = body.get("items").and_then(Value::as_array) else {
        return Err(invalid(
            "items".into(),
            "The field 'items' is required.".into(),
        ));
    };
    if items.is_empty() {
        return Err(invalid(
            "items".into(),
            "At least one item is required.".into(),
        ));
    }
    let mut reckoning = Reckoning {
        lines: Vec::new(),
        total: Decimal::ZERO,
        tax: Decimal::ZERO,
        order_level: Decimal::ZERO,
    };
    for (i, item) in items.iter().enumerate() {
        let key = |name: &str| format!("items.{i}.{name}");
        let item_type = item.get("item_type").and_then(Value::as_str).unwrap_or("");
        let item_id = item.get("item_id").and_then(int_of).unwrap_or(-1);
        let reason = item
            .get("reason")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if reason.chars().count() > 1000 {
            return Err(invalid(key("reason"), "At most 1000 characters.".into()));
        }
        match item_type {
            "PRODUCT" | "GIFT_WRAPPING" => {
                let Some(p) = o.products.iter().find(|p| p.id as i64 == item_id) else {
                    return Err(invalid(
                        key("item_id"),
                        format!("Order #{} has no order product {item_id}.", o.id),
                    ));
                };
                let quantity = item.get("quantity").and_then(int_of).unwrap_or(0);
                let left = p.quantity - p.quantity_refunded.min(p.quantity);
                if quantity < 1 || quantity as u64 > left {
                    return Err(invalid(
                        key("quantity"),
                        format!(
                            "Quantity {quantity} of {} cannot be refunded: {left} left to refund.",
                            p.name
                        ),
                    ));
                }
                let q = Decimal::from(quantity);
                reckoning.total += (p.price_ex_tax + p.price_tax) * q;
                reckoning.tax += p.price_tax * q;
                reckoning.lines.push(RefundLine {
                    item_type: item_type.into(),
                    item_id: p.id,
                    quantity: Some(quantity as u64),
                    requested_amount: None,
                    reason,
                });
            }
            "ORDER" | "SHIPPING" | "HANDLING" => {
                let amount = item.get("amount").and_then(decimal_of);
                let Some(amount) = amount.filter(|a| *a > Decimal::ZERO) else {
                    return Err(invalid(
                        key("amount"),
                        "A positive amount is required.".into(),
                    ));
                };
                if amount.round_dp(2) != amount {
                    return Err(invalid(
                        key("amount"),
                        "The amount must have at most 2 decimal places.".into(),
                    ));
                }
                let known = match item_type {
                    "ORDER" => item_id == o.id as i64,
                    _ => o.addresses.iter().any(|a| a.id as i64 == item_id),
                };
                if !known {
                    let what = if item_type == "ORDER" {
                        "the order id"
                    } else {
                        "an order address id"
                    };
                    return Err(invalid(
                        key("item_id"),
                        format!("{item_type} refunds take {what}; {item_id} is not one."),
                    ));
                }
                if item_type == "ORDER" {
                    reckoning.order_level += amount;
                }
                reckoning.total += amount;
                reckoning.lines.push(RefundLine {
                    item_type: item_type.into(),
                    item_id: item_id as u64,
                    quantity: None,
                    requested_amount: Some(amount),
                    reason,
                });
            }
            other => {
                return Err(invalid(
                    key("item_type"),
                    format!("'{other}' cannot be refunded on this order."),
                ));
            }
        }
    }
    reckoning.total = reckoning.total.round_dp(2);
    reckoning.tax = reckoning.tax.round_dp(2);
    let left = o.refundable();
    if reckoning.total > left {
        return Err(over_refund(o, reckoning.total, left));
    }
    Ok(reckoning)
}

fn over_refund(o: &Order, asked: Decimal, left: Decimal) -> ApiError {
    ApiError::new(422, "The refund is more than is left to refund.").field(
        "total_refund_amount",
        format!("{asked} asked, only {left} of order #{} left.", o.id),
    )
}

/// The ways an amount can go back: through the provider the order was paid with, as store
/// credit (customers with an account), or marked as refunded outside BigCommerce.
fn refund_methods(o: &Order, amount: Decimal) -> Vec<Value> {
    let option = |id: &str, description: &str, offline: bool, provider_offline: bool| {
        json!({
            "provider_id": id,
            "provider_description": description,
            "amount": v3_number(&amount),
            "offline": offline,
            "offline_provider": provider_offline,
            "offline_reason": if provider_offline { OFFLINE_REASON } else { "" },
        })
    };
    let provider = provider_for(&o.payment_method);
    let mut methods = Vec::new();
    if provider.id != "custom" {
        methods.push(json!([option(
            provider.id,
            provider.description,
            provider.offline,
            provider.offline
        )]));
    }
    if o.customer_id != 0 {
        methods.push(json!([option("storecredit", "Store Credit", false, false)]));
    }
    methods.push(json!([option("custom", "Custom", true, true)]));
    methods
}

/// `POST .../refund_quotes` → 201 with what the items come to and how it can go back.
fn quote(ctx: &Ctx, o: &Order) -> ApiResult {
    let body = ctx.json()?;
    let r = reckon(o, &body)?;
    Ok(Reply::data(
        201,
        &json!({
            "order_id": o.id,
            "total_refund_amount": v3_number(&r.total),
            "total_refund_tax_amount": v3_number(&r.tax),
            "order_level_refund_amount": v3_number(&r.order_level),
            "rounding": 0,
            "adjustment": 0,
            "tax_inclusive": true,
            "refund_methods": refund_methods(o, r.total),
        }),
    ))
}

/// The createOrderRefund 422: `{"data": [{status, title, type}]}`.
fn refused(title: String) -> ApiError {
    ApiError::raw(
        422,
        json!({ "data": [{ "status": 422, "title": title, "type": STATUS_CODES_URL }] }),
    )
}

/// `POST .../refunds` → 201 with the refund; the order's refunded amount and status follow.
fn create(ctx: &Ctx, data: &mut StoreData, id: u64) -> ApiResult {
    let body = ctx.json()?;
    let o = &data.orders[&id];
    let r = reckon(o, &body).map_err(|e| {
        let detail = e.errors.first().map(|(_, m)| m.clone());
        refused(detail.unwrap_or(e.title))
    })?;
    let Some(payments) = body.get("payments").and_then(Value::as_array) else {
        return Err(refused("The field 'payments' is required.".into()));
    };
    let provider = provider_for(&o.payment_method);
    let mut paid = Vec::new();
    let mut sum = Decimal::ZERO;
    for p in payments {
        let provider_id = p.get("provider_id").and_then(Value::as_str).unwrap_or("");
        let Some(amount) = p.get("amount").and_then(decimal_of) else {
            return Err(refused("Each payment needs an amount.".into()));
        };
        let offline = p.get("offline").and_then(Value::as_bool).unwrap_or(false);
        match provider_id {
            "storecredit" if o.customer_id == 0 => {
                return Err(refused(
                    "Unable to provide store credit for a guest customer.".into(),
                ));
            }
            "storecredit" | "custom" => {}
            other if other == provider.id && other != "custom" => {}
            other => {
                return Err(refused(format!(
                    "The payment provider '{other}' cannot refund order #{id}."
                )));
            }
        }
        sum += amount;
        paid.push((provider_id.to_string(), amount, offline));
    }
    if paid.is_empty() {
        return Err(refused("At least one payment is required.".into()));
    }
    if sum != r.total {
        return Err(refused(format!(
            "The payments add up to {sum} but the refund comes to {}.",
            r.total
        )));
    }
    let reason = body
        .get("reason")
        .and_then(Value::as_str)
        .or_else(|| {
            r.lines
                .iter()
                .map(|l| l.reason.as_str())
                .find(|r| !r.is_empty())
        })
        .unwrap_or("")
        .to_string();
    let payments: Vec<RefundPayment> = paid
        .into_iter()
        .map(|(provider_id, amount, offline)| RefundPayment {
            id: next_id(&mut data.ids.refund_payment),
            provider_id,
            amount,
            offline,
        })
        .collect();
    let refund = Refund {
        id: next_id(&mut data.ids.refund),
        created: ctx.now,
        reason,
        total_amount: r.total,
        total_tax: r.tax,
        items: r.lines,
        payments,
    };
    let Some(o) = data.orders.get_mut(&id) else {
        return Err(ApiError::not_found());
    };
    let previous = o.status_id;
    for line in &refund.items {
        if let (Some(q), Some(p)) = (
            line.quantity,
            o.products.iter_mut().find(|p| p.id == line.item_id),
        ) {
            p.quantity_refunded += q;
            p.refund_amount += (p.price_ex_tax + p.price_tax) * Decimal::from(q);
        }
    }
    o.refunded_amount += refund.total_amount;
    o.status_id = if o.refundable() == Decimal::ZERO {
        4
    } else {
        14
    };
    o.payment_status = payment_status_for(o.status_id).to_string();
    o.date_modified = touched(o.date_modified, ctx.now);
    let reply = Reply::data(201, &refund_json(id, &refund));
    o.refunds.push(refund);
    let status = o.status_id;
    data.emit_order_change(id, previous, status);
    Ok(reply)
}

fn refund_json(order_id: u64, r: &Refund) -> Value {
    json!({
        "id": r.id,
        "order_id": order_id,
        "user_id": 0,
        "created": v3_date(&r.created),
        "reason": r.reason,
        "total_amount": v3_number(&r.total_amount),
        "total_tax": v3_number(&r.total_tax),
        "uses_merchant_override_values": false,
        "items": r.items.iter().map(|l| json!({
            "item_type": l.item_type,
            "item_id": l.item_id,
            "quantity": l.quantity,
            "requested_amount": l.requested_amount.map(|a| v3_number(&a)),
            "reason": l.reason,
        })).collect::<Vec<_>>(),
        "payments": r.payments.iter().map(|p| json!({
            "id": p.id,
            "provider_id": p.provider_id,
            "amount": v3_number(&p.amount),
            "offline": p.offline,
            "is_declined": false,
            "declined_message": "",
            "transaction_id": format!("rf-{}", p.id),
        })).collect::<Vec<_>>(),
    })
}
