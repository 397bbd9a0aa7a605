//! Checks what the types cannot: ranges, times that make sense, sizes.
//!
//! serde has already refused what is not a case at all (a wrong type, an
//! unknown field or name). What is left is a case that reads but cannot be
//! right: an age of 200, an end before its start, 201 needs. Every problem
//! is found, not just the first, so a person can fix them all at once.

use super::time::MINUTES_PER_DAY;
use super::{Case, FORMAT_VERSION};
use crate::config;
use crate::error::{item, InputError, InputErrors};

/// Every problem with a read case, or `Ok` when there is none.
pub fn validate(case: &Case) -> Result<(), InputErrors> {
    let mut errs = Vec::new();

    if case.version > FORMAT_VERSION {
        return Err(super::read::newer_version(&case.version.to_string()).into());
    }
    if case.version == 0 {
        errs.push(InputError::new("version", "BAD_VERSION"));
    }
    if let Some(age) = case.person.age {
        if age < 0 {
            errs.push(InputError::new("person.age", "NEGATIVE_AGE").with("age", age));
        } else if age > config::MAX_AGE {
            errs.push(
                InputError::new("person.age", "AGE_TOO_HIGH")
                    .with("age", age)
                    .with("limit", config::MAX_AGE),
            );
        }
    }
    if case.person.current_services.len() > config::MAX_CURRENT_SERVICES {
        errs.push(
            InputError::new("person.current_services", "TOO_MANY")
                .with("limit", config::MAX_CURRENT_SERVICES),
        );
    }
    if case.needs.len() > config::MAX_NEEDS {
        errs.push(
            InputError::new("needs", "TOO_MANY_NEEDS")
                .with("count", case.needs.len())
                .with("limit", config::MAX_NEEDS),
        );
        return Err(InputErrors(errs));
    }
    for (i, n) in case.needs.iter().enumerate() {
        let f = |name: &str| format!("{}.{name}", item("needs", i));
        if n.days.is_empty() {
            errs.push(InputError::new(f("days"), "NO_DAYS"));
        }
        let (s, e) = (n.start.minutes(), n.end.minutes());
        let wrong_end = if s >= MINUTES_PER_DAY {
            errs.push(InputError::new(f("start"), "START_AT_MIDNIGHT_END"));
            None
        } else if n.crosses_midnight {
            (e > s || e >= MINUTES_PER_DAY).then_some("NOT_PAST_MIDNIGHT")
        } else if e < s {
            Some("END_BEFORE_START")
        } else if e == s {
            Some("ZERO_LENGTH")
        } else {
            None
        };
        if let Some(code) = wrong_end {
            let mut err = InputError::new(f("end"), code).with("start", n.start);
            if code != "ZERO_LENGTH" {
                err = err.with("end", n.end);
            }
            errs.push(err);
        }
        if n.helpers == 0 || n.helpers > config::MAX_HELPERS {
            errs.push(
                InputError::new(f("helpers"), "HELPERS_RANGE").with("limit", config::MAX_HELPERS),
            );
        }
        if n.label.chars().count() > config::MAX_LABEL_CHARS {
            errs.push(
                InputError::new(f("label"), "LABEL_TOO_LONG")
                    .with("limit", config::MAX_LABEL_CHARS),
            );
        }
    }
    if case.monthly.len() > config::MAX_MONTHLY {
        errs.push(
            InputError::new("monthly", "TOO_MANY_MONTHLY").with("limit", config::MAX_MONTHLY),
        );
    } else {
        for (i, m) in case.monthly.iter().enumerate() {
            let f = |name: &str| format!("{}.{name}", item("monthly", i));
            let h = m.hours_per_month;
            if !h.is_finite() || !(0.0..=config::MAX_HOURS_PER_MONTH).contains(&h) {
                errs.push(
                    InputError::new(f("hours_per_month"), "HOURS_RANGE")
                        .with("limit", config::MAX_HOURS_PER_MONTH),
                );
            }
            if m.label.chars().count() > config::MAX_LABEL_CHARS {
                errs.push(
                    InputError::new(f("label"), "LABEL_TOO_LONG")
                        .with("limit", config::MAX_LABEL_CHARS),
                );
            }
        }
    }
    if let Some(w) = case.settings.night {
        if !w.is_valid() {
            errs.push(InputError::new("settings.night", "BAD_NIGHT"));
        }
    }
    for (name, text) in case.notes.fields() {
        if text.chars().count() > config::MAX_NOTE_CHARS {
            errs.push(
                InputError::new(format!("notes.{name}"), "NOTE_TOO_LONG")
                    .with("limit", config::MAX_NOTE_CHARS),
            );
        }
    }
    if let Some(lang) = &case.settings.lang {
        if lang.len() > config::MAX_LANG_BYTES {
            errs.push(InputError::new("settings.lang", "BAD_LANG"));
        }
    }
    if let Some(m) = &case.settings.municipality {
        if m.len() > config::MAX_MUNICIPALITY_BYTES {
            errs.push(InputError::new("settings.municipality", "BAD_MUNICIPALITY"));
        }
    }
    if case.attached.len() > config::MAX_ATTACHED {
        errs.push(
            InputError::new("attached", "TOO_MANY_ATTACHED").with("limit", config::MAX_ATTACHED),
        );
    } else {
        for (i, code) in case.attached.iter().enumerate() {
            if !is_document_code(code) {
                errs.push(
                    InputError::new(item("attached", i), "BAD_DOCUMENT_CODE")
                        .with("limit", config::MAX_ATTACHED_CODE_CHARS),
                );
            }
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(InputErrors(errs))
    }
}

/// A document's code as items carry it: capital letters, digits and `_`,
/// starting with a letter, at most [`config::MAX_ATTACHED_CODE_CHARS`].
fn is_document_code(s: &str) -> bool {
    let mut b = s.bytes();
    b.next().is_some_and(|c| c.is_ascii_uppercase())
        && b.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
        && s.len() <= config::MAX_ATTACHED_CODE_CHARS
}
