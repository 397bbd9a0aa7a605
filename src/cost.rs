//! What the help may cost the person (egenbetaling): an estimate of the
//! monthly charge for the parts of the map that may carry one. A step beside
//! the verdict, read by [`crate::assess`] into the answer's `cost`.
//!
//! Forskrift om egenandel for kommunale helse- og omsorgstjenester
//! (FOR-2011-12-16-1349), as BPA-RULES.md reads it:
//! - a municipality may charge for praktisk bistand og opplæring, BPA
//!   included, but not for personal care and egenomsorg (personlig stell),
//!   never for respite (avlastning), never for health help, and never above
//!   its own cost (selvkost). Which kinds of the map may carry a charge is
//!   the law file's `charge_kinds`;
//! - the basis is the household's net taxable income before særfradrag,
//!   from the last tax assessment; help because of a minor's needs is
//!   deemed given to the parents, so their household's income counts;
//! - under 2G the household pays at most the state's monthly cap for the
//!   year (`charge_cap_under_2g`, one value a calendar year, from 1 January);
//!   from 2G the municipality sets it: its own rate when its profile has one.
//!
//! G (`grunnbelop`) changes on 1 May: the 2G line is 2 × the G in force on
//! the assessment date. A figure the law file marks `unverified` is said to
//! be so; a year the file has no cap for is said to be unknown, with the
//! latest known figure and its year, never guessed.

use crate::case::time::Date;
use crate::case::{name_of, Case, IncomeBand, NeedKind, Place};
use crate::law::{Law, ParamValue, Value};
use crate::municipality::Profile;
use crate::verdict::{inputs_map, Note};
use serde::Serialize;

/// One dated figure of the law file, as the estimate used it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    pub value: f64,
    /// The day it took effect.
    pub from: Date,
    pub sources: Vec<String>,
    /// Not found in the law or the state's own text (see the law file's note).
    #[serde(skip_serializing_if = "is_false")]
    pub unverified: bool,
    /// Not the figure for the day asked: the latest known before it (a cap
    /// of an earlier year, or a G more than a year old).
    #[serde(skip_serializing_if = "is_false")]
    pub stale: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The municipality's own rate for the household's band, from its profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MunicipalRate {
    pub band: IncomeBand,
    /// The most a month, in kroner.
    pub monthly_max: f64,
    /// Per hour, when the profile gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_hour: Option<f64>,
    /// The year the profile's rates are for.
    pub year: u16,
    /// Ids of the profile's sources (`municipality.sources`).
    pub sources: Vec<String>,
}

/// The estimate of the charge (anslag på egenandel). Always an estimate:
/// the municipality decides the charge in its decision.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cost {
    /// The year whose figures are used: the assessment date's.
    pub year: u16,
    /// The household's income band, as answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub income_band: Option<IncomeBand>,
    /// Hours a week mapped of the kinds that may carry a charge (help at
    /// school, work or in higher education is not the municipality's).
    pub chargeable_hours: f64,
    /// Those kinds, as they are in the map.
    pub chargeable_kinds: Vec<NeedKind>,
    /// The most a month in kroner, when known: 0 when nothing may carry a
    /// charge, the cap under 2G, the municipality's rate from 2G.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monthly_max: Option<f64>,
    /// The G in force on the assessment date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grunnbelop: Option<Figure>,
    /// 2 × G: the line between the state's cap and the municipality's rates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub two_g: Option<f64>,
    /// The state's cap for incomes under 2G for `year`, or the latest before
    /// it (then `stale`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<Figure>,
    /// The municipality's rate for the band, when its profile has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality_rate: Option<MunicipalRate>,
    /// The estimate in one line: `note.CODE` with its inputs.
    pub estimate: Note,
    /// What else to know: a child's charge is the parents', what is free,
    /// figures not verified.
    pub notes: Vec<Note>,
    /// Some figure used is not verified against the regulation or NAV.
    pub unverified: bool,
}

/// A figure of the law file in force on `date`, if the file has one.
fn figure(law: &Law, name: &str, date: Date) -> Option<Figure> {
    let p: &ParamValue = law.value(name, date).ok()?;
    let Value::Number(value) = p.value else {
        return None;
    };
    Some(Figure {
        value,
        from: p.from,
        sources: p.sources.clone(),
        unverified: p.unverified,
        stale: false,
    })
}

/// The G in force on `date`, `stale` when it is more than a year old (G
/// changes every 1 May, so the file lacks the year's).
pub fn grunnbelop(law: &Law, date: Date) -> Option<Figure> {
    figure(law, "grunnbelop", date).map(|mut g| {
        let next = Date::new(g.from.year + 1, g.from.month, g.from.day);
        g.stale = next.is_some_and(|n| date >= n);
        g
    })
}

/// The kinds of the map that may carry a charge, from the law file.
pub fn charge_kinds(law: &Law, date: Date) -> Vec<NeedKind> {
    let Ok(p) = law.value("charge_kinds", date) else {
        return Vec::new();
    };
    let Value::Text(names) = &p.value else {
        return Vec::new();
    };
    NeedKind::ALL
        .into_iter()
        .filter(|k| names.split_whitespace().any(|n| n == name_of(k)))
        .collect()
}

/// A whole number of kroner as the inputs carry it ("273098").
fn kr(v: f64) -> String {
    format!("{}", v.round() as i64)
}

/// Help the municipality gives: not at school, work or in higher education.
fn municipal(place: Place) -> bool {
    matches!(place, Place::Home | Place::Out)
}

/// The estimate for `case` on `date`, with the municipality's rates from
/// `profile` when it has them.
pub fn estimate(case: &Case, law: &Law, date: Date, adult_age: i64, profile: &Profile) -> Cost {
    let kinds = charge_kinds(law, date);
    let mut minutes = 0f64;
    let mut chargeable_kinds: Vec<NeedKind> = Vec::new();
    let mut free_kinds = false;
    let mut seen = |k: NeedKind, m: f64, place: Place| {
        if kinds.contains(&k) && municipal(place) {
            minutes += m;
            if !chargeable_kinds.contains(&k) {
                chargeable_kinds.push(k);
            }
        } else if municipal(place) {
            free_kinds = true;
        }
    };
    for n in &case.needs {
        seen(
            n.kind,
            f64::from(n.minutes()) * f64::from(n.days.len()),
            n.place,
        );
    }
    for m in &case.monthly {
        seen(m.kind, m.hours_per_month * 60.0 * 12.0 / 52.0, m.place);
    }
    chargeable_kinds.sort();
    let chargeable_hours = (minutes / 60.0 * 100.0).round() / 100.0;

    let year = date.year;
    let grunnbelop = grunnbelop(law, date);
    let two_g = grunnbelop.as_ref().map(|g| 2.0 * g.value);
    let cap = figure(law, "charge_cap_under_2g", date).map(|mut c| {
        c.stale = c.from.year != year;
        c
    });

    let sources_of = |code: &str| law.sources_of(code);
    let note = |code: &'static str, inputs: &[(&'static str, String)]| Note {
        code: code.to_string(),
        inputs: inputs_map(inputs),
        sources: sources_of(code),
        link: None,
    };
    let two_g_text = two_g.map_or_else(|| "?".to_string(), kr);
    let g_from = grunnbelop
        .as_ref()
        .map_or_else(|| "?".to_string(), |g| g.from.to_string());
    let base: Vec<(&'static str, String)> = vec![
        ("year", year.to_string()),
        ("two_g", two_g_text),
        ("g_from", g_from),
    ];
    let with = |extra: &[(&'static str, String)]| -> Vec<(&'static str, String)> {
        base.iter().cloned().chain(extra.iter().cloned()).collect()
    };
    let band = case.person.income_band;
    let municipality = profile.name.clone().unwrap_or_default();

    let mut rate = None;
    let (estimate, monthly_max) = if chargeable_hours <= 0.0 {
        (note("COST_NO_CHARGE", &with(&[])), Some(0.0))
    } else {
        let hours = ("hours", format!("{chargeable_hours:.2}"));
        match band {
            None | Some(IncomeBand::NotTelling) => (note("COST_ASK_INCOME", &with(&[hours])), None),
            Some(IncomeBand::Under2G) => match &cap {
                Some(c) if !c.stale => (
                    note("COST_UNDER_2G", &with(&[hours, ("cap", kr(c.value))])),
                    Some(c.value),
                ),
                Some(c) => (
                    note(
                        "COST_CAP_UNKNOWN",
                        &with(&[
                            hours,
                            ("latest", kr(c.value)),
                            ("latest_year", c.from.year.to_string()),
                        ]),
                    ),
                    None,
                ),
                None => (
                    note(
                        "COST_CAP_UNKNOWN",
                        &with(&[
                            hours,
                            ("latest", "?".to_string()),
                            ("latest_year", "?".to_string()),
                        ]),
                    ),
                    None,
                ),
            },
            Some(b) => {
                let own = profile
                    .charges
                    .as_ref()
                    .and_then(|c| c.monthly_max.get(&b).map(|m| (c, *m)));
                match own {
                    Some((c, m)) => {
                        rate = Some(MunicipalRate {
                            band: b,
                            monthly_max: m,
                            per_hour: c.per_hour,
                            year: c.year,
                            sources: c.sources.clone(),
                        });
                        let inputs = with(&[
                            hours,
                            ("band", name_of(&b)),
                            ("amount", kr(m)),
                            ("rate_year", c.year.to_string()),
                            ("municipality", municipality.clone()),
                        ]);
                        (note("COST_MUNICIPALITY_RATE", &inputs), Some(m))
                    }
                    None => (
                        note("COST_OVER_2G", &with(&[hours, ("band", name_of(&b))])),
                        None,
                    ),
                }
            }
        }
    };

    let mut notes = Vec::new();
    if case.person.age.is_some_and(|a| a < adult_age) && chargeable_hours > 0.0 {
        notes.push(note("COST_CHILD_PARENTS", &[]));
    }
    let charged = chargeable_hours > 0.0;
    if free_kinds && charged {
        notes.push(note("COST_FREE_KINDS", &[]));
    }
    // Only the figures the estimate rests on: G whenever the 2G line is
    // named, the cap when it is the answer.
    let shown_cap = band == Some(IncomeBand::Under2G) && charged;
    let unverified = charged
        && (grunnbelop.as_ref().is_some_and(|g| g.unverified)
            || (shown_cap && cap.as_ref().is_some_and(|c| c.unverified && !c.stale)));
    if unverified {
        notes.push(note("COST_UNVERIFIED", &[("year", year.to_string())]));
    }
    Cost {
        year,
        income_band: band,
        chargeable_hours,
        chargeable_kinds,
        monthly_max,
        grunnbelop,
        two_g,
        cap,
        municipality_rate: rate,
        estimate,
        notes,
        unverified,
    }
}

impl Cost {
    /// Every source the estimate names, for the answer's list.
    pub fn source_ids(&self) -> Vec<&String> {
        let figures = [&self.grunnbelop, &self.cap];
        self.estimate
            .sources
            .iter()
            .chain(self.notes.iter().flat_map(|n| &n.sources))
            .chain(figures.into_iter().flatten().flat_map(|f| &f.sources))
            .collect()
    }
}
