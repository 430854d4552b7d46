//! Message catalogs: every visible text of the app and the outcome, per language, from
//! `locales/<lang>.txt` (`key = text` lines), and the one place dates are formatted.
//! It must not build sentences by concatenating translated fragments in code.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

/// Languages the app has a catalog for.
pub const LANGUAGES: &[&str] = &["en"];

const EN: &str = include_str!("../../locales/en.txt");

/// One language's messages.
#[derive(Debug, Clone)]
pub struct Catalog {
    lang: &'static str,
    messages: HashMap<&'static str, &'static str>,
}

impl Catalog {
    /// Parses a catalog text. Lines are `key = text`; `#` starts a comment line.
    pub fn from_text(lang: &'static str, text: &'static str) -> Result<Catalog, String> {
        let mut messages = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once(" = ") else {
                return Err(format!("{lang}.txt line {}: expected `key = text`", n + 1));
            };
            if messages.insert(key.trim(), value).is_some() {
                return Err(format!(
                    "{lang}.txt line {}: duplicate key {}",
                    n + 1,
                    key.trim()
                ));
            }
        }
        Ok(Catalog { lang, messages })
    }

    /// The English catalog (embedded in the build).
    pub fn english() -> &'static Catalog {
        static EN_CATALOG: OnceLock<Catalog> = OnceLock::new();
        EN_CATALOG.get_or_init(|| Catalog::from_text("en", EN).unwrap_or_else(|e| panic!("{e}")))
    }

    /// The catalog for a language code, falling back to English.
    pub fn for_language(code: &str) -> &'static Catalog {
        // Only English so far; further languages add an arm here and a file in locales/.
        let _ = code;
        Catalog::english()
    }

    /// The language code.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// Whether the catalog has a key.
    pub fn has(&self, key: &str) -> bool {
        self.messages.contains_key(key)
    }

    /// Every key (for completeness tests).
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.messages.keys().copied()
    }

    /// The text for `key`; a missing key shows as `⟦key⟧` so it is visible, never blank.
    pub fn t(&self, key: &str) -> String {
        match self.messages.get(key) {
            Some(text) => (*text).to_string(),
            None => format!("⟦{key}⟧"),
        }
    }

    /// The text for `key` with `{name}` placeholders filled in, in one pass: a value that
    /// itself contains `{…}` stays literal, and an unknown placeholder stays visible.
    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(&self.t(key), args)
    }

    /// The plural category of `n` in this catalog's language (`one` or `other`; English,
    /// Spanish and German need no more for whole numbers of sessions, weeks and months).
    pub fn plural_category(&self, n: usize) -> &'static str {
        plural_category(self.lang, n)
    }

    /// A text about a count, the one way plurals are chosen: `key.<category>` when the
    /// catalog has it (e.g. `key.one`), else `key` (the `other` form), with `{n}` filled in.
    pub fn count(&self, key: &str, n: usize) -> String {
        self.count_with(key, n, &[])
    }

    /// [`Catalog::count`] with more placeholders.
    pub fn count_with(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let specific = format!("{key}.{}", self.plural_category(n));
        let key = if self.has(&specific) {
            specific.as_str()
        } else {
            key
        };
        let n = n.to_string();
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        self.f(key, &all)
    }

    /// A date as people read it, with its weekday: `Tue 1 Dec 2026`.
    pub fn date(&self, d: NaiveDate) -> String {
        format!(
            "{} {} {} {}",
            self.t(&format!(
                "date.weekday.{}",
                d.weekday().num_days_from_monday()
            )),
            d.day(),
            self.t(&format!("date.month.{}", d.month())),
            d.year()
        )
    }

    /// A date without its weekday: `1 Dec 2026`.
    pub fn date_short(&self, d: NaiveDate) -> String {
        format!(
            "{} {} {}",
            d.day(),
            self.t(&format!("date.month.{}", d.month())),
            d.year()
        )
    }
}

/// The plural category of `n` for a language (CLDR cardinal rules for whole numbers).
pub fn plural_category(lang: &str, n: usize) -> &'static str {
    match (lang, n) {
        (_, 1) => "one",
        _ => "other",
    }
}

/// Fills `{name}` placeholders in one pass over `template` (never over a filled-in value).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
