//! Browser tests of the sealed plans store (`ui::sealed_store`) against the REAL localStorage,
//! CompressionStream and WebCrypto of headless Chromium: a large envelope stored gzip-sealed
//! and read back; encryption on, a round trip, nothing of a patient in storage as plain text,
//! locked after lock, a wrong passcode that cannot decrypt and changes nothing, a new
//! passcode, encryption off; and the capacity figure (5,000 full records), printed.
//! Run with `cargo test --target wasm32-unknown-unknown --test web_sealed`.

#![cfg(target_arch = "wasm32")]

mod web_common;

#[path = "fixtures/full_record.rs"]
mod full_record;

use std::rc::Rc;

use meso_advisor::core::Clinic;
use meso_advisor::state::plans::{
    Envelope, PlanRepository, SavedPlan, StoreError, StoreRepository, PLANS_KEY,
};
use meso_advisor::state::sealed::{is_sealed, COMPRESS_ABOVE_BYTES};
use meso_advisor::ui::sealed_store::SealedStore;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_common::*;

wasm_bindgen_test_configure!(run_in_browser);

const PASSCODE: &str = "clinic-2468";

fn records(n: usize) -> Vec<SavedPlan> {
    let clinic = Clinic::default();
    (0..n)
        .map(|i| full_record::full_record(i, &clinic))
        .collect()
}

fn stored() -> String {
    local().get_item(PLANS_KEY).unwrap().unwrap_or_default()
}

/// Waits until every write asked of `store` is in storage, and returns its outcome.
async fn written(store: &SealedStore) -> Result<(), StoreError> {
    let result = Rc::new(std::cell::RefCell::new(None));
    let r = result.clone();
    store.on_written(move |out| *r.borrow_mut() = Some(out));
    wait_for("the write to finish", || result.borrow().clone()).await
}

/// A store and repository as the app makes them, once any sealed text is read.
async fn open_store() -> (Rc<SealedStore>, StoreRepository<Rc<SealedStore>>) {
    let store = Rc::new(SealedStore::new());
    let done = Rc::new(std::cell::Cell::new(false));
    let d = done.clone();
    store.finish_opening(move || d.set(true));
    wait_until("the store to open", || done.get()).await;
    let repo = StoreRepository::new(store.clone(), &Clinic::default());
    (store, repo)
}

async fn save(store: &SealedStore, repo: &StoreRepository<Rc<SealedStore>>, plans: &[SavedPlan]) {
    repo.save(plans, &[]).expect("saved");
    written(store).await.expect("written");
}

#[wasm_bindgen_test]
async fn small_envelopes_stay_plain_json_and_large_ones_are_gzip_sealed() {
    local().clear().unwrap();
    let (store, repo) = open_store().await;
    save(&store, &repo, &records(3)).await;
    assert!(!is_sealed(&stored()), "a few plans stay readable JSON");
    assert!(stored().contains("Patient 00001"));

    let many = records(400);
    let plain = Envelope::current(many.clone(), vec![]).to_text().unwrap();
    assert!(
        plain.len() > COMPRESS_ABOVE_BYTES,
        "the test needs a large envelope"
    );
    save(&store, &repo, &many).await;
    let text = stored();
    assert!(is_sealed(&text), "a large envelope is sealed");
    assert!(!text.contains("Patient 00001"));
    assert!(
        text.len() * 4 < plain.len(),
        "{} vs {}",
        text.len(),
        plain.len()
    );

    // Another start reads it back, everything equal.
    let (_, repo2) = open_store().await;
    assert_eq!(repo2.load().expect("read back").plans, many);
}

#[wasm_bindgen_test]
async fn encryption_round_trip_hides_every_patient_detail_and_locks() {
    local().clear().unwrap();
    let (store, repo) = open_store().await;
    let plans = records(3);
    save(&store, &repo, &plans).await;
    store.enable(PASSCODE).await.expect("encryption on");
    let text = stored();
    assert!(is_sealed(&text));
    for secret in [
        "Patient 00000",
        "Patient 00002",
        "LOT-",
        "Tolerated",
        "2026-01-",
        "hairline",
        "male",
        "suitable",
        "norwood",
    ] {
        assert!(!text.contains(secret), "{secret} is readable in storage");
    }
    // A save while open is encrypted too, with a fresh IV.
    let mut more = plans.clone();
    more.push(full_record::full_record(3, &Clinic::default()));
    save(&store, &repo, &more).await;
    let again = stored();
    assert_ne!(text, again);
    let iv = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap()["iv"].clone();
    assert_ne!(iv(&text), iv(&again), "every write has its own IV");
    assert!(!again.contains("Patient 00003"));

    // Locked: nothing readable through the store, nothing writable.
    assert!(store.lock());
    assert_eq!(repo.load(), Err(StoreError::Locked));
    assert_eq!(repo.save(&more, &[]), Err(StoreError::Locked));
    assert_eq!(stored(), again, "a locked store writes nothing");

    // A new start is locked; a wrong passcode cannot decrypt and changes nothing.
    let (store2, repo2) = open_store().await;
    assert!(store2.locked());
    assert_eq!(repo2.load(), Err(StoreError::Locked));
    assert!(store2.unlock("not-the-passcode").await.is_err());
    assert!(store2.locked());
    assert_eq!(stored(), again);
    store2
        .unlock(PASSCODE)
        .await
        .expect("the passcode opens it");
    assert_eq!(repo2.load().expect("read").plans, more);

    // A new passcode: the old one no longer opens the plans.
    store2
        .change_passcode("new-passcode-1357")
        .await
        .expect("re-encrypted");
    let (store3, _) = open_store().await;
    assert!(store3.unlock(PASSCODE).await.is_err());
    store3
        .unlock("new-passcode-1357")
        .await
        .expect("the new passcode opens it");

    // Off: plain JSON again, all there.
    store3.disable().await.expect("decrypted");
    assert!(!is_sealed(&stored()));
    let (_, repo4) = open_store().await;
    assert_eq!(repo4.load().expect("plain again").plans, more);
}

#[wasm_bindgen_test]
async fn damaged_sealed_text_is_reported_and_kept() {
    local().clear().unwrap();
    let bad = r#"{"schema":"meso-advisor/sealed@1","content":"gzip","data":"AAAA"}"#;
    local().set_item(PLANS_KEY, bad).unwrap();
    let (_, repo) = open_store().await;
    assert!(matches!(repo.load(), Err(StoreError::Damaged(_))));
    assert!(repo.save(&records(1), &[]).is_err());
    assert_eq!(stored(), bad, "damaged sealed text is never written over");
    assert_eq!(
        repo.raw(),
        Ok(Some(bad.to_string())),
        "and can be exported as it is"
    );
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Not a timed test: prints the capacity figures (README, "Staff mode"). It fails only when
/// 5,000 full records do not fit in localStorage, or do not come back equal.
#[wasm_bindgen_test]
async fn five_thousand_full_records_fit_and_come_back() {
    local().clear().unwrap();
    let plans = records(5000);
    let plain = Envelope::current(plans.clone(), vec![]).to_text().unwrap();
    for encrypt in [false, true] {
        local().clear().unwrap();
        let (store, repo) = open_store().await;
        if encrypt {
            store.enable(PASSCODE).await.expect("encryption on");
        }
        let t0 = now();
        save(&store, &repo, &plans).await;
        let t1 = now();
        let chars = stored().encode_utf16().count();
        let (store2, repo2) = open_store().await;
        let t2 = now();
        if encrypt {
            store2.unlock(PASSCODE).await.expect("unlocked");
        }
        let loaded = repo2.load().expect("read back").plans;
        let t3 = now();
        let hits = loaded
            .iter()
            .filter(|p| p.label.to_lowercase().contains("patient 0499"))
            .count();
        let t4 = now();
        assert_eq!(loaded.len(), 5000);
        assert_eq!(hits, 10);
        assert!(loaded == plans, "every record comes back equal");
        wasm_bindgen_test::console_log!("{}", format!(
            "capacity{}: 5000 full records, {} bytes as JSON, stored as {} characters ({:.0} per record, {:.0}% of a 5,000,000-character localStorage); save {:.0} ms, open and read {:.0} ms{}, search {:.1} ms",
            if encrypt { " (encrypted)" } else { "" },
            plain.len(),
            chars,
            chars as f64 / 5000.0,
            chars as f64 / 50_000.0,
            t1 - t0,
            t3 - t2,
            if encrypt { " (with key derivation)" } else { "" },
            t4 - t3,
        ));
        let _ = store;
    }
}
