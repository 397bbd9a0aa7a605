//! The word list of `v2` links (`words-v2.txt`): common words of labels, so
//! that "Kveldsstell og legging" costs three words and two spaces.
//!
//! The list is read at compile time; its comment lines are dropped there,
//! so only the words (one `\n` after each) go into the page's module.

const SOURCE: &str = include_str!("words-v2.txt");

/// Bytes of the words with their line ends, comment and empty lines left out.
const LEN: usize = {
    let (bytes, mut i, mut len) = (SOURCE.as_bytes(), 0, 0);
    while i < bytes.len() {
        let end = line_end(bytes, i);
        if keep(bytes, i, end) {
            len += end - i + 1;
        }
        i = end + 1;
    }
    len
};

const WORDS: [u8; LEN] = {
    let (bytes, mut i, mut out, mut o) = (SOURCE.as_bytes(), 0, [0; LEN], 0);
    while i < bytes.len() {
        let end = line_end(bytes, i);
        if keep(bytes, i, end) {
            while i < end {
                out[o] = bytes[i];
                i += 1;
                o += 1;
            }
            out[o] = b'\n';
            o += 1;
        }
        i = end + 1;
    }
    out
};

const fn line_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i] != b'\n' {
        i += 1;
    }
    i
}

const fn keep(bytes: &[u8], start: usize, end: usize) -> bool {
    end > start && bytes[start] != b'#'
}

/// The words, each ended by `\n`, as one text: searched in place, so the
/// page builds no list or map of them.
const TEXT: &str = match std::str::from_utf8(&WORDS) {
    Ok(s) => s,
    Err(_) => panic!("words-v2.txt is not UTF-8"),
};

/// The words in order: a word's place in this list is what a link holds.
pub(super) fn iter() -> std::str::SplitTerminator<'static, char> {
    TEXT.split_terminator('\n')
}

/// The word at `index`.
pub(super) fn get(index: usize) -> Option<&'static str> {
    iter().nth(index)
}

/// The words as a list, for tests and tools.
pub(super) fn list() -> Vec<&'static str> {
    iter().collect()
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
        assert_eq!(super::super::crc32(first.as_bytes()), 0xD6FA_5DC6);
    }

    #[test]
    fn the_list_is_clean_words_each_once() {
        let words = list();
        assert!(words.len() > 64);
        let mut seen = std::collections::HashSet::new();
        for w in &words {
            assert!(seen.insert(*w), "{w} appears twice");
            assert_eq!(w.trim(), *w);
            assert!(!w.is_empty() && !w.contains(' '), "{w:?}");
            // Small letters first, so a capital can be shifted onto it.
            let first = w.chars().next().unwrap_or(' ');
            assert!(super::super::text::capital_of(first).is_some(), "{w}");
        }
    }
}
