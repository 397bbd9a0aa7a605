//! What the page's forms need from the engine: the law's values in force,
//! the choices of each question and the limits of each field.
//!
//! No rule number is written in the page's JavaScript: the ages, hours,
//! night window and guidance it shows beside a question come from here, as
//! in force on the day, and so do the choices it offers and the limits it
//! checks as a person types. A change of law or of a limit is then one edit
//! on the Rust side, and the page follows.

use crate::case::time::{Date, Day};
use crate::case::{Answer, Applicant, Arbeidsleder, CurrentService, IncomeBand, NeedKind, Place};
use crate::config;
use crate::cost::Figure;
use crate::error::InputError;
use crate::law::{InForce, Law};
use serde::Serialize;

/// The choices a question offers, as their names in the case's JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Choices {
    pub kinds: Vec<NeedKind>,
    pub places: Vec<Place>,
    pub answers: Vec<Answer>,
    pub applicants: Vec<Applicant>,
    pub arbeidsleder: Vec<Arbeidsleder>,
    /// For a child (under `law.adult_age`): the parents lead, so "I lead
    /// myself" is not offered (a case that says so anyway is uncertain).
    pub arbeidsleder_child: Vec<Arbeidsleder>,
    pub services: Vec<CurrentService>,
    pub days: Vec<Day>,
    /// 1 to [`config::MAX_HELPERS`].
    pub helpers: Vec<u8>,
    /// The household's income, in bands on the 2G line, and "not telling".
    pub income_bands: Vec<IncomeBand>,
}

/// One income band in kroner for the year, for the question's choices
/// (`income.<band>` in the catalogues, with `{low}` and `{high}`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BandLine {
    pub band: IncomeBand,
    /// Kroner a year from which the band starts (0 for under 2G).
    pub low: f64,
    /// Kroner a year where the next band starts; none for the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
}

/// The income question's figures on one day: the G in force and the bands
/// in kroner. Empty bands when the law file has no G for the day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Income {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grunnbelop: Option<Figure>,
    pub bands: Vec<BandLine>,
}

/// The limits of the fields, as the engine checks them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Limits {
    pub max_needs: usize,
    pub max_monthly: usize,
    pub max_label_chars: usize,
    pub max_note_chars: usize,
    pub max_age: i64,
    pub max_hours_per_month: f64,
    pub max_input_bytes: usize,
    pub max_link_chars: usize,
    pub max_municipality_bytes: usize,
}

/// Everything the forms need on one day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Forms {
    pub rules_version: String,
    pub law: InForce,
    pub choices: Choices,
    pub limits: Limits,
    /// The income question: the bands in kroner for the day.
    pub income: Income,
}

/// The forms' values for `date`.
pub fn forms(law: &Law, date: Date) -> Result<Forms, InputError> {
    Ok(Forms {
        rules_version: law.version.clone(),
        law: law.in_force(date)?,
        choices: Choices {
            kinds: NeedKind::ALL.to_vec(),
            places: Place::ALL.to_vec(),
            answers: Answer::ALL.to_vec(),
            applicants: Applicant::ALL.to_vec(),
            arbeidsleder: Arbeidsleder::ALL.to_vec(),
            arbeidsleder_child: Arbeidsleder::ALL
                .into_iter()
                .filter(|a| *a != Arbeidsleder::Myself)
                .collect(),
            services: CurrentService::ALL.to_vec(),
            days: Day::ALL.to_vec(),
            helpers: (1..=config::MAX_HELPERS).collect(),
            income_bands: IncomeBand::ALL.to_vec(),
        },
        limits: Limits {
            max_needs: config::MAX_NEEDS,
            max_monthly: config::MAX_MONTHLY,
            max_label_chars: config::MAX_LABEL_CHARS,
            max_note_chars: config::MAX_NOTE_CHARS,
            max_age: config::MAX_AGE,
            max_hours_per_month: config::MAX_HOURS_PER_MONTH,
            max_input_bytes: config::MAX_INPUT_BYTES,
            max_link_chars: config::MAX_LINK_CHARS,
            max_municipality_bytes: config::MAX_MUNICIPALITY_BYTES,
        },
        income: income(law, date),
    })
}

/// The income bands in kroner: multiples of the G in force on `date`.
pub fn income(law: &Law, date: Date) -> Income {
    let grunnbelop = crate::cost::grunnbelop(law, date);
    let bands = grunnbelop.as_ref().map_or_else(Vec::new, |g| {
        IncomeBand::ALL
            .into_iter()
            .filter_map(|band| {
                let (low, high) = band.bounds()?;
                Some(BandLine {
                    band,
                    low: (low * g.value).round(),
                    high: high.map(|h| (h * g.value).round()),
                })
            })
            .collect()
    });
    Income { grunnbelop, bands }
}
