//! The Categories tab: the category tree with expand/collapse and the
//! selected category's fields.

use std::collections::{HashMap, HashSet};

use crate::api::models::TreeCategory;
use crate::app::list::{LoadState, RequestId, visible_offset};
use crate::app::{AppState, Effect, Fetch};

/// One visible line of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeRow {
    /// Index into [`CategoriesPane::all`].
    pub index: usize,
    /// Ids from the root down to this category (tui-tree-widget identifiers).
    pub path: Vec<u64>,
    /// Whether it has sub-categories.
    pub has_children: bool,
}

/// State of the Categories tab.
#[derive(Debug, Default)]
pub struct CategoriesPane {
    /// Every category of every tree, as the API sent them.
    pub all: Vec<TreeCategory>,
    /// State of the request for them.
    pub load: LoadState,
    /// Expanded categories.
    pub opened: HashSet<u64>,
    /// The lines currently visible (expanded parents show their children).
    pub rows: Vec<TreeRow>,
    /// Selected line.
    pub cursor: usize,
    /// First visible line.
    pub offset: usize,
    /// Products per category, as counted (`None`: the count failed).
    pub product_counts: HashMap<u64, Option<u64>>,
    /// The product count a delete dialog waits for.
    pub counting: Option<RequestId>,
    /// Select this category once the tree is re-read (a new one).
    pub select_after_load: Option<u64>,
    children: HashMap<u64, Vec<usize>>,
}

impl CategoriesPane {
    /// Whether a spinner should run.
    pub fn is_loading(&self) -> bool {
        self.load.is_loading()
    }

    /// The selected category.
    pub fn selected(&self) -> Option<&TreeCategory> {
        self.rows.get(self.cursor).map(|row| &self.all[row.index])
    }

    /// The selected line.
    pub fn selected_row(&self) -> Option<&TreeRow> {
        self.rows.get(self.cursor)
    }

    /// A category's name by id (for product details).
    pub fn name_of(&self, id: u64) -> Option<&str> {
        self.all
            .iter()
            .find(|c| c.category_id == id)
            .map(|c| c.name.as_str())
    }

    /// Children of `parent` (0 = top level), as indexes into `all`, in display order.
    pub fn children_of(&self, parent: u64) -> &[usize] {
        self.children.get(&parent).map_or(&[], Vec::as_slice)
    }

    /// Replaces the categories and rebuilds the tree, keeping the selection
    /// and expanded nodes where they still exist.
    pub fn set_categories(&mut self, all: Vec<TreeCategory>) {
        let selected = self
            .select_after_load
            .take()
            .or_else(|| self.selected().map(|c| c.category_id));
        let mut children: HashMap<u64, Vec<usize>> = HashMap::new();
        let ids: HashSet<u64> = all.iter().map(|c| c.category_id).collect();
        for (index, category) in all.iter().enumerate() {
            // A parent that is not in the list is treated as the top level.
            let parent = if ids.contains(&category.parent_id) {
                category.parent_id
            } else {
                0
            };
            children.entry(parent).or_default().push(index);
        }
        for list in children.values_mut() {
            list.sort_by(|&a, &b| {
                (all[a].tree_id, all[a].sort_order, &all[a].name).cmp(&(
                    all[b].tree_id,
                    all[b].sort_order,
                    &all[b].name,
                ))
            });
        }
        self.all = all;
        self.children = children;
        self.opened.retain(|id| ids.contains(id));
        // The selected category shows even when it is new under a closed parent.
        let mut parent = selected
            .and_then(|id| self.all.iter().find(|c| c.category_id == id))
            .map_or(0, |c| c.parent_id);
        // Bounded: a malformed tree with a cycle must not hang the loop.
        for _ in 0..64 {
            if parent == 0 {
                break;
            }
            self.opened.insert(parent);
            parent = self
                .all
                .iter()
                .find(|c| c.category_id == parent)
                .map_or(0, |c| c.parent_id);
        }
        self.rebuild_rows();
        self.cursor = selected
            .and_then(|id| {
                self.rows
                    .iter()
                    .position(|r| self.all[r.index].category_id == id)
            })
            // Gone (deleted): stay at the same line.
            .unwrap_or(self.cursor.min(self.rows.len().saturating_sub(1)));
    }

    fn rebuild_rows(&mut self) {
        let mut rows = Vec::new();
        let mut stack: Vec<(usize, Vec<u64>)> = self
            .children_of(0)
            .iter()
            .rev()
            .map(|&index| (index, vec![self.all[index].category_id]))
            .collect();
        while let Some((index, path)) = stack.pop() {
            let id = self.all[index].category_id;
            let kids = self.children_of(id);
            if self.opened.contains(&id) {
                for &kid in kids.iter().rev() {
                    let mut kid_path = path.clone();
                    kid_path.push(self.all[kid].category_id);
                    stack.push((kid, kid_path));
                }
            }
            rows.push(TreeRow {
                index,
                path,
                has_children: !kids.is_empty(),
            });
        }
        self.rows = rows;
        if self.cursor >= self.rows.len() {
            self.cursor = self.rows.len().saturating_sub(1);
        }
    }

    /// Moves the selection by `delta` lines.
    pub fn move_by(&mut self, delta: isize, viewport: usize) {
        if self.rows.is_empty() {
            return;
        }
        self.cursor = self
            .cursor
            .saturating_add_signed(delta)
            .min(self.rows.len() - 1);
        self.offset = visible_offset(self.offset, self.cursor, viewport);
    }

    /// Expands the selected category.
    pub fn expand(&mut self) {
        if let Some(row) = self.rows.get(self.cursor)
            && row.has_children
        {
            self.opened.insert(self.all[row.index].category_id);
            self.rebuild_rows();
        }
    }

    /// Collapses the selected category, or selects its parent when it is
    /// already collapsed.
    pub fn collapse(&mut self, viewport: usize) {
        let Some(row) = self.rows.get(self.cursor) else {
            return;
        };
        let id = self.all[row.index].category_id;
        if self.opened.remove(&id) {
            self.rebuild_rows();
        } else if row.path.len() > 1 {
            let parent = row.path[row.path.len() - 2];
            if let Some(pos) = self
                .rows
                .iter()
                .position(|r| self.all[r.index].category_id == parent)
            {
                self.cursor = pos;
                self.offset = visible_offset(self.offset, self.cursor, viewport);
            }
        }
    }
}

impl AppState {
    /// Fetches every category of every tree.
    pub(crate) fn reload_categories(&mut self) -> Vec<Effect> {
        let request = self.next_id();
        self.categories.load = LoadState::Loading(request);
        // Counts may have changed with the write that caused this reload.
        self.categories.product_counts.clear();
        vec![Effect::Fetch {
            request,
            fetch: Fetch::Categories,
        }]
    }

    pub(crate) fn categories_loaded(
        &mut self,
        request: RequestId,
        result: Result<Vec<TreeCategory>, String>,
    ) -> bool {
        if self.categories.load.request() != Some(request) {
            return false;
        }
        match result {
            Ok(all) => {
                self.categories.set_categories(all);
                self.categories.load = LoadState::Loaded;
            }
            Err(message) => self.categories.load = LoadState::Failed(message),
        }
        true
    }

    /// Loads the selected category's product count (after a load or a move).
    pub(crate) fn count_selected_category(&mut self) -> Vec<Effect> {
        crate::app::edit::category::count_selected(self)
    }
}
