//! The `assess` command line (spec §7, §12): reads answers JSON (a file or `-` for stdin) or
//! a share code, prints the outcome JSON (or the calendar, FHIR Bundle, share code or QR
//! code of a share link) and exits 0, or prints one line per problem on stderr and exits 2.
//! `--check-clinic` checks a `clinic.json` the same way; `--print-default-clinic` prints the
//! built-in default.
//! It must not hold any rule or format of its own: it calls the same core as the web app.

use std::io::{Read, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use meso_advisor::core::export::{fhir, ics, qr, share};
use meso_advisor::core::{assess, assess_text, parse_iso_date, Answers, Catalog, Clinic};

const USAGE: &str = "usage: assess [--today YYYY-MM-DD] [--clinic clinic.json] [--lang en|es|de]
              [--format outcome|ics|fhir|share|qr] [--base-url URL]
              (ANSWERS.json | - | --share CODE)
       assess --check-clinic clinic.json
       assess --print-default-clinic
  --format outcome  the outcome JSON (default)
  --format ics      the plan as a calendar (.ics); only for results with a plan
  --format fhir     a FHIR R4 Bundle (JSON)
  --format share    the share code, alone on one line
  --format qr       an SVG QR code of <URL>#/s/<code> (needs --base-url, http or https)
  --share CODE      reads the answers from a share code instead of a file
  --check-clinic F  checks clinic settings: prints ok (exit 0), or one line per
                    problem naming its key (exit 2)
  --print-default-clinic  prints the built-in default clinic.json";

/// What the command line prints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Outcome,
    Ics,
    Fhir,
    Share,
    Qr,
}

impl Format {
    fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "outcome" => Format::Outcome,
            "ics" => Format::Ics,
            "fhir" => Format::Fhir,
            "share" => Format::Share,
            "qr" => Format::Qr,
            _ => return None,
        })
    }
}

/// A base URL for share links: http(s), with a host, no fragment, no spaces.
fn check_base_url(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("--base-url: {url:?} must start with https:// or http://"))?;
    let host = rest.split(['/', '?']).next().unwrap_or("");
    if host.is_empty() {
        return Err(format!("--base-url: {url:?} has no host"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("--base-url: {url:?} must not contain spaces"));
    }
    if url.contains('#') {
        return Err(format!(
            "--base-url: {url:?} must not have a fragment (#…): the share code goes there"
        ));
    }
    Ok(())
}

/// Largest input read (answers or clinic settings); anything bigger is refused.
const MAX_INPUT_BYTES: u64 = 1 << 20;

fn read_input(path: &str, what: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
    };
    let shown = if path == "-" { "standard input" } else { path };
    result.map_err(|e| format!("{what}: cannot read {shown}: {e}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!("{what}: {shown} is larger than 1 MiB"));
    }
    String::from_utf8(bytes).map_err(|_| format!("{what}: {shown} is not UTF-8 text"))
}

/// The output text, and whether a newline follows it (not after a calendar, whose lines
/// already end in CRLF).
fn run(args: Vec<String>) -> Result<(String, bool), Vec<String>> {
    let mut today: Option<NaiveDate> = None;
    let mut clinic_path: Option<String> = None;
    let mut catalog = Catalog::english();
    let mut input: Option<String> = None;
    let mut share_code: Option<String> = None;
    let mut format = Format::Outcome;
    let mut base_url: Option<String> = None;
    let mut check_clinic: Option<String> = None;
    let mut print_default = false;
    let mut it = args.into_iter();
    let need = |v: Option<String>, what: &str| v.ok_or_else(|| vec![format!("{what}\n{USAGE}")]);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok((USAGE.to_string(), true)),
            "--today" => {
                let v = need(it.next(), "--today: needs a date YYYY-MM-DD")?;
                today = Some(parse_iso_date(&v).map_err(|e| vec![format!("--today: {e}")])?);
            }
            "--clinic" => clinic_path = Some(need(it.next(), "--clinic: needs a file")?),
            "--check-clinic" => {
                check_clinic = Some(need(it.next(), "--check-clinic: needs a file")?)
            }
            "--print-default-clinic" => print_default = true,
            "--lang" => {
                let v = need(it.next(), "--lang: needs a language")?;
                // Only the texts change: field names, ids and ISO dates never do.
                catalog = Catalog::loaded(&v).ok_or_else(|| {
                    vec![format!(
                        "--lang: unknown language {v:?} (expected one of: {})",
                        meso_advisor::core::catalog::LANGUAGES.join(", ")
                    )]
                })?;
            }
            "--format" => {
                let v = need(it.next(), "--format: needs outcome, ics, fhir, share or qr")?;
                format = Format::parse(&v).ok_or_else(|| {
                    vec![format!(
                        "--format: unknown format {v:?} (expected one of: outcome, ics, fhir, share, qr)"
                    )]
                })?;
            }
            "--base-url" => {
                let v = need(it.next(), "--base-url: needs a URL (http or https)")?;
                check_base_url(&v).map_err(|e| vec![e])?;
                base_url = Some(v);
            }
            "--share" => {
                if share_code.is_some() {
                    return Err(vec![format!("only one --share code may be given\n{USAGE}")]);
                }
                share_code = Some(need(it.next(), "--share: needs a share code")?);
            }
            s if s.starts_with("--") => return Err(vec![format!("unknown option {s}\n{USAGE}")]),
            _ if input.is_some() => {
                return Err(vec![format!("only one answers file may be given\n{USAGE}")])
            }
            _ => input = Some(arg),
        }
    }
    if check_clinic.is_some() || print_default {
        if check_clinic.is_some() && print_default
            || input.is_some()
            || share_code.is_some()
            || clinic_path.is_some()
        {
            return Err(vec![format!(
                "--check-clinic and --print-default-clinic are used alone\n{USAGE}"
            )]);
        }
        return match check_clinic {
            Some(path) => {
                let text = read_input(&path, "clinic settings").map_err(|e| vec![e])?;
                Clinic::parse(&text)
                    .map(|_| ("ok".to_string(), true))
                    .map_err(|e| e.lines())
            }
            None => serde_json::to_string_pretty(&Clinic::default().to_json())
                .map(|s| (s, true))
                .map_err(|e| vec![format!("output: {e}")]),
        };
    }
    if format == Format::Qr && base_url.is_none() {
        return Err(vec![format!(
            "--format qr: needs --base-url (the address of the advisor, http or https)\n{USAGE}"
        )]);
    }
    let source = match (input, share_code) {
        (Some(_), Some(_)) => {
            return Err(vec![format!(
                "give either an answers file or --share, not both\n{USAGE}"
            )])
        }
        (None, None) => {
            return Err(vec![format!(
                "no answers file given (use - for standard input, or --share CODE)\n{USAGE}"
            )])
        }
        (Some(path), None) => Ok(path),
        (None, Some(code)) => Err(code),
    };
    // The command line is an edge: it may read the clock when --today is not given.
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let clinic_text = match &clinic_path {
        Some(p) => Some(read_input(p, "clinic settings").map_err(|e| vec![e])?),
        None => None,
    };

    let answers_text = match &source {
        Ok(path) => Some(read_input(path, "answers").map_err(|e| vec![e])?),
        Err(_) => None,
    };
    if format == Format::Outcome {
        if let Some(text) = &answers_text {
            // Unchanged: the same call as before the other formats existed.
            let outcome = assess_text(text, clinic_text.as_deref(), today, catalog)?;
            return serde_json::to_string_pretty(&outcome)
                .map(|s| (s, true))
                .map_err(|e| vec![format!("output: {e}")]);
        }
    }

    // Every problem of both inputs, answers first (as `assess_text` reports them).
    let answers = match (&source, &answers_text) {
        (Ok(_), Some(text)) => Answers::parse(text, Some(today)).map_err(|e| e.lines()),
        (Err(code), _) => {
            share::decode(code, Some(today)).map_err(|e| vec![format!("--share: {e}")])
        }
        (Ok(_), None) => Err(vec!["answers: nothing was read".to_string()]),
    };
    let clinic = meso_advisor::core::outcome::clinic_from_text(clinic_text.as_deref());
    let (answers, clinic) = match (answers, clinic) {
        (Ok(a), Ok(c)) => (a, c),
        (a, c) => {
            return Err(a
                .err()
                .into_iter()
                .flatten()
                .chain(c.err().into_iter().flatten())
                .collect())
        }
    };

    let code = share::encode(&answers);
    let evaluation = assess(&answers, &clinic, today);
    let out = match format {
        Format::Outcome => serde_json::to_string_pretty(&evaluation.render(catalog))
            .map_err(|e| vec![format!("output: {e}")])?,
        Format::Share => code,
        Format::Qr => {
            let link = format!("{}#/s/{code}", base_url.unwrap_or_default());
            qr::svg(&link).map_err(|e| vec![format!("--format qr: {e}")])?
        }
        Format::Fhir => {
            let bundle = fhir::bundle(&answers, &evaluation, &clinic, catalog, None, &code, today);
            serde_json::to_string_pretty(&bundle).map_err(|e| vec![format!("output: {e}")])?
        }
        Format::Ics => {
            let plan = evaluation.plan.as_ref().ok_or_else(|| {
                vec![format!(
                    "--format ics: there is no plan for this result (verdict {}), so there are no dates for a calendar",
                    evaluation.verdict
                )]
            })?;
            // Reproducible: the stamp is the day's midnight (UTC), the UIDs come from the code.
            let stamp = today.and_time(chrono::NaiveTime::MIN);
            return Ok((
                ics::calendar(plan, &clinic, catalog, &code, stamp, None),
                false,
            ));
        }
    };
    Ok((out, true))
}

fn main() -> ExitCode {
    // Arguments that are not UTF-8 are refused (std::env::args would panic on them).
    let args: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|a| {
            a.into_string()
                .map_err(|a| vec![format!("argument {a:?} is not UTF-8 text")])
        })
        .collect();
    let (text, to_stdout, newline) = match args.and_then(run) {
        Ok((out, newline)) => (out, true, newline),
        Err(lines) => (lines.join("\n"), false, true),
    };
    // A closed or full standard output is reported, never a panic.
    let written = if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| {
                if newline {
                    out.write_all(b"\n")
                } else {
                    Ok(())
                }
            })
            .and_then(|()| out.flush())
    } else {
        writeln!(std::io::stderr().lock(), "{text}")
    };
    match (written, to_stdout) {
        (Ok(()), true) => ExitCode::SUCCESS,
        (Ok(()), false) => ExitCode::from(2),
        (Err(e), _) => {
            let _ = writeln!(
                std::io::stderr().lock(),
                "output: cannot write the outcome: {e}"
            );
            ExitCode::from(2)
        }
    }
}
