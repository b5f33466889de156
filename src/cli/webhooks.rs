//! `bctui webhooks listen`: a local receiver that prints each webhook event it gets — one
//! JSON line per event when stdout is a pipe or file, a readable line on a terminal — and
//! answers 401 to callbacks without the expected custom header (reported on stderr).

use std::future::Future;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use chrono::DateTime;
use clap::{Args, Subcommand};
use serde_json::Value;

use super::hook_receiver::{Delivery, ExpectedHeader, HeaderCheck, Receiver};
use crate::safe_text;

#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// Run a webhook receiver on 127.0.0.1 and print each event it gets.
    Listen(ListenArgs),
}

/// Flags of `bctui webhooks listen`.
#[derive(Debug, Clone, Args)]
pub struct ListenArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// A custom header every callback must carry (as set in the hook's `headers`); callbacks
    /// without it, or with another value, are answered 401 and reported on stderr.
    #[arg(long, value_name = "NAME:VALUE")]
    pub header: Option<ExpectedHeader>,
}

/// Runs the command until `stop` resolves.
pub async fn run(command: &WebhooksCommand, stop: impl Future<Output = ()>) -> ExitCode {
    match command {
        WebhooksCommand::Listen(args) => listen(args, stop).await,
    }
}

async fn listen(args: &ListenArgs, stop: impl Future<Output = ()>) -> ExitCode {
    let mut receiver = match Receiver::start(args.port, args.header.clone()).await {
        Ok(receiver) => receiver,
        Err(err) => return super::fail(&format!("cannot listen on port {}: {err}", args.port)),
    };
    let mut err = std::io::stderr();
    let _ = writeln!(
        err,
        "bctui webhooks listen: receiving on {} (give it as a hook's destination). Ctrl-C stops.",
        receiver.url()
    );
    if let Some(h) = &args.header {
        let _ = writeln!(
            err,
            "  checking header {}: callbacks without it are answered 401",
            safe_text::visible_line(&h.name)
        );
    }
    let terminal = std::io::stdout().is_terminal();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            delivery = receiver.next() => {
                let Some(delivery) = delivery else { break };
                if report(&delivery, terminal).is_err() {
                    // stdout is gone (a closed pipe): nobody is reading any more.
                    break;
                }
            }
        }
    }
    ExitCode::SUCCESS
}

/// Prints one delivery: accepted events on stdout, rejections and non-JSON bodies on stderr.
fn report(delivery: &Delivery, terminal: bool) -> std::io::Result<()> {
    let problem = match delivery.header {
        HeaderCheck::Missing => Some("rejected (401): the expected header is missing"),
        HeaderCheck::Wrong => Some("rejected (401): the expected header has another value"),
        HeaderCheck::NotChecked | HeaderCheck::Matched => None,
    };
    let Some(payload) = &delivery.payload else {
        let _ = writeln!(
            std::io::stderr(),
            "{}body is not JSON: {}",
            problem.map(|p| format!("{p}; ")).unwrap_or_default(),
            safe_text::visible_line(&delivery.raw)
        );
        return Ok(());
    };
    if let Some(problem) = problem {
        let _ = writeln!(std::io::stderr(), "{problem}: {}", readable(payload));
        return Ok(());
    }
    let line = if terminal {
        readable(payload)
    } else {
        safe_text::escape_json(&payload.to_string()).into_owned()
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()
}

/// `2026-03-01 12:00:00  store/order/statusUpdated  order 250  status={…}  hash 3f9ea420af`.
pub fn readable(payload: &Value) -> String {
    let text = |key: &str| match &payload[key] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let when = payload["created_at"]
        .as_i64()
        .and_then(|t| DateTime::from_timestamp(t, 0))
        .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|| "-".to_string());
    let data = &payload["data"];
    let mut subject = [&data["type"], &data["id"]]
        .iter()
        .filter(|v| !v.is_null())
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(map) = data.as_object() {
        for (key, value) in map
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "type" | "id"))
        {
            subject.push_str(&format!("  {key}={value}"));
        }
    }
    let hash: String = text("hash").chars().take(10).collect();
    safe_text::visible_line(&format!(
        "{when}  {}  {subject}  hash {hash}",
        text("scope")
    ))
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes_terminal_controls_and_keeps_json_valid() {
        let payload = json!({"scope": "store/order/created\u{1b}[2J\u{9b}\u{202e}", "data": {}});
        let line = safe_text::escape_json(&payload.to_string()).into_owned();
        assert!(!line.chars().any(|c| c.is_control() || c == '\u{202e}'));
        let back: Value = serde_json::from_str(&line).expect("still JSON");
        assert_eq!(back, payload);
        let shown = readable(&payload);
        assert!(
            shown.contains("created<U+001B>[2J<U+009B><U+202E>"),
            "{shown}"
        );
    }

    #[test]
    fn readable_line_names_scope_subject_and_extras() {
        let payload = json!({
            "scope": "store/order/statusUpdated",
            "store_id": "1025646",
            "data": {"type": "order", "id": 250, "status": {"previous_status_id": 0, "new_status_id": 11}},
            "hash": "3f9ea420af83450d7ef9f78b08c8af25b2213637",
            "created_at": 1_561_479_335,
            "producer": "stores/abc",
        });
        assert_eq!(
            readable(&payload),
            "2019-06-25 16:15:35  store/order/statusUpdated  order 250  \
             status={\"new_status_id\":11,\"previous_status_id\":0}  hash 3f9ea420af"
        );
    }
}
