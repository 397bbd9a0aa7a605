//! How long `link::encode` takes natively (criterion): the page makes the
//! share link 300 ms after the last key, so it must never be felt.
//!
//! - `encode_link_50_labels`: 50 needs, each with its own 200-character
//!   label of letters drawn at random (budget: under 5 ms);
//! - `encode_link_at_the_limits`: a case at every input limit (`config`:
//!   200 needs and 50 monthly needs with 200-character labels, every note
//!   at 2000 characters, 16 services), budget under 20 ms. At the old limit
//!   of 500 needs it was far too large for a link and the budget was to say
//!   so fast; at 200 it fits (about 61 000 characters). Either is measured:
//!   what the page gets, a link or the refusal, is printed.
//!
//! Run: `cargo bench --no-default-features --bench link`. Timings on a
//! shared machine are noisy: they are reported (README, "Performance"),
//! never a pass/fail test.
use bpa::case::example::seed_week;
use bpa::case::time::{Days, TimeOfDay};
use bpa::case::{CurrentService, MonthlyNeed, Need, NeedKind, Place};
use bpa::{config, link, Case};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Duration;

/// Letters drawn at random, space among them: text as hard to compress
/// as a label can be, so the link is as long and deflate as slow as they get.
const LETTERS: [char; 32] = [
    'a', 'b', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'r', 's', 't', 'u',
    'v', 'y', 'æ', 'ø', 'å', 'S', 'T', 'K', ' ', ' ', ' ', ',', '.',
];

/// A text of exactly `chars` characters, different for every `seed` (a
/// fixed sequence, so that runs are comparable).
fn label(seed: u32, chars: usize) -> String {
    let mut s = seed.wrapping_mul(2_654_435_761).wrapping_add(12_345);
    (0..chars)
        .map(|_| {
            s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            LETTERS[(s >> 16) as usize % LETTERS.len()]
        })
        .collect()
}

fn need(i: u32, label_chars: usize) -> Need {
    let start = (i * 15) % 1380;
    Need {
        kind: NeedKind::ALL[i as usize % NeedKind::ALL.len()],
        days: Days::from_bits((i % 127 + 1) as u8),
        start: TimeOfDay::from_minutes(start).unwrap_or_else(|| unreachable!()),
        end: TimeOfDay::from_minutes(start + 45).unwrap_or_else(|| unreachable!()),
        crosses_midnight: false,
        helpers: 1,
        place: Place::ALL[i as usize % Place::ALL.len()],
        continuous: false,
        label: label(i, label_chars),
    }
}

fn labelled_week() -> Case {
    let mut case = seed_week();
    case.needs = (0..50).map(|i| need(i, config::MAX_LABEL_CHARS)).collect();
    case
}

fn at_the_limits() -> Case {
    let mut case = seed_week();
    case.needs = (0..config::MAX_NEEDS as u32)
        .map(|i| need(i, config::MAX_LABEL_CHARS))
        .collect();
    case.monthly = (0..config::MAX_MONTHLY as u32)
        .map(|i| MonthlyNeed {
            kind: NeedKind::Leisure,
            hours_per_month: 1.5,
            place: Place::Out,
            label: label(10_000 + i, config::MAX_LABEL_CHARS),
        })
        .collect();
    let note = |n: u32| label(20_000 + n, config::MAX_NOTE_CHARS);
    case.notes.goal = note(1);
    case.notes.help = note(2);
    case.notes.arbeidsleder = note(3);
    case.notes.aids = note(4);
    case.notes.other = note(5);
    case.person.current_services = (0..config::MAX_CURRENT_SERVICES)
        .map(|i| CurrentService::ALL[i % CurrentService::ALL.len()])
        .collect();
    case
}

fn bench(c: &mut Criterion) {
    let week = labelled_week();
    let limits = at_the_limits();
    // Measure what the page gets: a link for the one, a refusal for the other.
    match link::encode(&week) {
        Ok(l) => eprintln!("encode_link_50_labels: {} characters", l.len()),
        Err(e) => panic!("the labelled week makes no link: {e}"),
    }
    match link::encode(&limits) {
        Ok(l) => eprintln!("encode_link_at_the_limits: {} characters", l.len()),
        Err(e) if e.0[0].code == "LINK_CASE_TOO_LARGE" => {
            eprintln!("encode_link_at_the_limits: refused as too large for a link")
        }
        Err(e) => panic!("the case at the limits: {e}"),
    }
    c.bench_function("encode_link_50_labels", |b| {
        b.iter(|| link::encode(black_box(&week)))
    });
    c.bench_function("encode_link_at_the_limits", |b| {
        b.iter(|| link::encode(black_box(&limits)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
