//! `/v3/hooks`: webhook subscriptions as `webhooks.v3.yml` defines them — one hook per create,
//! update and delete, the `webhook_Full` shape with UNIX-epoch timestamps, `404 Webhook with id
//! [N] not found` — plus the platform limits of the webhooks overview: one hook per scope and
//! destination, at most ten per scope.
//!
//! The simulator only ever calls back to loopback addresses, so a destination elsewhere is
//! refused when the hook is created or changed rather than silently never delivered.

use std::collections::BTreeMap;
use std::net::IpAddr;

use axum::http::{HeaderName, HeaderValue, Method};
use serde::Serialize;
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, Reply};
use super::fields::Fields;
use super::query::{pagination, v3_page};
use super::server::{Ctx, path_id};
use super::store::{StoreData, next_id};

const SCOPES: &str = include_str!("../../assets/webhook_scopes.txt");
/// "A maximum of 10 webhooks per unique combination of store_id + client_id + scope."
const MAX_PER_SCOPE: usize = 10;
const INVALID: &str = "JSON data is missing or invalid";

/// One webhook subscription (`webhook_Full`).
#[derive(Serialize, Clone, Debug)]
pub(crate) struct Hook {
    pub id: u64,
    pub client_id: String,
    pub store_hash: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub scope: String,
    pub destination: String,
    pub is_active: bool,
    pub headers: Option<BTreeMap<String, String>>,
    /// Switched off by the delivery service after its retries ran out (`status: deactivated`
    /// in `/hooks/admin`), as opposed to `is_active: false` set by the client.
    #[serde(skip)]
    pub deactivated: bool,
}

impl Hook {
    /// `active`, `inactive` (set by the client) or `deactivated` (by failed deliveries).
    fn status(&self) -> &'static str {
        match (self.is_active, self.deactivated) {
            (true, _) => "active",
            (false, true) => "deactivated",
            (false, false) => "inactive",
        }
    }
}

/// Whether `scope` is one the webhook docs list (channel scopes carry a channel id, so any
/// `store/channel/...` is taken).
fn documented_scope(scope: &str) -> bool {
    scope.starts_with("store/channel/")
        || SCOPES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .any(|l| l.trim() == scope)
}

/// Whether a URL's host is this machine: `localhost`, 127.0.0.0/8 or `::1`.
pub(crate) fn loopback_url(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Checks a destination: an absolute https URL (http only on loopback), on loopback because
/// the simulator calls nowhere else. The message says which rule failed.
fn destination_problem(destination: &str) -> Option<String> {
    let Ok(url) = reqwest::Url::parse(destination) else {
        return Some("The destination must be an absolute URL.".into());
    };
    if !matches!(url.scheme(), "https" | "http") {
        return Some("The destination must be an https URL.".into());
    }
    if !loopback_url(&url) {
        return Some(
            "The simulator delivers webhooks to loopback addresses only (localhost, 127.0.0.1, [::1])."
                .into(),
        );
    }
    None
}

/// The validated writable fields of a create or update body.
#[derive(Default)]
struct HookWrite {
    scope: Option<String>,
    destination: Option<String>,
    is_active: Option<bool>,
    headers: Option<Option<BTreeMap<String, String>>>,
}

fn read_headers(f: &mut Fields) -> Option<Option<BTreeMap<String, String>>> {
    let raw = f.raw("headers")?;
    let map = match raw {
        Value::Null => return Some(None),
        Value::Object(map) => map,
        _ => {
            f.error(
                "headers",
                "The field 'headers' must be an object of strings.",
            );
            return None;
        }
    };
    let mut headers = BTreeMap::new();
    for (name, value) in map {
        let Value::String(value) = value else {
            f.error(&format!("headers.{name}"), "Header values must be strings.");
            continue;
        };
        if HeaderName::from_bytes(name.as_bytes()).is_err() {
            f.error(&format!("headers.{name}"), "Not a valid HTTP header name.");
        } else if HeaderValue::from_str(value).is_err() {
            f.error(&format!("headers.{name}"), "Not a valid HTTP header value.");
        } else {
            headers.insert(name.clone(), value.clone());
        }
    }
    Some(if headers.is_empty() {
        None
    } else {
        Some(headers)
    })
}

/// Reads and checks the fields of a `webhook_Base` / `webhook_Put` body.
fn read_write(body: &Value, required: bool) -> Result<HookWrite, ApiError> {
    if body.is_array() {
        return Err(ApiError::new(422, INVALID).field(
            "body",
            "Only one webhook at a time can be created or updated.",
        ));
    }
    let mut f = Fields::new(body, "");
    if required {
        f.require(&["scope", "destination"]);
    }
    let mut w = HookWrite {
        scope: f.str("scope"),
        destination: f.str("destination"),
        is_active: f.bool("is_active"),
        headers: read_headers(&mut f),
    };
    if let Some(scope) = w.scope.as_deref()
        && !documented_scope(scope)
    {
        f.error("scope", format!("'{scope}' is not a webhook scope."));
        w.scope = None;
    }
    if let Some(problem) = w.destination.as_deref().and_then(destination_problem) {
        f.error("destination", problem);
    }
    let nothing = w.scope.is_none()
        && w.destination.is_none()
        && w.is_active.is_none()
        && w.headers.is_none();
    if !required && f.errors.is_empty() && nothing {
        f.error(
            "body",
            "At least one of scope, destination, is_active or headers is required.",
        );
    }
    f.finish(INVALID)?;
    Ok(w)
}

/// The platform limits, checked for a hook that would have `scope` and `destination`.
fn check_limits(data: &StoreData, scope: &str, destination: &str, except: u64) -> ApiResult {
    let same_scope = data
        .hooks
        .values()
        .filter(|h| h.id != except && h.scope == scope);
    let mut count = 0;
    for hook in same_scope {
        if hook.destination == destination {
            return Err(ApiError::new(422, INVALID).field(
                "destination",
                format!(
                    "Webhook {} already sends {scope} to this destination.",
                    hook.id
                ),
            ));
        }
        count += 1;
    }
    if count >= MAX_PER_SCOPE {
        return Err(ApiError::new(422, INVALID).field(
            "scope",
            format!("A store may have at most {MAX_PER_SCOPE} webhooks for one scope."),
        ));
    }
    Ok(Reply::empty(204))
}

fn hook_not_found(segment: &str) -> ApiError {
    ApiError::new(404, format!("Webhook with id [{segment}] not found"))
}

/// The client id of the simulated API account, stable per store hash.
fn client_id(store_hash: &str) -> String {
    let digest = super::hook_delivery::sha1_hex(format!("client:{store_hash}").as_bytes());
    digest.chars().take(31).collect()
}

pub(crate) fn route(ctx: &Ctx, data: &mut StoreData, method: &Method, rest: &[&str]) -> ApiResult {
    match rest {
        [] => match *method {
            Method::GET => list(ctx, data),
            Method::POST => create(ctx, data),
            _ => Err(ApiError::method_not_allowed()),
        },
        ["admin"] => match *method {
            Method::GET => admin(ctx, data),
            Method::PUT => set_admin_emails(ctx, data),
            _ => Err(ApiError::method_not_allowed()),
        },
        [segment] => {
            let id = path_id(segment)
                .ok()
                .filter(|id| data.hooks.contains_key(id))
                .ok_or_else(|| hook_not_found(segment))?;
            match *method {
                Method::GET => Ok(Reply::data(200, &data.hooks[&id])),
                Method::PUT => update(ctx, data, id),
                Method::DELETE => {
                    let hook = data
                        .hooks
                        .remove(&id)
                        .ok_or_else(|| hook_not_found(segment))?;
                    Ok(Reply::data(200, &hook))
                }
                _ => Err(ApiError::method_not_allowed()),
            }
        }
        _ => Err(ApiError::not_found()),
    }
}

/// The hooks matching `is_active`, `scope` and `destination` from the query, by id.
fn filtered<'a>(ctx: &Ctx, data: &'a StoreData) -> Result<Vec<&'a Hook>, ApiError> {
    let q = &ctx.query;
    let active = q.bool("is_active")?;
    let scope = q.get("scope");
    let destination = q.get("destination");
    Ok(data
        .hooks
        .values()
        .filter(|h| active.is_none_or(|a| h.is_active == a))
        .filter(|h| scope.is_none_or(|s| h.scope == s))
        .filter(|h| destination.is_none_or(|d| h.destination == d))
        .collect())
}

fn list(ctx: &Ctx, data: &StoreData) -> ApiResult {
    let page = v3_page(&ctx.query)?;
    let found = filtered(ctx, data)?;
    let items: Vec<Value> = page
        .slice(&found)
        .iter()
        .map(|h| serde_json::to_value(h).unwrap_or(Value::Null))
        .collect();
    let meta = json!({ "pagination": pagination(found.len(), items.len(), page) });
    Ok(Reply::json(200, &json!({ "data": items, "meta": meta })))
}

fn create(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let w = read_write(&ctx.json()?, true)?;
    let (Some(scope), Some(destination)) = (w.scope, w.destination) else {
        // read_write reports both as required; this only satisfies the types.
        return Err(ApiError::new(422, INVALID));
    };
    check_limits(data, &scope, &destination, 0)?;
    let now = ctx.now.timestamp();
    let hook = Hook {
        id: next_id(&mut data.ids.hook),
        client_id: client_id(&ctx.store_hash),
        store_hash: ctx.store_hash.clone(),
        created_at: now,
        updated_at: now,
        scope,
        destination,
        is_active: w.is_active.unwrap_or(true),
        headers: w.headers.flatten(),
        deactivated: false,
    };
    let reply = Reply::data(200, &hook);
    data.hooks.insert(hook.id, hook);
    Ok(reply)
}

fn update(ctx: &Ctx, data: &mut StoreData, id: u64) -> ApiResult {
    let w = read_write(&ctx.json()?, false)?;
    let mut hook = data.hooks[&id].clone();
    if let Some(scope) = w.scope {
        hook.scope = scope;
    }
    if let Some(destination) = w.destination {
        hook.destination = destination;
    }
    if let Some(active) = w.is_active {
        hook.is_active = active;
        hook.deactivated = false;
    }
    if let Some(headers) = w.headers {
        hook.headers = headers;
    }
    check_limits(data, &hook.scope, &hook.destination, id)?;
    hook.updated_at = hook.updated_at.max(ctx.now.timestamp());
    let reply = Reply::data(200, &hook);
    data.hooks.insert(id, hook);
    Ok(reply)
}

/// `GET /hooks/admin`: notification emails, every hook with its status, denylisted domains
/// (none: the simulator retries per hook and never denylists a domain).
fn admin(ctx: &Ctx, data: &StoreData) -> ApiResult {
    let hooks = filtered(ctx, data)?;
    let list: Vec<Value> = hooks
        .iter()
        .map(|h| {
            let mut v = serde_json::to_value(h).unwrap_or(Value::Null);
            v["status"] = json!(h.status());
            v
        })
        .collect();
    let page = super::query::Page {
        page: 1,
        limit: list.len().max(1),
    };
    Ok(Reply::json(
        200,
        &json!({
            "data": {
                "emails": data.hook_emails,
                "hooks_list": list,
                "blocked_domains": [],
            },
            "meta": { "pagination": pagination(list.len(), list.len(), page) },
        }),
    ))
}

/// `PUT /hooks/admin`: replaces the notification emails → 204.
fn set_admin_emails(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let body = ctx.json()?;
    let mut f = Fields::new(&body, "");
    f.require(&["emails"]);
    let emails = f.str_list("emails");
    if let Some(bad) = emails
        .iter()
        .flatten()
        .find(|e| !super::customers::valid_email(e))
    {
        f.error("emails", format!("'{bad}' is not an email address."));
    }
    f.finish(INVALID)?;
    data.hook_emails = emails.unwrap_or_default();
    Ok(Reply::empty(204))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_must_be_loopback() {
        assert!(destination_problem("http://127.0.0.1:8080/hook").is_none());
        assert!(destination_problem("https://localhost/hook").is_none());
        assert!(destination_problem("http://[::1]:9/x").is_none());
        assert!(destination_problem("https://example.com/hook").is_some());
        assert!(destination_problem("http://10.0.0.1/hook").is_some());
        assert!(destination_problem("ftp://127.0.0.1/hook").is_some());
        assert!(destination_problem("/relative").is_some());
    }

    #[test]
    fn scopes_come_from_the_docs() {
        assert!(documented_scope("store/order/created"));
        assert!(documented_scope("store/order/*"));
        assert!(documented_scope("store/channel/1/settings/updated"));
        assert!(!documented_scope("store/order/teleported"));
        assert!(!documented_scope("# Webhook scopes"));
    }
}
