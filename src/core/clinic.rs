//! Clinic settings (`clinic.json`, spec §8): the model, the embedded default and strict
//! validation naming every bad key. It must not fall back to defaults over a damaged file:
//! a refused configuration is an error the app shows, never half applied.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::answers::Condition;
use super::catalog::LANGUAGES;
use super::choice::choice;
use super::problem::{parse_json, InputError, Problem};
use super::reader::{join, Reader};

/// The schema tag of the clinic settings document.
pub const CLINIC_SCHEMA: &str = "meso-advisor/clinic@1";

choice! {
    /// A day of the week, as written in `closed_weekdays`.
    pub enum Weekday { Mon = "mon", Tue = "tue", Wed = "wed", Thu = "thu", Fri = "fri", Sat = "sat", Sun = "sun" }
}

impl Weekday {
    /// The chrono weekday.
    pub fn to_chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }
}

choice! {
    /// A condition whose handling the clinic may configure (spec §4.2–4.3), keyed by its
    /// answer value.
    pub enum PolicyKey {
        ActiveCancerTreatment = "active_cancer_treatment",
        Immunosuppressed = "immunosuppressed",
        AutoimmuneDisease = "autoimmune_disease",
        KeloidTendency = "keloid_tendency",
        BleedingDisorder = "bleeding_disorder",
        Anticoagulants = "anticoagulants",
        SystemicSteroids = "systemic_steroids",
        DiabetesInsulin = "diabetes_insulin",
        UncontrolledBloodPressure = "uncontrolled_blood_pressure",
        Isotretinoin = "isotretinoin_last_12_months",
        CancerWithin12Months = "cancer_within_12_months",
    }
}

impl PolicyKey {
    /// The condition answer this policy applies to.
    pub fn condition(self) -> Condition {
        Condition::from_id(self.id()).expect("policy keys are condition ids")
    }

    /// The policy when the clinic sets none.
    pub fn default_policy(self) -> Policy {
        match self {
            PolicyKey::Isotretinoin => Policy::Defer { months: 6 },
            PolicyKey::CancerWithin12Months => Policy::Defer { months: 12 },
            _ => Policy::Exclude,
        }
    }
}

/// How a configurable condition is handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Mesotherapy is not offered (`not_suitable`).
    Exclude,
    /// Possible with a doctor's letter (`consult`).
    DoctorLetter,
    /// Not now; recheck after this many months (`defer`).
    Defer {
        /// 1–24.
        months: u8,
    },
}

impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = match self {
            Policy::Exclude => serde_json::json!({ "policy": "exclude" }),
            Policy::DoctorLetter => serde_json::json!({ "policy": "doctor_letter" }),
            Policy::Defer { months } => {
                serde_json::json!({ "policy": "defer", "recheck_after_months": months })
            }
        };
        v.serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Policy {
    /// Reads `{ "policy": …, "recheck_after_months": … }` with the same checks as `clinic.json`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        let mut r = Reader::default();
        match read_policy(&mut r, &v, "policy") {
            Some(p) if r.problems.is_empty() => Ok(p),
            _ => Err(<D::Error as serde::de::Error>::custom(
                r.problems
                    .iter()
                    .map(Problem::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            )),
        }
    }
}

/// An amount of money in hundredths (serialised as a decimal number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money(pub u64);

impl Money {
    /// The amount as a decimal number.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_multiple_of(100) {
            s.serialize_u64(self.0 / 100)
        } else {
            s.serialize_f64(self.as_f64())
        }
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(d)?;
        Ok(Money((x * 100.0).round().max(0.0) as u64))
    }
}

/// Ways to reach the clinic.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Contact {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub booking_url: Option<String>,
    pub address: Option<String>,
}

/// Languages offered by the clinic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Languages {
    pub default: String,
    pub offered: Vec<String>,
}

/// The protocol parameters of spec §6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Protocol {
    pub min_sessions: u8,
    pub max_sessions: u8,
    pub min_interval_weeks: u8,
    pub max_interval_weeks: u8,
    pub booster_months_genetic: u8,
    pub booster_months_other: u8,
    pub review_after_weeks: u8,
    pub home_care_per_week: u8,
    pub first_session_after_days: u16,
}

impl Default for Protocol {
    fn default() -> Self {
        Protocol {
            min_sessions: 4,
            max_sessions: 6,
            min_interval_weeks: 2,
            max_interval_weeks: 4,
            booster_months_genetic: 3,
            booster_months_other: 6,
            review_after_weeks: 12,
            home_care_per_week: 3,
            first_session_after_days: 7,
        }
    }
}

/// After-care hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Aftercare {
    pub no_washing_hours: u16,
    pub no_sun_hours: u16,
    pub no_sauna_pool_hours: u16,
    pub no_exercise_hours: u16,
    pub no_alcohol_hours_after: u16,
}

impl Default for Aftercare {
    fn default() -> Self {
        Aftercare {
            no_washing_hours: 24,
            no_sun_hours: 48,
            no_sauna_pool_hours: 72,
            no_exercise_hours: 24,
            no_alcohol_hours_after: 48,
        }
    }
}

/// Prices, when the clinic publishes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Prices {
    /// ISO 4217 code, e.g. `EUR`.
    pub currency: String,
    pub session: Money,
    pub booster: Money,
}

/// Shared-tablet settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Kiosk {
    /// Seconds without input before the app returns to the start page; 0 (the default: a
    /// clinic's website) turns kiosk mode off. A shared tablet sets e.g. 120.
    pub idle_reset_seconds: u32,
    /// Whether staff mode asks for a passcode.
    pub staff_passcode: bool,
}

impl Default for Kiosk {
    fn default() -> Self {
        Kiosk {
            idle_reset_seconds: 0,
            staff_passcode: true,
        }
    }
}

/// A clinic's complete, validated settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clinic {
    pub name: String,
    /// A file next to `index.html` (never another site).
    pub logo: Option<String>,
    pub contact: Contact,
    pub languages: Languages,
    pub accent_colour: String,
    pub closed_weekdays: BTreeSet<Weekday>,
    pub protocol: Protocol,
    pub policies: BTreeMap<PolicyKey, Policy>,
    pub aftercare: Aftercare,
    pub prices: Option<Prices>,
    pub kiosk: Kiosk,
}

impl Default for Clinic {
    fn default() -> Self {
        Clinic {
            name: "Demo Hair Clinic".into(),
            logo: None,
            contact: Contact::default(),
            languages: Languages {
                default: "en".into(),
                offered: vec!["en".into()],
            },
            accent_colour: "#0b7285".into(),
            // Built by insertion, not collected: collecting sorts, and a sort per element type
            // costs the web build ~3 KB of code (this runs there as the default settings).
            closed_weekdays: {
                let mut days = BTreeSet::new();
                days.insert(Weekday::Sun);
                days
            },
            protocol: Protocol::default(),
            policies: {
                let mut policies = BTreeMap::new();
                for k in PolicyKey::ALL {
                    policies.insert(*k, k.default_policy());
                }
                policies
            },
            aftercare: Aftercare::default(),
            prices: None,
            kiosk: Kiosk::default(),
        }
    }
}

/// The settings a plan was computed with (spec §9): saved with every plan, so that a saved
/// plan shows its own after-care, prices and policies, not today's. Read back through the
/// same validation as `clinic.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClinicSnapshot {
    pub closed_weekdays: BTreeSet<Weekday>,
    pub protocol: Protocol,
    pub policies: BTreeMap<PolicyKey, Policy>,
    pub aftercare: Aftercare,
    pub prices: Option<Prices>,
}

impl ClinicSnapshot {
    /// The planning-relevant part of a clinic's settings.
    pub fn of(c: &Clinic) -> ClinicSnapshot {
        ClinicSnapshot {
            closed_weekdays: c.closed_weekdays.clone(),
            protocol: c.protocol,
            policies: c.policies.clone(),
            aftercare: c.aftercare,
            prices: c.prices.clone(),
        }
    }

    /// `base` (name, contact, languages, look) with these settings in place of its own.
    pub fn apply_to(&self, base: &Clinic) -> Clinic {
        Clinic {
            closed_weekdays: self.closed_weekdays.clone(),
            protocol: self.protocol,
            policies: self.policies.clone(),
            aftercare: self.aftercare,
            prices: self.prices.clone(),
            ..base.clone()
        }
    }
}

impl<'de> serde::Deserialize<'de> for ClinicSnapshot {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        let mut r = Reader::default();
        r.object(
            &v,
            "clinic",
            &[
                "closed_weekdays",
                "protocol",
                "policies",
                "aftercare",
                "prices",
            ],
        );
        let parsed = r.finish().and_then(|()| Clinic::from_value(&v));
        match parsed {
            Ok(c) => Ok(ClinicSnapshot::of(&c)),
            Err(problems) => Err(<D::Error as serde::de::Error>::custom(
                problems
                    .iter()
                    .map(Problem::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            )),
        }
    }
}

const TOP: &[&str] = &[
    "schema",
    "name",
    "logo",
    "contact",
    "languages",
    "accent_colour",
    "closed_weekdays",
    "protocol",
    "policies",
    "aftercare",
    "prices",
    "kiosk",
];

impl Clinic {
    /// Parses `clinic.json` text; absent keys take their default, anything wrong is refused
    /// with every problem named.
    pub fn parse(text: &str) -> Result<Clinic, InputError> {
        let value = parse_json("clinic.json", text)?;
        Clinic::from_value(&value).map_err(InputError::Invalid)
    }

    /// The policy for a configurable condition.
    pub fn policy(&self, key: PolicyKey) -> Policy {
        self.policies
            .get(&key)
            .copied()
            .unwrap_or_else(|| key.default_policy())
    }

    /// Whether the clinic is closed on that day.
    pub fn is_closed(&self, day: chrono::Weekday) -> bool {
        self.closed_weekdays.iter().any(|w| w.to_chrono() == day)
    }

    /// A short fingerprint of these settings (FNV-1a of their canonical JSON), stored with
    /// saved plans as the configuration's version.
    pub fn fingerprint(&self) -> String {
        let text = serde_json::to_string(self).unwrap_or_default();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }

    /// Reads settings from a JSON value (see [`Clinic::parse`]).
    pub fn from_value(v: &Value) -> Result<Clinic, Vec<Problem>> {
        let mut r = Reader::default();
        let mut c = Clinic::default();
        let Some(map) = r.object(v, "", TOP) else {
            return Err(r
                .problems
                .into_iter()
                .map(|p| Problem::new("clinic.json", p.message))
                .collect());
        };
        if let Some(s) = Reader::optional(map, "schema") {
            if s.as_str() != Some(CLINIC_SCHEMA) {
                r.fail("schema", format!("must be \"{CLINIC_SCHEMA}\""));
            }
        }
        if let Some(name) = r.text(Reader::optional(map, "name"), "name", 80) {
            c.name = name;
        }
        if let Some(logo) = r.text(Reader::optional(map, "logo"), "logo", 200) {
            if is_local_file(&logo) {
                c.logo = Some(logo);
            } else {
                r.fail("logo", "must be a file next to index.html, such as \"logo.svg\" (no other site, no \"..\")");
            }
        }
        if let Some(cm) = sub(
            &mut r,
            map,
            "contact",
            &["phone", "email", "booking_url", "address"],
        ) {
            read_contact(&mut r, cm, &mut c.contact);
        }
        if let Some(lm) = sub(&mut r, map, "languages", &["default", "offered"]) {
            read_languages(&mut r, lm, &mut c.languages);
        }
        if let Some(colour) = r.text(Reader::optional(map, "accent_colour"), "accent_colour", 7) {
            if is_hex_colour(&colour) {
                let ratio = contrast_with_white(&colour);
                if ratio >= 4.5 {
                    c.accent_colour = colour.to_ascii_lowercase();
                } else {
                    r.fail(
                        "accent_colour",
                        format!(
                            "\"{colour}\" is too light: white text on it has contrast {}:1, at least 4.5:1 is needed",
                            tenths(ratio)
                        ),
                    );
                }
            } else {
                r.fail(
                    "accent_colour",
                    format!("must be a colour written #rgb or #rrggbb, not \"{colour}\""),
                );
            }
        }
        if let Some(days) =
            r.set::<Weekday>(Reader::optional(map, "closed_weekdays"), "closed_weekdays")
        {
            if days.len() == Weekday::ALL.len() {
                r.fail(
                    "closed_weekdays",
                    "at least one day of the week must be open",
                );
            } else {
                c.closed_weekdays = days;
            }
        }
        if let Some(pm) = sub(&mut r, map, "protocol", PROTOCOL_KEYS) {
            read_protocol(&mut r, pm, &mut c.protocol);
        }
        if let Some(pm) = sub(&mut r, map, "policies", PolicyKey::IDS) {
            for (key, value) in pm {
                if let Some(k) = PolicyKey::from_id(key) {
                    if let Some(p) = read_policy(&mut r, value, &join("policies", key)) {
                        c.policies.insert(k, p);
                    }
                }
            }
        }
        if let Some(am) = sub(&mut r, map, "aftercare", AFTERCARE_KEYS) {
            let a = &mut c.aftercare;
            for (key, slot) in [
                ("no_washing_hours", &mut a.no_washing_hours),
                ("no_sun_hours", &mut a.no_sun_hours),
                ("no_sauna_pool_hours", &mut a.no_sauna_pool_hours),
                ("no_exercise_hours", &mut a.no_exercise_hours),
                ("no_alcohol_hours_after", &mut a.no_alcohol_hours_after),
            ] {
                if let Some(n) = r.int(Reader::optional(am, key), &join("aftercare", key), 0, 336) {
                    *slot = n as u16;
                }
            }
        }
        if let Some(pm) = sub(&mut r, map, "prices", &["currency", "session", "booster"]) {
            let currency = r.required(pm, "prices", "currency");
            let currency = r.text(currency, "prices.currency", 3);
            if let Some(cur) = &currency {
                if cur.len() != 3 || !cur.bytes().all(|b| b.is_ascii_uppercase()) {
                    r.fail(
                        "prices.currency",
                        "must be a three-letter currency code such as \"EUR\"",
                    );
                }
            }
            let session = r.required(pm, "prices", "session");
            let session = r.amount_cents(session, "prices.session", 1_000_000.0);
            let booster = match Reader::optional(pm, "booster") {
                None => session,
                some => r.amount_cents(some, "prices.booster", 1_000_000.0),
            };
            if let (Some(currency), Some(session), Some(booster)) = (currency, session, booster) {
                c.prices = Some(Prices {
                    currency,
                    session: Money(session),
                    booster: Money(booster),
                });
            }
        }
        if let Some(km) = sub(
            &mut r,
            map,
            "kiosk",
            &["idle_reset_seconds", "staff_passcode"],
        ) {
            if let Some(n) = r.int(
                Reader::optional(km, "idle_reset_seconds"),
                "kiosk.idle_reset_seconds",
                0,
                86_400,
            ) {
                if n != 0 && n < 30 {
                    r.fail(
                        "kiosk.idle_reset_seconds",
                        "must be 0 (off) or at least 30 seconds",
                    );
                } else {
                    c.kiosk.idle_reset_seconds = n as u32;
                }
            }
            if let Some(b) = r.bool(
                Reader::optional(km, "staff_passcode"),
                "kiosk.staff_passcode",
            ) {
                c.kiosk.staff_passcode = b;
            }
        }
        r.finish().map(|()| c)
    }
}

const PROTOCOL_KEYS: &[&str] = &[
    "min_sessions",
    "max_sessions",
    "min_interval_weeks",
    "max_interval_weeks",
    "booster_months_genetic",
    "booster_months_other",
    "review_after_weeks",
    "home_care_per_week",
    "first_session_after_days",
];

const AFTERCARE_KEYS: &[&str] = &[
    "no_washing_hours",
    "no_sun_hours",
    "no_sauna_pool_hours",
    "no_exercise_hours",
    "no_alcohol_hours_after",
];

/// An optional nested object with its allowed keys.
fn sub<'a>(
    r: &mut Reader,
    map: &'a Map<String, Value>,
    key: &str,
    allowed: &[&str],
) -> Option<&'a Map<String, Value>> {
    Reader::optional(map, key).and_then(|v| r.object(v, key, allowed))
}

fn read_contact(r: &mut Reader, m: &Map<String, Value>, c: &mut Contact) {
    if let Some(phone) = r.text(Reader::optional(m, "phone"), "contact.phone", 40) {
        if phone
            .chars()
            .all(|ch| ch.is_ascii_digit() || " +-().".contains(ch))
        {
            c.phone = Some(phone);
        } else {
            r.fail(
                "contact.phone",
                "may contain only digits, spaces and + - ( ) .",
            );
        }
    }
    if let Some(email) = r.text(Reader::optional(m, "email"), "contact.email", 120) {
        if is_email(&email) {
            c.email = Some(email);
        } else {
            r.fail(
                "contact.email",
                format!("\"{email}\" is not an email address"),
            );
        }
    }
    if let Some(url) = r.text(
        Reader::optional(m, "booking_url"),
        "contact.booking_url",
        500,
    ) {
        if is_web_url(&url) {
            c.booking_url = Some(url);
        } else {
            r.fail(
                "contact.booking_url",
                "must be a web address starting with https:// (or http://)",
            );
        }
    }
    if let Some(address) = r.text(Reader::optional(m, "address"), "contact.address", 200) {
        c.address = Some(address);
    }
}

fn read_languages(r: &mut Reader, m: &Map<String, Value>, l: &mut Languages) {
    let offered = match Reader::optional(m, "offered") {
        None => Some(l.offered.clone()),
        Some(Value::Array(items)) if !items.is_empty() => {
            let mut out: Vec<String> = Vec::new();
            let mut ok = true;
            for (i, item) in items.iter().enumerate() {
                match item.as_str() {
                    Some(code) if LANGUAGES.contains(&code) && !out.iter().any(|c| c == code) => {
                        out.push(code.into())
                    }
                    Some(code) if LANGUAGES.contains(&code) => {
                        r.fail(
                            "languages.offered",
                            format!("\"{code}\" is listed more than once"),
                        );
                        ok = false;
                    }
                    _ => {
                        r.fail(
                            format!("languages.offered[{i}]"),
                            format!(
                                "must be a language the app has (available: {})",
                                LANGUAGES.join(", ")
                            ),
                        );
                        ok = false;
                    }
                }
            }
            ok.then_some(out)
        }
        Some(_) => {
            r.fail(
                "languages.offered",
                "must be a non-empty list of language codes",
            );
            None
        }
    };
    let default = match Reader::optional(m, "default") {
        None => offered.as_ref().and_then(|o| o.first().cloned()),
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            r.fail(
                "languages.default",
                "must be a language code such as \"en\"",
            );
            None
        }
    };
    if let (Some(offered), Some(default)) = (offered, default) {
        if offered.contains(&default) {
            *l = Languages { default, offered };
        } else {
            r.fail(
                "languages.default",
                format!("\"{default}\" must be one of languages.offered"),
            );
        }
    }
}

fn read_protocol(r: &mut Reader, m: &Map<String, Value>, p: &mut Protocol) {
    let read = |r: &mut Reader, key: &str, min: i64, max: i64, slot: &mut u8| {
        if let Some(n) = r.int(Reader::optional(m, key), &join("protocol", key), min, max) {
            *slot = n as u8;
        }
    };
    read(r, "min_sessions", 1, 12, &mut p.min_sessions);
    read(r, "max_sessions", 1, 12, &mut p.max_sessions);
    read(r, "min_interval_weeks", 1, 8, &mut p.min_interval_weeks);
    read(r, "max_interval_weeks", 1, 8, &mut p.max_interval_weeks);
    read(
        r,
        "booster_months_genetic",
        1,
        24,
        &mut p.booster_months_genetic,
    );
    read(
        r,
        "booster_months_other",
        1,
        24,
        &mut p.booster_months_other,
    );
    read(r, "review_after_weeks", 1, 104, &mut p.review_after_weeks);
    read(r, "home_care_per_week", 0, 7, &mut p.home_care_per_week);
    if let Some(n) = r.int(
        Reader::optional(m, "first_session_after_days"),
        "protocol.first_session_after_days",
        0,
        365,
    ) {
        p.first_session_after_days = n as u16;
    }
    if p.min_sessions > p.max_sessions {
        r.fail(
            "protocol.min_sessions",
            format!(
                "{} is more than protocol.max_sessions ({})",
                p.min_sessions, p.max_sessions
            ),
        );
    }
    if p.min_interval_weeks > p.max_interval_weeks {
        r.fail(
            "protocol.min_interval_weeks",
            format!(
                "{} is more than protocol.max_interval_weeks ({})",
                p.min_interval_weeks, p.max_interval_weeks
            ),
        );
    }
}

fn read_policy(r: &mut Reader, v: &Value, path: &str) -> Option<Policy> {
    let m = r.object(v, path, &["policy", "recheck_after_months"])?;
    let kind = match r.required(m, path, "policy") {
        Some(Value::String(s)) if ["exclude", "doctor_letter", "defer"].contains(&s.as_str()) => {
            s.as_str()
        }
        Some(_) => {
            r.fail(
                join(path, "policy"),
                "must be \"exclude\", \"doctor_letter\" or \"defer\"",
            );
            return None;
        }
        None => return None,
    };
    let months_field = join(path, "recheck_after_months");
    let months = match Reader::optional(m, "recheck_after_months") {
        None if kind == "defer" => {
            r.fail(months_field, "required with policy \"defer\" (1 to 24)");
            return None;
        }
        None => None,
        some => Some(r.int(some, &months_field, 1, 24)? as u8),
    };
    Some(match (kind, months) {
        ("exclude", _) => Policy::Exclude,
        ("doctor_letter", _) => Policy::DoctorLetter,
        (_, Some(months)) => Policy::Defer { months },
        (_, None) => return None,
    })
}

fn is_hex_colour(s: &str) -> bool {
    let hex = s.strip_prefix('#').unwrap_or("");
    (hex.len() == 3 || hex.len() == 6) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A non-negative number with one decimal (`3.2`), by integer arithmetic, so that the web
/// build carries no float printing for one error message.
fn tenths(x: f64) -> String {
    let t = (x * 10.0).round() as u64;
    format!("{}.{}", t / 10, t % 10)
}

/// `x` to the power 2.4, for `x` in (0, 1]: `x² · (x²)^(1/5)`, the fifth root by Newton's
/// method from above (monotone, to the last bit within a few dozen steps). The same value as
/// `powf` to within 1e-15 (a test checks every channel value), without linking the math
/// library's `pow` into the web build for this one use.
fn pow_2_4(x: f64) -> f64 {
    let a = x * x;
    let mut y = 1.0_f64;
    for _ in 0..64 {
        let next = (4.0 * y + a / (y * y * y * y)) / 5.0;
        if next >= y {
            break;
        }
        y = next;
    }
    a * y
}

/// WCAG contrast ratio of a `#rgb`/`#rrggbb` colour against white.
pub fn contrast_with_white(colour: &str) -> f64 {
    let hex = colour.trim_start_matches('#');
    let full: String = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect()
    } else {
        hex.to_string()
    };
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(full.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0))
            / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            pow_2_4((v + 0.055) / 1.055)
        }
    };
    let l = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    1.05 / (l + 0.05)
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == '"')
        && !domain.contains('@')
}

/// An absolute http(s) address with a host and no spaces or quotes.
pub fn is_web_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && host.contains('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:".contains(&b))
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"<>\\`".contains(c))
}

fn is_local_file(s: &str) -> bool {
    !s.contains("://")
        && !s.starts_with('/')
        && !s.contains("..")
        && !s.contains('\\')
        && !s.starts_with("data:")
        && !s.starts_with("javascript:")
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accent_contrast_is_measured_against_white() {
        for c in 0..=255u8 {
            let x = (f64::from(c) / 255.0 + 0.055) / 1.055;
            assert!((pow_2_4(x) - x.powf(2.4)).abs() < 1e-15, "{c}");
        }
        assert!((contrast_with_white("#000") - 21.0).abs() < 0.01);
        assert!((contrast_with_white("#ffffff") - 1.0).abs() < 0.01);
        assert!(contrast_with_white(&Clinic::default().accent_colour) >= 4.5);
        let refused = Clinic::parse(r##"{"accent_colour":"#ffcc00"}"##)
            .unwrap_err()
            .lines();
        assert!(refused[0].starts_with("accent_colour: "), "{refused:?}");
        assert!(Clinic::parse(r##"{"accent_colour":"#0B5C73"}"##).is_ok());
    }
}
