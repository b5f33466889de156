//! Deleting categories: `x` counts the category's products (and those of its
//! subcategories, which go too), the dialog names what goes, and `y` sends
//! the delete. The detail's product count is fetched the same way.

use super::category::{CategoryPending, find, label};
use super::confirm::{Confirm, Confirmed};
use super::log::LogRow;
use super::resources::CountQuery;
use super::write_request::Write;
use super::{Pending, open_confirm, send};
use crate::app::update::toast;
use crate::app::{AppState, Effect, Fetch, Tab, ToastKind};

/// Shown while the product counts for the delete dialog load.
pub const COUNTING_PRODUCTS: &str = "Counting products…";

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
pub fn confirm_delete(state: &mut AppState, id: u64, counts: Result<Vec<(u64, u64)>, String>) {
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
            Confirmed::Delete {
                tab: Tab::Categories,
                ids: vec![id],
            },
        ),
    );
}

/// Sends the delete the user confirmed.
pub fn delete(state: &mut AppState, ids: Vec<u64>) -> Vec<Effect> {
    let rows = LogRow::deletes("category", &ids, |id| find(state, id).map(label));
    let write = Write::DeleteCategories { ids: ids.clone() };
    let pending = Pending::Resource(Box::new(CategoryPending::Delete { ids }));
    send(state, write, pending, rows)
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
