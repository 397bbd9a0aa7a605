//! From a case to an assessment: the one function the CLI and the page call.
//! It ties the steps together in the order the data flows:
//!
//! 1. the case is checked ([`crate::case`]);
//! 2. the law in force on the assessment date is found ([`crate::law`]);
//! 3. the hours are counted ([`crate::hours`]);
//! 4. the reasons, verdict and warnings follow ([`crate::verdict`]);
//! 5. the documents, alternatives and next steps that fit are chosen
//!    ([`crate::documents`]), with the municipality's own
//!    ([`crate::municipality`]);
//! 6. the charge is estimated ([`crate::cost`]).

use crate::case::time::Date;
use crate::case::validate::validate;
use crate::case::Case;
use crate::case::{Answer, NeedKind};
use crate::cost::{estimate, Cost};
use crate::documents::{builtin, choose, Facts, Links};
use crate::error::InputErrors;
use crate::hours::{count, CountingRules, NeedTrace, WeeklyHours};
use crate::law::{InForce, Law, ParamValue, Source};
use crate::municipality::{choose_own, unknown_notice, Municipality, Profile};
use crate::verdict::warnings::{exclusions, warnings};
use crate::verdict::{reaches, reasons, verdict, IfAnswered, Note, Reason, Status, Verdict};
use serde::Serialize;

/// What the calculator says about one case (vurderingen).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    /// The version of the law file used.
    pub rules_version: String,
    /// The latest day one of the values used took effect: "the rules in
    /// force from 1 July 2020".
    pub rules_from: Date,
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
    /// An estimate of the monthly charge (egenbetaling) for the parts of the
    /// map that may carry one, with the year's figures.
    pub cost: Cost,
}

/// The hours shown never round up onto a threshold that the exact hours are
/// under: 31.997 hours shows as 31.99, not as 32.00 beside "under 32".
fn never_round_onto(hours: &mut WeeklyHours, thresholds: [f64; 2]) {
    for t in thresholds {
        if !reaches(hours.counted_exact, t) && hours.counted >= t {
            hours.counted = (hours.counted_exact * 100.0).floor() / 100.0;
        }
    }
}

/// The count again with an unanswered question answered "yes", where the
/// answer could matter: the night (only when the map covers a night) and,
/// for a child with respite in the map, whether the child lives at home.
fn if_answered(case: &Case, rules: &CountingRules, hours: &WeeklyHours) -> IfAnswered {
    let open = |a: Option<Answer>| !matches!(a, Some(Answer::Yes) | Some(Answer::No));
    let person = &case.person;
    let child = person.age.is_some_and(|a| a < rules.adult_age);
    let respite = case.needs.iter().any(|n| n.kind == NeedKind::Respite)
        || case.monthly.iter().any(|m| m.kind == NeedKind::Respite);
    let with = |set: &dyn Fn(&mut Case)| {
        let mut c = case.clone();
        set(&mut c);
        count(&c, rules).0.counted_exact
    };
    IfAnswered {
        awake_at_night: (open(person.awake_at_night) && hours.night.nights_covered > 0)
            .then(|| with(&|c| c.person.awake_at_night = Some(Answer::Yes))),
        lives_at_home: (open(person.lives_at_home) && child && respite)
            .then(|| with(&|c| c.person.lives_at_home = Some(Answer::Yes))),
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
    let rules = law.in_force(date)?;

    // The case's own night window, else the municipality's, else the law file's.
    let profile_night = case
        .settings
        .night
        .is_none()
        .then_some(profile.night)
        .flatten();
    let night = case.settings.night.or(profile_night).unwrap_or(rules.night);
    let counting = CountingRules {
        night,
        night_edge_minutes: rules.night_edge_minutes,
        adult_age: rules.adult_age,
        short_visit_minutes: (rules.short_visit_hours * 60.0) as u32,
    };
    let (mut hours, trace) = count(case, &counting);
    never_round_onto(&mut hours, [rules.hours_right, rules.hours_cost_test]);
    let if_answered = if_answered(case, &counting, &hours);

    let sources_of = |code: &str| law.sources_of(code);
    let rules = InForce { night, ..rules };
    let mut reasons = reasons(&case.person, &hours, &rules, &if_answered, &sources_of);
    let verdict = verdict(&reasons);
    let exclusions = exclusions(&hours, &rules, &sources_of);
    let warnings = warnings(case, &hours, &rules, &sources_of);

    // Documents, alternatives and next steps: data, chosen by their
    // conditions (src/law/items.toml, and the profile's own items).
    let facts = Facts {
        case,
        adult_age: rules.adult_age,
        long_lasting_years: rules.long_lasting_years,
        verdict,
        reasons: &reasons,
    };
    let links = Links {
        form: profile.form.as_deref(),
        contact: profile.contact.as_deref(),
    };
    let chosen = choose(builtin(), &facts, law, links);
    let own = choose_own(profile, &facts);
    let municipality = Municipality {
        id: profile.id.clone(),
        name: profile.name.clone(),
        contact: profile.contact.clone(),
        form: profile.form.clone(),
        processing_time: profile.processing_time.clone(),
        accent: profile.accent.clone(),
        embed_origins: profile.embed_origins.clone(),
        night: profile_night,
        documents: own.documents,
        alternatives: own.alternatives,
        next_steps: own.next_steps,
        sources: profile.sources.clone(),
        charges: profile.charges.clone(),
        notice: unknown_notice(case.settings.municipality.as_deref(), profile),
    };
    let cost = estimate(case, law, date, rules.adult_age, profile);

    if !verdict.likely_right() && verdict != Verdict::Uncertain {
        reasons.push(Reason::new(
            "MUST_CONSIDER_BPA",
            Status::Municipality,
            None,
            Default::default(),
            law.sources_of("MUST_CONSIDER_BPA"),
        ));
    }

    // Every source named anywhere in the result, in the registry's order.
    let notes = [
        &exclusions,
        &warnings,
        &chosen.documents,
        &chosen.alternatives,
        &chosen.next_steps,
    ];
    let named: Vec<&String> = reasons
        .iter()
        .flat_map(|r| &r.sources)
        .chain(notes.iter().flat_map(|v| v.iter().flat_map(|n| &n.sources)))
        .chain(rules.used.iter().flat_map(|p| &p.sources))
        .chain(cost.source_ids())
        .collect();
    let sources = law
        .sources
        .iter()
        .filter(|s| named.contains(&&s.id))
        .cloned()
        .collect();
    Ok(Assessment {
        rules_version: law.version.clone(),
        rules_from: rules.rules_from,
        assessment_date: date,
        verdict,
        hours,
        reasons,
        exclusions,
        warnings,
        documents: chosen.documents,
        alternatives: chosen.alternatives,
        next_steps: chosen.next_steps,
        trace,
        parameters: rules.used,
        sources,
        municipality,
        cost,
    })
}
