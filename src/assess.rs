//! From a case to an assessment: the one function the CLI and the page call.
//!
//! It validates the input, finds the law in force on the assessment date,
//! counts the hours, derives the reasons and verdict, and adds the warnings,
//! documents, alternatives and next steps that fit this person.

use crate::error::{validate, InputError, InputErrors};
use crate::hours::{count, hours_text, number_text, Cause, CountingRules, NeedTrace, WeeklyHours};
use crate::items::{builtin, choose_builtin, choose_own, Facts};
use crate::json::{signed_text, unsigned_text};
use crate::law::{Law, NotInForce, ParamValue, Source, Value};
use crate::map::Map;
use crate::model::{Case, NeedKind};
use crate::profile::{unknown_notice, Municipality, Profile};
use crate::rules::{inputs_map, reasons, verdict, Note, Reason, RightRules, Status, Verdict};
use crate::time::{Date, TimeOfDay};
use serde::Serialize;

/// What the calculator says about one case (vurderingen).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    /// The version of the law file used.
    pub rules_version: String,
    /// The rules in force on this date were applied.
    pub assessment_date: Date,
    pub verdict: Verdict,
    pub hours: WeeklyHours,
    pub reasons: Vec<Reason>,
    /// Hours left out, one note per cause, with the rule's sources.
    pub exclusions: Vec<Note>,
    pub warnings: Vec<Note>,
    pub documents: Vec<Note>,
    pub alternatives: Vec<Note>,
    pub next_steps: Vec<Note>,
    /// How each need was counted: the "why?".
    pub trace: Vec<NeedTrace>,
    /// The law's values used, with the date each took effect and sources.
    pub parameters: Vec<ParamValue>,
    /// Every source named anywhere above, once.
    pub sources: Vec<Source>,
    /// The municipality profile used: its addresses and processing time,
    /// and its own documents, alternatives and next steps with its sources.
    pub municipality: Municipality,
}

fn not_in_force(e: NotInForce) -> InputError {
    let from = e.earliest.map_or_else(|| "?".to_string(), |d| d.text());
    InputError::new("settings.assessment_date", "RULES_NOT_IN_FORCE")
        .with("from", from)
        .with("date", e.date.text())
}

/// The hours shown never round up onto a threshold that the exact hours are
/// under: 31.997 hours shows as 31.99, not as 32.00 beside "under 32".
fn never_round_onto(hours: &mut WeeklyHours, thresholds: [f64; 2]) {
    for t in thresholds {
        if !crate::rules::reaches(hours.counted_exact, t) && hours.counted >= t {
            hours.counted = (hours.counted_exact * 100.0).floor() / 100.0;
        }
    }
}

/// Assesses a case under `law` as in force on the case's assessment date,
/// or on `today` when the case sets none, with the neutral municipality
/// profile. Errors are for people.
pub fn assess(case: &Case, law: &Law, today: Date) -> Result<Assessment, InputErrors> {
    assess_with_profile(case, law, today, &Profile::neutral())
}

/// As [`assess`], for the municipality of `profile`: its documents and next
/// steps, its form and contact page, and its night window when the case sets
/// none. The caller finds the profile the case names (`settings.municipality`);
/// when it passes the neutral profile for a named municipality, none was
/// found, and the result says so (`municipality.notice`, `PROFILE_UNKNOWN`).
pub fn assess_with_profile(
    case: &Case,
    law: &Law,
    today: Date,
    profile: &Profile,
) -> Result<Assessment, InputErrors> {
    validate(case)?;
    let date = case.settings.assessment_date.unwrap_or(today);
    let mut used = Vec::new();
    let mut get = |name: &'static str| -> Result<Value, InputErrors> {
        let p = law.value(name, date).map_err(not_in_force)?;
        used.push(p.clone());
        Ok(p.value)
    };
    let num = |v: Value| match v {
        Value::Number(n) => n,
        Value::Time(m) => f64::from(m),
        Value::Flag(b) => f64::from(u8::from(b)),
    };
    let time = |v: Value| {
        TimeOfDay::from_minutes(num(v) as u32)
            .unwrap_or(TimeOfDay::hm(0, 0).unwrap_or_else(|| unreachable!()))
    };
    let right = RightRules {
        age_limit: num(get("age_limit")?) as i64,
        age_kept_if_granted: num(get("age_kept_if_granted")?) != 0.0,
        long_lasting_years: num(get("long_lasting_years")?),
        hours_right: num(get("hours_right")?),
        hours_cost_test: num(get("hours_cost_test")?),
        adult_age: num(get("adult_age")?) as i64,
    };
    // The case's own night window, else the municipality's, else the law file's.
    let profile_night = case
        .settings
        .night
        .is_none()
        .then_some(profile.night)
        .flatten();
    let (night_start, night_end) = match case.settings.night.or(profile_night) {
        Some(w) => (w.start, w.end),
        None => (time(get("night_start")?), time(get("night_end")?)),
    };
    let short_visit_minutes = (num(get("short_visit_hours")?) * 60.0) as u32;
    let short_visits_per_day = num(get("short_visits_per_day")?) as u32;
    let leisure_low = num(get("leisure_guidance_low")?);
    let leisure_high = num(get("leisure_guidance_high")?);

    let counting = CountingRules {
        night_start,
        night_end,
        adult_age: right.adult_age,
    };
    let (mut hours, trace) = count(case, &counting, short_visit_minutes);
    never_round_onto(&mut hours, [right.hours_right, right.hours_cost_test]);
    let sources_of = |code: &str| law.sources_of(code);
    let reasons = reasons(&case.person, &hours, &right, &sources_of);
    let verdict = verdict(&reasons);

    let note = |code: &'static str, inputs: &[(&'static str, String)]| Note {
        code,
        inputs: inputs_map(inputs),
        sources: law.sources_of(code),
        link: None,
    };
    let has_kind = |k: NeedKind| {
        case.needs.iter().any(|n| n.kind == k) || case.monthly.iter().any(|m| m.kind == k)
    };
    let person = &case.person;
    let child = person.age.is_some_and(|a| a < right.adult_age);

    let exclusions: Vec<Note> = hours
        .excluded
        .iter()
        .map(|(c, h)| note(c.rule_code(), &[("hours", hours_text(*h))]))
        .collect();

    // Warnings: never a refusal, things to know.
    let mut warnings = Vec::new();
    if let (Some(day), n) = hours.most_short_visits_in_a_day {
        if n >= short_visits_per_day {
            warnings.push(note(
                "WARN_SHORT_VISITS",
                &[
                    ("day", day.code().into()),
                    ("visits", unsigned_text(n.into())),
                    (
                        "min_hours",
                        unsigned_text((short_visit_minutes / 60).into()),
                    ),
                ],
            ));
        }
    }
    if person.age == Some(right.age_limit - 1) {
        warnings.push(note(
            "WARN_AGE_AT_DECISION",
            &[("age_limit", signed_text(right.age_limit))],
        ));
    }
    if hours.excluded.contains_key(&Cause::Night) {
        warnings.push(note("WARN_NIGHT_MAY_BE_INCLUDED", &[]));
    }
    // Whenever health help is mapped, even when its time is counted anyway
    // because personal help is given at the same time.
    if has_kind(NeedKind::Health) {
        warnings.push(note("WARN_HEALTH_MAY_BE_DELIVERED", &[]));
    }
    // Folded from +0: `sum()` of no floats is -0.0, which showed as "-0"
    // hours a month when leisure was mapped only at set times.
    let leisure_month = case
        .monthly
        .iter()
        .filter(|m| m.kind == NeedKind::Leisure)
        .fold(0.0, |sum, m| sum + m.hours_per_month);
    if has_kind(NeedKind::Leisure) {
        warnings.push(note(
            "WARN_LEISURE_GUIDANCE",
            &[
                ("low", number_text(leisure_low)),
                ("high", number_text(leisure_high)),
                ("monthly", number_text(leisure_month)),
            ],
        ));
    }
    if has_kind(NeedKind::Household) {
        warnings.push(note("WARN_HOUSEHOLD_CHARGE", &[]));
    }
    if child && has_kind(NeedKind::Respite) {
        warnings.push(note(
            "WARN_RESPITE_SCHOOL_DAYS",
            &[("school_days", "190".into())],
        ));
    }

    // Documents, alternatives and next steps: data, chosen by their
    // conditions (src/law/items.toml, and the profile's own items).
    let facts = Facts {
        case,
        adult_age: right.adult_age,
        long_lasting_years: right.long_lasting_years,
        verdict,
        reasons: &reasons,
    };
    let chosen = choose_builtin(&builtin(), &facts, law, profile);
    let own = choose_own(profile, &facts);
    let (documents, alternatives, next_steps) =
        (chosen.documents, chosen.alternatives, chosen.next_steps);
    let municipality = Municipality {
        id: profile.id.clone(),
        name: profile.name.clone(),
        contact: profile.contact.clone(),
        form: profile.form.clone(),
        processing_time: profile.processing_time.clone(),
        accent: profile.accent.clone(),
        night: profile_night,
        documents: own.documents,
        alternatives: own.alternatives,
        next_steps: own.next_steps,
        sources: profile.sources.clone(),
        notice: unknown_notice(case.settings.municipality.as_deref(), profile),
    };

    let mut reasons = reasons;
    if !verdict.likely_right() && verdict != Verdict::Uncertain {
        reasons.push(Reason {
            code: "MUST_CONSIDER_BPA",
            status: Status::Municipality,
            inputs: Map::new(),
            sources: law.sources_of("MUST_CONSIDER_BPA"),
        });
    }

    // Every source named anywhere in the result, in the registry's order.
    let named: Vec<&str> = reasons
        .iter()
        .map(|r| r.sources)
        .chain(
            [
                &exclusions,
                &warnings,
                &documents,
                &alternatives,
                &next_steps,
            ]
            .into_iter()
            .flat_map(|v: &Vec<Note>| v.iter().map(|n| n.sources)),
        )
        .chain(used.iter().map(|p| p.sources))
        .flatten()
        .copied()
        .collect();
    let sources = law
        .sources
        .iter()
        .filter(|s| named.contains(&s.id))
        .cloned()
        .collect();
    let assessment = Assessment {
        rules_version: law.version.to_string(),
        assessment_date: date,
        verdict,
        hours,
        reasons,
        exclusions,
        warnings,
        documents,
        alternatives,
        next_steps,
        trace,
        parameters: used,
        sources,
        municipality,
    };
    Ok(assessment)
}
