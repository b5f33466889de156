//! Category trees (`category-trees_catalog.v3.yml`): trees, flat tree
//! categories (`/catalog/trees/categories`) and nested tree nodes
//! (`/catalog/trees/{tree_id}/categories`).

use serde::{Deserialize, Serialize};

use super::{lenient_vec, null_default};

/// A category tree (one per channel).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CategoryTree {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub channels: Vec<u64>,
}

/// A category's storefront URL in the trees API (`url`, not `custom_url`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CategoryUrl {
    #[serde(deserialize_with = "null_default")]
    pub path: String,
    #[serde(deserialize_with = "null_default")]
    pub is_customized: bool,
}

/// A category from `/v3/catalog/trees/categories`. `parent_id` 0 = top level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TreeCategory {
    pub category_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub category_uuid: String,
    #[serde(deserialize_with = "null_default")]
    pub tree_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub parent_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    #[serde(deserialize_with = "null_default")]
    pub views: i64,
    #[serde(deserialize_with = "null_default")]
    pub sort_order: i64,
    #[serde(deserialize_with = "null_default")]
    pub page_title: String,
    #[serde(deserialize_with = "null_default")]
    pub meta_keywords: Vec<String>,
    #[serde(deserialize_with = "null_default")]
    pub meta_description: String,
    #[serde(deserialize_with = "null_default")]
    pub layout_file: String,
    #[serde(deserialize_with = "null_default")]
    pub image_url: String,
    #[serde(deserialize_with = "null_default")]
    pub is_visible: bool,
    #[serde(deserialize_with = "null_default")]
    pub search_keywords: String,
    /// e.g. `use_store_settings`, `featured`, `newest`, `alpha_asc`.
    #[serde(deserialize_with = "null_default")]
    pub default_product_sort: String,
    pub url: Option<CategoryUrl>,
}

/// Fields to create (`name` and `tree_id` or `parent_id` required) or update
/// (`category_id` required) a tree category. Only `Some` fields are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeCategoryWrite {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tree_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_order: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta_keywords: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout_file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_visible: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_keywords: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_product_sort: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<CategoryUrl>,
}

/// A node of the nested tree from `/v3/catalog/trees/{tree_id}/categories`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CategoryNode {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub parent_id: u64,
    #[serde(deserialize_with = "null_default")]
    pub depth: u32,
    /// Ids from the root down to the parent.
    #[serde(deserialize_with = "null_default")]
    pub path: Vec<u64>,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub is_visible: bool,
    /// The storefront path, e.g. `/bath/` (a plain string here).
    #[serde(deserialize_with = "null_default")]
    pub url: String,
    #[serde(deserialize_with = "lenient_vec")]
    pub children: Vec<CategoryNode>,
}

/// The `meta` of batch category operations: `{total, success, failed}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchMeta {
    #[serde(deserialize_with = "null_default")]
    pub total: u64,
    #[serde(deserialize_with = "null_default")]
    pub success: u64,
    #[serde(deserialize_with = "null_default")]
    pub failed: u64,
}
