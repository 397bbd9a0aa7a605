//! Counting hours: from a week of needs to the hours that count toward the
//! right to BPA, the hours left out and why, and a trace of each need. The
//! third step of the flow, after the case and the law.
//!
//! What a careful caseworker does, and a naive sum gets wrong
//! (pbrl. § 2-1 d; Prop. 86 L kap. 9; Helsedirektoratet's commentary;
//! Oslo's routine, "Særskilte forhold"; rundskriv I-9/2015):
//! - overlapping needs on the same day are one assistant's time: count the
//!   union of time, not the sum, and say how much was counted once and why
//!   (health help inside other help, or needs that overlap);
//! - a need past midnight continues into the next day, Sunday into Monday;
//! - **the night counts only when the night is continuous**: someone must
//!   be present through it (the person's answer, [`Person::awake_at_night`])
//!   and the map shows help through the night window but for at most
//!   `night_edge_minutes`. A short span ticked "hele tiden" is still
//!   point-wise night help ("kontinuerlig ... punktvis", I-9/2015);
//! - **the moment decides two-helper time**: a minute when a need takes two
//!   helpers is two-helper time, even inside a one-helper routine, and is
//!   left out unless that two-helper need is continuous;
//! - health help, help in barnehage/SFO/school, at work and in higher
//!   education, respite for parents of an adult or of a child who does not
//!   live at home, and household help for a child (the parents' own duty)
//!   do not count;
//! - monthly hours become weekly as × 12 / 52;
//! - counted hours never exceed 168 a week.
//!
//! Every minute mapped is accounted for: counted + left out by cause +
//! counted once because of overlap = mapped, per day and per week
//! ([`Breakdown`]).
//!
//! The week is a circle of 10 080 minutes held as bitsets, so union,
//! wrap-around and "left out because of what" are plain bit operations.

mod week;

use crate::case::time::{Day, MINUTES_PER_DAY, MINUTES_PER_WEEK};
use crate::case::{Answer, Case, NeedKind, NightWindow, Person, Place};
use serde::Serialize;
use std::collections::BTreeMap;
use week::Week;

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
    /// Praktisk bistand til husholdningen for et barn: foreldrenes plikt.
    ChildHousehold,
    /// Avlastning for foreldre til en som er 18 eller eldre.
    RespiteAdult,
    /// Avlastning når barnet ikke bor hjemme, eller det ikke er sagt.
    RespiteNotAtHome,
    /// To hjelpere samtidig, ikke kontinuerlig.
    TwoHelpers,
    /// Natt, ikke kontinuerlig (punktvis nattehjelp).
    Night,
}

impl Cause {
    pub const ALL: [Cause; 9] = [
        Cause::Health,
        Cause::School,
        Cause::Work,
        Cause::HigherEducation,
        Cause::ChildHousehold,
        Cause::RespiteAdult,
        Cause::RespiteNotAtHome,
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
            Cause::ChildHousehold => "EXCLUDED_CHILD_HOUSEHOLD",
            Cause::RespiteAdult => "EXCLUDED_RESPITE_ADULT",
            Cause::RespiteNotAtHome => "EXCLUDED_RESPITE_NOT_AT_HOME",
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
    /// The calculator's night window (23:00–07:00 unless a profile or the
    /// case sets another); it may cross midnight. No source gives the
    /// clock times: it is a convention, said so wherever it is used.
    pub night: NightWindow,
    /// A night is "through the night" when the map's help covers the
    /// window in one run but for at most this many minutes (60): the whole
    /// night, or nearly (someone going to bed at 23:30).
    pub night_edge_minutes: u32,
    /// A child is under this age (18): respite counts for parents of a
    /// child, household help for a child does not.
    pub adult_age: i64,
    /// Shorter counted periods are short visits (2 hours), for the warning.
    pub short_visit_minutes: u32,
}

/// Minutes of one day or of the week, every one accounted for (timeregnskap):
/// `counted + excluded + overlap_health + overlap_needs (+ beyond_week) = mapped`.
/// Monthly needs count only in the week's breakdown.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Breakdown {
    /// The plain sum of every need's time: what a naive count says.
    pub mapped: f64,
    /// Time that counts toward the right.
    pub counted: f64,
    /// Time left out, by cause (only causes with time).
    pub excluded: BTreeMap<Cause, f64>,
    /// Health help given while other help is given: counted once, as the
    /// other help (helsehjelp inne i annen hjelp).
    pub overlap_health: f64,
    /// Needs at the same time as other needs (duplicates or overlaps):
    /// counted once (overlappende behov).
    pub overlap_needs: f64,
    /// Time over the 168 hours of a week (only monthly needs can add it).
    pub beyond_week: f64,
    /// Health help mapped, whether or not it overlaps other help.
    pub health_mapped: f64,
}

/// Hours per week (timer per uke), the result of counting.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
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
    /// Hours counted once because they overlap other help
    /// (`overlap_health + overlap_needs`).
    pub overlap: f64,
    /// The plain sum of all mapped hours: what a naive count would say.
    pub mapped: f64,
    /// The whole week in hours, adding up to `mapped`.
    pub week: Breakdown,
    /// Each day of the week in hours (clock needs), adding up.
    pub per_day: Vec<DayHours>,
    /// The night as the map shows it, for the reason on the night.
    pub night: NightFigures,
    /// Counted hours when a two-helper need is continuous: counted once
    /// here; a municipality may count them as two assistants' hours.
    pub two_helpers_continuous: f64,
    /// The clock's minutes (no monthly needs), exact, for tests and the
    /// rounding of the figures above.
    #[serde(skip)]
    pub clock_minutes: Breakdown,
    /// The same per day, in minutes.
    #[serde(skip)]
    pub day_minutes: Vec<Breakdown>,
    /// The longest run of separate short visits on one day, for the warning.
    #[serde(skip)]
    pub most_short_visits_in_a_day: (Option<Day>, u32),
}

/// One day of the week, in hours: `counted + excluded_total + overlap = mapped`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DayHours {
    pub day: Day,
    pub counted: f64,
    /// Left out, all causes.
    pub excluded: f64,
    pub overlap: f64,
    pub mapped: f64,
    /// The day in full: by cause, overlap by kind, health help mapped.
    pub breakdown: Breakdown,
}

/// The night in the map (natten), for the reason that explains it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NightFigures {
    /// Nights (of 7) with help that would count, inside the window.
    pub nights_with_help: u32,
    /// Of those, nights the map covers through the window (but for at
    /// most `night_edge_minutes`).
    pub nights_covered: u32,
    /// Hours a week of help inside the night window that would count.
    pub hours_in_window: f64,
    /// Of which counted (only when the night is continuous).
    pub hours_counted: f64,
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
    /// Hours per week already given by other help at the same time (overlap).
    pub overlap: f64,
    /// Hours per week left out, by cause.
    pub excluded: BTreeMap<Cause, f64>,
}

/// Minutes as hours, rounded to hundredths for showing.
fn hours(minutes: f64) -> f64 {
    (minutes / 60.0 * 100.0).round() / 100.0
}

/// The sum of a map's values; `+ 0.0` because the sum of no numbers is -0,
/// which would show as "-0".
fn sum_of(m: &BTreeMap<Cause, f64>) -> f64 {
    m.values().sum::<f64>() + 0.0
}

/// Hours with two decimals, as the reasons' inputs carry them ("28.00").
pub fn hours_text(h: f64) -> String {
    format!("{h:.2}")
}

fn is_child(person: &Person, rules: &CountingRules) -> bool {
    person.age.is_some_and(|a| a < rules.adult_age)
}

/// The reason a need does not count at all, whatever the time, if any.
/// Night and two helpers are decided minute by minute, not here.
fn cause_of(kind: NeedKind, place: Place, person: &Person, rules: &CountingRules) -> Option<Cause> {
    if kind == NeedKind::Health {
        return Some(Cause::Health);
    }
    match place {
        Place::School => return Some(Cause::School),
        Place::Work => return Some(Cause::Work),
        Place::HigherEducation => return Some(Cause::HigherEducation),
        Place::Home | Place::Out => {}
    }
    let child = is_child(person, rules);
    if kind == NeedKind::Household && child {
        return Some(Cause::ChildHousehold);
    }
    if kind == NeedKind::Respite {
        if person.age.is_some_and(|a| a >= rules.adult_age) {
            return Some(Cause::RespiteAdult);
        }
        // Only for a child living at home (pbrl. § 2-1 d: "hjemmeboende").
        // Unanswered, it is left out and the reason on it asks.
        if child && person.lives_at_home != Some(Answer::Yes) {
            return Some(Cause::RespiteNotAtHome);
        }
    }
    None
}

/// One clock need's minutes in the week and what they are.
struct Span {
    index: usize,
    minutes: Week,
    /// Minutes with multiplicity (a need never overlaps itself: a span is
    /// shorter than a day).
    mapped: u32,
    /// The words of the week its minutes touch: the operations on one need
    /// look at these only (a need is at most seven short runs), not at the
    /// whole week, which made a week of 200 needs fifty times slower.
    words: Vec<usize>,
    cause: Option<Cause>,
    two_helpers: bool,
    continuous: bool,
    health: bool,
}

/// Counts a (validated) case. Pure: the same case and rules give the same hours.
pub fn count(case: &Case, rules: &CountingRules) -> (WeeklyHours, Vec<NeedTrace>) {
    let person = &case.person;
    let spans: Vec<Span> = case
        .needs
        .iter()
        .enumerate()
        .map(|(index, need)| {
            let len = need.minutes();
            let mut minutes = Week::EMPTY;
            for d in need.days.iter() {
                let a = d.index() as u32 * MINUTES_PER_DAY + need.start.minutes();
                minutes.add_span(a, a + len);
            }
            Span {
                index,
                mapped: minutes.count(),
                words: minutes.words(),
                minutes,
                cause: cause_of(need.kind, need.place, person, rules),
                two_helpers: need.helpers >= 2,
                continuous: need.continuous,
                health: need.kind == NeedKind::Health,
            }
        })
        .collect();

    // The week's masks: help that would count, the two-helper moments,
    // the night window and the nights that are continuous.
    let mut countable = Week::EMPTY;
    let mut two = Week::EMPTY;
    let mut two_continuous = Week::EMPTY;
    let mut other = Week::EMPTY; // left out by a cause other than health
    let mut health = Week::EMPTY;
    let mut by_cause: Vec<Week> = vec![Week::EMPTY; Cause::ALL.len()];
    for s in &spans {
        match s.cause {
            None => {
                countable.or_words(&s.minutes, &s.words);
                if s.two_helpers && s.continuous {
                    two_continuous.or_words(&s.minutes, &s.words);
                } else if s.two_helpers {
                    two.or_words(&s.minutes, &s.words);
                }
            }
            Some(Cause::Health) => health.or_words(&s.minutes, &s.words),
            Some(c) => {
                other.or_words(&s.minutes, &s.words);
                by_cause[c.index()].or_words(&s.minutes, &s.words);
            }
        }
    }
    let (night_mask, windows) = night_windows(rules.night);
    let mut continuous_nights = Week::EMPTY;
    let mut night = NightFigures::default();
    // Presence through the night is read from help that would count: a
    // two-helper need that is left out does not make a night continuous
    // (so adding one never raises the count).
    let present = countable.and_not(&two);
    for &(a, b) in &windows {
        let with_help = present.count_span(a, b);
        if with_help == 0 {
            continue;
        }
        night.nights_with_help += 1;
        let longest = present.longest_run_in(a, b);
        if longest + rules.night_edge_minutes >= b - a {
            night.nights_covered += 1;
            if person.awake_at_night == Some(Answer::Yes) {
                continuous_nights.add_span(a, b);
            }
        }
    }
    let point_night = night_mask.and_not(&continuous_nights);

    // Each minute's fate: counted, or left out under the first cause.
    let excluded_two = countable.and(&two);
    let excluded_night = countable.and_not(&two).and(&point_night);
    let counted = countable.and_not(&two).and_not(&point_night);
    night.hours_in_window = hours(f64::from(countable.count_and(&night_mask)));
    night.hours_counted = hours(f64::from(counted.count_and(&night_mask)));
    let mut fate: Vec<Week> = vec![Week::EMPTY; Cause::ALL.len()];
    let mut taken = countable.clone();
    for c in Cause::ALL {
        let own = match c {
            Cause::TwoHelpers => excluded_two.clone(),
            Cause::Night => excluded_night.clone(),
            // Health help alone; inside other help it is counted once, as that.
            Cause::Health => continue,
            c => by_cause[c.index()].and_not(&taken),
        };
        taken.or_assign(&own);
        fate[c.index()] = own;
    }
    fate[Cause::Health.index()] = health.and_not(&taken);
    let mut covered = countable.clone();
    covered.or_assign(&other);
    covered.or_assign(&health);
    let others = {
        let mut w = countable.clone();
        w.or_assign(&other);
        w
    };

    // The breakdown of a range of the week (a day, or all of it), in minutes.
    // What the needs map, with multiplicity, per day: counted a need at a
    // time over only the words it touches (a range count per need and day
    // was most of the time a dense week took).
    let (mut mapped_by_day, mut health_by_day, mut inside_by_day) =
        ([0u32; 7], [0u32; 7], [0u32; 7]);
    for s in &spans {
        for &w in &s.words {
            let bits = s.minutes.0[w];
            add_by_day(&mut mapped_by_day, w, bits);
            if s.health {
                add_by_day(&mut health_by_day, w, bits);
                add_by_day(&mut inside_by_day, w, bits & others.0[w]);
            }
        }
    }
    // The breakdown of a range of the week (a day, or all of it), in minutes.
    let breakdown = |a: u32, b: u32, days: std::ops::Range<usize>| {
        let mut out = Breakdown::default();
        let sum = |by: &[u32; 7]| f64::from(by[days.clone()].iter().sum::<u32>());
        out.mapped = sum(&mapped_by_day);
        out.health_mapped = sum(&health_by_day);
        out.counted = f64::from(counted.count_range(a, b));
        for c in Cause::ALL {
            let n = fate[c.index()].count_range(a, b);
            if n > 0 {
                out.excluded.insert(c, f64::from(n));
            }
        }
        out.overlap_health = sum(&inside_by_day);
        out.overlap_needs = out.mapped - f64::from(covered.count_range(a, b)) - out.overlap_health;
        out
    };
    let day_minutes: Vec<Breakdown> = Day::ALL
        .iter()
        .map(|d| {
            let a = d.index() as u32 * MINUTES_PER_DAY;
            breakdown(a, a + MINUTES_PER_DAY, d.index()..d.index() + 1)
        })
        .collect();
    let clock = breakdown(0, MINUTES_PER_WEEK, 0..7);

    // The trace: each minute is given to one need (the earliest of those
    // that decide it); the same minute in any other need is overlap.
    let mut trace: Vec<NeedTrace> = Vec::with_capacity(spans.len() + case.monthly.len());
    let mut given = Week::EMPTY;
    let mut traced: Vec<(usize, NeedTrace)> = Vec::with_capacity(spans.len());
    let order = |s: &Span| match s.cause {
        None => 0,
        Some(Cause::Health) => Cause::ALL.len() + 1,
        Some(c) => 1 + c.index(),
    };
    let mut sorted: Vec<&Span> = spans.iter().collect();
    sorted.sort_by_key(|s| (order(s), s.index));
    for s in sorted {
        // This need's minutes that no earlier need was given, word by word.
        let own = s.cause.map(|c| &fate[c.index()]);
        let (mut mine, mut counted_n) = (0u32, 0u32);
        let mut excluded_n = [0u32; Cause::ALL.len()];
        for &w in &s.words {
            let mut m = s.minutes.0[w] & !given.0[w];
            if let Some(f) = own {
                m &= f.0[w];
            }
            if m == 0 {
                continue;
            }
            given.0[w] |= m;
            mine += m.count_ones();
            counted_n += (m & counted.0[w]).count_ones();
            for (n, f) in excluded_n.iter_mut().zip(&fate) {
                *n += (m & f.0[w]).count_ones();
            }
        }
        let mut t = NeedTrace {
            need: s.index,
            monthly: false,
            mapped: hours(f64::from(s.mapped)),
            counted: hours(f64::from(counted_n)),
            overlap: hours(f64::from(s.mapped - mine)),
            excluded: BTreeMap::new(),
        };
        for (c, n) in Cause::ALL.into_iter().zip(excluded_n) {
            if n > 0 {
                t.excluded.insert(c, hours(f64::from(n)));
            }
        }
        traced.push((s.index, t));
    }
    traced.sort_by_key(|(i, _)| *i);
    trace.extend(traced.into_iter().map(|(_, t)| t));

    // Monthly needs: weekly equivalent, × 12 / 52; no clock, no overlap.
    let mut week = clock.clone();
    let mut monthly_counted = 0f64;
    for (i, m) in case.monthly.iter().enumerate() {
        let weekly = m.hours_per_month * 60.0 * 12.0 / 52.0;
        week.mapped += weekly;
        let mut t = NeedTrace {
            need: i,
            monthly: true,
            mapped: hours(weekly),
            counted: 0.0,
            overlap: 0.0,
            excluded: BTreeMap::new(),
        };
        match cause_of(m.kind, m.place, person, rules) {
            Some(c) => {
                *week.excluded.entry(c).or_insert(0.0) += weekly;
                if c == Cause::Health {
                    week.health_mapped += weekly;
                }
                t.excluded.insert(c, hours(weekly));
            }
            None => {
                monthly_counted += weekly;
                t.counted = hours(weekly);
            }
        }
        trace.push(t);
    }
    let total = clock.counted + monthly_counted;
    let capped = total.min(f64::from(MINUTES_PER_WEEK));
    week.counted = capped;
    week.beyond_week = total - capped;

    // Short visits: separate counted periods shorter than the minimum shift.
    let mut short = [0u32; 7];
    for (start, len) in counted.runs() {
        if len < rules.short_visit_minutes {
            short[(start / MINUTES_PER_DAY) as usize % 7] += 1;
        }
    }
    let (most_day, most) = short
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .map_or((None, 0), |(i, n)| (Day::from_index(i), *n));

    let in_hours = |b: &Breakdown| Breakdown {
        mapped: hours(b.mapped),
        counted: hours(b.counted),
        // Only causes with hours: a monthly need of 0 hours at school
        // leaves nothing out, and must not show "0 hours left out".
        excluded: b
            .excluded
            .iter()
            .map(|(c, m)| (*c, hours(*m)))
            .filter(|(_, h)| *h > 0.0)
            .collect(),
        overlap_health: hours(b.overlap_health),
        overlap_needs: hours(b.overlap_needs),
        beyond_week: hours(b.beyond_week),
        health_mapped: hours(b.health_mapped),
    };
    let per_day = Day::ALL
        .iter()
        .zip(&day_minutes)
        .map(|(&day, b)| DayHours {
            day,
            counted: hours(b.counted),
            excluded: hours(sum_of(&b.excluded)),
            overlap: hours(b.overlap_health + b.overlap_needs),
            mapped: hours(b.mapped),
            breakdown: in_hours(b),
        })
        .collect();
    let shown = in_hours(&week);
    let weekly = WeeklyHours {
        counted: hours(capped),
        counted_exact: capped / 60.0,
        counted_monthly: hours(monthly_counted),
        excluded: shown.excluded.clone(),
        excluded_total: hours(sum_of(&week.excluded)),
        overlap: hours(week.overlap_health + week.overlap_needs),
        mapped: hours(week.mapped),
        week: shown,
        per_day,
        night,
        two_helpers_continuous: hours(f64::from(counted.count_and(&two_continuous))),
        clock_minutes: clock,
        day_minutes,
        most_short_visits_in_a_day: (most_day, most),
    };
    (weekly, trace)
}

/// Adds the minutes set in word `w` of a week to the days they fall on (a
/// word of 64 minutes straddles at most one midnight).
fn add_by_day(by_day: &mut [u32; 7], w: usize, bits: u64) {
    if bits == 0 {
        return;
    }
    let first = w as u32 * 64;
    let day = (first / MINUTES_PER_DAY) as usize;
    let midnight = (day as u32 + 1) * MINUTES_PER_DAY;
    if midnight >= first + 64 {
        by_day[day] += bits.count_ones();
    } else {
        let before = (1u64 << (midnight - first)) - 1;
        by_day[day] += (bits & before).count_ones();
        by_day[(day + 1) % 7] += (bits & !before).count_ones();
    }
}

/// The night window on every night of the week, as one mask and as the
/// seven windows `(start, end)` on the week circle (the end may pass the
/// week's end: Sunday night runs into Monday morning).
fn night_windows(night: NightWindow) -> (Week, Vec<(u32, u32)>) {
    let (ns, ne) = (night.start.minutes(), night.end.minutes());
    let len = if ns < ne {
        ne - ns
    } else {
        MINUTES_PER_DAY - ns + ne
    };
    let mut mask = Week::EMPTY;
    let windows: Vec<(u32, u32)> = (0..7)
        .map(|d| {
            let a = d * MINUTES_PER_DAY + ns;
            mask.add_span(a, a + len);
            (a, a + len)
        })
        .collect();
    (mask, windows)
}
