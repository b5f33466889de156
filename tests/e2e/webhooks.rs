//! Webhooks end to end: the typed client manages hooks on the simulator, an order placed
//! through the API reaches `bctui webhooks listen` (the real binary) with the custom header.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use bctui::api::{ApiError, HookQuery, HookWrite};
use reqwest::Method;
use serde_json::{Value, json};

use crate::spec::assert_all_requests_in_spec;
use crate::support::{self, client_with};

/// Only reached when a test fails.
const PATIENCE: Duration = Duration::from_secs(20);

/// `bctui webhooks listen` as a child process; killed when dropped.
struct Listener {
    child: Child,
    stdout: mpsc::Receiver<String>,
    stderr: mpsc::Receiver<String>,
}

fn lines_of(stream: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

impl Listener {
    fn start(args: &[&str]) -> Listener {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bctui"))
            .args(["webhooks", "listen"])
            .args(args)
            .env("BCTUI_CONFIG", "/nonexistent/bctui/config.toml")
            .env_remove("BCTUI_LOG")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("binary runs");
        let stdout = lines_of(child.stdout.take().expect("piped"));
        let stderr = lines_of(child.stderr.take().expect("piped"));
        Listener {
            child,
            stdout,
            stderr,
        }
    }

    /// The receiver's URL, from its first stderr line.
    async fn url(&mut self) -> String {
        let line = self.next_line(false).await;
        let start = line.find("http://").expect("the URL is announced");
        line[start..]
            .split_whitespace()
            .next()
            .expect("URL")
            .to_string()
    }

    /// The next line of stdout (or stderr), waited for off the async runtime.
    async fn next_line(&mut self, stdout: bool) -> String {
        let rx = if stdout { &self.stdout } else { &self.stderr };
        tokio::task::block_in_place(|| rx.recv_timeout(PATIENCE)).expect("a line arrives")
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn order_body() -> Value {
    json!({
        "billing_address": {"first_name": "Jane", "last_name": "Doe", "street_1": "1 Main St", "city": "Austin", "state": "Texas", "zip": "78751", "country": "United States", "country_iso2": "US", "email": "jane@example.com"},
        "products": [{"name": "Gift Wrap", "quantity": 1, "price_ex_tax": "4.50", "price_inc_tax": 4.5}],
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_placed_through_the_api_reaches_webhooks_listen() {
    let (store, client) = support::small_store().await;
    let mut listener = Listener::start(&["--header", "X-Secret:abc123"]);
    let url = listener.url().await;

    let hook = client
        .create_hook(&HookWrite {
            scope: Some("store/order/created".into()),
            destination: Some(url.clone()),
            headers: Some(BTreeMap::from([("X-Secret".into(), "abc123".into())])),
            ..HookWrite::default()
        })
        .await
        .expect("hook created");
    assert!(hook.is_active);
    assert_eq!(hook.headers["X-Secret"], "abc123");
    assert!(hook.created().is_some());

    let order = client
        .raw(Method::POST, "/v2/orders", Some(order_body()))
        .await
        .expect("order placed");
    assert_eq!(order.status, 200);
    let order_id = order.json().expect("JSON")["id"].as_u64().expect("id");

    let line = listener.next_line(true).await;
    let event: Value = serde_json::from_str(&line).expect("one JSON line per event");
    assert_eq!(event["scope"], "store/order/created");
    assert_eq!(event["data"], json!({"type": "order", "id": order_id}));
    assert_eq!(event["producer"], format!("stores/{}", store.store_hash()));

    // A hook without the header is flagged on stderr (and refused with a 401).
    client
        .create_hook(&HookWrite {
            scope: Some("store/order/updated".into()),
            destination: Some(url),
            ..HookWrite::default()
        })
        .await
        .expect("second hook");
    client
        .raw(
            Method::PUT,
            &format!("/v2/orders/{order_id}"),
            Some(json!({"staff_notes": "x"})),
        )
        .await
        .expect("order updated");
    let mut flagged = listener.next_line(false).await;
    while flagged.contains("checking header") {
        flagged = listener.next_line(false).await;
    }
    assert!(flagged.contains("rejected (401)"), "{flagged}");
    assert!(flagged.contains("store/order/updated"), "{flagged}");
    assert_all_requests_in_spec(&store);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_lists_updates_and_deletes_hooks() {
    let (store, client) = support::small_store().await;
    let write = |scope: &str| HookWrite {
        scope: Some(scope.into()),
        destination: Some("https://localhost/hooks".into()),
        ..HookWrite::default()
    };
    let order = client
        .create_hook(&write("store/order/*"))
        .await
        .expect("created");
    client
        .create_hook(&write("store/product/*"))
        .await
        .expect("created");

    let all = client.all_hooks(&HookQuery::default()).await.expect("all");
    assert_eq!(all.len(), 2);
    let page = client
        .list_hooks(&HookQuery {
            scope: Some("store/product/*".into()),
            ..HookQuery::default()
        })
        .await
        .expect("filtered");
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].scope, "store/product/*");

    let off = client
        .update_hook(
            order.id,
            &HookWrite {
                is_active: Some(false),
                ..HookWrite::default()
            },
        )
        .await
        .expect("updated");
    assert!(!off.is_active);
    assert!(!client.get_hook(order.id).await.expect("read").is_active);
    let inactive = client
        .list_hooks(&HookQuery {
            is_active: Some(false),
            ..HookQuery::default()
        })
        .await
        .expect("inactive");
    assert_eq!(inactive.items.len(), 1);

    // The API's own message comes back for a refused hook.
    let refused = client
        .create_hook(&HookWrite {
            destination: Some("https://example.com/hooks".into()),
            ..write("store/order/created")
        })
        .await
        .expect_err("not loopback");
    assert!(refused.to_string().contains("loopback"), "{refused}");
    assert!(matches!(
        client.update_hook(order.id, &HookWrite::default()).await,
        Err(ApiError::InvalidInput(_))
    ));

    let deleted = client.delete_hook(order.id).await.expect("deleted");
    assert_eq!(deleted.id, order.id);
    let missing = client.get_hook(order.id).await.expect_err("gone");
    assert!(missing.to_string().contains("not found"), "{missing}");

    let read_only = client_with(&store, store.token(), true);
    assert!(read_only.create_hook(&write("store/cart/*")).await.is_err());
    assert_all_requests_in_spec(&store);
}
