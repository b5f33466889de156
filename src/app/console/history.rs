//! The console's request history: one JSON object per line in
//! `console_history.jsonl` in the data dir. Entries hold the method, path,
//! body, status and time; the token is never part of a request line, so it is
//! never written. Reading and writing the file happens in the runtime.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// File name inside the data dir.
pub const HISTORY_FILE: &str = "console_history.jsonl";
/// Entries kept in memory, and in the file when it is shortened.
pub const HISTORY_MEMORY: usize = 1000;
/// Lines the file may grow to before it is shortened on the next start.
pub const HISTORY_FILE_MAX: usize = 5000;

/// One request sent from the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When it was sent.
    pub time: DateTime<Utc>,
    pub method: String,
    /// Store-relative path with query.
    pub path: String,
    /// The JSON body as typed (POST and PUT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// HTTP status; `None` when no answer came (connection failure).
    #[serde(default)]
    pub status: Option<u16>,
    /// How long the answer took, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_ms: Option<u64>,
}

impl HistoryEntry {
    /// The line written to the file (no trailing newline).
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// What Ctrl-r search matches against and shows.
    pub fn label(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Parses the history file's text; bad lines (a crash mid-write) are skipped.
/// Keeps the newest [`HISTORY_MEMORY`] entries, oldest first.
pub fn parse(text: &str) -> Vec<HistoryEntry> {
    let mut entries: Vec<HistoryEntry> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    let excess = entries.len().saturating_sub(HISTORY_MEMORY);
    entries.drain(..excess);
    entries
}

/// Indices of entries whose label contains `query` (case-insensitive),
/// newest first, one per distinct request.
pub fn search(entries: &[HistoryEntry], query: &str) -> Vec<usize> {
    let needle = query.to_lowercase();
    let mut seen = std::collections::HashSet::new();
    entries
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, e)| e.label().to_lowercase().contains(&needle))
        .filter(|(_, e)| seen.insert((e.method.clone(), e.path.clone(), e.body.clone())))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(method: &str, path: &str) -> HistoryEntry {
        HistoryEntry {
            time: crate::clock::test_anchor(),
            method: method.into(),
            path: path.into(),
            body: None,
            status: Some(200),
            elapsed_ms: Some(12),
        }
    }

    #[test]
    fn lines_round_trip_and_bad_lines_are_skipped() {
        let a = entry("GET", "/v3/catalog/brands");
        let text = format!("{}\n{{broken\n{}\n", a.to_line(), a.to_line());
        assert_eq!(parse(&text), vec![a.clone(), a]);
    }

    #[test]
    fn search_is_newest_first_and_distinct() {
        let entries = vec![
            entry("GET", "/v3/catalog/brands"),
            entry("GET", "/v2/orders"),
            entry("GET", "/v3/catalog/brands"),
        ];
        assert_eq!(search(&entries, "BRANDS"), vec![2]);
        assert_eq!(search(&entries, ""), vec![2, 1]);
    }
}
