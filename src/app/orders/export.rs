//! CSV export of the current view: one row per order, or one per line item.
//! Money is written exactly as the API sent it (4-decimal strings), dates as
//! RFC 3339 UTC. Fields are quoted per RFC 4180 when they need it, and text a
//! spreadsheet would run as a formula (a shopper types the customer message)
//! is prefixed with `'` so it opens as text.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use rust_decimal::Decimal;

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

/// A field as written: text that a spreadsheet would read as a formula
/// (leading `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`; plain numbers,
/// negative ones included, stay numbers.
pub fn neutralise(value: &str) -> Cow<'_, str> {
    let formula_like = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula_like && value.parse::<Decimal>().is_err() {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// Writes the header and rows as CSV (CRLF line ends, quoting as needed).
fn csv_text(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<String, String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let failed = |e: csv::Error| format!("CSV: {e}");
    writer.write_record(header).map_err(failed)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|field| neutralise(field).into_owned()))
            .map_err(failed)?;
    }
    let bytes = writer.into_inner().map_err(|e| format!("CSV: {e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("CSV: {e}"))
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
pub fn orders_csv(orders: &[Order]) -> Result<String, String> {
    csv_text(ORDER_COLUMNS, orders.iter().map(order_row))
}

fn order_row(o: &Order) -> Vec<String> {
    let b = &o.billing_address;
    vec![
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
    ]
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
pub fn lines_csv(lines: &[OrderProduct]) -> Result<String, String> {
    csv_text(LINE_COLUMNS, lines.iter().map(line_row))
}

fn line_row(p: &OrderProduct) -> Vec<String> {
    vec![
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
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(neutralise("+1 555 0100"), "'+1 555 0100");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\t=1"), "'\t=1");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("-12.5000"), "-12.5000");
        assert_eq!(neutralise("plain"), "plain");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn money_stays_exact_and_notes_are_quoted() {
        let order = Order {
            id: 7,
            total_inc_tax: "1234.5600".parse::<Decimal>().unwrap(),
            staff_notes: "call first, \"urgent\"\nback door".into(),
            ..Order::default()
        };
        let csv = orders_csv(&[order]).expect("writes");
        let mut rows = csv.split("\r\n");
        // Written down, not derived from the code under test.
        assert_eq!(
            rows.next().unwrap(),
            "id,date_created,date_modified,status_id,status,customer_id,billing_first_name,\
             billing_last_name,billing_email,billing_company,billing_country_iso2,items_total,\
             items_shipped,currency_code,subtotal_ex_tax,subtotal_inc_tax,shipping_cost_inc_tax,\
             discount_amount,total_tax,total_ex_tax,total_inc_tax,refunded_amount,payment_method,\
             payment_status,staff_notes,customer_message"
        );
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
