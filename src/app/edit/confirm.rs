//! The confirmation dialog, shared by every resource. It always defaults to
//! No: only `y` confirms, any other key cancels.
//!
//! A resource's delete asks with `Confirmed::Delete { tab, ids }`, which `y`
//! hands to that tab's `EditableResource::delete`: `edit::open_confirm(state,
//! Confirm::new("Delete customer?", lines, "Delete", Confirmed::Delete { tab:
//! Tab::Customers, ids }))`. Other questions add a variant to [`Confirmed`] and
//! handle it in `edit::on_confirmed` (gitui style: action → dialog → confirmed).
//!
//! The dialog is drawn by `ui::dialogs`; the key table routes `y` to
//! `EditIntent::Yes` and every other key to a cancel.

use super::external::ExternalEdit;
use crate::app::Tab;

/// A question the user answers with `y` (anything else is No).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// The question, e.g. "Delete product?".
    pub title: String,
    /// What exactly is affected (ids, names, counts); one line each.
    pub lines: Vec<String>,
    /// The verb on the `y` hint, e.g. "Delete".
    pub yes_label: String,
    /// What happens on `y`.
    pub on_yes: Confirmed,
    /// What `r` does, when the dialog offers a retry.
    pub retry: Option<Confirmed>,
    /// Lines scrolled down (long lists of names).
    pub scroll: u16,
}

impl Confirm {
    /// A dialog asking `title`, listing `lines`, doing `on_yes` on `y`.
    pub fn new(
        title: impl Into<String>,
        lines: Vec<String>,
        yes_label: impl Into<String>,
        on_yes: Confirmed,
    ) -> Confirm {
        Confirm {
            title: title.into(),
            lines,
            yes_label: yes_label.into(),
            on_yes,
            retry: None,
            scroll: 0,
        }
    }
}

/// What a confirmed dialog does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmed {
    /// Delete these records of `tab`'s resource (it decides how: products and
    /// customers in one request with `id:in`, categories with their subcategories).
    Delete { tab: Tab, ids: Vec<u64> },
    /// Open the external editor again with this text (after invalid input).
    ReopenExternal(ExternalEdit),
    /// Quit although writes are still being sent.
    Quit,
    /// Put aside the journal's writes whose outcome is unknown.
    DiscardUnknownWrites,
    /// Send again the unknown writes the store shows were not applied, each
    /// guarded by what the user saw; `settled` are the journal records
    /// (run, request id) this retry settles.
    RetryUnknownWrites {
        items: Vec<super::write_request::GuardedWrite>,
        settled: Vec<(String, u64)>,
    },
    /// Set order `order_id` to `status_id` (a status that moves no money).
    OrderStatus {
        order_id: u64,
        status_id: u32,
        from_list: bool,
    },
}
