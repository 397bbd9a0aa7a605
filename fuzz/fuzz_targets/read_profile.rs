//! Fuzzes the municipality profile reader (`municipality::from_json`, as
//! the page reads `profiles/<id>.json`): whatever the text, it returns; a
//! refusal has errors in plain words; a profile it accepts passes its own
//! checks and assesses a case without a panic.
#![no_main]

use bpa::municipality::{check, from_json};
use bpa::{Date, Law};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let law = Law::embedded();
    match from_json(text, law) {
        Ok(profile) => {
            assert!(check(&profile, law).is_empty());
            let today = Date::new(2026, 11, 23).expect("a date");
            let case = bpa::case::example::seed_week();
            let a = bpa::assess_with_profile(&case, law, today, &profile);
            assert!(a.is_ok(), "{a:?}");
        }
        Err(errors) => {
            assert!(!errors.0.is_empty());
            for e in &errors.0 {
                let nb = e.message_nb();
                assert!(!nb.is_empty() && !nb.starts_with("error."), "{e:?}: {nb}");
            }
        }
    }
});
