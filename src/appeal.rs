//! After a decision: the complaint (klage). From what the decision was, the
//! day the person got it and their map: the deadline, where to send it, who
//! may complain, that help is free, and a drafted complaint, or, where the
//! map cannot carry one, an honest word instead.
//!
//! The rules (BPA-RULES.md, "After a decision"; the law file's sources):
//! - the deadline is `appeal_weeks` (4) weeks after the person got, or
//!   should have got, knowledge of the decision (pbrl. § 7-5, which for
//!   rights in chapter 2 replaces forvaltningsloven § 29's three weeks):
//!   the same weekday four weeks later. A late complaint may still be tried
//!   (pbrl. § 7-7, fvl. § 31);
//! - it is sent to the municipality that decided, which reconsiders and,
//!   keeping its decision, sends it to Statsforvalteren (pbrl. § 7-2);
//! - the person may complain, or a representative: a parent for a child, a
//!   verge, someone with a written fullmakt (a lawyer needs none);
//! - Pasient- og brukerombudet helps for free, and complaining is free.
//!
//! What the draft names: the decision, the conditions the map shows as met
//! with their sources, and what the municipality must have done: at 25 to
//! under 32 counted hours, *documented* substantially higher cost; under 25,
//! still considered BPA under hol. § 3-8 and given reasons; for a child,
//! assessed normal care for the age; night or two-helper hours left out
//! only where not continuous; and Statsforvalteren must try the right
//! itself. Where the map is uncertain, or shows a condition of the right not
//! met, it says so rather than draft a complaint that cannot succeed.

use crate::assess::{assess_with_profile, Assessment};
use crate::case::time::{Date, Day};
use crate::case::{name_of, Applicant, Case};
use crate::error::{InputError, InputErrors};
use crate::law::{Law, Source, Value};
use crate::letter::{field, heading, item, note, paragraph, Block, Piece};
use crate::municipality::Profile;
use crate::verdict::{Note, Reason, Status, Verdict};
use serde::Serialize;

/// What the municipality decided (vedtaket).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// BPA refused (avslag).
    Refused,
    /// BPA granted, but by discretion (hol. § 3-8), not as the right under
    /// pbrl. § 2-1 d.
    NotAsRight,
    /// Fewer hours than the map shows.
    FewerHours,
    /// Help given, but not organised as BPA.
    NotAsBpa,
}

impl Decision {
    pub const ALL: [Decision; 4] = [
        Decision::Refused,
        Decision::NotAsRight,
        Decision::FewerHours,
        Decision::NotAsBpa,
    ];

    /// Its name on the command line: `refused`, `not-as-right`, …
    pub fn cli_name(self) -> &'static str {
        match self {
            Decision::Refused => "refused",
            Decision::NotAsRight => "not-as-right",
            Decision::FewerHours => "fewer-hours",
            Decision::NotAsBpa => "not-as-bpa",
        }
    }

    /// Reads `refused`, `not-as-right`, `fewer-hours`, `not-as-bpa` (or
    /// with `_`, as the JSON writes them).
    pub fn parse(s: &str) -> Result<Decision, InputError> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Decision::ALL
            .into_iter()
            .find(|d| d.cli_name() == wanted)
            .ok_or_else(|| {
                let choices: Vec<&str> = Decision::ALL.iter().map(|d| d.cli_name()).collect();
                InputError::new("decision", "DECISION_UNKNOWN")
                    .with("value", s.trim().chars().take(32).collect::<String>())
                    .with("choices", choices.join(", "))
            })
    }
}

/// The day the decision reached the person, "YYYY-MM-DD".
pub fn parse_received(s: &str) -> Result<Date, InputError> {
    Date::parse(s).ok_or_else(|| {
        InputError::new("received", "RECEIVED_NOT_A_DATE")
            .with("value", s.trim().chars().take(32).collect::<String>())
    })
}

/// The hours a week the decision granted: a number from 0 to 168, with a
/// decimal point or comma ("22,5"); none when not given.
pub fn parse_granted(s: Option<&str>) -> Result<Option<f64>, InputError> {
    let Some(s) = s.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let plain = s.replace(',', ".");
    let number = plain
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.')
        .then(|| plain.parse::<f64>().ok())
        .flatten()
        .filter(|h| h.is_finite());
    let Some(h) = number else {
        return Err(
            InputError::new("granted_hours", "GRANTED_HOURS_NOT_A_NUMBER")
                .with("value", s.chars().take(32).collect::<String>()),
        );
    };
    check_granted(h).map(Some)
}

/// Granted hours within a week.
pub fn check_granted(h: f64) -> Result<f64, InputError> {
    if h.is_finite() && (0.0..=crate::config::MAX_GRANTED_HOURS).contains(&h) {
        Ok(h)
    } else {
        Err(InputError::new("granted_hours", "GRANTED_HOURS_RANGE")
            .with("limit", crate::config::MAX_GRANTED_HOURS))
    }
}

/// What the person says about the decision.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Request {
    pub decision: Decision,
    /// The day they got the decision (or should have got to know of it).
    pub received: Date,
    /// Hours a week granted: needed for `fewer_hours`.
    pub granted_hours: Option<f64>,
}

/// The deadline (klagefristen).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Deadline {
    /// The last day to send the complaint.
    pub date: Date,
    /// Its day of the week.
    pub day: Day,
    /// Weeks after the day the decision was received (4).
    pub weeks: u32,
    /// The day that rule took effect, and its sources.
    pub rule_from: Date,
    pub sources: Vec<String>,
    /// It falls on a Saturday or Sunday.
    pub weekend: bool,
    /// Days from today to the deadline; negative once it has passed.
    pub days_left: i64,
    pub passed: bool,
}

/// How far the map carries a complaint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The map shows the right (or more hours than granted): a complaint is
    /// drafted on it.
    Supported,
    /// The map does not yet show whether the right is met: no draft; what
    /// to clarify first.
    Uncertain,
    /// The map shows a condition of the right not met: a complaint that the
    /// right is broken will likely fail. A draft asks for BPA under hol.
    /// § 3-8 with reasons instead.
    NotMet,
    /// The map gives no ground against this decision: no draft.
    NoBasis,
}

/// Everything about a complaint on one decision.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Appeal {
    pub decision: Decision,
    pub received: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub granted_hours: Option<f64>,
    pub deadline: Deadline,
    pub standing: Standing,
    /// The estimate for the map, as `assess` gives it.
    pub verdict: Verdict,
    pub counted: f64,
    pub mapped: f64,
    /// The conditions the map shows as met, with their sources (the
    /// assessment's reasons).
    pub grounds: Vec<Reason>,
    /// What the map leaves open or shows not met, for the honest word.
    pub open: Vec<Reason>,
    /// What the municipality must have done (`note.APPEAL_DUTY_*`).
    pub duties: Vec<Note>,
    /// The deadline, where to send it, who may complain, free help, and the
    /// honest word on the map (`note.APPEAL_*`).
    pub notes: Vec<Note>,
    /// The municipality that decided, when its profile is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// The drafted complaint, in blocks like the letter's; none where the
    /// map cannot carry one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<Vec<Block>>,
    /// Every source named above.
    pub sources: Vec<Source>,
}

/// The reasons whose `Unknown` leaves the hours themselves open.
const HOUR_REASONS: [&str; 3] = ["NIGHT", "RESPITE_AT_HOME", "CHILD_NORMAL_CARE"];

/// The conditions a complaint on the right names as met.
const CONDITIONS: [&str; 6] = [
    "AGE",
    "LONG_LASTING",
    "HOURS",
    "ARBEIDSLEDER",
    "NIGHT",
    "CHILD_NORMAL_CARE",
];

/// The deadline for a decision received on `received`, seen from `today`.
pub fn deadline(law: &Law, received: Date, today: Date) -> Result<Deadline, InputError> {
    let p = law.value("appeal_weeks", received).map_err(|e| {
        InputError::new("received", "RECEIVED_BEFORE_RULES")
            .with("from", e.values.get("from").cloned().unwrap_or_default())
            .with("date", received)
    })?;
    let weeks = match p.value {
        Value::Number(n) if n > 0.0 => n as u32,
        _ => return Err(InputError::new("", "LAW_FILE_BROKEN").with("name", "appeal_weeks")),
    };
    let date = received.plus_days(7 * i64::from(weeks));
    let day = date.weekday();
    let days_left = date.unix_days() - today.unix_days();
    Ok(Deadline {
        date,
        day,
        weeks,
        rule_from: p.from,
        sources: p.sources.clone(),
        weekend: matches!(day, Day::Sat | Day::Sun),
        days_left,
        passed: days_left < 0,
    })
}

/// Assesses the case and writes what the person needs to complain.
pub fn appeal(
    case: &Case,
    law: &Law,
    today: Date,
    profile: &Profile,
    req: Request,
) -> Result<Appeal, InputErrors> {
    let mut errs = Vec::new();
    if req.received > today {
        errs.push(
            InputError::new("received", "RECEIVED_IN_FUTURE")
                .with("received", req.received)
                .with("today", today),
        );
    }
    if let Some(h) = req.granted_hours {
        if let Err(e) = check_granted(h) {
            errs.push(e);
        }
    } else if req.decision == Decision::FewerHours {
        errs.push(InputError::new("granted_hours", "GRANTED_HOURS_NEEDED"));
    }
    let deadline = deadline(law, req.received, today);
    if let Err(e) = &deadline {
        errs.push(e.clone());
    }
    if !errs.is_empty() {
        return Err(InputErrors(errs));
    }
    let deadline = deadline.map_err(InputErrors::from)?;
    let a = assess_with_profile(case, law, today, profile)?;
    Ok(build(case, &a, law, req, deadline))
}

fn status_of(a: &Assessment, code: &str) -> Option<Status> {
    a.reasons.iter().find(|r| r.code == code).map(|r| r.status)
}

fn adult_age(a: &Assessment) -> i64 {
    a.parameters
        .iter()
        .find(|p| p.name == "adult_age")
        .and_then(|p| match p.value {
            Value::Number(n) => Some(n as i64),
            _ => None,
        })
        .unwrap_or(18)
}

/// The sources a complaint cites for a point: the law and the state's own
/// texts on it (statutes, propositions, circulars, Helsedirektoratet,
/// Sivilombudet), at most two, rather than every page a rule rests on;
/// the first source when none of those.
fn cite(ids: &[String]) -> Piece {
    const LEGAL: [&str; 7] = [
        "pbrl-",
        "hol-",
        "fvl-",
        "prop-",
        "rundskriv-",
        "hdir-",
        "sivilombudet-",
    ];
    let mut chosen: Vec<String> = ids
        .iter()
        .filter(|id| LEGAL.iter().any(|p| id.starts_with(p)))
        .take(2)
        .cloned()
        .collect();
    if chosen.is_empty() {
        chosen.extend(ids.first().cloned());
    }
    Piece::Sources(chosen)
}

/// A reason's inputs as a block's values: numbers as numbers.
fn pieces(r: &Reason) -> Vec<(&'static str, Piece)> {
    r.inputs
        .iter()
        .map(|(k, v)| {
            let number = v.parse::<f64>().is_ok() && v.contains('.');
            let p = if number {
                Piece::Number(v.clone())
            } else {
                Piece::Text(v.clone())
            };
            (*k, p)
        })
        .collect()
}

/// The appeal for an assessed case.
pub fn build(case: &Case, a: &Assessment, law: &Law, req: Request, deadline: Deadline) -> Appeal {
    let counted_exact = a.hours.counted_exact;
    let child = case.person.age.is_some_and(|age| age < adult_age(a));
    let hours_status = status_of(a, "HOURS");
    let likely = a.verdict.likely_right();
    let standing = match req.decision {
        Decision::Refused | Decision::NotAsBpa => match a.verdict {
            _ if likely => Standing::Supported,
            Verdict::Uncertain => Standing::Uncertain,
            _ => Standing::NotMet,
        },
        Decision::NotAsRight => match a.verdict {
            _ if likely => Standing::Supported,
            Verdict::Uncertain => Standing::Uncertain,
            _ => Standing::NoBasis,
        },
        Decision::FewerHours => {
            let open_hours = a
                .reasons
                .iter()
                .any(|r| HOUR_REASONS.contains(&r.code) && r.status == Status::Unknown);
            let granted = req.granted_hours.unwrap_or(0.0);
            if open_hours {
                Standing::Uncertain
            } else if granted + 0.005 < counted_exact {
                Standing::Supported
            } else {
                Standing::NoBasis
            }
        }
    };
    let right_claimed = standing == Standing::Supported && req.decision != Decision::FewerHours;

    let grounds: Vec<Reason> = a
        .reasons
        .iter()
        .filter(|r| CONDITIONS.contains(&r.code))
        .filter(|r| {
            r.status == Status::Met
                || (r.code == "HOURS" && r.status == Status::Municipality)
                || (r.code == "CHILD_NORMAL_CARE" && r.variant == Some("confirmed"))
        })
        .cloned()
        .collect();
    let open: Vec<Reason> = a
        .reasons
        .iter()
        .filter(|r| matches!(r.status, Status::Unknown | Status::NotMet))
        .cloned()
        .collect();

    // What the municipality must have done.
    let h = |x: f64| format!("{x:.2}");
    let rule = |name: &str| {
        a.parameters
            .iter()
            .find(|p| p.name == name)
            .map_or_else(String::new, |p| match p.value {
                Value::Number(n) => n.to_string(),
                _ => String::new(),
            })
    };
    let drafted = matches!(standing, Standing::Supported | Standing::NotMet);
    let mut duties = Vec::new();
    let counted = ("counted", h(a.hours.counted));
    if right_claimed && hours_status == Some(Status::Municipality) {
        duties.push(note(
            law,
            "APPEAL_DUTY_COST",
            &[
                counted.clone(),
                ("hours_cost_test", rule("hours_cost_test")),
                ("hours_right", rule("hours_right")),
            ],
        ));
    }
    if standing == Standing::NotMet {
        duties.push(note(
            law,
            "APPEAL_DUTY_CONSIDER",
            &[
                counted.clone(),
                ("hours_cost_test", rule("hours_cost_test")),
            ],
        ));
    }
    if standing == Standing::Supported && req.decision == Decision::FewerHours {
        let granted = h(req.granted_hours.unwrap_or(0.0));
        duties.push(note(
            law,
            "APPEAL_DUTY_NECESSARY",
            &[counted.clone(), ("granted", granted)],
        ));
    }
    if drafted && child {
        let age = case.person.age.unwrap_or_default().to_string();
        duties.push(note(law, "APPEAL_DUTY_CHILD", &[("age", age)]));
    }
    let night_or_two =
        a.hours.night.nights_with_help > 0 || case.needs.iter().any(|n| n.helpers >= 2);
    if drafted && night_or_two {
        duties.push(note(law, "APPEAL_DUTY_NIGHT_TWO", &[]));
    }
    if right_claimed {
        duties.push(note(law, "APPEAL_DUTY_STATSFORVALTER", &[]));
    }

    // Where, who, free help, and the honest word on the map.
    let mut notes = vec![note(
        law,
        "APPEAL_DEADLINE",
        &[
            ("weeks", deadline.weeks.to_string()),
            ("received", req.received.to_string()),
            ("deadline", deadline.date.to_string()),
        ],
    )];
    if deadline.passed {
        notes.push(note(
            law,
            "APPEAL_LATE",
            &[("deadline", deadline.date.to_string())],
        ));
    } else if deadline.weekend {
        notes.push(note(
            law,
            "APPEAL_WEEKEND",
            &[
                ("day", deadline.day.code().to_string()),
                ("deadline", deadline.date.to_string()),
            ],
        ));
    }
    let mut send = note(law, "APPEAL_SEND_TO", &[]);
    send.link = a.municipality.contact.clone();
    notes.push(send);
    notes.push(note(law, "APPEAL_WHO", &[]));
    notes.push(note(law, "APPEAL_OMBUD", &[]));
    match standing {
        Standing::Supported => {}
        Standing::Uncertain => notes.push(note(law, "APPEAL_UNCERTAIN", &[])),
        Standing::NotMet => notes.push(note(law, "APPEAL_NOT_MET", &[])),
        Standing::NoBasis if req.decision == Decision::FewerHours => notes.push(note(
            law,
            "APPEAL_HOURS_NOT_FEWER",
            &[
                ("granted", h(req.granted_hours.unwrap_or(0.0))),
                counted.clone(),
            ],
        )),
        Standing::NoBasis => notes.push(note(law, "APPEAL_NO_BASIS", &[])),
    }

    let draft = drafted.then(|| draft(case, a, law, req, standing, &grounds, &duties, child));
    let named: Vec<&Note> = duties.iter().chain(&notes).collect();
    let mut sources = crate::letter::sources_named(law, draft.as_deref().unwrap_or(&[]), &named);
    for r in grounds.iter().chain(&open) {
        for id in &r.sources {
            if !sources.iter().any(|s| s.id == *id) {
                if let Some(s) = law.source(id) {
                    sources.push(s.clone());
                }
            }
        }
    }
    for id in &deadline.sources {
        if !sources.iter().any(|s| s.id == *id) {
            if let Some(s) = law.source(id) {
                sources.push(s.clone());
            }
        }
    }
    sources.sort_by_key(|s| law.sources.iter().position(|x| x.id == s.id));
    Appeal {
        decision: req.decision,
        received: req.received,
        granted_hours: req.granted_hours,
        deadline,
        standing,
        verdict: a.verdict,
        counted: a.hours.counted,
        mapped: a.hours.mapped,
        grounds,
        open,
        duties,
        notes,
        municipality: a.municipality.name.clone(),
        contact: a.municipality.contact.clone(),
        draft,
        sources,
    }
}

/// The drafted complaint.
#[allow(clippy::too_many_arguments)]
fn draft(
    case: &Case,
    a: &Assessment,
    law: &Law,
    req: Request,
    standing: Standing,
    grounds: &[Reason],
    duties: &[Note],
    child: bool,
) -> Vec<Block> {
    let applicant = crate::letter::applicant_role(case, a);
    let mut b = vec![heading("appeal.title")];
    let to = match &a.municipality.name {
        Some(name) => Piece::Text(name.clone()),
        None => Piece::Key("letter.municipality_unknown".into()),
    };
    b.push(field("letter.to").with("municipality", to));
    b.push(field("letter.field.date"));
    b.push(field("appeal.field.decision"));
    if applicant == Applicant::Myself {
        b.push(field("letter.field.name"));
        b.push(field("letter.field.id"));
        b.push(field("letter.field.address"));
    } else {
        b.push(field("letter.field.person"));
        b.push(field(&format!(
            "letter.field.applicant.{}",
            name_of(&applicant)
        )));
    }
    let decision = match req.decision {
        Decision::Refused => "refused",
        Decision::NotAsRight => "not_as_right",
        Decision::FewerHours => "fewer_hours",
        Decision::NotAsBpa => "not_as_bpa",
    };
    let mut what = paragraph(&format!("appeal.decision.{decision}"))
        .with("received", Piece::Date(req.received));
    if let Some(g) = req.granted_hours {
        what = what.with("granted", Piece::Number(format!("{g:.2}")));
    }
    b.push(what);
    let ask = match (standing, req.decision) {
        (Standing::NotMet, _) => ("appeal.ask.consider", "APPEAL_DUTY_CONSIDER"),
        (_, Decision::FewerHours) => ("appeal.ask.hours", "APPEAL_DUTY_NECESSARY"),
        (_, Decision::NotAsRight) => ("appeal.ask.as_right", "LETTER_APPLY"),
        _ => ("appeal.ask.right", "LETTER_APPLY"),
    };
    b.push(paragraph(ask.0).with("law", cite(&law.sources_of(ask.1))));
    b.push(paragraph("appeal.forward").with("law", cite(&law.sources_of("APPEAL_SEND_TO"))));

    if standing == Standing::Supported && req.decision != Decision::FewerHours {
        b.push(heading("appeal.grounds.title"));
        for r in grounds {
            let key = ground_key(r, child);
            let mut it = item(&key).with("law", cite(&r.sources));
            for (k, p) in pieces(r) {
                it = it.with(k, p);
            }
            b.push(it);
        }
    }
    if req.decision == Decision::FewerHours && standing == Standing::Supported {
        b.push(
            paragraph("appeal.hours.fewer")
                .with("counted", Piece::Number(format!("{:.2}", a.hours.counted)))
                .with("mapped", Piece::Number(format!("{:.2}", a.hours.mapped)))
                .with(
                    "granted",
                    Piece::Number(format!("{:.2}", req.granted_hours.unwrap_or(0.0))),
                ),
        );
    }
    if !duties.is_empty() {
        b.push(heading("appeal.duties.title"));
        for d in duties {
            let mut it = item(&format!("appeal.duty.{}", d.code)).with("law", cite(&d.sources));
            for (k, v) in &d.inputs {
                let p = if v.contains('.') && v.parse::<f64>().is_ok() {
                    Piece::Number(v.clone())
                } else {
                    Piece::Text(v.clone())
                };
                it = it.with(k, p);
            }
            b.push(it);
        }
    }
    b.push(paragraph("appeal.attachments"));
    if applicant == Applicant::PowerOfAttorney {
        b.push(paragraph("appeal.fullmakt").with("law", cite(&law.sources_of("APPEAL_WHO"))));
    }
    b.push(crate::letter::signature(child, applicant));
    b
}

/// The draft's text for a condition met: `appeal.ground.CODE[.variant]`.
fn ground_key(r: &Reason, child: bool) -> String {
    let variant = match r.code {
        "AGE" if r.inputs.contains_key("granted_before_limit") => Some("kept"),
        "HOURS" if r.status == Status::Municipality => Some("cost"),
        "ARBEIDSLEDER" if child => Some("parents"),
        "ARBEIDSLEDER" => r.inputs.get("answer").map(|a| {
            if a == "self" {
                "self"
            } else {
                "medarbeidsleder"
            }
        }),
        _ => None,
    };
    match variant {
        Some(v) => format!("appeal.ground.{}.{v}", r.code),
        None => format!("appeal.ground.{}", r.code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn decisions_read_as_the_command_line_and_the_json_write_them() {
        assert_eq!(Decision::parse("refused"), Ok(Decision::Refused));
        assert_eq!(Decision::parse("Not-As-Right"), Ok(Decision::NotAsRight));
        assert_eq!(Decision::parse("fewer_hours"), Ok(Decision::FewerHours));
        let e = Decision::parse("angry").unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("decision", "DECISION_UNKNOWN"));
        assert_eq!(
            e.values["choices"],
            "refused, not-as-right, fewer-hours, not-as-bpa"
        );
    }

    #[test]
    fn granted_hours_are_a_number_within_the_week() {
        assert_eq!(parse_granted(Some("20")), Ok(Some(20.0)));
        assert_eq!(parse_granted(Some(" 22,5 ")), Ok(Some(22.5)));
        assert_eq!(parse_granted(None), Ok(None));
        assert_eq!(parse_granted(Some("")), Ok(None));
        for bad in ["tjue", "-3", "1e3", "NaN", "inf", "2.5.1", "+4"] {
            let code = parse_granted(Some(bad)).map_err(|e| e.code);
            assert!(code.is_err(), "{bad} accepted");
        }
        assert_eq!(
            parse_granted(Some("169")).map_err(|e| e.code),
            Err("GRANTED_HOURS_RANGE")
        );
    }

    #[test]
    fn the_deadline_is_four_weeks_later_on_the_same_weekday() {
        let law = Law::embedded();
        let d = deadline(law, day(2026, 1, 31), day(2026, 2, 2)).unwrap();
        assert_eq!(d.date, day(2026, 2, 28));
        assert_eq!(
            (d.day, d.weekend, d.days_left, d.passed),
            (Day::Sat, true, 26, false)
        );
        let over_new_year = deadline(law, day(2026, 12, 20), day(2027, 1, 18)).unwrap();
        assert_eq!(over_new_year.date, day(2027, 1, 17));
        assert!(over_new_year.passed);
        let leap = deadline(law, day(2028, 2, 1), day(2028, 2, 1)).unwrap();
        assert_eq!(leap.date, day(2028, 2, 29));
        let before = deadline(law, day(2011, 12, 1), day(2026, 1, 1)).unwrap_err();
        assert_eq!(
            (before.field.as_str(), before.code),
            ("received", "RECEIVED_BEFORE_RULES")
        );
    }
}
