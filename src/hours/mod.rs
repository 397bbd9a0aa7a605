//! Counting hours: from a week of needs to the hours that count toward the
//! right to BPA, the hours left out and why, and a trace of each need. The
//! third step of the flow, after the case and the law.
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

mod week;

use crate::case::time::{Day, TimeOfDay, MINUTES_PER_DAY, MINUTES_PER_WEEK};
use crate::case::{Case, NeedKind, Place};
use serde::Serialize;
use std::collections::BTreeMap;
use week::{words_of_span, Week};

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
    pub excluded: BTreeMap<Cause, f64>,
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
    pub excluded: BTreeMap<Cause, f64>,
}

/// Minutes as hours, rounded to hundredths for showing.
fn hours(minutes: f64) -> f64 {
    (minutes / 60.0 * 100.0).round() / 100.0
}

/// Hours with two decimals, as the reasons' inputs carry them ("28.00").
pub fn hours_text(h: f64) -> String {
    format!("{h:.2}")
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
            excluded: BTreeMap::new(),
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
    let mut excluded = BTreeMap::new();
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
            excluded: BTreeMap::new(),
        };
        match cause_of(m.kind, m.place, false, age, rules) {
            Some(c) => {
                *excluded.entry(c).or_insert(0.0) += weekly;
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
    let mut excluded_hours = BTreeMap::new();
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
