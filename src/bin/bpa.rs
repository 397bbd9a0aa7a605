//! `bpa`: the BPA calculator on the command line.
//!
//! The same engine and the same reader as the page: a file the page opens,
//! `bpa assess` opens, and one it refuses, `bpa assess` refuses with the
//! same words. `bpa --help` and `bpa <command> --help` say the rest.
//! Exit codes: 0 done, 1 the result could not be written, 2 bad input or
//! usage (the message names the field).

use bpa::case::read::{from_bytes, to_json};
use bpa::catalogue::LANGS;
use bpa::municipality::{self, Profile};
use bpa::util::terminal::safe;
use bpa::{assess_with_profile, config, today, Date, InputErrors, Law};
use clap::{Parser, Subcommand};
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
        #[arg(long, default_value = "nb", value_parser = LANGS)]
        lang: String,
        /// Apply the rules in force on this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_parser = date)]
        date: Option<Date>,
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
        #[arg(long, value_parser = date)]
        date: Option<Date>,
        /// Use a municipality's profile (see `bpa profiles`), such as oslo.
        #[arg(long)]
        kommune: Option<String>,
    },
    /// Print the case a share link holds, as JSON (links of every layout).
    Open {
        /// The link, or a whole address holding it; `-` reads standard input.
        link: String,
    },
}

/// `--date`: a real date, digits only.
fn date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| {
        format!(
            "«{}» er ikke en dato: skriv ÅÅÅÅ-MM-DD / is not a date: write YYYY-MM-DD",
            safe(s)
        )
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Assess {
            file,
            json,
            lang,
            date,
            kommune,
        } => run_assess(&file, json, &lang, date, kommune),
        Command::Appeal {
            file,
            decision,
            received,
            granted_hours,
            lang,
            json,
            kommune,
        } => run_appeal(
            &file,
            &decision,
            &received,
            granted_hours.as_deref(),
            &lang,
            json,
            kommune,
        ),
        Command::Profiles => run_profiles(),
        Command::Example => out(&format!("{}\n", to_json(&bpa::case::example::seed_week()))),
        Command::Link { file, with_income } => run_link(&file, with_income),
        Command::Letter {
            file,
            lang,
            json,
            date,
            kommune,
        } => run_letter(&file, &lang, json, date, kommune),
        Command::Open { link } => run_open(&link),
    }
}

/// Writes the result to standard output. A closed pipe
/// (`bpa assess f.json --json | head`) is a normal end; any other failure
/// gets a message, never a panic.
fn out(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Kan ikke skrive resultatet / cannot write the result: {e}");
            ExitCode::from(1)
        }
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("{msg}");
    ExitCode::from(2)
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
    let _ = out(&format!("{}\n", text.unwrap_or_default()));
    ExitCode::from(2)
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
/// (`bpa assess - < /dev/zero` stops at once).
fn read(path: &str, limit: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let cap = limit as u64 + 1;
    let res = if path == "-" {
        std::io::stdin().lock().take(cap).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(cap).read_to_end(&mut bytes))
    };
    res.map(|_| bytes)
        .map_err(|e| format!("Kan ikke lese / cannot read {}: {e}", safe(path)))
}

fn run_assess(
    file: &str,
    json: bool,
    lang: &str,
    date: Option<Date>,
    kommune: Option<String>,
) -> ExitCode {
    let bytes = match read(file, config::MAX_INPUT_BYTES) {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    let refuse = |errs: &InputErrors| {
        if json {
            fail_json(errs)
        } else {
            fail_with(errs, lang)
        }
    };
    let mut case = match from_bytes(&bytes) {
        Ok(c) => c,
        Err(errs) => return refuse(&errs),
    };
    if date.is_some() {
        case.settings.assessment_date = date;
    }
    if kommune.is_some() {
        case.settings.municipality = kommune;
    }
    let profile = match choose_profile(case.settings.municipality.as_deref()) {
        Ok(p) => p,
        Err(errs) => return refuse(&errs),
    };
    match assess_with_profile(&case, Law::embedded(), today(), &profile) {
        Ok(a) if json => match serde_json::to_string_pretty(&a) {
            Ok(s) => out(&format!("{s}\n")),
            Err(e) => fail(&e.to_string()),
        },
        Ok(a) => out(&bpa::report::render(&case, &a, lang)),
        Err(errs) => refuse(&errs),
    }
}

/// Reads the case a command works on, with `--date` and `--kommune` applied,
/// and the profile it names.
fn case_and_profile(
    file: &str,
    date: Option<Date>,
    kommune: Option<String>,
) -> Result<(bpa::Case, Profile), Result<InputErrors, String>> {
    let bytes = read(file, config::MAX_INPUT_BYTES).map_err(Err)?;
    let mut case = from_bytes(&bytes).map_err(Ok)?;
    if date.is_some() {
        case.settings.assessment_date = date;
    }
    if kommune.is_some() {
        case.settings.municipality = kommune;
    }
    let profile = choose_profile(case.settings.municipality.as_deref()).map_err(Ok)?;
    Ok((case, profile))
}

/// `bpa letter needs.json`: the application letter on standard output, in
/// bokmål or nynorsk; what to do with it on standard error.
fn run_letter(
    file: &str,
    lang: &str,
    json: bool,
    date: Option<Date>,
    kommune: Option<String>,
) -> ExitCode {
    let ui = if lang == "nn" { "nn" } else { "nb" };
    let refuse = |errs: &InputErrors| {
        if json {
            fail_json(errs)
        } else {
            fail_with(errs, ui)
        }
    };
    let (case, profile) = match case_and_profile(file, date, kommune) {
        Ok(x) => x,
        Err(Ok(errs)) => return refuse(&errs),
        Err(Err(e)) => return fail(&e),
    };
    let letter = match bpa::letter::write(&case, Law::embedded(), today(), &profile, lang) {
        Ok(l) => l,
        Err(errs) => return refuse(&errs),
    };
    if json {
        return match serde_json::to_string_pretty(&letter) {
            Ok(s) => out(&format!("{s}\n")),
            Err(e) => fail(&e.to_string()),
        };
    }
    let text = bpa::report::render_blocks(&letter.blocks, letter.lang, &letter.sources);
    let done = out(&text);
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
    let refuse = |errs: &InputErrors| {
        if json {
            fail_json(errs)
        } else {
            fail_with(errs, lang)
        }
    };
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
        Err(Ok(errs)) => return refuse(&errs),
        Err(Err(e)) => return fail(&e),
    };
    let request = appeal::Request {
        decision,
        received,
        granted_hours,
    };
    match appeal::appeal(&case, Law::embedded(), today(), &profile, request) {
        Ok(a) if json => match serde_json::to_string_pretty(&a) {
            Ok(s) => out(&format!("{s}\n")),
            Err(e) => fail(&e.to_string()),
        },
        Ok(a) => out(&bpa::report::render_appeal(&a, lang)),
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
    out(&list)
}

/// `bpa link needs.json`: the share link on standard output, and a hint on
/// where it goes on standard error.
fn run_link(file: &str, with_income: bool) -> ExitCode {
    let bytes = match read(file, config::MAX_INPUT_BYTES) {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    let options = bpa::link::LinkOptions {
        include_income: with_income,
    };
    let link = match from_bytes(&bytes).and_then(|case| bpa::link::encode_with(&case, options)) {
        Ok(link) => link,
        Err(errs) => return fail_with(&errs, "nb"),
    };
    let done = out(&format!("{link}\n"));
    eprintln!(
        "Sett den etter sidens adresse og «#» / append to the page address after \"#\": …/#{link} ({} tegn / characters)",
        link.len()
    );
    done
}

/// `bpa open <link>`: the case a share link holds, as JSON. Takes the bare
/// link or a whole address; `-` reads it from standard input.
fn run_open(link: &str) -> ExitCode {
    let link = if link == "-" {
        // The link's own limit, and room for an address around it.
        match read("-", config::MAX_LINK_CHARS + 4096) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => return fail(&e),
        }
    } else {
        link.to_string()
    };
    let opened = match bpa::link::decode(&link) {
        Ok(o) => o,
        Err(errs) => return fail_with(&errs, "nb"),
    };
    let law = Law::embedded();
    if opened.rules_changed(law) {
        let made = safe(&opened.rules_version);
        eprintln!(
            "Lenken ble laget etter reglene fra {made}; reglene er endret siden (nå {}). / The link was made under rules {made}; the rules have changed since (now {}).",
            law.version, law.version
        );
    }
    out(&format!("{}\n", to_json(&opened.case)))
}
