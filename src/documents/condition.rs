//! The condition language: when a document, alternative or next step shows.
//!
//! Written in `src/law/items.toml` and in municipality profiles (JSON) alike,
//! and read by the same serde reader from both:
//!
//! | condition | holds when |
//! |---|---|
//! | `"always"`, `"never"` | always, never |
//! | `{"kind": "household"}` | a need of this kind is mapped (weekly or monthly) |
//! | `{"place": "work"}` | a need is at this place |
//! | `{"applicant": "guardian"}` | this is who applies (no answer: never) |
//! | `{"arbeidsleder": "medarbeidsleder"}` | this is who can be arbeidsleder (no answer: never) |
//! | `{"long_lasting": "yes"}` | this is the answer on a need lasting over 2 years |
//! | `{"child": true}` | the age is given and under 18 |
//! | `{"adult": true}` | the age is given and 18 or more |
//! | `{"likely_right": false}` | the verdict is not one of the two "likely right" |
//! | `{"verdict": "uncertain"}` | the verdict is this one |
//! | `{"has_current_services": true}` | the person lists services they have today |
//! | `{"reason": "LONG_LASTING", "status": ["unknown", "not_met"]}` | this reason has one of these statuses (without `reason`: any reason) |
//! | `{"any": [..]}`, `{"all": [..]}`, `{"not": ..}` | one of, all of, not |
//!
//! One test per object; `reason` goes with `status`. A flag with `false` is
//! the negation: `{"child": false}` also holds when the age is not given.

use crate::case::{Answer, Applicant, Arbeidsleder, NeedKind, Place};
use crate::error::coded;
use crate::verdict::{Status, Verdict};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// When an item shows (vilkår): a test on the answers or the result.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    Always,
    Never,
    /// Some of these hold.
    Any(Vec<Condition>),
    /// All of these hold (and so does an empty list).
    All(Vec<Condition>),
    Not(Box<Condition>),
    /// A need of this kind is mapped, weekly or monthly.
    Kind(NeedKind),
    /// A need is given at this place, weekly or monthly.
    Place(Place),
    Applicant(Applicant),
    Arbeidsleder(Arbeidsleder),
    LongLasting(Answer),
    /// Whether the age is given and under the adult age (18).
    Child(bool),
    /// Whether the age is given and at least the adult age.
    Adult(bool),
    /// Whether the verdict is "likely right", with or without the cost test.
    LikelyRight(bool),
    Verdict(Verdict),
    /// Whether the person lists services they have today.
    HasCurrentServices(bool),
    /// The reason `code` (any reason when `None`) has one of `status`.
    Reason {
        code: Option<String>,
        status: Vec<Status>,
    },
}

impl Condition {
    /// How deep conditions nest inside this one (1 for a single test).
    pub fn depth(&self) -> usize {
        match self {
            Condition::Any(cs) | Condition::All(cs) => {
                1 + cs.iter().map(Condition::depth).max().unwrap_or(0)
            }
            Condition::Not(c) => 1 + c.depth(),
            _ => 1,
        }
    }
}

/// The tests a condition object may hold, each optional: the object must
/// hold exactly one of them (`reason` and `status` together count as one).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Tests {
    any: Option<Vec<Condition>>,
    all: Option<Vec<Condition>>,
    not: Option<Box<Condition>>,
    kind: Option<NeedKind>,
    place: Option<Place>,
    applicant: Option<Applicant>,
    arbeidsleder: Option<Arbeidsleder>,
    long_lasting: Option<Answer>,
    child: Option<bool>,
    adult: Option<bool>,
    likely_right: Option<bool>,
    verdict: Option<Verdict>,
    has_current_services: Option<bool>,
    reason: Option<String>,
    status: Option<Vec<Status>>,
}

impl Tests {
    fn into_condition<E: de::Error>(self) -> Result<Condition, E> {
        let reason_test = self.reason.is_some() || self.status.is_some();
        let given = [
            ("any", self.any.is_some()),
            ("all", self.all.is_some()),
            ("not", self.not.is_some()),
            ("kind", self.kind.is_some()),
            ("place", self.place.is_some()),
            ("applicant", self.applicant.is_some()),
            ("arbeidsleder", self.arbeidsleder.is_some()),
            ("long_lasting", self.long_lasting.is_some()),
            ("child", self.child.is_some()),
            ("adult", self.adult.is_some()),
            ("likely_right", self.likely_right.is_some()),
            ("verdict", self.verdict.is_some()),
            ("has_current_services", self.has_current_services.is_some()),
            ("status", reason_test),
        ];
        let tests: Vec<&str> = given.iter().filter(|(_, g)| *g).map(|(t, _)| *t).collect();
        match tests.len() {
            0 => return Err(coded("CONDITION_EMPTY", &[])),
            1 => {}
            _ => {
                return Err(coded(
                    "CONDITION_MANY_TESTS",
                    &[("tests", &tests.join(", "))],
                ))
            }
        }
        let c = if let Some(cs) = self.any {
            Condition::Any(cs)
        } else if let Some(cs) = self.all {
            Condition::All(cs)
        } else if let Some(c) = self.not {
            Condition::Not(c)
        } else if let Some(k) = self.kind {
            Condition::Kind(k)
        } else if let Some(p) = self.place {
            Condition::Place(p)
        } else if let Some(a) = self.applicant {
            Condition::Applicant(a)
        } else if let Some(a) = self.arbeidsleder {
            Condition::Arbeidsleder(a)
        } else if let Some(a) = self.long_lasting {
            Condition::LongLasting(a)
        } else if let Some(b) = self.child {
            Condition::Child(b)
        } else if let Some(b) = self.adult {
            Condition::Adult(b)
        } else if let Some(b) = self.likely_right {
            Condition::LikelyRight(b)
        } else if let Some(v) = self.verdict {
            Condition::Verdict(v)
        } else if let Some(b) = self.has_current_services {
            Condition::HasCurrentServices(b)
        } else {
            match self.status {
                Some(status) if !status.is_empty() => Condition::Reason {
                    code: self.reason,
                    status,
                },
                _ => return Err(coded("CONDITION_NEEDS_STATUS", &[])),
            }
        };
        Ok(c)
    }
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ConditionVisitor)
    }
}

/// Reads `"always"`, `"never"` or an object of one test; anything else is
/// `BAD_CONDITION`, naming what was written.
struct ConditionVisitor;

impl ConditionVisitor {
    fn bad<E: de::Error>(value: &str) -> E {
        coded("BAD_CONDITION", &[("value", value)])
    }
}

impl<'de> Visitor<'de> for ConditionVisitor {
    type Value = Condition;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("\"always\", \"never\" or an object with one test")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Condition, E> {
        match v {
            "always" => Ok(Condition::Always),
            "never" => Ok(Condition::Never),
            other => Err(Self::bad(other)),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Condition, A::Error> {
        Tests::deserialize(de::value::MapAccessDeserializer::new(map))?.into_condition()
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Condition, E> {
        Err(Self::bad(&v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Condition, E> {
        Err(Self::bad(&v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Condition, E> {
        Err(Self::bad(&v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Condition, E> {
        Err(Self::bad(&v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Condition, E> {
        Err(Self::bad("null"))
    }
    fn visit_none<E: de::Error>(self) -> Result<Condition, E> {
        Err(Self::bad("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Condition, A::Error> {
        Err(Self::bad("[…]"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Condition, String> {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| crate::error::from_serde(e).text_key())
    }

    #[test]
    fn the_condition_language_reads_as_documented() {
        assert_eq!(read(r#""always""#), Ok(Condition::Always));
        assert_eq!(
            read(r#"{"kind": "household"}"#),
            Ok(Condition::Kind(NeedKind::Household))
        );
        assert_eq!(read(r#"{"child": false}"#), Ok(Condition::Child(false)));
        assert_eq!(
            read(r#"{"reason": "AGE", "status": ["unknown"]}"#),
            Ok(Condition::Reason {
                code: Some("AGE".into()),
                status: vec![Status::Unknown]
            })
        );
        assert_eq!(
            read(r#"{"not": {"any": [{"place": "work"}, "never"]}}"#),
            Ok(Condition::Not(Box::new(Condition::Any(vec![
                Condition::Place(Place::Work),
                Condition::Never
            ]))))
        );
    }

    #[test]
    fn wrong_conditions_get_their_own_codes() {
        assert_eq!(read(r#""sometimes""#), Err("BAD_CONDITION".into()));
        assert_eq!(read("3"), Err("BAD_CONDITION".into()));
        assert_eq!(read("{}"), Err("CONDITION_EMPTY".into()));
        assert_eq!(
            read(r#"{"kind": "household", "child": true}"#),
            Err("CONDITION_MANY_TESTS".into())
        );
        assert_eq!(
            read(r#"{"reason": "AGE"}"#),
            Err("CONDITION_NEEDS_STATUS".into())
        );
        assert_eq!(
            read(r#"{"status": []}"#),
            Err("CONDITION_NEEDS_STATUS".into())
        );
        assert_eq!(
            read(r#"{"walk": 1}"#),
            Err("INVALID_VALUE.unknown_field".into())
        );
        assert_eq!(
            read(r#"{"kind": "walk"}"#),
            Err("INVALID_VALUE.unknown_variant".into())
        );
    }
}
