//! The case book: one JSON file per case in `tests/cases/`, each worked out
//! by hand from the law (`BPA-RULES.md`, pbrl. § 2-1 d) and never copied
//! from the program's output.
//!
//! A case file reads:
//!
//! ```json
//! {
//!   "description": "why this case matters, citing the rule",
//!   "today": "2026-11-23",
//!   "input": { ...a Case, as the CLI reads it... },
//!   "expect": {
//!     "verdict": "likely_right_unless_cost",
//!     "counted": 28.0,
//!     "excluded": { "night": 7.0 },
//!     "reasons": { "AGE": "met", "COST_TEST": "absent" },
//!     "warnings": ["WARN_SHORT_VISITS"], "absent_warnings": [],
//!     "documents": [], "absent_documents": [],
//!     "alternatives": [], "absent_alternatives": [],
//!     "next_steps": [], "absent_next_steps": [],
//!     "per_day": [4, 4, 4, 4, 4, 4, 4], "per_day_excluded": [0, 0, 0, 0, 0, 0, 0],
//!     "mapped": 28.0, "overlap": 0.0, "counted_monthly": 0.0, "excluded_total": 0.0
//!   }
//! }
//! ```
//!
//! A reason's status may name which of its texts too: `"NIGHT":
//! "not_met.point_wise"`. `overlap_health`, `overlap_needs` and
//! `health_mapped` are the week's (`hours.week`).
//!
//! `cost` checks the estimate of the charge: `{"code": "COST_UNDER_2G",
//! "year": 2026, "monthly_max": 245, "two_g": 273098, "chargeable_hours": 4,
//! "unverified": true, "notes": ["COST_CHILD_PARENTS"]}`, each key optional;
//! `"monthly_max": null` says no amount is known. `profile` is optional: a
//! municipality profile as its JSON object (read like `www/profiles/*.json`).
//!
//! `today` is optional (default 2026-11-23). `excluded` is the exact map of
//! causes with hours. In `reasons`, the status `"absent"` means the reason must
//! not be given at all. A case that must be refused as input has
//! `"expect": {"error": {"field": "...", "code": "..."}}` instead.
//!
//! Why files and not Rust: a caseworker or lawyer can read, check and add a
//! case without reading code, and the description says which rule it tests.
// Native only: run by `cargo test`; the bridge tests run in wasm.
#![cfg(not(target_arch = "wasm32"))]

use bpa::case::read::from_json as parse_case_json;
use bpa::{assess_with_profile, Assessment, Date, Law, Profile};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

/// "Today" when a case does not say: the day the case book was written.
const DEFAULT_TODAY: &str = "2026-11-23";
/// The issue asks for at least 40 case files.
const MIN_CASE_FILES: usize = 40;
/// Hours in the output are rounded to hundredths; expectations are written
/// with at most two decimals, so they must match to far below 0.01.
const TOLERANCE: f64 = 1e-6;

/// Keys a case file may have; anything else is a typo that would make a check
/// silently not run.
const CASE_KEYS: [&str; 5] = ["description", "today", "input", "expect", "profile"];
const EXPECT_KEYS: [&str; 24] = [
    "cost",
    "overlap_health",
    "overlap_needs",
    "health_mapped",
    "verdict",
    "counted",
    "excluded",
    "reasons",
    "warnings",
    "absent_warnings",
    "documents",
    "absent_documents",
    "alternatives",
    "absent_alternatives",
    "next_steps",
    "absent_next_steps",
    "per_day",
    "per_day_excluded",
    "mapped",
    "overlap",
    "counted_monthly",
    "excluded_total",
    "error",
    "exclusions",
];

/// Rule codes in the law file that the engine never emits, and why.
/// Every other code must be emitted by at least one case, so that every rule
/// is covered by a hand-worked case.
const NEVER_EMITTED: [&str; 1] = [
    // The sources of "what counts" (hol. § 3-2, Prop. 86 L): for the page's
    // explanation; the engine names only what is left out.
    "COUNTED",
];

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("cases")
}

/// Every file in `tests/cases/`, sorted by name.
fn case_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match fs::read_dir(cases_dir()) {
        Ok(dir) => dir.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => panic!("cannot read {}: {e}", cases_dir().display()),
    };
    files.sort();
    files
}

fn name_of(path: &std::path::Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// One case file, read and run.
struct Loaded {
    name: String,
    file: Value,
    /// The assessment, or the input error's (field, code) pairs.
    result: Result<Assessment, Vec<(String, String)>>,
}

/// Reads and runs one case file. Any problem reading it is an error naming the file.
fn load(path: &std::path::Path) -> Result<Loaded, String> {
    let name = name_of(path);
    if path.extension().and_then(|e| e.to_str()) != Some("json") {
        return Err(format!(
            "{name}: not a .json file; tests/cases/ holds only case files"
        ));
    }
    let text = fs::read_to_string(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let file: Value =
        serde_json::from_str(&text).map_err(|e| format!("{name}: not valid JSON: {e}"))?;
    let obj = file
        .as_object()
        .ok_or_else(|| format!("{name}: the file must be a JSON object"))?;
    for k in obj.keys() {
        if !CASE_KEYS.contains(&k.as_str()) {
            return Err(format!(
                "{name}: unknown key \"{k}\" (allowed: {CASE_KEYS:?})"
            ));
        }
    }
    match obj.get("description").and_then(Value::as_str) {
        Some(d) if d.trim().len() >= 20 => {}
        _ => {
            return Err(format!(
                "{name}: \"description\" must say why the case matters (20+ characters)"
            ))
        }
    }
    let today_text = match obj.get("today") {
        None => DEFAULT_TODAY,
        Some(v) => v
            .as_str()
            .ok_or_else(|| format!("{name}: \"today\" must be a string YYYY-MM-DD"))?,
    };
    let today =
        Date::parse(today_text).ok_or_else(|| format!("{name}: bad \"today\" {today_text}"))?;
    let input = obj
        .get("input")
        .ok_or_else(|| format!("{name}: no \"input\""))?;
    let expect = obj
        .get("expect")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("{name}: no \"expect\" object"))?;
    for k in expect.keys() {
        if !EXPECT_KEYS.contains(&k.as_str()) {
            return Err(format!("{name}: unknown key \"expect.{k}\""));
        }
    }
    if expect.contains_key("error") == expect.contains_key("verdict") {
        return Err(format!(
            "{name}: \"expect\" needs exactly one of \"verdict\" or \"error\""
        ));
    }
    // Read the input exactly as the CLI does, from JSON text.
    let errors = |e: bpa::InputErrors| {
        e.0.into_iter()
            .map(|e| (e.field, e.code.to_string()))
            .collect::<Vec<_>>()
    };
    let profile = match obj.get("profile") {
        None => Profile::neutral(),
        Some(p) => bpa::municipality::from_json(&p.to_string(), Law::embedded())
            .map_err(|e| format!("{name}: the profile does not read: {e}"))?,
    };
    let result = parse_case_json(&input.to_string())
        .map_err(errors)
        .and_then(|case| {
            assess_with_profile(&case, Law::embedded(), today, &profile).map_err(errors)
        });
    Ok(Loaded { name, file, result })
}

fn load_all() -> (Vec<Loaded>, Vec<String>) {
    let mut loaded = Vec::new();
    let mut broken = Vec::new();
    for path in case_files() {
        match load(&path) {
            Ok(l) => loaded.push(l),
            Err(e) => broken.push(e),
        }
    }
    (loaded, broken)
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < TOLERANCE
}

/// Compares one expected number with the output at a JSON pointer.
fn check_number(out: &Value, pointer: &str, want: &Value, what: &str, diffs: &mut Vec<String>) {
    let Some(want) = num(want) else {
        diffs.push(format!("expect.{what} must be a number, is {want}"));
        return;
    };
    match out.pointer(pointer).and_then(num) {
        Some(got) if close(got, want) => {}
        got => diffs.push(format!("{what}: expected {want}, got {got:?}")),
    }
}

/// The codes of a list of notes in the output (`warnings`, `documents`, …).
fn codes(out: &Value, list: &str) -> BTreeSet<String> {
    out.get(list)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|n| n.get("code").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn string_list(v: &Value, what: &str, diffs: &mut Vec<String>) -> Vec<String> {
    match v.as_array() {
        Some(a) if a.iter().all(Value::is_string) => a
            .iter()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect(),
        _ => {
            diffs.push(format!("expect.{what} must be a list of codes"));
            Vec::new()
        }
    }
}

/// Everything that differs between a case's expectation and the result.
/// Empty when the case passes.
fn compare(
    expect: &Map<String, Value>,
    result: &Result<Assessment, Vec<(String, String)>>,
) -> Vec<String> {
    let mut diffs = Vec::new();
    let a = match (result, expect.get("error")) {
        (Err(errs), Some(want)) => {
            let field = want.get("field").and_then(Value::as_str);
            let code = want.get("code").and_then(Value::as_str);
            if field.is_none() || code.is_none() {
                diffs.push("expect.error needs \"field\" and \"code\"".into());
            } else if !errs
                .iter()
                .any(|(f, c)| Some(f.as_str()) == field && Some(c.as_str()) == code)
            {
                diffs.push(format!(
                    "expected input error {code:?} at {field:?}, got {errs:?}"
                ));
            }
            return diffs;
        }
        (Ok(_), Some(want)) => {
            diffs.push(format!(
                "expected the input error {want}, but it was assessed"
            ));
            return diffs;
        }
        (Err(errs), None) => {
            diffs.push(format!("expected an assessment, got input errors {errs:?}"));
            return diffs;
        }
        (Ok(a), None) => a,
    };
    let out = match serde_json::to_value(a) {
        Ok(v) => v,
        Err(e) => return vec![format!("the assessment does not serialise: {e}")],
    };

    if let Some(want) = expect.get("verdict") {
        if out.get("verdict") != Some(want) {
            diffs.push(format!(
                "verdict: expected {want}, got {}",
                out.get("verdict").unwrap_or(&Value::Null)
            ));
        }
    }
    for (key, pointer) in [
        ("counted", "/hours/counted"),
        ("mapped", "/hours/mapped"),
        ("overlap", "/hours/overlap"),
        ("counted_monthly", "/hours/counted_monthly"),
        ("excluded_total", "/hours/excluded_total"),
        ("overlap_health", "/hours/week/overlap_health"),
        ("overlap_needs", "/hours/week/overlap_needs"),
        ("health_mapped", "/hours/week/health_mapped"),
    ] {
        if let Some(want) = expect.get(key) {
            check_number(&out, pointer, want, key, &mut diffs);
        }
    }
    if let Some(want) = expect.get("excluded") {
        let got = out.pointer("/hours/excluded").and_then(Value::as_object);
        match (want.as_object(), got) {
            (Some(want), Some(got)) => {
                let keys: BTreeSet<&String> = want.keys().chain(got.keys()).collect();
                for k in keys {
                    match (want.get(k).and_then(num), got.get(k).and_then(num)) {
                        (Some(w), Some(g)) if close(w, g) => {}
                        (w, g) => diffs.push(format!("excluded.{k}: expected {w:?}, got {g:?}")),
                    }
                }
            }
            _ => diffs.push("expect.excluded must be an object of cause → hours".into()),
        }
    }
    if let Some(want) = expect.get("reasons") {
        let got: Vec<(&str, &str, Option<&str>)> = out
            .get("reasons")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|r| {
                        let code = r.get("code")?.as_str()?;
                        let status = r.get("status")?.as_str()?;
                        let variant = r.get("variant").and_then(Value::as_str);
                        Some((code, status, variant))
                    })
                    .collect()
            })
            .unwrap_or_default();
        match want.as_object() {
            Some(want) => {
                for (code, status) in want {
                    // "not_met" checks the status; "not_met.point_wise" the
                    // status and which of its texts.
                    let with_variant = status.as_str().is_some_and(|s| s.contains('.'));
                    let found: Vec<String> = got
                        .iter()
                        .filter(|(c, _, _)| c == code)
                        .map(|(_, s, v)| match v {
                            Some(v) if with_variant => format!("{s}.{v}"),
                            _ => s.to_string(),
                        })
                        .collect();
                    let found: Vec<&str> = found.iter().map(String::as_str).collect();
                    match (status.as_str(), found.as_slice()) {
                        (Some("absent"), []) => {}
                        (Some(s), [g]) if s == *g => {}
                        (s, f) => diffs.push(format!(
                            "reason {code}: expected {}, got {}",
                            s.unwrap_or("?"),
                            if f.is_empty() {
                                "absent".to_string()
                            } else {
                                f.join(", ")
                            }
                        )),
                    }
                }
            }
            None => diffs.push("expect.reasons must be an object of code → status".into()),
        }
    }
    for list in [
        "warnings",
        "documents",
        "alternatives",
        "next_steps",
        "exclusions",
    ] {
        let got = codes(&out, list);
        if let Some(want) = expect.get(list) {
            for code in string_list(want, list, &mut diffs) {
                if !got.contains(&code) {
                    diffs.push(format!("{list}: expected {code}, got {got:?}"));
                }
            }
        }
        if let Some(want) = expect.get(&format!("absent_{list}")) {
            for code in string_list(want, &format!("absent_{list}"), &mut diffs) {
                if got.contains(&code) {
                    diffs.push(format!("{list}: {code} must not be there"));
                }
            }
        }
    }
    if let Some(want) = expect.get("cost") {
        compare_cost(&out, want, &mut diffs);
    }
    for (key, field) in [("per_day", "counted"), ("per_day_excluded", "excluded")] {
        if let Some(want) = expect.get(key) {
            match want.as_array() {
                Some(w) if w.len() == 7 => {
                    for (i, w) in w.iter().enumerate() {
                        check_number(
                            &out,
                            &format!("/hours/per_day/{i}/{field}"),
                            w,
                            &format!("{key}[{i}]"),
                            &mut diffs,
                        );
                    }
                }
                _ => diffs.push(format!("expect.{key} must be 7 numbers, Monday first")),
            }
        }
    }
    diffs
}

/// The estimate of the charge against `expect.cost`.
fn compare_cost(out: &Value, want: &Value, diffs: &mut Vec<String>) {
    let Some(want) = want.as_object() else {
        diffs.push("expect.cost must be an object".into());
        return;
    };
    let got = out.get("cost").unwrap_or(&Value::Null);
    for (k, w) in want {
        let g = match k.as_str() {
            "code" => got.pointer("/estimate/code"),
            "cap_stale" => got.pointer("/cap/stale").or(Some(&Value::Bool(false))),
            "year" | "monthly_max" | "two_g" | "chargeable_hours" | "unverified" => {
                got.get(k.as_str()).or(Some(&Value::Null))
            }
            "notes" => {
                let codes: BTreeSet<String> = codes(got, "notes");
                for c in string_list(w, "cost.notes", diffs) {
                    if !codes.contains(&c) {
                        diffs.push(format!("cost.notes: expected {c}, got {codes:?}"));
                    }
                }
                continue;
            }
            "absent_notes" => {
                let codes: BTreeSet<String> = codes(got, "notes");
                for c in string_list(w, "cost.absent_notes", diffs) {
                    if codes.contains(&c) {
                        diffs.push(format!("cost.notes: {c} must not be there"));
                    }
                }
                continue;
            }
            other => {
                diffs.push(format!("unknown key expect.cost.{other}"));
                continue;
            }
        };
        let same = match (w, g) {
            (Value::Number(a), Some(Value::Number(b))) => close(
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            ),
            (w, Some(g)) => w == g,
            (_, None) => false,
        };
        if !same {
            diffs.push(format!("cost.{k}: expected {w}, got {g:?}"));
        }
    }
}

#[test]
fn every_case_file_matches_its_hand_worked_expectation() {
    let (loaded, broken) = load_all();
    let mut failures = broken;
    for l in &loaded {
        let Some(expect) = l.file.get("expect").and_then(Value::as_object) else {
            failures.push(format!("{}: no expect", l.name));
            continue;
        };
        let diffs = compare(expect, &l.result);
        if !diffs.is_empty() {
            failures.push(format!("{}:\n    {}", l.name, diffs.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} case files failed:\n{}",
        failures.len(),
        case_files().len(),
        failures.join("\n")
    );
}

#[test]
fn there_are_enough_case_files() {
    let n = case_files().len();
    assert!(
        n >= MIN_CASE_FILES,
        "only {n} case files in tests/cases/; at least {MIN_CASE_FILES} are wanted"
    );
}

/// Every reason, exclusion, warning, document, alternative and next step in
/// any case's output names sources, and every source it names is in the law
/// file's registry. And every rule the law file lists is emitted by some case,
/// so no rule goes untested.
#[test]
fn every_code_emitted_names_known_sources_and_every_rule_is_covered() {
    let law = Law::embedded();
    let (loaded, broken) = load_all();
    assert!(broken.is_empty(), "broken case files: {broken:#?}");
    let mut problems = Vec::new();
    let mut emitted = BTreeSet::new();
    for l in &loaded {
        let Ok(a) = &l.result else { continue };
        let reasons = a.reasons.iter().map(|r| (r.code, r.sources.clone()));
        let notes = [
            &a.exclusions,
            &a.warnings,
            &a.documents,
            &a.alternatives,
            &a.next_steps,
        ]
        .into_iter()
        .flatten()
        .map(|n| (n.code.as_str(), n.sources.clone()));
        let cost = std::iter::once(&a.cost.estimate)
            .chain(&a.cost.notes)
            .map(|n| (n.code.as_str(), n.sources.clone()));
        for (code, sources) in reasons.chain(notes).chain(cost) {
            emitted.insert(code);
            if sources.is_empty() {
                problems.push(format!("{}: {code} names no source", l.name));
            }
            for s in sources {
                if law.source(&s).is_none() {
                    problems.push(format!("{}: {code} names unknown source {s}", l.name));
                }
                if !a.sources.iter().any(|x| x.id == *s) {
                    problems.push(format!(
                        "{}: {code} names {s}, missing from the assessment's source list",
                        l.name
                    ));
                }
            }
            if law.rules.iter().all(|r| r.code != code) {
                problems.push(format!("{}: {code} is not in the law file", l.name));
            }
        }
        for p in &a.parameters {
            if p.sources.is_empty() && !p.convention {
                problems.push(format!("{}: parameter {} names no source", l.name, p.name));
            }
        }
    }
    for r in law.rules.iter() {
        // The letter's and the complaint's codes are covered by their own
        // tests (tests/letter.rs, tests/appeals.rs).
        let elsewhere = ["LETTER_", "APPEAL_"].iter().any(|p| r.code.starts_with(p));
        if !emitted.contains(r.code.as_str())
            && !NEVER_EMITTED.contains(&r.code.as_str())
            && !elsewhere
        {
            problems.push(format!(
                "rule {} in the law file is emitted by no case: add a case that shows it",
                r.code
            ));
        }
    }
    for code in NEVER_EMITTED {
        if emitted.contains(code) {
            problems.push(format!("{code} is emitted; remove it from NEVER_EMITTED"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The comparison itself can fail: a wrong expectation is caught, for every
/// kind of check. Without this a runner that compared nothing would pass.
#[test]
fn the_runner_catches_a_wrong_expectation() {
    let path = cases_dir().join("seed_example_28_hours.json");
    let l = match load(&path) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    };
    let Some(expect) = l.file.get("expect").and_then(Value::as_object) else {
        panic!("seed_example_28_hours.json has no expect");
    };
    assert_eq!(compare(expect, &l.result), Vec::<String>::new());
    let wrong: [(&str, Value); 12] = [
        ("verdict", Value::from("likely_right")),
        ("counted", Value::from(28.01)),
        ("excluded", serde_json::json!({"night": 1.0})),
        ("reasons", serde_json::json!({"HOURS": "met"})),
        ("reasons", serde_json::json!({"COST_TEST": "absent"})),
        ("warnings", serde_json::json!(["WARN_HOUSEHOLD_CHARGE"])),
        ("absent_warnings", serde_json::json!(["WARN_SHORT_VISITS"])),
        ("documents", serde_json::json!(["DOC_INCOME"])),
        ("per_day", serde_json::json!([4, 4, 4, 4, 4, 4, 5])),
        ("mapped", Value::from(27.0)),
        (
            "error",
            serde_json::json!({"field": "person.age", "code": "NEGATIVE_AGE"}),
        ),
        ("next_steps", serde_json::json!(["NEXT_ASK_CONSIDER"])),
    ];
    for (key, value) in wrong {
        let mut e = expect.clone();
        if key == "error" {
            e.remove("verdict");
        }
        e.insert(key.to_string(), value.clone());
        assert!(
            !compare(&e, &l.result).is_empty(),
            "a wrong expect.{key} = {value} was not caught"
        );
    }
}

/// Input-error codes that the engine files hold beside rule codes: they name
/// a problem with the input, not a rule, and need no legal source.
const INPUT_ERROR_CODES: [&str; 1] = ["RULES_NOT_IN_FORCE"];

/// Every code the engine CAN emit is in the law file, not only those the
/// cases happen to reach: each upper-case string literal in the files that
/// emit codes must be a rule of `src/law/bpa.toml` (or a listed input error).
/// The documents, alternatives and next steps are data in `src/law/items.toml`.
#[test]
fn every_code_written_in_the_engine_is_in_the_law_file() {
    let law = Law::embedded();
    let mut found = 0;
    let mut problems = Vec::new();
    for file in [
        "src/assess.rs",
        "src/cost.rs",
        "src/verdict/mod.rs",
        "src/verdict/warnings.rs",
        "src/hours/mod.rs",
        "src/law/items.toml",
    ] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(file);
        let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        // String literals: the text between pairs of double quotes.
        for literal in source.split('"').skip(1).step_by(2) {
            let is_code = literal.len() >= 3
                && literal.starts_with(|c: char| c.is_ascii_uppercase())
                && literal
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if !is_code || INPUT_ERROR_CODES.contains(&literal) {
                continue;
            }
            found += 1;
            if law.rules.iter().all(|r| r.code != literal) {
                problems.push(format!(
                    "{file}: code {literal} is not a rule in the law file"
                ));
            }
        }
    }
    // The scan itself must see the codes, or it proves nothing.
    assert!(
        found >= 50,
        "only {found} codes found in the engine's files"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every text an assessment of any case needs exists in bokmål, nynorsk and
/// English: each reason's key (with its variant), each note's text and each
/// cause's name. A new reading without its words fails here, not on a page.
#[test]
fn every_text_the_cases_need_is_in_every_catalogue() {
    let (loaded, broken) = load_all();
    assert!(broken.is_empty(), "broken case files: {broken:#?}");
    let mut problems = BTreeSet::new();
    for lang in ["nb", "nn", "en"] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("www/i18n")
            .join(format!("{lang}.json"));
        let text = fs::read_to_string(&path).unwrap_or_default();
        let texts: Map<String, Value> = serde_json::from_str(&text).unwrap_or_default();
        assert!(!texts.is_empty(), "cannot read {}", path.display());
        for l in &loaded {
            let Ok(a) = &l.result else { continue };
            let mut keys: Vec<String> = a.reasons.iter().map(|r| r.key.clone()).collect();
            for n in [&a.exclusions, &a.warnings, &a.cost.notes] {
                keys.extend(n.iter().map(|n| format!("note.{}", n.code)));
            }
            keys.push(format!("note.{}", a.cost.estimate.code));
            let causes = serde_json::to_value(&a.hours.excluded).unwrap_or_default();
            if let Some(causes) = causes.as_object() {
                keys.extend(causes.keys().map(|c| format!("cause.{c}")));
            }
            for k in keys {
                if !texts.contains_key(&k) {
                    problems.insert(format!("{lang}.json: no {k:?} (needed by {})", l.name));
                }
            }
        }
    }
    let problems: Vec<String> = problems.into_iter().collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
