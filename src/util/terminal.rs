//! Text from a file or link, made safe to print on a terminal.
//!
//! A label is the person's own words, but a file or link can come from
//! anyone: an ESC sequence can recolour or clear the screen, a carriage
//! return can overwrite the line before it (a forged "KONKLUSJON:"), BEL
//! rings, and a right-to-left override (U+202E) reverses what follows. The
//! text report and error messages print such characters as visible escapes
//! (`\u{1b}`), so what the person reads is what the file holds. JSON output
//! escapes control characters already; bidirectional ones it leaves, as
//! JSON must, for programs rather than people.

use std::borrow::Cow;

/// A character that must not reach a terminal as it is: C0 and C1 controls
/// (a line break included: one entry is one line) and the bidirectional
/// embeddings, overrides, isolates and marks.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character written as `\u{…}`.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn controls_and_bidi_are_escaped_and_the_rest_is_kept() {
        assert_eq!(safe("Stå opp, dusj"), "Stå opp, dusj");
        assert_eq!(safe("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(safe("x\rKONKLUSJON: ja"), "x\\u{d}KONKLUSJON: ja");
        assert_eq!(safe("\u{7}"), "\\u{7}");
        assert_eq!(safe("abc\u{202E}fed"), "abc\\u{202e}fed");
        assert_eq!(safe("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(safe("linje\nto"), "linje\\u{a}to");
        assert_eq!(safe("æøå 😀 عربي"), "æøå 😀 عربي");
    }
}
