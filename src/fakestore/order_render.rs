//! V2 JSON for orders and their sub-resources: money as 4-decimal strings, RFC-2822 dates,
//! `{url, resource}` links.

use serde_json::{Map, Value, json};

use super::store::{Order, OrderAddress, OrderAddressFields, OrderProduct, Shipment};
use super::wire::{v2_date, v2_money};

/// (id, name, system description, display sort order) of the 15 system order statuses.
pub(crate) const STATUSES: &[(u8, &str, &str, u8)] = &[
    (
        0,
        "Incomplete",
        "An incomplete order happens when a shopper reached the payment page, but did not complete the transaction.",
        0,
    ),
    (
        1,
        "Pending",
        "Customer started the checkout process, but did not complete it.",
        1,
    ),
    (
        2,
        "Shipped",
        "Order has been shipped, but receipt has not been confirmed; seller has used the Ship Items action.",
        8,
    ),
    (
        3,
        "Partially Shipped",
        "Only some items in the order have been shipped, due to some products being pre-order only or other reasons.",
        6,
    ),
    (4, "Refunded", "Seller has used the Refund action.", 11),
    (
        5,
        "Cancelled",
        "Seller has cancelled an order, due to a stock inconsistency or other reasons.",
        9,
    ),
    (
        6,
        "Declined",
        "Seller has marked the order as declined for lack of manual payment, or other reasons.",
        10,
    ),
    (
        7,
        "Awaiting Payment",
        "Customer has completed checkout process, but payment has yet to be confirmed.",
        2,
    ),
    (
        8,
        "Awaiting Pickup",
        "Order has been pulled, and is awaiting customer pickup from a seller-specified location.",
        5,
    ),
    (
        9,
        "Awaiting Shipment",
        "Order has been pulled and packaged, and is awaiting collection from a shipping provider.",
        4,
    ),
    (
        10,
        "Completed",
        "Client has paid for their digital product and their file(s) are available for download.",
        7,
    ),
    (
        11,
        "Awaiting Fulfillment",
        "Customer has completed the checkout process and payment has been confirmed.",
        3,
    ),
    (
        12,
        "Manual Verification Required",
        "Order is on hold while some aspect needs to be manually confirmed.",
        13,
    ),
    (
        13,
        "Disputed",
        "Customer has initiated a dispute resolution process for the PayPal transaction that paid for the order.",
        12,
    ),
    (
        14,
        "Partially Refunded",
        "Seller has partially refunded the order.",
        14,
    ),
];

pub(crate) fn status_name(id: u8) -> &'static str {
    STATUSES
        .iter()
        .find(|s| s.0 == id)
        .map(|s| s.1)
        .unwrap_or("Unknown")
}

/// The merchant's label for a status. One is customised, as merchants do, so clients can be
/// seen showing custom labels rather than system names.
pub(crate) fn custom_label(id: u8) -> &'static str {
    match id {
        11 => "Ready to Pack",
        _ => status_name(id),
    }
}

/// An `/order_statuses` item (`order` = display sort order, as in the spec's example).
pub(crate) fn status_json(id: u8) -> Value {
    let (_, name, description, order) = STATUSES
        .iter()
        .find(|s| s.0 == id)
        .copied()
        .unwrap_or((id, "Unknown", "", 99));
    json!({
        "id": id,
        "name": name,
        "system_label": name,
        "custom_label": custom_label(id),
        "system_description": description,
        "order": order,
    })
}

fn merge(parts: Vec<Value>) -> Value {
    let mut out = Map::new();
    for part in parts {
        if let Value::Object(m) = part {
            out.extend(m);
        }
    }
    Value::Object(out)
}

fn link(base: &str, resource: String) -> Value {
    json!({ "url": format!("{base}{resource}"), "resource": resource })
}

pub(crate) fn address_json(a: &OrderAddressFields) -> Value {
    json!({
        "first_name": a.first_name, "last_name": a.last_name, "company": a.company,
        "street_1": a.street_1, "street_2": a.street_2, "city": a.city, "state": a.state, "zip": a.zip,
        "country": a.country, "country_iso2": a.country_iso2, "phone": a.phone, "email": a.email,
    })
}

/// An order as `GET /v2/orders/{id}` returns it; `base` is `{api_url}/stores/{hash}/v2`.
pub(crate) fn order_json(o: &Order, base: &str) -> Value {
    let m = |d: &rust_decimal::Decimal| v2_money(d);
    let zero = v2_money(&rust_decimal::Decimal::ZERO);
    let shipping_ex = o.shipping_ex_tax();
    let shipping_tax = o.shipping_tax();
    let mut billing = address_json(&o.billing);
    billing["form_fields"] = json!([]);
    merge(vec![
        json!({
            "id": o.id,
            "customer_id": o.customer_id,
            "date_created": v2_date(&o.date_created),
            "date_modified": v2_date(&o.date_modified),
            "date_shipped": o.date_shipped.map(|d| v2_date(&d)).unwrap_or_default(),
            "status_id": o.status_id,
            "status": status_name(o.status_id),
            "custom_status": custom_label(o.status_id),
            "subtotal_ex_tax": m(&o.subtotal_ex_tax),
            "subtotal_inc_tax": m(&(o.subtotal_ex_tax + o.subtotal_tax)),
            "subtotal_tax": m(&o.subtotal_tax),
            "base_shipping_cost": m(&shipping_ex),
            "shipping_cost_ex_tax": m(&shipping_ex),
            "shipping_cost_inc_tax": m(&(shipping_ex + shipping_tax)),
            "shipping_cost_tax": m(&shipping_tax),
            "shipping_cost_tax_class_id": 2,
        }),
        json!({
            "base_handling_cost": zero, "handling_cost_ex_tax": zero, "handling_cost_inc_tax": zero,
            "handling_cost_tax": zero, "handling_cost_tax_class_id": 2,
            "base_wrapping_cost": zero, "wrapping_cost_ex_tax": zero, "wrapping_cost_inc_tax": zero,
            "wrapping_cost_tax": zero, "wrapping_cost_tax_class_id": 3,
            "total_ex_tax": m(&o.total_ex_tax()),
            "total_inc_tax": m(&o.total_inc_tax()),
            "total_tax": m(&o.total_tax()),
            "is_tax_inclusive_pricing": false,
            "items_total": o.items_total(),
            "items_shipped": o.items_shipped(),
        }),
        json!({
            "payment_method": o.payment_method,
            "payment_provider_id": "",
            "payment_status": o.payment_status,
            "refunded_amount": m(&o.refunded_amount),
            "order_is_digital": false,
            "store_credit_amount": m(&o.store_credit_amount),
            "gift_certificate_amount": m(&o.gift_certificate_amount),
            "ip_address": o.ip_address,
            "ip_address_v6": "",
            "geoip_country": o.billing.country,
            "geoip_country_iso2": o.billing.country_iso2,
            "currency_id": 1,
            "currency_code": "USD",
            "currency_exchange_rate": "1.0000000000",
            "default_currency_id": 1,
            "default_currency_code": "USD",
            "staff_notes": o.staff_notes,
            "customer_message": o.customer_message,
        }),
        json!({
            "discount_amount": m(&o.discount_amount),
            "coupon_discount": m(&o.coupon_discount),
            "shipping_address_count": o.addresses.len(),
            "is_deleted": o.is_deleted,
            "ebay_order_id": "0",
            "cart_id": o.cart_id,
            "billing_address": billing,
            "is_email_opt_in": false,
            "credit_card_type": null,
            "order_source": o.order_source,
            "channel_id": o.channel_id,
            "external_source": o.external_source,
            "products": link(base, format!("/orders/{}/products", o.id)),
            "shipping_addresses": link(base, format!("/orders/{}/shippingaddresses", o.id)),
            "coupons": link(base, format!("/orders/{}/coupons", o.id)),
            "external_id": null,
            "external_merchant_id": null,
            "tax_provider_id": "BasicTaxProvider",
            "store_default_currency_code": "USD",
            "store_default_to_transactional_exchange_rate": "1.0000000000",
            "customer_locale": "en",
            "external_order_id": o.external_order_id,
        }),
    ])
}

/// An order line item (`/orders/{id}/products`).
pub(crate) fn product_json(order_id: u64, p: &OrderProduct) -> Value {
    let m = |d: &rust_decimal::Decimal| v2_money(d);
    let zero = v2_money(&rust_decimal::Decimal::ZERO);
    let qty = rust_decimal::Decimal::from(p.quantity);
    let inc = p.price_ex_tax + p.price_tax;
    let options: Vec<Value> = p
        .options
        .iter()
        .enumerate()
        .map(|(i, (name, value))| {
            json!({
                "id": p.id * 10 + i as u64, "option_id": i + 1, "order_product_id": p.id, "product_option_id": i + 1,
                "display_name": name, "display_name_customer": name, "display_name_merchant": name,
                "display_value": value, "display_value_customer": value, "display_value_merchant": value,
                "value": value, "type": "Multiple choice", "name": name, "display_style": "Rectangle",
            })
        })
        .collect();
    merge(vec![
        json!({
            "id": p.id, "order_id": order_id, "product_id": p.product_id, "variant_id": p.variant_id,
            "order_address_id": p.order_address_id, "name": p.name, "name_customer": p.name, "name_merchant": p.name,
            "sku": p.sku, "upc": "", "type": p.kind,
            "base_price": m(&p.base_price), "price_ex_tax": m(&p.price_ex_tax), "price_inc_tax": m(&inc), "price_tax": m(&p.price_tax),
            "base_total": m(&(p.base_price * qty)), "total_ex_tax": m(&(p.price_ex_tax * qty)),
            "total_inc_tax": m(&(inc * qty)), "total_tax": m(&(p.price_tax * qty)),
        }),
        json!({
            "weight": m(&p.weight), "width": zero, "height": zero, "depth": zero,
            "quantity": p.quantity,
            "base_cost_price": m(&p.cost_price), "cost_price_inc_tax": m(&p.cost_price),
            "cost_price_ex_tax": m(&p.cost_price), "cost_price_tax": zero,
            "is_refunded": p.quantity_refunded > 0 && p.quantity_refunded >= p.quantity,
            "quantity_refunded": p.quantity_refunded, "refund_amount": m(&p.refund_amount),
            "return_id": 0, "wrapping_id": 0, "wrapping_name": "", "base_wrapping_cost": zero,
            "wrapping_cost_ex_tax": zero, "wrapping_cost_inc_tax": zero, "wrapping_cost_tax": zero, "wrapping_message": "",
        }),
        json!({
            "quantity_shipped": p.quantity_shipped, "fixed_shipping_cost": zero,
            "ebay_item_id": "", "ebay_transaction_id": "", "option_set_id": null, "parent_order_product_id": null,
            "is_bundled_product": false, "bin_picking_number": "", "external_id": null, "brand": "",
            "applied_discounts": [], "product_options": options, "configurable_fields": [],
            "gift_certificate_id": null,
        }),
    ])
}

/// A shipping address (`/orders/{id}/shipping_addresses`) with its item counts.
pub(crate) fn shipping_address_json(o: &Order, a: &OrderAddress, base: &str) -> Value {
    let m = |d: &rust_decimal::Decimal| v2_money(d);
    let zero = v2_money(&rust_decimal::Decimal::ZERO);
    let lines = o.products.iter().filter(|p| p.order_address_id == a.id);
    let (total, shipped) = lines.fold((0, 0), |(t, s), p| (t + p.quantity, s + p.quantity_shipped));
    let mut v = address_json(&a.fields);
    let extra = json!({
        "id": a.id, "order_id": o.id, "items_total": total, "items_shipped": shipped,
        "shipping_method": a.shipping_method, "base_cost": m(&a.cost_ex_tax), "cost_ex_tax": m(&a.cost_ex_tax),
        "cost_inc_tax": m(&(a.cost_ex_tax + a.cost_tax)), "cost_tax": m(&a.cost_tax), "cost_tax_class_id": 2,
        "base_handling_cost": zero, "handling_cost_ex_tax": zero, "handling_cost_inc_tax": zero,
        "handling_cost_tax": zero, "handling_cost_tax_class_id": 2,
        "shipping_zone_id": 1, "shipping_zone_name": "United States",
        "shipping_quotes": link(base, format!("/orders/{}/shippingaddresses/{}/shippingquotes", o.id, a.id)),
        "form_fields": [],
    });
    if let (Value::Object(target), Value::Object(more)) = (&mut v, extra) {
        target.extend(more);
    }
    v
}

fn provider_display(provider: &str) -> &'static str {
    match provider {
        "usps" => "USPS",
        "ups" | "upsready" => "UPS",
        "fedex" => "FedEx",
        "auspost" => "Australia Post",
        "canadapost" => "Canada Post",
        "royalmail" => "Royal Mail",
        "endicia" => "Endicia",
        "shipperhq" => "ShipperHQ",
        _ => "",
    }
}

fn generated_link(provider: &str, number: &str) -> String {
    if number.is_empty() {
        return String::new();
    }
    match provider {
        "usps" => format!("https://tools.usps.com/go/TrackConfirmAction?tLabels={number}"),
        "ups" | "upsready" => format!("https://www.ups.com/track?tracknum={number}"),
        "fedex" => format!("https://www.fedex.com/fedextrack/?trknbr={number}"),
        _ => String::new(),
    }
}

pub(crate) fn shipment_json(o: &Order, s: &Shipment) -> Value {
    let shipping = o
        .addresses
        .iter()
        .find(|a| a.id == s.order_address_id)
        .map(|a| address_json(&a.fields))
        .unwrap_or(Value::Null);
    json!({
        "id": s.id, "order_id": o.id, "customer_id": o.customer_id, "order_address_id": s.order_address_id,
        "date_created": v2_date(&s.date_created), "tracking_number": s.tracking_number,
        "merchant_shipping_cost": v2_money(&s.merchant_shipping_cost), "shipping_method": s.shipping_method,
        "comments": s.comments, "shipping_provider": s.shipping_provider, "tracking_carrier": s.tracking_carrier,
        "tracking_link": s.tracking_link, "billing_address": address_json(&o.billing), "shipping_address": shipping,
        "items": s.items.iter().map(|i| json!({ "order_product_id": i.order_product_id, "product_id": i.product_id, "quantity": i.quantity })).collect::<Vec<_>>(),
        "shipping_provider_display_name": provider_display(&s.shipping_provider),
        "generated_tracking_link": generated_link(&s.shipping_provider, &s.tracking_number),
    })
}
