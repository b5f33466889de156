//! Endpoint templates from the BigCommerce OpenAPI specs, for the console's
//! path completion. `assets/spec_endpoints.tsv` was generated once from the
//! specs in github.com/bigcommerce/docs (`reference/`, commit 24f580ca6d29);
//! it is embedded and parsed on first use.

use std::sync::OnceLock;

const TABLE: &str = include_str!("../../assets/spec_endpoints.tsv");

/// One operation of the specs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpecEndpoint {
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub method: &'static str,
    /// The path template with its `/v2` or `/v3` prefix, e.g.
    /// `/v3/catalog/products/{product_id}`.
    pub path: &'static str,
    /// The spec file it comes from.
    pub spec: &'static str,
    /// The operation's summary.
    pub summary: &'static str,
    /// Marked deprecated in the spec.
    pub deprecated: bool,
}

/// Every operation in the specs, in file order.
pub fn all() -> &'static [SpecEndpoint] {
    static ENDPOINTS: OnceLock<Vec<SpecEndpoint>> = OnceLock::new();
    ENDPOINTS.get_or_init(|| parse(TABLE))
}

fn parse(table: &'static str) -> Vec<SpecEndpoint> {
    table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let method = fields.next()?;
            let path = fields.next()?;
            let spec = fields.next().unwrap_or("");
            let summary = fields.next().unwrap_or("");
            let deprecated = fields.next().is_some_and(|f| f.trim() == "deprecated");
            Some(SpecEndpoint {
                method,
                path,
                spec,
                summary,
                deprecated,
            })
        })
        .collect()
}

/// Whether a template segment is a placeholder such as `{product_id}`.
fn is_placeholder(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

/// A completion of typed text into a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathCompletion {
    /// The operation it completes to.
    pub endpoint: SpecEndpoint,
    /// The template with the segments already typed filled in
    /// (`/v3/catalog/products/12/variants/{variant_id}`).
    pub text: String,
}

/// Templates the typed path (query ignored) could be the start of. Typed
/// segments match placeholders, so `/v3/catalog/products/12/va` completes to
/// `/v3/catalog/products/12/variants`. Operations of `method` come first,
/// deprecated ones last; each completed text appears once.
pub fn complete(method: &str, typed: &str) -> Vec<PathCompletion> {
    let typed = typed.split('?').next().unwrap_or(typed);
    let typed_segments: Vec<&str> = typed.split('/').collect();
    let mut found: Vec<PathCompletion> = Vec::new();
    for endpoint in all() {
        let Some(text) = fill(endpoint.path, &typed_segments) else {
            continue;
        };
        found.push(PathCompletion {
            endpoint: *endpoint,
            text,
        });
    }
    let rank = |c: &PathCompletion| {
        (
            c.endpoint.deprecated,
            !c.endpoint.method.eq_ignore_ascii_case(method),
            c.text.len(),
        )
    };
    found.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.text.cmp(&b.text)));
    let mut seen = std::collections::HashSet::new();
    found.retain(|c| seen.insert(c.text.clone()));
    found
}

/// The template with `typed` segments filled in, if `typed` is a prefix of it.
fn fill(template: &str, typed: &[&str]) -> Option<String> {
    let template_segments: Vec<&str> = template.split('/').collect();
    if typed.len() > template_segments.len() {
        return None;
    }
    let last = typed.len() - 1;
    let mut out = Vec::with_capacity(template_segments.len());
    for (i, template_segment) in template_segments.iter().enumerate() {
        match typed.get(i) {
            Some(segment) if i < last => {
                if is_placeholder(template_segment) && !segment.is_empty() {
                    out.push(*segment);
                } else if segment.eq_ignore_ascii_case(template_segment) {
                    out.push(*template_segment);
                } else {
                    return None;
                }
            }
            Some(segment) => {
                let lower = segment.to_ascii_lowercase();
                if template_segment.to_ascii_lowercase().starts_with(&lower) {
                    out.push(*template_segment);
                } else if is_placeholder(template_segment) && !segment.is_empty() {
                    out.push(*segment);
                } else {
                    return None;
                }
            }
            None => out.push(*template_segment),
        }
    }
    Some(out.join("/"))
}

/// The first `{placeholder}` at or after char position `from`, as a char range.
pub fn next_placeholder(text: &str, from: usize) -> Option<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let start = (from..chars.len()).find(|&i| chars[i] == '{')?;
    let end = (start..chars.len()).find(|&i| chars[i] == '}')?;
    Some((start, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_covers_the_specs() {
        let endpoints = all();
        assert!(endpoints.len() > 150, "{} endpoints", endpoints.len());
        assert!(
            endpoints
                .iter()
                .any(|e| e.method == "GET" && e.path == "/v3/catalog/products/{product_id}")
        );
        assert!(endpoints.iter().any(|e| e.deprecated));
        assert!(
            endpoints
                .iter()
                .all(|e| e.path.starts_with("/v2/") || e.path.starts_with("/v3/"))
        );
    }

    #[test]
    fn typed_segments_fill_placeholders() {
        let found = complete("GET", "/v3/catalog/products/12/vari");
        assert_eq!(found[0].text, "/v3/catalog/products/12/variants");
        assert!(
            found
                .iter()
                .any(|c| c.text == "/v3/catalog/products/12/variants/{variant_id}")
        );
        assert!(complete("GET", "/v9/nothing").is_empty());
    }

    #[test]
    fn the_current_method_comes_first() {
        let found = complete("POST", "/v3/catalog/prod");
        assert_eq!(found[0].endpoint.method, "POST");
        assert_eq!(found[0].text, "/v3/catalog/products");
        // Deprecated operations come last.
        let categories = complete("GET", "/v3/catalog/categ");
        assert!(categories.last().is_some_and(|c| c.endpoint.deprecated));
    }

    #[test]
    fn placeholders_are_found_in_order() {
        let text = "/v3/catalog/products/{product_id}/variants/{variant_id}";
        assert_eq!(next_placeholder(text, 0), Some((21, 33)));
        assert_eq!(next_placeholder(text, 33), Some((43, 55)));
        assert_eq!(next_placeholder("/v3/x", 0), None);
    }
}
