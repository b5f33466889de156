//! Store events and their delivery to webhooks, as the webhooks overview describes it: a light
//! `POST` (`scope`, `store_id`, `data`, `hash`, `created_at`, `producer`) with the hook's custom
//! headers; anything but a 2xx is retried after 60 s, 180 s, … 86400 s, and a hook whose retries
//! all failed is deactivated (`is_active: false`).
//!
//! Deliveries run in their own tasks, after the write that raised them was answered, and
//! only to loopback destinations. Retries fall due on the store's clock (a test moves its
//! manual clock through the schedule), at the documented offsets multiplied by the
//! simulator's `hook_retry_scale` (so 0.001 runs the 48 hours in about three minutes).

use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sha1::{Digest, Sha1};

use crate::clock::Clock;

use super::hooks::loopback_url;
use super::server::{Ctx, Shared};
use super::store::StoreData;

/// The documented retry intervals, in seconds (cumulatively a little over 48 hours).
pub(crate) const RETRY_SCHEDULE_SECS: [u64; 11] = [
    60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400,
];
/// Longest wait for a destination to answer one delivery.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// Something that happened in the store: a documented webhook scope and its `data` object.
#[derive(Clone, Debug)]
pub(crate) struct StoreEvent {
    pub scope: &'static str,
    pub data: Value,
}

impl StoreData {
    /// Records an event for the hooks; it fires only if the whole request succeeds.
    pub(crate) fn emit(&mut self, scope: &'static str, data: Value) {
        self.events.push(StoreEvent { scope, data });
    }

    /// `{"type": kind, "id": id}`, the `data` of most events.
    pub(crate) fn emit_about(&mut self, scope: &'static str, kind: &str, id: u64) {
        self.emit(scope, json!({ "type": kind, "id": id }));
    }

    /// `store/order/updated`, plus `store/order/statusUpdated` when the status moved.
    pub(crate) fn emit_order_change(&mut self, id: u64, previous_status: u8, new_status: u8) {
        self.emit_about("store/order/updated", "order", id);
        if previous_status != new_status {
            self.emit(
                "store/order/statusUpdated",
                json!({
                    "type": "order",
                    "id": id,
                    "status": { "previous_status_id": previous_status, "new_status_id": new_status },
                }),
            );
        }
    }

    /// An inventory level set through the API: `store/product/inventory/updated` for a
    /// product's own stock, `store/sku/inventory/updated` for a variant's. The method is
    /// `absolute` (set, not changed by an order), so `value` is the new level.
    pub(crate) fn emit_inventory(&mut self, product_id: u64, variant_id: Option<u64>, level: i64) {
        let mut inventory =
            json!({ "product_id": product_id, "method": "absolute", "value": level });
        match variant_id {
            None => self.emit(
                "store/product/inventory/updated",
                json!({ "type": "product", "id": product_id, "inventory": inventory }),
            ),
            Some(variant_id) => {
                inventory["variant_id"] = json!(variant_id);
                self.emit(
                    "store/sku/inventory/updated",
                    json!({ "type": "sku", "id": variant_id, "inventory": inventory }),
                );
            }
        }
    }
}

/// Whether a hook subscribed to `hook_scope` (possibly `prefix/*`) hears `event`.
pub(crate) fn scope_matches(hook_scope: &str, event: &str) -> bool {
    match hook_scope.strip_suffix("/*") {
        Some(prefix) => event
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/')),
        None => hook_scope == event,
    }
}

pub(crate) fn sha1_hex(bytes: &[u8]) -> String {
    Sha1::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The numeric `store_id` of payloads, derived from the store hash so it is stable.
fn store_id(store_hash: &str) -> String {
    let digest = Sha1::digest(store_hash.as_bytes());
    let n = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]);
    (1_000_000 + n % 9_000_000).to_string()
}

/// The callback body. `hash` is the SHA-1 of the JSON payload without it, so a retried
/// delivery carries the same hash (the docs' advice for spotting duplicates).
pub(crate) fn payload(event: &StoreEvent, store_hash: &str, created_at: i64) -> Value {
    let mut body = json!({
        "scope": event.scope,
        "store_id": store_id(store_hash),
        "data": event.data,
        "created_at": created_at,
        "producer": format!("stores/{store_hash}"),
    });
    let hash = sha1_hex(body.to_string().as_bytes());
    body["hash"] = json!(hash);
    body
}

/// One event on its way to one hook.
struct Delivery {
    hook_id: u64,
    destination: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// When the event happened, in the store's time: retries are due at fixed offsets from it.
    happened: DateTime<Utc>,
}

/// Hands the events of a served request to every active hook whose scope matches, each in
/// its own task; drops them when the request failed.
pub(crate) fn fire(shared: &Arc<Shared>, data: &mut StoreData, ctx: &Ctx, succeeded: bool) {
    let events = std::mem::take(&mut data.events);
    if !succeeded || events.is_empty() {
        return;
    }
    let waits = retry_waits(shared.config().hook_retry_scale);
    let clock = &shared.config().clock;
    let created_at = ctx.now.timestamp();
    for event in &events {
        let listeners: Vec<_> = data
            .hooks
            .values()
            .filter(|h| h.is_active && scope_matches(&h.scope, event.scope))
            .collect();
        if listeners.is_empty() {
            continue;
        }
        let body = payload(event, &ctx.store_hash, created_at).to_string();
        for hook in listeners {
            let delivery = Delivery {
                hook_id: hook.id,
                destination: hook.destination.clone(),
                headers: hook
                    .headers
                    .iter()
                    .flatten()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                body: body.clone().into_bytes(),
                happened: ctx.now,
            };
            let retries = Retries {
                waits: waits.clone(),
                clock: clock.clone(),
            };
            tokio::spawn(deliver(Arc::downgrade(shared), delivery, retries));
        }
    }
}

/// The documented intervals times `scale` (a negative or non-finite scale counts as 1).
pub(crate) fn retry_waits(scale: f64) -> Vec<Duration> {
    let scale = if scale.is_finite() && scale >= 0.0 {
        scale
    } else {
        1.0
    };
    RETRY_SCHEDULE_SECS
        .iter()
        .map(|s| Duration::try_from_secs_f64(*s as f64 * scale).unwrap_or(Duration::MAX))
        .collect()
}

/// One client for all deliveries; no connection pool, because tests run each simulator on
/// its own runtime and a pooled connection must not outlive the runtime that opened it.
fn delivery_client() -> Option<&'static reqwest::Client> {
    static CLIENT: OnceLock<Option<reqwest::Client>> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            reqwest::Client::builder()
                .no_proxy()
                .redirect(reqwest::redirect::Policy::none())
                .pool_max_idle_per_host(0)
                .timeout(DELIVERY_TIMEOUT)
                .build()
                .map_err(|err| tracing::warn!("webhook deliveries disabled: {err}"))
                .ok()
        })
        .as_ref()
}

/// Sends once; true on a 2xx. Non-loopback destinations are refused without a request.
async fn attempt(client: &reqwest::Client, d: &Delivery) -> bool {
    let url = match reqwest::Url::parse(&d.destination) {
        Ok(url) if loopback_url(&url) => url,
        _ => {
            tracing::warn!(
                hook = d.hook_id,
                "refusing a non-loopback webhook destination"
            );
            return false;
        }
    };
    let mut request = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(d.body.clone());
    for (name, value) in &d.headers {
        request = request.header(name.as_str(), value.as_str());
    }
    match request.send().await {
        Ok(response) if response.status().is_success() => true,
        Ok(response) => {
            tracing::debug!(hook = d.hook_id, status = %response.status(), "webhook delivery rejected");
            false
        }
        Err(err) => {
            tracing::debug!(hook = d.hook_id, "webhook delivery failed: {err}");
            false
        }
    }
}

/// When to retry, on the store's clock (a test's manual clock moves only when told).
struct Retries {
    waits: Vec<Duration>,
    clock: Clock,
}

/// Delivers with retries; stops early when the hook is gone, switched off, or the simulator
/// stopped; deactivates the hook once every retry failed.
async fn deliver(store: Weak<Shared>, d: Delivery, retries: Retries) {
    let Some(client) = delivery_client() else {
        return;
    };
    let hook_is_live = |store: &Weak<Shared>| {
        store.upgrade().is_some_and(|shared| {
            shared
                .store_data()
                .hooks
                .get(&d.hook_id)
                .is_some_and(|h| h.is_active)
        })
    };
    if attempt(client, &d).await {
        return;
    }
    let mut due = d.happened;
    for wait in retries.waits {
        // Due at a fixed offset from the event, so a clock moved on early is not waited out again.
        due = chrono::Duration::from_std(wait)
            .ok()
            .and_then(|wait| due.checked_add_signed(wait))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        let left = (due - retries.clock.now())
            .to_std()
            .unwrap_or(Duration::ZERO);
        retries.clock.sleep(left).await;
        if !hook_is_live(&store) {
            return;
        }
        if attempt(client, &d).await {
            return;
        }
    }
    let Some(shared) = store.upgrade() else {
        return;
    };
    let mut data = shared.store_data();
    if let Some(hook) = data.hooks.get_mut(&d.hook_id) {
        hook.is_active = false;
        hook.deactivated = true;
        hook.updated_at = hook.updated_at.max(retries.clock.now().timestamp());
        tracing::info!(
            hook = d.hook_id,
            "webhook deactivated after its retries ran out"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_whole_segments() {
        assert!(scope_matches("store/order/*", "store/order/created"));
        assert!(scope_matches(
            "store/order/*",
            "store/order/message/created"
        ));
        assert!(scope_matches("store/order/created", "store/order/created"));
        assert!(!scope_matches("store/order/*", "store/orders/created"));
        assert!(!scope_matches("store/order/created", "store/order/updated"));
        assert!(!scope_matches("store/product/*", "store/order/created"));
    }

    #[test]
    fn payload_has_the_documented_shape_and_a_stable_hash() {
        let event = StoreEvent {
            scope: "store/order/created",
            data: json!({"type": "order", "id": 250}),
        };
        let a = payload(&event, "abc123", 1_561_479_335);
        assert_eq!(a["scope"], "store/order/created");
        assert_eq!(a["data"]["id"], 250);
        assert_eq!(a["producer"], "stores/abc123");
        assert_eq!(a["created_at"], 1_561_479_335);
        assert!(
            a["store_id"]
                .as_str()
                .is_some_and(|s| s.parse::<u64>().is_ok())
        );
        assert_eq!(a["hash"].as_str().map(str::len), Some(40));
        assert_eq!(a, payload(&event, "abc123", 1_561_479_335));
        assert_ne!(a["hash"], payload(&event, "abc123", 1_561_479_336)["hash"]);
    }

    #[test]
    fn the_schedule_scales() {
        let waits = retry_waits(0.001);
        assert_eq!(waits.len(), 11);
        assert_eq!(waits[0], Duration::from_millis(60));
        assert_eq!(waits[10], Duration::from_millis(86_400));
        assert_eq!(retry_waits(f64::NAN)[0], Duration::from_secs(60));
        assert_eq!(retry_waits(1e300)[0], Duration::MAX);
    }
}
