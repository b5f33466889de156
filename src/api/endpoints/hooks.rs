//! Webhooks (`/v3/hooks`): one hook per create, update and delete, as the spec defines.

use reqwest::Method;

use crate::api::client::Client;
use crate::api::error::ApiError;
use crate::api::models::{Hook, HookWrite};
use crate::api::pagination::{DataEnvelope, Page};
use crate::api::query::HookQuery;

const HOOKS: &str = "/v3/hooks";

impl Client {
    /// One page of webhooks.
    pub async fn list_hooks(&self, query: &HookQuery) -> Result<Page<Hook>, ApiError> {
        self.get_page(&query.pairs().append_to(HOOKS)).await
    }

    /// Every webhook matching the filters (its `page`/`limit` ignored).
    pub async fn all_hooks(&self, query: &HookQuery) -> Result<Vec<Hook>, ApiError> {
        let mut q = query.pairs();
        q.remove("page").remove("limit");
        self.fetch_all_v3(HOOKS, &q, |_| {}).await
    }

    pub async fn get_hook(&self, id: u64) -> Result<Hook, ApiError> {
        let env: DataEnvelope<Hook> = self.get_json(&format!("{HOOKS}/{id}")).await?;
        Ok(env.data)
    }

    /// Creates a webhook; `scope` and `destination` are required (checked before sending).
    pub async fn create_hook(&self, hook: &HookWrite) -> Result<Hook, ApiError> {
        if hook.scope.as_deref().is_none_or(str::is_empty)
            || hook.destination.as_deref().is_none_or(str::is_empty)
        {
            return Err(ApiError::InvalidInput(
                "a webhook needs a scope and a destination".to_string(),
            ));
        }
        let env: DataEnvelope<Hook> = self.send_json(Method::POST, HOOKS, hook).await?;
        Ok(env.data)
    }

    /// Updates a webhook (only the fields set); `is_active: Some(true)` reactivates one the
    /// delivery service switched off.
    pub async fn update_hook(&self, id: u64, hook: &HookWrite) -> Result<Hook, ApiError> {
        if *hook == HookWrite::default() {
            return Err(ApiError::InvalidInput(
                "a webhook update needs at least one field".to_string(),
            ));
        }
        let path = format!("{HOOKS}/{id}");
        let env: DataEnvelope<Hook> = self.send_json(Method::PUT, &path, hook).await?;
        Ok(env.data)
    }

    /// Deletes a webhook; the API answers with the deleted hook.
    pub async fn delete_hook(&self, id: u64) -> Result<Hook, ApiError> {
        let path = format!("{HOOKS}/{id}");
        let response = self.request_ok(Method::DELETE, &path, None).await?;
        let env: DataEnvelope<Hook> =
            crate::api::response::decode(&Method::DELETE, &path, &response.body)?;
        Ok(env.data)
    }
}
