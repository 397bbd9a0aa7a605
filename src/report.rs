//! A readable report for the terminal, in bokmål, nynorsk or English.
//!
//! The texts come from the same catalogues as the page (`www/i18n/*.json`),
//! so the CLI and the page never say different things. A missing key shows
//! the bokmål text, then the key itself, so a gap is visible, never a crash.

use crate::assess::Assessment;
use crate::map::Map;
use crate::model::Case;
use crate::profile::Municipality;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Languages with a catalogue.
pub const LANGS: [&str; 3] = ["nb", "nn", "en"];

const NB: &str = include_str!("../www/i18n/nb.json");
const NN: &str = include_str!("../www/i18n/nn.json");
const EN: &str = include_str!("../www/i18n/en.json");

/// A text catalogue: key → text with `{name}` placeholders.
pub struct Catalogue {
    texts: BTreeMap<String, String>,
    fallback: BTreeMap<String, String>,
    /// Norwegian writes decimals with a comma (27,5 timer).
    decimal_comma: bool,
}

fn parse(text: &str) -> BTreeMap<String, String> {
    serde_json::from_str(text).unwrap_or_default()
}

impl Catalogue {
    pub fn new(lang: &str) -> Catalogue {
        let own = match lang {
            "nn" => NN,
            "en" => EN,
            _ => NB,
        };
        Catalogue {
            texts: parse(own),
            fallback: parse(NB),
            decimal_comma: lang != "en",
        }
    }
    /// The raw catalogue for a language, for tests.
    pub fn raw(lang: &str) -> BTreeMap<String, String> {
        parse(match lang {
            "nn" => NN,
            "en" => EN,
            _ => NB,
        })
    }
    /// The text for `key` with `{name}` replaced from `inputs`.
    pub fn text(&self, key: &str, inputs: &Map<&str, String>) -> String {
        let mut s = self
            .texts
            .get(key)
            .or_else(|| self.fallback.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string());
        for (k, v) in inputs {
            s = s.replace(&format!("{{{k}}}"), &self.number(v));
        }
        s
    }

    /// A number as people write it: at most two decimals, comma in Norwegian.
    /// Anything that is not a number is returned as it is.
    pub fn number(&self, v: &str) -> String {
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() && v.contains('.') => {
                let s = fmt_hours(n);
                if self.decimal_comma {
                    s.replace('.', ",")
                } else {
                    s
                }
            }
            _ => v.to_string(),
        }
    }
    pub fn get(&self, key: &str) -> String {
        self.text(key, &Map::new())
    }
}

/// Hours with up to two decimals and no trailing zeros (28, 27.5, 24.98).
/// Never rounded to fewer decimals: 24.98 must not read as 25 beside "under 25".
fn fmt_hours(h: f64) -> String {
    let s = format!("{h:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Renders the assessment as plain text.
pub fn render(case: &Case, a: &Assessment, lang: &str) -> String {
    let c = Catalogue::new(lang);
    let mut out = String::new();
    let params: Map<&str, String> = a
        .parameters
        .iter()
        .map(|p| {
            let v = match p.value {
                crate::law::Value::Number(n) => fmt_hours(n),
                other => serde_json::to_string(&other).unwrap_or_default(),
            };
            (p.name, v)
        })
        .chain([("counted", format!("{:.2}", a.hours.counted))])
        .collect();
    let verdict = serde_json::to_value(a.verdict)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let _ = writeln!(out, "{}\n", c.get("report.title"));
    let _ = writeln!(
        out,
        "{}",
        c.text(&format!("verdict.{verdict}.title"), &params)
    );
    let _ = writeln!(
        out,
        "{}",
        c.text(&format!("verdict.{verdict}.body"), &params)
    );
    let _ = writeln!(out, "{}\n", c.get("verdict.not_a_decision"));

    let h = |x: f64| Map::from([("hours", format!("{x:.2}"))]);
    let _ = writeln!(out, "{}", c.get("report.hours"));
    let _ = writeln!(out, "  {}", c.text("report.counted", &h(a.hours.counted)));
    let _ = writeln!(
        out,
        "  {}",
        c.text("report.excluded", &h(a.hours.excluded_total))
    );
    let _ = writeln!(out, "  {}", c.text("report.overlap", &h(a.hours.overlap)));
    let _ = writeln!(out, "  {}", c.text("report.mapped", &h(a.hours.mapped)));
    let _ = writeln!(out, "  {}:", c.get("report.per_day"));
    for d in &a.hours.per_day {
        let _ = writeln!(
            out,
            "    {:<10} {:>5} / {:>5}",
            c.get(&format!("day.{}", d.day.code())),
            c.number(&format!("{:.2}", d.counted)),
            c.number(&format!("{:.2}", d.excluded))
        );
    }
    let _ = writeln!(out);

    let src = |ids: &[&str]| -> String {
        let titles: Vec<&str> = ids
            .iter()
            .filter_map(|id| a.sources.iter().find(|s| s.id == *id).map(|s| s.title))
            .collect();
        titles.join("; ")
    };
    let _ = writeln!(out, "{}", c.get("report.reasons"));
    for r in &a.reasons {
        let status = serde_json::to_value(r.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  [{}] {}\n      ({})",
            c.get(&format!("status.{status}")),
            c.text(&format!("reason.{}.{status}", r.code), &r.inputs),
            src(r.sources)
        );
    }
    for e in &a.exclusions {
        let _ = writeln!(
            out,
            "  - {}\n      ({})",
            c.text(&format!("note.{}", e.code), &e.inputs),
            src(e.sources)
        );
    }
    let m = &a.municipality;
    let none = Vec::new();
    for (title, notes, own) in [
        ("report.warnings", &a.warnings, &none),
        ("report.next_steps", &a.next_steps, &m.next_steps),
        ("report.documents", &a.documents, &m.documents),
        ("report.alternatives", &a.alternatives, &m.alternatives),
    ] {
        if notes.is_empty() && own.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", c.get(title));
        let mark = if title == "report.documents" {
            "[ ]"
        } else {
            "-"
        };
        let link = |l: &Option<String>| l.as_ref().map_or_else(String::new, |l| format!(" <{l}>"));
        for n in notes {
            let _ = writeln!(
                out,
                "  {mark} {}{}",
                c.text(&format!("note.{}", n.code), &n.inputs),
                link(&n.link)
            );
        }
        // The municipality's own items carry their texts; bokmål when they
        // lack this language.
        for n in own {
            let text = n.text.get(lang).or_else(|| n.text.get("nb"));
            let _ = writeln!(
                out,
                "  {mark} {}{}",
                text.map_or("", String::as_str),
                link(&n.link)
            );
        }
    }
    municipality(&mut out, &c, m, lang);
    if !case.needs.is_empty() {
        let _ = writeln!(out, "\n{}", c.get("report.needs"));
        for (n, t) in case.needs.iter().zip(&a.trace) {
            let days: Vec<String> = n
                .days
                .iter()
                .map(|d| c.get(&format!("day.{}", d.code())))
                .collect();
            let kind = serde_json::to_value(n.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {}–{} {} ({}){}: {} / {} {}",
                n.start,
                n.end,
                c.get(&format!("kind.{kind}")),
                days.join(", "),
                if n.label.is_empty() {
                    String::new()
                } else {
                    format!(" «{}»", n.label)
                },
                c.number(&format!("{:.2}", t.counted)),
                c.number(&format!("{:.2}", t.mapped)),
                c.get("report.hours_unit")
            );
        }
    }
    let _ = writeln!(out, "\n{}", c.get("report.sources"));
    for s in &a.sources {
        let _ = writeln!(out, "  {}: {}", s.title, s.url);
    }
    for s in &m.sources {
        let _ = writeln!(out, "  {}: {}", s.title, s.url);
    }
    let _ = writeln!(
        out,
        "\n{}",
        c.text(
            "report.date",
            &Map::from([
                ("date", a.assessment_date.to_string()),
                ("version", a.rules_version.clone())
            ])
        )
    );
    out
}

/// Where and how to apply: the municipality's name, form, contact page and
/// processing time, or "ask your municipality" for the neutral profile.
fn municipality(out: &mut String, c: &Catalogue, m: &Municipality, lang: &str) {
    let _ = writeln!(out, "\n{}", c.get("report.municipality"));
    if let Some(n) = &m.notice {
        let _ = writeln!(out, "  {}", c.text(&format!("note.{}", n.code), &n.inputs));
    }
    match &m.name {
        Some(name) => {
            let _ = writeln!(out, "  {name}");
        }
        // The notice already says to ask the municipality.
        None if m.notice.is_some() => {}
        None => {
            let _ = writeln!(out, "  {}", c.get("report.municipality_none"));
        }
    }
    for (key, url) in [("report.form", &m.form), ("report.contact", &m.contact)] {
        if let Some(url) = url {
            let _ = writeln!(out, "  {}: {url}", c.get(key));
        }
    }
    if let Some(t) = &m.processing_time {
        let words = t
            .text
            .as_ref()
            .and_then(|t| t.get(lang).or_else(|| t.get("nb")));
        let days = t.days.map(|d| {
            c.text(
                "report.processing_days",
                &Map::from([("days", d.to_string())]),
            )
        });
        let shown: Vec<&str> = [days.as_deref(), words.map(String::as_str)]
            .into_iter()
            .flatten()
            .collect();
        let _ = writeln!(
            out,
            "  {}: {}",
            c.get("report.processing_time"),
            shown.join(". ")
        );
    }
}
