//! Reading a case from the plain JS object the page passes, naming the
//! field of any problem (`needs[2].end`), so the page can put the message
//! beside that field.
//!
//! Why not serde-wasm-bindgen's reader with serde_path_to_error around it,
//! as the CLI does with serde_json: the wrapper doubles the reading code for
//! every type in the case, and serde's own wording of a wrong number
//! ("floating point `4.5`") pulls in Rust's general float formatting.
//! Together they were a fifth of the page's WebAssembly. This reader walks
//! the JS value once, knows where it is, and words numbers with
//! [`number_text`]. Its messages are serde's, so [`serde_error`] puts them
//! into plain words exactly as for the CLI.

use crate::error::{serde_error, InputError};
use crate::hours::number_text;
use js_sys::{Array, Object};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Expected, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, Visitor,
};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// Reads a `T` from a JS value, or the first problem, with its field.
pub fn read<T: DeserializeOwned>(value: JsValue) -> Result<T, InputError> {
    T::deserialize(FromJs(value)).map_err(|e| serde_error(e.field, &e.message))
}

/// A problem, and where: the field path is built from the inside out as
/// the error passes up through each object key and list index.
#[derive(Debug)]
struct Error {
    field: String,
    message: String,
}

impl Error {
    /// The same error, one level further out: under `key` of an object.
    fn under_key(mut self, key: &str) -> Error {
        self.field = join(key.to_string(), self.field);
        self
    }
    /// The same error, one level further out: at `index` of a list.
    fn at_index(mut self, index: u32) -> Error {
        self.field = join(format!("[{index}]"), self.field);
        self
    }
}

/// `needs` + `[2].end` → `needs[2].end`; `needs[2]` + `end` → `needs[2].end`.
fn join(outer: String, inner: String) -> String {
    if inner.is_empty() {
        outer
    } else if inner.starts_with('[') {
        outer + &inner
    } else {
        outer + "." + &inner
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            field: String::new(),
            message: msg.to_string(),
        }
    }
    // serde's own wording of these two formats the unexpected value with
    // Rust's float and debug formatting; the same words, written here.
    fn invalid_type(unexp: Unexpected, exp: &dyn Expected) -> Self {
        Self::custom(format_args!(
            "invalid type: {}, expected {exp}",
            unexpected(unexp)
        ))
    }
    fn invalid_value(unexp: Unexpected, exp: &dyn Expected) -> Self {
        Self::custom(format_args!(
            "invalid value: {}, expected {exp}",
            unexpected(unexp)
        ))
    }
}

/// serde's words for an unexpected value ("integer `300`", "string \"mon\"").
fn unexpected(u: Unexpected) -> String {
    match u {
        Unexpected::Bool(b) => format!("boolean `{b}`"),
        Unexpected::Unsigned(n) => format!("integer `{n}`"),
        Unexpected::Signed(n) => format!("integer `{n}`"),
        Unexpected::Float(x) => format!("floating point `{}`", number_text(x)),
        Unexpected::Char(c) => format!("character `{c}`"),
        Unexpected::Str(s) => format!("string \"{s}\""),
        Unexpected::Bytes(_) => "byte array".into(),
        Unexpected::Unit => "unit value".into(),
        Unexpected::Option => "Option value".into(),
        Unexpected::NewtypeStruct => "newtype struct".into(),
        Unexpected::Seq => "sequence".into(),
        Unexpected::Map => "map".into(),
        Unexpected::Enum => "enum".into(),
        Unexpected::UnitVariant => "unit variant".into(),
        Unexpected::NewtypeVariant => "newtype variant".into(),
        Unexpected::TupleVariant => "tuple variant".into(),
        Unexpected::StructVariant => "struct variant".into(),
        Unexpected::Other(other) => other.into(),
    }
}

/// Whole numbers up to 2^53 are exact in a JS number.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_992.0;

/// What kind of JS value it is, found once. Each `deserialize_*` below then
/// accepts only the kind its type can be read from, so that, for example, a
/// struct is never read from a list: the code for that would be generated
/// for every struct in the case, and the page has no use for it.
enum Js {
    /// `null` or `undefined`.
    Nothing,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    List(Array),
    Object(Object),
    Other,
}

impl Js {
    fn of(v: JsValue) -> Js {
        if v.is_null() || v.is_undefined() {
            Js::Nothing
        } else if let Some(b) = v.as_bool() {
            Js::Bool(b)
        } else if let Some(x) = v.as_f64() {
            // Whole numbers as integers, so that `"age": 45` reads as an
            // i64; anything else as a float, which an integer field refuses.
            if x.fract() == 0.0 && x.abs() <= MAX_SAFE_INTEGER {
                if x >= 0.0 {
                    Js::Unsigned(x as u64)
                } else {
                    Js::Signed(x as i64)
                }
            } else {
                Js::Float(x)
            }
        } else if let Some(s) = v.as_string() {
            Js::Text(s)
        } else if Array::is_array(&v) {
            Js::List(v.unchecked_into())
        } else if v.is_object() {
            Js::Object(v.unchecked_into())
        } else {
            Js::Other
        }
    }

    /// The value in an error: "expected a sequence, found a string".
    fn refused(&self, exp: &dyn Expected) -> Error {
        let unexp = match self {
            Js::Nothing => Unexpected::Unit,
            Js::Bool(b) => Unexpected::Bool(*b),
            Js::Unsigned(n) => Unexpected::Unsigned(*n),
            Js::Signed(n) => Unexpected::Signed(*n),
            Js::Float(x) => Unexpected::Float(*x),
            Js::Text(s) => Unexpected::Str(s),
            Js::List(_) => Unexpected::Seq,
            Js::Object(_) => Unexpected::Map,
            Js::Other => Unexpected::Other("a JavaScript value of another kind"),
        };
        de::Error::invalid_type(unexp, exp)
    }
}

/// A JS value being read.
struct FromJs(JsValue);

impl FromJs {
    /// Reads a number of any kind; the type being read checks its range.
    fn number<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Js::of(self.0) {
            Js::Unsigned(n) => visitor.visit_u64(n),
            Js::Signed(n) => visitor.visit_i64(n),
            Js::Float(x) => visitor.visit_f64(x),
            other => Err(other.refused(&visitor)),
        }
    }

    fn text<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Js::of(self.0) {
            Js::Text(s) => visitor.visit_string(s),
            other => Err(other.refused(&visitor)),
        }
    }

    fn object<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Js::of(self.0) {
            Js::Object(o) => visitor.visit_map(ObjectAccess::new(&o)),
            other => Err(other.refused(&visitor)),
        }
    }
}

impl<'de> de::Deserializer<'de> for FromJs {
    type Error = Error;

    /// For a type that takes any kind of value; the case has none, but
    /// serde needs one.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Js::of(self.0) {
            Js::Nothing => visitor.visit_unit(),
            Js::Bool(b) => visitor.visit_bool(b),
            Js::Unsigned(n) => visitor.visit_u64(n),
            Js::Signed(n) => visitor.visit_i64(n),
            Js::Float(x) => visitor.visit_f64(x),
            Js::Text(s) => visitor.visit_string(s),
            Js::List(list) => visitor.visit_seq(ListAccess::new(list)),
            Js::Object(o) => visitor.visit_map(ObjectAccess::new(&o)),
            other => Err(other.refused(&visitor)),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Js::of(self.0) {
            Js::Bool(b) => visitor.visit_bool(b),
            other => Err(other.refused(&visitor)),
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text(visitor)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text(visitor)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.text(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Js::of(self.0) {
            Js::List(list) => visitor.visit_seq(ListAccess::new(list)),
            other => Err(other.refused(&visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.object(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.object(visitor)
    }

    /// The case's enums are all plain names in text ("personal", "mon").
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match Js::of(self.0) {
            Js::Text(name) => visitor.visit_enum(name.into_deserializer()),
            other => Err(other.refused(&visitor)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit unit_struct tuple tuple_struct
    }
}

/// The items of a JS array, each read in turn; an error names its index.
struct ListAccess {
    list: Array,
    len: u32,
    next: u32,
}

impl ListAccess {
    fn new(list: Array) -> ListAccess {
        ListAccess {
            len: list.length(),
            list,
            next: 0,
        }
    }
}

impl<'de> SeqAccess<'de> for ListAccess {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.next >= self.len {
            return Ok(None);
        }
        let i = self.next;
        self.next += 1;
        seed.deserialize(FromJs(self.list.get(i)))
            .map(Some)
            .map_err(|e| e.at_index(i))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.len - self.next) as usize)
    }
}

/// The own fields of a JS object, from `Object.entries`; an error names
/// the key, an unknown key included.
struct ObjectAccess {
    entries: Array,
    len: u32,
    next: u32,
    /// The value of the key just read, for `next_value_seed`.
    value: JsValue,
}

impl ObjectAccess {
    fn new(o: &Object) -> ObjectAccess {
        let entries = Object::entries(o);
        ObjectAccess {
            len: entries.length(),
            entries,
            next: 0,
            value: JsValue::UNDEFINED,
        }
    }

    /// The key just read, for naming it in an error.
    fn key(&self) -> String {
        let entry: Array = self.entries.get(self.next - 1).unchecked_into();
        entry.get(0).as_string().unwrap_or_default()
    }
}

impl<'de> MapAccess<'de> for ObjectAccess {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.next >= self.len {
            return Ok(None);
        }
        let entry: Array = self.entries.get(self.next).unchecked_into();
        self.next += 1;
        // Object.entries gives string keys only.
        let key = entry.get(0).as_string().unwrap_or_default();
        self.value = entry.get(1);
        seed.deserialize(key.as_str().into_deserializer())
            .map(Some)
            .map_err(|e: Error| e.under_key(&key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = std::mem::replace(&mut self.value, JsValue::UNDEFINED);
        seed.deserialize(FromJs(value))
            .map_err(|e| e.under_key(&self.key()))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.len - self.next) as usize)
    }
}
