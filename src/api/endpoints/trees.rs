//! Category trees (`/v3/catalog/trees...`).

use reqwest::Method;
use serde::Deserialize;

use crate::api::client::Client;
use crate::api::error::ApiError;
use crate::api::models::{BatchMeta, CategoryNode, CategoryTree, TreeCategory, TreeCategoryWrite};
use crate::api::pagination::{DataEnvelope, ListEnvelope, Page, WalkProgress};
use crate::api::query::{QueryPairs, TreeCategoryQuery};

const TREES: &str = "/v3/catalog/trees";
const TREE_CATEGORIES: &str = "/v3/catalog/trees/categories";
/// Ids per delete request (keeps URLs short; no documented limit).
const DELETE_CHUNK: usize = 250;

#[derive(Deserialize)]
struct MetaEnvelope {
    #[serde(default)]
    meta: BatchMeta,
}

impl Client {
    /// Every category tree.
    pub async fn list_trees(&self) -> Result<Vec<CategoryTree>, ApiError> {
        self.fetch_all_v3(TREES, &QueryPairs::new(), |_| {}).await
    }

    /// One page of tree categories (flat).
    pub async fn list_tree_categories(
        &self,
        query: &TreeCategoryQuery,
    ) -> Result<Page<TreeCategory>, ApiError> {
        self.get_page(&query.pairs().append_to(TREE_CATEGORIES))
            .await
    }

    /// Every tree category matching the filters (its `page`/`limit` ignored).
    pub async fn all_tree_categories<F>(
        &self,
        query: &TreeCategoryQuery,
        progress: F,
    ) -> Result<Vec<TreeCategory>, ApiError>
    where
        F: FnMut(WalkProgress) + Send,
    {
        let mut q = query.pairs();
        q.remove("page").remove("limit");
        self.fetch_all_v3(TREE_CATEGORIES, &q, progress).await
    }

    /// Creates categories (each needs `name` and `tree_id` or `parent_id`);
    /// 201 with the created categories. A 207 (partial success) is an error.
    pub async fn create_tree_categories(
        &self,
        categories: &[TreeCategoryWrite],
    ) -> Result<Vec<TreeCategory>, ApiError> {
        if categories.is_empty() {
            return Ok(Vec::new());
        }
        let env: ListEnvelope<TreeCategory> = self
            .send_json(Method::POST, TREE_CATEGORIES, categories)
            .await?;
        Ok(env.data)
    }

    /// Updates categories (each needs `category_id`). Per the spec the 200
    /// answer is only `{meta: {total, success, failed}}`, so this returns that
    /// meta; re-read the categories to see the result. A 207 is an error.
    pub async fn update_tree_categories(
        &self,
        categories: &[TreeCategoryWrite],
    ) -> Result<BatchMeta, ApiError> {
        if categories.is_empty() {
            return Ok(BatchMeta::default());
        }
        if let Some(i) = categories.iter().position(|c| c.category_id.is_none()) {
            return Err(ApiError::InvalidInput(format!(
                "category #{} in the batch has no category_id",
                i + 1
            )));
        }
        let response = self
            .request_ok(
                Method::PUT,
                TREE_CATEGORIES,
                Some(crate::api::response::encode(categories)?),
            )
            .await?;
        if response.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(BatchMeta {
                total: categories.len() as u64,
                success: categories.len() as u64,
                failed: 0,
            });
        }
        let env: MetaEnvelope =
            crate::api::response::decode(&Method::PUT, TREE_CATEGORIES, &response.body)?;
        Ok(env.meta)
    }

    /// Deletes categories with `?category_id:in=` (202); refuses an empty list.
    pub async fn delete_tree_categories(&self, ids: &[u64]) -> Result<(), ApiError> {
        self.delete_by_ids(
            TREE_CATEGORIES,
            "category_id:in",
            ids,
            DELETE_CHUNK,
            "category",
        )
        .await
    }

    /// The nested category tree, optionally limited to `depth` levels.
    pub async fn category_tree(
        &self,
        tree_id: u64,
        depth: Option<u32>,
    ) -> Result<Vec<CategoryNode>, ApiError> {
        let mut q = QueryPairs::new();
        q.opt("depth", depth);
        let path = q.append_to(&format!("{TREES}/{tree_id}/categories"));
        let env: DataEnvelope<Option<Vec<CategoryNode>>> = self.get_json(&path).await?;
        Ok(env.data.unwrap_or_default())
    }
}
