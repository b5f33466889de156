//! Writes as data: what `update` asks the runtime to send (`Write`) and what
//! comes back (`Written`). The runtime (`tui::write`) does the HTTP.

use chrono::{DateTime, Utc};

use crate::api::models::{
    Customer, CustomerWrite, Product, ProductWrite, TreeCategory, TreeCategoryWrite, Variant,
    VariantWrite,
};

/// One write to the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// Update one product. Unless `force`, first GET it and answer
    /// [`Written::Conflict`] if its `date_modified` is not `expected_modified`.
    UpdateProduct {
        id: u64,
        changes: ProductWrite,
        expected_modified: Option<DateTime<Utc>>,
        force: bool,
    },
    /// Update many products through the batch endpoint (10 a request),
    /// reporting progress; a failed request is retried product by product so
    /// failures are known per product.
    UpdateProducts { changes: Vec<ProductWrite> },
    /// Delete products: one with `DELETE /products/{id}` (a 404 is reported as
    /// already gone), several with one `id:in` request.
    DeleteProducts { ids: Vec<u64> },
    /// Create a product.
    CreateProduct(ProductWrite),
    /// Update one variant of a product.
    UpdateVariant {
        product_id: u64,
        variant_id: u64,
        changes: VariantWrite,
    },
    /// Create one customer (`POST /v3/customers`, an array body).
    CreateCustomer(CustomerWrite),
    /// Update one customer (`PUT /v3/customers`, an array body with `id`).
    UpdateCustomer(CustomerWrite),
    /// Delete customers: one request with `id:in`.
    DeleteCustomers { ids: Vec<u64> },
    /// Create one tree category.
    CreateCategory(TreeCategoryWrite),
    /// Update one tree category (`category_id` set); answers with it re-read.
    UpdateCategory(TreeCategoryWrite),
    /// Delete categories with `category_id:in` (their subcategories go too).
    DeleteCategories { ids: Vec<u64> },
}

// Every field compares by value (decimals, strings, ids), so equality is total.
impl Eq for Write {}

/// What a finished write brings back.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    /// The product as saved.
    Product(Box<Product>),
    /// Someone changed the product since it was loaded; nothing was sent.
    Conflict(Box<Product>),
    /// A batch finished: the products saved, and per product why not.
    Products {
        saved: Vec<Product>,
        failed: Vec<(u64, String)>,
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
    /// A customer as created or saved.
    Customer(Box<Customer>),
    /// A category as created or saved (`None` when it could not be re-read).
    Category(Option<Box<TreeCategory>>),
}

/// Why a write failed: the API's own message and its per-field errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteFailure {
    /// The API's message (with status), as shown to the user.
    pub message: String,
    /// `(field, message)` pairs from a 422/409 body.
    pub fields: Vec<(String, String)>,
}
