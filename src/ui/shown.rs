//! Store text on its way into a widget, through the one filter in
//! [`crate::safe_text`]. ratatui already drops control characters, but it also
//! drops bidi and zero-width characters silently, hiding that a name was
//! crafted to look like something else; these helpers show them as `<U+XXXX>`.

use ratatui::text::{Line, Span};

use crate::safe_text;

/// One line of store text, ready to show.
pub fn text(text: &str) -> String {
    safe_text::visible_line(text).into_owned()
}

/// A span with its text [shown](text).
pub fn span(mut span: Span<'_>) -> Span<'_> {
    if let std::borrow::Cow::Owned(shown) = safe_text::visible_line(&span.content) {
        span.content = shown.into();
    }
    span
}

/// A line with every span [shown](span).
pub fn line(mut line: Line<'_>) -> Line<'_> {
    line.spans = line.spans.into_iter().map(span).collect();
    line
}

/// Lines with every span [shown](span).
pub fn lines(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    lines.into_iter().map(line).collect()
}

/// `text` broken into rows of at most `width` cells, at most `most` rows; the
/// last row ends with `…` when text was left out. An empty text is one row.
pub fn rows(text: &str, width: usize, most: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = Span::raw(c.to_string()).width();
        if used + w > width {
            if rows.len() == most.max(1) {
                let last = rows.last_mut().expect("one row at least");
                while Span::raw(last.as_str()).width() + 1 > width && last.pop().is_some() {}
                last.push('…');
                return rows;
            }
            rows.push(String::new());
            used = 0;
        }
        rows.last_mut().expect("one row at least").push(c);
        used += w;
    }
    rows
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::Paragraph;

    use super::*;

    fn drawn(line: Line<'static>) -> String {
        let mut terminal = Terminal::new(TestBackend::new(40, 1)).expect("terminal");
        terminal
            .draw(|frame| frame.render_widget(Paragraph::new(line), frame.area()))
            .expect("draws");
        let buffer = terminal.backend().buffer();
        buffer.content().iter().map(|cell| cell.symbol()).collect()
    }

    #[test]
    fn bidi_and_zero_width_characters_show_instead_of_vanishing() {
        let name = "invoice\u{202e}fdp.exe\u{200b}";
        // Unfiltered, ratatui drops them: the name looks harmless.
        assert_eq!(drawn(Line::from(name)).trim_end(), "invoicefdp.exe");
        let shown = drawn(line(Line::from(vec![Span::raw("Name: "), Span::raw(name)])));
        assert_eq!(shown.trim_end(), "Name: invoice<U+202E>fdp.exe<U+200B>");
        assert_eq!(text("a\u{1b}[2Jb"), "a<U+001B>[2Jb");
    }

    #[test]
    fn long_text_breaks_into_a_few_rows_then_an_ellipsis() {
        assert_eq!(rows("short", 10, 3), ["short"]);
        assert_eq!(rows("", 10, 3), [""]);
        assert_eq!(rows("abcdefghij", 4, 3), ["abcd", "efgh", "ij"]);
        assert_eq!(rows("abcdefghijklmn", 4, 3), ["abcd", "efgh", "ijk…"]);
        assert_eq!(rows("東京東京東京", 4, 2), ["東京", "東…"]);
    }
}
