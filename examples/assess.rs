//! The `assess` command line (spec §7): reads answers JSON (a file or `-` for stdin), prints
//! the outcome JSON and exits 0, or prints one line per problem on stderr and exits 2.
//! It must not hold any rule of its own: it calls the same core as the web app.

use std::io::{Read, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use meso_advisor::core::{assess_text, parse_iso_date, Catalog};

const USAGE: &str =
    "usage: assess [--today YYYY-MM-DD] [--clinic clinic.json] [--lang en|es|de] ANSWERS.json|-";

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

fn run(args: Vec<String>) -> Result<String, Vec<String>> {
    let mut today: Option<NaiveDate> = None;
    let mut clinic_path: Option<String> = None;
    let mut catalog = Catalog::english();
    let mut input: Option<String> = None;
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(USAGE.to_string()),
            "--today" => {
                let v = it
                    .next()
                    .ok_or_else(|| vec![format!("--today: needs a date YYYY-MM-DD\n{USAGE}")])?;
                today = Some(parse_iso_date(&v).map_err(|e| vec![format!("--today: {e}")])?);
            }
            "--clinic" => {
                clinic_path = Some(
                    it.next()
                        .ok_or_else(|| vec![format!("--clinic: needs a file\n{USAGE}")])?,
                );
            }
            "--lang" => {
                let v = it
                    .next()
                    .ok_or_else(|| vec![format!("--lang: needs a language\n{USAGE}")])?;
                // Only the texts change: field names, ids and ISO dates never do.
                catalog = Catalog::loaded(&v).ok_or_else(|| {
                    vec![format!(
                        "--lang: unknown language {v:?} (expected one of: {})",
                        meso_advisor::core::catalog::LANGUAGES.join(", ")
                    )]
                })?;
            }
            s if s.starts_with("--") => return Err(vec![format!("unknown option {s}\n{USAGE}")]),
            _ if input.is_some() => {
                return Err(vec![format!("only one answers file may be given\n{USAGE}")])
            }
            _ => input = Some(arg),
        }
    }
    let input = input.ok_or_else(|| {
        vec![format!(
            "no answers file given (use - for standard input)\n{USAGE}"
        )]
    })?;
    // The command line is an edge: it may read the clock when --today is not given.
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let answers = read_input(&input, "answers").map_err(|e| vec![e])?;
    let clinic = match &clinic_path {
        Some(p) => Some(read_input(p, "clinic settings").map_err(|e| vec![e])?),
        None => None,
    };
    let outcome = assess_text(&answers, clinic.as_deref(), today, catalog)?;
    serde_json::to_string_pretty(&outcome).map_err(|e| vec![format!("output: {e}")])
}

fn main() -> ExitCode {
    let (text, to_stdout) = match run(std::env::args().skip(1).collect()) {
        Ok(json) => (json, true),
        Err(lines) => (
            lines.join(
                "
",
            ),
            false,
        ),
    };
    // A closed or full standard output is reported, never a panic.
    let written = if to_stdout {
        writeln!(std::io::stdout().lock(), "{text}").and_then(|()| std::io::stdout().flush())
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
