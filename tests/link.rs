//! Share links (`src/link.rs`): the golden links in `tests/links/` must keep
//! opening to the same case in every later version; damage must be caught
//! and named in plain words; and over many random inputs, opening a link
//! never panics and never accepts anything but a valid case.
// Native only: run by `cargo test`; the bridge tests run in wasm.
#![cfg(not(target_arch = "wasm32"))]

use bpa::link::{decode, encode, encode_under, raw, OpenedLink};
use bpa::model::{
    Answer, Applicant, Arbeidsleder, Case, CurrentService, MonthlyNeed, Need, NeedKind,
    NightWindow, Notes, Person, Place, Settings,
};
use bpa::time::{Date, Days, TimeOfDay};
use bpa::{config, Law};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::Deserialize;

/// One committed link and the case it must open to.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Golden {
    /// What the vector covers, for the reader.
    #[allow(dead_code)]
    what: String,
    link: String,
    rules_version: String,
    case: Case,
}

fn goldens() -> Vec<(String, Golden)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/links");
    let mut out: Vec<(String, Golden)> = std::fs::read_dir(dir)
        .expect("tests/links exists")
        .map(|entry| entry.expect("a directory entry").path())
        // `held_out/` holds cases without links (see `held_out_weeks_fit`).
        .filter(|path| path.is_file())
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

fn golden(name: &str) -> Golden {
    goldens()
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, g)| g)
        .unwrap_or_else(|| panic!("tests/links/{name}.json"))
}

fn codes(text: &str) -> Vec<&'static str> {
    match decode(text) {
        Ok(_) => Vec::new(),
        Err(errs) => errs.0.iter().map(|e| e.code).collect(),
    }
}

// ---------------------------------------------------------------------------
// Golden links: old links in caseworkers' e-mails must keep working
// ---------------------------------------------------------------------------

#[test]
fn there_are_golden_links_for_what_the_issue_names() {
    let names: Vec<String> = goldens().into_iter().map(|(n, _)| n).collect();
    assert!(names.len() >= 12, "only {} golden links", names.len());
    for required in [
        "seed_week",
        "empty",
        "week_20_needs",
        "all_need_kinds_and_places",
        "crossing_midnight",
        "notes_in_many_scripts",
        "labels_with_markup",
        "made_under_older_rules",
    ] {
        assert!(names.iter().any(|n| n == required), "{required} is missing");
    }
}

#[test]
fn every_golden_link_opens_to_its_case() {
    let law = Law::embedded();
    for (name, g) in goldens() {
        let opened = decode(&g.link).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(opened.case, g.case, "{name}");
        assert_eq!(opened.rules_version, g.rules_version, "{name}");
        assert_eq!(
            opened.rules_changed(&law),
            g.rules_version != law.version,
            "{name}"
        );
    }
}

/// The formats have not drifted: today's encoder writes the very same `v2`
/// links, and the frozen `v1` writer the very same `v1` links. If this fails
/// on purpose, the layout changed: give it a new version (`v3.`), keep the
/// old readers and these files as they are.
#[test]
fn every_golden_case_makes_the_same_link() {
    let mut versions = [0; 2];
    for (name, g) in goldens() {
        let link = if g.link.starts_with("v1.") {
            versions[0] += 1;
            raw::encode_v1_under(&g.case, &g.rules_version)
        } else {
            versions[1] += 1;
            encode_under(&g.case, &g.rules_version)
        }
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(link, g.link, "{name}");
    }
    // The v1 files stay; v2 has at least ten of its own.
    assert!(versions[0] >= 22 && versions[1] >= 10, "{versions:?}");
}

#[test]
fn golden_cases_cover_what_they_say() {
    let seed = golden("seed_week");
    assert_eq!(seed.case, bpa::example::seed_week());
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
    assert_eq!(golden("week_20_needs").case.needs.len(), 20);
    for name in [
        "v2_seed_week",
        "v2_week_20_needs",
        "v2_held_out_young_adult_with_job",
    ] {
        assert!(golden(name).link.starts_with("v2."), "{name}");
    }
    assert_eq!(golden("v2_seed_week").case, seed.case);
    assert_eq!(
        golden("v2_week_20_needs").case,
        golden("week_20_needs").case
    );
    assert_eq!(golden("empty").case, Case::default());
    assert!(golden("made_under_older_rules").rules_version.as_str() < &*Law::embedded().version);
}

/// The issue's target: a typical week of 15–20 needs, labelled, in under
/// 300 characters. Checked on the 20-need week, and on held-out weeks
/// (tests/links/held_out/) so the word list is not just fitted to the
/// first: `young_adult_with_job` was written before the v2 word list was
/// drawn up; `parent_with_small_children` after it was frozen, with long
/// descriptive labels. It measured 321 characters (v1: 538), over the
/// target: its bound only guards against getting worse.
#[test]
fn links_are_short() {
    let seed = encode(&bpa::example::seed_week()).expect("the seed week makes a link");
    assert!(seed.len() < 70, "seed week: {} characters", seed.len());
    let without = encode(&golden("week_20_needs_without_labels").case).expect("a link");
    assert!(
        without.len() < 120,
        "20 needs, no labels: {}",
        without.len()
    );
    let week = golden("week_20_needs").case;
    let link = encode(&week).expect("a link");
    assert!(
        link.len() < 300,
        "20 labelled needs: {} characters",
        link.len()
    );
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/links/held_out");
    for (name, limit) in [
        ("young_adult_with_job", 300),
        ("parent_with_small_children", 330),
    ] {
        let text = std::fs::read_to_string(format!("{dir}/{name}.json")).expect("readable");
        let case: Case = serde_json::from_str(&text).expect("a case");
        assert!(case.needs.len() == 20 && case.needs.iter().all(|n| !n.label.is_empty()));
        let link = encode(&case).expect("a link");
        assert!(link.len() < limit, "{name}: {} characters", link.len());
    }
}

// ---------------------------------------------------------------------------
// Damage and hostility
// ---------------------------------------------------------------------------

#[test]
fn a_link_opens_from_a_whole_address_or_wrapped_in_mail() {
    let g = golden("seed_week");
    let wrapped: String = g
        .link
        .chars()
        .enumerate()
        .flat_map(|(i, c)| (i % 40 == 39).then_some('\n').into_iter().chain([c]))
        .collect();
    for text in [
        format!("https://www.oslo.kommune.no/bpa/#{}", g.link),
        format!("#{}", g.link),
        format!("  <{}>.\n", g.link),
        format!("Se «{}»", g.link)
            .replace('«', "#")
            .replace('»', ""),
        format!("({})", g.link),
        wrapped,
    ] {
        assert_eq!(
            decode(&text).map(|o| o.case).ok(),
            Some(g.case.clone()),
            "{text}"
        );
    }
}

#[test]
fn every_change_of_one_character_is_caught() {
    for name in ["seed_week", "v2_seed_week"] {
        one_character_changed(&golden(name).link);
    }
}

fn one_character_changed(link: &str) {
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=%.";
    let chars: Vec<char> = link.chars().collect();
    let mut tried = 0;
    for i in 0..chars.len() {
        for c in alphabet.chars().filter(|c| *c != chars[i]) {
            let mut changed = chars.clone();
            changed[i] = c;
            let text: String = changed.into_iter().collect();
            assert!(decode(&text).is_err(), "{text}");
            tried += 1;
        }
        // One character lost, and the link cut short there.
        let mut lost = chars.clone();
        lost.remove(i);
        assert!(decode(&lost.iter().collect::<String>()).is_err());
        assert!(decode(&chars[..i].iter().collect::<String>()).is_err());
    }
    assert!(tried > 3500);
}

#[test]
fn each_kind_of_bad_link_gets_its_own_plain_message() {
    let seed = golden("seed_week").link;
    let cut = &seed[..seed.len() - 5];
    let flipped = seed.replacen("wDo", "wDp", 1);
    for (text, code) in [
        ("", "LINK_EMPTY"),
        ("https://kommune.no/bpa/#", "LINK_EMPTY"),
        ("hello", "LINK_UNKNOWN"),
        ("v0.AAAA", "LINK_UNKNOWN"),
        ("v1x.AAAA", "LINK_UNKNOWN"),
        ("v12345678.AAAA", "LINK_UNKNOWN"),
        ("v3.AAAA", "LINK_NEWER_VERSION"),
        ("v999.anything", "LINK_NEWER_VERSION"),
        ("v1", "LINK_DAMAGED"),
        ("v1.", "LINK_DAMAGED"),
        ("v1.AAA", "LINK_DAMAGED"),
        ("v1.!!!!", "LINK_DAMAGED"),
        ("v2", "LINK_DAMAGED"),
        ("v2.", "LINK_DAMAGED"),
        ("v2.AAA", "LINK_DAMAGED"),
        ("v2x.AAAA", "LINK_UNKNOWN"),
        (cut, "LINK_DAMAGED"),
        (&flipped, "LINK_DAMAGED"),
    ] {
        assert_eq!(codes(text), vec![code], "{text:?}");
    }
    let errs = decode("v1.AAA").expect_err("damaged");
    let e = &errs.0[0];
    assert_eq!(e.field, "link");
    assert!(e.message_nb().contains("Lenken") && e.message_en().contains("link"));
}

#[test]
fn a_link_longer_than_the_limit_is_refused_before_reading() {
    let huge = format!("v1.{}", "A".repeat(config::MAX_LINK_CHARS));
    assert_eq!(codes(&huge), vec!["LINK_TOO_LONG"]);
    let pasted = "x".repeat(config::MAX_LINK_CHARS * 4);
    assert_eq!(codes(&pasted), vec!["LINK_TOO_LONG"]);
}

/// A body with the right checksum but wrong inside: only a link made by
/// hand gets this far.
#[test]
fn a_well_sealed_but_malformed_body_is_unreadable() {
    for name in ["seed_week", "v2_seed_week"] {
        let (version, valid) = raw::unseal(&golden(name).link).expect("a link");
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
                codes(&raw::seal_as(version, &body)),
                vec!["LINK_UNREADABLE"],
                "{name} {body:?}"
            );
        }
    }
    // v2: rules version as text, plain mode, claiming 2^20 bytes.
    let mut w = Bits::default();
    w.number(0);
    w.bits(0b011, 3);
    w.number(1 << 20);
    assert_eq!(codes(&raw::seal(&w.finish())), vec!["LINK_UNREADABLE"]);
}

/// A bit writer for hand-made `v2` bodies, as in `src/link/text.rs`.
#[derive(Default)]
struct Bits(Vec<bool>);

impl Bits {
    fn bits(&mut self, v: u64, n: u32) {
        for k in (0..n).rev() {
            self.0.push(v >> k & 1 != 0);
        }
    }
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
    /// Rules version 2020-07-01.1, as every v2 body made today starts.
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

/// Counts are checked against the limits before memory is taken.
#[test]
fn hostile_counts_are_refused() {
    let (_, header) = raw::unseal(&golden("empty").link).expect("a v1 link");
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
        assert_eq!(codes(&raw::seal_as(1, &body)), vec!["LINK_UNREADABLE"]);
    }
    // v2: the empty case's body starts the same; then sections = needs.
    let empty = raw::unseal(&golden("v2_empty").link).expect("a v2 link");
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
        assert_eq!(codes(&raw::seal(&w.finish())), vec!["LINK_UNREADABLE"]);
    }
}

/// A link with the right checksum whose case breaks the rules of a case
/// (here: a need that ends when it starts) is refused by the same checks
/// as a file, naming the field.
#[test]
fn impossible_values_are_named_like_in_a_file() {
    let case = Case {
        needs: vec![Need {
            kind: NeedKind::Personal,
            days: Days::from_bits(1),
            start: TimeOfDay::hm(7, 0).expect("07:00"),
            end: TimeOfDay::hm(8, 0).expect("08:00"),
            crosses_midnight: false,
            helpers: 1,
            place: Place::Home,
            continuous: false,
            label: String::new(),
        }],
        ..Case::default()
    };
    let (_, mut body) = raw::unseal(&raw::encode_v1_under(&case, "2020-07-01.1").expect("a link"))
        .expect("a v1 link");
    // The layout ends with the need: head, days, start 07:00 (28 quarter
    // hours), end 08:00 (32). Make the end 07:00.
    assert_eq!(body[body.len() - 2..], [28, 32]);
    let last = body.len() - 1;
    body[last] = 28;
    let errs = decode(&raw::seal_as(1, &body)).expect_err("impossible");
    let found: Vec<(&str, &str)> = errs.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        found,
        vec![
            ("link", "LINK_IMPOSSIBLE_VALUES"),
            ("needs[0].end", "ZERO_LENGTH")
        ]
    );
    // v2 by hand: one need, personal, no label or extras, on no day (the
    // seven-bit day set 0), 07:00 for an hour.
    let mut w = Bits::default();
    w.rules();
    w.bits(0b01000, 5);
    w.number(1);
    w.bits(0, 3 + 3);
    w.bits(0b11, 2);
    w.bits(0, 7);
    w.bits(28, 7);
    w.bits(0b0_0011, 5);
    let errs = decode(&raw::seal(&w.finish())).expect_err("impossible");
    let found: Vec<(&str, &str)> = errs.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        found,
        vec![
            ("link", "LINK_IMPOSSIBLE_VALUES"),
            ("needs[0].days", "NO_DAYS")
        ]
    );
}

#[test]
fn encode_refuses_what_would_not_open_again() {
    let mut case = bpa::example::seed_week();
    case.needs[0].helpers = 0;
    let errs = encode(&case).expect_err("invalid");
    assert_eq!(errs.0[0].field, "needs[0].helpers");
    // The largest case the limits allow is too large for a link: the file
    // is the way for it.
    let mut big = bpa::example::seed_week();
    big.needs = (0..config::MAX_NEEDS)
        .map(|i| Need {
            label: format!("{i:0>200}"),
            ..bpa::example::seed_week().needs[0].clone()
        })
        .collect();
    assert!(bpa::error::validate(&big).is_ok());
    assert_eq!(
        encode(&big).map_err(|e| e.0[0].code),
        Err("LINK_CASE_TOO_LARGE")
    );
    // All five notes at their longest fit, in any script.
    let mut notes = bpa::example::seed_week();
    for (i, note) in [
        &mut notes.notes.goal,
        &mut notes.notes.help,
        &mut notes.notes.arbeidsleder,
        &mut notes.notes.aids,
        &mut notes.notes.other,
    ]
    .into_iter()
    .enumerate()
    {
        // Different texts: a repeat would be written as a reference.
        *note = format!("{i}{}", "帮".repeat(config::MAX_NOTE_CHARS - 1));
    }
    let link = encode(&notes).expect("the longest notes fit");
    assert_eq!(decode(&link).map(|o| o.case).ok(), Some(notes));
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
    let seed = golden("seed_week");
    let dir = std::env::temp_dir().join(format!("bpa-link-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file = dir.join("needs.json");
    std::fs::write(&file, serde_json::to_string(&seed.case).expect("JSON")).expect("written");
    let made = bpa(&["link", &file.to_string_lossy()]);
    assert!(made.status.success(), "{made:?}");
    let link = String::from_utf8_lossy(&made.stdout).trim().to_string();
    assert_eq!(link, encode(&seed.case).expect("a link"));
    assert!(String::from_utf8_lossy(&made.stderr).contains(&format!("#{link}")));
    let opened = bpa(&["open", &format!("https://www.kommune.no/bpa/#{link}")]);
    assert!(opened.status.success(), "{opened:?}");
    let case: Case = serde_json::from_slice(&opened.stdout).expect("a case as JSON");
    assert_eq!(case, seed.case);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_cli_refuses_a_bad_link_in_plain_words() {
    let out = bpa(&["open", "v1.AAAA"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Lenken er skadet") && err.contains("LINK_DAMAGED"),
        "{err}"
    );
    // A link made under older rules opens, and says the rules have changed.
    let old = golden("made_under_older_rules");
    let out = bpa(&["open", &old.link]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("reglene er endret siden"));
    assert_eq!(bpa(&["link"]).status.code(), Some(2));
}

// ---------------------------------------------------------------------------
// Properties over random input (127 200 inputs a run: 1 200 cases, each
// also damaged 5 ways, 40 000 bodies each read as v1 and as v2, 40 000 texts)
// ---------------------------------------------------------------------------

/// Text from the characters given, up to `max` of them. (Regular
/// expression strategies are many times slower in a debug build.)
fn chars_from(alphabet: &'static str, max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = alphabet.chars().collect();
    prop::collection::vec(prop::sample::select(chars), 0..=max).prop_map(String::from_iter)
}

const NORWEGIAN: &str =
    "abcdefghijklmnopqrstuvwxyzæøå      ,.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ";
const BASE64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

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

fn time(m: u32) -> TimeOfDay {
    TimeOfDay::from_minutes(m).expect("minutes within the day")
}

fn arb_kind() -> impl Strategy<Value = NeedKind> {
    prop::sample::select(NeedKind::ALL.to_vec())
}

fn arb_place() -> impl Strategy<Value = Place> {
    prop::sample::select(Place::ALL.to_vec())
}

fn arb_need() -> impl Strategy<Value = Need> {
    (
        (
            arb_kind(),
            1u8..=127,
            any::<bool>(),
            arb_minutes(),
            arb_minutes(),
        ),
        (1u8..=config::MAX_HELPERS, arb_place(), any::<bool>()),
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

fn arb_monthly() -> impl Strategy<Value = MonthlyNeed> {
    (
        arb_kind(),
        prop_oneof![
            (0u32..=2976).prop_map(|q| f64::from(q) / 4.0),
            0.0f64..=config::MAX_HOURS_PER_MONTH,
        ],
        arb_place(),
        prop_oneof![Just(String::new()), arb_text(config::MAX_LABEL_CHARS)],
    )
        .prop_map(|(kind, hours_per_month, place, label)| MonthlyNeed {
            kind,
            hours_per_month,
            place,
            label,
        })
}

fn arb_answer() -> impl Strategy<Value = Option<Answer>> {
    prop::option::of(prop::sample::select(vec![
        Answer::Yes,
        Answer::No,
        Answer::DontKnow,
    ]))
}

fn arb_person() -> impl Strategy<Value = Person> {
    use Applicant as Ap;
    use Arbeidsleder as Al;
    use CurrentService as S;
    (
        prop::option::of(0i64..=config::MAX_AGE),
        arb_answer(),
        arb_answer(),
        prop::option::of(prop::sample::select(vec![
            Ap::Myself,
            Ap::Parent,
            Ap::PowerOfAttorney,
            Ap::Guardian,
            Ap::FuturePowerOfAttorney,
        ])),
        prop::option::of(prop::sample::select(vec![
            Al::Myself,
            Al::Medarbeidsleder,
            Al::NobodyYet,
            Al::DontKnow,
        ])),
        prop::collection::vec(
            prop::sample::select(vec![
                S::PracticalHelp,
                S::HomeNursing,
                S::Respite,
                S::SupportContact,
                S::CareAllowance,
                S::Bpa,
                S::Other,
            ]),
            0..=config::MAX_CURRENT_SERVICES,
        ),
    )
        .prop_map(
            |(age, long_lasting, granted_before_67, applicant, arbeidsleder, current_services)| {
                Person {
                    age,
                    long_lasting,
                    granted_before_67,
                    applicant,
                    arbeidsleder,
                    current_services,
                }
            },
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
    )
        .prop_map(|(person, needs, monthly, settings, notes)| Case {
            person,
            needs,
            monthly,
            settings,
            notes,
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
    prop_assert!(bpa::error::validate(&opened.case).is_ok());
    let again = encode_under(&opened.case, &opened.rules_version)
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_200))]

    /// decode(encode(case)) == case, exactly, for any valid case; and the
    /// same link damaged five ways is refused, or (rarely: an appended
    /// space) still opens to a valid case.
    #[test]
    fn any_valid_case_comes_back_exactly_and_damage_is_caught(
        case in arb_case(),
        rules in arb_rules_version(),
        damages in prop::collection::vec((any::<prop::sample::Index>(), any::<char>(), 0u8..5), 5),
    ) {
        prop_assert!(bpa::error::validate(&case).is_ok(), "the strategy made an invalid case");
        let link = encode_under(&case, &rules)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(link.starts_with("v2."));
        let opened = decode(&link).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&opened.case, &case);
        prop_assert_eq!(&opened.rules_version, &rules);
        // The same case makes the same link every time.
        let again = encode_under(&case, &rules).ok();
        prop_assert_eq!(again.as_ref(), Some(&link));
        // The frozen v1 writer and reader still agree too.
        let v1 = raw::encode_v1_under(&case, &rules)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let opened_v1 = decode(&v1).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&opened_v1.case, &case);
        prop_assert_eq!(&opened_v1.rules_version, &rules);
        for (at, c, how) in damages {
            if let Ok(opened) = decode(&damage(&link, at, c, how)) {
                check_accepted(&opened)?;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40_000))]

    /// Random layout bytes sealed with the right checksum reach every
    /// reader of both layouts: whatever they hold, opening returns, and
    /// accepts only a valid case.
    #[test]
    fn random_bodies_never_panic(body in prop::collection::vec(any::<u8>(), 0..96)) {
        for version in [1, 2] {
            if let Ok(opened) = decode(&raw::seal_as(version, &body)) {
                check_accepted(&opened)?;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40_000))]

    /// Arbitrary text, and text shaped like a link, is refused.
    #[test]
    fn random_text_is_refused(
        text in prop_oneof![
            prop::collection::vec(any::<char>(), 0..64).prop_map(String::from_iter),
            chars_from(BASE64URL, 80).prop_map(|s| format!("v1.{s}")),
            chars_from(BASE64URL, 80).prop_map(|s| format!("v2.{s}")),
            (0u32..1000, chars_from(BASE64URL, 40))
                .prop_map(|(v, s)| format!("https://kommune.no/bpa/#v{v}.{s}")),
        ]
    ) {
        prop_assert!(decode(&text).is_err(), "{:?} opened", text);
    }
}
