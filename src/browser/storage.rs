//! [`DraftStore`] over the browser's localStorage, each write also made durable
//! in IndexedDB ([`super::durable`]).

use wasm_bindgen::{JsCast, JsValue};

use crate::browser::describe;
use kepu_core::draft::{DraftStore, StoreError};

/// localStorage, reached afresh on each call so a revoked permission shows as an error, not a panic.
#[derive(Debug, Default, Clone, Copy)]
pub struct LocalStore;

fn storage() -> Result<web_sys::Storage, StoreError> {
    let window = web_sys::window().ok_or_else(|| StoreError::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(StoreError::Unavailable("localStorage 不存在".into())),
        Err(e) => Err(StoreError::Unavailable(describe(&e))),
    }
}

/// A storage error as the store reports it: a full disk, or what the browser said.
pub fn classify(error: JsValue) -> StoreError {
    let is_quota =
        error.dyn_ref::<web_sys::DomException>().is_some_and(|e| e.name() == "QuotaExceededError" || e.code() == 22);
    if is_quota { StoreError::QuotaExceeded } else { StoreError::Other(describe(&error)) }
}

impl DraftStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        storage()?.get_item(key).map_err(classify)
    }

    // The durable copy is asked first: it marks localStorage as in use before this write.
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let local = storage()?;
        super::durable::write(key, Some(value));
        local.set_item(key, value).map_err(classify)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        let local = storage()?;
        super::durable::write(key, None);
        local.remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = storage()?;
        let count = storage.length().map_err(classify)?;
        (0..count).map(|i| storage.key(i).map(Option::unwrap_or_default).map_err(classify)).collect()
    }

    fn completes_later(&self) -> bool {
        super::durable::available()
    }
}

pub use super::durable::{on_written, page_closed, settled};

/// Before the app starts: what a crash took from localStorage comes back from the
/// durable copy; false when there is none (saving is then less safe).
pub async fn restore() -> bool {
    storage().is_ok() && super::durable::restore().await
}

/// Drafts are kept, but only in localStorage: a crash may take the last seconds typed.
pub fn less_safe() -> bool {
    storage().is_ok() && !super::durable::available()
}

/// Asks the browser to keep this site's data when disk space runs low
/// (`navigator.storage.persist()`).
pub fn ask_to_persist() {
    if let Ok(manager) = storage_manager() {
        // The answer changes nothing here: drafts are kept either way, this only makes eviction less likely.
        let _ = manager.persist();
    }
}

fn storage_manager() -> Result<web_sys::StorageManager, String> {
    let window = web_sys::window().ok_or("no window")?;
    let manager: JsValue = window.navigator().storage().into();
    // Missing outside secure contexts (plain http on a LAN address).
    if manager.is_undefined() { Err("navigator.storage 不可用".into()) } else { Ok(manager.unchecked_into()) }
}

async fn ask(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, String> {
    wasm_bindgen_futures::JsFuture::from(promise.map_err(|e| describe(&e))?).await.map_err(|e| describe(&e))
}

/// This site's storage use and quota in bytes, as the browser estimates them (`navigator.storage.estimate`).
pub async fn estimate() -> Result<(u64, u64), String> {
    let estimate: web_sys::StorageEstimate = ask(storage_manager()?.estimate()).await?.unchecked_into();
    Ok((estimate.get_usage().unwrap_or(0.0) as u64, estimate.get_quota().unwrap_or(0.0) as u64))
}

/// Whether the browser promised to keep this site's data when disk space runs low.
pub async fn persisted() -> Result<bool, String> {
    Ok(ask(storage_manager()?.persisted()).await?.is_truthy())
}
