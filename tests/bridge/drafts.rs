//! Drafts through the bridge, in the browser's real Web Storage: saved as
//! typed, opened with their errors, what is no draft set aside, a newer
//! version's draft kept, storage that throws, keeping on the device, and
//! clearing. Browser only (`tests/bridge_browser.rs`): Node has no Web
//! Storage (`tests/bridge_node.rs` checks the answers without it).

use crate::bridge::{errors_of, get, js, show};
use bpa::bridge::{
    draft_clear, draft_forget_previous, draft_load, draft_save, draft_save_previous,
    draft_set_keep, example_case,
};
use js_sys::{Array, Function};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// Runs JavaScript in the test page (to look into the storages, or to make
/// them throw), and gives its value.
fn run(body: &str) -> JsValue {
    match Function::new_no_args(body).call0(&JsValue::NULL) {
        Ok(v) => v,
        Err(e) => panic!("{body}: threw {e:?}"),
    }
}

fn stored(store: &str, key: &str) -> Option<String> {
    run(&format!("return {store}Storage.getItem({key:?});")).as_string()
}

fn put(store: &str, key: &str, value: &str) {
    run(&format!("{store}Storage.setItem({key:?}, {value:?});"));
}

/// Both storages empty of everything, ours and the site's, before a test.
fn fresh() {
    run("sessionStorage.clear(); localStorage.clear();");
}

fn codes_of(list: &JsValue) -> Vec<String> {
    Array::from(list)
        .iter()
        .map(|e| get(&e, "code").as_string().unwrap_or_default())
        .collect()
}

fn ok(reply: &JsValue) -> bool {
    get(reply, "ok").as_bool() == Some(true)
}

/// A case with a mistake in it: an end before its start.
const INVALID: &str = r#"{"needs":[{"days":["mon"],"end":"08:00","kind":"personal","start":"09:00"}],"person":{"age":40}}"#;

#[wasm_bindgen_test]
fn an_invalid_case_is_saved_as_typed_and_opened_with_its_errors_marked() {
    fresh();
    let reply = draft_save(js(INVALID), None);
    assert!(ok(&reply), "{}", show(&reply));
    assert_eq!(show(&get(&reply, "stores")), r#"["session"]"#);
    assert_eq!(stored("local", "bpa-draft-v3"), None, "not on the device");
    // The envelope in sessionStorage, as the README writes it.
    let text = stored("session", "bpa-draft-v3").unwrap_or_default();
    let envelope = js(&text);
    assert_eq!(
        get(&envelope, "format").as_string().as_deref(),
        Some("bpa-draft")
    );
    assert_eq!(
        get(&envelope, "version").as_f64(),
        Some(bpa::draft::DRAFT_VERSION as f64)
    );
    assert_eq!(show(&get(&envelope, "case")), INVALID);
    // `saved` is the browser's own clock, as toISOString writes it.
    let saved = get(&envelope, "saved").as_string().unwrap_or_default();
    let again = run(&format!(
        "return new Date(Date.parse({saved:?})).toISOString();"
    ));
    assert_eq!(again.as_string(), Some(saved.clone()));
    let age = js_sys::Date::now() - js_sys::Date::parse(&saved);
    assert!(
        (0.0..60_000.0).contains(&age),
        "saved {saved}, {age} ms ago"
    );

    for _ in 0..2 {
        let loaded = draft_load();
        assert!(ok(&loaded), "{}", show(&loaded));
        let draft = get(&loaded, "draft");
        assert_eq!(show(&get(&draft, "case")), INVALID, "as typed");
        assert_eq!(get(&draft, "valid").as_bool(), Some(false));
        assert_eq!(get(&draft, "store").as_string().as_deref(), Some("session"));
        let errors = get(&draft, "errors");
        assert_eq!(codes_of(&errors), ["END_BEFORE_START"]);
        let first = Array::from(&errors).get(0);
        assert_eq!(
            get(&first, "field").as_string().as_deref(),
            Some("needs[0].end")
        );
        assert!(!crate::page_words::english(&first).is_empty());
        assert_eq!(get(&loaded, "keep").as_bool(), Some(false));
        assert_eq!(get(&loaded, "keep_days").as_f64(), Some(30.0));
        assert_eq!(codes_of(&get(&loaded, "notices")), Vec::<String>::new());
    }
    // JSON text, and even text that is no JSON, is a draft too.
    assert!(ok(&draft_save(
        JsValue::from_str(r#"{"person":{"age":3}}"#),
        None
    )));
    let case = get(&get(&draft_load(), "draft"), "case");
    assert_eq!(show(&case), r#"{"person":{"age":3}}"#);
    // Text that is no JSON object is no page's case: refused in words, and
    // the draft before it stays.
    let refused = draft_save(JsValue::from_str("{\"person\": {\"ag"), None);
    assert!(!ok(&refused));
    assert_eq!(codes_of(&get(&refused, "errors")), ["INVALID_VALUE"]);
    let case = get(&get(&draft_load(), "draft"), "case");
    assert_eq!(show(&case), r#"{"person":{"age":3}}"#);
    fresh();
}

#[wasm_bindgen_test]
fn a_valid_case_opens_valid() {
    fresh();
    assert!(ok(&draft_save(example_case(), None)));
    let draft = get(&draft_load(), "draft");
    assert_eq!(
        get(&draft, "valid").as_bool(),
        Some(true),
        "{}",
        show(&draft)
    );
    assert_eq!(show(&get(&draft, "case")), show(&example_case()));
    fresh();
}

#[wasm_bindgen_test]
fn an_empty_case_is_not_saved_nor_one_holding_only_the_municipality() {
    fresh();
    for empty in [
        r#"{"version":1,"person":{},"needs":[],"monthly":[],"settings":{"municipality":"oslo","lang":"nb"}}"#,
        "{}",
        "null",
    ] {
        let errs = errors_of(&draft_save(js(empty), Some(true)));
        assert_eq!(errs[0].1, "DRAFT_EMPTY", "{empty}");
    }
    errors_of(&draft_save(JsValue::UNDEFINED, None));
    assert_eq!(
        run("return sessionStorage.length + localStorage.length;").as_f64(),
        Some(0.0)
    );
}

#[wasm_bindgen_test]
fn a_value_that_is_no_draft_is_set_aside_not_deleted() {
    fresh();
    put("session", "bpa-draft-v3", "garbage {");
    let loaded = draft_load();
    let notices = get(&loaded, "notices");
    assert_eq!(codes_of(&notices), ["DRAFT_SET_ASIDE"], "{}", show(&loaded));
    let values = get(&Array::from(&notices).get(0), "values");
    assert_eq!(
        get(&values, "key").as_string().as_deref(),
        Some("bpa-draft-set-aside-1")
    );
    assert_eq!(get(&values, "why").as_string().as_deref(), Some("not_json"));
    assert_eq!(
        stored("session", "bpa-draft-set-aside-1").as_deref(),
        Some("garbage {")
    );
    assert!(get(&loaded, "draft").is_null());
    // Work goes on under our own key.
    assert!(ok(&draft_save(js(INVALID), None)));
    assert_eq!(
        stored("session", "bpa-draft-set-aside-1").as_deref(),
        Some("garbage {")
    );
    fresh();
}

#[wasm_bindgen_test]
fn a_draft_of_a_newer_version_stays_for_that_version() {
    fresh();
    let newer = r#"{"format":"bpa-draft","version":4,"saved":"2027-01-01T00:00:00.000Z","case":{"version":4}}"#;
    put("local", "bpa-draft-v4", newer);
    let loaded = draft_load();
    assert!(get(&loaded, "draft").is_null());
    assert_eq!(codes_of(&get(&loaded, "notices")), ["DRAFT_NEWER_KEPT"]);
    assert!(ok(&draft_save(js(INVALID), Some(true))));
    assert_eq!(
        stored("local", "bpa-draft-v4").as_deref(),
        Some(newer),
        "untouched"
    );
    assert!(stored("local", "bpa-draft-v3").is_some(), "ours beside it");
    fresh();
}

#[wasm_bindgen_test]
fn the_javascript_pages_drafts_are_opened_not_lost() {
    fresh();
    let old = format!(
        r#"{{"app":"bpa-kalkulator","format":1,"saved":{},"case":{INVALID}}}"#,
        js_sys::Date::now()
    );
    put("session", "bpa-kalkulator.draft", &old);
    let draft = get(&draft_load(), "draft");
    assert_eq!(show(&get(&draft, "case")), INVALID);
    assert_eq!(get(&draft, "version").as_f64(), Some(1.0));
    fresh();
}

/// Replaces a method of `Storage.prototype` by one that throws a
/// `DOMException` named `name`, runs `f`, and puts the method back.
fn throwing<T>(method: &str, name: &str, f: impl FnOnce() -> T) -> T {
    run(&format!(
        "Storage.prototype.__real_{method} = Storage.prototype.{method};
         Storage.prototype.{method} = function () {{ throw new DOMException('test', {name:?}); }};"
    ));
    let out = f();
    run(&format!(
        "Storage.prototype.{method} = Storage.prototype.__real_{method};
         delete Storage.prototype.__real_{method};"
    ));
    out
}

#[wasm_bindgen_test]
fn storage_that_throws_gives_a_coded_result_and_deletes_nothing() {
    fresh();
    let full = throwing("setItem", "QuotaExceededError", || {
        draft_save(js(INVALID), Some(true))
    });
    let errs = errors_of(&full);
    let codes: Vec<&str> = errs.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(codes, ["DRAFT_STORAGE_FULL", "DRAFT_STORAGE_FULL"]);
    assert!(
        errs[0].2.contains("still here in this tab"),
        "{}",
        errs[0].2
    );
    let other = throwing("setItem", "InvalidStateError", || {
        draft_save(js(INVALID), None)
    });
    assert_eq!(errors_of(&other)[0].1, "DRAFT_SAVE_FAILED");

    // A read that throws: told, and nothing is deleted.
    assert!(ok(&draft_save(js(INVALID), None)));
    let before = stored("session", "bpa-draft-v3");
    let loaded = throwing("getItem", "SecurityError", draft_load);
    assert!(ok(&loaded));
    assert!(get(&loaded, "draft").is_null());
    assert_eq!(
        codes_of(&get(&loaded, "notices")),
        ["DRAFT_READ_FAILED"],
        "{}",
        show(&loaded)
    );
    assert_eq!(stored("session", "bpa-draft-v3"), before);
    // Not written over what could not be read.
    let blind = throwing("getItem", "UnknownError", || {
        draft_save(example_case(), None)
    });
    assert_eq!(errors_of(&blind)[0].1, "DRAFT_SAVE_FAILED");
    assert_eq!(stored("session", "bpa-draft-v3"), before);
    assert_eq!(show(&get(&get(&draft_load(), "draft"), "case")), INVALID);

    // The storage itself refused (a sandboxed frame, storage blocked).
    run(
        "window.__real_session = Object.getOwnPropertyDescriptor(window, 'sessionStorage');
         Object.defineProperty(window, 'sessionStorage', { configurable: true,
           get() { throw new DOMException('blocked', 'SecurityError'); } });",
    );
    let blocked = draft_save(js(INVALID), None);
    let loaded = draft_load();
    run("if (window.__real_session) Object.defineProperty(window, 'sessionStorage', window.__real_session);
         else delete window.sessionStorage;
         delete window.__real_session;");
    assert_eq!(errors_of(&blocked)[0].1, "DRAFT_STORAGE_UNAVAILABLE");
    assert_eq!(
        codes_of(&get(&loaded, "notices")),
        ["DRAFT_STORAGE_UNAVAILABLE"]
    );
    assert_eq!(
        get(&get(&loaded, "available"), "session").as_bool(),
        Some(false)
    );
    assert_eq!(
        get(&get(&loaded, "available"), "local").as_bool(),
        Some(true)
    );
    assert_eq!(
        stored("session", "bpa-draft-v3"),
        before,
        "sessionStorage is back"
    );
    fresh();
}

#[wasm_bindgen_test]
fn keeping_on_the_device_and_turning_it_off() {
    fresh();
    let kept = draft_set_keep(js(INVALID), true);
    assert!(ok(&kept), "{}", show(&kept));
    let saved = get(&kept, "saved");
    assert_eq!(show(&get(&saved, "stores")), r#"["session","local"]"#);
    let expires = get(&saved, "expires").as_string().unwrap_or_default();
    let days = (js_sys::Date::parse(&expires) - js_sys::Date::now()) / 86_400_000.0;
    assert!((29.9..=30.0).contains(&days), "{expires}: {days} days");
    let local = stored("local", "bpa-draft-v3").unwrap_or_default();
    assert!(local.contains(&expires), "{local}");
    // A new tab finds it on the device, and goes on keeping it.
    run("sessionStorage.clear();");
    let loaded = draft_load();
    assert_eq!(get(&loaded, "keep").as_bool(), Some(true));
    let draft = get(&loaded, "draft");
    assert_eq!(get(&draft, "store").as_string().as_deref(), Some("local"));
    assert_eq!(get(&draft, "expires").as_string(), Some(expires));
    // Off: in this tab, and gone from the device (the site's data stays).
    put("local", "theme", "dark");
    let off = draft_set_keep(js(INVALID), false);
    assert!(ok(&off), "{}", show(&off));
    assert_eq!(get(&off, "removed").as_f64(), Some(1.0));
    assert_eq!(stored("local", "bpa-draft-v3"), None);
    assert_eq!(stored("local", "theme").as_deref(), Some("dark"));
    assert!(stored("session", "bpa-draft-v3").is_some());
    fresh();
}

#[wasm_bindgen_test]
fn the_draft_before_a_link_is_kept_and_forgotten_on_request() {
    fresh();
    assert!(ok(&draft_save_previous(js(INVALID), None)));
    assert!(ok(&draft_save(example_case(), None)));
    let loaded = draft_load();
    assert_eq!(show(&get(&get(&loaded, "previous"), "case")), INVALID);
    let forgot = draft_forget_previous();
    assert_eq!(
        (ok(&forgot), get(&forgot, "removed").as_f64()),
        (true, Some(1.0))
    );
    assert!(get(&draft_load(), "previous").is_null());
    fresh();
}

#[wasm_bindgen_test]
fn clearing_removes_everything_of_ours_in_both_and_checks() {
    fresh();
    assert!(ok(&draft_save(js(INVALID), Some(true))));
    assert!(ok(&draft_save_previous(js(INVALID), Some(true))));
    put("session", "bpa-draft-set-aside-1", "odd");
    put("local", "bpa-draft-v4", "newer");
    put("local", "bpa-kalkulator.draft", "{}");
    put("local", "theme", "dark");
    let cleared = draft_clear();
    assert!(ok(&cleared), "{}", show(&cleared));
    assert_eq!(
        get(&cleared, "cleared").as_f64(),
        Some(7.0),
        "{}",
        show(&cleared)
    );
    assert_eq!(
        show(&get(&cleared, "stores")),
        r#"[{"available":true,"cleared":3,"remaining":0,"store":"session"},{"available":true,"cleared":4,"remaining":0,"store":"local"}]"#
    );
    assert_eq!(run("return sessionStorage.length;").as_f64(), Some(0.0));
    assert_eq!(
        run("return Object.keys(localStorage).join();")
            .as_string()
            .as_deref(),
        Some("theme")
    );
    // A storage that cannot remove: told, with what is left.
    assert!(ok(&draft_save(js(INVALID), None)));
    let stuck = throwing("removeItem", "SecurityError", draft_clear);
    let errs = errors_of(&stuck);
    assert_eq!(errs[0].1, "DRAFT_CLEAR_FAILED");
    assert!(errs[0].2.contains("(1 left)"), "{}", errs[0].2);
    // After clearing, a page on ?kommune=oslo saves nothing new.
    assert!(ok(&draft_clear()));
    let empty = js(
        r#"{"version":1,"person":{},"needs":[],"monthly":[],"settings":{"municipality":"oslo"}}"#,
    );
    assert_eq!(errors_of(&draft_save(empty, None))[0].1, "DRAFT_EMPTY");
    assert_eq!(run("return sessionStorage.length;").as_f64(), Some(0.0));
    fresh();
}
