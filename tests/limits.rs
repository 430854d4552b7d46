//! Every decoder of untrusted input has a size limit (and serde_json's nesting limit) and
//! refuses clearly beyond it: answers, clinic.json, the plans envelope and backups, catalogs.
#![cfg(not(target_arch = "wasm32"))]

use meso_advisor::core::{Answers, Catalog, Clinic, InputError};
use meso_advisor::state::backup::{preview, BackupError};
use meso_advisor::state::plans::{read_envelope, StoreError, MAX_ENVELOPE_BYTES};

fn syntax_message(e: InputError) -> String {
    match e {
        InputError::Syntax { message, .. } => message,
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn oversized_documents_are_refused_by_size() {
    let big = format!("{{\"x\":\"{}\"}}", "a".repeat(1 << 20));
    assert!(syntax_message(Answers::parse(&big, None).unwrap_err()).contains("larger than 1 MiB"));
    assert!(syntax_message(Clinic::parse(&big).unwrap_err()).contains("larger than 1 MiB"));
    let huge = " ".repeat(MAX_ENVELOPE_BYTES + 1);
    assert!(
        matches!(read_envelope(&huge, &[]), Err(StoreError::Damaged(m)) if m.contains("larger than"))
    );
    assert!(matches!(
        preview(&huge, &[], &[], String::new),
        Err(BackupError::TooLarge(_))
    ));
    let cat = "a = b\n".repeat(200_000);
    assert!(Catalog::check_text("xx", &cat)
        .unwrap_err()
        .contains("larger than 1 MiB"));
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(Answers::parse(&deep, None).is_err());
    assert!(Clinic::parse(&deep).is_err());
    assert!(read_envelope(&deep, &[]).is_err());
    let obj = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    assert!(Answers::parse(&obj, None).is_err());
}
