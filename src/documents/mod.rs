//! Documents, alternatives and next steps as data (dokumenter, alternativer
//! og neste steg), and the small condition language that picks them. The
//! fifth step of the flow, after the verdict.
//!
//! Which documents to send and what to do next depends on the answers: a
//! guardian sends the vergefullmakt, household help needs income
//! information, work hours belong to NAV. Those choices are data rather than
//! code, so that a caseworker can read and change them beside the law file,
//! and a municipality's profile can add its own without code:
//! - the built-in items live in `src/law/items.toml`, compiled in by
//!   `build.rs` like the law file and read with serde. Their texts
//!   are the catalogue keys `note.CODE`, and their sources the law file's
//!   rule of the same code;
//! - a municipality profile ([`crate::profile`]) adds items of the same
//!   shape, with texts inline and sources on the municipality's own pages.
//!
//! Each item shows when its [`Condition`] holds for the case
//! ([`condition`] has the language).

pub mod condition;

pub use condition::Condition;

use crate::case::{Answer, Case, NeedKind, Place};
use crate::law::Law;
use crate::verdict::{Inputs, Note, Reason, Verdict};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// What an item is (hva slags punkt).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Dokument: to send with the application.
    Document,
    /// Alternativ: other help worth asking about.
    Alternative,
    /// Neste steg: what to do now.
    NextStep,
}

/// A value an item's text fills in (`{years}` in `note.DOC_DOCTOR_STATEMENT`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// How many years a need must last to be long-lasting (law file).
    Years,
    /// "true" until the person answers that the need will last.
    PrognosisUnknown,
}

impl Input {
    pub fn name(self) -> &'static str {
        match self {
            Input::Years => "years",
            Input::PrognosisUnknown => "prognosis_unknown",
        }
    }
}

/// Which of the municipality's addresses a built-in item links to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileLink {
    /// Its application form (søknadsskjema).
    Form,
    /// Its contact or BPA page.
    Contact,
}

/// A built-in item from `src/law/items.toml`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuiltinItem {
    /// Its text is `note.CODE`; its sources are the law file's rule `CODE`.
    pub code: String,
    pub kind: ItemKind,
    pub when: Condition,
    #[serde(default)]
    pub inputs: Vec<Input>,
    #[serde(default)]
    pub link: Option<ProfileLink>,
}

/// The built-in items, in the order shown, read once.
pub fn builtin() -> &'static [BuiltinItem] {
    #[derive(Deserialize)]
    struct ItemsFile {
        item: Vec<BuiltinItem>,
    }
    static ITEMS: OnceLock<Vec<BuiltinItem>> = OnceLock::new();
    ITEMS.get_or_init(|| {
        let text = include_str!(concat!(env!("OUT_DIR"), "/items.json"));
        // Our own file, read by a test on every run (see src/law/mod.rs).
        match serde_json::from_str(text).and_then(serde_json::from_value::<ItemsFile>) {
            Ok(f) => f.item,
            Err(e) => panic!("src/law/items.toml does not read: {e}"),
        }
    })
}

/// The municipality's addresses a built-in item may link to.
#[derive(Clone, Copy, Debug, Default)]
pub struct Links<'a> {
    pub form: Option<&'a str>,
    pub contact: Option<&'a str>,
}

/// What a condition may ask about: the case and the result (fakta).
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    pub case: &'a Case,
    /// The law's adult age (18), for `child` and `adult`.
    pub adult_age: i64,
    /// The law's "long-lasting" in years (2), for the `years` input.
    pub long_lasting_years: f64,
    pub verdict: Verdict,
    pub reasons: &'a [Reason],
}

impl Facts<'_> {
    fn has_kind(&self, k: NeedKind) -> bool {
        self.case.needs.iter().any(|n| n.kind == k) || self.case.monthly.iter().any(|m| m.kind == k)
    }
    fn has_place(&self, p: Place) -> bool {
        self.case.needs.iter().any(|n| n.place == p)
            || self.case.monthly.iter().any(|m| m.place == p)
    }
    fn child(&self) -> bool {
        self.case.person.age.is_some_and(|a| a < self.adult_age)
    }
    fn adult(&self) -> bool {
        self.case.person.age.is_some_and(|a| a >= self.adult_age)
    }
    fn input(&self, i: Input) -> String {
        match i {
            Input::Years => self.long_lasting_years.to_string(),
            Input::PrognosisUnknown => {
                (self.case.person.long_lasting != Some(Answer::Yes)).to_string()
            }
        }
    }
}

/// Whether `c` holds for these facts. Pure: the same facts give the same answer.
pub fn holds(c: &Condition, f: &Facts) -> bool {
    let p = &f.case.person;
    match c {
        Condition::Always => true,
        Condition::Never => false,
        Condition::Any(cs) => cs.iter().any(|c| holds(c, f)),
        Condition::All(cs) => cs.iter().all(|c| holds(c, f)),
        Condition::Not(c) => !holds(c, f),
        Condition::Kind(k) => f.has_kind(*k),
        Condition::Place(pl) => f.has_place(*pl),
        Condition::Applicant(a) => p.applicant == Some(*a),
        Condition::Arbeidsleder(a) => p.arbeidsleder == Some(*a),
        Condition::LongLasting(a) => p.long_lasting == Some(*a),
        Condition::Child(b) => f.child() == *b,
        Condition::Adult(b) => f.adult() == *b,
        Condition::LikelyRight(b) => f.verdict.likely_right() == *b,
        Condition::Verdict(v) => f.verdict == *v,
        Condition::HasCurrentServices(b) => p.current_services.is_empty() != *b,
        Condition::Reason { code, status } => f
            .reasons
            .iter()
            .any(|r| code.as_deref().map_or(true, |c| c == r.code) && status.contains(&r.status)),
    }
}

/// The items that show for one case, by kind.
#[derive(Clone, Debug, PartialEq)]
pub struct Chosen<T> {
    pub documents: Vec<T>,
    pub alternatives: Vec<T>,
    pub next_steps: Vec<T>,
}

impl<T> Default for Chosen<T> {
    fn default() -> Self {
        Chosen {
            documents: Vec::new(),
            alternatives: Vec::new(),
            next_steps: Vec::new(),
        }
    }
}

impl<T> Chosen<T> {
    pub fn push(&mut self, kind: ItemKind, item: T) {
        match kind {
            ItemKind::Document => self.documents.push(item),
            ItemKind::Alternative => self.alternatives.push(item),
            ItemKind::NextStep => self.next_steps.push(item),
        }
    }
}

/// The built-in items that show, as notes with their inputs, the law's
/// sources, and the municipality's form or contact page where the item
/// links one.
pub fn choose(items: &[BuiltinItem], f: &Facts, law: &Law, links: Links) -> Chosen<Note> {
    let mut chosen = Chosen::default();
    for item in items.iter().filter(|i| holds(&i.when, f)) {
        let link = match item.link {
            Some(ProfileLink::Form) => links.form,
            Some(ProfileLink::Contact) => links.contact,
            None => None,
        };
        let inputs: Inputs = item
            .inputs
            .iter()
            .map(|i| (i.name(), f.input(*i)))
            .collect();
        chosen.push(
            item.kind,
            Note {
                code: item.code.clone(),
                inputs,
                sources: law.sources_of(&item.code),
                link: link.map(str::to_string),
            },
        );
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::time::{Days, TimeOfDay};
    use crate::case::{Applicant, Arbeidsleder, CurrentService, MonthlyNeed, Need, Person};
    use crate::verdict::Status;
    use std::collections::BTreeMap;

    fn need(kind: NeedKind, place: Place) -> Need {
        Need {
            kind,
            days: Days::from_bits(1),
            start: TimeOfDay::hm(8, 0).unwrap_or_else(|| unreachable!()),
            end: TimeOfDay::hm(9, 0).unwrap_or_else(|| unreachable!()),
            crosses_midnight: false,
            helpers: 1,
            place,
            continuous: false,
            label: String::new(),
        }
    }

    fn reason(code: &'static str, status: Status) -> Reason {
        Reason::new(code, status, None, BTreeMap::new(), vec![])
    }

    /// Checks a condition against a case and result.
    fn check(c: &Condition, case: &Case, verdict: Verdict, reasons: &[Reason]) -> bool {
        holds(
            c,
            &Facts {
                case,
                adult_age: 18,
                long_lasting_years: 2.0,
                verdict,
                reasons,
            },
        )
    }

    fn on(c: &Condition, case: &Case) -> bool {
        check(c, case, Verdict::Uncertain, &[])
    }

    fn with_person(person: Person) -> Case {
        Case {
            person,
            ..Case::default()
        }
    }

    #[test]
    fn always_and_never() {
        let case = Case::default();
        assert!(on(&Condition::Always, &case));
        assert!(!on(&Condition::Never, &case));
    }

    #[test]
    fn kind_and_place_look_at_weekly_and_monthly_needs() {
        let mut case = Case::default();
        let household = Condition::Kind(NeedKind::Household);
        let work = Condition::Place(Place::Work);
        assert!(!on(&household, &case));
        case.needs.push(need(NeedKind::Household, Place::Home));
        assert!(on(&household, &case));
        assert!(!on(&work, &case));

        let mut monthly = Case::default();
        monthly.monthly.push(MonthlyNeed {
            kind: NeedKind::Leisure,
            hours_per_month: 12.0,
            place: Place::Work,
            label: String::new(),
        });
        assert!(on(&work, &monthly));
        assert!(on(&Condition::Kind(NeedKind::Leisure), &monthly));
        assert!(!on(&household, &monthly));
    }

    #[test]
    fn an_unanswered_question_matches_no_answer() {
        let case = Case::default();
        assert!(!on(&Condition::Applicant(Applicant::Guardian), &case));
        assert!(!on(&Condition::Arbeidsleder(Arbeidsleder::Myself), &case));
        assert!(!on(&Condition::LongLasting(Answer::Yes), &case));
        assert!(on(
            &Condition::Not(Box::new(Condition::LongLasting(Answer::Yes))),
            &case
        ));
        let answered = with_person(Person {
            applicant: Some(Applicant::Guardian),
            arbeidsleder: Some(Arbeidsleder::Medarbeidsleder),
            long_lasting: Some(Answer::DontKnow),
            ..Person::default()
        });
        assert!(on(&Condition::Applicant(Applicant::Guardian), &answered));
        assert!(!on(&Condition::Applicant(Applicant::Parent), &answered));
        assert!(on(
            &Condition::Arbeidsleder(Arbeidsleder::Medarbeidsleder),
            &answered
        ));
        assert!(on(&Condition::LongLasting(Answer::DontKnow), &answered));
    }

    #[test]
    fn child_and_adult_need_an_age_and_false_is_the_negation() {
        let age = |a: Option<i64>| {
            with_person(Person {
                age: a,
                ..Person::default()
            })
        };
        let (child, adult) = (Condition::Child(true), Condition::Adult(true));
        assert!(on(&child, &age(Some(17))));
        assert!(!on(&adult, &age(Some(17))));
        assert!(!on(&child, &age(Some(18))));
        assert!(on(&adult, &age(Some(18))));
        // No age: neither a child nor an adult, so both `false` tests hold.
        assert!(!on(&child, &age(None)));
        assert!(!on(&adult, &age(None)));
        assert!(on(&Condition::Child(false), &age(None)));
        assert!(on(&Condition::Adult(false), &age(None)));
        assert!(!on(&Condition::Adult(false), &age(Some(40))));
    }

    #[test]
    fn verdict_and_likely_right() {
        let case = Case::default();
        let likely = Condition::LikelyRight(true);
        for (v, want) in [
            (Verdict::LikelyRight, true),
            (Verdict::LikelyRightUnlessCost, true),
            (Verdict::Uncertain, false),
            (Verdict::NoRightByHours, false),
            (Verdict::NotCovered, false),
        ] {
            assert_eq!(check(&likely, &case, v, &[]), want, "{v:?}");
            assert_eq!(check(&Condition::LikelyRight(false), &case, v, &[]), !want);
        }
        let uncertain = Condition::Verdict(Verdict::Uncertain);
        assert!(check(&uncertain, &case, Verdict::Uncertain, &[]));
        assert!(!check(&uncertain, &case, Verdict::LikelyRight, &[]));
    }

    #[test]
    fn current_services() {
        let mut case = Case::default();
        let has = Condition::HasCurrentServices(true);
        assert!(!on(&has, &case));
        assert!(on(&Condition::HasCurrentServices(false), &case));
        case.person
            .current_services
            .push(CurrentService::HomeNursing);
        assert!(on(&has, &case));
    }

    #[test]
    fn reason_with_and_without_a_code() {
        let case = Case::default();
        let reasons = [
            reason("AGE", Status::Met),
            reason("LONG_LASTING", Status::Unknown),
            reason("HOURS", Status::NotMet),
        ];
        let r = |code: Option<&str>, status: &[Status]| Condition::Reason {
            code: code.map(str::to_string),
            status: status.to_vec(),
        };
        let v = Verdict::Uncertain;
        assert!(check(
            &r(Some("LONG_LASTING"), &[Status::Unknown]),
            &case,
            v,
            &reasons
        ));
        assert!(check(
            &r(Some("LONG_LASTING"), &[Status::Unknown, Status::NotMet]),
            &case,
            v,
            &reasons
        ));
        assert!(!check(
            &r(Some("LONG_LASTING"), &[Status::Met]),
            &case,
            v,
            &reasons
        ));
        assert!(!check(
            &r(Some("AGE"), &[Status::Unknown]),
            &case,
            v,
            &reasons
        ));
        // A reason not given at all has no status.
        assert!(!check(
            &r(Some("COST_TEST"), &[Status::Unknown]),
            &case,
            v,
            &reasons
        ));
        // Without a code: any reason.
        assert!(check(&r(None, &[Status::NotMet]), &case, v, &reasons));
        assert!(!check(
            &r(None, &[Status::Municipality]),
            &case,
            v,
            &reasons
        ));
        assert!(!check(&r(None, &[Status::Unknown]), &case, v, &[]));
    }

    #[test]
    fn any_all_not() {
        let case = with_person(Person {
            applicant: Some(Applicant::Parent),
            age: Some(30),
            ..Person::default()
        });
        let parent = Condition::Applicant(Applicant::Parent);
        let adult = Condition::Adult(true);
        let child = Condition::Child(true);
        assert!(on(
            &Condition::All(vec![parent.clone(), adult.clone()]),
            &case
        ));
        assert!(!on(
            &Condition::All(vec![parent.clone(), child.clone()]),
            &case
        ));
        assert!(on(
            &Condition::Any(vec![child.clone(), parent.clone()]),
            &case
        ));
        assert!(!on(
            &Condition::Any(vec![child.clone(), Condition::Never]),
            &case
        ));
        assert!(on(&Condition::Not(Box::new(child)), &case));
        // The empty lists: `all` of nothing holds, `any` of nothing does not.
        assert!(on(&Condition::All(vec![]), &case));
        assert!(!on(&Condition::Any(vec![]), &case));
    }

    #[test]
    fn every_builtin_item_has_a_rule_with_sources_in_the_law_file() {
        let law = Law::embedded();
        let items = builtin();
        assert!(items.len() >= 25, "only {} items", items.len());
        for item in items {
            assert!(
                !law.sources_of(&item.code).is_empty(),
                "{} names no source",
                item.code
            );
        }
    }

    #[test]
    fn builtin_inputs_and_links_are_filled_from_the_facts_and_profile() {
        let case = Case::default();
        let law = Law::embedded();
        let f = Facts {
            case: &case,
            adult_age: 18,
            long_lasting_years: 2.0,
            verdict: Verdict::LikelyRight,
            reasons: &[],
        };
        let neutral = choose(builtin(), &f, law, Links::default());
        let doctor = neutral
            .documents
            .iter()
            .find(|n| n.code == "DOC_DOCTOR_STATEMENT");
        assert_eq!(
            doctor.map(|n| n.inputs.clone()),
            Some(BTreeMap::from([
                ("years", "2".to_string()),
                ("prognosis_unknown", "true".to_string())
            ]))
        );
        assert!(neutral.documents.iter().all(|n| n.link.is_none()));

        let with_form = Links {
            form: Some("https://kommune.example/skjema"),
            contact: None,
        };
        let chosen = choose(builtin(), &f, law, with_form);
        let linked: Vec<&str> = chosen
            .documents
            .iter()
            .chain(&chosen.next_steps)
            .filter(|n| n.link.as_deref() == Some("https://kommune.example/skjema"))
            .map(|n| n.code.as_str())
            .collect();
        assert_eq!(linked, ["DOC_APPLICATION", "NEXT_APPLY"]);
    }
}
