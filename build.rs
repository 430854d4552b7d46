//! Build script: writes `$OUT_DIR/en.questionnaire.txt`, the lines of `locales/en.txt` that
//! the questionnaire's own build (`index.html`: start page, six steps, not found) shows, so that
//! the first load does not carry the texts of the result, the plan, staff mode or the setup
//! page (the results build embeds all of `en.txt`). `locales/en.txt` stays the one source:
//! this only selects whole lines by key. It must not change or reorder a text.
//!
//! A key the questionnaire shows but this list misses would show as `⟦key⟧`:
//! `e2e/builds.test.mjs` walks the questionnaire's pages and states looking for one.

use std::{env, fs, path::Path};

/// Key prefixes (`prefix.…`) of the questionnaire's pages, their shell and its notices.
const PREFIXES: &[&str] = &[
    "answer",
    "app",
    "config",
    "date",
    "draft",
    "language",
    "nav",
    "notfound",
    "question",
    "results_loader",
    "step",
    "update",
    "validation",
];
/// Single keys of other areas that the questionnaire's pages show.
const KEYS: &[&str] = &[
    "disclaimer",
    "staff.link",
    // The idle dialog of kiosk mode.
    "kiosk.title",
    "kiosk.text",
    "kiosk.seconds",
    "kiosk.seconds.one",
    "kiosk.still_here",
    "kiosk.finish_now",
    // What keeping the draft in session storage can fail with.
    "store.unavailable",
    "store.full",
    "store.write_failed",
];

fn main() {
    let source = "locales/en.txt";
    println!("cargo:rerun-if-changed={source}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let wanted = |key: &str| {
        KEYS.contains(&key)
            || PREFIXES.iter().any(|p| {
                key.strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with('.'))
            })
    };
    let mut out = String::from(
        "# The questionnaire's English texts: selected from locales/en.txt by build.rs.\n",
    );
    for line in text.lines() {
        let key = line.split_once(" = ").map(|(k, _)| k.trim());
        if key.is_some_and(wanted) {
            out.push_str(line);
            out.push('\n');
        }
    }
    let dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&dir).join("en.questionnaire.txt"), out).expect("OUT_DIR is writable");
}
