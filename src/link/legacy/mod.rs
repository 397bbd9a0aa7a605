//! Share links of the first two layouts, `v1` and `v2`: read only.
//!
//! Before `v3`, links were written by hand, field by field, packed into as
//! few bits as possible. Those links live on in e-mails and case files, so
//! they keep opening: this module reads both layouts, frozen as they were
//! (the golden links in `tests/links/` prove it), and writes neither.
//! Everything read goes through the same checks as any case.
//!
//! The `v1` layout (all numbers are LEB128 varints unless a byte is named):
//!
//! ```text
//! link     = "v1." base64url(body crc32-le)
//! body     = rules sections:byte [person] [needs] [monthly] [settings] [notes]
//! rules    = days-since-2000-01-01 + 1, edit     ("2020-07-01.1")
//!          | 0, text                             (any other version string)
//! sections = bit 0 person, 1 needs, 2 monthly, 3 settings, 4 notes: only
//!            what differs from the defaults is written
//! person   = age+1 (0: not given), answers, n, service×n
//! answers  = long_lasting | granted_before_67 << 2 | applicant << 4
//!            | arbeidsleder << 7                  (each: 0 not given, else code+1)
//! needs    = n, need×n
//! need     = head:byte days:byte start:time end:time [helpers*8+place] [label:text]
//! head     = kind | crosses_midnight << 3 | continuous << 4 | has label << 5
//!            | has helpers/place << 6
//! days     = bit 0 Monday … bit 6 Sunday
//! time     = minutes/15 when on the quarter hour (0–96), else 97 + minutes
//! monthly  = n, (head:byte hours [place:byte] [label:text])×n
//!            head = kind | has place << 3 | has label << 4
//! hours    = quarter hours × 2 when a whole number of quarter hours,
//!            else 1 then the f64's 8 bytes (little-endian): exact either way
//! settings = flags:byte (night, date, lang, municipality)
//!            [start:time end:time] [days-since-1900-01-01] [lang] [text]
//! lang     = 1 nb, 2 nn, 3 en, 4 se, or 0 then text
//! notes    = flags:byte (goal, help, arbeidsleder, aids, other), text each
//! text     = n*4 + mode: 0 n UTF-8 bytes; 1 n characters packed with the
//!            fixed code in `mod text`; 2 the same as the n-th latest text
//!            written before it (labels repeat across days); 3 as 1, and
//!            then the first letter is a capital ("Middag")
//! ```
//!
//! The `v2` layout is described in [`v2`].

mod text;
mod v2;
mod words;

use crate::case::time::{Date, Days, TimeOfDay};
use crate::case::{
    Answer, Applicant, Arbeidsleder, Case, CurrentService, MonthlyNeed, Need, NeedKind,
    NightWindow, Person, Place, Settings,
};
use crate::config;
use text::{BitReader, Symbol};

/// The word list of `v2` links, for tests.
pub(super) fn words() -> &'static [&'static str] {
    words::list()
}

/// The case and the rules version in the body of a `v1` or `v2` link
/// (checksum already checked), or `Unreadable`.
pub(super) fn read(version: u32, body: &[u8]) -> Result<(Case, String), Unreadable> {
    read_case(&mut Reader::new(body, version == 1))
}

const SECTION_PERSON: u8 = 1;
const SECTION_NEEDS: u8 = 1 << 1;
const SECTION_MONTHLY: u8 = 1 << 2;
const SECTION_SETTINGS: u8 = 1 << 3;
const SECTION_NOTES: u8 = 1 << 4;

const NEED_CROSSES_MIDNIGHT: u8 = 1 << 3;
const NEED_CONTINUOUS: u8 = 1 << 4;
const NEED_LABEL: u8 = 1 << 5;
const NEED_EXTRA: u8 = 1 << 6;

const MONTHLY_PLACE: u8 = 1 << 3;
const MONTHLY_LABEL: u8 = 1 << 4;

const SETTING_NIGHT: u8 = 1;
const SETTING_DATE: u8 = 1 << 1;
const SETTING_LANG: u8 = 1 << 2;
const SETTING_MUNICIPALITY: u8 = 1 << 3;

/// Longest rules version string kept when it is not "date.edit".
const MAX_RULES_VERSION_CHARS: usize = 32;

/// Largest number of quarter hours written as a whole number.
const MAX_QUARTER_HOURS: f64 = (1u64 << 40) as f64;

/// Page languages by code: 1 nb, 2 nn, 3 en, 4 se. Append only.
const LANGS: [&str; 4] = ["nb", "nn", "en", "se"];

/// Times not on a quarter hour are written as this plus their minutes.
const OFF_GRID: u32 = 97;
const TEXT_PLAIN: u64 = 0;
const TEXT_PACKED: u64 = 1;
const TEXT_REPEAT: u64 = 2;
const TEXT_CAPITALISED: u64 = 3;

// ---------------------------------------------------------------------------
// Reading a case
// ---------------------------------------------------------------------------

/// The body does not follow the layout. Only a link made by hand (or a bug)
/// gets past the checksum with this, so one plain message covers it all.
#[derive(Debug, PartialEq)]
pub(super) struct Unreadable;

type Read<T> = Result<T, Unreadable>;

/// Reads a case in either layout: the fields both share are read here, the
/// ones whose shape differs (a need, a monthly need) by each layout's own
/// function. One reader for both keeps the page's module small.
pub(super) fn read_case(r: &mut Reader) -> Read<(Case, String)> {
    let rules_version = read_rules_version(r)?;
    let sections = r.flags(5)?;
    let mut case = Case::default();
    if sections & SECTION_PERSON != 0 {
        case.person = read_person(r)?;
    }
    if sections & SECTION_NEEDS != 0 {
        let n = r.count(config::MAX_NEEDS)?;
        let mut needs = Vec::with_capacity(n);
        for _ in 0..n {
            needs.push(if r.v1 { read_need(r)? } else { r.need_v2()? });
        }
        case.needs = needs;
    }
    if sections & SECTION_MONTHLY != 0 {
        let n = r.count(config::MAX_MONTHLY)?;
        let mut monthly = Vec::with_capacity(n);
        for _ in 0..n {
            monthly.push(if r.v1 {
                read_monthly(r)?
            } else {
                r.monthly_v2()?
            });
        }
        case.monthly = monthly;
    }
    if sections & SECTION_SETTINGS != 0 {
        case.settings = read_settings(r)?;
    }
    if sections & SECTION_NOTES != 0 {
        let flags = r.flags(5)?;
        let n = &mut case.notes;
        let texts = [
            &mut n.goal,
            &mut n.help,
            &mut n.arbeidsleder,
            &mut n.aids,
            &mut n.other,
        ];
        for (i, text) in texts.into_iter().enumerate() {
            if flags & (1 << i) != 0 {
                *text = r.text(config::MAX_NOTE_CHARS)?;
            }
        }
    }
    // Only zero bits to the end of the last byte, and nothing after it.
    if !r.bits.padding_is_zero() || r.bits.left() != 0 {
        return Err(Unreadable);
    }
    // Made in the first case format: say so, as a file of that time would.
    case.version = 1;
    Ok((case, rules_version))
}

/// "2020-07-01.1" from a day number and an edit number, or a text.
fn read_rules_version(r: &mut Reader) -> Read<String> {
    let epoch = if r.v1 { EPOCH_2000 } else { v2::EPOCH_2020 };
    match r.number()? {
        0 => r.text(MAX_RULES_VERSION_CHARS),
        days => {
            let date = date_from(days - 1, epoch)?;
            let edit = r.number()?;
            Ok(rules_version_text(date, edit))
        }
    }
}

/// "2020-07-01.1": a rules version from its date and edit number.
fn rules_version_text(date: Date, edit: u64) -> String {
    format!("{date}.{edit}")
}

fn read_person(r: &mut Reader) -> Read<Person> {
    let age = match r.number()? {
        0 => None,
        a => Some(i64::try_from(a - 1).map_err(|_| Unreadable)?),
    };
    let answers = if r.v1 { r.varint()? } else { r.bits(10)? };
    if answers >> 10 != 0 {
        return Err(Unreadable);
    }
    /// 0 is "not given", else the code plus one.
    fn optional<T>(v: u64, from: fn(u64) -> Option<T>) -> Read<Option<T>> {
        match v {
            0 => Ok(None),
            c => from(c - 1).map(Some).ok_or(Unreadable),
        }
    }
    let long_lasting = optional(answers & 0b11, answer_from)?;
    let granted_before_67 = optional(answers >> 2 & 0b11, answer_from)?;
    let applicant = optional(answers >> 4 & 0b111, applicant_from)?;
    let arbeidsleder = optional(answers >> 7 & 0b111, arbeidsleder_from)?;
    let n = r.count(config::MAX_CURRENT_SERVICES)?;
    let mut current_services = Vec::with_capacity(n);
    for _ in 0..n {
        let code = r.bits(if r.v1 { 8 } else { 3 })?;
        current_services.push(service_from(code).ok_or(Unreadable)?);
    }
    // Fields added to the model after `v2` take their defaults.
    #[allow(clippy::needless_update)]
    Ok(Person {
        age,
        long_lasting,
        granted_before_67,
        applicant,
        arbeidsleder,
        current_services,
        ..Person::default()
    })
}

/// A `v1` need (the `v2` one is `Reader::need_v2`).
fn read_need(r: &mut Reader) -> Read<Need> {
    let head = r.byte()?;
    if head >> 7 != 0 {
        return Err(Unreadable);
    }
    let kind = kind_from(u64::from(head & 0b111)).ok_or(Unreadable)?;
    let days = r.byte()?;
    if days >> 7 != 0 {
        return Err(Unreadable);
    }
    let start = r.time()?;
    let end = r.time()?;
    let (helpers, place) = if head & NEED_EXTRA != 0 {
        let v = r.varint()?;
        let helpers = u8::try_from(v / 8).map_err(|_| Unreadable)?;
        (helpers, place_from(v % 8).ok_or(Unreadable)?)
    } else {
        (1, Place::Home)
    };
    let label = r.label(head & NEED_LABEL != 0)?;
    Ok(Need {
        kind,
        days: Days::from_bits(days),
        start,
        end,
        crosses_midnight: head & NEED_CROSSES_MIDNIGHT != 0,
        helpers,
        place,
        continuous: head & NEED_CONTINUOUS != 0,
        label,
    })
}

/// A `v1` monthly need (the `v2` one is `Reader::monthly_v2`).
fn read_monthly(r: &mut Reader) -> Read<MonthlyNeed> {
    let head = r.byte()?;
    if head >> 5 != 0 {
        return Err(Unreadable);
    }
    let kind = kind_from(u64::from(head & 0b111)).ok_or(Unreadable)?;
    let hours_per_month = match r.varint()? {
        // The f64's 8 bytes, little-endian.
        1 => f64::from_bits(r.bits(64)?.swap_bytes()),
        v if v & 1 == 0 && (v >> 1) as f64 <= MAX_QUARTER_HOURS => (v >> 1) as f64 / 4.0,
        _ => return Err(Unreadable),
    };
    let place = if head & MONTHLY_PLACE != 0 {
        place_from(u64::from(r.byte()?)).ok_or(Unreadable)?
    } else {
        Place::Home
    };
    let label = r.label(head & MONTHLY_LABEL != 0)?;
    Ok(MonthlyNeed {
        kind,
        hours_per_month,
        place,
        label,
    })
}

fn read_settings(r: &mut Reader) -> Read<Settings> {
    let flags = r.flags(4)?;
    let mut s = Settings::default();
    if flags & SETTING_NIGHT != 0 {
        s.night = Some(NightWindow {
            start: r.time()?,
            end: r.time()?,
        });
    }
    if flags & SETTING_DATE != 0 {
        s.assessment_date = Some(date_from(r.number()?, EPOCH_1900)?);
    }
    if flags & SETTING_LANG != 0 {
        s.lang = Some(match r.number()? {
            0 => r.text(MAX_LANG_CHARS)?,
            i => LANGS
                .get(usize::try_from(i - 1).map_err(|_| Unreadable)?)
                .ok_or(Unreadable)?
                .to_string(),
        });
    }
    if flags & SETTING_MUNICIPALITY != 0 {
        s.municipality = Some(r.text(MAX_MUNICIPALITY_CHARS)?);
    }
    Ok(s)
}

/// Limits on the two settings texts, as in `error::validate` (which counts
/// bytes; these count characters, so validation has the last word).
const MAX_LANG_CHARS: usize = 8;
const MAX_MUNICIPALITY_CHARS: usize = 64;

/// The body still to read, in which layout, and the texts read so far (for
/// repeats). `v1` reads whole bytes and LEB128 varints from the same bit
/// stream that `v2` reads bit fields and Exp-Golomb numbers from.
pub(super) struct Reader<'a> {
    bits: BitReader<'a>,
    v1: bool,
    texts: Vec<String>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8], v1: bool) -> Self {
        Reader {
            bits: BitReader::new(bytes),
            v1,
            texts: Vec::new(),
        }
    }

    fn bit(&mut self) -> Read<bool> {
        self.bits.bit().ok_or(Unreadable)
    }

    /// `n` bits (at most 64) as a number.
    fn bits(&mut self, n: u32) -> Read<u64> {
        self.bits.bits(n).ok_or(Unreadable)
    }

    fn byte(&mut self) -> Read<u8> {
        Ok(self.bits(8)? as u8)
    }

    /// A LEB128 varint of at most 64 bits, in its shortest form.
    fn varint(&mut self) -> Read<u64> {
        let mut v = 0u64;
        for i in 0..10 {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7f);
            if i == 9 && bits > 1 {
                return Err(Unreadable); // more than 64 bits
            }
            v |= bits << (7 * i);
            if b & 0x80 == 0 {
                if i > 0 && b == 0 {
                    return Err(Unreadable); // not the shortest form
                }
                return Ok(v);
            }
        }
        Err(Unreadable)
    }

    /// A number: a varint in `v1`, Exp-Golomb in `v2`.
    fn number(&mut self) -> Read<u64> {
        if self.v1 {
            self.varint()
        } else {
            self.bits.number().ok_or(Unreadable)
        }
    }

    /// A count of items, refused above `max` before anything is allocated.
    fn count(&mut self, max: usize) -> Read<usize> {
        usize::try_from(self.number()?)
            .ok()
            .filter(|n| *n <= max)
            .ok_or(Unreadable)
    }

    /// `n` flags, the first in bit 0: a byte in `v1` (its other bits zero),
    /// `n` bits in `v2`.
    fn flags(&mut self, n: u32) -> Read<u8> {
        if self.v1 {
            let b = self.byte()?;
            return if b >> n == 0 { Ok(b) } else { Err(Unreadable) };
        }
        let mut flags = 0;
        for i in 0..n {
            if self.bit()? {
                flags |= 1 << i;
            }
        }
        Ok(flags)
    }

    fn time(&mut self) -> Read<TimeOfDay> {
        if !self.v1 {
            return self.time_v2();
        }
        let v = u32::try_from(self.varint()?).map_err(|_| Unreadable)?;
        let minutes = if v < OFF_GRID {
            v * 15
        } else {
            // Off the grid only when it is off the quarter hour.
            Some(v - OFF_GRID)
                .filter(|m| m % 15 != 0)
                .ok_or(Unreadable)?
        };
        TimeOfDay::from_minutes(minutes).ok_or(Unreadable)
    }

    /// A need's label when the link says it has one, else none: one
    /// function for the four places, each of which would otherwise keep
    /// its own copy in the page.
    fn label(&mut self, present: bool) -> Read<String> {
        if present {
            self.text(config::MAX_LABEL_CHARS)
        } else {
            Ok(String::new())
        }
    }

    /// A text of at most `max_chars` characters.
    fn text(&mut self, max_chars: usize) -> Read<String> {
        let (mode, n) = if self.v1 {
            let head = self.varint()?;
            (head % 4, head / 4)
        } else {
            let mode = if self.bit()? {
                TEXT_CAPITALISED
            } else if !self.bit()? {
                TEXT_REPEAT
            } else if self.bit()? {
                TEXT_PLAIN
            } else {
                TEXT_PACKED
            };
            (mode, self.number()?)
        };
        let n = usize::try_from(n).map_err(|_| Unreadable)?;
        let text = match mode {
            TEXT_REPEAT => self.texts.iter().rev().nth(n).ok_or(Unreadable)?.clone(),
            TEXT_PLAIN => {
                // A character is at most 4 bytes in UTF-8; and the bits
                // must be there.
                if n > max_chars.saturating_mul(4) || n.saturating_mul(8) > self.bits.left() {
                    return Err(Unreadable);
                }
                let end = self.bits.pos + 8 * n;
                let mut s = String::with_capacity(n);
                while self.bits.pos < end {
                    s.push(self.utf8_char()?);
                }
                // The last character must end with the `n` bytes.
                if self.bits.pos != end {
                    return Err(Unreadable);
                }
                s
            }
            mode => self.packed(n, max_chars, mode == TEXT_CAPITALISED)?,
        };
        // A repeat too: the same text may be a label and, later, too long
        // for a municipality.
        if text.chars().count() > max_chars {
            return Err(Unreadable);
        }
        // As the writer counts: a repeat is not itself a text to repeat.
        if mode != TEXT_REPEAT {
            self.texts.push(text.clone());
        }
        Ok(text)
    }

    /// One character in UTF-8, refused where `str::from_utf8` refuses it
    /// (a stray or missing continuation byte, an overlong form, a surrogate,
    /// past U+10FFFF): written out, as that function costs far more in the
    /// page.
    fn utf8_char(&mut self) -> Read<char> {
        let b = self.byte()?;
        let (more, min, first) = match b {
            0x00..=0x7f => (0, 0, b),
            0xc0..=0xdf => (1, 0x80, b & 0x1f),
            0xe0..=0xef => (2, 0x800, b & 0x0f),
            0xf0..=0xf7 => (3, 0x1_0000, b & 0x07),
            _ => return Err(Unreadable),
        };
        let mut c = u32::from(first);
        for _ in 0..more {
            let b = self.byte()?;
            if b & 0xc0 != 0x80 {
                return Err(Unreadable);
            }
            c = c << 6 | u32::from(b & 0x3f);
        }
        if c < min {
            return Err(Unreadable);
        }
        char::from_u32(c).ok_or(Unreadable)
    }

    /// `n` symbols of the layout's code (`v1` pads them to a whole byte).
    /// `capital`: the text's mode says its first letter is a capital, as if
    /// a shift symbol came first.
    fn packed(&mut self, n: usize, max_chars: usize, capital: bool) -> Read<String> {
        // Every symbol is at least one character and two bits.
        if n > max_chars || n.saturating_mul(2) > self.bits.left() {
            return Err(Unreadable);
        }
        let code = if self.v1 { &text::V1 } else { &text::V2 };
        let mut s = String::with_capacity(n);
        // A shift waiting for its small letter or word: one flag for both
        // the shift symbol and the capital-first mode keeps one path (and a
        // shift twice, or before anything but a letter or word, is refused).
        let mut shift = capital;
        let mut read = 0;
        while read < n {
            // The symbol's first character and the rest of its text: one
            // place that writes a character (each `String::push` of a char
            // is its own UTF-8 encoder in the page).
            let (first, rest) = match self.bits.symbol(code).ok_or(Unreadable)? {
                // A shift is part of the symbol after it, not one of the `n`.
                Symbol::Shift if !shift => {
                    shift = true;
                    continue;
                }
                Symbol::Char(c) => (c, ""),
                // Only in the `v2` code.
                Symbol::Word => {
                    let mut chars = self.word()?.chars();
                    (chars.next().ok_or(Unreadable)?, chars.as_str())
                }
                Symbol::Escape if !shift => (
                    text::read_escaped(&mut self.bits, code).ok_or(Unreadable)?,
                    "",
                ),
                _ => return Err(Unreadable),
            };
            s.push(if shift {
                text::capital_of(first).ok_or(Unreadable)?
            } else {
                first
            });
            s.push_str(rest);
            shift = false;
            read += 1;
            // Words are short: never far past the limit before it is seen.
            if s.len() > max_chars.saturating_mul(4) {
                return Err(Unreadable);
            }
        }
        // The capital-first mode with no letter to make a capital.
        if shift {
            return Err(Unreadable);
        }
        if self.v1 && !self.bits.padding_is_zero() {
            return Err(Unreadable);
        }
        Ok(s)
    }
}

// ---------------------------------------------------------------------------
// Dates as day numbers
// ---------------------------------------------------------------------------

/// 2000-01-01 and 1900-01-01 as days since 1970-01-01.
const EPOCH_2000: i64 = 10_957;
const EPOCH_1900: i64 = -25_567;

/// Whole days from `epoch` to a real date on or after it.
fn days_since(date: Date, epoch: i64) -> Option<u32> {
    u32::try_from(date.unix_days() - epoch).ok()
}

/// The date `days` after `epoch`; refuses a number that is no date this
/// calculator takes (after 9999).
fn date_from(days: u64, epoch: i64) -> Read<Date> {
    // 9999-12-31 is under 3 million days from 1900; stop far sooner than
    // any arithmetic could overflow.
    if days > 3_000_000 {
        return Err(Unreadable);
    }
    let date = Date::from_unix_days(days as i64 + epoch);
    // Round trip: the day number named a date `Date::new` accepts.
    (days_since(date, epoch) == Some(days as u32))
        .then_some(date)
        .ok_or(Unreadable)
}

// ---------------------------------------------------------------------------
// Frozen codes for the enums
// ---------------------------------------------------------------------------

/// Each enum's code in the link. These numbers are the format, frozen.
macro_rules! frozen_codes {
    ($ty:ident, $from:ident { $($n:literal => $variant:ident),+ $(,)? }) => {
        fn $from(code: u64) -> Option<$ty> {
            match code {
                $($n => Some($ty::$variant),)+
                _ => None,
            }
        }
    };
}

frozen_codes!(Answer, answer_from {
    0 => Yes, 1 => No, 2 => DontKnow,
});
frozen_codes!(Applicant, applicant_from {
    0 => Myself, 1 => Parent, 2 => PowerOfAttorney, 3 => Guardian, 4 => FuturePowerOfAttorney,
});
frozen_codes!(Arbeidsleder, arbeidsleder_from {
    0 => Myself, 1 => Medarbeidsleder, 2 => NobodyYet, 3 => DontKnow,
});
frozen_codes!(CurrentService, service_from {
    0 => PracticalHelp, 1 => HomeNursing, 2 => Respite, 3 => SupportContact,
    4 => CareAllowance, 5 => Bpa, 6 => Other,
});
frozen_codes!(NeedKind, kind_from {
    0 => Personal, 1 => Household, 2 => Leisure, 3 => Training, 4 => Parenting,
    5 => Respite, 6 => Health,
});
frozen_codes!(Place, place_from {
    0 => Home, 1 => Out, 2 => School, 3 => Work, 4 => HigherEducation,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_read_in_shortest_form_only() {
        assert_eq!(Reader::new(&[0x00], true).varint(), Ok(0));
        assert_eq!(Reader::new(&[0xac, 0x02], true).varint(), Ok(300));
        assert_eq!(Reader::new(&[0x80, 0x00], true).varint(), Err(Unreadable));
        assert_eq!(Reader::new(&[0xff; 10], true).varint(), Err(Unreadable));
        assert_eq!(Reader::new(&[0x80], true).varint(), Err(Unreadable));
    }

    /// `utf8_char` refuses exactly what `str::from_utf8` refuses.
    #[test]
    fn utf8_is_read_as_the_standard_library_reads_it() {
        let read = |bytes: &[u8]| {
            let mut r = Reader::new(bytes, true);
            let mut s = String::new();
            while r.bits.left() > 0 {
                s.push(r.utf8_char().ok()?);
            }
            Some(s)
        };
        let check = |bytes: &[u8]| {
            let std = std::str::from_utf8(bytes).ok().map(String::from);
            assert_eq!(read(bytes), std, "{bytes:x?}");
        };
        let edges = [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff];
        for a in 0..=255u8 {
            check(&[a]);
            for b in 0..=255u8 {
                check(&[a, b]);
                for c in edges {
                    check(&[a, b, c]);
                    for d in edges.into_iter().filter(|_| a >= 0xf0) {
                        check(&[a, b, c, d]);
                    }
                }
            }
        }
    }

    #[test]
    fn dates_round_trip_through_day_numbers() {
        for s in [
            "1900-01-01",
            "1999-12-31",
            "2000-01-01",
            "2020-07-01",
            "2024-02-29",
            "9999-12-31",
        ] {
            let d = Date::parse(s).unwrap();
            for epoch in [EPOCH_1900, EPOCH_2000] {
                if let Some(days) = days_since(d, epoch) {
                    assert_eq!(date_from(u64::from(days), epoch), Ok(d), "{s}");
                }
            }
        }
        assert_eq!(
            days_since(Date::new(2000, 1, 1).unwrap(), EPOCH_2000),
            Some(0)
        );
        assert_eq!(
            days_since(Date::new(1970, 1, 1).unwrap(), EPOCH_1900),
            Some(25_567)
        );
        assert_eq!(date_from(3_000_001, EPOCH_1900), Err(Unreadable));
    }

    #[test]
    fn every_frozen_code_reads_and_no_other() {
        for code in 0..8 {
            assert_eq!(answer_from(code).is_some(), code < 3);
            assert_eq!(applicant_from(code).is_some(), code < 5);
            assert_eq!(arbeidsleder_from(code).is_some(), code < 4);
            assert_eq!(service_from(code).is_some(), code < 7);
            assert_eq!(kind_from(code).is_some(), code < 7);
            assert_eq!(place_from(code).is_some(), code < 5);
        }
    }
}
