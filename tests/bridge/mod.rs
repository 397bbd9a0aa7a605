//! Tests of the WebAssembly bridge (`src/bridge.rs`) as the page sees it:
//! plain JS values in, plain JS values out, and never a throw on bad input.
//!
//! Shared by `tests/bridge_node.rs` (run in Node) and `tests/bridge_browser.rs`
//! (run in headless Chromium): the same bridge must behave the same in both.
//! The inputs are written as JSON text and parsed with the JS engine's own
//! `JSON.parse`, so they are exactly what the page would pass.

use bpa::bridge::{
    appeal, assess, decode_link, encode_link, example_case, file_text, forms, is_empty_case,
    letter, open_file, rules_version, today_text, validate,
};
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// Reads `obj[key]`, failing the test with the whole object shown if the
/// key is missing.
pub(crate) fn get(obj: &JsValue, key: &str) -> JsValue {
    let v = Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    assert!(!v.is_undefined(), "`{key}` is missing from {}", show(obj));
    v
}

/// A JS value as JSON text, for failure messages.
pub(crate) fn show(v: &JsValue) -> String {
    JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("{v:?}"))
}

/// Parses JSON text with the JS engine, as the page's data would arrive.
pub(crate) fn js(text: &str) -> JsValue {
    match JSON::parse(text) {
        Ok(v) => v,
        Err(e) => panic!("test input is not JSON: {text}: {e:?}"),
    }
}

/// Is this a plain object (`{}`), not a `Map`, array or class instance?
/// The page reads fields by name, which a `Map` would silently break.
fn is_plain_object(v: &JsValue) -> bool {
    v.is_object()
        && !Array::is_array(v)
        && Object::get_prototype_of(v) == Object::get_prototype_of(&Object::new())
}

/// The errors of a reply that must have failed, as (field, code, the
/// English text the page shows for it).
pub(crate) fn errors_of(reply: &JsValue) -> Vec<(String, String, String)> {
    assert_eq!(
        get(reply, "ok").as_bool(),
        Some(false),
        "expected ok:false, got {}",
        show(reply)
    );
    let errors = get(reply, "errors");
    assert!(
        Array::is_array(&errors),
        "errors is not an array: {}",
        show(reply)
    );
    let errors = Array::from(&errors);
    assert!(
        errors.length() > 0,
        "ok:false with no errors: {}",
        show(reply)
    );
    errors
        .iter()
        .map(|e| {
            let text = |k: &str| get(&e, k).as_string().unwrap_or_default();
            let en = crate::page_words::english(&e);
            assert!(
                !en.trim().is_empty(),
                "an error with no text in the catalogue: {}",
                show(&e)
            );
            (text("field"), text("code"), en)
        })
        .collect()
}

/// The example case with one need replaced by `need` (JSON text).
fn example_with_need(need: &str) -> JsValue {
    let case = example_case();
    // Not `Array::from`: that is JS `Array.from`, a copy.
    let needs: Array = get(&case, "needs").unchecked_into();
    needs.set(0, js(need));
    case
}

#[wasm_bindgen_test]
fn example_case_is_a_plain_object_with_needs() {
    let case = example_case();
    assert!(
        is_plain_object(&case),
        "example_case() is not a plain object: {case:?}"
    );
    let needs = get(&case, "needs");
    assert!(Array::is_array(&needs));
    assert!(Array::from(&needs).length() > 0, "the example has no needs");
}

#[wasm_bindgen_test]
fn example_case_assesses_to_likely_right_with_28_hours() {
    let reply = assess(example_case(), None);
    assert_eq!(get(&reply, "ok").as_bool(), Some(true), "{}", show(&reply));
    let a = get(&reply, "assessment");
    assert_eq!(
        get(&a, "verdict").as_string().as_deref(),
        Some("likely_right_unless_cost")
    );
    let hours = get(&a, "hours");
    assert_eq!(get(&hours, "counted").as_f64(), Some(28.0));
    assert_eq!(
        get(&a, "assessment_date").as_string().as_deref(),
        Some(today_text().as_str())
    );
    assert_eq!(get(&a, "rules_version").as_string(), Some(rules_version()));
    // Every reason the page shows names its legal source.
    let reasons = Array::from(&get(&a, "reasons"));
    assert!(reasons.length() > 0);
    for r in reasons.iter() {
        assert!(
            Array::from(&get(&r, "sources")).length() > 0,
            "a reason without a source: {}",
            show(&r)
        );
    }
}

#[wasm_bindgen_test]
fn reply_is_plain_objects_not_maps() {
    // A need of helsehjelp on its own is left out (excluded), so
    // `hours.excluded` has a key: it must be a plain object, not a JS Map.
    let case = js(r#"{"person":{"age":45},"needs":[
        {"kind":"health","days":["mon"],"start":"10:00","end":"11:00"},
        {"kind":"personal","days":["mon","tue"],"start":"07:00","end":"09:00"}]}"#);
    let reply = assess(case, None);
    assert!(is_plain_object(&reply), "reply is not a plain object");
    let a = get(&reply, "assessment");
    assert!(is_plain_object(&a), "assessment is not a plain object");
    let hours = get(&a, "hours");
    assert!(is_plain_object(&hours), "hours is not a plain object");
    let excluded = get(&hours, "excluded");
    assert!(
        is_plain_object(&excluded),
        "hours.excluded is not a plain object: {excluded:?}"
    );
    assert_eq!(
        get(&excluded, "health").as_f64(),
        Some(1.0),
        "{}",
        show(&hours)
    );
    assert_eq!(
        get(&hours, "counted").as_f64(),
        Some(4.0),
        "{}",
        show(&hours)
    );
    let first_reason = Array::from(&get(&a, "reasons")).get(0);
    assert!(is_plain_object(&get(&first_reason, "inputs")));
}

#[wasm_bindgen_test]
fn validate_accepts_the_example() {
    let reply = validate(example_case());
    assert_eq!(get(&reply, "ok").as_bool(), Some(true), "{}", show(&reply));
}

#[wasm_bindgen_test]
fn a_number_instead_of_a_case_is_an_error_not_a_throw() {
    let bad_values = [
        JsValue::from_f64(5.0),
        JsValue::from_str("x"),
        JsValue::NULL,
        JsValue::UNDEFINED,
        JsValue::TRUE,
    ];
    for bad in bad_values {
        let errs = errors_of(&assess(bad.clone(), None));
        assert_eq!(
            errs[0].0, "",
            "a wrong top-level value names the whole input: {errs:?}"
        );
        errors_of(&validate(bad));
    }
}

#[wasm_bindgen_test]
fn a_time_past_midnight_names_the_start_field() {
    let case =
        example_with_need(r#"{"kind":"personal","days":["mon"],"start":"25:00","end":"08:00"}"#);
    let errs = errors_of(&assess(case.clone(), None));
    assert_eq!(errs[0].0, "needs[0].start", "{errs:?}");
    assert!(
        errs[0].2.contains("25:00"),
        "the message quotes the value: {errs:?}"
    );
    assert_eq!(errors_of(&validate(case))[0].0, "needs[0].start");
}

#[wasm_bindgen_test]
fn an_unknown_kind_names_the_kind_field() {
    let case = example_with_need(r#"{"kind":"walk","days":["mon"],"start":"07:00","end":"08:00"}"#);
    let errs = errors_of(&assess(case, None));
    assert_eq!(errs[0].0, "needs[0].kind", "{errs:?}");
    assert!(errs[0].2.contains("walk"), "{errs:?}");
}

#[wasm_bindgen_test]
fn missing_days_names_the_need_and_the_days() {
    let case = example_with_need(r#"{"kind":"personal","start":"07:00","end":"08:00"}"#);
    let errs = errors_of(&assess(case, None));
    let (field, _, message) = &errs[0];
    // Through the bridge as in the CLI, the missing field is named by its own
    // path, and the message is plain words, not serde's "Error: …".
    assert_eq!(
        field, "needs[0].days",
        "the error names the field: {errs:?}"
    );
    assert!(!message.starts_with("Error"), "plain words: {errs:?}");
    assert!(message.contains("days"), "the error names `days`: {errs:?}");
}

#[wasm_bindgen_test]
fn an_end_before_the_start_is_found_after_reading() {
    // Well-formed, but wrong: caught by validation, not by serde.
    let case =
        example_with_need(r#"{"kind":"personal","days":["mon"],"start":"09:00","end":"08:00"}"#);
    let errs = errors_of(&assess(case, None));
    assert!(
        errs.iter()
            .any(|(f, c, _)| f == "needs[0].end" && c == "END_BEFORE_START"),
        "{errs:?}"
    );
}

#[wasm_bindgen_test]
fn today_comes_from_the_browsers_clock() {
    let now = js_sys::Date::new_0();
    let want = format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    );
    assert_eq!(today_text(), want);
}

#[wasm_bindgen_test]
fn the_forms_get_the_laws_values_choices_and_limits() {
    let reply = forms();
    let f = get(&reply, "forms");
    let law = get(&f, "law");
    assert_eq!(get(&law, "hours_right").as_f64(), Some(32.0));
    assert_eq!(get(&law, "adult_age").as_f64(), Some(18.0));
    assert_eq!(
        get(&get(&law, "night"), "start").as_string().as_deref(),
        Some("23:00")
    );
    let kinds = Array::from(&get(&get(&f, "choices"), "kinds"));
    assert_eq!(kinds.get(0).as_string().as_deref(), Some("personal"));
    let limits = get(&f, "limits");
    assert_eq!(
        get(&limits, "max_needs").as_f64(),
        Some(bpa::config::MAX_NEEDS as f64)
    );
}

#[wasm_bindgen_test]
fn a_file_is_read_as_the_cli_reads_it() {
    let text = get(&file_text(example_case()), "text")
        .as_string()
        .unwrap_or_default();
    let opened = open_file(text.as_bytes());
    assert_eq!(
        get(&opened, "ok").as_bool(),
        Some(true),
        "{}",
        show(&opened)
    );
    // A byte-order mark is read; UTF-16 and a list are refused in words.
    let bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
    assert_eq!(get(&open_file(&bom), "ok").as_bool(), Some(true));
    assert_eq!(
        errors_of(&open_file(b"\xFF\xFE{\x00}\x00"))[0].1,
        "FILE_UTF16"
    );
    assert_eq!(errors_of(&open_file(b"[]"))[0].0, "");
    // A key twice takes its last value, as JSON.parse and the CLI read it.
    let dup = open_file(br#"{"person": {"age": 3, "age": 4}}"#);
    assert_eq!(
        get(&get(&get(&dup, "case"), "person"), "age").as_f64(),
        Some(4.0)
    );
}

#[wasm_bindgen_test]
fn unknown_fields_and_lists_for_objects_are_refused_from_js_too() {
    // serde-wasm-bindgen alone would pass over an unknown field and read a
    // struct from an array: through JSON, the page's values are read as
    // strictly as a file.
    for (case, field) in [
        (r#"{"person": {"age": 40, "shoe": 1}}"#, "person.shoe"),
        (r#"{"person": []}"#, "person"),
        (
            r#"{"needs": [{"kind": "personal", "days": "mon", "start": "07:00", "end": "08:00"}]}"#,
            "needs[0].days",
        ),
        ("[]", ""),
    ] {
        let errs = errors_of(&validate(js(case)));
        assert_eq!(errs[0].0, field, "{case}: {errs:?}");
    }
    // A field set to undefined is a missing field, as in a file without it
    // (`JSON.stringify` leaves it out): refused where the field is needed,
    // its default where it has one.
    let case = example_case();
    let need = Array::from(&get(&case, "needs")).get(0);
    let _ = Reflect::set(&need, &"days".into(), &JsValue::UNDEFINED);
    let errs = errors_of(&validate(case.clone()));
    assert_eq!(
        (errs[0].0.as_str(), errs[0].1.as_str()),
        ("needs[0].days", "INVALID_VALUE"),
        "{errs:?}"
    );
    let case = example_case();
    let _ = Reflect::set(&case, &"settings".into(), &JsValue::UNDEFINED);
    assert_eq!(get(&validate(case), "ok").as_bool(), Some(true));
    // A field set to null is not missing: it is refused at the field, as in
    // a file.
    let case = example_case();
    let _ = Reflect::set(&case, &"settings".into(), &JsValue::NULL);
    let errs = errors_of(&validate(case));
    assert_eq!(errs[0].0, "settings", "{errs:?}");
}

#[wasm_bindgen_test]
fn a_link_made_by_the_bridge_opens_again() {
    let link = get(&encode_link(example_case(), JsValue::UNDEFINED), "link");
    let opened = decode_link(link);
    assert_eq!(
        get(&opened, "ok").as_bool(),
        Some(true),
        "{}",
        show(&opened)
    );
    assert_eq!(show(&get(&opened, "case")), show(&example_case()));
    assert_eq!(
        errors_of(&decode_link(JsValue::from_f64(3.0)))[0].1,
        "LINK_NOT_TEXT"
    );
}

// ------------------------------------------------------------------------
// Municipality profiles: the page fetches profiles/<id>.json and passes it.
// ------------------------------------------------------------------------

const OSLO: &str = include_str!("../../www/profiles/oslo.json");

#[wasm_bindgen_test]
fn a_profile_adds_its_form_link_processing_time_and_own_steps() {
    let with = assess(example_case(), Some(OSLO.to_string()));
    assert_eq!(get(&with, "ok").as_bool(), Some(true), "{}", show(&with));
    let a = get(&with, "assessment");
    let m = get(&a, "municipality");
    assert_eq!(get(&m, "id").as_string().as_deref(), Some("oslo"));
    let days = get(&get(&m, "processing_time"), "days");
    assert_eq!(days.as_f64(), Some(14.0));
    let own = Array::from(&get(&m, "next_steps"));
    assert!(own.length() > 0, "no own steps: {}", show(&m));
    let first_doc = Array::from(&get(&a, "documents")).get(0);
    assert_eq!(
        get(&first_doc, "link").as_string(),
        get(&m, "form").as_string(),
        "DOC_APPLICATION links the form"
    );
    // Without a profile: the neutral one, no links.
    {
        let neutral = get(&assess(example_case(), None), "assessment");
        let m = get(&neutral, "municipality");
        assert_eq!(get(&m, "id").as_string().as_deref(), Some("default"));
        let first_doc = Array::from(&get(&neutral, "documents")).get(0);
        assert!(Reflect::get(&first_doc, &"link".into()).map_or(true, |l| l.is_undefined()));
    }
}

#[wasm_bindgen_test]
fn a_broken_profile_is_errors_under_profile_never_a_throw() {
    let bad = [
        (
            r#"{"id": "x", "contact": "http://x.no"}"#,
            "profile.contact",
            "URL_NOT_HTTPS",
        ),
        (
            r##"{"id": "x", "colour": "#000"}"##,
            "profile.colour",
            "INVALID_VALUE",
        ),
        (
            r#"{"id": "x", "items": [{"code": "A", "kind": "document", "when": {"kind": "walk"}, "text": {"nb": "A"}, "sources": []}]}"#,
            "profile.items[0].when.kind",
            "INVALID_VALUE",
        ),
        (r#""oslo""#, "profile", "INVALID_VALUE"),
    ];
    for (profile, field, code) in bad {
        let errs = errors_of(&assess(example_case(), Some(profile.to_string())));
        assert!(
            errs.iter().any(|(f, c, _)| f == field && c == code),
            "{profile}: expected {code} at {field}, got {errs:?}"
        );
    }
}

#[wasm_bindgen_test]
fn an_unknown_municipality_is_noted() {
    let case = example_case();
    let settings = Object::new();
    let _ = Reflect::set(&settings, &"municipality".into(), &"atlantis".into());
    let _ = Reflect::set(&case, &"settings".into(), &settings);
    let a = get(&assess(case, None), "assessment");
    let notice = get(&get(&a, "municipality"), "notice");
    assert_eq!(
        get(&notice, "code").as_string().as_deref(),
        Some("PROFILE_UNKNOWN")
    );
    assert_eq!(
        get(&get(&notice, "inputs"), "name").as_string().as_deref(),
        Some("atlantis")
    );
}

// ------------------------------------------------------------------------
// The application letter, and the income band in links.
// ------------------------------------------------------------------------

/// The example case with the answers set from JSON text.
fn example_with_person(person: &str) -> JsValue {
    let case = example_case();
    let _ = Reflect::set(&case, &"person".into(), &js(person));
    case
}

#[wasm_bindgen_test]
fn a_link_leaves_the_income_band_out_unless_the_page_says_include() {
    let person = r#"{"age": 40, "income_band": "under_2g"}"#;
    for (include, kept) in [
        (JsValue::UNDEFINED, false),
        (JsValue::from_str("yes"), false),
        (JsValue::TRUE, true),
    ] {
        let link = get(&encode_link(example_with_person(person), include), "link");
        let case = get(&decode_link(link), "case");
        let band = Reflect::get(&get(&case, "person"), &"income_band".into());
        assert_eq!(
            band.ok().and_then(|b| b.as_string()).as_deref() == Some("under_2g"),
            kept,
            "{}",
            show(&case)
        );
    }
}

#[wasm_bindgen_test]
fn the_letter_comes_as_blocks_of_catalogue_texts_with_plain_values() {
    let reply = letter(example_case(), Some(OSLO.to_string()), "nn".into());
    assert_eq!(get(&reply, "ok").as_bool(), Some(true), "{}", show(&reply));
    let l = get(&reply, "letter");
    assert!(is_plain_object(&l));
    assert_eq!(get(&l, "lang").as_string().as_deref(), Some("nn"));
    let blocks = Array::from(&get(&l, "blocks"));
    let first = blocks.get(0);
    assert_eq!(
        get(&first, "key").as_string().as_deref(),
        Some("letter.title")
    );
    assert_eq!(get(&first, "kind").as_string().as_deref(), Some("heading"));
    let to = blocks.get(1);
    let name = get(&get(&get(&to, "inputs"), "municipality"), "text");
    assert_eq!(name.as_string().as_deref(), Some("Oslo kommune"));
    let notes = Array::from(&get(&l, "notes"));
    assert_eq!(
        get(&notes.get(0), "code").as_string().as_deref(),
        Some("LETTER_ORAL_OR_WRITTEN")
    );
    assert!(Array::from(&get(&l, "sources")).length() > 0);
    assert_eq!(get(&l, "counted").as_f64(), Some(28.0));
}

#[wasm_bindgen_test]
fn a_letter_in_english_or_of_a_broken_case_is_errors_never_a_throw() {
    for lang in [
        JsValue::from_str("en"),
        JsValue::from_f64(1.0),
        JsValue::UNDEFINED,
    ] {
        let errs = errors_of(&letter(example_case(), None, lang));
        assert_eq!(
            (errs[0].0.as_str(), errs[0].1.as_str()),
            ("lang", "LETTER_LANG")
        );
        assert!(errs[0].2.contains("nb, nn"), "{errs:?}");
    }
    let errs = errors_of(&letter(js("[]"), None, "nb".into()));
    assert_eq!(errs[0].1, "INVALID_VALUE");
}

// ------------------------------------------------------------------------
// After a decision: the complaint.
// ------------------------------------------------------------------------

#[wasm_bindgen_test]
fn an_appeal_gives_the_deadline_and_a_draft_for_the_example() {
    // The example: 28 counted hours, every answer given: likely right unless cost.
    let reply = appeal(
        example_case(),
        None,
        "refused".into(),
        "2026-01-31".into(),
        JsValue::UNDEFINED,
    );
    assert_eq!(get(&reply, "ok").as_bool(), Some(true), "{}", show(&reply));
    let a = get(&reply, "appeal");
    assert!(is_plain_object(&a));
    let d = get(&a, "deadline");
    assert_eq!(get(&d, "date").as_string().as_deref(), Some("2026-02-28"));
    assert_eq!(get(&d, "day").as_string().as_deref(), Some("sat"));
    assert_eq!(get(&d, "weekend").as_bool(), Some(true));
    assert_eq!(
        get(&a, "standing").as_string().as_deref(),
        Some("supported")
    );
    let duties: Vec<String> = Array::from(&get(&a, "duties"))
        .iter()
        .filter_map(|n| get(&n, "code").as_string())
        .collect();
    assert!(
        duties.contains(&"APPEAL_DUTY_COST".to_string()),
        "{duties:?}"
    );
    let draft = Array::from(&get(&a, "draft"));
    assert_eq!(
        get(&draft.get(0), "key").as_string().as_deref(),
        Some("appeal.title")
    );
    // Hours as a number or as text with a comma.
    for hours in [JsValue::from_f64(20.0), JsValue::from_str("20,5")] {
        let r = appeal(
            example_case(),
            None,
            "fewer_hours".into(),
            "2026-01-31".into(),
            hours,
        );
        let a = get(&r, "appeal");
        assert_eq!(
            get(&a, "standing").as_string().as_deref(),
            Some("supported"),
            "{}",
            show(&r)
        );
    }
}

#[wasm_bindgen_test]
fn bad_appeal_answers_are_errors_in_words_never_a_throw() {
    let errs = errors_of(&appeal(
        example_case(),
        None,
        "angry".into(),
        "2026-02-30".into(),
        JsValue::from_str("tjue"),
    ));
    let codes: Vec<(&str, &str)> = errs
        .iter()
        .map(|(f, c, _)| (f.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("decision", "DECISION_UNKNOWN"),
            ("received", "RECEIVED_NOT_A_DATE"),
            ("granted_hours", "GRANTED_HOURS_NOT_A_NUMBER")
        ]
    );
    assert!(errs[1].2.contains("2026-02-30"), "{errs:?}");
    let needed = errors_of(&appeal(
        example_case(),
        None,
        "fewer-hours".into(),
        "2026-01-31".into(),
        JsValue::NULL,
    ));
    assert_eq!(needed[0].1, "GRANTED_HOURS_NEEDED");
    let odd = errors_of(&appeal(
        example_case(),
        None,
        JsValue::from_f64(1.0),
        JsValue::TRUE,
        Object::new().into(),
    ));
    assert_eq!(odd.len(), 3, "{odd:?}");
}

#[wasm_bindgen_test]
fn a_profiles_embed_origins_reach_the_page_with_the_municipality() {
    let profile = js(OSLO);
    let origins = js(r#"["https://www.oslo.kommune.no"]"#);
    let _ = Reflect::set(&profile, &"embed_origins".into(), &origins);
    let text = show(&profile);
    let a = get(&assess(example_case(), Some(text)), "assessment");
    let m = get(&a, "municipality");
    assert_eq!(show(&get(&m, "embed_origins")), show(&origins));
    let _ = Reflect::set(
        &profile,
        &"embed_origins".into(),
        &js(r#"["https://www.oslo.kommune.no/bpa"]"#),
    );
    let errs = errors_of(&assess(example_case(), Some(show(&profile))));
    assert_eq!(
        (errs[0].0.as_str(), errs[0].1.as_str()),
        ("profile.embed_origins[0]", "BAD_ORIGIN")
    );
}

/// The page asks before a link replaces what the person entered, and saves
/// no draft of an empty case: one test, the engine's, for both.
#[wasm_bindgen_test]
fn a_case_is_empty_only_when_nothing_is_entered() {
    for empty in [
        "null",
        "{}",
        r#"{"version": 3}"#,
        r#"{"needs": [], "monthly": [], "notes": {"own_words": ""}}"#,
        r#"{"settings": {"lang": "en", "municipality": "oslo"}}"#,
        r#"{"person": {"age": null}}"#,
    ] {
        assert!(is_empty_case(js(empty)), "{empty} holds nothing entered");
    }
    for filled in [
        r#"{"person": {"age": 0}}"#,
        r#"{"person": {"arbeidsleder": false}}"#,
        r#"{"settings": {"assessment_date": "2026-01-01"}}"#,
        r#"{"needs": [{"label": "x"}]}"#,
        r#"{"notes": {"own_words": "Jeg trenger hjelp"}}"#,
        r#"[1]"#,
    ] {
        assert!(
            !is_empty_case(js(filled)),
            "{filled} holds something entered"
        );
    }
    assert!(!is_empty_case(example_case()));
    // The case as JSON text, as the page may also pass it; text that is no JSON is the person's.
    assert!(is_empty_case(JsValue::from_str(
        r#"{"settings": {"lang": "nn"}}"#
    )));
    assert!(!is_empty_case(JsValue::from_str("{ not json")));
}
