//! The text catalogues (`www/i18n/*.json`) must stay in step with bokmål.
//!
//! Bokmål (`nb.json`) is the source: the page and the CLI fall back to it when
//! a key is missing, so a gap in nynorsk or English would silently show
//! bokmål. These tests catch that, and a text whose `{placeholders}` differ
//! from bokmål (a number that would never be filled in, or a `{name}` shown
//! raw to the person).
//!
//! Keys starting with `ui.` (page texts) may be added to bokmål before they
//! are translated: a `ui.*` key missing in nynorsk or English only fails when
//! the environment variable `I18N_STRICT` is set. Every key in nynorsk or
//! English, `ui.*` included, must exist in bokmål (no stale keys).
// Native only: run by `cargo test`; the bridge tests run in wasm.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

const NB: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/www/i18n/nb.json"));
const NN: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/www/i18n/nn.json"));
const EN: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/www/i18n/en.json"));

/// The translations checked against bokmål: (language code, file name, text).
const TRANSLATIONS: [(&str, &str, &str); 2] = [("nn", "nn.json", NN), ("en", "en.json", EN)];

/// Page texts that may lag behind bokmål until `I18N_STRICT` is set.
const PAGE_PREFIX: &str = "ui.";

/// Reads a catalogue: every value must be a string.
fn catalogue(file: &str, text: &str) -> BTreeMap<String, String> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("{file} is not valid JSON: {e}"),
    };
    let Some(object) = value.as_object() else {
        panic!("{file} must be one JSON object of key → text");
    };
    object
        .iter()
        .map(|(k, v)| match v.as_str() {
            Some(s) => (k.clone(), s.to_string()),
            None => panic!("{file}: the value of {k:?} must be a string, found {v}"),
        })
        .collect()
}

/// The `{name}` placeholders in a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    found.insert(name.to_string());
                }
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    found
}

fn strict() -> bool {
    std::env::var_os("I18N_STRICT").is_some()
}

/// Every problem between bokmål and one translation, in plain words.
fn problems(
    nb: &BTreeMap<String, String>,
    file: &str,
    other: &BTreeMap<String, String>,
    strict: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    for key in nb.keys() {
        let required = strict || !key.starts_with(PAGE_PREFIX);
        if required && !other.contains_key(key) {
            out.push(format!("{file}: missing key {key:?} (it is in nb.json)"));
        }
    }
    for (key, text) in other {
        match nb.get(key) {
            None => out.push(format!(
                "{file}: stale key {key:?} (it is not in nb.json; remove or rename it)"
            )),
            Some(nb_text) if !key.starts_with('_') => {
                let (want, have) = (placeholders(nb_text), placeholders(text));
                if want != have {
                    out.push(format!(
                        "{file}: {key:?} has placeholders {have:?}, but nb.json has {want:?}"
                    ));
                }
                if text.trim().is_empty() {
                    out.push(format!("{file}: {key:?} is empty"));
                }
            }
            Some(_) => {}
        }
    }
    out
}

#[test]
fn translations_have_the_bokmal_keys_and_placeholders() {
    let nb = catalogue("nb.json", NB);
    let mut all = Vec::new();
    for (_, file, text) in TRANSLATIONS {
        all.extend(problems(&nb, file, &catalogue(file, text), strict()));
    }
    assert!(
        all.is_empty(),
        "catalogue problems:\n  {}",
        all.join("\n  ")
    );
}

#[test]
fn each_catalogue_names_its_own_language() {
    let expected = [
        ("nb", "nb.json", NB, "Norsk bokmål"),
        ("nn", "nn.json", NN, "Norsk nynorsk"),
        ("en", "en.json", EN, "English"),
    ];
    for (lang, file, text, name) in expected {
        let c = catalogue(file, text);
        assert_eq!(
            c.get("_lang").map(String::as_str),
            Some(lang),
            "{file}: _lang"
        );
        assert_eq!(
            c.get("_name").map(String::as_str),
            Some(name),
            "{file}: _name"
        );
    }
}

/// English must really be English: a text identical to bokmål is a copy
/// nobody translated. (`ui.*` keys only under `I18N_STRICT`.)
#[test]
fn english_is_not_a_copy_of_bokmal() {
    let nb = catalogue("nb.json", NB);
    let en = catalogue("en.json", EN);
    let copies: Vec<&String> = en
        .iter()
        .filter(|(k, _)| !k.starts_with('_') && (strict() || !k.starts_with(PAGE_PREFIX)))
        .filter(|(k, v)| nb.get(*k) == Some(*v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        copies.is_empty(),
        "en.json: these texts are the same as in bokmål: {copies:?}"
    );
}

/// Common bokmål words whose nynorsk form differs (ikke → ikkje, hva → kva,
/// trolig → truleg, timer → timar, uka → veka …). One of them in nn.json
/// almost always means a sentence was left in bokmål.
const BOKMAL_ONLY: [&str; 18] = [
    "ikke",
    "hva",
    "hvis",
    "hvor",
    "hvem",
    "hvordan",
    "trolig",
    "noen",
    "mye",
    "bare",
    "ennå",
    "timer",
    "uka",
    "uken",
    "jeg",
    "skole",
    "fremtidsfullmakt",
    "hjemme",
];

#[test]
fn nynorsk_has_no_common_bokmal_words() {
    let nn = catalogue("nn.json", NN);
    let mut found = Vec::new();
    for (key, text) in &nn {
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
        {
            if BOKMAL_ONLY.contains(&word.as_str()) {
                found.push(format!("{key:?}: «{word}»"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "nn.json: bokmål words in nynorsk text:\n  {}",
        found.join("\n  ")
    );
}

/// The checker itself must catch what it promises to catch.
#[test]
fn the_checker_finds_missing_stale_and_changed_placeholders() {
    let map = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let nb = map(&[("a", "{hours} timer"), ("b", "Hei"), ("ui.title", "Tittel")]);

    let good = map(&[("a", "{hours} hours"), ("b", "Hi")]);
    assert!(problems(&nb, "x", &good, false).is_empty());
    // A page key not yet translated fails only in strict mode.
    let strict_problems = problems(&nb, "x", &good, true);
    assert_eq!(strict_problems.len(), 1, "{strict_problems:?}");
    assert!(strict_problems[0].contains("ui.title"));

    let missing = map(&[("a", "{hours} hours")]);
    assert_eq!(problems(&nb, "x", &missing, false).len(), 1);

    let stale = map(&[("a", "{hours} hours"), ("b", "Hi"), ("ui.old", "Old")]);
    let p = problems(&nb, "x", &stale, false);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].contains("stale") && p[0].contains("ui.old"));

    let renamed = map(&[("a", "{hour} hours"), ("b", "Hi {name}")]);
    assert_eq!(problems(&nb, "x", &renamed, false).len(), 2);

    assert_eq!(
        placeholders("{a} og {b_2}, ikke { c } eller {}"),
        BTreeSet::from(["a".to_string(), "b_2".to_string()])
    );
}
