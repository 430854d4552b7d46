//! Browser edge of the staff passcode (spec §11): a salted PBKDF2-SHA-256 hash from WebCrypto,
//! kept in localStorage under `meso-advisor/staff`; the passcode itself is never stored. It
//! must report an insecure context (no WebCrypto on plain http) rather than fall back to a
//! weaker scheme, and never keep the passcode in memory longer than a check.

use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The localStorage key of the staff passcode's hash.
pub const STAFF_KEY: &str = "meso-advisor/staff";

/// PBKDF2-HMAC-SHA-256 rounds: OWASP's 2023 figure. WebCrypto runs it off the page's thread,
/// so DevTools CPU throttling does not slow it; `scripts/bench-staff.mjs` measures one unlock
/// (README, "Staff mode"). A stored hash keeps its own count, so raising this is compatible.
pub const ITERATIONS: u32 = 600_000;

/// What is stored: salt, rounds and the derived hash (hex). Never the passcode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffSecret {
    pub salt: String,
    pub iterations: u32,
    pub hash: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// WebCrypto's SubtleCrypto, or why this page cannot use it (plain http is not a secure
/// context).
pub(crate) fn subtle() -> Result<web_sys::SubtleCrypto, String> {
    let w = web_sys::window().ok_or("no window")?;
    if !w.is_secure_context() {
        return Err("insecure".into());
    }
    Ok(w.crypto().map_err(|_| "no crypto")?.subtle())
}

/// `n` random bytes from WebCrypto (salts, and AES-GCM nonces in `ui::sealed_store`).
pub(crate) fn random_bytes(n: usize) -> Result<Vec<u8>, String> {
    let mut buf = vec![0u8; n];
    web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(|_| "no crypto")?
        .get_random_values_with_u8_array(&mut buf)
        .map_err(|_| "no randomness")?;
    Ok(buf)
}

/// Whether this page may use WebCrypto (HTTPS or localhost).
pub fn available() -> bool {
    subtle().is_ok()
}

/// The passcode as a PBKDF2 base key (for bits here, for an AES key in `ui::sealed_store`).
pub(crate) async fn base_key(passcode: &str, usage: &str) -> Result<web_sys::CryptoKey, String> {
    let s = subtle()?;
    let raw = js_sys::Uint8Array::from(passcode.as_bytes());
    let usages = js_sys::Array::of1(&JsValue::from_str(usage));
    JsFuture::from(
        s.import_key_with_str("raw", &raw, "PBKDF2", false, &usages)
            .map_err(|_| "importKey failed")?,
    )
    .await
    .map_err(|_| "importKey failed")?
    .dyn_into::<web_sys::CryptoKey>()
    .map_err(|_| "not a key".into())
}

async fn derive(passcode: &str, salt: &[u8], iterations: u32) -> Result<Vec<u8>, String> {
    let s = subtle()?;
    let key = base_key(passcode, "deriveBits").await?;
    let params = web_sys::Pbkdf2Params::new(
        "PBKDF2",
        &JsValue::from_str("SHA-256"),
        iterations,
        &js_sys::Uint8Array::from(salt),
    );
    let bits = JsFuture::from(
        s.derive_bits_with_object(&params, &key, 256)
            .map_err(|_| "deriveBits failed")?,
    )
    .await
    .map_err(|_| "deriveBits failed")?;
    Ok(js_sys::Uint8Array::new(&bits).to_vec())
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored secret: None when no passcode was set; an error when the stored text is
/// damaged (kept as it is: staff mode then stays locked and says so).
pub fn stored() -> Result<Option<StaffSecret>, String> {
    let Some(s) = local() else {
        return Err("storage unavailable".into());
    };
    match s.get_item(STAFF_KEY) {
        Ok(None) => Ok(None),
        Ok(Some(t)) => serde_json::from_str(&t)
            .map(Some)
            .map_err(|e| e.to_string()),
        Err(_) => Err("storage unavailable".into()),
    }
}

/// Sets (or changes) the passcode: a new random salt, the hash stored.
pub async fn set_passcode(passcode: &str) -> Result<(), String> {
    let salt = random_bytes(16)?;
    let hash = derive(passcode, &salt, ITERATIONS).await?;
    let secret = StaffSecret {
        salt: hex(&salt),
        iterations: ITERATIONS,
        hash: hex(&hash),
    };
    let text = serde_json::to_string(&secret).map_err(|e| e.to_string())?;
    local()
        .ok_or("storage unavailable")?
        .set_item(STAFF_KEY, &text)
        .map_err(|_| "storage full or blocked".to_string())
}

/// Whether `passcode` matches the stored hash (constant-time comparison of the hashes).
pub async fn check(passcode: &str, secret: &StaffSecret) -> Result<bool, String> {
    let salt = unhex(&secret.salt).ok_or("damaged salt")?;
    let want = unhex(&secret.hash).ok_or("damaged hash")?;
    let got = derive(passcode, &salt, secret.iterations).await?;
    Ok(
        got.len() == want.len()
            && got.iter().zip(&want).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0,
    )
}
