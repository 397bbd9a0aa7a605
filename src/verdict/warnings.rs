//! What the person should know beside the verdict: the hours left out and
//! why, and warnings that never refuse (many short visits, leisure guidance,
//! a charge for household help, …).

use super::{inputs_map, Note};
use crate::case::{Case, NeedKind};
use crate::hours::{hours_text, Cause, WeeklyHours};
use crate::law::InForce;

/// A note with the sources of its rule code.
fn note(
    code: &'static str,
    inputs: &[(&'static str, String)],
    sources: &dyn Fn(&str) -> Vec<String>,
) -> Note {
    Note {
        code: code.to_string(),
        inputs: inputs_map(inputs),
        sources: sources(code),
        link: None,
    }
}

/// One note per cause of hours left out, with the hours (and, for the
/// night, the window used: the calculator's, which the text says).
pub fn exclusions(
    hours: &WeeklyHours,
    law: &InForce,
    sources: &dyn Fn(&str) -> Vec<String>,
) -> Vec<Note> {
    hours
        .excluded
        .iter()
        .map(|(c, h)| {
            let mut inputs = vec![("hours", hours_text(*h))];
            if *c == Cause::Night {
                inputs.push(("start", law.night.start.to_string()));
                inputs.push(("end", law.night.end.to_string()));
            }
            note(c.rule_code(), &inputs, sources)
        })
        .collect()
}

/// The warnings for this case: never a refusal, things to know.
pub fn warnings(
    case: &Case,
    hours: &WeeklyHours,
    law: &InForce,
    sources: &dyn Fn(&str) -> Vec<String>,
) -> Vec<Note> {
    let has_kind = |k: NeedKind| {
        case.needs.iter().any(|n| n.kind == k) || case.monthly.iter().any(|m| m.kind == k)
    };
    let person = &case.person;
    let child = person.age.is_some_and(|a| a < law.adult_age);
    let mut out = Vec::new();

    if let (Some(day), n) = hours.most_short_visits_in_a_day {
        if n >= law.short_visits_per_day {
            let inputs = [
                ("day", day.code().to_string()),
                ("visits", n.to_string()),
                ("min_hours", law.short_visit_hours.to_string()),
            ];
            out.push(note("WARN_SHORT_VISITS", &inputs, sources));
        }
    }
    if person.age == Some(law.age_limit - 1) {
        let inputs = [("age_limit", law.age_limit.to_string())];
        out.push(note("WARN_AGE_AT_DECISION", &inputs, sources));
    }
    if hours.excluded.contains_key(&Cause::Night) {
        out.push(note("WARN_NIGHT_MAY_BE_INCLUDED", &[], sources));
    }
    // Whenever health help is mapped, even when its time is counted anyway
    // because personal help is given at the same time.
    if has_kind(NeedKind::Health) {
        out.push(note("WARN_HEALTH_MAY_BE_DELIVERED", &[], sources));
    }
    // Leisure guidance (8–12 h/month) is Oslo's practice, not the law's:
    // it is an item of Oslo's profile (www/profiles/oslo.json).
    if has_kind(NeedKind::Household) {
        out.push(note("WARN_HOUSEHOLD_CHARGE", &[], sources));
    }
    if child && has_kind(NeedKind::Respite) {
        let inputs = [("school_days", law.school_days_per_year.to_string())];
        out.push(note("WARN_RESPITE_SCHOOL_DAYS", &inputs, sources));
    }
    out
}
