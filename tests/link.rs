//! Share links (`src/link/`): a `v3` link is the case as serde JSON,
//! `{"rules", "case"}`, deflated, with the CRC-32 of the JSON, in base64url;
//! `v1` and `v2` links, packed by hand before `v3`, are only read.
//!
//! What must hold, and is checked here: every valid case comes back from its
//! link exactly, every number to the last bit; the golden links in
//! `tests/links/` (`v1` unprefixed, `v2_*`, `v3_*`) keep opening to their
//! cases in every later version, and today's writer still writes the `v3`
//! ones; damage, hostile bodies and oversize input are refused with their
//! own stable code, never a panic; a case too large for a link is refused
//! as such rather than made into a huge link.
// Native only: run by `cargo test`; the bridge tests run in wasm.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use bpa::case::example::seed_week;
use bpa::case::time::{Date, Days};
use bpa::case::validate::validate;
use bpa::case::{
    Case, CurrentService, MonthlyNeed, Need, NeedKind, NightWindow, Notes, Person, Place, Settings,
};
use bpa::link::{
    decode, encode, encode_under, encode_under_with, raw, LinkOptions, OpenedLink, LINK_VERSION,
};
use bpa::{config, Law};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::Deserialize;
use serde_json::{json, Value};

mod common;
use common::{kind, place, time};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// One committed link and the case it must open to.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Golden {
    /// What the vector covers, for the reader.
    what: String,
    link: String,
    rules_version: String,
    case: Case,
}

/// The layout of a golden file, from its name: `v2_…`, `v3_…`, or `v1`
/// (the files from before there were layouts to tell apart).
fn layout_of(name: &str) -> u32 {
    if name.starts_with("v2_") {
        2
    } else if name.starts_with("v3_") {
        3
    } else {
        1
    }
}

fn links_dir() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/links").to_string()
}

/// Every golden link in `tests/links/`, by file name, sorted.
fn goldens() -> Vec<(String, Golden)> {
    let mut out: Vec<(String, Golden)> = std::fs::read_dir(links_dir())
        .expect("tests/links exists")
        .map(|entry| entry.expect("a directory entry").path())
        // `held_out/` holds cases without links.
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a readable golden file");
            let golden =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, golden)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn goldens_of(layout: u32) -> Vec<(String, Golden)> {
    goldens()
        .into_iter()
        .filter(|(name, _)| layout_of(name) == layout)
        .collect()
}

fn golden(name: &str) -> Golden {
    goldens()
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, g)| g)
        .unwrap_or_else(|| panic!("tests/links/{name}.json"))
}

/// A case of `tests/links/held_out/`.
fn held_out(name: &str) -> Case {
    let path = format!("{}/held_out/{name}.json", links_dir());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The codes of the errors opening `text` gives, `[]` when it opens.
fn codes(text: &str) -> Vec<&'static str> {
    match decode(text) {
        Ok(_) => Vec::new(),
        Err(errs) => errs.0.iter().map(|e| e.code).collect(),
    }
}

/// The fields and codes of the errors opening `text` gives.
fn fields_and_codes(text: &str) -> Vec<(String, &'static str)> {
    match decode(text) {
        Ok(_) => Vec::new(),
        Err(errs) => errs.0.iter().map(|e| (e.field.clone(), e.code)).collect(),
    }
}

/// Fields and codes as `fields_and_codes` gives them.
fn pairs(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    list.iter().map(|(f, c)| (f.to_string(), *c)).collect()
}

/// The hours of a case's monthly needs as bits: `==` on `f64` takes 0.0
/// for -0.0, the bits do not.
fn hour_bits(case: &Case) -> Vec<u64> {
    case.monthly
        .iter()
        .map(|m| m.hours_per_month.to_bits())
        .collect()
}

/// The same case, to the last bit of every number and every character.
fn assert_same_case(got: &Case, want: &Case, what: &str) {
    assert_eq!(got, want, "{what}");
    assert_eq!(
        hour_bits(got),
        hour_bits(want),
        "{what}: hours, bit for bit"
    );
    let text = |c: &Case| serde_json::to_string(c).expect("a case writes");
    assert_eq!(text(got), text(want), "{what}: as JSON");
}

/// A `v3` link made here, independently of `src/link/`, as its layout is
/// written down: `"v3." base64url(deflate(json) crc32-le(json))`, at any
/// deflate level (the writer uses 9).
fn seal_v3(json: &[u8], level: u8) -> String {
    let mut bytes = miniz_oxide::deflate::compress_to_vec(json, level);
    bytes.extend_from_slice(&crc32fast::hash(json).to_le_bytes());
    format!("v3.{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// A `v3` link around a JSON value, sealed by `src/link/`.
fn sealed(body: &Value) -> String {
    raw::seal_json(&serde_json::to_vec(body).expect("JSON"))
}

/// The JSON inside a `v3` link, read independently of `src/link/`, with
/// its checksum checked.
fn json_inside(link: &str) -> Vec<u8> {
    let data = link.strip_prefix("v3.").expect("a v3 link");
    let bytes = URL_SAFE_NO_PAD
        .decode(data)
        .expect("base64url without padding");
    let (deflated, crc) = bytes.split_last_chunk::<4>().expect("a checksum");
    let json = miniz_oxide::inflate::decompress_to_vec(deflated).expect("a deflate stream");
    assert_eq!(
        crc32fast::hash(&json),
        u32::from_le_bytes(*crc),
        "the checksum is the CRC-32 of the JSON, little-endian"
    );
    json
}

/// The layout version and body of a `v1` or `v2` link, its checksum checked.
fn unseal_legacy(link: &str) -> (u32, Vec<u8>) {
    let (version, data) = link.split_once('.').expect("vN.data");
    let version: u32 = version
        .strip_prefix('v')
        .and_then(|v| v.parse().ok())
        .expect("a layout version");
    let bytes = URL_SAFE_NO_PAD.decode(data).expect("base64url");
    let (body, crc) = bytes.split_last_chunk::<4>().expect("a checksum");
    assert_eq!(crc32fast::hash(body).to_le_bytes(), *crc, "{link}");
    (version, body.to_vec())
}

/// Text no deflate can shorten: characters of `alphabet` drawn by a fixed
/// xorshift sequence, so every run makes the same case.
fn noise(seed: &mut u64, chars: usize, alphabet: &[char]) -> String {
    (0..chars)
        .map(|_| {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            alphabet[(*seed % alphabet.len() as u64) as usize]
        })
        .collect()
}

const BASE64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A need with every field away from its default: its JSON is the longest
/// a need's can be, but for the label.
fn busy_need(label: String) -> Need {
    Need {
        kind: NeedKind::Personal,
        days: Days::EVERY_DAY,
        start: time(7 * 60),
        end: time(6 * 60),
        crosses_midnight: true,
        helpers: config::MAX_HELPERS,
        place: Place::HigherEducation,
        continuous: true,
        label,
    }
}

/// The five notes of a case.
fn notes_mut(case: &mut Case) -> [&mut String; 5] {
    let n = &mut case.notes;
    [
        &mut n.goal,
        &mut n.help,
        &mut n.arbeidsleder,
        &mut n.aids,
        &mut n.other,
    ]
}

/// A case at every count and length limit of the input, its texts made by
/// `text(chars)`.
fn case_at_the_limits(mut text: impl FnMut(usize) -> String) -> Case {
    let mut case = seed_week();
    case.needs = (0..config::MAX_NEEDS)
        .map(|_| busy_need(text(config::MAX_LABEL_CHARS)))
        .collect();
    case.monthly = (0..config::MAX_MONTHLY)
        .map(|_| MonthlyNeed {
            kind: NeedKind::Leisure,
            hours_per_month: 0.09999999999999645,
            place: Place::HigherEducation,
            label: text(config::MAX_LABEL_CHARS),
        })
        .collect();
    for note in notes_mut(&mut case) {
        *note = text(config::MAX_NOTE_CHARS);
    }
    case.settings.municipality = Some(text(config::MAX_MUNICIPALITY_BYTES));
    case.settings.lang = Some(text(config::MAX_LANG_BYTES));
    if let Err(e) = validate(&case) {
        panic!("the case must be at, not past, the limits: {e}");
    }
    case
}

// ---------------------------------------------------------------------------
// Golden links: links in caseworkers' e-mails must keep opening
// ---------------------------------------------------------------------------

#[test]
fn golden_links_of_every_layout_are_committed_and_named_by_layout() {
    let all = goldens();
    for (name, g) in &all {
        let prefix = format!("v{}.", layout_of(name));
        assert!(g.link.starts_with(&prefix), "{name}: {}", g.link);
    }
    let count = |layout| all.iter().filter(|(n, _)| layout_of(n) == layout).count();
    assert!(count(1) >= 22, "{} v1 links", count(1));
    assert!(count(2) >= 10, "{} v2 links", count(2));
    assert_eq!(count(3), count(1), "a v3 golden for every v1 golden");
    for required in [
        "seed_week",
        "empty",
        "week_20_needs",
        "all_need_kinds_and_places",
        "crossing_midnight",
        "notes_in_many_scripts",
        "labels_with_markup",
        "made_under_older_rules",
        "monthly_hours_exact",
        "times_off_the_quarter_hour",
    ] {
        for prefix in ["", "v2_", "v3_"] {
            let name = format!("{prefix}{required}");
            assert!(all.iter().any(|(n, _)| *n == name), "{name} is missing");
        }
    }
}

#[test]
fn every_v3_golden_link_opens_to_its_case_exactly() {
    let law = Law::embedded();
    let v3 = goldens_of(3);
    assert!(!v3.is_empty());
    for (name, g) in v3 {
        let opened = decode(&g.link).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same_case(&opened.case, &g.case, &name);
        assert_eq!(opened.rules_version, g.rules_version, "{name}");
        assert_eq!(
            opened.rules_changed(law),
            g.rules_version != law.version,
            "{name}"
        );
    }
}

/// The writer has not drifted: today's encoder writes the very same `v3`
/// links. If this fails on purpose (a new deflate writes other bytes), the
/// frozen links must still open (the test above), and stay as they are; a
/// change of what the JSON holds or how it is sealed is a new layout, `v4`.
#[test]
fn every_v3_golden_case_makes_the_same_link_again() {
    for (name, g) in goldens_of(3) {
        let link =
            encode_under(&g.case, &g.rules_version).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(link, g.link, "{name}");
    }
}

#[test]
fn every_v3_golden_holds_the_same_case_as_its_v1_golden() {
    for (name, v1) in goldens_of(1) {
        let v3 = golden(&format!("v3_{name}"));
        assert_same_case(&v3.case, &v1.case, &name);
        assert_eq!(v3.rules_version, v1.rules_version, "{name}");
        assert_eq!(v3.what, format!("v3: {}", v1.what), "{name}");
    }
}

/// The legacy readers: every `v1` and `v2` link ever committed opens to its
/// case, with its rules version.
#[test]
fn every_v1_and_v2_golden_link_still_opens_to_its_case() {
    let law = Law::embedded();
    let mut opened_per_layout = [0; 2];
    for layout in [1, 2] {
        for (name, g) in goldens_of(layout) {
            let opened = decode(&g.link).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_same_case(&opened.case, &g.case, &name);
            assert_eq!(opened.rules_version, g.rules_version, "{name}");
            assert_eq!(
                opened.rules_changed(law),
                g.rules_version != law.version,
                "{name}"
            );
            opened_per_layout[layout as usize - 1] += 1;
        }
    }
    assert!(
        opened_per_layout[0] >= 22 && opened_per_layout[1] >= 10,
        "{opened_per_layout:?}"
    );
}

/// An old link opened and shared again becomes a `v3` link of the same case.
#[test]
fn an_old_link_shared_again_becomes_v3_with_the_same_case() {
    for layout in [1, 2] {
        for (name, g) in goldens_of(layout) {
            let opened = decode(&g.link).unwrap_or_else(|e| panic!("{name}: {e}"));
            let again = encode_under(&opened.case, &opened.rules_version)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(again.starts_with("v3."), "{name}: {again}");
            let reopened = decode(&again).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_same_case(&reopened.case, &g.case, &name);
            assert_eq!(reopened.rules_version, g.rules_version, "{name}");
        }
    }
}

/// The held-out weeks (`tests/links/held_out/`): written apart from the `v2`
/// word list, one of them has a committed `v2` link; both travel in `v3`.
#[test]
fn held_out_weeks_open_from_their_v2_link_and_round_trip_in_v3() {
    let young = held_out("young_adult_with_job");
    let v2 = golden("v2_held_out_young_adult_with_job");
    assert_same_case(&v2.case, &young, "the v2 golden holds the held-out week");
    let opened = decode(&v2.link).expect("the v2 link opens");
    assert_same_case(&opened.case, &young, "v2_held_out_young_adult_with_job");
    for name in ["young_adult_with_job", "parent_with_small_children"] {
        let case = held_out(name);
        assert!(case.needs.len() == 20 && case.needs.iter().all(|n| !n.label.is_empty()));
        let link = encode(&case).unwrap_or_else(|e| panic!("{name}: {e}"));
        let opened = decode(&link).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same_case(&opened.case, &case, name);
    }
}

#[test]
fn golden_cases_cover_what_they_say() {
    let seed = golden("seed_week");
    // The same week; the example is written in today's case format.
    let example = Case {
        version: seed.case.version,
        ..seed_week()
    };
    assert_same_case(&seed.case, &example, "seed_week is `bpa example`");
    let markup = golden("labels_with_markup");
    let labels: Vec<&str> = markup.case.needs.iter().map(|n| n.label.as_str()).collect();
    assert!(labels.contains(&"<img src=x onerror=alert(1)>"));
    assert!(labels.iter().any(|l| l.contains("</script>")));
    let night = golden("crossing_midnight");
    assert!(night.case.needs.iter().any(|n| n.crosses_midnight));
    let kinds = golden("all_need_kinds_and_places");
    for kind in NeedKind::ALL {
        assert!(kinds.case.needs.iter().any(|n| n.kind == kind), "{kind:?}");
    }
    for place in Place::ALL {
        assert!(
            kinds.case.needs.iter().any(|n| n.place == place),
            "{place:?}"
        );
    }
    let notes = golden("notes_in_many_scripts");
    assert!(notes.case.notes.goal.contains('💪') && notes.case.notes.goal.contains('Å'));
    let exact = golden("monthly_hours_exact");
    assert!(exact
        .case
        .monthly
        .iter()
        .any(|m| m.hours_per_month == 10.0 / 3.0));
    let off_grid = golden("times_off_the_quarter_hour");
    assert!(off_grid
        .case
        .needs
        .iter()
        .any(|n| n.start.minutes() % 15 != 0));
    assert_eq!(golden("week_20_needs").case.needs.len(), 20);
    assert_same_case(
        &golden("v2_week_20_needs").case,
        &golden("week_20_needs").case,
        "v2_week_20_needs",
    );
    assert_same_case(&golden("v2_seed_week").case, &seed.case, "v2_seed_week");
    let empty = Case {
        version: 1,
        ..Case::default()
    };
    assert_same_case(
        &golden("empty").case,
        &empty,
        "empty (a case of the first format)",
    );
    assert!(golden("made_under_older_rules").rules_version.as_str() < &*Law::embedded().version);
    let older = decode(&golden("v3_made_under_older_rules").link).expect("it opens");
    assert!(older.rules_changed(Law::embedded()));
    let unusual = golden("v3_made_under_unusual_rules_version");
    assert!(!unusual
        .rules_version
        .starts_with(|c: char| c.is_ascii_digit()));
}

// ---------------------------------------------------------------------------
// The layout, as `src/link/mod.rs` writes it down
// ---------------------------------------------------------------------------

/// Read here without `src/link/`: base64url, deflate, the CRC-32 of the JSON
/// (not of the deflated bytes), and JSON of exactly `rules` and `case`, the
/// case as a file writes it.
#[test]
fn a_v3_link_is_the_deflated_json_of_rules_and_case_with_its_checksum() {
    assert_eq!(LINK_VERSION, 3);
    for (name, g) in goldens_of(3) {
        let json = json_inside(&g.link);
        assert_eq!(raw::json_of(&g.link).as_deref(), Some(&json[..]), "{name}");
        let body: Value = serde_json::from_slice(&json).expect("JSON");
        let keys: Vec<&str> = body
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["case", "rules"], "{name}");
        assert_eq!(body["rules"], json!(g.rules_version), "{name}");
        assert_eq!(
            body["case"],
            serde_json::to_value(&g.case).expect("a case writes"),
            "{name}"
        );
    }
}

/// The reader takes any deflate stream, not only the bytes today's writer
/// makes: a later writer may deflate otherwise.
#[test]
fn a_link_deflated_otherwise_opens_to_the_same_case() {
    for (name, g) in goldens_of(3) {
        let json = json_inside(&g.link);
        for level in [0, 1, 6] {
            let link = seal_v3(&json, level);
            let opened = decode(&link).unwrap_or_else(|e| panic!("{name} at {level}: {e}"));
            assert_same_case(&opened.case, &g.case, &name);
        }
        // The envelope `raw::seal_json` makes is the writer's own.
        assert_eq!(raw::seal_json(&json), g.link, "{name}");
    }
}

// ---------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------

/// Numbers that a writer or reader rounding at 15 or 16 digits would change.
#[test]
fn every_number_comes_back_to_the_last_bit() {
    let below_744 = f64::from_bits(config::MAX_HOURS_PER_MONTH.to_bits() - 1);
    let hours = [
        0.09999999999999645,
        0.1,
        0.1 + 0.2,
        10.0 / 3.0,
        2.0 / 3.0,
        21.041638047889318,
        f64::from_bits(1), // the smallest subnormal, 5e-324
        f64::MIN_POSITIVE,
        1e-300,
        below_744,
        config::MAX_HOURS_PER_MONTH,
        0.0,
        -0.0,
    ];
    let mut case = seed_week();
    case.monthly = hours
        .iter()
        .map(|&hours_per_month| MonthlyNeed {
            kind: NeedKind::Leisure,
            hours_per_month,
            place: Place::Out,
            label: String::new(),
        })
        .collect();
    case.needs[0].start = time(7 * 60 + 1);
    case.needs[0].end = time(23 * 60 + 59);
    case.person.age = Some(config::MAX_AGE);
    case.settings.assessment_date = Date::new(9999, 12, 31);
    let link = encode(&case).expect("a link");
    let opened = decode(&link).expect("it opens");
    assert_same_case(&opened.case, &case, "tricky numbers");
    let got: Vec<u64> = hour_bits(&opened.case);
    let want: Vec<u64> = hours.iter().map(|h| h.to_bits()).collect();
    assert_eq!(got, want);
    // Written in the JSON as the shortest text that reads back the same.
    let json = String::from_utf8(json_inside(&link)).expect("UTF-8");
    for text in [
        "0.09999999999999645",
        "21.041638047889318",
        "5e-324",
        "-0.0",
    ] {
        assert!(json.contains(text), "{text} in {json}");
    }
}

#[test]
fn the_same_case_makes_the_same_link_every_time() {
    let case = golden("week_20_needs").case;
    let first = encode(&case).expect("a link");
    for _ in 0..3 {
        assert_eq!(encode(&case).expect("a link"), first);
    }
    assert_eq!(
        encode_under(&case, &Law::embedded().version).expect("a link"),
        first
    );
}

#[test]
fn a_link_opens_from_a_whole_address_or_wrapped_in_mail() {
    let g = golden("v3_seed_week");
    let wrapped: String = g
        .link
        .chars()
        .enumerate()
        .flat_map(|(i, c)| (i % 40 == 39).then_some('\n').into_iter().chain([c]))
        .collect();
    assert!(wrapped.contains('\n'));
    for text in [
        format!("https://www.oslo.kommune.no/bpa/#{}", g.link),
        format!("#{}", g.link),
        format!("  <{}>.\n", g.link),
        format!("Se «{}»", g.link)
            .replace('«', "#")
            .replace('»', ""),
        format!("({})", g.link),
        format!("\"{}\",", g.link),
        wrapped,
    ] {
        let opened = decode(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_same_case(&opened.case, &g.case, &text);
    }
}

/// The issue asked for short links; `v3` traded length for one writer of
/// the model. These bounds, a little above today's lengths, only guard
/// against getting worse.
#[test]
fn typical_links_stay_within_their_measured_length() {
    for (case, limit) in [
        // Measured when v3 came: 369, 681, 985, 1021 and 1050 characters.
        (seed_week(), 400),
        (golden("week_20_needs_without_labels").case, 750),
        (golden("week_20_needs").case, 1100),
        (held_out("young_adult_with_job"), 1100),
        (held_out("parent_with_small_children"), 1200),
    ] {
        let link = encode(&case).expect("a link");
        assert!(
            link.len() < limit,
            "{} characters, over {limit}",
            link.len()
        );
    }
}

// ---------------------------------------------------------------------------
// Damage: each kind of bad link is refused with its own stable code
// ---------------------------------------------------------------------------

/// Every character of the alphabet a link travels in, and punctuation mail
/// and chat put into it; not white space, which is ignored in a link.
const CHANGES: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=%.";

/// The code for a `v3` link with the character at `i` changed to `c`: the
/// data damaged, the version made another one, or no link of ours at all.
fn code_for_changed_v3(i: usize, c: char) -> &'static str {
    match (i, c) {
        // "V3.", "x3.", ".3." (punctuation around a link is dropped).
        (0, _) => "LINK_UNKNOWN",
        // The legacy layouts' checksum is of the body, not of JSON: it fails.
        (1, '1' | '2') => "LINK_DAMAGED",
        (1, '4'..='9') => "LINK_NEWER_VERSION",
        // "v0.", "vA.", "v..".
        (1, _) => "LINK_UNKNOWN",
        // "v35…" is version 35; "v3x…" is not ours.
        (2, '0'..='9') => "LINK_NEWER_VERSION",
        (2, _) => "LINK_UNKNOWN",
        _ => "LINK_DAMAGED",
    }
}

/// Every change of one character is refused with its code, but one: the
/// bits after deflate's end code, in the last byte of the deflate stream,
/// are read by no one. A change there leaves the JSON, its checksum and so
/// the case exactly as they were, and the link opens to the same case.
#[test]
fn every_change_of_one_character_in_a_v3_link_gets_its_code() {
    let mut tried = 0;
    let mut harmless = 0;
    for name in ["v3_seed_week", "v3_empty", "v3_monthly_hours_exact"] {
        let g = golden(name);
        let link = &g.link;
        assert!(link.is_ascii());
        let bytes = URL_SAFE_NO_PAD.decode(&link[3..]).expect("base64url").len();
        let last_deflate_byte = bytes - 5;
        let chars: Vec<char> = link.chars().collect();
        for i in 0..chars.len() {
            for c in CHANGES.chars().filter(|c| *c != chars[i]) {
                let mut changed = chars.clone();
                changed[i] = c;
                let text: String = changed.into_iter().collect();
                match decode(&text) {
                    Ok(opened) => {
                        // The bytes character `i` carries bits of.
                        let bit = 6 * (i - 3);
                        assert!(
                            i >= 3 && (bit / 8..=(bit + 5) / 8).contains(&last_deflate_byte),
                            "{name}: {c:?} at {i} opened: {text}"
                        );
                        assert_same_case(&opened.case, &g.case, &text);
                        assert_eq!(opened.rules_version, g.rules_version);
                        harmless += 1;
                    }
                    Err(_) => {
                        let want = code_for_changed_v3(i, c);
                        assert_eq!(codes(&text), [want], "{name}: {c:?} at {i}: {text}");
                    }
                }
                tried += 1;
            }
        }
    }
    assert!(tried > 40_000, "{tried}");
    assert!(
        harmless < 3 * 2 * CHANGES.len(),
        "{harmless} harmless changes"
    );
}

#[test]
fn a_v3_link_cut_short_or_missing_a_character_is_refused() {
    for name in ["v3_seed_week", "v3_week_20_needs"] {
        let link = golden(name).link;
        for i in 0..link.len() {
            let cut = &link[..i];
            let want = match i {
                0 => "LINK_EMPTY",
                1 => "LINK_UNKNOWN",
                // "v3" and "v3." (its dot dropped as punctuation) too.
                _ => "LINK_DAMAGED",
            };
            assert_eq!(codes(cut), [want], "{name} cut at {i}: {cut:?}");
            let mut lost = link.clone();
            lost.remove(i);
            let want = match i {
                0 | 1 => "LINK_UNKNOWN",
                2 if link[3..].starts_with(|c: char| c.is_ascii_digit()) => "LINK_NEWER_VERSION",
                2 => "LINK_UNKNOWN",
                _ => "LINK_DAMAGED",
            };
            assert_eq!(codes(&lost), [want], "{name} without {i}: {lost:?}");
        }
    }
}

/// The legacy readers are guarded by their checksum as before.
#[test]
fn every_change_of_one_character_in_a_v1_or_v2_link_is_refused() {
    for name in ["seed_week", "v2_seed_week", "notes_in_many_scripts"] {
        let link = golden(name).link;
        let chars: Vec<char> = link.chars().collect();
        let mut tried = 0;
        for i in 0..chars.len() {
            for c in CHANGES.chars().filter(|c| *c != chars[i]) {
                let mut changed = chars.clone();
                changed[i] = c;
                let text: String = changed.into_iter().collect();
                let got = codes(&text);
                if i >= 3 {
                    assert_eq!(got, ["LINK_DAMAGED"], "{name}: {text}");
                } else {
                    assert!(!got.is_empty(), "{name}: {text} opened");
                }
                tried += 1;
            }
            let mut lost = chars.clone();
            lost.remove(i);
            assert!(!codes(&lost.iter().collect::<String>()).is_empty());
            assert!(!codes(&chars[..i].iter().collect::<String>()).is_empty());
        }
        assert!(tried > 1000, "{name}: {tried}");
    }
}

#[test]
fn each_kind_of_bad_link_gets_its_own_code() {
    let seed = golden("v3_seed_week").link;
    let data = &seed[3..];
    let cut = &seed[..seed.len() - 5];
    let table: Vec<(String, &str)> = vec![
        ("".into(), "LINK_EMPTY"),
        ("   \n".into(), "LINK_EMPTY"),
        ("https://kommune.no/bpa/#".into(), "LINK_EMPTY"),
        ("<>".into(), "LINK_EMPTY"),
        ("hello".into(), "LINK_UNKNOWN"),
        ("https://kommune.no/bpa/".into(), "LINK_UNKNOWN"),
        ("v0.AAAA".into(), "LINK_UNKNOWN"),
        ("v03.AAAA".into(), "LINK_UNKNOWN"),
        ("v-3.AAAA".into(), "LINK_UNKNOWN"),
        ("v1x.AAAA".into(), "LINK_UNKNOWN"),
        ("v3x.AAAA".into(), "LINK_UNKNOWN"),
        ("v1234567890.AAAA".into(), "LINK_UNKNOWN"),
        (format!("V3.{data}"), "LINK_UNKNOWN"),
        (format!("x3.{data}"), "LINK_UNKNOWN"),
        (format!("3.{data}"), "LINK_UNKNOWN"),
        (format!("v3:{data}"), "LINK_UNKNOWN"),
        ("v4.AAAA".into(), "LINK_NEWER_VERSION"),
        ("v999.anything".into(), "LINK_NEWER_VERSION"),
        ("v123456789.AAAA".into(), "LINK_NEWER_VERSION"),
        (format!("v4.{data}"), "LINK_NEWER_VERSION"),
        ("v1".into(), "LINK_DAMAGED"),
        ("v2.".into(), "LINK_DAMAGED"),
        ("v3".into(), "LINK_DAMAGED"),
        ("v3.".into(), "LINK_DAMAGED"),
        ("v3.AAA".into(), "LINK_DAMAGED"),
        ("v3.AAAAAA".into(), "LINK_DAMAGED"),
        ("v3.!!!!".into(), "LINK_DAMAGED"),
        (format!("v3.{data}="), "LINK_DAMAGED"),
        (format!("v3.+{}", &data[1..]), "LINK_DAMAGED"),
        (format!("v3./{}", &data[1..]), "LINK_DAMAGED"),
        (format!("v1.{data}"), "LINK_DAMAGED"),
        (format!("v2.{data}"), "LINK_DAMAGED"),
        (cut.to_string(), "LINK_DAMAGED"),
    ];
    for (text, code) in &table {
        assert_eq!(codes(text), [*code], "{text:?}");
    }
    let errs = decode("v3.AAA").expect_err("damaged");
    let e = &errs.0[0];
    assert_eq!(e.field, "link");
    assert!(e.message_nb().contains("Lenken") && e.message_en().contains("link"));
}

/// The body's JSON is read like a file's, and must be exactly the object
/// `{"rules": text, "case": object}`: a list of the two, as serde's derive
/// would read a struct, is no link.
#[test]
fn a_well_sealed_body_that_is_not_rules_and_case_is_unreadable() {
    let rules = Law::embedded().version.to_string();
    let mut bodies: Vec<Vec<u8>> = [
        json!([]),
        json!([rules, {}]),
        json!([rules, seed_week()]),
        json!(null),
        json!(42),
        json!("v3"),
        json!({}),
        json!({"rules": rules}),
        json!({"case": {}}),
        json!({"rules": 1, "case": {}}),
        json!({"rules": null, "case": {}}),
        json!({"rules": rules, "case": {}, "more": 1}),
        json!({"Rules": rules, "case": {}}),
        json!({"rules": "x".repeat(33), "case": {}}),
    ]
    .iter()
    .map(|v| serde_json::to_vec(v).expect("JSON"))
    .collect();
    bodies.extend([
        Vec::new(),
        b"{\"rules\": ".to_vec(),
        b"{\"rules\": \"x\", \"case\": {}} 2".to_vec(),
        b"{\"rules\": \"x\", \"case\": {}}{}".to_vec(),
        b"{\"rules\": \"\xff\", \"case\": {}}".to_vec(),
        b"\xef\xbb\xbf\xef\xbb\xbf{}".to_vec(),
        b"{\"rules\": \"\\ud800\", \"case\": {}}".to_vec(),
        // A number past f64 is no JSON value: only the link is named.
        br#"{"rules": "x", "case": {"monthly": [{"kind": "leisure", "hours_per_month": 1e400}]}}"#
            .to_vec(),
        // Deeper than the JSON limit: refused, never a stack overflow.
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
        format!(
            "{{\"rules\": \"x\", \"case\": {{\"needs\": {}{}}}}}",
            "[".repeat(10_000),
            "]".repeat(10_000)
        )
        .into_bytes(),
    ]);
    for body in bodies {
        let text = String::from_utf8_lossy(&body);
        let text: String = text.chars().take(80).collect();
        assert_eq!(
            fields_and_codes(&raw::seal_json(&body)),
            pairs(&[("link", "LINK_UNREADABLE")]),
            "{text}"
        );
    }
    // At the limit of the rules version's length, and with a byte-order
    // mark as a file may have: read.
    for body in [
        serde_json::to_vec(&json!({"rules": "x".repeat(32), "case": {}})).expect("JSON"),
        b"\xef\xbb\xbf{\"rules\": \"x\", \"case\": {}}".to_vec(),
    ] {
        assert_eq!(codes(&raw::seal_json(&body)), Vec::<&str>::new());
    }
}

/// A body whose case is no case is refused naming the case's own field, as
/// a file is.
#[test]
fn a_case_that_is_no_case_is_refused_naming_its_field() {
    let rules = Law::embedded().version.to_string();
    for (case, field, code) in [
        (json!([]), "", "INVALID_VALUE"),
        (json!([1, {}]), "", "INVALID_VALUE"),
        (json!("case"), "", "INVALID_VALUE"),
        (json!({"person": []}), "person", "INVALID_VALUE"),
        (
            json!({"person": {"age": "x"}}),
            "person.age",
            "INVALID_VALUE",
        ),
        (json!({"needs": [[]]}), "needs[0]", "INVALID_VALUE"),
        (json!({"shoe": 1}), "shoe", "INVALID_VALUE"),
        (json!(null), "", "INVALID_VALUE"),
    ] {
        let link = sealed(&json!({"rules": rules, "case": case}));
        let got = fields_and_codes(&link);
        assert_eq!(
            got[..2],
            pairs(&[("link", "LINK_UNREADABLE"), (field, code)]),
            "{case}: {got:?}"
        );
    }
}

/// A link with the right checksum whose case breaks the rules of a case is
/// refused by the same checks as a file, naming the field: in every layout.
#[test]
fn impossible_values_are_named_like_in_a_file() {
    let need = json!({"kind": "personal", "days": ["mon"], "start": "07:00", "end": "08:00"});
    let mut zero = need.clone();
    zero["end"] = json!("07:00");
    let rules = Law::embedded().version.to_string();
    let ok = sealed(&json!({"rules": rules, "case": {"needs": [need]}}));
    let opened = decode(&ok).expect("a sound need opens");
    assert_eq!(opened.case.needs[0].end, time(8 * 60));
    let link = sealed(&json!({"rules": rules, "case": {"needs": [zero]}}));
    assert_eq!(
        fields_and_codes(&link),
        pairs(&[
            ("link", "LINK_IMPOSSIBLE_VALUES"),
            ("needs[0].end", "ZERO_LENGTH")
        ])
    );
    let link = sealed(&json!({"rules": rules, "case": {"version": 0, "person": {"age": 131}}}));
    assert_eq!(
        fields_and_codes(&link),
        pairs(&[
            ("link", "LINK_IMPOSSIBLE_VALUES"),
            ("version", "BAD_VERSION"),
            ("person.age", "AGE_TOO_HIGH"),
        ])
    );

    // v1 by hand: the empty case's rules version, then sections = needs,
    // one need: personal, no flags, Monday, 07:00 (28 quarter hours) to
    // 08:00 (32); then the same ending at 07:00.
    let (version, empty) = unseal_legacy(&golden("empty").link);
    assert_eq!((version, empty.last()), (1, Some(&0)), "sections = none");
    let v1 = |end: u8| {
        let mut body = empty[..empty.len() - 1].to_vec();
        body.extend([0b10, 1, 0, 1, 28, end]);
        raw::seal_legacy(1, &body)
    };
    let opened = decode(&v1(32)).expect("the hand-made v1 need opens");
    assert_eq!(opened.case.needs.len(), 1);
    assert_eq!(opened.case.needs[0].days, Days::from_bits(1));
    assert_eq!(
        (opened.case.needs[0].start, opened.case.needs[0].end),
        (time(7 * 60), time(8 * 60))
    );
    assert_eq!(
        fields_and_codes(&v1(28)),
        pairs(&[
            ("link", "LINK_IMPOSSIBLE_VALUES"),
            ("needs[0].end", "ZERO_LENGTH")
        ])
    );

    // v2 by hand: one need, personal, no label or extras, on the seven-bit
    // day set `days`, 07:00 for an hour.
    let v2 = |days: u64| {
        let mut w = Bits::default();
        w.rules();
        w.bits(0b01000, 5);
        w.number(1);
        w.bits(0, 3 + 3);
        w.bits(0b11, 2);
        w.bits(days, 7);
        w.bits(28, 7);
        w.bits(0b0_0011, 5);
        raw::seal_legacy(2, &w.finish())
    };
    let opened = decode(&v2(1)).expect("the hand-made v2 need opens");
    assert_eq!(opened.case.needs[0].days, Days::from_bits(1));
    assert_eq!(opened.case.needs[0].end, time(8 * 60));
    assert_eq!(
        fields_and_codes(&v2(0)),
        pairs(&[
            ("link", "LINK_IMPOSSIBLE_VALUES"),
            ("needs[0].days", "NO_DAYS")
        ])
    );
}

/// A newer layout, or a newer case format inside `v3`: the page says to
/// reload, rather than half-read it.
#[test]
fn a_newer_layout_or_case_format_is_refused_as_newer() {
    let data = &golden("v3_seed_week").link[3..];
    for v in [4, 5, 10, 999_999_999] {
        assert_eq!(
            codes(&format!("v{v}.{data}")),
            ["LINK_NEWER_VERSION"],
            "v{v}"
        );
    }
    let next = bpa::case::FORMAT_VERSION + 1;
    for version in [
        json!(next),
        json!(4_294_967_296u64),
        json!(f64::from(next) - 0.5),
    ] {
        let link = sealed(&json!({"rules": "2030-01-01.1", "case": {"version": version}}));
        assert_eq!(
            fields_and_codes(&link),
            pairs(&[("link", "LINK_NEWER_VERSION")]),
            "{version}"
        );
    }
    // A newer version with fields this version does not know: still newer.
    let link = sealed(&json!({"rules": "x", "case": {"version": next, "pets": ["cat"]}}));
    assert_eq!(codes(&link), ["LINK_NEWER_VERSION"]);
}

// ---------------------------------------------------------------------------
// Size: refused before it costs anything, and a case too large for a link
// ---------------------------------------------------------------------------

/// Room for a page address before `#` (`MAX_ADDRESS_CHARS` in src/link/).
const ADDRESS_CHARS: usize = 2048;

#[test]
fn a_link_longer_than_the_limit_is_refused_before_reading() {
    let max = config::MAX_LINK_CHARS;
    // The link alone: at the limit it is read (and is damaged), past it not.
    let at = format!("v3.{}", "A".repeat(max - 3));
    assert_eq!(codes(&at), ["LINK_DAMAGED"]);
    assert_eq!(codes(&format!("{at}A")), ["LINK_TOO_LONG"]);
    // In an address: room for the address, and no more.
    let address = |chars: usize| format!("https://kommune.no/{}#", "a".repeat(chars - 20));
    assert_eq!(address(ADDRESS_CHARS).len(), ADDRESS_CHARS);
    assert_eq!(
        codes(&format!("{}{at}", address(ADDRESS_CHARS))),
        ["LINK_DAMAGED"]
    );
    assert_eq!(
        codes(&format!("{}{at}", address(ADDRESS_CHARS + 1))),
        ["LINK_TOO_LONG"]
    );
    for huge in [
        "x".repeat(max * 4),
        format!("v3.{}", "A".repeat(max)),
        format!("v1.{}", "A".repeat(max)),
        "\n".repeat(max + ADDRESS_CHARS + 1),
        "é".repeat(max),
    ] {
        assert_eq!(codes(&huge), ["LINK_TOO_LONG"], "{}", huge.len());
    }
}

/// A short link that inflates past the limit of a file (a "deflate bomb")
/// is refused as damaged; up to the limit, it is read as a file would be.
#[test]
fn a_body_that_inflates_past_the_input_limit_is_refused() {
    let body = format!(
        "{{\"rules\": \"{}\", \"case\": {{}}}}",
        Law::embedded().version
    );
    let padded = |bytes: usize| {
        // `{`, spaces, then the rest of the body.
        let mut json = Vec::with_capacity(bytes);
        json.push(b'{');
        json.resize(bytes - body.len() + 1, b' ');
        json.extend_from_slice(&body.as_bytes()[1..]);
        assert_eq!(json.len(), bytes);
        json
    };
    let at = seal_v3(&padded(config::MAX_INPUT_BYTES), 1);
    assert!(at.len() < config::MAX_LINK_CHARS, "{}", at.len());
    let opened = decode(&at).expect("a body at the limit opens");
    assert_same_case(&opened.case, &Case::default(), "padded");
    let past = seal_v3(&padded(config::MAX_INPUT_BYTES + 1), 1);
    assert!(past.len() < config::MAX_LINK_CHARS, "{}", past.len());
    assert_eq!(codes(&past), ["LINK_DAMAGED"]);
    let bomb = seal_v3(&padded(4 * config::MAX_INPUT_BYTES), 1);
    assert!(bomb.len() < config::MAX_LINK_CHARS, "{}", bomb.len());
    assert_eq!(codes(&bomb), ["LINK_DAMAGED"]);
}

/// At every limit of the input, with text deflate cannot shorten, a case is
/// far too large for a link: encoding says so (the file is the way), rather
/// than making a link no page would open.
#[test]
fn a_case_at_the_input_limits_is_refused_as_too_large_for_a_link() {
    let alphabet: Vec<char> = BASE64URL.chars().collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15;
    let mut big = case_at_the_limits(|chars| noise(&mut seed, chars, &alphabet));
    // The free texts in Chinese characters drawn at random: three bytes of
    // UTF-8 each, twelve bits that deflate cannot take away.
    let chinese: Vec<char> = ('\u{4e00}'..='\u{4fff}').collect();
    for need in &mut big.needs {
        need.label = noise(&mut seed, config::MAX_LABEL_CHARS, &chinese);
    }
    for monthly in &mut big.monthly {
        monthly.label = noise(&mut seed, config::MAX_LABEL_CHARS, &chinese);
    }
    for note in notes_mut(&mut big) {
        *note = noise(&mut seed, config::MAX_NOTE_CHARS, &chinese);
    }
    validate(&big).unwrap_or_else(|e| panic!("still at, not past, the limits: {e}"));
    let errs = encode(&big).expect_err("too large");
    let found: Vec<(&str, &str)> = errs.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(found, [("link", "LINK_CASE_TOO_LARGE")]);
    assert!(errs.0[0].message_en().contains("too large"));
    // The needs alone at their limit are too large too.
    let mut needs_only = Case {
        needs: big.needs.clone(),
        ..Case::default()
    };
    assert_eq!(
        encode(&needs_only).map_err(|e| e.0[0].code),
        Err("LINK_CASE_TOO_LARGE")
    );
    needs_only.needs.truncate(10);
    let link = encode(&needs_only).expect("ten needs fit");
    assert_same_case(&decode(&link).expect("opens").case, &needs_only, "10");
}

/// The same limits with text deflate shortens well: the JSON is as long as
/// a valid case's can be (every character of every text written `\u0001`),
/// and the link made of it opens again: what `encode` makes, `decode` reads.
#[test]
fn a_case_at_the_input_limits_that_deflates_well_makes_a_link_that_opens() {
    let big = case_at_the_limits(|chars| "\u{1}".repeat(chars));
    let rules = "r".repeat(32);
    let link = encode_under(&big, &rules).expect("it deflates to a link");
    assert!(link.len() <= config::MAX_LINK_CHARS);
    let json = json_inside(&link);
    assert!(
        json.len() > config::MAX_INPUT_BYTES / 4 && json.len() <= config::MAX_INPUT_BYTES,
        "{} bytes of JSON",
        json.len()
    );
    let opened = decode(&link).expect("it opens");
    assert_same_case(&opened.case, &big, "at the limits");
    assert_eq!(opened.rules_version, rules);
}

/// Between the two: the largest case of incompressible needs that makes a
/// link, and that link opens; one need more is refused.
#[test]
fn the_largest_case_that_makes_a_link_opens_again() {
    let alphabet: Vec<char> = ('\u{4e00}'..='\u{4fff}').collect();
    let mut seed = 0x2545_f491_4f6c_dd1d;
    let needs: Vec<Need> = (0..config::MAX_NEEDS)
        .map(|_| busy_need(noise(&mut seed, config::MAX_LABEL_CHARS, &alphabet)))
        .collect();
    let case = |n: usize| Case {
        needs: needs[..n].to_vec(),
        ..Case::default()
    };
    // The number of needs that still fits: in (lo, hi].
    let (mut lo, mut hi) = (1, config::MAX_NEEDS);
    assert!(encode(&case(lo)).is_ok() && encode(&case(hi)).is_err());
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        match encode(&case(mid)) {
            Ok(_) => lo = mid,
            Err(e) => {
                assert_eq!(e.0[0].code, "LINK_CASE_TOO_LARGE");
                hi = mid;
            }
        }
    }
    let link = encode(&case(lo)).expect("the largest that fits");
    assert!(
        link.len() <= config::MAX_LINK_CHARS && link.len() > config::MAX_LINK_CHARS - 1000,
        "{}",
        link.len()
    );
    assert_same_case(&decode(&link).expect("it opens").case, &case(lo), "largest");
    let errs = encode(&case(hi)).expect_err("one more");
    assert_eq!(errs.0[0].code, "LINK_CASE_TOO_LARGE");
}

#[test]
fn the_longest_notes_in_any_script_fit_in_a_link() {
    // Chinese characters drawn at random: each costs two bytes or more.
    let alphabet: Vec<char> = ('\u{4e00}'..='\u{4fff}').collect();
    let mut seed = 0x0123_4567_89ab_cdef;
    let mut case = seed_week();
    for note in notes_mut(&mut case) {
        *note = noise(&mut seed, config::MAX_NOTE_CHARS, &alphabet);
    }
    let link = encode(&case).expect("the longest notes fit");
    assert_same_case(&decode(&link).expect("it opens").case, &case, "notes");
}

#[test]
fn encode_refuses_what_would_not_open_again() {
    let mut case = seed_week();
    case.needs[0].helpers = 0;
    let errs = encode(&case).expect_err("invalid");
    assert_eq!(errs.0[0].field, "needs[0].helpers");
    assert_eq!(errs.0[0].code, "HELPERS_RANGE");
    let errs = encode_under(&seed_week(), &"x".repeat(33)).expect_err("too long");
    assert_eq!(
        (errs.0[0].field.as_str(), errs.0[0].code),
        ("rules_version", "BAD_RULES_VERSION")
    );
    let at = encode_under(&seed_week(), &"é".repeat(32)).expect("32 characters");
    assert_eq!(decode(&at).expect("opens").rules_version, "é".repeat(32));
}

// ---------------------------------------------------------------------------
// The legacy layouts' own hostile bodies
// ---------------------------------------------------------------------------

/// A body with the right checksum but wrong inside: only a link made by
/// hand gets this far.
#[test]
fn a_well_sealed_but_malformed_legacy_body_is_unreadable() {
    for name in ["seed_week", "v2_seed_week"] {
        let link = golden(name).link;
        let (version, valid) = unseal_legacy(&link);
        assert_eq!(raw::seal_legacy(version, &valid), link, "{name}");
        let mut trailing = valid.clone();
        trailing.push(0);
        let mut last_bit = valid.clone();
        *last_bit.last_mut().expect("a byte") |= 1;
        for body in [
            vec![],
            vec![0xff],
            valid[..valid.len() - 1].to_vec(),
            trailing,
            last_bit,
            // Rules version 0 then a text claiming a billion characters.
            vec![0, 0x81, 0x80, 0x80, 0x80, 0x10],
        ] {
            assert_eq!(
                fields_and_codes(&raw::seal_legacy(version, &body)),
                pairs(&[("link", "LINK_UNREADABLE")]),
                "{name} {body:?}"
            );
        }
    }
    // v2: rules version as text, plain mode, claiming 2^20 bytes.
    let mut w = Bits::default();
    w.number(0);
    w.bits(0b011, 3);
    w.number(1 << 20);
    assert_eq!(
        codes(&raw::seal_legacy(2, &w.finish())),
        ["LINK_UNREADABLE"]
    );
}

/// Counts are checked against the limits before memory is taken.
#[test]
fn hostile_counts_in_a_legacy_link_are_refused() {
    let (_, header) = unseal_legacy(&golden("empty").link);
    // rules version, then sections = needs, then a count.
    for count in [config::MAX_NEEDS as u64 + 1, u64::MAX] {
        let mut body = header[..header.len() - 1].to_vec();
        body.push(0b10);
        let mut n = count;
        while n >= 0x80 {
            body.push((n as u8 & 0x7f) | 0x80);
            n >>= 7;
        }
        body.push(n as u8);
        assert_eq!(codes(&raw::seal_legacy(1, &body)), ["LINK_UNREADABLE"]);
    }
    // v2: the empty case's body starts the same; then sections = needs.
    let empty = unseal_legacy(&golden("v2_empty").link);
    let mut w = Bits::default();
    w.rules();
    assert_eq!(
        empty,
        (2, w.finish()),
        "the rules version as in Bits::rules"
    );
    for count in [config::MAX_NEEDS as u64 + 1, u64::MAX] {
        let mut w = Bits::default();
        w.rules();
        w.bits(0b01000, 5);
        w.number(count);
        assert_eq!(
            codes(&raw::seal_legacy(2, &w.finish())),
            ["LINK_UNREADABLE"]
        );
    }
}

/// A bit writer for hand-made `v2` bodies (see `src/link/legacy/v2.rs`).
#[derive(Default)]
struct Bits(Vec<bool>);

impl Bits {
    fn bits(&mut self, v: u64, n: u32) {
        for k in (0..n).rev() {
            self.0.push(v >> k & 1 != 0);
        }
    }
    /// An Exp-Golomb number.
    fn number(&mut self, v: u64) {
        let x = u128::from(v) + 1;
        let n = 128 - x.leading_zeros();
        for _ in 1..n {
            self.0.push(false);
        }
        for k in (0..n).rev() {
            self.0.push(x >> k & 1 != 0);
        }
    }
    /// Rules version 2020-07-01.1, as every v2 body of the goldens starts.
    fn rules(&mut self) {
        self.number(183);
        self.number(1);
    }
    fn finish(&self) -> Vec<u8> {
        self.0
            .chunks(8)
            .map(|c| {
                c.iter()
                    .enumerate()
                    .map(|(i, b)| u8::from(*b) << (7 - i))
                    .sum()
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------
// The command line: `bpa link` and `bpa open`
// ---------------------------------------------------------------------------

fn bpa(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_bpa"))
        .args(args)
        .output()
        .expect("bpa runs")
}

#[test]
fn the_cli_makes_a_link_and_opens_it_again() {
    let seed = golden("v3_seed_week");
    let dir = std::env::temp_dir().join(format!("bpa-link-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file = dir.join("needs.json");
    std::fs::write(&file, serde_json::to_string(&seed.case).expect("JSON")).expect("written");
    let made = bpa(&["link", &file.to_string_lossy()]);
    std::fs::remove_dir_all(&dir).ok();
    assert!(made.status.success(), "{made:?}");
    let link = String::from_utf8_lossy(&made.stdout).trim().to_string();
    assert_eq!(link, encode(&seed.case).expect("a link"));
    if seed.rules_version == Law::embedded().version {
        assert_eq!(link, seed.link, "the CLI writes the frozen link");
    }
    assert!(String::from_utf8_lossy(&made.stderr).contains(&format!("#{link}")));
    let links = [link, golden("seed_week").link, golden("v2_seed_week").link];
    for link in &links {
        let opened = bpa(&["open", &format!("https://www.kommune.no/bpa/#{link}")]);
        assert!(opened.status.success(), "{opened:?}");
        let case: Case = serde_json::from_slice(&opened.stdout).expect("a case as JSON");
        assert_same_case(&case, &seed.case, link);
    }
}

#[test]
fn the_cli_refuses_a_bad_link_in_plain_words() {
    let out = bpa(&["open", "v3.AAAA"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Lenken er skadet") && err.contains("LINK_DAMAGED"),
        "{err}"
    );
    // A link made under older rules opens, and says the rules have changed.
    for name in ["made_under_older_rules", "v3_made_under_older_rules"] {
        let out = bpa(&["open", &golden(name).link]);
        assert!(out.status.success(), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("reglene er endret siden"), "{name}: {err}");
    }
    assert_eq!(bpa(&["link"]).status.code(), Some(2));
}

// ---------------------------------------------------------------------------
// Properties over random input
// ---------------------------------------------------------------------------

/// Text from the characters given, up to `max` of them. (Regular
/// expression strategies are many times slower in a debug build.)
fn chars_from(alphabet: &'static str, max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = alphabet.chars().collect();
    prop::collection::vec(prop::sample::select(chars), 0..=max).prop_map(String::from_iter)
}

const NORWEGIAN: &str =
    "abcdefghijklmnopqrstuvwxyzæøå      ,.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ";

/// Words of the v2 list glued to each other, to spaces, punctuation and
/// other text, often with a capital first or in capitals, as labels are.
fn arb_words() -> impl Strategy<Value = String> {
    let words = raw::words();
    let piece = prop_oneof![
        4 => (prop::sample::select(words), 0u8..6).prop_map(|(w, how)| match how {
            0 => w.to_uppercase(),
            1 | 2 => {
                let mut c = w.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
            }
            _ => w.to_string(),
        }),
        3 => prop::sample::select(vec![" ", " ", ", ", ". ", "-", "/", "(", ")", "!", "\n", ":"])
            .prop_map(String::from),
        1 => chars_from(NORWEGIAN, 4),
        1 => prop::collection::vec(any::<char>(), 0..2).prop_map(String::from_iter),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|p| p.concat())
}

fn arb_text(max_chars: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => chars_from(NORWEGIAN, 25),
        4 => arb_words().prop_map(move |s| s.chars().take(max_chars).collect()),
        2 => prop::collection::vec(any::<char>(), 0..24).prop_map(String::from_iter),
        1 => prop::collection::vec(any::<char>(), max_chars - 5..=max_chars)
            .prop_map(String::from_iter),
    ]
}

/// Minutes of a time of day, often on the quarter hour like real input.
fn arb_minutes() -> impl Strategy<Value = u32> {
    prop_oneof![(0u32..=96).prop_map(|q| q * 15), 0u32..=1440]
}

fn arb_need() -> impl Strategy<Value = Need> {
    (
        (
            kind(),
            1u8..=127,
            any::<bool>(),
            arb_minutes(),
            arb_minutes(),
        ),
        (1u8..=config::MAX_HELPERS, place(), any::<bool>()),
        prop_oneof![3 => Just(String::new()), 2 => arb_text(config::MAX_LABEL_CHARS)],
    )
        .prop_map(
            |((kind, days, crosses, a, b), (helpers, place, continuous), label)| {
                // Times that validate: past midnight ends at or before the
                // start; otherwise after it.
                let start = a.min(1439);
                let end = if crosses {
                    b.min(start)
                } else if b > start {
                    b
                } else {
                    (start + 1 + b).min(1440)
                };
                Need {
                    kind,
                    days: Days::from_bits(days),
                    start: time(start),
                    end: time(end),
                    crosses_midnight: crosses,
                    helpers,
                    place,
                    continuous,
                    label,
                }
            },
        )
}

/// Hours per month: on the quarter hour as people type them, any `f64` in
/// range (17 significant digits, such as 0.09999999999999645), and the
/// numbers at the edges.
fn arb_hours() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0u32..=2976).prop_map(|q| f64::from(q) / 4.0),
        0.0f64..=config::MAX_HOURS_PER_MONTH,
        (0u64..1 << 20).prop_map(f64::from_bits),
        prop::sample::select(vec![
            0.09999999999999645,
            0.1 + 0.2,
            -0.0,
            f64::MIN_POSITIVE,
            f64::from_bits(config::MAX_HOURS_PER_MONTH.to_bits() - 1),
            config::MAX_HOURS_PER_MONTH,
        ]),
    ]
}

fn arb_monthly() -> impl Strategy<Value = MonthlyNeed> {
    (
        kind(),
        arb_hours(),
        place(),
        prop_oneof![Just(String::new()), arb_text(config::MAX_LABEL_CHARS)],
    )
        .prop_map(|(kind, hours_per_month, place, label)| MonthlyNeed {
            kind,
            hours_per_month,
            place,
            label,
        })
}

/// The person: any age the reader accepts, any number of current services.
fn arb_person() -> impl Strategy<Value = Person> {
    common::person(
        prop::option::of(0i64..=config::MAX_AGE),
        prop::collection::vec(
            prop::sample::select(CurrentService::ALL.to_vec()),
            0..=config::MAX_CURRENT_SERVICES,
        ),
    )
}

fn arb_date() -> impl Strategy<Value = Date> {
    (1900u16..=9999, 1u8..=12, 1u8..=31)
        .prop_map(|(y, m, d)| Date::new(y, m, d).or(Date::new(y, m, 28)).expect("a date"))
}

fn arb_settings() -> impl Strategy<Value = Settings> {
    (
        prop::option::of((0u32..1440, 0u32..1440).prop_map(|(s, e)| NightWindow {
            start: time(s),
            end: time(if e == s { (s + 1) % 1440 } else { e }),
        })),
        prop::option::of(arb_date()),
        prop::option::of(prop_oneof![
            prop::sample::select(vec!["nb", "nn", "en", "se"]).prop_map(String::from),
            chars_from("abcdefghijklmnopqrstuvwxyz-", 8),
        ]),
        prop::option::of(chars_from("abcdefghijklmnopqrstuvwxyzæøå -", 30)),
    )
        .prop_map(|(night, assessment_date, lang, municipality)| Settings {
            night,
            assessment_date,
            lang,
            municipality,
        })
}

fn arb_notes() -> impl Strategy<Value = Notes> {
    let note = || prop_oneof![2 => Just(String::new()), 1 => arb_text(config::MAX_NOTE_CHARS)];
    (note(), note(), note(), note(), note()).prop_map(|(goal, help, arbeidsleder, aids, other)| {
        Notes {
            goal,
            help,
            arbeidsleder,
            aids,
            other,
        }
    })
}

fn arb_case() -> impl Strategy<Value = Case> {
    (
        arb_person(),
        prop::collection::vec(arb_need(), 0..20),
        prop::collection::vec(arb_monthly(), 0..4),
        arb_settings(),
        arb_notes(),
        prop::collection::vec("[A-Z][A-Z0-9_]{0,30}", 0..6),
    )
        .prop_map(|(person, needs, monthly, settings, notes, attached)| Case {
            person,
            needs,
            monthly,
            settings,
            notes,
            attached,
            ..Case::default()
        })
}

fn arb_rules_version() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(Law::embedded().version.to_string()),
        (arb_date(), 0u32..1000).prop_map(|(d, e)| format!("{d}.{e}")),
        prop::collection::vec(any::<char>(), 0..=32).prop_map(String::from_iter),
    ]
}

/// What any accepted link must be: a valid case that makes a link opening
/// to the very same case.
fn check_accepted(opened: &OpenedLink) -> Result<(), TestCaseError> {
    prop_assert!(validate(&opened.case).is_ok());
    let all = LinkOptions {
        include_income: true,
    };
    let again = encode_under_with(&opened.case, &opened.rules_version, all)
        .map_err(|e| TestCaseError::fail(format!("accepted but cannot re-encode: {e}")))?;
    let reopened = decode(&again).ok();
    prop_assert_eq!(reopened.as_ref(), Some(opened));
    Ok(())
}

/// Damages a link in one of the ways mail, chat and people damage links.
fn damage(link: &str, at: prop::sample::Index, c: char, how: u8) -> String {
    let mut chars: Vec<char> = link.chars().collect();
    let i = at
        .index(chars.len().max(1))
        .min(chars.len().saturating_sub(1));
    match how {
        0 if !chars.is_empty() => chars[i] = c,
        1 => chars.truncate(i),
        2 if !chars.is_empty() => {
            chars.remove(i);
        }
        3 => chars.insert(i, c),
        _ => chars.extend([' ', c, '.']),
    }
    chars.into_iter().collect()
}

/// Field names and values of the case, so random JSON often gets past the
/// first field and into the readers of the parts.
const KEYS: [&str; 30] = [
    "version",
    "person",
    "needs",
    "monthly",
    "settings",
    "notes",
    "kind",
    "days",
    "start",
    "end",
    "crosses_midnight",
    "helpers",
    "place",
    "continuous",
    "label",
    "hours_per_month",
    "age",
    "long_lasting",
    "granted_before_67",
    "applicant",
    "arbeidsleder",
    "current_services",
    "night",
    "assessment_date",
    "lang",
    "municipality",
    "goal",
    "help",
    "aids",
    "other",
];
const WORDS: [&str; 16] = [
    "personal",
    "leisure",
    "home",
    "out",
    "mon",
    "sun",
    "07:00",
    "24:00",
    "07:01",
    "yes",
    "dont_know",
    "self",
    "bpa",
    "nb",
    "2024-02-29",
    "",
];

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..200).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(WORDS.to_vec()).prop_map(Value::from),
        arb_text(20).prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS.to_vec()), inner), 0..6).prop_map(
                |fields| Value::Object(
                    fields
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect()
                )
            ),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_200))]

    /// decode(encode(case)) == case, exactly, for any valid case; the same
    /// case makes the same link; and the link damaged five ways is refused,
    /// or (rarely: an appended space and punctuation) still opens to a
    /// valid case.
    #[test]
    fn any_valid_case_comes_back_exactly_and_damage_is_caught(
        case in arb_case(),
        rules in arb_rules_version(),
        damages in prop::collection::vec((any::<prop::sample::Index>(), any::<char>(), 0u8..5), 5),
    ) {
        prop_assert!(validate(&case).is_ok(), "the strategy made an invalid case");
        // With the income band: a link the person chose to include it in.
        let all = LinkOptions { include_income: true };
        let link = encode_under_with(&case, &rules, all)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(link.starts_with("v3."));
        let opened = decode(&link).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&opened.case, &case);
        prop_assert_eq!(hour_bits(&opened.case), hour_bits(&case));
        prop_assert_eq!(&opened.rules_version, &rules);
        let again = encode_under_with(&case, &rules, all).ok();
        prop_assert_eq!(again.as_ref(), Some(&link));
        // Without it, as every share link is made unless the person asks.
        let plain = encode_under(&case, &rules).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let opened_plain = decode(&plain).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(opened_plain.case.person.income_band, None);
        for (at, c, how) in damages {
            let damaged = damage(&link, at, c, how);
            match decode(&damaged) {
                Ok(opened) => check_accepted(&opened)?,
                Err(errs) => prop_assert!(errs.0[0].code.starts_with("LINK_"), "{:?}", errs),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// Random bytes sealed with the right checksum reach every reader: the
    /// inflater and JSON reader of `v3`, and both legacy layouts. Whatever
    /// they hold, opening returns, and accepts only a valid case.
    #[test]
    fn random_bodies_never_panic(body in prop::collection::vec(any::<u8>(), 0..96)) {
        for link in [
            raw::seal_json(&body),
            seal_v3(&body, 1),
            raw::seal_legacy(1, &body),
            raw::seal_legacy(2, &body),
        ] {
            if let Ok(opened) = decode(&link) {
                check_accepted(&opened)?;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    /// Random JSON in the body, shaped like a case: opening returns, and
    /// accepts only a valid case, or says what is wrong.
    #[test]
    fn random_json_bodies_never_panic(
        case in arb_json(),
        rules in prop_oneof![Just(Value::from("2020-07-01.1")), arb_json()],
        whole in any::<bool>(),
    ) {
        let body = if whole { case } else { json!({"rules": rules, "case": case}) };
        match decode(&sealed(&body)) {
            Ok(opened) => check_accepted(&opened)?,
            Err(errs) => prop_assert!(
                ["LINK_UNREADABLE", "LINK_IMPOSSIBLE_VALUES", "LINK_NEWER_VERSION"]
                    .contains(&errs.0[0].code),
                "{:?}", errs
            ),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// Arbitrary text, and text shaped like a link, is refused.
    #[test]
    fn random_text_is_refused(
        text in prop_oneof![
            prop::collection::vec(any::<char>(), 0..64).prop_map(String::from_iter),
            chars_from(BASE64URL, 80).prop_map(|s| format!("v1.{s}")),
            chars_from(BASE64URL, 80).prop_map(|s| format!("v2.{s}")),
            chars_from(BASE64URL, 120).prop_map(|s| format!("v3.{s}")),
            (0u32..1000, chars_from(BASE64URL, 40))
                .prop_map(|(v, s)| format!("https://kommune.no/bpa/#v{v}.{s}")),
        ]
    ) {
        prop_assert!(decode(&text).is_err(), "{:?} opened", text);
    }
}
