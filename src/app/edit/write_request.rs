//! Writes as data: what `update` asks the runtime to send (`Write`) and what
//! comes back (`Written`). `crate::writes` sends them.

use serde_json::Value;

use crate::api::compare::FieldDiff;
use crate::api::models::{
    Customer, CustomerWrite, Hook, HookWrite, Product, ProductWrite, TreeCategory,
    TreeCategoryWrite, Variant, VariantWrite,
};

/// One write to the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// Update one product. Unless `force`, first GET it and answer
    /// [`Written::Conflict`] if the fields about to change no longer hold
    /// `expected` (what the user saw); afterwards the saved product is compared
    /// with what was sent.
    UpdateProduct {
        id: u64,
        changes: ProductWrite,
        expected: Value,
        force: bool,
    },
    /// Update many products through the batch endpoint (10 a request),
    /// reporting progress. They are re-read first: one whose fields no longer
    /// hold what the user saw is skipped and reported, never overwritten. A
    /// failed request is retried product by product so failures are known per
    /// product; a 403 stops the change.
    UpdateProducts { items: Vec<GuardedWrite> },
    /// Delete products: one with `DELETE /products/{id}` (a 404 is reported as
    /// already gone), several with one `id:in` request.
    DeleteProducts { ids: Vec<u64> },
    /// Create a product.
    CreateProduct(ProductWrite),
    /// Update one variant of a product, if its fields still hold `expected`.
    UpdateVariant {
        product_id: u64,
        variant_id: u64,
        changes: VariantWrite,
        expected: Value,
    },
    /// Set the price of variants of several products (`PUT /v3/catalog/variants`,
    /// 50 a request) where each still has the price the user saw.
    UpdateVariantPrices { items: Vec<VariantPrice> },
    /// Create one customer (`POST /v3/customers`, an array body).
    CreateCustomer(CustomerWrite),
    /// Update one customer (`PUT /v3/customers`, an array body with `id`), if
    /// its fields still hold `expected`.
    UpdateCustomer {
        changes: CustomerWrite,
        expected: Value,
    },
    /// Delete customers: one request with `id:in`.
    DeleteCustomers { ids: Vec<u64> },
    /// Create one tree category.
    CreateCategory(TreeCategoryWrite),
    /// Update one tree category (`category_id` set), if its fields still hold
    /// `expected`; answers with it re-read.
    UpdateCategory {
        changes: TreeCategoryWrite,
        expected: Value,
    },
    /// Delete categories with `category_id:in` (their subcategories go too).
    DeleteCategories { ids: Vec<u64> },
    /// Create one webhook.
    CreateHook(HookWrite),
    /// Update webhook `id` (only the fields set).
    UpdateHook { id: u64, changes: HookWrite },
    /// Delete webhook `id`.
    DeleteHook { id: u64 },
}

/// A variant's new price, with the price the user saw (its own; `None` inherits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantPrice {
    pub product_id: u64,
    pub variant_id: u64,
    pub seen: Option<rust_decimal::Decimal>,
    pub price: rust_decimal::Decimal,
}

/// A product write with the values its fields must still have in the store.
#[derive(Debug, Clone, PartialEq)]
pub struct GuardedWrite {
    pub changes: ProductWrite,
    /// The fields' values as the user saw them (or as we wrote them, for undo).
    pub expected: Value,
}

// Compared by value like `Write`, so equality is total.
impl Eq for GuardedWrite {}

impl GuardedWrite {
    /// A write of `changes` to a product the user saw as `seen`.
    pub fn over(seen: &Product, changes: ProductWrite) -> GuardedWrite {
        let expected = crate::api::compare::seen(seen, &changes);
        GuardedWrite { changes, expected }
    }

    /// The product id the write is for.
    pub fn id(&self) -> u64 {
        self.changes.id.unwrap_or(0)
    }
}

impl Write {
    /// What the journal keeps to check and resend a product field update after a
    /// crash (`None` for other kinds: those are checked by hand).
    pub fn check(&self) -> Option<Vec<crate::app::unknown_writes::ProductCheck>> {
        use crate::app::unknown_writes::ProductCheck;
        let check = |id: u64, changes: &ProductWrite, before: &Value| ProductCheck {
            id,
            before: before.clone(),
            changes: ProductWrite {
                id: None,
                ..changes.clone()
            },
        };
        match self {
            Write::UpdateProduct {
                id,
                changes,
                expected,
                ..
            } => Some(vec![check(*id, changes, expected)]),
            Write::UpdateProducts { items } => Some(
                items
                    .iter()
                    .map(|i| check(i.id(), &i.changes, &i.expected))
                    .collect(),
            ),
            _ => None,
        }
    }

    /// The request this write makes, for the journal: method, path and body.
    pub fn describe(&self) -> String {
        fn json(body: &impl serde::Serialize) -> String {
            serde_json::to_string(body).unwrap_or_default()
        }
        let ids = |ids: &[u64]| ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
        match self {
            Write::UpdateProduct { id, changes, .. } => {
                format!("PUT /v3/catalog/products/{id} {}", json(changes))
            }
            Write::UpdateProducts { items } => {
                let changes: Vec<&ProductWrite> = items.iter().map(|i| &i.changes).collect();
                format!("PUT /v3/catalog/products {}", json(&changes))
            }
            Write::DeleteProducts { ids: list } => {
                format!("DELETE /v3/catalog/products?id:in={}", ids(list))
            }
            Write::CreateProduct(product) => format!("POST /v3/catalog/products {}", json(product)),
            Write::UpdateVariant {
                product_id,
                variant_id,
                changes,
                ..
            } => format!(
                "PUT /v3/catalog/products/{product_id}/variants/{variant_id} {}",
                json(changes)
            ),
            Write::UpdateVariantPrices { items } => {
                let body: Vec<serde_json::Value> = items
                    .iter()
                    .map(|i| serde_json::json!({"id": i.variant_id, "price": i.price}))
                    .collect();
                format!("PUT /v3/catalog/variants {}", json(&body))
            }
            Write::CreateCustomer(customer) => format!("POST /v3/customers [{}]", json(customer)),
            Write::UpdateCustomer { changes, .. } => {
                format!("PUT /v3/customers [{}]", json(changes))
            }
            Write::DeleteCustomers { ids: list } => {
                format!("DELETE /v3/customers?id:in={}", ids(list))
            }
            Write::CreateCategory(category) => {
                format!("POST /v3/catalog/trees/categories [{}]", json(category))
            }
            Write::UpdateCategory { changes, .. } => {
                format!("PUT /v3/catalog/trees/categories [{}]", json(changes))
            }
            Write::DeleteCategories { ids: list } => format!(
                "DELETE /v3/catalog/trees/categories?category_id:in={}",
                ids(list)
            ),
            // Header values are secrets: the journal keeps their names only.
            Write::CreateHook(hook) => format!("POST /v3/hooks {}", json(&masked(hook))),
            Write::UpdateHook { id, changes } => {
                format!("PUT /v3/hooks/{id} {}", json(&masked(changes)))
            }
            Write::DeleteHook { id } => format!("DELETE /v3/hooks/{id}"),
        }
    }
}

/// `hook` with each custom header's value replaced by `***`.
fn masked(hook: &HookWrite) -> HookWrite {
    let headers = hook.headers.as_ref().map(|headers| {
        headers
            .keys()
            .map(|name| (name.clone(), "***".to_string()))
            .collect()
    });
    HookWrite {
        headers,
        ..hook.clone()
    }
}

// Every field compares by value (decimals, strings, ids), so equality is total.
impl Eq for Write {}

/// What a finished write brings back.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    /// The product as saved, and the fields sent that it does not show.
    Product {
        saved: Box<Product>,
        not_taken: Vec<FieldDiff>,
    },
    /// Someone changed the product since it was loaded; nothing was sent.
    Conflict(Box<Product>),
    /// A batch finished: the products saved, per product why not, and the
    /// products skipped because someone changed them since they were shown.
    Products {
        saved: Vec<Product>,
        failed: Vec<(u64, String)>,
        changed: Vec<(Product, Vec<FieldDiff>)>,
    },
    /// Products deleted; `missing` were already gone (404).
    Deleted {
        deleted: Vec<u64>,
        missing: Vec<u64>,
    },
    /// A product was created.
    Created(Box<Product>),
    /// A variant as saved, and its product as it is now (a variant write
    /// moves the product's `date_modified`, which the lost-update guard compares).
    Variant(Box<Variant>, Option<Box<Product>>),
    /// Variant prices: how many were saved, and per variant id why not.
    VariantPrices {
        saved: usize,
        failed: Vec<(u64, String)>,
    },
    /// A customer as created or saved.
    Customer(Box<Customer>),
    /// A category as created or saved (`None` when it could not be re-read).
    Category(Option<Box<TreeCategory>>),
    /// A webhook as created or saved.
    Hook(Box<Hook>),
}

/// Why a write failed: the API's own message and its per-field errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteFailure {
    /// The API's message (with status), as shown to the user.
    pub message: String,
    /// `(field, message)` pairs from a 422/409 body.
    pub fields: Vec<(String, String)>,
}
