//! The browser's `Intl` for dates, plurals and money (spec §10): date-only values are
//! formatted as UTC so no day shifts, plurals follow `Intl.PluralRules`, prices
//! `Intl.NumberFormat` with the clinic's currency. Nothing of ICU is compiled into the wasm.
//! It must not format anything the catalog's own rules would not (it only replaces them).

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::core::catalog;

thread_local! {
    static DATES: RefCell<HashMap<(String, bool), Intl::DateTimeFormat>> = RefCell::new(HashMap::new());
    static PLURALS: RefCell<HashMap<String, Intl::PluralRules>> = RefCell::new(HashMap::new());
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), &(*v).into());
    }
    o
}

/// The `Intl` locale of a catalog: the English catalog is British English ("GP"), the
/// others are written for Spain and Germany.
fn locales(lang: &str) -> Array {
    let tag = match lang {
        "en" => "en-GB",
        "es" => "es-ES",
        "de" => "de-DE",
        other => other,
    };
    Array::of1(&JsValue::from_str(tag))
}

fn date(lang: &str, d: NaiveDate, with_weekday: bool) -> Option<String> {
    DATES.with(|cache| {
        let mut cache = cache.borrow_mut();
        let f = cache
            .entry((lang.to_string(), with_weekday))
            .or_insert_with(|| {
                let mut o = vec![
                    ("timeZone", "UTC"),
                    ("day", "numeric"),
                    ("month", "short"),
                    ("year", "numeric"),
                ];
                if with_weekday {
                    o.push(("weekday", "short"));
                }
                Intl::DateTimeFormat::new(&locales(lang), &options(&o))
            });
        let ms = js_sys::Date::utc(f64::from(d.year()), f64::from(d.month0()))
            + f64::from(d.day0()) * 86_400_000.0;
        let text = f.format().call1(f, &js_sys::Date::new(&ms.into())).ok()?;
        text.as_string()
    })
}

fn plural(lang: &str, n: usize) -> Option<&'static str> {
    let category = PLURALS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let rules = cache
            .entry(lang.to_string())
            .or_insert_with(|| Intl::PluralRules::new(&locales(lang), &Object::new()));
        rules.select(n as f64).as_string()
    })?;
    ["zero", "one", "two", "few", "many", "other"]
        .into_iter()
        .find(|c| *c == category)
}

/// Plugs `Intl` into the catalogs (once; later calls do nothing).
pub fn install() {
    catalog::set_formatters(date, plural);
}

/// A price in the clinic's currency (`150,00 €`, `€150.00`), or the plain number when the
/// browser does not know the currency.
pub fn money(lang: &str, amount: f64, currency: &str) -> String {
    let f = Intl::NumberFormat::new(
        &locales(lang),
        &options(&[("style", "currency"), ("currency", currency)]),
    );
    f.format()
        .call1(&f, &amount.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| format!("{amount:.2} {currency}"))
}
