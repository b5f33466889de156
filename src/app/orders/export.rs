//! CSV export of the current view: one row per order, or one per line item.
//! Money is written exactly as the API sent it (4-decimal strings), dates as
//! RFC 3339 UTC. Fields are quoted per RFC 4180 when they need it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};

use crate::api::models::{Order, OrderProduct};
use crate::app::list::RequestId;
use crate::app::update::toast;
use crate::app::{AppState, Effect, ToastKind};

/// What one CSV row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Orders,
    LineItems,
}

impl ExportKind {
    /// A file name with `lines` in it (`orders-lines.csv`) gets line items.
    pub fn for_path(path: &Path) -> ExportKind {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.contains("lines") {
            ExportKind::LineItems
        } else {
            ExportKind::Orders
        }
    }
}

/// A running (or the last) export, for the progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportState {
    pub request: RequestId,
    pub path: PathBuf,
    pub kind: ExportKind,
    /// Orders fetched so far (line items: orders whose items are fetched).
    pub done: u64,
    /// Orders in the view, when known.
    pub total: Option<u64>,
    pub running: bool,
    /// Rows written, or why not (once finished).
    pub result: Option<Result<usize, String>>,
}

/// The export finished.
pub(super) fn finished(
    state: &mut AppState,
    request: RequestId,
    result: Result<usize, String>,
) -> Vec<Effect> {
    let Some(export) = state
        .orders
        .export
        .as_mut()
        .filter(|e| e.request == request)
    else {
        state.changed = false;
        return Vec::new();
    };
    export.running = false;
    export.result = Some(result.clone());
    let path = export.path.display().to_string();
    match result {
        Ok(rows) => toast(
            state,
            ToastKind::Info,
            format!("Wrote {rows} rows to {path}"),
        ),
        Err(message) => toast(
            state,
            ToastKind::Error,
            format!("Export to {path} failed: {message}"),
        ),
    }
}

/// One CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled).
pub fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn csv_row(fields: &[String]) -> String {
    let mut row = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    row.push_str("\r\n");
    row
}

fn date(value: Option<&DateTime<Utc>>) -> String {
    value.map_or(String::new(), |d| {
        d.to_rfc3339_opts(SecondsFormat::Secs, true)
    })
}

/// Columns of the orders CSV.
pub const ORDER_COLUMNS: &[&str] = &[
    "id",
    "date_created",
    "date_modified",
    "status_id",
    "status",
    "customer_id",
    "billing_first_name",
    "billing_last_name",
    "billing_email",
    "billing_company",
    "billing_country_iso2",
    "items_total",
    "items_shipped",
    "currency_code",
    "subtotal_ex_tax",
    "subtotal_inc_tax",
    "shipping_cost_inc_tax",
    "discount_amount",
    "total_tax",
    "total_ex_tax",
    "total_inc_tax",
    "refunded_amount",
    "payment_method",
    "payment_status",
    "staff_notes",
    "customer_message",
];

/// The orders CSV, header first.
pub fn orders_csv(orders: &[Order]) -> String {
    let header: Vec<String> = ORDER_COLUMNS.iter().map(|c| c.to_string()).collect();
    let mut out = csv_row(&header);
    for o in orders {
        let b = &o.billing_address;
        out.push_str(&csv_row(&[
            o.id.to_string(),
            date(o.date_created.as_ref()),
            date(o.date_modified.as_ref()),
            o.status_id.to_string(),
            o.status.clone(),
            o.customer_id.to_string(),
            b.first_name.clone(),
            b.last_name.clone(),
            b.email.clone(),
            b.company.clone(),
            b.country_iso2.clone(),
            o.items_total.to_string(),
            o.items_shipped.to_string(),
            o.currency_code.clone(),
            o.subtotal_ex_tax.to_string(),
            o.subtotal_inc_tax.to_string(),
            o.shipping_cost_inc_tax.to_string(),
            o.discount_amount.to_string(),
            o.total_tax.to_string(),
            o.total_ex_tax.to_string(),
            o.total_inc_tax.to_string(),
            o.refunded_amount.to_string(),
            o.payment_method.clone(),
            o.payment_status.clone(),
            o.staff_notes.clone(),
            o.customer_message.clone(),
        ]));
    }
    out
}

/// Columns of the line-items CSV.
pub const LINE_COLUMNS: &[&str] = &[
    "order_id",
    "order_product_id",
    "product_id",
    "variant_id",
    "sku",
    "name",
    "quantity",
    "quantity_shipped",
    "price_ex_tax",
    "price_inc_tax",
    "total_ex_tax",
    "total_inc_tax",
    "order_address_id",
];

/// The line-items CSV, header first.
pub fn lines_csv(lines: &[OrderProduct]) -> String {
    let header: Vec<String> = LINE_COLUMNS.iter().map(|c| c.to_string()).collect();
    let mut out = csv_row(&header);
    for p in lines {
        out.push_str(&csv_row(&[
            p.order_id.to_string(),
            p.id.to_string(),
            p.product_id.to_string(),
            p.variant_id.map_or(String::new(), |v| v.to_string()),
            p.sku.clone(),
            p.name.clone(),
            p.quantity.to_string(),
            p.quantity_shipped.to_string(),
            p.price_ex_tax.to_string(),
            p.price_inc_tax.to_string(),
            p.total_ex_tax.to_string(),
            p.total_inc_tax.to_string(),
            p.order_address_id.to_string(),
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn money_stays_exact_and_notes_are_quoted() {
        let order = Order {
            id: 7,
            total_inc_tax: "1234.5600".parse::<Decimal>().unwrap(),
            staff_notes: "call first, \"urgent\"\nback door".into(),
            ..Order::default()
        };
        let csv = orders_csv(&[order]);
        let mut rows = csv.split("\r\n");
        assert_eq!(rows.next().unwrap().split(',').count(), ORDER_COLUMNS.len());
        let row = rows.next().unwrap();
        assert!(row.starts_with("7,"), "{row}");
        assert!(row.contains(",1234.5600,"), "{row}");
        assert!(
            row.contains("\"call first, \"\"urgent\"\"\nback door\""),
            "{row}"
        );
    }

    #[test]
    fn kind_follows_the_file_name() {
        assert_eq!(
            ExportKind::for_path(Path::new("orders.csv")),
            ExportKind::Orders
        );
        assert_eq!(
            ExportKind::for_path(Path::new("/tmp/orders-lines.csv")),
            ExportKind::LineItems
        );
    }
}
