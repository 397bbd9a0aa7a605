//! Fuzzes the one case reader (`case::read::from_bytes`, as for a file or
//! standard input): whatever the bytes, it returns; a refusal has errors
//! in plain words; a case it accepts is valid, is written and read back
//! to itself, and is assessed without a panic.
#![no_main]

use bpa::case::read::{from_bytes, from_json, to_json};
use bpa::case::validate::validate;
use bpa::{Date, Law};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match from_bytes(data) {
        Ok(case) => {
            assert!(validate(&case).is_ok());
            let text = to_json(&case);
            assert_eq!(from_json(&text).ok().as_ref(), Some(&case), "{text}");
            let today = Date::new(2026, 11, 23).expect("a date");
            if let Ok(a) = bpa::assess(&case, Law::embedded(), today) {
                assert!(serde_json::to_string(&a).is_ok());
            }
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
