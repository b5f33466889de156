//! Checks and conversions of a composed request: JSON validation with the
//! error's position, and the request as a cURL command without the token.

use serde::de::IgnoredAny;

use super::ConsoleRequest;

/// Why `text` is not JSON, with its 1-based line and column, or `None` if it is.
pub fn json_error(text: &str) -> Option<(usize, usize, String)> {
    let error = serde_json::from_str::<IgnoredAny>(text).err()?;
    let message = error.to_string();
    // serde_json appends " at line L column C"; the position is shown separately.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(head, _)| head)
        .to_string();
    Some((error.line(), error.column(), message))
}

/// Quotes `text` for a POSIX shell.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `request` as a cURL command against `base_url`; the token is the shell
/// variable `$BIGCOMMERCE_ACCESS_TOKEN`, never its value. Refuses paths
/// outside the store, like the client does.
pub fn curl_command(base_url: &str, request: &ConsoleRequest) -> Result<String, String> {
    let base_url = base_url.trim_end_matches('/');
    // A full URL inside this store is fine (the client accepts it too).
    let path = request
        .path
        .strip_prefix(base_url)
        .filter(|rest| rest.starts_with('/') && !base_url.is_empty())
        .unwrap_or(&request.path);
    if !(path.starts_with("/v2/") || path.starts_with("/v3/")) {
        return Err("the path must start with /v2/ or /v3/".to_string());
    }
    let mut command = format!(
        "curl -sS -X {} {} -H \"X-Auth-Token: $BIGCOMMERCE_ACCESS_TOKEN\" -H 'Accept: application/json'",
        request.method.as_str(),
        shell_quote(&format!("{base_url}{path}")),
    );
    if let Some(body) = &request.body {
        command.push_str(" -H 'Content-Type: application/json' --data-raw ");
        command.push_str(&shell_quote(body));
    }
    Ok(command)
}

#[cfg(test)]
mod tests {
    use super::super::HttpMethod;
    use super::*;

    #[test]
    fn json_errors_point_at_line_and_column() {
        assert_eq!(json_error("{\"a\": 1}"), None);
        let (line, column, message) = json_error("{\n  \"a\": 1,\n  oops\n}").unwrap();
        assert_eq!((line, column), (3, 3));
        assert_eq!(message, "key must be a string");
    }

    #[test]
    fn curl_uses_the_variable_and_quotes_the_body() {
        let request = ConsoleRequest {
            method: HttpMethod::Post,
            path: "/v3/catalog/brands".into(),
            body: Some("{\"name\": \"Bob's\"}".into()),
        };
        let command = curl_command("https://api.bigcommerce.com/stores/abc", &request).unwrap();
        assert_eq!(
            command,
            "curl -sS -X POST 'https://api.bigcommerce.com/stores/abc/v3/catalog/brands' \
             -H \"X-Auth-Token: $BIGCOMMERCE_ACCESS_TOKEN\" -H 'Accept: application/json' \
             -H 'Content-Type: application/json' --data-raw '{\"name\": \"Bob'\\''s\"}'"
        );
        let foreign = ConsoleRequest {
            path: "https://evil.example/v3".into(),
            ..request
        };
        assert!(curl_command("https://x", &foreign).is_err());
        let inside = ConsoleRequest {
            method: HttpMethod::Get,
            path: "https://api.bigcommerce.com/stores/abc/v2/orders".into(),
            body: None,
        };
        let command = curl_command("https://api.bigcommerce.com/stores/abc", &inside).unwrap();
        assert!(command.contains(" 'https://api.bigcommerce.com/stores/abc/v2/orders' "));
    }
}
