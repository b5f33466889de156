//! What a person should do about an error: the hint shown after its message.

use super::{ApiError, HttpError};

impl ApiError {
    /// What a person should do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            ApiError::Http(e) => Some(http_hint(e)),
            ApiError::Transport { .. } => {
                Some("Could not reach the store: check the network and the API URL.".to_string())
            }
            ApiError::Timeout { .. } => Some(
                "The store did not answer in time; try again (large pages can be slow).".into(),
            ),
            ApiError::ReadOnly { .. } => Some(
                "Writes are off: bctui was started with --read-only, or its profile has \
                 read_only = true."
                    .into(),
            ),
            ApiError::RefusedUrl { .. } => {
                Some("Give a path relative to the store, starting with /v2/ or /v3/.".to_string())
            }
            ApiError::Redirected { .. } => Some(
                "Redirects are not followed, so the token never leaves the configured API URL; \
                 check the API URL (https, no trailing path)."
                    .to_string(),
            ),
            ApiError::Decode { .. } => {
                Some("The store sent data bctui does not understand; please report it.".to_string())
            }
            ApiError::Batch { source, .. } => source.hint(),
            ApiError::InvalidInput(_) | ApiError::Config(_) => None,
        }
    }
}

/// The OAuth scope the API account needs for a path.
pub fn scope_for_path(path: &str) -> Option<&'static str> {
    let path = path.split('?').next().unwrap_or(path);
    if path.starts_with("/v3/catalog") || path.starts_with("/v2/products") {
        Some("store_v2_products")
    } else if path.starts_with("/v2/orders") || path.starts_with("/v2/order_statuses") {
        Some("store_v2_orders")
    } else if path.starts_with("/v3/customers") || path.starts_with("/v2/customers") {
        Some("store_v2_customers")
    } else if path.starts_with("/v2/store") || path.starts_with("/v2/time") {
        Some("store_v2_information")
    } else {
        None
    }
}

fn http_hint(e: &HttpError) -> String {
    let is_read = matches!(e.method.as_str(), "GET" | "HEAD");
    match e.status {
        400 => "The request was malformed; check the parameters.".to_string(),
        401 => "The access token was rejected: it is wrong, or the API account was deleted \
                and its token revoked. Check the token in your profile or \
                BIGCOMMERCE_ACCESS_TOKEN."
            .to_string(),
        403 => match scope_for_path(&e.path) {
            Some(scope) if is_read => format!(
                "The API account lacks the `{scope}` scope (read-only or modify). Edit the \
                 API account in the control panel and grant it."
            ),
            Some(scope) => format!(
                "The API account lacks the `{scope}` scope with modify access (read-only \
                 is not enough for {}). Edit the API account in the control panel.",
                e.method
            ),
            None => "The API account lacks the OAuth scope for this resource.".to_string(),
        },
        404 => "Not found: it may have been deleted, or the store hash is wrong.".to_string(),
        405 => "This endpoint does not accept that method.".to_string(),
        409 => format!("Conflict with existing data{}.", fields_suffix(e)),
        413 => "Too much at once: a batch over its limit or `limit` over 250.".to_string(),
        415 => "The store wants Content-Type: application/json.".to_string(),
        422 => format!("The store rejected the data{}.", fields_suffix(e)),
        207 => format!(
            "Only partly done: some items were saved, others failed{}.",
            fields_suffix(e)
        ),
        429 => "Still rate limited after several waits: the request quota is shared by every \
                app on this store. Try again in a minute."
            .to_string(),
        // BigCommerce asks for a longer pause after a 500; 502-504 were retried already.
        500 => "BigCommerce had an internal error; wait a minute before trying again.".to_string(),
        502..=504 => "The store is unreachable or overloaded right now; the request was \
                      retried and still failed. Try again shortly."
            .to_string(),
        501..=599 => "BigCommerce could not handle this request.".to_string(),
        _ => "Unexpected response from the store.".to_string(),
    }
}

fn fields_suffix(e: &HttpError) -> String {
    if e.field_errors.is_empty() {
        String::new()
    } else {
        let fields: Vec<String> = e
            .field_errors
            .iter()
            .map(|(f, m)| format!("{f}: {m}"))
            .collect();
        format!(" — fix {}", fields.join("; "))
    }
}
