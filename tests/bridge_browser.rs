//! The WebAssembly bridge, run in headless Chromium by
//! `wasm-bindgen-test-runner` through chromedriver.
//!
//! Without `run_in_browser` below the runner would run these in Node
//! instead, and a browser run (`wasm-pack test --chrome`) would skip the
//! file silently, so `.ci/test` checks how many tests ran.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod bridge;
#[path = "bridge/drafts.rs"]
mod drafts;
mod page_words;

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// The same module loads where the page runs: a window with a document.
#[wasm_bindgen_test]
fn runs_in_a_browser_window() {
    let global = js_sys::global();
    let window =
        js_sys::Reflect::get(&global, &JsValue::from_str("document")).unwrap_or(JsValue::UNDEFINED);
    assert!(
        window.is_object(),
        "no `document`: not running in a browser"
    );
}
