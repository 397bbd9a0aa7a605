//! The `v2` layout: the case as one stream of bits, with a word list for
//! labels. Read only, like `v1`.
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

use super::{kind_from, place_from, words, Read, Reader, Unreadable, MAX_QUARTER_HOURS};
use crate::case::time::{Days, TimeOfDay};
use crate::case::{MonthlyNeed, Need, Place};

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
