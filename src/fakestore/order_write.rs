//! Order writes (V2): `POST /v2/orders` (totals computed from the line items) and
//! `PUT /v2/orders/{id}`. Validation failures are V2 400s naming each field.

use rust_decimal::Decimal;
use serde_json::Value;

use super::errors::{ApiError, ApiResult, Reply};
use super::fields::{Fields, finish_with, set_fields};
use super::order_render::order_json;
use super::product_write::touched;
use super::seed_orders::payment_status_for;
use super::server::Ctx;
use super::store::{Order, OrderAddress, OrderAddressFields, OrderProduct, StoreData, next_id};
use super::wire::{decimal_of, parse_date_filter};

/// V2 validation failures are 400s with one `{status, message}` entry per problem.
fn v2_invalid(errors: Vec<(String, String)>) -> Result<(), ApiError> {
    finish_with(errors, 400, "The request is invalid.")
}

fn read_status(f: &mut Fields) -> Option<u8> {
    let id = f.int("status_id")?;
    match u8::try_from(id).ok().filter(|s| *s <= 14) {
        Some(s) => Some(s),
        None => {
            f.error(
                "status_id",
                format!("The field 'status_id' is invalid: {id} is not an order status (0-14)."),
            );
            None
        }
    }
}

fn apply_address(f: &mut Fields, a: &mut OrderAddressFields) {
    set_fields!(f => a, text:
        first_name, last_name, company, street_1, street_2, city, state, zip, country,
        country_iso2, phone, email);
}

/// `PUT /v2/orders/{id}` → 200 with the full order.
pub(crate) fn update(ctx: &Ctx, data: &mut StoreData, id: u64) -> ApiResult {
    let body = ctx.json()?;
    let mut o = data.orders[&id].clone();
    let previous_status = o.status_id;
    let mut f = Fields::new(&body, "");
    if let Some(s) = read_status(&mut f)
        && s != o.status_id
    {
        o.status_id = s;
        o.payment_status = payment_status_for(s).to_string();
        if matches!(s, 2 | 10) && o.date_shipped.is_none() {
            o.date_shipped = Some(touched(ctx.now, ctx.now));
        }
    }
    set_fields!(f => o, text: staff_notes, customer_message, payment_method, external_order_id);
    if f.has("external_source") {
        o.external_source = f.str("external_source");
    }
    if let Some(c) = f.int("customer_id") {
        if c != 0 && !data.customers.contains_key(&(c.max(0) as u64)) {
            f.error(
                "customer_id",
                format!("The field 'customer_id' is invalid: customer {c} does not exist."),
            );
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
    data.emit_order_change(id, previous_status, o.status_id);
    data.orders.insert(id, o);
    Ok(Reply::json(200, &out))
}

/// `POST /v2/orders` → 200 with the new order; `products` and `billing_address` are required.
pub(crate) fn create(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let body = ctx.json()?;
    let mut f = Fields::new(&body, "");
    for key in ["products", "billing_address"] {
        if f.raw(key).is_none_or(Value::is_null) {
            f.error(key, format!("The required field '{key}' was not supplied."));
        }
    }
    v2_invalid(std::mem::take(&mut f.errors))?;
    let now = touched(ctx.now, ctx.now);
    let mut billing = OrderAddressFields {
        country: "United States".into(),
        country_iso2: "US".into(),
        ..Default::default()
    };
    if let Some(b) = f.raw("billing_address") {
        let mut bf = Fields::new(b, "billing_address.");
        apply_address(&mut bf, &mut billing);
        f.errors.extend(bf.errors);
    }
    let status = read_status(&mut f).unwrap_or(1);
    let customer_id = f.int("customer_id").unwrap_or(0).max(0) as u64;
    if customer_id != 0 && !data.customers.contains_key(&customer_id) {
        f.error(
            "customer_id",
            format!("The field 'customer_id' is invalid: customer {customer_id} does not exist."),
        );
    }
    let created = match f.str("date_created") {
        Some(s) => parse_date_filter(&s, now).unwrap_or_else(|| {
            f.error(
                "date_created",
                "The field 'date_created' must be an RFC-2822 date.",
            );
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
        _ => f.error(
            "products",
            "The field 'products' must be a non-empty array.",
        ),
    }
    let mut ship_to = billing.clone();
    let mut method = "Flat Rate".to_string();
    if let Some(Value::Array(addresses)) = f.raw("shipping_addresses")
        && let Some(first) = addresses.first()
    {
        let mut sf = Fields::new(first, "shipping_addresses.0.");
        apply_address(&mut sf, &mut ship_to);
        if let Some(m) = sf.str("shipping_method") {
            method = m;
        }
        f.errors.extend(sf.errors);
    }
    let shipping = [
        "shipping_cost_ex_tax",
        "base_shipping_cost",
        "shipping_cost_inc_tax",
    ]
    .iter()
    .find_map(|k| f.raw(k).and_then(decimal_of))
    .unwrap_or(Decimal::ZERO);
    let discount = f
        .raw("discount_amount")
        .and_then(decimal_of)
        .unwrap_or(Decimal::ZERO);
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
        addresses: vec![OrderAddress {
            id: address_id,
            fields: ship_to,
            shipping_method: method,
            cost_ex_tax: shipping,
            cost_tax: Decimal::ZERO,
        }],
        shipments: Vec::new(),
        refunds: Vec::new(),
    };
    order.recompute_subtotals();
    let out = order_json(&order, &ctx.v2_base);
    data.orders.insert(id, order);
    data.emit_about("store/order/created", "order", id);
    Ok(Reply::json(200, &out))
}

/// One requested line item: a catalog product (`product_id`, optional `variant_id`) or a custom
/// product (`name` plus a price).
fn order_line(
    data: &StoreData,
    item: &Value,
    i: usize,
    address_id: u64,
) -> Result<OrderProduct, Vec<(String, String)>> {
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
            None => f.error(
                "product_id",
                format!("The field 'product_id' is invalid: product {pid} does not exist."),
            ),
            Some(p) => {
                let variant = match f.int("variant_id") {
                    Some(vid) => p.variants.iter().find(|v| v.id as i64 == vid),
                    None => p.variants.first(),
                };
                match variant {
                    None => f.error(
                        "variant_id",
                        format!("The field 'variant_id' is invalid for product {pid}."),
                    ),
                    Some(v) => {
                        line.product_id = p.id;
                        line.variant_id = v.id;
                        line.name = p.name.clone();
                        line.sku = v.sku.clone();
                        line.kind = p.kind.to_string();
                        line.base_price = v.calculated_price;
                        line.cost_price = p.cost_price;
                        line.weight = v.calculated_weight;
                        line.options = v
                            .option_values
                            .iter()
                            .map(|o| (o.option_display_name.clone(), o.label.clone()))
                            .collect();
                    }
                }
            }
        }
    } else {
        match f.str("name") {
            Some(name) if !name.trim().is_empty() => line.name = name,
            _ => f.error(
                "name",
                "A custom product needs 'name' (or pass 'product_id').",
            ),
        }
        if price_ex.is_none() && price_inc.is_none() {
            f.error(
                "price_ex_tax",
                "A custom product needs 'price_ex_tax' or 'price_inc_tax'.",
            );
        }
    }
    let ex = price_ex.or(price_inc).unwrap_or(line.base_price);
    let inc = price_inc.unwrap_or(ex);
    line.base_price = ex;
    line.price_ex_tax = ex;
    line.price_tax = (inc - ex).max(Decimal::ZERO);
    if f.errors.is_empty() {
        Ok(line)
    } else {
        Err(f.errors)
    }
}
