//! Writing clinic settings back as `clinic.json` (spec §8): the whole document, the smallest
//! document (only what differs from the default, plus `schema`), and the table of the file's
//! keys that the setup form and the tests walk. It must not validate anything itself: reading
//! is `Clinic::from_value`'s job alone, and every document written here reads back equal.

use serde_json::{Map, Value};

use super::clinic::{Clinic, PolicyKey, CLINIC_SCHEMA};
use super::problem::parse_json;

/// What kind of value a key of `clinic.json` holds (how a form edits it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// Text.
    Text,
    /// A whole number.
    Int,
    /// An amount of money (a decimal number).
    Amount,
    /// `true` or `false`.
    Bool,
    /// One language code (`languages.default`).
    Language,
    /// A list of language codes (`languages.offered`).
    Languages,
    /// A list of weekdays (`closed_weekdays`).
    Weekdays,
    /// `exclude`, `doctor_letter` or `defer` (`policies.<condition>.policy`).
    Policy,
}

/// The keys of `clinic.json` other than `schema` and the policies, in the spec's order.
const KEYS: &[(&str, KeyKind)] = &[
    ("name", KeyKind::Text),
    ("logo", KeyKind::Text),
    ("accent_colour", KeyKind::Text),
    ("contact.phone", KeyKind::Text),
    ("contact.email", KeyKind::Text),
    ("contact.booking_url", KeyKind::Text),
    ("contact.address", KeyKind::Text),
    ("languages.default", KeyKind::Language),
    ("languages.offered", KeyKind::Languages),
    ("closed_weekdays", KeyKind::Weekdays),
    ("protocol.min_sessions", KeyKind::Int),
    ("protocol.max_sessions", KeyKind::Int),
    ("protocol.min_interval_weeks", KeyKind::Int),
    ("protocol.max_interval_weeks", KeyKind::Int),
    ("protocol.booster_months_genetic", KeyKind::Int),
    ("protocol.booster_months_other", KeyKind::Int),
    ("protocol.review_after_weeks", KeyKind::Int),
    ("protocol.home_care_per_week", KeyKind::Int),
    ("protocol.first_session_after_days", KeyKind::Int),
    ("aftercare.no_washing_hours", KeyKind::Int),
    ("aftercare.no_sun_hours", KeyKind::Int),
    ("aftercare.no_sauna_pool_hours", KeyKind::Int),
    ("aftercare.no_exercise_hours", KeyKind::Int),
    ("aftercare.no_alcohol_hours_after", KeyKind::Int),
    ("prices.currency", KeyKind::Text),
    ("prices.session", KeyKind::Amount),
    ("prices.booster", KeyKind::Amount),
    ("kiosk.idle_reset_seconds", KeyKind::Int),
    ("kiosk.staff_passcode", KeyKind::Bool),
];

/// Every settable key of `clinic.json` as a dotted path with its kind, in the spec's order:
/// the policies (two keys per configurable condition) after the protocol, before the
/// after-care.
pub fn keys() -> Vec<(String, KeyKind)> {
    let mut out: Vec<(String, KeyKind)> = Vec::with_capacity(KEYS.len() + 22);
    for (path, kind) in KEYS {
        if path.starts_with("aftercare.no_washing") {
            for id in PolicyKey::IDS {
                out.push((format!("policies.{id}.policy"), KeyKind::Policy));
                out.push((format!("policies.{id}.recheck_after_months"), KeyKind::Int));
            }
        }
        out.push(((*path).to_string(), *kind));
    }
    out
}

/// Objects written whole when they differ from the default: their keys depend on each other
/// (`languages.default` falls back to the first offered language; `prices.booster` to the
/// session price; a policy's months belong to its `defer`).
const WHOLE: &[&str] = &["languages", "prices"];

impl Clinic {
    /// The complete settings as a `clinic.json` document: `schema` and every key, with absent
    /// optional values (logo, contact details, prices) left out. Reads back equal.
    pub fn to_json(&self) -> Value {
        // Through the text the fingerprint writes and the strict reader (no second serialiser).
        let text = serde_json::to_string(self).unwrap_or_default();
        let mut v = parse_json("clinic.json", &text).unwrap_or_default();
        drop_nulls(&mut v);
        if let Value::Object(m) = &mut v {
            m.insert("schema".into(), CLINIC_SCHEMA.into());
        }
        v
    }

    /// The smallest `clinic.json` giving these settings: `schema` plus only the keys whose
    /// value differs from the default, keys in a stable (alphabetical) order at every level.
    /// `Clinic::from_value` of it gives these settings again.
    pub fn to_minimal_json(&self) -> Value {
        let mine = self.to_json();
        let default = Clinic::default().to_json();
        let mut out = Map::new();
        if let (Value::Object(m), Value::Object(d)) = (&mine, &default) {
            for (key, value) in m {
                let base = d.get(key);
                if base == Some(value) {
                    continue;
                }
                match (value, base) {
                    (Value::Object(sub), Some(Value::Object(dsub)))
                        if !WHOLE.contains(&key.as_str()) =>
                    {
                        let mut changed = Map::new();
                        for (k, v) in sub {
                            if dsub.get(k) != Some(v) {
                                changed.insert(k.clone(), v.clone());
                            }
                        }
                        out.insert(key.clone(), Value::Object(changed));
                    }
                    _ => {
                        out.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        out.insert("schema".into(), CLINIC_SCHEMA.into());
        Value::Object(out)
    }
}

/// Leaves out nulls and the objects they leave empty (`contact` without any detail).
fn drop_nulls(v: &mut Value) {
    if let Value::Object(m) = v {
        m.values_mut().for_each(drop_nulls);
        m.retain(|_, x| !x.is_null() && x.as_object().is_none_or(|o| !o.is_empty()));
    }
}
