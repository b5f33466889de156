//! `:export` on the Orders tab: every order of the view and its lines as CSV, the same
//! values the API returns, paged past the first 250 and safe to open in a spreadsheet.

#[path = "common/mod.rs"]
mod common;

use reqwest::Method;
use serde_json::Value;

use bctui::app::list::LoadState;

use common::Harness;

/// A minimal RFC 4180 reader for checking the export.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_export_matches_the_api() {
    let mut h = Harness::on_orders(false).await;
    let dir = std::env::temp_dir().join(format!("bctui-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let orders_csv = dir.join("orders.csv");
    let lines_csv = dir.join("orders-lines.csv");

    // Every order, to see paging (300 orders, pages of 250).
    h.command("orders all");
    h.wait_for("all orders", |s| {
        !s.orders.needs_action && s.orders.list.load == LoadState::Loaded
    })
    .await;
    // A shopper-typed formula must open as text in a spreadsheet.
    let formula = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    let target = h.state().orders.list.rows[0].id;
    let update = bctui::api::OrderUpdate {
        customer_message: Some(formula.to_string()),
        ..Default::default()
    };
    h.api
        .update_order(target, &update)
        .await
        .expect("message set");
    h.command(&format!("export {}", orders_csv.display()));
    h.wait_for("the export", |s| {
        s.orders.export.as_ref().is_some_and(|e| !e.running)
    })
    .await;
    assert!(h.toasts().contains("Wrote 300 rows"), "{}", h.toasts());
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&orders_csv)
            .expect("the file")
            .permissions(),
    );
    assert_eq!(mode & 0o777, 0o600, "names and emails stay private");
    let rows = read_csv(&std::fs::read_to_string(&orders_csv).expect("the file"));
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|c| c == name).expect(name);
    let (id, total, status, notes) = (
        column("id"),
        column("total_inc_tax"),
        column("status_id"),
        column("staff_notes"),
    );
    // The API's raw JSON, all pages: totals compare as the exact strings.
    let mut api = Vec::new();
    for page in 1..=2 {
        let path = format!("/v2/orders?sort=date_created:desc&limit=250&page={page}");
        let response = h.api.raw(Method::GET, &path, None).await.expect("orders");
        let batch: Vec<Value> = serde_json::from_slice(&response.body).expect("json");
        api.extend(batch);
    }
    assert_eq!(rows.len() - 1, api.len());
    for (row, order) in rows[1..].iter().zip(&api) {
        assert_eq!(row.len(), header.len(), "{row:?}");
        assert_eq!(row[id], order["id"].to_string());
        assert_eq!(Some(row[total].as_str()), order["total_inc_tax"].as_str());
        assert_eq!(row[status], order["status_id"].to_string());
        assert_eq!(Some(row[notes].as_str()), order["staff_notes"].as_str());
    }
    let message = column("customer_message");
    let row = rows[1..]
        .iter()
        .find(|r| r[id] == target.to_string())
        .expect("the order");
    assert_eq!(row[message], format!("'{formula}"));

    // Line items of the needs-action view.
    h.command("orders needs action");
    h.wait_for("needs action", |s| {
        s.orders.needs_action && s.orders.list.load == LoadState::Loaded
    })
    .await;
    let ids: Vec<u64> = h.order_column(|o| o.id);
    h.command(&format!("export {}", lines_csv.display()));
    h.wait_for("the line export", |s| {
        s.orders
            .export
            .as_ref()
            .is_some_and(|e| !e.running && e.path.ends_with("orders-lines.csv"))
    })
    .await;
    let rows = read_csv(&std::fs::read_to_string(&lines_csv).expect("the file"));
    let mut expected = Vec::new();
    for id in &ids {
        for line in h.api.order_products(*id).await.expect("items") {
            expected.push((
                line.order_id,
                line.id,
                line.quantity,
                line.total_inc_tax.to_string(),
            ));
        }
    }
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|c| c == name).expect(name);
    let got: Vec<(u64, u64, u64, String)> = rows[1..]
        .iter()
        .map(|r| {
            (
                r[column("order_id")].parse().expect("id"),
                r[column("order_product_id")].parse().expect("id"),
                r[column("quantity")].parse().expect("qty"),
                r[column("total_inc_tax")].clone(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    let _ = std::fs::remove_dir_all(&dir);
}
