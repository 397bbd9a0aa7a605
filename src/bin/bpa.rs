//! `bpa`: the BPA calculator on the command line.
//!
//! ```text
//! bpa assess needs.json [--json] [--lang nb|nn|en] [--date YYYY-MM-DD] [--kommune <id>]
//! bpa profiles
//! bpa example
//! bpa link <needs.json>
//! bpa open <link>
//! ```
//! Exit codes: 0 done, 2 bad input or usage (the message names the field).

use bpa::profile::{self, Profile};
use bpa::{assess_with_profile, parse_case_json, today, Law};
use std::process::ExitCode;

const USAGE: &str = "\
Bruk / usage:
  bpa assess <needs.json> [--json] [--lang nb|nn|en] [--date YYYY-MM-DD] [--kommune <id>]
  bpa profiles               (the municipality profiles for --kommune)
  bpa example
  bpa link <needs.json>      (the share link for a case)
  bpa open <link>            (the case in a share link, as JSON)
Use - as the file name or link to read standard input.";

fn fail(msg: &str) -> ExitCode {
    eprintln!("{msg}");
    ExitCode::from(2)
}

/// Writes the result to standard output. `println!` panics when the reader
/// has gone (`bpa assess f.json --json | head`) or the disk is full; a
/// closed pipe is a normal end here, any other failure gets a message.
fn out(text: &str) -> ExitCode {
    use std::io::Write;
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

fn read(path: &str) -> Result<String, String> {
    use std::io::Read;
    let mut text = String::new();
    let res = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|f| {
            f.take(bpa::config::MAX_INPUT_BYTES as u64 + 1)
                .read_to_string(&mut text)
                .map(|_| ())
        })
    };
    res.map(|()| text)
        .map_err(|e| format!("Kan ikke lese {path}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("example") => match serde_json::to_string_pretty(&bpa::example::seed_week()) {
            Ok(s) => out(&format!("{s}\n")),
            Err(e) => fail(&e.to_string()),
        },
        Some("assess") => run_assess(&args[1..]),
        Some("profiles") => run_profiles(),
        Some("link") => run_link(&args[1..]),
        Some("open") => run_open(&args[1..]),
        Some("-h") | Some("--help") | Some("help") => out(&format!("{USAGE}\n")),
        _ => fail(USAGE),
    }
}

fn run_assess(args: &[String]) -> ExitCode {
    let mut file = None;
    let mut json = false;
    let mut lang = "nb".to_string();
    let mut date = None;
    let mut kommune = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--lang" => match it.next() {
                Some(l) if bpa::report::LANGS.contains(&l.as_str()) => lang = l.clone(),
                _ => return fail("--lang må være nb, nn eller en / --lang must be nb, nn or en"),
            },
            "--date" => match it.next().and_then(|d| bpa::time::Date::parse(d)) {
                Some(d) => date = Some(d),
                None => return fail("--date må være YYYY-MM-DD / --date must be YYYY-MM-DD"),
            },
            "--kommune" => match it.next() {
                Some(k) if !k.starts_with('-') => kommune = Some(k.clone()),
                _ => return fail("--kommune trenger et navn, som oslo (se bpa profiles) / --kommune needs a name, such as oslo (see bpa profiles)"),
            },
            f if file.is_none() && (!f.starts_with('-') || f == "-") => file = Some(f.to_string()),
            other => return fail(&format!("Ukjent valg / unknown option: {other}\n{USAGE}")),
        }
    }
    let Some(file) = file else {
        return fail(USAGE);
    };
    let text = match read(&file) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let mut case = match parse_case_json(&text) {
        Ok(c) => c,
        Err(errs) => return fail_with(&errs),
    };
    if date.is_some() {
        case.settings.assessment_date = date;
    }
    if kommune.is_some() {
        case.settings.municipality = kommune;
    }
    let profile = match choose_profile(case.settings.municipality.as_deref()) {
        Ok(p) => p,
        Err(errs) => return fail_with(&errs),
    };
    match assess_with_profile(&case, &Law::embedded(), today(), &profile) {
        Ok(a) if json => match serde_json::to_string_pretty(&a) {
            Ok(s) => out(&format!("{s}\n")),
            Err(e) => fail(&e.to_string()),
        },
        Ok(a) => out(&bpa::report::render(&case, &a, &lang)),
        Err(errs) => fail_with(&errs),
    }
}

/// The shipped profile the case names, or the neutral one when it names
/// none or one that is not shipped (the assessment then says so).
fn choose_profile(name: Option<&str>) -> Result<Profile, bpa::InputErrors> {
    let Some(name) = name.map(|n| n.trim().to_lowercase()) else {
        return Ok(Profile::neutral());
    };
    profile::shipped(&name).unwrap_or_else(|| Ok(Profile::neutral()))
}

/// `bpa profiles`: the municipality profiles compiled in, one a line.
fn run_profiles() -> ExitCode {
    let mut list = String::new();
    for (id, _) in profile::SHIPPED {
        match profile::shipped(id) {
            Some(Ok(p)) => {
                list += &format!(
                    "{id:<12} {:<20} {}\n",
                    p.name
                        .as_deref()
                        .unwrap_or("(ingen kommune / no municipality)"),
                    p.contact.as_deref().unwrap_or("")
                )
            }
            Some(Err(errs)) => return fail_with(&errs),
            None => {}
        }
    }
    out(&list)
}

/// Prints every problem, one a line, and exits with 2.
fn fail_with(errs: &bpa::InputErrors) -> ExitCode {
    for e in &errs.0 {
        let field = if e.field.is_empty() {
            "input"
        } else {
            &e.field
        };
        eprintln!("Feil i {field}: {} ({})", e.message_nb(), e.code);
    }
    ExitCode::from(2)
}

/// `bpa link needs.json`: the share link on standard output, and a hint on
/// where it goes on standard error.
fn run_link(args: &[String]) -> ExitCode {
    let [file] = args else {
        return fail(USAGE);
    };
    let text = match read(file) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let link = match parse_case_json(&text).and_then(|case| bpa::link::encode(&case)) {
        Ok(link) => link,
        Err(errs) => return fail_with(&errs),
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
fn run_open(args: &[String]) -> ExitCode {
    let [link] = args else {
        return fail(USAGE);
    };
    let link = if link == "-" {
        match read("-") {
            Ok(t) => t,
            Err(e) => return fail(&e),
        }
    } else {
        link.clone()
    };
    let opened = match bpa::link::decode(&link) {
        Ok(o) => o,
        Err(errs) => return fail_with(&errs),
    };
    let law = Law::embedded();
    if opened.rules_changed(&law) {
        eprintln!(
            "Lenken ble laget etter reglene fra {}; reglene er endret siden (nå {}). / The link was made under rules {}; the rules have changed since (now {}).",
            opened.rules_version, law.version, opened.rules_version, law.version
        );
    }
    match serde_json::to_string_pretty(&opened.case) {
        Ok(s) => out(&format!("{s}\n")),
        Err(e) => fail(&e.to_string()),
    }
}
