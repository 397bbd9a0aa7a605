//! Errors for people: what is wrong, in which field, in plain words.
//!
//! Every problem with input is an [`InputError`] that names the field (as a
//! path such as `needs[2].end`) and the problem as a stable code with a plain
//! English and bokmål message. The page shows them in an error summary that
//! links to the field; the CLI prints them and exits with code 2. Nothing a
//! person types may reach an `unwrap`.

use crate::config;
use crate::hours::number_text;
use crate::map::Map;
use crate::model::{Case, FORMAT_VERSION};
use crate::time::MINUTES_PER_DAY;
use serde::Serialize;
use std::fmt;

/// One problem with the input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InputError {
    /// Where: `person.age`, `needs[2].end`, or `` for the whole input.
    pub field: String,
    /// What, as a stable code (`END_BEFORE_START`, `TOO_MANY_NEEDS`, …).
    pub code: &'static str,
    /// The problem in plain bokmål, for the CLI and as the page's fallback.
    pub message_nb: String,
    /// The problem in plain English.
    pub message_en: String,
    /// The values in the message by name (`limit`, `start`, `end`, …), so
    /// the page can show the catalogue text `error.CODE` (with `{limit}`
    /// and so on filled in) in any language, not only these two.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub values: Map<&'static str, String>,
}

impl InputError {
    pub fn new(field: impl Into<String>, code: &'static str, nb: String, en: String) -> Self {
        InputError {
            field: field.into(),
            code,
            message_nb: nb,
            message_en: en,
            values: Map::new(),
        }
    }

    /// The same error with one more value for the catalogue text.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.values.insert(name, value.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message_en)
        } else {
            write!(f, "{}: {}", self.field, self.message_en)
        }
    }
}

/// All problems found, in the order of the fields.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
/// message ("unknown variant `walk`, expected one of …") is put into plain
/// bokmål and English by [`plain_words`].
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
/// input) as an [`InputError`] in plain bokmål and English.
pub fn read_error(path: String, wrong: Wrong) -> InputError {
    // serde's messages quote a name in backticks, so the CLI reads a name
    // up to its first backtick; the page's readers do the same, so that a
    // file and the page word even such a name alike.
    let upto_backtick = |s: String| match s.split_once('`') {
        Some((head, _)) => head.to_string(),
        None => s,
    };
    let wrong = match wrong {
        Wrong::UnknownField(n) => Wrong::UnknownField(upto_backtick(n)),
        Wrong::DuplicateField(n) => Wrong::DuplicateField(upto_backtick(n)),
        Wrong::UnknownVariant { value, choices } => Wrong::UnknownVariant {
            value: upto_backtick(value),
            choices,
        },
        other => other,
    };
    let mut field = if path == "." { String::new() } else { path };
    // A missing field is named by its own path, not its parent's.
    if let Wrong::MissingField(name) = &wrong {
        field = if field.is_empty() {
            name.clone()
        } else {
            field + "." + name
        };
    }
    let plain = plain(wrong);
    let mut e =
        InputError::new(field, "INVALID_VALUE", plain.nb, plain.en).with("shape", plain.shape);
    e.values.extend(plain.values);
    e
}

/// A serde message in plain words. `shape` says which kind of problem it is
/// (`unknown_variant`, `missing_field`, `expected_number`, …): the page's
/// catalogue text is `error.INVALID_VALUE.<shape>`, filled in from `values`.
struct Plain {
    nb: String,
    en: String,
    shape: &'static str,
    values: Vec<(&'static str, String)>,
}

/// serde's messages in plain words, bokmål and English (see [`plain`]).
#[cfg(test)]
fn plain_words(serde_message: &str) -> Plain {
    plain(wrong_of(serde_message))
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

/// A problem in plain words, bokmål and English: what a person needs to
/// read to write the right thing instead.
fn plain(wrong: Wrong) -> Plain {
    let plain = |nb: String, en: String, shape, values: Vec<(&'static str, String)>| Plain {
        nb,
        en,
        shape,
        values,
    };
    match wrong {
        Wrong::UnknownVariant { value, choices } => plain(
            format!("«{value}» er ikke et av valgene her. Gyldige valg: {choices}."),
            format!("\"{value}\" is not one of the choices here. Valid choices: {choices}."),
            "unknown_variant",
            vec![("value", value), ("choices", choices)],
        ),
        Wrong::UnknownField(name) => plain(
            format!("Feltet «{name}» er ukjent. Sjekk stavemåten, eller om filen er laget av en annen versjon."),
            format!("The field \"{name}\" is unknown. Check the spelling, or whether another version made the file."),
            "unknown_field",
            vec![("name", name)],
        ),
        Wrong::MissingField(name) => plain(
            format!("Feltet «{name}» mangler."),
            format!("The field \"{name}\" is missing."),
            "missing_field",
            vec![("name", name)],
        ),
        Wrong::DuplicateField(name) => plain(
            format!("Feltet «{name}» står to ganger."),
            format!("The field \"{name}\" appears twice."),
            "duplicate_field",
            vec![("name", name)],
        ),
        Wrong::Expected(expected) => {
            let (nb, en, shape) = expected_in_words(&expected);
            plain(
                format!("Verdien passer ikke her: her skal det stå {nb}."),
                format!("The value does not fit here: it should be {en}."),
                shape,
                vec![],
            )
        }
        Wrong::BadTime(value) => plain(
            format!("«{value}» er ikke et klokkeslett. Skriv det som TT:MM, fra 00:00 til 24:00."),
            format!("\"{value}\" is not a time of day. Write it as HH:MM, from 00:00 to 24:00."),
            "bad_time",
            vec![("value", value)],
        ),
        Wrong::BadDate(value) => plain(
            format!(
                "«{value}» er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, for eksempel 2026-11-23."
            ),
            format!("\"{value}\" is not a date. Write it as YYYY-MM-DD, for example 2026-11-23."),
            "bad_date",
            vec![("value", value)],
        ),
        Wrong::TooDeep => {
            let limit = config::MAX_PROFILE_DEPTH.to_string();
            plain(
                format!("Verdiene ligger for dypt inni hverandre: høyst {limit} nivåer godtas."),
                format!("The values are nested too deep: at most {limit} levels are accepted."),
                "too_deep",
                vec![("limit", limit)],
            )
        }
        Wrong::Other(msg) => plain(
            format!("Verdien kan ikke leses: {msg}"),
            format!("This value cannot be read: {msg}"),
            "other",
            vec![("detail", msg)],
        ),
    }
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

/// What serde expected ("i64", "a sequence"), in words for people, and as
/// the shape of the problem (`expected_…`).
fn expected_in_words(expected: &str) -> (&'static str, &'static str, &'static str) {
    let e = expected.trim();
    if ["u8", "u16", "u32", "u64"].contains(&e) {
        (
            "et helt tall, 0 eller mer",
            "a whole number, 0 or more",
            "expected_whole_number_from_0",
        )
    } else if ["i8", "i16", "i32", "i64"].contains(&e) {
        ("et helt tall", "a whole number", "expected_whole_number")
    } else if ["f32", "f64"].contains(&e) {
        ("et tall", "a number", "expected_number")
    } else if has(e, "bool") {
        (
            "true eller false",
            "true or false",
            "expected_true_or_false",
        )
    } else if has(e, "sequence") {
        ("en liste [ … ]", "a list [ … ]", "expected_list")
    } else if has(e, "str") || has(e, "char") {
        ("tekst i anførselstegn", "text in quotes", "expected_text")
    } else if has(e, "struct") || has(e, "map") {
        ("et objekt { … }", "an object { … }", "expected_object")
    } else {
        (
            "en annen type verdi",
            "another kind of value",
            "expected_other",
        )
    }
}

/// Text that is not JSON at all (a case file or a profile), with the line
/// and column where it broke, so a person can find the spot.
#[cfg(feature = "cli")]
pub fn malformed_json(e: &serde_json::Error) -> InputError {
    InputError::new(
        "",
        "MALFORMED_JSON",
        format!(
            "Filen er ikke gyldig JSON (linje {}, kolonne {}).",
            e.line(),
            e.column()
        ),
        format!(
            "The file is not valid JSON (line {}, column {}).",
            e.line(),
            e.column()
        ),
    )
    .with("line", e.line().to_string())
    .with("column", e.column().to_string())
}

/// A case from a newer version of the calculator.
pub fn newer_version(v: u32) -> InputError {
    InputError::new(
        "version",
        "NEWER_VERSION",
        format!(
            "Denne filen er laget med en nyere versjon av kalkulatoren (format {v}); denne versjonen leser format {FORMAT_VERSION}. Oppdater siden og prøv igjen."
        ),
        format!(
            "This file was made by a newer version of the calculator (format {v}); this version reads format {FORMAT_VERSION}. Reload the page and try again."
        ),
    )
    .with("format", v.to_string())
    .with("supported", FORMAT_VERSION.to_string())
}

/// Checks what serde cannot: ranges, times that make sense, sizes.
/// Returns every problem found, not just the first, so a person can fix all at once.
pub fn validate(case: &Case) -> Result<(), InputErrors> {
    let mut errs = Vec::new();
    // Each problem with the values its message names, for `error.CODE`.
    let mut push =
        |field: String, code, nb: String, en: String, values: &[(&'static str, String)]| {
            let mut e = InputError::new(field, code, nb, en);
            e.values.extend(values.iter().cloned());
            errs.push(e)
        };

    if case.version > FORMAT_VERSION {
        return Err(newer_version(case.version).into());
    }
    if case.version == 0 {
        push(
            "version".into(),
            "BAD_VERSION",
            "Ukjent formatversjon 0.".into(),
            "Unknown format version 0.".into(),
            &[],
        );
    }
    if let Some(age) = case.person.age {
        if age < 0 {
            push(
                "person.age".into(),
                "NEGATIVE_AGE",
                format!("Alderen kan ikke være negativ ({age})."),
                format!("Age cannot be negative ({age})."),
                &[("age", age.to_string())],
            );
        } else if age > config::MAX_AGE {
            push(
                "person.age".into(),
                "AGE_TOO_HIGH",
                format!(
                    "Alderen {age} er høyere enn {}. Sjekk tallet.",
                    config::MAX_AGE
                ),
                format!("Age {age} is above {}. Check the number.", config::MAX_AGE),
                &[
                    ("age", age.to_string()),
                    ("limit", config::MAX_AGE.to_string()),
                ],
            );
        }
    }
    if case.person.current_services.len() > config::MAX_CURRENT_SERVICES {
        push(
            "person.current_services".into(),
            "TOO_MANY",
            format!(
                "For mange tjenester i listen: høyst {}.",
                config::MAX_CURRENT_SERVICES
            ),
            format!(
                "Too many services in the list: at most {}.",
                config::MAX_CURRENT_SERVICES
            ),
            &[("limit", config::MAX_CURRENT_SERVICES.to_string())],
        );
    }
    if case.needs.len() > config::MAX_NEEDS {
        push(
            "needs".into(),
            "TOO_MANY_NEEDS",
            format!(
                "Det er {} behov; det høyeste tallet som godtas er {}.",
                case.needs.len(),
                config::MAX_NEEDS
            ),
            format!(
                "There are {} needs; at most {} are accepted.",
                case.needs.len(),
                config::MAX_NEEDS
            ),
            &[
                ("count", case.needs.len().to_string()),
                ("limit", config::MAX_NEEDS.to_string()),
            ],
        );
        return Err(InputErrors(errs));
    }
    for (i, n) in case.needs.iter().enumerate() {
        let f = |name: &str| format!("needs[{i}].{name}");
        if n.days.is_empty() {
            push(
                f("days"),
                "NO_DAYS",
                "Velg minst én dag.".into(),
                "Choose at least one day.".into(),
                &[],
            );
        }
        let (s, e) = (n.start.minutes(), n.end.minutes());
        if s >= MINUTES_PER_DAY {
            push(
                f("start"),
                "START_AT_MIDNIGHT_END",
                "Starttid kan ikke være 24:00; skriv 00:00.".into(),
                "A start time cannot be 24:00; write 00:00.".into(),
                &[],
            );
        } else if n.crosses_midnight {
            if e > s || e >= MINUTES_PER_DAY {
                push(f("end"), "NOT_PAST_MIDNIGHT",
                    format!("Behovet er merket «over midnatt», men slutter {} etter at det starter {} samme dag.", n.end, n.start),
                    format!("The need is marked \"past midnight\" but ends at {} after it starts at {} the same day.", n.end, n.start), &[("start", n.start.to_string()), ("end", n.end.to_string())]);
            }
        } else if e < s {
            push(f("end"), "END_BEFORE_START",
                format!("Sluttid {} er før starttid {}. Går hjelpen over midnatt, kryss av for «over midnatt».", n.end, n.start),
                format!("End {} is before start {}. If the help goes past midnight, tick \"past midnight\".", n.end, n.start), &[("start", n.start.to_string()), ("end", n.end.to_string())]);
        } else if e == s {
            push(
                f("end"),
                "ZERO_LENGTH",
                format!(
                    "Start og slutt er begge {}: behovet varer ingen tid.",
                    n.start
                ),
                format!(
                    "Start and end are both {}: the need lasts no time.",
                    n.start
                ),
                &[("start", n.start.to_string())],
            );
        }
        if n.helpers == 0 || n.helpers > config::MAX_HELPERS {
            push(
                f("helpers"),
                "HELPERS_RANGE",
                format!("Antall hjelpere må være fra 1 til {}.", config::MAX_HELPERS),
                format!(
                    "The number of helpers must be from 1 to {}.",
                    config::MAX_HELPERS
                ),
                &[("limit", config::MAX_HELPERS.to_string())],
            );
        }
        if crate::char_count(&n.label) > config::MAX_LABEL_CHARS {
            push(
                f("label"),
                "LABEL_TOO_LONG",
                format!("Teksten er lengre enn {} tegn.", config::MAX_LABEL_CHARS),
                format!(
                    "The text is longer than {} characters.",
                    config::MAX_LABEL_CHARS
                ),
                &[("limit", config::MAX_LABEL_CHARS.to_string())],
            );
        }
    }
    if case.monthly.len() > config::MAX_MONTHLY {
        push(
            "monthly".into(),
            "TOO_MANY_MONTHLY",
            format!("Høyst {} månedlige behov godtas.", config::MAX_MONTHLY),
            format!(
                "At most {} monthly needs are accepted.",
                config::MAX_MONTHLY
            ),
            &[("limit", config::MAX_MONTHLY.to_string())],
        );
    } else {
        for (i, m) in case.monthly.iter().enumerate() {
            let h = m.hours_per_month;
            if !h.is_finite() || !(0.0..=config::MAX_HOURS_PER_MONTH).contains(&h) {
                let max = number_text(config::MAX_HOURS_PER_MONTH);
                push(
                    format!("monthly[{i}].hours_per_month"),
                    "HOURS_RANGE",
                    format!("Timer per måned må være fra 0 til {max}."),
                    format!("Hours per month must be from 0 to {max}."),
                    &[("limit", max.clone())],
                );
            }
            if crate::char_count(&m.label) > config::MAX_LABEL_CHARS {
                push(
                    format!("monthly[{i}].label"),
                    "LABEL_TOO_LONG",
                    format!("Teksten er lengre enn {} tegn.", config::MAX_LABEL_CHARS),
                    format!(
                        "The text is longer than {} characters.",
                        config::MAX_LABEL_CHARS
                    ),
                    &[("limit", config::MAX_LABEL_CHARS.to_string())],
                );
            }
        }
    }
    if let Some(w) = case.settings.night {
        if w.start.minutes() >= MINUTES_PER_DAY
            || w.end.minutes() >= MINUTES_PER_DAY
            || w.start == w.end
        {
            push(
                "settings.night".into(),
                "BAD_NIGHT",
                "Nattvinduet må ha ulik start og slutt, mellom 00:00 og 23:59.".into(),
                "The night window needs a different start and end, between 00:00 and 23:59.".into(),
                &[],
            );
        }
    }
    for (name, text) in case.notes.fields() {
        if crate::char_count(text) > config::MAX_NOTE_CHARS {
            push(
                format!("notes.{name}"),
                "NOTE_TOO_LONG",
                format!("Teksten er lengre enn {} tegn.", config::MAX_NOTE_CHARS),
                format!(
                    "The text is longer than {} characters.",
                    config::MAX_NOTE_CHARS
                ),
                &[("limit", config::MAX_NOTE_CHARS.to_string())],
            );
        }
    }
    if let Some(lang) = &case.settings.lang {
        if lang.len() > 8 {
            push(
                "settings.lang".into(),
                "BAD_LANG",
                "Ukjent språk.".into(),
                "Unknown language.".into(),
                &[],
            );
        }
    }
    if let Some(m) = &case.settings.municipality {
        if m.len() > 64 {
            push(
                "settings.municipality".into(),
                "BAD_MUNICIPALITY",
                "Ukjent kommune.".into(),
                "Unknown municipality.".into(),
                &[],
            );
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
            let Plain {
                nb: got_nb,
                en: got_en,
                ..
            } = plain_words(serde);
            assert_eq!(got_nb, nb, "{serde}");
            assert!(
                !got_en.is_empty() && !got_en.contains(" at line "),
                "{got_en}"
            );
        }
    }
}
