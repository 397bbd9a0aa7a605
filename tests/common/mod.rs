//! Random cases for the property tests, shared by `tests/link.rs` (any case
//! the reader accepts, with text as hard as it gets) and `tests/properties.rs`
//! (weeks as the page makes them, for the counting).
//!
//! Each test file is its own crate and uses part of this module, so the parts
//! one of them leaves unused are allowed here rather than warned about.
#![allow(dead_code)]

use bpa::case::time::TimeOfDay;
use bpa::case::{Answer, Applicant, Arbeidsleder, CurrentService, IncomeBand, Person};
use bpa::{NeedKind, Place};
use proptest::prelude::*;

/// A time of day from minutes after midnight; the strategies only give 0..=1440.
pub fn time(minutes: u32) -> TimeOfDay {
    TimeOfDay::from_minutes(minutes).unwrap_or_else(|| unreachable!("0..=1440 is a time"))
}

/// Any kind of need.
pub fn kind() -> impl Strategy<Value = NeedKind> {
    prop::sample::select(NeedKind::ALL.to_vec())
}

/// Any place.
pub fn place() -> impl Strategy<Value = Place> {
    prop::sample::select(Place::ALL.to_vec())
}

/// A yes/no/don't-know question, or unanswered.
pub fn answer() -> impl Strategy<Value = Option<Answer>> {
    prop::option::of(prop::sample::select(Answer::ALL.to_vec()))
}

/// The person: every question answered at random or left open, with the age
/// and current services drawn as the caller needs (the counting's tests keep
/// ages near the limits of the law; the link's test takes every age accepted).
pub fn person(
    age: impl Strategy<Value = Option<i64>>,
    current_services: impl Strategy<Value = Vec<CurrentService>>,
) -> impl Strategy<Value = Person> {
    (
        age,
        (answer(), answer()),
        prop::option::of(prop::sample::select(Applicant::ALL.to_vec())),
        prop::option::of(prop::sample::select(Arbeidsleder::ALL.to_vec())),
        current_services,
        (answer(), answer(), answer()),
        prop::option::of(prop::sample::select(IncomeBand::ALL.to_vec())),
    )
        .prop_map(
            |(
                age,
                (long_lasting, granted_before_67),
                applicant,
                arbeidsleder,
                current_services,
                (awake_at_night, beyond_normal_care, lives_at_home),
                income_band,
            )| Person {
                age,
                long_lasting,
                granted_before_67,
                applicant,
                arbeidsleder,
                current_services,
                awake_at_night,
                beyond_normal_care,
                lives_at_home,
                income_band,
            },
        )
}
