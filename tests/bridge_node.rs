//! The WebAssembly bridge, run in Node by `wasm-bindgen-test-runner`.
//!
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! cargo test --target wasm32-unknown-unknown --no-default-features
//! --features wasm --test bridge_node` (`.ci/test` does this). Natively the
//! file is empty, so `cargo test` skips it.
#![cfg(target_arch = "wasm32")]

mod bridge;
mod page_words;

use bpa::bridge::{
    assess, draft_clear, draft_forget_previous, draft_load, draft_save, example_case, validate,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

/// The module's memory in bytes (it only ever grows).
fn memory_bytes() -> u32 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length()
}

/// The page calls `assess` on every keystroke, so memory must not grow with
/// the number of calls: whatever one call allocates, it frees, and the
/// allocator reuses it. A leak
/// of even a few bytes a call would show over 10 000 calls as pages of 64 KB.
#[wasm_bindgen_test]
fn ten_thousand_calls_leave_the_memory_as_it_was() {
    let profile = include_str!("../www/profiles/oslo.json");
    let broken = js_sys::JSON::parse(r#"{"needs": [{"kind": "walk"}]}"#).expect("JSON");
    let call = |i: u32| {
        let p = (i % 2 == 0).then(|| profile.to_string());
        let reply = assess(example_case(), p);
        assert!(reply.is_object());
        let reply = validate(broken.clone());
        assert!(reply.is_object());
    };
    // Warm up: the first calls may grow the heap to what one call needs.
    for i in 0..200 {
        call(i);
    }
    let before = memory_bytes();
    for i in 0..10_000 {
        call(i);
    }
    assert_eq!(memory_bytes(), before, "memory grew over 10 000 calls");
}

/// Node has no Web Storage: drafts are plainly unavailable, never a throw,
/// and clearing says there was nothing it could reach.
#[wasm_bindgen_test]
fn without_web_storage_drafts_say_so() {
    let get = |v: &wasm_bindgen::JsValue, k: &str| {
        js_sys::Reflect::get(v, &k.into()).unwrap_or(wasm_bindgen::JsValue::UNDEFINED)
    };
    let show = |v: &wasm_bindgen::JsValue| {
        js_sys::JSON::stringify(v)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    };
    let loaded = draft_load();
    assert_eq!(
        show(&loaded),
        // Keys in order: the reply goes through a JSON value.
        r#"{"available":{"local":false,"session":false},"draft":null,"emptied":null,"keep":false,"keep_days":30,"notices":[{"code":"DRAFT_STORAGE_UNAVAILABLE","field":"","values":{"reason":"unavailable","store":"session"}}],"ok":true,"previous":null}"#
    );
    let saved = draft_save(example_case(), Some(true));
    assert_eq!(get(&saved, "ok").as_bool(), Some(false));
    let codes: Vec<String> = js_sys::Array::from(&get(&saved, "errors"))
        .iter()
        .map(|e| get(&e, "code").as_string().unwrap_or_default())
        .collect();
    assert_eq!(
        codes,
        ["DRAFT_STORAGE_UNAVAILABLE", "DRAFT_STORAGE_UNAVAILABLE"]
    );
    assert_eq!(
        show(&draft_clear()),
        r#"{"cleared":0,"ok":true,"stores":[{"available":false,"cleared":0,"remaining":0,"store":"session"},{"available":false,"cleared":0,"remaining":0,"store":"local"}]}"#
    );
    assert_eq!(show(&draft_forget_previous()), r#"{"ok":true,"removed":0}"#);
}
