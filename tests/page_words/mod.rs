//! An engine error in English words, as the page shows it: the catalogue
//! text `error.CODE` (or `error.INVALID_VALUE.<shape>`) of
//! `www/i18n/en.json`, filled in from the error's `values`, as
//! `errorText` in `www/i18n.js` does. The WebAssembly sends no words of
//! its own, so the bridge tests read its errors through the page's texts.

use js_sys::{Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The English text of an error object `{ field, code, values }`; empty
/// when the catalogue has no text for it, which the callers' checks catch.
pub fn english(error: &JsValue) -> String {
    let catalogue = JSON::parse(include_str!("../../www/i18n/en.json")).unwrap_or(JsValue::NULL);
    let values = get(error, "values");
    let code = get(error, "code").as_string().unwrap_or_default();
    let key = match get(&values, "shape").as_string() {
        Some(shape) => format!("error.{code}.{shape}"),
        None => format!("error.{code}"),
    };
    let mut text = get(&catalogue, &key).as_string().unwrap_or_default();
    if values.is_object() {
        for name in js_sys::Object::keys(values.unchecked_ref::<js_sys::Object>()).iter() {
            let name = name.as_string().unwrap_or_default();
            let value = get(&values, &name).as_string().unwrap_or_default();
            text = text.replace(&format!("{{{name}}}"), &value);
        }
    }
    text
}
