//! Screen snapshots of the product, order and customer details and of the overlays (help,
//! status picker, filter, command completion) at 100x30 and 80x24, on the fixed states of
//! `tests`.

use super::tests::{at, customer, loaded_state, money, order, product, snapshot_tab};
use crate::api::models::*;
use crate::app::list::LoadState;
use crate::app::panes::{CustomerDetail, Detail, OrderDetail, ProductDetail};
use crate::app::{Mode, Tab};

fn product_detail() -> ProductDetail {
    let mut product = product(2);
    product.description = "<p>Hand-thrown <b>stoneware</b> dripper.</p>".to_string();
    product.custom_url = Some(CustomUrl {
        url: "/ceramic-pour-over-coffee-dripper/".to_string(),
        is_customized: false,
    });
    product.inventory_tracking = "variant".to_string();
    product.variants = (0..3)
        .map(|n| Variant {
            id: 900 + n,
            product_id: product.id,
            sku: format!("SKU-0102-{n}"),
            price: if n == 0 { None } else { Some(money("52.00")) },
            calculated_price: money("52.00"),
            inventory_level: Some(5 * n as i64),
            option_values: vec![VariantOptionValue {
                label: ["White", "Sand", "Charcoal"][n as usize].to_string(),
                option_display_name: "Glaze".to_string(),
                ..VariantOptionValue::default()
            }],
            ..Variant::default()
        })
        .collect();
    ProductDetail { product }
}

fn order_detail() -> OrderDetail {
    let order = order(1);
    OrderDetail {
        products: vec![OrderProduct {
            id: 1,
            order_id: order.id,
            name: "Orbit Terrarium".to_string(),
            sku: "SKU-0100".to_string(),
            quantity: 2,
            quantity_shipped: 1,
            price_inc_tax: money("49.9500"),
            total_inc_tax: money("99.9000"),
            ..OrderProduct::default()
        }],
        shipping_addresses: vec![OrderShippingAddress {
            id: 7,
            first_name: "Grace".to_string(),
            last_name: "Hopper".to_string(),
            street_1: "1 Navy Yard".to_string(),
            city: "Arlington".to_string(),
            zip: "22202".to_string(),
            country: "United States".to_string(),
            shipping_method: "Flat Rate".to_string(),
            items_total: 2,
            items_shipped: 1,
            ..OrderShippingAddress::default()
        }],
        shipments: vec![Shipment {
            id: 3,
            date_created: at(27, 16),
            tracking_number: "1Z999AA10123456784".to_string(),
            shipping_provider_display_name: "UPS".to_string(),
            items: vec![ShipmentItem {
                order_product_id: 1,
                product_id: Some(100),
                quantity: 1,
            }],
            ..Shipment::default()
        }],
        refunds: Ok(Vec::new()),
        order,
    }
}

fn customer_detail() -> CustomerDetail {
    CustomerDetail {
        customer: customer(0),
        addresses: vec![CustomerAddress {
            id: 11,
            customer_id: 1,
            first_name: "Ada".to_string(),
            last_name: "Lovelace".to_string(),
            address1: "12 St James's Square".to_string(),
            city: "London".to_string(),
            postal_code: "SW1Y 4JH".to_string(),
            country_code: "GB".to_string(),
            ..CustomerAddress::default()
        }],
        recent_orders: (0..3).map(order).collect(),
        totals: None,
    }
}

fn with_detail<T>(data: T) -> Option<Detail<T>> {
    Some(Detail {
        id: 1,
        load: LoadState::Loaded,
        data: Some(data),
        scroll: 0,
        max_scroll: 0,
    })
}

#[test]
fn details() {
    snapshot_tab(Tab::Products, "detail", |size| {
        let mut state = loaded_state(size);
        state.products.detail = with_detail(product_detail());
        state
    });
    snapshot_tab(Tab::Orders, "detail", |size| {
        let mut state = loaded_state(size);
        state.orders.detail = with_detail(order_detail());
        state
    });
    snapshot_tab(Tab::Customers, "detail", |size| {
        let mut state = loaded_state(size);
        state.customers.detail = with_detail(customer_detail());
        state
    });
}

#[test]
fn overlays() {
    snapshot_tab(Tab::Products, "help", |size| {
        let mut state = loaded_state(size);
        state.mode = Mode::Help { scroll: 0 };
        state
    });
    snapshot_tab(Tab::Orders, "status_picker", |size| {
        let mut state = loaded_state(size);
        state.mode = Mode::StatusPicker { cursor: 2 };
        state
    });
    snapshot_tab(Tab::Customers, "filter_input", |size| {
        let mut state = loaded_state(size);
        state.mode = Mode::Filter;
        state.filter_input = tui_input::Input::new("ada@".to_string());
        state
    });
    snapshot_tab(Tab::Products, "command_completion", |size| {
        let mut state = loaded_state(size);
        state.mode = Mode::Command;
        state.command_input = tui_input::Input::new("orders ".to_string());
        state.completion = crate::app::cmdline::complete("or", &[], &[]);
        state
    });
}
