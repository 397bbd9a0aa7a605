//! The verdict: the rules of pbrl. § 2-1 d as pure functions, reasons each
//! with a status, the verdict that follows from the statuses, and the
//! warnings beside it. The fourth step of the flow, after the hours.
//!
//! A missing or "vet ikke" answer gives the status `Unknown` and the verdict
//! "uncertain", never a guess. A rule that is definitely not met (age, need
//! not long-lasting, too few hours) decides the verdict whatever else is
//! unknown, because then no answer could change it.

pub mod warnings;

use crate::case::{Answer, Arbeidsleder, Person};
use crate::hours::{hours_text, WeeklyHours};
use crate::law::InForce;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The inputs a reason or note's text fills in (`{counted}`, `{hours_right}`).
pub type Inputs = BTreeMap<&'static str, String>;

/// The status of one rule for this person (vurdering av ett vilkår).
/// Read too, in the conditions of documents and next steps ([`crate::items`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Oppfylt.
    Met,
    /// Ikke oppfylt.
    NotMet,
    /// Vi vet ikke: an answer is missing or "vet ikke".
    Unknown,
    /// Kommunen vurderer: for the municipality to assess.
    Municipality,
}

/// One reason behind the verdict (begrunnelse): a stable code, its status,
/// the inputs it used and the sources it rests on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub status: Status,
    /// Which text of the status, when one status has several
    /// (`reason.NIGHT.not_met.point_wise`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<&'static str>,
    /// The catalogue key of the text: `reason.CODE.status[.variant]`.
    pub key: String,
    pub inputs: Inputs,
    pub sources: Vec<String>,
}

impl Reason {
    pub fn new(
        code: &'static str,
        status: Status,
        variant: Option<&'static str>,
        inputs: Inputs,
        sources: Vec<String>,
    ) -> Reason {
        let status_name = match status {
            Status::Met => "met",
            Status::NotMet => "not_met",
            Status::Unknown => "unknown",
            Status::Municipality => "municipality",
        };
        let key = match variant {
            Some(v) => format!("reason.{code}.{status_name}.{v}"),
            None => format!("reason.{code}.{status_name}"),
        };
        Reason {
            code,
            status,
            variant,
            key,
            inputs,
            sources,
        }
    }
}

/// What the count would be if an unanswered question were answered "yes":
/// an unanswered question makes the verdict uncertain only when its answer
/// could change the hours' band (under 25, 25–32, 32 or more).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct IfAnswered {
    /// Hours counted if someone must be present through the night.
    pub awake_at_night: Option<f64>,
    /// Hours counted if the child lives at home (respite counts).
    pub lives_at_home: Option<f64>,
}

/// A warning, document, alternative or next step: a code, its inputs and sources.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Note {
    pub code: String,
    pub inputs: Inputs,
    pub sources: Vec<String>,
    /// Where to do it: the municipality's form or contact page, when its
    /// profile gives one (see `src/law/items.toml`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// The estimate (vurdering): never a decision, only the municipality decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Age 67 or more without an earlier grant, or the need is not long-lasting.
    NotCovered,
    /// Under 25 hours a week: no right, but the municipality must still
    /// consider BPA (hol. § 3-8).
    NoRightByHours,
    /// An answer is missing or "vet ikke", or nobody can be arbeidsleder.
    Uncertain,
    /// 25 to under 32 hours: likely right, unless the municipality documents
    /// that BPA costs it substantially more.
    LikelyRightUnlessCost,
    /// 32 hours or more and the other conditions met: likely right.
    LikelyRight,
}

impl Verdict {
    /// Whether the person likely has the right (possibly subject to the cost test).
    pub fn likely_right(self) -> bool {
        matches!(self, Verdict::LikelyRight | Verdict::LikelyRightUnlessCost)
    }
}

/// Whether `hours` reach a threshold of the law ("minst 32 timer").
/// Compared unrounded, so 31.997 does not reach 32; only floating-point
/// noise (far below a second a week, as from 1.3 h/month × 12 / 52) is
/// forgiven, so a sum that is exactly 32 in minutes is 32.
pub fn reaches(hours: f64, threshold: f64) -> bool {
    hours + 1e-9 >= threshold
}

/// The inputs of a reason or note, from name and value pairs.
pub fn inputs_map(pairs: &[(&'static str, String)]) -> Inputs {
    pairs.iter().cloned().collect()
}

/// Builds the reasons. `sources` finds the sources of a rule code in the law file.
pub fn reasons(
    person: &Person,
    hours: &WeeklyHours,
    r: &InForce,
    if_answered: &IfAnswered,
    sources: &dyn Fn(&str) -> Vec<String>,
) -> Vec<Reason> {
    let reason = |code: &'static str, status, inputs: &[(&'static str, String)]| {
        Reason::new(code, status, None, inputs_map(inputs), sources(code))
    };
    let variant = |code: &'static str, status, v, inputs: &[(&'static str, String)]| {
        Reason::new(code, status, Some(v), inputs_map(inputs), sources(code))
    };
    let answer = |a: Option<Answer>| match a {
        Some(Answer::Yes) => "yes",
        Some(Answer::No) => "no",
        Some(Answer::DontKnow) => "dont_know",
        None => "missing",
    };
    let band = |h: f64| (reaches(h, r.hours_right), reaches(h, r.hours_cost_test));
    let child = person.age.is_some_and(|a| a < r.adult_age);
    let mut out = vec![reason("NECESSARY_HELP", Status::Municipality, &[])];

    // 1. Age (pbrl. § 2-1 d first paragraph; kept after 67 since 1 July 2020).
    let limit = r.age_limit.to_string();
    out.push(match person.age {
        None => reason(
            "AGE",
            Status::Unknown,
            &[("age", "missing".into()), ("age_limit", limit)],
        ),
        Some(a) if a < r.age_limit => reason(
            "AGE",
            Status::Met,
            &[("age", a.to_string()), ("age_limit", limit)],
        ),
        Some(a) => {
            let granted = answer(person.granted_before_67);
            let status = match (r.age_kept_if_granted, person.granted_before_67) {
                (false, _) | (true, Some(Answer::No)) => Status::NotMet,
                (true, Some(Answer::Yes)) => Status::Met,
                (true, _) => Status::Unknown,
            };
            let inputs = [
                ("age", a.to_string()),
                ("age_limit", limit),
                ("granted_before_limit", granted.into()),
                ("kept_if_granted", r.age_kept_if_granted.to_string()),
            ];
            // Before 1 July 2020 the right ended at 67, granted or not.
            if r.age_kept_if_granted {
                reason("AGE", status, &inputs)
            } else {
                variant("AGE", status, "before_2020", &inputs)
            }
        }
    });

    // 2. Long-lasting: more than 2 years.
    let years = r.long_lasting_years.to_string();
    let status = match person.long_lasting {
        Some(Answer::Yes) => Status::Met,
        Some(Answer::No) => Status::NotMet,
        _ => Status::Unknown,
    };
    out.push(reason(
        "LONG_LASTING",
        status,
        &[
            ("answer", answer(person.long_lasting).into()),
            ("years", years),
        ],
    ));

    // 3. Large need: hours per week that count.
    let hours_inputs = [
        ("counted", hours_text(hours.counted)),
        ("hours_right", r.hours_right.to_string()),
        ("hours_cost_test", r.hours_cost_test.to_string()),
    ];
    // Compared unrounded: "at least 32 hours" is not met by 31.997.
    if reaches(hours.counted_exact, r.hours_right) {
        out.push(reason("HOURS", Status::Met, &hours_inputs));
    } else if reaches(hours.counted_exact, r.hours_cost_test) {
        out.push(reason("HOURS", Status::Municipality, &hours_inputs));
        out.push(reason("COST_TEST", Status::Municipality, &hours_inputs));
    } else {
        out.push(reason("HOURS", Status::NotMet, &hours_inputs));
    }

    // 4. Arbeidsleder: the person, or someone for them. For a child the
    // parents (foresatte) lead: "the child leads" is not an answer.
    let (status, value) = match person.arbeidsleder {
        Some(Arbeidsleder::Myself) if child => (Status::Unknown, "self"),
        Some(Arbeidsleder::Myself) => (Status::Met, "self"),
        Some(Arbeidsleder::Medarbeidsleder) => (Status::Met, "medarbeidsleder"),
        Some(Arbeidsleder::NobodyYet) => (Status::NotMet, "nobody_yet"),
        Some(Arbeidsleder::DontKnow) => (Status::Unknown, "dont_know"),
        None => (Status::Unknown, "missing"),
    };
    if child && value == "self" {
        out.push(variant(
            "ARBEIDSLEDER",
            status,
            "child_self",
            &[("answer", value.into())],
        ));
    } else {
        out.push(reason("ARBEIDSLEDER", status, &[("answer", value.into())]));
    }

    // The night: counted only when someone must be present through it and
    // the map shows help through the window (the calculator's reading of
    // "kontinuerlig ... det vil si hele tiden").
    let n = &hours.night;
    if n.nights_with_help > 0 {
        let inputs = [
            ("answer", answer(person.awake_at_night).to_string()),
            ("nights_with_help", n.nights_with_help.to_string()),
            ("nights_covered", n.nights_covered.to_string()),
            ("start", r.night.start.to_string()),
            ("end", r.night.end.to_string()),
            ("edge_minutes", r.night_edge_minutes.to_string()),
            ("hours_in_window", hours_text(n.hours_in_window)),
            ("hours_counted", hours_text(n.hours_counted)),
            (
                "counted_if_yes",
                hours_text(if_answered.awake_at_night.unwrap_or(hours.counted)),
            ),
        ];
        let through = n.nights_covered == n.nights_with_help;
        out.push(match person.awake_at_night {
            Some(Answer::Yes) if through => variant("NIGHT", Status::Met, "through", &inputs),
            Some(Answer::Yes) if n.nights_covered > 0 => {
                variant("NIGHT", Status::Municipality, "some_nights", &inputs)
            }
            Some(Answer::Yes) => variant("NIGHT", Status::NotMet, "not_through", &inputs),
            Some(Answer::No) => variant("NIGHT", Status::NotMet, "point_wise", &inputs),
            _ => match if_answered.awake_at_night {
                Some(h) if band(h) != band(hours.counted_exact) => {
                    variant("NIGHT", Status::Unknown, "ask", &inputs)
                }
                Some(_) => variant("NIGHT", Status::NotMet, "unanswered_no_difference", &inputs),
                None => variant("NIGHT", Status::NotMet, "not_through", &inputs),
            },
        });
    }

    // Continuous two-helper time: counted once here; no source read settles
    // whether it counts once or as two assistants' hours.
    if hours.two_helpers_continuous > 0.0 {
        let twice = hours.counted + hours.two_helpers_continuous;
        out.push(reason(
            "TWO_HELPERS_CONTINUOUS",
            Status::Municipality,
            &[
                ("hours", hours_text(hours.two_helpers_continuous)),
                ("counted", hours_text(hours.counted)),
                ("counted_twice", hours_text(twice)),
            ],
        ));
    }

    // 5. Children: only help beyond normal care for the age counts. The
    // calculator cannot judge normal care: it asks the parent to map only
    // that help; without a "yes", 25 hours or more are the municipality's
    // to assess (normal care can only lower the count: under 25 stays under).
    if let Some(a) = person.age.filter(|a| *a < r.adult_age) {
        let inputs = [
            ("age", a.to_string()),
            ("answer", answer(person.beyond_normal_care).into()),
            ("counted", hours_text(hours.counted)),
            ("hours_cost_test", r.hours_cost_test.to_string()),
        ];
        let confirmed = person.beyond_normal_care == Some(Answer::Yes);
        out.push(if confirmed {
            variant(
                "CHILD_NORMAL_CARE",
                Status::Municipality,
                "confirmed",
                &inputs,
            )
        } else if reaches(hours.counted_exact, r.hours_cost_test) {
            variant("CHILD_NORMAL_CARE", Status::Unknown, "ask", &inputs)
        } else {
            variant("CHILD_NORMAL_CARE", Status::Municipality, "under", &inputs)
        });
        if let Some(h) = if_answered.lives_at_home {
            let inputs = [
                ("answer", answer(person.lives_at_home).into()),
                ("counted_if_yes", hours_text(h)),
            ];
            out.push(if band(h) != band(hours.counted_exact) {
                reason("RESPITE_AT_HOME", Status::Unknown, &inputs)
            } else {
                reason("RESPITE_AT_HOME", Status::NotMet, &inputs)
            });
        }
    }
    out
}

/// Unanswered questions whose "yes" would lift the hours into another band:
/// then too few hours is not yet a "no" (their reasons are `Unknown` only
/// when the answer matters).
fn could_lift_hours(reasons: &[Reason]) -> bool {
    reasons
        .iter()
        .any(|r| matches!(r.code, "NIGHT" | "RESPITE_AT_HOME") && r.status == Status::Unknown)
}

/// The verdict follows from the statuses alone.
pub fn verdict(reasons: &[Reason]) -> Verdict {
    let status = |code: &str| reasons.iter().find(|r| r.code == code).map(|r| r.status);
    let not_met = |code| status(code) == Some(Status::NotMet);
    if not_met("AGE") || not_met("LONG_LASTING") {
        Verdict::NotCovered
    } else if not_met("HOURS") && !could_lift_hours(reasons) {
        Verdict::NoRightByHours
    } else if reasons.iter().any(|r| r.status == Status::Unknown) || not_met("ARBEIDSLEDER") {
        Verdict::Uncertain
    } else if status("HOURS") == Some(Status::Municipality) {
        Verdict::LikelyRightUnlessCost
    } else {
        Verdict::LikelyRight
    }
}
