//! A readable report for the terminal, in bokmål, nynorsk or English.
//!
//! The texts come from the same catalogues as the page (`crate::catalogue`),
//! so the CLI and the page never say different things. What comes from the
//! case or a profile (labels, names, a link's rules version) is printed
//! through `util::terminal::safe`, so no control character in a file can
//! reach the terminal.

use crate::assess::Assessment;
use crate::case::{name_of, Case};
use crate::catalogue::Catalogue;
use crate::municipality::Municipality;
use crate::util::terminal::safe;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Renders the assessment as plain text.
pub fn render(case: &Case, a: &Assessment, lang: &str) -> String {
    let c = Catalogue::new(lang);
    let lang = c.lang();
    let mut out = String::new();
    let params: BTreeMap<&str, String> = a
        .parameters
        .iter()
        .map(|p| {
            let v = match &p.value {
                crate::law::Value::Number(n) => n.to_string(),
                crate::law::Value::Flag(b) => b.to_string(),
                crate::law::Value::Text(t) => t.clone(),
            };
            (p.name.as_str(), v)
        })
        .chain([("counted", format!("{:.2}", a.hours.counted))])
        .collect();
    let verdict = name_of(&a.verdict);
    let _ = writeln!(out, "{}\n", c.get("report.title"));
    let _ = writeln!(
        out,
        "{}",
        c.fill(&format!("verdict.{verdict}.title"), &params)
    );
    let _ = writeln!(
        out,
        "{}",
        c.fill(&format!("verdict.{verdict}.body"), &params)
    );
    let _ = writeln!(out, "{}\n", c.get("verdict.not_a_decision"));

    // The hours as figures that add up: counted + left out by cause +
    // counted once because of overlap (= mapped), per week and per day.
    let h = |x: f64| BTreeMap::from([("hours", format!("{x:.2}"))]);
    let w = &a.hours.week;
    let line = |out: &mut String, indent: &str, key: &str, x: f64| {
        let _ = writeln!(out, "{indent}{}", c.fill(key, &h(x)));
    };
    let _ = writeln!(out, "{}", c.get("report.hours"));
    line(&mut out, "  ", "report.counted", a.hours.counted);
    line(&mut out, "  ", "report.excluded", a.hours.excluded_total);
    for (cause, x) in &w.excluded {
        let name = c.get(&format!("cause.{}", name_of(cause)));
        let _ = writeln!(out, "    - {name}: {}", c.fill("report.hours_only", &h(*x)));
    }
    line(&mut out, "  ", "report.overlap", a.hours.overlap);
    if w.overlap_health > 0.0 {
        line(
            &mut out,
            "    - ",
            "report.overlap_health",
            w.overlap_health,
        );
    }
    if w.overlap_needs > 0.0 {
        line(&mut out, "    - ", "report.overlap_needs", w.overlap_needs);
    }
    if w.beyond_week > 0.0 {
        line(&mut out, "  ", "report.beyond_week", w.beyond_week);
    }
    line(&mut out, "  ", "report.mapped", a.hours.mapped);
    line(&mut out, "  ", "report.health_mapped", w.health_mapped);
    let _ = writeln!(out, "  {}:", c.get("report.per_day"));
    for d in &a.hours.per_day {
        let _ = writeln!(
            out,
            "    {:<10} {:>6} {:>6} {:>6} {:>6}",
            c.get(&format!("day.{}", d.day.code())),
            c.number(&format!("{:.2}", d.counted)),
            c.number(&format!("{:.2}", d.excluded)),
            c.number(&format!("{:.2}", d.overlap)),
            c.number(&format!("{:.2}", d.mapped))
        );
    }
    let _ = writeln!(out);

    let src = |ids: &[String]| -> String {
        let titles: Vec<&str> = ids
            .iter()
            .filter_map(|id| {
                a.sources
                    .iter()
                    .find(|s| s.id == *id)
                    .map(|s| s.title.as_str())
            })
            .collect();
        titles.join("; ")
    };
    let _ = writeln!(out, "{}", c.get("report.reasons"));
    for r in &a.reasons {
        let status = name_of(&r.status);
        let _ = writeln!(
            out,
            "  [{}] {}\n      ({})",
            c.get(&format!("status.{status}")),
            c.fill(&r.key, &r.inputs),
            src(&r.sources)
        );
    }
    for e in &a.exclusions {
        let _ = writeln!(
            out,
            "  - {}\n      ({})",
            c.fill(&format!("note.{}", e.code), &e.inputs),
            src(&e.sources)
        );
    }
    let m = &a.municipality;
    let none = Vec::new();
    for (title, notes, own) in [
        ("report.warnings", &a.warnings, &none),
        ("report.next_steps", &a.next_steps, &m.next_steps),
        ("report.documents", &a.documents, &m.documents),
        ("report.alternatives", &a.alternatives, &m.alternatives),
    ] {
        if notes.is_empty() && own.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", c.get(title));
        let mark = if title == "report.documents" {
            "[ ]"
        } else {
            "-"
        };
        let link = |l: &Option<String>| l.as_ref().map_or_else(String::new, |l| format!(" <{l}>"));
        for n in notes {
            let _ = writeln!(
                out,
                "  {mark} {}{}",
                c.fill(&format!("note.{}", n.code), &n.inputs),
                link(&n.link)
            );
        }
        // The municipality's own items carry their texts; bokmål when they
        // lack this language.
        for n in own {
            let text = n.text.get(lang).or_else(|| n.text.get("nb"));
            let _ = writeln!(
                out,
                "  {mark} {}{}",
                safe(text.map_or("", String::as_str)),
                link(&n.link)
            );
        }
    }
    municipality(&mut out, &c, m, lang);
    cost(&mut out, &c, &a.cost, m);
    if !case.needs.is_empty() {
        let _ = writeln!(out, "\n{}", c.get("report.needs"));
        for (n, t) in case.needs.iter().zip(&a.trace) {
            let days: Vec<String> = n
                .days
                .iter()
                .map(|d| c.get(&format!("day.{}", d.code())))
                .collect();
            let kind = name_of(&n.kind);
            let _ = writeln!(
                out,
                "  {}–{} {} ({}){}: {} / {} {}",
                n.start,
                n.end,
                c.get(&format!("kind.{kind}")),
                days.join(", "),
                if n.label.is_empty() {
                    String::new()
                } else {
                    format!(" «{}»", safe(&n.label))
                },
                c.number(&format!("{:.2}", t.counted)),
                c.number(&format!("{:.2}", t.mapped)),
                c.get("report.hours_unit")
            );
        }
    }
    let _ = writeln!(out, "\n{}", c.get("report.sources"));
    for s in &a.sources {
        let _ = writeln!(out, "  {}: {}", s.title, s.url);
    }
    for s in &m.sources {
        let _ = writeln!(out, "  {}: {}", safe(&s.title), safe(&s.url));
    }
    let _ = writeln!(
        out,
        "\n{}",
        c.fill(
            "report.date",
            &BTreeMap::from([
                ("date", a.assessment_date.to_string()),
                ("version", a.rules_version.clone())
            ])
        )
    );
    out
}

/// Where and how to apply: the municipality's name, form, contact page and
/// processing time, or "ask your municipality" for the neutral profile.
fn municipality(out: &mut String, c: &Catalogue, m: &Municipality, lang: &str) {
    let _ = writeln!(out, "\n{}", c.get("report.municipality"));
    if let Some(n) = &m.notice {
        let inputs: BTreeMap<&str, String> = n
            .inputs
            .iter()
            .map(|(k, v)| (*k, safe(v).into_owned()))
            .collect();
        let _ = writeln!(out, "  {}", c.fill(&format!("note.{}", n.code), &inputs));
    }
    match &m.name {
        Some(name) => {
            let _ = writeln!(out, "  {}", safe(name));
        }
        // The notice already says to ask the municipality.
        None if m.notice.is_some() => {}
        None => {
            let _ = writeln!(out, "  {}", c.get("report.municipality_none"));
        }
    }
    for (key, url) in [("report.form", &m.form), ("report.contact", &m.contact)] {
        if let Some(url) = url {
            let _ = writeln!(out, "  {}: {}", c.get(key), safe(url));
        }
    }
    if let Some(t) = &m.processing_time {
        let words = t
            .text
            .as_ref()
            .and_then(|t| t.get(lang).or_else(|| t.get("nb")));
        let days = t.days.map(|d| {
            c.fill(
                "report.processing_days",
                &BTreeMap::from([("days", d.to_string())]),
            )
        });
        let shown: Vec<&str> = [days.as_deref(), words.map(String::as_str)]
            .into_iter()
            .flatten()
            .collect();
        let _ = writeln!(
            out,
            "  {}: {}",
            c.get("report.processing_time"),
            safe(&shown.join(". "))
        );
    }
}

/// A whole number of kroner with its thousands apart, as people write it:
/// "273 098" in Norwegian, "273,098" in English. Anything else as it is.
pub fn kroner(c: &Catalogue, v: &str) -> String {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return v.to_string();
    }
    let sep = if c.lang() == "en" { ',' } else { ' ' };
    let mut out = String::new();
    for (i, ch) in v.chars().enumerate() {
        if i > 0 && (v.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// The inputs of a cost note with amounts in kroner written as people do.
fn with_kroner(c: &Catalogue, inputs: &crate::verdict::Inputs) -> BTreeMap<&'static str, String> {
    inputs
        .iter()
        .map(|(k, v)| match *k {
            "two_g" | "cap" | "latest" | "amount" => (*k, kroner(c, v)),
            // The municipality's name comes from its profile.
            "municipality" => (*k, safe(v).into_owned()),
            "g_from" => (*k, date_input(c, v)),
            _ => (*k, v.clone()),
        })
        .collect()
}

/// The estimate of the charge, always as an estimate with the figures of
/// the year named, each marked when it is not verified or not the year's.
fn cost(out: &mut String, c: &Catalogue, cost: &crate::cost::Cost, m: &Municipality) {
    let _ = writeln!(out, "\n{}", c.get("report.cost"));
    let e = &cost.estimate;
    let _ = writeln!(
        out,
        "  {}",
        c.fill(&format!("note.{}", e.code), &with_kroner(c, &e.inputs))
    );
    for n in &cost.notes {
        let _ = writeln!(
            out,
            "  - {}",
            c.fill(&format!("note.{}", n.code), &with_kroner(c, &n.inputs))
        );
    }
    let marks = |f: &crate::cost::Figure| {
        let mut m = Vec::new();
        if f.unverified {
            m.push(c.get("report.unverified"));
        }
        if f.stale {
            m.push(c.get("report.stale"));
        }
        if m.is_empty() {
            String::new()
        } else {
            format!(" ({})", m.join("; "))
        }
    };
    if cost.chargeable_hours <= 0.0 {
        return;
    }
    let whole = |v: f64| kroner(c, &format!("{}", v.round() as i64));
    if let Some(g) = &cost.grunnbelop {
        let line = c.fill(
            "report.cost_g",
            &BTreeMap::from([("from", date_words(c, g.from)), ("value", whole(g.value))]),
        );
        let _ = writeln!(out, "  {line}{}", marks(g));
    }
    if let Some(cap) = &cost.cap {
        let line = c.fill(
            "report.cost_cap",
            &BTreeMap::from([
                ("year", cap.from.year.to_string()),
                ("value", whole(cap.value)),
            ]),
        );
        let _ = writeln!(out, "  {line}{}", marks(cap));
    }
    if let Some(r) = &cost.municipality_rate {
        let name = m
            .name
            .as_deref()
            .map_or_else(String::new, |n| safe(n).into_owned());
        let line = c.fill(
            "report.cost_rate",
            &BTreeMap::from([
                ("municipality", name),
                ("year", r.year.to_string()),
                ("value", whole(r.monthly_max)),
            ]),
        );
        let _ = writeln!(out, "  {line}");
    }
}

/// A date in words: "31. januar 2026", "31 January 2026".
pub fn date_words(c: &Catalogue, d: crate::Date) -> String {
    c.fill(
        "format.date",
        &BTreeMap::from([
            ("day", d.day.to_string()),
            ("month", c.get(&format!("month.{}", d.month))),
            ("year", d.year.to_string()),
        ]),
    )
}

/// One value of a block as words in `c`'s language.
fn piece(c: &Catalogue, p: &crate::letter::Piece, sources: &[crate::law::Source]) -> String {
    use crate::letter::Piece;
    match p {
        Piece::Text(t) => safe(t).into_owned(),
        Piece::Key(k) => c.get(k),
        Piece::Keys(keys) => {
            let words: Vec<String> = keys.iter().map(|k| c.get(k)).collect();
            match words.split_last() {
                None => String::new(),
                Some((last, [])) => last.clone(),
                Some((last, rest)) => {
                    format!("{} {} {last}", rest.join(", "), c.get("letter.and"))
                }
            }
        }
        Piece::Sentences(keys) => keys.iter().map(|k| format!(" {}", c.get(k))).collect(),
        Piece::Number(n) => c.number(n),
        Piece::Date(d) => date_words(c, *d),
        Piece::Sources(ids) => {
            let titles: Vec<&str> = ids
                .iter()
                .filter_map(|id| sources.iter().find(|s| s.id == *id))
                .map(|s| s.title.as_str())
                .collect();
            titles.join("; ")
        }
    }
}

/// One block's text in `c`'s language, with the person's own words after
/// it, line breaks kept and every line made safe for a terminal.
pub fn block_text(
    c: &Catalogue,
    b: &crate::letter::Block,
    sources: &[crate::law::Source],
) -> String {
    let values: BTreeMap<&str, String> = b
        .inputs
        .iter()
        .map(|(k, p)| (*k, piece(c, p, sources)))
        .collect();
    // The values are words already, not numbers to format.
    let mut text = c.fill_words(&b.key, &values);
    if let Some(own) = &b.own_words {
        let lines: Vec<String> = own.lines().map(|l| safe(l).into_owned()).collect();
        let own = lines.join("\n");
        text = if text.is_empty() {
            own
        } else if own.contains('\n') {
            format!("{text}\n{own}")
        } else {
            format!("{text} {own}")
        };
    }
    text
}

/// A letter's blocks as plain text: a blank line between paragraphs and
/// around headings, the lines of a list and the fields to fill in together.
pub fn render_blocks(
    blocks: &[crate::letter::Block],
    lang: &str,
    sources: &[crate::law::Source],
) -> String {
    use crate::letter::BlockKind;
    let c = Catalogue::new(lang);
    let mut out = String::new();
    let mut last: Option<BlockKind> = None;
    for b in blocks {
        let text = block_text(&c, b, sources);
        let together = matches!(
            (last, b.kind),
            (Some(BlockKind::Item), BlockKind::Item) | (Some(BlockKind::Field), BlockKind::Field)
        );
        if last.is_some() && !together {
            out.push('\n');
        }
        match b.kind {
            BlockKind::Item => {
                let _ = writeln!(out, "- {text}");
            }
            _ => {
                let _ = writeln!(out, "{text}");
            }
        }
        last = Some(b.kind);
    }
    out
}

/// What to do with a letter, for the one who sends it: the notes (an oral
/// or written application is enough, the municipality's form) and how to
/// finish it. Not part of the letter.
pub fn letter_notes(letter: &crate::letter::Letter) -> String {
    let c = Catalogue::new(letter.lang);
    let mut out = String::new();
    let _ = writeln!(out, "\n{}", c.get("letter.guidance.title"));
    let _ = writeln!(out, "- {}", c.get("letter.guidance.edit"));
    for n in &letter.notes {
        let inputs: BTreeMap<&str, String> = n
            .inputs
            .iter()
            .map(|(k, v)| (*k, safe(v).into_owned()))
            .collect();
        let _ = writeln!(
            out,
            "- {}",
            c.fill_words(&format!("note.{}", n.code), &inputs)
        );
    }
    out
}

/// A date among a note's inputs ("2026-05-01"), in words as the page writes
/// it ("1. mai 2026"); anything else as it is.
fn date_input(c: &Catalogue, v: &str) -> String {
    crate::Date::parse(v).map_or_else(|| v.to_string(), |d| date_words(c, d))
}

/// A note's inputs for the CLI: dates in words, a day's code as its name,
/// the rest as they are (numbers are written by `fill`).
fn note_values(c: &Catalogue, n: &crate::verdict::Note) -> BTreeMap<&'static str, String> {
    n.inputs
        .iter()
        .map(|(k, v)| {
            let shown = match *k {
                "received" | "deadline" => date_input(c, v),
                "day" => c.get(&format!("day.{v}")),
                _ => safe(v).into_owned(),
            };
            (*k, shown)
        })
        .collect()
}

fn note_line(c: &Catalogue, n: &crate::verdict::Note) -> String {
    c.fill(&format!("note.{}", n.code), &note_values(c, n))
}

/// After a decision: the deadline, where to send the complaint, who may
/// complain, free help, what the map shows, what the municipality must
/// have done, and the drafted complaint (in bokmål or nynorsk; bokmål for
/// an English report) or why there is none.
pub fn render_appeal(ap: &crate::appeal::Appeal, lang: &str) -> String {
    let c = Catalogue::new(lang);
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", c.get("report.appeal.title"));
    let decision = c.get(&format!("appeal.decision_name.{}", name_of(&ap.decision)));
    let _ = writeln!(
        out,
        "{}",
        c.fill(
            "report.appeal.decision",
            &BTreeMap::from([
                ("decision", decision),
                ("received", date_words(&c, ap.received)),
            ])
        )
    );
    if let Some(g) = ap.granted_hours {
        let _ = writeln!(
            out,
            "{}",
            c.fill(
                "report.appeal.granted",
                &BTreeMap::from([
                    ("granted", format!("{g:.2}")),
                    ("counted", format!("{:.2}", ap.counted)),
                ])
            )
        );
    }
    let d = &ap.deadline;
    let left = if d.passed {
        c.get("report.appeal.passed")
    } else if d.days_left == 0 {
        c.get("report.appeal.last_day")
    } else {
        c.fill(
            "report.appeal.days_left",
            &BTreeMap::from([("days", d.days_left.to_string())]),
        )
    };
    let _ = writeln!(
        out,
        "\n{} ({left})",
        c.fill(
            "report.appeal.deadline",
            &BTreeMap::from([
                ("day", c.get(&format!("day.{}", d.day.code()))),
                ("date", date_words(&c, d.date)),
            ])
        )
    );
    let by_code = |codes: &[&str]| -> Vec<&crate::verdict::Note> {
        ap.notes
            .iter()
            .filter(|n| codes.contains(&n.code.as_str()))
            .collect()
    };
    for n in by_code(&["APPEAL_DEADLINE", "APPEAL_WEEKEND", "APPEAL_LATE"]) {
        let _ = writeln!(out, "  - {}", note_line(&c, n));
    }
    let _ = writeln!(out, "\n{}", c.get("report.appeal.send_to"));
    if let Some(name) = &ap.municipality {
        let contact = ap
            .contact
            .as_deref()
            .map_or_else(String::new, |u| format!(" <{}>", safe(u)));
        let _ = writeln!(out, "  {}{contact}", safe(name));
    }
    for n in by_code(&["APPEAL_SEND_TO"]) {
        let _ = writeln!(out, "  - {}", note_line(&c, n));
    }
    for (title, code) in [
        ("report.appeal.who", "APPEAL_WHO"),
        ("report.appeal.help", "APPEAL_OMBUD"),
    ] {
        let _ = writeln!(out, "\n{}", c.get(title));
        for n in by_code(&[code]) {
            let _ = writeln!(out, "  - {}", note_line(&c, n));
        }
    }
    let _ = writeln!(out, "\n{}", c.get("report.appeal.map"));
    let standing = [
        "APPEAL_UNCERTAIN",
        "APPEAL_NOT_MET",
        "APPEAL_NO_BASIS",
        "APPEAL_HOURS_NOT_FEWER",
    ];
    for n in by_code(&standing) {
        let _ = writeln!(out, "  {}", note_line(&c, n));
    }
    for (title, reasons) in [
        ("report.appeal.grounds", &ap.grounds),
        ("report.appeal.open", &ap.open),
    ] {
        if reasons.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {}", c.get(title));
        for r in reasons {
            let _ = writeln!(out, "    - {}", c.fill(&r.key, &r.inputs));
        }
    }
    if !ap.duties.is_empty() {
        let _ = writeln!(out, "\n{}", c.get("appeal.duties.title"));
        for n in &ap.duties {
            let _ = writeln!(out, "  - {}", note_line(&c, n));
        }
    }
    match &ap.draft {
        Some(blocks) => {
            let draft_lang = if lang == "nn" { "nn" } else { "nb" };
            let _ = writeln!(out, "\n{}\n", c.get("report.appeal.draft"));
            let rule = "-".repeat(72);
            let _ = writeln!(out, "{rule}");
            out.push_str(&render_blocks(blocks, draft_lang, &ap.sources));
            let _ = writeln!(out, "{rule}");
        }
        None => {
            let _ = writeln!(out, "\n{}", c.get("report.appeal.no_draft"));
        }
    }
    let _ = writeln!(out, "\n{}", c.get("report.sources"));
    for s in &ap.sources {
        let _ = writeln!(out, "  {}: {}", s.title, s.url);
    }
    out
}
