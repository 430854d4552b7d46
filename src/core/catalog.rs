//! Message catalogs: every visible text of the app and the outcome, per language, from
//! `locales/<lang>.txt` (`key = text` lines); plurals and dates go through one place each.
//! Native builds (the command line, tests) embed every language and format dates and plurals
//! themselves; the web app embeds English only, registers the others when it has fetched them
//! and plugs in the browser's `Intl` (`set_formatters`). It must not build sentences by
//! concatenating translated fragments in code, and must not do IO.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use chrono::{Datelike, NaiveDate};

/// Languages the app has a catalog for.
pub const LANGUAGES: &[&str] = &["en", "es", "de"];

/// A language's name in that language (what the language picker shows).
pub fn language_name(code: &str) -> &'static str {
    match code {
        "es" => "Español",
        "de" => "Deutsch",
        _ => "English",
    }
}

const EN: &str = include_str!("../../locales/en.txt");
/// The questionnaire's English texts (lines of `en.txt` selected by `build.rs`): all the
/// questionnaire's own build embeds (see [`Catalog::questionnaire_english`]).
const EN_QUESTIONNAIRE: &str = include_str!(concat!(env!("OUT_DIR"), "/en.questionnaire.txt"));
#[cfg(not(target_arch = "wasm32"))]
const ES: &str = include_str!("../../locales/es.txt");
#[cfg(not(target_arch = "wasm32"))]
const DE: &str = include_str!("../../locales/de.txt");

/// Formats a date in a language (`with_weekday`), or declines (None: the catalog's own form).
pub type DateFormatter = fn(lang: &str, d: NaiveDate, with_weekday: bool) -> Option<String>;
/// The plural category (`one`, `few`, `many`, `other`…) of a count in a language, or None.
pub type PluralRule = fn(lang: &str, n: usize) -> Option<&'static str>;

static FORMATTERS: OnceLock<(DateFormatter, PluralRule)> = OnceLock::new();

/// Plugs in the platform's date and plural formatting (the browser's `Intl`); set once.
pub fn set_formatters(dates: DateFormatter, plurals: PluralRule) {
    let _ = FORMATTERS.set((dates, plurals));
}

/// Catalogs registered at run time (the web app fetches non-English ones on demand).
static REGISTERED: Mutex<Vec<&'static Catalog>> = Mutex::new(Vec::new());

/// One language's messages.
#[derive(Debug, Clone)]
pub struct Catalog {
    lang: &'static str,
    messages: HashMap<&'static str, &'static str>,
}

impl Catalog {
    /// Parses a catalog text. Lines are `key = text`; `#` starts a comment line.
    pub fn from_text(lang: &'static str, text: &'static str) -> Result<Catalog, String> {
        Ok(Catalog {
            lang,
            messages: parse_lines(lang, text)?,
        })
    }

    /// Checks a catalog text without keeping it (the same reader as [`Catalog::from_text`]):
    /// the number of messages, or what is wrong.
    pub fn check_text(lang: &str, text: &str) -> Result<usize, String> {
        parse_lines(lang, text).map(|m| m.len())
    }

    /// The English catalog (embedded in the build).
    pub fn english() -> &'static Catalog {
        static EN_CATALOG: OnceLock<Catalog> = OnceLock::new();
        EN_CATALOG.get_or_init(|| Catalog::from_text("en", EN).unwrap_or_else(|e| panic!("{e}")))
    }

    /// The English texts of the questionnaire's pages only (start page, steps, About): what
    /// the questionnaire's own web build embeds, so that its first load does not carry the
    /// texts of the result, the plan or staff mode. Every other build uses [`Catalog::english`].
    pub fn questionnaire_english() -> &'static Catalog {
        static EN_Q_CATALOG: OnceLock<Catalog> = OnceLock::new();
        EN_Q_CATALOG.get_or_init(|| {
            Catalog::from_text("en", EN_QUESTIONNAIRE).unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// The catalog for a language code, when this build has it (embedded or registered).
    pub fn loaded(code: &str) -> Option<&'static Catalog> {
        Catalog::loaded_with(Catalog::english, code)
    }

    /// [`Catalog::loaded`], with `english` as this build's English.
    pub fn loaded_with(english: fn() -> &'static Catalog, code: &str) -> Option<&'static Catalog> {
        if code == "en" {
            return Some(english());
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            static ES_CATALOG: OnceLock<Catalog> = OnceLock::new();
            static DE_CATALOG: OnceLock<Catalog> = OnceLock::new();
            let embedded = match code {
                "es" => Some((&ES_CATALOG, "es", ES)),
                "de" => Some((&DE_CATALOG, "de", DE)),
                _ => None,
            };
            if let Some((cell, lang, text)) = embedded {
                return Some(cell.get_or_init(|| {
                    Catalog::from_text(lang, text).unwrap_or_else(|e| panic!("{e}"))
                }));
            }
        }
        REGISTERED
            .lock()
            .ok()?
            .iter()
            .copied()
            .find(|c| c.lang == code)
    }

    /// The catalog for a language code, falling back to English.
    pub fn for_language(code: &str) -> &'static Catalog {
        Catalog::loaded(code).unwrap_or_else(Catalog::english)
    }

    /// Parses and keeps a catalog fetched at run time (the text is kept for the program's
    /// life, as embedded catalogs are). Only languages of [`LANGUAGES`] are accepted, and the
    /// catalog must have every key of the English one.
    pub fn register(code: &str, text: String) -> Result<&'static Catalog, String> {
        Catalog::register_with(Catalog::english, code, text)
    }

    /// [`Catalog::register`], with `english` as this build's English (the keys it must have).
    pub fn register_with(
        english: fn() -> &'static Catalog,
        code: &str,
        text: String,
    ) -> Result<&'static Catalog, String> {
        if let Some(c) = Catalog::loaded_with(english, code) {
            return Ok(c);
        }
        let lang = *LANGUAGES
            .iter()
            .find(|l| **l == code)
            .ok_or_else(|| format!("unknown language {code}"))?;
        let text: &'static str = Box::leak(text.into_boxed_str());
        let catalog = Catalog::from_text(lang, text)?;
        if let Some(missing) = english().keys().find(|k| !catalog.has(k)) {
            return Err(format!("{lang}.txt has no key {missing}"));
        }
        let catalog: &'static Catalog = Box::leak(Box::new(catalog));
        REGISTERED
            .lock()
            .map_err(|_| "catalog registry unavailable".to_string())?
            .push(catalog);
        Ok(catalog)
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

    /// The plural category of `n` in this catalog's language: the platform's rule when one
    /// is plugged in (`Intl.PluralRules`), else [`plural_category`].
    pub fn plural_category(&self, n: usize) -> &'static str {
        FORMATTERS
            .get()
            .and_then(|(_, rule)| rule(self.lang, n))
            .unwrap_or_else(|| plural_category(self.lang, n))
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

    /// A date as people read it, with its weekday (`Tue, 1 Dec 2026`, `Di., 1. Dez. 2026`).
    pub fn date(&self, d: NaiveDate) -> String {
        self.format_date(d, true)
    }

    /// A date without its weekday: `1 Dec 2026`.
    pub fn date_short(&self, d: NaiveDate) -> String {
        self.format_date(d, false)
    }

    fn format_date(&self, d: NaiveDate, with_weekday: bool) -> String {
        if let Some(text) = FORMATTERS
            .get()
            .and_then(|(dates, _)| dates(self.lang, d, with_weekday))
        {
            return text;
        }
        let weekday = self.t(&format!(
            "date.weekday.{}",
            d.weekday().num_days_from_monday()
        ));
        let month = self.t(&format!("date.month.{}", d.month()));
        let (day, year) = (d.day().to_string(), d.year().to_string());
        let args = [
            ("weekday", weekday.as_str()),
            ("day", day.as_str()),
            ("month", month.as_str()),
            ("year", year.as_str()),
        ];
        self.f(
            if with_weekday {
                "date.format"
            } else {
                "date.format_short"
            },
            &args,
        )
    }
}

/// Largest catalog read (the real ones are under 100 KB).
pub const MAX_CATALOG_BYTES: usize = 1 << 20;

/// The catalog reader: `key = text` lines, `#` comments, no key twice, at most
/// [`MAX_CATALOG_BYTES`].
fn parse_lines<'a>(lang: &str, text: &'a str) -> Result<HashMap<&'a str, &'a str>, String> {
    if text.len() > MAX_CATALOG_BYTES {
        return Err(format!("{lang}.txt is larger than 1 MiB"));
    }
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
    Ok(messages)
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
