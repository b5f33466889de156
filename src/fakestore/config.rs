//! Settings of a simulated store.

use crate::clock::Clock;

/// How the simulator seeds its data and behaves on the wire.
#[derive(Clone, Debug)]
pub struct FakeStoreConfig {
    /// TCP port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Seed for the generated data and for failure injection.
    pub seed: u64,
    /// Number of seeded products (a fifth get 2–6 variants).
    pub products: usize,
    /// Number of seeded customers (1–2 addresses each).
    pub customers: usize,
    /// Number of seeded orders, spread over the 90 days before the anchor.
    pub orders: usize,
    /// Requests allowed per rate-limit window (per store).
    pub quota: u32,
    /// Length of the fixed rate-limit window in milliseconds.
    pub window_ms: u64,
    /// Delay added to every API response.
    pub latency_ms: u64,
    /// Share (0..=1) of API requests that fail with 500/502/503 before doing anything.
    pub fail_rate: f64,
    /// The `X-Auth-Token` with full access.
    pub token: String,
    /// A token that may only read: writes get 403 naming the missing scope.
    pub read_only_token: Option<String>,
    /// The `{store_hash}` in API paths; any other hash gets 404.
    pub store_hash: String,
    /// "Now" for the store: seeded dates lie before the instant it shows at start, writes
    /// are stamped with it and `/v2/time` tells it. Tests pass a manual clock.
    pub clock: Clock,
    /// Multiplies the documented webhook retry intervals (60 s … 86400 s), which fall due on
    /// `clock`; 0.001 runs the 48-hour schedule in about three minutes.
    pub hook_retry_scale: f64,
}

impl Default for FakeStoreConfig {
    fn default() -> Self {
        FakeStoreConfig {
            port: 0,
            seed: 42,
            products: 2000,
            customers: 1500,
            orders: 6000,
            quota: 150,
            window_ms: 30_000,
            latency_ms: 0,
            fail_rate: 0.0,
            token: "fakestore-token".to_string(),
            read_only_token: None,
            store_hash: "fakestore".to_string(),
            clock: Clock::system(),
            hook_retry_scale: 1.0,
        }
    }
}
