//! A change of law is one dated value, not a change of code.
//!
//! NOU 2021:11 proposed lowering the thresholds from 32/25 to 20 hours; it
//! was not enacted, and an expert committee on BPA was appointed in 2025. If
//! a change comes, it is a new `[[parameter]]` in `src/law/bpa.toml` with the
//! date it takes effect. Here the same is done in memory with
//! [`Law::with_value`]: 20 hours for the right and 15 for the cost test from
//! 1 January 2027. Assessments of earlier dates must keep the old rules, and
//! the law compiled into the program must not change.
// Native only: run by `cargo test`; the bridge tests run in wasm.
#![cfg(not(target_arch = "wasm32"))]

use bpa::case::{Answer, Applicant, Arbeidsleder};
use bpa::law::{ParamValue, Value};
use bpa::{assess, Case, Law, Need, NeedKind, Place, Status, Verdict};
use bpa::{Date, Days, Person, TimeOfDay};

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap_or_else(|| panic!("{y}-{m}-{d} is not a date"))
}

fn at(h: u32, m: u32) -> TimeOfDay {
    TimeOfDay::hm(h, m).unwrap_or_else(|| panic!("{h}:{m} is not a time"))
}

/// The changed law: hours_right 20 and hours_cost_test 15 from 2027-01-01.
fn changed_law() -> Law {
    let from = date(2027, 1, 1);
    Law::embedded()
        .with_value(ParamValue {
            name: "hours_right".into(),
            value: Value::Number(20.0),
            unit: "hours_per_week".into(),
            from,
            sources: vec!["pbrl-2-1d".into()],
            convention: false,
            unverified: false,
            note: String::new(),
        })
        .with_value(ParamValue {
            name: "hours_cost_test".into(),
            value: Value::Number(15.0),
            unit: "hours_per_week".into(),
            from,
            sources: vec!["pbrl-2-1d".into()],
            convention: false,
            unverified: false,
            note: String::new(),
        })
}

/// A person who meets every other condition, with personal help Monday to
/// Friday from 08:00 until `end`.
fn week_until(end: TimeOfDay, on: Option<Date>) -> Case {
    let mut case = Case {
        person: Person {
            age: Some(40),
            long_lasting: Some(Answer::Yes),
            applicant: Some(Applicant::Myself),
            arbeidsleder: Some(Arbeidsleder::Myself),
            ..Person::default()
        },
        needs: vec![Need {
            kind: NeedKind::Personal,
            days: Days::WEEKDAYS,
            start: at(8, 0),
            end,
            crosses_midnight: false,
            helpers: 1,
            place: Place::Home,
            continuous: false,
            label: String::new(),
        }],
        ..Case::default()
    };
    case.settings.assessment_date = on;
    case
}

/// 08:00-12:24 = 4.4 h x 5 = 22 h a week.
fn week_of_22_hours(on: Option<Date>) -> Case {
    week_until(at(12, 24), on)
}

fn hours_status(a: &bpa::Assessment) -> Option<Status> {
    a.reasons
        .iter()
        .find(|r| r.code == "HOURS")
        .map(|r| r.status)
}

#[test]
fn a_22_hour_week_gains_the_right_the_day_the_change_takes_effect() {
    let law = changed_law();
    // Dates are in the case; `today` is after all of them and must not matter.
    let today = date(2030, 1, 1);
    let run = |on| assess(&week_of_22_hours(Some(on)), &law, today);

    let before = run(date(2026, 12, 31)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(before.hours.counted, 22.0);
    assert_eq!(before.verdict, Verdict::NoRightByHours);
    assert_eq!(hours_status(&before), Some(Status::NotMet));

    for on in [date(2027, 1, 1), date(2027, 1, 2), date(2031, 6, 1)] {
        let after = run(on).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(after.hours.counted, 22.0);
        assert_eq!(after.verdict, Verdict::LikelyRight, "on {on}");
        assert_eq!(hours_status(&after), Some(Status::Met), "on {on}");
        // The result names the value it used and the day it took effect.
        let used = after
            .parameters
            .iter()
            .find(|p| p.name == "hours_right")
            .unwrap_or_else(|| panic!("hours_right not listed on {on}"));
        assert_eq!(used.value, Value::Number(20.0));
        assert_eq!(used.from, date(2027, 1, 1));
    }
}

#[test]
fn the_new_cost_test_applies_from_the_same_day() {
    // 08:00-11:24 = 3.4 h x 5 = 17 h: under 25 before, between 15 and 20 after.
    let law = changed_law();
    let run = |on| assess(&week_until(at(11, 24), Some(on)), &law, date(2030, 1, 1));
    let before = run(date(2026, 12, 31)).unwrap_or_else(|e| panic!("{e}"));
    let after = run(date(2027, 1, 1)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(before.hours.counted, 17.0);
    assert_eq!(before.verdict, Verdict::NoRightByHours);
    assert_eq!(after.verdict, Verdict::LikelyRightUnlessCost);
    assert!(after.reasons.iter().any(|r| r.code == "COST_TEST"));
}

#[test]
fn without_an_assessment_date_today_decides_which_law_applies() {
    let law = changed_law();
    let case = week_of_22_hours(None);
    let on = |today| assess(&case, &law, today).map(|a| a.verdict);
    assert_eq!(on(date(2026, 12, 31)), Ok(Verdict::NoRightByHours));
    assert_eq!(on(date(2027, 1, 1)), Ok(Verdict::LikelyRight));
}

#[test]
fn the_embedded_law_is_unchanged() {
    let before = Law::embedded();
    let _changed = changed_law();
    let law = Law::embedded();
    assert_eq!(law.params.len(), before.params.len());
    assert_eq!(law.params, before.params);
    for on in [date(2026, 12, 31), date(2027, 1, 1), date(2035, 1, 1)] {
        let right = law.value("hours_right", on).map(|p| p.value.clone());
        let cost = law.value("hours_cost_test", on).map(|p| p.value.clone());
        assert_eq!(right, Ok(Value::Number(32.0)), "hours_right on {on}");
        assert_eq!(cost, Ok(Value::Number(25.0)), "hours_cost_test on {on}");
        let a = assess(&week_of_22_hours(Some(on)), law, on).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.verdict, Verdict::NoRightByHours, "embedded law on {on}");
    }
}
