//! Writing to the store: the inline editor, the confirmation dialog, the
//! `$EDITOR` flow, the write log, marks, bulk changes and undo. The generic
//! pieces ([`confirm`], [`external`], [`form`], [`inline`]) reach each
//! resource through its [`resource::EditableResource`]; the product flows
//! live in [`product`] and [`bulk`].
//!
//! Every write key comes through [`on_intent`], which is the one place that
//! refuses writes in read-only mode (the client refuses non-GET requests too).

pub mod bulk;
pub mod bulk_math;
pub mod bulk_preview;
pub mod category;
mod category_delete;
pub mod confirm;
pub mod create;
pub mod customer;
pub mod customer_delete;
mod customer_external;
pub mod customer_fields;
pub mod external;
pub mod failed;
pub mod fields;
pub mod form;
pub mod inline;
mod intent;
pub mod keys;
pub mod log;
mod movement;
pub mod product;
pub mod product_edits;
pub mod product_filter;
pub mod resource;
pub mod resource_keys;
pub mod resources;
mod results;
mod shown;
pub mod variant;
pub mod write_request;

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent};

pub use confirm::{Confirm, Confirmed};
pub use external::{EditedJson, ExternalEdit, ExternalPurpose};
pub use fields::ProductField;
pub use inline::{FieldKind, FieldValue, InlineEditor};
pub use intent::EditIntent;
pub use resources::{CountQuery, on_counted};
pub use write_request::{Write, WriteFailure, Written};

use super::list::RequestId;
use super::update::toast;
use super::{AppState, Effect, Mode, Tab, ToastKind};
use crate::api::models::Product;
use movement::{next_field, scroll};
use resource::{ResourceWrite, editable};

/// Something drawn over the pane that takes the keys.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// A yes/no question.
    Confirm(Confirm),
    /// A product cell being edited inline.
    Inline(product::InlineEdit),
    /// Someone else changed the product being saved.
    Conflict(Box<product::Conflict>),
    /// The bulk price change form.
    BulkForm(bulk::BulkForm),
    /// The bulk change preview (`y` applies).
    BulkPreview(bulk::BulkPreview),
    /// A list to read (write log, failures).
    Report(Report),
    /// A variant field being edited (product detail).
    Variant(variant::VariantEdit),
    /// The new-product form.
    Create(Box<create::CreateForm>),
    /// A form of several fields (customers, categories).
    Form(Box<form::Form>),
    /// A customer cell being edited inline.
    CustomerCell(customer::CellEdit),
}

impl Overlay {
    /// The one-value editor of a cell (product, variant or customer field).
    fn cell(&mut self) -> Option<&mut InlineEditor> {
        match self {
            Overlay::Inline(product::InlineEdit { editor, .. })
            | Overlay::Variant(variant::VariantEdit { editor, .. })
            | Overlay::CustomerCell(customer::CellEdit { editor, .. }) => Some(editor),
            _ => None,
        }
    }
}

/// A scrollable list of lines in a popup (`:log`, batch failures).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub title: String,
    pub lines: Vec<String>,
    pub scroll: u16,
}

/// A write in flight, remembered until its result arrives.
#[derive(Debug)]
pub enum Pending {
    /// One product update; `before` is the row as it was (to revert).
    Product {
        before: Box<Product>,
        changes: Box<crate::api::models::ProductWrite>,
        /// False when this write is itself an undo.
        undoable: bool,
    },
    /// A batch update (bulk change, undo or retry); `before` rows to revert,
    /// `writes` to keep in sight if they fail.
    Batch {
        label: String,
        before: Vec<Product>,
        writes: Vec<write_request::GuardedWrite>,
        undoable: bool,
    },
    /// A delete.
    Delete { ids: Vec<u64> },
    /// A product create; the form comes back if the API refuses it.
    Create(Box<create::CreateForm>),
    /// A variant update.
    Variant { product_id: u64, variant_id: u64 },
    /// The variant prices of a bulk change.
    VariantPrices { count: usize },
    /// Another resource's write (its own module answers it).
    Resource(Box<dyn ResourceWrite>),
}

/// Progress of a batch write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub request: RequestId,
    pub done: usize,
    pub total: usize,
}

/// One undoable change: the writes that put the old values back.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoEntry {
    /// What it undoes ("Price of Oak Board", "bulk change of 25 products").
    pub label: String,
    /// Old values with ids, each guarded by the value we wrote.
    pub restore: Vec<write_request::GuardedWrite>,
}

/// Everything about writing that the state keeps.
#[derive(Debug, Default)]
pub struct EditState {
    /// The open editor or dialog, if any (then `Mode::Edit`).
    pub overlay: Option<Overlay>,
    /// Writes in flight by request id.
    pub pending: HashMap<RequestId, Pending>,
    /// The running batch, for the progress bar.
    pub progress: Option<Progress>,
    /// Every write this run made.
    pub log: log::WriteLog,
    /// Undo stack, newest last.
    pub undo: Vec<UndoEntry>,
    /// Product writes that failed, until saved (marked in the list, `R` retries).
    pub failed: failed::FailedWrites,
    /// The read of a whole product that `E` on a list row waits for.
    pub editor_read: Option<RequestId>,
}

impl EditState {
    /// Whether product `id` has a write in flight (drawn as "saving").
    pub fn is_saving(&self, id: u64) -> bool {
        self.pending.values().any(|p| match p {
            Pending::Product { before, .. } => before.id == id,
            Pending::Batch { before, .. } => before.iter().any(|b| b.id == id),
            Pending::Delete { ids } => ids.contains(&id),
            Pending::Create(_)
            | Pending::Variant { .. }
            | Pending::VariantPrices { .. }
            | Pending::Resource(_) => false,
        })
    }

    /// Whether record `id` of `tab` (not Products) has a write in flight.
    pub fn is_saving_in(&self, tab: Tab, id: u64) -> bool {
        self.pending
            .values()
            .any(|p| matches!(p, Pending::Resource(write) if write.touches(tab, id)))
    }
}

/// Opens `overlay` and sends keys to it.
pub fn open(state: &mut AppState, mut overlay: Overlay) {
    if let Overlay::Form(form) | Overlay::Create(form) = &mut overlay {
        form.owner.get_or_insert(state.tab);
    }
    state.edit.overlay = Some(overlay);
    state.mode = Mode::Edit;
}

/// Opens a scrollable report of `lines` under `title`.
pub fn open_report(state: &mut AppState, title: String, lines: Vec<String>) {
    let scroll = 0;
    open(
        state,
        Overlay::Report(Report {
            title,
            lines,
            scroll,
        }),
    );
}

/// Closes the overlay.
pub fn close(state: &mut AppState) -> Option<Overlay> {
    state.mode = Mode::Normal;
    state.edit.overlay.take()
}

/// Opens a confirmation dialog (see [`confirm`]).
pub fn open_confirm(state: &mut AppState, confirm: Confirm) {
    open(state, Overlay::Confirm(confirm));
}

/// Acts on an edit key from the key table. Write keys are refused here, in
/// one place, when the profile is read-only.
pub fn on_intent(state: &mut AppState, intent: EditIntent) -> Vec<Effect> {
    if let Some(what) = intent.write_name()
        && state.header.read_only
    {
        return toast(
            state,
            ToastKind::Error,
            format!("{what} is disabled: {}", state.read_only_reason()),
        );
    }
    match intent {
        EditIntent::Yes => on_yes(state),
        EditIntent::RetryUnknown => on_retry(state),
        EditIntent::Submit => on_submit(state),
        EditIntent::Cancel => on_cancel(state),
        EditIntent::Overwrite => product::conflict_overwrite(state),
        EditIntent::Reload => product::conflict_reload(state),
        EditIntent::ScrollUp => scroll(state, -1),
        EditIntent::ScrollDown => scroll(state, 1),
        EditIntent::ScrollPageUp => scroll(state, -(state.report_rows() as i32)),
        EditIntent::ScrollPageDown => scroll(state, state.report_rows() as i32),
        EditIntent::ScrollTop => scroll(state, -i32::from(u16::MAX)),
        EditIntent::ScrollBottom => scroll(state, i32::from(u16::MAX)),
        EditIntent::NextField => next_field(state, 1),
        EditIntent::PrevField => next_field(state, -1),
        // The view's own keys: the tab's resource acts.
        _ => match editable(state.tab) {
            Some(resource) if state.mode == Mode::Normal => resource.on_intent(state, intent),
            _ => Vec::new(),
        },
    }
}

/// A key no table entry took while an overlay is open: typing into an
/// editor, or "anything else cancels" for a dialog.
pub fn on_other_key(state: &mut AppState, key: &KeyEvent) -> Vec<Effect> {
    if let Some(editor) = state.edit.overlay.as_mut().and_then(Overlay::cell) {
        state.changed = editor.handle_key(key);
        return Vec::new();
    }
    match state.edit.overlay.as_mut() {
        Some(Overlay::BulkForm(form)) => {
            state.changed = form.handle_key(key);
            Vec::new()
        }
        Some(Overlay::Create(form) | Overlay::Form(form)) => {
            state.changed = form.handle_key(key);
            Vec::new()
        }
        Some(Overlay::BulkPreview(_)) if key.code == KeyCode::Char('v') => {
            bulk_preview::toggle_variants(state)
        }
        Some(Overlay::Confirm(_)) | Some(Overlay::BulkPreview(_)) => {
            // Default No: any key other than `y` (and the scroll keys the
            // table took first) cancels.
            if matches!(key.code, KeyCode::Modifier(_)) {
                state.changed = false;
                Vec::new()
            } else {
                on_cancel(state)
            }
        }
        // Cells took their keys above.
        _ => {
            state.changed = false;
            Vec::new()
        }
    }
}

/// Pasted text goes into the open editor.
pub fn on_paste(state: &mut AppState, text: &str) {
    if let Some(editor) = state.edit.overlay.as_mut().and_then(Overlay::cell) {
        return editor.paste(text);
    }
    match state.edit.overlay.as_mut() {
        Some(Overlay::BulkForm(form)) => form.amount.paste(text),
        Some(Overlay::Create(form) | Overlay::Form(form)) => form.paste(text),
        _ => state.changed = false,
    }
}

fn on_yes(state: &mut AppState) -> Vec<Effect> {
    match close(state) {
        Some(Overlay::Confirm(confirm)) => on_confirmed(state, confirm.on_yes),
        Some(Overlay::BulkPreview(preview)) => bulk_preview::apply(state, preview),
        Some(other) => {
            // `y` is only in the table for the two above; put anything else back.
            open(state, other);
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn on_retry(state: &mut AppState) -> Vec<Effect> {
    match close(state) {
        Some(Overlay::Confirm(Confirm {
            retry: Some(retry), ..
        })) => on_confirmed(state, retry),
        Some(other) => {
            open(state, other);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// Does what a confirmed dialog asked for.
pub fn on_confirmed(state: &mut AppState, confirmed: Confirmed) -> Vec<Effect> {
    match confirmed {
        Confirmed::Delete { tab, ids } => match editable(tab) {
            Some(resource) => resource.delete(state, ids),
            None => Vec::new(),
        },
        Confirmed::ReopenExternal(edit) => vec![Effect::EditExternally(edit)],
        Confirmed::Quit => crate::app::update::quit(state),
        Confirmed::DiscardUnknownWrites => vec![Effect::DiscardUnknownWrites],
        Confirmed::RetryUnknownWrites { items, settled } => {
            crate::app::unknown_writes::retry(state, items, settled)
        }
        Confirmed::OrderStatus {
            order_id,
            status_id,
            from_list,
        } => crate::app::orders::set_status(state, order_id, status_id, from_list),
    }
}

fn on_submit(state: &mut AppState) -> Vec<Effect> {
    match state.edit.overlay {
        Some(Overlay::Inline(_)) => product::submit_inline(state),
        Some(Overlay::Variant(_)) => variant::submit(state),
        Some(Overlay::BulkForm(_)) => bulk_preview::preview(state),
        Some(Overlay::Create(_)) => create::submit_create(state),
        Some(Overlay::Form(_)) => match close(state) {
            Some(Overlay::Form(form)) => resource::submit_form(state, form),
            _ => Vec::new(),
        },
        Some(Overlay::CustomerCell(_)) => customer::submit_cell(state),
        _ => Vec::new(),
    }
}

fn on_cancel(state: &mut AppState) -> Vec<Effect> {
    match close(state) {
        Some(Overlay::Conflict(conflict)) => product::conflict_cancel(state, *conflict),
        Some(Overlay::Confirm(_)) | Some(Overlay::BulkPreview(_)) => toast(
            state,
            ToastKind::Info,
            "Cancelled; nothing was changed".into(),
        ),
        _ => Vec::new(),
    }
}

/// The external editor finished (or could not run).
pub fn on_edited_externally(
    state: &mut AppState,
    edit: ExternalEdit,
    result: Result<String, String>,
) -> Vec<Effect> {
    match result {
        Err(message) => toast(state, ToastKind::Error, message),
        Ok(text) => match edit.then {
            ExternalPurpose::RecordJson {
                tab,
                id,
                ref original,
            } => {
                let original = original.clone();
                let json = EditedJson {
                    id,
                    original,
                    edit,
                    text,
                };
                match editable(tab) {
                    Some(resource) => resource.edited_externally(state, json),
                    None => Vec::new(),
                }
            }
            ExternalPurpose::OrderStaffNotes {
                id,
                original,
                from_list,
            } => crate::app::orders::notes_edited(state, id, &original, from_list, &text),
            ExternalPurpose::ConsoleBody => crate::app::console::update::body_edited(state, &text),
        },
    }
}

/// Routes a finished write (see [`results`]).
pub fn on_written(
    state: &mut AppState,
    request: RequestId,
    result: Result<Written, WriteFailure>,
) -> Vec<Effect> {
    results::on_written(state, request, result)
}

/// A batch write made progress.
pub fn on_progress(state: &mut AppState, request: RequestId, done: usize, total: usize) {
    if state.edit.pending.contains_key(&request) {
        state.edit.progress = Some(Progress {
            request,
            done,
            total,
        });
    } else {
        state.changed = false;
    }
}

/// Starts `write`, remembering `pending` and logging `rows` as in flight.
pub(crate) fn send(
    state: &mut AppState,
    write: Write,
    pending: Pending,
    rows: Vec<log::LogRow>,
) -> Vec<Effect> {
    let request = state.next_id();
    state.edit.pending.insert(request, pending);
    let time = state.clock.now_local();
    state.edit.log.start(request, rows, time);
    vec![Effect::Write {
        request,
        write: Box::new(write),
    }]
}
