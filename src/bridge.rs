//! The WebAssembly bridge for the page: thin, no rules here.
//!
//! serde-wasm-bindgen carries every answer back as plain JS objects. What
//! comes in is read by the same functions as the CLI's: the page's state as
//! its JSON text (js-sys's `JSON.stringify`, see [`read_case`]), and what came
//! from outside the page (a file, a profile, a link) as the text or bytes it
//! came as. js-sys also gives today's date, so the page never computes it.
//!
//! Every function returns `{ ok: true, … }` or `{ ok: false, errors: [...] }`
//! with errors for people, never a throw, so the page can show them in its
//! error summary and keep what was entered.

use crate::case::read::{from_bytes, from_json, to_json};
use crate::case::time::Date;
use crate::case::Case;
use crate::error::{InputError, InputErrors};
use crate::law::Law;
use crate::municipality::{self, Profile};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Today in the person's own time zone, from the browser's clock.
fn today() -> Date {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    Date::new(y as u16, m as u8, d as u8).unwrap_or_else(|| Date::from_unix_days(0))
}

/// A reply as plain JS objects (maps as objects, so the page reads fields by
/// name). Serializing our own types does not fail; `null` if it ever did.
///
/// Through a JSON value first: every type is then written by one serializer
/// in the module (serde_json's), and only `serde_json::Value` by
/// serde-wasm-bindgen's, which keeps the module a good deal smaller.
fn to_js<T: Serialize>(v: &T) -> JsValue {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| {
            v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                .ok()
        })
        .unwrap_or(JsValue::NULL)
}

#[derive(Serialize)]
struct Errors {
    ok: bool,
    errors: Vec<InputError>,
}

fn errors(e: InputErrors) -> JsValue {
    to_js(&Errors {
        ok: false,
        errors: e.0,
    })
}

/// `{ ok: true, <name>: value }`.
fn ok<T: Serialize>(name: &'static str, value: T) -> JsValue {
    #[derive(Serialize)]
    struct Ok<T> {
        ok: bool,
        #[serde(flatten)]
        value: std::collections::BTreeMap<&'static str, T>,
    }
    to_js(&Ok {
        ok: true,
        value: std::collections::BTreeMap::from([(name, value)]),
    })
}

fn reply<T: Serialize>(name: &'static str, r: Result<T, InputErrors>) -> JsValue {
    match r {
        Ok(v) => ok(name, v),
        Err(e) => errors(e),
    }
}

/// Reads the page's state: its JSON text (`JSON.stringify`, through js-sys),
/// then the case's own reader, exactly as a file is read. Why not
/// serde-wasm-bindgen here too: it reads a struct field by field, passing over
/// unknown fields (`deny_unknown_fields` is not honoured) and reading a
/// struct from an array, and it recurses without limit, so a value nested
/// deep enough would overflow the module's stack; the text has serde_json's
/// limit and the reader every other input has.
fn read_case(value: JsValue) -> Result<Case, InputErrors> {
    from_json(&json_text(&value)?)
}

/// A JS value as JSON text; `undefined` (no value at all) as `null`. A
/// value JSON has no words for (a cycle, a BigInt) is refused, never thrown.
fn json_text(value: &JsValue) -> Result<String, InputError> {
    match js_sys::JSON::stringify(value) {
        Ok(text) => Ok(text.as_string().unwrap_or_else(|| "null".to_string())),
        Err(_) => Err(InputError::new("", "INVALID_VALUE").with("shape", "other")),
    }
}

/// The profile the page fetched (`profiles/<id>.json`, as text), or the
/// neutral one when it passes none; its errors' fields start with `profile`.
fn read_profile(text: Option<String>) -> Result<Profile, InputErrors> {
    match text {
        None => Ok(Profile::neutral()),
        Some(text) => {
            municipality::from_json(&text, Law::embedded()).map_err(|e| e.under("profile"))
        }
    }
}

/// Assesses the page's case, under the rules in force today (or on the
/// case's own assessment date), with the municipality's profile text.
#[wasm_bindgen]
pub fn assess(case: JsValue, profile: Option<String>) -> JsValue {
    let assessed = read_profile(profile).and_then(|p| {
        read_case(case).and_then(|c| crate::assess_with_profile(&c, Law::embedded(), today(), &p))
    });
    reply("assessment", assessed)
}

/// Checks a case without assessing it: `{ ok, errors }`.
#[wasm_bindgen]
pub fn validate(case: JsValue) -> JsValue {
    reply("case", read_case(case))
}

/// Opens a file the person picked, from its bytes: `{ ok, case }`. The same
/// reader as `bpa assess <file>`.
#[wasm_bindgen]
pub fn open_file(bytes: &[u8]) -> JsValue {
    reply("case", from_bytes(bytes))
}

/// The file to download for a case: `{ ok, text }`, the JSON the CLI reads.
#[wasm_bindgen]
pub fn file_text(case: JsValue) -> JsValue {
    reply("text", read_case(case).map(|c| to_json(&c)))
}

/// The seed's example week as a case.
#[wasm_bindgen]
pub fn example_case() -> JsValue {
    to_js(&crate::case::example::seed_week())
}

/// Today's date, "YYYY-MM-DD", as the engine sees it.
#[wasm_bindgen]
pub fn today_text() -> String {
    today().to_string()
}

/// What the page's forms need today: the law's values, choices, limits.
#[wasm_bindgen]
pub fn forms() -> JsValue {
    reply(
        "forms",
        crate::forms::forms(Law::embedded(), today()).map_err(InputErrors::from),
    )
}

/// The version of the law file compiled in.
#[wasm_bindgen]
pub fn rules_version() -> String {
    Law::embedded().version.clone()
}

/// Makes the share link for a case: `{ ok: true, link }`, or errors when the
/// case is not valid or too large for a link (then the file is the way).
/// The household's income band is left out unless `include_income` is
/// `true` (the person ticked to include it); anything else leaves it out.
#[wasm_bindgen]
pub fn encode_link(case: JsValue, include_income: JsValue) -> JsValue {
    let options = crate::link::LinkOptions {
        include_income: include_income.as_bool() == Some(true),
    };
    reply(
        "link",
        read_case(case).and_then(|c| crate::link::encode_with(&c, options)),
    )
}

/// A text argument from the page; anything else as the empty text, which
/// the engine then refuses in words (`LETTER_LANG`, `DECISION_UNKNOWN`, …).
fn text_arg(v: &JsValue) -> String {
    v.as_string().unwrap_or_default()
}

/// The application letter for the page's case, in `lang` ("nb" or "nn"),
/// for the municipality of `profile` (its text, or none for the neutral
/// one): `{ ok: true, letter: { lang, blocks, notes, counted, mapped,
/// attached, to_follow, sources } }`, or `{ ok: false, errors }`.
#[wasm_bindgen]
pub fn letter(case: JsValue, profile: Option<String>, lang: JsValue) -> JsValue {
    let lang = text_arg(&lang);
    let written = read_profile(profile).and_then(|p| {
        read_case(case).and_then(|c| crate::letter::write(&c, Law::embedded(), today(), &p, &lang))
    });
    reply("letter", written)
}

/// A share link opened.
#[derive(Serialize)]
struct LinkOpened {
    ok: bool,
    case: Case,
    rules_version: String,
    rules_changed: bool,
}

/// Opens a share link (the text after `#`, or a whole address):
/// `{ ok: true, case, rules_version, rules_changed }`, or errors in plain
/// words for a damaged, foreign, newer or impossible link. Takes any JS
/// value, so that even a wrong type is an answer and not a throw.
#[wasm_bindgen]
pub fn decode_link(text: JsValue) -> JsValue {
    let Some(text) = text.as_string() else {
        return errors(InputError::new("link", "LINK_NOT_TEXT").into());
    };
    match crate::link::decode(&text) {
        Ok(opened) => to_js(&LinkOpened {
            ok: true,
            rules_changed: opened.rules_changed(Law::embedded()),
            case: opened.case,
            rules_version: opened.rules_version,
        }),
        Err(e) => errors(e),
    }
}

/// The hours a decision granted, as the page passes them: a number, a text
/// ("22,5"), or nothing (`undefined`, `null`, "").
fn granted_arg(v: &JsValue) -> Result<Option<f64>, InputError> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if let Some(h) = v.as_f64() {
        return crate::appeal::check_granted(h).map(Some);
    }
    match v.as_string() {
        Some(text) => crate::appeal::parse_granted(Some(&text)),
        None => {
            Err(InputError::new("granted_hours", "GRANTED_HOURS_NOT_A_NUMBER").with("value", ""))
        }
    }
}

/// After a decision: for the page's case and the municipality of `profile`,
/// what the decision was (`refused`, `not_as_right`, `fewer_hours`,
/// `not_as_bpa`, or with `-`), the day it was received ("YYYY-MM-DD") and
/// the hours granted (a number or text; for `fewer_hours`):
/// `{ ok: true, appeal: { decision, received, granted_hours, deadline,
/// standing, verdict, counted, mapped, grounds, open, duties, notes,
/// municipality, contact, draft, sources } }`, or `{ ok: false, errors }`
/// with every problem of the three answers at once.
#[wasm_bindgen]
pub fn appeal(
    case: JsValue,
    profile: Option<String>,
    decision: JsValue,
    received: JsValue,
    granted_hours: JsValue,
) -> JsValue {
    use crate::appeal::{parse_received, Decision, Request};
    let decision = Decision::parse(&text_arg(&decision));
    let received = parse_received(&text_arg(&received));
    let granted = granted_arg(&granted_hours);
    let request = match (decision, received, granted) {
        (Ok(decision), Ok(received), Ok(granted_hours)) => Request {
            decision,
            received,
            granted_hours,
        },
        (d, r, g) => {
            let errs = [d.err(), r.err(), g.err()].into_iter().flatten().collect();
            return errors(InputErrors(errs));
        }
    };
    let answer = read_profile(profile).and_then(|p| {
        read_case(case)
            .and_then(|c| crate::appeal::appeal(&c, Law::embedded(), today(), &p, request))
    });
    reply("appeal", answer)
}

// ------------------------------------------------------------------------
// Drafts: the rules in `crate::draft`, over the browser's Web Storage
// ------------------------------------------------------------------------

use crate::draft::{self, Fault, Slot, Store, Stores, Where};

/// `{ ok, …the value's fields… }`: `ok` set in the value's JSON object
/// (rather than by serde's `flatten`, which costs the module more).
fn ok_with<T: Serialize>(ok: bool, value: &T) -> JsValue {
    let mut v = serde_json::to_value(value).unwrap_or_default();
    if let Some(fields) = v.as_object_mut() {
        fields.insert("ok".to_string(), serde_json::Value::Bool(ok));
    }
    to_js(&v)
}

/// `sessionStorage` or `localStorage`, or why it cannot be used: no
/// window at all (Node, a worker), none in this browser, or its getter
/// threw (`SecurityError` in a sandboxed frame or with storage blocked).
struct WebStore(Result<web_sys::Storage, Fault>);

/// What a storage threw, by the `DOMException`'s name.
fn fault(e: JsValue) -> Fault {
    let name = js_sys::Reflect::get(&e, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string());
    match name.as_deref() {
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") => Fault::Quota,
        Some("SecurityError") => Fault::Security,
        _ => Fault::Other,
    }
}

impl WebStore {
    fn open(w: Where) -> WebStore {
        let Some(window) = web_sys::window() else {
            return WebStore(Err(Fault::Unavailable));
        };
        let storage = match w {
            Where::Session => window.session_storage(),
            Where::Local => window.local_storage(),
        };
        WebStore(match storage {
            Ok(Some(s)) => Ok(s),
            Ok(None) => Err(Fault::Unavailable),
            Err(e) => Err(fault(e)),
        })
    }

    fn storage(&self) -> Result<&web_sys::Storage, Fault> {
        self.0.as_ref().map_err(|f| *f)
    }
}

impl Store for WebStore {
    fn get(&self, key: &str) -> Result<Option<String>, Fault> {
        self.storage()?.get_item(key).map_err(fault)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault> {
        self.storage()?.set_item(key, value).map_err(fault)
    }

    fn remove(&mut self, key: &str) -> Result<(), Fault> {
        self.storage()?.remove_item(key).map_err(fault)
    }

    fn keys(&self) -> Result<Vec<String>, Fault> {
        let s = self.storage()?;
        let n = s.length().map_err(fault)?;
        let mut keys = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(k) = s.key(i).map_err(fault)? {
                keys.push(k);
            }
        }
        Ok(keys)
    }
}

/// Runs `f` with this page's two storages, opened anew (the page may have
/// lost or gained access since the last call).
fn with_stores<T>(f: impl FnOnce(&mut Stores<'_>) -> T) -> T {
    let mut session = WebStore::open(Where::Session);
    let mut local = WebStore::open(Where::Local);
    f(&mut Stores {
        session: &mut session,
        local: &mut local,
    })
}

/// The case the page passes for a draft: its JSON text, or a JS value
/// (then as `JSON.stringify` writes it). Any value, valid or not.
fn draft_case(case: &JsValue) -> Result<serde_json::Value, InputErrors> {
    let text = match case.as_string() {
        Some(text) => text,
        None => json_text(case)?,
    };
    draft::case_from_text(&text)
}

/// True when a case (JSON text or a value) holds nothing the person
/// entered, only the language and the municipality the page was opened
/// for: the engine's own test, the one [`draft_save`] applies, for the
/// page's choices (ask before a link replaces the case?). A case that
/// cannot be read at all is not empty: it is the person's, kept as typed.
#[wasm_bindgen]
pub fn is_empty_case(case: JsValue) -> bool {
    draft_case(&case).is_ok_and(|c| draft::is_empty_case(&c))
}

/// Opens the drafts kept in this browser:
/// `{ ok: true, draft, previous, emptied, keep, keep_days, available: {
/// session, local }, notices }`; `draft`, `previous` and `emptied` (the
/// fullest draft before the form was emptied) are `null` or `{ case,
/// valid, errors, saved, expires?, store, key, version }`, the case as it
/// was typed, with its errors marked. Never a throw, never `ok: false`.
#[wasm_bindgen]
pub fn draft_load() -> JsValue {
    ok_with(true, &with_stores(|s| draft::load(s, js_sys::Date::now())))
}

fn save_slot(slot: Slot, case: JsValue, keep: Option<bool>) -> JsValue {
    let saved = draft_case(&case).and_then(|case| {
        with_stores(|s| draft::save(s, slot, &case, keep == Some(true), js_sys::Date::now()))
    });
    match saved {
        Ok(saved) => ok_with(true, &saved),
        Err(e) => errors(e),
    }
}

/// Saves the case as typed (JSON text or a value), in this tab, and on
/// the device too when `keep`: `{ ok: true, saved, expires?, stores,
/// notices, emptied? }` (`emptied`: `{ needs, monthly, saved }` of the
/// fuller draft kept when things were removed), or `{ ok: false, errors }`
/// (`DRAFT_EMPTY` for a case with nothing entered and no draft to keep; `DRAFT_STORAGE_*` / `DRAFT_SAVE_FAILED` when nothing
/// could be written: the work stays in the tab).
#[wasm_bindgen]
pub fn draft_save(case: JsValue, keep: Option<bool>) -> JsValue {
    save_slot(Slot::Draft, case, keep)
}

/// Keeps the draft a link or file is about to replace, as [`draft_save`].
#[wasm_bindgen]
pub fn draft_save_previous(case: JsValue, keep: Option<bool>) -> JsValue {
    save_slot(Slot::Previous, case, keep)
}

/// "Keep on this device" turned on or off, with the case as it is now:
/// `{ ok: true, keep, saved: null | { …as draft_save… }, removed, notices }`
/// or `{ ok: false, errors }` (then nothing was removed from the device).
#[wasm_bindgen]
pub fn draft_set_keep(case: JsValue, keep: bool) -> JsValue {
    let kept = draft_case(&case)
        .and_then(|case| with_stores(|s| draft::set_keep(s, &case, keep, js_sys::Date::now())));
    match kept {
        Ok(kept) => ok_with(true, &kept),
        Err(e) => errors(e),
    }
}

/// What removing or clearing did.
#[derive(Serialize)]
struct Removed {
    ok: bool,
    removed: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<InputError>,
}

/// Forgets the draft a link or file replaced: `{ ok, removed, errors? }`.
#[wasm_bindgen]
pub fn draft_forget_previous() -> JsValue {
    forget_slot(Slot::Previous)
}

/// Forgets the week kept when the form was emptied (taken back, it is the
/// draft now): `{ ok, removed, errors? }`.
#[wasm_bindgen]
pub fn draft_forget_emptied() -> JsValue {
    forget_slot(Slot::Emptied)
}

fn forget_slot(slot: Slot) -> JsValue {
    let (removed, errors) = with_stores(|s| draft::forget(s, slot));
    to_js(&Removed {
        ok: errors.is_empty(),
        removed,
        errors,
    })
}

/// "Clear my data": everything of ours in both storages, read back after:
/// `{ ok, cleared, stores: [{ store, available, cleared, remaining }],
/// errors? }`; `ok: false` with `DRAFT_CLEAR_FAILED` (`store`, `reason`,
/// `remaining`) when something of ours is still there.
#[wasm_bindgen]
pub fn draft_clear() -> JsValue {
    let cleared = with_stores(draft::clear);
    ok_with(cleared.errors.is_empty(), &cleared)
}
