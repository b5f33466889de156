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
    /// No request goes before this (the window's reset after the quota ran out, or a 429's
    /// wait): every concurrent caller waits for it, not only the first one to see the zero.
    hold_until: Option<Instant>,
    /// When the last paced request was scheduled: concurrent callers pacing at once queue
    /// behind each other instead of all waking together.
    last_paced: Option<Instant>,
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
                    local.hold_until = Some(now + remaining);
                    remaining
                }
                Some(left) if left <= threshold => {
                    local.left_estimate = Some(left - 1);
                    let after = local.last_paced.filter(|t| *t > now).unwrap_or(now);
                    let at = after + remaining / (left as u32 + 1);
                    local.last_paced = Some(at);
                    at - now
                }
                Some(left) => {
                    local.left_estimate = Some(left - 1);
                    Duration::ZERO
                }
                None => Duration::ZERO,
            };
            let held = local
                .hold_until
                .map(|t| t.saturating_duration_since(now))
                .unwrap_or_default();
            let wait = wait.max(held);
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
        if local.hold_until.is_none_or(|t| t < until) {
            local.hold_until = Some(until);
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
        let previous_reset = local.reset_at;
        if let Some(r) = h.reset_ms {
            local.reset_at = Some(now + Duration::from_millis(r));
        }
        if let Some(left) = h.requests_left {
            let estimate = left.saturating_sub(local.in_flight);
            // With several requests in flight an older response can arrive last: within the
            // same window the count only goes down, so its higher figure is stale.
            let same_window = match (previous_reset, local.reset_at, local.window) {
                (Some(before), Some(after), Some(window)) => after < before + window / 2,
                _ => false,
            };
            local.left_estimate = match local.left_estimate {
                Some(known) if same_window => Some(known.min(estimate)),
                _ => Some(estimate),
            };
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

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(left: u64, quota: u64, reset_ms: u64) -> RateLimitHeaders {
        RateLimitHeaders {
            requests_left: Some(left),
            quota: Some(quota),
            reset_ms: Some(reset_ms),
            window_ms: Some(30_000),
            retry_after_s: None,
        }
    }

    /// How long one `acquire` waits on tokio's paused clock.
    async fn waited(limiter: &RateLimiter) -> Duration {
        let started = Instant::now();
        let permit = limiter.acquire().await;
        let waited = started.elapsed();
        drop(permit);
        waited
    }

    #[tokio::test(start_paused = true)]
    async fn plenty_left_goes_at_once() {
        let limiter = RateLimiter::standalone();
        assert_eq!(waited(&limiter).await, Duration::ZERO, "nothing known yet");
        limiter.acquire().await.observe(&headers(120, 150, 20_000));
        assert_eq!(waited(&limiter).await, Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn under_a_tenth_left_each_request_waits_its_share_of_the_window() {
        let limiter = RateLimiter::standalone();
        // 5 of 150 left (threshold 15), 12 s to the reset: 12 s / (5 + 1) = 2 s.
        limiter.acquire().await.observe(&headers(5, 150, 12_000));
        assert_eq!(waited(&limiter).await, Duration::from_secs(2));
        // Now 4 are estimated left and 10 s remain: 10 s / 5 = 2 s again.
        assert_eq!(waited(&limiter).await, Duration::from_secs(2));
        assert_eq!(limiter.local().left_estimate, Some(3));
    }

    #[tokio::test(start_paused = true)]
    async fn none_left_waits_for_the_reset() {
        let limiter = RateLimiter::standalone();
        limiter.acquire().await.observe(&headers(0, 150, 7_000));
        let mut states = limiter.subscribe();
        let waiting = tokio::spawn({
            let limiter = limiter.clone();
            async move { waited(&limiter).await }
        });
        states.changed().await.expect("the pause is published");
        assert_eq!(
            states.borrow().resumes_in(),
            Some(Duration::from_secs(7)),
            "the header shows when requests resume"
        );
        assert_eq!(waiting.await.expect("ran"), Duration::from_secs(7));
        assert_eq!(limiter.state().paused_until, None, "the pause is over");
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_callers_all_wait_for_the_reset_and_queue_their_shares() {
        let limiter = RateLimiter::standalone();
        limiter.acquire().await.observe(&headers(0, 150, 7_000));
        let (a, b) = tokio::join!(waited(&limiter), waited(&limiter));
        assert_eq!((a, b), (Duration::from_secs(7), Duration::from_secs(7)));

        let limiter = RateLimiter::standalone();
        limiter.acquire().await.observe(&headers(9, 150, 20_000));
        // 9 left (≤ 15): 2 s each, the second queued behind the first.
        let (a, b) = tokio::join!(waited(&limiter), waited(&limiter));
        assert_eq!(a, Duration::from_secs(2));
        // (tokio's timer rounds up to the millisecond)
        let queued = Duration::from_secs(2) + Duration::from_secs(20) / 9;
        assert!(
            b >= queued && b <= queued + Duration::from_millis(1),
            "{b:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_late_answer_from_the_same_window_does_not_raise_what_is_left() {
        let limiter = RateLimiter::standalone();
        limiter.acquire().await.observe(&headers(100, 150, 30_000));
        let older = limiter.acquire().await;
        limiter.acquire().await.observe(&headers(98, 150, 29_000));
        // 98 left, minus the older request still in flight.
        assert_eq!(limiter.local().left_estimate, Some(97));
        older.observe(&headers(99, 150, 29_500));
        assert_eq!(limiter.local().left_estimate, Some(97));
    }

    #[tokio::test(start_paused = true)]
    async fn requests_in_flight_count_against_what_is_left() {
        let limiter = RateLimiter::standalone();
        limiter.acquire().await.observe(&headers(100, 150, 30_000));
        let in_flight: Vec<Permit> = {
            let mut permits = Vec::new();
            for _ in 0..3 {
                permits.push(limiter.acquire().await);
            }
            permits
        };
        // The server says 90 left, but our 3 unanswered requests are not counted in it.
        limiter.acquire().await.observe(&headers(90, 150, 30_000));
        assert_eq!(limiter.local().left_estimate, Some(87));
        drop(in_flight);
        assert_eq!(limiter.local().in_flight, 0);
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_holds_every_request_until_its_wait_is_over() {
        let limiter = RateLimiter::standalone();
        limiter
            .acquire()
            .await
            .observe_429(&headers(0, 150, 3_000), Duration::from_secs(3));
        assert_eq!(waited(&limiter).await, Duration::from_secs(3));
    }

    #[tokio::test(start_paused = true)]
    async fn a_new_window_restores_the_quota() {
        let limiter = RateLimiter::standalone();
        limiter.acquire().await.observe(&headers(1, 150, 1_000));
        tokio::time::advance(Duration::from_millis(1_001)).await;
        assert_eq!(waited(&limiter).await, Duration::ZERO);
        assert_eq!(limiter.local().left_estimate, Some(149));
    }
}
