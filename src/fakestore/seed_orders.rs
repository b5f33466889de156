//! Seeding of 90 days of orders that reference real products
//! and customers, with a status mix that depends on the order's age.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;

use super::rng::Rng;
use super::seed_customers::{EMAIL_DOMAINS, ascii_lower, phone, street_address};
use super::store::{
    Order, OrderAddress, OrderAddressFields, OrderProduct, Refund, RefundLine, RefundPayment,
    Shipment, ShipmentItem, StoreData, next_id,
};
use super::words::Words;

/// Status weights by order age: fresh orders wait for payment/fulfilment, old ones are done.
fn status_for_age(rng: &mut Rng, age_days: i64) -> u8 {
    let table: &[(u8, u32)] = if age_days < 2 {
        &[
            (11, 35),
            (7, 15),
            (9, 12),
            (1, 10),
            (12, 5),
            (8, 5),
            (3, 5),
            (2, 8),
            (6, 3),
            (5, 2),
        ]
    } else if age_days < 7 {
        &[
            (2, 35),
            (10, 20),
            (11, 12),
            (9, 8),
            (3, 6),
            (7, 4),
            (5, 4),
            (6, 3),
            (12, 2),
            (8, 2),
            (13, 1),
            (4, 1),
            (14, 2),
        ]
    } else if age_days < 30 {
        &[
            (10, 50),
            (2, 28),
            (5, 5),
            (4, 4),
            (14, 3),
            (3, 2),
            (6, 3),
            (13, 1),
            (11, 2),
            (12, 1),
            (8, 1),
        ]
    } else {
        // A month on, almost everything is settled: a rare forgotten order or dispute remains.
        &[
            (10, 540),
            (2, 300),
            (5, 50),
            (4, 40),
            (14, 30),
            (6, 30),
            (13, 4),
            (11, 3),
            (8, 2),
            (12, 1),
        ]
    };
    let weights: Vec<u32> = table.iter().map(|(_, w)| *w).collect();
    table[rng.weighted(&weights)].0
}

pub(crate) fn payment_status_for(status: u8) -> &'static str {
    match status {
        0 | 1 => "",
        7 => "pending",
        6 => "declined",
        4 => "refunded",
        14 => "partially refunded",
        5 => "void",
        12 => "held for review",
        _ => "captured",
    }
}

fn tracking(rng: &mut Rng) -> (String, String) {
    match rng.below(3) {
        0 => (
            "usps".into(),
            format!("9400{:018}", rng.below(1_000_000_000_000_000_000)),
        ),
        1 => (
            "ups".into(),
            format!(
                "1Z{:06X}{:010}",
                rng.below(0xFF_FFFF),
                rng.below(10_000_000_000)
            ),
        ),
        _ => (
            "fedex".into(),
            format!("{:012}", rng.below(1_000_000_000_000)),
        ),
    }
}

const STAFF_NOTES: &[&str] = &[
    "Customer called to confirm the delivery address.",
    "Gift order: leave the invoice out of the box.",
    "Repeat customer, include a thank-you card.",
    "Check stock before packing; one item was low.",
];
const CUSTOMER_MESSAGES: &[&str] = &[
    "Please leave the parcel at the side door.",
    "This is a gift, please no prices on the packing slip.",
    "Could you ship this before Friday?",
    "Please use recyclable packaging if possible.",
];

pub(crate) fn seed_orders(
    data: &mut StoreData,
    words: &Words,
    rng: &mut Rng,
    anchor: DateTime<Utc>,
    count: usize,
) {
    let product_ids: Vec<u64> = data.products.keys().copied().collect();
    if product_ids.is_empty() {
        return;
    }
    let customer_ids: Vec<u64> = data.customers.keys().copied().collect();
    let mut first_address: HashMap<u64, u64> = HashMap::new();
    for a in data.addresses.values() {
        first_address.entry(a.customer_id).or_insert(a.id);
    }
    let span = 90 * 86_400i64;
    // Bulk-built at the end (see `seed_products`).
    let mut orders = Vec::with_capacity(count);
    for i in 0..count {
        let offset = ((i as f64 + rng.unit()) / count as f64 * span as f64) as i64;
        let created =
            (anchor - Duration::seconds(span - offset)).min(anchor - Duration::seconds(120));
        let age_days = (anchor - created).num_days();
        let id = next_id(&mut data.ids.order);
        let (customer_id, billing) =
            pick_buyer(data, words, rng, &customer_ids, &first_address, created);
        let mut status = status_for_age(rng, age_days);
        let tax_rate = if matches!(billing.state.as_str(), "Oregon" | "Alaska") {
            Decimal::ZERO
        } else {
            Decimal::new(7, 2)
        };

        let address_id = next_id(&mut data.ids.order_address);
        let mut ship_to = billing.clone();
        if rng.chance(0.15) {
            let (street, city, state, zip) = street_address(words, rng);
            ship_to.first_name = rng.pick(&words.first_names).to_string();
            ship_to.street_1 = street;
            ship_to.city = city;
            ship_to.state = state;
            ship_to.zip = zip;
        }

        let mut products = Vec::new();
        for _ in 0..[1, 2, 3, 4, 5][rng.weighted(&[40, 30, 15, 10, 5])] {
            // Prefer a product that already existed when the order was placed.
            let mut product = &data.products[rng.pick(&product_ids)];
            for _ in 0..3 {
                if product.date_created <= created {
                    break;
                }
                product = &data.products[rng.pick(&product_ids)];
            }
            let variant = rng.pick(&product.variants);
            let quantity = [1u64, 2, 3, 4][rng.weighted(&[70, 20, 6, 4])];
            let price = variant.calculated_price;
            products.push(OrderProduct {
                id: next_id(&mut data.ids.order_product),
                product_id: product.id,
                variant_id: variant.id,
                order_address_id: address_id,
                name: product.name.clone(),
                sku: variant.sku.clone(),
                kind: product.kind.to_string(),
                base_price: price,
                price_ex_tax: price,
                price_tax: (price * tax_rate).round_dp(2),
                cost_price: product.cost_price,
                weight: variant.calculated_weight,
                quantity,
                quantity_shipped: 0,
                quantity_refunded: 0,
                refund_amount: Decimal::ZERO,
                options: variant
                    .option_values
                    .iter()
                    .map(|o| (o.option_display_name.clone(), o.label.clone()))
                    .collect(),
            });
        }
        let items: u64 = products.iter().map(|p| p.quantity).sum();
        if status == 3 && items < 2 {
            status = 11;
        }
        let subtotal: Decimal = products
            .iter()
            .map(|p| p.price_ex_tax * Decimal::from(p.quantity))
            .sum();
        let (method, cost) = if subtotal >= Decimal::from(100) {
            ("Free Shipping", Decimal::ZERO)
        } else {
            *rng.pick(&[
                ("Flat Rate", Decimal::new(795, 2)),
                ("UPS Ground", Decimal::new(995, 2)),
                ("USPS Priority", Decimal::new(1295, 2)),
            ])
        };

        let mut order = Order {
            id,
            customer_id,
            date_created: created,
            date_modified: created,
            date_shipped: None,
            status_id: status,
            subtotal_ex_tax: Decimal::ZERO,
            subtotal_tax: Decimal::ZERO,
            discount_amount: Decimal::ZERO,
            coupon_discount: Decimal::ZERO,
            refunded_amount: Decimal::ZERO,
            store_credit_amount: Decimal::ZERO,
            gift_certificate_amount: Decimal::ZERO,
            payment_method: if status == 7 {
                "Bank Deposit".into()
            } else {
                ["Credit Card", "PayPal", "Apple Pay"][rng.weighted(&[70, 22, 8])].into()
            },
            payment_status: payment_status_for(status).into(),
            staff_notes: if rng.chance(0.08) {
                rng.pick(STAFF_NOTES).to_string()
            } else {
                String::new()
            },
            customer_message: if rng.chance(0.1) {
                rng.pick(CUSTOMER_MESSAGES).to_string()
            } else {
                String::new()
            },
            is_deleted: false,
            billing,
            ip_address: format!("203.0.113.{}", rng.range(1, 254)),
            cart_id: data.rng.uuid(),
            channel_id: 1,
            external_source: None,
            external_order_id: String::new(),
            order_source: "www".into(),
            products,
            addresses: vec![OrderAddress {
                id: address_id,
                fields: ship_to,
                shipping_method: method.into(),
                cost_ex_tax: cost,
                cost_tax: Decimal::ZERO,
            }],
            shipments: Vec::new(),
            refunds: Vec::new(),
        };
        order.recompute_subtotals();
        if rng.chance(0.08) {
            order.discount_amount = (order.subtotal_ex_tax * Decimal::new(10, 2)).round_dp(2);
            order.coupon_discount = order.discount_amount;
        }
        fulfil(&mut order, data, rng, anchor);
        orders.push((id, order));
    }
    data.orders = orders.into_iter().collect();
}

fn pick_buyer(
    data: &StoreData,
    words: &Words,
    rng: &mut Rng,
    customer_ids: &[u64],
    first_address: &HashMap<u64, u64>,
    ordered_at: DateTime<Utc>,
) -> (u64, OrderAddressFields) {
    if !customer_ids.is_empty() && rng.chance(0.85) {
        // A registered buyer must have signed up before ordering; a few tries, else a guest.
        let mut c = &data.customers[rng.pick(customer_ids)];
        for _ in 0..3 {
            if c.date_created <= ordered_at {
                break;
            }
            c = &data.customers[rng.pick(customer_ids)];
        }
        if c.date_created > ordered_at {
            return guest(words, rng);
        }
        if let Some(a) = first_address
            .get(&c.id)
            .and_then(|id| data.addresses.get(id))
        {
            let fields = OrderAddressFields {
                first_name: c.first_name.clone(),
                last_name: c.last_name.clone(),
                company: c.company.clone(),
                street_1: a.address1.clone(),
                street_2: a.address2.clone(),
                city: a.city.clone(),
                state: a.state_or_province.clone(),
                zip: a.postal_code.clone(),
                country: a.country.clone(),
                country_iso2: a.country_code.clone(),
                phone: c.phone.clone(),
                email: c.email.clone(),
            };
            return (c.id, fields);
        }
    }
    guest(words, rng)
}

/// A guest buyer (customer id 0) with a random US address.
fn guest(words: &Words, rng: &mut Rng) -> (u64, OrderAddressFields) {
    let first = rng.pick(&words.first_names).to_string();
    let last = rng.pick(&words.last_names).to_string();
    let (street, city, state, zip) = street_address(words, rng);
    let email = format!(
        "{}.{}@{}",
        ascii_lower(&first),
        ascii_lower(&last),
        rng.pick(EMAIL_DOMAINS)
    );
    let fields = OrderAddressFields {
        first_name: first,
        last_name: last,
        street_1: street,
        city,
        state,
        zip,
        country: "United States".into(),
        country_iso2: "US".into(),
        phone: phone(rng),
        email,
        ..OrderAddressFields::default()
    };
    (0, fields)
}

/// Ships, completes or refunds an order according to its status, with shipments and dates.
fn fulfil(order: &mut Order, data: &mut StoreData, rng: &mut Rng, anchor: DateTime<Utc>) {
    let latest = anchor - Duration::seconds(60);
    let status = order.status_id;
    let ship_all = matches!(status, 2 | 10 | 4 | 14 | 13);
    if ship_all || status == 3 {
        for (i, p) in order.products.iter_mut().enumerate() {
            p.quantity_shipped = if ship_all || i == 0 { p.quantity } else { 0 };
        }
        if status == 3 && order.items_shipped() == order.items_total() {
            // Keep one unit back so the order really is partially shipped.
            if let Some(p) = order.products.iter_mut().find(|p| p.quantity > 0) {
                p.quantity_shipped = p.quantity - 1;
            }
        }
        let shipped_at =
            (order.date_created + Duration::seconds(rng.range(3_600, 3 * 86_400))).min(latest);
        let (provider, number) = tracking(rng);
        let items = order
            .products
            .iter()
            .filter(|p| p.quantity_shipped > 0)
            .map(|p| ShipmentItem {
                order_product_id: p.id,
                product_id: p.product_id,
                quantity: p.quantity_shipped,
            })
            .collect();
        order.shipments.push(Shipment {
            id: next_id(&mut data.ids.shipment),
            order_address_id: order.addresses[0].id,
            date_created: shipped_at,
            tracking_number: number,
            tracking_link: String::new(),
            shipping_provider: provider,
            tracking_carrier: String::new(),
            shipping_method: order.addresses[0].shipping_method.clone(),
            merchant_shipping_cost: Decimal::ZERO,
            comments: String::new(),
            items,
        });
        order.date_shipped = Some(shipped_at);
        order.date_modified = shipped_at;
        if status != 2 && status != 3 {
            order.date_modified =
                (shipped_at + Duration::seconds(rng.range(86_400, 6 * 86_400))).min(latest);
        }
    } else if status != 1 && status != 0 {
        order.date_modified =
            (order.date_created + Duration::seconds(rng.range(60, 6 * 3_600))).min(latest);
    }
    // Refunded orders carry the refund that made them so (its lines and payment).
    let refunded: Vec<(usize, u64)> = match status {
        4 => order
            .products
            .iter()
            .enumerate()
            .map(|(i, p)| (i, p.quantity))
            .collect(),
        14 if !order.products.is_empty() => vec![(0, 1)],
        _ => Vec::new(),
    };
    if !refunded.is_empty() {
        let mut lines = Vec::new();
        let (mut total, mut tax) = (Decimal::ZERO, Decimal::ZERO);
        for (i, quantity) in refunded {
            let p = &mut order.products[i];
            let amount = (p.price_ex_tax + p.price_tax) * Decimal::from(quantity);
            p.quantity_refunded = quantity;
            p.refund_amount = amount;
            total += amount;
            tax += p.price_tax * Decimal::from(quantity);
            lines.push(RefundLine {
                item_type: "PRODUCT".into(),
                item_id: p.id,
                quantity: Some(quantity),
                requested_amount: None,
                reason: String::new(),
            });
        }
        if status == 4 {
            // Shipping goes back too when the whole order is refunded.
            total = order.total_inc_tax();
            if let Some(a) = order.addresses.first() {
                tax += a.cost_tax;
                lines.push(RefundLine {
                    item_type: "SHIPPING".into(),
                    item_id: a.id,
                    quantity: None,
                    requested_amount: Some(a.cost_ex_tax + a.cost_tax),
                    reason: String::new(),
                });
            }
        }
        order.refunded_amount = total;
        let provider = super::order_refunds::provider_for(&order.payment_method);
        order.refunds.push(Refund {
            id: next_id(&mut data.ids.refund),
            created: order.date_modified,
            reason: "Returned by the customer".into(),
            total_amount: total,
            total_tax: tax,
            items: lines,
            payments: vec![RefundPayment {
                id: next_id(&mut data.ids.refund_payment),
                provider_id: provider.id.into(),
                amount: total,
                offline: provider.offline,
            }],
        });
    }
    order.date_modified = order.date_modified.max(order.date_created);
}
