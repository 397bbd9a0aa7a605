//! The page's answers are written as JSON text by `bpa::json` (and built
//! into JS objects by `JSON.parse`); the CLI's by serde_json. Both must say
//! the same: every field, every number read back to the same `f64`.
//!
//! Checked for every case file's input and assessment (under the neutral
//! profile and each shipped municipality profile), for errors, and for
//! numbers of every kind.

use bpa::{assess_with_profile, json, parse_case_json, time::Date, Law, Profile};
use proptest::prelude::*;
use serde::Serialize;
use serde_json::Value;
use std::fs;

/// The same value through both writers, read back by serde_json.
fn both<T: Serialize>(v: &T) -> (Value, Value) {
    let ours = json::to_string(v).unwrap_or_else(|e| panic!("bpa::json refused: {e}"));
    let ours: Value = serde_json::from_str(&ours)
        .unwrap_or_else(|e| panic!("bpa::json wrote text that is not JSON ({e}): {ours}"));
    let theirs = serde_json::to_value(v).unwrap_or_else(|e| panic!("serde_json refused: {e}"));
    (ours, theirs)
}

/// Where two JSON values first differ, or `None`. Numbers are compared as
/// the `f64` they read as (bit for bit), so `28` and `28.0` are the same,
/// as they are to JavaScript.
fn first_difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64(), y.as_f64());
            (x.map(f64::to_bits) != y.map(f64::to_bits)).then(|| format!("{at}: {x:?} vs {y:?}"))
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(format!("{at}: {} vs {} items", x.len(), y.len()));
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (x, y))| first_difference(x, y, &format!("{at}[{i}]")))
        }
        (Value::Object(x), Value::Object(y)) => {
            let (kx, ky): (Vec<_>, Vec<_>) = (x.keys().collect(), y.keys().collect());
            if kx != ky {
                return Some(format!("{at}: keys {kx:?} vs {ky:?}"));
            }
            x.iter()
                .find_map(|(k, v)| first_difference(v, &y[k], &format!("{at}.{k}")))
        }
        _ => (a != b).then(|| format!("{at}: {a} vs {b}")),
    }
}

fn same<T: Serialize>(v: &T, what: &str) {
    let (ours, theirs) = both(v);
    if let Some(d) = first_difference(&ours, &theirs, "") {
        panic!("{what}: bpa::json and serde_json differ at {d}");
    }
}

fn case_files() -> Vec<(String, Value)> {
    let mut files: Vec<_> = fs::read_dir("tests/cases")
        .expect("tests/cases")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).expect("read case file");
            let v: Value = serde_json::from_str(&text).expect("case file is JSON");
            (p.display().to_string(), v)
        })
        .collect()
}

#[test]
fn every_case_file_and_its_assessment_is_the_same_json() {
    let law = Law::embedded();
    let mut profiles = vec![Profile::neutral()];
    for (id, _) in bpa::profile::SHIPPED {
        match bpa::profile::shipped(id) {
            Some(Ok(p)) => profiles.push(p),
            other => panic!("shipped profile {id}: {other:?}"),
        }
    }
    let files = case_files();
    assert!(files.len() >= 40, "only {} case files", files.len());
    for (name, file) in files {
        let today = file
            .get("today")
            .and_then(Value::as_str)
            .and_then(Date::parse)
            .unwrap_or(Date::new(2026, 11, 23).expect("a date"));
        let text = file["input"].to_string();
        match parse_case_json(&text) {
            Ok(case) => {
                same(&case, &name);
                for p in &profiles {
                    match assess_with_profile(&case, &law, today, p) {
                        Ok(a) => same(&a, &format!("{name} under {}", p.id)),
                        Err(e) => same(&e, &format!("{name} under {}", p.id)),
                    }
                }
            }
            Err(e) => same(&e, &name),
        }
    }
}

#[test]
fn the_example_is_the_same_json() {
    same(&bpa::example::seed_week(), "the example");
}

proptest! {
    #[test]
    fn any_number_reads_back_the_same(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        let text = json::to_string(&x).unwrap_or_default();
        if x.is_finite() {
            let back: f64 = text.parse().unwrap_or(f64::NAN);
            prop_assert_eq!(back.to_bits(), x.to_bits(), "{} written as {}", x, text);
        } else {
            prop_assert_eq!(text, "null");
        }
    }

    #[test]
    fn hours_in_hundredths_are_written_short(n in 0u32..1_000_000) {
        let x = f64::from(n) / 100.0;
        let text = json::to_string(&x).unwrap_or_default();
        prop_assert!(text.len() <= 9, "{} written as {}", x, text);
        prop_assert_eq!(text.parse::<f64>().ok(), Some(x));
    }

    #[test]
    fn any_text_is_the_same_json(s in any::<String>()) {
        let (ours, theirs) = both(&s);
        prop_assert_eq!(first_difference(&ours, &theirs, ""), None);
    }
}
