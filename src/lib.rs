//! # BPA-kalkulator
//!
//! Estimates whether a person likely has the right to have their help
//! organised as brukerstyrt personlig assistanse (BPA) under pasient- og
//! brukerrettighetsloven § 2-1 d, why, and which documents to submit.
//!
//! Read top-down:
//! - [`model`]: the input, a person and a week of needs (the JSON the page
//!   saves and shares, and the CLI reads);
//! - [`law`]: the law as dated data from `src/law/bpa.toml`;
//! - [`hours`]: counting the hours that count, and those left out and why;
//! - [`rules`]: reasons with statuses, and the verdict that follows;
//! - [`items`]: documents, alternatives and next steps as data, chosen by
//!   conditions on the answers;
//! - [`profile`]: municipality profiles (form, contact, processing time,
//!   their own items), one JSON file each in `www/profiles/`;
//! - [`assess`]: the one function that ties them together;
//! - [`error`] and [`config`]: errors for people and limits against hostile input.
//!
//! It is an estimate ("du har trolig rett"), never a decision: only the
//! municipality decides.

pub mod assess;
pub mod config;
pub mod error;
pub mod example;
pub mod hours;
pub mod items;
pub mod json;
pub mod law;
pub mod link;
pub mod map;
pub mod model;
pub mod profile;
pub mod reader;
#[cfg(feature = "cli")]
pub mod report;
pub mod rules;
pub mod time;

#[cfg(feature = "wasm")]
pub mod wasm;

pub use assess::{assess, assess_with_profile, Assessment};
pub use error::{InputError, InputErrors};
pub use hours::{Cause, WeeklyHours};
pub use law::Law;
pub use model::{Case, Need, NeedKind, Person, Place};
pub use profile::Profile;
pub use rules::{Reason, Status, Verdict};

/// Reads a case from JSON text, with errors that name the field.
#[cfg(feature = "cli")]
pub fn parse_case_json(text: &str) -> Result<Case, InputErrors> {
    if text.len() > config::MAX_INPUT_BYTES {
        return Err(InputError::new("", "INPUT_TOO_LARGE")
            .with("limit", config::MAX_INPUT_BYTES.to_string())
            .into());
    }
    // Read the version first, so that a file from a newer version gets a
    // plain "made by a newer version" rather than a list of unknown fields.
    #[derive(serde::Deserialize)]
    struct VersionOnly {
        #[serde(default)]
        version: Option<serde_json::Value>,
    }
    match serde_json::from_str::<VersionOnly>(text) {
        Err(e) => return Err(error::malformed_json(&e).into()),
        Ok(VersionOnly { version: Some(v) }) => {
            if let Some(n) = v.as_u64().filter(|n| *n > u64::from(model::FORMAT_VERSION)) {
                return Err(error::newer_version(u32::try_from(n).unwrap_or(u32::MAX)).into());
            }
        }
        Ok(_) => {}
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    let case: Case = serde_path_to_error::deserialize(de).map_err(error::from_serde)?;
    error::validate(&case)?;
    Ok(case)
}

/// Today's date from the system clock (UTC), for the CLI.
#[cfg(feature = "cli")]
pub fn today() -> time::Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    time::Date::from_unix_days((secs / 86_400) as i64)
}

/// The number of characters (Unicode scalar values) in a text, as limits
/// such as "at most 200 characters" count them; the same as
/// `s.chars().count()`. Why not that: the standard library's fast counter is
/// close to 1 KB of the page's WebAssembly, for texts of a few hundred
/// bytes. A `&str` is valid UTF-8, so every byte that is not a continuation
/// byte (`0b10xx_xxxx`) starts exactly one character.
pub(crate) fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    #[test]
    fn char_count_counts_characters_not_bytes() {
        for s in ["", "a", "é", "Stå opp", "ÆØÅ 😀 \u{10FFFF} \u{800}x"] {
            assert_eq!(super::char_count(s), s.chars().count(), "{s}");
        }
    }
}
