//! What a new webhook's fields must be: a documented scope, an https
//! destination (http only on loopback), and `Name: value` headers.

use std::collections::BTreeMap;

use crate::api::models::documented_scopes;

/// A scope must be one the webhook docs list.
pub fn check_scope(scope: &str) -> Result<(), String> {
    let scopes = documented_scopes();
    if scopes.contains(&scope) {
        return Ok(());
    }
    // Suggest the documented scopes that share the typed prefix.
    let stem = scope.rsplit_once('/').map_or(scope, |(head, _)| head);
    let near: Vec<&str> = scopes
        .iter()
        .copied()
        .filter(|s| !stem.is_empty() && s.starts_with(stem))
        .take(4)
        .collect();
    Err(if near.is_empty() {
        "not a documented scope (e.g. store/order/created, store/product/*)".to_string()
    } else {
        format!("not a documented scope; try {}", near.join(", "))
    })
}

/// https is required; http only for a loopback host (the simulator delivers there).
pub fn check_destination(destination: &str) -> Result<(), String> {
    let url = reqwest::Url::parse(destination).map_err(|e| format!("not a URL: {e}"))?;
    match url.scheme() {
        "https" if url.host().is_some() => Ok(()),
        "http" if is_loopback(&url) => Ok(()),
        "http" => Err("must be https (http only for localhost / 127.0.0.1)".to_string()),
        _ => Err("must be an https URL".to_string()),
    }
}

fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// `Name: value` pairs separated by `;`.
pub fn parse_headers(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut headers = BTreeMap::new();
    for pair in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((name, value)) = pair.split_once(':') else {
            return Err(format!("`{pair}` is not `Name: value`"));
        };
        let name = name.trim();
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
        if !valid {
            return Err(format!("`{name}` is not a header name"));
        }
        headers.insert(name.to_string(), value.trim().to_string());
    }
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_need_https_except_on_loopback() {
        assert!(check_destination("https://example.com/hook").is_ok());
        assert!(check_destination("http://127.0.0.1:9000/hook").is_ok());
        assert!(check_destination("http://localhost/hook").is_ok());
        assert!(check_destination("http://[::1]:8080/").is_ok());
        assert!(check_destination("http://example.com/hook").is_err());
        assert!(check_destination("ftp://example.com").is_err());
        assert!(check_destination("example.com").is_err());
    }

    #[test]
    fn scopes_must_be_documented() {
        assert!(check_scope("store/order/created").is_ok());
        assert!(check_scope("store/order/*").is_ok());
        let refused = check_scope("store/order/exploded").unwrap_err();
        assert!(refused.contains("store/order/"), "{refused}");
    }

    #[test]
    fn headers_are_name_value_pairs() {
        let headers = parse_headers("X-Secret: abc; X-Other:  d:e ").unwrap_or_default();
        assert_eq!(headers.get("X-Secret").map(String::as_str), Some("abc"));
        assert_eq!(headers.get("X-Other").map(String::as_str), Some("d:e"));
        assert!(parse_headers("no colon").is_err());
        assert!(parse_headers("Bad Name: x").is_err());
        assert_eq!(parse_headers(" ").map(|h| h.len()), Ok(0));
    }
}
