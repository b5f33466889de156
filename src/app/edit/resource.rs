//! The edit face of a resource: what its tab's edit keys, forms, confirmed
//! deletes, `$EDITOR` edits and write answers do, each in the resource's own
//! module. The shared flows (key table, form, dialog, editor, write path) look
//! the resource up by tab and call it; they hold no per-resource cases.
//!
//! A new resource implements [`EditableResource`] (and [`ResourceWrite`] for
//! its writes in flight), is named in [`editable`], and lists its keys in the
//! key table with the predicates below.

use super::external::EditedJson;
use super::form::Form;
use super::{EditIntent, Overlay, WriteFailure, Written, open};
use crate::app::list::RequestId;
use crate::app::update::toast;
use crate::app::{AppState, Effect, Tab, ToastKind};

/// A tab whose records can be created, changed or deleted.
pub trait EditableResource: Sync {
    /// The record the keys act on: the open one, else the selected row.
    fn target(&self, state: &AppState) -> Option<u64>;
    /// A normal-mode edit key on its tab (the key table offers only its own).
    fn on_intent(&self, state: &mut AppState, intent: EditIntent) -> Vec<Effect>;
    /// Enter in one of its forms (`form.purpose` says which).
    fn submit_form(&self, state: &mut AppState, form: Box<Form>) -> Vec<Effect>;
    /// The delete of `ids` was confirmed.
    fn delete(&self, state: &mut AppState, ids: Vec<u64>) -> Vec<Effect>;
    /// `$EDITOR` closed on one of its records' JSON.
    fn edited_externally(&self, _state: &mut AppState, _json: EditedJson) -> Vec<Effect> {
        Vec::new()
    }
}

/// The edit face of `tab`, when its records can be edited.
pub fn editable(tab: Tab) -> Option<&'static dyn EditableResource> {
    match tab {
        Tab::Products => Some(&super::product_edits::Products),
        Tab::Customers => Some(&super::customer::Customers),
        Tab::Categories => Some(&super::category::Categories),
        Tab::Webhooks => Some(&crate::app::hooks::Webhooks),
        _ => None,
    }
}

/// Enter in a form: the resource that opened it sends it.
pub(super) fn submit_form(state: &mut AppState, form: Box<Form>) -> Vec<Effect> {
    match form.owner.and_then(editable) {
        Some(resource) => resource.submit_form(state, form),
        None => Vec::new(),
    }
}

/// A write's request and what came back.
pub type Answer = (RequestId, Result<Written, WriteFailure>);

/// A resource's write in flight: what its answer needs (the record as it was,
/// the form to show again). Each resource keeps its own kind, because that
/// data has to wait across the asynchronous write.
pub trait ResourceWrite: std::fmt::Debug + Send {
    /// Whether it changes record `id` of `tab` (drawn as "saving…").
    fn touches(&self, _tab: Tab, _id: u64) -> bool {
        false
    }
    /// The answer came back.
    fn written(self: Box<Self>, state: &mut AppState, answer: Answer) -> Vec<Effect>;
}

/// The text of a failed (or unexpectedly answered) write.
pub(crate) fn failure_text(result: Result<Written, WriteFailure>) -> String {
    match result {
        Err(failure) => failure.message,
        Ok(other) => format!("unexpected answer {other:?}"),
    }
}

/// A create the store refused: its form comes back with the API's messages.
pub(crate) fn create_refused(
    state: &mut AppState,
    request: RequestId,
    mut form: Box<Form>,
    failure: WriteFailure,
) -> Vec<Effect> {
    form.show_failure(&failure);
    open(state, Overlay::Form(form));
    refused(state, request, "Not created", &failure.message)
}

/// A write that did not do what was asked, said as such.
pub(crate) fn not_done(
    state: &mut AppState,
    request: RequestId,
    result: Result<Written, WriteFailure>,
) -> Vec<Effect> {
    refused(state, request, "Not done", &failure_text(result))
}

/// A write that failed with `message`: logged as failed, and said after `what`.
pub(crate) fn refused(
    state: &mut AppState,
    request: RequestId,
    what: &str,
    message: &str,
) -> Vec<Effect> {
    state.edit.log.fail(request, message);
    toast(state, ToastKind::Error, format!("{what}: {message}"))
}

// Key predicates for any editable tab (the key table checks the tab itself).

/// Its list, not an open record, is on screen (the category tree has no record view).
pub fn in_list(state: &AppState) -> bool {
    editable(state.tab).is_some()
        && (state.list_pane(state.tab)).is_none_or(|pane| pane.detail().id().is_none())
}
/// Its list is on screen with a row selected.
pub fn on_row(state: &AppState) -> bool {
    in_list(state) && on_record(state)
}
/// A record is selected or open.
pub fn on_record(state: &AppState) -> bool {
    editable(state.tab).is_some_and(|r| r.target(state).is_some())
}
