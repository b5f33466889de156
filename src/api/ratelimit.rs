//! The per-store rate limiter.
//!
//! Every response's `X-Rate-Limit-*` headers update one shared state per store
//! (all `Client`s for the same API URL + store hash share it). Before each
//! request the limiter paces: when the requests left (minus those in flight)
//! drop to ≤ 10 % of the quota or ≤ 2, it sleeps a fair share of the time left
//! in the window, and at 0 it waits for the window to reset, instead of running
//! into 429. The state is published on a `watch` channel for the UI.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

use reqwest::header::HeaderMap;
use tokio::sync::watch;
use tokio::time::Instant;

/// Longest time a rate-limit header may name (one day); larger values are clamped.
const MAX_HEADER_MS: u64 = 24 * 60 * 60 * 1000;

/// Snapshot of the store's request quota.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateLimitState {
    /// `X-Rate-Limit-Requests-Left` (None until the first response).
    pub requests_left: Option<u64>,
    /// `X-Rate-Limit-Requests-Quota`.
    pub quota: Option<u64>,
    /// `X-Rate-Limit-Time-Reset-Ms` when observed.
    pub reset_ms: Option<u64>,
    /// `X-Rate-Limit-Time-Window-Ms`.
    pub window_ms: Option<u64>,
    /// Set while the client paces or waits out a 429.
    pub paused_until: Option<Instant>,
    /// When the headers were read.
    pub observed_at: Option<Instant>,
}

impl RateLimitState {
    /// Time until requests resume, while paused.
    pub fn resumes_in(&self) -> Option<Duration> {
        self.paused_until
            .map(|t| t.saturating_duration_since(Instant::now()))
    }
}

/// The four rate-limit headers of one response (names case-insensitive).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RateLimitHeaders {
    pub requests_left: Option<u64>,
    pub quota: Option<u64>,
    pub reset_ms: Option<u64>,
    pub window_ms: Option<u64>,
    /// `X-Retry-After`, seconds.
    pub retry_after_s: Option<u64>,
}

impl RateLimitHeaders {
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let num = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v >= 0.0)
                .map(|v| v as u64)
        };
        // A hostile or broken value must not overflow `Instant` arithmetic.
        let ms = |name: &str| num(name).map(|v| v.min(MAX_HEADER_MS));
        RateLimitHeaders {
            requests_left: num("x-rate-limit-requests-left"),
            quota: num("x-rate-limit-requests-quota"),
            reset_ms: ms("x-rate-limit-time-reset-ms"),
            window_ms: ms("x-rate-limit-time-window-ms"),
            retry_after_s: num("x-retry-after").map(|v| v.min(MAX_HEADER_MS / 1000)),
        }
    }
}

#[derive(Debug, Default)]
struct Local {
    /// Server's requests-left minus requests sent since.
    left_estimate: Option<u64>,
    quota: Option<u64>,
    window: Option<Duration>,
    reset_at: Option<Instant>,
    in_flight: u64,
}

#[derive(Debug)]
struct Shared {
    tx: watch::Sender<RateLimitState>,
    local: Mutex<Local>,
}

/// Handle to a store's shared limiter (cheap to clone).
#[derive(Debug, Clone)]
pub struct RateLimiter {
    shared: Arc<Shared>,
}

fn registry() -> &'static Mutex<HashMap<String, Weak<Shared>>> {
    static REGISTRY: OnceLock<Mutex<HashMap<String, Weak<Shared>>>> = OnceLock::new();
    REGISTRY.get_or_init(Default::default)
}

impl RateLimiter {
    /// The limiter for a store, shared with every live client for the same key.
    pub fn for_store(key: &str) -> RateLimiter {
        let mut map = registry().lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, weak| weak.strong_count() > 0);
        if let Some(shared) = map.get(key).and_then(Weak::upgrade) {
            return RateLimiter { shared };
        }
        let limiter = RateLimiter::standalone();
        map.insert(key.to_string(), Arc::downgrade(&limiter.shared));
        limiter
    }

    /// A limiter shared with nobody.
    pub fn standalone() -> RateLimiter {
        let (tx, _) = watch::channel(RateLimitState::default());
        RateLimiter {
            shared: Arc::new(Shared {
                tx,
                local: Mutex::new(Local::default()),
            }),
        }
    }

    pub fn state(&self) -> RateLimitState {
        self.shared.tx.borrow().clone()
    }

    pub fn subscribe(&self) -> watch::Receiver<RateLimitState> {
        self.shared.tx.subscribe()
    }

    fn local(&self) -> std::sync::MutexGuard<'_, Local> {
        self.shared.local.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits as long as pacing requires, then reserves one request.
    pub async fn acquire(&self) -> Permit {
        let wait = {
            let mut local = self.local();
            let now = Instant::now();
            if local.reset_at.is_some_and(|t| t <= now) {
                // The window has rolled over: a fresh quota, unknown until the
                // next response; count from the quota meanwhile.
                local.left_estimate = local.quota;
                local.reset_at = local.window.map(|w| now + w);
            }
            let remaining = local
                .reset_at
                .map(|t| t.saturating_duration_since(now))
                .unwrap_or_default();
            let threshold = local.quota.map(|q| (q / 10).max(2)).unwrap_or(2);
            let wait = match local.left_estimate {
                Some(0) => {
                    // Wait for the reset, then the new window's quota applies.
                    local.left_estimate = local.quota.map(|q| q.saturating_sub(1));
                    local.reset_at = local.reset_at.map(|t| t + local.window.unwrap_or_default());
                    remaining
                }
                Some(left) if left <= threshold => {
                    local.left_estimate = Some(left - 1);
                    remaining / (left as u32 + 1)
                }
                Some(left) => {
                    local.left_estimate = Some(left - 1);
                    Duration::ZERO
                }
                None => Duration::ZERO,
            };
            local.in_flight += 1;
            wait
        };
        let permit = Permit {
            limiter: self.clone(),
            done: false,
        };
        if !wait.is_zero() {
            tracing::debug!(
                wait_ms = wait.as_millis() as u64,
                "pacing to stay under the rate limit"
            );
            self.pause(wait).await;
        }
        permit
    }

    /// Sleeps for `wait`, publishing `paused_until` meanwhile.
    pub async fn pause(&self, wait: Duration) {
        let until = Instant::now() + wait;
        self.shared.tx.send_modify(|s| {
            if s.paused_until.is_none_or(|t| t < until) {
                s.paused_until = Some(until);
            }
        });
        tokio::time::sleep_until(until).await;
        self.shared.tx.send_modify(|s| {
            if s.paused_until.is_some_and(|t| t <= Instant::now()) {
                s.paused_until = None;
            }
        });
    }

    /// Blocks every request until `until` or the end of the current window,
    /// whichever is later (after a 429); returns that instant.
    fn hold_until(&self, until: Instant) -> Instant {
        let mut local = self.local();
        local.left_estimate = Some(0);
        if local.reset_at.is_none_or(|t| t < until) {
            local.reset_at = Some(until);
        }
        local.reset_at.unwrap_or(until)
    }

    fn observe(&self, h: &RateLimitHeaders) {
        let now = Instant::now();
        let mut local = self.local();
        local.in_flight = local.in_flight.saturating_sub(1);
        if let Some(q) = h.quota {
            local.quota = Some(q);
        }
        if let Some(w) = h.window_ms {
            local.window = Some(Duration::from_millis(w));
        }
        if let Some(r) = h.reset_ms {
            local.reset_at = Some(now + Duration::from_millis(r));
        }
        if let Some(left) = h.requests_left {
            local.left_estimate = Some(left.saturating_sub(local.in_flight));
        }
        drop(local);
        if h.requests_left.is_some() || h.quota.is_some() || h.reset_ms.is_some() {
            self.shared.tx.send_modify(|s| {
                s.requests_left = h.requests_left.or(s.requests_left);
                s.quota = h.quota.or(s.quota);
                s.reset_ms = h.reset_ms.or(s.reset_ms);
                s.window_ms = h.window_ms.or(s.window_ms);
                s.observed_at = Some(now);
            });
        }
    }
}

/// One reserved request. Report the response headers with [`Permit::observe`];
/// dropping it unobserved (transport error) just releases the slot.
#[derive(Debug)]
pub struct Permit {
    limiter: RateLimiter,
    done: bool,
}

impl Permit {
    pub fn observe(mut self, headers: &RateLimitHeaders) {
        self.done = true;
        self.limiter.observe(headers);
    }

    /// Like `observe`, for a 429: also holds every other request until the
    /// wait is over. Returns the real wait, which is longer than `wait` when the
    /// current window ends later: requests stay held until then.
    pub fn observe_429(mut self, headers: &RateLimitHeaders, wait: Duration) -> Duration {
        self.done = true;
        self.limiter.observe(headers);
        let now = Instant::now();
        self.limiter
            .hold_until(now + wait)
            .saturating_duration_since(now)
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        if !self.done {
            let mut local = self.limiter.local();
            local.in_flight = local.in_flight.saturating_sub(1);
        }
    }
}
