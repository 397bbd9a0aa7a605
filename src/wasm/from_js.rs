//! The page's JS values as an [`Input`] for [`crate::reader`], which reads
//! the case and the profile's tree from them, naming the field of any
//! problem (`needs[2].end`) so the page can put the message beside it.
//!
//! Each value is looked at once, one level at a time, as the reader goes:
//! a wrong value deep inside is refused where it stands, without walking
//! all of it first.

use crate::reader::{Input, Shape};
use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

impl Input for JsValue {
    fn shape(self) -> Shape<JsValue> {
        if self.is_null() || self.is_undefined() {
            Shape::Nothing
        } else if let Some(b) = self.as_bool() {
            Shape::Bool(b)
        } else if let Some(x) = self.as_f64() {
            Shape::Number(x)
        } else if let Some(s) = self.as_string() {
            Shape::Text(s)
        } else if Array::is_array(&self) {
            Shape::List(self.unchecked_into::<Array>().iter().collect())
        } else if self.is_object() {
            // Own enumerable string keys, as `Object.entries` gives them.
            let fields = Object::entries(self.unchecked_ref())
                .iter()
                .map(|entry| {
                    let entry: Array = entry.unchecked_into();
                    (entry.get(0).as_string().unwrap_or_default(), entry.get(1))
                })
                .collect();
            Shape::Object(fields)
        } else {
            Shape::Other
        }
    }
}
