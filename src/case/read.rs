//! Reading a case: the one reader, for files, standard input, drafts, links
//! and the page.
//!
//! Every way in ends in serde's derive for [`Case`], from a JSON value,
//! through serde_path_to_error so that each problem names its field, and
//! then [`validate`]. What comes as bytes (a file, standard input, a file
//! picked on the page) goes through [`from_bytes`]; text (a draft, the page's
//! state as `JSON.stringify` writes it) through [`from_json`]; a link's case,
//! already a JSON value, through [`from_value`]. The page and the CLI call
//! the same functions, so they accept and refuse exactly the same inputs
//! (`tests/same_answers.mjs` runs a hostile corpus through both).

use super::validate::validate;
use super::{Case, FORMAT_VERSION};
use crate::config;
use crate::error::{from_serde, InputError, InputErrors};

/// The text of a file: UTF-8, with or without the byte-order mark that
/// Windows editors write. UTF-16 (a "Unicode" save in Notepad) and other
/// encodings are refused in plain words rather than read as nonsense.
pub fn text_of(bytes: &[u8]) -> Result<&str, InputError> {
    if bytes.len() > config::MAX_INPUT_BYTES {
        return Err(too_large());
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::new("", "FILE_UTF16"));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| InputError::new("", "FILE_NOT_UTF8").with("byte", e.valid_up_to()))?;
    Ok(text.strip_prefix('\u{FEFF}').unwrap_or(text))
}

fn too_large() -> InputError {
    InputError::new("", "INPUT_TOO_LARGE").with("limit", config::MAX_INPUT_BYTES)
}

/// Reads and checks a case from the bytes of a file.
pub fn from_bytes(bytes: &[u8]) -> Result<Case, InputErrors> {
    from_json(text_of(bytes)?)
}

/// Reads and checks a case from JSON text.
pub fn from_json(text: &str) -> Result<Case, InputErrors> {
    let case = read_json(text)?;
    validate(&case)?;
    Ok(case)
}

/// Reads a case from JSON text without checking its values: for a draft,
/// which is opened as it was typed, its mistakes marked (see `crate::draft`).
pub fn read_json(text: &str) -> Result<Case, InputErrors> {
    read_value(json_value(text)?)
}

/// JSON text as a JSON value: every text is read this way first, so that
/// the page's module holds one reader of each model type (from a JSON value)
/// rather than one per kind of input. As in every browser's `JSON.parse`, a
/// key given twice takes its last value.
pub fn json_value(text: &str) -> Result<serde_json::Value, InputError> {
    if text.len() > config::MAX_INPUT_BYTES {
        return Err(too_large());
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Through serde_path_to_error even here, so that a number too large
    // or a broken text is named at its field (`person.age`).
    let de = &mut serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut *de).map_err(from_serde)?;
    de.end().map_err(|e| crate::error::malformed_json(&e))?;
    Ok(value)
}

/// Reads and checks a case the page built (its state, carried across the
/// bridge by serde-wasm-bindgen as a JSON value).
pub fn from_value(value: serde_json::Value) -> Result<Case, InputErrors> {
    let case = read_value(value)?;
    validate(&case)?;
    Ok(case)
}

/// As [`from_value`], without checking the values.
pub fn read_value(value: serde_json::Value) -> Result<Case, InputErrors> {
    newer(value.get("version"))?;
    serde_path_to_error::deserialize(value).map_err(|e| from_serde(e).into())
}

/// The case as the JSON text a file holds (and `bpa example` prints).
pub fn to_json(case: &Case) -> String {
    // Writing our own types to a string cannot fail (no maps with
    // non-text keys, no failing Serialize): an empty text would be a bug
    // that the round-trip tests catch.
    serde_json::to_string_pretty(case).unwrap_or_default()
}

/// A version above ours: refused before anything else is read.
fn newer(version: Option<&serde_json::Value>) -> Result<(), InputError> {
    match version {
        Some(serde_json::Value::Number(n))
            if n.as_f64().is_some_and(|v| v > f64::from(FORMAT_VERSION)) =>
        {
            Err(newer_version(&n.to_string()))
        }
        _ => Ok(()),
    }
}

/// A case from a newer version of the calculator; `format` as written.
pub fn newer_version(format: &str) -> InputError {
    InputError::new("version", "NEWER_VERSION")
        .with("format", format)
        .with("supported", FORMAT_VERSION)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(r: Result<Case, InputErrors>) -> Vec<(String, String)> {
        match r {
            Ok(_) => vec![],
            Err(e) => {
                e.0.into_iter()
                    .map(|e| (e.text_key(), e.field))
                    .map(|(k, f)| (f, k))
                    .collect()
            }
        }
    }

    #[test]
    fn valid_json_that_is_no_case_is_named_as_such() {
        for text in ["null", "42", "[]", "\"case\"", "true"] {
            assert_eq!(
                codes(from_json(text)),
                [(String::new(), "INVALID_VALUE.expected_object".into())],
                "{text}"
            );
        }
        assert_eq!(
            codes(from_json("{} 2")),
            [(String::new(), "MALFORMED_JSON".into())]
        );
    }

    #[test]
    fn a_byte_order_mark_is_read_and_utf16_refused() {
        assert!(from_bytes(b"\xEF\xBB\xBF{}").is_ok());
        assert_eq!(codes(from_bytes(b"\xFF\xFE{\x00}\x00"))[0].1, "FILE_UTF16");
        assert_eq!(codes(from_bytes(b"{\"a\xC3\"}"))[0].1, "FILE_NOT_UTF8");
    }

    #[test]
    fn huge_numbers_and_lone_surrogates_are_refused_in_words() {
        // A key twice: the last one, as JSON.parse reads it on the page.
        let dup = from_json(r#"{"person": {"age": 3, "age": 4}}"#).unwrap();
        assert_eq!(dup.person.age, Some(4));
        let huge = codes(from_json(
            r#"{"monthly": [{"kind": "leisure", "hours_per_month": 1e400}]}"#,
        ));
        assert_eq!(huge[0].1, "INVALID_VALUE.number_out_of_range");
        let lone = codes(from_json(r#"{"needs": [], "notes": {"goal": "\ud800"}}"#));
        assert_eq!(lone[0].1, "MALFORMED_JSON");
    }

    #[test]
    fn a_newer_version_is_said_with_its_own_number() {
        let e = from_json(r#"{"version": 4294967296, "shoe": 1}"#).unwrap_err();
        assert_eq!(e.0[0].code, "NEWER_VERSION");
        assert_eq!(e.0[0].values["format"], "4294967296");
        assert_eq!(e.0.len(), 1);
    }

    #[test]
    fn deep_nesting_names_the_json_limit() {
        let deep = |n| format!("{{\"needs\": {}{}}}", "[".repeat(n), "]".repeat(n));
        assert_eq!(
            codes(from_json(&deep(2))),
            [("needs[0]".into(), "INVALID_VALUE.expected_object".into())]
        );
        for n in [130, 100_000] {
            let e = from_json(&deep(n)).unwrap_err();
            assert_eq!(e.0[0].text_key(), "INVALID_VALUE.too_deep", "{n}");
            assert_eq!(e.0[0].values["limit"], "128");
        }
    }

    #[test]
    fn a_case_round_trips_through_its_file_text() {
        let case = crate::case::example::seed_week();
        assert_eq!(from_json(&to_json(&case)).unwrap(), case);
    }
}
