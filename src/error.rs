//! Errors for people: what is wrong, in which field, in plain words.
//!
//! Every problem with input is an [`InputError`] that names the field (as a
//! path such as `needs[2].end`), the problem as a stable code
//! (`END_BEFORE_START`), and the values its message names (`start`, `end`).
//! The page shows them in an error summary that links to the field; the CLI
//! prints them and exits with code 2. Nothing a person types may reach an
//! `unwrap`.
//!
//! The words are written once, in the catalogues (`www/i18n/*.json`): the
//! text `error.CODE`, or for a value serde could not read
//! `error.INVALID_VALUE.<shape>`, with `{limit}` and the like filled in
//! from the values. The page does that in the person's language; natively,
//! [`InputError::message`] does it from the same files (`crate::catalogue`).
//!
//! serde words its problems for programmers, in English ("invalid type:
//! floating point `4.5`, expected i64"). [`from_serde`] takes them apart into
//! a shape and values, so that no English reaches a Norwegian message.

use crate::config;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// One problem with the input.
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    /// Where: `person.age`, `needs[2].end`, or `` for the whole input.
    pub field: String,
    /// What, as a stable code (`END_BEFORE_START`, `TOO_MANY_NEEDS`, …).
    pub code: &'static str,
    /// The values the message names (`limit`, `start`, `end`, …), and for
    /// `INVALID_VALUE` its `shape`.
    pub values: BTreeMap<&'static str, String>,
}

impl InputError {
    pub fn new(field: impl Into<String>, code: &'static str) -> Self {
        InputError {
            field: field.into(),
            code,
            values: BTreeMap::new(),
        }
    }

    /// The same error with one more value for its message.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.values.insert(name, value.to_string());
        self
    }

    /// The catalogue key of its message, without `error.`: the code, or for
    /// a value that cannot be read `INVALID_VALUE.<shape>`.
    pub fn text_key(&self) -> String {
        match self.values.get("shape") {
            Some(shape) => format!("{}.{shape}", self.code),
            None => self.code.to_string(),
        }
    }

    /// The same error one level down: `case.` + field.
    pub fn under(mut self, outer: &str) -> Self {
        self.field = join(outer, &self.field);
        self
    }
}

/// `outer.inner`, or just one of them when the other is empty.
pub fn join(outer: &str, inner: &str) -> String {
    match (outer.is_empty(), inner.is_empty()) {
        (true, _) => inner.to_string(),
        (_, true) => outer.to_string(),
        _ if inner.starts_with('[') => format!("{outer}{inner}"),
        _ => format!("{outer}.{inner}"),
    }
}

/// `list[i]`: an item of a list, in a field path.
pub fn item(list: &str, i: usize) -> String {
    format!("{list}[{i}]")
}

#[cfg(not(target_arch = "wasm32"))]
impl InputError {
    /// The problem in plain words in `lang` ("nb", "nn", "en"), from the
    /// catalogue's `error.CODE`. Values from the input are printed safely
    /// for a terminal.
    pub fn message(&self, lang: &str) -> String {
        let safe: BTreeMap<&str, String> = self
            .values
            .iter()
            .map(|(k, v)| (*k, crate::util::terminal::safe(v).into_owned()))
            .collect();
        crate::catalogue::Catalogue::new(lang).fill(&format!("error.{}", self.text_key()), &safe)
    }
    pub fn message_nb(&self) -> String {
        self.message("nb")
    }
    pub fn message_en(&self) -> String {
        self.message("en")
    }
}

/// `{ field, code, message_nb, message_en, values }`; on the page (wasm32)
/// without the two messages, which the page takes from its catalogues in
/// the person's language.
impl Serialize for InputError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("InputError", 5)?;
        s.serialize_field("field", &self.field)?;
        s.serialize_field("code", self.code)?;
        #[cfg(not(target_arch = "wasm32"))]
        {
            s.serialize_field("message_nb", &self.message_nb())?;
            s.serialize_field("message_en", &self.message_en())?;
        }
        if !self.values.is_empty() {
            s.serialize_field("values", &self.values)?;
        }
        s.end()
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        #[cfg(not(target_arch = "wasm32"))]
        let what = self.message_en();
        #[cfg(target_arch = "wasm32")]
        let what = self.text_key();
        if self.field.is_empty() {
            write!(f, "{what}")
        } else {
            write!(f, "{}: {what}", self.field)
        }
    }
}

/// All problems found, in the order of the fields.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct InputErrors(pub Vec<InputError>);

impl InputErrors {
    /// Every error one level down (see [`InputError::under`]).
    pub fn under(self, outer: &str) -> Self {
        InputErrors(self.0.into_iter().map(|e| e.under(outer)).collect())
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}

impl From<InputError> for InputErrors {
    fn from(e: InputError) -> Self {
        InputErrors(vec![e])
    }
}

// ---------------------------------------------------------------------------
// From serde's problems to plain words
// ---------------------------------------------------------------------------

/// A problem of our own raised inside a serde reader (a condition with two
/// tests, say), as serde's custom error text: the code and its values, so
/// that [`from_serde`] turns it back into the same [`InputError`] the code
/// names. `\u{1}` never appears in a message serde writes.
pub fn coded<E: serde::de::Error>(code: &'static str, values: &[(&'static str, &str)]) -> E {
    let mut text = format!("\u{1}{code}");
    for (k, v) in values {
        text.push_str(&format!("\u{1}{k}={v}"));
    }
    E::custom(text)
}

/// A problem serde_json found while reading, at the field serde_path_to_error
/// followed to it, as an error for people.
pub fn from_serde(e: serde_path_to_error::Error<serde_json::Error>) -> InputError {
    let path = e.path().to_string();
    let field = if path == "." { String::new() } else { path };
    from_json_error(field, e.into_inner())
}

/// A problem serde_json found at `field` (`` for the whole input).
pub fn from_json_error(field: String, inner: serde_json::Error) -> InputError {
    let message = inner.to_string();
    use serde_json::error::Category;
    match inner.classify() {
        // serde_json's own limit on nesting; a plain "too deep" with the
        // number that applies.
        // Named at its first level (`notes`), not at the end of a path as
        // deep as the nesting.
        _ if message.starts_with("recursion limit exceeded") => {
            let first = field
                .find(['.', '['])
                .map_or(field.as_str(), |at| &field[..at]);
            shaped(first.to_string(), "too_deep").with("limit", config::MAX_JSON_DEPTH)
        }
        _ if message.starts_with("number out of range") => shaped(field, "number_out_of_range"),
        Category::Syntax | Category::Eof | Category::Io => malformed_json(&inner),
        Category::Data => from_message(field, &message),
    }
}

/// Text that is not JSON at all, with the line and column where it broke.
pub fn malformed_json(e: &serde_json::Error) -> InputError {
    InputError::new("", "MALFORMED_JSON")
        .with("line", e.line())
        .with("column", e.column())
}

fn shaped(field: String, shape: &'static str) -> InputError {
    InputError::new(field, "INVALID_VALUE").with("shape", shape)
}

/// A serde data problem at `field`, from its message.
pub fn from_message(field: String, message: &str) -> InputError {
    // serde_json adds where in the text; the field path already says where.
    // Only its own ending is cut, not the same words inside a typed value.
    let msg = match message.rsplit_once(" at line ") {
        Some((head, tail))
            if tail
                .split_once(" column ")
                .is_some_and(|(l, c)| digits(l) && digits(c)) =>
        {
            head
        }
        _ => message,
    };
    if let Some(rest) = msg.strip_prefix('\u{1}') {
        return from_coded(field, rest);
    }
    // The text between the first pair of backticks: the value or field name.
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or_default().to_string();
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        // serde's own ", expected" is the last: a typed value may hold one.
        let choices = rest
            .rsplit_once(", expected ")
            .map_or_else(String::new, |(_, l)| {
                l.strip_prefix("one of ").unwrap_or(l).replace('`', "")
            });
        return shaped(field, "unknown_variant")
            .with("value", quoted(rest))
            .with("choices", choices);
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        return shaped(field, "unknown_field").with("name", quoted(rest));
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        // A missing field is named by its own path, not its parent's.
        let name = quoted(rest);
        return shaped(join(&field, &name), "missing_field").with("name", name);
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        return shaped(field, "duplicate_field").with("name", quoted(rest));
    }
    if let Some((_, expected)) = msg
        .strip_prefix("invalid type: ")
        .or_else(|| msg.strip_prefix("invalid value: "))
        .or_else(|| msg.strip_prefix("invalid length "))
        .and_then(|rest| rest.rsplit_once(", expected "))
    {
        return shaped(field, expected_shape(expected));
    }
    shaped(field, "other")
}

/// One of our own problems, written by [`coded`]: `CODE` then `key=value`s.
fn from_coded(field: String, text: &str) -> InputError {
    let mut parts = text.split('\u{1}');
    let code = parts.next().unwrap_or_default();
    // Only codes of this crate are written by `coded`; an unknown one (a bug)
    // still reads as a plain problem at its field.
    let Some(code) = KNOWN_CODES.iter().find(|c| **c == code) else {
        return shaped(field, "other");
    };
    let mut e = InputError::new(field, code);
    for part in parts {
        if let Some((k, v)) = part.split_once('=') {
            if let Some(k) = VALUE_NAMES.iter().find(|n| **n == k) {
                e.values.insert(k, v.to_string());
            }
        }
    }
    e
}

/// The codes and value names [`coded`] may carry, as `&'static str`.
const KNOWN_CODES: [&str; 7] = [
    "INVALID_VALUE",
    "BAD_CONDITION",
    "CONDITION_EMPTY",
    "CONDITION_MANY_TESTS",
    "CONDITION_NEEDS_STATUS",
    "NEWER_VERSION",
    "PROFILE_FORMAT_NEWER",
];
const VALUE_NAMES: [&str; 5] = ["value", "tests", "format", "supported", "shape"];

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// What serde expected ("i64", "a sequence") as the shape of the problem,
/// whose text says it for people ("a whole number, 0 or more").
fn expected_shape(expected: &str) -> &'static str {
    let e = expected.trim();
    if ["u8", "u16", "u32", "u64"].contains(&e) {
        "expected_whole_number_from_0"
    } else if ["i8", "i16", "i32", "i64"].contains(&e) {
        "expected_whole_number"
    } else if ["f32", "f64"].contains(&e) {
        "expected_number"
    } else if e.contains("bool") {
        "expected_true_or_false"
    } else if e.contains("sequence") || e.contains("list") {
        "expected_list"
    } else if e.starts_with("struct") || e.contains("map") || e.contains("object") {
        "expected_object"
    } else if e.contains("str") || e.contains("char") {
        "expected_text"
    } else {
        "expected_other"
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn read(message: &str) -> InputError {
        from_message(String::new(), message)
    }

    #[test]
    fn serde_messages_become_plain_words() {
        let cases = [
            (
                "unknown variant `walk`, expected one of `personal`, `household` at line 1 column 24",
                "«walk» er ikke et av valgene her. Gyldige valg: personal, household.",
            ),
            (
                "unknown field `shoe`, expected one of `age`, `long_lasting`",
                "Feltet «shoe» er ukjent. Sjekk stavemåten, eller om filen er laget av en annen versjon.",
            ),
            ("missing field `kind` at line 3 column 1", "Feltet «kind» mangler."),
            (
                "invalid type: floating point `4.5`, expected i64 at line 1 column 20",
                "Verdien passer ikke her: her skal det stå et helt tall.",
            ),
            (
                "invalid value: integer `-3`, expected u8",
                "Verdien passer ikke her: her skal det stå et helt tall, 0 eller mer.",
            ),
            (
                "invalid type: string \"mon\", expected a sequence",
                "Verdien passer ikke her: her skal det stå en liste [ … ].",
            ),
            (
                "invalid type: sequence, expected struct Person",
                "Verdien passer ikke her: her skal det stå et objekt { … }.",
            ),
        ];
        for (serde, nb) in cases {
            let e = read(serde);
            assert_eq!(e.message_nb(), nb, "{serde}");
            let en = e.message_en();
            assert!(!en.is_empty() && !en.contains("error."), "{en}");
        }
    }

    #[test]
    fn our_own_codes_come_back_with_their_values() {
        let e: serde_json::Error = coded(
            "INVALID_VALUE",
            &[("shape", "bad_time"), ("value", "25:00")],
        );
        let back = read(&e.to_string());
        assert_eq!(back.text_key(), "INVALID_VALUE.bad_time");
        assert_eq!(back.values.get("value").map(String::as_str), Some("25:00"));
        assert!(back.message_nb().contains("25:00"), "{}", back.message_nb());
    }

    #[test]
    fn no_english_detail_leaks_into_an_unknown_shape() {
        let e = read("something new from serde");
        assert_eq!(e.text_key(), "INVALID_VALUE.other");
        assert!(!e.message_nb().contains("something"));
    }

    #[test]
    fn paths_join_as_serde_path_to_error_writes_them() {
        assert_eq!(join("", "age"), "age");
        assert_eq!(join("person", "age"), "person.age");
        assert_eq!(join("needs", "[2]"), "needs[2]");
        assert_eq!(join("profile", ""), "profile");
        assert_eq!(item("needs", 3), "needs[3]");
    }
}
