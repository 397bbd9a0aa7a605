//! `bpa`: the BPA calculator on the command line.
//!
//! The same engine and the same reader as the page: a file the page opens,
//! `bpa assess` opens, and one it refuses, `bpa assess` refuses with the
//! same words. `bpa --help` and `bpa <command> --help` say the rest.
//! Exit codes: 0 done, 1 the result could not be written, 2 bad input or
//! usage (the message names the field).
//!
//! Every refusal of ours is an [`InputError`] worded in the catalogues
//! (`www/i18n/*.json`), in the language of `--lang`, with what came from
//! outside (a path, a value, a label) printed through `safe`. clap's own
//! usage errors (an unknown option, a missing argument) are clap's.

use bpa::case::read::{from_bytes, to_json};
use bpa::catalogue::{Catalogue, LANGS};
use bpa::municipality::{self, Profile};
use bpa::util::terminal::safe;
use bpa::{assess_with_profile, config, today, Date, InputError, InputErrors, Law};
use clap::{Parser, Subcommand};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::process::ExitCode;

/// Estimates whether a person likely has the right to BPA (pasient- og
/// brukerrettighetsloven § 2-1 d). Anslår om en person trolig har rett til
/// BPA. Only the municipality decides.
#[derive(Parser)]
#[command(name = "bpa", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Assess a needs map: a readable report, or the whole answer as JSON.
    Assess {
        /// The needs map (JSON, as `bpa example` prints it); `-` reads standard input.
        file: String,
        /// Print the whole answer as JSON (and a refusal as `{"ok": false, "errors": […]}`).
        #[arg(long)]
        json: bool,
        /// The report's language: nb (bokmål), nn (nynorsk) or en.
        #[arg(long, default_value = "nb")]
        lang: String,
        /// Apply the rules in force on this date (YYYY-MM-DD) instead of today.
        #[arg(long)]
        date: Option<String>,
        /// Use a municipality's profile (see `bpa profiles`), such as oslo.
        #[arg(long)]
        kommune: Option<String>,
    },
    /// After a decision: the deadline, where to send a complaint (klage), and a drafted complaint.
    Appeal {
        /// The needs map; `-` reads standard input.
        file: String,
        /// What the decision was: refused, not-as-right (BPA by discretion, not under
        /// pbrl. § 2-1 d), fewer-hours (than mapped) or not-as-bpa (help, not as BPA).
        #[arg(long)]
        decision: String,
        /// The day you got the decision (YYYY-MM-DD): the deadline runs from it.
        #[arg(long)]
        received: String,
        /// The hours a week the decision granted (for fewer-hours), such as 20 or 22,5.
        #[arg(long)]
        granted_hours: Option<String>,
        /// The report's language: nb, nn or en (the drafted complaint is in nb or nn).
        #[arg(long, default_value = "nb", value_parser = LANGS)]
        lang: String,
        /// Print the whole answer as JSON.
        #[arg(long)]
        json: bool,
        /// Use a municipality's profile (see `bpa profiles`), such as oslo.
        #[arg(long)]
        kommune: Option<String>,
    },
    /// List the municipality profiles compiled in, for --kommune.
    Profiles,
    /// Print the seed's example week (4 visits × 1 hour × 7 days = 28 hours).
    Example,
    /// Print the share link for a needs map: the text after `#` in the page's address.
    Link {
        /// The needs map; `-` reads standard input.
        file: String,
        /// Keep the household's income band in the link (left out unless asked).
        #[arg(long)]
        with_income: bool,
        /// The language of its messages: nb, nn or en.
        #[arg(long, default_value = "nb")]
        lang: String,
    },
    /// Print an application letter (søknad) from a needs map, to send as it is or edit.
    Letter {
        /// The needs map; `-` reads standard input.
        file: String,
        /// The letter's language: nb (bokmål) or nn (nynorsk).
        #[arg(long, default_value = "nb")]
        lang: String,
        /// Print the letter as JSON (blocks of catalogue texts) instead of text.
        #[arg(long)]
        json: bool,
        /// Apply the rules in force on this date (YYYY-MM-DD) instead of today.
        #[arg(long)]
        date: Option<String>,
        /// Use a municipality's profile (see `bpa profiles`), such as oslo.
        #[arg(long)]
        kommune: Option<String>,
    },
    /// Print the case a share link holds, as JSON (links of every layout).
    Open {
        /// The link, or a whole address holding it; `-` reads standard input.
        link: String,
        /// The language of its messages: nb, nn or en.
        #[arg(long, default_value = "nb")]
        lang: String,
    },
}

/// `--lang`: one of the catalogues compiled in. Checked here rather than
/// by clap, so that the refusal is in the catalogues' words (in bokmål:
/// the language asked for is not known) and its value printed safely.
fn language(lang: &str) -> Result<&'static str, InputErrors> {
    LANGS.iter().find(|l| **l == lang).copied().ok_or_else(|| {
        InputError::new("--lang", "CLI_BAD_LANG")
            .with("value", lang)
            .with("choices", LANGS.join(", "))
            .into()
    })
}

/// `--date`: a real date, digits only ("2026-+1-+1" is none), refused as
/// a date in a file is.
fn date(s: &str) -> Result<Date, InputErrors> {
    Date::parse(s).ok_or_else(|| {
        InputError::new("--date", "INVALID_VALUE")
            .with("shape", "bad_date")
            .with("value", s)
            .into()
    })
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Assess {
            file,
            json,
            lang,
            date,
            kommune,
        } => in_language(&lang, |lang| {
            run_assess(&file, json, lang, date.as_deref(), kommune)
        }),
        Command::Appeal {
            file,
            decision,
            received,
            granted_hours,
            lang,
            json,
            kommune,
        } => in_language(&lang, |lang| {
            run_appeal(
                &file,
                &decision,
                &received,
                granted_hours.as_deref(),
                lang,
                json,
                kommune,
            )
        }),
        Command::Profiles => run_profiles(),
        Command::Example => out(
            &format!("{}\n", to_json(&bpa::case::example::seed_week())),
            "nb",
        ),
        Command::Link {
            file,
            with_income,
            lang,
        } => in_language(&lang, |lang| run_link(&file, with_income, lang)),
        // The letter's own language check (nb or nn) names what it has.
        Command::Letter {
            file,
            lang,
            json,
            date,
            kommune,
        } => run_letter(&file, &lang, json, date.as_deref(), kommune),
        Command::Open { link, lang } => in_language(&lang, |lang| run_open(&link, lang)),
    }
}

/// Runs a command in the language of its `--lang`, or refuses the option.
fn in_language(lang: &str, run: impl FnOnce(&'static str) -> ExitCode) -> ExitCode {
    match language(lang) {
        Ok(lang) => run(lang),
        Err(errs) => fail_with(&errs, "nb"),
    }
}

/// Writes the result to standard output. A closed pipe
/// (`bpa assess f.json --json | head`) is a normal end; any other failure
/// gets a message (`error.CANNOT_WRITE`), never a panic.
fn out(text: &str, lang: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(_) => {
            let e = InputError::new("", "CANNOT_WRITE");
            eprintln!("{} ({})", e.message(lang), e.code);
            ExitCode::from(1)
        }
    }
}

/// Prints every problem as JSON on standard output (`--json`: for programs,
/// the same errors the page's module returns), and exits with 2.
fn fail_json(errs: &InputErrors) -> ExitCode {
    #[derive(serde::Serialize)]
    struct Refused<'a> {
        ok: bool,
        errors: &'a [bpa::InputError],
    }
    let text = serde_json::to_string_pretty(&Refused {
        ok: false,
        errors: &errs.0,
    });
    let _ = out(&format!("{}\n", text.unwrap_or_default()), "nb");
    ExitCode::from(2)
}

/// Refuses with every problem: as JSON with `--json`, else in `lang`.
fn refused(errs: &InputErrors, json: bool, lang: &str) -> ExitCode {
    if json {
        fail_json(errs)
    } else {
        fail_with(errs, lang)
    }
}

/// Prints every problem, one a line, in `lang`, and exits with 2.
fn fail_with(errs: &InputErrors, lang: &str) -> ExitCode {
    let (at, input) = match lang {
        "en" => ("Error in", "the input"),
        "nn" => ("Feil i", "innhaldet"),
        _ => ("Feil i", "innholdet"),
    };
    for e in &errs.0 {
        let field = if e.field.is_empty() { input } else { &e.field };
        eprintln!("{at} {}: {} ({})", safe(field), e.message(lang), e.code);
    }
    ExitCode::from(2)
}

/// Reads a file, or standard input for `-`, never more than `limit` + 1
/// bytes: a larger input is refused by the reader, not read to its end
/// (`bpa assess - < /dev/zero` stops at once). A file that cannot be read
/// is refused at its path, in the catalogues' words.
fn read(path: &str, limit: usize) -> Result<Vec<u8>, InputErrors> {
    let mut bytes = Vec::new();
    let cap = limit as u64 + 1;
    let res = if path == "-" {
        std::io::stdin().lock().take(cap).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(cap).read_to_end(&mut bytes))
    };
    res.map(|_| bytes).map_err(|e| {
        let code = match e.kind() {
            std::io::ErrorKind::NotFound => "FILE_NOT_FOUND",
            std::io::ErrorKind::PermissionDenied => "FILE_NO_PERMISSION",
            _ => "FILE_NOT_READABLE",
        };
        let field = if path == "-" { "stdin" } else { path };
        InputError::new(field, code).into()
    })
}

fn run_assess(
    file: &str,
    json: bool,
    lang: &str,
    date: Option<&str>,
    kommune: Option<String>,
) -> ExitCode {
    let refuse = |errs: &InputErrors| refused(errs, json, lang);
    let (case, profile) = match case_and_profile(file, date, kommune) {
        Ok(x) => x,
        Err(errs) => return refuse(&errs),
    };
    match assess_with_profile(&case, Law::embedded(), today(), &profile) {
        // Our own types always write; an empty answer would be a bug.
        Ok(a) if json => out(
            &format!("{}\n", serde_json::to_string_pretty(&a).unwrap_or_default()),
            lang,
        ),
        Ok(a) => out(&bpa::report::render(&case, &a, lang), lang),
        Err(errs) => refuse(&errs),
    }
}

/// Reads the case a command works on, with `--date` and `--kommune` applied,
/// and the profile it names.
fn case_and_profile(
    file: &str,
    date: Option<&str>,
    kommune: Option<String>,
) -> Result<(bpa::Case, Profile), InputErrors> {
    let date = date.map(self::date).transpose()?;
    let mut case = read(file, config::MAX_INPUT_BYTES).and_then(|b| from_bytes(&b))?;
    if date.is_some() {
        case.settings.assessment_date = date;
    }
    if kommune.is_some() {
        case.settings.municipality = kommune;
    }
    let profile = choose_profile(case.settings.municipality.as_deref())?;
    Ok((case, profile))
}

/// `bpa letter needs.json`: the application letter on standard output, in
/// bokmål or nynorsk; what to do with it on standard error.
fn run_letter(
    file: &str,
    lang: &str,
    json: bool,
    date: Option<&str>,
    kommune: Option<String>,
) -> ExitCode {
    let ui = if lang == "nn" { "nn" } else { "nb" };
    let refuse = |errs: &InputErrors| refused(errs, json, ui);
    let (case, profile) = match case_and_profile(file, date, kommune) {
        Ok(x) => x,
        Err(errs) => return refuse(&errs),
    };
    let letter = match bpa::letter::write(&case, Law::embedded(), today(), &profile, lang) {
        Ok(l) => l,
        Err(errs) => return refuse(&errs),
    };
    if json {
        // Our own types always write; an empty answer would be a bug.
        let s = serde_json::to_string_pretty(&letter).unwrap_or_default();
        return out(&format!("{s}\n"), ui);
    }
    let text = bpa::report::render_blocks(&letter.blocks, letter.lang, &letter.sources);
    let done = out(&text, ui);
    eprint!("{}", bpa::report::letter_notes(&letter));
    done
}

/// `bpa appeal needs.json --decision … --received …`: what to do after a
/// decision, with the drafted complaint.
fn run_appeal(
    file: &str,
    decision: &str,
    received: &str,
    granted: Option<&str>,
    lang: &str,
    json: bool,
    kommune: Option<String>,
) -> ExitCode {
    use bpa::appeal;
    let refuse = |errs: &InputErrors| refused(errs, json, lang);
    // Every problem with the three answers at once, before the file.
    let decision = appeal::Decision::parse(decision);
    let received = appeal::parse_received(received);
    let granted = appeal::parse_granted(granted);
    let (decision, received, granted_hours) = match (decision, received, granted) {
        (Ok(d), Ok(r), Ok(g)) => (d, r, g),
        (d, r, g) => {
            let errs = [d.err(), r.err(), g.err()].into_iter().flatten().collect();
            return refuse(&InputErrors(errs));
        }
    };
    let (case, profile) = match case_and_profile(file, None, kommune) {
        Ok(x) => x,
        Err(errs) => return refuse(&errs),
    };
    let request = appeal::Request {
        decision,
        received,
        granted_hours,
    };
    match appeal::appeal(&case, Law::embedded(), today(), &profile, request) {
        Ok(a) if json => out(
            &format!("{}\n", serde_json::to_string_pretty(&a).unwrap_or_default()),
            lang,
        ),
        Ok(a) => out(&bpa::report::render_appeal(&a, lang), lang),
        Err(errs) => refuse(&errs),
    }
}

/// The shipped profile the case names, or the neutral one when it names
/// none or one that is not shipped (the assessment then says so).
fn choose_profile(name: Option<&str>) -> Result<Profile, InputErrors> {
    let Some(name) = name.map(|n| n.trim().to_lowercase()) else {
        return Ok(Profile::neutral());
    };
    municipality::shipped(&name).unwrap_or_else(|| Ok(Profile::neutral()))
}

/// `bpa profiles`: the municipality profiles compiled in, one a line.
fn run_profiles() -> ExitCode {
    let mut list = String::new();
    for (id, _) in municipality::SHIPPED {
        match municipality::shipped(id) {
            Some(Ok(p)) => {
                let name = p
                    .name
                    .as_deref()
                    .unwrap_or("(ingen kommune / no municipality)");
                let contact = p.contact.as_deref().unwrap_or("");
                list += &format!("{id:<12} {name:<20} {contact}\n");
            }
            Some(Err(errs)) => return fail_with(&errs, "nb"),
            None => {}
        }
    }
    out(&list, "nb")
}

/// `bpa link needs.json`: the share link on standard output, and a hint on
/// where it goes on standard error.
fn run_link(file: &str, with_income: bool, lang: &str) -> ExitCode {
    let options = bpa::link::LinkOptions {
        include_income: with_income,
    };
    let made = read(file, config::MAX_INPUT_BYTES)
        .and_then(|b| from_bytes(&b))
        .and_then(|case| bpa::link::encode_with(&case, options));
    let link = match made {
        Ok(link) => link,
        Err(errs) => return fail_with(&errs, lang),
    };
    let done = out(&format!("{link}\n"), lang);
    let c = Catalogue::new(lang);
    let values = BTreeMap::from([("link", link.clone()), ("chars", link.len().to_string())]);
    eprintln!("{}", c.fill("report.link_hint", &values));
    done
}

/// `bpa open <link>`: the case a share link holds, as JSON. Takes the bare
/// link or a whole address; `-` reads it from standard input, limited as
/// a link is (and room for an address around it), not read to its end.
fn run_open(link: &str, lang: &str) -> ExitCode {
    let text = if link == "-" {
        read("-", config::MAX_LINK_CHARS + 4096).map(|b| String::from_utf8_lossy(&b).into_owned())
    } else {
        Ok(link.to_string())
    };
    let opened = match text.and_then(|t| bpa::link::decode(&t)) {
        Ok(o) => o,
        Err(errs) => return fail_with(&errs, lang),
    };
    let law = Law::embedded();
    if opened.rules_changed(law) {
        // The link's rules version is the link's: printed safely.
        let values = BTreeMap::from([
            ("made", safe(&opened.rules_version).into_owned()),
            ("now", law.version.clone()),
        ]);
        eprintln!(
            "{}",
            Catalogue::new(lang).fill("report.link_rules_changed", &values)
        );
    }
    out(&format!("{}\n", to_json(&opened.case)), lang)
}
