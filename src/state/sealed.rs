//! The sealed form of the stored plans envelope: gzip-compressed (a busy clinic's thousands of
//! plans fit in browser storage) and, when staff turn it on, AES-256-GCM-encrypted under a key
//! derived from the staff passcode. This module only reads and writes the wrapper and its
//! base64; compression, encryption and storage happen at the browser edge
//! (`ui::sealed_store`). It must not do IO, and must report a damaged or newer wrapper as such
//! (the stored text is then kept as it is), never treat it as "nothing stored".

use serde::{Deserialize, Serialize};

use super::plans::StoreError;

/// The wrapper's schema without its version.
pub const SEALED_SCHEMA_PREFIX: &str = "meso-advisor/sealed@";
/// The wrapper version this build writes.
pub const SEALED_VERSION: u32 = 1;
/// Envelopes longer than this (UTF-8 bytes) are stored gzip-compressed even when not
/// encrypted; shorter ones stay plain JSON (readable with any tool, and no async step).
/// ~150 full staff records; 5,000 of them need compression to fit in localStorage.
pub const COMPRESS_ABOVE_BYTES: usize = 512 * 1024;
/// AES-GCM's nonce length (bytes): a fresh random one for every write.
pub const IV_BYTES: usize = 12;
/// The salt of the passcode-derived key (bytes).
pub const SALT_BYTES: usize = 16;
/// Largest sealed text read: the plain envelope's limit (compressed and base64 text is
/// always smaller than what it holds, for real data).
pub const MAX_SEALED_BYTES: usize = super::plans::MAX_ENVELOPE_BYTES;

/// How the sealed bytes were made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Content {
    /// The envelope's UTF-8 text, gzip-compressed.
    #[serde(rename = "gzip")]
    Gzip,
    /// The gzip bytes, then encrypted with AES-256-GCM (the tag is appended to the data).
    #[serde(rename = "gzip+aes-256-gcm")]
    GzipAesGcm,
}

/// The stored wrapper (JSON). Field order is the written order: [`is_sealed`] relies on
/// `schema` coming first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wrapper {
    schema: String,
    content: Content,
    /// PBKDF2 salt of the key (base64), encrypted content only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    salt: Option<String>,
    /// PBKDF2-SHA-256 rounds of the key, encrypted content only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    iterations: Option<u32>,
    /// AES-GCM nonce (base64), encrypted content only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    iv: Option<String>,
    /// The bytes (base64).
    data: String,
}

/// The key a sealed envelope was encrypted with: how to derive it again from the passcode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySpec {
    pub salt: Vec<u8>,
    pub iterations: u32,
}

/// A sealed envelope, decoded from its wrapper (still compressed, maybe encrypted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sealed {
    /// gzip bytes.
    Gzip(Vec<u8>),
    /// AES-GCM ciphertext (with tag) of gzip bytes.
    Encrypted {
        key: KeySpec,
        iv: Vec<u8>,
        data: Vec<u8>,
    },
}

/// Whether stored text is a sealed wrapper rather than a plain envelope.
pub fn is_sealed(text: &str) -> bool {
    text.trim_start()
        .strip_prefix("{\"schema\":\"")
        .is_some_and(|rest| rest.starts_with(SEALED_SCHEMA_PREFIX))
}

/// Reads a sealed wrapper. Damaged or newer wrappers are errors (the caller keeps the text).
pub fn open(text: &str) -> Result<Sealed, StoreError> {
    if text.len() > MAX_SEALED_BYTES {
        return Err(StoreError::Damaged(format!(
            "larger than {} MiB",
            MAX_SEALED_BYTES >> 20
        )));
    }
    let damaged = |why: &str| StoreError::Damaged(format!("sealed plans: {why}"));
    // The version first, so a newer wrapper with other fields is "newer", not "damaged".
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| damaged(&e.to_string()))?;
    let version = value
        .get("schema")
        .and_then(serde_json::Value::as_str)
        .and_then(|s| s.strip_prefix(SEALED_SCHEMA_PREFIX))
        .and_then(|v| v.parse::<u32>().ok())
        .ok_or_else(|| damaged("no schema tag"))?;
    if version > SEALED_VERSION {
        return Err(StoreError::Newer(version));
    }
    if version != SEALED_VERSION {
        return Err(damaged(&format!("unknown version {version}")));
    }
    let w: Wrapper = serde_json::from_str(text).map_err(|e| damaged(&e.to_string()))?;
    let data = base64_decode(&w.data).ok_or_else(|| damaged("data is not base64"))?;
    match w.content {
        Content::Gzip => {
            if w.salt.is_some() || w.iv.is_some() || w.iterations.is_some() {
                return Err(damaged("key fields on unencrypted content"));
            }
            Ok(Sealed::Gzip(data))
        }
        Content::GzipAesGcm => {
            let salt = w
                .salt
                .as_deref()
                .and_then(base64_decode)
                .filter(|s| s.len() == SALT_BYTES)
                .ok_or_else(|| damaged("missing or bad salt"))?;
            let iv =
                w.iv.as_deref()
                    .and_then(base64_decode)
                    .filter(|s| s.len() == IV_BYTES)
                    .ok_or_else(|| damaged("missing or bad iv"))?;
            let iterations = w
                .iterations
                .filter(|n| (1..=10_000_000).contains(n))
                .ok_or_else(|| damaged("missing or bad iterations"))?;
            Ok(Sealed::Encrypted {
                key: KeySpec { salt, iterations },
                iv,
                data,
            })
        }
    }
}

/// Writes the wrapper of sealed bytes.
pub fn seal(sealed: &Sealed) -> String {
    let w = match sealed {
        Sealed::Gzip(data) => Wrapper {
            schema: format!("{SEALED_SCHEMA_PREFIX}{SEALED_VERSION}"),
            content: Content::Gzip,
            salt: None,
            iterations: None,
            iv: None,
            data: base64_encode(data),
        },
        Sealed::Encrypted { key, iv, data } => Wrapper {
            schema: format!("{SEALED_SCHEMA_PREFIX}{SEALED_VERSION}"),
            content: Content::GzipAesGcm,
            salt: Some(base64_encode(&key.salt)),
            iterations: Some(key.iterations),
            iv: Some(base64_encode(iv)),
            data: base64_encode(data),
        },
    };
    // Strings and numbers only: serialising cannot fail.
    serde_json::to_string(&w).unwrap_or_default()
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648 §4).
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Strict standard base64 with padding: anything else (other characters, bad length, bits
/// set after the end) is `None`.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let t = text.as_bytes();
    if !t.len().is_multiple_of(4) {
        return None;
    }
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
    let mut out = Vec::with_capacity(t.len() / 4 * 3);
    for (i, chunk) in t.chunks(4).enumerate() {
        let last = i + 1 == t.len() / 4;
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for (j, &c) in chunk.iter().enumerate() {
            let v = if j >= 4 - pad { 0 } else { value(c)? };
            n = (n << 6) | v;
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = 3 - pad;
        // Canonical: the bits below the last kept byte must be zero.
        if bytes[keep..].iter().any(|&b| b != 0) {
            return None;
        }
        out.extend_from_slice(&bytes[..keep]);
    }
    Some(out)
}
