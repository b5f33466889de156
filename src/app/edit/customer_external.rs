//! Customer edits in `$EDITOR` (`E`): the customer's writable fields as JSON, and only
//! what changed sent back.

use std::borrow::Cow;

use super::customer::{find, save_over, target};
use super::customer_fields::{apply, editable_json};
use super::external::{EditedJson, edit_record, edited_record, read_first};
use crate::api::models::Customer;
use crate::app::{AppState, Effect, Fetch, Tab};

/// `E`: the customer's writable fields as JSON in `$EDITOR`. The detail holds the whole
/// customer; a list row only the list's fields, so from the list the customer is read
/// first (offering a row's empty tax exempt category would show it blank).
pub fn start_external(state: &mut AppState) -> Vec<Effect> {
    if state.customers.detail.is_none()
        && let Some(id) = state.customers.list.selected().map(|c| c.id)
    {
        return read_first(state, Fetch::CustomerForEditor { id });
    }
    // Owned: the editor's effects need `state` mutably.
    match target(state).map(Cow::into_owned) {
        Some(customer) => open_editor(state, customer),
        None => Vec::new(),
    }
}

/// Opens `customer` (the whole record) in the editor.
pub fn open_editor(state: &mut AppState, customer: Customer) -> Vec<Effect> {
    edit_record(
        state,
        Tab::Customers,
        customer.id,
        &editable_json(&customer),
    )
}

/// The editor closed on a customer's JSON: send only what changed, checked against the
/// values the editor offered (a list row lacks some of them).
pub fn external_done(state: &mut AppState, json: EditedJson) -> Vec<Effect> {
    let found = |state: &AppState, id| find(state, id).map(Cow::into_owned);
    match edited_record(state, json, "Customer", found, apply) {
        Ok((before, mut changes)) => {
            changes.id = Some(before.id);
            save_over(state, before, changes)
        }
        Err(effects) => effects,
    }
}
