//! `bctui api`, `bctui config path` and credential errors, run as the real binary.

use std::process::{Command, Output};

use serde_json::Value;

use crate::support::{self, served};

/// Runs the binary with the store's credentials in the environment, off the async runtime.
async fn bctui(store: &bctui::fakestore::FakeStore, args: &[&str]) -> Output {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let env = store_env(store);
    tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_bctui"))
            .args(&args)
            .envs(env)
            .env_remove("BCTUI_LOG")
            .output()
            .expect("binary runs")
    })
    .await
    .expect("joined")
}

fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "stdout is not JSON ({err}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// `bctui api -X POST /v3/catalog/products --data BODY`.
async fn post_product(store: &bctui::fakestore::FakeStore, body: &str) -> Output {
    let args = ["api", "-X", "POST", "/v3/catalog/products", "--data", body];
    bctui(store, &args).await
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_prints_the_body_and_include_adds_status_and_headers() {
    let store = support::start(support::small_config()).await;
    let output = bctui(&store, &["api", "/v3/catalog/products?limit=2"]).await;
    assert!(output.status.success(), "{}", stderr(&output));
    let body = stdout_json(&output);
    assert_eq!(body["data"].as_array().map(Vec::len), Some(2));
    assert_eq!(body["meta"]["pagination"]["total"], 300);

    let output = bctui(&store, &["api", "--include", "/v2/time"]).await;
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout).to_lowercase();
    assert!(text.starts_with("http 200"), "{text}");
    assert!(text.contains("x-rate-limit-requests-left:"), "{text}");
    assert!(text.contains("\"time\""), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paginate_walks_v3_and_v2_lists_to_the_end() {
    let store = support::start(support::small_config()).await;
    let output = bctui(&store, &["api", "--paginate", "/v3/catalog/products"]).await;
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout_json(&output).as_array().map(Vec::len), Some(300));

    let output = bctui(&store, &["api", "--paginate", "/v2/orders?limit=150"]).await;
    assert!(output.status.success(), "{}", stderr(&output));
    let orders = stdout_json(&output);
    let orders = orders.as_array().expect("array");
    // Archived orders are not listed; the seed archives none, so every order shows.
    assert_eq!(orders.len(), 400);
    // 400 orders at 150 a page: pages 1-3, the third one short, so no fourth request.
    assert_eq!(served(&store, "GET", "/v2/orders?"), 3);
}

/// The store's environment for the binary.
fn store_env(store: &bctui::fakestore::FakeStore) -> [(&'static str, String); 4] {
    [
        ("BIGCOMMERCE_API_URL", store.api_url()),
        ("BIGCOMMERCE_STORE_HASH", store.store_hash().to_string()),
        ("BIGCOMMERCE_ACCESS_TOKEN", store.token().to_string()),
        ("BCTUI_CONFIG", "/nonexistent/bctui/config.toml".to_string()),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paginate_prints_the_first_page_before_the_last_is_served() {
    use std::io::Read;
    let store = support::start(bctui::fakestore::FakeStoreConfig {
        products: 2_000,
        ..support::small_config()
    })
    .await;
    let mut child = Command::new(env!("CARGO_BIN_EXE_bctui"))
        .args(["api", "--paginate", "/v3/catalog/products"])
        .envs(store_env(&store))
        .env_remove("BCTUI_LOG")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut stdout = child.stdout.take().expect("piped");
    // 2,000 products are 8 pages of some 400 KB each. Until this side reads, the pipe holds
    // the binary inside the first page's items, so its first bytes cannot wait for the
    // last page if each page is printed as it arrives.
    let (first, stdout) = tokio::task::spawn_blocking(move || {
        let mut first = vec![0; 4096];
        let read = stdout.read(&mut first).expect("reads");
        first.truncate(read);
        (first, stdout)
    })
    .await
    .expect("joined");
    assert!(
        first.starts_with(b"[{"),
        "{}",
        String::from_utf8_lossy(&first)
    );
    let pages_served = served(&store, "GET", "/v3/catalog/products?");
    assert_eq!(pages_served, 1, "only the first page was asked for");
    assert_eq!(served(&store, "GET", "page=8"), 0);

    let (rest, status) = tokio::task::spawn_blocking(move || {
        let mut rest = Vec::new();
        let mut stdout = stdout;
        stdout.read_to_end(&mut rest).expect("reads");
        (rest, child.wait().expect("exits"))
    })
    .await
    .expect("joined");
    assert!(status.success());
    let printed: Value = serde_json::from_slice(&[first, rest].concat()).expect("one JSON array");
    let all: Vec<Value> = support::client(&store)
        .fetch_all_v3("/v3/catalog/products", &Default::default(), |_| {})
        .await
        .expect("walked");
    assert_eq!(all.len(), 2_000);
    assert_eq!(printed, Value::Array(all));
    assert_eq!(
        served(&store, "GET", "page=8"),
        2,
        "the last page, once for each walk"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paginate_jsonl_prints_one_item_a_line() {
    let store = support::start(support::small_config()).await;
    let output = bctui(
        &store,
        &["api", "--paginate", "--jsonl", "/v2/orders?limit=150"],
    )
    .await;
    assert!(output.status.success(), "{}", stderr(&output));
    let printed: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    let all: Vec<Value> = support::client(&store)
        .fetch_all_v2("/v2/orders", &Default::default(), |_| {})
        .await
        .expect("walked");
    assert_eq!(printed.len(), 400);
    assert_eq!(printed, all);

    let output = bctui(&store, &["api", "--jsonl", "/v2/orders"]).await;
    assert_eq!(output.status.code(), Some(2), "--jsonl needs --paginate");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_errors_exit_1_with_the_api_message() {
    let store = support::start(support::small_config()).await;
    let output = bctui(&store, &["api", "/v3/catalog/products/999999"]).await;
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("404"), "{err}");

    let output = post_product(
        &store,
        r#"{"name":"","type":"physical","weight":1,"price":-1}"#,
    )
    .await;
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("422"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_send_nothing() {
    let store = support::start(support::small_config()).await;
    let before = store.requests().len();

    let output = bctui(
        &store,
        &["api", "https://evil.example.com/v3/catalog/products"],
    )
    .await;
    assert_eq!(output.status.code(), Some(1));
    assert!(!stderr(&output).contains(store.token()));

    let output = post_product(&store, "{oops").await;
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("line 1"), "{}", stderr(&output));

    let output = bctui(
        &store,
        &[
            "api",
            "--read-only",
            "-X",
            "DELETE",
            "/v3/catalog/products/1",
        ],
    )
    .await;
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).to_lowercase().contains("read-only"),
        "{}",
        stderr(&output)
    );

    assert_eq!(store.requests().len(), before, "nothing reached the store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn post_put_delete_round_trip_through_the_cli() {
    let store = support::start(support::small_config()).await;
    let output = bctui(
        &store,
        &[
            "api",
            "/v3/catalog/products",
            "--data",
            r#"{"name":"CLI Test Lamp","type":"physical","weight":2,"price":9.95,"sku":"CLI-LAMP-1"}"#,
        ],
    )
    .await;
    assert!(output.status.success(), "{}", stderr(&output));
    let created = stdout_json(&output);
    assert_eq!(created["data"]["price"].to_string(), "9.95");
    let id = created["data"]["id"].as_u64().expect("id");

    let path = format!("/v3/catalog/products/{id}");
    let output = bctui(
        &store,
        &["api", "-X", "PUT", &path, "-d", r#"{"price":"12.50"}"#],
    )
    .await;
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout_json(&output)["data"]["price"].to_string(), "12.5");

    let output = bctui(&store, &["api", "-X", "DELETE", &path]).await;
    assert!(output.status.success(), "{}", stderr(&output));
    let output = bctui(&store, &["api", &path]).await;
    assert_eq!(output.status.code(), Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_path_and_missing_credentials() {
    let output = tokio::task::spawn_blocking(|| {
        Command::new(env!("CARGO_BIN_EXE_bctui"))
            .args(["config", "path"])
            .env("BCTUI_CONFIG", "/tmp/somewhere/bctui.toml")
            .output()
            .expect("runs")
    })
    .await
    .expect("joined");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "/tmp/somewhere/bctui.toml"
    );

    let output = tokio::task::spawn_blocking(|| {
        Command::new(env!("CARGO_BIN_EXE_bctui"))
            .args(["api", "/v2/store"])
            .env("BCTUI_CONFIG", "/nonexistent/bctui/config.toml")
            .env_remove("BIGCOMMERCE_STORE_HASH")
            .env_remove("BIGCOMMERCE_ACCESS_TOKEN")
            .env_remove("BIGCOMMERCE_API_URL")
            .output()
            .expect("runs")
    })
    .await
    .expect("joined");
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("BIGCOMMERCE_ACCESS_TOKEN"), "{err}");
    assert!(err.contains("--demo"), "{err}");
}
