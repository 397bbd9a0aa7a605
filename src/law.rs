//! The law as data: sources, dated parameters and the sources of each rule.
//!
//! The data itself lives in `src/law/bpa.toml` and is compiled in by
//! `build.rs`. This module finds the value in force on a date. A [`Law`] is an
//! ordinary value, so a test can add a changed threshold with a later date and
//! see that only later assessments change.

use crate::time::Date;
use serde::Serialize;
use std::borrow::Cow;

/// A legal source (rettskilde): a law, a circular, a municipal routine.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Source {
    pub id: &'static str,
    pub title: &'static str,
    pub url: &'static str,
    /// The date of the text relied on.
    pub date: Date,
    /// One plain line on what it says.
    pub summary: &'static str,
}

/// A parameter's value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    /// A time of day, minutes after midnight.
    Time(u32),
    Flag(bool),
}

/// One value of a parameter, in force from a date (like OpenFisca's parameters).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParamValue {
    pub name: &'static str,
    pub value: Value,
    pub unit: &'static str,
    pub from: Date,
    pub sources: &'static [&'static str],
}

/// The sources a rule code (a reason, exclusion, warning, document or
/// alternative) rests on.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSources {
    pub code: &'static str,
    pub sources: &'static [&'static str],
}

mod data {
    use super::{ParamValue, RuleSources, Source, Value};
    use crate::time::Date;
    include!(concat!(env!("OUT_DIR"), "/law.rs"));
}

/// The whole law file: the only place citations live.
#[derive(Clone, Debug)]
pub struct Law {
    pub version: Cow<'static, str>,
    pub sources: Cow<'static, [Source]>,
    pub params: Cow<'static, [ParamValue]>,
    pub rules: Cow<'static, [RuleSources]>,
}

/// A parameter has no value in force on the date asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotInForce {
    pub name: &'static str,
    pub date: Date,
    /// The earliest date any value of it is in force, if there is one.
    pub earliest: Option<Date>,
}

impl Law {
    /// The law compiled into this program.
    pub fn embedded() -> Law {
        Law {
            version: Cow::Borrowed(data::RULES_VERSION),
            sources: Cow::Borrowed(data::SOURCES),
            params: Cow::Borrowed(data::PARAMS),
            rules: Cow::Borrowed(data::RULES),
        }
    }

    /// The value of `name` in force on `date`: the latest `from` on or before it.
    pub fn value(&self, name: &'static str, date: Date) -> Result<&ParamValue, NotInForce> {
        self.params
            .iter()
            .filter(|p| p.name == name && p.from <= date)
            .max_by_key(|p| p.from)
            .ok_or_else(|| NotInForce {
                name,
                date,
                earliest: self
                    .params
                    .iter()
                    .filter(|p| p.name == name)
                    .map(|p| p.from)
                    .min(),
            })
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The sources a rule code rests on; empty when the code is unknown
    /// (a test checks that every code the engine uses is known).
    pub fn sources_of(&self, code: &str) -> &'static [&'static str] {
        self.rules
            .iter()
            .find(|r| r.code == code)
            .map_or(&[], |r| r.sources)
    }

    /// A copy with one more dated value, for "what if the law changed" tests
    /// and for a municipality trying out a proposal.
    pub fn with_value(mut self, p: ParamValue) -> Law {
        self.params.to_mut().push(p);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_and_rule_names_known_sources() {
        let law = Law::embedded();
        assert!(!law.sources.is_empty());
        for p in law.params.iter() {
            assert!(!p.sources.is_empty(), "{} has no source", p.name);
            for s in p.sources {
                assert!(law.source(s).is_some(), "{}: unknown source {s}", p.name);
            }
        }
        for r in law.rules.iter() {
            assert!(!r.sources.is_empty(), "{} has no source", r.code);
            for s in r.sources {
                assert!(law.source(s).is_some(), "{}: unknown source {s}", r.code);
            }
        }
    }

    #[test]
    fn value_in_force_is_the_latest_on_or_before_the_date() {
        let law = Law::embedded();
        let kept = |d| law.value("age_kept_if_granted", d).map(|p| p.value);
        assert_eq!(
            kept(Date::new(2020, 6, 30).unwrap()),
            Ok(Value::Flag(false))
        );
        assert_eq!(kept(Date::new(2020, 7, 1).unwrap()), Ok(Value::Flag(true)));
        let before = law.value("hours_right", Date::new(2014, 12, 31).unwrap());
        assert_eq!(before.err().and_then(|e| e.earliest), Date::new(2015, 1, 1));
    }
}
