//! The sealed wrapper of stored plans (`state::sealed`): base64 both ways (property), strict
//! decoding, and every way a wrapper can be damaged or newer (reported, never read as empty).

#![cfg(not(target_arch = "wasm32"))]

use meso_advisor::state::plans::StoreError;
use meso_advisor::state::sealed::{
    base64_decode, base64_encode, is_sealed, open, seal, KeySpec, Sealed, IV_BYTES, SALT_BYTES,
};
use proptest::prelude::*;

fn encrypted() -> Sealed {
    Sealed::Encrypted {
        key: KeySpec {
            salt: vec![7; SALT_BYTES],
            iterations: 310_000,
        },
        iv: vec![9; IV_BYTES],
        data: b"ciphertext and tag".to_vec(),
    }
}

proptest! {
    #[test]
    fn base64_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let text = base64_encode(&bytes);
        prop_assert_eq!(text.len() % 4, 0);
        prop_assert_eq!(base64_decode(&text), Some(bytes));
    }

    #[test]
    fn wrappers_round_trip(data in proptest::collection::vec(any::<u8>(), 0..100)) {
        let s = Sealed::Gzip(data);
        let text = seal(&s);
        prop_assert!(is_sealed(&text));
        prop_assert_eq!(open(&text), Ok(s));
    }
}

#[test]
fn base64_matches_rfc_4648_vectors() {
    for (plain, coded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64_encode(plain.as_bytes()), coded);
        assert_eq!(base64_decode(coded).as_deref(), Some(plain.as_bytes()));
    }
}

#[test]
fn base64_decoding_is_strict() {
    for bad in [
        "Zg=", "Zg", "Z===", "Zh==", "Zm9=v", "Zm=9", "Zm9v\n", "Zm-v", "====", "Zg==Zg==",
    ] {
        assert_eq!(base64_decode(bad), None, "{bad:?}");
    }
}

#[test]
fn an_encrypted_wrapper_round_trips_and_hides_nothing_but_its_key_parameters() {
    let text = seal(&encrypted());
    assert!(is_sealed(&text));
    assert_eq!(open(&text), Ok(encrypted()));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 6, "{keys:?}");
}

#[test]
fn plain_envelopes_are_not_sealed() {
    assert!(!is_sealed(
        r#"{"schema":"meso-advisor/plans@2","plans":[]}"#
    ));
    assert!(!is_sealed(""));
    assert!(!is_sealed("meso-advisor/sealed@1"));
}

fn damaged(text: &str) {
    match open(text) {
        Err(StoreError::Damaged(_)) => {}
        other => panic!("{text}: expected damaged, got {other:?}"),
    }
}

#[test]
fn damaged_wrappers_are_reported() {
    let good = seal(&encrypted());
    damaged("{");
    damaged(r#"{"schema":"meso-advisor/sealed@1"}"#);
    damaged(r#"{"schema":"meso-advisor/sealed@0","content":"gzip","data":""}"#);
    damaged(r#"{"schema":"meso-advisor/sealed@1","content":"zip","data":""}"#);
    damaged(r#"{"schema":"meso-advisor/sealed@1","content":"gzip","data":"%%%%"}"#);
    damaged(r#"{"schema":"meso-advisor/sealed@1","content":"gzip","data":"","extra":1}"#);
    damaged(
        r#"{"schema":"meso-advisor/sealed@1","content":"gzip","iv":"AAAAAAAAAAAAAAAA","data":""}"#,
    );
    damaged(r#"{"schema":"meso-advisor/sealed@1","content":"gzip+aes-256-gcm","data":"AAAA"}"#);
    // A salt or nonce of the wrong length, or no rounds.
    damaged(&good.replace("BwcHBwcHBwcHBwcHBwcHBw==", "BwcH"));
    damaged(&good.replace("CQkJCQkJCQkJCQkJ", "CQkJ"));
    damaged(&good.replace("\"iterations\":310000,", ""));
    damaged(&good.replace("\"iterations\":310000", "\"iterations\":0"));
}

#[test]
fn a_newer_wrapper_is_newer_even_with_other_fields() {
    assert_eq!(
        open(r#"{"schema":"meso-advisor/sealed@2","cipher":"something new"}"#),
        Err(StoreError::Newer(2))
    );
}

#[test]
fn oversized_text_is_refused_before_parsing() {
    let big = " ".repeat(meso_advisor::state::sealed::MAX_SEALED_BYTES + 1);
    damaged(&big);
}
