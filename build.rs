//! Turns the law file `src/law/bpa.toml` into static Rust data.
//!
//! Why a build step: the rules must run in the browser with nothing to parse
//! at start-up and no TOML parser in the WebAssembly, yet a change of law must
//! stay one edit to one readable data file. The build also refuses a law file
//! where a parameter or rule names a source that is not in the registry, or
//! has no source at all, so a broken citation never reaches a user.

use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LawFile {
    version: String,
    source: Vec<Source>,
    parameter: Vec<Parameter>,
    rule: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    id: String,
    title: String,
    url: String,
    date: String,
    summary: String,
    #[serde(default)]
    #[allow(dead_code)] // the legal text stays beside the data, for readers
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Parameter {
    name: String,
    value: toml::Value,
    unit: String,
    from: String,
    sources: Vec<String>,
    #[allow(dead_code)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    code: String,
    sources: Vec<String>,
    #[allow(dead_code)]
    note: String,
}

fn date(s: &str, what: &str) -> String {
    let parts: Vec<u32> = s.split('-').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [y, m, d] if s.len() == 10 && (1..=12).contains(m) && (1..=31).contains(d) => {
            format!("Date {{ year: {y}, month: {m}, day: {d} }}")
        }
        _ => panic!("law file: {what}: \"{s}\" is not a date YYYY-MM-DD"),
    }
}

fn value(v: &toml::Value, unit: &str, name: &str) -> String {
    match (v, unit) {
        (toml::Value::String(s), "time_of_day") => {
            let (h, m) = s
                .split_once(':')
                .and_then(|(h, m)| Some((h.parse::<u32>().ok()?, m.parse::<u32>().ok()?)))
                .unwrap_or_else(|| panic!("law file: {name}: \"{s}\" is not HH:MM"));
            assert!(h < 24 && m < 60, "law file: {name}: \"{s}\" is not a time");
            format!("Value::Time({})", h * 60 + m)
        }
        (toml::Value::Boolean(b), "flag") => format!("Value::Flag({b})"),
        (toml::Value::Integer(i), _) => format!("Value::Number({i}.0)"),
        (toml::Value::Float(f), _) => format!("Value::Number({f:?})"),
        _ => panic!("law file: {name}: value {v} does not fit unit {unit}"),
    }
}

fn main() {
    let path = Path::new("src/law/bpa.toml");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(path).expect("read src/law/bpa.toml");
    let law: LawFile = toml::from_str(&text).unwrap_or_else(|e| panic!("law file: {e}"));

    let ids: BTreeSet<&str> = law.source.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids.len(),
        law.source.len(),
        "law file: a source id is repeated"
    );
    let check = |what: &str, sources: &[String]| {
        assert!(!sources.is_empty(), "law file: {what} names no source");
        for s in sources {
            assert!(
                ids.contains(s.as_str()),
                "law file: {what} names unknown source \"{s}\""
            );
        }
    };

    let mut out = String::new();
    let _ = writeln!(
        out,
        "pub(crate) const RULES_VERSION: &str = {:?};",
        law.version
    );
    out.push_str("pub(crate) static SOURCES: &[Source] = &[\n");
    for s in &law.source {
        assert!(
            s.url.starts_with("https://"),
            "law file: source {} needs an https URL",
            s.id
        );
        let _ = writeln!(
            out,
            "    Source {{ id: {:?}, title: {:?}, url: {:?}, date: {}, summary: {:?} }},",
            s.id,
            s.title,
            s.url,
            date(&s.date, &s.id),
            s.summary.trim()
        );
    }
    out.push_str("];\npub(crate) static PARAMS: &[ParamValue] = &[\n");
    for p in &law.parameter {
        check(&format!("parameter {}", p.name), &p.sources);
        let _ = writeln!(
            out,
            "    ParamValue {{ name: {:?}, value: {}, unit: {:?}, from: {}, sources: &{:?} }},",
            p.name,
            value(&p.value, &p.unit, &p.name),
            p.unit,
            date(&p.from, &p.name),
            p.sources
        );
    }
    out.push_str("];\npub(crate) static RULES: &[RuleSources] = &[\n");
    for r in &law.rule {
        check(&format!("rule {}", r.code), &r.sources);
        let _ = writeln!(
            out,
            "    RuleSources {{ code: {:?}, sources: &{:?} }},",
            r.code, r.sources
        );
    }
    out.push_str("];\n");

    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("law.rs");
    fs::write(dest, out).expect("write law.rs");
}
