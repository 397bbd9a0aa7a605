//! JSON text for the page's WebAssembly: any `Serialize` value written as
//! JSON ([`to_string`]), and the page's values read back ([`parse`]).
//!
//! Why not serde-wasm-bindgen, which builds the JS objects field by field:
//! every field was a call out of the WebAssembly and every string a trip
//! through the text decoder, and its code was made again for every type in
//! the answer. Writing the answer as one JSON text in Rust and letting the
//! JS engine's own `JSON.parse` build the objects is both smaller and
//! faster. The text is the same JSON serde_json writes for the CLI (a test,
//! `tests/json_text.rs`, compares the two for every case file), so the page
//! and the CLI read the same fields.
//!
//! Numbers are written so that reading them back gives exactly the same
//! `f64` (what `JSON.parse` and serde_json then give), without Rust's
//! general float formatting, which is large: see [`write_number`].

use serde::ser::{self, Serialize};
use std::fmt;

/// `value` as JSON text. Only an unsupported shape (a byte string, a map
/// whose keys are not text) fails, and nothing the engine writes has one.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut out = String::with_capacity(256);
    value.serialize(Writer { out: &mut out })?;
    Ok(out)
}

/// A value of a shape JSON has no place for.
#[derive(Debug)]
pub struct Error;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value JSON has no place for")
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    // serde's own messages are dropped: formatting them would pull in the
    // machinery this module exists to avoid.
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Error
    }
}

/// Text in JSON quotes, escaped as serde_json escapes it.
fn write_text(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// A whole number's digits.
fn write_unsigned(out: &mut String, n: u64) {
    write_padded(out, n, 1);
}

/// A whole number's digits, at least `width` of them, with zeros in front:
/// what `format!("{n:0width$}")` writes. Dates, times and numbers are
/// written with this rather than Rust's general formatting, whose padding
/// code is a few KB of the page's WebAssembly.
pub fn write_padded(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in digits.len() - at..width {
        out.push('0');
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// A whole number as text, without Rust's general formatting.
pub fn unsigned_text(n: u64) -> String {
    let mut s = String::new();
    write_unsigned(&mut s, n);
    s
}

/// `true` or `false`: what `b.to_string()` gives, without the formatting
/// machinery `to_string` goes through for a `bool`.
pub fn bool_text(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// A whole number, `-` in front when negative, as text: what `n.to_string()`
/// gives, without Rust's general formatting.
pub fn signed_text(n: i64) -> String {
    let mut s = String::new();
    write_signed(&mut s, n);
    s
}

fn write_signed(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    write_unsigned(out, n.unsigned_abs());
}

/// 2^53: below it every whole number is exact in an f64.
const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;

/// Powers of ten that an f64 holds exactly.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A number whose text reads back as exactly `x`; `null` for NaN and the
/// infinities, as serde_json writes them.
///
/// Most numbers the engine writes are hours in hundredths and small values
/// of the law: for those, the fewest decimals `d` with
/// `round(x·10^d) / 10^d == x` are found with exact integer arithmetic
/// (the division of two exact values rounds to the f64 nearest the decimal,
/// which is what reading it gives). Any other number (17 digits, or tiny,
/// or huge) is written out in full, every digit of its exact binary value:
/// long, but exact.
pub fn write_number(out: &mut String, x: f64) {
    if !x.is_finite() {
        out.push_str("null");
        return;
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    let a = x.abs();
    for (decimals, &scale) in POWERS_OF_TEN.iter().enumerate() {
        let scaled = a * scale;
        if scaled >= EXACT_INTEGERS {
            break;
        }
        let n = scaled.round();
        if n / scale == a {
            write_decimal(out, &(n as u64).to_le_limbs(), decimals);
            return;
        }
    }
    // a = mantissa · 2^exponent exactly.
    let bits = a.to_bits();
    let raw_exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if raw_exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), raw_exponent - 1075)
    };
    let mut limbs = mantissa.to_le_limbs();
    if exponent >= 0 {
        for _ in 0..exponent {
            mul_small(&mut limbs, 2);
        }
        write_decimal(out, &limbs, 0);
    } else {
        // m · 2^-k = m · 5^k / 10^k.
        let k = exponent.unsigned_abs() as usize;
        for _ in 0..k {
            mul_small(&mut limbs, 5);
        }
        write_decimal(out, &limbs, k);
    }
}

/// A whole number as 32-bit limbs, least significant first.
trait Limbs {
    fn to_le_limbs(self) -> Vec<u32>;
}

impl Limbs for u64 {
    fn to_le_limbs(self) -> Vec<u32> {
        vec![self as u32, (self >> 32) as u32]
    }
}

fn mul_small(limbs: &mut Vec<u32>, by: u32) {
    let mut carry = 0u64;
    for l in limbs.iter_mut() {
        let v = u64::from(*l) * u64::from(by) + carry;
        *l = v as u32;
        carry = v >> 32;
    }
    if carry > 0 {
        limbs.push(carry as u32);
    }
}

/// The whole number `limbs` with a point `decimals` digits from the right,
/// trailing zeros after the point dropped.
fn write_decimal(out: &mut String, limbs: &[u32], decimals: usize) {
    // Decimal digits, least significant first, by division by 10.
    let mut rest = limbs.to_vec();
    let mut digits = Vec::new();
    while rest.iter().any(|&l| l != 0) {
        let mut remainder = 0u64;
        for l in rest.iter_mut().rev() {
            let v = (remainder << 32) | u64::from(*l);
            *l = (v / 10) as u32;
            remainder = v % 10;
        }
        digits.push(b'0' + remainder as u8);
    }
    // At least one digit before the point.
    while digits.len() <= decimals {
        digits.push(b'0');
    }
    let skip = digits
        .iter()
        .take(decimals)
        .take_while(|&&d| d == b'0')
        .count();
    for (i, &d) in digits.iter().enumerate().rev() {
        if i < skip {
            break;
        }
        if i + 1 == decimals {
            out.push('.');
        }
        out.push(char::from(d));
    }
}

/// Writes one value into `out`.
struct Writer<'a> {
    out: &'a mut String,
}

/// A list or object being written: whether the next entry is its first.
struct Compound<'a> {
    out: &'a mut String,
    first: bool,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }
    fn key(&mut self, key: &str) {
        self.comma();
        write_text(self.out, key);
        self.out.push(':');
    }
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(bool_text(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        write_signed(self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        write_unsigned(self.out, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        write_number(self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_text(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push('{');
        write_text(self.out, variant);
        self.out.push(':');
        value.serialize(Writer { out: self.out })?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.out.push('[');
        Ok(Compound {
            out: self.out,
            first: true,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.out.push('{');
        Ok(Compound {
            out: self.out,
            first: true,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(Writer { out: self.out })
    }
    fn end(self) -> Result<(), Error> {
        self.out.push(']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(KeyWriter { out: self.out })?;
        self.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(Writer { out: self.out })
    }
    fn end(self) -> Result<(), Error> {
        self.out.push('}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.key(key);
        value.serialize(Writer { out: self.out })
    }
    fn end(self) -> Result<(), Error> {
        self.out.push('}');
        Ok(())
    }
}

/// Writes an object key: text, or a name (an enum such as `Cause`).
struct KeyWriter<'a> {
    out: &'a mut String,
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_text(self.out, v);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_bool(self, _v: bool) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_i8(self, _v: i8) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_i16(self, _v: i16) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_i32(self, _v: i32) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_i64(self, _v: i64) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_u8(self, _v: u8) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_u16(self, _v: u16) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_u32(self, _v: u32) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_u64(self, _v: u64) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_char(self, _v: char) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(Error)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error)
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error)
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(Error)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error)
    }
}

// ------------------------------------------------------------------------
// Reading JSON text, as the page's values arrive (`JSON.stringify`)
// ------------------------------------------------------------------------

/// How deep JSON text may nest before reading stops (as serde_json's
/// recursion limit), so hostile text cannot overflow the stack.
const MAX_NESTING: usize = 128;

/// Reads JSON text into a [`Tree`](crate::profile::Tree): `None` when it is
/// not JSON or nests deeper than 128 levels.
///
/// Why not serde_json in the WebAssembly: the page's values come from the
/// engine's `JSON.stringify`, always well formed, and this small reader is
/// all they need. One call with one text is also far faster than asking the
/// JS engine about each value in turn. A number is read exactly: directly
/// when its digits and power of ten are exact in an f64 (every number the
/// page sends), otherwise by `parse_slow`.
pub fn parse(text: &str, parse_slow: fn(&str) -> f64) -> Option<crate::profile::Tree> {
    let mut p = Parser {
        text,
        at: 0,
        parse_slow,
    };
    let tree = p.value(0)?;
    p.space();
    (p.at == text.len()).then_some(tree)
}

struct Parser<'t> {
    text: &'t str,
    at: usize,
    parse_slow: fn(&str) -> f64,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }
    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }
    fn eat(&mut self, word: &str) -> Option<()> {
        let rest = self.text.get(self.at..)?;
        rest.starts_with(word).then(|| self.at += word.len())
    }

    fn value(&mut self, depth: usize) -> Option<crate::profile::Tree> {
        use crate::profile::Tree;
        if depth > MAX_NESTING {
            return None;
        }
        self.space();
        Some(match self.peek()? {
            b'n' => self.eat("null").map(|()| Tree::Null)?,
            b't' => self.eat("true").map(|()| Tree::Bool(true))?,
            b'f' => self.eat("false").map(|()| Tree::Bool(false))?,
            b'"' => Tree::Text(self.string()?),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.peek() == Some(b']') {
                    self.at += 1;
                } else {
                    loop {
                        items.push(self.value(depth + 1)?);
                        self.space();
                        match self.peek()? {
                            b',' => self.at += 1,
                            b']' => {
                                self.at += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Tree::List(items)
            }
            b'{' => {
                self.at += 1;
                let mut fields = Vec::new();
                self.space();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                } else {
                    loop {
                        self.space();
                        let key = self.string()?;
                        self.space();
                        self.eat(":")?;
                        fields.push((key, self.value(depth + 1)?));
                        self.space();
                        match self.peek()? {
                            b',' => self.at += 1,
                            b'}' => {
                                self.at += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Tree::Map(fields)
            }
            _ => Tree::Number(self.number()?),
        })
    }

    fn string(&mut self) -> Option<String> {
        self.eat("\"")?;
        let mut out = String::new();
        loop {
            let rest = self.text.get(self.at..)?;
            let end = rest.find(['"', '\\'])?;
            out.push_str(rest.get(..end)?);
            self.at += end + 1;
            if rest.as_bytes()[end] == b'"' {
                return Some(out);
            }
            let escape = self.peek()?;
            self.at += 1;
            out.push(match escape {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let first = self.hex4()?;
                    let code = if (0xd800..0xdc00).contains(&first)
                        && self.text.get(self.at..)?.starts_with("\\u")
                    {
                        let before = self.at;
                        self.at += 2;
                        let second = self.hex4()?;
                        if (0xdc00..0xe000).contains(&second) {
                            0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
                        } else {
                            self.at = before;
                            first
                        }
                    } else {
                        first
                    };
                    // A lone surrogate becomes U+FFFD, as the engine's own
                    // conversion of such text to UTF-8 does.
                    char::from_u32(code).unwrap_or('\u{fffd}')
                }
                _ => return None,
            });
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.at..self.at + 4)?;
        self.at += 4;
        digits
            .bytes()
            .try_fold(0, |n, b| Some(n * 16 + char::from(b).to_digit(16)?))
    }

    fn number(&mut self) -> Option<f64> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        // The digits as one whole number, and where the point was.
        let (mut digits, mut count, mut point_shift) = (0u64, 0u32, 0i32);
        let mut seen_point = false;
        let mut any = false;
        while let Some(b) = self.peek() {
            match b {
                b'0'..=b'9' => {
                    any = true;
                    if count < 19 {
                        digits = digits * 10 + u64::from(b - b'0');
                        if digits > 0 {
                            count += 1;
                        }
                        if seen_point {
                            point_shift -= 1;
                        }
                    } else {
                        count += 1;
                        if !seen_point {
                            point_shift += 1;
                        }
                    }
                }
                b'.' if !seen_point => seen_point = true,
                _ => break,
            }
            self.at += 1;
        }
        let mut exponent = 0i32;
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            let minus = self.peek() == Some(b'-');
            if matches!(self.peek(), Some(b'-' | b'+')) {
                self.at += 1;
            }
            while let Some(d @ b'0'..=b'9') = self.peek() {
                exponent = exponent
                    .saturating_mul(10)
                    .saturating_add(i32::from(d - b'0'));
                self.at += 1;
            }
            if minus {
                exponent = -exponent;
            }
        }
        if !any {
            return None;
        }
        let power = exponent.saturating_add(point_shift);
        // Exact digits and an exact power of ten: one rounding, the right one.
        let x = if digits < 1 << 53 && count <= 19 && power.unsigned_abs() <= 22 {
            let scale = POWERS_OF_TEN[power.unsigned_abs() as usize];
            if power < 0 {
                digits as f64 / scale
            } else {
                digits as f64 * scale
            }
        } else {
            return Some((self.parse_slow)(self.text.get(start..self.at)?));
        };
        Some(if negative { -x } else { x })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_digits_are_rusts_zero_padding() {
        for n in [
            0,
            1,
            7,
            9,
            10,
            59,
            99,
            100,
            2025,
            65_535,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            for width in 0..25 {
                let mut s = String::new();
                write_padded(&mut s, n, width);
                assert_eq!(s, format!("{n:0width$}"), "{n} {width}");
            }
        }
    }

    fn number(x: f64) -> String {
        let mut s = String::new();
        write_number(&mut s, x);
        s
    }

    #[test]
    fn numbers_read_back_exactly() {
        let xs = [
            0.0,
            -0.0,
            1.0,
            28.0,
            24.98,
            0.1 + 0.2,
            1.0 / 3.0,
            12.5,
            -7.25,
            1e-300,
            5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            9_007_199_254_740_993.0,
            123_456_789.123_456_79,
            2.0_f64.powi(70),
        ];
        for x in xs {
            let text = number(x);
            let back: f64 = text.parse().unwrap_or(f64::NAN);
            assert_eq!(back.to_bits(), x.to_bits(), "{x:e} written as {text}");
        }
        assert_eq!(number(28.0), "28");
        assert_eq!(number(24.98), "24.98");
        assert_eq!(number(-0.5), "-0.5");
        assert_eq!(number(f64::NAN), "null");
        assert_eq!(number(f64::INFINITY), "null");
    }

    #[test]
    fn text_is_escaped_as_json() {
        let mut s = String::new();
        write_text(&mut s, "a\"b\\c\n\u{1}æ");
        assert_eq!(s, "\"a\\\"b\\\\c\\n\\u0001æ\"");
    }
}
