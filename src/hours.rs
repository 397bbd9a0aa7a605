//! Counting hours: from a week of needs to the hours that count toward the
//! right to BPA, the hours left out and why, and a trace of each need.
//!
//! What a careful caseworker does, and a naive sum gets wrong
//! (pbrl. § 2-1 d; Prop. 86 L kap. 9; Oslo's routine, "Særskilte forhold"):
//! - overlapping needs on the same day are one assistant's time: count the
//!   union of time, not the sum;
//! - a need past midnight continues into the next day, Sunday into Monday;
//! - night time counts only when the need is continuous ("hele tiden");
//! - two helpers at once count only when the need is continuous;
//! - health help, help in barnehage/SFO/school, at work and in higher
//!   education, and respite for parents of an adult, do not count;
//! - monthly hours become weekly as × 12 / 52;
//! - counted hours never exceed 168 a week.
//!
//! The week is a circle of 10 080 minutes held as bitsets, so union,
//! wrap-around and "left out because of what" are plain bit operations.

use crate::json::{unsigned_text, write_padded};
use crate::map::Map;
use crate::model::{Case, NeedKind, Place};
use crate::time::{Day, TimeOfDay, MINUTES_PER_DAY, MINUTES_PER_WEEK};
use serde::Serialize;

/// Why time does not count toward the right (grunn til at timer ikke teller).
/// The order is the order of attribution: when a minute is left out for two
/// reasons, it is shown under the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// Helsehjelp.
    Health,
    /// Barnehage, SFO/AKS, skole.
    School,
    /// Arbeid.
    Work,
    /// Høyere utdanning.
    HigherEducation,
    /// Avlastning for foreldre til en som er 18 eller eldre.
    RespiteAdult,
    /// To hjelpere samtidig, ikke kontinuerlig.
    TwoHelpers,
    /// Natt, ikke kontinuerlig (punktvis nattehjelp).
    Night,
}

impl Cause {
    pub const ALL: [Cause; 7] = [
        Cause::Health,
        Cause::School,
        Cause::Work,
        Cause::HigherEducation,
        Cause::RespiteAdult,
        Cause::TwoHelpers,
        Cause::Night,
    ];
    /// The code of the rule in the law file (for its sources).
    pub fn rule_code(self) -> &'static str {
        match self {
            Cause::Health => "EXCLUDED_HEALTH",
            Cause::School => "EXCLUDED_SCHOOL",
            Cause::Work => "EXCLUDED_WORK",
            Cause::HigherEducation => "EXCLUDED_HIGHER_EDUCATION",
            Cause::RespiteAdult => "EXCLUDED_RESPITE_ADULT",
            Cause::TwoHelpers => "EXCLUDED_TWO_HELPERS",
            Cause::Night => "EXCLUDED_NIGHT",
        }
    }
    fn index(self) -> usize {
        self as usize
    }
}

/// The values of the law the counting needs, as in force on the assessment date.
#[derive(Clone, Copy, Debug)]
pub struct CountingRules {
    /// Night window; it may cross midnight (23:00–07:00).
    pub night_start: TimeOfDay,
    pub night_end: TimeOfDay,
    /// Age from which respite is no longer part of the right (18).
    pub adult_age: i64,
}

/// Hours per week (timer per uke), the result of counting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeeklyHours {
    /// Hours per week that count toward the right (at most 168), rounded to
    /// hundredths for showing. The rules compare [`WeeklyHours::counted_exact`].
    pub counted: f64,
    /// The same, unrounded. Thresholds are compared with this, so that
    /// 31.997 hours (31 h 46 min plus 1 h/month) is under 32, not rounded up
    /// onto it: the law says "at least 32 hours". Not part of the JSON.
    #[serde(skip)]
    pub counted_exact: f64,
    /// Of which from monthly needs (× 12 / 52).
    pub counted_monthly: f64,
    /// Hours per week left out, by cause (only causes with hours).
    pub excluded: Map<Cause, f64>,
    pub excluded_total: f64,
    /// Hours that would count but overlap other counted help (counted once).
    pub overlap: f64,
    /// The plain sum of all mapped hours: what a naive count would say.
    pub mapped: f64,
    /// Counted and left-out hours per day of the week, from the clock.
    pub per_day: Vec<DayHours>,
    /// The longest run of separate short visits on one day, for the warning.
    #[serde(skip)]
    pub most_short_visits_in_a_day: (Option<Day>, u32),
}

/// One day of the week.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DayHours {
    pub day: Day,
    pub counted: f64,
    pub excluded: f64,
}

/// How one need was counted: the "why?" behind the figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NeedTrace {
    /// Index into `needs` or, when `monthly`, into `monthly`.
    pub need: usize,
    pub monthly: bool,
    /// Hours per week this need maps.
    pub mapped: f64,
    /// Hours per week it adds to the count.
    pub counted: f64,
    /// Hours per week already counted for an earlier need (overlap).
    pub overlap: f64,
    /// Hours per week left out, by cause.
    pub excluded: Map<Cause, f64>,
}

const WORDS: usize = (MINUTES_PER_WEEK as usize).div_ceil(64);

/// A set of minutes of the week.
#[derive(Clone, PartialEq, Eq)]
struct Week([u64; WORDS]);

impl Week {
    const EMPTY: Week = Week([0; WORDS]);

    /// Adds minutes `a..b` of the week circle; `b` may pass the week's end
    /// and wraps to Monday.
    fn add_span(&mut self, a: u32, b: u32) {
        if b > MINUTES_PER_WEEK {
            self.add_range(a, MINUTES_PER_WEEK);
            self.add_range(0, b - MINUTES_PER_WEEK);
        } else {
            self.add_range(a, b);
        }
    }

    fn add_range(&mut self, a: u32, b: u32) {
        let (a, b) = (a as usize, b.min(MINUTES_PER_WEEK) as usize);
        if a >= b {
            return;
        }
        let (wa, wb) = (a / 64, (b - 1) / 64);
        let head = !0u64 << (a % 64);
        let tail = !0u64 >> (63 - (b - 1) % 64);
        if wa == wb {
            self.0[wa] |= head & tail;
        } else {
            self.0[wa] |= head;
            for w in &mut self.0[wa + 1..wb] {
                *w = !0;
            }
            self.0[wb] |= tail;
        }
    }

    fn count(&self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    /// Minutes set within `a..b`, counted word by word over that range only.
    fn count_range(&self, a: u32, b: u32) -> u32 {
        let (a, b) = (a as usize, b.min(MINUTES_PER_WEEK) as usize);
        if a >= b {
            return 0;
        }
        let (wa, wb) = (a / 64, (b - 1) / 64);
        let mut n = 0;
        for (i, &word) in self.0.iter().enumerate().take(wb + 1).skip(wa) {
            let mut w = word;
            if i == wa {
                w &= !0u64 << (a % 64);
            }
            if i == wb {
                w &= !0u64 >> (63 - (b - 1) % 64);
            }
            n += w.count_ones();
        }
        n
    }

    fn and_not(&self, o: &Week) -> Week {
        Week(std::array::from_fn(|i| self.0[i] & !o.0[i]))
    }
    fn or_assign(&mut self, o: &Week) {
        for (x, y) in self.0.iter_mut().zip(o.0.iter()) {
            *x |= y;
        }
    }
    #[cfg(test)]
    fn get(&self, m: u32) -> bool {
        let m = (m % MINUTES_PER_WEEK) as usize;
        self.0[m / 64] >> (m % 64) & 1 == 1
    }

    /// The first minute from `m` on that is set (`set`) or not set
    /// (`!set`), found a word at a time; `None` when there is none before
    /// the week's end.
    fn next_from(&self, m: u32, set: bool) -> Option<u32> {
        let n = MINUTES_PER_WEEK as usize;
        let mut i = m as usize;
        while i < n {
            let word = if set { self.0[i / 64] } else { !self.0[i / 64] };
            let w = word >> (i % 64);
            if w != 0 {
                let at = i + w.trailing_zeros() as usize;
                return (at < n).then_some(at as u32);
            }
            i = (i / 64 + 1) * 64;
        }
        None
    }

    /// Runs of set minutes as (start, length), a run over Sunday midnight
    /// joined with Monday's start. Found with whole words (trailing_zeros),
    /// not minute by minute: this was most of the time `assess` took.
    fn runs(&self) -> Vec<(u32, u32)> {
        let n = MINUTES_PER_WEEK;
        let mut runs: Vec<(u32, u32)> = Vec::new();
        let mut m = 0;
        while let Some(start) = self.next_from(m, true) {
            let end = self.next_from(start, false).unwrap_or(n);
            runs.push((start, end - start));
            m = end;
        }
        // A run to the week's end and one from its start are one run.
        if runs.len() > 1 {
            let (first, last) = (runs[0], runs[runs.len() - 1]);
            if first.0 == 0 && last.0 + last.1 == n {
                runs.remove(0);
                let at = runs.len() - 1;
                runs[at].1 += first.1;
            }
        }
        runs
    }
}

/// The words of a [`Week`] that minutes `a..b` of the week circle touch;
/// `b` may pass the week's end and wrap to Monday, as in `add_span`.
fn words_of_span(a: u32, b: u32) -> impl Iterator<Item = usize> {
    let n = MINUTES_PER_WEEK;
    let (head, tail) = if b > n {
        ((a, n), (0, b - n))
    } else {
        ((a, b), (0, 0))
    };
    let words = |(a, b): (u32, u32)| {
        if a < b {
            a as usize / 64..(b as usize - 1) / 64 + 1
        } else {
            0..0
        }
    };
    words(head).chain(words(tail))
}

fn hours(minutes: f64) -> f64 {
    (minutes / 60.0 * 100.0).round() / 100.0
}

// Numbers as text, written by hand. Rust's own float formatting
// (`format!("{:.2}", h)`, `f64::to_string`) carries a general algorithm for
// every possible double (core::num::flt2dec, Grisu with a Dragon4 fallback)
// that made up about a tenth of the page's WebAssembly. The engine only
// needs hours in hundredths and small numbers from the law file, so these
// write the same text with integer arithmetic. Tests compare them with
// Rust's formatting.

/// Powers of ten that an f64 holds exactly, for [`number_text`].
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];
/// 2^53: below it every whole number is exact in an f64.
const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;

/// Hours with two decimals, as in the reasons' `inputs` ("28.00", "24.98"):
/// the same text as `format!("{h:.2}")` for hours in hundredths, which is
/// what counting gives. (For a double just below a half hundredth, such as
/// 2.675, which is really 2.67499…, it may round the other way.)
pub fn hours_text(h: f64) -> String {
    if !h.is_finite() {
        return non_finite_text(h);
    }
    let sign = if h.is_sign_negative() { "-" } else { "" };
    // `{:.2}` rounds halves to even; so does round_ties_even (one wasm
    // instruction, f64.nearest). The cast saturates, it never panics.
    let n = (h.abs() * 100.0).round_ties_even() as u64;
    // Not `format!`: see `json::write_padded`.
    let mut text = sign.to_string();
    write_padded(&mut text, n / 100, 1);
    text.push('.');
    write_padded(&mut text, n % 100, 2);
    text
}

/// A number as `f64::to_string` writes it ("2", "32", "7.5", "-0"): the
/// shortest decimal that reads back as the same number. The same text as
/// Rust's whenever that decimal has at most 22 decimals and its digits, as
/// a whole number, are below 2^53 (about 16 digits): every value of the law
/// file and every number a person types. Floating-point noise beyond that (0.1 + 0.2) is rounded off rather
/// than written out ("0.3", not "0.30000000000000004").
pub fn number_text(x: f64) -> String {
    if !x.is_finite() {
        return non_finite_text(x);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let a = x.abs();
    if a >= EXACT_INTEGERS {
        // Whole already; the cast saturates above 2^64.
        return sign.to_string() + &unsigned_text(a as u64);
    }
    let mut best = (a.round_ties_even() as u64, 0usize);
    for (decimals, &scale) in POWERS_OF_TEN.iter().enumerate() {
        let scaled = a * scale;
        if scaled >= EXACT_INTEGERS {
            break;
        }
        let n = scaled.round_ties_even();
        best = (n as u64, decimals);
        // n and scale are exact, so n / scale is the f64 nearest to the
        // decimal n·10^-decimals: exactly what reading that text gives.
        if n / scale == a {
            break;
        }
    }
    // The digits of n, with the point put in `decimals` from the right.
    let (n, decimals) = best;
    let mut digits = String::new();
    write_padded(&mut digits, n, decimals + 1);
    // Digits are ASCII, so any split is on a character boundary; checked
    // all the same, so no panic message is built into the WebAssembly.
    let (whole, fraction) = digits
        .split_at_checked(digits.len() - decimals)
        .unwrap_or((&digits, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut text = sign.to_string() + whole;
    if !fraction.is_empty() {
        text.push('.');
        text.push_str(fraction);
    }
    text
}

fn non_finite_text(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x > 0.0 {
        "inf".into()
    } else {
        "-inf".into()
    }
}

/// The need-level reason a need does not count at all, if any.
/// Night is decided minute by minute, not here.
fn cause_of(
    kind: NeedKind,
    place: Place,
    two_helpers: bool,
    age: Option<i64>,
    rules: &CountingRules,
) -> Option<Cause> {
    if kind == NeedKind::Health {
        return Some(Cause::Health);
    }
    match place {
        Place::School => return Some(Cause::School),
        Place::Work => return Some(Cause::Work),
        Place::HigherEducation => return Some(Cause::HigherEducation),
        Place::Home | Place::Out => {}
    }
    if kind == NeedKind::Respite && age.is_some_and(|a| a >= rules.adult_age) {
        return Some(Cause::RespiteAdult);
    }
    if two_helpers {
        return Some(Cause::TwoHelpers);
    }
    None
}

/// Counts a (validated) case. Pure: the same case and rules give the same hours.
pub fn count(
    case: &Case,
    rules: &CountingRules,
    short_visit_minutes: u32,
) -> (WeeklyHours, Vec<NeedTrace>) {
    let mut night = Week::EMPTY;
    let (ns, ne) = (rules.night_start.minutes(), rules.night_end.minutes());
    for d in 0..7 {
        let base = d * MINUTES_PER_DAY;
        if ns < ne {
            night.add_range(base + ns, base + ne);
        } else {
            night.add_range(base + ns, base + MINUTES_PER_DAY);
            night.add_range(base, base + ne);
        }
    }

    let age = case.person.age;
    let mut counted = Week::EMPTY;
    let mut left_out = [
        Week::EMPTY,
        Week::EMPTY,
        Week::EMPTY,
        Week::EMPTY,
        Week::EMPTY,
        Week::EMPTY,
        Week::EMPTY,
    ];
    let mut trace = Vec::with_capacity(case.needs.len() + case.monthly.len());
    let mut mapped_minutes = 0f64;
    let mut overlap_minutes = 0u32;

    // One need's minutes at a time; empty again after each need, because
    // its words are taken out as they are counted.
    let mut span = Week::EMPTY;
    for (i, need) in case.needs.iter().enumerate() {
        let len = need.minutes();
        let starts = || {
            need.days
                .iter()
                .map(|d| d.index() as u32 * MINUTES_PER_DAY + need.start.minutes())
        };
        for a in starts() {
            span.add_span(a, a + len);
        }
        mapped_minutes += f64::from(len * need.days.len());
        let cause = cause_of(
            need.kind,
            need.place,
            need.helpers >= 2 && !need.continuous,
            age,
            rules,
        );
        // Set operations on the need's minutes, done in one pass over only
        // the words of the week its days touch: a left-out need goes to its
        // cause; otherwise its night minutes are left out unless it is
        // continuous, and the rest are new or overlap what is already
        // counted. (Whole-week operations for each step made a dense week
        // of 200 needs several times slower.)
        let (mut mapped, mut at_night, mut eligible, mut new) = (0u32, 0u32, 0u32, 0u32);
        for w in starts().flat_map(|a| words_of_span(a, a + len)) {
            // Taken, so a word two days share is counted once.
            let minutes = std::mem::take(&mut span.0[w]);
            if minutes == 0 {
                continue;
            }
            mapped += minutes.count_ones();
            if let Some(c) = cause {
                left_out[c.index()].0[w] |= minutes;
                continue;
            }
            let e = if need.continuous {
                minutes
            } else {
                let night_part = minutes & night.0[w];
                at_night += night_part.count_ones();
                left_out[Cause::Night.index()].0[w] |= night_part;
                minutes & !night.0[w]
            };
            eligible += e.count_ones();
            new += (e & !counted.0[w]).count_ones();
            counted.0[w] |= e;
        }
        let mut t = NeedTrace {
            need: i,
            monthly: false,
            mapped: hours(f64::from(mapped)),
            counted: 0.0,
            overlap: 0.0,
            excluded: Map::new(),
        };
        if let Some(c) = cause {
            t.excluded.insert(c, hours(f64::from(mapped)));
        } else {
            if at_night > 0 {
                t.excluded.insert(Cause::Night, hours(f64::from(at_night)));
            }
            let over = eligible - new;
            overlap_minutes += over;
            t.counted = hours(f64::from(new));
            t.overlap = hours(f64::from(over));
        }
        trace.push(t);
    }

    // Left out: minutes not counted, each under the first cause that applies.
    let mut taken = counted.clone();
    let mut excluded = Map::new();
    let mut excluded_minutes = 0f64;
    for c in Cause::ALL {
        let own = left_out[c.index()].and_not(&taken);
        let n = own.count();
        if n > 0 {
            excluded.insert(c, f64::from(n));
            excluded_minutes += f64::from(n);
        }
        taken.or_assign(&own);
    }
    let not_counted = taken.and_not(&counted);

    let per_day = Day::ALL
        .iter()
        .map(|&d| {
            let a = d.index() as u32 * MINUTES_PER_DAY;
            DayHours {
                day: d,
                counted: hours(f64::from(counted.count_range(a, a + MINUTES_PER_DAY))),
                excluded: hours(f64::from(not_counted.count_range(a, a + MINUTES_PER_DAY))),
            }
        })
        .collect();

    // Monthly needs: weekly equivalent, × 12 / 52.
    let mut monthly_counted = 0f64;
    for (i, m) in case.monthly.iter().enumerate() {
        let weekly = m.hours_per_month * 60.0 * 12.0 / 52.0;
        mapped_minutes += weekly;
        let mut t = NeedTrace {
            need: i,
            monthly: true,
            mapped: hours(weekly),
            counted: 0.0,
            overlap: 0.0,
            excluded: Map::new(),
        };
        match cause_of(m.kind, m.place, false, age, rules) {
            Some(c) => {
                *excluded.get_or_insert(c, 0.0) += weekly;
                excluded_minutes += weekly;
                t.excluded.insert(c, hours(weekly));
            }
            None => {
                monthly_counted += weekly;
                t.counted = hours(weekly);
            }
        }
        trace.push(t);
    }

    // Short visits: separate counted periods shorter than the minimum shift.
    let mut short = [0u32; 7];
    for (start, len) in counted.runs() {
        if len < short_visit_minutes {
            short[(start / MINUTES_PER_DAY) as usize % 7] += 1;
        }
    }
    let (most_day, most) = short
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .map_or((None, 0), |(i, n)| (Day::from_index(i), *n));

    let clock_counted = f64::from(counted.count());
    let total = (clock_counted + monthly_counted).min(f64::from(MINUTES_PER_WEEK));
    // Only causes with hours: a monthly need of 0 hours at school leaves
    // nothing out, and must not show "0 hours left out for school".
    // (Inserted, not collected: see rules::inputs_map.)
    let mut excluded_hours = Map::new();
    for (c, m) in excluded {
        if hours(m) > 0.0 {
            excluded_hours.insert(c, hours(m));
        }
    }
    let weekly = WeeklyHours {
        counted: hours(total),
        counted_exact: total / 60.0,
        counted_monthly: hours(monthly_counted),
        excluded: excluded_hours,
        excluded_total: hours(excluded_minutes),
        overlap: hours(f64::from(overlap_minutes)),
        mapped: hours(mapped_minutes),
        per_day,
        most_short_visits_in_a_day: (most_day, most),
    };
    (weekly, trace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_text_is_rusts_two_decimals() {
        let mut seen = 0;
        // Every count of minutes in two weeks, as counted and as floored
        // below a threshold (never_round_onto), and every hundredth to 1000 h.
        for m in 0..=2 * MINUTES_PER_WEEK {
            let exact = f64::from(m) / 60.0;
            for h in [hours(f64::from(m)), (exact * 100.0).floor() / 100.0] {
                assert_eq!(hours_text(h), format!("{h:.2}"), "{m} minutes");
                seen += 1;
            }
        }
        // Monthly needs in quarter hours up to the largest allowed, per week.
        for q in 0..=744 * 4 {
            let h = hours(f64::from(q) / 4.0 * 60.0 * 12.0 / 52.0);
            assert_eq!(hours_text(h), format!("{h:.2}"), "{q} quarter hours");
        }
        for k in 0..100_000u32 {
            let h = f64::from(k) / 100.0;
            assert_eq!(hours_text(h), format!("{h:.2}"));
        }
        assert!(seen > 40_000);
        for h in [-0.0, -1.25, 0.125, 0.375, 1e9, f64::NAN, f64::INFINITY] {
            assert_eq!(hours_text(h), format!("{h:.2}"), "{h}");
        }
    }

    #[test]
    fn number_text_is_rusts_display() {
        // The law's values and hours per month as people write them.
        for d in 0..=4 {
            for k in 0..20_000u32 {
                let x = f64::from(k) / 10f64.powi(d);
                assert_eq!(number_text(x), x.to_string(), "{k} / 10^{d}");
            }
        }
        for x in [
            0.0,
            -0.0,
            2.0,
            32.0,
            744.0,
            1e15,
            123_456.789,
            1.0 / 3.0,
            2.0 / 3.0,
            0.001,
            1e-15,
            1e-16,
            1e-20,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -7.5,
        ] {
            assert_eq!(number_text(x), x.to_string(), "{x}");
        }
        // Floating-point noise is rounded away rather than shown in full.
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!((0.1 + 0.2).to_string(), "0.30000000000000004");
        assert_eq!(number_text(1e-30), "0");
    }

    /// The plain minute-by-minute scan that `runs` replaced, as a reference.
    fn runs_minute_by_minute(w: &Week) -> Vec<(u32, u32)> {
        let n = MINUTES_PER_WEEK;
        if w.count() == n {
            return vec![(0, n)];
        }
        let Some(origin) = (0..n).find(|&m| !w.get(m)) else {
            return vec![];
        };
        let (mut runs, mut m) = (Vec::new(), 0);
        while m < n {
            if w.get(origin + m) {
                let (start, mut len) = (origin + m, 0);
                while m < n && w.get(origin + m) {
                    len += 1;
                    m += 1;
                }
                runs.push((start % n, len));
            } else {
                m += 1;
            }
        }
        runs
    }

    #[test]
    fn runs_and_counts_by_word_match_minute_by_minute() {
        let mut seed = 7u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 8) % n
        };
        let full = {
            let mut w = Week::EMPTY;
            w.add_range(0, MINUTES_PER_WEEK);
            w
        };
        let mut weeks = vec![Week::EMPTY, full];
        for _ in 0..300 {
            let mut w = Week::EMPTY;
            for _ in 0..next(40) {
                let a = next(MINUTES_PER_WEEK);
                w.add_span(a, a + 1 + next(300));
            }
            weeks.push(w);
        }
        for w in &weeks {
            // The same runs; the order does not matter to the caller.
            let (mut got, mut want) = (w.runs(), runs_minute_by_minute(w));
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want);
            for _ in 0..20 {
                let a = next(MINUTES_PER_WEEK);
                let b = a + next(MINUTES_PER_WEEK - a + 1);
                let by_minute = (a..b).filter(|&m| w.get(m)).count() as u32;
                assert_eq!(w.count_range(a, b), by_minute, "{a}..{b}");
            }
        }
    }

    #[test]
    fn ranges_and_wrap() {
        let mut w = Week::EMPTY;
        w.add_span(MINUTES_PER_WEEK - 60, MINUTES_PER_WEEK + 120);
        assert_eq!(w.count(), 180);
        assert!(w.get(0) && w.get(119) && !w.get(120));
        assert_eq!(w.runs(), vec![(MINUTES_PER_WEEK - 60, 180)]);
        let mut x = Week::EMPTY;
        x.add_range(63, 129);
        assert_eq!(x.count(), 66);
        assert_eq!(x.count_range(0, 64), 1);
        assert_eq!(x.runs(), vec![(63, 66)]);
    }
}
