//! Products, variants and the catalog summary (`/v3/catalog/...`).

use reqwest::Method;

use super::require_batch_ids;
use crate::api::client::Client;
use crate::api::error::ApiError;
use crate::api::models::{
    Brand, CatalogSummary, Product, ProductRow, ProductWrite, Variant, VariantWrite,
};
use crate::api::pagination::{DataEnvelope, ListEnvelope, Page, WalkProgress};
use crate::api::query::{ProductQuery, QueryPairs};

/// `PUT /v3/catalog/products` accepts at most 10 products.
pub const PRODUCT_BATCH_LIMIT: usize = 10;
/// Variants per `PUT /v3/catalog/variants` (the API's limit).
pub const VARIANT_BATCH_LIMIT: usize = 50;
/// `DELETE /v3/catalog/products?id:in=` accepts at most 250 ids.
pub const PRODUCT_DELETE_LIMIT: usize = 250;

const PRODUCTS: &str = "/v3/catalog/products";

impl Client {
    /// Every brand, by id.
    pub async fn all_brands(&self) -> Result<Vec<Brand>, ApiError> {
        self.fetch_all_v3("/v3/catalog/brands", &QueryPairs::default(), |_| {})
            .await
    }

    /// One page of products.
    pub async fn list_products(&self, query: &ProductQuery) -> Result<Page<Product>, ApiError> {
        self.get_page(&query.pairs().append_to(PRODUCTS)).await
    }

    /// One page of products as list rows: only the rows' fields are decoded (the query
    /// should ask for only those with `include_fields`).
    pub async fn list_product_rows(
        &self,
        query: &ProductQuery,
    ) -> Result<Page<ProductRow>, ApiError> {
        self.get_page(&query.pairs().append_to(PRODUCTS)).await
    }

    /// Every product matching the query's filters (its `page`/`limit` ignored).
    pub async fn all_products<F>(
        &self,
        query: &ProductQuery,
        progress: F,
    ) -> Result<Vec<Product>, ApiError>
    where
        F: FnMut(WalkProgress) + Send,
    {
        let mut q = query.pairs();
        q.remove("page").remove("limit");
        self.fetch_all_v3(PRODUCTS, &q, progress).await
    }

    /// The products `ids` with the sub-resources in `include`, `id:in` at most 250 ids (the
    /// API's page limit) a request; an id no product has is left out.
    pub async fn products_by_id(
        &self,
        ids: &[u64],
        include: &[&str],
    ) -> Result<Vec<Product>, ApiError> {
        const READ_LIMIT: usize = 250;
        let mut products = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(READ_LIMIT) {
            let query = ProductQuery {
                id_in: chunk.to_vec(),
                include: include.iter().map(|i| i.to_string()).collect(),
                limit: Some(READ_LIMIT as u32),
                ..ProductQuery::default()
            };
            products.extend(self.list_products(&query).await?.items);
        }
        Ok(products)
    }

    /// One product; `include` e.g. `["variants", "images"]`.
    pub async fn get_product(&self, id: u64, include: &[&str]) -> Result<Product, ApiError> {
        let mut q = QueryPairs::new();
        q.list("include", include);
        let path = q.append_to(&format!("{PRODUCTS}/{id}"));
        let env: DataEnvelope<Product> = self.get_json(&path).await?;
        Ok(env.data)
    }

    /// Creates a product (`name`, `type`, `weight`, `price` required).
    pub async fn create_product(&self, product: &ProductWrite) -> Result<Product, ApiError> {
        let env: DataEnvelope<Product> = self.send_json(Method::POST, PRODUCTS, product).await?;
        Ok(env.data)
    }

    /// Updates the fields set in `product` (its `id` is ignored).
    pub async fn update_product(
        &self,
        id: u64,
        product: &ProductWrite,
    ) -> Result<Product, ApiError> {
        let mut body = product.clone();
        body.id = None;
        let path = format!("{PRODUCTS}/{id}");
        let env: DataEnvelope<Product> = self.send_json(Method::PUT, &path, &body).await?;
        Ok(env.data)
    }

    /// Batch update; every item needs `id`. Chunked into requests of 10 (the
    /// API limit); if a later chunk fails, the error is `ApiError::Batch`
    /// saying how many were saved.
    pub async fn update_products(
        &self,
        products: &[ProductWrite],
    ) -> Result<Vec<Product>, ApiError> {
        if products.is_empty() {
            return Ok(Vec::new());
        }
        require_batch_ids(products, |p| p.id, "product")?;
        self.send_batches(Method::PUT, PRODUCTS, products, PRODUCT_BATCH_LIMIT)
            .await
    }

    pub async fn delete_product(&self, id: u64) -> Result<(), ApiError> {
        self.request_ok(Method::DELETE, &format!("{PRODUCTS}/{id}"), None)
            .await
            .map(drop)
    }

    /// Deletes with `?id:in=` (chunks of 250); refuses an empty list.
    pub async fn delete_products(&self, ids: &[u64]) -> Result<(), ApiError> {
        self.delete_by_ids(PRODUCTS, "id:in", ids, PRODUCT_DELETE_LIMIT, "product")
            .await
    }

    /// One page of a product's variants.
    pub async fn list_variants(
        &self,
        product_id: u64,
        page: u32,
        limit: u32,
    ) -> Result<Page<Variant>, ApiError> {
        let mut q = QueryPairs::new();
        q.push("page", page).push("limit", limit);
        self.get_page(&q.append_to(&format!("{PRODUCTS}/{product_id}/variants")))
            .await
    }

    /// The variants whose SKU is `sku` (the store compares it without regard to case),
    /// whichever product they belong to: `GET /v3/catalog/variants?sku=`.
    pub async fn variants_with_sku(&self, sku: &str) -> Result<Vec<Variant>, ApiError> {
        let mut q = QueryPairs::new();
        q.push("sku", sku);
        let page: Page<Variant> = self.get_page(&q.append_to("/v3/catalog/variants")).await?;
        Ok(page.items)
    }

    /// Every variant of a product.
    pub async fn all_variants(&self, product_id: u64) -> Result<Vec<Variant>, ApiError> {
        let path = format!("{PRODUCTS}/{product_id}/variants");
        self.fetch_all_v3(&path, &QueryPairs::new(), |_| {}).await
    }

    pub async fn update_variant(
        &self,
        product_id: u64,
        variant_id: u64,
        variant: &VariantWrite,
    ) -> Result<Variant, ApiError> {
        let path = format!("{PRODUCTS}/{product_id}/variants/{variant_id}");
        let env: DataEnvelope<Variant> = self.send_json(Method::PUT, &path, variant).await?;
        Ok(env.data)
    }

    /// Updates up to [`VARIANT_BATCH_LIMIT`] variants, by id, in one
    /// `PUT /v3/catalog/variants` (the store applies it all or nothing).
    pub async fn update_variants(
        &self,
        variants: &[(u64, VariantWrite)],
    ) -> Result<Vec<Variant>, ApiError> {
        if variants.len() > VARIANT_BATCH_LIMIT {
            return Err(ApiError::InvalidInput(format!(
                "{} variants in one request; the limit is {VARIANT_BATCH_LIMIT}",
                variants.len()
            )));
        }
        let body: Vec<serde_json::Value> = variants
            .iter()
            .map(|(id, write)| {
                let mut item = serde_json::to_value(write).unwrap_or_default();
                if let Some(fields) = item.as_object_mut() {
                    fields.insert("id".to_string(), (*id).into());
                }
                item
            })
            .collect();
        let env: ListEnvelope<Variant> = self
            .send_json(Method::PUT, "/v3/catalog/variants", &body)
            .await?;
        Ok(env.data)
    }

    pub async fn catalog_summary(&self) -> Result<CatalogSummary, ApiError> {
        let env: DataEnvelope<CatalogSummary> = self.get_json("/v3/catalog/summary").await?;
        Ok(env.data)
    }
}
