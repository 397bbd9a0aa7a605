//! The draft rules, natively, over stores in memory.

use super::*;
use serde_json::json;

/// 2026-11-23T10:00:00.000Z.
const NOW: f64 = 1_795_428_000_000.0;

fn stores<'a>(s: &'a mut MemoryStore, l: &'a mut MemoryStore) -> Stores<'a> {
    Stores {
        session: s,
        local: l,
    }
}

fn codes(errors: &[InputError]) -> Vec<&'static str> {
    errors.iter().map(|e| e.code).collect()
}

fn err_codes(r: Result<impl std::fmt::Debug, InputErrors>) -> Vec<&'static str> {
    match r {
        Ok(v) => panic!("expected a refusal, got {v:?}"),
        Err(e) => e.0.iter().map(|e| e.code).collect(),
    }
}

/// A case with a mistake in it: an end before its start.
fn invalid_case() -> Value {
    json!({"person": {"age": 40},
           "needs": [{"kind": "personal", "days": ["mon"], "start": "09:00", "end": "08:00"}]})
}

fn valid_case() -> Value {
    serde_json::to_value(crate::case::example::seed_week()).unwrap()
}

#[test]
fn times_are_written_as_javascript_writes_them_and_read_back() {
    for (ms, text) in [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (1_764_000_000_123.0, "2025-11-24T16:00:00.123Z"),
        (951_782_400_000.0, "2000-02-29T00:00:00.000Z"),
        (MAX_MS, "9999-12-31T23:59:59.999Z"),
    ] {
        assert_eq!(iso(ms), text);
        assert_eq!(parse_iso(text), Some(ms), "{text}");
    }
    assert_eq!(iso(NOW), "2026-11-23T10:00:00.000Z");
    assert_eq!(iso(f64::NAN), "1970-01-01T00:00:00.000Z");
    assert_eq!(iso(-5.0), "1970-01-01T00:00:00.000Z");
    assert_eq!(parse_iso("2026-11-23T10:00:00Z"), Some(NOW));
    for bad in [
        "",
        "2026-11-23",
        "2026-11-23T25:00:00.000Z",
        "2026-11-23T10:00:00.000",
        "2026-02-30T10:00:00.000Z",
        "2026-11-23T10:0+:00.000Z",
        "2026-11-23 10:00:00.000Z",
        "２026-11-23T10:00:00.00Z",
    ] {
        assert_eq!(parse_iso(bad), None, "{bad}");
    }
}

#[test]
fn the_envelope_is_what_the_readme_says_and_opens_again() {
    let text = write_envelope(&json!({"needs": []}), "2026-11-23T10:00:00.000Z", None);
    assert_eq!(
        text,
        r#"{"format":"bpa-draft","version":3,"saved":"2026-11-23T10:00:00.000Z","case":{"needs":[]}}"#
    );
    assert!(is_own(&text));
    let Stored::Draft(e) = read_stored(&text) else {
        panic!("{text}")
    };
    assert_eq!(e.version, DRAFT_VERSION);
    assert_eq!(e.case, json!({"needs": []}));
}

#[test]
fn a_new_case_format_needs_a_new_draft_version() {
    // Each version's drafts have their own key, `bpa-draft-v<version>`: when
    // the case format changes, raise DRAFT_VERSION too (and OWN_START), so
    // that a newer draft is never opened, nor overwritten, by an older page.
    assert_eq!(
        (DRAFT_VERSION, FORMAT_VERSION),
        (3, 3),
        "the case format changed: raise DRAFT_VERSION"
    );
    assert_eq!(key(Slot::Draft, DRAFT_VERSION), "bpa-draft-v3");
    assert_eq!(key(Slot::Previous, DRAFT_VERSION), "bpa-draft-previous-v3");
}

#[test]
fn an_invalid_draft_is_saved_as_typed_and_opened_with_its_errors_marked() {
    let (mut s, mut l) = (MemoryStore::default(), MemoryStore::default());
    let case = invalid_case();
    let saved = save(&mut stores(&mut s, &mut l), Slot::Draft, &case, false, NOW).unwrap();
    assert_eq!(saved.stores, [Where::Session]);
    assert_eq!(saved.saved, "2026-11-23T10:00:00.000Z");
    assert_eq!(saved.expires, None);
    assert!(l.items.is_empty(), "nothing on the device without keep");
    for _ in 0..3 {
        let loaded = load(&mut stores(&mut s, &mut l), NOW);
        let d = loaded.draft.expect("the draft");
        assert_eq!(d.case, case, "as typed");
        assert!(!d.valid);
        assert_eq!(codes(&d.errors), ["END_BEFORE_START"]);
        assert_eq!(d.errors[0].field, "needs[0].end");
        assert_eq!(
            (d.store, d.key.as_str(), d.version),
            (Where::Session, "bpa-draft-v3", 3)
        );
        assert!(!loaded.keep);
        assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    }
    // What serde cannot read is a draft too: an unknown kind, a list for a person.
    for case in [
        json!({"needs": [{"kind": "walk"}]}),
        json!({"person": [], "shoe": 1}),
    ] {
        save(&mut stores(&mut s, &mut l), Slot::Draft, &case, false, NOW).unwrap();
        let d = load(&mut stores(&mut s, &mut l), NOW).draft.unwrap();
        assert_eq!(d.case, case);
        assert!(!d.valid && !d.errors.is_empty(), "{case}");
    }
    // A case that is no object is no page's: refused in words, and what is
    // stored stays as it was.
    let before = s.value("bpa-draft-v3").map(str::to_string);
    for case in [
        json!("I was typing"),
        json!([1, 2, 3]),
        json!(42),
        json!(true),
    ] {
        let refused = save(&mut stores(&mut s, &mut l), Slot::Draft, &case, false, NOW);
        let errors = refused.expect_err("not an object").0;
        assert_eq!(
            errors[0].text_key(),
            "INVALID_VALUE.expected_object",
            "{case}"
        );
        assert_eq!(s.value("bpa-draft-v3").map(str::to_string), before);
    }
    let valid = valid_case();
    save(&mut stores(&mut s, &mut l), Slot::Draft, &valid, false, NOW).unwrap();
    let d = load(&mut stores(&mut s, &mut l), NOW).draft.unwrap();
    assert!(d.valid && d.errors.is_empty(), "{:?}", d.errors);
}

#[test]
fn an_empty_case_is_not_saved_nor_is_one_holding_only_the_municipality() {
    let (mut s, mut l) = (MemoryStore::default(), MemoryStore::default());
    for empty in [
        json!(null),
        json!({}),
        json!(""),
        json!({"version": 2, "person": {}, "needs": [], "monthly": [], "settings": {}}),
        json!({"version": 1, "person": {"age": null}, "needs": [], "settings": {"lang": "nn", "municipality": "oslo"}}),
        json!({"notes": {"goal": ""}}),
    ] {
        assert_eq!(
            err_codes(save(
                &mut stores(&mut s, &mut l),
                Slot::Draft,
                &empty,
                true,
                NOW
            )),
            ["DRAFT_EMPTY"],
            "{empty}"
        );
    }
    assert!(s.items.is_empty() && l.items.is_empty());
    for filled in [
        json!({"person": {"age": 0}}),
        json!({"needs": [{}]}),
        json!({"settings": {"assessment_date": "2026-11-23"}}),
        json!({"settings": "x"}),
        json!({"notes": {"goal": "bo hjemme"}}),
        json!({"shoe": 1}),
        json!(false),
    ] {
        assert!(!is_empty_case(&filled), "{filled}");
    }
}

#[test]
fn a_value_that_is_no_draft_is_set_aside_never_deleted() {
    let huge = format!("\"{}\"", "x".repeat(config::MAX_INPUT_BYTES));
    for (stored, why) in [
        ("not json {", "not_json"),
        ("", "not_json"),
        (r#"{"format": "something-else", "case": {}}"#, "not_a_draft"),
        (
            r#"{"format": "bpa-draft", "version": "two", "case": {}}"#,
            "not_a_draft",
        ),
        (r#"{"format": "bpa-draft", "version": 0}"#, "not_a_draft"),
        ("[1, 2]", "not_a_draft"),
        (r#"{"app": "bpa-kalkulator", "format": "x"}"#, "not_a_draft"),
        (huge.as_str(), "too_large"),
    ] {
        let mut s = MemoryStore::with(&[("bpa-draft-v3", stored), ("theme", "dark")]);
        let mut l = MemoryStore::default();
        let loaded = load(&mut stores(&mut s, &mut l), NOW);
        assert_eq!(loaded.draft, None);
        assert_eq!(codes(&loaded.notices), ["DRAFT_SET_ASIDE"], "{stored:.40}");
        let n = &loaded.notices[0];
        assert_eq!(n.values["why"], why, "{stored:.40}");
        assert_eq!(n.values["key"], "bpa-draft-set-aside-1");
        assert_eq!(n.values["store"], "session");
        assert_eq!(
            s.value("bpa-draft-set-aside-1"),
            Some(stored),
            "moved as it was"
        );
        assert_eq!(s.value("bpa-draft-v3"), None);
        assert_eq!(s.value("theme"), Some("dark"), "the site's own data");
        // The next one goes beside it, not over it.
        s.items.push(("bpa-draft-v3".into(), "again".into()));
        let again = load(&mut stores(&mut s, &mut l), NOW);
        assert_eq!(again.notices[0].values["key"], "bpa-draft-set-aside-2");
        assert_eq!(s.value("bpa-draft-set-aside-1"), Some(stored));
    }
}

#[test]
fn a_stored_draft_whose_case_is_no_object_is_set_aside_and_never_written_over() {
    for case in ["5", "[1, 2]", "\"text\"", "true"] {
        let stored = format!(
            r#"{{"format": "bpa-draft", "version": 3, "saved": "2026-11-23T09:00:00.000Z", "case": {case}}}"#
        );
        assert_eq!(read_stored(&stored), Stored::NotADraft("not_a_case"));
        // Opened: set aside under its own key, said once, not given to the page.
        let mut s = MemoryStore::with(&[("bpa-draft-v3", stored.as_str())]);
        let mut l = MemoryStore::default();
        let loaded = load(&mut stores(&mut s, &mut l), NOW);
        assert_eq!(loaded.draft, None, "{case}");
        assert_eq!(codes(&loaded.notices), ["DRAFT_SET_ASIDE"], "{case}");
        assert_eq!(loaded.notices[0].values["why"], "not_a_case");
        assert_eq!(s.value("bpa-draft-set-aside-1"), Some(stored.as_str()));
        let again = load(&mut stores(&mut s, &mut l), NOW);
        assert!(again.notices.is_empty(), "said once: {:?}", again.notices);
        // Found by a save (the page opened before it was put there): moved
        // first, the new draft written in our key.
        let mut s = MemoryStore::with(&[("bpa-draft-v3", stored.as_str())]);
        let saved = save(
            &mut stores(&mut s, &mut l),
            Slot::Draft,
            &valid_case(),
            false,
            NOW,
        )
        .expect("saved beside it");
        assert_eq!(codes(&saved.notices), ["DRAFT_SET_ASIDE"]);
        assert_eq!(s.value("bpa-draft-set-aside-1"), Some(stored.as_str()));
        assert!(is_own(s.value("bpa-draft-v3").unwrap()));
    }
    // A missing case is nothing to lose: our draft, empty.
    let bare = r#"{"format": "bpa-draft", "version": 3, "saved": "2026-11-23T09:00:00.000Z"}"#;
    assert!(matches!(read_stored(bare), Stored::Draft(e) if e.case == Value::Null));
}

#[test]
fn saving_over_a_value_that_is_no_draft_sets_it_aside_first() {
    let mut s = MemoryStore::with(&[("bpa-draft-v3", "garbage")]);
    let mut l = MemoryStore::default();
    let saved = save(
        &mut stores(&mut s, &mut l),
        Slot::Draft,
        &invalid_case(),
        false,
        NOW,
    )
    .unwrap();
    assert_eq!(codes(&saved.notices), ["DRAFT_SET_ASIDE"]);
    assert_eq!(s.value("bpa-draft-set-aside-1"), Some("garbage"));
    assert!(is_own(s.value("bpa-draft-v3").unwrap()));
}

#[test]
fn when_nothing_more_can_be_set_aside_the_value_stays_and_no_draft_goes_over_it() {
    let mut items: Vec<(String, String)> = (1..=config::MAX_DRAFT_SET_ASIDE)
        .map(|n| (format!("bpa-draft-set-aside-{n}"), "old".to_string()))
        .collect();
    items.push(("bpa-draft-v3".into(), "garbage".into()));
    let mut s = MemoryStore {
        items,
        ..MemoryStore::default()
    };
    let mut l = MemoryStore::default();
    let loaded = load(&mut stores(&mut s, &mut l), NOW);
    assert_eq!(codes(&loaded.notices), ["DRAFT_UNREADABLE_KEPT"]);
    assert_eq!(loaded.notices[0].values["reason"], "crowded");
    let r = save(
        &mut stores(&mut s, &mut l),
        Slot::Draft,
        &invalid_case(),
        false,
        NOW,
    );
    assert_eq!(err_codes(r), ["DRAFT_SAVE_FAILED"]);
    assert_eq!(s.value("bpa-draft-v3"), Some("garbage"));
}

#[test]
fn a_draft_from_a_newer_version_stays_for_that_version() {
    let newer = r#"{"format":"bpa-draft","version":4,"saved":"2027-01-01T00:00:00.000Z","case":{"version":4,"wings":2}}"#;
    let mut s = MemoryStore::with(&[("bpa-draft-v4", newer)]);
    let mut l = MemoryStore::with(&[("bpa-draft-previous-v9", "{}")]);
    let loaded = load(&mut stores(&mut s, &mut l), NOW);
    assert_eq!(loaded.draft, None);
    assert_eq!(
        codes(&loaded.notices),
        ["DRAFT_NEWER_KEPT", "DRAFT_NEWER_KEPT"]
    );
    assert_eq!(loaded.notices[0].values["version"], "4");
    assert_eq!(loaded.notices[0].values["key"], "bpa-draft-v4");
    assert_eq!(loaded.notices[1].values["store"], "local");
    // Work in this version goes under its own key.
    save(
        &mut stores(&mut s, &mut l),
        Slot::Draft,
        &invalid_case(),
        true,
        NOW,
    )
    .unwrap();
    assert_eq!(s.value("bpa-draft-v4"), Some(newer), "untouched");
    assert!(s.value("bpa-draft-v3").is_some());
    assert_eq!(l.value("bpa-draft-previous-v9"), Some("{}"));
    let loaded = load(&mut stores(&mut s, &mut l), NOW);
    assert_eq!(loaded.draft.unwrap().case, invalid_case());
    assert_eq!(
        codes(&loaded.notices),
        ["DRAFT_NEWER_KEPT", "DRAFT_NEWER_KEPT"]
    );
}

#[test]
fn a_newer_draft_found_in_our_key_goes_to_its_own_key() {
    // A newer envelope, and a newer case format in our envelope.
    let envelope = r#"{"format":"bpa-draft","version":4,"saved":"x","case":{}}"#;
    let case = r#"{"format":"bpa-draft","version":3,"saved":"x","case":{"version":4}}"#;
    for (stored, to) in [(envelope, "bpa-draft-v4"), (case, "bpa-draft-set-aside-1")] {
        let mut s = MemoryStore::with(&[("bpa-draft-v3", stored)]);
        let mut l = MemoryStore::default();
        let loaded = load(&mut stores(&mut s, &mut l), NOW);
        assert_eq!(loaded.draft, None);
        assert_eq!(codes(&loaded.notices), ["DRAFT_NEWER_KEPT"]);
        assert_eq!(loaded.notices[0].values["key"], to);
        assert_eq!(s.value(to), Some(stored));
        assert_eq!(s.value("bpa-draft-v3"), None);
        // And saving over one moves it first, too.
        let mut s = MemoryStore::with(&[("bpa-draft-v3", stored)]);
        let saved = save(
            &mut stores(&mut s, &mut l),
            Slot::Draft,
            &invalid_case(),
            false,
            NOW,
        );
        assert_eq!(s.value(to), Some(stored), "{saved:?}");
    }
}

#[test]
fn the_drafts_the_pages_javascript_wrote_are_opened() {
    let legacy = json!({"app": "bpa-kalkulator", "format": 1, "saved": 1_764_000_000_123_u64,
                        "expires": NOW + 1000.0, "case": invalid_case()})
    .to_string();
    let previous =
        json!({"app": "bpa-kalkulator", "format": 1, "saved": 0, "case": valid_case()}).to_string();
    let mut s = MemoryStore::default();
    let mut l = MemoryStore::with(&[
        ("bpa-kalkulator.draft", &legacy),
        ("bpa-kalkulator.previous", &previous),
    ]);
    let loaded = load(&mut stores(&mut s, &mut l), NOW);
    let d = loaded.draft.unwrap();
    assert_eq!(
        (d.version, d.store, d.key.as_str()),
        (1, Where::Local, "bpa-kalkulator.draft")
    );
    assert_eq!(d.case, invalid_case());
    assert_eq!(d.saved.as_deref(), Some("2025-11-24T16:00:00.123Z"));
    assert!(loaded.keep, "kept on the device before: still kept");
    assert!(loaded.previous.unwrap().valid);
    // Ours, once saved, comes first; the old one stays until cleared.
    let mine = json!({"person": {"age": 41}});
    save(&mut stores(&mut s, &mut l), Slot::Draft, &mine, true, NOW).unwrap();
    assert_eq!(
        load(&mut stores(&mut s, &mut l), NOW).draft.unwrap().case,
        mine
    );
    assert_eq!(l.value("bpa-kalkulator.draft"), Some(legacy.as_str()));
    // A newer format of the old envelope is kept, not opened.
    let mut l = MemoryStore::with(&[(
        "bpa-kalkulator.draft",
        r#"{"app":"bpa-kalkulator","format":2,"case":{}}"#,
    )]);
    let mut s = MemoryStore::default();
    let loaded = load(&mut stores(&mut s, &mut l), NOW);
    assert_eq!(
        (loaded.draft, codes(&loaded.notices)),
        (None, vec!["DRAFT_NEWER_KEPT"])
    );
}

#[test]
fn keeping_on_the_device_writes_both_with_an_expiry_and_turning_it_off_removes_ours() {
    let (mut s, mut l) = (MemoryStore::default(), MemoryStore::default());
    let case = invalid_case();
    let saved = save(&mut stores(&mut s, &mut l), Slot::Draft, &case, true, NOW).unwrap();
    assert_eq!(saved.stores, [Where::Session, Where::Local]);
    assert_eq!(saved.expires.as_deref(), Some("2026-12-23T10:00:00.000Z"));
    let in_local = l.value("bpa-draft-v3").unwrap().to_string();
    assert!(
        in_local.contains(r#""expires":"2026-12-23T10:00:00.000Z""#),
        "{in_local}"
    );
    assert!(!s.value("bpa-draft-v3").unwrap().contains("expires"));
    // A new tab: only the device has it.
    let mut fresh = MemoryStore::default();
    let loaded = load(&mut stores(&mut fresh, &mut l), NOW);
    assert!(loaded.keep);
    let d = loaded.draft.unwrap();
    assert_eq!(
        (d.store, d.expires.as_deref()),
        (Where::Local, Some("2026-12-23T10:00:00.000Z"))
    );

    // Off: saved in the tab, then ours gone from the device; the rest stays.
    l.items.push(("bpa-draft-v7".into(), "newer".into()));
    l.items.push(("bpa-draft-set-aside-1".into(), "odd".into()));
    l.items
        .push(("bpa-draft-previous-v3".into(), in_local.clone()));
    l.items.push(("theme".into(), "dark".into()));
    let mut tab = MemoryStore::default();
    let kept = set_keep(&mut stores(&mut tab, &mut l), &case, false, NOW).unwrap();
    assert_eq!(kept.removed, 2);
    assert_eq!(kept.saved.unwrap().stores, [Where::Session]);
    assert!(tab.value("bpa-draft-v3").is_some());
    let left: Vec<&str> = l.items.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(left, ["bpa-draft-v7", "bpa-draft-set-aside-1", "theme"]);
    // When the tab cannot be written, nothing is removed from the device.
    let mut l = MemoryStore::with(&[("bpa-draft-v3", in_local.as_str())]);
    let mut blocked = MemoryStore::failing(Fault::Security);
    let r = set_keep(&mut stores(&mut blocked, &mut l), &case, false, NOW);
    assert_eq!(err_codes(r), ["DRAFT_STORAGE_UNAVAILABLE"]);
    assert_eq!(l.items.len(), 1);
    // On: both.
    let kept = set_keep(&mut stores(&mut tab, &mut l), &case, true, NOW).unwrap();
    assert_eq!(kept.saved.unwrap().stores, [Where::Session, Where::Local]);
}

#[test]
fn a_draft_kept_past_its_time_is_removed_and_the_page_is_told() {
    let (mut s, mut l) = (MemoryStore::default(), MemoryStore::default());
    save(
        &mut stores(&mut s, &mut l),
        Slot::Draft,
        &invalid_case(),
        true,
        NOW,
    )
    .unwrap();
    let mut tab = MemoryStore::default();
    let later = NOW + 31.0 * DAY_MS;
    let loaded = load(&mut stores(&mut tab, &mut l), later);
    assert_eq!(loaded.draft, None);
    assert!(!loaded.keep);
    assert_eq!(codes(&loaded.notices), ["DRAFT_EXPIRED"]);
    assert_eq!(loaded.notices[0].values["days"], "30");
    assert!(l.items.is_empty());
    // The tab's own copy has no expiry: it stays while the tab does.
    assert!(load(&mut stores(&mut s, &mut l), later).draft.is_some());
}

#[test]
fn storage_that_throws_gives_a_coded_result_and_a_read_fault_deletes_nothing() {
    let case = invalid_case();
    for (fault, code) in [
        (Fault::Security, "DRAFT_STORAGE_UNAVAILABLE"),
        (Fault::Unavailable, "DRAFT_STORAGE_UNAVAILABLE"),
        (Fault::Quota, "DRAFT_STORAGE_FULL"),
        (Fault::Other, "DRAFT_SAVE_FAILED"),
    ] {
        let mut s = MemoryStore {
            write_fault: Some(fault),
            ..MemoryStore::default()
        };
        let mut l = MemoryStore::failing(fault);
        let r = save(&mut stores(&mut s, &mut l), Slot::Draft, &case, true, NOW);
        assert_eq!(err_codes(r), [code, code], "{fault:?}");
        // One storage works: saved there, and the other's fault is told.
        let mut ok = MemoryStore::default();
        let saved = save(&mut stores(&mut ok, &mut l), Slot::Draft, &case, true, NOW).unwrap();
        assert_eq!(saved.stores, [Where::Session]);
        assert_eq!(saved.expires, None);
        assert_eq!(codes(&saved.notices), [code]);
        assert_eq!(saved.notices[0].values["store"], "local");
    }
    // A full storage, by its quota.
    let mut s = MemoryStore {
        quota: Some(50),
        ..MemoryStore::default()
    };
    let mut l = MemoryStore::default();
    let r = save(&mut stores(&mut s, &mut l), Slot::Draft, &case, false, NOW);
    assert_eq!(err_codes(r), ["DRAFT_STORAGE_FULL"]);

    // Reading fails: nothing deleted, nothing written over what cannot be read.
    let garbage = "garbage";
    let mut s = MemoryStore {
        read_fault: Some(Fault::Other),
        ..MemoryStore::with(&[("bpa-draft-v3", garbage)])
    };
    let mut l = MemoryStore::failing(Fault::Security);
    let loaded = load(&mut stores(&mut s, &mut l), NOW);
    assert_eq!(codes(&loaded.notices), ["DRAFT_READ_FAILED"]);
    assert_eq!(
        loaded.available,
        Available {
            session: false,
            local: false
        }
    );
    assert_eq!(s.value("bpa-draft-v3"), Some(garbage));
    let r = save(&mut stores(&mut s, &mut l), Slot::Draft, &case, false, NOW);
    assert_eq!(err_codes(r), ["DRAFT_SAVE_FAILED"]);
    assert_eq!(s.value("bpa-draft-v3"), Some(garbage));
    // No storage at all (Node, a sandboxed frame): said for this tab's.
    let (mut s, mut l) = (
        MemoryStore::failing(Fault::Unavailable),
        MemoryStore::failing(Fault::Unavailable),
    );
    let loaded = load(&mut stores(&mut s, &mut l), NOW);
    assert_eq!(codes(&loaded.notices), ["DRAFT_STORAGE_UNAVAILABLE"]);
    assert_eq!(loaded.notices[0].values["store"], "session");
}

#[test]
fn the_draft_before_a_link_or_file_is_kept_apart_and_forgotten_on_request() {
    let (mut s, mut l) = (MemoryStore::default(), MemoryStore::default());
    let before = invalid_case();
    let link = valid_case();
    save(
        &mut stores(&mut s, &mut l),
        Slot::Previous,
        &before,
        true,
        NOW,
    )
    .unwrap();
    save(&mut stores(&mut s, &mut l), Slot::Draft, &link, true, NOW).unwrap();
    let loaded = load(&mut stores(&mut s, &mut l), NOW);
    assert_eq!(loaded.draft.unwrap().case, link);
    let p = loaded.previous.unwrap();
    assert_eq!((p.case, p.key.as_str()), (before, "bpa-draft-previous-v3"));
    let (removed, errors) = forget(&mut stores(&mut s, &mut l), Slot::Previous);
    assert_eq!((removed, errors), (2, vec![]));
    let loaded = load(&mut stores(&mut s, &mut l), NOW);
    assert!(loaded.previous.is_none() && loaded.draft.is_some());
}

#[test]
fn clearing_removes_everything_of_ours_and_says_so_after_reading_back() {
    let own = write_envelope(&invalid_case(), "x", None);
    let items = [
        ("bpa-draft-v3", own.as_str()),
        ("bpa-draft-previous-v3", own.as_str()),
        ("bpa-draft-v4", "newer"),
        ("bpa-draft-set-aside-1", "odd"),
        ("bpa-kalkulator.draft", "{}"),
        ("bpa-kalkulator.probe", "1"),
        ("theme", "dark"),
        ("bpa-drafting-tool", "not ours"),
    ];
    let mut s = MemoryStore::with(&items);
    let mut l = MemoryStore::with(&items[..2]);
    let cleared = clear(&mut stores(&mut s, &mut l));
    assert!(cleared.errors.is_empty(), "{:?}", cleared.errors);
    assert_eq!(cleared.cleared, 8);
    assert_eq!(
        cleared.stores,
        [
            StoreCleared {
                store: Where::Session,
                available: true,
                cleared: 6,
                remaining: 0
            },
            StoreCleared {
                store: Where::Local,
                available: true,
                cleared: 2,
                remaining: 0
            },
        ]
    );
    let left: Vec<&str> = s.items.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(left, ["theme", "bpa-drafting-tool"]);
    assert!(l.items.is_empty());
    // After clearing, an emptied page saves nothing new.
    let empty = json!({"settings": {"municipality": "oslo"}});
    let r = save(&mut stores(&mut s, &mut l), Slot::Draft, &empty, false, NOW);
    assert_eq!(err_codes(r), ["DRAFT_EMPTY"]);
    assert_eq!(s.items.len(), 2);

    // A storage that says it removed, but did not: found by reading back.
    let mut sticky = MemoryStore {
        sticky: true,
        ..MemoryStore::with(&items[..3])
    };
    let mut missing = MemoryStore::failing(Fault::Unavailable);
    let cleared = clear(&mut stores(&mut sticky, &mut missing));
    assert_eq!(cleared.cleared, 0);
    assert_eq!(codes(&cleared.errors), ["DRAFT_CLEAR_FAILED"]);
    assert_eq!(cleared.errors[0].values["remaining"], "3");
    assert_eq!(cleared.errors[0].values["store"], "session");
    assert_eq!(
        cleared.stores[1],
        StoreCleared {
            store: Where::Local,
            available: false,
            cleared: 0,
            remaining: 0
        }
    );
    // A storage that throws: it could not be cleared, and says why.
    let mut blocked = MemoryStore::failing(Fault::Security);
    let mut l = MemoryStore::default();
    let cleared = clear(&mut stores(&mut blocked, &mut l));
    assert_eq!(codes(&cleared.errors), ["DRAFT_CLEAR_FAILED"]);
    assert_eq!(cleared.errors[0].values["reason"], "security");
}

#[test]
fn the_page_may_pass_json_text_and_text_that_is_not_json_is_refused_in_words() {
    assert_eq!(
        case_from_text(r#"{"needs": []}"#).unwrap(),
        json!({"needs": []})
    );
    let cut = case_from_text("{\"needs\": [").unwrap();
    assert_eq!(cut, json!("{\"needs\": ["));
    let (mut s, mut l) = (MemoryStore::default(), MemoryStore::default());
    let refused = save(&mut stores(&mut s, &mut l), Slot::Draft, &cut, false, NOW);
    assert_eq!(
        refused.unwrap_err().0[0].text_key(),
        "INVALID_VALUE.expected_object"
    );
    assert!(s.items.is_empty(), "nothing written");
    // Half an emoji, as JSON.stringify writes it: kept, as U+FFFD.
    let lone = r#"{"notes": {"goal": "a\ud83d b \ude00 \ud83d\ude00 \\ud800"}}"#;
    assert_eq!(
        case_from_text(lone).unwrap(),
        json!({"notes": {"goal": "a\u{fffd} b \u{fffd} 😀 \\ud800"}})
    );
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert_eq!(
        case_from_text(&deep).unwrap_err().0[0].text_key(),
        "INVALID_VALUE.too_deep"
    );
    let big = "x".repeat(config::MAX_INPUT_BYTES + 1);
    assert_eq!(
        case_from_text(&big).unwrap_err().0[0].code,
        "DRAFT_TOO_LARGE"
    );
}

#[test]
fn a_draft_is_limited_as_a_file_is_and_what_is_saved_opens_again() {
    let (mut s, mut l) = (MemoryStore::default(), MemoryStore::default());
    let nest = |n: usize| {
        let mut v = json!(1);
        for _ in 0..n {
            v = json!([v]);
        }
        json!({ "notes": v })
    };
    // The deepest case a draft holds opens again, envelope and all.
    let deepest = nest(MAX_CASE_DEPTH - 1);
    save(
        &mut stores(&mut s, &mut l),
        Slot::Draft,
        &deepest,
        false,
        NOW,
    )
    .unwrap();
    assert_eq!(
        load(&mut stores(&mut s, &mut l), NOW).draft.unwrap().case,
        deepest
    );
    let r = save(
        &mut stores(&mut s, &mut l),
        Slot::Draft,
        &nest(MAX_CASE_DEPTH),
        false,
        NOW,
    );
    assert_eq!(err_codes(r), ["INVALID_VALUE"]);
    // A case of a newer format is that version's draft, not this one's.
    let newer = json!({"version": 4294967296_u64, "person": {"age": 3}});
    let e = save(&mut stores(&mut s, &mut l), Slot::Draft, &newer, false, NOW).unwrap_err();
    assert_eq!(
        (e.0[0].code, e.0[0].values["format"].as_str()),
        ("NEWER_VERSION", "4294967296")
    );
    // Too large for a draft: refused, and what was saved before is kept.
    let big = json!({ "notes": { "goal": "x".repeat(config::MAX_INPUT_BYTES) } });
    let r = save(&mut stores(&mut s, &mut l), Slot::Draft, &big, false, NOW);
    assert_eq!(err_codes(r), ["DRAFT_TOO_LARGE"]);
    assert_eq!(
        load(&mut stores(&mut s, &mut l), NOW).draft.unwrap().case,
        deepest
    );
}

#[test]
fn keys_of_ours_are_told_from_the_sites() {
    assert_eq!(classify("bpa-draft-v3"), Some(Ours::Draft(Slot::Draft, 3)));
    assert_eq!(
        classify("bpa-draft-previous-v12"),
        Some(Ours::Draft(Slot::Previous, 12))
    );
    assert_eq!(classify("bpa-draft-set-aside-3"), Some(Ours::SetAside(3)));
    assert_eq!(
        classify("bpa-kalkulator.draft"),
        Some(Ours::Draft(Slot::Draft, 1))
    );
    for other in [
        "bpa-draft-v02",
        "bpa-draft-v",
        "bpa-draft-v3x",
        "bpa-draft-",
        "bpa-kalkulator.probe",
    ] {
        assert_eq!(classify(other), Some(Ours::Other), "{other}");
    }
    for theirs in ["theme", "bpa-drafts", "bpa-kalkulatoren", ""] {
        assert_eq!(classify(theirs), None, "{theirs}");
    }
}

#[test]
fn emptying_the_form_keeps_the_fullest_draft_until_the_person_takes_it_back_or_clears() {
    let (mut s, mut l) = (MemoryStore::default(), MemoryStore::default());
    let mut week = valid_case();
    week["person"]["age"] = json!(34);
    let needs = week["needs"].as_array().unwrap().len();
    assert!(needs >= 2);
    save(&mut stores(&mut s, &mut l), Slot::Draft, &week, false, NOW).unwrap();
    assert_eq!(s.value("bpa-draft-emptied-v3"), None, "nothing removed yet");
    // One need removed: the week before it is kept.
    let mut fewer = week.clone();
    fewer["needs"].as_array_mut().unwrap().pop();
    let saved = save(&mut stores(&mut s, &mut l), Slot::Draft, &fewer, false, NOW).unwrap();
    let kept = saved.emptied.expect("the fuller week kept");
    assert_eq!((kept.needs, kept.monthly), (needs, 0));
    // Down to the age alone: the fuller week stays kept, not this one.
    let age_only = json!({"version": 3, "person": {"age": 34}, "needs": [], "monthly": []});
    let saved = save(
        &mut stores(&mut s, &mut l),
        Slot::Draft,
        &age_only,
        false,
        NOW,
    )
    .unwrap();
    assert_eq!(saved.emptied.map(|w| w.needs), Some(needs));
    // Everything cleared: nothing saved, the draft moved out of the draft
    // key, so the page opens as the person left it, with the week to take back.
    let empty = json!({"version": 3, "person": {}, "needs": [], "monthly": [], "settings": {}});
    let saved = save(&mut stores(&mut s, &mut l), Slot::Draft, &empty, false, NOW).unwrap();
    assert_eq!(saved.stores, [Where::Session]);
    assert_eq!(saved.emptied.map(|w| w.needs), Some(needs));
    assert_eq!(s.value("bpa-draft-v3"), None);
    let loaded = load(&mut stores(&mut s, &mut l), NOW);
    assert_eq!(loaded.draft, None);
    let emptied = loaded.emptied.expect("the week to take back");
    assert_eq!(emptied.case, week, "the week as it was typed");
    assert_eq!(emptied.key, "bpa-draft-emptied-v3");
    // Saving the empty form again moves nothing and loses nothing.
    assert_eq!(
        err_codes(save(
            &mut stores(&mut s, &mut l),
            Slot::Draft,
            &empty,
            false,
            NOW
        )),
        ["DRAFT_EMPTY"]
    );
    assert!(load(&mut stores(&mut s, &mut l), NOW).emptied.is_some());
    // Growing again keeps it; taken back, it is the draft and is forgotten.
    save(&mut stores(&mut s, &mut l), Slot::Draft, &week, false, NOW).unwrap();
    assert_eq!(
        forget(&mut stores(&mut s, &mut l), Slot::Emptied),
        (1, vec![])
    );
    let loaded = load(&mut stores(&mut s, &mut l), NOW);
    assert_eq!(loaded.emptied, None);
    assert_eq!(loaded.draft.unwrap().case, week);
    // "Slett mine opplysninger" removes it with the rest.
    save(&mut stores(&mut s, &mut l), Slot::Draft, &fewer, false, NOW).unwrap();
    assert!(s.value("bpa-draft-emptied-v3").is_some());
    let cleared = clear(&mut stores(&mut s, &mut l));
    assert!(cleared.errors.is_empty());
    assert!(s.items.is_empty(), "{:?}", s.items);
}

#[test]
fn a_removal_that_cannot_keep_the_fuller_draft_is_not_saved_over_it() {
    let (mut s, mut l) = (MemoryStore::default(), MemoryStore::default());
    let week = valid_case();
    save(&mut stores(&mut s, &mut l), Slot::Draft, &week, false, NOW).unwrap();
    let before = s.value("bpa-draft-v3").unwrap().to_string();
    s.write_fault = Some(Fault::Quota);
    let mut fewer = week.clone();
    fewer["needs"].as_array_mut().unwrap().pop();
    let refused = save(&mut stores(&mut s, &mut l), Slot::Draft, &fewer, false, NOW);
    assert_eq!(err_codes(refused), ["DRAFT_STORAGE_FULL"]);
    assert_eq!(
        s.value("bpa-draft-v3"),
        Some(before.as_str()),
        "the week stays"
    );
    let empty = json!({"needs": []});
    let refused = save(&mut stores(&mut s, &mut l), Slot::Draft, &empty, false, NOW);
    assert_eq!(err_codes(refused), ["DRAFT_EMPTY", "DRAFT_STORAGE_FULL"]);
    assert_eq!(s.value("bpa-draft-v3"), Some(before.as_str()), "still");
    s.write_fault = None;
    let saved = save(&mut stores(&mut s, &mut l), Slot::Draft, &fewer, false, NOW).unwrap();
    assert_eq!(
        saved.emptied.map(|w| w.needs),
        week["needs"].as_array().map(Vec::len)
    );
}
