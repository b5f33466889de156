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
    #[arg(long)]
    pub paginate: bool,
    /// Print the status line and response headers before the body.
    #[arg(short = 'i', long)]
    pub include: bool,
}

/// Largest page the API serves; used for walks.
const WALK_LIMIT: usize = 250;
/// A walk that goes on longer than this is a server that never says "last page".
const MAX_PAGES: usize = 100_000;

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
        return paginate(&client, &args.path, args.include, pretty).await;
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

/// Walks every page of a list and prints the items as one array. V3 pages are
/// `{data, meta.pagination}`, V2 pages bare arrays where 204 means "no more".
/// A short or empty page ends the walk even when `total_pages` says otherwise.
async fn paginate(
    client: &Client,
    path: &str,
    include: bool,
    pretty: bool,
) -> Result<ExitCode, String> {
    let mut url = PagedPath::parse(path);
    let v3 = url.path.starts_with("/v3/");
    let mut items: Vec<Value> = Vec::new();
    let mut out = std::io::stdout().lock();
    for _ in 0..MAX_PAGES {
        let response = client
            .raw(Method::GET, &url.render(), None)
            .await
            .map_err(|err| err.to_string())?;
        if include {
            write_head(&mut out, &response);
        }
        if response.status >= 400 {
            write_body(&mut out, &response.body, pretty);
            return Ok(finish(&Method::GET, &url.render(), &response));
        }
        if response.status == 204 || response.body.is_empty() {
            break;
        }
        let value: Value = serde_json::from_slice(&response.body)
            .map_err(|err| format!("page {} is not JSON: {err}", url.page))?;
        let (page_items, last_by_meta) = if v3 {
            let total_pages = value
                .pointer("/meta/pagination/total_pages")
                .and_then(Value::as_u64);
            let data = value.get("data").and_then(Value::as_array).cloned();
            let last = total_pages.is_some_and(|total| url.page as u64 >= total);
            (data, last)
        } else {
            (value.as_array().cloned(), false)
        };
        let Some(page_items) = page_items else {
            return Err(format!(
                "page {} is not a list; use bctui api without --paginate",
                url.page
            ));
        };
        let count = page_items.len();
        items.extend(page_items);
        if count == 0 || count < url.limit || last_by_meta {
            break;
        }
        url.page += 1;
    }
    let all = Value::Array(items);
    let text = if pretty {
        serde_json::to_string_pretty(&all)
    } else {
        serde_json::to_string(&all)
    }
    .map_err(|err| err.to_string())?;
    let _ = writeln!(out, "{text}");
    Ok(ExitCode::SUCCESS)
}

/// A list path whose `page` and `limit` the walk controls; other parameters are kept as typed.
#[derive(Debug, PartialEq)]
struct PagedPath {
    path: String,
    params: Vec<String>,
    page: usize,
    limit: usize,
}

impl PagedPath {
    fn parse(path_and_query: &str) -> PagedPath {
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        let mut page = 1;
        let mut limit = WALK_LIMIT;
        let mut params = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "page" => page = value.parse().unwrap_or(1).max(1),
                "limit" => limit = value.parse().unwrap_or(WALK_LIMIT).clamp(1, WALK_LIMIT),
                _ => params.push(pair.to_string()),
            }
        }
        PagedPath {
            path: path.to_string(),
            params,
            page,
            limit,
        }
    }

    fn render(&self) -> String {
        let mut query = self.params.clone();
        query.push(format!("page={}", self.page));
        query.push(format!("limit={}", self.limit));
        format!("{}?{}", self.path, query.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paged_path_keeps_filters_and_owns_page_and_limit() {
        let url = PagedPath::parse("/v3/catalog/products?id:in=1,2&limit=10&page=3");
        assert_eq!(url.page, 3);
        assert_eq!(url.limit, 10);
        assert_eq!(
            url.render(),
            "/v3/catalog/products?id:in=1,2&page=3&limit=10"
        );
        let url = PagedPath::parse("/v2/orders");
        assert_eq!(url.render(), "/v2/orders?page=1&limit=250");
        assert_eq!(PagedPath::parse("/v2/orders?limit=999").limit, 250);
    }

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
