//! Retries and waits: 429s waited out, 5xx and transport errors retried only where safe,
//! and pacing that keeps concurrent requests under a small quota.

use super::*;

#[tokio::test]
async fn waits_out_a_429_then_succeeds() {
    let h = Harness::start(|_, n| {
        if n == 0 {
            Reply {
                status: 429,
                headers: vec![
                    ("x-rate-limit-requests-left", "0".into()),
                    ("x-rate-limit-requests-quota", "150".into()),
                    ("x-rate-limit-time-reset-ms", "300".into()),
                    ("x-rate-limit-time-window-ms", "30000".into()),
                ],
                body: String::new(),
            }
        } else {
            let mut r = reply(200, json!({"time": 1529512970}));
            r.headers = vec![
                ("X-Rate-Limit-Requests-Left", "149".into()),
                ("X-Rate-Limit-Requests-Quota", "150".into()),
                ("X-Rate-Limit-Time-Reset-Ms", "29000".into()),
                ("X-Rate-Limit-Time-Window-Ms", "30000".into()),
            ];
            r
        }
    })
    .await;
    let c = h.client(false);
    let mut watch = c.watch_rate_limit();
    let saw_pause = tokio::spawn(async move {
        loop {
            if watch.changed().await.is_err() {
                return false;
            }
            if watch.borrow().paused_until.is_some() {
                return true;
            }
        }
    });
    let started = Instant::now();
    let time = c.server_time().await.unwrap();
    assert_eq!(time.timestamp(), 1529512970);
    assert!(
        started.elapsed() >= Duration::from_millis(290),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(h.seen().len(), 2);
    assert!(
        tokio::time::timeout(Duration::from_secs(1), saw_pause)
            .await
            .unwrap()
            .unwrap()
    );
    let state = c.rate_limit();
    assert_eq!(state.requests_left, Some(149));
    assert_eq!(state.quota, Some(150));
    assert_eq!(state.window_ms, Some(30000));
    assert_eq!(state.paused_until, None);
}

#[tokio::test]
async fn post_is_retried_after_429_but_not_after_503() {
    let h = Harness::start(|s, n| match (s.method.as_str(), n) {
        (_, 0) => Reply {
            status: 429,
            headers: vec![("x-retry-after", "0".into())],
            body: String::new(),
        },
        (_, 1) => reply(
            503,
            json!([{"status": 503, "message": "Service unavailable"}]),
        ),
        _ => reply(201, json!({"id": 1})),
    })
    .await;
    let c = h.client(false);
    let err = c
        .create_shipment(
            5,
            &ShipmentCreate {
                order_address_id: 1,
                items: vec![ShipmentItem {
                    order_product_id: 2,
                    product_id: None,
                    quantity: 1,
                }],
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(h.seen().len(), 2, "429 retried once, 503 not retried");
}

#[tokio::test]
async fn get_retries_503_and_gives_up_after_max_attempts() {
    let h = Harness::start(|s, n| {
        if s.uri.starts_with("/v2/store") && n < 2 {
            reply(503, Value::Null)
        } else if s.uri.starts_with("/v2/store") {
            reply(200, json!({"id": HASH, "name": "Shop"}))
        } else {
            reply(502, Value::Null)
        }
    })
    .await;
    let c = h.client(false);
    assert_eq!(c.store_info().await.unwrap().name, "Shop");
    assert_eq!(h.seen().len(), 3);
    let err = c.order_statuses().await.unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(h.seen().len(), 3 + 4, "bounded at 4 attempts");
    assert!(
        err.to_string().contains("retried and still failed"),
        "{err}"
    );
}

#[tokio::test]
async fn paces_when_the_quota_runs_low() {
    let h = Harness::start(|_, n| {
        let mut r = reply(200, json!({"time": 1}));
        let left = if n == 0 { "0" } else { "100" };
        r.headers = vec![
            ("x-rate-limit-requests-left", left.into()),
            ("x-rate-limit-requests-quota", "100".into()),
            ("x-rate-limit-time-reset-ms", "250".into()),
            ("x-rate-limit-time-window-ms", "1000".into()),
        ];
        r
    })
    .await;
    let c = h.client(false);
    c.server_time().await.unwrap();
    let started = Instant::now();
    c.server_time().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(c.rate_limit().requests_left, Some(100));
}

#[tokio::test]
async fn transport_errors_are_retried_then_reported() {
    // Bind and drop a listener to get a port nobody listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let c = Client::new(ClientConfig {
        api_url: format!("http://127.0.0.1:{port}"),
        store_hash: HASH.into(),
        token: Token::new(TOKEN),
        read_only: false,
    })
    .unwrap()
    .with_retry_policy(RetryPolicy {
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(10),
        ..RetryPolicy::default()
    });
    let err = c.store_info().await.unwrap_err();
    assert!(matches!(err, ApiError::Transport { .. }), "{err}");
    assert!(!err.to_string().contains(TOKEN));
    assert!(
        err.to_string()
            .starts_with("GET /v2/store: connection failed"),
        "{err}"
    );
}

#[tokio::test]
async fn concurrent_requests_stay_under_a_small_quota() {
    // A fixed-window quota like the simulator's: 10 requests per 300 ms.
    const QUOTA: u64 = 10;
    const WINDOW_MS: u64 = 300;
    let window = Arc::new(Mutex::new((Instant::now(), 0u64, 0u64))); // (start, used, 429s)
    let w = window.clone();
    let h = Harness::start(move |_, _| {
        let mut state = w.lock().unwrap();
        let now = Instant::now();
        if now.duration_since(state.0) >= Duration::from_millis(WINDOW_MS) {
            state.0 = now;
            state.1 = 0;
        }
        let reset = WINDOW_MS.saturating_sub(now.duration_since(state.0).as_millis() as u64);
        let (status, left) = if state.1 >= QUOTA {
            state.2 += 1;
            (429, 0)
        } else {
            state.1 += 1;
            (200, QUOTA - state.1)
        };
        let mut r = reply(
            status,
            if status == 200 {
                json!({"time": 1})
            } else {
                Value::Null
            },
        );
        r.headers = vec![
            ("x-rate-limit-requests-left", left.to_string()),
            ("x-rate-limit-requests-quota", QUOTA.to_string()),
            ("x-rate-limit-time-reset-ms", reset.to_string()),
            ("x-rate-limit-time-window-ms", WINDOW_MS.to_string()),
        ];
        r
    })
    .await;
    let c = h.client(false);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..10 {
                c.server_time().await.unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let served_429 = window.lock().unwrap().2;
    assert!(served_429 <= 1, "{served_429} requests ran into 429");
    assert!(started.elapsed() < Duration::from_secs(5));
}
