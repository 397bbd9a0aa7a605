//! Turns the law file `src/law/bpa.toml` into static Rust data.
//!
//! Why a build step: the rules must run in the browser with nothing to parse
//! at start-up and no TOML parser in the WebAssembly, yet a change of law must
//! stay one edit to one readable data file. The build also refuses a law file
//! where a parameter or rule names a source that is not in the registry, or
//! has no source at all, so a broken citation never reaches a user.
//!
//! The same goes for `src/law/items.toml`, the documents, alternatives and
//! next steps: each item becomes a `BuiltinItem` with its condition as Rust
//! (see `src/items.rs`), and an item whose code has no rule, and so no
//! source, in the law file stops the build.
//!
//! And the error texts: `error.*` in the page's catalogues
//! (`www/i18n/nb.json`, `www/i18n/en.json`) are the one place where an
//! [`InputError`]'s words are written. The page fills them in itself; the
//! CLI and the native library get them from a table made here, so the
//! texts are not in the page's WebAssembly twice and cannot drift apart.

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

    let rule_codes: BTreeSet<&str> = law.rule.iter().map(|r| r.code.as_str()).collect();
    items(&rule_codes);
    error_texts();
}

// ---------------------------------------------------------------------------------------------
// www/i18n/{nb,en}.json: the words of the errors for people
// ---------------------------------------------------------------------------------------------

/// The `error.*` texts of one catalogue, by key without `error.`.
fn catalogue_errors(lang: &str) -> std::collections::BTreeMap<String, String> {
    let path = format!("www/i18n/{lang}.json");
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let all: std::collections::BTreeMap<String, serde_json::Value> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    all.into_iter()
        .filter_map(|(k, v)| {
            let code = k.strip_prefix("error.")?.to_string();
            match v {
                serde_json::Value::String(s) => Some((code, s)),
                _ => panic!("{path}: {k} is not a text"),
            }
        })
        .collect()
}

/// `ERROR_TEXTS`: (key, bokmål, English), sorted by key, for
/// `src/error.rs`. Every key needs both texts.
fn error_texts() {
    let nb = catalogue_errors("nb");
    let en = catalogue_errors("en");
    let mut out = String::from("pub(crate) static ERROR_TEXTS: &[(&str, &str, &str)] = &[\n");
    for (key, nb_text) in &nb {
        let en_text = en
            .get(key)
            .unwrap_or_else(|| panic!("www/i18n/en.json: no error.{key}"));
        let _ = writeln!(out, "    ({key:?}, {nb_text:?}, {en_text:?}),");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("error_texts.rs");
    fs::write(dest, out).expect("write error_texts.rs");
}

// ---------------------------------------------------------------------------------------------
// src/law/items.toml: documents, alternatives and next steps
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemsFile {
    item: Vec<Item>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    code: String,
    kind: String,
    when: toml::Value,
    #[serde(default)]
    inputs: Vec<String>,
    #[serde(default)]
    link: Option<String>,
}

/// A serde name ("power_of_attorney", "self") as the Rust variant it names
/// (`PowerOfAttorney`, `Myself`). A name that is no variant fails to compile
/// in the generated file, naming the variant.
fn variant(name: &str) -> String {
    if name == "self" {
        return "Myself".into();
    }
    name.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or_else(String::new, |f| {
                f.to_ascii_uppercase().to_string() + c.as_str()
            })
        })
        .collect()
}

/// One condition of the condition language (see `src/items.rs`) as a Rust
/// expression building a `Condition`. `at` names the item for errors.
fn condition(v: &toml::Value, at: &str) -> String {
    const ENUMS: [(&str, &str, &str); 6] = [
        ("kind", "Kind", "crate::model::NeedKind"),
        ("place", "Place", "crate::model::Place"),
        ("applicant", "Applicant", "crate::model::Applicant"),
        ("arbeidsleder", "Arbeidsleder", "crate::model::Arbeidsleder"),
        ("long_lasting", "LongLasting", "crate::model::Answer"),
        ("verdict", "Verdict", "crate::rules::Verdict"),
    ];
    const FLAGS: [(&str, &str); 4] = [
        ("child", "Child"),
        ("adult", "Adult"),
        ("likely_right", "LikelyRight"),
        ("has_current_services", "HasCurrentServices"),
    ];
    let table = match v {
        toml::Value::String(s) if s == "always" => return "Condition::Always".into(),
        toml::Value::String(s) if s == "never" => return "Condition::Never".into(),
        toml::Value::Table(t) => t,
        other => {
            panic!("items file: {at}: a condition is \"always\", \"never\" or a table, not {other}")
        }
    };
    let list = |v: &toml::Value, key: &str| -> Vec<String> {
        match v.as_array() {
            Some(a) => a.iter().map(|c| condition(c, at)).collect(),
            None => panic!("items file: {at}: `{key}` takes a list of conditions"),
        }
    };
    let keys: Vec<&str> = table.keys().map(String::as_str).collect();
    match keys.as_slice() {
        ["any"] => format!(
            "Condition::Any(vec![{}])",
            list(&table["any"], "any").join(", ")
        ),
        ["all"] => format!(
            "Condition::All(vec![{}])",
            list(&table["all"], "all").join(", ")
        ),
        ["not"] => format!("Condition::Not(Box::new({}))", condition(&table["not"], at)),
        ["status"] | ["reason", "status"] => {
            let statuses: Vec<String> = match table["status"].as_array() {
                Some(a) if !a.is_empty() => a
                    .iter()
                    .map(|s| match s.as_str() {
                        Some(s) => format!("crate::rules::Status::{}", variant(s)),
                        None => panic!("items file: {at}: a status is a string"),
                    })
                    .collect(),
                _ => panic!("items file: {at}: `status` takes a list of statuses"),
            };
            let code = match table.get("reason").map(toml::Value::as_str) {
                None => "None".to_string(),
                Some(Some(code)) => format!("Some({code:?}.into())"),
                Some(None) => panic!("items file: {at}: `reason` is a reason code"),
            };
            format!(
                "Condition::Reason {{ code: {code}, status: vec![{}] }}",
                statuses.join(", ")
            )
        }
        [key] => {
            let value = &table[*key];
            if let Some((_, v, ty)) = ENUMS.iter().find(|(k, _, _)| k == key) {
                match value.as_str() {
                    Some(s) => format!("Condition::{v}({ty}::{})", variant(s)),
                    None => panic!("items file: {at}: `{key}` takes a name in quotes"),
                }
            } else if let Some((_, v)) = FLAGS.iter().find(|(k, _)| k == key) {
                match value.as_bool() {
                    Some(b) => format!("Condition::{v}({b})"),
                    None => panic!("items file: {at}: `{key}` takes true or false"),
                }
            } else {
                panic!("items file: {at}: unknown test `{key}`")
            }
        }
        _ => panic!(
            "items file: {at}: one test per table, found {keys:?}; join tests with `all` or `any`"
        ),
    }
}

/// Turns `src/law/items.toml` into `OUT_DIR/items.rs`: a function that
/// returns the built-in items in order.
fn items(rule_codes: &BTreeSet<&str>) {
    let path = Path::new("src/law/items.toml");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(path).expect("read src/law/items.toml");
    let file: ItemsFile = toml::from_str(&text).unwrap_or_else(|e| panic!("items file: {e}"));
    let mut seen = BTreeSet::new();
    let mut out = String::from(
        "/// The built-in items of `src/law/items.toml`, in the order shown.\n\
         pub(crate) fn builtin() -> Vec<BuiltinItem> {\n    vec![\n",
    );
    for item in &file.item {
        let code = item.code.as_str();
        assert!(seen.insert(code), "items file: {code} is listed twice");
        assert!(
            rule_codes.contains(code),
            "items file: {code} has no [[rule]] in src/law/bpa.toml, so no source"
        );
        let (kind, prefix) = match item.kind.as_str() {
            "document" => ("Document", "DOC_"),
            "alternative" => ("Alternative", "ALT_"),
            "next_step" => ("NextStep", "NEXT_"),
            other => panic!(
                "items file: {code}: kind {other:?} is not document, alternative or next_step"
            ),
        };
        assert!(
            code.starts_with(prefix),
            "items file: {code}: a {} has a code starting with {prefix}",
            item.kind
        );
        let inputs: Vec<String> = item
            .inputs
            .iter()
            .map(|i| format!("Input::{}", variant(i)))
            .collect();
        let link = match item.link.as_deref() {
            None => "None".to_string(),
            Some(l @ ("form" | "contact")) => format!("Some(ProfileLink::{})", variant(l)),
            Some(other) => {
                panic!("items file: {code}: link {other:?} is not \"form\" or \"contact\"")
            }
        };
        let _ = writeln!(
            out,
            "        BuiltinItem {{ code: {code:?}, kind: ItemKind::{kind}, when: {}, inputs: &[{}], link: {link} }},",
            condition(&item.when, code),
            inputs.join(", ")
        );
    }
    out.push_str("    ]\n}\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("items.rs");
    fs::write(dest, out).expect("write items.rs");
}
