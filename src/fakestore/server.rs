//! The HTTP layer: routing by path, store-hash and token checks, the per-store rate-limit window,
//! latency and failure injection, and the request log.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::config::FakeStoreConfig;
use super::errors::{ApiError, ApiResult, ApiVersion, Reply};
use super::query::Query;
use super::rng::Rng;
use super::store::StoreData;
use super::{
    RequestRecord, brands, catalog, customer_groups, customers, hook_delivery, hooks,
    order_refunds, orders, store_info, trees,
};

/// State shared by all requests of one simulator.
pub(crate) struct Shared {
    config: FakeStoreConfig,
    api_url: String,
    data: Mutex<StoreData>,
    log: Mutex<Vec<RequestRecord>>,
    window: Mutex<Window>,
    faults: Mutex<Rng>,
    /// A failing store: every API request answers 500 until it ends.
    failing: std::sync::atomic::AtomicBool,
    /// False while customers and orders are still being seeded (the catalog is served).
    seeded: tokio::sync::watch::Sender<bool>,
}

/// A fixed rate-limit window.
struct Window {
    start: Instant,
    used: u32,
}

/// The rate-limit state reported on one response.
#[derive(Clone, Copy)]
struct Quota {
    left: u32,
    quota: u32,
    reset_ms: u64,
    window_ms: u64,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A handler that panicked must not wedge the whole simulator.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub(crate) fn new(config: FakeStoreConfig, api_url: String, data: StoreData) -> Shared {
        let faults = Rng::new(config.seed.wrapping_mul(31).wrapping_add(7));
        Shared {
            config,
            api_url,
            data: Mutex::new(data),
            log: Mutex::new(Vec::new()),
            window: Mutex::new(Window {
                start: Instant::now(),
                used: 0,
            }),
            faults: Mutex::new(faults),
            failing: std::sync::atomic::AtomicBool::new(false),
            seeded: tokio::sync::watch::Sender::new(true),
        }
    }

    /// Marks the customers and orders as still being seeded: requests for them wait.
    pub(crate) fn seeding(&self) {
        self.seeded.send_replace(false);
    }

    /// Marks seeding as finished: waiting requests go on.
    pub(crate) fn seeded(&self) {
        self.seeded.send_replace(true);
    }

    pub(crate) fn config(&self) -> &FakeStoreConfig {
        &self.config
    }

    /// The store's data, locked (for work done outside a request, such as webhook retries).
    pub(crate) fn store_data(&self) -> MutexGuard<'_, StoreData> {
        lock(&self.data)
    }

    pub(crate) fn requests(&self) -> Vec<RequestRecord> {
        lock(&self.log).clone()
    }

    /// Counts one request against the window; `None` when the quota is spent.
    fn take_quota(&self, consume: bool) -> (Quota, bool) {
        let mut w = lock(&self.window);
        let window = Duration::from_millis(self.config.window_ms.max(1));
        if w.start.elapsed() >= window {
            w.start = Instant::now();
            w.used = 0;
        }
        let allowed = w.used < self.config.quota;
        if consume && allowed {
            w.used += 1;
        }
        let reset_ms = window.saturating_sub(w.start.elapsed()).as_millis() as u64;
        let quota = Quota {
            left: self.config.quota.saturating_sub(w.used),
            quota: self.config.quota,
            reset_ms: reset_ms.max(1),
            window_ms: self.config.window_ms,
        };
        (quota, allowed)
    }

    /// Starts (`true`) or ends a failure of every request.
    pub(crate) fn set_failing(&self, failing: bool) {
        self.failing
            .store(failing, std::sync::atomic::Ordering::SeqCst);
    }

    /// Draws the injected failure for this request, if any.
    fn injected_failure(&self) -> Option<u16> {
        if self.failing.load(std::sync::atomic::Ordering::SeqCst) {
            return Some(500);
        }
        if self.config.fail_rate <= 0.0 {
            return None;
        }
        let mut rng = lock(&self.faults);
        if rng.chance(self.config.fail_rate) {
            Some(*rng.pick(&[500u16, 502, 503]))
        } else {
            None
        }
    }
}

/// Everything a route handler needs to know about the request.
pub(crate) struct Ctx {
    pub query: Query,
    pub body: Bytes,
    pub now: DateTime<Utc>,
    /// `{api_url}/stores/{hash}/v2`, for the `{url, resource}` links of V2 orders.
    pub v2_base: String,
    pub store_hash: String,
    pub plan_quota: u32,
}

impl Ctx {
    /// The request body as JSON; malformed or missing → 400.
    pub(crate) fn json(&self) -> Result<Value, ApiError> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::bad_json("The request body is empty."));
        }
        serde_json::from_slice(&self.body).map_err(|e| ApiError::bad_json(&e.to_string()))
    }

    /// The body as a JSON array (batch endpoints).
    pub(crate) fn json_array(&self) -> Result<Vec<Value>, ApiError> {
        match self.json()? {
            Value::Array(items) => Ok(items),
            _ => Err(ApiError::new(422, "The request body must be a JSON array.")
                .field("body", "Expected an array of objects.")),
        }
    }

    /// The body of a batch: an array of at most `limit` items, or a 413 titled `too_large`.
    pub(crate) fn json_batch(&self, limit: usize, too_large: &str) -> Result<Vec<Value>, ApiError> {
        let items = self.json_array()?;
        if items.len() > limit {
            return Err(ApiError::batch_too_large(too_large));
        }
        Ok(items)
    }
}

/// Builds the axum router: the simulator-only request log plus a catch-all API handler.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(
            "/__fakestore/requests",
            get(list_requests).delete(clear_requests),
        )
        .fallback(api)
        .with_state(shared)
}

/// Simulator-only (not a BigCommerce endpoint): every API request served, oldest first.
async fn list_requests(State(shared): State<Arc<Shared>>) -> Response {
    let body = serde_json::to_vec(&shared.requests()).unwrap_or_default();
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Simulator-only: forgets the logged requests.
async fn clear_requests(State(shared): State<Arc<Shared>>) -> StatusCode {
    lock(&shared.log).clear();
    StatusCode::NO_CONTENT
}

async fn api(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (status, response) = handle(&shared, &method, &uri, &headers, body).await;
    let path = uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| uri.path().to_string());
    lock(&shared.log).push(RequestRecord {
        method: method.to_string(),
        path,
        status,
    });
    response
}

/// The OAuth scope guarding a path (for the read-only token's 403).
fn scope_for(rest: &[&str]) -> Option<&'static str> {
    match rest.first().copied() {
        Some("catalog") => Some("store_v2_products"),
        Some("orders") | Some("order_statuses") => Some("store_v2_orders"),
        Some("customers") | Some("customer_groups") => Some("store_v2_customers"),
        Some("store") | Some("time") => Some("store_v2_information"),
        _ => None,
    }
}

fn render(version: ApiVersion, result: ApiResult, quota: Option<(Quota, bool)>) -> (u16, Response) {
    let reply = result.unwrap_or_else(|e| {
        let body = serde_json::to_vec(&e.body(version)).unwrap_or_default();
        Reply {
            status: e.status,
            body: Some(body),
        }
    });
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = match reply.body {
        Some(body) => {
            let mut r = Response::new(Body::from(body));
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            r
        }
        None => Response::new(Body::empty()),
    };
    *response.status_mut() = status;
    if let Some((q, limited)) = quota {
        let h = response.headers_mut();
        let mut put = |name: &'static str, value: u64| {
            h.insert(name, HeaderValue::from(value));
        };
        put("x-rate-limit-requests-left", u64::from(q.left));
        put("x-rate-limit-requests-quota", u64::from(q.quota));
        put("x-rate-limit-time-reset-ms", q.reset_ms);
        put("x-rate-limit-time-window-ms", q.window_ms);
        if limited {
            put("x-retry-after", q.reset_ms.div_ceil(1000));
        }
    }
    (reply.status, response)
}

async fn handle(
    shared: &Arc<Shared>,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: Bytes,
) -> (u16, Response) {
    let config = &shared.config;
    let segments: Vec<&str> = uri.path().split('/').filter(|s| !s.is_empty()).collect();
    let version = match segments.get(2).copied() {
        Some("v2") => ApiVersion::V2,
        _ => ApiVersion::V3,
    };
    let is_api =
        segments.len() >= 3 && segments[0] == "stores" && matches!(segments[2], "v2" | "v3");
    if !is_api || segments[1] != config.store_hash {
        return render(version, Err(ApiError::not_found()), None);
    }
    let rest = &segments[3..];
    if config.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(config.latency_ms)).await;
    }

    // Only the catalog is there from the start; the rest waits for its seeding to finish.
    if !matches!(rest.first().copied(), Some("catalog" | "store" | "time")) {
        let mut seeded = shared.seeded.subscribe();
        // The sender lives in `shared`, so this cannot fail while a request runs.
        let _ = seeded.wait_for(|done| *done).await;
    }

    let token = headers
        .get("x-auth-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let full = !config.token.is_empty() && token == config.token;
    let read_only = !full
        && config
            .read_only_token
            .as_deref()
            .is_some_and(|t| !t.is_empty() && t == token);
    if !full && !read_only {
        let quota = shared.take_quota(false).0;
        let err = ApiError::new(
            401,
            "The X-Auth-Token header is missing, invalid or revoked.",
        );
        return render(version, Err(err), Some((quota, false)));
    }

    let (quota, allowed) = shared.take_quota(true);
    if !allowed {
        let err = ApiError::new(
            429,
            "Too many requests: the rate-limit quota for this window is spent.",
        );
        return render(version, Err(err), Some((quota, true)));
    }
    let quota = Some((quota, false));

    if read_only
        && *method != Method::GET
        && *method != Method::HEAD
        && let Some(scope) = scope_for(rest)
    {
        let err = ApiError::new(
                403,
                format!("You don't have a required scope to access the endpoint: {scope} (modify); this token only has {scope}_read_only."),
            )
            .field("scope", scope);
        return render(version, Err(err), quota);
    }

    if let Some(status) = shared.injected_failure() {
        let title = match status {
            500 => "Internal Server Error",
            502 => "Bad Gateway",
            _ => "Service Unavailable",
        };
        return render(version, Err(ApiError::new(status, title)), quota);
    }

    let now = config.clock.now();
    let ctx = Ctx {
        query: Query::parse(uri.query(), version, now),
        body,
        now,
        v2_base: format!("{}/stores/{}/v2", shared.api_url, config.store_hash),
        store_hash: config.store_hash.clone(),
        plan_quota: config.quota,
    };
    let result = {
        let mut data = lock(&shared.data);
        if *method != Method::GET && *method != Method::HEAD {
            // Any write may change what the filters test.
            data.forget_product_indexes();
        }
        let result = dispatch(&ctx, &mut data, method, version, rest);
        hook_delivery::fire(shared, &mut data, &ctx, result.is_ok());
        result
    };
    render(version, result, quota)
}

fn dispatch(
    ctx: &Ctx,
    data: &mut StoreData,
    method: &Method,
    version: ApiVersion,
    rest: &[&str],
) -> ApiResult {
    match (version, rest.first().copied()) {
        (ApiVersion::V3, Some("catalog")) => match rest.get(1).copied() {
            Some("trees") => trees::route(ctx, data, method, &rest[2..]),
            Some("brands") => brands::route(ctx, data, method, &rest[2..]),
            _ => catalog::route(ctx, data, method, &rest[1..]),
        },
        (ApiVersion::V3, Some("customers")) => customers::route(ctx, data, method, &rest[1..]),
        (ApiVersion::V3, Some("hooks")) => hooks::route(ctx, data, method, &rest[1..]),
        (ApiVersion::V3, Some("orders")) => order_refunds::route(ctx, data, method, &rest[1..]),
        (ApiVersion::V2, Some("orders")) => orders::route(ctx, data, method, &rest[1..]),
        (ApiVersion::V2, Some("customer_groups")) => {
            customer_groups::route(ctx, data, method, &rest[1..])
        }
        (ApiVersion::V2, Some("order_statuses")) => orders::route_statuses(method, &rest[1..]),
        (ApiVersion::V2, Some("store")) | (ApiVersion::V2, Some("time")) => {
            store_info::route(ctx, method, rest)
        }
        _ => Err(ApiError::not_found()),
    }
}

/// Parses a numeric path segment; anything else is a 404 like an unknown route.
pub(crate) fn path_id(segment: &str) -> Result<u64, ApiError> {
    segment.parse().map_err(|_| ApiError::not_found())
}

/// Serves `app` on `listener` in the background until the returned sender is dropped (or
/// sent to); `name` says whose server stopped when it fails.
pub(crate) fn serve_in_background(
    listener: tokio::net::TcpListener,
    app: Router,
    name: &'static str,
) -> tokio::sync::oneshot::Sender<()> {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let serve = axum::serve(listener, app).with_graceful_shutdown(async {
            let _ = stopped.await;
        });
        if let Err(err) = serve.await {
            tracing::warn!("{name} stopped: {err}");
        }
    });
    stop
}

/// Only `GET` exists here.
pub(crate) fn only_get(method: &Method) -> Result<(), ApiError> {
    if *method == Method::GET {
        Ok(())
    } else {
        Err(ApiError::method_not_allowed())
    }
}

/// A read-only collection: `[]` lists it, `[id]` is one of it by id.
pub(crate) fn read_only(
    method: &Method,
    rest: &[&str],
    list: impl FnOnce() -> ApiResult,
    one: impl FnOnce(u64) -> ApiResult,
) -> ApiResult {
    only_get(method)?;
    match rest {
        [] => list(),
        [id] => one(path_id(id)?),
        _ => Err(ApiError::not_found()),
    }
}
