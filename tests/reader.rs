//! The page's reader (`bpa::reader`, serde-free, for the WebAssembly) must
//! read every case exactly as the CLI's serde reader does: the same case,
//! or the same first problem, at the same field, in the same plain words.
//! And a profile's tree the same as serde reads it.
//!
//! Checked on every case file, on wrong values written by hand, and on
//! thousands of random changes to a full case. Numbers are kept to those
//! JSON text and a JS number agree on (no `4.0`, nothing past 2^53), since
//! the page's values are JS numbers.

use bpa::error::from_serde;
use bpa::profile::Tree;
use bpa::reader::{read_case, read_tree, Input};
use bpa::{Case, InputError};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::fs;

/// serde_json's value as the reader's input (as the page's JS value is).
struct J(Value);

impl Input for J {
    fn into_tree(self) -> Tree {
        match self.0 {
            Value::Null => Tree::Null,
            Value::Bool(b) => Tree::Bool(b),
            Value::Number(n) => Tree::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Tree::Text(s),
            Value::Array(a) => Tree::List(a.into_iter().map(|v| J(v).into_tree()).collect()),
            Value::Object(o) => {
                Tree::Map(o.into_iter().map(|(k, v)| (k, J(v).into_tree())).collect())
            }
        }
    }
}

/// The CLI's reading (serde_json through serde_path_to_error), without
/// the checks that come after it.
fn by_serde(text: &str) -> Result<Case, InputError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(from_serde)
}

/// The value at a field path such as `needs[2].days[0]`.
fn at<'v>(v: &'v Value, field: &str) -> Option<&'v Value> {
    let mut v = v;
    for part in field.split('.').filter(|p| !p.is_empty()) {
        let (key, indices) = part.split_once('[').map_or((part, ""), |(k, i)| (k, i));
        if !key.is_empty() {
            v = v.get(key)?;
        }
        for i in indices.split('[').filter(|i| !i.is_empty()) {
            v = v.get(i.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(v)
}

/// Where the page is meant to differ from serde_json, which (1) reads a
/// list where a struct belongs as its fields in order (`"person": [45]`),
/// and (2) words a number or list where a name belongs as "expected
/// value". The page refuses (1) as not an object, and says (2) is another
/// kind of value, as it did with serde before.
fn meant_to_differ(
    v: &Value,
    ours: &Result<Case, InputError>,
    theirs: &Result<Case, InputError>,
) -> bool {
    let Err(e) = ours else { return false };
    let shape = e.values.get("shape").map(String::as_str);
    let struct_at = |f: &str| {
        let last = f.rsplit('.').next().unwrap_or_default();
        f.is_empty()
            || ["person", "settings", "notes", "night"].contains(&last)
            || (last.starts_with("needs[") || last.starts_with("monthly[")) && last.ends_with(']')
    };
    let list_for_struct = shape == Some("expected_text")
        && struct_at(&e.field)
        && at(v, &e.field).is_some_and(Value::is_array);
    let wording = shape == Some("expected_other") && matches!(theirs, Err(t) if t.field == e.field);
    list_for_struct || wording
}

fn same_reading(value: &Value) {
    let text = value.to_string();
    let theirs = by_serde(&text);
    let ours = read_case(J(value.clone()));
    if !meant_to_differ(value, &ours, &theirs) {
        assert_eq!(ours, theirs, "read differently: {text}");
    }
}

fn case_inputs() -> Vec<Value> {
    let mut out = Vec::new();
    for entry in fs::read_dir("tests/cases").expect("tests/cases") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "json") {
            let text = fs::read_to_string(&path).expect("read");
            let file: Value = serde_json::from_str(&text).expect("JSON");
            out.push(file["input"].clone());
        }
    }
    assert!(out.len() >= 40, "only {} case files", out.len());
    out
}

/// A case with every field set, so that a change can reach each one.
fn full() -> Value {
    json!({"version": 1,
        "person": {"age": 45, "long_lasting": "yes", "granted_before_67": "dont_know",
                   "applicant": "power_of_attorney", "arbeidsleder": "medarbeidsleder",
                   "current_services": ["practical_help", "bpa"]},
        "needs": [{"kind": "personal", "days": ["mon", "sun"], "start": "22:00", "end": "02:00",
                   "crosses_midnight": true, "helpers": 2, "place": "out", "continuous": true,
                   "label": "Natt"},
                  {"kind": "health", "days": ["tue"], "start": "07:00", "end": "08:00"}],
        "monthly": [{"kind": "leisure", "hours_per_month": 12.5, "place": "out", "label": "Fritid"}],
        "settings": {"night": {"start": "23:00", "end": "07:00"}, "assessment_date": "2026-11-23",
                     "lang": "nb", "municipality": "oslo"},
        "notes": {"goal": "Bo hjemme", "help": "a", "arbeidsleder": "b", "aids": "c", "other": "d"}})
}

#[test]
fn every_case_file_reads_the_same() {
    for input in case_inputs() {
        same_reading(&input);
    }
    same_reading(&full());
    same_reading(&serde_json::to_value(bpa::example::seed_week()).expect("example"));
}

#[test]
fn wrong_values_read_the_same() {
    let wrong = [
        json!(null),
        json!(5),
        json!("x"),
        json!([]),
        json!(true),
        json!({"person": {"age": 4.5}}),
        json!({"person": {"age": -3}}),
        json!({"person": {"age": "45"}}),
        json!({"person": {"long_lasting": "maybe"}}),
        json!({"person": {"long_lasting": 1}}),
        json!({"person": {"applicant": "me"}}),
        json!({"person": {"arbeidsleder": "boss"}}),
        json!({"person": {"current_services": ["x"]}}),
        json!({"person": {"current_services": "bpa"}}),
        json!({"person": {"shoe": 1}}),
        json!({"person": []}),
        json!({"person": null}),
        json!({"foo": 1}),
        json!({"version": -1}),
        json!({"version": 4_294_967_296_u64}),
        json!({"version": 1.5}),
        json!({"needs": {}}),
        json!({"needs": null}),
        json!({"needs": [null]}),
        json!({"needs": [{"kind": "personal", "days": ["mon"], "start": "07:00", "end": "08:00", "helpers": 300}]}),
        json!({"needs": [{"kind": "personal", "days": ["mon"], "start": "07:00", "end": "08:00", "helpers": -1}]}),
        json!({"needs": [{"kind": "personal", "days": ["mon"], "start": "07:00", "end": "08:00", "x": 1}]}),
        json!({"needs": [{"kind": "personal", "days": ["mon"], "start": "07:00", "end": "08:00", "label": 5}]}),
        json!({"needs": [{"kind": "personal", "days": ["mon"], "start": "07:00", "end": "08:00", "crosses_midnight": "yes"}]}),
        json!({"needs": [{"kind": "personal", "days": ["mon"], "start": "07:00", "end": "08:00", "place": "moon"}]}),
        json!({"needs": [{"kind": "personal", "days": "mon", "start": "07:00", "end": "08:00"}]}),
        json!({"needs": [{"kind": "personal", "days": ["mon", "someday"], "start": "07:00", "end": "08:00"}]}),
        json!({"needs": [{"kind": "personal", "days": ["mon"], "start": "07:00"}]}),
        json!({"needs": [{"kind": "personal", "start": "07:00"}]}),
        json!({"needs": [{}]}),
        json!({"needs": [{"kind": "walk", "days": ["mon"], "start": "07:00", "end": "08:00"}]}),
        json!({"needs": [{"kind": "personal", "days": ["mon"], "start": "25:00", "end": "08:00"}]}),
        json!({"needs": [{"kind": "personal", "days": ["mon"], "start": 7, "end": "08:00"}]}),
        json!({"monthly": [{"kind": "leisure", "hours_per_month": "12"}]}),
        json!({"monthly": [{"kind": "leisure"}]}),
        json!({"monthly": [{"hours_per_month": 3, "kind": "x"}]}),
        json!({"monthly": [{"kind": "leisure", "hours_per_month": -2, "label": []}]}),
        json!({"settings": {"night": {"start": "7", "end": "06:00"}}}),
        json!({"settings": {"night": {"start": "23:00"}}}),
        json!({"settings": {"night": {"start": "23:00", "end": "07:00", "x": 1}}}),
        json!({"settings": {"assessment_date": "2026-13-01"}}),
        json!({"settings": {"assessment_date": 20261123}}),
        json!({"settings": {"lang": 5}}),
        json!({"settings": {"municipality": ["oslo"]}}),
        json!({"settings": {"x": 1}}),
        json!({"notes": {"goal": 1}}),
        json!({"notes": {"wish": "a"}}),
        json!({"notes": "a"}),
        json!({"needs": [{"kind": "personal", "days": ["mon"], "start": "a`b at line 3", "end": "08:00"}]}),
        json!({"a`b, expected one of x": 1}),
        json!({"person": {"long_lasting": "is not a date, expected one of `x`"}}),
    ];
    for value in wrong {
        same_reading(&value);
    }
}

/// Values a random change may put anywhere.
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!(null)),
        Just(json!(true)),
        Just(json!(0)),
        Just(json!(1)),
        Just(json!(2)),
        Just(json!(-3)),
        Just(json!(4.5)),
        Just(json!(300)),
        Just(json!(70000)),
        Just(json!("x")),
        Just(json!("")),
        Just(json!("mon")),
        Just(json!("yes")),
        Just(json!("self")),
        Just(json!("personal")),
        Just(json!("out")),
        Just(json!("07:00")),
        Just(json!("24:00")),
        Just(json!("25:00")),
        Just(json!("2026-11-23")),
        Just(json!("2026-02-30")),
        Just(json!([])),
        Just(json!(["mon", "tue"])),
        Just(json!([1])),
        Just(json!({})),
        Just(json!({"x": 1})),
        Just(json!({"start": "07:00", "end": "08:00"})),
    ]
}

/// Replaces, removes or adds one value somewhere in `v`, chosen by `path`.
fn change(v: &mut Value, path: &[usize], new: Value, how: usize) {
    let Some((&step, rest)) = path.split_first() else {
        *v = new;
        return;
    };
    match v {
        Value::Object(o) if !o.is_empty() => {
            let key = o.keys().nth(step % o.len()).cloned().unwrap_or_default();
            if rest.is_empty() && how % 4 == 0 {
                o.remove(&key);
            } else if rest.is_empty() && how % 4 == 1 {
                o.insert(format!("{key}_x"), new);
            } else if let Some(child) = o.get_mut(&key) {
                change(child, rest, new, how);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = step % a.len();
            change(&mut a[i], rest, new, how);
        }
        _ => *v = new,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    #[test]
    fn a_changed_case_reads_the_same(
        path in proptest::collection::vec(0usize..12, 0..5),
        new in any_value(),
        how in 0usize..8,
        more in proptest::option::of((proptest::collection::vec(0usize..12, 1..5), any_value())),
    ) {
        let mut v = full();
        change(&mut v, &path, new, how);
        if let Some((path, new)) = more {
            change(&mut v, &path, new, 2);
        }
        let text = v.to_string();
        let (ours, theirs) = (read_case(J(v.clone())), by_serde(&text));
        if !meant_to_differ(&v, &ours, &theirs) {
            prop_assert_eq!(ours, theirs, "{}", text);
        }
    }
}

// ------------------------------------------------------------------------
// A profile's tree
// ------------------------------------------------------------------------

fn same_tree(text: &str) {
    let value: Value = serde_json::from_str(text).expect("JSON");
    // In the order serde_json's map keeps, for both.
    let text = &value.to_string();
    let theirs: Result<Tree, InputError> = serde_json::from_str::<Tree>(text)
        .map_err(|e| bpa::error::serde_error(String::new(), &e.to_string()));
    let ours = read_tree(J(value));
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
        // serde_json stops a deep value with its own recursion limit (128)
        // or ours (the tree's); either way an error, the page's with a field.
        (Err(a), Err(_)) => assert_eq!(a.code, "INVALID_VALUE", "{text}"),
        _ => panic!("{text}: {ours:?} vs {theirs:?}"),
    }
}

#[test]
fn profiles_read_into_the_same_tree() {
    for (_, text) in bpa::profile::SHIPPED {
        same_tree(text);
    }
    same_tree(r#"{"a": [1, -2, 3.5, null, true, "x", {"b": []}]}"#);
    let deep = "[".repeat(30) + &"]".repeat(30);
    same_tree(&deep);
    let err = read_tree(J(serde_json::from_str(&deep).expect("JSON"))).expect_err("too deep");
    assert_eq!(
        err.values.get("shape").map(String::as_str),
        Some("too_deep")
    );
    assert_eq!(err.field, "[0]".repeat(bpa::config::MAX_PROFILE_DEPTH));
}

// ------------------------------------------------------------------------
// JSON text, as the page's values arrive (`JSON.stringify`)
// ------------------------------------------------------------------------

fn slow(s: &str) -> f64 {
    s.parse().unwrap_or(f64::NAN)
}

/// A JSON value of any shape, with any numbers and texts.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(|x| json!(x)),
        any::<i64>().prop_map(|n| json!(n)),
        (0u32..100_000, 0u32..4).prop_map(|(n, d)| json!(f64::from(n) / 10f64.powi(d as i32))),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn json_text_reads_as_serde_reads_it(v in any_json()) {
        let text = v.to_string();
        let ours = bpa::json::parse(&text, slow);
        // serde_json's own reading of text may miss the last bit of a
        // number (without its float_roundtrip feature); the value itself
        // holds the exact number written.
        let theirs = read_tree(J(v)).ok();
        prop_assert_eq!(ours, theirs, "{}", text);
    }

    #[test]
    fn numbers_as_js_writes_them_read_exactly(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        // JS writes 1e21 and up, and below 1e-6, with an exponent ("1e+21").
        for text in [format!("{x}"), format!("{x:e}"), format!("{x:e}").replace('e', "e+").replace("e+-", "e-")] {
            let got = bpa::json::parse(&text, slow);
            prop_assert_eq!(got, Some(Tree::Number(x)), "{}", text);
        }
    }
}

#[test]
fn json_text_edges() {
    for (text, ok) in [
        ("{}", true),
        (" [1, 2.5e-3, -0, \"a\\u00e6\\ud83d\\ude00\\n\"] ", true),
        ("\"\\ud800\"", true),
        ("[1,]", false),
        ("{\"a\" 1}", false),
        ("tru", false),
        ("[1] x", false),
        ("", false),
    ] {
        assert_eq!(bpa::json::parse(text, slow).is_some(), ok, "{text}");
    }
    let deep = "[".repeat(200) + &"]".repeat(200);
    assert_eq!(bpa::json::parse(&deep, slow), None, "too deep");
    let text = bpa::json::parse("\"\\ud800x\"", slow);
    assert_eq!(text, Some(Tree::Text("\u{fffd}x".into())));
}
