//! Fuzzes drafts (`bpa::draft`), over stores in memory: whatever a storage
//! holds under our key, opening it returns and never loses it (it is opened,
//! left, or moved, never gone, unless it expired); whatever the page passes
//! is saved and opens again as the very same case, or is refused in words.
#![no_main]

use bpa::draft::{self, load, read_stored, save, MemoryStore, Slot, Stores};
use libfuzzer_sys::fuzz_target;

/// 2026-11-23T10:00:00.000Z.
const NOW: f64 = 1_795_428_000_000.0;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = read_stored(text);
    if let Some(ms) = draft::parse_iso(text) {
        assert_eq!(draft::parse_iso(&draft::iso(ms)), Some(ms), "{text}");
    }

    // Found in a storage, under our key or the old page's.
    for key in ["bpa-draft-v2", "bpa-kalkulator.draft", "bpa-draft-previous-v2"] {
        let mut session = MemoryStore::with(&[(key, text), ("theme", "dark")]);
        let mut local = MemoryStore::default();
        let loaded = load(
            &mut Stores {
                session: &mut session,
                local: &mut local,
            },
            NOW,
        );
        let expired = loaded.notices.iter().any(|n| n.code == "DRAFT_EXPIRED");
        let kept = session.items.iter().any(|(_, v)| v == text);
        assert!(expired || kept, "lost: {text:?} {loaded:?}");
        assert_eq!(session.value("theme"), Some("dark"));
        // What the page is given back, it is given as stored.
        if let Some(found) = loaded.draft.as_ref().or(loaded.previous.as_ref()) {
            if let draft::Stored::Draft(e) = read_stored(text) {
                assert_eq!(found.case, e.case);
            }
        }
    }

    // Passed by the page as JSON text, saved, and opened again.
    let Ok(case) = draft::case_from_text(text) else {
        return;
    };
    let mut session = MemoryStore::default();
    let mut local = MemoryStore::default();
    let mut stores = Stores {
        session: &mut session,
        local: &mut local,
    };
    match save(&mut stores, Slot::Draft, &case, true, NOW) {
        Ok(_) => {
            let loaded = load(&mut stores, NOW);
            let found = loaded.draft.expect("a saved draft opens");
            assert_eq!(found.case, case);
            assert_eq!(found.valid, found.errors.is_empty());
        }
        Err(errors) => assert!(!errors.0.is_empty()),
    }
});
