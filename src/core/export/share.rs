//! The share code (spec §12): every answer of §3 packed as bits into a short, versioned,
//! URL-safe code with a check character, for the fragment of a share link. Decoding is
//! strict and goes through the core's own validation; a damaged code is refused, never
//! repaired. It must not carry anything but the answers (never a name), read the clock or
//! draw randomness.
//!
//! # Format, version 1 (19 characters of the base64url alphabet `A–Z a–z 0–9 - _`)
//!
//! - character 0: the version (its alphabet index: `B` = 1);
//! - characters 1–17: 102 bits, most significant first, in this order: `age` 7 bits;
//!   `sex` 2; `pattern` 3; `stage` 4 (0 none, 1–7 Norwood 1–7, 8–10 Ludwig 1–3);
//!   `no_regrowth_visible` 1; `duration` 2; `onset` 1; `shedding_increased` 1;
//!   `family_history` 2; the sets as bitmasks, one bit per value in the spec's order (first
//!   value = highest bit): `scalp_signs` 6, `recent_triggers` 7, `lifestyle` 5,
//!   `conditions` 19, `symptoms` 6; `menopause` 1; `previous_treatments` 6;
//!   `hair_loss_after_previous_mesotherapy` 1; `injections` 2; `start_date` present 1 and its
//!   days since 0000-01-01, 22 bits (zero when absent); then 3 reserved bits, zero. Enum
//!   values are their index in the spec's list.
//! - the last character: the check, `(Σ (2i+1)·value(cᵢ)) mod 64` over every character
//!   before it (i from 0). Every weight is odd, so any single changed character changes the
//!   check. The check is the last character in every version, so a code from a newer
//!   version is recognised as such even when its length differs.

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use crate::core::answers::{
    Answers, Condition, FamilyHistory, HairLossDuration, Injections, LifestyleFactor, Onset,
    Pattern, Scale, ScalpSign, Sex, Stage, Symptom, Treatment, Trigger, ANSWERS_SCHEMA,
};
use crate::core::problem::Problem;

/// The version written by [`encode`].
pub const VERSION: u8 = 1;

/// The length of a version-1 code.
pub const CODE_LEN: usize = 19;

/// Payload characters of a version-1 code (between the version and the check).
const PAYLOAD_CHARS: usize = CODE_LEN - 2;

/// Bits of the version-1 payload that carry answers (the rest are reserved, zero).
const USED_BITS: u32 = 99;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a share code was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Nothing was given.
    Empty,
    /// A character outside the code's alphabet (letters, digits, `-`, `_`), at a
    /// 1-based position.
    BadCharacter { position: usize, character: char },
    /// The check character does not match: a character was mistyped, lost or added.
    BadCheck,
    /// A version this advisor never wrote (older than any it knows).
    UnknownVersion(u8),
    /// A version newer than this advisor understands: made by a newer version of the advisor.
    NewerVersion(u8),
    /// The length does not fit the code's version.
    WrongLength { expected: usize, found: usize },
    /// Bits this version keeps at zero are set.
    ReservedBits,
    /// A packed value outside its field's range (e.g. age 125, a fourth sex value).
    OutOfRange { field: &'static str },
    /// Well-formed, but the answers break the rules of spec §3 (the core's own problems,
    /// e.g. `pregnant` with sex `male`, or a start date now in the past).
    Refused(Vec<Problem>),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => f.write_str("the share code is empty"),
            ShareError::BadCharacter {
                position,
                character,
            } => write!(
                f,
                "the share code has a character that is not allowed ({character:?} at position {position}); only letters, digits, - and _ are"
            ),
            ShareError::BadCheck => f.write_str(
                "the share code is damaged (its check character does not match): please copy it again",
            ),
            ShareError::UnknownVersion(v) => {
                write!(f, "the share code has an unknown version ({v})")
            }
            ShareError::NewerVersion(v) => write!(
                f,
                "the share code was made by a newer version of the advisor (code version {v}, this advisor reads version {VERSION}): please update the advisor"
            ),
            ShareError::WrongLength { expected, found } => write!(
                f,
                "the share code is {found} characters long; a code of this version has {expected}"
            ),
            ShareError::ReservedBits => {
                f.write_str("the share code is not valid (reserved bits are set)")
            }
            ShareError::OutOfRange { field } => {
                write!(f, "the share code is not valid ({field} is out of range)")
            }
            ShareError::Refused(problems) => {
                let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
                write!(
                    f,
                    "the answers in the share code are not valid: {}",
                    lines.join("; ")
                )
            }
        }
    }
}

impl std::error::Error for ShareError {}

/// Bits, most significant first.
#[derive(Default)]
struct BitWriter {
    bits: Vec<bool>,
}

impl BitWriter {
    fn put(&mut self, value: u32, width: u32) {
        for i in (0..width).rev() {
            self.bits.push((value >> i) & 1 == 1);
        }
    }

    fn put_set<T: Ord>(&mut self, all: &[T], set: &BTreeSet<T>) {
        for v in all {
            self.bits.push(set.contains(v));
        }
    }
}

struct BitReader {
    bits: Vec<bool>,
    at: usize,
}

impl BitReader {
    fn take(&mut self, width: u32) -> u32 {
        let mut v = 0;
        for _ in 0..width {
            v = (v << 1) | u32::from(self.bits.get(self.at).copied().unwrap_or(false));
            self.at += 1;
        }
        v
    }

    /// The ids of a set's values whose bits are on.
    fn take_set(&mut self, ids: &[&'static str]) -> Vec<&'static str> {
        ids.iter().filter(|_| self.take(1) == 1).copied().collect()
    }
}

fn index_of<T: PartialEq>(all: &[T], v: &T) -> u32 {
    all.iter().position(|x| x == v).unwrap_or(0) as u32
}

/// Day 0 of the start date field.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(0, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The largest start date a version-1 code holds (the JSON form has four-digit years).
fn last_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

fn check_char(chars: &[u8]) -> u8 {
    let sum = chars.iter().enumerate().fold(0usize, |acc, (i, v)| {
        (acc + (2 * i + 1) * usize::from(*v)) % 64
    });
    sum as u8
}

/// The share code of answers (version 1, [`CODE_LEN`] characters). Total: answers the core
/// would refuse (built by hand) encode to a code that [`decode`] refuses.
pub fn encode(a: &Answers) -> String {
    let mut w = BitWriter::default();
    // 127 and stage 15 are never valid: out-of-range values stay refused.
    w.put(u32::from(a.age.min(127)), 7);
    w.put(index_of(Sex::ALL, &a.sex), 2);
    w.put(index_of(Pattern::ALL, &a.pattern), 3);
    let stage = match a.stage {
        None => 0,
        Some(s) if !(1..=Stage::max_grade(s.scale)).contains(&s.grade) => 15,
        Some(Stage {
            scale: Scale::Norwood,
            grade,
        }) => u32::from(grade),
        Some(Stage {
            scale: Scale::Ludwig,
            grade,
        }) => 7 + u32::from(grade),
    };
    w.put(stage, 4);
    w.put(u32::from(a.no_regrowth_visible), 1);
    w.put(index_of(HairLossDuration::ALL, &a.duration), 2);
    w.put(index_of(Onset::ALL, &a.onset), 1);
    w.put(u32::from(a.shedding_increased), 1);
    w.put(index_of(FamilyHistory::ALL, &a.family_history), 2);
    w.put_set(ScalpSign::ALL, &a.scalp_signs);
    w.put_set(Trigger::ALL, &a.recent_triggers);
    w.put_set(LifestyleFactor::ALL, &a.lifestyle);
    w.put_set(Condition::ALL, &a.conditions);
    w.put_set(Symptom::ALL, &a.symptoms);
    w.put(u32::from(a.menopause), 1);
    w.put_set(Treatment::ALL, &a.previous_treatments);
    w.put(u32::from(a.hair_loss_after_previous_mesotherapy), 1);
    w.put(index_of(Injections::ALL, &a.injections), 2);
    match a.start_date {
        None => w.put(0, 23),
        Some(d) => {
            // Dates outside the field's range (never read from JSON) become its largest
            // value plus one, which decode refuses.
            let days = (d - epoch()).num_days();
            let max = (last_date() - epoch()).num_days();
            let days = if (0..=max).contains(&days) {
                days as u32
            } else {
                max as u32 + 1
            };
            w.put(1, 1);
            w.put(days, 22);
        }
    }
    debug_assert_eq!(w.bits.len(), USED_BITS as usize);
    w.bits.resize(PAYLOAD_CHARS * 6, false);

    let mut values = vec![VERSION];
    values.extend(
        w.bits
            .chunks(6)
            .map(|c| c.iter().fold(0u8, |acc, b| (acc << 1) | u8::from(*b))),
    );
    values.push(check_char(&values));
    values
        .iter()
        .map(|v| char::from(ALPHABET[usize::from(*v)]))
        .collect()
}

fn value_of(c: char) -> Option<u8> {
    ALPHABET
        .iter()
        .position(|a| char::from(*a) == c)
        .map(|p| p as u8)
}

/// Reads a share code back into answers, validated by the core (`Answers::from_value`;
/// with `today`, a start date in the past is refused too). Strict: any damage, an unknown
/// or newer version, reserved bits or out-of-range values are refused, never repaired.
pub fn decode(code: &str, today: Option<NaiveDate>) -> Result<Answers, ShareError> {
    if code.is_empty() {
        return Err(ShareError::Empty);
    }
    let mut values = Vec::with_capacity(code.len().min(64));
    for (i, c) in code.chars().enumerate() {
        match value_of(c) {
            Some(v) => values.push(v),
            None => {
                return Err(ShareError::BadCharacter {
                    position: i + 1,
                    character: c,
                })
            }
        }
    }
    if values.len() < 2 {
        return Err(ShareError::WrongLength {
            expected: CODE_LEN,
            found: values.len(),
        });
    }
    let (check, body) = values.split_last().ok_or(ShareError::Empty)?;
    if check_char(body) != *check {
        return Err(ShareError::BadCheck);
    }
    match body[0] {
        VERSION => {}
        v if v > VERSION => return Err(ShareError::NewerVersion(v)),
        v => return Err(ShareError::UnknownVersion(v)),
    }
    if values.len() != CODE_LEN {
        return Err(ShareError::WrongLength {
            expected: CODE_LEN,
            found: values.len(),
        });
    }
    let bits: Vec<bool> = body[1..]
        .iter()
        .flat_map(|v| (0..6).rev().map(move |i| (v >> i) & 1 == 1))
        .collect();
    if bits[USED_BITS as usize..].iter().any(|b| *b) {
        return Err(ShareError::ReservedBits);
    }
    let mut r = BitReader { bits, at: 0 };
    let doc = read_fields(&mut r)?;
    Answers::from_value(&doc, today).map_err(ShareError::Refused)
}

fn pick(ids: &'static [&'static str], v: u32, field: &'static str) -> Result<Value, ShareError> {
    ids.get(v as usize)
        .map(|s| json!(s))
        .ok_or(ShareError::OutOfRange { field })
}

/// The answers document of a version-1 payload (ranges checked here, the rest by the core).
fn read_fields(r: &mut BitReader) -> Result<Value, ShareError> {
    let mut m = Map::new();
    m.insert("schema".into(), json!(ANSWERS_SCHEMA));
    let age = r.take(7);
    if age > 120 {
        return Err(ShareError::OutOfRange { field: "age" });
    }
    m.insert("age".into(), json!(age));
    m.insert("sex".into(), pick(Sex::IDS, r.take(2), "sex")?);
    m.insert("pattern".into(), pick(Pattern::IDS, r.take(3), "pattern")?);
    let stage = match r.take(4) {
        0 => None,
        g @ 1..=7 => Some(json!({ "scale": "norwood", "grade": g })),
        g @ 8..=10 => Some(json!({ "scale": "ludwig", "grade": g - 7 })),
        _ => return Err(ShareError::OutOfRange { field: "stage" }),
    };
    if let Some(stage) = stage {
        m.insert("stage".into(), stage);
    }
    m.insert("no_regrowth_visible".into(), json!(r.take(1) == 1));
    m.insert(
        "duration".into(),
        pick(HairLossDuration::IDS, r.take(2), "duration")?,
    );
    m.insert("onset".into(), pick(Onset::IDS, r.take(1), "onset")?);
    m.insert("shedding_increased".into(), json!(r.take(1) == 1));
    m.insert(
        "family_history".into(),
        pick(FamilyHistory::IDS, r.take(2), "family_history")?,
    );
    m.insert("scalp_signs".into(), json!(r.take_set(ScalpSign::IDS)));
    m.insert("recent_triggers".into(), json!(r.take_set(Trigger::IDS)));
    m.insert("lifestyle".into(), json!(r.take_set(LifestyleFactor::IDS)));
    m.insert("conditions".into(), json!(r.take_set(Condition::IDS)));
    m.insert("symptoms".into(), json!(r.take_set(Symptom::IDS)));
    m.insert("menopause".into(), json!(r.take(1) == 1));
    m.insert(
        "previous_treatments".into(),
        json!(r.take_set(Treatment::IDS)),
    );
    m.insert(
        "hair_loss_after_previous_mesotherapy".into(),
        json!(r.take(1) == 1),
    );
    m.insert(
        "injections".into(),
        pick(Injections::IDS, r.take(2), "injections")?,
    );
    let has_start = r.take(1) == 1;
    let days = r.take(22);
    if has_start {
        let date = epoch()
            .checked_add_days(chrono::Days::new(u64::from(days)))
            .filter(|d| *d <= last_date())
            .ok_or(ShareError::OutOfRange {
                field: "start_date",
            })?;
        m.insert(
            "start_date".into(),
            json!(date.format("%Y-%m-%d").to_string()),
        );
    } else if days != 0 {
        return Err(ShareError::ReservedBits);
    }
    Ok(Value::Object(m))
}
