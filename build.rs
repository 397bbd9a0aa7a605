//! Turns the law's data files into JSON that the crate reads with serde.
//!
//! `src/law/bpa.toml` (sources, dated parameters, the sources of every rule)
//! and `src/law/items.toml` (documents, alternatives and next steps) are
//! written by people, in TOML with comments. The engine reads them with the
//! same serde derive as everything else (`src/law/mod.rs`,
//! `src/documents/mod.rs`), from JSON, so that the page's WebAssembly needs
//! no TOML parser: this script only converts, and refuses what must never
//! reach a person: a parameter, rule or item that names no source or an
//! unknown one, or an item without a rule (and so without a source).
//! Everything else (a value of the wrong type, an unknown condition) is the
//! serde reader's to refuse, and a unit test reads the embedded data.

use serde_json::Value;
use std::collections::BTreeSet;
use std::{env, fs, path::Path};

fn read_toml(path: &str) -> Value {
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn list<'v>(v: &'v Value, key: &str, file: &str) -> &'v [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("{file}: no [[{key}]] list"))
}

fn text<'v>(v: &'v Value, key: &str, file: &str) -> &'v str {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{file}: an entry without `{key}`: {v}"))
}

/// Removes `keys` from every entry of the list `list`.
fn strip(v: &mut Value, list: &str, keys: &[&str]) {
    if let Some(entries) = v.get_mut(list).and_then(Value::as_array_mut) {
        for e in entries.iter_mut().filter_map(Value::as_object_mut) {
            for k in keys {
                e.remove(*k);
            }
        }
    }
}

fn write(name: &str, v: &Value) {
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join(name);
    fs::write(dest, v.to_string()).expect("write into OUT_DIR");
}

fn main() {
    let law_file = "src/law/bpa.toml";
    let mut law = read_toml(law_file);

    let ids: BTreeSet<String> = list(&law, "source", law_file)
        .iter()
        .map(|s| text(s, "id", law_file).to_string())
        .collect();
    assert_eq!(
        ids.len(),
        list(&law, "source", law_file).len(),
        "{law_file}: a source id is repeated"
    );
    let cited = |what: &str, entry: &Value| {
        let sources = entry.get("sources").and_then(Value::as_array);
        let sources = sources.unwrap_or_else(|| panic!("{law_file}: {what} has no `sources`"));
        assert!(!sources.is_empty(), "{law_file}: {what} names no source");
        for s in sources {
            let s = s.as_str().unwrap_or_default();
            assert!(
                ids.contains(s),
                "{law_file}: {what} names unknown source {s:?}"
            );
        }
    };
    for p in list(&law, "parameter", law_file) {
        let name = format!("parameter {}", text(p, "name", law_file));
        // The calculator's own convention may rest on no source at all:
        // then it must say so (`convention = true`) rather than cite a text
        // that does not give the figure.
        let convention = p.get("convention").and_then(Value::as_bool) == Some(true);
        let empty = p
            .get("sources")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty);
        if !(convention && empty) {
            cited(&name, p);
        }
    }
    let mut codes = BTreeSet::new();
    for r in list(&law, "rule", law_file) {
        let code = text(r, "code", law_file);
        assert!(
            codes.insert(code.to_string()),
            "{law_file}: rule {code} twice"
        );
        cited(&format!("rule {code}"), r);
    }
    // The legal words beside each source are for readers of the file, not
    // for the page: left out of what is compiled in.
    strip(&mut law, "source", &["text"]);
    // What only readers of the file and the native tests read (the serde
    // model never writes it into an answer: `skip_serializing`, or read
    // only): the notes on parameters and rules and the sources' quotes
    // (tests/sources.rs checks the figures against them natively). Left out
    // of the page's WebAssembly, whose every byte is weighed
    // (.ci/check-size.mjs); the answers are the same (tests/same_answers.mjs).
    if env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        strip(&mut law, "source", &["quote"]);
        strip(&mut law, "parameter", &["note"]);
        strip(&mut law, "rule", &["note"]);
    }
    write("law.json", &law);

    let items_file = "src/law/items.toml";
    let items = read_toml(items_file);
    let mut seen = BTreeSet::new();
    for item in list(&items, "item", items_file) {
        let code = text(item, "code", items_file);
        assert!(seen.insert(code), "{items_file}: {code} is listed twice");
        assert!(
            codes.contains(code),
            "{items_file}: {code} has no [[rule]] in {law_file}, so no source"
        );
    }
    write("items.json", &items);
}
