//! Every source points at the document itself and carries the document's
//! date: a reason shown to a person is only as good as the text it names.
//! (Issue 12: the commentary pointed at the rundskriv's front page, and a
//! wound-up network's home page stood for a KS note.)
// Native only: run by `cargo test`.
#![cfg(not(target_arch = "wasm32"))]

use bpa::law::Source;
use bpa::{Date, Law};

/// What is wrong with one source's address and date, if anything.
fn problems(s: &Source) -> Vec<String> {
    let mut out = Vec::new();
    let rest = s
        .url
        .strip_prefix("https://")
        .or_else(|| s.url.strip_prefix("http://"));
    match rest.and_then(|r| r.split_once('/')) {
        Some((host, path)) if !host.is_empty() && !path.trim_matches('/').is_empty() => {}
        _ => out.push(format!(
            "{}: {} is not the address of a document",
            s.id, s.url
        )),
    }
    let date_ok = match s.date.as_str() {
        "undated" => s.read.is_some(),
        d => match d.len() {
            10 => Date::parse(d).is_some(),
            7 => Date::parse(&format!("{d}-01")).is_some(),
            4 => d.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y)),
            _ => false,
        },
    };
    if !date_ok {
        out.push(format!(
            "{}: date {:?} is neither the document's date (YYYY-MM-DD, YYYY-MM, YYYY) nor \"undated\" with the day it was read",
            s.id, s.date
        ));
    }
    // A date given less precisely than a day says why.
    if s.date.len() != 10 && s.date_note.as_deref().unwrap_or("").is_empty() {
        out.push(format!("{}: an imprecise date without a date_note", s.id));
    }
    out
}

#[test]
fn every_source_points_at_a_document_and_carries_its_date() {
    let law = Law::embedded();
    let found: Vec<String> = law.sources.iter().flat_map(problems).collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_home_page_or_a_missing_date_is_caught() {
    let good = Law::embedded().sources[0].clone();
    assert!(problems(&good).is_empty(), "{good:?}");
    for url in [
        "https://www.vestregionen.no/",
        "https://snakkombpa.no",
        "lovdata.no/x",
    ] {
        let s = Source {
            url: url.into(),
            ..good.clone()
        };
        assert!(!problems(&s).is_empty(), "{url} passed");
    }
    for date in ["", "2015-13-01", "undated", "sometime"] {
        let s = Source {
            date: date.into(),
            read: None,
            ..good.clone()
        };
        assert!(!problems(&s).is_empty(), "date {date:?} passed");
    }
    let partial = Source {
        date: "2015-12".into(),
        date_note: None,
        ..good
    };
    assert!(
        !problems(&partial).is_empty(),
        "a month without a note passed"
    );
}

/// A parameter that no source gives is marked as the calculator's own
/// convention, and one that is not names at least one source.
#[test]
fn every_parameter_cites_a_source_or_says_it_is_a_convention() {
    for p in &Law::embedded().params {
        assert!(
            p.convention || !p.sources.is_empty(),
            "{} cites no source and is not marked convention",
            p.name
        );
    }
    let night: Vec<_> = Law::embedded()
        .params
        .iter()
        .filter(|p| p.name.starts_with("night_"))
        .collect();
    assert!(
        night.iter().all(|p| p.convention),
        "the night's times are the calculator's"
    );
}

/// The digits of a text with the thousands' separators Norwegian texts use
/// (a space, a no-break space, a dot) taken out: "124 028" and "130.160"
/// read as "124028" and "130160".
fn digits_run(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.'))
        .collect()
}

/// Issue 16: a cost figure (the grunnbeløp, the cap under 2G) that is not
/// marked `unverified` is quoted, figure and all, by one of the sources it
/// cites; one that is marked says in its note what was searched.
#[test]
fn every_cost_figure_is_quoted_by_its_source_or_marked_unverified() {
    let law = Law::embedded();
    let mut problems = Vec::new();
    let mut checked = 0;
    for p in law
        .params
        .iter()
        .filter(|p| matches!(p.name.as_str(), "grunnbelop" | "charge_cap_under_2g"))
    {
        let value = serde_json::to_value(&p.value).expect("a value");
        let figure = value.as_f64().map(|v| format!("{v}")).unwrap_or_default();
        let label = format!("{} from {}", p.name, p.from);
        if p.unverified {
            if !p.note.contains("Searched") && !p.note.contains("searched") {
                problems.push(format!(
                    "{label}: unverified, and the note does not say what was searched"
                ));
            }
            continue;
        }
        checked += 1;
        let quoted = p.sources.iter().any(|id| {
            law.sources
                .iter()
                .find(|s| &s.id == id)
                .and_then(|s| s.quote.as_deref())
                .is_some_and(|q| digits_run(q).contains(&figure))
        });
        if !quoted {
            problems.push(format!(
                "{label}: {figure} is in no quote of its sources {:?}",
                p.sources
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        checked >= 10,
        "the verified figures were checked ({checked})"
    );
}

#[test]
fn a_figure_missing_from_the_quote_is_caught() {
    assert!(
        digits_run("Fra 1. mai er nytt grunnbeløp i folketrygden 124 028 kroner.")
            .contains("124028")
    );
    assert!(digits_run("grunnbeløpet i folketrygden er 130.160 kroner").contains("130160"));
    assert!(!digits_run("endres fra kroner 170 til kroner 175").contains("186"));
}
