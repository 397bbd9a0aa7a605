//! The application letter (søknad): what it says for each answer, that the
//! person's own words stay plain text, and that every text it uses is in
//! bokmål, nynorsk and English. Rendered here as the CLI renders it.
// Native only: run by `cargo test`; the bridge tests run in wasm.
#![cfg(not(target_arch = "wasm32"))]

use bpa::case::read::from_json;
use bpa::catalogue::Catalogue;
use bpa::letter::{write, Block, Letter, Piece};
use bpa::report::render_blocks;
use bpa::{Date, Law, Profile};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap_or_else(|| unreachable!())
}

fn case(v: Value) -> bpa::Case {
    from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e}: {v}"))
}

fn adult(extra: Value) -> Value {
    let mut v = json!({
        "person": {"age": 40, "long_lasting": "yes", "applicant": "self", "arbeidsleder": "self"},
        "needs": [
            {"kind": "personal", "days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "07:00", "end": "09:00", "label": "Stå opp, dusj, frokost"},
            {"kind": "household", "days": ["tue","fri"], "start": "10:00", "end": "12:00"},
            {"kind": "personal", "days": ["mon","tue","wed","thu","fri"], "start": "16:00", "end": "22:00"}
        ],
        "settings": {"assessment_date": "2026-11-23"}
    });
    merge(&mut v, extra);
    v
}

fn merge(a: &mut Value, b: Value) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (a, b) => *a = b,
    }
}

fn letter_of(v: Value, profile: &Profile, lang: &str) -> Letter {
    write(&case(v), Law::embedded(), today(), profile, lang).unwrap_or_else(|e| panic!("{e}"))
}

fn text_of(l: &Letter) -> String {
    render_blocks(&l.blocks, l.lang, &l.sources)
}

fn keys(l: &Letter) -> Vec<&str> {
    l.blocks.iter().map(|b| b.key.as_str()).collect()
}

#[test]
fn the_letter_names_who_applies_and_for_whom() {
    for (applicant, apply, field) in [
        ("self", "letter.apply.self", "letter.field.name"),
        (
            "parent",
            "letter.apply.parent",
            "letter.field.applicant.parent",
        ),
        (
            "power_of_attorney",
            "letter.apply.power_of_attorney",
            "letter.field.applicant.power_of_attorney",
        ),
        (
            "guardian",
            "letter.apply.guardian",
            "letter.field.applicant.guardian",
        ),
        (
            "future_power_of_attorney",
            "letter.apply.future_power_of_attorney",
            "letter.field.applicant.future_power_of_attorney",
        ),
    ] {
        // A parent applies as a parent for a child.
        let age = if applicant == "parent" { 9 } else { 40 };
        let l = letter_of(
            adult(json!({"person": {"applicant": applicant, "age": age}})),
            &Profile::neutral(),
            "nb",
        );
        let k = keys(&l);
        assert!(
            k.contains(&apply) && k.contains(&field),
            "{applicant}: {k:?}"
        );
        if !["self", "parent"].contains(&applicant) {
            assert!(k.contains(&"letter.field.person"), "{applicant}: for whom");
            assert!(k.contains(&"letter.signature.applicant"), "{applicant}");
        }
    }
    let guardian = letter_of(
        adult(json!({"person": {"applicant": "guardian"}})),
        &Profile::neutral(),
        "nb",
    );
    let text = text_of(&guardian);
    assert!(text.contains("Søker (verge):"), "{text}");
    assert!(text.contains("Vergefullmakt (ettersendes)"), "{text}");
}

#[test]
fn a_parent_of_an_adult_applies_with_a_fullmakt() {
    let l = letter_of(
        adult(json!({"person": {"age": 24, "applicant": "parent"}})),
        &Profile::neutral(),
        "nb",
    );
    let k = keys(&l);
    assert!(k.contains(&"letter.apply.power_of_attorney"), "{k:?}");
    assert!(l.to_follow.contains(&"DOC_POWER_OF_ATTORNEY".to_string()));
    assert!(!k.contains(&"letter.signature.parents"), "{k:?}");
}

#[test]
fn the_letter_applies_under_2_1_d_and_asks_for_3_8_failing_the_right() {
    let l = letter_of(adult(json!({})), &Profile::neutral(), "nb");
    let text = text_of(&l);
    assert!(
        text.contains("etter retten til BPA (Pasient- og brukerrettighetsloven § 2-1 d)"),
        "{text}"
    );
    assert!(
        text.contains("likevel vurderer å gi BPA (Helse- og omsorgstjenesteloven § 3-8)"),
        "{text}"
    );
    let ids: Vec<&str> = l.sources.iter().map(|s| s.id.as_str()).collect();
    for id in ["pbrl-2-1d", "hol-3-8", "pbrl-2-1a", "oslo-rutine"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
}

#[test]
fn the_needs_read_as_plain_sentences_through_the_day() {
    let l = letter_of(
        adult(json!({
            "monthly": [{"kind": "leisure", "hours_per_month": 12, "label": "Trening"}],
            "notes": {"goal": "Bo hjemme og jobbe", "help": "Alt stell.\nOg tur ut."}
        })),
        &Profile::neutral(),
        "nb",
    );
    let text = text_of(&l);
    for want in [
        "- Kl. 07:00–09:00 hver dag: personlig assistanse («Stå opp, dusj, frokost»).",
        "- Kl. 10:00–12:00 tirsdag og fredag: praktisk hjelp i hjemmet.",
        "- Kl. 16:00–22:00 mandag til fredag: personlig assistanse.",
        "- I måneden: 12 timer fritid og sosialt liv («Trening»).",
        "Målet med BPA: Bo hjemme og jobbe",
        "Med egne ord om hjelpen:\nAlt stell.\nOg tur ut.",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    // In the order of the day.
    let morning = text.find("07:00–09:00").unwrap_or(usize::MAX);
    let evening = text.find("16:00–22:00").unwrap_or(0);
    assert!(morning < evening);
    let nn = text_of(&letter_of(adult(json!({})), &Profile::neutral(), "nn"));
    assert!(
        nn.contains("- Kl. 07:00–09:00 kvar dag: personleg assistanse"),
        "{nn}"
    );
}

#[test]
fn the_letter_gives_the_hours_the_map_gives() {
    // 2 h × 7 + 2 h × 2 + 6 h × 5 = 48 hours a week, all of it counting.
    let l = letter_of(adult(json!({})), &Profile::neutral(), "nb");
    assert_eq!(l.counted, 48.0);
    let text = text_of(&l);
    assert!(
        text.contains("om lag 48 timer i uka med hjelp som teller"),
        "{text}"
    );
    assert!(
        !text.contains("I alt er det kartlagt"),
        "nothing left out: {text}"
    );
    let with_health = letter_of(
        adult(
            json!({"needs": [{"kind": "health", "days": ["mon"], "start": "12:00", "end": "13:00"}]}),
        ),
        &Profile::neutral(),
        "nb",
    );
    assert!(text_of(&with_health).contains("I alt er det kartlagt 1 timer"));
}

#[test]
fn the_arbeidsleder_is_named_as_answered_and_the_parents_for_a_child() {
    for (answer, key) in [
        ("self", "letter.arbeidsleder.self"),
        ("medarbeidsleder", "letter.arbeidsleder.medarbeidsleder"),
        ("nobody_yet", "letter.arbeidsleder.nobody_yet"),
        ("dont_know", "letter.arbeidsleder.not_settled"),
    ] {
        let l = letter_of(
            adult(json!({"person": {"arbeidsleder": answer}})),
            &Profile::neutral(),
            "nb",
        );
        assert!(keys(&l).contains(&key), "{answer}: {:?}", keys(&l));
    }
    let child = letter_of(
        adult(
            json!({"person": {"age": 9, "applicant": "parent", "arbeidsleder": "medarbeidsleder", "beyond_normal_care": "yes"}}),
        ),
        &Profile::neutral(),
        "nb",
    );
    let k = keys(&child);
    for key in [
        "letter.arbeidsleder.parents",
        "letter.signature.parents",
        "letter.child_beyond_normal_care",
        "letter.apply.parent",
    ] {
        assert!(k.contains(&key), "{key}: {k:?}");
    }
}

#[test]
fn ticked_documents_are_attached_and_the_rest_follow() {
    let l = letter_of(
        adult(
            json!({"attached": ["DOC_DOCTOR_STATEMENT", "DOC_NEEDS_MAP", "DOC_NOT_IN_THE_LIST"]}),
        ),
        &Profile::neutral(),
        "nb",
    );
    assert_eq!(l.attached, ["DOC_DOCTOR_STATEMENT", "DOC_NEEDS_MAP"]);
    assert!(l.to_follow.contains(&"DOC_DIAGNOSIS".to_string()));
    assert!(
        l.to_follow.contains(&"DOC_INCOME".to_string()),
        "household help"
    );
    // The application is this letter; it is no attachment.
    assert!(!l.to_follow.iter().any(|c| c == "DOC_APPLICATION"));
    let text = text_of(&l);
    assert!(text.contains("Vedlegg\n\n- "), "{text}");
    assert!(text.contains("- Legeerklæring, med hvor lenge behovet varer (vedlagt)"));
    assert!(text.contains("- Dokumentasjon av sykdommen eller skaden (diagnose) (ettersendes)"));
}

#[test]
fn the_municipality_and_its_form_are_named_when_its_profile_has_them() {
    let oslo = bpa::municipality::shipped("oslo")
        .and_then(Result::ok)
        .unwrap_or_else(|| panic!("the Oslo profile"));
    let l = letter_of(adult(json!({})), &oslo, "nb");
    assert!(text_of(&l).contains("Til: Oslo kommune"));
    let form = l.notes.iter().find(|n| n.code == "LETTER_FORM");
    assert_eq!(
        form.and_then(|n| n.link.as_deref()),
        oslo.form.as_deref(),
        "{:?}",
        l.notes
    );
    // Oslo's own next steps are no documents; its documents would be listed.
    let neutral = letter_of(adult(json!({})), &Profile::neutral(), "nb");
    assert!(text_of(&neutral).contains("Til: Kommunen, tildelingskontoret"));
    assert!(neutral.notes.iter().all(|n| n.code != "LETTER_FORM"));
}

#[test]
fn an_oral_or_written_application_is_always_said_to_be_enough() {
    for v in [adult(json!({})), json!({})] {
        let l = letter_of(v, &Profile::neutral(), "nb");
        let codes: Vec<&str> = l.notes.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(codes.first(), Some(&"LETTER_ORAL_OR_WRITTEN"), "{codes:?}");
        assert!(!l.notes[0].sources.is_empty());
    }
}

#[test]
fn the_persons_words_are_plain_text_never_a_template() {
    let l = letter_of(
        adult(json!({
            "needs": [{"kind": "leisure", "days": ["sat"], "start": "13:00", "end": "14:00", "label": "{start} <b>fet</b> {law}"}],
            "notes": {"other": "Se {counted} \u{1b}[2J og <script>"}
        })),
        &Profile::neutral(),
        "nb",
    );
    let text = text_of(&l);
    assert!(text.contains("(«{start} <b>fet</b> {law}»)"), "{text}");
    assert!(
        text.contains("Se {counted} \\u{1b}[2J og <script>"),
        "{text}"
    );
    let other = l.blocks.iter().find(|b| b.key == "letter.own.other");
    assert_eq!(
        other.and_then(|b| b.own_words.as_deref()),
        Some("Se {counted} \u{1b}[2J og <script>")
    );
    let label = l.blocks.iter().find_map(|b| match b.inputs.get("label") {
        Some(Piece::Text(t)) => Some(t.as_str()),
        _ => None,
    });
    assert_eq!(label, Some("{start} <b>fet</b> {law}"));
}

#[test]
fn a_letter_is_written_in_bokmal_or_nynorsk_only() {
    let err = write(
        &case(adult(json!({}))),
        Law::embedded(),
        today(),
        &Profile::neutral(),
        "en",
    )
    .unwrap_err();
    assert_eq!(err.0[0].code, "LETTER_LANG");
    assert_eq!(err.0[0].field, "lang");
    assert!(
        err.0[0].message("en").contains("nb, nn"),
        "{}",
        err.0[0].message("en")
    );
    // A case that does not pass its checks is refused as such.
    let mut bad = case(adult(json!({})));
    bad.person.age = Some(200);
    let err = write(&bad, Law::embedded(), today(), &Profile::neutral(), "nb").unwrap_err();
    assert_eq!(err.0[0].field, "person.age");
}

/// Every case of the case book, written as a letter in bokmål: every text
/// its blocks name (their keys, and the catalogue keys among their values)
/// is in every catalogue, and every rule of the letter is used.
#[test]
fn every_text_a_letter_uses_is_in_every_catalogue() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut needed = BTreeSet::new();
    let mut codes = BTreeSet::new();
    let mut letters = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let file: Value = serde_json::from_str(&text).unwrap_or_default();
        let Ok(c) = from_json(&file["input"].to_string()) else {
            continue;
        };
        for profile in [Profile::neutral(), oslo()] {
            let Ok(l) = write(&c, Law::embedded(), today(), &profile, "nb") else {
                continue;
            };
            letters += 1;
            for b in &l.blocks {
                needed.extend(keys_of(b));
                for p in b.inputs.values() {
                    if let Piece::Sources(ids) = p {
                        for r in &Law::embedded().rules {
                            if r.code.starts_with("LETTER_") && r.sources == *ids {
                                codes.insert(r.code.clone());
                            }
                        }
                    }
                }
            }
            for n in &l.notes {
                needed.insert(format!("note.{}", n.code));
                codes.insert(n.code.clone());
            }
        }
    }
    assert!(letters > 80, "only {letters} letters");
    let mut missing = Vec::new();
    for lang in ["nb", "nn", "en"] {
        let texts = Catalogue::raw(lang);
        for k in &needed {
            if !texts.contains_key(k) {
                missing.push(format!("{lang}: {k}"));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
    for r in &Law::embedded().rules {
        if r.code.starts_with("LETTER_") {
            assert!(codes.contains(&r.code), "{} is used by no letter", r.code);
        }
    }
}

fn oslo() -> Profile {
    bpa::municipality::shipped("oslo")
        .and_then(Result::ok)
        .unwrap_or_else(Profile::neutral)
}

/// The catalogue keys a block names: its own and those among its values.
fn keys_of(b: &Block) -> Vec<String> {
    let mut out = vec![b.key.clone()];
    for p in b.inputs.values() {
        match p {
            Piece::Key(k) => out.push(k.clone()),
            Piece::Keys(ks) | Piece::Sentences(ks) => out.extend(ks.iter().cloned()),
            Piece::Date(_) => out.push("format.date".into()),
            _ => {}
        }
    }
    out
}
