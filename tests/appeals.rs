//! The complaint book: one JSON file per decision in `tests/appeals/`, each
//! worked out by hand from the law (pbrl. §§ 7-2, 7-5 and § 2-1 d;
//! BPA-RULES.md, "After a decision") and never copied from the output.
//!
//! A file reads:
//!
//! ```json
//! {
//!   "description": "why this case matters, citing the rule",
//!   "today": "2026-02-02",
//!   "input": { ...a Case, as the CLI reads it... },
//!   "decision": "refused", "received": "2026-01-31", "granted_hours": "20",
//!   "expect": {
//!     "deadline": "2026-02-28", "weekend": true, "passed": false,
//!     "standing": "supported", "draft": true,
//!     "grounds": ["AGE"], "absent_grounds": [],
//!     "duties": ["APPEAL_DUTY_COST"], "absent_duties": [],
//!     "notes": ["APPEAL_WEEKEND"], "absent_notes": []
//!   }
//! }
//! ```
//!
//! `decision`, `received` and `granted_hours` are read as the CLI reads its
//! options (`granted_hours` optional). `today` defaults to 2026-11-23;
//! `profile` is an optional municipality profile. A decision that must be
//! refused as input has `"expect": {"error": {"field": "…", "code": "…"}}`.
// Native only: run by `cargo test`.
#![cfg(not(target_arch = "wasm32"))]

use bpa::appeal::{self, Appeal, Decision, Request};
use bpa::case::read::from_json;
use bpa::catalogue::Catalogue;
use bpa::letter::Piece;
use bpa::{Date, InputErrors, Law, Profile};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

const DEFAULT_TODAY: &str = "2026-11-23";
const KEYS: [&str; 8] = [
    "description",
    "today",
    "input",
    "profile",
    "decision",
    "received",
    "granted_hours",
    "expect",
];
const EXPECT_KEYS: [&str; 14] = [
    "deadline",
    "weekend",
    "passed",
    "standing",
    "draft",
    "grounds",
    "absent_grounds",
    "duties",
    "absent_duties",
    "notes",
    "absent_notes",
    "error",
    "verdict",
    "days_left",
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/appeals")
}

struct Loaded {
    name: String,
    expect: Map<String, Value>,
    result: Result<Appeal, Vec<(String, String)>>,
}

fn codes(e: InputErrors) -> Vec<(String, String)> {
    e.0.into_iter()
        .map(|e| (e.field, e.code.to_string()))
        .collect()
}

fn load(path: &std::path::Path) -> Result<Loaded, String> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let text = fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    let file: Value = serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
    let obj = file
        .as_object()
        .ok_or_else(|| format!("{name}: not an object"))?;
    if let Some(k) = obj.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(format!("{name}: unknown key {k:?}"));
    }
    if !obj
        .get("description")
        .and_then(Value::as_str)
        .is_some_and(|d| d.trim().len() >= 20)
    {
        return Err(format!("{name}: the description must say why it matters"));
    }
    let expect = obj
        .get("expect")
        .and_then(Value::as_object)
        .cloned()
        .ok_or_else(|| format!("{name}: no expect"))?;
    if let Some(k) = expect.keys().find(|k| !EXPECT_KEYS.contains(&k.as_str())) {
        return Err(format!("{name}: unknown key expect.{k}"));
    }
    let s = |k: &str| obj.get(k).and_then(Value::as_str);
    let today = Date::parse(s("today").unwrap_or(DEFAULT_TODAY))
        .ok_or_else(|| format!("{name}: bad today"))?;
    let profile = match obj.get("profile") {
        None => Profile::neutral(),
        Some(p) => bpa::municipality::from_json(&p.to_string(), Law::embedded())
            .map_err(|e| format!("{name}: profile: {e}"))?,
    };
    let granted = obj.get("granted_hours").map(|v| match v {
        Value::String(t) => t.clone(),
        other => other.to_string(),
    });
    // As the CLI reads its options: every problem at once.
    let decision = Decision::parse(s("decision").unwrap_or_default());
    let received = appeal::parse_received(s("received").unwrap_or_default());
    let granted = appeal::parse_granted(granted.as_deref());
    let result = match (decision, received, granted) {
        (Ok(decision), Ok(received), Ok(granted_hours)) => {
            let input = obj.get("input").cloned().unwrap_or(Value::Null);
            from_json(&input.to_string())
                .map_err(codes)
                .and_then(|case| {
                    let req = Request {
                        decision,
                        received,
                        granted_hours,
                    };
                    appeal::appeal(&case, Law::embedded(), today, &profile, req).map_err(codes)
                })
        }
        (d, r, g) => Err([d.err(), r.err(), g.err()]
            .into_iter()
            .flatten()
            .map(|e| (e.field, e.code.to_string()))
            .collect()),
    };
    Ok(Loaded {
        name,
        expect,
        result,
    })
}

fn load_all() -> (Vec<Loaded>, Vec<String>) {
    let mut files: Vec<PathBuf> = fs::read_dir(dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let (mut ok, mut broken) = (Vec::new(), Vec::new());
    for f in files {
        match load(&f) {
            Ok(l) => ok.push(l),
            Err(e) => broken.push(e),
        }
    }
    (ok, broken)
}

fn list(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn compare(l: &Loaded) -> Vec<String> {
    let mut d = Vec::new();
    let a = match (&l.result, l.expect.get("error")) {
        (Err(errs), Some(want)) => {
            let pair = (
                want["field"].as_str().unwrap_or_default(),
                want["code"].as_str().unwrap_or_default(),
            );
            if !errs.iter().any(|(f, c)| (f.as_str(), c.as_str()) == pair) {
                d.push(format!("expected error {pair:?}, got {errs:?}"));
            }
            return d;
        }
        (Ok(_), Some(want)) => return vec![format!("expected error {want}, got an appeal")],
        (Err(errs), None) => return vec![format!("input errors {errs:?}")],
        (Ok(a), None) => a,
    };
    let out = serde_json::to_value(a).unwrap_or_default();
    for (key, got) in [
        ("deadline", &out["deadline"]["date"]),
        ("weekend", &out["deadline"]["weekend"]),
        ("passed", &out["deadline"]["passed"]),
        ("days_left", &out["deadline"]["days_left"]),
        ("standing", &out["standing"]),
        ("verdict", &out["verdict"]),
    ] {
        if let Some(want) = l.expect.get(key) {
            if want != got {
                d.push(format!("{key}: expected {want}, got {got}"));
            }
        }
    }
    if let Some(want) = l.expect.get("draft") {
        let got = Value::Bool(a.draft.is_some());
        if *want != got {
            d.push(format!("draft: expected {want}, got {got}"));
        }
    }
    let grounds: BTreeSet<String> = a.grounds.iter().map(|r| r.code.to_string()).collect();
    let duties: BTreeSet<String> = a.duties.iter().map(|n| n.code.clone()).collect();
    let notes: BTreeSet<String> = a.notes.iter().map(|n| n.code.clone()).collect();
    for (key, got) in [
        ("grounds", &grounds),
        ("duties", &duties),
        ("notes", &notes),
    ] {
        for c in l.expect.get(key).map(list).unwrap_or_default() {
            if !got.contains(&c) {
                d.push(format!("{key}: expected {c}, got {got:?}"));
            }
        }
        for c in l
            .expect
            .get(&format!("absent_{key}"))
            .map(list)
            .unwrap_or_default()
        {
            if got.contains(&c) {
                d.push(format!("{key}: {c} must not be there"));
            }
        }
    }
    d
}

#[test]
fn every_appeal_file_matches_its_hand_worked_expectation() {
    let (loaded, broken) = load_all();
    assert!(loaded.len() >= 15, "only {} appeal files", loaded.len());
    let mut failures = broken;
    for l in &loaded {
        let diffs = compare(l);
        if !diffs.is_empty() {
            failures.push(format!("{}:\n    {}", l.name, diffs.join("\n    ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The runner can fail: a wrong deadline, standing or duty is caught.
#[test]
fn the_runner_catches_a_wrong_expectation() {
    let (loaded, _) = load_all();
    let l = loaded
        .into_iter()
        .find(|l| l.name == "received_31_january_deadline_28_february.json")
        .unwrap_or_else(|| panic!("the 31 January file"));
    assert!(compare(&l).is_empty(), "{:?}", compare(&l));
    for (key, wrong) in [
        ("deadline", Value::from("2026-03-03")),
        ("standing", Value::from("uncertain")),
        ("draft", Value::from(false)),
        ("duties", serde_json::json!(["APPEAL_DUTY_COST"])),
        ("absent_notes", serde_json::json!(["APPEAL_WEEKEND"])),
        ("grounds", serde_json::json!(["NIGHT"])),
    ] {
        let mut bad = Loaded {
            name: l.name.clone(),
            expect: l.expect.clone(),
            result: l.result.clone(),
        };
        bad.expect.insert(key.to_string(), wrong.clone());
        assert!(!compare(&bad).is_empty(), "a wrong {key} = {wrong} passed");
    }
}

/// Every APPEAL_ rule of the law file is emitted by some appeal file, and
/// every note and duty names sources from the registry.
#[test]
fn every_appeal_rule_is_covered_and_cites_known_sources() {
    let law = Law::embedded();
    let (loaded, _) = load_all();
    let mut emitted = BTreeSet::new();
    let mut problems = Vec::new();
    for l in &loaded {
        let Ok(a) = &l.result else { continue };
        for n in a.notes.iter().chain(&a.duties) {
            emitted.insert(n.code.clone());
            if n.sources.is_empty() {
                problems.push(format!("{}: {} names no source", l.name, n.code));
            }
            for s in &n.sources {
                if !a.sources.iter().any(|x| x.id == *s) {
                    problems.push(format!("{}: {} names {s}, not in sources", l.name, n.code));
                }
            }
        }
    }
    for r in &law.rules {
        if r.code.starts_with("APPEAL_") && !emitted.contains(&r.code) {
            problems.push(format!("{} is emitted by no appeal file", r.code));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every text an appeal uses is in every catalogue, and the drafts, written
/// out in bokmål and nynorsk, and the notes leave no `{placeholder}` unfilled.
#[test]
fn every_appeal_text_is_in_every_catalogue_and_fully_filled_in() {
    let (loaded, _) = load_all();
    let mut missing = BTreeSet::new();
    let mut unfilled = Vec::new();
    for l in &loaded {
        let Ok(a) = &l.result else { continue };
        let mut keys: Vec<String> = a
            .notes
            .iter()
            .chain(&a.duties)
            .map(|n| format!("note.{}", n.code))
            .collect();
        keys.extend(a.grounds.iter().chain(&a.open).map(|r| r.key.clone()));
        for b in a.draft.iter().flatten() {
            keys.push(b.key.clone());
            for p in b.inputs.values() {
                match p {
                    Piece::Key(k) => keys.push(k.clone()),
                    Piece::Keys(ks) | Piece::Sentences(ks) => keys.extend(ks.iter().cloned()),
                    Piece::Date(_) => keys.push("format.date".into()),
                    _ => {}
                }
            }
        }
        for lang in ["nb", "nn", "en"] {
            let texts = Catalogue::raw(lang);
            for k in &keys {
                if !texts.contains_key(k) {
                    missing.insert(format!("{lang}: {k}"));
                }
            }
            let report = bpa::report::render_appeal(a, lang);
            if report.contains('{') {
                unfilled.push(format!("{} ({lang}):\n{report}", l.name));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
    assert!(unfilled.is_empty(), "{}", unfilled.join("\n"));
}
