//! Share links (delelenke): a whole case in the page address, after `#`.
//!
//! A caseworker fills a needs map with a citizen and sends it on; a relative
//! opens it on their own phone; an applicant comes back the next day. With no
//! server, the case itself travels in the link. It goes in the *fragment*
//! (`https://…/bpa/#v2.…`), which the browser never sends to the web server.
//!
//! A link is `vN.` followed by the case in a compact binary layout, with a
//! CRC-32 checksum at the end, written as base64url without padding. Two
//! layouts exist: `v2` ([`v2`](self::v2), what `encode` writes: a bit
//! stream with a word list for labels, so a labelled week of 20 needs is
//! about 200 characters) and `v1`, the first one, frozen and still read.
//! The `v1` layout (all numbers are LEB128 varints unless a byte is named):
//!
//! ```text
//! link     = "v1." base64url(body crc32-le)
//! body     = rules sections:byte [person] [needs] [monthly] [settings] [notes]
//! rules    = days-since-2000-01-01 + 1, edit     ("2020-07-01.1")
//!          | 0, text                             (any other version string)
//! sections = bit 0 person, 1 needs, 2 monthly, 3 settings, 4 notes: only
//!            what differs from the defaults is written
//! person   = age+1 (0: not given), answers, n, service×n
//! answers  = long_lasting | granted_before_67 << 2 | applicant << 4
//!            | arbeidsleder << 7                  (each: 0 not given, else code+1)
//! needs    = n, need×n
//! need     = head:byte days:byte start:time end:time [helpers*8+place] [label:text]
//! head     = kind | crosses_midnight << 3 | continuous << 4 | has label << 5
//!            | has helpers/place << 6
//! days     = bit 0 Monday … bit 6 Sunday
//! time     = minutes/15 when on the quarter hour (0–96), else 97 + minutes
//! monthly  = n, (head:byte hours [place:byte] [label:text])×n
//!            head = kind | has place << 3 | has label << 4
//! hours    = quarter hours × 2 when a whole number of quarter hours,
//!            else 1 then the f64's 8 bytes (little-endian): exact either way
//! settings = flags:byte (night, date, lang, municipality)
//!            [start:time end:time] [days-since-1900-01-01] [lang] [text]
//! lang     = 1 nb, 2 nn, 3 en, 4 se, or 0 then text
//! notes    = flags:byte (goal, help, arbeidsleder, aids, other), text each
//! text     = n*4 + mode: 0 n UTF-8 bytes; 1 n characters packed with the
//!            fixed code in `mod text`; 2 the same as the n-th latest text
//!            written before it (labels repeat across days); 3 as 1, and
//!            then the first letter is a capital ("Middag")
//! ```
//!
//! Old links live on in e-mails and case files, so the layout is frozen:
//! every `v1` or `v2` link opens the same case in every later version
//! (`tests/links/` holds golden links that prove it). A change of layout
//! gets a new prefix (`v3.`) and keeps the older readers.
//!
//! Opening a link never trusts it: the length is checked before anything
//! else, every count and text length against [`config`] before memory is
//! taken, the checksum catches bytes flipped or lost on the way, and the case
//! then goes through the same [`validate`] as a file. Every problem is an
//! [`InputError`] on the field `link` (its words: `error.LINK_*` in the catalogues).

use crate::config;
use crate::error::{validate, InputError, InputErrors};
use crate::law::Law;
use crate::model::{
    Answer, Applicant, Arbeidsleder, Case, CurrentService, MonthlyNeed, Need, NeedKind,
    NightWindow, Person, Place, Settings, FORMAT_VERSION,
};
use crate::time::{Date, Days, TimeOfDay};

/// The layout this module writes, the `2` in `v2.`.
pub const LINK_VERSION: u32 = 2;

mod text;
mod v2;
mod words;
use text::{BitReader, Symbol};

// The `v1` layout describes every field of case format 1. A new case field
// must get a place in the link too (and so a new link version): this stops
// the build until someone has looked.
const _: () = assert!(
    FORMAT_VERSION == 1,
    "the case format changed: update the link layout in src/link.rs"
);

/// A case opened from a link, with the rules version it was made under.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedLink {
    pub case: Case,
    /// `Law::version` when the link was made, such as "2020-07-01.1".
    pub rules_version: String,
}

impl OpenedLink {
    /// The rules have changed since the link was made: the page recomputes
    /// under today's rules and says so.
    pub fn rules_changed(&self, law: &Law) -> bool {
        self.rules_version != law.version
    }
}

/// Makes the link text for a case (what goes after `#`), under the rules
/// compiled in. Refuses a case that would not open again: one that fails
/// [`validate`], or one too large for a link (then the file is the way).
pub fn encode(case: &Case) -> Result<String, InputErrors> {
    encode_under(case, &Law::embedded().version)
}

/// Like [`encode`], naming the rules version to record. For tests and tools
/// that need a link "made under older rules".
pub fn encode_under(case: &Case, rules_version: &str) -> Result<String, InputErrors> {
    validate(case)?;
    if crate::char_count(rules_version) > MAX_RULES_VERSION_CHARS {
        return Err(InputError::new("rules_version", "BAD_RULES_VERSION").into());
    }
    let link = raw::seal(&v2::write_case(case, rules_version)?);
    if link.len() > config::MAX_LINK_CHARS {
        return Err(link_error("LINK_CASE_TOO_LARGE"));
    }
    Ok(link)
}

/// Opens a link: the bare text after `#` (`v2.…`) or a whole address
/// containing it. Line breaks an e-mail program put in, and punctuation
/// around the link, are ignored.
pub fn decode(text: &str) -> Result<OpenedLink, InputErrors> {
    // Before anything else, so that a huge paste costs nothing.
    if text.len() > config::MAX_LINK_CHARS + MAX_ADDRESS_CHARS {
        return Err(too_long());
    }
    let fragment = text.split_once('#').map_or(text, |(_, f)| f);
    let fragment = trim_around(fragment);
    if fragment.is_empty() {
        return Err(link_error("LINK_EMPTY"));
    }
    if fragment.len() > config::MAX_LINK_CHARS {
        return Err(too_long());
    }
    // "v" and the layout version's digits, then "." and the data.
    let Some((version, data)) = fragment.strip_prefix('v').and_then(|rest| {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        // `split_at_checked`, not `split_at`: the index is always on a char
        // boundary here, but the panicking form alone pulls about 3 KB of
        // slice-error formatting into the page's WebAssembly.
        let (v, data) = rest.split_at_checked(digits)?;
        Some((parse_version(v)?, data))
    }) else {
        return Err(not_ours());
    };
    if version > LINK_VERSION {
        return Err(link_error("LINK_NEWER_VERSION"));
    }
    // "v1" alone is a link cut short; "v1" then anything but "." is not ours.
    let data = match data.strip_prefix('.') {
        Some(data) => data,
        None if data.is_empty() => return Err(damaged()),
        None => return Err(not_ours()),
    };
    let bytes = base64url::decode(data.as_bytes()).ok_or_else(damaged)?;
    let (body, crc) = bytes.split_last_chunk::<4>().ok_or_else(damaged)?;
    if crc32(body) != u32::from_le_bytes(*crc) {
        return Err(damaged());
    }
    let opened = read_case(&mut Reader::new(body, version == 1))
        .map_err(|Unreadable| link_error("LINK_UNREADABLE"))?;
    if let Err(InputErrors(mut errs)) = validate(&opened.case) {
        let InputErrors(mut first) = link_error("LINK_IMPOSSIBLE_VALUES");
        first.append(&mut errs);
        return Err(InputErrors(first));
    }
    Ok(opened)
}

/// Room for the page address before `#` when a whole address is pasted.
const MAX_ADDRESS_CHARS: usize = 2048;

/// Without the white space and punctuation that e-mail and chat put around
/// a link: `<v2.…>`, `"v2.…".`, `(v2.…)`.
fn trim_around(s: &str) -> &str {
    let junk = |b: u8| b.is_ascii_whitespace() || b"<>\"'()[].,;".contains(&b);
    let s = s.trim();
    // Only ASCII is cut, so both ends stay on character boundaries.
    let bytes = s.as_bytes();
    let (mut start, mut end) = (0, bytes.len());
    while bytes.get(start).is_some_and(|b| junk(*b)) {
        start += 1;
    }
    while end > start && bytes.get(end - 1).is_some_and(|b| junk(*b)) {
        end -= 1;
    }
    s.get(start..end).unwrap_or("")
}

/// The digits of `v2.`: a small positive number, nothing else.
fn parse_version(digits: &str) -> Option<u32> {
    // Only digits, as `decode` cut them: `digits_value` takes a sign too.
    if digits.starts_with('+') {
        return None;
    }
    crate::time::digits_value(digits, 10).filter(|v| *v > 0)
}

fn link_error(code: &'static str) -> InputErrors {
    InputError::new("link", code).into()
}

fn not_ours() -> InputErrors {
    link_error("LINK_UNKNOWN")
}

fn too_long() -> InputErrors {
    link_error("LINK_TOO_LONG")
}

/// Truncated, a character changed, or not base64url at all: the checksum
/// cannot tell which, and for the person it is the same: copy it again.
fn damaged() -> InputErrors {
    link_error("LINK_DAMAGED")
}

/// The envelope around the layout, for tests and the fuzzer: they make
/// bodies with the right checksum to reach the layout readers, and take
/// valid links apart to damage them on purpose; and the frozen `v1` writer,
/// so that the `v1` golden links are checked both ways. Not for the page
/// (nothing in it is reached from `wasm.rs`, so none of it is in the module).
#[doc(hidden)]
pub mod raw {
    use super::{base64url, crc32, write_case, InputErrors, Writer, LINK_VERSION};
    use crate::model::Case;

    /// A link of today's layout around layout bytes, with their checksum.
    pub fn seal(body: &[u8]) -> String {
        seal_as(LINK_VERSION, body)
    }

    /// A link of layout `version` (`v1.`, `v2.`) around layout bytes.
    pub fn seal_as(version: u32, body: &[u8]) -> String {
        let mut bytes = body.to_vec();
        bytes.extend_from_slice(&crc32(body).to_le_bytes());
        // Not `format!`: this is in the page (`encode` seals with it). One
        // string grown in place, the base64url written straight into it.
        let mut link = String::from("v");
        link.push_str(&crate::json::unsigned_text(u64::from(version)));
        link.push('.');
        base64url::encode_into(&bytes, &mut link);
        link
    }

    /// The layout version and bytes inside a bare `vN.` link, checksum
    /// removed but not checked.
    pub fn unseal(link: &str) -> Option<(u32, Vec<u8>)> {
        let (version, data) = link.strip_prefix('v')?.split_once('.')?;
        let mut bytes = base64url::decode(data.as_bytes())?;
        bytes.truncate(bytes.len().checked_sub(4)?);
        Some((version.parse().ok()?, bytes))
    }

    /// The word list of `v2` links, in order.
    pub fn words() -> Vec<&'static str> {
        super::words::list()
    }

    /// The `v1` link for a case, as `encode_under` made it before `v2`.
    pub fn encode_v1_under(case: &Case, rules_version: &str) -> Result<String, InputErrors> {
        crate::error::validate(case)?;
        let mut w = Writer::default();
        write_case(&mut w, case, rules_version)?;
        Ok(seal_as(1, &w.bytes))
    }
}

// ---------------------------------------------------------------------------
// Writing a case
// ---------------------------------------------------------------------------

const SECTION_PERSON: u8 = 1;
const SECTION_NEEDS: u8 = 1 << 1;
const SECTION_MONTHLY: u8 = 1 << 2;
const SECTION_SETTINGS: u8 = 1 << 3;
const SECTION_NOTES: u8 = 1 << 4;

const NEED_CROSSES_MIDNIGHT: u8 = 1 << 3;
const NEED_CONTINUOUS: u8 = 1 << 4;
const NEED_LABEL: u8 = 1 << 5;
const NEED_EXTRA: u8 = 1 << 6;

const MONTHLY_PLACE: u8 = 1 << 3;
const MONTHLY_LABEL: u8 = 1 << 4;

const SETTING_NIGHT: u8 = 1;
const SETTING_DATE: u8 = 1 << 1;
const SETTING_LANG: u8 = 1 << 2;
const SETTING_MUNICIPALITY: u8 = 1 << 3;

/// Longest rules version string kept when it is not "date.edit".
const MAX_RULES_VERSION_CHARS: usize = 32;

fn write_case(w: &mut Writer, case: &Case, rules_version: &str) -> Result<(), InputErrors> {
    write_rules_version(w, rules_version);
    let mut sections = 0;
    for (present, bit) in [
        (person_given(&case.person), SECTION_PERSON),
        (!case.needs.is_empty(), SECTION_NEEDS),
        (!case.monthly.is_empty(), SECTION_MONTHLY),
        (settings_given(&case.settings), SECTION_SETTINGS),
        (!case.notes.is_empty(), SECTION_NOTES),
    ] {
        if present {
            sections |= bit;
        }
    }
    w.byte(sections);
    if sections & SECTION_PERSON != 0 {
        write_person(w, &case.person);
    }
    if sections & SECTION_NEEDS != 0 {
        w.varint(case.needs.len() as u64);
        for need in &case.needs {
            write_need(w, need);
        }
    }
    if sections & SECTION_MONTHLY != 0 {
        w.varint(case.monthly.len() as u64);
        for m in &case.monthly {
            write_monthly(w, m);
        }
    }
    if sections & SECTION_SETTINGS != 0 {
        write_settings(w, &case.settings)?;
    }
    if sections & SECTION_NOTES != 0 {
        let fields = case.notes.fields();
        let mut flags = 0u8;
        for (i, (_, text)) in fields.iter().enumerate() {
            if !text.is_empty() {
                flags |= 1 << i;
            }
        }
        w.byte(flags);
        for (_, text) in fields.iter().filter(|(_, t)| !t.is_empty()) {
            w.text(text);
        }
    }
    Ok(())
}

/// "2020-07-01.1" as a day number and an edit number (3 bytes); any other
/// form of version string as text.
fn write_rules_version(w: &mut Writer, version: &str) {
    let compact = version.split_once('.').and_then(|(date, edit)| {
        let date = Date::parse(date)?;
        let edit: u64 = edit.parse().ok()?;
        let days = days_since(date, EPOCH_2000)?;
        // Only when it reads back as exactly the same string.
        (rules_version_text(date, edit) == version).then_some((days, edit))
    });
    match compact {
        Some((days, edit)) => {
            w.varint(u64::from(days) + 1);
            w.varint(edit);
        }
        None => {
            w.varint(0);
            w.text(version);
        }
    }
}

/// Anything about the person answered (cheaper in the page than comparing
/// with `Person::default()`).
fn person_given(p: &Person) -> bool {
    p.age.is_some()
        || p.long_lasting.is_some()
        || p.granted_before_67.is_some()
        || p.applicant.is_some()
        || p.arbeidsleder.is_some()
        || !p.current_services.is_empty()
}

fn settings_given(s: &Settings) -> bool {
    s.night.is_some() || s.assessment_date.is_some() || s.lang.is_some() || s.municipality.is_some()
}

fn write_person(w: &mut Writer, p: &Person) {
    // Validation keeps the age within 0..=130.
    w.varint(
        p.age
            .and_then(|a| u64::try_from(a).ok())
            .map_or(0, |a| a + 1),
    );
    let answers = u64::from(p.long_lasting.map_or(0, |a| answer_code(a) + 1))
        | u64::from(p.granted_before_67.map_or(0, |a| answer_code(a) + 1)) << 2
        | u64::from(p.applicant.map_or(0, |a| applicant_code(a) + 1)) << 4
        | u64::from(p.arbeidsleder.map_or(0, |a| arbeidsleder_code(a) + 1)) << 7;
    w.varint(answers);
    w.varint(p.current_services.len() as u64);
    for s in &p.current_services {
        w.byte(service_code(*s));
    }
}

fn write_need(w: &mut Writer, n: &Need) {
    let has_extra = n.helpers != 1 || n.place != Place::Home;
    let mut head = kind_code(n.kind);
    for (on, bit) in [
        (n.crosses_midnight, NEED_CROSSES_MIDNIGHT),
        (n.continuous, NEED_CONTINUOUS),
        (!n.label.is_empty(), NEED_LABEL),
        (has_extra, NEED_EXTRA),
    ] {
        if on {
            head |= bit;
        }
    }
    w.byte(head);
    w.byte(n.days.bits());
    w.time(n.start);
    w.time(n.end);
    if has_extra {
        w.varint(u64::from(n.helpers) * 8 + u64::from(place_code(n.place)));
    }
    if !n.label.is_empty() {
        w.text(&n.label);
    }
}

fn write_monthly(w: &mut Writer, m: &MonthlyNeed) {
    let mut head = kind_code(m.kind);
    if m.place != Place::Home {
        head |= MONTHLY_PLACE;
    }
    if !m.label.is_empty() {
        head |= MONTHLY_LABEL;
    }
    w.byte(head);
    let quarters = m.hours_per_month * 4.0;
    if m.hours_per_month.is_sign_positive()
        && quarters.fract() == 0.0
        && quarters <= MAX_QUARTER_HOURS
    {
        // Whole quarter hours below 2^40 are exact in an f64 and a u64.
        w.varint((quarters as u64) << 1);
    } else {
        w.varint(1);
        w.bytes.extend_from_slice(&m.hours_per_month.to_le_bytes());
    }
    if m.place != Place::Home {
        w.byte(place_code(m.place));
    }
    if !m.label.is_empty() {
        w.text(&m.label);
    }
}

/// Largest number of quarter hours written as a whole number.
const MAX_QUARTER_HOURS: f64 = (1u64 << 40) as f64;

fn write_settings(w: &mut Writer, s: &Settings) -> Result<(), InputErrors> {
    let mut flags = 0;
    for (present, bit) in [
        (s.night.is_some(), SETTING_NIGHT),
        (s.assessment_date.is_some(), SETTING_DATE),
        (s.lang.is_some(), SETTING_LANG),
        (s.municipality.is_some(), SETTING_MUNICIPALITY),
    ] {
        if present {
            flags |= bit;
        }
    }
    w.byte(flags);
    if let Some(night) = s.night {
        w.time(night.start);
        w.time(night.end);
    }
    if let Some(date) = s.assessment_date {
        let days = days_since(date, EPOCH_1900).ok_or_else(no_such_date)?;
        w.varint(u64::from(days));
    }
    if let Some(lang) = &s.lang {
        match LANGS.iter().position(|l| l == lang) {
            Some(i) => w.varint(i as u64 + 1),
            None => {
                w.varint(0);
                w.text(lang);
            }
        }
    }
    if let Some(m) = &s.municipality {
        w.text(m);
    }
    Ok(())
}

/// Page languages by code: 1 nb, 2 nn, 3 en, 4 se. Append only.
const LANGS: [&str; 4] = ["nb", "nn", "en", "se"];

/// Bytes being written, and the texts written so far (for repeats).
#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
    texts: Vec<String>,
}

impl Writer {
    fn byte(&mut self, b: u8) {
        self.bytes.push(b);
    }

    /// LEB128: 7 bits a byte, low bits first, high bit set on all but the last.
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.bytes.push((v as u8 & 0x7f) | 0x80);
            v >>= 7;
        }
        self.bytes.push(v as u8);
    }

    fn time(&mut self, t: TimeOfDay) {
        let m = t.minutes();
        if m % 15 == 0 {
            self.varint(u64::from(m / 15));
        } else {
            self.varint(u64::from(OFF_GRID + m));
        }
    }

    /// A text: a repeat of an earlier one, packed, or plain UTF-8, whichever
    /// is shortest.
    fn text(&mut self, s: &str) {
        if let Some(back) = self.texts.iter().rev().position(|t| t == s) {
            self.varint(back as u64 * 4 + TEXT_REPEAT);
            return;
        }
        let chars = crate::char_count(s) as u64;
        let (mode, packed) = match text::decapitalise(s) {
            Some(small) => (TEXT_CAPITALISED, text::pack(&small)),
            None => (TEXT_PACKED, text::pack(s)),
        };
        let plain_len = varint_len(s.len() as u64 * 4) + s.len();
        match packed {
            p if varint_len(chars * 4) + p.len() < plain_len => {
                self.varint(chars * 4 + mode);
                self.bytes.extend_from_slice(&p);
            }
            _ => {
                self.varint(s.len() as u64 * 4 + TEXT_PLAIN);
                self.bytes.extend_from_slice(s.as_bytes());
            }
        }
        self.texts.push(s.to_string());
    }
}

fn varint_len(mut v: u64) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

/// Times not on a quarter hour are written as this plus their minutes.
const OFF_GRID: u32 = 97;

const TEXT_PLAIN: u64 = 0;
const TEXT_PACKED: u64 = 1;
const TEXT_REPEAT: u64 = 2;
const TEXT_CAPITALISED: u64 = 3;

// ---------------------------------------------------------------------------
// Reading a case
// ---------------------------------------------------------------------------

/// The body does not follow the layout. Only a link made by hand (or a bug)
/// gets past the checksum with this, so one plain message covers it all.
#[derive(Debug, PartialEq)]
struct Unreadable;

type Read<T> = Result<T, Unreadable>;

/// Reads a case in either layout: the fields both share are read here, the
/// ones whose shape differs (a need, a monthly need) by each layout's own
/// function. One reader for both keeps the page's module small.
fn read_case(r: &mut Reader) -> Read<OpenedLink> {
    let rules_version = read_rules_version(r)?;
    let sections = r.flags(5)?;
    let mut case = Case::default();
    if sections & SECTION_PERSON != 0 {
        case.person = read_person(r)?;
    }
    if sections & SECTION_NEEDS != 0 {
        let n = r.count(config::MAX_NEEDS)?;
        let mut needs = Vec::with_capacity(n);
        for _ in 0..n {
            needs.push(if r.v1 { read_need(r)? } else { r.need_v2()? });
        }
        case.needs = needs;
    }
    if sections & SECTION_MONTHLY != 0 {
        let n = r.count(config::MAX_MONTHLY)?;
        let mut monthly = Vec::with_capacity(n);
        for _ in 0..n {
            monthly.push(if r.v1 {
                read_monthly(r)?
            } else {
                r.monthly_v2()?
            });
        }
        case.monthly = monthly;
    }
    if sections & SECTION_SETTINGS != 0 {
        case.settings = read_settings(r)?;
    }
    if sections & SECTION_NOTES != 0 {
        let flags = r.flags(5)?;
        let n = &mut case.notes;
        let texts = [
            &mut n.goal,
            &mut n.help,
            &mut n.arbeidsleder,
            &mut n.aids,
            &mut n.other,
        ];
        for (i, text) in texts.into_iter().enumerate() {
            if flags & (1 << i) != 0 {
                *text = r.text(config::MAX_NOTE_CHARS)?;
            }
        }
    }
    // Only zero bits to the end of the last byte, and nothing after it.
    if !r.bits.padding_is_zero() || r.bits.left() != 0 {
        return Err(Unreadable);
    }
    Ok(OpenedLink {
        case,
        rules_version,
    })
}

/// "2020-07-01.1" from a day number and an edit number, or a text.
fn read_rules_version(r: &mut Reader) -> Read<String> {
    let epoch = if r.v1 { EPOCH_2000 } else { v2::EPOCH_2020 };
    match r.number()? {
        0 => r.text(MAX_RULES_VERSION_CHARS),
        days => {
            let date = date_from(days - 1, epoch)?;
            let edit = r.number()?;
            Ok(rules_version_text(date, edit))
        }
    }
}

/// "2020-07-01.1": a rules version from its date and edit number (without
/// `format!`, which brings Rust's general formatting into the page).
fn rules_version_text(date: Date, edit: u64) -> String {
    date.text() + "." + &crate::json::unsigned_text(edit)
}

fn read_person(r: &mut Reader) -> Read<Person> {
    let age = match r.number()? {
        0 => None,
        a => Some(i64::try_from(a - 1).map_err(|_| Unreadable)?),
    };
    let answers = if r.v1 { r.varint()? } else { r.bits(10)? };
    if answers >> 10 != 0 {
        return Err(Unreadable);
    }
    /// 0 is "not given", else the code plus one.
    fn optional<T>(v: u64, from: fn(u64) -> Option<T>) -> Read<Option<T>> {
        match v {
            0 => Ok(None),
            c => from(c - 1).map(Some).ok_or(Unreadable),
        }
    }
    let long_lasting = optional(answers & 0b11, answer_from)?;
    let granted_before_67 = optional(answers >> 2 & 0b11, answer_from)?;
    let applicant = optional(answers >> 4 & 0b111, applicant_from)?;
    let arbeidsleder = optional(answers >> 7 & 0b111, arbeidsleder_from)?;
    let n = r.count(config::MAX_CURRENT_SERVICES)?;
    let mut current_services = Vec::with_capacity(n);
    for _ in 0..n {
        let code = r.bits(if r.v1 { 8 } else { 3 })?;
        current_services.push(service_from(code).ok_or(Unreadable)?);
    }
    Ok(Person {
        age,
        long_lasting,
        granted_before_67,
        applicant,
        arbeidsleder,
        current_services,
    })
}

/// A `v1` need (the `v2` one is `Reader::need_v2`).
fn read_need(r: &mut Reader) -> Read<Need> {
    let head = r.byte()?;
    if head >> 7 != 0 {
        return Err(Unreadable);
    }
    let kind = kind_from(u64::from(head & 0b111)).ok_or(Unreadable)?;
    let days = r.byte()?;
    if days >> 7 != 0 {
        return Err(Unreadable);
    }
    let start = r.time()?;
    let end = r.time()?;
    let (helpers, place) = if head & NEED_EXTRA != 0 {
        let v = r.varint()?;
        let helpers = u8::try_from(v / 8).map_err(|_| Unreadable)?;
        (helpers, place_from(v % 8).ok_or(Unreadable)?)
    } else {
        (1, Place::Home)
    };
    let label = r.label(head & NEED_LABEL != 0)?;
    Ok(Need {
        kind,
        days: Days::from_bits(days),
        start,
        end,
        crosses_midnight: head & NEED_CROSSES_MIDNIGHT != 0,
        helpers,
        place,
        continuous: head & NEED_CONTINUOUS != 0,
        label,
    })
}

/// A `v1` monthly need (the `v2` one is `Reader::monthly_v2`).
fn read_monthly(r: &mut Reader) -> Read<MonthlyNeed> {
    let head = r.byte()?;
    if head >> 5 != 0 {
        return Err(Unreadable);
    }
    let kind = kind_from(u64::from(head & 0b111)).ok_or(Unreadable)?;
    let hours_per_month = match r.varint()? {
        // The f64's 8 bytes, little-endian.
        1 => f64::from_bits(r.bits(64)?.swap_bytes()),
        v if v & 1 == 0 && (v >> 1) as f64 <= MAX_QUARTER_HOURS => (v >> 1) as f64 / 4.0,
        _ => return Err(Unreadable),
    };
    let place = if head & MONTHLY_PLACE != 0 {
        place_from(u64::from(r.byte()?)).ok_or(Unreadable)?
    } else {
        Place::Home
    };
    let label = r.label(head & MONTHLY_LABEL != 0)?;
    Ok(MonthlyNeed {
        kind,
        hours_per_month,
        place,
        label,
    })
}

fn read_settings(r: &mut Reader) -> Read<Settings> {
    let flags = r.flags(4)?;
    let mut s = Settings::default();
    if flags & SETTING_NIGHT != 0 {
        s.night = Some(NightWindow {
            start: r.time()?,
            end: r.time()?,
        });
    }
    if flags & SETTING_DATE != 0 {
        s.assessment_date = Some(date_from(r.number()?, EPOCH_1900)?);
    }
    if flags & SETTING_LANG != 0 {
        s.lang = Some(match r.number()? {
            0 => r.text(MAX_LANG_CHARS)?,
            i => LANGS
                .get(usize::try_from(i - 1).map_err(|_| Unreadable)?)
                .ok_or(Unreadable)?
                .to_string(),
        });
    }
    if flags & SETTING_MUNICIPALITY != 0 {
        s.municipality = Some(r.text(MAX_MUNICIPALITY_CHARS)?);
    }
    Ok(s)
}

/// Limits on the two settings texts, as in `error::validate` (which counts
/// bytes; these count characters, so validation has the last word).
const MAX_LANG_CHARS: usize = 8;
const MAX_MUNICIPALITY_CHARS: usize = 64;

/// The body still to read, in which layout, and the texts read so far (for
/// repeats). `v1` reads whole bytes and LEB128 varints from the same bit
/// stream that `v2` reads bit fields and Exp-Golomb numbers from.
struct Reader<'a> {
    bits: BitReader<'a>,
    v1: bool,
    texts: Vec<String>,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], v1: bool) -> Self {
        Reader {
            bits: BitReader::new(bytes),
            v1,
            texts: Vec::new(),
        }
    }

    fn bit(&mut self) -> Read<bool> {
        self.bits.bit().ok_or(Unreadable)
    }

    /// `n` bits (at most 64) as a number.
    fn bits(&mut self, n: u32) -> Read<u64> {
        self.bits.bits(n).ok_or(Unreadable)
    }

    fn byte(&mut self) -> Read<u8> {
        Ok(self.bits(8)? as u8)
    }

    /// A LEB128 varint of at most 64 bits, in its shortest form.
    fn varint(&mut self) -> Read<u64> {
        let mut v = 0u64;
        for i in 0..10 {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7f);
            if i == 9 && bits > 1 {
                return Err(Unreadable); // more than 64 bits
            }
            v |= bits << (7 * i);
            if b & 0x80 == 0 {
                if i > 0 && b == 0 {
                    return Err(Unreadable); // not the shortest form
                }
                return Ok(v);
            }
        }
        Err(Unreadable)
    }

    /// A number: a varint in `v1`, Exp-Golomb in `v2`.
    fn number(&mut self) -> Read<u64> {
        if self.v1 {
            self.varint()
        } else {
            self.bits.number().ok_or(Unreadable)
        }
    }

    /// A count of items, refused above `max` before anything is allocated.
    fn count(&mut self, max: usize) -> Read<usize> {
        usize::try_from(self.number()?)
            .ok()
            .filter(|n| *n <= max)
            .ok_or(Unreadable)
    }

    /// `n` flags, the first in bit 0: a byte in `v1` (its other bits zero),
    /// `n` bits in `v2`.
    fn flags(&mut self, n: u32) -> Read<u8> {
        if self.v1 {
            let b = self.byte()?;
            return if b >> n == 0 { Ok(b) } else { Err(Unreadable) };
        }
        let mut flags = 0;
        for i in 0..n {
            if self.bit()? {
                flags |= 1 << i;
            }
        }
        Ok(flags)
    }

    fn time(&mut self) -> Read<TimeOfDay> {
        if !self.v1 {
            return self.time_v2();
        }
        let v = u32::try_from(self.varint()?).map_err(|_| Unreadable)?;
        let minutes = if v < OFF_GRID {
            v * 15
        } else {
            // Off the grid only when it is off the quarter hour.
            Some(v - OFF_GRID)
                .filter(|m| m % 15 != 0)
                .ok_or(Unreadable)?
        };
        TimeOfDay::from_minutes(minutes).ok_or(Unreadable)
    }

    /// A need's label when the link says it has one, else none: one
    /// function for the four places, each of which would otherwise keep
    /// its own copy in the page.
    fn label(&mut self, present: bool) -> Read<String> {
        if present {
            self.text(config::MAX_LABEL_CHARS)
        } else {
            Ok(String::new())
        }
    }

    /// A text of at most `max_chars` characters.
    fn text(&mut self, max_chars: usize) -> Read<String> {
        let (mode, n) = if self.v1 {
            let head = self.varint()?;
            (head % 4, head / 4)
        } else {
            let mode = if self.bit()? {
                TEXT_CAPITALISED
            } else if !self.bit()? {
                TEXT_REPEAT
            } else if self.bit()? {
                TEXT_PLAIN
            } else {
                TEXT_PACKED
            };
            (mode, self.number()?)
        };
        let n = usize::try_from(n).map_err(|_| Unreadable)?;
        let text = match mode {
            TEXT_REPEAT => self.texts.iter().rev().nth(n).ok_or(Unreadable)?.clone(),
            TEXT_PLAIN => {
                // A character is at most 4 bytes in UTF-8; and the bits
                // must be there.
                if n > max_chars.saturating_mul(4) || n.saturating_mul(8) > self.bits.left() {
                    return Err(Unreadable);
                }
                let end = self.bits.pos + 8 * n;
                let mut s = String::with_capacity(n);
                while self.bits.pos < end {
                    s.push(self.utf8_char()?);
                }
                // The last character must end with the `n` bytes.
                if self.bits.pos != end {
                    return Err(Unreadable);
                }
                s
            }
            mode => self.packed(n, max_chars, mode == TEXT_CAPITALISED)?,
        };
        // A repeat too: the same text may be a label and, later, too long
        // for a municipality.
        if crate::char_count(&text) > max_chars {
            return Err(Unreadable);
        }
        // As the writer counts: a repeat is not itself a text to repeat.
        if mode != TEXT_REPEAT {
            self.texts.push(text.clone());
        }
        Ok(text)
    }

    /// One character in UTF-8, refused where `str::from_utf8` refuses it
    /// (a stray or missing continuation byte, an overlong form, a surrogate,
    /// past U+10FFFF): written out, as that function costs far more in the
    /// page.
    fn utf8_char(&mut self) -> Read<char> {
        let b = self.byte()?;
        let (more, min, first) = match b {
            0x00..=0x7f => (0, 0, b),
            0xc0..=0xdf => (1, 0x80, b & 0x1f),
            0xe0..=0xef => (2, 0x800, b & 0x0f),
            0xf0..=0xf7 => (3, 0x1_0000, b & 0x07),
            _ => return Err(Unreadable),
        };
        let mut c = u32::from(first);
        for _ in 0..more {
            let b = self.byte()?;
            if b & 0xc0 != 0x80 {
                return Err(Unreadable);
            }
            c = c << 6 | u32::from(b & 0x3f);
        }
        if c < min {
            return Err(Unreadable);
        }
        char::from_u32(c).ok_or(Unreadable)
    }

    /// `n` symbols of the layout's code (`v1` pads them to a whole byte).
    /// `capital`: the text's mode says its first letter is a capital, as if
    /// a shift symbol came first.
    fn packed(&mut self, n: usize, max_chars: usize, capital: bool) -> Read<String> {
        // Every symbol is at least one character and two bits.
        if n > max_chars || n.saturating_mul(2) > self.bits.left() {
            return Err(Unreadable);
        }
        let code = if self.v1 { &text::V1 } else { &text::V2 };
        let mut s = String::with_capacity(n);
        // A shift waiting for its small letter or word: one flag for both
        // the shift symbol and the capital-first mode keeps one path (and a
        // shift twice, or before anything but a letter or word, is refused).
        let mut shift = capital;
        let mut read = 0;
        while read < n {
            // The symbol's first character and the rest of its text: one
            // place that writes a character (each `String::push` of a char
            // is its own UTF-8 encoder in the page).
            let (first, rest) = match self.bits.symbol(code).ok_or(Unreadable)? {
                // A shift is part of the symbol after it, not one of the `n`.
                Symbol::Shift if !shift => {
                    shift = true;
                    continue;
                }
                Symbol::Char(c) => (c, ""),
                // Only in the `v2` code.
                Symbol::Word => {
                    let mut chars = self.word()?.chars();
                    (chars.next().ok_or(Unreadable)?, chars.as_str())
                }
                Symbol::Escape if !shift => (
                    text::read_escaped(&mut self.bits, code).ok_or(Unreadable)?,
                    "",
                ),
                _ => return Err(Unreadable),
            };
            s.push(if shift {
                text::capital_of(first).ok_or(Unreadable)?
            } else {
                first
            });
            s.push_str(rest);
            shift = false;
            read += 1;
            // Words are short: never far past the limit before it is seen.
            if s.len() > max_chars.saturating_mul(4) {
                return Err(Unreadable);
            }
        }
        // The capital-first mode with no letter to make a capital.
        if shift {
            return Err(Unreadable);
        }
        if self.v1 && !self.bits.padding_is_zero() {
            return Err(Unreadable);
        }
        Ok(s)
    }
}

// ---------------------------------------------------------------------------
// Dates as day numbers
// ---------------------------------------------------------------------------

/// 2000-01-01 and 1900-01-01 as days since 1970-01-01.
const EPOCH_2000: i64 = 10_957;
const EPOCH_1900: i64 = -25_567;

/// The error for an assessment date a link's day count cannot hold: the
/// same words from the v1 and the v2 writer.
fn no_such_date() -> InputErrors {
    InputErrors::from(InputError::new("settings.assessment_date", "BAD_DATE"))
}

/// Whole days from `epoch` to a real date on or after it.
fn days_since(date: Date, epoch: i64) -> Option<u32> {
    // Only a date that exists (its fields are public).
    Date::new(date.year, date.month, date.day)?;
    // Howard Hinnant's days_from_civil, the inverse of `Date::from_unix_days`.
    let y = i64::from(date.year) - i64::from(date.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(date.month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(date.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    u32::try_from(era * 146_097 + doe - 719_468 - epoch).ok()
}

/// The date `days` after `epoch`; refuses a number that is no date this
/// calculator takes (after 9999).
fn date_from(days: u64, epoch: i64) -> Read<Date> {
    // 9999-12-31 is under 3 million days from 1900; stop far sooner than
    // any arithmetic could overflow.
    if days > 3_000_000 {
        return Err(Unreadable);
    }
    let date = Date::from_unix_days(days as i64 + epoch);
    // Round trip: the day number named a date `Date::new` accepts.
    (days_since(date, epoch) == Some(days as u32))
        .then_some(date)
        .ok_or(Unreadable)
}

// ---------------------------------------------------------------------------
// Frozen codes for the enums
// ---------------------------------------------------------------------------

/// Each enum's code in the link. These numbers are the format: add new
/// variants at the end, never renumber. The `match` makes the build fail
/// when a variant is added to the model without a code here.
macro_rules! frozen_codes {
    ($ty:ident, $to:ident, $from:ident { $($n:literal => $variant:ident),+ $(,)? }) => {
        fn $to(x: $ty) -> u8 {
            match x {
                $($ty::$variant => $n,)+
            }
        }
        fn $from(code: u64) -> Option<$ty> {
            match code {
                $($n => Some($ty::$variant),)+
                _ => None,
            }
        }
    };
}

frozen_codes!(Answer, answer_code, answer_from {
    0 => Yes, 1 => No, 2 => DontKnow,
});
frozen_codes!(Applicant, applicant_code, applicant_from {
    0 => Myself, 1 => Parent, 2 => PowerOfAttorney, 3 => Guardian, 4 => FuturePowerOfAttorney,
});
frozen_codes!(Arbeidsleder, arbeidsleder_code, arbeidsleder_from {
    0 => Myself, 1 => Medarbeidsleder, 2 => NobodyYet, 3 => DontKnow,
});
frozen_codes!(CurrentService, service_code, service_from {
    0 => PracticalHelp, 1 => HomeNursing, 2 => Respite, 3 => SupportContact,
    4 => CareAllowance, 5 => Bpa, 6 => Other,
});
frozen_codes!(NeedKind, kind_code, kind_from {
    0 => Personal, 1 => Household, 2 => Leisure, 3 => Training, 4 => Parenting,
    5 => Respite, 6 => Health,
});
frozen_codes!(Place, place_code, place_from {
    0 => Home, 1 => Out, 2 => School, 3 => Work, 4 => HigherEducation,
});

// ---------------------------------------------------------------------------
// base64url and CRC-32
// ---------------------------------------------------------------------------

/// base64url without padding (RFC 4648 § 5): safe in addresses, e-mail and
/// SMS. Written out here; a crate would cost more in the page than this.
mod base64url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    #[cfg(test)]
    pub(super) fn encode(bytes: &[u8]) -> String {
        let mut out = String::new();
        encode_into(bytes, &mut out);
        out
    }

    /// Appends the encoding of `bytes` to `out`.
    pub(super) fn encode_into(bytes: &[u8], out: &mut String) {
        for chunk in bytes.chunks(3) {
            let b = [
                chunk.first().copied().unwrap_or(0),
                chunk.get(1).copied().unwrap_or(0),
                chunk.get(2).copied().unwrap_or(0),
            ];
            let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
            for k in 0..=chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * k) & 63) as usize]));
            }
        }
    }

    fn value(c: u8) -> Option<u32> {
        ALPHABET.iter().position(|a| *a == c).map(|v| v as u32)
    }

    /// `None` for any character outside the alphabet, a length no encoding
    /// has, or stray bits at the end: all signs of a damaged link. White
    /// space is skipped: mail programs wrap long lines, and base64url has
    /// none of its own.
    pub(super) fn decode(text: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
        // Bits read and not yet a whole byte: `held` of them, in `acc`.
        let (mut acc, mut held) = (0u32, 0);
        for &c in text {
            if c.is_ascii_whitespace() {
                continue;
            }
            acc = acc << 6 | value(c)?;
            held += 6;
            if held >= 8 {
                held -= 8;
                out.push((acc >> held) as u8);
                acc &= (1 << held) - 1;
            }
        }
        // 6 bits held: one character after whole groups of four, which no
        // encoding makes; otherwise the bits below the last byte are zero.
        (held < 6 && acc == 0).then_some(out)
    }
}

/// CRC-32 (IEEE 802.3, the one in zip and PNG), a bit at a time: slower than
/// a table, but a link is a few hundred bytes and this is four lines of wasm.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn base64url_round_trips_and_refuses_stray_bits() {
        for len in 0..10 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 200) as u8).collect();
            let text = base64url::encode(&bytes);
            assert_eq!(base64url::decode(text.as_bytes()), Some(bytes));
        }
        assert_eq!(base64url::encode(b"\xfb\xff"), "-_8");
        assert_eq!(base64url::decode(b"-_9"), None); // stray low bits
        assert_eq!(base64url::decode(b"A"), None);
        assert_eq!(base64url::decode(b"AB+/"), None);
    }

    #[test]
    fn varints_round_trip_in_shortest_form() {
        for v in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            let mut w = Writer::default();
            w.varint(v);
            assert_eq!(w.bytes.len(), varint_len(v));
            assert_eq!(Reader::new(&w.bytes, true).varint(), Ok(v));
        }
        assert_eq!(Reader::new(&[0x80, 0x00], true).varint(), Err(Unreadable));
        assert_eq!(Reader::new(&[0xff; 10], true).varint(), Err(Unreadable));
        assert_eq!(Reader::new(&[0x80], true).varint(), Err(Unreadable));
    }

    /// `utf8_char` refuses exactly what `str::from_utf8` refuses.
    #[test]
    fn utf8_is_read_as_the_standard_library_reads_it() {
        let read = |bytes: &[u8]| {
            let mut r = Reader::new(bytes, true);
            let mut s = String::new();
            while r.bits.left() > 0 {
                s.push(r.utf8_char().ok()?);
            }
            Some(s)
        };
        let check = |bytes: &[u8]| {
            let std = std::str::from_utf8(bytes).ok().map(String::from);
            assert_eq!(read(bytes), std, "{bytes:x?}");
        };
        // Every one and two bytes; three and four around each boundary.
        let edges = [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff];
        for a in 0..=255u8 {
            check(&[a]);
            for b in 0..=255u8 {
                check(&[a, b]);
                for c in edges {
                    check(&[a, b, c]);
                    for d in edges.into_iter().filter(|_| a >= 0xf0) {
                        check(&[a, b, c, d]);
                    }
                }
            }
        }
        for c in [
            '\u{7ff}',
            '\u{800}',
            '\u{ffff}',
            '\u{10000}',
            '\u{10ffff}',
            'ø',
            '😀',
        ] {
            check(c.to_string().as_bytes());
        }
    }

    #[test]
    fn dates_round_trip_through_day_numbers() {
        for s in [
            "1900-01-01",
            "1999-12-31",
            "2000-01-01",
            "2020-07-01",
            "2024-02-29",
            "9999-12-31",
        ] {
            let d = Date::parse(s).unwrap_or(Date {
                year: 0,
                month: 0,
                day: 0,
            });
            for epoch in [EPOCH_1900, EPOCH_2000] {
                if let Some(days) = days_since(d, epoch) {
                    assert_eq!(date_from(u64::from(days), epoch), Ok(d), "{s}");
                }
            }
        }
        assert_eq!(
            days_since(
                Date {
                    year: 2000,
                    month: 1,
                    day: 1
                },
                EPOCH_2000
            ),
            Some(0)
        );
        assert_eq!(
            days_since(
                Date {
                    year: 1970,
                    month: 1,
                    day: 1
                },
                EPOCH_1900
            ),
            Some(25_567)
        );
        assert_eq!(
            days_since(
                Date {
                    year: 2023,
                    month: 2,
                    day: 29
                },
                EPOCH_1900
            ),
            None
        );
        assert_eq!(date_from(3_000_001, EPOCH_1900), Err(Unreadable));
    }

    #[test]
    fn every_enum_code_reads_back() {
        for code in 0..8 {
            for (encoded, ok) in [
                (answer_from(code).map(answer_code), code < 3),
                (applicant_from(code).map(applicant_code), code < 5),
                (arbeidsleder_from(code).map(arbeidsleder_code), code < 4),
                (service_from(code).map(service_code), code < 7),
                (kind_from(code).map(kind_code), code < 7),
                (place_from(code).map(place_code), code < 5),
            ] {
                assert_eq!(encoded, ok.then_some(code as u8));
            }
        }
    }

    #[test]
    fn times_use_one_byte_on_the_quarter_hour() {
        for (m, len) in [(0, 1), (420, 1), (1440, 1), (7, 1), (425, 2), (1439, 2)] {
            let mut w = Writer::default();
            let t = TimeOfDay::from_minutes(m)
                .unwrap_or(TimeOfDay::hm(0, 0).unwrap_or_else(|| unreachable!()));
            w.time(t);
            assert_eq!(w.bytes.len(), len, "{m}");
            assert_eq!(Reader::new(&w.bytes, true).time(), Ok(t));
        }
    }

    #[test]
    fn rules_versions_round_trip_compact_or_as_text() {
        for v in [
            "2020-07-01.1",
            "2031-12-31.17",
            "2020-07-01.01",
            "draft",
            "",
        ] {
            let mut w = Writer::default();
            write_rules_version(&mut w, v);
            let mut r = Reader::new(&w.bytes, true);
            assert_eq!(read_rules_version(&mut r).as_deref(), Ok(v));
            assert_eq!(r.bits.left(), 0);
        }
    }
}
