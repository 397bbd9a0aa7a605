//! Municipality profiles (kommuneprofiler): what differs between
//! municipalities, as data. The sixth step of the flow.
//!
//! The law is the same everywhere, but each municipality has its own
//! application form, contact page, stated processing time, sometimes
//! documents it asks for or a night window it uses. A profile holds those,
//! one JSON file per municipality in `www/profiles/<id>.json`: the page
//! fetches the file and passes its text to the engine, and the CLI has them
//! compiled in. A profile never changes the rules of the law; it adds the
//! municipality's own items ([`crate::documents`]) and addresses.
//!
//! A profile is read by serde's derive (the same reader as the case), then
//! [`check`]ed: https addresses, text lengths, the conditions' depth, that
//! every item cites one of the profile's sources. Every problem is an
//! [`InputError`] naming its field (`items[0].when`), worded like the case's.
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
//!   "embed_origins": ["https://www.oslo.kommune.no"],
//!   "sources": [ { "id": "oslo-sok", "title": "…", "url": "https://…" } ],
//!   "items": [ { "code": "OSLO_SEND_TO_BYDEL", "kind": "next_step", "when": "always",
//!                "text": { "nb": "…", "nn": "…", "en": "…" }, "link": "https://…", "sources": ["oslo-sok"] } ]
//! }
//! ```

use crate::case::{name_of, IncomeBand, NightWindow};
use crate::config;
use crate::documents::{holds, Chosen, Condition, Facts, ItemKind};
use crate::error::{from_serde, item, join, InputError, InputErrors};
use crate::law::Law;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The profile format this version reads.
pub const PROFILE_FORMAT: u32 = 1;

/// The id of the neutral profile: no municipality.
pub const NEUTRAL_ID: &str = "default";

/// The lowest contrast of the accent against white that is accepted
/// (WCAG 2.1 success criterion 1.4.3: white text on the accent).
pub const MIN_ACCENT_CONTRAST: f64 = 4.5;

/// A text per language code ("nb", "nn", "en"; "se" may follow). Bokmål is
/// always there: the page falls back to it for a language a profile lacks.
pub type Texts = BTreeMap<String, String>;

/// A municipality profile.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Profile {
    #[serde(default = "format")]
    pub format: u32,
    /// Lowercase letters, digits and `-`: the file name and `?kommune=`.
    pub id: String,
    /// The municipality's name ("Oslo kommune"); none for the neutral profile.
    #[serde(default)]
    pub name: Option<String>,
    /// Its page on BPA, or where to ask.
    #[serde(default)]
    pub contact: Option<String>,
    /// Its application form (søknadsskjema).
    #[serde(default)]
    pub form: Option<String>,
    /// How long it says it takes to answer (saksbehandlingstid).
    #[serde(default)]
    pub processing_time: Option<ProcessingTime>,
    /// Its night window, used when the case sets none.
    #[serde(default)]
    pub night: Option<NightWindow>,
    /// A colour for the page's accents, `#rrggbb`, readable as a background
    /// behind white text.
    #[serde(default)]
    pub accent: Option<String>,
    /// The origins of the municipality's pages that embed the calculator
    /// (`https://www.oslo.kommune.no`): https, a host, no path. The page may
    /// use them to accept messages from its host page.
    #[serde(default)]
    pub embed_origins: Vec<String>,
    /// The municipality's pages the profile rests on.
    #[serde(default)]
    pub sources: Vec<ProfileSource>,
    /// Its own documents, alternatives and next steps.
    #[serde(default)]
    pub items: Vec<ProfileItem>,
    /// Its own charges for praktisk bistand og opplæring from 2G
    /// (egenbetaling), for the estimate of the cost.
    #[serde(default)]
    pub charges: Option<Charges>,
}

/// A municipality's own charges from 2G: the most a month by income band,
/// as its price list gives them for one year. Under 2G the state's cap
/// applies (the law file), so a profile names only the bands from 2G.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Charges {
    /// The year the rates are for.
    pub year: u16,
    /// The most a month in kroner, by band (`"2g_to_3g": 1211`).
    #[serde(default)]
    pub monthly_max: BTreeMap<IncomeBand, f64>,
    /// The rate per hour, when the municipality charges by the hour up to
    /// the most a month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_hour: Option<f64>,
    /// Ids of the profile's sources that give the rates.
    pub sources: Vec<String>,
}

fn format() -> u32 {
    PROFILE_FORMAT
}

/// The stated processing time, in days and/or words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
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
#[serde(remote = "Self", deny_unknown_fields)]
pub struct ProfileSource {
    pub id: String,
    pub title: String,
    pub url: String,
}

/// One of the municipality's own items.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct ProfileItem {
    pub code: String,
    pub kind: ItemKind,
    pub when: Condition,
    pub text: Texts,
    #[serde(default)]
    pub link: Option<String>,
    /// Ids of the profile's sources.
    pub sources: Vec<String>,
}

crate::objects_only!(ProcessingTime, ProfileSource, Charges);
crate::objects_only!(read only: Profile, ProfileItem);

impl Profile {
    /// The neutral profile: no municipality, so no form, contact or items.
    /// The page then says how to find the municipality's own.
    pub fn neutral() -> Profile {
        Profile {
            format: PROFILE_FORMAT,
            id: NEUTRAL_ID.to_string(),
            name: None,
            contact: None,
            form: None,
            processing_time: None,
            night: None,
            accent: None,
            embed_origins: Vec::new(),
            sources: Vec::new(),
            items: Vec::new(),
            charges: None,
        }
    }

    pub fn is_neutral(&self) -> bool {
        self.id == NEUTRAL_ID
    }
}

// ------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------

/// Reads and checks a profile from its file's text.
pub fn from_json(text: &str, law: &Law) -> Result<Profile, InputErrors> {
    if text.len() > config::MAX_PROFILE_BYTES {
        let e = InputError::new("", "PROFILE_TOO_LARGE").with("limit", config::MAX_PROFILE_BYTES);
        return Err(e.into());
    }
    // Conditions nested past serde_json's own limit: the same words as
    // those nested past ours.
    let value = crate::case::read::json_value(text).map_err(|e| {
        if e.text_key() == "INVALID_VALUE.too_deep" {
            InputError::new(e.field, "CONDITION_TOO_DEEP")
                .with("limit", config::MAX_CONDITION_DEPTH)
        } else {
            e
        }
    })?;
    if let Some(serde_json::Value::Number(n)) = value.get("format") {
        if n.as_f64().is_some_and(|f| f > f64::from(PROFILE_FORMAT)) {
            let e = InputError::new("format", "PROFILE_FORMAT_NEWER")
                .with("format", n)
                .with("supported", PROFILE_FORMAT);
            return Err(e.into());
        }
    }
    let profile: Profile = serde_path_to_error::deserialize(value).map_err(from_serde)?;
    let problems = check(&profile, law);
    if problems.is_empty() {
        let mut profile = profile;
        if let Some(accent) = &mut profile.accent {
            accent.make_ascii_lowercase();
        }
        Ok(profile)
    } else {
        Err(InputErrors(problems))
    }
}

/// The profiles shipped in `www/profiles/`, compiled into the CLI: (id, JSON).
/// A test checks that every file there is listed here.
#[cfg(not(target_arch = "wasm32"))]
pub const SHIPPED: [(&str, &str); 5] = [
    ("default", include_str!("../../www/profiles/default.json")),
    ("oslo", include_str!("../../www/profiles/oslo.json")),
    ("bergen", include_str!("../../www/profiles/bergen.json")),
    (
        "steinkjer",
        include_str!("../../www/profiles/steinkjer.json"),
    ),
    ("gulen", include_str!("../../www/profiles/gulen.json")),
];

/// A shipped profile by id: `None` when there is none by that name.
#[cfg(not(target_arch = "wasm32"))]
pub fn shipped(id: &str) -> Option<Result<Profile, InputErrors>> {
    SHIPPED
        .iter()
        .find(|(name, _)| *name == id)
        .map(|(_, text)| from_json(text, Law::embedded()))
}

// ------------------------------------------------------------------------
// Checking what serde cannot
// ------------------------------------------------------------------------

/// Every problem with a read profile, each naming its field.
pub fn check(profile: &Profile, law: &Law) -> Vec<InputError> {
    let mut p = Problems(Vec::new());
    if !is_id(&profile.id) {
        p.bad_id("id");
    }
    if let Some(name) = &profile.name {
        p.text("name", name, config::MAX_PROFILE_NAME_CHARS);
    }
    for (field, url) in [("contact", &profile.contact), ("form", &profile.form)] {
        if let Some(url) = url {
            p.url(field, url);
        }
    }
    let known = &profile.sources;
    if known.len() > config::MAX_PROFILE_SOURCES {
        p.too_many("sources", config::MAX_PROFILE_SOURCES);
    }
    for (i, s) in known.iter().enumerate() {
        let at = item("sources", i);
        if !is_id(&s.id) {
            p.bad_id(&join(&at, "id"));
        }
        if known[..i].iter().any(|o| o.id == s.id) {
            p.duplicate(&join(&at, "id"), &s.id);
        }
        p.text(
            &join(&at, "title"),
            &s.title,
            config::MAX_PROFILE_NAME_CHARS,
        );
        p.url(&join(&at, "url"), &s.url);
    }
    if let Some(t) = &profile.processing_time {
        let at = "processing_time";
        if let Some(days) = t.days {
            if !(1..=config::MAX_PROCESSING_DAYS).contains(&days) {
                p.over(
                    "processing_time.days",
                    "DAYS_RANGE",
                    config::MAX_PROCESSING_DAYS as usize,
                );
            }
        }
        match &t.text {
            Some(text) => p.texts("processing_time.text", text),
            None if t.days.is_none() => p.push(at, "PROCESSING_TIME_EMPTY"),
            None => {}
        }
        p.sources("processing_time.sources", &t.sources, known);
    }
    if let Some(w) = &profile.night {
        if !w.is_valid() {
            p.push("night", "BAD_NIGHT");
        }
    }
    if let Some(c) = &profile.charges {
        p.charges(c, known);
    }
    if let Some(accent) = &profile.accent {
        p.accent(accent);
    }
    let origins = &profile.embed_origins;
    if origins.len() > config::MAX_PROFILE_EMBED_ORIGINS {
        p.too_many("embed_origins", config::MAX_PROFILE_EMBED_ORIGINS);
    }
    for (i, o) in origins.iter().enumerate() {
        let at = item("embed_origins", i);
        if o.chars().count() > config::MAX_PROFILE_ORIGIN_CHARS {
            p.over(&at, "TEXT_TOO_LONG", config::MAX_PROFILE_ORIGIN_CHARS);
        } else if !https_origin(o) {
            p.push(&at, "BAD_ORIGIN");
        } else if origins[..i].contains(o) {
            p.duplicate(&at, o);
        }
    }
    if profile.items.len() > config::MAX_PROFILE_ITEMS {
        p.too_many("items", config::MAX_PROFILE_ITEMS);
    }
    for (i, it) in profile.items.iter().enumerate() {
        let at = item("items", i);
        let field = |key: &str| join(&at, key);
        if !is_code(&it.code) {
            p.over(
                &field("code"),
                "BAD_ITEM_CODE",
                config::MAX_PROFILE_ID_CHARS,
            );
        }
        if profile.items[..i].iter().any(|o| o.code == it.code) {
            p.duplicate(&field("code"), &it.code);
        }
        p.texts(&field("text"), &it.text);
        if let Some(link) = &it.link {
            p.url(&field("link"), link);
        }
        p.sources(&field("sources"), &it.sources, known);
        p.condition(&field("when"), &it.when, 1, law);
    }
    p.0
}

/// Collects problems with their fields and the values their messages name.
struct Problems(Vec<InputError>);

impl Problems {
    fn push(&mut self, field: &str, code: &'static str) {
        self.0.push(InputError::new(field, code));
    }

    /// A problem whose message names a `limit`.
    fn over(&mut self, field: &str, code: &'static str, limit: usize) {
        self.0
            .push(InputError::new(field, code).with("limit", limit));
    }

    fn too_many(&mut self, field: &str, limit: usize) {
        self.over(field, "PROFILE_TOO_MANY", limit);
    }

    fn bad_id(&mut self, field: &str) {
        self.over(field, "PROFILE_BAD_ID", config::MAX_PROFILE_ID_CHARS);
    }

    fn duplicate(&mut self, field: &str, value: &str) {
        self.0
            .push(InputError::new(field, "DUPLICATE").with("value", value));
    }

    fn too_long(&mut self, field: &str, text: &str, limit: usize) {
        if text.chars().count() > limit {
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

    fn sources(&mut self, field: &str, ids: &[String], known: &[ProfileSource]) {
        if ids.is_empty() {
            self.push(field, "NO_SOURCE");
        }
        for (i, id) in ids.iter().enumerate() {
            if !known.iter().any(|s| s.id == *id) {
                self.0
                    .push(InputError::new(item(field, i), "UNKNOWN_SOURCE").with("source", id));
            }
        }
    }

    /// Rates for the bands from 2G, in a plausible range, for a year,
    /// citing the profile's own sources.
    fn charges(&mut self, c: &Charges, known: &[ProfileSource]) {
        if !(2000..=2100).contains(&c.year) {
            self.push("charges.year", "CHARGES_YEAR");
        }
        if c.monthly_max.is_empty() && c.per_hour.is_none() {
            self.push("charges", "CHARGES_EMPTY");
        }
        let amount = |v: f64| v.is_finite() && (0.0..=config::MAX_CHARGE_KR).contains(&v);
        for (band, v) in &c.monthly_max {
            let at = join("charges.monthly_max", &name_of(band));
            if matches!(band, IncomeBand::Under2G | IncomeBand::NotTelling) {
                self.push(&at, "CHARGES_BAND");
            } else if !amount(*v) {
                self.over(&at, "CHARGES_AMOUNT", config::MAX_CHARGE_KR as usize);
            }
        }
        if c.per_hour.is_some_and(|v| !amount(v)) {
            self.over(
                "charges.per_hour",
                "CHARGES_AMOUNT",
                config::MAX_CHARGE_KR as usize,
            );
        }
        self.sources("charges.sources", &c.sources, known);
    }

    fn accent(&mut self, accent: &str) {
        let Some(rgb) = hex_colour(accent) else {
            self.push("accent", "ACCENT_NOT_HEX");
            return;
        };
        let contrast = contrast_with_white(rgb);
        if contrast < MIN_ACCENT_CONTRAST {
            // One decimal, rounded down: 4.49 never reads as 4.5.
            let ratio = (contrast * 10.0).floor() / 10.0;
            let e = InputError::new("accent", "ACCENT_LOW_CONTRAST")
                .with("ratio", ratio)
                .with("min", MIN_ACCENT_CONTRAST);
            self.0.push(e);
        }
    }

    /// A condition at nesting level `depth` (1 for an item's `when`): not
    /// too deep, lists not too long, reason codes the law knows.
    fn condition(&mut self, field: &str, c: &Condition, depth: usize, law: &Law) {
        if depth > config::MAX_CONDITION_DEPTH {
            self.over(field, "CONDITION_TOO_DEEP", config::MAX_CONDITION_DEPTH);
            return;
        }
        match c {
            Condition::Any(cs) | Condition::All(cs) => {
                let at = join(
                    field,
                    if matches!(c, Condition::Any(_)) {
                        "any"
                    } else {
                        "all"
                    },
                );
                if cs.len() > config::MAX_CONDITION_LIST {
                    self.too_many(&at, config::MAX_CONDITION_LIST);
                    return;
                }
                for (i, c) in cs.iter().enumerate() {
                    self.condition(&item(&at, i), c, depth + 1, law);
                }
            }
            Condition::Not(c) => self.condition(&join(field, "not"), c, depth + 1, law),
            Condition::Reason {
                code: Some(code), ..
            } if law.sources_of(code).is_empty() => {
                let at = join(field, "reason");
                self.0
                    .push(InputError::new(at, "UNKNOWN_REASON").with("code", code));
            }
            _ => {}
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
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"\"'<>\\`".contains(&b))
}

/// A web origin as a browser writes it (`MessageEvent.origin`,
/// `location.origin`): `https://`, a host of lowercase letters, digits, `-`
/// and dots (a name in another script as its `xn--` form) with at least one
/// dot, and a port only when it is not 443; no path, not even `/`, and no
/// user, query or fragment. Only such a text can equal the origin the page
/// is given, so any other is a mistake.
pub fn https_origin(origin: &str) -> bool {
    let Some(rest) = origin.strip_prefix("https://") else {
        return false;
    };
    let (host, port) = match rest.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (rest, None),
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let port_ok = match port {
        None => true,
        Some(p) => {
            !p.starts_with('0')
                && (1..=5).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|n| n <= 65_535 && n != 443)
        }
    };
    host.contains('.') && host.len() <= 253 && host.split('.').all(label_ok) && port_ok
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
    let hex = s
        .strip_prefix('#')
        .filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// The contrast of a colour against white (WCAG 2.1 relative luminance).
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    1.05 / (l + 0.05)
}

// ------------------------------------------------------------------------
// What the page shows
// ------------------------------------------------------------------------

/// An item a municipality's profile added, as shown: its texts come with it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OwnNote {
    pub code: String,
    /// The text per language code ("nb", "nn", "en"); "nb" is always there.
    pub text: Texts,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Ids of the municipality's sources (`municipality.sources`).
    pub sources: Vec<String>,
}

/// The profile's own items that show for these facts.
pub fn choose_own(profile: &Profile, f: &Facts) -> Chosen<OwnNote> {
    let mut chosen = Chosen::default();
    for item in profile.items.iter().filter(|i| holds(&i.when, f)) {
        chosen.push(
            item.kind,
            OwnNote {
                code: item.code.clone(),
                text: item.text.clone(),
                link: item.link.clone(),
                sources: item.sources.clone(),
            },
        );
    }
    chosen
}

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
    /// The origins of the municipality's pages that embed the calculator.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub embed_origins: Vec<String>,
    /// The profile's night window, when it was used (the case set none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub night: Option<NightWindow>,
    pub documents: Vec<OwnNote>,
    pub alternatives: Vec<OwnNote>,
    pub next_steps: Vec<OwnNote>,
    pub sources: Vec<ProfileSource>,
    /// Its own charges from 2G, when its profile has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charges: Option<Charges>,
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
            "https://ø.no/",
        ] {
            assert!(!https_url(bad), "{bad}");
        }
    }

    #[test]
    fn embed_origins_are_https_origins_as_browsers_write_them() {
        for good in [
            "https://www.oslo.kommune.no",
            "https://gulen.kommune.no",
            "https://xn--bd-kka.kommune.no",
            "https://intranett.bergen.kommune.no:8443",
        ] {
            assert!(https_origin(good), "{good}");
        }
        for bad in [
            "http://www.oslo.kommune.no",
            "https://www.oslo.kommune.no/",
            "https://www.oslo.kommune.no/bpa",
            "https://www.oslo.kommune.no?x",
            "https://www.oslo.kommune.no#x",
            "https://Www.Oslo.kommune.no",
            "https://user@oslo.kommune.no",
            "https://oslo.kommune.no:443",
            "https://oslo.kommune.no:0",
            "https://oslo.kommune.no:99999",
            "https://oslo.kommune.no:",
            "https://localhost",
            "https://.no",
            "https://oslo..no",
            "https://-oslo.no",
            "https://bø.kommune.no",
            "https://*.oslo.kommune.no",
            "https:// oslo.no",
            "https://",
            "*",
            "",
        ] {
            assert!(!https_origin(bad), "{bad}");
        }
    }

    #[test]
    fn colours_are_read_as_hex_only() {
        assert_eq!(hex_colour("#2a2859"), Some([0x2a, 0x28, 0x59]));
        for bad in [
            "2a2859", "#2a285", "#2a28599", "#gg0000", "#+a2859", "#øø00",
        ] {
            assert_eq!(hex_colour(bad), None, "{bad}");
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
