//! Packed text: fixed prefix codes for the letters of labels and notes, and
//! the bit streams they are written into.
//!
//! Labels and notes are mostly Norwegian words: a fixed prefix code (a
//! static Huffman code) gives the common letters 3–5 bits instead of 8.
//! Capitals are a shift symbol and the small letter; anything not in the
//! table is an escape symbol and the character's 21-bit code point. Each
//! table is part of the link format of its layout: [`V1`] never changes
//! within `v1`, [`V2`] never within `v2`.

/// A symbol of a code.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Symbol {
    Char(char),
    /// The next symbol is a small letter (or, in `v2`, a word), to be read
    /// with a capital first letter.
    Shift,
    /// The next 21 bits are a character's code point.
    Escape,
    /// `v2` only: a word from the word list follows (`v2::word`).
    Word,
}
use Symbol::{Char, Escape, Shift, Word};

/// A canonical prefix code: each symbol with its length in bits, shortest
/// first (the order gives the codes), and what is derived from that.
pub(super) struct Code {
    table: &'static [(Symbol, u8)],
    /// How many symbols have each length.
    counts: [u32; MAX_BITS + 1],
    /// The symbol of each character in [`char_slot`] order, or `NONE`: a
    /// character is looked up once per character of every text, so not by
    /// searching the table.
    chars: [u8; SLOTS],
}

const MAX_BITS: usize = 13;
pub(super) const ESCAPE_BITS: u32 = 21;
const NONE: u8 = u8::MAX;

const fn counts(table: &[(Symbol, u8)]) -> [u32; MAX_BITS + 1] {
    let mut counts = [0; MAX_BITS + 1];
    let mut i = 0;
    while i < table.len() {
        counts[table[i].1 as usize] += 1;
        i += 1;
    }
    counts
}

/// ASCII by its code, then æ, ø and å: every character a table holds.
const SLOTS: usize = 131;

/// Where `c` has its row in `Code::chars`, if a table can hold it.
const fn char_slot(c: char) -> Option<usize> {
    match c {
        '\0'..='\x7f' => Some(c as usize),
        'æ' => Some(128),
        'ø' => Some(129),
        'å' => Some(130),
        _ => None,
    }
}

const fn chars(table: &[(Symbol, u8)]) -> [u8; SLOTS] {
    let mut chars = [NONE; SLOTS];
    let mut i = 0;
    while i < table.len() {
        if let Char(c) = table[i].0 {
            if let Some(slot) = char_slot(c) {
                chars[slot] = i as u8;
            }
        }
        i += 1;
    }
    chars
}

/// The `v1` code. Lengths come from rough letter frequencies in Norwegian
/// text; a test checks the code is complete.
#[rustfmt::skip]
const V1_TABLE: [(Symbol, u8); 57] = [
    (Char(' '), 3), (Char('e'), 3),
    (Char('r'), 4), (Char('n'), 4), (Char('t'), 4), (Char('s'), 4), (Char('a'), 4),
    (Char('i'), 5), (Char('l'), 5), (Char('o'), 5), (Char('d'), 5), (Char('g'), 5), (Char('k'), 5),
    (Char('m'), 5), (Shift, 5),
    (Char('v'), 6), (Char('h'), 6), (Char('f'), 6), (Char('u'), 6), (Char('p'), 6), (Char('b'), 6),
    (Char('å'), 7), (Char('ø'), 7), (Char('j'), 7), (Char('y'), 7), (Char(','), 7), (Char('.'), 7),
    (Char('æ'), 8), (Char('\n'), 8), (Char('0'), 8), (Char('1'), 8), (Char('2'), 8),
    (Char('c'), 9), (Char('-'), 9), (Char('/'), 9), (Char('3'), 9), (Char('4'), 9), (Char('5'), 9),
    (Char('6'), 9), (Char('7'), 9), (Char('8'), 9), (Char('9'), 9),
    (Char('('), 10), (Char(')'), 10), (Char(':'), 10), (Escape, 10),
    (Char('w'), 11), (Char('z'), 11), (Char('!'), 11), (Char('?'), 11), (Char('&'), 11),
    (Char('x'), 12), (Char('q'), 12), (Char('\''), 12), (Char('"'), 12), (Char('+'), 12), (Char('%'), 12),
];
pub(super) const V1: Code = Code {
    table: &V1_TABLE,
    counts: counts(&V1_TABLE),
    chars: chars(&V1_TABLE),
};

/// The `v2` code: the `v1` code with a word symbol. Most of a label's
/// letters now come as whole words, so what is left between them is mostly
/// spaces: the word and the space get 2 bits each, `e` keeps 3, and every
/// other symbol is one bit longer than in `v1`.
#[rustfmt::skip]
const V2_TABLE: [(Symbol, u8); 58] = [
    (Word, 2), (Char(' '), 2),
    (Char('e'), 3),
    (Char('r'), 5), (Char('n'), 5), (Char('t'), 5), (Char('s'), 5), (Char('a'), 5),
    (Char('i'), 6), (Char('l'), 6), (Char('o'), 6), (Char('d'), 6), (Char('g'), 6), (Char('k'), 6),
    (Char('m'), 6), (Shift, 6),
    (Char('v'), 7), (Char('h'), 7), (Char('f'), 7), (Char('u'), 7), (Char('p'), 7), (Char('b'), 7),
    (Char('å'), 8), (Char('ø'), 8), (Char('j'), 8), (Char('y'), 8), (Char(','), 8), (Char('.'), 8),
    (Char('æ'), 9), (Char('\n'), 9), (Char('0'), 9), (Char('1'), 9), (Char('2'), 9),
    (Char('c'), 10), (Char('-'), 10), (Char('/'), 10), (Char('3'), 10), (Char('4'), 10), (Char('5'), 10),
    (Char('6'), 10), (Char('7'), 10), (Char('8'), 10), (Char('9'), 10),
    (Char('('), 11), (Char(')'), 11), (Char(':'), 11), (Escape, 11),
    (Char('w'), 12), (Char('z'), 12), (Char('!'), 12), (Char('?'), 12), (Char('&'), 12),
    (Char('x'), 13), (Char('q'), 13), (Char('\''), 13), (Char('"'), 13), (Char('+'), 13), (Char('%'), 13),
];
pub(super) const V2: Code = Code {
    table: &V2_TABLE,
    counts: counts(&V2_TABLE),
    chars: chars(&V2_TABLE),
};

impl Code {
    #[cfg(test)]
    pub(super) fn index_of(&self, symbol: Symbol) -> Option<usize> {
        self.table.iter().position(|(s, _)| *s == symbol)
    }

    /// The symbol for a character the table holds.
    pub(super) fn char_index(&self, c: char) -> Option<usize> {
        char_slot(c)
            .and_then(|slot| self.chars.get(slot))
            .filter(|i| **i != NONE)
            .map(|i| usize::from(*i))
    }
}

/// The small letter behind a capital the tables can shift, such as Ø → ø.
pub(super) fn small_of(c: char) -> Option<char> {
    match c {
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        'Æ' => Some('æ'),
        'Ø' => Some('ø'),
        'Å' => Some('å'),
        _ => None,
    }
}

pub(super) fn capital_of(c: char) -> Option<char> {
    match c {
        'a'..='z' => Some(c.to_ascii_uppercase()),
        'æ' => Some('Æ'),
        'ø' => Some('Ø'),
        'å' => Some('Å'),
        _ => None,
    }
}

/// Reads the code point after an escape: refused when the table would have
/// written it shorter (then it is not ours).
pub(super) fn read_escaped(r: &mut BitReader, code: &Code) -> Option<char> {
    let c = char::from_u32(u32::try_from(r.bits(ESCAPE_BITS)?).ok()?)?;
    if code.char_index(c).is_some() || small_of(c).is_some() {
        return None;
    }
    Some(c)
}

pub(super) struct BitReader<'a> {
    bytes: &'a [u8],
    /// Bits read so far.
    pub(super) pos: usize,
}

impl<'a> BitReader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        BitReader { bytes, pos: 0 }
    }

    pub(super) fn bit(&mut self) -> Option<bool> {
        let byte = self.bytes.get(self.pos / 8)?;
        let bit = (byte >> (7 - self.pos % 8)) & 1;
        self.pos += 1;
        Some(bit != 0)
    }

    /// `n` bits (at most 64) as a number.
    pub(super) fn bits(&mut self, n: u32) -> Option<u64> {
        let mut v = 0;
        for _ in 0..n {
            v = v << 1 | u64::from(self.bit()?);
        }
        Some(v)
    }

    /// An Exp-Golomb number of at most 64 bits.
    pub(super) fn number(&mut self) -> Option<u64> {
        let mut zeros = 0;
        while !self.bit()? {
            zeros += 1;
            if zeros > 64 {
                return None;
            }
        }
        let low = self.bits(zeros)?;
        if zeros == 64 {
            // 2^64 + low - 1 fits in 64 bits only when low is 0.
            return (low == 0).then_some(u64::MAX);
        }
        Some((1 << zeros | low) - 1)
    }

    /// Bits not yet read.
    pub(super) fn left(&self) -> usize {
        (self.bytes.len() * 8).saturating_sub(self.pos)
    }

    /// The rest of the last byte begun is zero bits.
    pub(super) fn padding_is_zero(&mut self) -> bool {
        let padding = (8 - self.pos % 8) % 8;
        self.bits(padding as u32) == Some(0)
    }

    /// One symbol, a bit at a time: the canonical code of each length is a
    /// range that starts where the previous length's ended.
    pub(super) fn symbol(&mut self, code: &Code) -> Option<Symbol> {
        let (mut value, mut first, mut index) = (0u32, 0u32, 0u32);
        for count in code.counts.iter().skip(1) {
            value |= u32::from(self.bit()?);
            if value < first + count {
                return code
                    .table
                    .get((index + value - first) as usize)
                    .map(|(s, _)| *s);
            }
            index += count;
            first = (first + count) << 1;
            value <<= 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_codes_are_complete_and_in_canonical_order() {
        for code in [&V1, &V2] {
            // Kraft's sum is exactly 1: every bit string starts some symbol.
            let kraft: u32 = code
                .table
                .iter()
                .map(|(_, l)| 1 << (MAX_BITS as u8 - l))
                .sum();
            assert_eq!(kraft, 1 << MAX_BITS);
            assert!(code.table.windows(2).all(|w| w[0].1 <= w[1].1));
            for (i, (s, _)) in code.table.iter().enumerate() {
                assert_eq!(code.index_of(*s), Some(i), "a symbol appears twice");
                if let Char(c) = s {
                    assert_eq!(code.char_index(*c), Some(i), "{c:?}");
                }
            }
            assert!(code.index_of(Shift).is_some() && code.index_of(Escape).is_some());
            assert_eq!(code.char_index('é'), None);
            assert_eq!(code.char_index('A'), None);
            for c in ('a'..='z').chain(['æ', 'ø', 'å']) {
                assert!(code.index_of(Char(c)).is_some(), "{c}");
                assert_eq!(capital_of(c).and_then(small_of), Some(c));
            }
        }
        assert_eq!(V1.index_of(Word), None);
        // v2 is v1 with a word symbol: the same characters.
        let chars = |code: &Code| {
            let mut v: Vec<char> = code
                .table
                .iter()
                .filter_map(|(s, _)| if let Char(c) = s { Some(*c) } else { None })
                .collect();
            v.sort_unstable();
            v
        };
        assert_eq!(chars(&V1), chars(&V2));
    }

    #[test]
    fn numbers_beyond_64_bits_are_refused() {
        // 65 zeros: more than 64 bits.
        assert_eq!(BitReader::new(&[0; 9]).number(), None);
        // 64 zeros, a one, then 64 bits: 2^64 + low - 1, which fits only
        // when low is 0.
        let mut max = vec![0u8; 8];
        max.push(0x80);
        max.extend([0u8; 8]);
        assert_eq!(BitReader::new(&max).number(), Some(u64::MAX));
        let mut over = max.clone();
        over[16] = 0x80;
        assert_eq!(BitReader::new(&over).number(), None);
    }
}
