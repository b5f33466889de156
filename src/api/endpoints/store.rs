//! Store information (`/v2/store`, `/v2/time`).

use chrono::{DateTime, Utc};

use crate::api::client::Client;
use crate::api::error::ApiError;
use crate::api::models::{ServerTime, StoreInfo};

impl Client {
    pub async fn store_info(&self) -> Result<StoreInfo, ApiError> {
        self.get_json("/v2/store").await
    }

    /// The store's clock (a watermark for incremental sync).
    pub async fn server_time(&self) -> Result<DateTime<Utc>, ApiError> {
        let time: ServerTime = self.get_json("/v2/time").await?;
        DateTime::from_timestamp(time.time, 0).ok_or_else(|| ApiError::Decode {
            method: "GET".to_string(),
            path: "/v2/time".to_string(),
            message: format!("field `time`: {} is not a valid timestamp", time.time),
        })
    }
}
