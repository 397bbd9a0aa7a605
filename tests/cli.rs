//! The `bpa` program as people use it: bad input is refused with exit code 2
//! and a message that names the field, never a panic; the seed's example runs
//! end to end, as text in bokmål and as JSON.
// Native only: run by `cargo test`; the bridge tests run in wasm.
#![cfg(not(target_arch = "wasm32"))]

use bpa::catalogue::Catalogue;
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BPA: &str = env!("CARGO_BIN_EXE_bpa");

/// Runs `bpa` with `args`, writing `stdin` to its standard input.
fn bpa(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BPA)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {BPA}: {e}"));
    if let Some(mut input) = child.stdin.take() {
        // The program may stop reading early (a refused option); that is fine.
        let _ = input.write_all(stdin.as_bytes());
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("{BPA} did not finish: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A valid case to break one field of.
fn good_case() -> Value {
    json!({
        "person": {"age": 45, "long_lasting": "yes", "applicant": "self", "arbeidsleder": "self"},
        "needs": [{"kind": "personal", "days": ["mon", "tue"], "start": "08:00", "end": "10:00"}]
    })
}

fn with(mut v: Value, pointer: &str, new: Value) -> Value {
    match v.pointer_mut(pointer) {
        Some(slot) => *slot = new,
        None => panic!("no {pointer} in the test case"),
    }
    v
}

/// Adds `key` to the object at `pointer`.
fn adding(mut v: Value, pointer: &str, key: &str, new: Value) -> Value {
    match v.pointer_mut(pointer).and_then(Value::as_object_mut) {
        Some(obj) => {
            obj.insert(key.to_string(), new);
        }
        None => panic!("no object at {pointer} in the test case"),
    }
    v
}

/// Asserts the refusal people must get: exit code 2, nothing on standard
/// output, a message on standard error that names `field`, and no panic.
fn assert_refused(what: &str, out: &Output, field: &str) {
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}: exit code; stderr: {stderr}"
    );
    assert!(stdout.is_empty(), "{what}: printed on stdout: {stdout}");
    assert!(
        stderr.contains(field),
        "{what}: stderr does not name {field}: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{what}: panicked: {stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{what}: {stderr}");
}

/// With `--json` a refusal is JSON on standard output, for programs: exit
/// code 2, `ok: false`, and an error whose field names `field`.
fn assert_refused_as_json(what: &str, out: &Output, field: &str) {
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{what}: exit code; {stdout}");
    assert!(stderr.is_empty(), "{what}: stderr: {stderr}");
    let v: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{what}: {e}: {stdout}"));
    assert_eq!(v["ok"], json!(false), "{what}");
    let fields: Vec<&str> = v["errors"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["field"].as_str()).collect())
        .unwrap_or_default();
    let named = fields.iter().any(|f| f.contains(field))
        || (field == "JSON" && stdout.contains("MALFORMED_JSON"));
    assert!(named, "{what}: no error names {field}: {stdout}");
}

#[test]
fn bad_inputs_exit_2_and_name_the_field() {
    let many: Vec<Value> = (0..201)
        .map(|_| json!({"kind": "personal", "days": ["mon"], "start": "08:00", "end": "09:00"}))
        .collect();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "malformed JSON",
            r#"{"needs": [{"kind": "personal","#.to_string(),
            "JSON",
        ),
        (
            "unknown kind",
            with(good_case(), "/needs/0/kind", json!("walk")).to_string(),
            "needs[0].kind",
        ),
        (
            "25:00",
            with(good_case(), "/needs/0/start", json!("25:00")).to_string(),
            "needs[0].start",
        ),
        (
            "end before start without crosses_midnight",
            with(good_case(), "/needs/0/end", json!("07:00")).to_string(),
            "needs[0].end",
        ),
        (
            "negative age",
            with(good_case(), "/person/age", json!(-1)).to_string(),
            "person.age",
        ),
        (
            "201 needs",
            with(good_case(), "/needs", Value::Array(many)).to_string(),
            "needs",
        ),
        (
            "a file from a newer version",
            adding(good_case(), "", "version", json!(99)).to_string(),
            "version",
        ),
        (
            "an unknown field",
            adding(good_case(), "/person", "shoe_size", json!(42)).to_string(),
            "person",
        ),
        (
            "no days",
            with(good_case(), "/needs/0/days", json!([])).to_string(),
            "needs[0].days",
        ),
        (
            "assessment date before the right existed",
            adding(
                good_case(),
                "",
                "settings",
                json!({"assessment_date": "2014-12-31"}),
            )
            .to_string(),
            "settings.assessment_date",
        ),
    ];
    for (what, input, field) in &cases {
        assert_refused(what, &bpa(&["assess", "-"], input), field);
        assert_refused_as_json(what, &bpa(&["assess", "-", "--json"], input), field);
    }
}

#[test]
fn messages_are_plain_bokmal_and_name_the_field() {
    let cases = [
        (
            with(good_case(), "/needs/0/start", json!("25:00")),
            "Feil i needs[0].start: «25:00» er ikke et klokkeslett",
        ),
        (
            with(good_case(), "/needs/0/kind", json!("walk")),
            "Feil i needs[0].kind: «walk» er ikke et av valgene her. Gyldige valg: personal,",
        ),
        (
            with(good_case(), "/person/age", json!(4.5)),
            "Feil i person.age: Verdien passer ikke her: her skal det stå et helt tall.",
        ),
        (
            with(good_case(), "/needs/0/end", json!("07:00")),
            "Feil i needs[0].end: Sluttid 07:00 er før starttid 08:00.",
        ),
        (
            with(good_case(), "/person/age", json!(-1)),
            "Feil i person.age: Alderen kan ikke være negativ",
        ),
    ];
    for (input, line) in cases {
        let out = bpa(&["assess", "-"], &input.to_string());
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(line), "want «{line}» in:\n{stderr}");
        for english in ["expected", "invalid type", "unknown variant", "is not a"] {
            assert!(!stderr.contains(english), "serde's English in: {stderr}");
        }
    }
    // A missing field is named by its own path.
    let mut missing = good_case();
    if let Some(need) = missing
        .pointer_mut("/needs/0")
        .and_then(Value::as_object_mut)
    {
        need.remove("kind");
    }
    let out = bpa(&["assess", "-"], &missing.to_string());
    assert_refused("missing kind", &out, "needs[0].kind");
}

#[test]
fn the_error_for_201_needs_says_how_many_are_allowed() {
    let many: Vec<Value> = (0..201)
        .map(|_| json!({"kind": "personal", "days": ["mon"], "start": "08:00", "end": "09:00"}))
        .collect();
    let input = with(good_case(), "/needs", Value::Array(many)).to_string();
    let out = bpa(&["assess", "-"], &input);
    assert_refused("201 needs", &out, "needs");
    let stderr = text(&out.stderr);
    assert!(stderr.contains("201") && stderr.contains("200"), "{stderr}");
}

#[test]
fn a_file_from_a_newer_version_is_read_from_disk_and_refused() {
    let path: PathBuf =
        std::env::temp_dir().join(format!("bpa-cli-test-{}-v99.json", std::process::id()));
    let input = json!({"version": 99, "person": {"future_field": true}});
    std::fs::write(&path, input.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let out = bpa(&["assess", &path.to_string_lossy()], "");
    let _ = std::fs::remove_file(&path);
    // Refused for its version, not for the field this version does not know.
    assert_refused("version 99", &out, "version");
    assert!(
        !text(&out.stderr).contains("future_field"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn bad_usage_exits_2_without_a_panic() {
    for args in [
        &["assess"][..],
        &["assess", "-", "--lang", "de"],
        &["assess", "-", "--date", "2026-13-01"],
        &["assess", "-", "--what"],
        &["assess", "/no/such/file.json"],
        &["frobnicate"],
        &[],
    ] {
        let out = bpa(args, &good_case().to_string());
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(!stderr.is_empty(), "{args:?}: says nothing");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_date_before_2015_on_the_command_line_is_refused() {
    let out = bpa(
        &["assess", "-", "--date", "2014-12-31"],
        &good_case().to_string(),
    );
    assert_refused("--date 2014-12-31", &out, "settings.assessment_date");
    assert!(text(&out.stderr).contains("2015"), "{}", text(&out.stderr));
}

/// `bpa example` is the seed's week: the same case as the hand-worked case
/// file `tests/cases/seed_example_28_hours.json`.
fn example() -> String {
    let out = bpa(&["example"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn the_example_is_the_case_book_seed_example() {
    let printed: Value = serde_json::from_str(&example()).unwrap_or_else(|e| panic!("{e}"));
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cases/seed_example_28_hours.json"
    );
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}")),
    )
    .unwrap_or_else(|e| panic!("{path}: {e}"));
    // Compare as cases, so defaults written out or left out do not matter.
    let as_case = |v: &Value| {
        bpa::case::read::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e}: {v}"))
    };
    assert_eq!(as_case(&printed), as_case(&file["input"]));
}

#[test]
fn example_piped_into_assess_prints_the_bokmal_verdict() {
    let out = bpa(&["assess", "-", "--date", "2026-11-23"], &example());
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // The verdict's title as the bokmål catalogue words it (up to any placeholder).
    let nb = Catalogue::raw("nb");
    let title = nb
        .get("verdict.likely_right_unless_cost.title")
        .unwrap_or_else(|| panic!("no verdict title in nb.json"));
    let fixed = title.split('{').next().unwrap_or_default().trim();
    assert!(fixed.len() > 10, "title too short to check: {title}");
    assert!(stdout.contains(fixed), "no «{fixed}» in:\n{stdout}");
    assert!(
        stdout.contains("trolig"),
        "says 'trolig' (likely):\n{stdout}"
    );
    assert!(stdout.contains("28"), "the 28 hours:\n{stdout}");
}

#[test]
fn json_output_parses_and_holds_the_verdict() {
    let out = bpa(
        &["assess", "-", "--json", "--date", "2026-11-23"],
        &example(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let a: Value = serde_json::from_str(&text(&out.stdout))
        .unwrap_or_else(|e| panic!("--json is not JSON: {e}\n{}", text(&out.stdout)));
    assert_eq!(a["verdict"], json!("likely_right_unless_cost"));
    assert_eq!(a["hours"]["counted"], json!(28.0));
    assert_eq!(a["assessment_date"], json!("2026-11-23"));
    assert!(a["reasons"]
        .as_array()
        .is_some_and(|r| r.iter().any(|r| r["code"] == "COST_TEST")));
}

/// A reader that goes away (`bpa assess f.json --json | head -1`) is a
/// normal end, and a full disk gets a message: neither may panic.
#[test]
fn a_closed_pipe_or_full_disk_never_panics() {
    use std::process::{Command, Stdio};
    let dir = std::env::temp_dir().join(format!("bpa-cli-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("week.json");
    let example = Command::new(env!("CARGO_BIN_EXE_bpa"))
        .arg("example")
        .output()
        .expect("run bpa example");
    std::fs::write(&file, &example.stdout).expect("write example");

    // A pipe whose reader is already gone: every write fails with EPIPE.
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_bpa"))
        .args(["assess", "--json"])
        .arg(&file)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("run bpa");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");

    if std::path::Path::new("/dev/full").exists() {
        let full = std::fs::File::create("/dev/full").expect("/dev/full");
        let out = Command::new(env!("CARGO_BIN_EXE_bpa"))
            .arg("assess")
            .arg(&file)
            .stdout(full)
            .output()
            .expect("run bpa");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        let words = Catalogue::new("nb").get("error.CANNOT_WRITE");
        assert!(stderr.contains(&words), "{stderr}");
        assert!(stderr.contains("CANNOT_WRITE"), "{stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The report's hours add up where a person can check them: health help
/// inside personal help is shown as counted once, not lost (issue 12: "41 t
/// mapped, 37.5 count, 1.75 do not" left 1.75 h nowhere).
#[test]
fn the_report_shows_hours_that_add_up_with_health_help_inside_other_help() {
    let case = r#"{"person": {"age": 45, "long_lasting": "yes", "arbeidsleder": "self"},
      "needs": [
        {"kind": "personal", "days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "07:00", "end": "12:00"},
        {"kind": "health", "days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "08:00", "end": "09:00"}
      ]}"#;
    let out = bpa(&["assess", "-"], case);
    let report = text(&out.stdout);
    assert!(out.status.success(), "{report}{}", text(&out.stderr));
    for line in [
        "Teller med: 35 timer",
        "Teller ikke med: 0 timer",
        "Telles én gang fordi det skjer samtidig med annen hjelp: 7 timer",
        "helsehjelp inne i annen hjelp: 7 timer",
        "= Kartlagt i alt: 42 timer",
        "Helsehjelp i kartet, også den som overlapper: 7 timer",
    ] {
        assert!(report.contains(line), "no «{line}» in:\n{report}");
    }
}

#[test]
fn bpa_letter_prints_the_application_and_says_what_to_do_on_stderr() {
    let case = adding(
        good_case(),
        "",
        "notes",
        json!({"goal": "Bo hjemme \u{1b}[2J"}),
    );
    let out = bpa(&["letter", "-", "--kommune", "oslo"], &case.to_string());
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.starts_with("Søknad om brukerstyrt personlig assistanse (BPA)\n"));
    assert!(stdout.contains("Til: Oslo kommune"), "{stdout}");
    assert!(stdout.contains("- Kl. 08:00–10:00 mandag og tirsdag: personlig assistanse."));
    // The person's words reach the terminal as they are, escapes visible.
    assert!(
        stdout.contains("Målet med BPA: Bo hjemme \\u{1b}[2J"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("Til deg som sender"),
        "the notes are not the letter"
    );
    assert!(stderr.contains("muntlig eller skriftlig"), "{stderr}");
    assert!(stderr.contains("eget søknadsskjema"), "{stderr}");
    let nn = bpa(&["letter", "-", "--lang", "nn"], &good_case().to_string());
    assert!(text(&nn.stdout).starts_with("Søknad om brukarstyrt personleg assistanse (BPA)"));
    let json_out = bpa(&["letter", "-", "--json"], &good_case().to_string());
    let v: Value = serde_json::from_str(&text(&json_out.stdout)).unwrap_or_default();
    assert_eq!(v["lang"], "nb");
    assert_eq!(v["blocks"][0]["key"], "letter.title");
}

#[test]
fn bpa_letter_in_english_is_refused_with_the_languages_it_has() {
    let out = bpa(&["letter", "-", "--lang", "en"], &good_case().to_string());
    assert_refused("letter --lang en", &out, "lang");
    assert!(
        text(&out.stderr).contains("nb, nn"),
        "{}",
        text(&out.stderr)
    );
    let json_out = bpa(
        &["letter", "-", "--lang", "de", "--json"],
        &good_case().to_string(),
    );
    assert_refused_as_json("letter --lang de --json", &json_out, "lang");
    let bad = bpa(
        &["letter", "-"],
        &with(good_case(), "/person/age", json!(-1)).to_string(),
    );
    assert_refused("letter with a negative age", &bad, "person.age");
}

#[test]
fn a_link_keeps_the_income_band_only_when_asked() {
    let case = adding(good_case(), "/person", "income_band", json!("under_2g"));
    for (args, kept) in [
        (vec!["link", "-"], false),
        (vec!["link", "-", "--with-income"], true),
    ] {
        let out = bpa(&args, &case.to_string());
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let link = text(&out.stdout);
        let opened = bpa(&["open", link.trim()], "");
        let v: Value = serde_json::from_str(&text(&opened.stdout)).unwrap_or_default();
        assert_eq!(
            v["person"]["income_band"] == json!("under_2g"),
            kept,
            "{args:?}: {v}"
        );
    }
}

/// A week of 35 counted hours, every condition met.
fn right_case() -> Value {
    json!({
        "person": {"age": 45, "long_lasting": "yes", "applicant": "self", "arbeidsleder": "self"},
        "needs": [{"kind": "personal", "days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "07:00", "end": "12:00"}]
    })
}

#[test]
fn bpa_appeal_gives_the_deadline_where_to_send_it_and_a_draft() {
    let args = [
        "appeal",
        "-",
        "--decision",
        "refused",
        "--received",
        "2026-01-31",
    ];
    let out = bpa(&args, &right_case().to_string());
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    for want in [
        "Klagefrist: lørdag 28. februar 2026",
        "Statsforvalteren",
        "Pasient- og brukerombudet kan hjelpe deg med klagen, gratis.",
        "Klage på vedtak om brukerstyrt personlig assistanse (BPA)",
        "Jeg klager på vedtaket jeg fikk 31. januar 2026, der kommunen avslo søknaden om BPA.",
        "- Behovet er stort: 35 timer i uka med hjelp som teller, minst 32 timer (Pasient- og brukerrettighetsloven § 2-1 d",
        "Pasient- og brukerrettighetsloven § 7-5: https://lovdata.no/lov/1999-07-02-63/§7-5",
    ] {
        assert!(stdout.contains(want), "missing {want:?} in\n{stdout}");
    }
    let en = bpa(
        &[&args[..], &["--lang", "en"]].concat(),
        &right_case().to_string(),
    );
    let en = text(&en.stdout);
    assert!(en.contains("Deadline: Saturday 28 February 2026"), "{en}");
    assert!(en.contains("Draft complaint, in Norwegian"), "{en}");
    let json_out = bpa(
        &[&args[..], &["--json"]].concat(),
        &right_case().to_string(),
    );
    let v: Value = serde_json::from_str(&text(&json_out.stdout)).unwrap_or_default();
    assert_eq!(v["deadline"]["date"], "2026-02-28");
    assert_eq!(v["standing"], "supported");
}

#[test]
fn bpa_appeal_on_an_uncertain_map_drafts_nothing_and_says_why() {
    let case = with(right_case(), "/person/long_lasting", json!("dont_know"));
    let args = [
        "appeal",
        "-",
        "--decision",
        "not-as-bpa",
        "--received",
        "2026-11-20",
    ];
    let out = text(&bpa(&args, &case.to_string()).stdout);
    assert!(
        out.contains("Kartet ditt viser ikke ennå om du har rett til BPA"),
        "{out}"
    );
    assert!(out.contains("Ingen utkast"), "{out}");
    assert!(!out.contains("Jeg klager på vedtaket"), "{out}");
}

#[test]
fn bad_appeal_answers_exit_2_naming_every_one_of_them() {
    let out = bpa(
        &[
            "appeal",
            "-",
            "--decision",
            "angry",
            "--received",
            "2026-02-30",
            "--granted-hours",
            "tjue",
        ],
        &right_case().to_string(),
    );
    assert_refused("three bad answers", &out, "decision");
    let stderr = text(&out.stderr);
    for want in [
        "DECISION_UNKNOWN",
        "received",
        "«2026-02-30» er ikke en dato",
        "granted_hours",
        "«tjue» er ikke et tall",
    ] {
        assert!(stderr.contains(want), "missing {want:?} in {stderr}");
    }
    let needed = bpa(
        &[
            "appeal",
            "-",
            "--decision",
            "fewer-hours",
            "--received",
            "2026-11-02",
        ],
        &right_case().to_string(),
    );
    assert_refused("fewer hours without the hours", &needed, "granted_hours");
    let json_out = bpa(
        &[
            "appeal",
            "-",
            "--decision",
            "x",
            "--received",
            "2026-11-02",
            "--json",
        ],
        &right_case().to_string(),
    );
    assert_refused_as_json("unknown decision as JSON", &json_out, "decision");
    let usage = bpa(&["appeal", "-", "--decision", "refused"], "{}");
    assert_eq!(usage.status.code(), Some(2), "--received is required");
}

// ---------------------------------------------------------------------------
// Standard input, hostile text, and every refusal in the catalogues' words
// ---------------------------------------------------------------------------

/// Runs `bpa` with `stdin` as bytes.
fn bpa_bytes(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BPA)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {BPA}: {e}"));
    let mut input = child.stdin.take();
    let bytes = stdin.to_vec();
    // Written from a thread: the program stops reading at its limit.
    let writer = std::thread::spawn(move || {
        if let Some(input) = input.as_mut() {
            let _ = input.write_all(&bytes);
        }
    });
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("{BPA} did not finish: {e}"));
    let _ = writer.join();
    out
}

/// The catalogue text of `key` in `lang`, up to its first placeholder.
fn words(lang: &str, key: &str) -> String {
    let text = Catalogue::new(lang).get(key);
    text.split('{').next().unwrap_or_default().to_string()
}

#[test]
fn standard_input_is_limited_like_a_file_and_not_read_to_its_end() {
    let huge = vec![b' '; 3 * bpa::config::MAX_INPUT_BYTES];
    for args in [
        &["assess", "-"][..],
        &["link", "-"],
        &["assess", "-", "--json"],
    ] {
        let started = std::time::Instant::now();
        let out = bpa_bytes(args, &huge);
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("INPUT_TOO_LARGE") || stdout.contains("INPUT_TOO_LARGE"),
            "{args:?}: {stderr}{stdout}"
        );
        assert!(started.elapsed().as_secs() < 10, "{args:?}");
    }
    let out = bpa_bytes(&["open", "-"], &vec![b'A'; 1024 * 1024]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("LINK_TOO_LONG"),
        "{}",
        text(&out.stderr)
    );
    // A link on standard input opens, as one on the command line does.
    let link = bpa::link::encode(&bpa::case::example::seed_week()).unwrap_or_default();
    let out = bpa_bytes(&["open", "-"], format!("{link}\n").as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// ESC, BEL, CR and a right-to-left override, as a file or link may hold them.
const HOSTILE: &str = "\u{1b}[2J\u{7}x\rKONKLUSJON: ja \u{202e}fed";

fn assert_escaped(what: &str, shown: &str) {
    for raw in ['\u{1b}', '\u{7}', '\r', '\u{202e}'] {
        assert!(
            !shown.contains(raw),
            "{what}: {raw:?} reached the terminal: {shown:?}"
        );
    }
    assert!(shown.contains("\\u{1b}[2J"), "{what}: {shown:?}");
    assert!(shown.contains("\\u{202e}"), "{what}: {shown:?}");
}

#[test]
fn control_and_bidi_characters_are_escaped_in_the_report_and_in_messages() {
    // A label, in the text report.
    let case = with(
        good_case(),
        "/needs/0",
        json!({"kind": "personal", "days": ["mon"],
        "start": "08:00", "end": "10:00", "label": HOSTILE}),
    );
    let out = bpa(&["assess", "-"], &case.to_string());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_escaped("label in the report", &text(&out.stdout));
    // Values in error messages: a kind, a time, a date, a language, a path.
    for (input, args) in [
        (
            with(good_case(), "/needs/0/kind", json!(HOSTILE)),
            vec!["assess", "-"],
        ),
        (
            with(good_case(), "/needs/0/start", json!(HOSTILE)),
            vec!["assess", "-"],
        ),
        (good_case(), vec!["assess", "-", "--date", HOSTILE]),
        (good_case(), vec!["assess", "-", "--lang", HOSTILE]),
        (good_case(), vec!["link", HOSTILE]),
        (good_case(), vec!["assess", "-", "--kommune", HOSTILE]),
    ] {
        let out = bpa(&args, &input.to_string());
        let shown = text(&out.stderr) + &text(&out.stdout);
        assert_escaped(&format!("{args:?}"), &shown);
    }
    // A link's rules version, told when the rules have changed since.
    let body = json!({"rules": HOSTILE, "case": {}}).to_string();
    let link = bpa::link::raw::seal_json(body.as_bytes());
    let out = bpa(&["open", &link], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_escaped("rules version", &text(&out.stderr));
}

#[test]
fn a_file_nested_too_deep_is_told_the_case_limit() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile/deep_130.json");
    let out = bpa(&["assess", path], "");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&words("nb", "error.INVALID_VALUE.too_deep")),
        "{stderr}"
    );
    assert!(stderr.contains("128"), "{stderr}");
    for other in ["24", " 8 "] {
        assert!(!stderr.contains(other), "{stderr}");
    }
}

#[test]
fn a_version_of_two_to_the_32_is_said_as_written() {
    let out = bpa(&["assess", "-"], r#"{"version": 4294967296, "needs": []}"#);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("(format 4294967296)"), "{stderr}");
    let out = bpa(&["assess", "-", "--json"], r#"{"version": 4294967296}"#);
    assert!(
        text(&out.stdout).contains("\"format\": \"4294967296\""),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn no_english_of_serde_reaches_a_norwegian_message() {
    const ENGLISH: [&str; 10] = [
        "number out of range",
        "lone leading surrogate",
        "lone trailing surrogate",
        "invalid type",
        "invalid value",
        "unknown variant",
        "missing field",
        "expected",
        "recursion limit",
        "EOF while parsing",
    ];
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    assert!(files.len() > 100, "{dir:?}");
    for path in &files {
        let path = path.to_string_lossy();
        for lang in ["nb", "nn"] {
            let out = bpa(&["assess", &path, "--lang", lang], "");
            let stderr = text(&out.stderr);
            for english in ENGLISH {
                assert!(!stderr.contains(english), "{path} ({lang}): {stderr}");
            }
        }
        let out = bpa(&["assess", &path, "--json"], "");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        for e in v["errors"].as_array().into_iter().flatten() {
            let nb = e["message_nb"].as_str().unwrap_or_default();
            assert!(!nb.is_empty(), "{path}: {e}");
            for english in ENGLISH {
                assert!(!nb.contains(english), "{path}: {nb}");
            }
        }
    }
}

#[test]
fn a_date_with_signs_is_no_date_in_a_file_or_on_the_command_line() {
    let file = adding(
        good_case(),
        "",
        "settings",
        json!({"assessment_date": "2026-+1-+1"}),
    );
    let out = bpa(&["assess", "-"], &file.to_string());
    assert_refused("date in the file", &out, "settings.assessment_date");
    assert!(
        text(&out.stderr).contains("«2026-+1-+1»"),
        "{}",
        text(&out.stderr)
    );
    for lang in ["nb", "nn", "en"] {
        let out = bpa(
            &["assess", "-", "--date", "2026-+1-+1", "--lang", lang],
            &good_case().to_string(),
        );
        assert_refused("--date", &out, "--date");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(&words(lang, "error.INVALID_VALUE.bad_date")),
            "{lang}: {stderr}"
        );
        assert!(!stderr.contains("invalid value"), "clap's words: {stderr}");
    }
    let out = bpa(
        &["assess", "-", "--date", "2026-+1-+1", "--json"],
        &good_case().to_string(),
    );
    assert_refused_as_json("--date --json", &out, "--date");
}

#[test]
fn a_link_version_with_a_leading_zero_is_not_ours() {
    let link = bpa::link::encode(&bpa::case::example::seed_week()).unwrap_or_default();
    let data = link.strip_prefix("v3.").unwrap_or_default();
    for bad in [
        format!("v02.{data}"),
        format!("v03.{data}"),
        "v02.".to_string(),
        format!("#v02.{data}"),
    ] {
        let out = bpa(&["open", &bad], "");
        assert_refused(&bad, &out, "link");
        assert!(
            text(&out.stderr).contains("LINK_UNKNOWN"),
            "{bad}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn every_refusal_is_in_the_catalogues_words_in_the_persons_language() {
    for lang in ["nb", "nn", "en"] {
        let cases: Vec<(Vec<&str>, String, &str)> = vec![
            (
                vec!["assess", "/no/such/file.json"],
                good_case().to_string(),
                "error.FILE_NOT_FOUND",
            ),
            (
                vec!["assess", "/"],
                good_case().to_string(),
                "error.FILE_NOT_READABLE",
            ),
            (vec!["assess", "-"], "{".to_string(), "error.MALFORMED_JSON"),
            (
                vec!["link", "/no/such/file.json"],
                String::new(),
                "error.FILE_NOT_FOUND",
            ),
            (
                vec!["open", "v9.abc"],
                String::new(),
                "error.LINK_NEWER_VERSION",
            ),
            (vec!["open", "v02.abc"], String::new(), "error.LINK_UNKNOWN"),
            (
                vec!["open", "-"],
                "v3.AAAA".to_string(),
                "error.LINK_DAMAGED",
            ),
        ];
        for (mut args, stdin, key) in cases {
            args.extend(["--lang", lang]);
            let out = bpa(&args, &stdin);
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(
                stderr.contains(&words(lang, key)),
                "{args:?}: want {key} in {lang}: {stderr}"
            );
            assert!(!stderr.contains("os error"), "{args:?}: {stderr}");
        }
    }
    // A language the calculator has not: said in bokmål, with the choices.
    let out = bpa(&["assess", "-", "--lang", "de"], &good_case().to_string());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("«de»") && stderr.contains("nb, nn, en"),
        "{stderr}"
    );
}

#[test]
fn the_cost_in_the_report_names_the_date_of_g_in_words_as_the_page_does() {
    let case = json!({
        "person": {"age": 40, "long_lasting": "yes", "applicant": "self", "arbeidsleder": "self", "income_band": "under_2g"},
        "needs": [{"kind": "household", "days": ["tue", "fri"], "start": "13:00", "end": "15:00"}],
        "settings": {"assessment_date": "2015-06-01"}
    });
    let out = bpa(&["assess", "-"], &case.to_string());
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(stdout.contains("med G fra 1. mai 2015"), "{stdout}");
    assert!(
        stdout.contains("Grunnbeløpet (G) fra 1. mai 2015"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("2015-05-01"),
        "a date as the machine writes it: {stdout}"
    );
}
