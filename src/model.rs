//! The input: a person and their needs for help through a week (kartlegging).
//!
//! This is the JSON that the page saves, shares and the CLI reads. Every
//! answer a person may not have given yet is an `Option`: a missing answer
//! makes the result "uncertain", never a guess.

use crate::time::{Date, Days, TimeOfDay};
use serde::{Deserialize, Serialize};

/// The format version of [`Case`]. A file or link from a newer version is
/// refused with a plain message rather than half-read.
pub const FORMAT_VERSION: u32 = 1;

/// Everything the person has told us (saken).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
        }
    }
}

/// About the person who needs help (personen).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
}

/// Yes, no or "vet ikke": a real answer, not a missing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    DontKnow,
}

/// Who applies (søker).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
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

/// Who can be arbeidsleder: lead the assistants, plan their work, train them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
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

/// Services the person already has (nåværende tjenester).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
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

/// One need for help at set times (et behov).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// The need lasts the whole time, without breaks (kontinuerlig, "hele
    /// tiden"), such as awake supervision all night.
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
            crate::time::MINUTES_PER_DAY - s + e
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
pub struct NightWindow {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
}

/// The person's own short answers to the kartlegging questions (fritekst).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

/// Writes each of these enums as its name, as serde's derive writes a unit
/// variant ("personal", "dont_know"). Why by hand: the derived `Serialize`
/// is a match written out for every enum in the page's WebAssembly, while
/// the names are already there, in the [`Names`] tables the readers use.
/// (Reading stays serde's derive; a test checks that both use the same names.)
///
/// [`Names`]: crate::profile::Names
macro_rules! serialize_by_name {
    ($($e:ty),*) => {$(
        impl serde::Serialize for $e {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(crate::model::name_of(self))
            }
        }
    )*};
}
pub(crate) use serialize_by_name;

serialize_by_name!(
    Answer,
    Applicant,
    Arbeidsleder,
    CurrentService,
    NeedKind,
    Place
);

/// The name of `e` in its [`Names`](crate::profile::Names) table.
pub(crate) fn name_of<E: crate::profile::Names + PartialEq>(e: &E) -> &'static str {
    let (names, values) = E::NAMES;
    values
        .iter()
        .position(|v| v == e)
        .and_then(|i| names.get(i))
        .copied()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Names;
    use crate::rules::{Status, Verdict};
    use crate::time::Day;

    /// Every name written is the one serde's derive reads back as the same
    /// value, and every value has a name.
    fn names_round_trip<E>()
    where
        E: Names + PartialEq + std::fmt::Debug + Serialize + for<'de> Deserialize<'de>,
    {
        for (name, value) in E::NAMES.0.iter().zip(E::NAMES.1) {
            let text = serde_json::to_string(value).unwrap();
            assert_eq!(text, format!("\"{name}\""));
            assert_eq!(&serde_json::from_str::<E>(&text).unwrap(), value);
        }
        assert_eq!(E::NAMES.0.len(), E::NAMES.1.len());
    }

    #[test]
    fn enums_are_written_as_serde_reads_them() {
        names_round_trip::<Answer>();
        names_round_trip::<Applicant>();
        names_round_trip::<Arbeidsleder>();
        names_round_trip::<CurrentService>();
        names_round_trip::<NeedKind>();
        names_round_trip::<Place>();
        names_round_trip::<Day>();
        names_round_trip::<Status>();
        names_round_trip::<Verdict>();
    }
}
