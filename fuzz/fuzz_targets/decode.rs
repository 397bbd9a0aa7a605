//! Fuzzes `bpa::link::decode`: whatever the input, it must return (never
//! panic, never hang), and whatever it accepts must be a valid case that
//! makes a link opening to the very same case.
#![no_main]

use bpa::case::validate::validate;
use bpa::link::{decode, encode_under, raw};
use libfuzzer_sys::fuzz_target;

fn check(text: &str) {
    if let Ok(opened) = decode(text) {
        assert!(validate(&opened.case).is_ok());
        let again = encode_under(&opened.case, &opened.rules_version)
            .expect("a case a link opened to makes a link again");
        assert_eq!(decode(&again).ok(), Some(opened));
    }
}

fuzz_target!(|data: &[u8]| {
    // As text: the checksum turns almost all of it away at the door.
    if let Ok(text) = std::str::from_utf8(data) {
        check(text);
    }
    // As the JSON inside a `v3` link, and as the layout of each older
    // one, with the right checksum: this reaches every reader behind it.
    check(&raw::seal_json(data));
    check(&raw::seal_legacy(2, data));
    check(&raw::seal_legacy(1, data));
});
