//! Retry policy: jittered exponential backoff, bounded.

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How often and how long the client retries.
///
/// GET, PUT and DELETE retry on 502/503/504, timeouts and connection errors up
/// to `max_attempts` in total. Every method (POST included) retries after a 429,
/// which processed nothing, up to `max_rate_limit_attempts` in total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub max_rate_limit_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            max_rate_limit_attempts: 6,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(8),
        }
    }
}

impl RetryPolicy {
    /// Delay before retry number `retry` (0-based): `base * 2^retry`, capped,
    /// then "equal jitter" (between half and all of it) so that many clients
    /// do not retry in lockstep.
    pub fn backoff(&self, retry: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(retry.min(16)));
        let capped = exp.min(self.max_delay);
        let half = capped / 2;
        half + half.mul_f64(jitter_fraction())
    }
}

/// A number in [0, 1) from a small xorshift generator seeded from the process's
/// random hash keys; good enough for jitter, no crate needed.
fn jitter_fraction() -> f64 {
    static STATE: AtomicU64 = AtomicU64::new(0);
    let mut x = STATE.load(Ordering::Relaxed);
    if x == 0 {
        x = RandomState::new().hash_one(0x9E37_79B9_7F4A_7C15u64) | 1;
    }
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    STATE.store(x, Ordering::Relaxed);
    (x >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_within_equal_jitter_and_stops_at_the_cap() {
        let policy = RetryPolicy::default();
        // base 250 ms doubling, capped at 8 s: [half, all] of 250, 500, 1000 ... 8000.
        let caps_ms = [250u64, 500, 1000, 2000, 4000, 8000, 8000, 8000];
        for (retry, cap) in caps_ms.iter().enumerate() {
            for _ in 0..200 {
                let delay = policy.backoff(retry as u32).as_millis() as u64;
                assert!(
                    (cap / 2..=*cap).contains(&delay),
                    "retry {retry}: {delay} ms is outside {}..={cap} ms",
                    cap / 2
                );
            }
        }
        // Far past the cap the arithmetic saturates instead of overflowing.
        let late = policy.backoff(u32::MAX);
        assert!(late >= Duration::from_secs(4) && late <= Duration::from_secs(8));
    }

    #[test]
    fn jitter_spreads_the_delays() {
        let policy = RetryPolicy::default();
        let delays: std::collections::BTreeSet<u128> =
            (0..100).map(|_| policy.backoff(3).as_micros()).collect();
        assert!(delays.len() > 50, "only {} distinct delays", delays.len());
    }
}
