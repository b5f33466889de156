//! Category edits through the trees API: `c` a child of the selected
//! category, `C` a top-level one, `e` name / visibility / sort order, Space
//! shows or hides, `x` delete (the dialog counts subcategories from the tree
//! and products from the catalog, and says the subcategories go too).
//! After each write the tree is re-read; it keeps its expanded nodes and
//! selection (and selects a new category).

use super::form::{Form, FormPurpose, text_of};
use super::inline::{FieldKind, FieldValue, InlineEditor};
use super::log::LogRow;
use super::resource::{
    Answer, EditableResource, ResourceWrite, create_refused, failure_text, not_done,
};
use super::write_request::{Write, Written};
use super::{EditIntent, Overlay, Pending, open, send};
use crate::api::models::{TreeCategory, TreeCategoryWrite};
use crate::app::update::toast;
use crate::app::{AppState, Effect, ToastKind};

pub use super::category_delete::{
    COUNTING_PRODUCTS, confirm_delete, count_selected, delete, descendants, descendants_in,
    start_delete,
};

/// The Categories tab's edits.
pub struct Categories;

impl EditableResource for Categories {
    fn target(&self, state: &AppState) -> Option<u64> {
        state.categories.selected().map(|c| c.category_id)
    }
    fn on_intent(&self, state: &mut AppState, intent: EditIntent) -> Vec<Effect> {
        match intent {
            EditIntent::Create => start_create(state, false),
            EditIntent::CreateTop => start_create(state, true),
            EditIntent::Inline => start_edit(state),
            EditIntent::ToggleVisible => toggle_visible(state),
            EditIntent::Delete => start_delete(state),
            _ => Vec::new(),
        }
    }
    fn submit_form(&self, state: &mut AppState, form: Box<Form>) -> Vec<Effect> {
        submit(state, form)
    }
    fn delete(&self, state: &mut AppState, ids: Vec<u64>) -> Vec<Effect> {
        delete(state, ids)
    }
}

/// A category write in flight.
#[derive(Debug, Clone)]
pub enum CategoryPending {
    /// A create under `parent_id` (0 = top level); the form comes back if refused.
    Create {
        form: Box<Form>,
        parent_id: u64,
    },
    /// The form (if any) comes back on failure.
    Update {
        before: Box<TreeCategory>,
        form: Option<Box<Form>>,
    },
    Delete {
        ids: Vec<u64>,
    },
}

// The tree shows a change at once and is re-read after it: no "saving…".
impl ResourceWrite for CategoryPending {
    fn written(self: Box<Self>, state: &mut AppState, (request, result): Answer) -> Vec<Effect> {
        match (*self, result) {
            (CategoryPending::Create { parent_id, .. }, Ok(Written::Category(created))) => {
                state.edit.log.finish(request, &[]);
                let text = match &created {
                    Some(c) => {
                        state.categories.select_after_load = Some(c.category_id);
                        format!("Created category {}", label(c))
                    }
                    None => "Created the category".to_string(),
                };
                if parent_id != 0 {
                    state.categories.opened.insert(parent_id);
                }
                reload_with(state, ToastKind::Info, text)
            }
            (CategoryPending::Create { form, .. }, Err(failure)) => {
                create_refused(state, request, form, failure)
            }
            (CategoryPending::Update { before, .. }, Ok(Written::Category(saved))) => {
                state.edit.log.finish(request, &[]);
                let Some(saved) = saved else {
                    // Saved, but not read back: re-read the tree.
                    let text = format!("Saved category {}", label(&before));
                    return reload_with(state, ToastKind::Info, text);
                };
                let hidden = if saved.is_visible { "" } else { " (hidden)" };
                let text = format!("Saved category {}{hidden}", label(&saved));
                replace(state, *saved);
                toast(state, ToastKind::Info, text)
            }
            (CategoryPending::Update { before, form }, result) => {
                let message = failure_text(result.clone());
                state.edit.log.fail(request, &message);
                replace(state, *before);
                if let (Some(mut form), Err(failure)) = (form, result) {
                    form.show_failure(&failure);
                    open(state, Overlay::Form(form));
                }
                toast(state, ToastKind::Error, format!("Not saved: {message}"))
            }
            (CategoryPending::Delete { ids }, Ok(Written::Deleted { .. })) => {
                state.edit.log.finish(request, &[]);
                // Select the parent (or a neighbour) rather than jumping to the top.
                let parent = state
                    .categories
                    .all
                    .iter()
                    .find(|c| ids.contains(&c.category_id))
                    .map_or(0, |c| c.parent_id);
                if parent != 0 {
                    state.categories.select_after_load = Some(parent);
                }
                let text = format!("Deleted category #{}", ids.first().copied().unwrap_or(0));
                reload_with(state, ToastKind::Info, text)
            }
            (_, result) => not_done(state, request, result),
        }
    }
}

/// A toast, then the tree read again.
fn reload_with(state: &mut AppState, kind: ToastKind, text: String) -> Vec<Effect> {
    let mut effects = toast(state, kind, text);
    effects.extend(state.reload_categories());
    effects
}

/// `#23 Kitchen`.
pub fn label(c: &TreeCategory) -> String {
    format!("#{} {}", c.category_id, c.name)
}

pub(super) fn find(state: &AppState, id: u64) -> Option<&TreeCategory> {
    state.categories.all.iter().find(|c| c.category_id == id)
}

fn fields(form: Form, name: &str, visible: bool, sort_order: i64) -> Form {
    form.text("name", "Name", true, name)
        .field(
            "is_visible",
            InlineEditor::new("Visible", FieldKind::Flag, FieldValue::Flag(visible)),
        )
        .field(
            "sort_order",
            InlineEditor::new(
                "Sort order",
                FieldKind::Count {
                    min: i64::from(i32::MIN),
                },
                FieldValue::Count(sort_order),
            ),
        )
}

/// `c` (child of the selected category) or `C` (top level): the form.
pub fn start_create(state: &mut AppState, top_level: bool) -> Vec<Effect> {
    let selected = state.categories.selected();
    let tree_id = selected
        .map(|c| c.tree_id)
        .or_else(|| state.categories.all.first().map(|c| c.tree_id))
        .unwrap_or(1);
    let (parent_id, title) = match selected {
        Some(parent) if !top_level => (
            parent.category_id,
            format!("New category in {}", parent.name),
        ),
        _ => (0, "New top-level category".to_string()),
    };
    let form = fields(
        Form::new(
            title,
            "create",
            FormPurpose::CreateCategory { tree_id, parent_id },
        ),
        "",
        true,
        0,
    );
    open(state, Overlay::Form(Box::new(form)));
    Vec::new()
}

/// `e`: the selected category's name, visibility and sort order.
pub fn start_edit(state: &mut AppState) -> Vec<Effect> {
    let Some(c) = state.categories.selected() else {
        return Vec::new();
    };
    let form = fields(
        Form::new(
            format!("Edit category {}", label(c)),
            "save",
            FormPurpose::EditCategory { id: c.category_id },
        ),
        &c.name,
        c.is_visible,
        c.sort_order,
    );
    open(state, Overlay::Form(Box::new(form)));
    Vec::new()
}

/// The category a create or edit form describes (only changed fields for an
/// edit), or `None` after marking the invalid fields.
pub(super) fn build(form: &mut Form, current: Option<&TreeCategory>) -> Option<TreeCategoryWrite> {
    let values = form.values()?;
    let mut write = TreeCategoryWrite::default();
    for (name, value) in values {
        match (name, value) {
            ("name", v) => {
                let text = text_of(&v);
                if current.is_none_or(|c| c.name != text) {
                    write.name = Some(text);
                }
            }
            ("is_visible", FieldValue::Flag(b)) if current.is_none_or(|c| c.is_visible != b) => {
                write.is_visible = Some(b);
            }
            ("sort_order", FieldValue::Count(n)) if current.is_none_or(|c| c.sort_order != n) => {
                write.sort_order = Some(n);
            }
            _ => {}
        }
    }
    Some(write)
}

/// The create or edit form was submitted.
fn submit(state: &mut AppState, mut form: Box<Form>) -> Vec<Effect> {
    match form.purpose.clone() {
        FormPurpose::CreateCategory { tree_id, parent_id } => {
            let Some(mut write) = build(&mut form, None) else {
                open(state, Overlay::Form(form));
                return Vec::new();
            };
            if parent_id == 0 {
                write.tree_id = Some(tree_id);
            } else {
                write.parent_id = Some(parent_id);
            }
            let name = write.name.clone().unwrap_or_default();
            let row = LogRow::created("category", name, "created".into());
            let pending = Pending::Resource(Box::new(CategoryPending::Create { form, parent_id }));
            send(state, Write::CreateCategory(write), pending, vec![row])
        }
        FormPurpose::EditCategory { id } => {
            let current = find(state, id).cloned();
            let Some(mut write) = build(&mut form, current.as_ref()) else {
                open(state, Overlay::Form(form));
                return Vec::new();
            };
            if write == TreeCategoryWrite::default() {
                return toast(state, ToastKind::Info, "Unchanged; nothing sent".into());
            }
            write.category_id = Some(id);
            update(state, write, Some(form))
        }
        _ => Vec::new(),
    }
}

/// Space: show or hide the selected category.
pub fn toggle_visible(state: &mut AppState) -> Vec<Effect> {
    let Some(c) = state.categories.selected() else {
        return Vec::new();
    };
    let write = TreeCategoryWrite {
        category_id: Some(c.category_id),
        is_visible: Some(!c.is_visible),
        ..TreeCategoryWrite::default()
    };
    update(state, write, None)
}

fn update(state: &mut AppState, write: TreeCategoryWrite, form: Option<Box<Form>>) -> Vec<Effect> {
    let Some(id) = write.category_id else {
        return Vec::new();
    };
    let Some(before) = find(state, id).cloned() else {
        return Vec::new();
    };
    // Logged and shown at once; the re-read after the write settles it either way.
    let (mut rows, mut shown) = (Vec::new(), before.clone());
    let mut log = |field: &str, old: String, new: String| {
        rows.push(LogRow {
            id,
            subject: label(&before),
            field: field.to_string(),
            old,
            new,
        });
    };
    if let Some(name) = &write.name {
        log("name", before.name.clone(), name.clone());
        shown.name = name.clone();
    }
    if let Some(visible) = write.is_visible {
        log(
            "visible",
            before.is_visible.to_string(),
            visible.to_string(),
        );
        shown.is_visible = visible;
    }
    if let Some(order) = write.sort_order {
        log(
            "sort order",
            before.sort_order.to_string(),
            order.to_string(),
        );
        shown.sort_order = order;
    }
    let expected = crate::api::compare::seen(&before, &write);
    replace(state, shown);
    let pending = Pending::Resource(Box::new(CategoryPending::Update {
        before: Box::new(before),
        form,
    }));
    let write = Write::UpdateCategory {
        changes: write,
        expected,
    };
    send(state, write, pending, rows)
}

/// Puts `category` in place of the one with its id (tree rebuilt, selection kept).
fn replace(state: &mut AppState, category: TreeCategory) {
    let mut all = state.categories.all.clone();
    if let Some(slot) = all
        .iter_mut()
        .find(|c| c.category_id == category.category_id)
    {
        *slot = category;
    }
    state.categories.set_categories(all);
}
