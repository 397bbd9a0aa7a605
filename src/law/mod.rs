//! The law as dated data: sources, parameters with the date each took
//! effect, and the sources of every rule code. The second step of the flow.
//!
//! The data lives in `src/law/bpa.toml`, beside the legal text it encodes;
//! `build.rs` turns it into JSON and it is read here with serde, once. A
//! change of law is one edit to that file: a new `[[parameter]]` with the
//! date it takes effect (like OpenFisca's parameters), the old one kept so
//! that earlier assessments keep their rules. [`Law::in_force`] gives the
//! values of one day as plain typed fields, for the steps after this one.
//!
//! A [`Law`] is an ordinary value, so a test can add a changed threshold
//! with a later date and see that only later assessments change.

use crate::case::time::{Date, TimeOfDay};
use crate::case::NightWindow;
use crate::error::InputError;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A legal source (rettskilde): a law, a circular, a municipal routine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    /// The document itself: a paragraph on Lovdata, a chapter of a
    /// circular, never a home page.
    pub url: String,
    /// The date of the document relied on (not of a rule in it), as
    /// precisely as the document gives it: "2017-04-10", "2015-12", "2021",
    /// or "undated" for a web page that shows none (then `read` says when
    /// it was read). Never a date the document does not carry.
    pub date: String,
    /// The day an undated page was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<Date>,
    /// What is known and not known about the date or the address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    /// One plain line on what it says.
    pub summary: String,
    /// The title's language when it is a Norwegian name that stays as it is
    /// in every language ("nb"); absent when the title is translated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_lang: Option<String>,
    /// The words of the document that give a figure, as read, for a reader
    /// of the law file to check (tests/sources.rs: a cost figure that is not
    /// `unverified` is quoted by one of its sources). Kept out of every
    /// answer: a person sees the summary and the address.
    #[serde(default, skip_serializing)]
    pub quote: Option<String>,
}

/// A parameter's value: a number, a flag, or a text such as a time "23:00".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Flag(bool),
    Number(f64),
    Text(String),
}

/// One value of a parameter, in force from a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamValue {
    pub name: String,
    pub value: Value,
    pub unit: String,
    /// The day this value took effect.
    pub from: Date,
    pub sources: Vec<String>,
    /// The calculator's own choice where no source gives a figure (the
    /// night's clock times, the hour's slack at its edges): the page says
    /// so, and `sources` name only the texts the choice reads, if any.
    #[serde(default, skip_serializing_if = "is_false")]
    pub convention: bool,
    /// The figure was not found in the law or the state's own text, only in
    /// secondary copies (municipal price lists) or not at all: the page and
    /// the CLI say so wherever it is shown, and `note` says what was seen.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unverified: bool,
    /// What the value means, for readers of the law file.
    #[serde(default, skip_serializing)]
    pub note: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The sources a rule code (a reason, exclusion, warning, document or
/// alternative) rests on.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSources {
    pub code: String,
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: String,
}

/// The whole law file: the only place citations live.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Law {
    /// The rules version: the date of the latest change, then an edit number.
    pub version: String,
    #[serde(rename = "source")]
    pub sources: Vec<Source>,
    #[serde(rename = "parameter")]
    pub params: Vec<ParamValue>,
    #[serde(rename = "rule")]
    pub rules: Vec<RuleSources>,
}

impl Law {
    /// The law compiled into this program, read once.
    pub fn embedded() -> &'static Law {
        static LAW: OnceLock<Law> = OnceLock::new();
        LAW.get_or_init(|| {
            let text = include_str!(concat!(env!("OUT_DIR"), "/law.json"));
            // Our own file, checked by build.rs and read by a test on every
            // run: a mistake in it is a bug to fix, not input to refuse.
            // Through a JSON value, like every text (`case::read::json_value`).
            serde_json::from_str(text)
                .and_then(serde_json::from_value)
                .unwrap_or_else(|e| panic!("src/law/bpa.toml does not read: {e}"))
        })
    }

    /// The value of `name` in force on `date`: the latest `from` on or before it.
    pub fn value(&self, name: &str, date: Date) -> Result<&ParamValue, InputError> {
        self.params
            .iter()
            .filter(|p| p.name == name && p.from <= date)
            .max_by_key(|p| p.from)
            .ok_or_else(|| {
                let earliest = self
                    .params
                    .iter()
                    .filter(|p| p.name == name)
                    .map(|p| p.from)
                    .min();
                InputError::new("settings.assessment_date", "RULES_NOT_IN_FORCE")
                    .with(
                        "from",
                        earliest.map_or_else(|| "?".to_string(), |d| d.to_string()),
                    )
                    .with("date", date)
            })
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The sources a rule code rests on; empty when the code is unknown
    /// (a test checks that every code the engine uses is known).
    pub fn sources_of(&self, code: &str) -> Vec<String> {
        self.rules
            .iter()
            .find(|r| r.code == code)
            .map_or_else(Vec::new, |r| r.sources.clone())
    }

    /// A copy with one more dated value, for "what if the law changed" tests
    /// and for a municipality trying out a proposal.
    pub fn with_value(&self, p: ParamValue) -> Law {
        let mut law = self.clone();
        law.params.push(p);
        law
    }

    /// The law's values in force on `date`, as typed fields.
    pub fn in_force(&self, date: Date) -> Result<InForce, InputError> {
        let mut used = Vec::new();
        let mut get = |name: &str| -> Result<Value, InputError> {
            let p = self.value(name, date)?;
            used.push(p.clone());
            Ok(p.value.clone())
        };
        let broken = |name: &str| InputError::new("", "LAW_FILE_BROKEN").with("name", name);
        let mut number = |name: &str| match get(name)? {
            Value::Number(n) => Ok(n),
            _ => Err(broken(name)),
        };
        let age_limit = number("age_limit")? as i64;
        let long_lasting_years = number("long_lasting_years")?;
        let hours_right = number("hours_right")?;
        let hours_cost_test = number("hours_cost_test")?;
        let adult_age = number("adult_age")? as i64;
        let short_visit_hours = number("short_visit_hours")?;
        let short_visits_per_day = number("short_visits_per_day")? as u32;
        let school_days_per_year = number("school_days_per_year")? as u32;
        let night_edge_minutes = number("night_edge_minutes")? as u32;
        let age_kept_if_granted = match get("age_kept_if_granted")? {
            Value::Flag(b) => b,
            _ => return Err(broken("age_kept_if_granted")),
        };
        let mut time = |name: &str| match get(name)? {
            Value::Text(t) => TimeOfDay::parse(&t).ok_or_else(|| broken(name)),
            _ => Err(broken(name)),
        };
        let night = NightWindow {
            start: time("night_start")?,
            end: time("night_end")?,
        };
        let rules_from = used.iter().map(|p| p.from).max().unwrap_or(date);
        Ok(InForce {
            date,
            rules_from,
            age_limit,
            age_kept_if_granted,
            long_lasting_years,
            hours_right,
            hours_cost_test,
            adult_age,
            night,
            short_visit_hours,
            short_visits_per_day,
            school_days_per_year,
            night_edge_minutes,
            used,
        })
    }
}

/// The law's values on one day (gjeldende regler), for every step after
/// this one and for the page's forms.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InForce {
    /// The day asked for.
    pub date: Date,
    /// The latest day any of these values took effect: "the rules in force
    /// from 1 July 2020", as the page says it.
    pub rules_from: Date,
    /// Under this age (67) the right applies.
    pub age_limit: i64,
    /// Whether BPA granted under the right before the age limit is kept
    /// after it (from 1 July 2020).
    pub age_kept_if_granted: bool,
    /// "Langvarig": more than this many years (2).
    pub long_lasting_years: f64,
    /// Hours a week that give the right (32).
    pub hours_right: f64,
    /// Hours a week that give it unless substantially higher cost (25).
    pub hours_cost_test: f64,
    /// A child is under this age (18).
    pub adult_age: i64,
    /// The calculator's night window (23:00–07:00), not the law's.
    pub night: NightWindow,
    /// Shorter counted periods are "short visits" (2 hours).
    pub short_visit_hours: f64,
    /// Warn at this many short visits in a day (3).
    pub short_visits_per_day: u32,
    /// School days in a school year, at least (190).
    pub school_days_per_year: u32,
    /// A night counts as "through the night" when the map's help covers
    /// the night window but for at most this many minutes (60): the
    /// calculator's reading of "kontinuerlig" against its own window.
    pub night_edge_minutes: u32,
    /// Every value read, with its date and sources, for the answer.
    pub used: Vec<ParamValue>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn every_parameter_and_rule_names_known_sources() {
        let law = Law::embedded();
        assert!(!law.sources.is_empty());
        for p in &law.params {
            assert!(
                p.convention || !p.sources.is_empty(),
                "{} has no source",
                p.name
            );
            for s in &p.sources {
                assert!(law.source(s).is_some(), "{}: unknown source {s}", p.name);
            }
        }
        for r in &law.rules {
            assert!(!r.sources.is_empty(), "{} has no source", r.code);
            for s in &r.sources {
                assert!(law.source(s).is_some(), "{}: unknown source {s}", r.code);
            }
        }
    }

    #[test]
    fn the_law_is_in_force_on_every_day_since_2015() {
        let law = Law::embedded();
        let mut d = day(2015, 1, 1);
        while d <= day(2031, 12, 31) {
            assert!(law.in_force(d).is_ok(), "{d}");
            d = d.plus_days(30);
        }
        let before = law.in_force(day(2014, 12, 31)).unwrap_err();
        assert_eq!(before.code, "RULES_NOT_IN_FORCE");
        assert_eq!(before.values["from"], "2015-01-01");
    }

    #[test]
    fn value_in_force_is_the_latest_on_or_before_the_date() {
        let law = Law::embedded();
        let kept = |d| law.in_force(d).map(|f| f.age_kept_if_granted);
        assert_eq!(kept(day(2020, 6, 30)), Ok(false));
        assert_eq!(kept(day(2020, 7, 1)), Ok(true));
        assert_eq!(
            law.in_force(day(2020, 7, 1)).map(|f| f.rules_from),
            Ok(day(2020, 7, 1))
        );
        assert_eq!(
            law.in_force(day(2019, 1, 1)).map(|f| f.rules_from),
            Ok(day(2015, 1, 1))
        );
    }
}
