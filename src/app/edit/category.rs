//! Category edits through the trees API: `c` a child of the selected
//! category, `C` a top-level one, `e` name / visibility / sort order, Space
//! shows or hides, `x` delete (the dialog counts subcategories from the tree
//! and products from the catalog, and says the subcategories go too).
//! After each write the tree is re-read; it keeps its expanded nodes and
//! selection (and selects a new category).

use super::confirm::{Confirm, Confirmed};
use super::form::{Form, FormPurpose, text_of};
use super::inline::{FieldKind, FieldValue, InlineEditor};
use super::log::LogRow;
use super::resources::{CountQuery, ResourcePending};
use super::write_request::Write;
use super::{Overlay, Pending, open, open_confirm, send};
use crate::api::models::{TreeCategory, TreeCategoryWrite};
use crate::app::update::toast;
use crate::app::{AppState, Effect, Fetch, ToastKind};

/// Shown while the product counts for the delete dialog load.
pub const COUNTING_PRODUCTS: &str = "Counting products…";

/// `#23 Kitchen`.
pub fn label(c: &TreeCategory) -> String {
    format!("#{} {}", c.category_id, c.name)
}

fn find(state: &AppState, id: u64) -> Option<&TreeCategory> {
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
pub(super) fn submit(state: &mut AppState, mut form: Form) -> Vec<Effect> {
    match form.purpose.clone() {
        FormPurpose::CreateCategory { tree_id, parent_id } => {
            let Some(mut write) = build(&mut form, None) else {
                open(state, Overlay::Form(Box::new(form)));
                return Vec::new();
            };
            if parent_id == 0 {
                write.tree_id = Some(tree_id);
            } else {
                write.parent_id = Some(parent_id);
            }
            let row = LogRow {
                id: 0,
                subject: write.name.clone().unwrap_or_default(),
                field: "category".to_string(),
                old: "-".to_string(),
                new: "created".to_string(),
            };
            let pending = Pending::Resource(ResourcePending::CategoryCreate {
                form: Box::new(form),
                parent_id,
            });
            send(state, Write::CreateCategory(write), pending, vec![row])
        }
        FormPurpose::EditCategory { id } => {
            let current = find(state, id).cloned();
            let Some(mut write) = build(&mut form, current.as_ref()) else {
                open(state, Overlay::Form(Box::new(form)));
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

fn update(state: &mut AppState, write: TreeCategoryWrite, form: Option<Form>) -> Vec<Effect> {
    let Some(id) = write.category_id else {
        return Vec::new();
    };
    let Some(before) = find(state, id).cloned() else {
        return Vec::new();
    };
    let mut rows = Vec::new();
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
    }
    if let Some(visible) = write.is_visible {
        log(
            "visible",
            before.is_visible.to_string(),
            visible.to_string(),
        );
    }
    if let Some(order) = write.sort_order {
        log(
            "sort order",
            before.sort_order.to_string(),
            order.to_string(),
        );
    }
    // Shown at once; the re-read after the write settles it either way.
    let mut shown = before.clone();
    if let Some(name) = &write.name {
        shown.name = name.clone();
    }
    if let Some(visible) = write.is_visible {
        shown.is_visible = visible;
    }
    if let Some(order) = write.sort_order {
        shown.sort_order = order;
    }
    let expected = crate::api::compare::seen(&before, &write);
    replace(state, shown);
    let pending = Pending::Resource(ResourcePending::CategoryUpdate {
        before: Box::new(before),
        form: form.map(Box::new),
    });
    let write = Write::UpdateCategory {
        changes: write,
        expected,
    };
    send(state, write, pending, rows)
}

/// Puts `category` in place of the one with its id (tree rebuilt, selection kept).
pub(super) fn replace(state: &mut AppState, category: TreeCategory) {
    let mut all = state.categories.all.clone();
    if let Some(slot) = all
        .iter_mut()
        .find(|c| c.category_id == category.category_id)
    {
        *slot = category;
    }
    state.categories.set_categories(all);
}

/// Every category below `id` in the loaded tree.
pub fn descendants(state: &AppState, id: u64) -> Vec<u64> {
    descendants_in(&state.categories, id)
}

/// Every category below `id` in `pane`'s tree.
pub fn descendants_in(pane: &crate::app::panes::CategoriesPane, id: u64) -> Vec<u64> {
    let mut found = Vec::new();
    let mut stack = vec![id];
    while let Some(parent) = stack.pop() {
        for &index in pane.children_of(parent) {
            let child = pane.all[index].category_id;
            found.push(child);
            stack.push(child);
        }
    }
    found
}

/// `x` / Delete: count the category's products; the dialog opens then.
pub fn start_delete(state: &mut AppState) -> Vec<Effect> {
    let Some(id) = state.categories.selected().map(|c| c.category_id) else {
        return Vec::new();
    };
    let below = descendants(state, id);
    let request = state.next_id();
    state.categories.counting = Some(request);
    let mut effects = vec![Effect::Fetch {
        request,
        fetch: Fetch::Count(CountQuery::CategoryProducts {
            id,
            below,
            for_delete: true,
        }),
    }];
    effects.extend(toast(state, ToastKind::Info, COUNTING_PRODUCTS.into()));
    effects
}

/// The product counts arrived (`(id, own)`, then `(0, with subcategories)`): ask.
pub(super) fn confirm_delete(
    state: &mut AppState,
    id: u64,
    counts: Result<Vec<(u64, u64)>, String>,
) {
    let Some(c) = find(state, id).cloned() else {
        return;
    };
    let below = descendants(state, id);
    let products = match &counts {
        Ok(counts) => {
            let own = counts.first().map_or(0, |(_, n)| *n);
            match counts.get(1) {
                Some((_, all)) => format!("{own} (with subcategories: {all})"),
                None => own.to_string(),
            }
        }
        Err(message) => format!("? ({message})"),
    };
    let mut lines = vec![
        format!("ID:            {}", c.category_id),
        format!("Name:          {}", c.name),
        format!("Subcategories: {}", below.len()),
        format!("Products:      {products}"),
        String::new(),
    ];
    if !below.is_empty() {
        let children: Vec<String> = state
            .categories
            .children_of(id)
            .iter()
            .map(|&i| state.categories.all[i].name.clone())
            .collect();
        let deeper = below.len() - children.len();
        let more = if deeper > 0 {
            format!(" and {deeper} below them")
        } else {
            String::new()
        };
        lines.push(format!(
            "Its {} deleted too: {}{more}.",
            crate::app::words::counted(below.len(), "subcategory is", "subcategories are"),
            children.join(", ")
        ));
    }
    lines.push("Products stay in the catalog. This cannot be undone.".to_string());
    open_confirm(
        state,
        Confirm::new(
            "Delete category?",
            lines,
            "Delete",
            Confirmed::DeleteCategories { ids: vec![id] },
        ),
    );
}

/// Sends the delete the user confirmed.
pub fn delete(state: &mut AppState, ids: Vec<u64>) -> Vec<Effect> {
    let rows = ids
        .iter()
        .map(|id| LogRow {
            id: *id,
            subject: find(state, *id).map_or_else(|| format!("category #{id}"), label),
            field: "category".to_string(),
            old: "exists".to_string(),
            new: "deleted".to_string(),
        })
        .collect();
    let write = Write::DeleteCategories { ids: ids.clone() };
    send(
        state,
        write,
        Pending::Resource(ResourcePending::CategoryDelete { ids }),
        rows,
    )
}

/// Fetches the selected category's product count for the detail, unless known.
pub fn count_selected(state: &mut AppState) -> Vec<Effect> {
    let Some(id) = state.categories.selected().map(|c| c.category_id) else {
        return Vec::new();
    };
    if state.categories.product_counts.contains_key(&id) {
        return Vec::new();
    }
    let request = state.next_id();
    vec![Effect::Fetch {
        request,
        fetch: Fetch::Count(CountQuery::CategoryProducts {
            id,
            below: Vec::new(),
            for_delete: false,
        }),
    }]
}
