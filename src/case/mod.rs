//! The case: a person and their needs for help through a week (saken,
//! kartleggingen). The first step of the flow; everything after it reads it.
//!
//! This is the JSON that the page saves, shares and the CLI reads, written
//! and read by serde's derive everywhere ([`read`]). Every answer a person
//! may not have given yet is an `Option`: a missing answer makes the result
//! "uncertain", never a guess. [`validate`] checks what the types cannot
//! (ranges, an end after its start, sizes).

pub mod example;
pub mod read;
pub mod time;
pub mod validate;

use self::time::{Date, Days, TimeOfDay};
use serde::{Deserialize, Serialize};

/// The format version of [`Case`]. A file or link from a newer version is
/// refused with a plain message rather than half-read.
///
/// - 1: the first format.
/// - 2: `person.awake_at_night`, `beyond_normal_care` and `lives_at_home`;
///   a need's `continuous` speaks of two helpers only, no longer of the
///   night. Version 1 files are read as they are.
/// - 3: `person.income_band` (for the estimate of the charge) and
///   `attached` (the documents ticked as attached to the application).
///   Files of versions 1 and 2 are read as they are.
pub const FORMAT_VERSION: u32 = 3;

/// Everything the person has told us (saken).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Case {
    #[serde(default = "format_version")]
    pub version: u32,
    #[serde(default)]
    pub person: Person,
    /// Needs at set times of the day (behov gjennom døgnet).
    #[serde(default)]
    pub needs: Vec<Need>,
    /// Needs counted per month, such as leisure (fritid) 12 h/month.
    #[serde(default)]
    pub monthly: Vec<MonthlyNeed>,
    #[serde(default)]
    pub settings: Settings,
    /// The person's own short answers to the kartlegging questions
    /// (Oslo's routine, "Kartlegging og vurdering"); shown and printed, never
    /// used by the rules.
    #[serde(default, skip_serializing_if = "Notes::is_empty")]
    pub notes: Notes,
    /// The documents the person has ticked as attached to the application,
    /// by code (`DOC_DOCTOR_STATEMENT`, or a municipality's own item code):
    /// the application letter lists them as attached, the rest as to follow.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attached: Vec<String>,
}

fn format_version() -> u32 {
    FORMAT_VERSION
}

impl Default for Case {
    fn default() -> Self {
        Case {
            version: FORMAT_VERSION,
            person: Person::default(),
            needs: Vec::new(),
            monthly: Vec::new(),
            settings: Settings::default(),
            notes: Notes::default(),
            attached: Vec::new(),
        }
    }
}

/// About the person who needs help (personen).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Person {
    /// Age in whole years (alder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<i64>,
    /// Is the need expected to last more than 2 years (langvarig behov)?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_lasting: Option<Answer>,
    /// Was BPA granted under the right (pbrl. § 2-1 d) before the person
    /// turned 67? Only asked from 67 on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub granted_before_67: Option<Answer>,
    /// Who applies (hvem søker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicant: Option<Applicant>,
    /// Who can lead the assistants (arbeidsleder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arbeidsleder: Option<Arbeidsleder>,
    /// Services the person has today (nåværende tjenester).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub current_services: Vec<CurrentService>,
    /// "Må noen være hos deg (våken) hele natten?": the night counts only
    /// when someone must be present through it (kontinuerlig behov om
    /// natten), a question about the person, not about one entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awake_at_night: Option<Answer>,
    /// For a child: the parent confirms the map holds only help beyond what
    /// other children of the same age need (ut over normalomsorg).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beyond_normal_care: Option<Answer>,
    /// For a child: does the child live at home (hjemmeboende)? Respite is
    /// part of the right only for parents of a child living at home.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lives_at_home: Option<Answer>,
    /// The household's income, as the regulation on charges reads it: net
    /// taxable income before særfradrag, from the last tax assessment, in
    /// bands that fall on the 2G line of the year (forskrift om egenandel
    /// for kommunale helse- og omsorgstjenester). Optional, and left out of
    /// share links unless the person includes it (`link::encode_with`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income_band: Option<IncomeBand>,
}

/// The household's income in multiples of the grunnbeløp (G), for the
/// estimate of the charge. "Under 2G" is the line the regulation draws:
/// below it the state's monthly cap applies; from it the municipality sets
/// its own rates, often by the bands 2–3G, 3–4G, 4–5G and 5G or more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IncomeBand {
    /// Under 2G.
    #[serde(rename = "under_2g")]
    Under2G,
    /// 2G up to under 3G.
    #[serde(rename = "2g_to_3g")]
    From2GTo3G,
    /// 3G up to under 4G.
    #[serde(rename = "3g_to_4g")]
    From3GTo4G,
    /// 4G up to under 5G.
    #[serde(rename = "4g_to_5g")]
    From4GTo5G,
    /// 5G or more.
    #[serde(rename = "5g_or_more")]
    From5G,
    /// "Vil ikke svare": a real answer, not a missing one.
    #[serde(rename = "not_telling")]
    NotTelling,
}

impl IncomeBand {
    pub const ALL: [IncomeBand; 6] = [
        IncomeBand::Under2G,
        IncomeBand::From2GTo3G,
        IncomeBand::From3GTo4G,
        IncomeBand::From4GTo5G,
        IncomeBand::From5G,
        IncomeBand::NotTelling,
    ];

    /// The band's lower and upper bound in multiples of G (`None` above
    /// the last); `None` for "not telling".
    pub fn bounds(self) -> Option<(f64, Option<f64>)> {
        match self {
            IncomeBand::Under2G => Some((0.0, Some(2.0))),
            IncomeBand::From2GTo3G => Some((2.0, Some(3.0))),
            IncomeBand::From3GTo4G => Some((3.0, Some(4.0))),
            IncomeBand::From4GTo5G => Some((4.0, Some(5.0))),
            IncomeBand::From5G => Some((5.0, None)),
            IncomeBand::NotTelling => None,
        }
    }
}

/// Yes, no or "vet ikke": a real answer, not a missing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    DontKnow,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Yes, Answer::No, Answer::DontKnow];
}

/// Who applies (søker).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicant {
    /// The person themself (personen selv).
    #[serde(rename = "self")]
    Myself,
    /// A parent for a child under 18 (foreldre/foresatte).
    Parent,
    /// Someone else with a power of attorney (fullmektig).
    PowerOfAttorney,
    /// A guardian (verge).
    Guardian,
    /// A holder of a confirmed future power of attorney (fremtidsfullmektig).
    FuturePowerOfAttorney,
}

impl Applicant {
    pub const ALL: [Applicant; 5] = [
        Applicant::Myself,
        Applicant::Parent,
        Applicant::PowerOfAttorney,
        Applicant::Guardian,
        Applicant::FuturePowerOfAttorney,
    ];
}

/// Who can be arbeidsleder: lead the assistants, plan their work, train them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arbeidsleder {
    /// The person themself.
    #[serde(rename = "self")]
    Myself,
    /// Someone named leads with or for them (medarbeidsleder): a parent,
    /// guardian, fremtidsfullmektig or relative.
    Medarbeidsleder,
    /// Nobody yet.
    NobodyYet,
    /// Don't know (vet ikke).
    DontKnow,
}

impl Arbeidsleder {
    pub const ALL: [Arbeidsleder; 4] = [
        Arbeidsleder::Myself,
        Arbeidsleder::Medarbeidsleder,
        Arbeidsleder::NobodyYet,
        Arbeidsleder::DontKnow,
    ];
}

/// Services the person already has (nåværende tjenester).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CurrentService {
    /// Praktisk bistand (hjemmehjelp, personlig assistanse).
    PracticalHelp,
    /// Hjemmesykepleie.
    HomeNursing,
    /// Avlastning.
    Respite,
    /// Støttekontakt.
    SupportContact,
    /// Omsorgsstønad.
    CareAllowance,
    /// BPA already, by discretion or under the right.
    Bpa,
    Other,
}

impl CurrentService {
    pub const ALL: [CurrentService; 7] = [
        CurrentService::PracticalHelp,
        CurrentService::HomeNursing,
        CurrentService::Respite,
        CurrentService::SupportContact,
        CurrentService::CareAllowance,
        CurrentService::Bpa,
        CurrentService::Other,
    ];
}

/// One need for help at set times (et behov).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Need {
    pub kind: NeedKind,
    pub days: Days,
    pub start: TimeOfDay,
    pub end: TimeOfDay,
    /// The help goes on past midnight into the next day (22:00–02:00).
    #[serde(default, skip_serializing_if = "is_false")]
    pub crosses_midnight: bool,
    /// How many helpers at once (antall hjelpere samtidig).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub helpers: u8,
    #[serde(default, skip_serializing_if = "is_home")]
    pub place: Place,
    /// Two helpers are needed the whole time, without breaks (kontinuerlig,
    /// "hele tiden"). It says nothing about the night: whether the night
    /// counts is [`Person::awake_at_night`] and the map's cover of the
    /// night, because a 30-minute turning ticked "hele tiden" is still
    /// point-wise help (Helsedirektoratet's commentary; Oslo's routine).
    #[serde(default, skip_serializing_if = "is_false")]
    pub continuous: bool,
    /// The person's own words ("Stå opp og dusj"). Shown as text only.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

impl Need {
    /// Length of one occurrence in minutes.
    pub fn minutes(&self) -> u32 {
        let (s, e) = (self.start.minutes(), self.end.minutes());
        if self.crosses_midnight {
            time::MINUTES_PER_DAY - s + e
        } else {
            e.saturating_sub(s)
        }
    }
}

fn one() -> u8 {
    1
}
fn is_one(n: &u8) -> bool {
    *n == 1
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn is_home(p: &Place) -> bool {
    *p == Place::Home
}

/// What the help is for (type hjelp).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeedKind {
    /// Personlig assistanse: getting up, hygiene, meals, moving about,
    /// communication, supervision (tilsyn).
    Personal,
    /// Praktisk bistand i hjemmet: cleaning, washing, shopping.
    Household,
    /// Fritid og sosialt liv, støttekontakt.
    Leisure,
    /// Opplæring, trening, hverdagsrehabilitering.
    Training,
    /// Foreldreoppgaver: care of one's own children.
    Parenting,
    /// Avlastning for parents of a child living at home.
    Respite,
    /// Helsehjelp: medication, wound care, anything on a health professional's
    /// instruction (hjemmesykepleie).
    Health,
}

impl NeedKind {
    pub const ALL: [NeedKind; 7] = [
        NeedKind::Personal,
        NeedKind::Household,
        NeedKind::Leisure,
        NeedKind::Training,
        NeedKind::Parenting,
        NeedKind::Respite,
        NeedKind::Health,
    ];
}

/// Where the help is given (hvor).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// Hjemme.
    #[default]
    Home,
    /// Ute: shops, visits, activities.
    Out,
    /// Barnehage, SFO/AKS or school.
    School,
    /// At work (på jobb).
    Work,
    /// Higher education (høyere utdanning).
    HigherEducation,
}

impl Place {
    pub const ALL: [Place; 5] = [
        Place::Home,
        Place::Out,
        Place::School,
        Place::Work,
        Place::HigherEducation,
    ];
}

/// A need counted in hours per month (timer per måned), such as leisure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct MonthlyNeed {
    pub kind: NeedKind,
    pub hours_per_month: f64,
    #[serde(default, skip_serializing_if = "is_home")]
    pub place: Place,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

/// Settings with sensible defaults (innstillinger).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Settings {
    /// The night window (natt). Default: the law file's `night_start` and
    /// `night_end` (23:00–07:00); a municipality profile may set its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub night: Option<NightWindow>,
    /// The rules in force on this date apply. Default: today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment_date: Option<Date>,
    /// The language of the texts: "nb", "nn" or "en".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The municipality profile chosen (kommune), such as "oslo".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
}

/// When night is (nattvindu); it always crosses midnight or ends at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct NightWindow {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
}

impl NightWindow {
    /// A start and an end within the day (00:00–23:59), and not the same.
    pub fn is_valid(&self) -> bool {
        let (s, e) = (self.start.minutes(), self.end.minutes());
        s < time::MINUTES_PER_DAY && e < time::MINUTES_PER_DAY && s != e
    }
}

/// The person's own short answers to the kartlegging questions (fritekst).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Notes {
    /// Own goal (egen målsetting).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub goal: String,
    /// What help is needed, in one's own words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub help: String,
    /// About the arbeidsleder role.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub arbeidsleder: String,
    /// Aids, adaptations and welfare technology tried (hjelpemidler).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub aids: String,
    /// Special burdens, earlier experience, anything else.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub other: String,
}

impl Notes {
    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|(_, v)| v.is_empty())
    }
    /// The fields with their JSON names, for validation and printing.
    pub fn fields(&self) -> [(&'static str, &str); 5] {
        [
            ("goal", &self.goal),
            ("help", &self.help),
            ("arbeidsleder", &self.arbeidsleder),
            ("aids", &self.aids),
            ("other", &self.other),
        ]
    }
}

crate::objects_only!(
    Case,
    Person,
    Need,
    MonthlyNeed,
    Settings,
    NightWindow,
    Notes
);

/// The name serde gives a value ("personal", "dont_know"): how it is
/// written in files and in catalogue keys (`kind.personal`).
pub fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_no_case_and_no_person() {
        for text in [
            "[]",
            r#"{"person": []}"#,
            r#"{"needs": [[]]}"#,
            r#"{"settings": [null]}"#,
        ] {
            let read: Result<Case, _> = serde_json::from_str(text);
            let e = read.expect_err(text).to_string();
            assert!(e.contains("expected struct"), "{text}: {e}");
        }
        let ok: Case = serde_json::from_str(r#"{"person": {"age": 3}}"#).unwrap();
        assert_eq!(ok.person.age, Some(3));
    }

    #[test]
    fn enums_are_written_as_they_are_read() {
        for k in NeedKind::ALL {
            let text = serde_json::to_string(&k).unwrap();
            assert_eq!(serde_json::from_str::<NeedKind>(&text).unwrap(), k);
            assert_eq!(format!("\"{}\"", name_of(&k)), text);
        }
        assert_eq!(name_of(&Applicant::Myself), "self");
        assert_eq!(name_of(&Answer::DontKnow), "dont_know");
    }
}
