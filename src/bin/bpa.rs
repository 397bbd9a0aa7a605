//! `bpa`: the BPA calculator on the command line.
//!
//! ```text
//! bpa assess needs.json [--json] [--lang nb|nn|en] [--date YYYY-MM-DD]
//! bpa example
//! ```
//! Exit codes: 0 done, 2 bad input or usage (the message names the field).

use bpa::{assess, parse_case_json, today, Law};
use std::process::ExitCode;

const USAGE: &str = "\
Bruk / usage:
  bpa assess <needs.json> [--json] [--lang nb|nn|en] [--date YYYY-MM-DD]
  bpa example
Use - as the file name to read standard input.";

fn fail(msg: &str) -> ExitCode {
    eprintln!("{msg}");
    ExitCode::from(2)
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
            Ok(s) => {
                println!("{s}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e.to_string()),
        },
        Some("assess") => run_assess(&args[1..]),
        Some("-h") | Some("--help") | Some("help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => fail(USAGE),
    }
}

fn run_assess(args: &[String]) -> ExitCode {
    let mut file = None;
    let mut json = false;
    let mut lang = "nb".to_string();
    let mut date = None;
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
        Err(errs) => {
            for e in &errs.0 {
                let field = if e.field.is_empty() {
                    "input"
                } else {
                    &e.field
                };
                eprintln!("Feil i {field}: {} ({})", e.message_nb, e.code);
            }
            return ExitCode::from(2);
        }
    };
    if date.is_some() {
        case.settings.assessment_date = date;
    }
    match assess(&case, &Law::embedded(), today()) {
        Ok(a) if json => match serde_json::to_string_pretty(&a) {
            Ok(s) => {
                println!("{s}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e.to_string()),
        },
        Ok(a) => {
            print!("{}", bpa::report::render(&case, &a, &lang));
            ExitCode::SUCCESS
        }
        Err(errs) => {
            for e in &errs.0 {
                eprintln!("Feil i {}: {} ({})", e.field, e.message_nb, e.code);
            }
            ExitCode::from(2)
        }
    }
}
