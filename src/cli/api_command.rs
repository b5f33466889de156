//! `bctui api`: one request to the store's API, printed like `gh api` does.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::Args;
use reqwest::Method;
use serde_json::Value;

use crate::api::{ApiError, Client, RawResponse};
use crate::config::Credentials;

/// Flags of `bctui api`.
#[derive(Debug, Clone, Args)]
pub struct ApiArgs {
    /// HTTP method: GET, POST, PUT or DELETE (default GET, or POST when --data is given).
    #[arg(short = 'X', long = "method", value_name = "METHOD")]
    pub method: Option<String>,
    /// Path relative to the store, e.g. /v3/catalog/products?limit=5 or /v2/orders/100.
    pub path: String,
    /// Request body: inline JSON, @FILE, or @- for standard input.
    #[arg(short = 'd', long = "data", value_name = "JSON|@FILE|@-")]
    pub data: Option<String>,
    /// Fetch every page (GET only) and print all items as one JSON array.
    #[arg(long, conflicts_with = "include")]
    pub paginate: bool,
    /// Print the status line and response headers before the body.
    #[arg(short = 'i', long)]
    pub include: bool,
}

pub async fn run(args: &ApiArgs, credentials: &Credentials) -> ExitCode {
    match execute(args, credentials).await {
        Ok(code) => code,
        Err(message) => {
            eprintln!("bctui: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn execute(args: &ApiArgs, credentials: &Credentials) -> Result<ExitCode, String> {
    let method = parse_method(args.method.as_deref(), args.data.is_some())?;
    let body = match &args.data {
        Some(data) => Some(read_body(data)?),
        None => None,
    };
    let client = super::client_for(credentials)?;
    let pretty = std::io::stdout().is_terminal();
    if args.paginate {
        if method != Method::GET {
            return Err("--paginate works with GET only".to_string());
        }
        return paginate(&client, &args.path, pretty).await;
    }
    let response = client
        .raw(method.clone(), &args.path, body)
        .await
        .map_err(|err| err.to_string())?;
    let mut out = std::io::stdout().lock();
    if args.include {
        write_head(&mut out, &response);
    }
    write_body(&mut out, &response.body, pretty);
    Ok(finish(&method, &args.path, &response))
}

/// Exit 0 on success; on an HTTP error, the API's own message on stderr and exit 1.
fn finish(method: &Method, path: &str, response: &RawResponse) -> ExitCode {
    if response.status < 400 {
        return ExitCode::SUCCESS;
    }
    let error = ApiError::from_response(method.as_str(), path, response.status, &response.body);
    eprintln!("bctui: {error}");
    ExitCode::FAILURE
}

fn parse_method(method: Option<&str>, has_body: bool) -> Result<Method, String> {
    let name = match method {
        Some(name) => name.trim().to_ascii_uppercase(),
        None if has_body => "POST".to_string(),
        None => "GET".to_string(),
    };
    match name.as_str() {
        "GET" => Ok(Method::GET),
        "POST" => Ok(Method::POST),
        "PUT" => Ok(Method::PUT),
        "DELETE" => Ok(Method::DELETE),
        other => Err(format!(
            "unsupported method {other}: use GET, POST, PUT or DELETE"
        )),
    }
}

/// Reads `--data`: inline JSON, `@FILE`, or `@-` (stdin); checked before anything is sent.
fn read_body(data: &str) -> Result<Value, String> {
    let text = match data.strip_prefix('@') {
        Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|err| format!("cannot read the body from stdin: {err}"))?;
            text
        }
        Some(file) => std::fs::read_to_string(file)
            .map_err(|err| format!("cannot read the body from {file}: {err}"))?,
        None => data.to_string(),
    };
    serde_json::from_str(&text).map_err(|err| {
        format!(
            "the body is not valid JSON (line {}, column {}): {err}",
            err.line(),
            err.column()
        )
    })
}

fn write_head(out: &mut impl Write, response: &RawResponse) {
    let reason = reqwest::StatusCode::from_u16(response.status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let _ = writeln!(out, "HTTP {} {reason}", response.status);
    for (name, value) in &response.headers {
        let _ = writeln!(out, "{name}: {value}");
    }
    let _ = writeln!(out);
}

fn write_body(out: &mut impl Write, body: &[u8], pretty: bool) {
    if body.is_empty() {
        return;
    }
    if pretty && let Ok(value) = serde_json::from_slice::<Value>(body) {
        let text = serde_json::to_string_pretty(&value).unwrap_or_default();
        let _ = writeln!(out, "{text}");
        return;
    }
    let _ = out.write_all(body);
    if !body.ends_with(b"\n") {
        let _ = writeln!(out);
    }
}

/// Walks every page of a list (V3 `data` items, V2 array elements; 204 or a short page
/// ends it) and prints all items as one array.
async fn paginate(client: &Client, path: &str, pretty: bool) -> Result<ExitCode, String> {
    let items = client
        .paginate_raw(path, |_| {})
        .await
        .map_err(|err| err.to_string())?;
    let all = Value::Array(items);
    let text = if pretty {
        serde_json::to_string_pretty(&all)
    } else {
        serde_json::to_string(&all)
    }
    .map_err(|err| err.to_string())?;
    println!("{text}");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_defaults_follow_the_body() {
        assert_eq!(parse_method(None, false), Ok(Method::GET));
        assert_eq!(parse_method(None, true), Ok(Method::POST));
        assert_eq!(parse_method(Some("delete"), false), Ok(Method::DELETE));
        assert!(parse_method(Some("PATCH"), false).is_err());
    }

    #[test]
    fn invalid_json_body_names_line_and_column() {
        let err = read_body("{\n  \"name\": }").expect_err("invalid");
        assert!(err.contains("line 2"), "{err}");
    }
}
