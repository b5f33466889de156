//! Records that do not match their model. A list decodes item by item; an item
//! that fails becomes a placeholder of its own type that names the id and the
//! field, so the rest of the page still shows and the failure stays visible.

use serde_json::Value;

use super::{
    CategoryTree, Customer, CustomerAddress, Order, OrderProduct, OrderShippingAddress,
    OrderStatus, Product, Shipment, TreeCategory, Variant,
};

/// The text a placeholder shows where the record's name would be.
pub fn unreadable_label(problem: &str) -> String {
    format!("⚠ unreadable: {problem}")
}

/// A stand-in for a list item that could not be read.
pub trait Unreadable {
    /// The placeholder for the record with this `id` (0 when the id itself
    /// was unreadable); `problem` names the field, e.g. "field `price`: …".
    fn unreadable(id: u64, problem: &str) -> Self;
}

impl Unreadable for Value {
    fn unreadable(id: u64, problem: &str) -> Self {
        serde_json::json!({ "id": id, "unreadable": problem })
    }
}

impl Unreadable for Product {
    fn unreadable(id: u64, problem: &str) -> Self {
        Product {
            id,
            name: unreadable_label(problem),
            ..Product::default()
        }
    }
}

impl Unreadable for Variant {
    fn unreadable(id: u64, problem: &str) -> Self {
        Variant {
            id,
            sku: unreadable_label(problem),
            ..Variant::default()
        }
    }
}

impl Unreadable for Customer {
    fn unreadable(id: u64, problem: &str) -> Self {
        Customer {
            id,
            first_name: unreadable_label(problem),
            ..Customer::default()
        }
    }
}

impl Unreadable for CustomerAddress {
    fn unreadable(id: u64, problem: &str) -> Self {
        CustomerAddress {
            id,
            first_name: unreadable_label(problem),
            ..CustomerAddress::default()
        }
    }
}

impl Unreadable for CategoryTree {
    fn unreadable(id: u64, problem: &str) -> Self {
        CategoryTree {
            id,
            name: unreadable_label(problem),
            ..CategoryTree::default()
        }
    }
}

impl Unreadable for TreeCategory {
    fn unreadable(id: u64, problem: &str) -> Self {
        TreeCategory {
            category_id: id,
            name: unreadable_label(problem),
            ..TreeCategory::default()
        }
    }
}

impl Unreadable for Order {
    fn unreadable(id: u64, problem: &str) -> Self {
        let mut order = Order {
            id,
            status: unreadable_label(problem),
            ..Order::default()
        };
        // The customer column shows the billing name: say it there too.
        order.billing_address.first_name = unreadable_label(problem);
        order
    }
}

impl Unreadable for OrderProduct {
    fn unreadable(id: u64, problem: &str) -> Self {
        OrderProduct {
            id,
            name: unreadable_label(problem),
            ..OrderProduct::default()
        }
    }
}

impl Unreadable for OrderShippingAddress {
    fn unreadable(id: u64, problem: &str) -> Self {
        OrderShippingAddress {
            id,
            first_name: unreadable_label(problem),
            ..OrderShippingAddress::default()
        }
    }
}

impl Unreadable for Shipment {
    fn unreadable(id: u64, problem: &str) -> Self {
        Shipment {
            id,
            tracking_number: unreadable_label(problem),
            ..Shipment::default()
        }
    }
}

impl Unreadable for OrderStatus {
    fn unreadable(id: u64, problem: &str) -> Self {
        OrderStatus {
            id: u32::try_from(id).unwrap_or_default(),
            name: unreadable_label(problem),
            ..OrderStatus::default()
        }
    }
}
