//! Municipality profiles (kommuneprofiler): what differs between
//! municipalities, as data.
//!
//! The law is the same everywhere, but each municipality has its own
//! application form, contact page, stated processing time, sometimes
//! documents it asks for or a night window it uses. A profile holds those,
//! one JSON file per municipality in `www/profiles/<id>.json`: the page
//! fetches the file and passes it to the engine, and the CLI has them
//! compiled in. A profile never changes the rules of the law; it adds the
//! municipality's own items ([`crate::items`]) and addresses.
//!
//! A profile is read in two steps: serde reads the file as written (a
//! misspelt field or wrong value is named by its path), then [`check`]
//! checks what serde cannot (https addresses, text lengths, the conditions,
//! that every item cites one of the profile's sources) and gives the
//! checked [`Profile`]. Every problem is an [`InputError`] naming the field.
//!
//! The file, with every field but `id` optional:
//!
//! ```json
//! {
//!   "format": 1,
//!   "id": "oslo",
//!   "name": "Oslo kommune",
//!   "contact": "https://www.oslo.kommune.no/…/brukerstyrt-personlig-assistanse-bpa/",
//!   "form": "https://www.oslo.kommune.no/…/sok-helse-og-omsorgstjenester/",
//!   "processing_time": { "days": 14, "text": { "nb": "…", "nn": "…", "en": "…" }, "sources": ["oslo-sok"] },
//!   "night": { "start": "23:00", "end": "07:00" },
//!   "accent": "#2a2859",
//!   "sources": [ { "id": "oslo-sok", "title": "…", "url": "https://…" } ],
//!   "items": [ { "code": "OSLO_SEND_TO_BYDEL", "kind": "next_step", "when": "always",
//!                "text": { "nb": "…", "nn": "…", "en": "…" }, "link": "https://…", "sources": ["oslo-sok"] } ]
//! }
//! ```

use crate::config;
use crate::error::{from_serde, InputError, InputErrors};
use crate::hours::number_text;
use crate::items::{Condition, ItemKind, OwnNote};
use crate::law::Law;
use crate::model::{Answer, Applicant, Arbeidsleder, NeedKind, NightWindow, Place};
use crate::rules::{Status, Verdict};
use crate::time::MINUTES_PER_DAY;
use serde::{de, Deserialize, Deserializer, Serialize};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The profile format this version reads.
pub const PROFILE_FORMAT: u32 = 1;

/// The id of the neutral profile: no municipality.
pub const NEUTRAL_ID: &str = "default";

/// A text per language code ("nb", "nn", "en"; "se" may follow). Bokmål is
/// always there: the page falls back to it for a language a profile lacks.
pub type Texts = BTreeMap<String, String>;

/// A municipality profile, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// Lowercase letters, digits and `-`: the file name and `?kommune=`.
    pub id: String,
    /// The municipality's name ("Oslo kommune"); none for the neutral profile.
    pub name: Option<String>,
    /// Its page on BPA, or where to ask.
    pub contact: Option<String>,
    /// Its application form (søknadsskjema).
    pub form: Option<String>,
    /// How long it says it takes to answer (saksbehandlingstid).
    pub processing_time: Option<ProcessingTime>,
    /// Its night window, used when the case sets none.
    pub night: Option<NightWindow>,
    /// A colour for the page's accents, `#rrggbb`, readable as a background
    /// behind white text (contrast at least 4.5:1).
    pub accent: Option<String>,
    /// The municipality's pages the profile rests on.
    pub sources: Vec<ProfileSource>,
    /// Its own documents, alternatives and next steps.
    pub items: Vec<ProfileItem>,
}

/// The stated processing time, in days and/or words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessingTime {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Texts>,
    /// Ids of the profile's sources that state it.
    pub sources: Vec<String>,
}

/// One of the municipality's pages a profile rests on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileSource {
    pub id: String,
    pub title: String,
    pub url: String,
}

/// One of the municipality's own items, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileItem {
    pub code: String,
    pub kind: ItemKind,
    pub when: Condition,
    pub text: Texts,
    pub link: Option<String>,
    /// Ids of the profile's sources.
    pub sources: Vec<String>,
}

impl Profile {
    /// The neutral profile: no municipality, so no form, contact or items.
    /// The page then says "ask your municipality".
    pub fn neutral() -> Profile {
        Profile {
            id: NEUTRAL_ID.to_string(),
            name: None,
            contact: None,
            form: None,
            processing_time: None,
            night: None,
            accent: None,
            sources: Vec::new(),
            items: Vec::new(),
        }
    }

    pub fn is_neutral(&self) -> bool {
        self.id == NEUTRAL_ID
    }
}

// ------------------------------------------------------------------------
// The file as written
// ------------------------------------------------------------------------

fn format_one() -> u32 {
    PROFILE_FORMAT
}

/// A profile as written, before [`check`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    #[serde(default = "format_one")]
    format: u32,
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    contact: Option<String>,
    #[serde(default)]
    form: Option<String>,
    #[serde(default)]
    processing_time: Option<ProcessingTime>,
    #[serde(default)]
    night: Option<NightWindow>,
    #[serde(default)]
    accent: Option<String>,
    #[serde(default)]
    sources: Vec<ProfileSource>,
    #[serde(default)]
    items: Vec<ItemFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFile {
    code: String,
    kind: ItemKind,
    when: RawCondition,
    text: Texts,
    #[serde(default)]
    link: Option<String>,
    sources: Vec<String>,
}

/// A condition as written: `"always"`, `"never"`, or an object of tests
/// that [`check_condition`] turns into a [`Condition`] (exactly one test).
#[derive(Debug)]
enum RawCondition {
    Word(String),
    Tests(Box<RawTests>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTests {
    any: Option<Vec<RawCondition>>,
    all: Option<Vec<RawCondition>>,
    not: Option<RawCondition>,
    kind: Option<NeedKind>,
    place: Option<Place>,
    applicant: Option<Applicant>,
    arbeidsleder: Option<Arbeidsleder>,
    long_lasting: Option<Answer>,
    child: Option<bool>,
    adult: Option<bool>,
    likely_right: Option<bool>,
    verdict: Option<Verdict>,
    has_current_services: Option<bool>,
    reason: Option<String>,
    status: Option<Vec<Status>>,
}

thread_local! {
    /// How deep the condition being read is nested. serde reads nested
    /// conditions by recursion, so a hostile file of thousands of nested
    /// `{"not": …}` would overflow the stack (an abort in the page) before
    /// any check ran; reading stops at [`config::MAX_CONDITION_DEPTH`].
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Counts one level of nesting while a condition is read.
struct Nesting;

impl Nesting {
    fn enter() -> Option<Nesting> {
        DEPTH.with(|d| {
            (d.get() < config::MAX_CONDITION_DEPTH).then(|| {
                d.set(d.get() + 1);
                Nesting
            })
        })
    }
}

impl Drop for Nesting {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// The start of serde's message for a condition nested too deep; the
/// error module puts it in plain words.
pub const TOO_DEEP: &str = "conditions nested deeper than";

impl<'de> Deserialize<'de> for RawCondition {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> de::Visitor<'de> for Visit {
            type Value = RawCondition;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string \"always\" or \"never\", or a map of one test")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawCondition, E> {
                Ok(RawCondition::Word(s.to_string()))
            }
            fn visit_map<M: de::MapAccess<'de>>(self, map: M) -> Result<RawCondition, M::Error> {
                let tests = RawTests::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawCondition::Tests(Box::new(tests)))
            }
        }
        let Some(_level) = Nesting::enter() else {
            return Err(de::Error::custom(format!(
                "{TOO_DEEP} {} levels",
                config::MAX_CONDITION_DEPTH
            )));
        };
        d.deserialize_any(Visit)
    }
}

// ------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------

/// Reads a profile from any serde source (the page's JS object, JSON text).
pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Profile, InputErrors> {
    let file: ProfileFile = serde_path_to_error::deserialize(d).map_err(from_serde)?;
    check(file, &Law::embedded())
}

/// Reads a profile from JSON text, with errors that name the field.
#[cfg(feature = "cli")]
pub fn parse_json(text: &str) -> Result<Profile, InputErrors> {
    if text.len() > config::MAX_PROFILE_BYTES {
        return Err(InputError::new(
            "",
            "INPUT_TOO_LARGE",
            format!(
                "Profilen er for stor (over {} byte).",
                config::MAX_PROFILE_BYTES
            ),
            format!(
                "The profile is too large (over {} bytes).",
                config::MAX_PROFILE_BYTES
            ),
        )
        .with("limit", config::MAX_PROFILE_BYTES.to_string())
        .into());
    }
    read(&mut serde_json::Deserializer::from_str(text))
}

/// The profiles shipped in `www/profiles/`, compiled into the CLI: (id, JSON).
/// A test checks that every file there is listed here.
#[cfg(feature = "cli")]
pub const SHIPPED: [(&str, &str); 5] = [
    ("default", include_str!("../www/profiles/default.json")),
    ("oslo", include_str!("../www/profiles/oslo.json")),
    ("bergen", include_str!("../www/profiles/bergen.json")),
    ("steinkjer", include_str!("../www/profiles/steinkjer.json")),
    ("gulen", include_str!("../www/profiles/gulen.json")),
];

/// A shipped profile by id: `None` when there is none by that name.
#[cfg(feature = "cli")]
pub fn shipped(id: &str) -> Option<Result<Profile, InputErrors>> {
    SHIPPED
        .iter()
        .find(|(name, _)| *name == id)
        .map(|(_, text)| parse_json(text))
}

// ------------------------------------------------------------------------
// Checking
// ------------------------------------------------------------------------

/// Collects problems with their fields, in nb and en, with values.
struct Problems(Vec<InputError>);

impl Problems {
    fn push(
        &mut self,
        field: impl Into<String>,
        code: &'static str,
        nb: String,
        en: String,
    ) -> &mut InputError {
        self.0.push(InputError::new(field, code, nb, en));
        let last = self.0.len() - 1;
        &mut self.0[last]
    }

    fn too_long(&mut self, field: &str, text: &str, limit: usize) {
        if text.chars().count() > limit {
            let e = self.push(
                field,
                "TEXT_TOO_LONG",
                format!("Teksten er lengre enn {limit} tegn."),
                format!("The text is longer than {limit} characters."),
            );
            e.values.insert("limit", limit.to_string());
        }
    }

    fn text(&mut self, field: &str, text: &str, limit: usize) {
        if text.trim().is_empty() {
            self.push(
                field,
                "TEXT_EMPTY",
                "Teksten er tom.".into(),
                "The text is empty.".into(),
            );
        }
        self.too_long(field, text, limit);
    }

    fn url(&mut self, field: &str, url: &str) {
        if !https_url(url) {
            self.push(
                field,
                "URL_NOT_HTTPS",
                "Adressen må være en hel https-adresse (https://…), uten mellomrom.".into(),
                "The address must be a whole https address (https://…), without spaces.".into(),
            );
        }
        self.too_long(field, url, config::MAX_PROFILE_URL_CHARS);
    }

    fn texts(&mut self, field: &str, texts: &Texts) {
        if !texts.contains_key("nb") {
            self.push(
                field,
                "TEXTS_NEED_NB",
                "Teksten må finnes på bokmål («nb»).".into(),
                "The text must be given in bokmål (\"nb\").".into(),
            );
        }
        if texts.len() > config::MAX_PROFILE_LANGUAGES {
            self.too_many(field, config::MAX_PROFILE_LANGUAGES);
        }
        for (lang, text) in texts {
            let at = format!("{field}.{lang}");
            if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
                self.push(
                    at.as_str(),
                    "BAD_LANG_CODE",
                    "Språkkoden må være to eller tre små bokstaver, som «nb», «nn» eller «en».".into(),
                    "The language code must be two or three lowercase letters, such as \"nb\", \"nn\" or \"en\".".into(),
                );
            }
            self.text(&at, text, config::MAX_PROFILE_TEXT_CHARS);
        }
    }

    fn too_many(&mut self, field: &str, limit: usize) {
        let e = self.push(
            field,
            "PROFILE_TOO_MANY",
            format!("Listen er for lang: høyst {limit} godtas."),
            format!("The list is too long: at most {limit} are accepted."),
        );
        e.values.insert("limit", limit.to_string());
    }

    fn sources(&mut self, field: &str, ids: &[String], known: &BTreeSet<&str>) {
        if ids.is_empty() {
            self.push(
                field,
                "NO_SOURCE",
                "Oppgi minst én kilde: id-en til en av profilens kilder.".into(),
                "Name at least one source: the id of one of the profile's sources.".into(),
            );
        }
        for (i, id) in ids.iter().enumerate() {
            if !known.contains(id.as_str()) {
                let e = self.push(
                    format!("{field}[{i}]"),
                    "UNKNOWN_SOURCE",
                    format!("«{id}» er ikke en av profilens kilder (sources)."),
                    format!("\"{id}\" is not one of the profile's sources."),
                );
                e.values.insert("source", id.clone());
            }
        }
    }
}

/// A whole https address: `https://`, a host with a dot, no spaces, quotes
/// or angle brackets (it goes into the page's links and the printout).
pub fn https_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && url
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`'))
}

/// An id: lowercase letters, digits and `-`, starting with a letter.
fn is_id(s: &str) -> bool {
    let mut b = s.bytes();
    b.next().is_some_and(|c| c.is_ascii_lowercase())
        && b.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        && s.len() <= config::MAX_PROFILE_ID_CHARS
}

/// An item code: capital letters, digits and `_`, starting with a letter.
fn is_code(s: &str) -> bool {
    let mut b = s.bytes();
    b.next().is_some_and(|c| c.is_ascii_uppercase())
        && b.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
        && s.len() <= config::MAX_PROFILE_ID_CHARS
}

/// `#rrggbb` as red, green and blue.
fn hex_colour(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#').filter(|h| h.len() == 6)?;
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// The contrast of a colour against white (WCAG 2.1 relative luminance):
/// white text on the accent must reach 4.5:1 (success criterion 1.4.3).
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            power_2_4((c + 0.055) / 1.055)
        }
    };
    let l = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    1.05 / (l + 0.05)
}

/// `x` to the power 2.4 for `x` in 0..=1, as the fifth root of `x^12` by
/// Newton's method. Why not `powf`: it would bring a general `pow` into the
/// page's WebAssembly for this one check.
fn power_2_4(x: f64) -> f64 {
    let x2 = x * x;
    let x4 = x2 * x2;
    let t = x4 * x4 * x4;
    if t <= 0.0 {
        return 0.0;
    }
    // From x^2, at or above the root for x <= 1: Newton then falls to it.
    let mut y = x2;
    for _ in 0..60 {
        let y4 = (y * y) * (y * y);
        let next = (4.0 * y + t / y4) / 5.0;
        if next >= y {
            break;
        }
        y = next;
    }
    y
}

/// The lowest contrast of the accent against white that is accepted.
pub const MIN_ACCENT_CONTRAST: f64 = 4.5;

/// Checks a profile as written and gives the checked profile, or every
/// problem found, each naming its field.
pub fn check(file: ProfileFile, law: &Law) -> Result<Profile, InputErrors> {
    let mut p = Problems(Vec::new());
    if file.format > PROFILE_FORMAT {
        let e = p.push(
            "format",
            "PROFILE_FORMAT_NEWER",
            format!("Profilen er laget for en nyere versjon av kalkulatoren (format {}); denne versjonen leser format {PROFILE_FORMAT}.", file.format),
            format!("The profile is made for a newer version of the calculator (format {}); this version reads format {PROFILE_FORMAT}.", file.format),
        );
        e.values.insert("format", file.format.to_string());
        e.values.insert("supported", PROFILE_FORMAT.to_string());
        return Err(InputErrors(p.0));
    }
    if !is_id(&file.id) {
        let e = p.push(
            "id",
            "PROFILE_BAD_ID",
            format!("Id-en må være små bokstaver, tall og bindestrek, høyst {} tegn, og begynne med en bokstav (som «oslo»).", config::MAX_PROFILE_ID_CHARS),
            format!("The id must be lowercase letters, digits and hyphens, at most {} characters, starting with a letter (such as \"oslo\").", config::MAX_PROFILE_ID_CHARS),
        );
        e.values
            .insert("limit", config::MAX_PROFILE_ID_CHARS.to_string());
    }
    if let Some(name) = &file.name {
        p.text("name", name, config::MAX_PROFILE_NAME_CHARS);
    }
    for (field, url) in [("contact", &file.contact), ("form", &file.form)] {
        if let Some(url) = url {
            p.url(field, url);
        }
    }

    if file.sources.len() > config::MAX_PROFILE_SOURCES {
        p.too_many("sources", config::MAX_PROFILE_SOURCES);
    }
    let mut source_ids = BTreeSet::new();
    for (i, s) in file.sources.iter().enumerate() {
        let at = |f: &str| format!("sources[{i}].{f}");
        if !is_id(&s.id) {
            let e = p.push(
                at("id"),
                "PROFILE_BAD_ID",
                format!("Id-en må være små bokstaver, tall og bindestrek, høyst {} tegn, og begynne med en bokstav.", config::MAX_PROFILE_ID_CHARS),
                format!("The id must be lowercase letters, digits and hyphens, at most {} characters, starting with a letter.", config::MAX_PROFILE_ID_CHARS),
            );
            e.values
                .insert("limit", config::MAX_PROFILE_ID_CHARS.to_string());
        }
        if !source_ids.insert(s.id.as_str()) {
            duplicate(&mut p, &at("id"), &s.id);
        }
        p.text(&at("title"), &s.title, config::MAX_PROFILE_NAME_CHARS);
        p.url(&at("url"), &s.url);
    }

    if let Some(t) = &file.processing_time {
        if let Some(days) = t.days {
            if !(1..=config::MAX_PROCESSING_DAYS).contains(&days) {
                let e = p.push(
                    "processing_time.days",
                    "DAYS_RANGE",
                    format!(
                        "Antall dager må være fra 1 til {}.",
                        config::MAX_PROCESSING_DAYS
                    ),
                    format!(
                        "The number of days must be from 1 to {}.",
                        config::MAX_PROCESSING_DAYS
                    ),
                );
                e.values
                    .insert("limit", config::MAX_PROCESSING_DAYS.to_string());
            }
        }
        match &t.text {
            Some(text) => p.texts("processing_time.text", text),
            None if t.days.is_none() => {
                p.push(
                    "processing_time",
                    "PROCESSING_TIME_EMPTY",
                    "Oppgi saksbehandlingstiden i dager («days»), med ord («text») eller begge."
                        .into(),
                    "Give the processing time in days (\"days\"), in words (\"text\") or both."
                        .into(),
                );
            }
            None => {}
        }
        p.sources("processing_time.sources", &t.sources, &source_ids);
    }

    if let Some(w) = file.night {
        if w.start.minutes() >= MINUTES_PER_DAY
            || w.end.minutes() >= MINUTES_PER_DAY
            || w.start == w.end
        {
            p.push(
                "night",
                "BAD_NIGHT",
                "Nattvinduet må ha ulik start og slutt, mellom 00:00 og 23:59.".into(),
                "The night window needs a different start and end, between 00:00 and 23:59.".into(),
            );
        }
    }

    if let Some(accent) = &file.accent {
        match hex_colour(accent) {
            None => {
                p.push(
                    "accent",
                    "ACCENT_NOT_HEX",
                    "Fargen må skrives som #rrggbb, for eksempel #2a2859.".into(),
                    "The colour must be written as #rrggbb, for example #2a2859.".into(),
                );
            }
            Some(rgb) if contrast_with_white(rgb) < MIN_ACCENT_CONTRAST => {
                // One decimal, rounded down: 4.49 never reads as 4.5.
                let ratio = number_text((contrast_with_white(rgb) * 10.0).floor() / 10.0);
                let min = number_text(MIN_ACCENT_CONTRAST);
                let e = p.push(
                    "accent",
                    "ACCENT_LOW_CONTRAST",
                    format!("Hvit tekst på fargen har kontrast {ratio}:1; det må være minst {min}:1. Velg en mørkere farge."),
                    format!("White text on the colour has contrast {ratio}:1; it must be at least {min}:1. Choose a darker colour."),
                );
                e.values.insert("ratio", ratio);
                e.values.insert("min", min);
            }
            Some(_) => {}
        }
    }

    if file.items.len() > config::MAX_PROFILE_ITEMS {
        p.too_many("items", config::MAX_PROFILE_ITEMS);
    }
    let mut codes = BTreeSet::new();
    let mut items = Vec::new();
    for (i, item) in file.items.into_iter().enumerate() {
        let at = |f: &str| format!("items[{i}].{f}");
        if !is_code(&item.code) {
            let e = p.push(
                at("code"),
                "BAD_ITEM_CODE",
                format!("Koden må være store bokstaver, tall og _, høyst {} tegn, og begynne med en bokstav (som «OSLO_SKJEMA»).", config::MAX_PROFILE_ID_CHARS),
                format!("The code must be capital letters, digits and _, at most {} characters, starting with a letter (such as \"OSLO_FORM\").", config::MAX_PROFILE_ID_CHARS),
            );
            e.values
                .insert("limit", config::MAX_PROFILE_ID_CHARS.to_string());
        }
        if !codes.insert(item.code.clone()) {
            duplicate(&mut p, &at("code"), &item.code);
        }
        p.texts(&at("text"), &item.text);
        if let Some(link) = &item.link {
            p.url(&at("link"), link);
        }
        p.sources(&at("sources"), &item.sources, &source_ids);
        if let Some(when) = check_condition(item.when, &at("when"), law, &mut p) {
            items.push(ProfileItem {
                code: item.code,
                kind: item.kind,
                when,
                text: item.text,
                link: item.link,
                sources: item.sources,
            });
        }
    }

    if !p.0.is_empty() {
        return Err(InputErrors(p.0));
    }
    Ok(Profile {
        id: file.id,
        name: file.name,
        contact: file.contact,
        form: file.form,
        processing_time: file.processing_time,
        night: file.night,
        accent: file.accent.map(|a| a.to_ascii_lowercase()),
        sources: file.sources,
        items,
    })
}

fn duplicate(p: &mut Problems, field: &str, value: &str) {
    let e = p.push(
        field,
        "DUPLICATE",
        format!("«{value}» står to ganger."),
        format!("\"{value}\" appears twice."),
    );
    e.values.insert("value", value.to_string());
}

/// Turns a condition as written into a [`Condition`]: one test per object,
/// known reason codes, lists no longer than the limit.
fn check_condition(
    raw: RawCondition,
    field: &str,
    law: &Law,
    p: &mut Problems,
) -> Option<Condition> {
    let tests = match raw {
        RawCondition::Word(w) if w == "always" => return Some(Condition::Always),
        RawCondition::Word(w) if w == "never" => return Some(Condition::Never),
        RawCondition::Word(w) => {
            let e = p.push(
                field,
                "BAD_CONDITION",
                format!("«{w}» er ikke et vilkår. Skriv \"always\", \"never\" eller et objekt med én test, som {{\"kind\": \"household\"}}."),
                format!("\"{w}\" is not a condition. Write \"always\", \"never\" or an object of one test, such as {{\"kind\": \"household\"}}."),
            );
            e.values.insert("value", w);
            return None;
        }
        RawCondition::Tests(t) => *t,
    };
    let RawTests {
        any,
        all,
        not,
        kind,
        place,
        applicant,
        arbeidsleder,
        long_lasting,
        child,
        adult,
        likely_right,
        verdict,
        has_current_services,
        reason,
        status,
    } = tests;
    let given: Vec<&str> = [
        ("any", any.is_some()),
        ("all", all.is_some()),
        ("not", not.is_some()),
        ("kind", kind.is_some()),
        ("place", place.is_some()),
        ("applicant", applicant.is_some()),
        ("arbeidsleder", arbeidsleder.is_some()),
        ("long_lasting", long_lasting.is_some()),
        ("child", child.is_some()),
        ("adult", adult.is_some()),
        ("likely_right", likely_right.is_some()),
        ("verdict", verdict.is_some()),
        ("has_current_services", has_current_services.is_some()),
        // `reason` goes with `status`: one test together.
        ("status", status.is_some() || reason.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, set)| set.then_some(name))
    .collect();
    match given.len() {
        0 => {
            p.push(
                field,
                "CONDITION_EMPTY",
                "Vilkåret er tomt. Skriv \"always\" hvis punktet alltid skal vises.".into(),
                "The condition is empty. Write \"always\" if the item should always show.".into(),
            );
            return None;
        }
        1 => {}
        _ => {
            let tests = given.join(", ");
            let e = p.push(
                field,
                "CONDITION_MANY_TESTS",
                format!("Vilkåret har flere tester ({tests}). Skriv én test per objekt, og sett dem sammen med \"all\" eller \"any\"."),
                format!("The condition has several tests ({tests}). Write one test per object, and join them with \"all\" or \"any\"."),
            );
            e.values.insert("tests", tests);
            return None;
        }
    }
    let list = |raws: Vec<RawCondition>, name: &str, p: &mut Problems| -> Option<Vec<Condition>> {
        if raws.len() > config::MAX_CONDITION_LIST {
            p.too_many(&format!("{field}.{name}"), config::MAX_CONDITION_LIST);
            return None;
        }
        let n = raws.len();
        let checked: Vec<Condition> = raws
            .into_iter()
            .enumerate()
            .filter_map(|(i, c)| check_condition(c, &format!("{field}.{name}[{i}]"), law, p))
            .collect();
        (checked.len() == n).then_some(checked)
    };
    let c = if let Some(cs) = any {
        Condition::Any(list(cs, "any", p)?)
    } else if let Some(cs) = all {
        Condition::All(list(cs, "all", p)?)
    } else if let Some(c) = not {
        Condition::Not(Box::new(check_condition(
            c,
            &format!("{field}.not"),
            law,
            p,
        )?))
    } else if let Some(k) = kind {
        Condition::Kind(k)
    } else if let Some(pl) = place {
        Condition::Place(pl)
    } else if let Some(a) = applicant {
        Condition::Applicant(a)
    } else if let Some(a) = arbeidsleder {
        Condition::Arbeidsleder(a)
    } else if let Some(a) = long_lasting {
        Condition::LongLasting(a)
    } else if let Some(b) = child {
        Condition::Child(b)
    } else if let Some(b) = adult {
        Condition::Adult(b)
    } else if let Some(b) = likely_right {
        Condition::LikelyRight(b)
    } else if let Some(v) = verdict {
        Condition::Verdict(v)
    } else if let Some(b) = has_current_services {
        Condition::HasCurrentServices(b)
    } else {
        let Some(status) = status.filter(|s| !s.is_empty()) else {
            p.push(
                format!("{field}.status"),
                "CONDITION_NEEDS_STATUS",
                "Skriv «status» som en liste med minst én status, som [\"unknown\"].".into(),
                "Write \"status\" as a list of at least one status, such as [\"unknown\"].".into(),
            );
            return None;
        };
        if let Some(code) = &reason {
            if law.sources_of(code).is_empty() {
                let e = p.push(
                    format!("{field}.reason"),
                    "UNKNOWN_REASON",
                    format!(
                        "«{code}» er ikke en kjent begrunnelse, som «LONG_LASTING» eller «HOURS»."
                    ),
                    format!(
                        "\"{code}\" is not a known reason, such as \"LONG_LASTING\" or \"HOURS\"."
                    ),
                );
                e.values.insert("code", code.clone());
                return None;
            }
        }
        Condition::Reason {
            code: reason,
            status,
        }
    };
    Some(c)
}

// ------------------------------------------------------------------------
// What the page shows
// ------------------------------------------------------------------------

/// The municipality the result is for, as the page shows it (kommunen):
/// its addresses, processing time, accent, its own items that show for
/// this case, and its sources.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Municipality {
    /// The profile used: `default` when none was chosen or found.
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processing_time: Option<ProcessingTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accent: Option<String>,
    /// The profile's night window, when it was used (the case set none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub night: Option<NightWindow>,
    pub documents: Vec<OwnNote>,
    pub alternatives: Vec<OwnNote>,
    pub next_steps: Vec<OwnNote>,
    pub sources: Vec<ProfileSource>,
    /// Something to tell about the choice of profile, such as
    /// `PROFILE_UNKNOWN` (text `note.PROFILE_UNKNOWN`, input `name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
}

/// A note without sources, about the calculator itself rather than the law.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Notice {
    pub code: &'static str,
    pub inputs: BTreeMap<&'static str, String>,
}

/// The notice when the case names a municipality (`settings.municipality`)
/// but the neutral profile is used: no profile by that name was found.
pub fn unknown_notice(requested: Option<&str>, used: &Profile) -> Option<Notice> {
    let name = requested.map(str::trim).filter(|n| !n.is_empty())?;
    (used.is_neutral() && name != NEUTRAL_ID).then(|| Notice {
        code: "PROFILE_UNKNOWN",
        inputs: BTreeMap::from([("name", name.to_string())]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn power_2_4_is_powf_for_every_channel_value() {
        for c in 0..=255u8 {
            let x = (f64::from(c) / 255.0 + 0.055) / 1.055;
            let (ours, std) = (power_2_4(x), x.powf(2.4));
            assert!((ours - std).abs() < 1e-12, "{c}: {ours} vs {std}");
        }
        assert_eq!(power_2_4(0.0), 0.0);
        assert!((power_2_4(1.0) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn contrast_with_white_matches_wcag() {
        // Black on white is 21:1, white on white 1:1; #767676 is the
        // lightest grey that passes 4.5:1.
        assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 1e-9);
        assert!((contrast_with_white([255, 255, 255]) - 1.0).abs() < 1e-9);
        assert!(contrast_with_white([0x76, 0x76, 0x76]) >= MIN_ACCENT_CONTRAST);
        assert!(contrast_with_white([0x77, 0x77, 0x77]) < MIN_ACCENT_CONTRAST);
    }

    #[test]
    fn https_urls() {
        for good in [
            "https://www.oslo.kommune.no/",
            "https://gulen.kommune.no/innhald/a---b/",
            "https://x.no/?q=1#top",
        ] {
            assert!(https_url(good), "{good}");
        }
        for bad in [
            "http://oslo.kommune.no/",
            "https://localhost/",
            "https://.no/",
            "https://oslo.kommune.no/a b",
            "https://oslo.kommune.no/\"onmouseover=",
            "javascript:alert(1)",
            "https://",
            "",
        ] {
            assert!(!https_url(bad), "{bad}");
        }
    }

    #[test]
    fn unknown_notice_only_for_a_named_municipality_without_its_profile() {
        let neutral = Profile::neutral();
        let mut oslo = Profile::neutral();
        oslo.id = "oslo".into();
        assert!(unknown_notice(Some("atlantis"), &neutral).is_some());
        assert!(unknown_notice(Some("atlantis"), &oslo).is_none());
        assert!(unknown_notice(Some("default"), &neutral).is_none());
        assert!(unknown_notice(None, &neutral).is_none());
        assert!(unknown_notice(Some(""), &neutral).is_none());
    }
}
