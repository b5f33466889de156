//! A server-paged list: rows loaded so far, the cursor, the scroll offset and the load state.

use std::collections::BTreeSet;

/// Identifies one request; results carrying an older id than the view expects are stale.
pub type RequestId = u64;

/// Where a view's data stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LoadState {
    /// Nothing requested yet.
    #[default]
    Idle,
    /// A request is in flight.
    Loading(RequestId),
    /// Everything asked for has arrived.
    Loaded,
    /// The last request failed with this message (the API's own words).
    Failed(String),
}

impl LoadState {
    /// True while a request is in flight.
    pub fn is_loading(&self) -> bool {
        matches!(self, LoadState::Loading(_))
    }

    /// The in-flight request, if any.
    pub fn request(&self) -> Option<RequestId> {
        match self {
            LoadState::Loading(id) => Some(*id),
            _ => None,
        }
    }
}

/// Rows of one list view, loaded page by page from the server.
#[derive(Debug, Clone)]
pub struct PagedList<T> {
    /// Rows loaded so far, in server order.
    pub rows: Vec<T>,
    /// Total matching rows on the server, when the API says.
    pub total: Option<u64>,
    /// The next page to ask for; `None` once the server has no more.
    pub next_page: Option<u32>,
    /// Index of the selected row.
    pub cursor: usize,
    /// Index of the first visible row.
    pub offset: usize,
    /// State of the latest request for this list.
    pub load: LoadState,
}

impl<T> Default for PagedList<T> {
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            total: None,
            next_page: Some(1),
            cursor: 0,
            offset: 0,
            load: LoadState::Idle,
        }
    }
}

/// Rows to keep loaded beyond the cursor before the next page is asked for.
const PREFETCH_MARGIN: usize = 100;

/// Marking rows for an action on many (Space, `V`, `*`), for any list whose rows
/// have ids; the caller says what happened in its own words.
impl<T> PagedList<T> {
    /// Space: marks or unmarks the selected row, then moves down a row.
    pub fn toggle_mark(
        &mut self,
        marked: &mut BTreeSet<u64>,
        id: impl Fn(&T) -> u64,
        viewport: usize,
    ) {
        let Some(selected) = self.selected().map(&id) else {
            return;
        };
        if !marked.remove(&selected) {
            marked.insert(selected);
        }
        self.move_by(1, viewport);
    }

    /// `V`: the first press remembers the cursor in `range_start` (`None` back),
    /// the second marks every row between it and the cursor (their count back).
    pub fn mark_range(
        &self,
        marked: &mut BTreeSet<u64>,
        range_start: &mut Option<usize>,
        id: impl Fn(&T) -> u64,
    ) -> Option<usize> {
        let Some(start) = range_start.take() else {
            *range_start = Some(self.cursor);
            return None;
        };
        let (from, to) = (start.min(self.cursor), start.max(self.cursor));
        let rows = &self.rows[from.min(self.rows.len())..(to + 1).min(self.rows.len())];
        let count = rows.len();
        marked.extend(rows.iter().map(id));
        Some(count)
    }

    /// The marked rows still loaded, in the list's order (marks can outlive their rows).
    pub fn marked_rows<'a>(
        &'a self,
        marked: &'a BTreeSet<u64>,
        id: impl Fn(&T) -> u64 + 'a,
    ) -> impl Iterator<Item = &'a T> + 'a {
        self.rows
            .iter()
            .filter(move |row| marked.contains(&id(row)))
    }

    /// `*`: marks every loaded row, or clears the marks when all are marked
    /// already (`true` back then).
    pub fn mark_all(&self, marked: &mut BTreeSet<u64>, id: impl Fn(&T) -> u64) -> bool {
        let all: Vec<u64> = self.rows.iter().map(id).collect();
        if !all.is_empty() && all.iter().all(|id| marked.contains(id)) {
            marked.clear();
            return true;
        }
        marked.extend(all);
        false
    }
}

impl<T> PagedList<T> {
    /// Forgets all rows, ready for a new query.
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// The selected row.
    pub fn selected(&self) -> Option<&T> {
        self.rows.get(self.cursor)
    }

    /// Marks `request` as the one this list waits for.
    pub fn start(&mut self, request: RequestId) {
        self.load = LoadState::Loading(request);
    }

    /// True when `request` is the one this list waits for (older ones are stale).
    pub fn expects(&self, request: RequestId) -> bool {
        self.load.request() == Some(request)
    }

    /// Appends one page of results. A short or empty page ends the walk even if
    /// the total says there is more.
    pub fn append_page(&mut self, page: u32, rows: Vec<T>, per_page: usize, total: Option<u64>) {
        let short = rows.len() < per_page;
        self.rows.extend(rows);
        if total.is_some() {
            self.total = total;
        }
        let reached_total = self
            .total
            .is_some_and(|total| self.rows.len() as u64 >= total);
        self.next_page = if short || reached_total {
            None
        } else {
            Some(page + 1)
        };
        if self.next_page.is_none() && self.total.is_none() {
            self.total = Some(self.rows.len() as u64);
        }
        self.load = LoadState::Loaded;
        self.clamp_cursor();
    }

    /// Puts a record just created at the top, selected.
    pub fn insert_first(&mut self, row: T) {
        self.rows.insert(0, row);
        self.total = self.total.map(|total| total + 1);
        self.cursor = 0;
        self.offset = 0;
    }

    /// Takes out the rows whose `key` is one of `ids`, keeping the cursor on a row.
    pub fn remove_keys(&mut self, ids: &[u64], key: impl Fn(&T) -> u64) {
        let before = self.rows.len();
        self.rows.retain(|row| !ids.contains(&key(row)));
        let removed = (before - self.rows.len()) as u64;
        self.total = self.total.map(|total| total.saturating_sub(removed));
        self.clamp_cursor();
    }

    /// Takes out the row at `index`, keeping the cursor on the row it was on
    /// (or on the next, which slid up under it) and in view.
    pub fn remove_at(&mut self, index: usize, viewport: usize) {
        self.rows.remove(index);
        self.total = self.total.map(|total| total.saturating_sub(1));
        if index < self.cursor {
            self.cursor -= 1;
        }
        self.move_by(0, viewport);
    }

    /// Records a failed request.
    pub fn fail(&mut self, message: String) {
        self.load = LoadState::Failed(message);
    }

    /// True when the cursor is close enough to the end of the loaded rows that
    /// the next page should be fetched now.
    pub fn wants_more(&self, viewport: usize) -> bool {
        self.next_page.is_some()
            && !self.load.is_loading()
            && !matches!(self.load, LoadState::Failed(_))
            && self.cursor + viewport.max(1) + PREFETCH_MARGIN >= self.rows.len()
    }

    /// Moves the cursor by `delta` rows (negative is up) and keeps it in view.
    pub fn move_by(&mut self, delta: isize, viewport: usize) {
        if self.rows.is_empty() {
            return;
        }
        let last = self.rows.len() - 1;
        let target = self.cursor.saturating_add_signed(delta).min(last);
        self.cursor = target;
        self.scroll_into_view(viewport);
    }

    /// Moves to the first row.
    pub fn top(&mut self, viewport: usize) {
        self.cursor = 0;
        self.scroll_into_view(viewport);
    }

    /// Moves to the last loaded row.
    pub fn bottom(&mut self, viewport: usize) {
        self.cursor = self.rows.len().saturating_sub(1);
        self.scroll_into_view(viewport);
    }

    /// Adjusts the offset so the cursor row is on screen.
    pub fn scroll_into_view(&mut self, viewport: usize) {
        self.offset = visible_offset(self.offset, self.cursor, viewport);
    }

    fn clamp_cursor(&mut self) {
        if self.cursor >= self.rows.len() {
            self.cursor = self.rows.len().saturating_sub(1);
        }
    }
}

/// The first visible row that keeps `cursor` on a screen of `viewport` rows,
/// moving as little as possible from `offset`.
pub fn visible_offset(offset: usize, cursor: usize, viewport: usize) -> usize {
    let viewport = viewport.max(1);
    if cursor < offset {
        cursor
    } else if cursor >= offset + viewport {
        cursor + 1 - viewport
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_page_ends_the_walk() {
        let mut list = PagedList::default();
        list.start(1);
        list.append_page(1, vec![1, 2, 3], 250, Some(1000));
        assert_eq!(list.next_page, None);
        assert_eq!(list.load, LoadState::Loaded);
    }

    #[test]
    fn full_page_asks_for_the_next_one() {
        let mut list = PagedList::default();
        list.append_page(1, (0..250).collect(), 250, Some(600));
        assert_eq!(list.next_page, Some(2));
        assert!(!list.wants_more(20), "the cursor is far from the end");
        list.move_by(10, 20);
        assert_eq!((list.cursor, list.offset), (10, 0));
        list.move_by(30, 20);
        assert_eq!((list.cursor, list.offset), (40, 21));
        list.move_by(100, 20);
        assert!(list.wants_more(20), "near the end the next page is wanted");
    }

    #[test]
    fn total_reached_ends_the_walk() {
        let mut list = PagedList::default();
        list.append_page(1, (0..250).collect(), 250, Some(250));
        assert_eq!(list.next_page, None);
    }

    #[test]
    fn stale_request_is_not_expected() {
        let mut list = PagedList::<u8>::default();
        list.start(1);
        list.start(2);
        assert!(!list.expects(1));
        assert!(list.expects(2));
    }
}
