//! The write log (`:log`): every write this run made — time, product, field,
//! old → new, and how it ended.

use chrono::{DateTime, FixedOffset};

use crate::app::list::RequestId;

/// What one write did to one product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRow {
    /// The id of what was written (0 for a create before the id is known).
    pub id: u64,
    /// What was written, as the screen names it: "#123 Oak Board", a customer, a category.
    pub subject: String,
    /// "Price", "deleted", "created".
    pub field: String,
    pub old: String,
    pub new: String,
}

impl LogRow {
    /// A create of a `field` ("customer") named `subject`; the id comes with the answer.
    pub fn created(field: &str, subject: String, new: String) -> LogRow {
        LogRow {
            id: 0,
            subject,
            field: field.to_string(),
            old: "-".to_string(),
            new,
        }
    }

    /// The delete of `field` ("category") `id`, named `subject`.
    pub fn deleted(field: &str, id: u64, subject: String) -> LogRow {
        LogRow {
            id,
            subject,
            field: field.to_string(),
            old: "exists".to_string(),
            new: "deleted".to_string(),
        }
    }

    /// The deletes of `ids` of `field` ("customer"), each named as `name` finds it, else
    /// `customer #id`.
    pub fn deletes(field: &str, ids: &[u64], name: impl Fn(u64) -> Option<String>) -> Vec<LogRow> {
        let subject = |id| name(id).unwrap_or_else(|| format!("{field} #{id}"));
        ids.iter()
            .map(|&id| LogRow::deleted(field, id, subject(id)))
            .collect()
    }
}

/// How a logged write ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogResult {
    Pending,
    Ok,
    Failed(String),
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub time: DateTime<FixedOffset>,
    pub request: RequestId,
    pub row: LogRow,
    pub result: LogResult,
}

/// The log of this run, oldest first, after the journal's lines of earlier runs.
#[derive(Debug, Clone, Default)]
pub struct WriteLog {
    pub entries: Vec<LogEntry>,
    /// The store's journal as read at start (one line per record).
    pub earlier: Vec<String>,
}

impl WriteLog {
    /// Records `rows` as sent by `request` at `time`.
    pub fn start(&mut self, request: RequestId, rows: Vec<LogRow>, time: DateTime<FixedOffset>) {
        self.entries.extend(rows.into_iter().map(|row| LogEntry {
            time,
            request,
            row,
            result: LogResult::Pending,
        }));
    }

    /// Settles every row of `request`: failed ones (by product id) get their
    /// message, the rest succeeded.
    pub fn finish(&mut self, request: RequestId, failed: &[(u64, String)]) {
        for entry in self.entries.iter_mut().filter(|e| e.request == request) {
            entry.result = match failed.iter().find(|(id, _)| *id == entry.row.id) {
                Some((_, message)) => LogResult::Failed(message.clone()),
                None => LogResult::Ok,
            };
        }
    }

    /// Marks every row of `request` failed with `message`.
    pub fn fail(&mut self, request: RequestId, message: &str) {
        for entry in self.entries.iter_mut().filter(|e| e.request == request) {
            entry.result = LogResult::Failed(message.to_string());
        }
    }

    /// Names what a create made once its id is known.
    pub fn set_subject(&mut self, request: RequestId, id: u64, subject: String) {
        for entry in self.entries.iter_mut().filter(|e| e.request == request) {
            entry.row.id = id;
            entry.row.subject = subject.clone();
        }
    }

    /// One text line per entry, for the `:log` view.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.earlier.is_empty() {
            lines.push("Earlier runs (the store's write journal):".to_string());
            lines.extend(self.earlier.iter().cloned());
            lines.push(String::new());
            lines.push("This run:".to_string());
        }
        if self.entries.is_empty() {
            lines.push("No writes yet in this run.".to_string());
            return lines;
        }
        lines.extend(self.this_run());
        lines
    }

    fn this_run(&self) -> Vec<String> {
        self.entries
            .iter()
            .map(|e| {
                let result = match &e.result {
                    LogResult::Pending => "saving…".to_string(),
                    LogResult::Ok => "ok".to_string(),
                    LogResult::Failed(message) => format!("FAILED: {message}"),
                };
                format!(
                    "{}  {}  {}: {} → {}  {result}",
                    e.time.format("%H:%M:%S"),
                    e.row.subject,
                    e.row.field,
                    e.row.old,
                    e.row.new
                )
            })
            .collect()
    }
}
