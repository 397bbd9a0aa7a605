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
//! A profile is read in two steps: serde reads it into a small JSON-like
//! [`Tree`], then [`from_tree`] walks the tree, checking as it reads (known
//! fields, https addresses, text lengths, the conditions, that every item
//! cites one of the profile's sources), and gives the checked [`Profile`].
//! Every problem is an [`InputError`] naming its field
//! (`items[0].when.any[1].reason`), worded like the case's errors.
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
use crate::error::{item, read_error, InputError, InputErrors, Wrong};
use crate::hours::number_text;
use crate::items::{Condition, ItemKind, OwnNote};
use crate::json::unsigned_text;
use crate::law::Law;
use crate::map::Map;
use crate::model::{Answer, Applicant, Arbeidsleder, CurrentService, NeedKind, NightWindow, Place};
use crate::rules::{Status, Verdict};
use crate::time::{Day, TimeOfDay, MINUTES_PER_DAY};
use serde::de;
use serde::{Deserialize, Deserializer, Serialize};
use std::cell::Cell;
use std::fmt;

/// The profile format this version reads.
pub const PROFILE_FORMAT: u32 = 1;

/// The id of the neutral profile: no municipality.
pub const NEUTRAL_ID: &str = "default";

/// A text per language code ("nb", "nn", "en"; "se" may follow). Bokmål is
/// always there: the page falls back to it for a language a profile lacks.
pub type Texts = Map<String, String>;

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
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProcessingTime {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<Texts>,
    /// Ids of the profile's sources that state it.
    pub sources: Vec<String>,
}

/// One of the municipality's pages a profile rests on.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
// Reading: any JSON-like source, then a plain walk that checks as it goes
// ------------------------------------------------------------------------

/// A profile as JSON-like data, before it is read (JSON text in the CLI,
/// the page's JS object in the WebAssembly).
///
/// Why not serde's derive for each part of the profile, as for the case:
/// in the page's WebAssembly that code is made once per type and reader,
/// and came to a quarter of the module (about 64 KB) for a file of a dozen
/// fields. One small tree and the plain walk below read the same file,
/// naming every problem's field, for a fraction of that.
#[derive(Clone, Debug, PartialEq)]
pub enum Tree {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Tree>),
    /// Keys in the order written, repeats kept (a repeat is an error).
    Map(Vec<(String, Tree)>),
}

thread_local! {
    /// How deep the value being read is nested. serde reads nested values
    /// by recursion, so a hostile file of thousands of nested lists would
    /// overflow the stack (an abort in the page) before any check ran;
    /// reading stops at [`config::MAX_PROFILE_DEPTH`].
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Counts one level of nesting while a value is read.
struct Nesting;

impl Nesting {
    fn enter() -> Option<Nesting> {
        DEPTH.with(|d| {
            (d.get() < config::MAX_PROFILE_DEPTH).then(|| {
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

/// The start of serde's message for a value nested too deep; the error
/// module puts it in plain words.
pub const TOO_DEEP: &str = "values nested deeper than";

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> de::Visitor<'de> for Visit {
            type Value = Tree;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<Tree, E> {
                Ok(Tree::Null)
            }
            fn visit_none<E>(self) -> Result<Tree, E> {
                Ok(Tree::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Tree, E> {
                Ok(Tree::Bool(b))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Tree, E> {
                Ok(Tree::Number(n as f64))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Tree, E> {
                Ok(Tree::Number(n as f64))
            }
            fn visit_f64<E>(self, x: f64) -> Result<Tree, E> {
                Ok(Tree::Number(x))
            }
            fn visit_str<E>(self, s: &str) -> Result<Tree, E> {
                Ok(Tree::Text(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Tree, E> {
                Ok(Tree::Text(s))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
                let mut list = Vec::new();
                while let Some(t) = seq.next_element()? {
                    list.push(t);
                }
                Ok(Tree::List(list))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Tree::Map(entries))
            }
        }
        let Some(_level) = Nesting::enter() else {
            return Err(de::Error::custom(format!(
                "{TOO_DEEP} {} levels",
                config::MAX_PROFILE_DEPTH
            )));
        };
        d.deserialize_any(Visit)
    }
}

/// Reads a profile from JSON text, with errors that name the field.
#[cfg(feature = "cli")]
pub fn parse_json(text: &str) -> Result<Profile, InputErrors> {
    if text.len() > config::MAX_PROFILE_BYTES {
        return Err(InputError::new("", "PROFILE_TOO_LARGE")
            .with("limit", config::MAX_PROFILE_BYTES.to_string())
            .into());
    }
    let tree: Tree = serde_json::from_str(text).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            crate::error::malformed_json(&e)
        } else {
            crate::error::serde_error(String::new(), &e.to_string())
        }
    })?;
    from_tree(&tree, &Law::embedded())
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

/// Collects problems with their fields and the values their messages name.
struct Problems(Vec<InputError>);

impl Problems {
    fn push(&mut self, field: &str, code: &'static str) -> &mut InputError {
        self.0.push(InputError::new(field, code));
        let last = self.0.len() - 1;
        &mut self.0[last]
    }

    /// A problem whose message names a `limit`. The number is written by
    /// [`crate::json::unsigned_text`], not `to_string()`: Rust's general
    /// formatting at each such site cost the page's WebAssembly bytes.
    fn over(&mut self, field: &str, code: &'static str, limit: usize) {
        let limit = crate::json::unsigned_text(limit as u64);
        self.push(field, code).values.insert("limit", limit);
    }

    fn too_long(&mut self, field: &str, text: &str, limit: usize) {
        if crate::char_count(text) > limit {
            self.over(field, "TEXT_TOO_LONG", limit);
        }
    }

    fn text(&mut self, field: &str, text: &str, limit: usize) {
        if text.trim().is_empty() {
            self.push(field, "TEXT_EMPTY");
        }
        self.too_long(field, text, limit);
    }

    fn url(&mut self, field: &str, url: &str) {
        if !https_url(url) {
            self.push(field, "URL_NOT_HTTPS");
        }
        self.too_long(field, url, config::MAX_PROFILE_URL_CHARS);
    }

    fn texts(&mut self, field: &str, texts: &Texts) {
        if !texts.contains_key("nb") {
            self.push(field, "TEXTS_NEED_NB");
        }
        if texts.len() > config::MAX_PROFILE_LANGUAGES {
            self.too_many(field, config::MAX_PROFILE_LANGUAGES);
        }
        for (lang, text) in texts {
            let at = join(field, lang);
            if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
                self.push(&at, "BAD_LANG_CODE");
            }
            self.text(&at, text, config::MAX_PROFILE_TEXT_CHARS);
        }
    }

    fn too_many(&mut self, field: &str, limit: usize) {
        self.over(field, "PROFILE_TOO_MANY", limit);
    }

    fn sources(&mut self, field: &str, ids: &[String], known: &[ProfileSource]) {
        if ids.is_empty() {
            self.push(field, "NO_SOURCE");
        }
        for (i, id) in ids.iter().enumerate() {
            if !known.iter().any(|s| s.id == *id) {
                let e = self.push(&item(field, i), "UNKNOWN_SOURCE");
                e.values.insert("source", id.clone());
            }
        }
    }
}

/// A whole https address: `https://`, a host with a dot, no spaces, quotes
/// or angle brackets (it goes into the page's links and the printout).
///
/// Read as bytes, since every byte must be printable ASCII anyway: walking
/// `chars()` and splitting at a set of chars brought UTF-8 decoding and a
/// pattern searcher into the page's WebAssembly.
pub fn https_url(url: &str) -> bool {
    let Some(rest) = url.as_bytes().strip_prefix(b"https://") else {
        return false;
    };
    let host = rest
        .split(|b| matches!(b, b'/' | b'?' | b'#'))
        .next()
        .unwrap_or_default();
    host.contains(&b'.')
        && host.first() != Some(&b'.')
        && host.last() != Some(&b'.')
        && url.bytes().all(|b| {
            b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'<' | b'>' | b'\\' | b'`')
        })
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
    let byte = |i: usize| Some(crate::time::digits_value(hex.get(i..i + 2)?, 16)? as u8);
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

/// `outer.inner`, or `inner` at the top.
fn join(outer: &str, inner: &str) -> String {
    if outer.is_empty() {
        inner.to_string()
    } else {
        outer.to_string() + "." + inner
    }
}

impl Problems {
    /// A problem of the kinds serde reports, in the error module's plain
    /// words, as for the case.
    fn wrong(&mut self, field: &str, wrong: Wrong) {
        self.0.push(read_error(field.to_string(), wrong));
    }

    fn wrong_type(&mut self, field: &str, _t: &Tree, expected: &str) {
        self.wrong(field, Wrong::Expected(expected.to_string()));
    }

    /// The entries of an object whose keys must be among `allowed`.
    fn object<'t>(
        &mut self,
        t: &'t Tree,
        field: &str,
        allowed: &[&str],
    ) -> Option<&'t [(String, Tree)]> {
        let Tree::Map(entries) = t else {
            self.wrong_type(field, t, "a map");
            return None;
        };
        let mut seen: Vec<&str> = Vec::new();
        for (key, _) in entries {
            if !allowed.contains(&key.as_str()) {
                self.wrong(&join(field, key), Wrong::UnknownField(key.clone()));
            } else if seen.contains(&key.as_str()) {
                self.wrong(field, Wrong::DuplicateField(key.clone()));
            } else {
                seen.push(key);
            }
        }
        Some(entries)
    }

    /// A field that must be there.
    fn required<'t>(
        &mut self,
        entries: &'t [(String, Tree)],
        field: &str,
        key: &str,
    ) -> Option<&'t Tree> {
        let found = optional(entries, key);
        if found.is_none() {
            self.wrong(field, Wrong::MissingField(key.to_string()));
        }
        found
    }

    /// The text at `key` of an object at `field`, which must be there.
    fn required_text(
        &mut self,
        entries: &[(String, Tree)],
        field: &str,
        key: &str,
    ) -> Option<String> {
        let t = self.required(entries, field, key)?;
        self.string(t, &join(field, key))
    }

    fn string(&mut self, t: &Tree, field: &str) -> Option<String> {
        match t {
            Tree::Text(s) => Some(s.clone()),
            other => {
                self.wrong_type(field, other, "a string");
                None
            }
        }
    }

    fn flag(&mut self, t: &Tree, field: &str) -> Option<bool> {
        match t {
            Tree::Bool(b) => Some(*b),
            other => {
                self.wrong_type(field, other, "a boolean");
                None
            }
        }
    }

    fn list<'t>(&mut self, t: &'t Tree, field: &str) -> Option<&'t [Tree]> {
        match t {
            Tree::List(l) => Some(l),
            other => {
                self.wrong_type(field, other, "a sequence");
                None
            }
        }
    }

    /// A whole number, 0 or more.
    fn whole(&mut self, t: &Tree, field: &str) -> Option<u32> {
        match t {
            Tree::Number(x) if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(x) => {
                Some(*x as u32)
            }
            other => {
                self.wrong_type(field, other, "u32");
                None
            }
        }
    }

    /// One of the names of an enum (`"household"`), from its [`Names`]:
    /// the choices in the message are the real ones.
    fn name<E: Names>(&mut self, t: &Tree, field: &str) -> Option<E> {
        let (names, values) = E::NAMES;
        // `get`, not `values[i]`: the tables are the same length (a test
        // checks), and indexing would put a panic at each use.
        self.pick(t, field, names)
            .and_then(|i| values.get(i).copied())
    }

    /// Where `t` is among `names`, or the problem worded as serde would.
    fn pick(&mut self, t: &Tree, field: &str, names: &[&str]) -> Option<usize> {
        let text = self.string(t, field)?;
        let found = names.iter().position(|n| *n == text);
        if found.is_none() {
            let choices = crate::reader::choices(names);
            self.wrong(
                field,
                Wrong::UnknownVariant {
                    value: text,
                    choices,
                },
            );
        }
        found
    }

    /// A list of texts, such as source ids.
    fn strings(&mut self, t: &Tree, field: &str) -> Option<Vec<String>> {
        let list = self.list(t, field)?;
        self.each(list, field, &mut |p, t, at| p.string(t, at))
    }

    /// Reads every item of a list, each named `field[i]`, so that every bad
    /// item is reported: all of them, or `None` if any was bad. A plain
    /// loop: `collect::<Option<Vec<_>>>()` over the items came to about
    /// 1 KB of the page's WebAssembly for each of its three uses.
    fn each<T>(
        &mut self,
        list: &[Tree],
        field: &str,
        read: &mut dyn FnMut(&mut Problems, &Tree, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let mut all = Some(Vec::new());
        for (i, t) in list.iter().enumerate() {
            match (read(self, t, &item(field, i)), &mut all) {
                (Some(value), Some(all)) => all.push(value),
                _ => all = None,
            }
        }
        all
    }

    /// A text per language, checked.
    fn read_texts(&mut self, t: &Tree, field: &str) -> Option<Texts> {
        let Tree::Map(entries) = t else {
            self.wrong_type(field, t, "a map");
            return None;
        };
        let mut texts = Texts::new();
        for (lang, text) in entries {
            if let Some(text) = self.string(text, &join(field, lang)) {
                texts.insert(lang.clone(), text);
            }
        }
        self.texts(field, &texts);
        Some(texts)
    }
}

/// An enum read by name in a profile or, by `crate::reader`, in a case: its
/// names as serde writes them (in JSON, snake_case), and its values in the
/// same order; one table per enum for both readers. Why not serde's derive:
/// it made a reader per enum, about 5 KB of the page's WebAssembly; a test
/// checks each table against serde's names.
pub trait Names: Copy + 'static {
    const NAMES: (&'static [&'static str], &'static [Self]);
}

impl Names for NeedKind {
    const NAMES: (&'static [&'static str], &'static [Self]) = (
        &[
            "personal",
            "household",
            "leisure",
            "training",
            "parenting",
            "respite",
            "health",
        ],
        &NeedKind::ALL,
    );
}

impl Names for Place {
    const NAMES: (&'static [&'static str], &'static [Self]) = (
        &["home", "out", "school", "work", "higher_education"],
        &Place::ALL,
    );
}

impl Names for Applicant {
    const NAMES: (&'static [&'static str], &'static [Self]) = {
        use Applicant::*;
        (
            &[
                "self",
                "parent",
                "power_of_attorney",
                "guardian",
                "future_power_of_attorney",
            ],
            &[
                Myself,
                Parent,
                PowerOfAttorney,
                Guardian,
                FuturePowerOfAttorney,
            ],
        )
    };
}

impl Names for Arbeidsleder {
    const NAMES: (&'static [&'static str], &'static [Self]) = {
        use Arbeidsleder::*;
        (
            &["self", "medarbeidsleder", "nobody_yet", "dont_know"],
            &[Myself, Medarbeidsleder, NobodyYet, DontKnow],
        )
    };
}

impl Names for CurrentService {
    const NAMES: (&'static [&'static str], &'static [Self]) = {
        use CurrentService::*;
        (
            &[
                "practical_help",
                "home_nursing",
                "respite",
                "support_contact",
                "care_allowance",
                "bpa",
                "other",
            ],
            &[
                PracticalHelp,
                HomeNursing,
                Respite,
                SupportContact,
                CareAllowance,
                Bpa,
                Other,
            ],
        )
    };
}

impl Names for Day {
    const NAMES: (&'static [&'static str], &'static [Self]) = (
        &["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        &Day::ALL,
    );
}

impl Names for Answer {
    const NAMES: (&'static [&'static str], &'static [Self]) = (
        &["yes", "no", "dont_know"],
        &[Answer::Yes, Answer::No, Answer::DontKnow],
    );
}

impl Names for Verdict {
    const NAMES: (&'static [&'static str], &'static [Self]) = {
        use Verdict::*;
        (
            &[
                "not_covered",
                "no_right_by_hours",
                "uncertain",
                "likely_right_unless_cost",
                "likely_right",
            ],
            &[
                NotCovered,
                NoRightByHours,
                Uncertain,
                LikelyRightUnlessCost,
                LikelyRight,
            ],
        )
    };
}

impl Names for Status {
    const NAMES: (&'static [&'static str], &'static [Self]) = {
        use Status::*;
        (
            &["met", "not_met", "unknown", "municipality"],
            &[Met, NotMet, Unknown, Municipality],
        )
    };
}

impl Names for ItemKind {
    const NAMES: (&'static [&'static str], &'static [Self]) = {
        use ItemKind::*;
        (
            &["document", "alternative", "next_step"],
            &[Document, Alternative, NextStep],
        )
    };
}

/// A field that may be missing; `null` counts as missing.
fn optional<'t>(entries: &'t [(String, Tree)], key: &str) -> Option<&'t Tree> {
    entries
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, t)| t)
        .filter(|t| !matches!(t, Tree::Null))
}

/// Reads and checks a profile: the checked profile, or every problem found,
/// each naming its field.
pub fn from_tree(tree: &Tree, law: &Law) -> Result<Profile, InputErrors> {
    let mut p = Problems(Vec::new());
    let profile = read_profile(tree, law, &mut p);
    match profile {
        Some(profile) if p.0.is_empty() => Ok(profile),
        _ => Err(InputErrors(p.0)),
    }
}

const PROFILE_FIELDS: [&str; 10] = [
    "format",
    "id",
    "name",
    "contact",
    "form",
    "processing_time",
    "night",
    "accent",
    "sources",
    "items",
];

fn read_profile(tree: &Tree, law: &Law, p: &mut Problems) -> Option<Profile> {
    let entries = p.object(tree, "", &PROFILE_FIELDS)?;
    let format = match optional(entries, "format") {
        Some(t) => p.whole(t, "format")?,
        None => PROFILE_FORMAT,
    };
    if format > PROFILE_FORMAT {
        let e = p.push("format", "PROFILE_FORMAT_NEWER");
        e.values.insert("format", unsigned_text(format.into()));
        e.values
            .insert("supported", unsigned_text(PROFILE_FORMAT.into()));
        return None;
    }
    let id = p.required_text(entries, "", "id");
    if let Some(id) = &id {
        if !is_id(id) {
            bad_id(p, "id");
        }
    }
    let text_field =
        |key: &str, p: &mut Problems| optional(entries, key).and_then(|t| p.string(t, key));
    let name = text_field("name", p);
    if let Some(name) = &name {
        p.text("name", name, config::MAX_PROFILE_NAME_CHARS);
    }
    let contact = text_field("contact", p);
    let form = text_field("form", p);
    for (field, url) in [("contact", &contact), ("form", &form)] {
        if let Some(url) = url {
            p.url(field, url);
        }
    }
    let mut accent = text_field("accent", p);

    let sources = match optional(entries, "sources") {
        Some(t) => read_sources(t, p),
        None => Vec::new(),
    };

    let processing_time =
        optional(entries, "processing_time").and_then(|t| read_processing_time(t, &sources, p));

    let night = optional(entries, "night").and_then(|t| read_night(t, p));
    if let Some(w) = night {
        if w.start.minutes() >= MINUTES_PER_DAY
            || w.end.minutes() >= MINUTES_PER_DAY
            || w.start == w.end
        {
            p.push("night", "BAD_NIGHT");
        }
    }

    if let Some(accent) = &mut accent {
        check_accent(accent, p);
        accent.make_ascii_lowercase();
    }

    let items = match optional(entries, "items") {
        Some(t) => read_items(t, &sources, law, p),
        None => Vec::new(),
    };

    Some(Profile {
        id: id?,
        name,
        contact,
        form,
        processing_time,
        night,
        accent,
        sources,
        items,
    })
}

fn bad_id(p: &mut Problems, field: &str) {
    p.over(field, "PROFILE_BAD_ID", config::MAX_PROFILE_ID_CHARS);
}

fn read_sources(t: &Tree, p: &mut Problems) -> Vec<ProfileSource> {
    let Some(list) = p.list(t, "sources") else {
        return Vec::new();
    };
    if list.len() > config::MAX_PROFILE_SOURCES {
        p.too_many("sources", config::MAX_PROFILE_SOURCES);
        return Vec::new();
    }
    let mut ids: Vec<String> = Vec::new();
    let mut sources = Vec::new();
    for (i, t) in list.iter().enumerate() {
        let at = item("sources", i);
        let Some(entries) = p.object(t, &at, &["id", "title", "url"]) else {
            continue;
        };
        let id = p.required_text(entries, &at, "id");
        let title = p.required_text(entries, &at, "title");
        let url = p.required_text(entries, &at, "url");
        let (Some(id), Some(title), Some(url)) = (id, title, url) else {
            continue;
        };
        if !is_id(&id) {
            bad_id(p, &join(&at, "id"));
        }
        if ids.contains(&id) {
            duplicate(p, &join(&at, "id"), &id);
        }
        ids.push(id.clone());
        p.text(&join(&at, "title"), &title, config::MAX_PROFILE_NAME_CHARS);
        p.url(&join(&at, "url"), &url);
        sources.push(ProfileSource { id, title, url });
    }
    sources
}

fn read_processing_time(
    t: &Tree,
    known: &[ProfileSource],
    p: &mut Problems,
) -> Option<ProcessingTime> {
    let at = "processing_time";
    let entries = p.object(t, at, &["days", "text", "sources"])?;
    let days = optional(entries, "days").and_then(|t| p.whole(t, "processing_time.days"));
    if let Some(days) = days {
        if !(1..=config::MAX_PROCESSING_DAYS).contains(&days) {
            let limit = config::MAX_PROCESSING_DAYS as usize;
            p.over("processing_time.days", "DAYS_RANGE", limit);
        }
    }
    let text = optional(entries, "text").and_then(|t| p.read_texts(t, "processing_time.text"));
    if text.is_none() && days.is_none() && optional(entries, "text").is_none() {
        p.push(at, "PROCESSING_TIME_EMPTY");
    }
    let sources = p
        .required(entries, at, "sources")
        .and_then(|t| p.strings(t, "processing_time.sources"))?;
    p.sources("processing_time.sources", &sources, known);
    Some(ProcessingTime {
        days,
        text,
        sources,
    })
}

fn read_night(t: &Tree, p: &mut Problems) -> Option<NightWindow> {
    let entries = p.object(t, "night", &["start", "end"])?;
    let time = |key: &str, p: &mut Problems| {
        let text = p.required_text(entries, "night", key)?;
        let parsed = TimeOfDay::parse(&text);
        if parsed.is_none() {
            p.wrong(&join("night", key), Wrong::BadTime(text));
        }
        parsed
    };
    let (start, end) = (time("start", p), time("end", p));
    Some(NightWindow {
        start: start?,
        end: end?,
    })
}

fn check_accent(accent: &str, p: &mut Problems) {
    let Some(rgb) = hex_colour(accent) else {
        p.push("accent", "ACCENT_NOT_HEX");
        return;
    };
    let contrast = contrast_with_white(rgb);
    if contrast < MIN_ACCENT_CONTRAST {
        // One decimal, rounded down: 4.49 never reads as 4.5.
        let ratio = number_text((contrast * 10.0).floor() / 10.0);
        let min = number_text(MIN_ACCENT_CONTRAST);
        let e = p.push("accent", "ACCENT_LOW_CONTRAST");
        e.values.insert("ratio", ratio);
        e.values.insert("min", min);
    }
}

const ITEM_FIELDS: [&str; 6] = ["code", "kind", "when", "text", "link", "sources"];

fn read_items(t: &Tree, known: &[ProfileSource], law: &Law, p: &mut Problems) -> Vec<ProfileItem> {
    let Some(list) = p.list(t, "items") else {
        return Vec::new();
    };
    if list.len() > config::MAX_PROFILE_ITEMS {
        p.too_many("items", config::MAX_PROFILE_ITEMS);
        return Vec::new();
    }
    let mut codes: Vec<String> = Vec::new();
    let mut items = Vec::new();
    for (i, t) in list.iter().enumerate() {
        let at = item("items", i);
        let field = |key: &str| join(&at, key);
        let Some(entries) = p.object(t, &at, &ITEM_FIELDS) else {
            continue;
        };
        let code = p.required_text(entries, &at, "code");
        if let Some(code) = &code {
            if !is_code(code) {
                let limit = config::MAX_PROFILE_ID_CHARS;
                p.over(&field("code"), "BAD_ITEM_CODE", limit);
            }
            if codes.contains(code) {
                duplicate(p, &field("code"), code);
            }
            codes.push(code.clone());
        }
        let kind = p
            .required(entries, &at, "kind")
            .and_then(|t| p.name::<ItemKind>(t, &field("kind")));
        let text = p
            .required(entries, &at, "text")
            .and_then(|t| p.read_texts(t, &field("text")));
        let link = optional(entries, "link").and_then(|t| p.string(t, &field("link")));
        if let Some(link) = &link {
            p.url(&field("link"), link);
        }
        let sources = p
            .required(entries, &at, "sources")
            .and_then(|t| p.strings(t, &field("sources")));
        if let Some(sources) = &sources {
            p.sources(&field("sources"), sources, known);
        }
        let when = p
            .required(entries, &at, "when")
            .and_then(|t| read_condition(t, &field("when"), 1, law, p));
        if let (Some(code), Some(kind), Some(when), Some(text), Some(sources)) =
            (code, kind, when, text, sources)
        {
            items.push(ProfileItem {
                code,
                kind,
                when,
                text,
                link,
                sources,
            });
        }
    }
    items
}

fn duplicate(p: &mut Problems, field: &str, value: &str) {
    let e = p.push(field, "DUPLICATE");
    e.values.insert("value", value.to_string());
}

/// The tests a condition object may hold; `reason` goes with `status`.
const CONDITION_FIELDS: [&str; 15] = [
    "any",
    "all",
    "not",
    "kind",
    "place",
    "applicant",
    "arbeidsleder",
    "long_lasting",
    "child",
    "adult",
    "likely_right",
    "verdict",
    "has_current_services",
    "reason",
    "status",
];

/// Reads a condition at nesting level `depth` (1 for an item's `when`):
/// `"always"`, `"never"`, or an object of exactly one test.
fn read_condition(
    t: &Tree,
    field: &str,
    depth: usize,
    law: &Law,
    p: &mut Problems,
) -> Option<Condition> {
    if depth > config::MAX_CONDITION_DEPTH {
        p.over(field, "CONDITION_TOO_DEEP", config::MAX_CONDITION_DEPTH);
        return None;
    }
    let entries = match t {
        Tree::Text(w) if w == "always" => return Some(Condition::Always),
        Tree::Text(w) if w == "never" => return Some(Condition::Never),
        Tree::Map(_) => p.object(t, field, &CONDITION_FIELDS)?,
        other => {
            let value = match other {
                Tree::Text(w) => w.clone(),
                Tree::Number(x) => number_text(*x),
                Tree::Bool(b) => if *b { "true" } else { "false" }.into(),
                Tree::List(_) => "[…]".into(),
                _ => "null".into(),
            };
            let e = p.push(field, "BAD_CONDITION");
            e.values.insert("value", value);
            return None;
        }
    };
    // The tests given, in the language's order; `reason` and `status` are
    // one test together.
    let given = |key: &str| entries.iter().any(|(k, _)| k == key);
    let mut tests: Vec<&str> = Vec::new();
    for test in CONDITION_FIELDS {
        if test != "reason" && (given(test) || test == "status" && given("reason")) {
            tests.push(test);
        }
    }
    let [test] = tests.as_slice() else {
        if tests.is_empty() {
            p.push(field, "CONDITION_EMPTY");
        } else {
            let tests = tests.iter().fold(String::new(), |all, t| {
                if all.is_empty() {
                    t.to_string()
                } else {
                    all + ", " + t
                }
            });
            let e = p.push(field, "CONDITION_MANY_TESTS");
            e.values.insert("tests", tests);
        }
        return None;
    };
    let at = join(field, test);
    if *test == "status" {
        return read_reason(entries, field, &at, law, p);
    }
    let value = optional(entries, test)?;
    Some(match *test {
        // One arm for both lists: a closure called from two arms was
        // inlined into each, twice the bytes in the page's WebAssembly.
        "any" | "all" => {
            let items = p.list(value, &at)?;
            if items.len() > config::MAX_CONDITION_LIST {
                p.too_many(&at, config::MAX_CONDITION_LIST);
                return None;
            }
            let list = p.each(items, &at, &mut |p, c, at| {
                read_condition(c, at, depth + 1, law, p)
            })?;
            if *test == "any" {
                Condition::Any(list)
            } else {
                Condition::All(list)
            }
        }
        "not" => Condition::Not(Box::new(read_condition(value, &at, depth + 1, law, p)?)),
        "kind" => Condition::Kind(p.name(value, &at)?),
        "place" => Condition::Place(p.name(value, &at)?),
        "applicant" => Condition::Applicant(p.name(value, &at)?),
        "arbeidsleder" => Condition::Arbeidsleder(p.name(value, &at)?),
        "long_lasting" => Condition::LongLasting(p.name(value, &at)?),
        "verdict" => Condition::Verdict(p.name(value, &at)?),
        "child" => Condition::Child(p.flag(value, &at)?),
        "adult" => Condition::Adult(p.flag(value, &at)?),
        "likely_right" => Condition::LikelyRight(p.flag(value, &at)?),
        // `has_current_services`, the last test of [`CONDITION_FIELDS`].
        _ => Condition::HasCurrentServices(p.flag(value, &at)?),
    })
}

/// The test `status`, with or without `reason`: the statuses a reason (or
/// any reason) must have. `at` is the field of `status`.
fn read_reason(
    entries: &[(String, Tree)],
    field: &str,
    at: &str,
    law: &Law,
    p: &mut Problems,
) -> Option<Condition> {
    let code = match optional(entries, "reason") {
        Some(t) => Some(p.string(t, &join(field, "reason"))?),
        None => None,
    };
    let status: Vec<Status> = match optional(entries, "status") {
        Some(t) => {
            let items = p.list(t, at)?;
            p.each(items, at, &mut |p, s, at| p.name(s, at))?
        }
        None => Vec::new(),
    };
    if status.is_empty() {
        p.push(at, "CONDITION_NEEDS_STATUS");
        return None;
    }
    if let Some(code) = &code {
        if law.sources_of(code).is_empty() {
            let e = p.push(&join(field, "reason"), "UNKNOWN_REASON");
            e.values.insert("code", code.clone());
            return None;
        }
    }
    Some(Condition::Reason { code, status })
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
    pub inputs: Map<&'static str, String>,
}

/// The notice when the case names a municipality (`settings.municipality`)
/// but the neutral profile is used: no profile by that name was found.
pub fn unknown_notice(requested: Option<&str>, used: &Profile) -> Option<Notice> {
    let name = requested.map(str::trim).filter(|n| !n.is_empty())?;
    (used.is_neutral() && name != NEUTRAL_ID).then(|| Notice {
        code: "PROFILE_UNKNOWN",
        inputs: {
            let mut inputs = Map::new();
            inputs.insert("name", name.to_string());
            inputs
        },
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

    /// The tables of [`Names`] are serde's names, value for value.
    #[test]
    fn names_are_serdes_names() {
        fn check<E: Names + Serialize>() {
            let (names, values) = E::NAMES;
            assert_eq!(names.len(), values.len());
            for (name, value) in names.iter().zip(values) {
                assert_eq!(serde_json::to_value(value).unwrap(), *name);
            }
        }
        check::<NeedKind>();
        check::<Place>();
        check::<Applicant>();
        check::<Arbeidsleder>();
        check::<CurrentService>();
        check::<Day>();
        check::<Answer>();
        check::<Verdict>();
        check::<Status>();
        check::<ItemKind>();
    }
}
