//! The WebAssembly bridge for the page: thin, no rules here.
//!
//! Every function takes and returns plain JS values and never throws on bad
//! input: it returns `{ ok: false, errors: [...] }` with errors for people,
//! so the page can show them in its error summary and keep what was entered.

use crate::error::{read_error, InputError, InputErrors, Wrong};
use crate::profile::{self, Profile, Tree};
use crate::{assess::assess_with_profile, example, law::Law, model::Case, time::Date};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The three JS functions the bridge calls, declared here rather than
/// through the js-sys crate: its declarations leave about 40 closure shims
/// in the module that wasm-opt cannot remove (issue 4: 0.9 KB gzip).
#[allow(non_snake_case)]
mod js_sys {
    pub mod JSON {
        use wasm_bindgen::prelude::*;
        #[wasm_bindgen]
        extern "C" {
            #[wasm_bindgen(catch, js_namespace = JSON)]
            pub fn parse(text: &str) -> Result<JsValue, JsValue>;
            #[wasm_bindgen(catch, js_namespace = JSON)]
            pub fn stringify(obj: &JsValue) -> Result<JsValue, JsValue>;
        }
    }
    use wasm_bindgen::prelude::*;
    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = parseFloat)]
        pub fn parse_float(text: &str) -> f64;
    }
}

/// The allocator: a plain free list (`lol_alloc`) instead of the standard
/// library's dlmalloc, about 4 KB less of the page's WebAssembly. The page
/// makes a few hundred small allocations per `assess` and frees them all
/// before the next; freed blocks are merged with their neighbours, so the
/// memory stays flat over many calls (`tests/wasm_node.rs` checks 10 000).
///
/// SAFETY: the page's WebAssembly runs on one thread (no threads or shared
/// memory are enabled), which `AssumeSingleThreaded` requires.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[derive(Serialize)]
#[serde(untagged)]
enum Reply<T: Serialize> {
    Ok { ok: bool, assessment: T },
    Err { ok: bool, errors: Vec<InputError> },
}

/// A reply as plain JS objects (not Maps, so the page reads fields by
/// name): written as JSON text in Rust and built by the engine's own
/// `JSON.parse`, smaller and faster than building it field by field (see
/// [`crate::json`]).
fn to_js<T: Serialize>(v: &T) -> JsValue {
    crate::json::to_string(v)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}

fn errors(e: InputErrors) -> JsValue {
    to_js(&Reply::<()>::Err {
        ok: false,
        errors: e.0,
    })
}

/// A JS value as JSON text, read back into a tree in Rust.
///
/// Why not walk the JS value field by field: every question to the JS
/// engine ("is it a number? its text? its keys?") is a call out of the
/// WebAssembly, and those calls were most of the time `assess` took. One
/// `JSON.stringify` and a small reader in Rust are much faster. What JSON
/// cannot hold reads as JSON writes it: `undefined` fields are left out,
/// `NaN` and the infinities are `null`. A value `JSON.stringify` refuses (a
/// cycle, a BigInt) is an error for people, not a throw.
fn tree_of(value: &JsValue) -> Result<(Tree, usize), InputError> {
    let text = match js_sys::JSON::stringify(value) {
        Ok(text) => text.as_string(),
        Err(_) => {
            return Err(read_error(
                String::new(),
                Wrong::Expected("a JSON value".into()),
            ))
        }
    };
    // `undefined` (or a function) has no JSON text: nothing was given.
    let Some(text) = text else {
        return Ok((Tree::Null, 0));
    };
    match crate::json::parse(&text, js_sys::parse_float) {
        Some(tree) => Ok((tree, text.len())),
        None => Err(read_error(String::new(), Wrong::TooDeep)),
    }
}

/// Reads a case from a JS value, naming the field of any problem.
fn read_case(case: &JsValue) -> Result<Case, InputErrors> {
    let (tree, _) = tree_of(case)?;
    crate::reader::read_case(tree).map_err(InputErrors::from)
}

/// An error in the profile, named as such: `profile.items[0].text`.
fn in_profile(mut e: InputError) -> InputError {
    e.field = if e.field.is_empty() {
        "profile".into()
    } else {
        "profile.".to_string() + &e.field
    };
    e
}

/// Reads a municipality profile, the parsed `profiles/<id>.json`; the
/// neutral profile when the page passes none (`undefined` or `null`).
fn read_profile(value: &JsValue) -> Result<Profile, InputErrors> {
    if value.is_undefined() || value.is_null() {
        return Ok(Profile::neutral());
    }
    let (tree, size) = tree_of(value).map_err(in_profile)?;
    // Measured as JSON, the size the CLI would refuse.
    if size > crate::config::MAX_PROFILE_BYTES {
        let limit = crate::config::MAX_PROFILE_BYTES;
        return Err(InputError::new("profile", "PROFILE_TOO_LARGE")
            .with("limit", crate::json::unsigned_text(limit as u64))
            .into());
    }
    let tree = crate::reader::read_tree(tree).map_err(|e| InputErrors::from(in_profile(e)))?;
    profile::from_tree(&tree, &Law::embedded())
        .map_err(|e| InputErrors(e.0.into_iter().map(in_profile).collect()))
}

/// Assesses a case (the same JSON as the CLI reads). `today` is "YYYY-MM-DD"
/// from the browser's clock; the case's own assessment date wins if set.
/// `profile` is the municipality's profile as the page fetched it
/// (`profiles/<id>.json`, parsed), or nothing for the neutral one; a broken
/// profile gives errors whose field starts with `profile`.
#[wasm_bindgen]
pub fn assess(case: JsValue, today: &str, profile: JsValue) -> JsValue {
    let Some(today) = Date::parse(today) else {
        return errors(InputError::new("today", "BAD_DATE").into());
    };
    let assessed = read_profile(&profile).and_then(|p| {
        read_case(&case).and_then(|c| assess_with_profile(&c, &Law::embedded(), today, &p))
    });
    match assessed {
        Ok(a) => to_js(&Reply::Ok {
            ok: true,
            assessment: a,
        }),
        Err(e) => errors(e),
    }
}

/// Checks a case without assessing it: `{ ok, errors }`.
#[wasm_bindgen]
pub fn validate(case: JsValue) -> JsValue {
    match read_case(&case).and_then(|c| crate::error::validate(&c)) {
        Ok(()) => to_js(&Reply::Ok {
            ok: true,
            assessment: (),
        }),
        Err(e) => errors(e),
    }
}

/// The seed's example week as a case.
#[wasm_bindgen]
pub fn example_case() -> JsValue {
    to_js(&example::seed_week())
}

/// The version of the law file compiled in.
#[wasm_bindgen]
pub fn rules_version() -> String {
    Law::embedded().version.to_string()
}

/// A share link made: the text that goes after `#` in the page address.
#[derive(Serialize)]
struct LinkMade {
    ok: bool,
    link: String,
}

/// A share link opened: the case, and whether the rules changed since the
/// link was made (then the page says so, and assesses under today's rules).
#[derive(Serialize)]
struct LinkOpened {
    ok: bool,
    case: Case,
    rules_version: String,
    rules_changed: bool,
}

/// Makes the share link for a case: `{ ok: true, link }`, or errors when the
/// case is not valid or too large for a link (then the file is the way).
#[wasm_bindgen]
pub fn encode_link(case: JsValue) -> JsValue {
    match read_case(&case).and_then(|c| crate::link::encode(&c)) {
        Ok(link) => to_js(&LinkMade { ok: true, link }),
        Err(e) => errors(e),
    }
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
        Ok(opened) => {
            let rules_changed = opened.rules_changed(&Law::embedded());
            to_js(&LinkOpened {
                ok: true,
                case: opened.case,
                rules_version: opened.rules_version,
                rules_changed,
            })
        }
        Err(e) => errors(e),
    }
}
