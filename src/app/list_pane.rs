//! One list pane, many resources: what every paged list tab (Products, Orders,
//! Customers, Webhooks) does the same way — move, page as you scroll, filter,
//! open a record, go back, refresh, fail — dispatched through [`ListPane`], so
//! the key handling and the update function carry no per-tab copies. A new
//! resource is a pane that implements [`ListPane`] (most of it from
//! `list_pane_fields!`) plus its entry in [`AppState::list_pane`],
//! [`AppState::list_pane_mut`] and [`LIST_TABS`].

use super::list::{LoadState, PagedList, RequestId};
use super::panes::Detail;
use super::{AppState, Effect, Fetch, Tab};

/// The row-type-free face of a [`PagedList`].
pub trait Paged {
    fn load(&self) -> &LoadState;
    fn next_page(&self) -> Option<u32>;
    fn is_empty(&self) -> bool;
    fn start(&mut self, request: RequestId);
    fn expects(&self, request: RequestId) -> bool;
    fn fail(&mut self, message: String);
    fn move_by(&mut self, delta: isize, viewport: usize);
    fn wants_more(&self, viewport: usize) -> bool;
    fn scroll_into_view(&mut self, viewport: usize);
}

impl<T> Paged for PagedList<T> {
    fn load(&self) -> &LoadState {
        &self.load
    }
    fn next_page(&self) -> Option<u32> {
        self.next_page
    }
    fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
    fn start(&mut self, request: RequestId) {
        PagedList::start(self, request);
    }
    fn expects(&self, request: RequestId) -> bool {
        PagedList::expects(self, request)
    }
    fn fail(&mut self, message: String) {
        PagedList::fail(self, message);
    }
    fn move_by(&mut self, delta: isize, viewport: usize) {
        PagedList::move_by(self, delta, viewport);
    }
    fn wants_more(&self, viewport: usize) -> bool {
        PagedList::wants_more(self, viewport)
    }
    fn scroll_into_view(&mut self, viewport: usize) {
        PagedList::scroll_into_view(self, viewport);
    }
}

/// Where a pane keeps its open record: a [`Detail`] fetched by id, or just the
/// id of a row the list already holds.
pub trait DetailSlot {
    /// The record shown, if one is open.
    fn id(&self) -> Option<u64>;
    /// Closes it; false when none was open.
    fn close(&mut self) -> bool;
    fn scroll_by(&mut self, _delta: i32) {}
    /// Records how far the drawn detail can scroll.
    fn measured(&mut self, _max_scroll: u16) {}
    /// Fails the detail's load when it waits for `request`.
    fn fail(&mut self, _request: RequestId, _message: &str) -> bool {
        false
    }
    fn is_loading(&self) -> bool {
        false
    }
}

impl<T> DetailSlot for Option<Detail<T>> {
    fn id(&self) -> Option<u64> {
        self.as_ref().map(|d| d.id)
    }
    fn close(&mut self) -> bool {
        self.take().is_some()
    }
    fn scroll_by(&mut self, delta: i32) {
        if let Some(detail) = self {
            detail.scroll_by(delta);
        }
    }
    fn measured(&mut self, max_scroll: u16) {
        if let Some(detail) = self {
            detail.measured(max_scroll);
        }
    }
    fn fail(&mut self, request: RequestId, message: &str) -> bool {
        loaded(self, request, Err(message.to_string()))
    }
    fn is_loading(&self) -> bool {
        self.as_ref().is_some_and(|d| d.load.is_loading())
    }
}

impl DetailSlot for Option<u64> {
    fn id(&self) -> Option<u64> {
        *self
    }
    fn close(&mut self) -> bool {
        self.take().is_some()
    }
}

/// What a `/` text did to a pane's filter.
#[derive(Debug)]
pub enum Filtered {
    /// The filter is the one applied already: nothing to load.
    Same,
    /// Another filter: the list loads again.
    Changed,
    /// The filter is not known yet: this work finds it (Orders looks up a
    /// customer name and filters once the customers are back).
    Asks(Effect),
}

impl From<bool> for Filtered {
    fn from(changed: bool) -> Self {
        if changed {
            Filtered::Changed
        } else {
            Filtered::Same
        }
    }
}

/// A list tab over one resource: its rows, filter and detail view.
///
/// Orders adds its own around it (in `crate::app::orders`): the views
/// (needs action, all, one status), the per-status counts that a new query
/// fetches again, new-order polling and its highlights, the write dialogs,
/// bulk status changes and the export.
pub trait ListPane {
    /// The rows loaded so far.
    fn paged(&self) -> &dyn Paged;
    fn paged_mut(&mut self) -> &mut dyn Paged;
    /// The id of the selected row.
    fn selected_id(&self) -> Option<u64>;
    /// Forgets the rows (and what refers to them, such as marks) for a new query.
    fn reset_for_query(&mut self);
    /// The request for page `page` with the current filter and sort.
    fn page_fetch(&self, page: u32) -> Fetch;
    /// The work that loads page `page` as `request`: the fetch of
    /// [`page_fetch`](Self::page_fetch), unless the pane loads its rows otherwise.
    fn page_effect(&self, request: RequestId, page: u32) -> Effect {
        Effect::Fetch {
            request,
            fetch: self.page_fetch(page),
        }
    }

    /// The open record.
    fn detail(&self) -> &dyn DetailSlot;
    fn detail_mut(&mut self) -> &mut dyn DetailSlot;
    /// Opens the detail of record `id`; the fetch it needs, if any.
    fn open_detail(&mut self, id: u64, request: RequestId) -> Option<Fetch>;
    /// Whether opening a record also needs the category names.
    fn wants_category_names(&self) -> bool {
        false
    }

    /// Takes the rows of `ids` out (deleted in the store).
    fn remove_rows(&mut self, ids: &[u64]);
    /// The marked rows' ids, for panes that mark rows.
    fn marked_mut(&mut self) -> Option<&mut std::collections::BTreeSet<u64>> {
        None
    }

    /// Whether a filter is applied.
    fn has_filter(&self) -> bool;
    /// The text that shows the filter, to edit it again.
    fn filter_text(&self) -> String;
    /// Applies the text typed after `/`; the reason when it is no filter here.
    fn set_filter(&mut self, text: &str) -> Result<Filtered, String>;
    /// Drops every filter (Esc on the list).
    fn clear_filter(&mut self);
    /// Bumped on every filter keystroke; only the latest debounce applies.
    fn filter_generation(&mut self) -> &mut u64;

    /// Whether a spinner should run.
    fn is_loading(&self) -> bool {
        self.paged().load().is_loading() || self.detail().is_loading()
    }
}

/// The accessors every pane writes alike, for panes that keep their rows in
/// `list`, their open record in `detail` and their debounce count in
/// `filter_generation`; used inside `impl ListPane for …`.
macro_rules! list_pane_fields {
    () => {
        fn paged(&self) -> &dyn $crate::app::list_pane::Paged {
            &self.list
        }
        fn paged_mut(&mut self) -> &mut dyn $crate::app::list_pane::Paged {
            &mut self.list
        }
        fn selected_id(&self) -> Option<u64> {
            self.list.selected().map(|row| row.id)
        }
        fn detail(&self) -> &dyn $crate::app::list_pane::DetailSlot {
            &self.detail
        }
        fn detail_mut(&mut self) -> &mut dyn $crate::app::list_pane::DetailSlot {
            &mut self.detail
        }
        fn filter_generation(&mut self) -> &mut u64 {
            &mut self.filter_generation
        }
        fn remove_rows(&mut self, ids: &[u64]) {
            self.list.remove_keys(ids, |row| row.id)
        }
    };
    // Panes whose rows can be marked keep the ids in `marked`.
    (marked) => {
        $crate::app::list_pane::list_pane_fields!();
        fn marked_mut(&mut self) -> Option<&mut std::collections::BTreeSet<u64>> {
            Some(&mut self.marked)
        }
    };
}
pub(crate) use list_pane_fields;

/// Records a loaded detail when it is still the one waited for.
pub(crate) fn loaded<T>(
    detail: &mut Option<Detail<T>>,
    request: RequestId,
    result: Result<T, String>,
) -> bool {
    let Some(detail) = detail.as_mut().filter(|d| d.expects(request)) else {
        return false;
    };
    match result {
        Ok(data) => {
            detail.data = Some(data);
            detail.load = LoadState::Loaded;
        }
        Err(message) => detail.load = LoadState::Failed(message),
    }
    true
}

/// The tabs that are list panes, for what applies to all of them.
pub const LIST_TABS: [Tab; 4] = [Tab::Products, Tab::Orders, Tab::Customers, Tab::Webhooks];

impl AppState {
    /// The list pane of `tab`, when it is one.
    pub fn list_pane(&self, tab: Tab) -> Option<&dyn ListPane> {
        match tab {
            Tab::Products => Some(&self.products),
            Tab::Orders => Some(&self.orders),
            Tab::Customers => Some(&self.customers),
            Tab::Webhooks => Some(&self.hooks),
            _ => None,
        }
    }

    /// The list pane of `tab`, to change it.
    pub fn list_pane_mut(&mut self, tab: Tab) -> Option<&mut dyn ListPane> {
        match tab {
            Tab::Products => Some(&mut self.products),
            Tab::Orders => Some(&mut self.orders),
            Tab::Customers => Some(&mut self.customers),
            Tab::Webhooks => Some(&mut self.hooks),
            _ => None,
        }
    }

    /// Drops `tab`'s rows and fetches page 1 with the current query.
    pub(crate) fn reload_list(&mut self, tab: Tab) -> Vec<Effect> {
        if tab == Tab::Orders {
            // A new orders query counts its statuses again too.
            return self.reload_orders();
        }
        if let Some(pane) = self.list_pane_mut(tab) {
            pane.reset_for_query();
        }
        self.fetch_more(tab)
    }

    /// Fetches `tab`'s next page if there is one and none is in flight.
    pub(crate) fn fetch_more(&mut self, tab: Tab) -> Vec<Effect> {
        let page = match self.list_pane(tab) {
            Some(pane) if !pane.paged().load().is_loading() => pane.paged().next_page(),
            _ => None,
        };
        let Some(page) = page else {
            return Vec::new();
        };
        let request = self.next_id();
        let Some(pane) = self.list_pane_mut(tab) else {
            return Vec::new();
        };
        pane.paged_mut().start(request);
        vec![pane.page_effect(request, page)]
    }

    /// Opens the detail of record `id` in `tab`.
    pub(crate) fn open_record(&mut self, tab: Tab, id: u64) -> Vec<Effect> {
        let request = self.next_id();
        let Some(pane) = self.list_pane_mut(tab) else {
            return Vec::new();
        };
        let mut effects: Vec<Effect> = pane
            .open_detail(id, request)
            .map(|fetch| Effect::Fetch { request, fetch })
            .into_iter()
            .collect();
        if pane.wants_category_names() && self.categories.load == LoadState::Idle {
            effects.extend(self.reload_categories());
        }
        effects
    }

    /// Takes deleted records out of `tab`'s list, its marks and its detail.
    pub(crate) fn remove_list_rows(&mut self, tab: Tab, ids: &[u64]) {
        let Some(pane) = self.list_pane_mut(tab) else {
            return;
        };
        pane.remove_rows(ids);
        if let Some(marked) = pane.marked_mut() {
            marked.retain(|id| !ids.contains(id));
        }
        if pane.detail().id().is_some_and(|id| ids.contains(&id)) {
            pane.detail_mut().close();
        }
    }

    /// Applies the `/` text to `tab`'s list (empty clears it); the reason
    /// when the text is no filter of that list.
    pub(crate) fn set_list_filter(&mut self, tab: Tab, text: &str) -> Result<Vec<Effect>, String> {
        let Some(pane) = self.list_pane_mut(tab) else {
            return Ok(Vec::new());
        };
        Ok(match pane.set_filter(text)? {
            Filtered::Same => Vec::new(),
            Filtered::Changed => self.reload_list(tab),
            Filtered::Asks(effect) => vec![effect],
        })
    }

    /// Moves the cursor of `tab`'s list (or scrolls its detail) and fetches
    /// the next page when the cursor nears the end.
    pub(crate) fn move_in_list(&mut self, tab: Tab, delta: isize) -> Vec<Effect> {
        let viewport = self.list_rows_for(tab);
        let Some(pane) = self.list_pane_mut(tab) else {
            return Vec::new();
        };
        if pane.detail().id().is_some() {
            pane.detail_mut().scroll_by(delta.clamp(-1000, 1000) as i32);
            return Vec::new();
        }
        pane.paged_mut().move_by(delta, viewport);
        if pane.paged().wants_more(viewport) {
            self.fetch_more(tab)
        } else {
            Vec::new()
        }
    }

    /// Marks the list or detail request `request` failed. `None` when no list
    /// pane was waiting for it; else whether to toast the error too (the pane
    /// shows it itself unless rows from before stay on screen).
    pub(crate) fn fail_list_request(&mut self, request: RequestId, message: &str) -> Option<bool> {
        LIST_TABS.into_iter().find_map(|tab| {
            let pane = self.list_pane_mut(tab)?;
            if pane.paged().expects(request) {
                pane.paged_mut().fail(message.to_string());
                Some(!pane.paged().is_empty())
            } else {
                pane.detail_mut().fail(request, message).then_some(false)
            }
        })
    }
}
