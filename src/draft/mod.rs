//! Drafts (utkast): what a person has typed, kept in the browser until they
//! come back to it, valid or not. The rules live here, pure; the page's
//! bridge gives them the browser's Web Storage as two [`Store`]s.
//!
//! "Lose nothing, freeze never":
//!
//! - **A draft is what the person typed.** It is saved as it is, valid or
//!   not, any JSON object ([`save`]), and opened again with its validation
//!   errors marked ([`load`]): a draft is never deleted because it fails
//!   validation.
//! - **Only what is no draft at all** (not JSON, not our envelope, over
//!   the size limit, a `case` that is no object) may be moved out of the way: set aside under a key of
//!   its own, `bpa-draft-set-aside-<n>`, until the person clears their data.
//! - **A draft from a newer version stays for that version.** Each version
//!   writes its own key, `bpa-draft-v<version>`; a newer one is left as it
//!   is and the page is told (`DRAFT_NEWER_KEPT`). An older version's draft
//!   (`bpa-kalkulator.draft`, written by the page's own JavaScript before
//!   this module: version 1) is opened when there is none of ours.
//! - **Storage that throws** gives a coded result (`DRAFT_STORAGE_FULL`, …):
//!   the work stays in the tab, and a read that fails deletes nothing.
//! - Drafts live in `sessionStorage`; in `localStorage` too only when the
//!   person chose "keep on this device", with an `expires` [`KEEP_DAYS`]
//!   after the last change. [`clear`] removes everything of ours from both,
//!   and reads back to say exactly what it did.
//!
//! The envelope, as stored (JSON text):
//!
//! ```json
//! {"format": "bpa-draft", "version": 2, "saved": "2026-11-23T10:04:05.120Z",
//!  "expires": "2026-12-23T10:04:05.120Z", "case": { …as typed… }}
//! ```
//!
//! `expires` only in `localStorage`. `version` is the draft version: it
//! goes up whenever the envelope or the case format ([`FORMAT_VERSION`])
//! changes, so that each version's drafts have their own key. Read with the
//! same reader and limits as a file (`crate::case::read`).

pub mod store;

pub use store::{Fault, MemoryStore, Store};

use crate::case::read::{from_value, json_value, newer_version};
use crate::case::time::Date;
use crate::case::FORMAT_VERSION;
use crate::config;
use crate::error::{InputError, InputErrors};
use serde::Serialize;
use serde_json::{Map, Value};

/// The envelope's `format`: what says a stored value is one of our drafts.
pub const DRAFT_FORMAT: &str = "bpa-draft";

/// The draft version this module writes. Version 1 was the page's own
/// JavaScript (`{app: "bpa-kalkulator", format: 1, …}`), read still;
/// 2 held case format 2; 3 holds case format 3 (the income band and the
/// documents marked attached).
pub const DRAFT_VERSION: u64 = 3;

/// How long a draft kept on the device lives after its last change.
pub const KEEP_DAYS: u32 = 30;

const DAY_MS: f64 = 86_400_000.0;

/// Which draft: the one being typed, the one a link or file replaced
/// (kept so that the person can go back to it), or the fullest draft kept
/// before the person emptied the form (so that they can take it back).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    Draft,
    Previous,
    Emptied,
}

/// Which of the browser's two storages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Where {
    /// `sessionStorage`: this tab, until it is closed.
    Session,
    /// `localStorage`: this device, for [`KEEP_DAYS`].
    Local,
}

impl Where {
    pub fn name(self) -> &'static str {
        match self {
            Where::Session => "session",
            Where::Local => "local",
        }
    }
}

/// The two storages a page has.
pub struct Stores<'a> {
    pub session: &'a mut dyn Store,
    pub local: &'a mut dyn Store,
}

impl Stores<'_> {
    fn get(&mut self, w: Where) -> &mut dyn Store {
        match w {
            Where::Session => &mut *self.session,
            Where::Local => &mut *self.local,
        }
    }
}

// ------------------------------------------------------------------------
// Keys
// ------------------------------------------------------------------------

/// The key of a slot's draft written by draft version `version`:
/// `bpa-draft-v2`, `bpa-draft-previous-v2`.
pub fn key(slot: Slot, version: u64) -> String {
    let mut k = String::from(match slot {
        Slot::Draft => "bpa-draft-v",
        Slot::Previous => "bpa-draft-previous-v",
        Slot::Emptied => "bpa-draft-emptied-v",
    });
    k.push_str(&version.to_string());
    k
}

/// The keys the page's JavaScript wrote (draft version 1).
const LEGACY_DRAFT: &str = "bpa-kalkulator.draft";
const LEGACY_PREVIOUS: &str = "bpa-kalkulator.previous";
const SET_ASIDE: &str = "bpa-draft-set-aside-";

/// What one of our keys is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ours {
    /// A slot's draft of a draft version (1 for the JavaScript's keys).
    Draft(Slot, u64),
    SetAside(u64),
    /// Ours by its prefix, but nothing this version reads.
    Other,
}

/// Our key, and what it is; `None` for the rest of the site's keys.
fn classify(key: &str) -> Option<Ours> {
    let number = |s: &str| {
        (!s.is_empty()
            && !s.starts_with('0')
            && s.len() <= 9
            && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse::<u64>().ok())
        .flatten()
    };
    let ours = if let Some(rest) = key.strip_prefix("bpa-draft-previous-v") {
        number(rest).map(|v| Ours::Draft(Slot::Previous, v))
    } else if let Some(rest) = key.strip_prefix("bpa-draft-emptied-v") {
        number(rest).map(|v| Ours::Draft(Slot::Emptied, v))
    } else if let Some(rest) = key.strip_prefix(SET_ASIDE) {
        number(rest).map(Ours::SetAside)
    } else if let Some(rest) = key.strip_prefix("bpa-draft-v") {
        number(rest).map(|v| Ours::Draft(Slot::Draft, v))
    } else if key == LEGACY_DRAFT {
        Some(Ours::Draft(Slot::Draft, 1))
    } else if key == LEGACY_PREVIOUS {
        Some(Ours::Draft(Slot::Previous, 1))
    } else {
        None
    };
    let prefixed =
        key == "bpa-draft" || key.starts_with("bpa-draft-") || key.starts_with("bpa-kalkulator.");
    ours.or(prefixed.then_some(Ours::Other))
}

// ------------------------------------------------------------------------
// Time
// ------------------------------------------------------------------------

/// The latest time written: 9999-12-31T23:59:59.999Z.
const MAX_MS: f64 = 253_402_300_799_999.0;

/// Milliseconds since 1970 as `YYYY-MM-DDTHH:MM:SS.sssZ`, as JavaScript's
/// `Date.prototype.toISOString` writes it (within 1970–9999).
pub fn iso(ms: f64) -> String {
    let ms = if ms.is_finite() {
        ms.clamp(0.0, MAX_MS) as i64
    } else {
        0
    };
    let day = 86_400_000;
    let rem = ms % day;
    let mut out = Date::from_unix_days(ms / day).to_string();
    for (sep, n, width) in [
        ('T', rem / 3_600_000, 2),
        (':', rem / 60_000 % 60, 2),
        (':', rem / 1000 % 60, 2),
        ('.', rem % 1000, 3),
    ] {
        out.push(sep);
        let digits = n.to_string();
        for _ in digits.len()..width {
            out.push('0');
        }
        out.push_str(&digits);
    }
    out.push('Z');
    out
}

/// Reads what [`iso`] writes (and the same without milliseconds) back into
/// milliseconds since 1970; `None` for anything else.
pub fn parse_iso(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if !(b.len() == 24 || b.len() == 20) || !s.is_ascii() || b[b.len() - 1] != b'Z' {
        return None;
    }
    let date = Date::parse(s.get(..10)?)?;
    let num = |from: usize, to: usize| -> Option<i64> {
        let part = s.get(from..to)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    if b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (h, m, sec) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    let millis = if b.len() == 24 {
        if b[19] != b'.' {
            return None;
        }
        num(20, 23)?
    } else {
        0
    };
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    let ms = ((date.unix_days() * 24 + h) * 60 + m) * 60_000 + sec * 1000 + millis;
    Some(ms as f64)
}

// ------------------------------------------------------------------------
// The envelope
// ------------------------------------------------------------------------

/// A draft as stored: its envelope, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    /// The draft version that wrote it (1: the page's JavaScript).
    pub version: u64,
    pub saved: Option<String>,
    pub expires: Option<String>,
    /// The case as typed: a JSON object (or null), whatever it holds.
    pub case: Value,
}

impl Envelope {
    fn expired(&self, now_ms: f64) -> bool {
        self.expires
            .as_deref()
            .and_then(parse_iso)
            .is_some_and(|at| at <= now_ms)
    }
}

/// What a key of ours holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// A draft of this version or an older one.
    Draft(Envelope),
    /// A draft of a newer version (its draft version, when that is newer;
    /// `None` when only the case's format is): left for that version.
    Newer(Option<u64>),
    /// Not a draft at all, and why: `too_large`, `not_json`, `not_a_draft`,
    /// `not_a_case` (our envelope, but its case is no object).
    NotADraft(&'static str),
}

/// Reads a stored value: the envelope, with the limits and the JSON reader
/// of every input (`case::read::json_value`).
pub fn read_stored(text: &str) -> Stored {
    let object = match object_of(text) {
        Ok(o) => o,
        Err(why) => return Stored::NotADraft(why),
    };
    // The page's JavaScript wrote {app, format: 1, saved: ms, case}.
    if object.get("app").and_then(Value::as_str) == Some("bpa-kalkulator") {
        return read_legacy(object);
    }
    if object.get("format").and_then(Value::as_str) != Some(DRAFT_FORMAT) {
        return Stored::NotADraft("not_a_draft");
    }
    let Some(version) = object
        .get("version")
        .and_then(Value::as_u64)
        .filter(|v| *v >= 1)
    else {
        return Stored::NotADraft("not_a_draft");
    };
    if version > DRAFT_VERSION {
        return Stored::Newer(Some(version));
    }
    let text_of = |k: &str| object.get(k).and_then(Value::as_str).map(str::to_string);
    finish(Envelope {
        version,
        saved: text_of("saved"),
        expires: text_of("expires"),
        case: object.get("case").cloned().unwrap_or(Value::Null),
    })
}

/// JSON text as an object, within the limits of every input.
fn object_of(text: &str) -> Result<Map<String, Value>, &'static str> {
    if text.len() > config::MAX_INPUT_BYTES {
        return Err("too_large");
    }
    match json_value(text) {
        Ok(Value::Object(o)) => Ok(o),
        Ok(_) => Err("not_a_draft"),
        Err(_) => Err("not_json"),
    }
}

/// The envelope of draft version 1 (times in milliseconds).
fn read_legacy(object: Map<String, Value>) -> Stored {
    match object.get("format").and_then(Value::as_u64) {
        Some(1) => {}
        Some(n) if n > 1 => return Stored::Newer(None),
        _ => return Stored::NotADraft("not_a_draft"),
    }
    let time = |k: &str| object.get(k).and_then(Value::as_f64).map(iso);
    finish(Envelope {
        version: 1,
        saved: time("saved"),
        expires: time("expires"),
        case: object.get("case").cloned().unwrap_or(Value::Null),
    })
}

/// A draft, unless its case is of a newer format than this version reads,
/// or is no case at all: the page's case is always an object, so a `case`
/// that is a number, a text or a list (`"case": 5`) was not written by the
/// page. It cannot be opened, and the next keystroke must not go over it:
/// it is no draft (`not_a_case`), and is set aside as it is.
fn finish(envelope: Envelope) -> Stored {
    if !matches!(envelope.case, Value::Object(_) | Value::Null) {
        return Stored::NotADraft("not_a_case");
    }
    let newer = envelope
        .case
        .get("version")
        .and_then(Value::as_f64)
        .is_some_and(|v| v > f64::from(FORMAT_VERSION));
    if newer {
        Stored::Newer(None)
    } else {
        Stored::Draft(envelope)
    }
}

/// The envelope's text for a case.
fn write_envelope(case: &Value, saved: &str, expires: Option<&str>) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        format: &'static str,
        version: u64,
        saved: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        expires: Option<&'a str>,
        case: &'a Value,
    }
    // A `Value` always writes; an empty text would be refused below.
    serde_json::to_string(&Out {
        format: DRAFT_FORMAT,
        version: DRAFT_VERSION,
        saved,
        expires,
        case,
    })
    .unwrap_or_default()
}

/// Does this text hold a draft of this very version, which may be
/// overwritten? Read whole: its case may be of a newer format.
#[cfg(test)]
fn is_own(text: &str) -> bool {
    own(text).is_some()
}

/// The envelope of a draft of this very version, else `None`.
fn own(text: &str) -> Option<Envelope> {
    match read_stored(text) {
        Stored::Draft(e) if e.version == DRAFT_VERSION => Some(e),
        _ => None,
    }
}

// ------------------------------------------------------------------------
// What the page passes
// ------------------------------------------------------------------------

/// The case the page passes as JSON text, as a JSON value to save: the
/// value the text holds; a text that is not JSON at all is read as a JSON
/// string (which [`save`] then refuses in words, as it refuses any case
/// that is no object: the page's case always is one). A
/// lone surrogate (half an emoji, cut off in a text field) reads as U+FFFD.
/// Refused only over the limits every input has (size, depth).
pub fn case_from_text(text: &str) -> Result<Value, InputErrors> {
    if text.len() > config::MAX_INPUT_BYTES {
        return Err(too_large().into());
    }
    match json_value(text) {
        Ok(v) => Ok(v),
        Err(e) if e.code == "MALFORMED_JSON" => {
            let mended = mend_surrogates(text);
            Ok(json_value(&mended).unwrap_or_else(|_| Value::String(text.to_string())))
        }
        Err(e) => Err(e.into()),
    }
}

/// JSON text with every `\u` escape of a lone surrogate written as
/// `\ufffd`, which serde_json reads (JavaScript's `JSON.stringify` writes
/// lone surrogates so; serde_json refuses them).
fn mend_surrogates(text: &str) -> String {
    let b = text.as_bytes();
    let hex = |at: usize| -> Option<u32> {
        let part = text.get(at..at + 4)?;
        u32::from_str_radix(part, 16)
            .ok()
            .filter(|_| part.bytes().all(|c| c.is_ascii_hexdigit()))
    };
    // The code unit of a `\uXXXX` escape at `at`.
    let unit = |at: usize| -> Option<u32> {
        (b.get(at) == Some(&b'\\') && b.get(at + 1) == Some(&b'u'))
            .then(|| hex(at + 2))
            .flatten()
    };
    let mut out = String::with_capacity(text.len());
    let (mut i, mut from) = (0, 0);
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(i) {
            Some(0xD800..=0xDBFF)
                if unit(i + 6).is_some_and(|l| (0xDC00..=0xDFFF).contains(&l)) =>
            {
                i += 12;
            }
            Some(0xD800..=0xDFFF) => {
                out.push_str(text.get(from..i).unwrap_or_default());
                out.push_str("\\ufffd");
                i += 6;
                from = i;
            }
            Some(_) => i += 6,
            // `\\`, `\"` and the rest: the escaped character is no escape.
            None => i += 2,
        }
    }
    out.push_str(text.get(from..).unwrap_or_default());
    out
}

/// True when a case holds nothing the person entered: no answers, needs,
/// monthly needs or notes, and no settings but the language they read in
/// and the municipality the page was opened for (`?kommune=oslo`). Such a
/// case is not saved: a page opened after "clear my data" stays clear.
pub fn is_empty_case(case: &Value) -> bool {
    match case {
        Value::Object(o) => o.iter().all(|(k, v)| match (k.as_str(), v) {
            ("version", _) => true,
            ("settings", Value::Object(s)) => s
                .iter()
                .all(|(k, v)| matches!(k.as_str(), "lang" | "municipality") || blank(v)),
            _ => blank(v),
        }),
        other => blank(other),
    }
}

/// Nothing entered: null, `""`, `[]`, or an object of such.
fn blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(blank),
        _ => false,
    }
}

/// How much a case holds: its needs and monthly needs, and the answers and
/// notes filled in. Of two drafts, the one with more is the fuller.
pub fn entries(case: &Value) -> usize {
    let count = |part: &str| match case.get(part) {
        Some(Value::Array(a)) => a.len(),
        Some(Value::Object(o)) => o.values().filter(|v| !blank(v)).count(),
        _ => 0,
    };
    count("needs") + count("monthly") + count("person") + count("notes")
}

/// The week kept when the form was emptied, as the page tells it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Week {
    pub needs: usize,
    pub monthly: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saved: Option<String>,
}

impl Week {
    fn of(e: &Envelope) -> Week {
        let len = |k: &str| e.case.get(k).and_then(Value::as_array).map_or(0, Vec::len);
        Week {
            needs: len("needs"),
            monthly: len("monthly"),
            saved: e.saved.clone(),
        }
    }
}

/// How deep a value nests (a number 0, `[]` 1, `[[]]` 2).
fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// Deepest case a draft holds: its envelope is one level more, and the
/// whole must read again (`config::MAX_JSON_DEPTH` is serde_json's limit,
/// which refuses the 128th level).
const MAX_CASE_DEPTH: usize = config::MAX_JSON_DEPTH - 2;

fn too_large() -> InputError {
    InputError::new("", "DRAFT_TOO_LARGE").with("limit", config::MAX_INPUT_BYTES)
}

// ------------------------------------------------------------------------
// Loading
// ------------------------------------------------------------------------

/// A draft found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Found {
    /// The case as typed: a JSON object, valid or not.
    pub case: Value,
    /// No errors: the case opens as a file would.
    pub valid: bool,
    /// What the case reader and its checks say, each naming its field
    /// (`needs[0].end`), as for a file.
    pub errors: Vec<InputError>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saved: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    pub store: Where,
    pub key: String,
    /// The draft version that saved it (1: the page before this module).
    pub version: u64,
}

/// Which storages could be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Available {
    pub session: bool,
    pub local: bool,
}

/// What [`load`] found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Loaded {
    /// This tab's draft, else the one kept on the device.
    pub draft: Option<Found>,
    /// The draft a link or file replaced.
    pub previous: Option<Found>,
    /// The fullest draft before the person emptied the form ([`save`]).
    pub emptied: Option<Found>,
    /// A draft is kept on this device (`localStorage`): go on keeping it.
    pub keep: bool,
    pub keep_days: u32,
    pub available: Available,
    /// What the page should tell the person, as errors with words in the
    /// catalogues: `DRAFT_NEWER_KEPT`, `DRAFT_SET_ASIDE`, `DRAFT_EXPIRED`,
    /// `DRAFT_READ_FAILED`, `DRAFT_UNREADABLE_KEPT`,
    /// `DRAFT_STORAGE_UNAVAILABLE` (this tab's storage only).
    pub notices: Vec<InputError>,
}

fn notice(code: &'static str, w: Where) -> InputError {
    InputError::new("", code).with("store", w.name())
}

/// Opens the drafts in both storages. Never deletes a draft: only one
/// past its `expires` (the person chose to keep it that long), and it says
/// so. What is no draft at all is set aside; a draft of a newer version is
/// left where it is.
pub fn load(stores: &mut Stores<'_>, now_ms: f64) -> Loaded {
    let mut notices = Vec::new();
    let mut found: [[Option<Found>; 3]; 2] = Default::default();
    let mut available = [false; 2];
    for (i, w) in [Where::Session, Where::Local].into_iter().enumerate() {
        let store = stores.get(w);
        match store.keys() {
            Ok(keys) => {
                available[i] = true;
                found[i] = scan(store, w, &keys, now_ms, &mut notices);
            }
            Err(f @ (Fault::Unavailable | Fault::Security)) => {
                if w == Where::Session {
                    notices.push(notice("DRAFT_STORAGE_UNAVAILABLE", w).with("reason", f.reason()));
                }
            }
            Err(f) => notices.push(notice("DRAFT_READ_FAILED", w).with("reason", f.reason())),
        }
    }
    let [[s_draft, s_previous, s_emptied], [l_draft, l_previous, l_emptied]] = found;
    let keep = l_draft.is_some();
    Loaded {
        draft: s_draft.or(l_draft),
        previous: s_previous.or(l_previous),
        emptied: s_emptied.or(l_emptied),
        keep,
        keep_days: KEEP_DAYS,
        available: Available {
            session: available[0],
            local: available[1],
        },
        notices,
    }
}

/// One storage's drafts, for each slot.
fn scan(
    store: &mut dyn Store,
    w: Where,
    keys: &[String],
    now_ms: f64,
    notices: &mut Vec<InputError>,
) -> [Option<Found>; 3] {
    let mut drafts: Vec<(Slot, u64, &str)> = Vec::new();
    for k in keys {
        if let Some(Ours::Draft(slot, v)) = classify(k) {
            if v > DRAFT_VERSION {
                notices.push(
                    notice("DRAFT_NEWER_KEPT", w)
                        .with("key", k)
                        .with("version", v),
                );
            } else {
                drafts.push((slot, v, k));
            }
        }
    }
    let mut out: [Option<Found>; 3] = Default::default();
    for (i, slot) in [Slot::Draft, Slot::Previous, Slot::Emptied]
        .into_iter()
        .enumerate()
    {
        // Ours first, then older versions, newest first (by hand: a sort
        // would cost the page's module more than the few keys are worth).
        let mut mine: Vec<(u64, &str)> = drafts
            .iter()
            .filter(|d| d.0 == slot)
            .map(|d| (d.1, d.2))
            .collect();
        let mut ordered = Vec::with_capacity(mine.len());
        while let Some(at) = (0..mine.len()).max_by_key(|&j| mine[j].0) {
            ordered.push(mine.swap_remove(at));
        }
        for (_, k) in &ordered {
            let text = match store.get(k) {
                Ok(Some(t)) => t,
                Ok(None) => continue,
                Err(f) => {
                    notices.push(
                        notice("DRAFT_READ_FAILED", w)
                            .with("key", k)
                            .with("reason", f.reason()),
                    );
                    continue;
                }
            };
            match read_stored(&text) {
                Stored::Draft(e) if e.expired(now_ms) => {
                    // What the person chose: kept this long, and no longer.
                    let _ = store.remove(k);
                    notices.push(notice("DRAFT_EXPIRED", w).with("days", KEEP_DAYS));
                }
                Stored::Draft(e) => {
                    out[i] = Some(opened(e, w, k));
                    break;
                }
                Stored::Newer(v) => {
                    let at = if *k == key(slot, DRAFT_VERSION) {
                        // In our own key it is in our way: to its own.
                        make_way(store, keys, k, &text, slot, v).unwrap_or_else(|_| k.to_string())
                    } else {
                        k.to_string()
                    };
                    let mut n = notice("DRAFT_NEWER_KEPT", w).with("key", at);
                    if let Some(v) = v {
                        n = n.with("version", v);
                    }
                    notices.push(n);
                }
                Stored::NotADraft(why) => match set_aside(store, keys, k, &text) {
                    Ok(to) => {
                        let _ = store.remove(k);
                        notices.push(
                            notice("DRAFT_SET_ASIDE", w)
                                .with("key", to)
                                .with("why", why),
                        );
                    }
                    Err(f) => notices.push(
                        notice("DRAFT_UNREADABLE_KEPT", w)
                            .with("key", k)
                            .with("why", why)
                            .with("reason", f.reason()),
                    ),
                },
            }
        }
    }
    out
}

/// A draft as the page gets it: the case as typed, and what its reader says.
fn opened(e: Envelope, w: Where, key: &str) -> Found {
    let errors = match from_value(e.case.clone()) {
        Ok(_) => Vec::new(),
        Err(InputErrors(errs)) => errs,
    };
    Found {
        case: e.case,
        valid: errors.is_empty(),
        errors,
        saved: e.saved,
        expires: e.expires,
        store: w,
        key: key.to_string(),
        version: e.version,
    }
}

/// Moves what is in `from` (`text`, a newer version's draft) out of the
/// way: to that version's own key when it is free, else set aside.
/// Returns where it went.
fn make_way(
    store: &mut dyn Store,
    keys: &[String],
    from: &str,
    text: &str,
    slot: Slot,
    newer: Option<u64>,
) -> Result<String, Fault> {
    if let Some(v) = newer {
        let to = key(slot, v);
        if store.get(&to)?.is_none() {
            store.set(&to, text)?;
            store.remove(from)?;
            return Ok(to);
        }
    }
    let to = set_aside(store, keys, from, text)?;
    store.remove(from)?;
    Ok(to)
}

/// Copies `text` to the next free `bpa-draft-set-aside-<n>` key (the
/// caller removes the original). Nothing is copied over another value.
fn set_aside(
    store: &mut dyn Store,
    keys: &[String],
    from: &str,
    text: &str,
) -> Result<String, Fault> {
    let mut taken: Vec<u64> = keys
        .iter()
        .filter_map(|k| match classify(k) {
            Some(Ours::SetAside(n)) => Some(n),
            _ => None,
        })
        .collect();
    // Keys may have changed since they were listed: ask again.
    if let Ok(now) = store.keys() {
        taken.extend(now.iter().filter_map(|k| match classify(k) {
            Some(Ours::SetAside(n)) => Some(n),
            _ => None,
        }));
    }
    // The same key may be listed twice (before and now): counted once.
    let count = (0..taken.len())
        .filter(|&i| !taken[..i].contains(&taken[i]))
        .count();
    if count >= config::MAX_DRAFT_SET_ASIDE {
        return Err(Fault::Crowded);
    }
    let n = taken.iter().max().map_or(1, |n| n + 1);
    let to = format!("{SET_ASIDE}{n}");
    if to == from {
        return Err(Fault::Other);
    }
    store.set(&to, text)?;
    Ok(to)
}

// ------------------------------------------------------------------------
// Saving
// ------------------------------------------------------------------------

/// A draft saved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Saved {
    /// When, as written in the envelope.
    pub saved: String,
    /// Until when it is kept on the device; only when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// Where it was written: `session`, and `local` when kept.
    pub stores: Vec<Where>,
    /// A storage that could not be written while another was (as the
    /// refusals below), and what had to be moved out of the way.
    pub notices: Vec<InputError>,
    /// The fullest draft from before things were removed, kept to be taken
    /// back (`bpa-draft-emptied-v<N>`): what it holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emptied: Option<Week>,
}

/// The error for a storage that could not be written.
fn write_error(w: Where, f: Fault) -> InputError {
    match f {
        Fault::Unavailable | Fault::Security => {
            notice("DRAFT_STORAGE_UNAVAILABLE", w).with("reason", f.reason())
        }
        Fault::Quota => notice("DRAFT_STORAGE_FULL", w),
        Fault::Crowded | Fault::Other => notice("DRAFT_SAVE_FAILED", w).with("reason", f.reason()),
    }
}

/// Saves a case as typed, valid or not, in this tab's storage, and on the
/// device too when `keep`. Refuses an empty case ([`is_empty_case`]:
/// `DRAFT_EMPTY`), a case that is no JSON object (`INVALID_VALUE`,
/// `expected_object`), one over the size limit (`DRAFT_TOO_LARGE`) or nested
/// deeper than a draft can be read again, or of a newer case format than
/// this version's (`NEWER_VERSION`); and when no storage could be
/// written, says why (`DRAFT_STORAGE_UNAVAILABLE`, `DRAFT_STORAGE_FULL`,
/// `DRAFT_SAVE_FAILED`): the work then stays in the tab. Overwrites only a
/// draft of this very version: anything else in its key is moved first.
pub fn save(
    stores: &mut Stores<'_>,
    slot: Slot,
    case: &Value,
    keep: bool,
    now_ms: f64,
) -> Result<Saved, InputErrors> {
    if is_empty_case(case) {
        if slot == Slot::Draft {
            return empty_form(stores, now_ms);
        }
        return Err(InputError::new("", "DRAFT_EMPTY").into());
    }
    // The page's case is an object, whatever it holds; anything else would
    // be written as a draft that no page can open (see `finish`).
    if !case.is_object() {
        let e = InputError::new("", "INVALID_VALUE").with("shape", "expected_object");
        return Err(e.into());
    }
    // A newer format's case is that version's draft, never this one's.
    if let Some(v) = case.get("version").and_then(Value::as_f64) {
        if v > f64::from(FORMAT_VERSION) {
            let n = case
                .get("version")
                .map(Value::to_string)
                .unwrap_or_default();
            return Err(newer_version(&n).into());
        }
    }
    if depth(case) > MAX_CASE_DEPTH {
        let e = InputError::new("", "INVALID_VALUE")
            .with("shape", "too_deep")
            .with("limit", MAX_CASE_DEPTH);
        return Err(e.into());
    }
    let saved = iso(now_ms);
    let expires = keep.then(|| iso(now_ms + f64::from(KEEP_DAYS) * DAY_MS));
    let mut targets = vec![(Where::Session, write_envelope(case, &saved, None))];
    if let Some(expires) = &expires {
        targets.push((Where::Local, write_envelope(case, &saved, Some(expires))));
    }
    if targets
        .iter()
        .any(|(_, t)| t.is_empty() || t.len() > config::MAX_INPUT_BYTES)
    {
        return Err(too_large().into());
    }
    let k = key(slot, DRAFT_VERSION);
    // Removing things from the draft keeps the fuller draft before it.
    let shrinks_to = (slot == Slot::Draft).then(|| entries(case));
    let (mut written, mut problems, mut notices) = (Vec::new(), Vec::new(), Vec::new());
    let mut emptied = None;
    for (w, text) in &targets {
        match write(stores.get(*w), *w, slot, &k, text, shrinks_to, &mut notices) {
            Ok(kept) => {
                written.push(*w);
                emptied = emptied.or(kept);
            }
            Err(f) => problems.push(write_error(*w, f)),
        }
    }
    if written.is_empty() {
        problems.extend(notices);
        return Err(InputErrors(problems));
    }
    problems.extend(notices);
    Ok(Saved {
        saved,
        expires: expires.filter(|_| written.contains(&Where::Local)),
        stores: written,
        notices: problems,
        emptied,
    })
}

/// The person emptied the form (the page passes an empty case only after
/// it held something): nothing is saved, and the draft they had
/// is moved to the emptied slot (or stays there, when that holds a fuller
/// one), so that the page opens again as they left it and offers the week
/// back. `DRAFT_EMPTY` when there was no draft of ours to move; a storage
/// that cannot keep it keeps the draft where it is.
fn empty_form(stores: &mut Stores<'_>, now_ms: f64) -> Result<Saved, InputErrors> {
    let k = key(Slot::Draft, DRAFT_VERSION);
    let (mut moved, mut problems, mut notices) = (Vec::new(), Vec::new(), Vec::new());
    let mut emptied = None;
    for w in [Where::Session, Where::Local] {
        let store = stores.get(w);
        let current = match store.get(&k) {
            Ok(Some(text)) => text,
            // Nothing there, or nothing to read: nothing to move.
            Ok(None) | Err(_) => continue,
        };
        let Some(e) = own(&current).filter(|e| entries(&e.case) > 0) else {
            continue;
        };
        let kept = keep_emptied(store, w, &current, &e, &mut notices)
            .and_then(|week| store.remove(&k).map(|()| week));
        match kept {
            Ok(week) => {
                moved.push(w);
                emptied = emptied.or(Some(week));
            }
            Err(f) => problems.push(write_error(w, f)),
        }
    }
    problems.extend(notices);
    if moved.is_empty() {
        problems.insert(0, InputError::new("", "DRAFT_EMPTY"));
        return Err(InputErrors(problems));
    }
    Ok(Saved {
        saved: iso(now_ms),
        expires: None,
        stores: moved,
        notices: problems,
        emptied,
    })
}

/// Keeps `current` (the draft `e`, in this store's draft key) in the
/// emptied slot, unless that holds a fuller draft already. What is kept
/// there, either way.
fn keep_emptied(
    store: &mut dyn Store,
    w: Where,
    current: &str,
    e: &Envelope,
    notices: &mut Vec<InputError>,
) -> Result<Week, Fault> {
    let k = key(Slot::Emptied, DRAFT_VERSION);
    if let Some(kept) = store.get(&k)?.as_deref().and_then(own) {
        if entries(&kept.case) > entries(&e.case) {
            return Ok(Week::of(&kept));
        }
    }
    write(store, w, Slot::Emptied, &k, current, None, notices)?;
    Ok(Week::of(e))
}

/// Writes `text` in `key`, moving out of the way first whatever is there
/// that is not a draft of this version. A key that cannot be read is not
/// written: what it holds is unknown. With `shrinks_to` (the entries of
/// the case written), a draft there that holds more is kept first in the
/// emptied slot ([`keep_emptied`]), and what is kept there is returned;
/// when it cannot be kept, nothing is written.
fn write(
    store: &mut dyn Store,
    w: Where,
    slot: Slot,
    key: &str,
    text: &str,
    shrinks_to: Option<usize>,
    notices: &mut Vec<InputError>,
) -> Result<Option<Week>, Fault> {
    let mut emptied = None;
    if let Some(current) = store.get(key)? {
        if let Some(e) = own(&current) {
            if shrinks_to.is_some_and(|n| entries(&e.case) > n) {
                emptied = Some(keep_emptied(store, w, &current, &e, notices)?);
            }
        } else {
            let keys = store.keys()?;
            let (code, moved) = match read_stored(&current) {
                Stored::Newer(v) => (
                    "DRAFT_NEWER_KEPT",
                    make_way(store, &keys, key, &current, slot, v)?,
                ),
                // An older draft in our key (never written so): set aside, kept.
                _ => {
                    let to = set_aside(store, &keys, key, &current)?;
                    ("DRAFT_SET_ASIDE", to)
                }
            };
            notices.push(notice(code, w).with("key", moved));
        }
    }
    store.set(key, text)?;
    Ok(emptied)
}

/// What [`set_keep`] did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Kept {
    pub keep: bool,
    /// The save of the case (none for an empty case).
    pub saved: Option<Saved>,
    /// Drafts removed from the device (keeping turned off).
    pub removed: usize,
    pub notices: Vec<InputError>,
}

/// Turns "keep on this device" on (the case is saved in both storages) or
/// off: the case is saved in this tab first, and only then are our drafts
/// removed from the device (never a newer version's, nor what was set
/// aside). When the tab's save fails, nothing is removed.
pub fn set_keep(
    stores: &mut Stores<'_>,
    case: &Value,
    keep: bool,
    now_ms: f64,
) -> Result<Kept, InputErrors> {
    // An empty case here is no emptied form (see `empty_form`): nothing to
    // save. (`save` refuses with DRAFT_EMPTY only an empty case.)
    let saved = if is_empty_case(case) {
        None
    } else {
        Some(save(stores, Slot::Draft, case, keep, now_ms)?)
    };
    let mut kept = Kept {
        keep,
        saved,
        removed: 0,
        notices: Vec::new(),
    };
    if !keep {
        let (removed, errors) = remove_drafts(stores.local, Where::Local, |_| true);
        kept.removed = removed;
        kept.notices = errors;
    }
    Ok(kept)
}

/// Removes our drafts of this version and older ones (not a newer
/// version's, not what was set aside) for which `which(slot)` holds.
fn remove_drafts(
    store: &mut dyn Store,
    w: Where,
    which: impl Fn(Slot) -> bool,
) -> (usize, Vec<InputError>) {
    let keys = match store.keys() {
        Ok(k) => k,
        Err(Fault::Unavailable) => return (0, Vec::new()),
        Err(f) => return (0, vec![clear_error(w, f, 0)]),
    };
    let mut removed = 0;
    for k in keys {
        if let Some(Ours::Draft(slot, v)) = classify(&k) {
            if v <= DRAFT_VERSION && which(slot) {
                match store.remove(&k) {
                    Ok(()) => removed += 1,
                    Err(f) => return (removed, vec![clear_error(w, f, 1)]),
                }
            }
        }
    }
    (removed, Vec::new())
}

/// Forgets a slot's drafts in both storages: `Previous`, the draft a link
/// or file replaced (the person went back to it, or chose the new one), or
/// `Emptied`, the week kept when the form was emptied (taken back, it is
/// the draft now).
pub fn forget(stores: &mut Stores<'_>, slot: Slot) -> (usize, Vec<InputError>) {
    let mut all = (0, Vec::new());
    for w in [Where::Session, Where::Local] {
        let (n, errs) = remove_drafts(stores.get(w), w, |s| s == slot);
        all.0 += n;
        all.1.extend(errs);
    }
    all
}

// ------------------------------------------------------------------------
// Clearing
// ------------------------------------------------------------------------

/// What [`clear`] did in one storage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoreCleared {
    pub store: Where,
    /// False when the storage could not be reached at all.
    pub available: bool,
    /// Our keys removed (checked by reading back).
    pub cleared: usize,
    /// Our keys still there after clearing.
    pub remaining: usize,
}

/// What [`clear`] did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cleared {
    /// Our keys removed in both storages.
    pub cleared: usize,
    pub stores: Vec<StoreCleared>,
    /// Why something could not be cleared (`DRAFT_CLEAR_FAILED`); empty
    /// when everything of ours is gone.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<InputError>,
}

fn clear_error(w: Where, f: Fault, remaining: usize) -> InputError {
    notice("DRAFT_CLEAR_FAILED", w)
        .with("reason", f.reason())
        .with("remaining", remaining)
}

/// Removes everything of ours from both storages: every draft of every
/// version, what was set aside, the page's older keys (only ours: the
/// rest of the site's data stays). Then reads back, and says exactly what
/// is gone and what is not.
pub fn clear(stores: &mut Stores<'_>) -> Cleared {
    let mut out = Cleared {
        cleared: 0,
        stores: Vec::new(),
        errors: Vec::new(),
    };
    for w in [Where::Session, Where::Local] {
        let store = stores.get(w);
        let mut done = StoreCleared {
            store: w,
            available: true,
            cleared: 0,
            remaining: 0,
        };
        let ours = |keys: Vec<String>| -> Vec<String> {
            keys.into_iter().filter(|k| classify(k).is_some()).collect()
        };
        match store.keys().map(ours) {
            // Not there at all: it holds nothing of ours.
            Err(Fault::Unavailable) => done.available = false,
            Err(f) => {
                done.available = false;
                out.errors.push(clear_error(w, f, 0));
            }
            Ok(keys) => {
                let mut fault = None;
                for k in &keys {
                    if let Err(f) = store.remove(k) {
                        fault.get_or_insert(f);
                    }
                }
                // Read back: what is still there, by its key and by the list.
                let after = store.keys().map(ours);
                let left: Vec<&String> = keys
                    .iter()
                    .filter(|k| !matches!(store.get(k), Ok(None)))
                    .collect();
                let mut remaining = left.len();
                if let Ok(after) = &after {
                    remaining += after.iter().filter(|k| !keys.contains(k)).count();
                }
                done.cleared = keys.len() - left.len();
                done.remaining = remaining;
                let fault = fault.or(after.err());
                if remaining > 0 || fault.is_some() {
                    out.errors
                        .push(clear_error(w, fault.unwrap_or(Fault::Other), remaining));
                }
            }
        }
        out.cleared += done.cleared;
        out.stores.push(done);
    }
    out
}

#[cfg(test)]
mod tests;
