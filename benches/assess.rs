//! How long `assess` takes natively (criterion), for the budget in issue 4:
//! a dense week of 200 needs assessed in a median under 50 µs.
//!
//! Run: `cargo bench --bench assess` (`.ci/bench` runs it and reads the
//! medians from `target/criterion/*/new/estimates.json`). Timings on a shared
//! machine are noisy: they are reported, never a pass/fail test.
//!
//! - `assess_seed_week`: the seed's example, 4 visits a day (28 hours).
//! - `assess_dense_week_200`: 200 needs of every kind, place and shape
//!   (overlaps, past midnight, at night, two helpers, continuous) plus
//!   monthly needs: far more than a real week's 20–40, so the engine's worst
//!   realistic work is measured, not its best.
use bpa::case::example::seed_week;
use bpa::case::time::{Date, Days, TimeOfDay};
use bpa::case::{MonthlyNeed, Need, NeedKind, Place};
use bpa::{Case, Law};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Duration;

/// The number of needs in the dense week.
const DENSE_NEEDS: usize = 200;

/// A time from minutes after midnight (0..=1440); the benchmark's own
/// inputs are always in range.
fn at(minutes: u32) -> TimeOfDay {
    TimeOfDay::from_minutes(minutes).unwrap_or_else(|| unreachable!())
}

/// A dense, varied week: the same every run (a fixed linear congruential
/// sequence), so runs are comparable.
fn dense_week() -> Case {
    let mut seed = 0x2545_f491_u32;
    let mut next = move |n: u32| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (seed >> 8) % n
    };
    let mut case = seed_week();
    case.needs.clear();
    for i in 0..DENSE_NEEDS {
        let start = next(96) * 15; // on the quarter hour
        let length = 15 + next(16) * 15; // 15 min to 4 h
        let end = start + length;
        // Past midnight it ends the next day; exactly at midnight it is 24:00.
        let crosses_midnight = end > 1440;
        let kind = NeedKind::ALL[next(NeedKind::ALL.len() as u32) as usize];
        let place = Place::ALL[next(Place::ALL.len() as u32) as usize];
        case.needs.push(Need {
            kind,
            days: Days::from_bits((next(127) + 1) as u8),
            start: at(start),
            end: at(if crosses_midnight { end - 1440 } else { end }),
            crosses_midnight,
            helpers: 1 + (i % 7 == 0) as u8,
            place,
            continuous: i % 5 == 0,
            label: format!("Behov {i}"),
        });
    }
    for (kind, hours) in [(NeedKind::Leisure, 12.0), (NeedKind::Training, 4.5)] {
        case.monthly.push(MonthlyNeed {
            kind,
            hours_per_month: hours,
            place: Place::Out,
            label: String::new(),
        });
    }
    case
}

fn bench(c: &mut Criterion) {
    let law = Law::embedded();
    let today = Date::new(2026, 11, 23).unwrap_or_else(|| unreachable!());
    let seed = seed_week();
    let dense = dense_week();
    // The benchmark must measure a real assessment, not an input error.
    for case in [&seed, &dense] {
        if let Err(e) = bpa::assess(case, law, today) {
            panic!("the benchmark's case is refused: {e}");
        }
    }
    c.bench_function("assess_seed_week", |b| {
        b.iter(|| bpa::assess(black_box(&seed), law, today))
    });
    c.bench_function("assess_dense_week_200", |b| {
        b.iter(|| bpa::assess(black_box(&dense), law, today))
    });
}

criterion_group! {
    name = benches;
    // Short, so `.ci/bench` stays quick on a 2-core machine.
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
