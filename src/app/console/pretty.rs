//! Response bodies made ready for display: JSON pretty-printed and split into
//! tokens for colouring, anything else as plain lines. Pure and possibly slow
//! on big bodies, so the runtime calls it off the UI thread.

use serde::de::IgnoredAny;

use crate::safe_text;

/// Bodies are shown up to this many bytes of formatted text; `w` saves all.
pub const VIEW_CAP: usize = 2 * 1024 * 1024;
/// Longest line kept for display (a minified text body may be one huge line).
const MAX_LINE_CHARS: usize = 2000;

/// What a piece of a JSON line is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Key,
    String,
    Number,
    /// `true`, `false`, `null`.
    Literal,
    Punct,
}

/// One display line: its text and coloured byte ranges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StyledLine {
    pub text: String,
    /// `(start, end, kind)` byte ranges into `text`, in order.
    pub tokens: Vec<(usize, usize, TokenKind)>,
}

/// What sort of body it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Text,
    Empty,
}

/// A body ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseView {
    pub kind: BodyKind,
    pub lines: Vec<StyledLine>,
    /// Size of the raw body in bytes.
    pub total_bytes: usize,
    /// Whether the view stops before the end of the body.
    pub truncated: bool,
}

/// Formats `body` for display, keeping about `cap` bytes of output.
pub fn format_body(body: &[u8], cap: usize) -> ResponseView {
    if body.iter().all(u8::is_ascii_whitespace) {
        return ResponseView {
            kind: BodyKind::Empty,
            lines: Vec::new(),
            total_bytes: body.len(),
            truncated: false,
        };
    }
    let (kind, lines, truncated) = if serde_json::from_slice::<IgnoredAny>(body).is_ok() {
        let (lines, truncated) = pretty_json(body, cap);
        (BodyKind::Json, lines, truncated)
    } else {
        let (lines, truncated) = plain_text(body, cap);
        (BodyKind::Text, lines, truncated)
    };
    ResponseView {
        kind,
        lines,
        total_bytes: body.len(),
        truncated,
    }
}

struct Printer {
    lines: Vec<StyledLine>,
    current: StyledLine,
    indent: usize,
    written: usize,
}

impl Printer {
    fn push(&mut self, text: &str, kind: TokenKind) {
        let start = self.current.text.len();
        self.current.text.push_str(text);
        self.current
            .tokens
            .push((start, self.current.text.len(), kind));
    }

    fn newline(&mut self) {
        let line = std::mem::take(&mut self.current);
        self.written += line.text.len() + 1;
        self.lines.push(clip(line));
        self.current.text = "  ".repeat(self.indent);
    }
}

/// Pretty-prints valid JSON by re-indenting its tokens (numbers keep their
/// exact text). Stops at the first line end past `cap` bytes.
fn pretty_json(body: &[u8], cap: usize) -> (Vec<StyledLine>, bool) {
    let mut p = Printer {
        lines: Vec::new(),
        current: StyledLine::default(),
        indent: 0,
        written: 0,
    };
    let next_significant = |from: usize| {
        body[from..]
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map(|offset| (from + offset, body[from + offset]))
    };
    let mut i = 0;
    while i < body.len() {
        if p.written > cap {
            return (p.lines, true);
        }
        let byte = body[i];
        match byte {
            b'{' | b'[' => {
                let close = if byte == b'{' { b'}' } else { b']' };
                match next_significant(i + 1) {
                    Some((j, b)) if b == close => {
                        p.push(if byte == b'{' { "{}" } else { "[]" }, TokenKind::Punct);
                        i = j + 1;
                        continue;
                    }
                    _ => {
                        p.push(if byte == b'{' { "{" } else { "[" }, TokenKind::Punct);
                        p.indent += 1;
                        p.newline();
                    }
                }
            }
            b'}' | b']' => {
                p.indent = p.indent.saturating_sub(1);
                p.newline();
                p.push(if byte == b'}' { "}" } else { "]" }, TokenKind::Punct);
            }
            b',' => {
                p.push(",", TokenKind::Punct);
                p.newline();
            }
            b':' => p.push(": ", TokenKind::Punct),
            b'"' => {
                let end = string_end(body, i);
                let text = String::from_utf8_lossy(&body[i..end]);
                let kind = match next_significant(end) {
                    Some((_, b':')) => TokenKind::Key,
                    _ => TokenKind::String,
                };
                p.push(&safe_text::visible_line(&text), kind);
                i = end;
                continue;
            }
            b if b.is_ascii_whitespace() => {}
            _ => {
                let end = body[i..]
                    .iter()
                    .position(|b| matches!(b, b',' | b'}' | b']' | b':') || b.is_ascii_whitespace())
                    .map_or(body.len(), |offset| i + offset);
                let text = String::from_utf8_lossy(&body[i..end]);
                let kind = if byte == b'-' || byte.is_ascii_digit() {
                    TokenKind::Number
                } else {
                    TokenKind::Literal
                };
                p.push(&text, kind);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if !p.current.text.trim().is_empty() {
        let line = std::mem::take(&mut p.current);
        p.lines.push(clip(line));
    }
    (p.lines, false)
}

/// The index just past the string starting at `start` (a `"`).
fn string_end(body: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < body.len() {
        match body[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    body.len()
}

/// Plain lines, control and format characters shown as `<U+XXXX>`, up to `cap` bytes.
fn plain_text(body: &[u8], cap: usize) -> (Vec<StyledLine>, bool) {
    let shown = &body[..body.len().min(cap)];
    let text = String::from_utf8_lossy(shown);
    let lines = text
        .lines()
        .map(|line| {
            let text = safe_text::visible_line(&line.replace('\t', "    ")).into_owned();
            clip(StyledLine {
                text,
                tokens: Vec::new(),
            })
        })
        .collect();
    (lines, body.len() > cap)
}

/// Shortens a very long line so drawing stays cheap.
fn clip(mut line: StyledLine) -> StyledLine {
    if line.text.len() <= MAX_LINE_CHARS {
        return line;
    }
    let cut = line
        .text
        .char_indices()
        .nth(MAX_LINE_CHARS)
        .map_or(line.text.len(), |(i, _)| i);
    line.text.truncate(cut);
    line.text.push('…');
    line.tokens.retain(|t| t.0 < cut);
    if let Some(last) = line.tokens.last_mut() {
        last.1 = last.1.min(cut);
    }
    line
}

/// Where `query` occurs (ASCII case-insensitive): `(line, start, end)` byte ranges.
pub fn find_matches(lines: &[StyledLine], query: &str) -> Vec<(usize, usize, usize)> {
    if query.is_empty() {
        return Vec::new();
    }
    let needle = query.to_ascii_lowercase();
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let haystack = line.text.to_ascii_lowercase();
        let mut from = 0;
        while let Some(offset) = haystack[from..].find(&needle) {
            let start = from + offset;
            found.push((index, start, start + needle.len()));
            from = start + needle.len().max(1);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(view: &ResponseView) -> Vec<&str> {
        view.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn json_is_indented_and_tokenised() {
        let view = format_body(
            br#"{"data":[{"id":1.50,"name":"A \"jar\"","ok":true,"tags":[]}],"meta":{}}"#,
            VIEW_CAP,
        );
        assert_eq!(view.kind, BodyKind::Json);
        assert_eq!(
            texts(&view),
            vec![
                "{",
                "  \"data\": [",
                "    {",
                "      \"id\": 1.50,",
                "      \"name\": \"A \\\"jar\\\"\",",
                "      \"ok\": true,",
                "      \"tags\": []",
                "    }",
                "  ],",
                "  \"meta\": {}",
                "}",
            ]
        );
        let id_line = &view.lines[3];
        assert_eq!(
            id_line.tokens,
            vec![
                (6, 10, TokenKind::Key),
                (10, 12, TokenKind::Punct),
                (12, 16, TokenKind::Number),
                (16, 17, TokenKind::Punct),
            ]
        );
        assert!(!view.truncated);
    }

    #[test]
    fn empty_and_text_bodies() {
        assert_eq!(format_body(b"  \n", VIEW_CAP).kind, BodyKind::Empty);
        let view = format_body(b"<html>\n\tnope</html>", VIEW_CAP);
        assert_eq!(view.kind, BodyKind::Text);
        assert_eq!(texts(&view), vec!["<html>", "    nope</html>"]);
    }

    #[test]
    fn escapes_and_format_characters_show_as_text() {
        let view = format_body("a\u{1b}]0;t\u{7}b\u{9b}2J\u{202e}c".as_bytes(), VIEW_CAP);
        assert_eq!(
            texts(&view),
            vec!["a<U+001B>]0;t<U+0007>b<U+009B>2J<U+202E>c"]
        );
        let view = format_body("{\"name\":\"x\u{202e}y\u{9b}\"}".as_bytes(), VIEW_CAP);
        assert_eq!(texts(&view)[1], "  \"name\": \"x<U+202E>y<U+009B>\"");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 256,
            failure_persistence: None,
            ..Default::default()
        })]

        /// Whatever the body, formatting never panics and no line holds a
        /// character that could drive or reorder the terminal.
        #[test]
        fn any_body_formats_to_inert_lines(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            chars in proptest::collection::vec(proptest::prelude::any::<char>(), 0..40),
        ) {
            let text: String = chars.into_iter().collect();
            let json = serde_json::json!({ "name": text, "list": [text.clone(), 1] }).to_string();
            for body in [&bytes[..], text.as_bytes(), json.as_bytes()] {
                let view = format_body(body, VIEW_CAP);
                for line in &view.lines {
                    proptest::prop_assert!(
                        !line.text.chars().any(crate::safe_text::is_hidden),
                        "{:?}",
                        line.text
                    );
                }
            }
        }
    }

    #[test]
    fn big_bodies_are_cut_at_the_cap() {
        let items: Vec<String> = (0..5000).map(|i| format!("{{\"id\":{i}}}")).collect();
        let body = format!("[{}]", items.join(","));
        let view = format_body(body.as_bytes(), 1000);
        assert!(view.truncated);
        let shown: usize = view.lines.iter().map(|l| l.text.len() + 1).sum();
        assert!((1000..1100).contains(&shown), "{shown}");
        assert_eq!(view.total_bytes, body.len());
    }

    #[test]
    fn search_finds_every_match() {
        let view = format_body(br#"{"name":"Jar","other":"jar jar"}"#, VIEW_CAP);
        let found = find_matches(&view.lines, "JAR");
        assert_eq!(found.len(), 3);
        assert_eq!(found[0], (1, 11, 14));
    }
}
