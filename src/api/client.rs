//! `Client`: configuration, URL safety, and the request pipeline (read-only
//! check, rate-limit pacing, retries, logging, error mapping).

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue};
use reqwest::{Method, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::watch;
use tokio::time::Instant;

use super::error::ApiError;
use super::models::Unreadable;
use super::ratelimit::{RateLimitHeaders, RateLimitState, RateLimiter};
pub use super::response::RawResponse;
use super::response::{decode, decode_items, encode, transport_error};
use super::retry::RetryPolicy;
use super::token::Token;

/// The production API host.
pub const DEFAULT_API_URL: &str = "https://api.bigcommerce.com";
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest single wait after a 429 (a window is 30 s on real stores).
const MAX_RATE_LIMIT_WAIT: Duration = Duration::from_secs(120);
const AUTH_HEADER: HeaderName = HeaderName::from_static("x-auth-token");

/// What a `Client` needs: where, which store, which token, read-only or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// Default [`DEFAULT_API_URL`]; the simulator's base URL for tests.
    pub api_url: String,
    pub store_hash: String,
    pub token: Token,
    /// Refuse every non-GET request before sending it.
    pub read_only: bool,
}

impl ClientConfig {
    /// A config for the production API.
    pub fn new(store_hash: impl Into<String>, token: Token) -> ClientConfig {
        ClientConfig {
            api_url: DEFAULT_API_URL.to_string(),
            store_hash: store_hash.into(),
            token,
            read_only: false,
        }
    }
}

#[derive(Clone)]
struct Inner {
    http: reqwest::Client,
    /// `{api_url}/stores/{store_hash}`, no trailing slash.
    base: Url,
    store_hash: String,
    token: HeaderValue,
    read_only: bool,
    limiter: RateLimiter,
    retry: RetryPolicy,
}

/// A BigCommerce client for one store. Cheap to clone; clones (and other
/// clients for the same store) share one rate limiter.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.inner.base.as_str())
            .field("read_only", &self.inner.read_only)
            .field("token", &"***")
            .finish()
    }
}

/// The error for a redirect: it names the `Location` but never follows it.
fn redirected(
    method: &Method,
    path: &str,
    status: u16,
    headers: &reqwest::header::HeaderMap,
) -> ApiError {
    let location = headers.get(reqwest::header::LOCATION).map(|v| {
        String::from_utf8_lossy(v.as_bytes())
            .chars()
            .take(200)
            .collect()
    });
    ApiError::Redirected {
        method: method.to_string(),
        path: path.to_string(),
        status,
        location,
    }
}

/// Whether a URL host is loopback (127.0.0.0/8, ::1, localhost).
pub fn is_loopback_host(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Whether the token may be sent to `url`: https anywhere, plain http only to loopback
/// (the token must not cross a network in clear text).
pub fn may_carry_token(url: &Url) -> bool {
    match url.scheme() {
        "https" => true,
        "http" => is_loopback_host(url),
        _ => false,
    }
}

fn valid_store_hash(hash: &str) -> bool {
    !hash.is_empty()
        && hash
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Client {
    /// Builds a client. Refuses a non-http(s) URL, a malformed store hash, an
    /// empty token, and plain `http://` unless the host is loopback (the token
    /// must not cross a network in clear text).
    pub fn new(config: ClientConfig) -> Result<Client, ApiError> {
        let api_url = config.api_url.trim().trim_end_matches('/');
        let mut url = Url::parse(api_url)
            .map_err(|e| ApiError::Config(format!("API URL {api_url:?} is not a URL: {e}")))?;
        match url.scheme() {
            "https" | "http" if may_carry_token(&url) => {}
            "http" => {
                return Err(ApiError::RefusedUrl {
                    url: api_url.to_string(),
                    reason: "plain http is only allowed to a loopback address; use https"
                        .to_string(),
                });
            }
            other => {
                return Err(ApiError::Config(format!(
                    "API URL scheme {other:?} is not supported; use https"
                )));
            }
        }
        if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
            return Err(ApiError::Config(
                "the API URL must not carry a query, fragment or credentials".to_string(),
            ));
        }
        if !valid_store_hash(&config.store_hash) {
            return Err(ApiError::Config(format!(
                "store hash {:?} should be letters, digits, '-' or '_'",
                config.store_hash
            )));
        }
        if config.token.is_empty() {
            return Err(ApiError::Config("the access token is empty".to_string()));
        }
        let mut token = HeaderValue::from_str(config.token.expose().trim()).map_err(|_| {
            ApiError::Config("the access token contains characters a header cannot carry".into())
        })?;
        token.set_sensitive(true);

        let base_path = format!(
            "{}/stores/{}",
            url.path().trim_end_matches('/'),
            config.store_hash
        );
        url.set_path(&base_path);

        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let http = reqwest::Client::builder()
            .user_agent(concat!("bctui/", env!("CARGO_PKG_VERSION")))
            .default_headers(headers)
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .gzip(true)
            // reqwest strips only standard auth headers on a cross-origin redirect,
            // not X-Auth-Token: a followed redirect could hand the token to anyone.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ApiError::Config(format!("HTTP client: {e}")))?;
        let limiter = RateLimiter::for_store(url.as_str());
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base: url,
                store_hash: config.store_hash,
                token,
                read_only: config.read_only,
                limiter,
                retry: RetryPolicy::default(),
            }),
        })
    }

    /// Replaces the retry policy (tests use short delays).
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Client {
        Arc::make_mut(&mut self.inner).retry = policy;
        self
    }

    pub fn store_hash(&self) -> &str {
        &self.inner.store_hash
    }

    pub fn read_only(&self) -> bool {
        self.inner.read_only
    }

    /// `{api_url}/stores/{store_hash}` (no token in it).
    pub fn base_url(&self) -> &str {
        self.inner.base.as_str()
    }

    /// Current quota snapshot.
    pub fn rate_limit(&self) -> RateLimitState {
        self.inner.limiter.state()
    }

    /// Quota updates, including `paused_until` while pacing or waiting out a 429.
    pub fn watch_rate_limit(&self) -> watch::Receiver<RateLimitState> {
        self.inner.limiter.subscribe()
    }

    /// Turns a store-relative path (`/v3/...`, `/v2/...`, with query) into the
    /// full URL, refusing anything that could send the token elsewhere. An
    /// absolute URL is accepted only when it is inside this store's base URL.
    pub fn resolve(&self, path: &str) -> Result<Url, ApiError> {
        let refuse = |reason: &str| ApiError::RefusedUrl {
            url: path.chars().take(200).collect(),
            reason: reason.to_string(),
        };
        let base = self.inner.base.as_str();
        let relative = if path.starts_with('/') && !path.starts_with("//") {
            path
        } else {
            match path.strip_prefix(base) {
                Some(rest) if rest.starts_with('/') => rest,
                _ if path.contains("//") => {
                    return Err(refuse("absolute URLs to other hosts or stores are refused"));
                }
                _ => return Err(refuse("the path must start with /v2/ or /v3/")),
            }
        };
        if !(relative.starts_with("/v2/") || relative.starts_with("/v3/")) {
            return Err(refuse("the path must start with /v2/ or /v3/"));
        }
        if relative
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\' || c == '#')
        {
            return Err(refuse(
                "the path contains spaces, control characters, '\\' or '#'",
            ));
        }
        let path_part = relative.split('?').next().unwrap_or(relative);
        if path_part.split('/').any(|seg| seg == ".." || seg == ".") {
            return Err(refuse("dot segments are not allowed"));
        }
        let url = Url::parse(&format!("{base}{relative}"))
            .map_err(|e| refuse(&format!("not a valid URL: {e}")))?;
        let base_url = &self.inner.base;
        let inside = url.scheme() == base_url.scheme()
            && url.host_str() == base_url.host_str()
            && url.port_or_known_default() == base_url.port_or_known_default()
            && (url.path().starts_with(&format!("{}/v2/", base_url.path()))
                || url.path().starts_with(&format!("{}/v3/", base_url.path())));
        if !inside {
            return Err(refuse("the path leaves this store's API"));
        }
        Ok(url)
    }

    /// Raw request for `bctui api` and the console. Returns any HTTP status;
    /// errors only for refusals, read-only mode and transport failures after
    /// retries.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> Result<RawResponse, ApiError> {
        let body = match body {
            Some(v) => Some(serde_json::to_vec(&v).map_err(|e| {
                ApiError::InvalidInput(format!("request body is not serialisable: {e}"))
            })?),
            None => None,
        };
        self.execute(method, path, body).await
    }

    /// The request pipeline shared by every call.
    pub(crate) async fn execute(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<RawResponse, ApiError> {
        let url = self.resolve(path)?;
        // The one central read-only check: nothing but GET/HEAD leaves.
        if self.inner.read_only && method != Method::GET && method != Method::HEAD {
            return Err(ApiError::ReadOnly {
                method: method.to_string(),
                path: path.to_string(),
            });
        }
        // POST (and PATCH) are not idempotent: retried only after a 429.
        let idempotent = method != Method::POST && method != Method::PATCH;
        let policy = self.inner.retry;
        let limiter = &self.inner.limiter;
        let mut failures: u32 = 0;
        let mut limited: u32 = 0;
        loop {
            let permit = limiter.acquire().await;
            let started = Instant::now();
            let mut request = self
                .inner
                .http
                .request(method.clone(), url.clone())
                .header(AUTH_HEADER, self.inner.token.clone());
            if let Some(bytes) = &body {
                request = request
                    .header(CONTENT_TYPE, "application/json")
                    .body(bytes.clone());
            }
            let response = match request.send().await {
                Ok(r) => r,
                Err(e) => {
                    drop(permit);
                    failures += 1;
                    let err = transport_error(&method, path, &e);
                    if idempotent && failures < policy.max_attempts {
                        let wait = policy.backoff(failures - 1);
                        tracing::warn!(%method, path, error = %err, retry_in_ms = wait.as_millis() as u64, "retrying");
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    return Err(err);
                }
            };
            let status = response.status().as_u16();
            let rate = RateLimitHeaders::from_headers(response.headers());
            if response.status().is_redirection() && status != 304 {
                permit.observe(&rate);
                return Err(redirected(&method, path, status, response.headers()));
            }
            if status == 429 {
                limited += 1;
                let wait = rate
                    .reset_ms
                    .map(Duration::from_millis)
                    .or(rate.retry_after_s.map(Duration::from_secs))
                    .unwrap_or_else(|| policy.backoff(limited - 1))
                    .min(MAX_RATE_LIMIT_WAIT);
                let wait = permit.observe_429(&rate, wait);
                if limited < policy.max_rate_limit_attempts {
                    tracing::warn!(%method, path, wait_ms = wait.as_millis() as u64, "rate limited (429); waiting");
                    limiter.pause(wait).await;
                    continue;
                }
            } else {
                permit.observe(&rate);
            }
            if idempotent && matches!(status, 502..=504) && failures + 1 < policy.max_attempts {
                failures += 1;
                let wait = policy.backoff(failures - 1);
                tracing::warn!(%method, path, status, retry_in_ms = wait.as_millis() as u64, "retrying");
                tokio::time::sleep(wait).await;
                continue;
            }
            let headers: Vec<(String, String)> = response
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let bytes = match response.bytes().await {
                Ok(b) => b,
                Err(e) => {
                    failures += 1;
                    let err = transport_error(&method, path, &e);
                    if idempotent && failures < policy.max_attempts {
                        tokio::time::sleep(policy.backoff(failures - 1)).await;
                        continue;
                    }
                    return Err(err);
                }
            };
            let elapsed = started.elapsed();
            tracing::debug!(%method, path, status, elapsed_ms = elapsed.as_millis() as u64, "bigcommerce request");
            return Ok(RawResponse {
                status,
                headers,
                body: bytes.to_vec(),
                elapsed,
            });
        }
    }

    /// Sends a request and maps a non-2xx status (and 207) to `ApiError`.
    pub(crate) async fn request_ok(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<RawResponse, ApiError> {
        let response = self.execute(method.clone(), path, body).await?;
        if response.is_success() && response.status != 207 {
            Ok(response)
        } else {
            Err(ApiError::from_response(
                method.as_str(),
                path,
                response.status,
                &response.body,
            ))
        }
    }

    /// GET and decode JSON.
    pub(crate) async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let response = self.request_ok(Method::GET, path, None).await?;
        decode(&Method::GET, path, &response.body)
    }

    /// Sends a JSON body and decodes the JSON answer.
    pub(crate) async fn send_json<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let bytes = encode(body)?;
        let response = self.request_ok(method.clone(), path, Some(bytes)).await?;
        decode(&method, path, &response.body)
    }

    /// GET of `path`; `None` when the store answers 204 or an empty body (an empty list).
    pub(crate) async fn get_content(&self, path: &str) -> Result<Option<RawResponse>, ApiError> {
        let response = self.request_ok(Method::GET, path, None).await?;
        let empty = response.status == 204 || response.body.iter().all(u8::is_ascii_whitespace);
        Ok((!empty).then_some(response))
    }

    /// GET of a V2 list: 204 (or an empty body) is an empty list.
    /// Items are decoded one by one, as in [`Client::get_page`].
    pub(crate) async fn get_v2_list<T: DeserializeOwned + Unreadable>(
        &self,
        path: &str,
    ) -> Result<Vec<T>, ApiError> {
        let Some(response) = self.get_content(path).await? else {
            return Ok(Vec::new());
        };
        let items: Option<Vec<Box<serde_json::value::RawValue>>> =
            decode(&Method::GET, path, &response.body)?;
        Ok(decode_items(&Method::GET, path, items.unwrap_or_default()))
    }
}
