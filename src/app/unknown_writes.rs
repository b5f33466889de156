//! Writes of an earlier run whose outcome never arrived (a crash, `kill -9`, a
//! dropped SSH session). At start the runtime re-reads what each one changed and
//! says where it stands; the dialog lists them and offers: `r` retries the ones the
//! store shows were not applied (through the normal checked write path), `y` puts
//! them all aside, any other key keeps them for the next start.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::edit::write_request::GuardedWrite;
use super::{AppState, Effect};
use crate::api::compare::{self, FieldDiff};
use crate::api::models::ProductWrite;

/// What the journal keeps of a product write to check it later and send it again:
/// the product, the values the user saw (`before`) and the fields written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductCheck {
    pub id: u64,
    pub before: Value,
    pub changes: ProductWrite,
}

// Compared by value like `Write`, so equality is total.
impl Eq for ProductCheck {}

impl ProductCheck {
    /// Where the product stands, given what the store holds now (`None`: gone).
    pub fn classify(&self, stored: Option<&Value>) -> ItemState {
        let Some(stored) = stored else {
            return ItemState::Gone;
        };
        let written = compare::not_taken(&self.changes, stored);
        if written.is_empty() {
            return ItemState::Taken;
        }
        let since = compare::differences(&self.before, stored);
        if since.is_empty() {
            ItemState::NotApplied
        } else {
            ItemState::Changed(since)
        }
    }

    /// The write to send again, guarded by the values the user saw then.
    pub fn retry(&self) -> GuardedWrite {
        GuardedWrite {
            changes: ProductWrite {
                id: Some(self.id),
                ..self.changes.clone()
            },
            expected: self.before.clone(),
        }
    }
}

/// Where one product of an unknown write stands in the store now.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemState {
    /// The store holds the values written: the write took effect.
    Taken,
    /// The store still holds what the user saw: it was not applied; retry is safe.
    NotApplied,
    /// Neither: someone changed it since (the fields, what we saw and what it holds).
    Changed(Vec<FieldDiff>),
    /// The product is no longer in the store.
    Gone,
}

/// An earlier run's write with an unknown outcome, as checked at start.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownWrite {
    /// The run and request id that name it in the journal.
    pub run: String,
    pub id: u64,
    /// Its journal line (time and request).
    pub line: String,
    pub verdict: Verdict,
}

/// What the check found for one unknown write.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Product writes: each product with its check and where it stands.
    Products(Vec<(ProductCheck, ItemState)>),
    /// A write the journal cannot check (another kind, or an older journal line).
    ByHand,
    /// The store could not be read: nothing is known yet.
    Unread(String),
}

impl UnknownWrite {
    /// Whether the store showed every product with the values written.
    pub fn took_effect(&self) -> bool {
        matches!(&self.verdict, Verdict::Products(items)
            if items.iter().all(|(_, s)| *s == ItemState::Taken))
    }

    /// The writes that are safe to send again (the store holds what the user saw).
    fn retryable(&self) -> Vec<GuardedWrite> {
        match &self.verdict {
            Verdict::Products(items) => items
                .iter()
                .filter(|(_, s)| *s == ItemState::NotApplied)
                .map(|(c, _)| c.retry())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether a retry settles it: something to send, and nothing changed by
    /// someone else or gone (those stay for the user to decide).
    fn settled_by_retry(&self) -> bool {
        match &self.verdict {
            Verdict::Products(items) => {
                items.iter().any(|(_, s)| *s == ItemState::NotApplied)
                    && items
                        .iter()
                        .all(|(_, s)| matches!(s, ItemState::NotApplied | ItemState::Taken))
            }
            _ => false,
        }
    }

    fn describe(&self, lines: &mut Vec<String>) {
        lines.push(self.line.clone());
        match &self.verdict {
            Verdict::ByHand => lines.push("  check by hand: this kind is not checked".into()),
            Verdict::Unread(message) => {
                lines.push(format!("  could not read the store: {message}"));
            }
            Verdict::Products(items) => {
                for (check, state) in items {
                    lines.push(item_line(check, state));
                }
            }
        }
    }
}

fn item_line(check: &ProductCheck, state: &ItemState) -> String {
    let id = check.id;
    match state {
        ItemState::Taken => format!("  #{id}: took effect (recorded in the journal)"),
        ItemState::NotApplied => {
            format!("  #{id}: not applied, unchanged since: r sends it again")
        }
        ItemState::Gone => format!("  #{id}: the product is gone; nothing to retry"),
        ItemState::Changed(differences) => {
            let what: Vec<String> = differences
                .iter()
                .map(|d| {
                    format!(
                        "{} is {} (you saw {}, sent {})",
                        d.field,
                        d.found_text(),
                        d.wanted_text(),
                        written_text(&check.changes, &d.field)
                    )
                })
                .collect();
            format!("  #{id}: changed by someone else: {}", what.join(", "))
        }
    }
}

fn written_text(changes: &ProductWrite, field: &str) -> String {
    compare::value_text(compare::to_json(changes).get(field).unwrap_or(&Value::Null))
}

/// The journal was read: `:log` gets its earlier lines, and the unknown writes
/// (those that took effect are already recorded) are put in front of the user.
pub fn journal_read(
    state: &mut AppState,
    earlier: Vec<String>,
    unknown: Vec<UnknownWrite>,
) -> Vec<Effect> {
    state.edit.log.earlier = earlier;
    if unknown.is_empty() {
        return Vec::new();
    }
    let count = unknown.len();
    let taken = unknown.iter().filter(|u| u.took_effect()).count();
    let open: Vec<UnknownWrite> = unknown.into_iter().filter(|u| !u.took_effect()).collect();
    let mut lines = vec![
        format!(
            "{count} write{} sent by an earlier run never reported back (a crash or a lost",
            if count == 1 { "" } else { "s" }
        ),
        "connection). bctui re-read the store to see where each stands:".to_string(),
    ];
    if taken > 0 {
        lines.push(format!(
            "{taken} took effect: the store holds what was written (recorded)."
        ));
    }
    if open.is_empty() {
        // Nothing to decide: say so without stopping the user.
        return super::update::toast(
            state,
            super::ToastKind::Info,
            format!(
                "{} of an earlier run took effect after all (recorded; :log shows {})",
                super::words::counted(taken, "write", "writes"),
                if taken == 1 { "it" } else { "them" }
            ),
        );
    }
    lines.push(String::new());
    for write in &open {
        write.describe(&mut lines);
    }
    let retry: Vec<GuardedWrite> = open.iter().flat_map(UnknownWrite::retryable).collect();
    let settled: Vec<(String, u64)> = open
        .iter()
        .filter(|u| u.settled_by_retry())
        .map(|u| (u.run.clone(), u.id))
        .collect();
    lines.push(String::new());
    if !retry.is_empty() {
        lines.push(format!(
            "r sends the {} not applied again (checked again first);",
            super::words::counted(retry.len(), "write", "writes")
        ));
    }
    lines.push(
        "y puts them all aside (:log keeps them); any other key asks again next start.".into(),
    );
    let mut confirm = super::edit::Confirm::new(
        "Writes with an unknown outcome",
        lines,
        "Put aside",
        super::edit::Confirmed::DiscardUnknownWrites,
    );
    if !retry.is_empty() {
        confirm.retry = Some(super::edit::Confirmed::RetryUnknownWrites {
            items: retry,
            settled,
        });
    }
    super::edit::open_confirm(state, confirm);
    Vec::new()
}

/// `r` in the dialog: the writes not applied go out again as one checked bulk
/// write (re-read, journalled, verified); the earlier records they settle are
/// marked as retried.
pub fn retry(
    state: &mut AppState,
    items: Vec<GuardedWrite>,
    settled: Vec<(String, u64)>,
) -> Vec<Effect> {
    let label = format!(
        "retry of {} from an earlier run",
        super::words::counted(items.len(), "write", "writes")
    );
    let mut effects = super::edit::bulk::send_batch(state, items, label, false);
    effects.push(Effect::RetriedUnknownWrites { records: settled });
    effects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::edit::{Confirmed, Overlay};
    use rust_decimal::Decimal;
    use serde_json::json;

    fn check(id: u64) -> ProductCheck {
        ProductCheck {
            id,
            before: json!({"price": 10}),
            changes: ProductWrite {
                price: Some(Decimal::from(12)),
                ..ProductWrite::default()
            },
        }
    }

    fn unknown(id: u64, items: Vec<(ProductCheck, ItemState)>) -> UnknownWrite {
        UnknownWrite {
            run: "killed".into(),
            id,
            line: format!("write {id}"),
            verdict: Verdict::Products(items),
        }
    }

    #[test]
    fn only_writes_not_applied_are_retried_and_only_clean_ones_settled() {
        let mut state = AppState::for_tests("demo", "me@here", false);
        let changed = ItemState::Changed(compare::differences(
            &json!({"price": 10}),
            &json!({"price": 20}),
        ));
        let writes = vec![
            // Partly taken, partly not applied: the retry settles it.
            unknown(
                1,
                vec![
                    (check(1), ItemState::Taken),
                    (check(2), ItemState::NotApplied),
                ],
            ),
            // One product changed by someone else: the other is retried, the
            // record stays for the user.
            unknown(
                2,
                vec![(check(3), ItemState::NotApplied), (check(4), changed)],
            ),
            UnknownWrite {
                verdict: Verdict::Unread("503 Service Unavailable".into()),
                ..unknown(3, Vec::new())
            },
            UnknownWrite {
                verdict: Verdict::ByHand,
                ..unknown(4, Vec::new())
            },
        ];
        journal_read(&mut state, Vec::new(), writes);
        let Some(Overlay::Confirm(confirm)) = &state.edit.overlay else {
            panic!("the dialog opens");
        };
        let text = confirm.lines.join("\n");
        assert!(text.contains("could not read the store: 503"), "{text}");
        assert!(text.contains("check by hand"), "{text}");
        assert!(
            text.contains("#4: changed by someone else: price is 20 (you saw 10, sent 12)"),
            "{text}"
        );
        let Some(Confirmed::RetryUnknownWrites { items, settled }) = &confirm.retry else {
            panic!("a retry is offered");
        };
        let ids: Vec<u64> = items.iter().map(GuardedWrite::id).collect();
        assert_eq!(ids, vec![2, 3]);
        assert_eq!(settled, &vec![("killed".to_string(), 1)]);
    }

    #[test]
    fn nothing_retryable_offers_no_retry() {
        let mut state = AppState::for_tests("demo", "me@here", false);
        let writes = vec![UnknownWrite {
            verdict: Verdict::ByHand,
            ..unknown(1, Vec::new())
        }];
        journal_read(&mut state, Vec::new(), writes);
        let Some(Overlay::Confirm(confirm)) = &state.edit.overlay else {
            panic!("the dialog opens");
        };
        assert!(confirm.retry.is_none());
    }
}
