//! `bctui api`: one request to the store's API, printed like `gh api` does.

use std::io::{BufWriter, ErrorKind, IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::Args;
use reqwest::Method;
use serde_json::Value;

use crate::api::{ApiError, Client, RawResponse};
use crate::config::Credentials;
use crate::safe_text;

use super::paginate::{Layout, WalkFailure};

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
    /// Fetch every page (GET only) and print all items as one JSON array, each page as it
    /// arrives.
    #[arg(long, conflicts_with = "include")]
    pub paginate: bool,
    /// With --paginate: print one item per line (JSON lines) instead of one array.
    #[arg(long, requires = "paginate")]
    pub jsonl: bool,
    /// Print the status line and response headers before the body.
    #[arg(short = 'i', long)]
    pub include: bool,
}

pub async fn run(args: &ApiArgs, credentials: &Credentials) -> ExitCode {
    match execute(args, credentials).await {
        Ok(code) => code,
        Err(Failure::ClosedPipe) => closed_pipe(),
        Err(Failure::Message(message)) => {
            report(&message);
            ExitCode::FAILURE
        }
    }
}

/// Why `bctui api` stopped early.
enum Failure {
    /// A person should read this on stderr.
    Message(String),
    /// Whoever read stdout went away (`| head`): nothing more to say.
    ClosedPipe,
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Message(message)
    }
}

impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Failure {
        if err.kind() == ErrorKind::BrokenPipe {
            Failure::ClosedPipe
        } else {
            Failure::Message(format!("cannot write the output: {err}"))
        }
    }
}

/// The exit status a shell gives a command killed by SIGPIPE (128 + 13), without
/// the kill: Rust ignores SIGPIPE, so a closed pipe arrives as an error instead.
fn closed_pipe() -> ExitCode {
    ExitCode::from(141)
}

/// One line on stderr, filtered: error text can quote the store's own messages.
/// Not `eprintln!`, which panics when stderr is closed.
fn report(message: &str) {
    let _ = writeln!(std::io::stderr(), "bctui: {}", safe_text::visible(message));
}

async fn execute(args: &ApiArgs, credentials: &Credentials) -> Result<ExitCode, Failure> {
    let method = parse_method(args.method.as_deref(), args.data.is_some())?;
    let body = match &args.data {
        Some(data) => Some(read_body(data)?),
        None => None,
    };
    let client = super::client_for(credentials)?;
    let pretty = std::io::stdout().is_terminal();
    if args.paginate {
        if method != Method::GET {
            return Err(Failure::Message(
                "--paginate works with GET only".to_string(),
            ));
        }
        let layout = match (args.jsonl, pretty) {
            (true, _) => Layout::Lines,
            (false, true) => Layout::Pretty,
            (false, false) => Layout::Compact,
        };
        return paginate(&client, &args.path, layout).await;
    }
    let response = client
        .raw(method.clone(), &args.path, body)
        .await
        .map_err(|err| err.to_string())?;
    let mut out = std::io::stdout().lock();
    if args.include {
        write_head(&mut out, &response)?;
    }
    write_body(&mut out, &response.body, pretty)?;
    out.flush()?;
    Ok(finish(&method, &args.path, &response))
}

/// Exit 0 on success; on an HTTP error, the API's own message on stderr and exit 1.
fn finish(method: &Method, path: &str, response: &RawResponse) -> ExitCode {
    if response.status < 400 {
        return ExitCode::SUCCESS;
    }
    let error = ApiError::from_response(method.as_str(), path, response.status, &response.body);
    report(&error.to_string());
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

fn write_head(out: &mut impl Write, response: &RawResponse) -> std::io::Result<()> {
    let reason = reqwest::StatusCode::from_u16(response.status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    writeln!(out, "HTTP {} {reason}", response.status)?;
    for (name, value) in &response.headers {
        writeln!(
            out,
            "{}: {}",
            safe_text::visible_line(name),
            safe_text::visible_line(value)
        )?;
    }
    writeln!(out)
}

/// The body, filtered whether or not stdout is a terminal (piped output usually
/// ends on one, through `less` or `head`): JSON keeps its value with the
/// dangerous characters as `\u` escapes, anything else shows them as `<U+XXXX>`.
fn write_body(out: &mut impl Write, body: &[u8], pretty: bool) -> std::io::Result<()> {
    if body.is_empty() {
        return Ok(());
    }
    let text = String::from_utf8_lossy(body);
    let shown = match serde_json::from_slice::<Value>(body) {
        Ok(value) if pretty => {
            let text = serde_json::to_string_pretty(&value).unwrap_or_default();
            safe_text::escape_json(&text).into_owned()
        }
        Ok(_) => safe_text::escape_json(&text).into_owned(),
        // CRLF line ends are plain line ends; a lone CR (which could overwrite
        // a line) is shown like any other control character.
        Err(_) => safe_text::visible(&text.replace("\r\n", "\n")).into_owned(),
    };
    out.write_all(shown.as_bytes())?;
    if !shown.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(())
}

/// Prints every item of a list, each page as it arrives (see [`super::paginate`]).
async fn paginate(client: &Client, path: &str, layout: Layout) -> Result<ExitCode, Failure> {
    let out = BufWriter::with_capacity(64 * 1024, std::io::stdout());
    match super::paginate::walk(client, path, out, layout).await {
        Ok(_) => Ok(ExitCode::SUCCESS),
        Err(WalkFailure::Api(message)) => Err(Failure::Message(message)),
        Err(WalkFailure::Output(err)) => Err(err.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(body: &[u8], pretty: bool) -> String {
        let mut out = Vec::new();
        write_body(&mut out, body, pretty).expect("writes to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn bodies_are_written_inert() {
        assert_eq!(
            written(b"line one\r\nline\rtwo\x1b[2J\r\n", false),
            "line one\nline<U+000D>two<U+001B>[2J\n"
        );
        let json = "{\"name\":\"a\u{9b}b\u{202e}c\"}";
        assert_eq!(
            written(json.as_bytes(), false),
            "{\"name\":\"a\\u009bb\\u202ec\"}\n"
        );
        assert!(written(json.as_bytes(), true).contains("\"a\\u009bb\\u202ec\""));
        assert_eq!(written(b"", true), "");
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
