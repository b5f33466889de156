//! Text from the store made safe for a terminal.
//!
//! Names, messages, headers and bodies come from the network. Written to a
//! terminal as they are, control characters could clear the screen, set the
//! window title, write the clipboard (OSC 52) or make the terminal type into
//! the shell, and bidi or zero-width characters could reorder or hide text.
//! Everything bctui shows goes through [`visible`] (or [`escape_json`] for JSON
//! output), which writes such characters as inert `<U+XXXX>` text instead.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is shown escaped: C0 controls other than newline and tab, DEL,
/// C1 controls, and the bidi and zero-width format characters.
pub fn is_hidden(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        _ => is_format(c),
    }
}

/// Bidi controls, zero-width characters and other invisible format characters
/// that can reorder or hide the text around them.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2069}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
    )
}

/// `text` with every [hidden](is_hidden) character written as `<U+XXXX>`;
/// newlines and tabs are kept. Borrows when there is nothing to change.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`visible`], for one line of a table, dialog or header: newlines and
/// tabs become spaces too.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\n' || c == '\t' || is_hidden(c)) {
        return Cow::Borrowed(text);
    }
    let spaced: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    Cow::Owned(visible(&spaced).into_owned())
}

/// JSON text (as produced by a JSON serialiser, or a body that parsed as
/// JSON) with DEL, C1 controls and the bidi/zero-width characters written as
/// `\uXXXX` escapes. In valid JSON those characters can only occur inside
/// strings, where the escape stands for the same character, so the result is
/// valid JSON with the same value. Carriage returns, which valid JSON allows
/// only as whitespace between tokens, are dropped so they cannot overwrite a
/// line on the terminal.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    let needs = |c: char| c == '\r' || (c != '\n' && c != '\t' && is_hidden(c));
    if !json.chars().any(needs) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c == '\r' {
            continue;
        }
        if needs(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_format_characters_become_inert_text() {
        let hostile = "a\u{1b}[2Jb\u{9b}31mc\u{7f}d\u{202e}e\u{200b}f\u{7}";
        assert_eq!(
            visible(hostile),
            "a<U+001B>[2Jb<U+009B>31mc<U+007F>d<U+202E>e<U+200B>f<U+0007>"
        );
        assert_eq!(visible("line\n\tnext"), "line\n\tnext");
        assert_eq!(visible_line("line\n\tnext\r"), "line  next<U+000D>");
        assert!(matches!(visible("Grüße, 東京 ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn escaped_json_is_still_the_same_json() {
        let value = serde_json::json!({
            "name": "x\u{9b}2J\u{202e}txt.exe\u{7f}",
            "plain": "Grüße",
        });
        let text = serde_json::to_string_pretty(&value).expect("serialises");
        let escaped = escape_json(&text);
        assert!(!escaped.chars().any(is_hidden_but_whitespace), "{escaped}");
        assert!(escaped.contains("\\u009b") && escaped.contains("\\u202e"));
        let back: serde_json::Value = serde_json::from_str(&escaped).expect("still JSON");
        assert_eq!(back, value);
        assert_eq!(escape_json("{\r\n\"a\": 1}"), "{\n\"a\": 1}");
    }

    fn is_hidden_but_whitespace(c: char) -> bool {
        c != '\n' && c != '\t' && is_hidden(c)
    }
}
