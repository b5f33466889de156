//! A backend of a set size, for drawing real escape sequences off a terminal (benches and
//! tests): the size otherwise comes from whatever terminal the process runs under.

use std::ops::Range;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use super::terminal::{FrameBackend, forward_cursor_and_flush};

/// `inner` with its size fixed at `size`.
#[derive(Debug)]
pub struct SizedBackend<B: Backend> {
    pub inner: B,
    pub size: Size,
}

impl<B: Backend> Backend for SizedBackend<B> {
    type Error = B::Error;
    forward_cursor_and_flush!();

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }
    fn scroll_region_up(&mut self, region: Range<u16>, by: u16) -> Result<(), Self::Error> {
        self.inner.scroll_region_up(region, by)
    }
    fn scroll_region_down(&mut self, region: Range<u16>, by: u16) -> Result<(), Self::Error> {
        self.inner.scroll_region_down(region, by)
    }
}

impl<B: FrameBackend> FrameBackend for SizedBackend<B> {
    fn begin_frame(&mut self) -> std::io::Result<()> {
        self.inner.begin_frame()
    }
    fn end_frame(&mut self) -> std::io::Result<()> {
        self.inner.end_frame()
    }
}
