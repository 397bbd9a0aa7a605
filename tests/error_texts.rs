//! Errors for people in every language: each [`bpa::InputError`] code has a
//! catalogue text `error.CODE` in bokmål, nynorsk and English, and the
//! error carries the values (`limit`, `start`, …) that text names, so the
//! page can show it in the person's language. The catalogues are where the
//! words are written: the CLI's `message_nb` and `message_en` are the same
//! texts, filled in by the engine (from a table `build.rs` makes).
// Native only: run by `cargo test`; the bridge tests run in wasm.
#![cfg(not(target_arch = "wasm32"))]

use bpa::case::read::from_json as parse_case_json;
use bpa::{InputError, Law};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

const NB: &str = include_str!("../www/i18n/nb.json");
const NN: &str = include_str!("../www/i18n/nn.json");
const EN: &str = include_str!("../www/i18n/en.json");

fn catalogue(text: &str) -> BTreeMap<String, String> {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("catalogue: {e}"))
}

/// Codes in the files that make errors which are not error codes.
const NOT_ERRORS: [&str; 3] = [
    // A notice about the choice of municipality (`note.PROFILE_UNKNOWN`).
    "PROFILE_UNKNOWN",
    // The name Firefox gives a full storage, read by src/bridge.rs.
    "NS_ERROR_DOM_QUOTA_REACHED",
    // `include!(concat!(env!("OUT_DIR"), …))` in src/error.rs.
    "OUT_DIR",
];

/// Every upper-case string literal outside comments in the files that make
/// input errors, except rule codes of the law file: the input-error codes.
fn error_codes() -> BTreeSet<String> {
    let law = Law::embedded();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // Every Rust file of the crate: a code can be raised anywhere.
    let mut files = Vec::new();
    let mut dirs = vec![root.join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 20, "{files:?}");
    let mut codes = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
            // A quote as a char is no string.
            .replace("'\"'", "' '");
        for literal in string_literals(&code) {
            let literal = literal.as_str();
            let is_code = literal.len() >= 3
                && literal.starts_with(|c: char| c.is_ascii_uppercase())
                && literal
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if is_code
                && !NOT_ERRORS.contains(&literal)
                && law.rules.iter().all(|r| r.code != literal)
            {
                codes.insert(literal.to_string());
            }
        }
    }
    codes
}

/// The string literals in Rust source, with `\"` inside them kept whole.
fn string_literals(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut literal = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => break,
                c => literal.push(c),
            }
        }
        out.push(literal);
    }
    out
}

#[test]
fn every_error_code_has_a_text_in_every_language() {
    let codes = error_codes();
    // The scan must see the codes, or it proves nothing.
    assert!(codes.len() >= 50, "only {} codes: {codes:?}", codes.len());
    for code in [
        "INVALID_VALUE",
        "LINK_DAMAGED",
        "TOO_MANY_NEEDS",
        "URL_NOT_HTTPS",
    ] {
        assert!(codes.contains(code), "{code} not found by the scan");
    }
    let mut missing = Vec::new();
    for (lang, text) in [("nb", NB), ("nn", NN), ("en", EN)] {
        let c = catalogue(text);
        for code in &codes {
            if !c.contains_key(&format!("error.{code}")) {
                missing.push(format!("{lang}: error.{code}"));
            }
        }
    }
    assert!(missing.is_empty(), "missing:\n  {}", missing.join("\n  "));
}

/// The `{name}` placeholders in a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_string()))
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .collect()
}

/// The catalogue key for an error: `error.CODE`, or for serde's messages
/// `error.INVALID_VALUE.<shape>`.
fn key(e: &InputError) -> String {
    match e.values.get("shape") {
        Some(shape) => format!("error.{}.{shape}", e.code),
        None => format!("error.{}", e.code),
    }
}

fn fill(text: &str, values: &std::collections::BTreeMap<&'static str, String>) -> String {
    let mut s = text.to_string();
    for (k, v) in values {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// Cases that each make one error (or a few), to check their values.
fn broken_cases() -> Vec<Value> {
    let need = |extra: Value| {
        let mut n = json!({"kind": "personal", "days": ["mon"], "start": "08:00", "end": "09:00"});
        if let (Some(n), Some(extra)) = (n.as_object_mut(), extra.as_object()) {
            for (k, v) in extra {
                n.insert(k.clone(), v.clone());
            }
        }
        json!({ "needs": [n] })
    };
    vec![
        json!({"person": {"age": -1}}),
        json!({"person": {"age": 200}}),
        json!({"person": {"age": 4.5}}),
        json!({"person": {"current_services": vec!["other"; 17]}}),
        json!({"person": {"applicant": "cousin"}}),
        json!({"person": {"shoe": 1}}),
        json!({"person": "me"}),
        json!({"needs": vec![json!({"kind": "personal", "days": ["mon"], "start": "08:00", "end": "09:00"}); 201]}),
        need(json!({"days": []})),
        need(json!({"start": "24:00", "end": "24:00"})),
        need(json!({"start": "22:00", "end": "23:00", "crosses_midnight": true})),
        need(json!({"start": "10:00", "end": "09:00"})),
        need(json!({"start": "10:00", "end": "10:00"})),
        need(json!({"helpers": 9})),
        need(json!({"helpers": -1})),
        need(json!({"label": "x".repeat(201)})),
        need(json!({"label": 5})),
        need(json!({"continuous": "yes"})),
        need(json!({"start": "25:00"})),
        json!({"needs": [{"days": ["mon"], "start": "08:00", "end": "09:00"}]}),
        json!({"monthly": vec![json!({"kind": "leisure", "hours_per_month": 1}); 51]}),
        json!({"monthly": [{"kind": "leisure", "hours_per_month": 800}]}),
        json!({"monthly": [{"kind": "leisure", "hours_per_month": "many"}]}),
        json!({"settings": {"night": {"start": "07:00", "end": "07:00"}}}),
        json!({"settings": {"assessment_date": "2026-13-01"}}),
        json!({"settings": {"assessment_date": "2010-01-01"}}),
        json!({"settings": {"lang": "a-very-long-language"}}),
        json!({"settings": {"municipality": "x".repeat(65)}}),
        json!({"notes": {"goal": "x".repeat(2001)}}),
        json!({"version": 0}),
        json!({"version": 99}),
    ]
}

/// Every error the engine makes for these cases: its catalogue text names
/// only values the error carries, and in bokmål and English reads as the
/// CLI's message once filled in.
#[test]
fn errors_carry_the_values_their_texts_name() {
    let catalogues = [
        ("nb", catalogue(NB)),
        ("nn", catalogue(NN)),
        ("en", catalogue(EN)),
    ];
    let law = Law::embedded();
    let today = bpa::Date::new(2026, 11, 23).unwrap_or_else(|| unreachable!());
    let mut errors: Vec<InputError> = Vec::new();
    for case in broken_cases() {
        let text = case.to_string();
        let result = parse_case_json(&text).and_then(|c| bpa::assess(&c, law, today).map(|_| ()));
        match result {
            Ok(()) => panic!("accepted: {text}"),
            Err(e) => errors.extend(e.0),
        }
    }
    // The file as a whole: cut short, and with more after the case. (A
    // field given twice is read as `JSON.parse` reads it, the last value
    // winning, so it makes no error.)
    for text in ["{\"person\": ", "{\"person\": {}} 2"] {
        match parse_case_json(text) {
            Ok(_) => panic!("accepted: {text}"),
            Err(e) => errors.extend(e.0),
        }
    }
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for e in &errors {
        let key = key(e);
        seen.insert(key.clone());
        for (lang, c) in &catalogues {
            let Some(text) = c.get(&key) else {
                problems.push(format!("{lang}: no {key} for {e:?}"));
                continue;
            };
            for p in placeholders(text) {
                if !e.values.contains_key(p.as_str()) {
                    problems.push(format!(
                        "{lang}: {key} names {{{p}}}, the error has no such value: {e:?}"
                    ));
                }
            }
            // What the CLI prints is this very text, filled in.
            let engine = match *lang {
                "nb" => Some(e.message_nb()),
                "en" => Some(e.message_en()),
                _ => None,
            };
            if engine.is_some_and(|m| m != fill(text, &e.values)) {
                problems.push(format!("{lang}: {key} is not what the CLI says: {e:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Enough kinds of error were made for this to mean something.
    assert!(seen.len() >= 25, "only {} kinds: {seen:?}", seen.len());
}
