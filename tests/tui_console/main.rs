//! The request console (tab 5) end to end: the real app loop on a
//! `TestBackend`, driven by key events, against the store simulator (and a
//! tiny axum server for a 5 MB answer). Waits on conditions, never sleeps.

#[path = "../common/mod.rs"]
mod common;
mod harness;

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::KeyCode;

use bctui::app::Mode;
use bctui::app::console::pretty::BodyKind;
use bctui::app::console::{ConsoleMode, HttpMethod};
use harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_post_put_delete_with_confirmation() {
    let store = simulator().await;
    let mut h = Driver::console_on(&store, false).await;
    insta::assert_snapshot!("console_empty", h.snapshot().await);

    // GET, with completion of a template from the specs.
    h.press(KeyCode::Char('i'));
    h.type_text("/v3/catalog/products/1/vari");
    h.press(KeyCode::Tab);
    h.wait_for("a completion", |s| s.console.completion.is_some())
        .await;
    assert_eq!(
        h.state().console.path.value(),
        "/v3/catalog/products/1/variants"
    );
    // Tab again: the next template, its placeholder selected for typing over.
    h.press(KeyCode::Tab);
    h.wait_for("the next completion", |s| {
        s.console.completion.as_ref().is_some_and(|c| c.index == 1)
    })
    .await;
    assert_eq!(
        h.state().console.path.value(),
        "/v3/catalog/products/1/variants/{variant_id}"
    );
    insta::assert_snapshot!("console_completion", h.snapshot().await);
    h.type_text("7");
    h.wait_for("the placeholder typed over", |s| {
        s.console.path.value() == "/v3/catalog/products/1/variants/7"
    })
    .await;
    h.ctrl('u');
    h.type_text("/v3/catalog/products?limit=2&include_fields=name,price");
    h.send_and_wait("the GET answer").await;
    let response = h.state().console.response.clone().expect("a response");
    assert_eq!(response.status, 200);
    assert!(h.screen().contains("\"data\": ["), "{}", h.screen());
    assert!(h.screen().contains("200 OK"));
    h.press(KeyCode::Esc);
    h.wait_for("normal mode", |s| s.mode == Mode::Normal).await;
    insta::assert_snapshot!("console_get_response", h.snapshot().await);

    // Search in the body, then step through the matches.
    h.press(KeyCode::Char('/'));
    h.type_text("price");
    h.press(KeyCode::Enter);
    h.wait_for("matches", |s| s.console.search.matches.len() == 2)
        .await;
    h.press(KeyCode::Char('n'));
    h.wait_for("the second match", |s| s.console.search.current == 1)
        .await;

    // POST creates a product.
    h.set_method(HttpMethod::Get, HttpMethod::Post);
    h.set_path("/v3/catalog/products");
    h.press(KeyCode::Esc);
    h.set_body(r#"{"name": "Console Jar", "type": "physical", "weight": 1, "price": 12.50}"#);
    h.send_and_wait("the POST answer").await;
    let created = h.state().console.response.clone().expect("a response");
    assert_eq!(created.status, 200, "{}", h.screen());
    let json: serde_json::Value = serde_json::from_slice(&created.body).expect("json");
    let id = json["data"]["id"].to_string();
    assert_eq!(
        methods_sent(&store, "POST"),
        vec!["/stores/".to_string() + store.store_hash() + "/v3/catalog/products"]
    );

    // PUT changes its price.
    h.set_method(HttpMethod::Post, HttpMethod::Put);
    h.set_path(&format!("/v3/catalog/products/{id}"));
    h.press(KeyCode::Esc);
    h.set_body(r#"{"price": 14.25}"#);
    h.send_and_wait("the PUT answer").await;
    let updated = h.state().console.response.clone().expect("a response");
    assert_eq!(updated.status, 200, "{}", h.screen());
    assert!(String::from_utf8_lossy(&updated.body).contains("14.25"));

    // DELETE asks first; n cancels, y sends.
    h.set_method(HttpMethod::Put, HttpMethod::Delete);
    h.ctrl('s');
    h.wait_for("the DELETE prompt", |s| {
        s.mode == Mode::Console(ConsoleMode::ConfirmDelete)
    })
    .await;
    insta::assert_snapshot!("console_confirm_delete", h.snapshot().await);
    h.press(KeyCode::Char('n'));
    h.wait_for("the prompt closed", |s| s.mode == Mode::Normal)
        .await;
    assert!(methods_sent(&store, "DELETE").is_empty());
    h.ctrl('s');
    h.press(KeyCode::Char('y'));
    h.wait_for("the DELETE answer", |s| {
        s.console.view.is_some() && s.console.response.as_ref().is_some_and(|r| r.status == 204)
    })
    .await;
    assert_eq!(methods_sent(&store, "DELETE").len(), 1);
    assert_eq!(
        h.state().console.view.as_ref().map(|v| v.kind),
        Some(BodyKind::Empty)
    );
    assert!(h.screen().contains("204 No Content"), "{}", h.screen());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_json_and_foreign_hosts_are_never_sent() {
    let store = simulator().await;
    let mut h = Driver::console_on(&store, false).await;

    h.set_method(HttpMethod::Get, HttpMethod::Post);
    h.set_path("/v3/catalog/products");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('b'));
    h.type_text("{\"name\": \"x\",");
    h.press(KeyCode::Enter);
    h.type_text("  \"price\": }");
    h.ctrl('s');
    h.wait_for("the JSON error", |s| s.console.body_error.is_some())
        .await;
    let error = h.state().console.body_error.clone().unwrap_or_default();
    assert!(error.contains("line 2, column 12"), "{error}");
    assert_eq!(h.state().mode, Mode::Console(ConsoleMode::Body));
    assert!(
        h.state()
            .toasts
            .iter()
            .any(|t| t.text.starts_with("Not sent. Body is not valid JSON")),
        "{:?}",
        h.state().toasts
    );
    insta::assert_snapshot!("console_invalid_json", h.snapshot().await);
    assert!(methods_sent(&store, "POST").is_empty());

    // Other hosts: refused by the client before anything leaves.
    h.press(KeyCode::Esc);
    h.set_method(HttpMethod::Post, HttpMethod::Get);
    let before = store.requests().len();
    for path in [
        "https://evil.example.com/v3/catalog/products",
        "//evil.example.com/v3/catalog/products",
    ] {
        h.set_path(path);
        h.press(KeyCode::Enter);
        h.wait_for("the refusal", |s| {
            s.console.error.is_some()
                && s.console
                    .shown_request
                    .as_ref()
                    .is_some_and(|(_, r)| r.path == path)
        })
        .await;
        let error = h.state().console.error.clone().unwrap_or_default();
        assert!(error.contains("refused to send the token"), "{error}");
    }
    h.press(KeyCode::Esc);
    h.wait_for("normal mode", |s| s.mode == Mode::Normal).await;
    insta::assert_snapshot!("console_refused_host", h.snapshot().await);
    let after = store.requests();
    assert_eq!(after.len(), before, "{:?}", &after[before..]);
    assert!(after.iter().all(|r| !r.path.contains("evil")));
    // Refused requests are not history: they never left.
    assert!(h.history_lines().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_mode_refuses_writes() {
    let store = simulator().await;
    let mut h = Driver::console_on(&store, true).await;
    for (from, to) in [
        (HttpMethod::Get, HttpMethod::Post),
        (HttpMethod::Post, HttpMethod::Delete),
    ] {
        h.set_method(from, to);
        h.set_path("/v3/catalog/products/1");
        h.ctrl('s');
        // The cause named is the flag this run stands for, not the profile.
        let refused = format!("read-only mode; {} refused", to.as_str());
        let cause = "Writes are off: bctui was started with --read-only.";
        h.wait_for("the refusal", |s| {
            s.console
                .error
                .as_deref()
                .is_some_and(|e| e.contains(&refused) && e.contains(cause))
        })
        .await;
        assert_eq!(h.state().mode, Mode::Console(ConsoleMode::Path));
        h.press(KeyCode::Esc);
    }
    assert!(methods_sent(&store, "POST").is_empty());
    assert!(methods_sent(&store, "DELETE").is_empty());
    // GET still works.
    h.set_method(HttpMethod::Delete, HttpMethod::Get);
    h.set_path("/v3/catalog/products/1");
    h.send_and_wait("the GET").await;
    assert_eq!(
        h.state().console.response.as_ref().map(|r| r.status),
        Some(200)
    );
    // An empty V2 list is a 204, shown as such rather than as an error.
    h.set_path("/v2/orders?min_id=999999999");
    h.send_and_wait("the empty list").await;
    assert_eq!(
        h.state().console.response.as_ref().map(|r| r.status),
        Some(204)
    );
    assert!(h.screen().contains("an empty list"), "{}", h.screen());
    assert!(h.state().console.error.is_none());
    h.set_path("/v3/catalog/products/1");
    h.send_and_wait("the GET again").await;
    let got = h.state().console.response.clone().expect("a response");
    h.press(KeyCode::Esc);
    // Copy as cURL and the body.
    h.press(KeyCode::Char('y'));
    h.press(KeyCode::Char('Y'));
    h.wait_toast("Copied the response body").await;
    let toasts = &h.state().toasts;
    assert!(
        toasts
            .iter()
            .any(|t| t.text.starts_with("Copied the response body")),
        "{}",
        h.toasts()
    );
    let copied = h.runner.backend().copied().to_vec();
    assert!(copied.len() >= 2, "{copied:?}");
    let curl = &copied[copied.len() - 2];
    assert!(curl.starts_with("curl -sS -X GET '"), "{curl}");
    assert!(curl.contains("$BIGCOMMERCE_ACCESS_TOKEN"));
    assert!(!curl.contains(store.token()));
    assert_eq!(copied[copied.len() - 1].as_bytes(), got.body.as_slice());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_is_persisted_without_the_token() {
    let store = simulator().await;
    let dir = temp_dir();
    {
        let mut h = Driver::on_store(&store, false, &dir);
        h.wait_for("products", products_loaded).await;
        h.open_console().await;
        h.set_path("/v3/catalog/products?limit=1");
        h.send_and_wait("the first GET").await;
        h.set_path("/v2/orders?limit=1");
        h.send_and_wait("the second GET").await;
        h.set_path("/v3/catalog/products/999999");
        h.send_and_wait("a 404").await;
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while h.history_lines().len() < 3 {
            assert!(
                tokio::time::Instant::now() < deadline,
                "history not written"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    let text = std::fs::read_to_string(dir.path().join("console_history.jsonl")).expect("history");
    assert!(!text.contains(store.token()), "the token leaked: {text}");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines[0]["method"], "GET");
    assert_eq!(lines[0]["path"], "/v3/catalog/products?limit=1");
    assert_eq!(lines[0]["status"].to_string(), "200");
    assert_eq!(lines[2]["status"].to_string(), "404");
    assert!(lines[0]["time"].is_string());

    // A new session walks it with ↑/↓ and searches it with Ctrl-r.
    let mut h = Driver::on_store(&store, false, &dir);
    h.open_console().await;
    h.wait_for("the history", |s| s.console.history.len() == 3)
        .await;
    h.press(KeyCode::Char('i'));
    h.type_text("/v3/draft");
    h.press(KeyCode::Up);
    h.wait_for("the newest entry", |s| {
        s.console.path.value() == "/v3/catalog/products/999999"
    })
    .await;
    h.press(KeyCode::Up);
    h.wait_for("the entry before", |s| {
        s.console.path.value() == "/v2/orders?limit=1"
    })
    .await;
    h.press(KeyCode::Down);
    h.press(KeyCode::Down);
    h.wait_for("the draft again", |s| s.console.path.value() == "/v3/draft")
        .await;
    h.ctrl('r');
    h.type_text("orders");
    h.wait_for("the history search", |s| {
        s.console.history_matches().len() == 1
    })
    .await;
    insta::assert_snapshot!("console_history_search", h.snapshot().await);
    h.press(KeyCode::Enter);
    h.wait_for("the picked entry", |s| {
        s.console.path.value() == "/v2/orders?limit=1" && s.mode == Mode::Console(ConsoleMode::Path)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_five_megabyte_answer_keeps_the_ui_responsive_and_saves_whole() {
    let body = Arc::new(five_megabytes());
    assert!(body.len() > 5_000_000, "{}", body.len());
    let url = big_store(Arc::clone(&body)).await;
    let dir = temp_dir();
    let mut h = Driver::start(url, "abc", "secret-token", false, &dir);
    h.open_console().await;
    h.set_path("/v3/big");
    h.ctrl('s');
    h.wait_for("the answer", |s| s.console.response.is_some())
        .await;
    // The body is being formatted off the UI thread: keys still work now.
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('H'));
    let mut handled_while_formatting = None;
    h.wait_for("the keys", |s| {
        let done = s.console.show_headers && s.mode == Mode::Normal;
        if done {
            handled_while_formatting = Some(s.console.view.is_none());
        }
        done
    })
    .await;
    assert_eq!(
        handled_while_formatting,
        Some(true),
        "keys were handled only after formatting"
    );
    assert!(h.screen().contains("formatting 5."), "{}", h.screen());
    h.wait_for("the formatted body", |s| s.console.view.is_some())
        .await;
    let view = h.state().console.view.clone().expect("view");
    assert!(view.truncated);
    assert_eq!(view.total_bytes, body.len());
    assert!(h.screen().contains("formatted) of a 5."), "{}", h.screen());
    assert!(h.screen().contains("Showing the first "), "{}", h.screen());
    assert!(h.screen().contains("quota 149/150 left"), "{}", h.screen());
    h.press(KeyCode::Char('G'));
    h.wait_for("the bottom", |s| s.console.scroll > 1000).await;

    // Too big for the clipboard: says so rather than flooding the terminal.
    h.press(KeyCode::Char('Y'));
    h.wait_toast("too big for the clipboard").await;
    assert!(h.runner.backend().copied().is_empty());

    h.press(KeyCode::Char('w'));
    h.wait_for("the saved toast", |s| {
        s.toasts
            .iter()
            .any(|t| t.text.starts_with("Saved the body"))
    })
    .await;
    let saved: Vec<_> = std::fs::read_dir(dir.path().join("responses"))
        .expect("responses dir")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        std::fs::read(&saved[0]).expect("saved file"),
        body.as_bytes()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_body_can_be_written_in_the_editor() {
    let dir = temp_dir();
    let script = dir.path().join("editor.sh");
    let seen = dir.path().join("seen.json");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ncp \"$1\" {}\nprintf '%s\\n' '{{\"name\": \"Editor Jar\", \"type\": \"physical\", \"weight\": 1, \"price\": 3}}' > \"$1\"\n",
            seen.display()
        ),
    )
    .expect("script");
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .expect("chmod");
    // SAFETY: this is the only test in this binary that reads or writes these variables.
    unsafe {
        std::env::set_var("VISUAL", &script);
        std::env::set_var("EDITOR", &script);
    }
    let store = simulator().await;
    let mut h = Driver::on_store(&store, false, &dir);
    h.wait_for("products", products_loaded).await;
    h.open_console().await;
    h.set_method(HttpMethod::Get, HttpMethod::Post);
    h.set_path("/v3/catalog/products");
    h.press(KeyCode::Esc);
    h.set_body("{\"draft\": true}");
    h.edit_with_editor().await;
    assert_eq!(
        std::fs::read_to_string(&seen).expect("the editor saw the body"),
        "{\"draft\": true}"
    );
    assert_eq!(
        h.state().console.body_text(),
        r#"{"name": "Editor Jar", "type": "physical", "weight": 1, "price": 3}"#
    );
    h.send_and_wait("the POST").await;
    let created = h.state().console.response.clone().expect("a response");
    assert_eq!(created.status, 200);
    assert!(String::from_utf8_lossy(&created.body).contains("Editor Jar"));
}
