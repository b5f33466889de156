//! The Webhooks tab: the store's `/v3/hooks`, filtered on the server by scope
//! or destination, a detail with the custom headers masked, and create,
//! activate/deactivate and delete through the shared form, confirm and write path.

use super::edit::form::{Form, FormPurpose, text_of};
use super::edit::inline::{FieldKind, FieldValue, InlineEditor};
use super::edit::log::LogRow;
use super::edit::resource::{Answer, EditableResource, ResourceWrite, create_refused, not_done};
use super::edit::{
    Confirm, Confirmed, EditIntent, Overlay, Pending, Write, Written, open, open_confirm, send,
};
use super::list::{PagedList, RequestId};
use super::list_pane::{Filtered, ListPane, list_pane_fields};
use super::update::toast;
use super::{AppState, Effect, Fetch, Tab, ToastKind};
use crate::api::models::{Hook, HookWrite};

mod checks;
use checks::{check_destination, check_scope, parse_headers};

/// What the list is filtered by (the API matches either exactly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HookFilter {
    Scope(String),
    Destination(String),
}

impl HookFilter {
    /// A destination when the text is a URL, otherwise a scope.
    pub fn parse(text: &str) -> Option<HookFilter> {
        let text = text.trim();
        if text.is_empty() {
            None
        } else if text.contains("://") {
            Some(HookFilter::Destination(text.to_string()))
        } else {
            Some(HookFilter::Scope(text.to_string()))
        }
    }

    /// What the status line says ("scope store/order/*").
    pub fn describe(&self) -> String {
        match self {
            HookFilter::Scope(scope) => format!("scope {scope}"),
            HookFilter::Destination(url) => format!("destination {url}"),
        }
    }

    /// The text to edit it again.
    pub fn text(&self) -> &str {
        match self {
            HookFilter::Scope(text) | HookFilter::Destination(text) => text,
        }
    }
}

/// The Webhooks tab's state.
#[derive(Debug, Default)]
pub struct HooksPane {
    /// Every hook matching the filter (stores have few).
    pub list: PagedList<Hook>,
    pub filter: Option<HookFilter>,
    /// The hook shown in the detail (taken from the list).
    pub detail: Option<u64>,
    pub filter_generation: u64,
}

impl HooksPane {
    /// The hook the detail shows.
    pub fn detail_hook(&self) -> Option<&Hook> {
        let id = self.detail?;
        self.list.rows.iter().find(|h| h.id == id)
    }

    /// The hook the keys act on: the detail's, or the selected row.
    pub fn target(&self) -> Option<&Hook> {
        match self.detail {
            Some(_) => self.detail_hook(),
            None => self.list.selected(),
        }
    }
}

/// The Webhooks tab's edits.
pub struct Webhooks;

impl EditableResource for Webhooks {
    fn target(&self, state: &AppState) -> Option<u64> {
        state.hooks.target().map(|h| h.id)
    }
    fn on_intent(&self, state: &mut AppState, intent: EditIntent) -> Vec<Effect> {
        match intent {
            EditIntent::Create => start_create(state),
            EditIntent::ToggleActive => toggle_active(state),
            EditIntent::Delete => start_delete(state),
            _ => Vec::new(),
        }
    }
    fn submit_form(&self, state: &mut AppState, form: Box<Form>) -> Vec<Effect> {
        // Its one form: the new webhook.
        submit_create(state, *form)
    }
    fn delete(&self, state: &mut AppState, ids: Vec<u64>) -> Vec<Effect> {
        // The dialog asks about one hook.
        ids.first().map_or_else(Vec::new, |&id| delete(state, id))
    }
}

/// A webhook write in flight.
#[derive(Debug, Clone)]
pub enum HookPending {
    /// The form comes back if the API refuses it.
    Create(Box<Form>),
    Update {
        before: Box<Hook>,
    },
    Delete {
        id: u64,
    },
}

impl ListPane for HooksPane {
    list_pane_fields!();
    fn reset_for_query(&mut self) {
        // One walk brings every hook: the cursor stays where it was.
        let cursor = self.list.cursor;
        self.list.reset();
        self.list.cursor = cursor;
    }
    fn page_fetch(&self, _page: u32) -> Fetch {
        Fetch::Hooks(self.filter.clone())
    }
    fn open_detail(&mut self, id: u64, _request: RequestId) -> Option<Fetch> {
        // The detail shows the hook from the list: nothing to fetch.
        self.detail = Some(id);
        None
    }
    fn has_filter(&self) -> bool {
        self.filter.is_some()
    }
    fn filter_text(&self) -> String {
        self.filter
            .as_ref()
            .map(|f| f.text().to_string())
            .unwrap_or_default()
    }
    fn set_filter(&mut self, text: &str) -> Result<Filtered, String> {
        self.filter = HookFilter::parse(text);
        self.list.cursor = 0;
        self.list.offset = 0;
        Ok(Filtered::Changed)
    }
    fn clear_filter(&mut self) {
        self.filter = None;
    }
}

impl AppState {
    /// The hooks arrived; false when the answer is stale.
    pub(crate) fn hooks_loaded(&mut self, request: RequestId, rows: Vec<Hook>) -> bool {
        let list = &mut self.hooks.list;
        if !list.expects(request) {
            return false;
        }
        let count = rows.len();
        list.rows.clear();
        // One walk brings every page, so this is the last.
        list.append_page(1, rows, count + 1, Some(count as u64));
        list.cursor = list.cursor.min(count.saturating_sub(1));
        true
    }
}

/// `c`: the new-webhook form.
pub fn start_create(state: &mut AppState) -> Vec<Effect> {
    let form = Form::new("New webhook", "create", FormPurpose::CreateHook)
        .text("scope", "Scope (e.g. store/order/*)", true, "")
        .text("destination", "Destination (https://…)", true, "")
        .field(
            "is_active",
            InlineEditor::new("Active", FieldKind::Flag, FieldValue::Flag(true)),
        )
        .text("headers", "Headers (Name: value; …)", false, "");
    open(state, Overlay::Form(Box::new(form)));
    Vec::new()
}

/// Enter in the new-webhook form: checks the fields, then sends the create.
pub fn submit_create(state: &mut AppState, mut form: Form) -> Vec<Effect> {
    let Some(write) = build_create(&mut form) else {
        open(state, Overlay::Form(Box::new(form)));
        return Vec::new();
    };
    let (scope, destination) = (write.scope.clone(), write.destination.clone());
    let new = format!("created → {}", destination.unwrap_or_default());
    let row = LogRow::created("webhook", scope.unwrap_or_default(), new);
    send(
        state,
        Write::CreateHook(write),
        Pending::Resource(Box::new(HookPending::Create(Box::new(form)))),
        vec![row],
    )
}

/// The create body from the form, or `None` after marking what is wrong.
fn build_create(form: &mut Form) -> Option<HookWrite> {
    let values = form.values()?;
    let text = |name: &str| {
        values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| text_of(v).trim().to_string())
            .unwrap_or_default()
    };
    let is_active = values
        .iter()
        .any(|(n, v)| *n == "is_active" && *v == FieldValue::Flag(true));
    let scope = text("scope");
    let destination = text("destination");
    let headers = text("headers");
    let mut ok = true;
    if let Err(reason) = check_scope(&scope) {
        form.refuse("scope", reason);
        ok = false;
    }
    if let Err(reason) = check_destination(&destination) {
        form.refuse("destination", reason);
        ok = false;
    }
    let headers = match parse_headers(&headers) {
        Ok(headers) => headers,
        Err(reason) => {
            form.refuse("headers", reason);
            return None;
        }
    };
    ok.then(|| HookWrite {
        scope: Some(scope),
        destination: Some(destination),
        is_active: Some(is_active),
        headers: (!headers.is_empty()).then_some(headers),
    })
}

/// Space: switch the hook on or off.
pub fn toggle_active(state: &mut AppState) -> Vec<Effect> {
    let Some(hook) = state.hooks.target().cloned() else {
        return Vec::new();
    };
    let changes = HookWrite {
        is_active: Some(!hook.is_active),
        ..HookWrite::default()
    };
    let row = LogRow {
        id: hook.id,
        subject: hook.scope.clone(),
        field: "active".to_string(),
        old: yes_no(hook.is_active).to_string(),
        new: yes_no(!hook.is_active).to_string(),
    };
    let id = hook.id;
    send(
        state,
        Write::UpdateHook { id, changes },
        Pending::Resource(Box::new(HookPending::Update {
            before: Box::new(hook),
        })),
        vec![row],
    )
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// `x`: asks before deleting, naming the scope and destination.
pub fn start_delete(state: &mut AppState) -> Vec<Effect> {
    let Some(hook) = state.hooks.target() else {
        return Vec::new();
    };
    let lines = vec![
        format!("#{}  {}", hook.id, hook.scope),
        format!("→ {}", hook.destination),
        "The store stops sending these events there.".to_string(),
    ];
    let on_yes = Confirmed::Delete {
        tab: Tab::Webhooks,
        ids: vec![hook.id],
    };
    open_confirm(
        state,
        Confirm::new("Delete webhook?", lines, "Delete", on_yes),
    );
    Vec::new()
}

/// The delete was confirmed.
pub fn delete(state: &mut AppState, id: u64) -> Vec<Effect> {
    let scope = state
        .hooks
        .list
        .rows
        .iter()
        .find(|h| h.id == id)
        .map(|h| h.scope.clone())
        .unwrap_or_default();
    let row = LogRow {
        id,
        subject: scope,
        field: "webhook".to_string(),
        old: "-".to_string(),
        new: "deleted".to_string(),
    };
    send(
        state,
        Write::DeleteHook { id },
        Pending::Resource(Box::new(HookPending::Delete { id })),
        vec![row],
    )
}

impl ResourceWrite for HookPending {
    fn touches(&self, tab: Tab, id: u64) -> bool {
        tab == Tab::Webhooks
            && match self {
                HookPending::Update { before } => before.id == id,
                HookPending::Delete { id: deleting } => *deleting == id,
                HookPending::Create(_) => false,
            }
    }

    fn written(self: Box<Self>, state: &mut AppState, (request, result): Answer) -> Vec<Effect> {
        match (*self, result) {
            (HookPending::Create(_), Ok(Written::Hook(created))) => {
                state
                    .edit
                    .log
                    .set_subject(request, created.id, created.scope.clone());
                state.edit.log.finish(request, &[]);
                let text = format!(
                    "Created webhook #{} {} → {}",
                    created.id, created.scope, created.destination
                );
                state.hooks.list.insert_first(*created);
                toast(state, ToastKind::Info, text)
            }
            (HookPending::Create(form), Err(failure)) => {
                create_refused(state, request, form, failure)
            }
            (HookPending::Update { .. }, Ok(Written::Hook(saved))) => {
                state.edit.log.finish(request, &[]);
                let text = format!(
                    "Webhook #{} {}",
                    saved.id,
                    if saved.is_active {
                        "active"
                    } else {
                        "inactive"
                    }
                );
                replace(state, *saved);
                toast(state, ToastKind::Info, text)
            }
            (HookPending::Delete { id }, Ok(Written::Deleted { .. })) => {
                state.edit.log.finish(request, &[]);
                state.remove_list_rows(Tab::Webhooks, &[id]);
                toast(state, ToastKind::Info, format!("Deleted webhook #{id}"))
            }
            (_, result) => not_done(state, request, result),
        }
    }
}

fn replace(state: &mut AppState, saved: Hook) {
    if let Some(row) = state.hooks.list.rows.iter_mut().find(|h| h.id == saved.id) {
        *row = saved;
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn the_journal_keeps_header_names_not_values() {
        let write = Write::CreateHook(HookWrite {
            scope: Some("store/order/*".into()),
            destination: Some("https://a.test/".into()),
            is_active: Some(true),
            headers: Some(BTreeMap::from([("X-Secret".into(), "opensesame".into())])),
        });
        let line = write.describe();
        assert!(line.starts_with("POST /v3/hooks "), "{line}");
        assert!(line.contains("X-Secret"), "{line}");
        assert!(!line.contains("opensesame"), "{line}");
    }

    #[test]
    fn filters_are_urls_or_scopes() {
        assert_eq!(
            HookFilter::parse("https://a.test/x"),
            Some(HookFilter::Destination("https://a.test/x".into()))
        );
        assert_eq!(
            HookFilter::parse(" store/order/* "),
            Some(HookFilter::Scope("store/order/*".into()))
        );
        assert_eq!(HookFilter::parse("  "), None);
    }
}
