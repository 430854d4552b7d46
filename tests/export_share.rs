//! The share code (spec §12): every valid answers round-trip through at most 32 URL-safe
//! characters; any single changed character, truncation or extension is refused; decoding
//! arbitrary text never panics and accepts only canonical codes; newer versions, reserved
//! bits, out-of-range values and answers the core refuses each give their own error. The
//! bit layout is re-implemented here from the module's documentation, not imported.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::{Days, NaiveDate};
use common::*;
use meso_advisor::core::export::share::{self, ShareError};
use meso_advisor::core::Answers;
use proptest::prelude::*;
use serde_json::{json, Value};

const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn val(c: char) -> u8 {
    ALPHABET.find(c).expect("alphabet char") as u8
}

fn chr(v: u8) -> char {
    ALPHABET.as_bytes()[usize::from(v)] as char
}

/// The documented check: Σ (2i+1)·value mod 64 over the characters before it.
fn with_check(body: &[u8]) -> String {
    let sum: usize = body
        .iter()
        .enumerate()
        .map(|(i, v)| (2 * i + 1) * usize::from(*v))
        .sum();
    body.iter()
        .copied()
        .chain([(sum % 64) as u8])
        .map(chr)
        .collect()
}

/// The payload bits of a code (without the version and check characters).
fn bits_of(code: &str) -> Vec<bool> {
    let vals: Vec<u8> = code.chars().map(val).collect();
    vals[1..vals.len() - 1]
        .iter()
        .flat_map(|v| (0..6).rev().map(move |i| (v >> i) & 1 == 1))
        .collect()
}

/// A code of `version` from payload bits (padded to whole characters), with a valid check.
fn code_from(version: u8, bits: &[bool]) -> String {
    let mut body = vec![version];
    body.extend(bits.chunks(6).map(|c| {
        c.iter()
            .chain(std::iter::repeat(&false))
            .take(6)
            .fold(0u8, |a, b| (a << 1) | u8::from(*b))
    }));
    with_check(&body)
}

fn set_bits(bits: &mut [bool], at: usize, width: usize, value: u32) {
    for i in 0..width {
        bits[at + i] = (value >> (width - 1 - i)) & 1 == 1;
    }
}

fn one_of(items: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(items.to_vec())
}

fn subset(items: &'static [&'static str]) -> impl Strategy<Value = Vec<&'static str>> {
    prop_oneof![
        1 => Just(vec![]),
        2 => proptest::sample::subsequence(items.to_vec(), 0..=items.len()).prop_shuffle(),
    ]
}

prop_compose! {
    /// VALID answers for a `today` (cross-field rules of §3 respected), over the whole space:
    /// every set size, every stage, start dates from today to 10 years ahead.
    fn valid()(
        today_off in 0u64..3000,
        age in 0u8..=120,
        sex in one_of(&["female", "male", "other"]),
        pattern in one_of(&["hairline_or_crown", "part_widening", "diffuse_shedding", "patches", "unsure"]),
        stage in 0u8..=10,
        b in proptest::array::uniform5(any::<bool>()),
        duration in one_of(&["under_3_months", "3_to_12_months", "1_to_5_years", "over_5_years"]),
        onset in one_of(&["sudden", "gradual"]),
        family in one_of(&["yes", "no", "unsure"]),
        sets in (subset(SCALP), subset(TRIGGERS), subset(LIFESTYLE), subset(CONDITIONS), subset(SYMPTOMS), subset(TREATMENTS)),
        injections in one_of(&["accepted", "needle_free_only", "unsure"]),
        start in prop_oneof![1 => Just(None), 2 => (0u64..=3650).prop_map(Some)],
    ) -> (NaiveDate, Value) {
        let today = d("2026-01-01") + Days::new(today_off);
        let (scalp, triggers, lifestyle, mut conditions, symptoms, previous) = sets;
        if sex == "male" {
            conditions.retain(|c| *c != "pregnant");
        }
        let mut v = json!({
            "schema": "meso-advisor/assessment@1",
            "age": age, "sex": sex, "pattern": pattern,
            "no_regrowth_visible": b[0], "duration": duration, "onset": onset,
            "shedding_increased": b[1], "family_history": family,
            "scalp_signs": scalp, "recent_triggers": triggers, "lifestyle": lifestyle,
            "conditions": conditions, "symptoms": symptoms,
            "menopause": b[2] && sex != "male",
            "hair_loss_after_previous_mesotherapy": b[3] && previous.contains(&"mesotherapy"),
            "previous_treatments": previous,
            "injections": injections,
        });
        match stage {
            0 => {}
            g @ 1..=7 => v["stage"] = norwood(i64::from(g)),
            g => v["stage"] = ludwig(i64::from(g - 7)),
        }
        if let Some(days) = start {
            // 3650 days can pass the 10-year limit by a leap day or two: stay within it.
            let s = (today + Days::new(days)).min(today.checked_add_months(chrono::Months::new(120)).expect("date"));
            v["start_date"] = json!(s.to_string());
        }
        (today, v)
    }
}

fn answers_of(today: NaiveDate, v: &Value) -> Answers {
    Answers::from_value(v, Some(today))
        .unwrap_or_else(|p| panic!("valid answers refused: {p:?}\n{v}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_valid_answers_round_trip_in_at_most_32_url_safe_characters((today, v) in valid()) {
        let a = answers_of(today, &v);
        let code = share::encode(&a);
        prop_assert!(code.len() <= 32, "{} characters: {code}", code.len());
        prop_assert!(code.chars().all(|c| ALPHABET.contains(c)), "{code}");
        prop_assert_eq!(share::decode(&code, Some(today)), Ok(a.clone()));
        prop_assert_eq!(share::decode(&code, None), Ok(a.clone()));
        // The same answers in JSON and back give the same code.
        let again = Answers::from_value(&a.to_value(), Some(today)).expect("valid");
        prop_assert_eq!(share::encode(&again), code);
    }

    #[test]
    fn every_single_character_change_truncation_or_extension_is_refused((today, v) in valid()) {
        let code = share::encode(&answers_of(today, &v));
        let chars: Vec<char> = code.chars().collect();
        for i in 0..chars.len() {
            for c in ALPHABET.chars().chain(['=', '+', '/', ' ', '.', 'é', '\0']) {
                if c == chars[i] {
                    continue;
                }
                let mut changed = chars.clone();
                changed[i] = c;
                let changed: String = changed.into_iter().collect();
                prop_assert!(share::decode(&changed, None).is_err(), "accepted {changed} (from {code})");
            }
        }
        for n in 0..chars.len() {
            let cut: String = chars[..n].iter().collect();
            prop_assert!(share::decode(&cut, None).is_err(), "accepted truncation {cut}");
        }
        for c in ALPHABET.chars() {
            let (after, before) = (format!("{code}{c}"), format!("{c}{code}"));
            prop_assert!(share::decode(&after, None).is_err(), "accepted {}", after);
            prop_assert!(share::decode(&before, None).is_err(), "accepted {}", before);
        }
    }

    #[test]
    fn decoding_arbitrary_text_never_panics(s in "\\PC{0,40}") {
        let _ = share::decode(&s, None);
    }

    #[test]
    fn a_code_with_a_valid_check_is_accepted_only_when_canonical(
        body in proptest::collection::vec(0u8..64, 18),
        version in prop_oneof![4 => Just(1u8), 1 => 0u8..64],
    ) {
        let mut body = body;
        body[0] = version;
        let code = with_check(&body);
        match share::decode(&code, None) {
            Ok(a) => prop_assert_eq!(share::encode(&a), code),
            Err(ShareError::NewerVersion(v)) => prop_assert!(v > 1),
            Err(ShareError::UnknownVersion(v)) => prop_assert_eq!(v, 0),
            Err(ShareError::BadCheck) | Err(ShareError::BadCharacter { .. }) | Err(ShareError::Empty) => {
                prop_assert!(false, "{code}: the check and characters are valid");
            }
            Err(_) => {}
        }
    }
}

/// A valid code of BASE (version 1).
fn base_code() -> String {
    share::encode(&answers_of(today(), &base()))
}

#[test]
fn the_format_of_version_1_is_pinned() {
    // Codes already shared must decode forever: this is BASE's code.
    assert_eq!(base_code(), "BRoMyAAAAAAAAAAAAAS");
    assert_eq!(base_code().len(), share::CODE_LEN);
    let with_start = with(&[("start_date", json!("2027-03-15"))]);
    let code = share::encode(&answers_of(today(), &with_start));
    let bits = bits_of(&code);
    // age 35 in the first 7 bits; start date present at bit 76, days since 0000-01-01.
    let num = |at: usize, w: usize| {
        bits[at..at + w]
            .iter()
            .fold(0u32, |a, b| (a << 1) | u32::from(*b))
    };
    assert_eq!(num(0, 7), 35);
    assert!(bits[76]);
    let days = (d("2027-03-15") - NaiveDate::from_ymd_opt(0, 1, 1).expect("epoch")).num_days();
    assert_eq!(i64::from(num(77, 22)), days);
}

#[test]
fn a_newer_version_is_reported_as_such_whatever_its_length() {
    for (version, len) in [(2u8, 18usize), (2, 25), (9, 10), (63, 30)] {
        let mut body = vec![version];
        body.extend(std::iter::repeat_n(5u8, len - 2));
        let code = with_check(&body);
        assert_eq!(
            share::decode(&code, None),
            Err(ShareError::NewerVersion(version))
        );
        let msg = share::decode(&code, None).unwrap_err().to_string();
        assert!(msg.contains("newer version of the advisor"), "{msg}");
    }
    let mut body = vec![0u8];
    body.extend([0u8; 17]);
    assert_eq!(
        share::decode(&with_check(&body), None),
        Err(ShareError::UnknownVersion(0))
    );
}

#[test]
fn reserved_bits_and_out_of_range_values_are_refused() {
    let bits = bits_of(&base_code());
    assert_eq!(bits.len(), 102);
    // The 3 reserved bits at the end.
    for at in 99..102 {
        let mut b = bits.clone();
        b[at] = true;
        assert_eq!(
            share::decode(&code_from(1, &b), None),
            Err(ShareError::ReservedBits)
        );
    }
    // Date bits without the "present" bit.
    let mut b = bits.clone();
    b[98] = true;
    assert_eq!(
        share::decode(&code_from(1, &b), None),
        Err(ShareError::ReservedBits)
    );
    // Out of range: age 121–127, sex 3, pattern 5–7, stage 11–15, family 3, injections 3,
    // a date after 9999-12-31.
    let cases: &[(&str, usize, usize, u32)] = &[
        ("age", 0, 7, 121),
        ("age", 0, 7, 127),
        ("sex", 7, 2, 3),
        ("pattern", 9, 3, 5),
        ("pattern", 9, 3, 7),
        ("stage", 12, 4, 11),
        ("stage", 12, 4, 15),
        ("family_history", 21, 2, 3),
        ("injections", 74, 2, 3),
    ];
    for (field, at, width, value) in cases {
        let mut b = bits.clone();
        set_bits(&mut b, *at, *width, *value);
        let err = share::decode(&code_from(1, &b), None).unwrap_err();
        assert_eq!(err, ShareError::OutOfRange { field }, "{field} = {value}");
        assert!(err.to_string().contains(field));
    }
    let mut b = bits.clone();
    b[76] = true;
    set_bits(&mut b, 77, 22, (1 << 22) - 1);
    assert_eq!(
        share::decode(&code_from(1, &b), None),
        Err(ShareError::OutOfRange {
            field: "start_date"
        })
    );
    // The wrong length for version 1 (with a valid check).
    let mut short = vec![1u8];
    short.extend([0u8; 10]);
    assert!(matches!(
        share::decode(&with_check(&short), None),
        Err(ShareError::WrongLength {
            expected: 19,
            found: 12
        })
    ));
}

#[test]
fn answers_the_core_refuses_are_refused_with_its_problems() {
    // Pregnant with sex male, packed by hand (bit 41 + 2 = "pregnant" is the first
    // condition: age 7, sex 2, pattern 3, stage 4, 1, 2, 1, 1, 2, scalp 6, triggers 7,
    // lifestyle 5 = 41).
    let mut b = bits_of(&base_code());
    b[41] = true;
    match share::decode(&code_from(1, &b), None) {
        Err(ShareError::Refused(problems)) => {
            assert!(
                problems.iter().any(|p| p.field == "conditions"),
                "{problems:?}"
            )
        }
        other => panic!("expected Refused, got {other:?}"),
    }
    // hair_loss_after_previous_mesotherapy without mesotherapy (bit 73).
    let mut b = bits_of(&base_code());
    b[73] = true;
    let err = share::decode(&code_from(1, &b), None).unwrap_err();
    assert!(
        err.to_string()
            .contains("hair_loss_after_previous_mesotherapy"),
        "{err}"
    );
    // A start date that was fine when shared but is now in the past.
    let a = answers_of(today(), &with(&[("start_date", json!("2026-12-01"))]));
    let code = share::encode(&a);
    assert_eq!(share::decode(&code, Some(today())), Ok(a));
    match share::decode(&code, Some(d("2026-12-02"))) {
        Err(ShareError::Refused(p)) => assert!(p.iter().any(|p| p.field == "start_date")),
        other => panic!("expected Refused, got {other:?}"),
    }
}

#[test]
fn hand_built_invalid_answers_encode_to_codes_that_are_refused() {
    let mut a = answers_of(today(), &base());
    a.age = 200;
    assert_eq!(
        share::decode(&share::encode(&a), None),
        Err(ShareError::OutOfRange { field: "age" })
    );
    let mut a = answers_of(today(), &base());
    a.stage = Some(meso_advisor::core::answers::Stage {
        scale: meso_advisor::core::answers::Scale::Ludwig,
        grade: 5,
    });
    assert_eq!(
        share::decode(&share::encode(&a), None),
        Err(ShareError::OutOfRange { field: "stage" })
    );
}

#[test]
fn every_error_reads_as_plain_english() {
    let errors = [
        share::decode("", None).unwrap_err(),
        share::decode("BRoMy AAAAAAAAAAAAS", None).unwrap_err(),
        share::decode("BRoMyAAAAAAAAAAAAAT", None).unwrap_err(),
        share::decode("B", None).unwrap_err(),
    ];
    assert_eq!(errors[0], ShareError::Empty);
    assert_eq!(
        errors[1],
        ShareError::BadCharacter {
            position: 6,
            character: ' '
        }
    );
    assert_eq!(errors[2], ShareError::BadCheck);
    assert!(matches!(errors[3], ShareError::WrongLength { .. }));
    for e in errors {
        let m = e.to_string();
        assert!(m.starts_with("the share code"), "{m}");
        assert!(!m.contains("Err") && !m.contains("{"), "{m}");
    }
}
