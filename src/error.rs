//! Errors for people: what is wrong, in which field, in plain words.
//!
//! Every problem with input is an [`InputError`] that names the field (as a
//! path such as `needs[2].end`), the problem as a stable code
//! (`END_BEFORE_START`), and the values its message names (`start`, `end`).
//! The page shows them in an error summary that links to the field; the CLI
//! prints them and exits with code 2. Nothing a person types may reach an
//! `unwrap`.
//!
//! The words themselves are written once, in the page's catalogues: the
//! text `error.CODE` (or `error.INVALID_VALUE.<shape>`) in
//! `www/i18n/{nb,nn,en}.json`, with `{limit}` and the like filled in from
//! the values. The page does that in the person's language; natively,
//! [`InputError::message_nb`] and [`InputError::message_en`] do it from a
//! table that `build.rs` makes from the same files. The page's WebAssembly
//! carries no message texts at all: 5.2 KB gzip less of it (issue 4).

use crate::config;
use crate::hours::number_text;
use crate::json::{signed_text, unsigned_text};
use crate::map::Map;
use crate::model::{Case, FORMAT_VERSION};
use crate::time::MINUTES_PER_DAY;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::fmt;

/// One problem with the input.
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    /// Where: `person.age`, `needs[2].end`, or `` for the whole input.
    pub field: String,
    /// What, as a stable code (`END_BEFORE_START`, `TOO_MANY_NEEDS`, …).
    pub code: &'static str,
    /// The values the message names (`limit`, `start`, `end`, …), and for
    /// `INVALID_VALUE` its `shape`: the catalogue text is filled in from them.
    pub values: Map<&'static str, String>,
}

impl InputError {
    pub fn new(field: impl Into<String>, code: &'static str) -> Self {
        InputError {
            field: field.into(),
            code,
            values: Map::new(),
        }
    }

    /// The same error with one more value for its message.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.values.insert(name, value.into());
        self
    }

    /// The catalogue key of its message, without `error.`: the code, or for
    /// a value that cannot be read `INVALID_VALUE.<shape>`.
    pub fn text_key(&self) -> String {
        match self.values.get("shape") {
            Some(shape) => self.code.to_string() + "." + shape,
            None => self.code.to_string(),
        }
    }
}

/// The messages in words, for the CLI and the native library. Not in the
/// page's WebAssembly: the page has the same texts in its catalogues, in
/// every language it speaks.
#[cfg(not(target_arch = "wasm32"))]
mod words {
    include!(concat!(env!("OUT_DIR"), "/error_texts.rs"));

    /// `text` with each `{name}` that names a value replaced by it; other
    /// braces (a JSON example in a message) stay as they are.
    pub(super) fn fill(text: &str, values: &crate::map::Map<&'static str, String>) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let named = after
                .find('}')
                .and_then(|close| Some((values.get(&after[..close])?, close)));
            match named {
                Some((value, close)) => {
                    out.push_str(value);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl InputError {
    /// (bokmål, English) for its key; a key with no text (a bug: a test
    /// checks that every code has one) falls back to the bare code.
    fn texts(&self) -> (&'static str, &'static str) {
        let key = self.text_key();
        match words::ERROR_TEXTS.binary_search_by(|(k, _, _)| (*k).cmp(key.as_str())) {
            Ok(i) => (words::ERROR_TEXTS[i].1, words::ERROR_TEXTS[i].2),
            Err(_) => (self.code, self.code),
        }
    }

    /// The problem in plain bokmål (`error.CODE` of `www/i18n/nb.json`).
    pub fn message_nb(&self) -> String {
        words::fill(self.texts().0, &self.values)
    }

    /// The problem in plain English (`error.CODE` of `www/i18n/en.json`).
    pub fn message_en(&self) -> String {
        words::fill(self.texts().1, &self.values)
    }
}

/// `{ field, code, message_nb, message_en, values }`; on the page (wasm32)
/// without the two messages, which the page takes from its catalogues.
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

/// Turns a serde error with its path into an [`InputError`], as
/// [`serde_error`] does (the CLI reads JSON through serde_path_to_error).
#[cfg(feature = "cli")]
pub fn from_serde<E: fmt::Display>(e: serde_path_to_error::Error<E>) -> InputError {
    serde_error(e.path().to_string(), &e.inner().to_string())
}

/// A serde message at a field path (`needs[2].end`; `` or `.` for the whole
/// input) as an [`InputError`]: the path names the field, and serde's
/// message ("unknown variant `walk`, expected one of …") is taken apart
/// into the shape and values of plain words by [`plain`].
pub fn serde_error(path: String, message: &str) -> InputError {
    // serde-wasm-bindgen's errors arrive as JS errors whose text starts with
    // "Error: "; without stripping it no plain-words pattern below matches.
    let message = message.strip_prefix("Error: ").unwrap_or(message);
    read_error(path, wrong_of(message))
}

/// A problem of the kinds serde reports, already taken apart: the page's
/// readers (`src/reader.rs`, the profile's checks) make these directly, and
/// a serde message is taken apart into one by [`serde_error`], so both are
/// put into the same plain words.
pub enum Wrong {
    /// A name not among the choices ("walk"; "personal, household").
    UnknownVariant {
        value: String,
        choices: String,
    },
    UnknownField(String),
    MissingField(String),
    DuplicateField(String),
    /// A value of the wrong type or range; serde's name of what was
    /// expected ("i64", "a sequence").
    Expected(String),
    /// Text that is not a time of day, or not a date.
    BadTime(String),
    BadDate(String),
    /// Values nested deeper than [`config::MAX_PROFILE_DEPTH`].
    TooDeep,
    /// A message of another shape, kept as it is.
    Other(String),
}

/// A problem at a field path (`needs[2].end`; `` or `.` for the whole
/// input) as an [`InputError`]: `INVALID_VALUE` with the `shape` of the
/// problem (`unknown_variant`, `missing_field`, `expected_number`, …) and the
/// values its catalogue text `error.INVALID_VALUE.<shape>` names, what a
/// person needs to read to write the right thing instead.
pub fn read_error(path: String, wrong: Wrong) -> InputError {
    let field = if path == "." { String::new() } else { path };
    let shaped = |field: String, shape: &'static str| {
        InputError::new(field, "INVALID_VALUE").with("shape", shape)
    };
    match wrong {
        Wrong::UnknownVariant { value, choices } => shaped(field, "unknown_variant")
            .with("value", upto_backtick(value))
            .with("choices", choices),
        Wrong::UnknownField(name) => {
            shaped(field, "unknown_field").with("name", upto_backtick(name))
        }
        // A missing field is named by its own path, not its parent's.
        Wrong::MissingField(name) => {
            let field = if field.is_empty() {
                name.clone()
            } else {
                field + "." + &name
            };
            shaped(field, "missing_field").with("name", name)
        }
        Wrong::DuplicateField(name) => {
            shaped(field, "duplicate_field").with("name", upto_backtick(name))
        }
        Wrong::Expected(expected) => shaped(field, expected_shape(&expected)),
        Wrong::BadTime(value) => shaped(field, "bad_time").with("value", value),
        Wrong::BadDate(value) => shaped(field, "bad_date").with("value", value),
        Wrong::TooDeep => {
            shaped(field, "too_deep").with("limit", unsigned_text(config::MAX_PROFILE_DEPTH as u64))
        }
        Wrong::Other(msg) => shaped(field, "other").with("detail", msg),
    }
}

/// A name up to its first backtick. serde's messages quote a name in
/// backticks, so the CLI reads a name up to its first backtick; the page's
/// readers do the same, so that a file and the page word even such a name
/// alike.
fn upto_backtick(mut name: String) -> String {
    if let Some(end) = name.bytes().position(|b| b == b'`') {
        name.truncate(end);
    }
    name
}

/// A serde message taken apart. serde words them for programmers and in
/// English only ("invalid type: floating point `4.5`, expected i64");
/// messages of a shape not known here are kept as they are.
fn wrong_of(serde_message: &str) -> Wrong {
    // serde_json adds where in the text; the field path already says where.
    // Only its own ending ("… at line 3 column 14") is cut, not the same
    // words inside a value that a person typed.
    let msg = match serde_message.rsplit_once(" at line ") {
        Some((head, tail))
            if tail
                .split_once(" column ")
                .is_some_and(|(l, c)| all_digits(l) && all_digits(c)) =>
        {
            head
        }
        _ => serde_message,
    };
    // The text between the first pair of backticks: the value or field name.
    let quoted = |s: &str| -> String { s.split('`').nth(1).unwrap_or_default().to_string() };
    // "`a`, `b`, `c`" → "a, b, c".
    let list = |s: &str| s.replace('`', "");
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        // serde's own ", expected" is the last: a value typed may hold one too.
        let choices = rest
            .rsplit_once(", expected ")
            .map_or_else(String::new, |(_, l)| {
                list(l.strip_prefix("one of ").unwrap_or(l))
            });
        return Wrong::UnknownVariant {
            value: quoted(rest),
            choices,
        };
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        return Wrong::UnknownField(quoted(rest));
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return Wrong::MissingField(quoted(rest));
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        return Wrong::DuplicateField(quoted(rest));
    }
    if let Some((_, expected)) = msg
        .strip_prefix("invalid type: ")
        .or_else(|| msg.strip_prefix("invalid value: "))
        .and_then(|rest| rest.rsplit_once(", expected "))
    {
        return Wrong::Expected(expected.to_string());
    }
    if let Some((value, _)) = msg.split_once(" is not a time of day") {
        return Wrong::BadTime(value.trim_matches('"').to_string());
    }
    if let Some((value, _)) = msg.split_once(" is not a date") {
        return Wrong::BadDate(value.trim_matches('"').to_string());
    }
    if msg.starts_with(crate::profile::TOO_DEEP) {
        return Wrong::TooDeep;
    }
    Wrong::Other(msg.to_string())
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Does `text` hold `part`? A plain walk: `str::contains` brings a general
/// string search (about 3 KB of the page's WebAssembly) for these few words.
fn has(text: &str, part: &str) -> bool {
    text.as_bytes()
        .windows(part.len())
        .any(|w| w == part.as_bytes())
}

/// What serde expected ("i64", "a sequence") as the shape of the problem
/// (`expected_…`), whose text says it in words for people ("a whole
/// number, 0 or more").
fn expected_shape(expected: &str) -> &'static str {
    let e = expected.trim();
    if ["u8", "u16", "u32", "u64"].contains(&e) {
        "expected_whole_number_from_0"
    } else if ["i8", "i16", "i32", "i64"].contains(&e) {
        "expected_whole_number"
    } else if ["f32", "f64"].contains(&e) {
        "expected_number"
    } else if has(e, "bool") {
        "expected_true_or_false"
    } else if has(e, "sequence") {
        "expected_list"
    } else if has(e, "str") || has(e, "char") {
        "expected_text"
    } else if has(e, "struct") || has(e, "map") {
        "expected_object"
    } else {
        "expected_other"
    }
}

/// Text that is not JSON at all (a case file or a profile), with the line
/// and column where it broke, so a person can find the spot.
#[cfg(feature = "cli")]
pub fn malformed_json(e: &serde_json::Error) -> InputError {
    InputError::new("", "MALFORMED_JSON")
        .with("line", e.line().to_string())
        .with("column", e.column().to_string())
}

/// A case from a newer version of the calculator.
pub fn newer_version(v: u32) -> InputError {
    InputError::new("version", "NEWER_VERSION")
        .with("format", unsigned_text(v.into()))
        .with("supported", unsigned_text(FORMAT_VERSION.into()))
}

/// `list[i]`: an item of a list, in a field path (here and in the profile's
/// checks). Numbers and names in paths are written with
/// `json::unsigned_text` and `+`, not `format!` or `.to_string()`: those
/// bring Rust's general formatting into the page's WebAssembly.
pub(crate) fn item(list: &str, i: usize) -> String {
    list.to_string() + "[" + &unsigned_text(i as u64) + "]"
}

/// Checks what serde cannot: ranges, times that make sense, sizes.
/// Returns every problem found, not just the first, so a person can fix all at once.
pub fn validate(case: &Case) -> Result<(), InputErrors> {
    // Each problem is built with `InputError::with`, one value at a time:
    // a list of values per problem, cloned in, was about 1 KB more of the
    // page's WebAssembly.
    let mut errs = Vec::new();
    let limit = |n: usize| unsigned_text(n as u64);

    if case.version > FORMAT_VERSION {
        return Err(newer_version(case.version).into());
    }
    if case.version == 0 {
        errs.push(InputError::new("version", "BAD_VERSION"));
    }
    if let Some(age) = case.person.age {
        if age < 0 {
            errs.push(InputError::new("person.age", "NEGATIVE_AGE").with("age", signed_text(age)));
        } else if age > config::MAX_AGE {
            errs.push(
                InputError::new("person.age", "AGE_TOO_HIGH")
                    .with("age", signed_text(age))
                    .with("limit", signed_text(config::MAX_AGE)),
            );
        }
    }
    if case.person.current_services.len() > config::MAX_CURRENT_SERVICES {
        errs.push(
            InputError::new("person.current_services", "TOO_MANY")
                .with("limit", limit(config::MAX_CURRENT_SERVICES)),
        );
    }
    if case.needs.len() > config::MAX_NEEDS {
        errs.push(
            InputError::new("needs", "TOO_MANY_NEEDS")
                .with("count", limit(case.needs.len()))
                .with("limit", limit(config::MAX_NEEDS)),
        );
        return Err(InputErrors(errs));
    }
    for (i, n) in case.needs.iter().enumerate() {
        let f = |name: &str| item("needs", i) + "." + name;
        if n.days.is_empty() {
            errs.push(InputError::new(f("days"), "NO_DAYS"));
        }
        let (s, e) = (n.start.minutes(), n.end.minutes());
        let wrong_end = if s >= MINUTES_PER_DAY {
            errs.push(InputError::new(f("start"), "START_AT_MIDNIGHT_END"));
            None
        } else if n.crosses_midnight {
            (e > s || e >= MINUTES_PER_DAY).then_some("NOT_PAST_MIDNIGHT")
        } else if e < s {
            Some("END_BEFORE_START")
        } else if e == s {
            Some("ZERO_LENGTH")
        } else {
            None
        };
        if let Some(code) = wrong_end {
            let mut err = InputError::new(f("end"), code).with("start", n.start.text());
            if code != "ZERO_LENGTH" {
                err = err.with("end", n.end.text());
            }
            errs.push(err);
        }
        if n.helpers == 0 || n.helpers > config::MAX_HELPERS {
            errs.push(
                InputError::new(f("helpers"), "HELPERS_RANGE")
                    .with("limit", limit(config::MAX_HELPERS.into())),
            );
        }
        if crate::char_count(&n.label) > config::MAX_LABEL_CHARS {
            errs.push(
                InputError::new(f("label"), "LABEL_TOO_LONG")
                    .with("limit", limit(config::MAX_LABEL_CHARS)),
            );
        }
    }
    if case.monthly.len() > config::MAX_MONTHLY {
        errs.push(
            InputError::new("monthly", "TOO_MANY_MONTHLY")
                .with("limit", limit(config::MAX_MONTHLY)),
        );
    } else {
        for (i, m) in case.monthly.iter().enumerate() {
            let h = m.hours_per_month;
            if !h.is_finite() || !(0.0..=config::MAX_HOURS_PER_MONTH).contains(&h) {
                errs.push(
                    InputError::new(item("monthly", i) + ".hours_per_month", "HOURS_RANGE")
                        .with("limit", number_text(config::MAX_HOURS_PER_MONTH)),
                );
            }
            if crate::char_count(&m.label) > config::MAX_LABEL_CHARS {
                errs.push(
                    InputError::new(item("monthly", i) + ".label", "LABEL_TOO_LONG")
                        .with("limit", limit(config::MAX_LABEL_CHARS)),
                );
            }
        }
    }
    if let Some(w) = case.settings.night {
        if w.start.minutes() >= MINUTES_PER_DAY
            || w.end.minutes() >= MINUTES_PER_DAY
            || w.start == w.end
        {
            errs.push(InputError::new("settings.night", "BAD_NIGHT"));
        }
    }
    for (name, text) in case.notes.fields() {
        if crate::char_count(text) > config::MAX_NOTE_CHARS {
            errs.push(
                InputError::new("notes.".to_string() + name, "NOTE_TOO_LONG")
                    .with("limit", limit(config::MAX_NOTE_CHARS)),
            );
        }
    }
    if let Some(lang) = &case.settings.lang {
        if lang.len() > 8 {
            errs.push(InputError::new("settings.lang", "BAD_LANG"));
        }
    }
    if let Some(m) = &case.settings.municipality {
        if m.len() > 64 {
            errs.push(InputError::new("settings.municipality", "BAD_MUNICIPALITY"));
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(InputErrors(errs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                "\"25:00\" is not a time of day: write it as HH:MM, from 00:00 to 24:00 at line 1 column 59",
                "«25:00» er ikke et klokkeslett. Skriv det som TT:MM, fra 00:00 til 24:00.",
            ),
            (
                "\"2026-13-01\" is not a date: write it as YYYY-MM-DD, for example 2026-11-23",
                "«2026-13-01» er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, for eksempel 2026-11-23.",
            ),
            ("something new", "Verdien kan ikke leses: something new"),
        ];
        for (serde, nb) in cases {
            let e = serde_error(String::new(), serde);
            assert_eq!(e.message_nb(), nb, "{serde}");
            let en = e.message_en();
            assert!(
                !en.is_empty() && en != e.text_key() && !en.contains(" at line "),
                "{en}"
            );
        }
    }
}
