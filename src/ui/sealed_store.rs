//! The saved-plans store in the browser: localStorage, with the envelope sealed when it must
//! be (gzip through the browser's CompressionStream above `COMPRESS_ABOVE_BYTES`, and AES-GCM
//! through WebCrypto when staff turn encryption on; the wrapper is `state::sealed`). The
//! repository (`state::plans::StoreRepository`) reads and writes plain envelope text through
//! this store's in-memory copy; sealing and writing happen asynchronously, in order, and their
//! outcome is reported. It must never write over stored text it could not read, never keep
//! the key or the plans after staff mode locks, and never write a plain copy of encrypted plans.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::state::plans::{StoreError, TextStore, PLANS_KEY};
use crate::state::sealed::{self, KeySpec, Sealed, COMPRESS_ABOVE_BYTES, IV_BYTES, SALT_BYTES};
use crate::ui::staff_auth;
use crate::ui::storage::LocalStore;

/// The encryption key in use (never extractable) and how it was derived.
#[derive(Clone)]
struct Key {
    key: web_sys::CryptoKey,
    spec: KeySpec,
}

/// Where the stored plans stand in this tab.
enum State {
    /// Readable: the plain envelope text (None when nothing is stored), and the key when the
    /// stored text is encrypted.
    Open {
        text: Option<String>,
        key: Option<Key>,
    },
    /// Sealed text as read from storage, still to be decompressed (and decrypted with this
    /// key, when it is encrypted and this tab had it open).
    Opening(Sealed, Option<Key>),
    /// Encrypted, and staff mode is locked: nothing of it is in memory.
    Locked,
    /// The stored text cannot be read (damaged, newer): kept, never written over.
    Failed(StoreError),
}

type Waiter = Box<dyn FnOnce(Result<(), StoreError>)>;

struct Inner {
    state: RefCell<State>,
    /// Number of the latest write asked for, and of the latest write in storage: an older
    /// write that finishes after a newer one never replaces it.
    asked: Cell<u64>,
    written: Cell<u64>,
    /// Callbacks waiting for a write (by its number) to finish.
    waiting: RefCell<Vec<(u64, Waiter)>>,
}

/// The browser's saved-plans store (share it with `Rc`: the repository and the shell hold it).
pub struct SealedStore {
    inner: Rc<Inner>,
}

/// The outcome of reading what is stored, before any page shows it: the key is this tab's
/// (when it had the plans open), kept if the stored text is still encrypted.
fn read_state(key: Option<Key>) -> State {
    match LocalStore.get(PLANS_KEY) {
        Err(e) => State::Failed(e),
        Ok(None) => State::Open {
            text: None,
            key: None,
        },
        Ok(Some(text)) if !sealed::is_sealed(&text) => State::Open {
            text: Some(text),
            key: None,
        },
        Ok(Some(text)) => match sealed::open(&text) {
            Err(e) => State::Failed(e),
            Ok(s @ Sealed::Gzip(_)) => State::Opening(s, None),
            Ok(s @ Sealed::Encrypted { .. }) => match key {
                Some(k) => State::Opening(s, Some(k)),
                None => State::Locked,
            },
        },
    }
}

impl SealedStore {
    /// Reads what localStorage holds now. Plain text is ready at once; sealed text needs
    /// [`SealedStore::finish_opening`]; encrypted text stays locked until
    /// [`SealedStore::unlock`].
    pub fn new() -> SealedStore {
        let state = read_state(None);
        SealedStore {
            inner: Rc::new(Inner {
                state: RefCell::new(state),
                asked: Cell::new(0),
                written: Cell::new(0),
                waiting: RefCell::default(),
            }),
        }
    }

    /// Whether the repository can be read now (not still decompressing).
    pub fn ready(&self) -> bool {
        !matches!(*self.inner.state.borrow(), State::Opening(..))
    }

    /// Whether the stored plans are encrypted (open with their key, or locked).
    pub fn encrypted(&self) -> bool {
        matches!(
            *self.inner.state.borrow(),
            State::Locked | State::Open { key: Some(_), .. }
        )
    }

    /// Whether the stored plans are encrypted and staff mode has not opened them.
    pub fn locked(&self) -> bool {
        matches!(*self.inner.state.borrow(), State::Locked)
    }

    /// Reads storage again (another tab changed it), keeping this tab's key if the stored
    /// text is still encrypted with it; `done` runs once the plans can be loaded.
    pub fn reload(&self, done: impl FnOnce() + 'static) {
        let key = match &*self.inner.state.borrow() {
            State::Open { key, .. } => key.clone(),
            _ => None,
        };
        *self.inner.state.borrow_mut() = read_state(key);
        self.decode(done);
    }

    /// Finishes reading sealed text (decompressing it); `done` runs when the plans can be
    /// loaded (at once when they already can).
    pub fn finish_opening(&self, done: impl FnOnce() + 'static) {
        self.decode(done);
    }

    /// Decompresses (and decrypts) sealed text read from storage, then runs `done`; at once
    /// when there is nothing to decode.
    fn decode(&self, done: impl FnOnce() + 'static) {
        let pending = match &*self.inner.state.borrow() {
            State::Opening(s, k) => Some((s.clone(), k.clone())),
            _ => None,
        };
        let Some((sealed, key)) = pending else {
            return done();
        };
        let inner = self.inner.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let state = match unseal(&sealed, key.as_ref()).await {
                Ok(text) => State::Open {
                    text: Some(text),
                    key: match sealed {
                        Sealed::Encrypted { .. } => key,
                        Sealed::Gzip(_) => None,
                    },
                },
                // Encrypted with another key (the passcode changed in another tab).
                Err(_) if matches!(sealed, Sealed::Encrypted { .. }) => State::Locked,
                Err(e) => State::Failed(e),
            };
            *inner.state.borrow_mut() = state;
            done();
        });
    }

    /// Opens encrypted plans with the staff passcode (just checked against its hash). A key
    /// that cannot decrypt them leaves everything locked and as it was.
    pub async fn unlock(&self, passcode: &str) -> Result<(), StoreError> {
        if !self.locked() {
            return Ok(());
        }
        let text = LocalStore.get(PLANS_KEY)?.unwrap_or_default();
        let s = sealed::open(&text)?;
        let Sealed::Encrypted { key: spec, .. } = &s else {
            // Another tab turned encryption off meanwhile.
            self.reload(|| ());
            return Ok(());
        };
        let key = Key {
            key: aes_key(passcode, spec).await.map_err(StoreError::Damaged)?,
            spec: spec.clone(),
        };
        let text = unseal(&s, Some(&key)).await?;
        *self.inner.state.borrow_mut() = State::Open {
            text: Some(text),
            key: Some(key),
        };
        Ok(())
    }

    /// Staff mode locked: with encryption on, the key and the plans leave memory (writes
    /// already under way finish). True when something was locked.
    pub fn lock(&self) -> bool {
        let mut state = self.inner.state.borrow_mut();
        if matches!(*state, State::Open { key: Some(_), .. }) {
            *state = State::Locked;
            return true;
        }
        false
    }

    /// Turns encryption on: a new key from the passcode (fresh salt), and the plans written
    /// encrypted. On failure the stored text stays as it was, unencrypted.
    pub async fn enable(&self, passcode: &str) -> Result<(), StoreError> {
        self.rekey(passcode, true).await
    }

    /// Re-encrypts under a new passcode (after it changed), when encryption is on.
    pub async fn change_passcode(&self, passcode: &str) -> Result<(), StoreError> {
        self.rekey(passcode, false).await
    }

    async fn rekey(&self, passcode: &str, turn_on: bool) -> Result<(), StoreError> {
        let (text, old) = match &*self.inner.state.borrow() {
            State::Open { text, key } => (text.clone(), key.clone()),
            State::Failed(e) => return Err(e.clone()),
            _ => return Err(StoreError::Locked),
        };
        if old.is_none() && !turn_on {
            return Ok(());
        }
        let spec = KeySpec {
            salt: staff_auth::random_bytes(SALT_BYTES).map_err(StoreError::WriteFailed)?,
            iterations: staff_auth::ITERATIONS,
        };
        let key = Key {
            key: aes_key(passcode, &spec)
                .await
                .map_err(StoreError::WriteFailed)?,
            spec,
        };
        self.write_now(text.unwrap_or_default(), Some(key), old)
            .await
    }

    /// Turns encryption off: the plans are written back unencrypted.
    pub async fn disable(&self) -> Result<(), StoreError> {
        let (text, old) = match &*self.inner.state.borrow() {
            State::Open { text, key: Some(k) } => (text.clone(), Some(k.clone())),
            _ => return Ok(()),
        };
        self.write_now(text.unwrap_or_default(), None, old).await
    }

    /// Writes `text` with `key` now and waits; the state takes the new key only once the
    /// write is in storage (else it keeps `old`).
    async fn write_now(
        &self,
        text: String,
        key: Option<Key>,
        old: Option<Key>,
    ) -> Result<(), StoreError> {
        let n = self.inner.asked.get() + 1;
        self.inner.asked.set(n);
        if let State::Open { key: k, .. } = &mut *self.inner.state.borrow_mut() {
            *k = key.clone();
        }
        let result = write(&self.inner, n, &text, key.as_ref()).await;
        if result.is_err() {
            if let State::Open { key: k, .. } = &mut *self.inner.state.borrow_mut() {
                *k = old;
            }
        }
        finish(&self.inner, n, result.clone());
        result
    }

    /// Runs `then` when every write asked for so far is in storage (or with the first
    /// failure among them).
    pub fn on_written(&self, then: impl FnOnce(Result<(), StoreError>) + 'static) {
        let n = self.inner.asked.get();
        if self.inner.written.get() >= n {
            return then(Ok(()));
        }
        self.inner.waiting.borrow_mut().push((n, Box::new(then)));
    }
}

impl Default for SealedStore {
    fn default() -> Self {
        SealedStore::new()
    }
}

impl TextStore for SealedStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if key != PLANS_KEY {
            return LocalStore.get(key);
        }
        match &*self.inner.state.borrow() {
            State::Open { text, .. } => Ok(text.clone()),
            State::Opening(..) => Err(StoreError::Unavailable("still reading".into())),
            State::Locked => Err(StoreError::Locked),
            State::Failed(e) => Err(e.clone()),
        }
    }

    fn set(&self, key: &str, text: &str) -> Result<(), StoreError> {
        if key != PLANS_KEY {
            return LocalStore.set(key, text);
        }
        let k = match &*self.inner.state.borrow() {
            State::Open { key, .. } => key.clone(),
            State::Opening(..) => return Err(StoreError::Unavailable("still reading".into())),
            State::Locked => return Err(StoreError::Locked),
            State::Failed(e) => return Err(e.clone()),
        };
        let n = self.inner.asked.get() + 1;
        if k.is_none() && text.len() <= COMPRESS_ABOVE_BYTES {
            // Plain and small: written at once, as it always was.
            LocalStore.set(PLANS_KEY, text)?;
            self.inner.asked.set(n);
            self.inner.written.set(n);
        } else {
            self.inner.asked.set(n);
            let inner = self.inner.clone();
            let owned = text.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                let result = write(&inner, n, &owned, k.as_ref()).await;
                finish(&inner, n, result);
            });
        }
        if let State::Open { text: t, .. } = &mut *self.inner.state.borrow_mut() {
            *t = Some(text.to_string());
        }
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        if key == PLANS_KEY {
            LocalStore.remove(key)?;
            let n = self.inner.asked.get() + 1;
            self.inner.asked.set(n);
            self.inner.written.set(n);
            if let State::Open { text, .. } = &mut *self.inner.state.borrow_mut() {
                *text = None;
            }
            return Ok(());
        }
        // A copy kept while the plans are rewritten (a migration's backup) goes only once
        // the rewrite is in storage.
        let key = key.to_string();
        self.on_written(move |r| {
            if r.is_ok() {
                let _ = LocalStore.remove(&key);
            }
        });
        Ok(())
    }

    fn raw(&self, key: &str) -> Result<Option<String>, StoreError> {
        LocalStore.get(key)
    }
}

/// Seals (when needed) and stores write number `n`, unless a newer write is already stored.
async fn write(inner: &Inner, n: u64, text: &str, key: Option<&Key>) -> Result<(), StoreError> {
    let stored = if key.is_none() && text.len() <= COMPRESS_ABOVE_BYTES {
        text.to_string()
    } else {
        let fail = |e: String| StoreError::WriteFailed(e);
        let packed = gzip(text.as_bytes(), true).await.map_err(fail)?;
        sealed::seal(&match key {
            None => Sealed::Gzip(packed),
            Some(k) => {
                let iv = staff_auth::random_bytes(IV_BYTES).map_err(fail)?;
                let data = aes(&k.key, &iv, &packed, true).await.map_err(fail)?;
                Sealed::Encrypted {
                    key: k.spec.clone(),
                    iv,
                    data,
                }
            }
        })
    };
    if n > inner.written.get() {
        LocalStore.set(PLANS_KEY, &stored)?;
        inner.written.set(n);
    }
    Ok(())
}

/// Reports write `n` to whoever waits for it (or for an earlier one).
fn finish(inner: &Inner, n: u64, result: Result<(), StoreError>) {
    let done: Vec<Waiter> = {
        let mut waiting = inner.waiting.borrow_mut();
        // A write stores everything asked for up to its number (an older one finishing
        // later is skipped): its outcome is theirs.
        let (now, later): (Vec<_>, Vec<_>) = waiting.drain(..).partition(|(w, _)| *w <= n);
        *waiting = later;
        now.into_iter().map(|(_, f)| f).collect()
    };
    for f in done {
        f(result.clone());
    }
}

/// The envelope text inside sealed bytes.
async fn unseal(s: &Sealed, key: Option<&Key>) -> Result<String, StoreError> {
    let packed = match (s, key) {
        (Sealed::Gzip(data), _) => data.clone(),
        (Sealed::Encrypted { iv, data, .. }, Some(k)) => aes(&k.key, iv, data, false)
            .await
            .map_err(|_| StoreError::Damaged("the plans could not be decrypted".into()))?,
        (Sealed::Encrypted { .. }, None) => return Err(StoreError::Locked),
    };
    let bytes = gzip(&packed, false)
        .await
        .map_err(|e| StoreError::Damaged(format!("sealed plans: {e}")))?;
    if bytes.len() > crate::state::plans::MAX_ENVELOPE_BYTES {
        return Err(StoreError::Damaged("sealed plans: too large".into()));
    }
    String::from_utf8(bytes).map_err(|e| StoreError::Damaged(format!("sealed plans: {e}")))
}

fn js(e: JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| format!("{}: {}", d.name(), d.message()))
        .unwrap_or_else(|| format!("{e:?}"))
}

// The Compression Streams API (in every current browser; web-sys has it only behind
// `web_sys_unstable_apis`), bound by hand: a constructor and two getters each.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> web_sys::WritableStream;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// gzip-compresses (`pack`) or decompresses bytes with the browser's streams.
async fn gzip(bytes: &[u8], pack: bool) -> Result<Vec<u8>, String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(js)?;
    let pair = if pack {
        let c = CompressionStream::new("gzip").map_err(js)?;
        web_sys::ReadableWritablePair::new(&c.readable(), &c.writable())
    } else {
        let d = DecompressionStream::new("gzip").map_err(js)?;
        web_sys::ReadableWritablePair::new(&d.readable(), &d.writable())
    };
    let out = blob.stream().pipe_through(&pair);
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&out)).map_err(js)?;
    let buf = JsFuture::from(response.array_buffer().map_err(js)?)
        .await
        .map_err(js)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// The AES-256-GCM key derived from the passcode (PBKDF2-SHA-256, not extractable).
async fn aes_key(passcode: &str, spec: &KeySpec) -> Result<web_sys::CryptoKey, String> {
    let subtle = staff_auth::subtle()?;
    let base = staff_auth::base_key(passcode, "deriveKey").await?;
    let params = web_sys::Pbkdf2Params::new(
        "PBKDF2",
        &JsValue::from_str("SHA-256"),
        spec.iterations,
        &js_sys::Uint8Array::from(&spec.salt[..]),
    );
    let kind = web_sys::AesDerivedKeyParams::new("AES-GCM", 256);
    let usages = js_sys::Array::of2(&"encrypt".into(), &"decrypt".into());
    JsFuture::from(
        subtle
            .derive_key_with_object_and_object(&params, &base, &kind, false, &usages)
            .map_err(js)?,
    )
    .await
    .map_err(js)?
    .dyn_into::<web_sys::CryptoKey>()
    .map_err(|_| "not a key".into())
}

/// AES-GCM encryption (`seal`) or decryption (which checks the tag: a wrong key or changed
/// data fails).
async fn aes(
    key: &web_sys::CryptoKey,
    iv: &[u8],
    data: &[u8],
    seal: bool,
) -> Result<Vec<u8>, String> {
    let subtle = staff_auth::subtle()?;
    let params = web_sys::AesGcmParams::new_with_u8_array("AES-GCM", &js_sys::Uint8Array::from(iv));
    let promise = if seal {
        subtle.encrypt_with_object_and_u8_array(&params, key, data)
    } else {
        subtle.decrypt_with_object_and_u8_array(&params, key, data)
    }
    .map_err(js)?;
    let buf = JsFuture::from(promise).await.map_err(js)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
