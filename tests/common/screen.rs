//! The terminal the tests drive: ratatui's `TestBackend` (the screen, for assertions
//! and snapshots) that also counts the frames the loop draws on it and keeps what
//! it copies to the clipboard.

use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use bctui::runtime::FrameBackend;

pub struct Screen {
    backend: TestBackend,
    frames: u64,
    copied: Vec<String>,
}

impl Screen {
    pub fn new(width: u16, height: u16) -> Screen {
        Screen {
            backend: TestBackend::new(width, height),
            frames: 0,
            copied: Vec::new(),
        }
    }

    /// Frames drawn so far (an idle app draws none).
    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// Everything the app put on the clipboard, oldest first.
    pub fn copied(&self) -> &[String] {
        &self.copied
    }
}

impl std::fmt::Display for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.backend.fmt(f)
    }
}

impl FrameBackend for Screen {
    fn end_frame(&mut self) -> std::io::Result<()> {
        self.frames += 1;
        Ok(())
    }
    fn copy_to_clipboard(&mut self, text: &str) -> std::io::Result<()> {
        self.copied.push(text.to_string());
        Ok(())
    }
}

impl Backend for Screen {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.backend.draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.backend.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.backend.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.backend.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.backend.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.backend.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.backend.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.backend.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.backend.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.backend.flush()
    }
    fn scroll_region_up(
        &mut self,
        region: std::ops::Range<u16>,
        amount: u16,
    ) -> Result<(), Self::Error> {
        self.backend.scroll_region_up(region, amount)
    }
    fn scroll_region_down(
        &mut self,
        region: std::ops::Range<u16>,
        amount: u16,
    ) -> Result<(), Self::Error> {
        self.backend.scroll_region_down(region, amount)
    }
}
