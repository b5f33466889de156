//! `bctui api --paginate`: every page of a list, each printed as it arrives, so the
//! output starts at once and memory stays flat however long the list is.

use std::io::{self, Write};
use std::ops::ControlFlow;

use serde_json::Value;

use crate::api::Client;
use crate::safe_text;

/// How the walked items are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One JSON array on one line.
    Compact,
    /// One JSON array, indented as `serde_json`'s pretty printer does (for a terminal).
    Pretty,
    /// One item per line (JSON lines).
    Lines,
}

/// Writes items one at a time as one JSON array (or JSON lines), each through the same
/// filter as any other output: dangerous characters become `\u` escapes.
pub struct ItemWriter<W: Write> {
    out: W,
    layout: Layout,
    written: usize,
}

impl<W: Write> ItemWriter<W> {
    pub fn new(out: W, layout: Layout) -> Self {
        ItemWriter {
            out,
            layout,
            written: 0,
        }
    }

    /// Writes a page's items and sends them on.
    pub fn page(&mut self, items: &[Value]) -> io::Result<()> {
        for item in items {
            self.item(item)?;
        }
        self.out.flush()
    }

    fn item(&mut self, item: &Value) -> io::Result<()> {
        let text = if self.layout == Layout::Pretty {
            serde_json::to_string_pretty(item)
        } else {
            serde_json::to_string(item)
        }
        .map_err(io::Error::other)?;
        let text = safe_text::escape_json(&text);
        let first = self.written == 0;
        match self.layout {
            Layout::Lines => {
                self.out.write_all(text.as_bytes())?;
                self.out.write_all(b"\n")?;
            }
            Layout::Compact => {
                self.out.write_all(if first { b"[" } else { b"," })?;
                self.out.write_all(text.as_bytes())?;
            }
            Layout::Pretty => {
                self.out.write_all(if first { b"[\n" } else { b",\n" })?;
                // JSON text holds no raw line breaks inside strings, so every line of the
                // item is one level deeper in the array.
                for (n, line) in text.split('\n').enumerate() {
                    if n > 0 {
                        self.out.write_all(b"\n")?;
                    }
                    self.out.write_all(b"  ")?;
                    self.out.write_all(line.as_bytes())?;
                }
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Closes the array (JSON lines need nothing) and sends what is left.
    pub fn finish(mut self) -> io::Result<W> {
        let end: &[u8] = match (self.layout, self.written) {
            (Layout::Lines, _) => b"",
            (_, 0) => b"[]\n",
            (Layout::Compact, _) => b"]\n",
            (Layout::Pretty, _) => b"\n]\n",
        };
        self.out.write_all(end)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Why a walk stopped early.
pub enum WalkFailure {
    Api(String),
    Output(io::Error),
}

/// Walks every page of a list (V3 `data` items, V2 array elements; 204 or a short page
/// ends it) and writes each page's items to `out` as it arrives. When a page fails the
/// array is left open, so a JSON reader does not take a partial list for the whole.
pub async fn walk<W: Write + Send>(
    client: &Client,
    path: &str,
    out: W,
    layout: Layout,
) -> Result<W, WalkFailure> {
    let mut writer = ItemWriter::new(out, layout);
    let mut failed = None;
    client
        .paginate_raw(path, |items, _| match writer.page(&items) {
            Ok(()) => ControlFlow::Continue(()),
            Err(err) => {
                failed = Some(err);
                ControlFlow::Break(())
            }
        })
        .await
        .map_err(|err| WalkFailure::Api(err.to_string()))?;
    if let Some(err) = failed {
        return Err(WalkFailure::Output(err));
    }
    writer.finish().map_err(WalkFailure::Output)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(pages: &[Vec<Value>], layout: Layout) -> String {
        let mut writer = ItemWriter::new(Vec::new(), layout);
        for page in pages {
            writer.page(page).expect("writes to memory");
        }
        String::from_utf8(writer.finish().expect("finished")).expect("UTF-8")
    }

    fn pages() -> Vec<Vec<Value>> {
        vec![
            vec![
                serde_json::json!({"id": 1, "name": "a\u{9b}b", "tags": [1, 2]}),
                serde_json::json!({"id": 2, "name": "two"}),
            ],
            vec![serde_json::json!({"id": 3, "price": 9.95})],
        ]
    }

    #[test]
    fn arrays_match_what_serde_json_prints_for_the_whole_list() {
        let all = Value::Array(pages().concat());
        let compact = written(&pages(), Layout::Compact);
        let expected = safe_text::escape_json(&serde_json::to_string(&all).unwrap()).into_owned();
        assert_eq!(compact, format!("{expected}\n"));
        let pretty = written(&pages(), Layout::Pretty);
        let expected =
            safe_text::escape_json(&serde_json::to_string_pretty(&all).unwrap()).into_owned();
        assert_eq!(pretty, format!("{expected}\n"));
        assert!(compact.contains("a\\u009bb"), "{compact}");
    }

    #[test]
    fn json_lines_hold_one_item_each_and_no_items_print_an_empty_array() {
        let lines = written(&pages(), Layout::Lines);
        let ids: Vec<Value> = lines
            .lines()
            .map(|line| serde_json::from_str::<Value>(line).unwrap()["id"].clone())
            .collect();
        assert_eq!(ids, [1, 2, 3]);
        assert_eq!(written(&[], Layout::Lines), "");
        assert_eq!(written(&[vec![]], Layout::Compact), "[]\n");
        assert_eq!(written(&[], Layout::Pretty), "[]\n");
    }
}
