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
    /// The canonical code of each symbol: consecutive within a length,
    /// shifted left when the length grows.
    codes: &'static [u32],
    /// The symbol of each character in [`char_slot`] order, or `NONE`: a
    /// character is looked up once per character of every text, so not by
    /// searching the table.
    chars: [u8; SLOTS],
    /// The shift and escape symbols, found when the page is built.
    pub(super) shift: usize,
    pub(super) escape: usize,
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

const fn codes<const N: usize>(table: &[(Symbol, u8); N]) -> [u32; N] {
    let mut codes = [0; N];
    let mut code = 0u32;
    let mut i = 1;
    while i < N {
        code = (code + 1) << (table[i].1 - table[i - 1].1);
        codes[i] = code;
        i += 1;
    }
    codes
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

/// The place of a symbol that is not a character in `table`; the build
/// stops when it is missing.
const fn position(table: &[(Symbol, u8)], symbol: Symbol) -> usize {
    let mut i = 0;
    while i < table.len() {
        if matches!(
            (table[i].0, symbol),
            (Shift, Shift) | (Escape, Escape) | (Word, Word)
        ) {
            return i;
        }
        i += 1;
    }
    panic!("a code without this symbol")
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
    codes: &codes(&V1_TABLE),
    chars: chars(&V1_TABLE),
    shift: position(&V1_TABLE, Shift),
    escape: position(&V1_TABLE, Escape),
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
    codes: &codes(&V2_TABLE),
    chars: chars(&V2_TABLE),
    shift: position(&V2_TABLE, Shift),
    escape: position(&V2_TABLE, Escape),
};

/// The word symbol of the `v2` code.
pub(super) const V2_WORD: usize = position(&V2_TABLE, Word);

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

    /// Length in bits of the symbol at `i`.
    pub(super) fn len(&self, i: usize) -> u32 {
        self.table.get(i).map_or(0, |(_, l)| u32::from(*l))
    }

    /// Bits to write the character `c`: its symbol, shift and the small
    /// letter, or escape and its code point.
    pub(super) fn char_bits(&self, c: char) -> u32 {
        if let Some(i) = self.char_index(c) {
            self.len(i)
        } else if let Some(i) = small_of(c).and_then(|s| self.char_index(s)) {
            self.len(self.shift) + self.len(i)
        } else {
            self.len(self.escape) + ESCAPE_BITS
        }
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

/// A text that starts with a capital the table can shift ("Middag"), with
/// that letter made small: most labels start so, and the link then says
/// "capital first" in the text's mode, not with a shift symbol.
pub(super) fn decapitalise(s: &str) -> Option<String> {
    let mut chars = s.chars();
    let mut out = String::with_capacity(s.len());
    out.push(small_of(chars.next()?)?);
    out.push_str(chars.as_str());
    Some(out)
}

/// Writes a character with `code`: its symbol, shift and the small letter,
/// or escape and the code point.
pub(super) fn write_char(out: &mut BitWriter, code: &Code, c: char) {
    if let Some(i) = code.char_index(c) {
        out.symbol(code, i);
    } else if let Some(i) = small_of(c).and_then(|s| code.char_index(s)) {
        out.symbol(code, code.shift);
        out.symbol(code, i);
    } else {
        out.symbol(code, code.escape);
        out.bits(u64::from(u32::from(c)), ESCAPE_BITS);
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

/// `v1`: packs a text, padded with zero bits to a whole byte.
pub(super) fn pack(s: &str) -> Vec<u8> {
    let mut out = BitWriter::default();
    for c in s.chars() {
        write_char(&mut out, &V1, c);
    }
    out.finish()
}

/// `v1`: reads `chars` characters from the start of `bytes` (the tests'
/// check on [`pack`]: links are read by `link::Reader`, which reads both
/// layouts from one bit stream); returns the text and the number of bytes it took. `None` when the bits run out, a
/// code is unknown, the padding is not zero, or a shift or escape is misused.
#[cfg(test)]
pub(super) fn unpack(bytes: &[u8], chars: usize) -> Option<(String, usize)> {
    let mut r = BitReader::new(bytes);
    // At least 3 bits a character: never more than the input can hold.
    let mut s = String::with_capacity(chars.min(bytes.len() * 8 / 3));
    for _ in 0..chars {
        let c = match r.symbol(&V1)? {
            Char(c) => c,
            Shift => match r.symbol(&V1)? {
                Char(small) => capital_of(small)?,
                _ => return None,
            },
            Escape => read_escaped(&mut r, &V1)?,
            Word => return None,
        };
        s.push(c);
    }
    let used = r.pos.div_ceil(8);
    r.padding_is_zero().then_some((s, used))
}

/// Bits written most significant first, into bytes.
#[derive(Default)]
pub(super) struct BitWriter {
    bytes: Vec<u8>,
    used: u64,
}

impl BitWriter {
    pub(super) fn symbol(&mut self, code: &Code, i: usize) {
        if let (Some(c), Some((_, len))) = (code.codes.get(i), code.table.get(i)) {
            self.bits(u64::from(*c), u32::from(*len));
        }
    }

    /// The low `n` bits of `v`, most significant first.
    pub(super) fn bits(&mut self, v: u64, n: u32) {
        for k in (0..n).rev() {
            self.bit(v >> k & 1 != 0);
        }
    }

    pub(super) fn bit(&mut self, on: bool) {
        if self.used % 8 == 0 {
            self.bytes.push(0);
        }
        if let Some(last) = self.bytes.last_mut() {
            *last |= u8::from(on) << (7 - self.used % 8);
        }
        self.used += 1;
    }

    /// Exp-Golomb: `v + 1` in binary, after as many zero bits as it has
    /// bits less one. 1 bit for 0, 3 for 1–2, 5 for 3–6, …
    /// (In u64, not u128: wide arithmetic costs the page helper functions.)
    pub(super) fn number(&mut self, v: u64) {
        let n = number_bits(v).div_ceil(2);
        for _ in 1..n {
            self.bit(false);
        }
        // v + 1 = 2^64 (65 bits) for u64::MAX: a one, then 64 zero bits.
        let (x, carry) = v.overflowing_add(1);
        if carry {
            self.bit(true);
        }
        self.bits(x, n.min(64));
    }

    pub(super) fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// Bits in an Exp-Golomb number.
pub(super) fn number_bits(v: u64) -> u32 {
    let n = v.checked_add(1).map_or(65, |x| 64 - x.leading_zeros());
    2 * n - 1
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
    fn texts_pack_and_unpack() {
        for s in [
            "",
            "Stå opp, stell og frokost",
            "ÆØÅ æøå Ünïcödé 😀 \u{10FFFF} tab\there\r\n",
            "é",
        ] {
            let packed = pack(s);
            let (back, used) = unpack(&packed, s.chars().count()).unwrap_or_default();
            assert_eq!(back, s);
            assert_eq!(used, packed.len());
        }
        // Common Norwegian text packs to well under its UTF-8 size.
        let s = "Kveldsstell og legging";
        assert!(pack(s).len() * 10 < s.len() * 7);
    }

    #[test]
    fn a_bad_escape_or_shift_is_refused() {
        let mut w = BitWriter::default();
        w.symbol(&V1, V1.index_of(Escape).unwrap_or(0));
        w.bits(u64::from('e'), ESCAPE_BITS); // 'e' has its own code
        assert_eq!(unpack(&w.finish(), 1), None);
        let mut w = BitWriter::default();
        w.symbol(&V1, V1.index_of(Shift).unwrap_or(0));
        w.symbol(&V1, V1.index_of(Char('1')).unwrap_or(0)); // no capital 1
        assert_eq!(unpack(&w.finish(), 1), None);
    }

    #[test]
    fn numbers_round_trip_in_as_many_bits_as_said() {
        for v in [
            0,
            1,
            2,
            3,
            6,
            7,
            100,
            u64::from(u32::MAX),
            u64::MAX - 1,
            u64::MAX,
        ] {
            let mut w = BitWriter::default();
            w.number(v);
            assert_eq!(w.used, u64::from(number_bits(v)), "{v}");
            let bytes = w.finish();
            assert_eq!(BitReader::new(&bytes).number(), Some(v));
        }
        // 65 zeros: more than 64 bits.
        assert_eq!(BitReader::new(&[0; 9]).number(), None);
        // 64 zeros: 2^64 + low - 1, in 64 bits only when low is 0.
        for (low, read) in [(0, Some(u64::MAX)), (1, None), (u64::MAX, None)] {
            let mut w = BitWriter::default();
            w.bits(0, 64);
            w.bit(true);
            w.bits(low, 64);
            assert_eq!(BitReader::new(&w.finish()).number(), read, "{low}");
        }
    }
}
