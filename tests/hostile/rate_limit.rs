//! A 429 without rate-limit headers: the wait reported (and logged) is the
//! wait that really happens, and absurd header values cannot overflow it.

use std::time::Duration;

use bctui::api::ratelimit::{RateLimitHeaders, RateLimiter};
use reqwest::header::{HeaderMap, HeaderValue};

fn headers(pairs: &[(&'static str, &str)]) -> RateLimitHeaders {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_str(value).expect("header"));
    }
    RateLimitHeaders::from_headers(&map)
}

#[tokio::test]
async fn a_bare_429_reports_the_wait_until_the_window_ends() {
    let limiter = RateLimiter::standalone();
    // An earlier answer said the window ends in 30 s.
    limiter.acquire().await.observe(&headers(&[
        ("x-rate-limit-requests-left", "100"),
        ("x-rate-limit-requests-quota", "150"),
        ("x-rate-limit-time-reset-ms", "30000"),
        ("x-rate-limit-time-window-ms", "30000"),
    ]));
    let backoff = Duration::from_millis(238);
    let wait = limiter
        .acquire()
        .await
        .observe_429(&RateLimitHeaders::default(), backoff);
    assert!(wait > Duration::from_secs(29), "{wait:?}");
    assert!(wait <= Duration::from_secs(30), "{wait:?}");

    // With no window known, the backoff is the whole wait.
    let fresh = RateLimiter::standalone();
    let wait = fresh
        .acquire()
        .await
        .observe_429(&RateLimitHeaders::default(), backoff);
    assert!(
        wait <= backoff && wait > backoff - Duration::from_millis(50),
        "{wait:?}"
    );
}

#[tokio::test]
async fn absurd_rate_limit_headers_are_clamped() {
    let huge = u64::MAX.to_string();
    let read = headers(&[
        ("x-rate-limit-time-reset-ms", &huge),
        ("x-rate-limit-time-window-ms", "1e300"),
        ("x-retry-after", &huge),
        ("x-rate-limit-requests-left", "-5"),
    ]);
    assert_eq!(read.reset_ms, Some(24 * 60 * 60 * 1000));
    assert_eq!(read.window_ms, Some(24 * 60 * 60 * 1000));
    assert_eq!(read.retry_after_s, Some(24 * 60 * 60));
    assert_eq!(read.requests_left, None);
    // Observing them must not overflow `Instant` arithmetic.
    let limiter = RateLimiter::standalone();
    limiter.acquire().await.observe(&read);
    let wait = limiter
        .acquire()
        .await
        .observe_429(&read, Duration::from_secs(1));
    assert!(wait <= Duration::from_secs(24 * 60 * 60));
}
