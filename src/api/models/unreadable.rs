//! Records that do not match their model. A list decodes item by item; an item
//! that fails becomes a placeholder of its own type that names the id and the
//! field, so the rest of the page still shows and the failure stays visible.

use serde_json::Value;

use super::{
    Brand, CategoryTree, Customer, CustomerAddress, CustomerGroup, CustomerRow, Hook, Order,
    OrderProduct, OrderRow, OrderShippingAddress, OrderStatus, Product, ProductRow, Shipment,
    TreeCategory, Variant,
};

/// The text a placeholder shows where the record's name would be: the field
/// comes first so that even a narrow column shows it.
pub fn unreadable_label(problem: &str) -> String {
    format!("⚠ {problem}")
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

/// `impl Unreadable` for a model with a `u64` id: the placeholder is the
/// default record with `$id` set and the label in its `$label` text field.
macro_rules! placeholder {
    ($($model:ident { $id:ident, $label:ident }),* $(,)?) => {
        $(
            impl Unreadable for $model {
                fn unreadable(id: u64, problem: &str) -> Self {
                    $model {
                        $id: id,
                        $label: unreadable_label(problem),
                        ..$model::default()
                    }
                }
            }
        )*
    };
}

placeholder! {
    Product { id, name },
    Variant { id, sku },
    Customer { id, first_name },
    CustomerGroup { id, name },
    CustomerAddress { id, first_name },
    CategoryTree { id, name },
    TreeCategory { category_id, name },
    OrderProduct { id, name },
    OrderShippingAddress { id, first_name },
    Shipment { id, tracking_number },
    Hook { id, scope },
}

impl Unreadable for Brand {
    fn unreadable(id: u64, problem: &str) -> Self {
        Brand {
            id,
            name: unreadable_label(problem),
        }
    }
}

impl Unreadable for CustomerRow {
    fn unreadable(id: u64, problem: &str) -> Self {
        CustomerRow {
            id,
            first_name: unreadable_label(problem).into(),
            ..CustomerRow::default()
        }
    }
}

impl Unreadable for ProductRow {
    fn unreadable(id: u64, problem: &str) -> Self {
        ProductRow {
            id,
            name: unreadable_label(problem).into(),
            ..ProductRow::default()
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

impl Unreadable for OrderRow {
    fn unreadable(id: u64, problem: &str) -> Self {
        let mut row = OrderRow {
            id,
            status: unreadable_label(problem).into(),
            ..OrderRow::default()
        };
        // The customer column shows the billing name: say it there too.
        row.billing_address.first_name = unreadable_label(problem).into();
        row
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
