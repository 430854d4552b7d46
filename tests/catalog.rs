//! The catalogs are complete: every key the code asks for exists in English (rule, note,
//! answer, effect, referral, driver, ingredient, lifestyle and every literal key in src/), and
//! Spanish and German have every key, non-empty, translated, with the same placeholders.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use meso_advisor::core::answers::*;
use meso_advisor::core::choice::Choice;
use meso_advisor::core::drivers::{Advice, Driver, Emphasis, IngredientGroup};
use meso_advisor::core::rules::{Effect, NoteId, ReferTo, RuleId, Urgency};
use meso_advisor::core::Catalog;

fn ids<T: Choice>() -> Vec<&'static str> {
    T::IDS.to_vec()
}

fn literal_keys(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            literal_keys(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for marker in ["t(\"", "f(\"", "count(\"", "count_with(\""] {
                for (i, _) in text.match_indices(marker) {
                    let rest = &text[i + marker.len()..];
                    let key: String = rest.chars().take_while(|c| *c != '"').collect();
                    let prev = text[..i].chars().last().unwrap_or(' ');
                    if !prev.is_alphanumeric() && prev != '_' && key.contains('.') {
                        out.push((key, path.display().to_string()));
                    }
                }
            }
        }
    }
}

#[test]
fn every_key_the_code_uses_exists() {
    let c = Catalog::english();
    let mut missing = Vec::new();
    let mut need = |key: String| {
        if !c.has(&key) {
            missing.push(key);
        }
    };
    for r in RuleId::ALL {
        need(format!("rule.{r}.title"));
        need(format!("rule.{r}.detail"));
    }
    for n in NoteId::ALL {
        need(format!("note.{n}.title"));
        need(format!("note.{n}.detail"));
    }
    for e in Effect::ALL {
        need(format!("effect.{e}"));
        need(format!("verdict.{e}.headline"));
        need(format!("verdict.{e}.summary"));
    }
    for t in ReferTo::ALL {
        need(format!("referral.to.{t}"));
    }
    for u in Urgency::ALL {
        need(format!("referral.urgency.{u}"));
    }
    for d in Driver::ALL {
        need(format!("driver.{d}"));
        need(format!("driver.{d}.explain"));
    }
    // The surgeon sentence of the one rule that refers to a surgeon.
    need("rule.ST-ADVANCED.surgeon".into());
    for (scale, max) in [("norwood", 7), ("ludwig", 3)] {
        for g in 1..=max {
            need(format!("answer.stage.{scale}.{g}.hint"));
        }
    }
    // Plural texts asked through `count` (their `other` form is the base key).
    for key in [
        "validation.summary",
        "plan.course.sessions",
        "plan.course.interval",
        "plan.booster.every",
        "store.unconverted",
    ] {
        need(key.into());
    }
    for g in IngredientGroup::ALL {
        for part in ["name", "contents", "role"] {
            need(format!("ingredient.{g}.{part}"));
        }
    }
    for e in Emphasis::ALL {
        need(format!("emphasis.{e}"));
    }
    for a in Advice::ALL {
        need(format!("lifestyle.{a}"));
    }
    for (field, values) in [
        ("sex", ids::<Sex>()),
        ("pattern", ids::<Pattern>()),
        ("duration", ids::<HairLossDuration>()),
        ("onset", ids::<Onset>()),
        ("family_history", ids::<FamilyHistory>()),
        ("scalp_signs", ids::<ScalpSign>()),
        ("recent_triggers", ids::<Trigger>()),
        ("lifestyle", ids::<LifestyleFactor>()),
        ("conditions", ids::<Condition>()),
        ("symptoms", ids::<Symptom>()),
        ("previous_treatments", ids::<Treatment>()),
        ("injections", ids::<Injections>()),
    ] {
        need(format!("question.{field}"));
        for v in values {
            need(format!("answer.{field}.{v}"));
        }
    }
    for v in ids::<Condition>() {
        need(format!("answer.conditions.{v}.hint"));
    }
    for step in 1..=6 {
        need(format!("step.{step}.title"));
    }
    for d in 0..7 {
        need(format!("date.weekday.{d}"));
    }
    for m in 1..=12 {
        need(format!("date.month.{m}"));
    }
    let mut literal = Vec::new();
    literal_keys(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut literal,
    );
    assert!(
        literal.len() > 100,
        "the scanner finds the literal keys ({})",
        literal.len()
    );
    for (key, file) in literal {
        if !c.has(&key) {
            missing.push(format!("{key} (used in {file})"));
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "missing catalog keys:\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_missing_key_shows_visibly_and_placeholders_fill() {
    let c = Catalog::english();
    assert_eq!(c.t("no.such.key"), "⟦no.such.key⟧");
    assert_eq!(
        c.f("step.progress", &[("n", "2"), ("total", "6")]),
        "Step 2 of 6"
    );
    let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert_eq!(c.date(d), "Tue, 1 Dec 2026");
    assert_eq!(c.date_short(d), "1 Dec 2026");
}

#[test]
fn placeholders_are_filled_in_one_pass() {
    use meso_advisor::core::catalog::fill;
    // A value that itself contains a placeholder stays literal.
    assert_eq!(
        fill(
            "{who} on {date}",
            &[("who", "Dr {date}"), ("date", "1 Dec")]
        ),
        "Dr {date} on 1 Dec"
    );
    assert_eq!(fill("{a}{a}", &[("a", "{a}")]), "{a}{a}");
    // Unknown placeholders and stray braces stay visible.
    assert_eq!(fill("{x} and {", &[]), "{x} and {");
    assert_eq!(fill("no placeholders", &[("a", "b")]), "no placeholders");
    let c = Catalog::english();
    // A clinician whose name looks like a placeholder keeps it.
    let label = c.f(
        "plan.label.confirmed",
        &[("who", "{date}"), ("date", "2 Dec 2026")],
    );
    assert!(
        label.contains("{date}") && label.contains("2 Dec 2026"),
        "{label}"
    );
}

#[test]
fn plurals_are_chosen_in_one_place() {
    let c = Catalog::english();
    assert_eq!(c.plural_category(1), "one");
    assert_eq!(c.plural_category(0), "other");
    assert_eq!(c.plural_category(2), "other");
    assert_ne!(
        c.count("validation.summary", 1),
        c.count("validation.summary", 2)
    );
    assert!(c.count("validation.summary", 3).contains('3'));
    assert!(!c.count("validation.summary", 1).contains('{'));
}

#[test]
fn no_text_is_left_with_an_unfilled_placeholder_in_an_outcome() {
    let text = include_str!("../locales/en.txt");
    for line in text
        .lines()
        .filter(|l| l.starts_with("rule.") || l.starts_with("note.") || l.starts_with("lifestyle."))
    {
        assert!(
            !line.contains('{'),
            "outcome texts take no placeholders: {line}"
        );
    }
}

#[test]
fn the_required_wording_is_exact() {
    let c = Catalog::english();
    assert_eq!(
        c.t("disclaimer"),
        "This is information to prepare your consultation, not a diagnosis. A clinician confirms whether treatment suits you."
    );
    assert_eq!(
        c.t("plan.label.proposed"),
        "Proposed plan — to be confirmed by your clinician"
    );
    assert!(c
        .t("rule.CI-ANTICOAG.detail")
        .to_lowercase()
        .contains("never stop a prescribed blood thinner"));
}

/// Every language has every key of English, with the same placeholders, and no key more.
#[test]
fn every_language_has_every_key_with_the_same_placeholders() {
    use meso_advisor::core::catalog::LANGUAGES;
    fn placeholders(t: &str) -> Vec<String> {
        let mut out: Vec<String> = t
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_string()))
            .collect();
        out.sort();
        out
    }
    let en = Catalog::english();
    for lang in LANGUAGES {
        let c = Catalog::loaded(lang).unwrap_or_else(|| panic!("{lang} is built in"));
        assert_eq!(c.lang(), *lang);
        let mut problems = vec![];
        for key in en.keys() {
            if !c.has(key) {
                problems.push(format!("{lang}: missing {key}"));
            } else if placeholders(&c.t(key)) != placeholders(&en.t(key)) {
                problems.push(format!(
                    "{lang}: placeholders differ in {key}: {}",
                    c.t(key)
                ));
            }
        }
        for key in c.keys() {
            if !en.has(key) {
                problems.push(format!("{lang}: extra key {key}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
    assert!(Catalog::loaded("fr").is_none());
}

#[test]
fn dates_follow_the_language() {
    let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert_eq!(Catalog::for_language("en").date(d), "Tue, 1 Dec 2026");
    assert_eq!(Catalog::for_language("es").date(d), "mar, 1 dic 2026");
    assert_eq!(Catalog::for_language("de").date(d), "Di., 1. Dez. 2026");
    assert_eq!(Catalog::for_language("de").date_short(d), "1. Dez. 2026");
}

#[test]
fn a_fetched_catalog_is_checked_before_it_is_used() {
    use meso_advisor::core::catalog::language_name;
    assert!(
        Catalog::register("fr", "a = b".into()).is_err(),
        "not a language of the app"
    );
    assert_eq!(language_name("de"), "Deutsch");
    assert_eq!(language_name("es"), "Español");
    assert_eq!(language_name("en"), "English");
}

/// No Spanish or German text is an untranslated copy of the English one, except proper
/// names, words spelled alike and texts that are only placeholders and punctuation.
#[test]
fn no_translation_is_an_untranslated_copy_of_english() {
    let en = Catalog::english();
    let alike: &[(&str, &[&str])] = &[
        (
            "es",
            &[
                "answer.no",                // "No"
                "answer.family_history.no", // "No"
                "safety.clinic.pus",        // "Pus"
            ],
        ),
        ("de", &["nav.start"]), // "Start"
    ];
    let proper = [
        "answer.stage.norwood",
        "answer.stage.ludwig",
        "answer.previous_treatments.minoxidil",
    ];
    for (lang, words) in alike {
        let c = Catalog::loaded(lang).unwrap();
        for key in en.keys() {
            let (a, b) = (en.t(key), c.t(key));
            assert!(!b.trim().is_empty(), "{lang}: {key} is empty");
            assert!(!b.contains('⟦'), "{lang}: {key}");
            // Only placeholders, digits and punctuation: nothing to translate.
            let mut outside = String::new();
            let mut depth = 0;
            for ch in a.chars() {
                match ch {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ if depth == 0 => outside.push(ch),
                    _ => {}
                }
            }
            let letters = outside.chars().filter(|ch| ch.is_alphabetic()).count();
            let template = letters <= 2;
            if a == b && !template && !proper.contains(&key) && !words.contains(&key) {
                panic!("{lang}: {key} is the English text: {a}");
            }
        }
    }
}

/// A button named for a screen reader (`…_named`) keeps its visible text in its name
/// (WCAG 2.5.3, "label in name"), in every language.
#[test]
fn accessible_names_contain_the_visible_text() {
    use meso_advisor::core::catalog::LANGUAGES;
    for lang in LANGUAGES {
        let c = Catalog::loaded(lang).unwrap();
        for key in c.keys().filter(|k| k.ends_with("_named")) {
            let visible = key.trim_end_matches("_named");
            if !c.has(visible) {
                continue;
            }
            assert!(
                c.t(key)
                    .to_lowercase()
                    .contains(&c.t(visible).to_lowercase()),
                "{lang}: {key} = {:?} lacks {:?}",
                c.t(key),
                c.t(visible)
            );
        }
    }
}
