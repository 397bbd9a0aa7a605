//! The `v2` layout: the case as one stream of bits, with a word list for
//! labels. What `encode` writes today.
//!
//! `v1` spent whole bytes on small things (a need's kind, its days, each
//! time) and wrote labels letter by letter. `v2` packs each field into the
//! bits it needs, gives the usual day sets (every day, Monday–Friday, the
//! weekend, one day) two to six bits, writes an end as the time since the start, and writes
//! a label word found in [`words`](super::words) as one symbol and its
//! place in the list. Layout, bits most significant first; `number` is an
//! Exp-Golomb number (1 bit for 0, 3 for 1–2, 5 for 3–6, …):
//!
//! ```text
//! link     = "v2." base64url(body crc32-le)
//! body     = rules sections:5 [person] [needs] [monthly] [settings] [notes],
//!            then zero bits to a whole byte
//! rules    = number(days since 2020-01-01 + 1) number(edit)  ("2020-07-01.1")
//!          | number(0) text                      (any other version string)
//! sections = as v1: person, needs, monthly, settings, notes
//! person   = number(age+1, 0: not given) answers:10 number(n) service:3×n
//!            (answers as in v1)
//! needs    = number(n) need×n
//! need     = kind:3 has-label:1 has-extra:1 (0 | 1 crosses_midnight:1 continuous:1)
//!            days times [number(helpers-1) place:3] [label:text]
//! days     = 00 every day | 01 Monday–Friday | 100 Saturday–Sunday
//!          | 101 one day:3 (0 Monday … 6 Sunday)
//!          | 11 then bit 0 Monday … bit 6 Sunday:7
//! times    = start:7 (quarter hours, 0–95) duration, when both are on the
//!            quarter hour; else 127:7 start-minutes:11 end-minutes:11
//! duration = quarter hours from start to end (1–96, past midnight when the
//!            need crosses it): 0 then d-1:4 for up to 4 hours, else 1 then d-1:7
//! monthly  = number(n) (kind:3 has-place:1 has-label:1 hours [place:3] [label])×n
//! hours    = 0 number(quarter hours) | 1 then the f64's 64 bits
//! settings = night:1 date:1 lang:1 municipality:1 [time time]
//!            [number(days since 1900-01-01)] [number(lang code, 0: text)] [text]
//! time     = quarter hours:7 (0–96) | 127:7 minutes:11
//! notes    = a bit for each of goal, help, arbeidsleder, aids, other; text each
//! text     = 1 number(n) symbol×n           n symbols, then the first letter
//!                                          made a capital ("Middag")
//!          | 010 number(n) symbol×n         n symbols as they are
//!          | 00 number(k)                  the same as the k-th latest text
//!          | 011 number(n) byte×n          n bytes of UTF-8 (other scripts)
//! symbol   = the code `text::V2`: a character, shift then a small letter or
//!            a word (a capital first), escape then a 21-bit code point, or
//!            word then 0 index:6 (the first 64 words) | 1 index-64:9
//! ```

use super::text::{decapitalise, number_bits, small_of, write_char, BitWriter, V2, V2_WORD};
use super::{
    answer_code, applicant_code, arbeidsleder_code, days_since, kind_code, kind_from, no_such_date,
    person_given, place_code, place_from, service_code, settings_given, words, Read, Reader,
    Unreadable, EPOCH_1900, LANGS, MAX_QUARTER_HOURS,
};
use crate::error::InputErrors;
use crate::model::{Answer, Case, MonthlyNeed, Need, Person, Place, Settings};
use crate::time::{Date, Days, TimeOfDay};

/// Rules versions are dated from here (the rules of the first release are
/// from 2020-07-01): 2 bytes where a day number from 2000 takes 3.
pub(super) const EPOCH_2020: i64 = 18_262;

/// Words in the cheap first part of the list, and room in the rest.
const SHORT_WORDS: usize = 64;
const SHORT_WORD_BITS: u32 = 6;
const LONG_WORD_BITS: u32 = 9;
const _: () = assert!(SHORT_WORDS == 1 << SHORT_WORD_BITS);

/// A `start` value that says the times follow as minutes.
const OFF_GRID: u64 = 127;
const QUARTERS_PER_DAY: u32 = 96;

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

pub(super) fn write_case(case: &Case, rules_version: &str) -> Result<Vec<u8>, InputErrors> {
    let mut w = Writer::new();
    w.rules_version(rules_version);
    let sections = [
        person_given(&case.person),
        !case.needs.is_empty(),
        !case.monthly.is_empty(),
        settings_given(&case.settings),
        !case.notes.is_empty(),
    ];
    for present in sections {
        w.out.bit(present);
    }
    if sections[0] {
        w.person(&case.person);
    }
    if sections[1] {
        w.out.number(case.needs.len() as u64);
        for need in &case.needs {
            w.need(need);
        }
    }
    if sections[2] {
        w.out.number(case.monthly.len() as u64);
        for m in &case.monthly {
            w.monthly(m);
        }
    }
    if sections[3] {
        w.settings(&case.settings)?;
    }
    if sections[4] {
        let fields = case.notes.fields();
        for (_, text) in &fields {
            w.out.bit(!text.is_empty());
        }
        for (_, text) in fields.iter().filter(|(_, t)| !t.is_empty()) {
            w.text(text);
        }
    }
    Ok(w.out.finish())
}

/// Bits being written, and the texts written so far (for repeats).
struct Writer {
    out: BitWriter,
    texts: Vec<String>,
}

/// One step of a packed text.
#[derive(Clone, Copy)]
enum Token {
    Char(char),
    /// The word at this place in the list, with a capital first when `true`.
    Word(usize, bool),
}

impl Writer {
    fn new() -> Self {
        Writer {
            out: BitWriter::default(),
            texts: Vec::new(),
        }
    }

    fn rules_version(&mut self, version: &str) {
        let compact = version.split_once('.').and_then(|(date, edit)| {
            let date = Date::parse(date)?;
            // Digits only, at most 18 (cannot overflow; what `u64::from_str`
            // would cost in the page); the round trip below refuses anything
            // else anyway.
            if edit.len() > 18 {
                return None;
            }
            let edit = edit.bytes().try_fold(0u64, |v, b| {
                Some(v * 10 + u64::from(b.checked_sub(b'0').filter(|d| *d < 10)?))
            })?;
            let days = days_since(date, EPOCH_2020)?;
            (super::rules_version_text(date, edit) == version).then_some((days, edit))
        });
        match compact {
            Some((days, edit)) => {
                self.out.number(u64::from(days) + 1);
                self.out.number(edit);
            }
            None => {
                self.out.number(0);
                self.text(version);
            }
        }
    }

    fn person(&mut self, p: &Person) {
        let age = p.age.and_then(|a| u64::try_from(a).ok());
        self.out.number(age.map_or(0, |a| a + 1));
        let code = |a: Option<Answer>| u64::from(a.map_or(0, |a| answer_code(a) + 1));
        let answers = code(p.long_lasting)
            | code(p.granted_before_67) << 2
            | u64::from(p.applicant.map_or(0, |a| applicant_code(a) + 1)) << 4
            | u64::from(p.arbeidsleder.map_or(0, |a| arbeidsleder_code(a) + 1)) << 7;
        self.out.bits(answers, 10);
        self.out.number(p.current_services.len() as u64);
        for s in &p.current_services {
            self.out.bits(u64::from(service_code(*s)), 3);
        }
    }

    fn need(&mut self, n: &Need) {
        let has_extra = n.helpers != 1 || n.place != Place::Home;
        self.out.bits(u64::from(kind_code(n.kind)), 3);
        self.out.bit(!n.label.is_empty());
        self.out.bit(has_extra);
        // Rare: one bit says neither.
        let night = n.crosses_midnight || n.continuous;
        self.out.bit(night);
        if night {
            self.out.bit(n.crosses_midnight);
            self.out.bit(n.continuous);
        }
        let bits = n.days.bits();
        if bits == Days::EVERY_DAY.bits() {
            self.out.bits(0b00, 2);
        } else if bits == Days::WEEKDAYS.bits() {
            self.out.bits(0b01, 2);
        } else if bits == Days::WEEKEND.bits() {
            self.out.bits(0b100, 3);
        } else if bits.is_power_of_two() {
            self.out.bits(0b101, 3);
            self.out.bits(u64::from(bits.trailing_zeros()), 3);
        } else {
            self.out.bits(0b11, 2);
            self.out.bits(u64::from(bits), 7);
        }
        let (start, end) = (n.start.minutes(), n.end.minutes());
        if start % 15 == 0 && end % 15 == 0 {
            let (s, e) = (start / 15, end / 15);
            self.out.bits(u64::from(s), 7);
            // Validation keeps the end after the start, or at or before it
            // past midnight: 1–96 quarter hours either way.
            let d = if n.crosses_midnight {
                e + QUARTERS_PER_DAY - s
            } else {
                e - s
            };
            let d = u64::from(d.saturating_sub(1));
            if d < 16 {
                self.out.bit(false);
                self.out.bits(d, 4);
            } else {
                self.out.bit(true);
                self.out.bits(d, 7);
            }
        } else {
            self.out.bits(OFF_GRID, 7);
            self.out.bits(u64::from(start), 11);
            self.out.bits(u64::from(end), 11);
        }
        if has_extra {
            self.out.number(u64::from(n.helpers.saturating_sub(1)));
            self.out.bits(u64::from(place_code(n.place)), 3);
        }
        if !n.label.is_empty() {
            self.text(&n.label);
        }
    }

    fn monthly(&mut self, m: &MonthlyNeed) {
        self.out.bits(u64::from(kind_code(m.kind)), 3);
        self.out.bit(m.place != Place::Home);
        self.out.bit(!m.label.is_empty());
        let quarters = m.hours_per_month * 4.0;
        if m.hours_per_month.is_sign_positive()
            && quarters.fract() == 0.0
            && quarters <= MAX_QUARTER_HOURS
        {
            self.out.bit(false);
            // Whole quarter hours below 2^40 are exact in an f64 and a u64.
            self.out.number(quarters as u64);
        } else {
            self.out.bit(true);
            self.out.bits(m.hours_per_month.to_bits(), 64);
        }
        if m.place != Place::Home {
            self.out.bits(u64::from(place_code(m.place)), 3);
        }
        if !m.label.is_empty() {
            self.text(&m.label);
        }
    }

    fn settings(&mut self, s: &Settings) -> Result<(), InputErrors> {
        for present in [
            s.night.is_some(),
            s.assessment_date.is_some(),
            s.lang.is_some(),
            s.municipality.is_some(),
        ] {
            self.out.bit(present);
        }
        if let Some(night) = s.night {
            self.time(night.start);
            self.time(night.end);
        }
        if let Some(date) = s.assessment_date {
            let days = days_since(date, EPOCH_1900).ok_or_else(no_such_date)?;
            self.out.number(u64::from(days));
        }
        if let Some(lang) = &s.lang {
            match LANGS.iter().position(|l| l == lang) {
                Some(i) => self.out.number(i as u64 + 1),
                None => {
                    self.out.number(0);
                    self.text(lang);
                }
            }
        }
        if let Some(m) = &s.municipality {
            self.text(m);
        }
        Ok(())
    }

    fn time(&mut self, t: TimeOfDay) {
        let m = t.minutes();
        if m % 15 == 0 {
            self.out.bits(u64::from(m / 15), 7);
        } else {
            self.out.bits(OFF_GRID, 7);
            self.out.bits(u64::from(m), 11);
        }
    }

    /// A text: a repeat of an earlier one, packed, or plain UTF-8, whichever
    /// is shortest.
    fn text(&mut self, s: &str) {
        if let Some(i) = self.texts.iter().rposition(|t| t == s) {
            let back = self.texts.len() - 1 - i;
            self.out.bits(0b00, 2);
            self.out.number(back as u64);
            return;
        }
        let decapitalised = decapitalise(s);
        let capital = decapitalised.is_some();
        let small = decapitalised.as_deref().unwrap_or(s);
        let best = plan(small);
        // The cheapest way, token after token: the step at each offset
        // says where the next starts.
        let step = |at: usize| best.get(at).filter(|_| at < small.len());
        let (mut tokens, mut at) = (0, 0);
        while let Some(b) = step(at) {
            tokens += 1;
            at = b.2;
        }
        let bits = best.first().map_or(0, |b| b.0);
        let packed = if capital { 1 } else { 3 } + number_bits(tokens as u64) + bits;
        let plain = 3 + number_bits(s.len() as u64) + 8 * s.len() as u32;
        if packed <= plain {
            if capital {
                self.out.bit(true);
            } else {
                self.out.bits(0b010, 3);
            }
            self.out.number(tokens as u64);
            let mut at = 0;
            while let Some(b) = step(at) {
                self.token(b.1);
                at = b.2;
            }
        } else {
            self.out.bits(0b011, 3);
            self.out.number(s.len() as u64);
            for b in s.bytes() {
                self.out.bits(u64::from(b), 8);
            }
        }
        self.texts.push(s.to_string());
    }

    fn token(&mut self, token: Token) {
        match token {
            Token::Char(c) => write_char(&mut self.out, &V2, c),
            Token::Word(w, capital) => {
                if capital {
                    self.out.symbol(&V2, V2.shift);
                }
                self.out.symbol(&V2, V2_WORD);
                if w < SHORT_WORDS {
                    self.out.bit(false);
                    self.out.bits(w as u64, SHORT_WORD_BITS);
                } else {
                    self.out.bit(true);
                    self.out.bits((w - SHORT_WORDS) as u64, LONG_WORD_BITS);
                }
            }
        }
    }
}

/// The cheapest way to write `s` as characters and words. For each byte
/// offset where a character starts: the bits from there to the end, the
/// first token, and the offset after it; found from the end back (a
/// shortest path, so a word is used only where it saves bits).
fn plan(s: &str) -> Vec<(u32, Token, usize)> {
    let n = s.len();
    let mut best: Vec<(u32, Token, usize)> = vec![(0, Token::Char(' '), n); n + 1];
    let shift = V2.len(V2.shift);
    let word = V2.len(V2_WORD);
    for (at, c) in s.char_indices().rev() {
        let next = at + c.len_utf8();
        let mut choice = (
            V2.char_bits(c) + best.get(next).map_or(0, |b| b.0),
            Token::Char(c),
            next,
        );
        let small = small_of(c);
        let rest = s.get(at..).unwrap_or("");
        for (w, text) in words::iter().enumerate() {
            // Written as is, or with a capital first letter (a capital and
            // its small letter are as long in UTF-8).
            let capital = if rest.starts_with(text) {
                false
            } else if small
                .and_then(|c| text.strip_prefix(c))
                .is_some_and(|tail| {
                    rest.get(c.len_utf8()..)
                        .is_some_and(|r| r.starts_with(tail))
                })
            {
                true
            } else {
                continue;
            };
            let end = at + text.len();
            let index = if w < SHORT_WORDS {
                SHORT_WORD_BITS
            } else {
                LONG_WORD_BITS
            };
            let bits =
                u32::from(capital) * shift + word + 1 + index + best.get(end).map_or(0, |b| b.0);
            if bits < choice.0 {
                choice = (bits, Token::Word(w, capital), end);
            }
        }
        if let Some(slot) = best.get_mut(at) {
            *slot = choice;
        }
    }
    best
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// The fields whose `v2` shape differs from `v1`'s; the rest is read by the
/// reader both layouts share.
impl Reader<'_> {
    pub(super) fn need_v2(&mut self) -> Read<Need> {
        let kind = kind_from(self.bits(3)?).ok_or(Unreadable)?;
        let has_label = self.bit()?;
        let has_extra = self.bit()?;
        let (crosses_midnight, continuous) = if self.bit()? {
            (self.bit()?, self.bit()?)
        } else {
            (false, false)
        };
        let days = match self.bits(2)? {
            0b00 => Days::EVERY_DAY,
            0b01 => Days::WEEKDAYS,
            0b10 if self.bit()? => match self.bits(3)? {
                day @ 0..=6 => Days::from_bits(1 << day),
                _ => return Err(Unreadable),
            },
            0b10 => Days::WEEKEND,
            _ => Days::from_bits(self.bits(7)? as u8),
        };
        let (start, end) = match self.bits(7)? {
            OFF_GRID => {
                let start = self.bits(11)? as u32;
                let end = self.bits(11)? as u32;
                // On the grid, it would have been written shorter.
                if start % 15 == 0 && end % 15 == 0 {
                    return Err(Unreadable);
                }
                (minutes(start)?, minutes(end)?)
            }
            s if s < u64::from(QUARTERS_PER_DAY) => {
                let s = s as u32;
                let d = if self.bit()? {
                    self.bits(7)?
                } else {
                    self.bits(4)?
                } as u32
                    + 1;
                let e = if crosses_midnight {
                    (s + d).checked_sub(QUARTERS_PER_DAY).ok_or(Unreadable)?
                } else {
                    s + d
                };
                (minutes(s * 15)?, minutes(e * 15)?)
            }
            _ => return Err(Unreadable),
        };
        let (helpers, place) = if has_extra {
            let helpers = self.number()?;
            let helpers = u8::try_from(helpers)
                .ok()
                .and_then(|h| h.checked_add(1))
                .ok_or(Unreadable)?;
            (helpers, place_from(self.bits(3)?).ok_or(Unreadable)?)
        } else {
            (1, Place::Home)
        };
        let label = self.label(has_label)?;
        Ok(Need {
            kind,
            days,
            start,
            end,
            crosses_midnight,
            helpers,
            place,
            continuous,
            label,
        })
    }

    pub(super) fn monthly_v2(&mut self) -> Read<MonthlyNeed> {
        let kind = kind_from(self.bits(3)?).ok_or(Unreadable)?;
        let has_place = self.bit()?;
        let has_label = self.bit()?;
        let hours_per_month = if self.bit()? {
            f64::from_bits(self.bits(64)?)
        } else {
            let quarters = self.number()? as f64;
            if quarters > MAX_QUARTER_HOURS {
                return Err(Unreadable);
            }
            quarters / 4.0
        };
        let place = if has_place {
            place_from(self.bits(3)?).ok_or(Unreadable)?
        } else {
            Place::Home
        };
        let label = self.label(has_label)?;
        Ok(MonthlyNeed {
            kind,
            hours_per_month,
            place,
            label,
        })
    }

    pub(super) fn time_v2(&mut self) -> Read<TimeOfDay> {
        match self.bits(7)? {
            OFF_GRID => {
                let m = self.bits(11)? as u32;
                if m % 15 == 0 {
                    return Err(Unreadable);
                }
                minutes(m)
            }
            q => minutes(u32::try_from(q).map_err(|_| Unreadable)? * 15),
        }
    }

    pub(super) fn word(&mut self) -> Read<&'static str> {
        let index = if self.bit()? {
            SHORT_WORDS + self.bits(LONG_WORD_BITS)? as usize
        } else {
            self.bits(SHORT_WORD_BITS)? as usize
        };
        words::get(index).ok_or(Unreadable)
    }
}

fn minutes(m: u32) -> Read<TimeOfDay> {
    TimeOfDay::from_minutes(m).ok_or(Unreadable)
}
