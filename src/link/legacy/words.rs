//! The word list of `v2` links (`words-v2.txt`): common words of labels, so
//! that "Kveldsstell og legging" cost three words and two spaces. Frozen: a
//! link holds positions in this list.

use std::sync::OnceLock;

/// The words in order, comment and empty lines left out: a word's place in
/// this list is what a link holds.
pub(crate) fn list() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("words-v2.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// The word at `index`.
pub(super) fn get(index: usize) -> Option<&'static str> {
    list().get(index).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list only grows at the end: the words v2 was released with are
    /// still the first ones, in the same order. If this fails, a word was
    /// changed, moved or removed, and old links would open to other text.
    #[test]
    fn the_words_of_the_first_release_are_unchanged() {
        let words = list();
        let first: String = words.iter().take(433).map(|w| format!("{w}\n")).collect();
        assert!(words.len() >= 433);
        assert_eq!(crc32fast::hash(first.as_bytes()), 0xD6FA_5DC6);
    }

    #[test]
    fn the_list_is_clean_words_each_once() {
        let words = list();
        assert!(words.len() > 64);
        let mut seen = std::collections::HashSet::new();
        for w in words {
            assert!(seen.insert(*w), "{w} appears twice");
            assert_eq!(w.trim(), *w);
            assert!(!w.is_empty() && !w.contains(' '), "{w:?}");
            // Small letters first, so a capital can be shifted onto it.
            let first = w.chars().next().unwrap_or(' ');
            assert!(super::super::text::capital_of(first).is_some(), "{w}");
        }
    }
}
