//! Sends a list that scrolls as a terminal scroll plus the rows that came into view.
//!
//! ratatui diffs each frame against the last one cell by cell, so when a list moves by one
//! row every visible row differs and the whole list is sent again. [`ScrollingBackend`] sits
//! between ratatui and the real backend and keeps a copy of what the terminal shows. When a
//! frame's rows are the shown rows moved up or down, it asks the terminal to scroll that band
//! of rows (a scrolling region, supported by every VT100-style terminal and by tmux) and then
//! sends only the cells that still differ. Drawing stays pure: the UI draws whole frames, and
//! this layer only decides how to get the terminal from the last frame to the next.

use std::io;
use std::ops::Range;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};

use super::terminal::{FrameBackend, forward_cursor_and_flush};

/// A scroll of rows `region` by `by` rows, up (content moves toward the top) or down.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Scroll {
    region: Range<u16>,
    by: u16,
    up: bool,
}

/// What a scroll costs on the wire compared with sending cells, counted in cells: the
/// region, scroll and reset sequences plus a cursor move.
const SCROLL_COST: usize = 24;

/// Shifts found by matching whole rows, tried in order of how many rows vote for them.
const CANDIDATES: usize = 3;

/// A backend that turns scrolled rows into a terminal scroll (see the module docs).
#[derive(Debug)]
pub struct ScrollingBackend<B: Backend> {
    inner: B,
    /// What the terminal shows, when known (after a full clear, until something this layer
    /// cannot follow happens).
    shown: Option<Buffer>,
    /// The next screen, kept to reuse its memory.
    next: Buffer,
}

impl<B: Backend> ScrollingBackend<B> {
    pub fn new(inner: B) -> Self {
        ScrollingBackend {
            inner,
            shown: None,
            next: Buffer::empty(Rect::default()),
        }
    }

    /// The backend underneath (for measuring what was sent).
    pub fn inner(&self) -> &B {
        &self.inner
    }

    /// Forgets the shown screen: its rows are no longer known.
    fn forget(&mut self) {
        self.shown = None;
    }

    /// Asks the terminal to scroll.
    fn scroll(&mut self, scroll: &Scroll) -> Result<(), B::Error> {
        if scroll.up {
            self.inner
                .scroll_region_up(scroll.region.clone(), scroll.by)
        } else {
            self.inner
                .scroll_region_down(scroll.region.clone(), scroll.by)
        }
    }
}

impl<B: Backend> Backend for ScrollingBackend<B> {
    type Error = B::Error;
    forward_cursor_and_flush!();

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        // Taken out while drawing: an early return or an error leaves the screen unknown.
        let Some(mut shown) = self.shown.take() else {
            return self.inner.draw(content);
        };
        let content: Vec<(u16, u16, &Cell)> = content.collect();
        let mut next = std::mem::take(&mut self.next);
        next.clone_from(&shown);
        for &(x, y, cell) in &content {
            match next.cell_mut((x, y)) {
                Some(target) => *target = cell.clone(),
                // Outside the known screen: ratatui and this copy disagree.
                None => return self.inner.draw(content.into_iter()),
            }
        }
        // Fewer changed cells than a row: nothing to gain from scrolling.
        let scroll = if content.len() > usize::from(shown.area.width) {
            best_scroll(&shown, &next, content.len())
        } else {
            None
        };
        // A terminal the backend cannot scroll gets the cells instead.
        match scroll.filter(|scroll| self.scroll(scroll).is_ok()) {
            Some(scroll) => {
                shift(&mut shown, &scroll);
                self.inner.draw(shown.diff(&next).into_iter())?;
            }
            None => self.inner.draw(content.into_iter())?,
        }
        self.next = shown;
        self.shown = Some(next);
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.forget();
        self.inner.append_lines(n)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)?;
        // Only a whole-screen clear leaves a screen this layer knows: blank.
        self.shown = match clear_type {
            ClearType::All => {
                let size = self.inner.size()?;
                Some(Buffer::empty(Rect::from((Position::ORIGIN, size))))
            }
            _ => None,
        };
        Ok(())
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn scroll_region_up(&mut self, region: Range<u16>, by: u16) -> Result<(), Self::Error> {
        self.forget();
        self.inner.scroll_region_up(region, by)
    }

    fn scroll_region_down(&mut self, region: Range<u16>, by: u16) -> Result<(), Self::Error> {
        self.forget();
        self.inner.scroll_region_down(region, by)
    }
}

impl<B: FrameBackend> FrameBackend for ScrollingBackend<B> {
    fn begin_frame(&mut self) -> io::Result<()> {
        self.inner.begin_frame()
    }
    fn end_frame(&mut self) -> io::Result<()> {
        self.inner.end_frame()
    }
    fn copy_to_clipboard(&mut self, text: &str) -> io::Result<()> {
        self.inner.copy_to_clipboard(text)
    }
    fn suspend(&mut self) -> io::Result<()> {
        // Another program draws meanwhile.
        self.forget();
        self.inner.suspend()
    }
    fn resume(&mut self) -> io::Result<()> {
        self.inner.resume()
    }
}

/// The scroll that leaves the fewest cells to send from `shown` to `next`, if it beats
/// sending the `changed` cells ratatui found.
fn best_scroll(shown: &Buffer, next: &Buffer, changed: usize) -> Option<Scroll> {
    let mut best: Option<(usize, Scroll)> = None;
    for scroll in candidates(shown, next) {
        let mut shifted = shown.clone();
        shift(&mut shifted, &scroll);
        let cost = differing(&shifted, next) + SCROLL_COST;
        if cost < changed && best.as_ref().is_none_or(|(least, _)| cost < *least) {
            best = Some((cost, scroll));
        }
    }
    best.map(|(_, scroll)| scroll)
}

/// Scrolls suggested by rows of `next` that changed and equal a shown row elsewhere: each
/// such pair votes for its distance, and the region spans the rows that voted.
fn candidates(shown: &Buffer, next: &Buffer) -> Vec<Scroll> {
    let height = shown.area.height;
    let shown_rows: Vec<u64> = (0..height).map(|y| row_hash(shown, y)).collect();
    let next_rows: Vec<u64> = (0..height).map(|y| row_hash(next, y)).collect();
    // (shift, first row, last row, votes); shift > 0 is an upward scroll.
    let mut votes: Vec<(i32, u16, u16, usize)> = Vec::new();
    for y in 0..height {
        let hash = next_rows[usize::from(y)];
        if hash == shown_rows[usize::from(y)] {
            continue;
        }
        for from in 0..height {
            if shown_rows[usize::from(from)] != hash || !rows_equal(shown, from, next, y) {
                continue;
            }
            let by = i32::from(from) - i32::from(y);
            match votes.iter_mut().find(|vote| vote.0 == by) {
                Some(vote) => {
                    vote.2 = y;
                    vote.3 += 1;
                }
                None => votes.push((by, y, y, 1)),
            }
        }
    }
    votes.sort_by_key(|vote| std::cmp::Reverse(vote.3));
    votes
        .into_iter()
        .take(CANDIDATES)
        .map(|(by, first, last, _)| {
            let distance = by.unsigned_abs() as u16;
            if by > 0 {
                Scroll {
                    region: first..last + distance + 1,
                    by: distance,
                    up: true,
                }
            } else {
                Scroll {
                    region: first - distance..last + 1,
                    by: distance,
                    up: false,
                }
            }
        })
        .collect()
}

/// Moves the rows of `scroll.region` as the terminal does, blank rows coming in.
fn shift(buffer: &mut Buffer, scroll: &Scroll) {
    let width = usize::from(buffer.area.width);
    let height = buffer.area.height;
    let start = usize::from(scroll.region.start.min(height)) * width;
    let end = usize::from(scroll.region.end.min(height)) * width;
    let region = &mut buffer.content[start..end];
    let by = (usize::from(scroll.by) * width).min(region.len());
    if scroll.up {
        region.rotate_left(by);
        let len = region.len();
        region[len - by..].fill(Cell::EMPTY);
    } else {
        region.rotate_right(by);
        region[..by].fill(Cell::EMPTY);
    }
}

fn row(buffer: &Buffer, y: u16) -> &[Cell] {
    let width = usize::from(buffer.area.width);
    let start = usize::from(y) * width;
    &buffer.content[start..start + width]
}

fn rows_equal(a: &Buffer, a_row: u16, b: &Buffer, b_row: u16) -> bool {
    row(a, a_row) == row(b, b_row)
}

fn row_hash(buffer: &Buffer, y: u16) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for cell in row(buffer, y) {
        cell.symbol().hash(&mut hasher);
        cell.fg.hash(&mut hasher);
        cell.bg.hash(&mut hasher);
        cell.modifier.hash(&mut hasher);
    }
    hasher.finish()
}

/// Cells a diff from `from` to `to` would send.
fn differing(from: &Buffer, to: &Buffer) -> usize {
    from.diff_iter(to).count()
}

#[cfg(test)]
mod tests;
