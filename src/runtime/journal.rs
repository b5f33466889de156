//! The write journal: every write to a store is appended to a per-store file in the
//! data directory (mode 0600) before it is sent, and its outcome after. A write
//! whose outcome never arrived (a crash, `kill -9`, a dropped SSH session) is found
//! at the next start. The journal holds what was written, never a header or token.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::app::unknown_writes::ProductCheck;
use crate::clock::Clock;
use crate::private_file;

/// What happened to a write, as the journal records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// About to be sent.
    Sent,
    /// The store took it.
    Ok,
    /// The store refused it, or it was not sent (the message says which).
    Failed,
    /// The user put aside a write whose outcome was unknown.
    Discarded,
    /// A write whose outcome was unknown, not applied, was sent again by a later run.
    Retried,
}

/// One line of the journal file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The run that made the write (start time and process id).
    pub run: String,
    /// The write's request id within that run.
    pub id: u64,
    pub at: DateTime<Utc>,
    pub stage: Stage,
    /// The request, e.g. `PUT /v3/catalog/products/12 {"price":9.95}`.
    pub what: String,
    /// The API's message for a failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For product writes, on the `sent` line: each product with the values the user
    /// saw and the fields written, so a later run can check and resend it. Lines
    /// written before this was kept have none (they are checked by hand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<Vec<ProductCheck>>,
}

/// The journals of this run, one file per store, shared by the write tasks.
#[derive(Debug, Clone)]
pub struct Journal {
    dir: PathBuf,
    run: String,
    clock: Clock,
    /// What each write in flight was, by store and request id, for its outcome line.
    open: Arc<Mutex<HashMap<(String, u64), String>>>,
}

impl Journal {
    /// Journals in `data_dir/journal/`, stamped by `clock`.
    pub fn new(data_dir: &Path, clock: Clock) -> Journal {
        let run = format!(
            "{}-{}",
            clock.now().format("%Y%m%dT%H%M%S"),
            std::process::id()
        );
        Journal {
            dir: data_dir.join("journal"),
            run,
            clock,
            open: Arc::default(),
        }
    }

    /// The file of `store` (its hash, made safe for a file name).
    pub fn path(&self, store: &str) -> PathBuf {
        let name: String = store
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.dir.join(format!("{name}.jsonl"))
    }

    /// Records write `id` to `store` as about to be sent. A journal that cannot be
    /// written is logged, not fatal: the write itself matters more.
    pub fn sent(&self, store: &str, id: u64, what: String, check: Option<Vec<ProductCheck>>) {
        self.lock().insert((store.to_string(), id), what.clone());
        let record = Record {
            check,
            ..self.record(id, Stage::Sent, what, None)
        };
        self.write_line(store, &record);
    }

    /// Records the outcome of write `id` (`Err` carries the message).
    pub fn outcome(&self, store: &str, id: u64, result: Result<(), String>) {
        let what = self
            .lock()
            .remove(&(store.to_string(), id))
            .unwrap_or_default();
        match result {
            Ok(()) => self.append(store, id, Stage::Ok, what, None),
            Err(message) => self.append(store, id, Stage::Failed, what, Some(message)),
        }
    }

    /// Marks earlier writes with an unknown outcome as put aside.
    pub fn discard(&self, store: &str, unknown: &[Record]) {
        self.settle(store, unknown, Stage::Discarded, None);
    }

    /// Gives earlier writes with an unknown outcome the outcome `stage`.
    pub fn settle(&self, store: &str, unknown: &[Record], stage: Stage, detail: Option<&str>) {
        for record in unknown {
            let line = Record {
                stage,
                at: self.clock.now(),
                detail: detail.map(str::to_string),
                check: None,
                ..record.clone()
            };
            self.write_line(store, &line);
        }
    }

    /// Marks the unknown writes named by (run, request id) as sent again.
    pub fn retried(&self, store: &str, keys: &[(String, u64)]) {
        let records: Vec<Record> = self
            .unknown(store)
            .into_iter()
            .filter(|r| keys.iter().any(|(run, id)| *run == r.run && *id == r.id))
            .collect();
        self.settle(
            store,
            &records,
            Stage::Retried,
            Some(&format!("sent again by run {}", self.run)),
        );
    }

    /// Every record of `store`'s journal, oldest first (unreadable lines skipped).
    pub fn read(&self, store: &str) -> Vec<Record> {
        let Ok(text) = std::fs::read_to_string(self.path(store)) else {
            return Vec::new();
        };
        text.lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect()
    }

    /// The records earlier runs left (this run's own writes are its log, not history).
    pub fn earlier_runs(&self, store: &str) -> Vec<Record> {
        let mut records = self.read(store);
        records.retain(|r| r.run != self.run);
        records
    }

    /// Writes of earlier runs that were sent and never got an outcome.
    pub fn unknown(&self, store: &str) -> Vec<Record> {
        unknown_outcomes(&self.read(store), &self.run)
    }

    fn append(&self, store: &str, id: u64, stage: Stage, what: String, detail: Option<String>) {
        let record = self.record(id, stage, what, detail);
        self.write_line(store, &record);
    }

    fn record(&self, id: u64, stage: Stage, what: String, detail: Option<String>) -> Record {
        Record {
            run: self.run.clone(),
            id,
            at: self.clock.now(),
            stage,
            what,
            detail,
            check: None,
        }
    }

    fn write_line(&self, store: &str, record: &Record) {
        let written = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(&self.dir)?;
            let mut line = serde_json::to_string(record).map_err(std::io::Error::other)?;
            line.push('\n');
            let mut file = private_file::open(&self.path(store), private_file::Mode::Append)?;
            file.write_all(line.as_bytes())?;
            // On disk before the request leaves: a crash right after must still show it.
            file.sync_data()
        })();
        if let Err(error) = written {
            tracing::error!(
                "could not write the journal {}: {error}",
                self.dir.display()
            );
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, u64), String>> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The `Sent` records of runs other than `current` with no later outcome.
pub fn unknown_outcomes(records: &[Record], current: &str) -> Vec<Record> {
    let settled: std::collections::HashSet<(&str, u64)> = records
        .iter()
        .filter(|r| r.stage != Stage::Sent)
        .map(|r| (r.run.as_str(), r.id))
        .collect();
    records
        .iter()
        .filter(|r| r.stage == Stage::Sent && r.run != current)
        .filter(|r| !settled.contains(&(r.run.as_str(), r.id)))
        .cloned()
        .collect()
}

/// A line for `:log`: `2025-06-01 12:00:00  ok      PUT /v3/… {…}`.
pub fn describe(record: &Record) -> String {
    let stage = match record.stage {
        Stage::Sent => "sent",
        Stage::Ok => "ok",
        Stage::Failed => "failed",
        Stage::Discarded => "put aside",
        Stage::Retried => "retried",
    };
    let mut line = format!(
        "{}  {stage:<9} {}",
        record.at.format("%Y-%m-%d %H:%M:%S"),
        record.what
    );
    if let Some(detail) = &record.detail {
        line.push_str(&format!(" — {detail}"));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_without_an_outcome_is_found_by_the_next_run() {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = Clock::test();
        let first = Journal::new(dir.path(), clock.clone());
        first.sent(
            "abc123",
            1,
            "PUT /v3/catalog/products/1 {\"price\":9.95}".into(),
            None,
        );
        first.outcome("abc123", 1, Ok(()));
        first.sent(
            "abc123",
            2,
            "PUT /v3/catalog/products/2 {\"price\":1}".into(),
            None,
        );
        first.sent(
            "abc123",
            3,
            "PUT /v3/catalog/products/3 {\"price\":2}".into(),
            None,
        );
        first.outcome("abc123", 3, Err("422 Unprocessable".into()));
        // The process dies here: write 2 has no outcome.
        clock.advance(std::time::Duration::from_secs(60));
        let next = Journal {
            run: "next-run".into(),
            ..Journal::new(dir.path(), clock.clone())
        };
        let unknown = next.unknown("abc123");
        assert_eq!(unknown.len(), 1);
        assert_eq!(unknown[0].id, 2);
        assert!(unknown[0].what.contains("products/2"));
        next.discard("abc123", &unknown);
        assert!(next.unknown("abc123").is_empty(), "put aside once");
        assert_eq!(next.read("abc123").len(), 6);
        next.sent("abc123", 9, "PUT /v3/catalog/products/9 {}".into(), None);
        assert_eq!(
            next.earlier_runs("abc123").len(),
            6,
            "its own write is not history"
        );
        let seen_by_first = first.earlier_runs("abc123");
        assert_eq!(seen_by_first.len(), 1);
        assert_eq!(seen_by_first[0].run, "next-run");
        assert!(next.unknown("other").is_empty(), "one journal per store");
    }

    #[cfg(unix)]
    #[test]
    fn the_journal_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = Journal::new(dir.path(), Clock::test());
        journal.sent("a/b", 1, "DELETE /v3/customers?id:in=4".into(), None);
        let path = journal.path("a/b");
        assert!(path.ends_with("journal/a_b.jsonl"));
        let mode = std::fs::metadata(path)
            .expect("written")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
