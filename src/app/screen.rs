//! Screen geometry that both the app (paging, scrolling) and the drawing code
//! use, so the rows a page key moves are the rows on screen.

use super::Tab;

/// The lines around every tab's body: the header, the tab bar and the footer.
pub const HEADER_LINES: u16 = 1;
pub const TAB_BAR_LINES: u16 = 1;
pub const FOOTER_LINES: u16 = 1;
/// A table's column titles.
pub const TABLE_HEADER_LINES: u16 = 1;

/// The lines a list tab shows above its table: its status line, and on Orders
/// the per-status counts.
pub fn status_lines(tab: Tab) -> u16 {
    if tab == Tab::Orders { 2 } else { 1 }
}

/// Rows of `tab`'s list that fit on a terminal `height` lines high (at least one).
pub fn list_rows(tab: Tab, height: u16) -> usize {
    let chrome =
        HEADER_LINES + TAB_BAR_LINES + FOOTER_LINES + status_lines(tab) + TABLE_HEADER_LINES;
    usize::from(height.saturating_sub(chrome)).max(1)
}
