//! Editing text in the user's `$EDITOR`, shared by every resource.
//!
//! How to use it for another resource:
//! 1. a record's JSON is `ExternalPurpose::RecordJson { tab, id, .. }` (open it
//!    with [`edit_json`]); other text adds a variant to [`ExternalPurpose`];
//! 2. return `Effect::EditExternally(ExternalEdit { initial_text, file_suffix:
//!    ".json".into(), then })` from `update`;
//! 3. the runner leaves the alternate screen, stops reading the terminal, runs
//!    `$VISUAL` / `$EDITOR` / `vi` on a 0600 temp file (removed afterwards),
//!    restores the screen and sends `Action::EditedExternally { edit, result }`
//!    with the saved text (or why the editor failed);
//! 4. a record's text reaches its tab's `EditableResource::edited_externally`;
//!    other variants are handled in `edit::on_edited_externally`. For JSON,
//!    [`changed_fields`] gives only the fields the user changed, and
//!    `Confirmed::ReopenExternal` offers to fix invalid input.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::confirm::{Confirm, Confirmed};
use super::open_confirm;
use crate::api::money::decimal_from_value;
use crate::app::list::RequestId;
use crate::app::update::toast;
use crate::app::{AppState, Effect, Fetch, Tab, ToastKind};

/// Opens `record` (a write struct of its writable fields) as pretty JSON in the editor;
/// `purpose` gets the text as offered, which later edits are measured against.
pub fn edit_json(
    state: &mut AppState,
    record: &impl Serialize,
    purpose: impl FnOnce(String) -> ExternalPurpose,
) -> Vec<Effect> {
    match serde_json::to_string_pretty(record) {
        Ok(text) => {
            let text = text + "\n";
            vec![Effect::EditExternally(ExternalEdit {
                initial_text: text.clone(),
                file_suffix: ".json".to_string(),
                then: purpose(text),
            })]
        }
        Err(error) => toast(
            state,
            ToastKind::Error,
            format!("Could not write the record as JSON: {error}"),
        ),
    }
}

/// `E` on a list row: a row holds only the list's fields, so the whole record is read
/// first with `fetch`; [`read_for_editor`] opens it when it comes.
pub(super) fn read_first(state: &mut AppState, fetch: Fetch) -> Vec<Effect> {
    let request = state.next_id();
    state.edit.editor_read = Some(request);
    vec![Effect::Fetch { request, fetch }]
}

/// Opens record `id` of `tab` in the editor as `record`, the JSON of its writable fields.
pub(super) fn edit_record(
    state: &mut AppState,
    tab: Tab,
    id: u64,
    record: &impl Serialize,
) -> Vec<Effect> {
    edit_json(state, record, |original| ExternalPurpose::RecordJson {
        tab,
        id,
        original,
    })
}

/// The whole record (a `noun`) that `E` asked for came back: `open` puts it in the
/// editor, or the reason it could not be read is shown.
pub fn read_for_editor<T>(
    state: &mut AppState,
    request: RequestId,
    result: Result<T, String>,
    noun: &str,
    open: impl FnOnce(&mut AppState, T) -> Vec<Effect>,
) -> Vec<Effect> {
    if state.edit.editor_read != Some(request) {
        state.changed = false;
        return Vec::new();
    }
    state.edit.editor_read = None;
    match result {
        Ok(record) => open(state, record),
        Err(message) => toast(
            state,
            ToastKind::Error,
            format!("Could not read the {noun} to edit: {message}"),
        ),
    }
}

/// The editor closed on a record's JSON (the record a `noun`): the fields the user
/// changed, and the record they are measured against: as shown (`find`), with the values
/// the editor offered put over it (a list row lacks some of them).
pub(super) fn edited_record<R, W: DeserializeOwned>(
    state: &mut AppState,
    json: EditedJson,
    noun: &str,
    find: impl FnOnce(&AppState, u64) -> Option<R>,
    apply: impl FnOnce(&mut R, &W),
) -> Result<(R, W), Vec<Effect>> {
    let (id, original) = (json.id, json.original.as_str());
    let changes = edited_json::<W>(state, original, &json.edit, json.text)?;
    let Some(mut before) = find(state, id) else {
        let text = format!("{noun} #{id} is no longer shown");
        return Err(toast(state, ToastKind::Error, text));
    };
    if let Ok(offered) = serde_json::from_str::<W>(original) {
        apply(&mut before, &offered);
    }
    Ok((before, changes))
}

/// The editor closed on a JSON edit: the fields the user changed, read into the
/// write struct `W`. Invalid JSON, fields that were not offered, or values of the
/// wrong type offer to reopen the editor with the user's text; no change sends
/// nothing. In those cases the effects to return come back as `Err`.
pub fn edited_json<W: DeserializeOwned>(
    state: &mut AppState,
    original: &str,
    edit: &ExternalEdit,
    text: String,
) -> Result<W, Vec<Effect>> {
    let reopen = |state: &mut AppState, problem: String, text: String| {
        let again = ExternalEdit {
            initial_text: text,
            ..edit.clone()
        };
        open_confirm(
            state,
            Confirm::new(
                "The edited JSON is not valid",
                vec![
                    problem,
                    String::new(),
                    "y reopens the editor with your text; any other key discards it.".into(),
                ],
                "Reopen",
                Confirmed::ReopenExternal(again),
            ),
        );
        Vec::new()
    };
    let edited: Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(error) => return Err(reopen(state, error.to_string(), text)),
    };
    let original: Value = serde_json::from_str(original).unwrap_or(Value::Null);
    let changed = match changed_fields(&original, &edited) {
        Ok(changed) => changed,
        Err(problem) => return Err(reopen(state, problem, text)),
    };
    if changed.is_empty() {
        return Err(toast(
            state,
            ToastKind::Info,
            "No changes; nothing sent".to_string(),
        ));
    }
    // Only the offered fields can be sent; anything else would be dropped silently.
    let offered = original.as_object().cloned().unwrap_or_default();
    let unknown: Vec<&str> = changed
        .keys()
        .filter(|k| !offered.contains_key(*k))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        let problem = format!(
            "unknown field(s) {}; only these can be changed: {}",
            unknown.join(", "),
            offered.keys().cloned().collect::<Vec<_>>().join(", ")
        );
        return Err(reopen(state, problem, text));
    }
    serde_json::from_value(Value::Object(changed))
        .map_err(|error| reopen(state, error.to_string(), text))
}

/// A request to edit text in the external editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalEdit {
    /// The text the file starts with.
    pub initial_text: String,
    /// The temp file's suffix, so the editor picks a syntax (".json").
    pub file_suffix: String,
    /// What the edited text is for.
    pub then: ExternalPurpose,
}

/// A record's JSON back from the editor, for its resource.
#[derive(Debug)]
pub struct EditedJson {
    pub id: u64,
    /// The text as first offered.
    pub original: String,
    pub edit: ExternalEdit,
    /// The saved text.
    pub text: String,
}

/// What an external edit feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExternalPurpose {
    /// The writable fields of record `id` of `tab`'s resource as JSON;
    /// `original` is the text as first offered (what "changed" is measured against).
    RecordJson {
        tab: crate::app::Tab,
        id: u64,
        original: String,
    },
    /// The staff notes of order `id`; `original` is what the order had.
    OrderStaffNotes {
        id: u64,
        original: String,
        from_list: bool,
    },
    /// The request console's JSON body (replaced by the saved text).
    ConsoleBody,
}

/// The fields of `edited` whose values differ from `original` (both JSON
/// objects). Numbers compare by decimal value, so `9.9` and `9.90` are equal;
/// fields the user deleted are left alone (not sent).
pub fn changed_fields(original: &Value, edited: &Value) -> Result<Map<String, Value>, String> {
    let Value::Object(edited) = edited else {
        return Err("the JSON must be an object { ... }".to_string());
    };
    let empty = Map::new();
    let original = original.as_object().unwrap_or(&empty);
    Ok(edited
        .iter()
        .filter(|(key, value)| match original.get(*key) {
            Some(before) => !same_value(before, value),
            None => true,
        })
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect())
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(_), Value::Number(_)) => {
            match (decimal_from_value(a), decimal_from_value(b)) {
                (Ok(Some(x)), Ok(Some(y))) => x == y,
                _ => a == b,
            }
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_fields_count() {
        let original: Value =
            serde_json::from_str(r#"{"name":"A","price":9.9,"is_visible":true}"#).unwrap();
        let edited: Value =
            serde_json::from_str(r#"{"name":"A","price":9.90,"is_visible":false,"sku":"X"}"#)
                .unwrap();
        let changed = changed_fields(&original, &edited).unwrap();
        let keys: Vec<&str> = changed.keys().map(String::as_str).collect();
        assert_eq!(keys, ["is_visible", "sku"]);
    }

    #[test]
    fn a_non_object_is_refused() {
        let original: Value = serde_json::from_str("{}").unwrap();
        assert!(changed_fields(&original, &Value::Bool(true)).is_err());
    }
}
