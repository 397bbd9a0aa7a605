//! Municipality profiles (`www/profiles/<id>.json`): every shipped file is
//! a valid, cited profile that really changes what a person is told, a
//! broken profile is refused naming its field, and an unknown municipality
//! falls back to the neutral profile and says so.
// Native only: run by `cargo test`; the bridge tests run in wasm.
#![cfg(not(target_arch = "wasm32"))]

use bpa::case::example;
use bpa::case::{Applicant, NightWindow, Place};
use bpa::documents::Condition;
use bpa::municipality::{self as profile, Profile, SHIPPED};
use bpa::{assess, assess_with_profile, Assessment, Case, Date, InputErrors, Law, TimeOfDay};

/// Reads a profile from its text, as the CLI and the page do.
fn parse_json(text: &str) -> Result<Profile, InputErrors> {
    profile::from_json(text, Law::embedded())
}
use std::collections::BTreeSet;
use std::path::PathBuf;

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap_or_else(|| unreachable!("a real date"))
}

fn profiles_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/profiles")
}

/// Every `.json` file in `www/profiles/`: (file stem, text).
fn files() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let dir = std::fs::read_dir(profiles_dir()).unwrap_or_else(|e| panic!("www/profiles: {e}"));
    for entry in dir.flatten() {
        let path = entry.path();
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        assert_eq!(
            path.extension().and_then(|e| e.to_str()),
            Some("json"),
            "www/profiles holds only profiles: {}",
            path.display()
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{stem}: {e}"));
        out.push((stem, text));
    }
    out.sort();
    out
}

fn load(id: &str) -> Profile {
    match profile::shipped(id) {
        Some(Ok(p)) => p,
        Some(Err(e)) => panic!("{id}: {e}"),
        None => panic!("{id} is not shipped"),
    }
}

fn run(case: &Case, p: &Profile) -> Assessment {
    assess_with_profile(case, Law::embedded(), today(), p).unwrap_or_else(|e| panic!("{e}"))
}

/// The seed's example week, whose verdict is "likely right".
fn seed() -> Case {
    example::seed_week()
}

/// A case where most conditions are at play: an adult applying with a
/// power of attorney, household help, work hours, and little time mapped.
fn busy() -> Case {
    let mut case = seed();
    case.person.applicant = Some(Applicant::PowerOfAttorney);
    if let Some(n) = case.needs.first_mut() {
        n.place = Place::Work;
    }
    case
}

#[test]
fn every_file_parses_is_shipped_and_is_named_by_its_id() {
    let files = files();
    assert!(files.len() >= 4, "default, oslo and two more: {files:?}");
    let shipped: BTreeSet<&str> = SHIPPED.iter().map(|(id, _)| *id).collect();
    for (stem, text) in &files {
        let p = parse_json(text).unwrap_or_else(|e| panic!("{stem}.json: {e}"));
        assert_eq!(&p.id, stem, "{stem}.json: the id is the file name");
        assert!(
            shipped.contains(stem.as_str()),
            "{stem}.json is not listed in profile::SHIPPED, so the CLI lacks it"
        );
        // The CLI's copy is the same file.
        let (_, compiled) = SHIPPED
            .iter()
            .find(|(id, _)| id == stem)
            .unwrap_or_else(|| unreachable!());
        assert_eq!(
            *compiled,
            text.as_str(),
            "{stem}: the compiled-in text differs"
        );
    }
    assert_eq!(
        files.len(),
        SHIPPED.len(),
        "every shipped profile has its file"
    );
}

#[test]
fn the_default_profile_is_the_neutral_one() {
    assert_eq!(load("default"), Profile::neutral());
}

/// Each municipality's profile names itself, links its pages over https,
/// cites a source for its contact and form pages and processing time, and
/// gives every text of its own in bokmål, nynorsk and English.
#[test]
fn every_municipality_profile_cites_its_pages_over_https() {
    for (id, _) in SHIPPED.iter().filter(|(id, _)| *id != "default") {
        let p = load(id);
        assert!(p.name.is_some(), "{id}: no name");
        assert!(!p.sources.is_empty(), "{id}: names no source");
        let cited: Vec<&str> = p.sources.iter().map(|s| s.url.as_str()).collect();
        let contact = p
            .contact
            .as_deref()
            .unwrap_or_else(|| panic!("{id}: no contact page"));
        let mut urls = vec![contact];
        urls.extend(p.form.as_deref());
        for url in &urls {
            assert!(cited.contains(url), "{id}: {url} is not one of its sources");
        }
        urls.extend(&cited);
        urls.extend(p.items.iter().filter_map(|i| i.link.as_deref()));
        for url in urls {
            assert!(
                url.starts_with("https://") && profile::https_url(url),
                "{id}: {url}"
            );
        }
        let mut texts: Vec<_> = p.items.iter().map(|i| (i.code.as_str(), &i.text)).collect();
        if let Some(t) = &p.processing_time {
            assert!(!t.sources.is_empty(), "{id}: processing time cites nothing");
            if let Some(text) = &t.text {
                texts.push(("processing_time", text));
            }
        }
        for (what, text) in texts {
            for lang in ["nb", "nn", "en"] {
                assert!(
                    text.get(lang).is_some_and(|t| !t.trim().is_empty()),
                    "{id}: {what} has no {lang} text"
                );
            }
        }
        for item in &p.items {
            assert!(
                !item.sources.is_empty(),
                "{id}: {} cites nothing",
                item.code
            );
        }
    }
}

/// What a person is told, for comparing profiles: every note with its
/// link, the municipality's own items, its addresses and processing time.
fn told(a: &Assessment) -> String {
    let notes: Vec<String> = [&a.documents, &a.alternatives, &a.next_steps]
        .into_iter()
        .flatten()
        .map(|n| format!("{} {:?}", n.code, n.link))
        .collect();
    let m = &a.municipality;
    format!(
        "{notes:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
        m.documents, m.alternatives, m.next_steps, m.contact, m.form, m.processing_time, m.name
    )
}

#[test]
fn each_municipality_changes_what_the_person_is_told() {
    for case in [seed(), busy(), Case::default()] {
        let neutral = run(&case, &Profile::neutral());
        assert_eq!(
            told(&neutral),
            told(&assess(&case, Law::embedded(), today()).unwrap_or_else(|e| panic!("{e}"))),
            "assess() is the neutral profile"
        );
        for (id, _) in SHIPPED.iter().filter(|(id, _)| *id != "default") {
            let a = run(&case, &load(id));
            assert_ne!(told(&a), told(&neutral), "{id} changes nothing");
            // The law's part is the same everywhere: only links may differ.
            let codes = |a: &Assessment| {
                [&a.documents, &a.alternatives, &a.next_steps]
                    .into_iter()
                    .flatten()
                    .map(|n| n.code.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(codes(&a), codes(&neutral), "{id}");
            assert_eq!(a.verdict, neutral.verdict, "{id}");
            assert_eq!(a.reasons, neutral.reasons, "{id}");
        }
    }
}

#[test]
fn oslo_adds_its_processing_time_form_link_and_kartlegging() {
    let oslo = load("oslo");
    let a = run(&seed(), &oslo);
    let m = &a.municipality;
    assert_eq!(m.id, "oslo");
    assert_eq!(m.processing_time.as_ref().and_then(|t| t.days), Some(14));
    let form = oslo
        .form
        .clone()
        .unwrap_or_else(|| panic!("Oslo has a form"));
    let linked = |code: &str| {
        a.documents
            .iter()
            .chain(&a.next_steps)
            .find(|n| n.code == code)
            .and_then(|n| n.link.clone())
    };
    assert_eq!(linked("DOC_APPLICATION"), Some(form.clone()));
    assert_eq!(linked("NEXT_APPLY"), Some(form));
    let own: Vec<&str> = m.next_steps.iter().map(|n| n.code.as_str()).collect();
    assert!(own.contains(&"OSLO_DOGNKLOKKE"), "{own:?}");
    assert!(m.accent.is_some());
    // Its own items name its sources, and the sources are in the result.
    for n in m.next_steps.iter().chain(&m.documents) {
        for s in &n.sources {
            assert!(m.sources.iter().any(|x| &x.id == s), "{}: {s}", n.code);
        }
    }
    // The neutral profile links nothing and adds nothing.
    let neutral = run(&seed(), &Profile::neutral());
    assert!(neutral.documents.iter().all(|n| n.link.is_none()));
    assert!(neutral.municipality.next_steps.is_empty());
    assert!(neutral.municipality.processing_time.is_none());
}

#[test]
fn a_profile_item_shows_only_when_its_condition_holds() {
    // Bergen asks for a written fullmakt when the person applies themself
    // with someone's help.
    let bergen = load("bergen");
    let own = |case: &Case| -> Vec<String> {
        run(case, &bergen)
            .municipality
            .documents
            .iter()
            .map(|n| n.code.clone())
            .collect()
    };
    let mut me = seed();
    me.person.applicant = Some(Applicant::Myself);
    assert_eq!(own(&me), ["BERGEN_HELPER_POA"]);
    let mut guardian = seed();
    guardian.person.applicant = Some(Applicant::Guardian);
    assert!(own(&guardian).is_empty());
}

#[test]
fn an_unknown_municipality_falls_back_to_the_neutral_profile_and_says_so() {
    let mut case = seed();
    case.settings.municipality = Some("atlantis".into());
    let a = assess(&case, Law::embedded(), today()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.municipality.id, "default");
    let notice = a
        .municipality
        .notice
        .as_ref()
        .unwrap_or_else(|| panic!("no notice"));
    assert_eq!(notice.code, "PROFILE_UNKNOWN");
    assert_eq!(
        notice.inputs.get("name").map(String::as_str),
        Some("atlantis")
    );

    // Found: no notice. Asked for the neutral one, or for none: no notice.
    case.settings.municipality = Some("oslo".into());
    assert!(run(&case, &load("oslo")).municipality.notice.is_none());
    for name in [Some("default"), None, Some("  ")] {
        case.settings.municipality = name.map(str::to_string);
        let a = assess(&case, Law::embedded(), today()).unwrap_or_else(|e| panic!("{e}"));
        assert!(a.municipality.notice.is_none(), "{name:?}");
    }
}

#[test]
fn the_cli_uses_the_profile_and_says_when_it_has_none() {
    let dir = std::env::temp_dir().join(format!("bpa-profiles-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("seed.json");
    let text = serde_json::to_string(&seed()).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
    let bpa = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_bpa"))
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let path = file.to_string_lossy().into_owned();
    let json = |kommune: &str| -> serde_json::Value {
        serde_json::from_str(&bpa(&["assess", &path, "--json", "--kommune", kommune]))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(json("oslo")["municipality"]["processing_time"]["days"], 14);
    assert_eq!(json("Oslo")["municipality"]["id"], "oslo");
    let unknown = json("atlantis");
    assert_eq!(unknown["municipality"]["id"], "default");
    assert_eq!(unknown["municipality"]["notice"]["code"], "PROFILE_UNKNOWN");
    let text = bpa(&["assess", &path, "--kommune", "atlantis"]);
    assert!(text.contains("«atlantis»"), "{text}");
    let text = bpa(&["assess", &path, "--kommune", "steinkjer", "--lang", "en"]);
    assert!(text.contains("48 99 93 30"), "{text}");
    let list = bpa(&["profiles"]);
    for (id, _) in SHIPPED {
        assert!(
            list.lines().any(|l| l.starts_with(id)),
            "{id} not listed: {list}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_profile_night_window_applies_only_when_the_case_sets_none() {
    let t = |h, m| TimeOfDay::hm(h, m).unwrap_or_else(|| unreachable!());
    let mut p = Profile::neutral();
    p.id = "nattkommune".into();
    // Night from 21:00: the seed's 21:00–22:00 help falls in the night.
    p.night = Some(NightWindow {
        start: t(21, 0),
        end: t(7, 0),
    });
    let case = seed();
    let law_night = run(&case, &Profile::neutral());
    let own_night = run(&case, &p);
    assert!(own_night.hours.counted < law_night.hours.counted);
    assert_eq!(own_night.municipality.night, p.night);
    let mut set = case.clone();
    set.settings.night = Some(NightWindow {
        start: t(23, 0),
        end: t(7, 0),
    });
    let case_night = run(&set, &p);
    assert_eq!(case_night.hours.counted, law_night.hours.counted);
    assert_eq!(case_night.municipality.night, None);
}

/// A profile built from a base and one changed field, as JSON text.
fn with(field: &str, value: serde_json::Value) -> String {
    let mut base = serde_json::json!({
        "id": "test",
        "name": "Testkommune",
        "contact": "https://test.kommune.no/bpa",
        "sources": [{"id": "side", "title": "Testkommune: BPA", "url": "https://test.kommune.no/bpa"}],
        "items": [{
            "code": "TEST_ITEM",
            "kind": "next_step",
            "when": "always",
            "text": {"nb": "Ring oss.", "nn": "Ring oss.", "en": "Call us."},
            "sources": ["side"]
        }]
    });
    let mut at = &mut base;
    let parts: Vec<&str> = field.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i == parts.len() - 1;
        at = match part.parse::<usize>() {
            Ok(n) => &mut at[n],
            Err(_) if last => {
                at[*part] = value;
                return base.to_string();
            }
            Err(_) => &mut at[*part],
        };
    }
    *at = value;
    base.to_string()
}

fn errors(text: &str) -> Vec<(String, String)> {
    match parse_json(text) {
        Ok(p) => panic!("accepted: {p:?}"),
        Err(e) => {
            e.0.into_iter()
                .map(|e| (e.field, e.code.to_string()))
                .collect()
        }
    }
}

#[test]
fn the_test_base_profile_is_valid() {
    let p = parse_json(&with("id", "test".into())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.items.len(), 1);
    assert_eq!(p.items[0].when, Condition::Always);
}

#[test]
fn embed_origins_are_checked_and_reach_the_page_with_the_municipality() {
    use serde_json::json;
    let origins = json!([
        "https://www.test.kommune.no",
        "https://intranett.test.kommune.no:8443"
    ]);
    let p = parse_json(&with("embed_origins", origins.clone())).unwrap_or_else(|e| panic!("{e}"));
    let a = run(&seed(), &p);
    assert_eq!(json!(a.municipality.embed_origins), origins);
    let shown = serde_json::to_value(&a).unwrap_or_default();
    assert_eq!(shown["municipality"]["embed_origins"], origins);
    // None listed: none shown, as for the neutral profile.
    let none = run(&seed(), &Profile::neutral());
    let shown = serde_json::to_value(&none).unwrap_or_default();
    assert!(shown["municipality"].get("embed_origins").is_none());

    let too_many: Vec<String> = (0..=bpa::config::MAX_PROFILE_EMBED_ORIGINS)
        .map(|i| format!("https://s{i}.test.kommune.no"))
        .collect();
    let long = format!("https://{}.no", "a.".repeat(140));
    let cases: Vec<(serde_json::Value, &str, &str)> = vec![
        (
            json!(["http://www.test.kommune.no"]),
            "embed_origins[0]",
            "BAD_ORIGIN",
        ),
        (
            json!(["https://www.test.kommune.no/"]),
            "embed_origins[0]",
            "BAD_ORIGIN",
        ),
        (
            json!(["https://ok.no", "https://www.test.kommune.no/bpa"]),
            "embed_origins[1]",
            "BAD_ORIGIN",
        ),
        (json!(["*"]), "embed_origins[0]", "BAD_ORIGIN"),
        (
            json!(["https://a.no", "https://a.no"]),
            "embed_origins[1]",
            "DUPLICATE",
        ),
        (json!([long]), "embed_origins[0]", "TEXT_TOO_LONG"),
        (json!(too_many), "embed_origins", "PROFILE_TOO_MANY"),
        (
            json!("https://www.test.kommune.no"),
            "embed_origins",
            "INVALID_VALUE",
        ),
        (json!([7]), "embed_origins[0]", "INVALID_VALUE"),
    ];
    for (value, field, code) in cases {
        let got = errors(&with("embed_origins", value.clone()));
        assert!(
            got.iter().any(|(f, c)| f == field && c == code),
            "{value}: expected {code} at {field:?}, got {got:?}"
        );
    }
    // In plain words, in every language.
    let e = parse_json(&with("embed_origins", json!(["https://x.no/"]))).unwrap_err();
    assert!(
        e.0[0].message_nb().contains("https://www.oslo.kommune.no"),
        "{}",
        e.0[0].message_nb()
    );
    assert!(!e.0[0].message("nn").contains("error."));
}

#[test]
fn a_broken_profile_is_refused_naming_the_field() {
    use serde_json::json;
    let long = "x".repeat(bpa::config::MAX_PROFILE_TEXT_CHARS + 1);
    let many: Vec<serde_json::Value> = (0..=bpa::config::MAX_PROFILE_ITEMS)
        .map(|i| {
            json!({"code": format!("ITEM_{i}"), "kind": "document", "when": "always",
                   "text": {"nb": "Tekst."}, "sources": ["side"]})
        })
        .collect();
    let cases: Vec<(String, &str, &str)> = vec![
        (
            with("contact", json!("http://test.kommune.no/bpa")),
            "contact",
            "URL_NOT_HTTPS",
        ),
        (
            with("form", json!("https://test kommune.no")),
            "form",
            "URL_NOT_HTTPS",
        ),
        (
            with("form", json!("https://localhost/x")),
            "form",
            "URL_NOT_HTTPS",
        ),
        (with("colour", json!("#000000")), "colour", "INVALID_VALUE"),
        (with("id", json!("Oslo")), "id", "PROFILE_BAD_ID"),
        (with("format", json!(2)), "format", "PROFILE_FORMAT_NEWER"),
        (with("accent", json!("blue")), "accent", "ACCENT_NOT_HEX"),
        (
            with("accent", json!("#ffff00")),
            "accent",
            "ACCENT_LOW_CONTRAST",
        ),
        (with("items", json!(many)), "items", "PROFILE_TOO_MANY"),
        (
            with("items.0.text", json!({"en": "Call us."})),
            "items[0].text",
            "TEXTS_NEED_NB",
        ),
        (
            with("items.0.text.nb", json!(long)),
            "items[0].text.nb",
            "TEXT_TOO_LONG",
        ),
        (
            with("items.0.text.nb", json!("  ")),
            "items[0].text.nb",
            "TEXT_EMPTY",
        ),
        (
            with("items.0.text.NB", json!("Ring.")),
            "items[0].text.NB",
            "BAD_LANG_CODE",
        ),
        (
            with("items.0.sources", json!(["nowhere"])),
            "items[0].sources[0]",
            "UNKNOWN_SOURCE",
        ),
        (
            with("items.0.sources", json!([])),
            "items[0].sources",
            "NO_SOURCE",
        ),
        (
            with("items.0.code", json!("call us")),
            "items[0].code",
            "BAD_ITEM_CODE",
        ),
        (
            with("items.0.link", json!("javascript:alert(1)")),
            "items[0].link",
            "URL_NOT_HTTPS",
        ),
        (
            with("items.0.kind", json!("warning")),
            "items[0].kind",
            "INVALID_VALUE",
        ),
        (
            with("items.0.when", json!("sometimes")),
            "items[0].when",
            "BAD_CONDITION",
        ),
        (
            with("items.0.when", json!({})),
            "items[0].when",
            "CONDITION_EMPTY",
        ),
        (
            with(
                "items.0.when",
                json!({"kind": "household", "place": "work"}),
            ),
            "items[0].when",
            "CONDITION_MANY_TESTS",
        ),
        (
            with("items.0.when", json!({"kind": "walk"})),
            "items[0].when.kind",
            "INVALID_VALUE",
        ),
        (
            with("items.0.when", json!({"knid": "household"})),
            "items[0].when.knid",
            "INVALID_VALUE",
        ),
        (
            with(
                "items.0.when",
                json!({"any": [{"child": true}, {"reason": "HOURZ", "status": ["met"]}]}),
            ),
            "items[0].when.any[1].reason",
            "UNKNOWN_REASON",
        ),
        (
            with("items.0.when", json!({"reason": "HOURS"})),
            "items[0].when",
            "CONDITION_NEEDS_STATUS",
        ),
        (
            with(
                "items.0.when",
                json!({"not": {"not": {"not": {"not": {"not": {"not": {"not": {"not": {"not": "always"}}}}}}}}}),
            ),
            "items[0].when.not.not.not.not.not.not.not.not",
            "CONDITION_TOO_DEEP",
        ),
        // Nested lists where a text belongs: refused at the first level,
        // however deep they go.
        (
            with("name", (0..40).fold(json!("x"), |inner, _| json!([inner]))),
            "name",
            "INVALID_VALUE",
        ),
        // Conditions nested past serde_json's limit read as too deep, like
        // those nested past the profile's own.
        (
            with(
                "items.0.when",
                (0..200).fold(json!("always"), |inner, _| json!({"not": inner})),
            ),
            "items",
            "CONDITION_TOO_DEEP",
        ),
        (
            with("night", json!({"start": "7", "end": "07:00"})),
            "night.start",
            "INVALID_VALUE",
        ),
        (
            with("items.0.when", json!(5)),
            "items[0].when",
            "BAD_CONDITION",
        ),
        (
            with("items.0.when", json!({"child": "yes"})),
            "items[0].when.child",
            "INVALID_VALUE",
        ),
        (
            with("items.0", json!({"kind": "document"})),
            "items[0].code",
            "INVALID_VALUE",
        ),
        (
            with("processing_time", json!({"days": 1.5, "sources": ["side"]})),
            "processing_time.days",
            "INVALID_VALUE",
        ),
        (
            with("processing_time", json!({"days": 0, "sources": ["side"]})),
            "processing_time.days",
            "DAYS_RANGE",
        ),
        (
            with("processing_time", json!({"sources": ["side"]})),
            "processing_time",
            "PROCESSING_TIME_EMPTY",
        ),
        (
            with("processing_time", json!({"days": 14, "sources": []})),
            "processing_time.sources",
            "NO_SOURCE",
        ),
        (
            with("night", json!({"start": "07:00", "end": "07:00"})),
            "night",
            "BAD_NIGHT",
        ),
        (
            with(
                "sources",
                json!([
                    {"id": "side", "title": "Testkommune: BPA", "url": "https://test.kommune.no/bpa"},
                    {"id": "side", "title": "Igjen", "url": "https://test.kommune.no/"}
                ]),
            ),
            "sources[1].id",
            "DUPLICATE",
        ),
    ];
    for (text, field, code) in cases {
        let got = errors(&text);
        assert!(
            got.iter().any(|(f, c)| f == field && c == code),
            "expected {code} at {field:?}, got {got:?}\n{text}"
        );
    }
}

#[test]
fn every_profile_error_names_the_field_in_plain_words_with_its_values() {
    let text = with("accent", serde_json::json!("#ffff00"));
    let Err(e) = parse_json(&text) else {
        panic!("accepted")
    };
    let e = &e.0[0];
    assert!(e.message_nb().contains("kontrast 1"), "{}", e.message_nb());
    assert_eq!(e.values.get("min").map(String::as_str), Some("4.5"));
    assert_eq!(e.values.get("ratio").map(String::as_str), Some("1"));

    // A problem worded as serde's are, with the same shapes as the case's.
    let text = with("items.0.when", serde_json::json!({"kind": "walk"}));
    let Err(e) = parse_json(&text) else {
        panic!("accepted")
    };
    let e = &e.0[0];
    assert_eq!(e.field, "items[0].when.kind");
    assert_eq!(
        e.values.get("shape").map(String::as_str),
        Some("unknown_variant")
    );
    assert!(
        e.message_nb()
            .starts_with("«walk» er ikke et av valgene her"),
        "{}",
        e.message_nb()
    );
    assert!(e.message_nb().contains("household"), "{}", e.message_nb());
}

#[test]
fn the_condition_language_reads_as_documented() {
    use bpa::case::NeedKind;
    use bpa::verdict::Status;
    let read = |when: serde_json::Value| -> Condition {
        let p = parse_json(&with("items.0.when", when)).unwrap_or_else(|e| panic!("{e}"));
        p.items[0].when.clone()
    };
    assert_eq!(read("never".into()), Condition::Never);
    assert_eq!(
        read(serde_json::json!({"any": [{"kind": "household"}, {"not": {"child": true}}]})),
        Condition::Any(vec![
            Condition::Kind(NeedKind::Household),
            Condition::Not(Box::new(Condition::Child(true)))
        ])
    );
    assert_eq!(
        read(serde_json::json!({"reason": "LONG_LASTING", "status": ["unknown", "not_met"]})),
        Condition::Reason {
            code: Some("LONG_LASTING".into()),
            status: vec![Status::Unknown, Status::NotMet]
        }
    );
    assert_eq!(
        read(serde_json::json!({"status": ["unknown"]})),
        Condition::Reason {
            code: None,
            status: vec![Status::Unknown]
        }
    );
    assert_eq!(
        read(serde_json::json!({"applicant": "self"})),
        Condition::Applicant(Applicant::Myself)
    );
}
