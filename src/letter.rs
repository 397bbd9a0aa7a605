//! The application letter (søknaden): from the map, a plain letter the
//! person can send as it is or edit. A step after the assessment; the
//! complaint ([`crate::appeal`]) is written with the same blocks.
//!
//! A letter is a list of [`Block`]s: each is a catalogue text
//! (`letter.apply.self`) with the values it fills in, or the person's own
//! words, which are plain text and never a template. The page renders the
//! blocks with its catalogues (bokmål or nynorsk: a letter to a Norwegian
//! municipality), the CLI with the same texts natively
//! (`report::render_blocks`), so both say the same.
//!
//! What the letter says, from the map and the answers: who applies and for
//! whom (the person, a parent, a fullmektig, a verge or a
//! fremtidsfullmektig: `person.applicant`), that they apply for the help to
//! be organised as BPA under pbrl. § 2-1 d (and, failing the right, ask the
//! municipality to consider it under hol. § 3-8), the needs through the day
//! and week in plain sentences with the person's own words, the hours the
//! map gives, who will be arbeidsleder, and the documents, ticked ones
//! (`attached`) as attached and the rest as to follow. Beside the letter,
//! notes to the one who sends it: an oral or written application is enough,
//! and the municipality's own form when its profile has one.

use crate::assess::{assess_with_profile, Assessment};
use crate::case::time::{Date, Days};
use crate::case::{name_of, Answer, Applicant, Arbeidsleder, Case, Need, Place};
use crate::error::{InputError, InputErrors};
use crate::law::{Law, Source};
use crate::municipality::Profile;
use crate::verdict::{inputs_map, Note};
use serde::Serialize;
use std::collections::BTreeMap;

/// The languages a letter to a Norwegian municipality is written in.
pub const LETTER_LANGS: [&str; 2] = ["nb", "nn"];

/// A value a block's text fills in, as the page and the CLI show it. In
/// JSON one key says which: `{"text": "…"}`, `{"key": "day.mon"}`, …
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Piece {
    /// Words as they are: a name, an address, the person's own label.
    /// Plain text, never markup.
    Text(String),
    /// A catalogue text (`letter.days.every`).
    Key(String),
    /// Catalogue texts as a list: "mandag, onsdag og fredag" (the last two
    /// joined by `letter.and`).
    Keys(Vec<String>),
    /// Catalogue texts that are whole sentences, each after a space; nothing
    /// when empty.
    Sentences(Vec<String>),
    /// A number as the language writes it ("27,5").
    Number(String),
    /// A date in words ("31. januar 2026": `format.date`, `month.1` …).
    Date(Date),
    /// Sources of the registry by id, as their titles joined by "; ".
    Sources(Vec<String>),
}

/// What a block is, for how it is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The letter's title, or a section's.
    Heading,
    /// A paragraph.
    Paragraph,
    /// One line of a list (a need, an attachment).
    Item,
    /// A line to fill in ("Navn: ____"), kept with the lines beside it.
    Field,
}

/// One block of a letter: a catalogue text with its values, and the
/// person's own words after it when it has them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Its text in the catalogues.
    pub key: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub inputs: BTreeMap<&'static str, Piece>,
    /// The person's own words, shown as plain text after the text (line
    /// breaks kept).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub own_words: Option<String>,
}

impl Block {
    pub fn new(kind: BlockKind, key: &str) -> Block {
        Block {
            kind,
            key: key.to_string(),
            inputs: BTreeMap::new(),
            own_words: None,
        }
    }
    /// The same block with one more value.
    pub fn with(mut self, name: &'static str, value: Piece) -> Block {
        self.inputs.insert(name, value);
        self
    }
    /// The same block followed by the person's own words.
    pub fn own(mut self, words: &str) -> Block {
        self.own_words = Some(words.trim().to_string());
        self
    }
}

pub fn heading(key: &str) -> Block {
    Block::new(BlockKind::Heading, key)
}
pub fn paragraph(key: &str) -> Block {
    Block::new(BlockKind::Paragraph, key)
}
pub fn item(key: &str) -> Block {
    Block::new(BlockKind::Item, key)
}
pub fn field(key: &str) -> Block {
    Block::new(BlockKind::Field, key)
}

/// The sources named anywhere in `blocks` and `notes`, in the registry's
/// order, for the reply.
pub fn sources_named(law: &Law, blocks: &[Block], notes: &[&Note]) -> Vec<Source> {
    let mut ids: Vec<&String> = notes.iter().flat_map(|n| &n.sources).collect();
    for b in blocks {
        for p in b.inputs.values() {
            if let Piece::Sources(s) = p {
                ids.extend(s);
            }
        }
    }
    law.sources
        .iter()
        .filter(|s| ids.contains(&&s.id))
        .cloned()
        .collect()
}

/// A rule's sources as a value for a text (`({law})`).
pub fn law_of(law: &Law, code: &str) -> Piece {
    Piece::Sources(law.sources_of(code))
}

/// A note with its rule's sources.
pub fn note(law: &Law, code: &'static str, inputs: &[(&'static str, String)]) -> Note {
    Note {
        code: code.to_string(),
        inputs: inputs_map(inputs),
        sources: law.sources_of(code),
        link: None,
    }
}

/// "nb" or "nn": the language a letter is written in.
pub fn letter_lang(lang: &str) -> Result<&'static str, InputError> {
    let lang = lang.trim().to_ascii_lowercase();
    LETTER_LANGS
        .iter()
        .copied()
        .find(|l| *l == lang)
        .ok_or_else(|| {
            InputError::new("lang", "LETTER_LANG")
                .with("value", lang.chars().take(16).collect::<String>())
                .with("choices", LETTER_LANGS.join(", "))
        })
}

/// The application letter, with the notes to the one who sends it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Letter {
    /// "nb" or "nn": the catalogue to render it with.
    pub lang: &'static str,
    pub blocks: Vec<Block>,
    /// To the one who sends it, not part of the letter: an oral or written
    /// application is enough, the municipality's own form.
    pub notes: Vec<Note>,
    /// The hours a week the map gives: counted toward the right, and mapped.
    pub counted: f64,
    pub mapped: f64,
    /// Documents listed as attached (ticked), and as to follow.
    pub attached: Vec<String>,
    pub to_follow: Vec<String>,
    /// Every source the letter and notes name.
    pub sources: Vec<Source>,
}

/// Assesses the case and writes its application letter in `lang` ("nb",
/// "nn"), for the municipality of `profile`.
pub fn write(
    case: &Case,
    law: &Law,
    today: Date,
    profile: &Profile,
    lang: &str,
) -> Result<Letter, InputErrors> {
    let lang = letter_lang(lang)?;
    let a = assess_with_profile(case, law, today, profile)?;
    Ok(application(case, &a, law, lang))
}

/// Documents of the checklist that are no attachment: the application is
/// this letter, the parents' signature is its signature, and help at work or
/// in higher education is a separate application to NAV.
const NOT_ATTACHED: [&str; 3] = ["DOC_APPLICATION", "DOC_PARENTS_SIGN", "DOC_NAV_SEPARATE"];

/// The day set as words: "hver dag", "mandag til fredag", or the days.
pub fn days_piece(days: Days) -> Piece {
    if days == Days::EVERY_DAY {
        Piece::Key("letter.days.every".into())
    } else if days == Days::WEEKDAYS {
        Piece::Key("letter.days.weekdays".into())
    } else if days == Days::WEEKEND {
        Piece::Key("letter.days.weekend".into())
    } else {
        Piece::Keys(days.iter().map(|d| format!("day.{}", d.code())).collect())
    }
}

/// What is said after a need: where, how many helpers, past midnight.
fn details(place: Place, need: Option<&Need>) -> Vec<String> {
    let mut out = Vec::new();
    if place != Place::Home {
        out.push(format!("letter.detail.{}", name_of(&place)));
    }
    if let Some(n) = need {
        if n.helpers >= 2 {
            out.push(format!("letter.detail.helpers_{}", n.helpers.min(4)));
            if n.continuous {
                out.push("letter.detail.continuous".into());
            }
        }
        if n.crosses_midnight {
            out.push("letter.detail.past_midnight".into());
        }
    }
    out
}

/// One need as a plain sentence.
fn need_item(n: &Need) -> Block {
    let key = if n.label.trim().is_empty() {
        "letter.need"
    } else {
        "letter.need_labelled"
    };
    let mut b = item(key)
        .with("start", Piece::Text(n.start.to_string()))
        .with("end", Piece::Text(n.end.to_string()))
        .with("days", days_piece(n.days))
        .with(
            "kind",
            Piece::Key(format!("letter.kind.{}", name_of(&n.kind))),
        )
        .with("details", Piece::Sentences(details(n.place, Some(n))));
    if !n.label.trim().is_empty() {
        b = b.with("label", Piece::Text(n.label.trim().to_string()));
    }
    b
}

/// The child is under the law's adult age.
pub fn is_child(case: &Case, a: &Assessment) -> bool {
    let adult = a
        .parameters
        .iter()
        .find(|p| p.name == "adult_age")
        .and_then(|p| match p.value {
            crate::law::Value::Number(n) => Some(n as i64),
            _ => None,
        })
        .unwrap_or(18);
    case.person.age.is_some_and(|age| age < adult)
}

/// Who signs a letter or a complaint: the parents for a child, else the
/// person, or the one who applies for them.
pub fn signature(child: bool, applicant: Applicant) -> Block {
    let signer = if child {
        "parents"
    } else if applicant == Applicant::Myself {
        "self"
    } else {
        "applicant"
    };
    field(&format!("letter.signature.{signer}"))
}

/// Who applies, as the letter and the complaint speak of them. Not
/// answered: the person themself. A parent of someone of 18 or more has no
/// parental authority left and applies with a fullmakt like anyone else
/// (the documents ask for it: `DOC_POWER_OF_ATTORNEY`).
pub fn applicant_role(case: &Case, a: &Assessment) -> Applicant {
    let adult = case.person.age.is_some() && !is_child(case, a);
    match case.person.applicant.unwrap_or(Applicant::Myself) {
        Applicant::Parent if adult => Applicant::PowerOfAttorney,
        other => other,
    }
}

/// The letter for an assessed case.
pub fn application(case: &Case, a: &Assessment, law: &Law, lang: &'static str) -> Letter {
    let p = &case.person;
    let child = is_child(case, a);
    let applicant = applicant_role(case, a);
    let role = name_of(&applicant);
    let mut b: Vec<Block> = Vec::new();

    b.push(heading("letter.title"));
    let to = match &a.municipality.name {
        Some(name) => Piece::Text(name.clone()),
        None => Piece::Key("letter.municipality_unknown".into()),
    };
    b.push(field("letter.to").with("municipality", to));
    b.push(field("letter.field.date"));

    // Who applies, and for whom.
    if applicant == Applicant::Myself {
        b.push(field("letter.field.name"));
        b.push(field("letter.field.id"));
        b.push(field("letter.field.address"));
        b.push(field("letter.field.contact"));
    } else {
        b.push(field("letter.field.person"));
        b.push(field("letter.field.address"));
        b.push(field(&format!("letter.field.applicant.{role}")));
        b.push(field("letter.field.contact"));
    }
    b.push(paragraph(&format!("letter.apply.{role}")).with("law", law_of(law, "LETTER_APPLY")));
    b.push(paragraph("letter.consider_3_8").with("law", law_of(law, "LETTER_CONSIDER_3_8")));
    if !case.notes.goal.trim().is_empty() {
        b.push(paragraph("letter.own.goal").own(&case.notes.goal));
    }

    // The needs through the day and week, in plain sentences.
    b.push(heading("letter.needs.title"));
    b.push(paragraph("letter.needs.intro"));
    let mut needs: Vec<&Need> = case.needs.iter().collect();
    needs.sort_by_key(|n| (n.start.minutes(), u8::MAX - n.days.bits(), n.end.minutes()));
    for n in needs {
        b.push(need_item(n));
    }
    for m in &case.monthly {
        let key = if m.label.trim().is_empty() {
            "letter.monthly"
        } else {
            "letter.monthly_labelled"
        };
        let mut it = item(key)
            .with(
                "kind",
                Piece::Key(format!("letter.kind.{}", name_of(&m.kind))),
            )
            .with("hours", Piece::Number(format!("{:.2}", m.hours_per_month)))
            .with("details", Piece::Sentences(details(m.place, None)));
        if !m.label.trim().is_empty() {
            it = it.with("label", Piece::Text(m.label.trim().to_string()));
        }
        b.push(it);
    }
    if case.needs.is_empty() && case.monthly.is_empty() {
        b.push(paragraph("letter.needs.none"));
    }
    if p.awake_at_night == Some(Answer::Yes) {
        b.push(paragraph("letter.night_awake"));
    }
    if child && p.beyond_normal_care == Some(Answer::Yes) {
        b.push(paragraph("letter.child_beyond_normal_care"));
    }
    for (key, words) in [
        ("letter.own.help", &case.notes.help),
        ("letter.own.aids", &case.notes.aids),
        ("letter.own.other", &case.notes.other),
    ] {
        if !words.trim().is_empty() {
            b.push(paragraph(key).own(words));
        }
    }

    // The hours the map gives.
    let h = &a.hours;
    b.push(paragraph("letter.hours").with("counted", Piece::Number(format!("{:.2}", h.counted))));
    if h.mapped > h.counted + 0.005 {
        b.push(
            paragraph("letter.hours_all").with("mapped", Piece::Number(format!("{:.2}", h.mapped))),
        );
    }
    b.push(paragraph("letter.hours_assessment").with("law", law_of(law, "LETTER_HOURS")));

    // Who will be arbeidsleder.
    b.push(heading("letter.arbeidsleder.title"));
    let leader = if child {
        "parents"
    } else {
        match p.arbeidsleder {
            Some(Arbeidsleder::Myself) => match applicant {
                Applicant::Myself => "self",
                _ => "person",
            },
            Some(Arbeidsleder::Medarbeidsleder) => "medarbeidsleder",
            Some(Arbeidsleder::NobodyYet) => "nobody_yet",
            Some(Arbeidsleder::DontKnow) | None => "not_settled",
        }
    };
    let mut al = paragraph(&format!("letter.arbeidsleder.{leader}"));
    if !case.notes.arbeidsleder.trim().is_empty() {
        b.push(al);
        al = paragraph("letter.own.arbeidsleder").own(&case.notes.arbeidsleder);
    }
    b.push(al);
    if !p.current_services.is_empty() {
        let services = p
            .current_services
            .iter()
            .map(|s| format!("letter.service.{}", name_of(s)))
            .collect();
        b.push(paragraph("letter.current_services").with("services", Piece::Keys(services)));
    }

    // The attachments: the documents list, ticked ones as attached.
    let mut attached = Vec::new();
    let mut to_follow = Vec::new();
    let mut lines = Vec::new();
    let mut listed: Vec<&str> = Vec::new();
    for d in a
        .documents
        .iter()
        .filter(|d| !NOT_ATTACHED.contains(&d.code.as_str()))
    {
        listed.push(&d.code);
        let doc = Piece::Key(format!("letter.doc.{}", d.code));
        lines.push((d.code.clone(), doc));
    }
    for d in &a.municipality.documents {
        listed.push(&d.code);
        let words = d.text.get(lang).or_else(|| d.text.get("nb"));
        let doc = Piece::Text(words.cloned().unwrap_or_default());
        lines.push((d.code.clone(), doc));
    }
    for (code, doc) in lines {
        let ticked = case.attached.contains(&code);
        let key = if ticked {
            attached.push(code);
            "letter.attached"
        } else {
            to_follow.push(code);
            "letter.to_follow"
        };
        b.push(item(key).with("document", doc));
    }
    if !listed.is_empty() {
        let at = b.len() - listed.len();
        b.insert(at, heading("letter.attachments.title"));
    }

    b.push(paragraph("letter.request_decision"));
    b.push(signature(child, applicant));

    let mut notes = vec![note(law, "LETTER_ORAL_OR_WRITTEN", &[])];
    if let Some(form) = &a.municipality.form {
        let mut n = note(
            law,
            "LETTER_FORM",
            &[
                (
                    "municipality",
                    a.municipality.name.clone().unwrap_or_default(),
                ),
                ("form", form.clone()),
            ],
        );
        n.link = Some(form.clone());
        notes.push(n);
    }
    notes.push(note(law, "LETTER_CONSIDER_3_8", &[]));
    let named: Vec<&Note> = notes.iter().chain(&a.documents).collect();
    let sources = sources_named(law, &b, &named);
    Letter {
        lang,
        blocks: b,
        notes,
        counted: h.counted,
        mapped: h.mapped,
        attached,
        to_follow,
        sources,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bokmal_and_nynorsk_are_letter_languages() {
        assert_eq!(letter_lang("nb"), Ok("nb"));
        assert_eq!(letter_lang(" NN "), Ok("nn"));
        let e = letter_lang("en").unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("lang", "LETTER_LANG"));
        assert_eq!(e.values["choices"], "nb, nn");
    }

    #[test]
    fn day_sets_read_as_words() {
        assert_eq!(
            days_piece(Days::EVERY_DAY),
            Piece::Key("letter.days.every".into())
        );
        assert_eq!(
            days_piece(Days::WEEKDAYS),
            Piece::Key("letter.days.weekdays".into())
        );
        assert_eq!(
            days_piece(Days::from_bits(0b101)),
            Piece::Keys(vec!["day.mon".into(), "day.wed".into()])
        );
    }

    #[test]
    fn a_piece_is_written_with_one_key_saying_what_it_is() {
        let b = item("letter.need").with("days", Piece::Key("letter.days.every".into()));
        let v = serde_json::to_value(&b).unwrap();
        assert_eq!(v["inputs"]["days"]["key"], "letter.days.every");
        assert_eq!(v["kind"], "item");
    }
}
