//! The guard against a client and a simulator agreeing on an endpoint that does not exist:
//! every request the client sent must be an operation of the official specs
//! (`assets/spec_endpoints.tsv`, generated once from github.com/bigcommerce/docs), and
//! not a deprecated one.

const ENDPOINTS: &str = include_str!("../../assets/spec_endpoints.tsv");

struct Operation {
    method: &'static str,
    segments: Vec<&'static str>,
    deprecated: bool,
}

fn operations() -> Vec<Operation> {
    ENDPOINTS
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let (method, path) = (*fields.first()?, *fields.get(1)?);
            Some(Operation {
                method,
                segments: path.trim_matches('/').split('/').collect(),
                deprecated: fields.get(4).is_some_and(|d| *d == "deprecated"),
            })
        })
        .collect()
}

/// The spec operation a served request is, if any: `path` as the simulator logged it,
/// `/stores/{hash}/v3/...?query`.
fn find<'a>(ops: &'a [Operation], method: &str, logged_path: &str) -> Option<&'a Operation> {
    let path = logged_path.split('?').next().unwrap_or("");
    let rest = path.strip_prefix("/stores/")?;
    let (_hash, api_path) = rest.split_once('/')?;
    let segments: Vec<&str> = api_path.trim_matches('/').split('/').collect();
    ops.iter().find(|op| {
        op.method == method
            && op.segments.len() == segments.len()
            && op
                .segments
                .iter()
                .zip(&segments)
                .all(|(want, got)| want.starts_with('{') || want == got)
    })
}

/// Fails the test naming every served request that is not a current spec operation.
pub fn assert_all_requests_in_spec(store: &bctui::fakestore::FakeStore) {
    let ops = operations();
    let bad: Vec<String> = store
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/stores/"))
        .filter(|r| find(&ops, &r.method, &r.path).is_none_or(|op| op.deprecated))
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(bad.is_empty(), "requests outside the spec: {bad:#?}");
}

#[test]
fn the_traps_are_not_in_the_spec() {
    let ops = operations();
    assert!(find(&ops, "GET", "/stores/h/v3/customers/5").is_none());
    assert!(find(&ops, "GET", "/stores/h/v3/orders").is_none());
    assert!(find(&ops, "GET", "/stores/h/v3/customers?id:in=5").is_some());
    assert!(find(&ops, "GET", "/stores/h/v2/orders/7/shipments").is_some());
    let legacy = find(&ops, "GET", "/stores/h/v3/catalog/categories").expect("listed");
    assert!(legacy.deprecated);
}
