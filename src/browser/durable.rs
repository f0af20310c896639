//! The drafts' durable copy in IndexedDB (`durable.js`): every write to the
//! draft store is also written there in a transaction that completes only
//! once it is on disk, and the draft session shows 已保存 only then. At start,
//! [`restore`] puts back into localStorage what a killed browser took from it
//! (the rule is `durableRestore`'s, in `durable.js`).

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use kepu_core::draft::{KEY_PREFIX, StoreError};

#[wasm_bindgen(module = "/src/browser/durable.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = durableRestore)]
    fn restore_from(prefix: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = durablePut)]
    fn put(key: &str, text: Option<String>) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = durableSettled)]
    fn settle() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = durableClosed)]
    fn closed() -> Result<(), JsValue>;
}

/// The page goes away tidily with every draft written to localStorage: the next start trusts it.
pub fn page_closed() {
    if available() {
        let _ = closed();
    }
}

/// What is told when a write reached the disk or failed: the key, how, and whether later writes of it are on their way.
type Written = Box<dyn Fn(&str, Result<(), StoreError>, bool)>;

thread_local! {
    static AVAILABLE: Cell<bool> = const { Cell::new(false) };
    static WRITTEN: RefCell<Option<Written>> = const { RefCell::new(None) };
}

/// Whether writes go to IndexedDB too (it opened at start).
pub fn available() -> bool {
    AVAILABLE.with(Cell::get)
}

/// Calls `written` whenever a write reached the disk or failed.
pub fn on_written(written: impl Fn(&str, Result<(), StoreError>, bool) + 'static) {
    WRITTEN.with(|w| *w.borrow_mut() = Some(Box::new(written)));
}

async fn done(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

/// Writes `text` under `key` (removes it when `None`) to the durable copy, telling [`on_written`] when done.
pub fn write(key: &str, text: Option<&str>) {
    if !available() {
        return;
    }
    let promise = put(key, text.map(str::to_owned));
    let key = key.to_owned();
    wasm_bindgen_futures::spawn_local(async move {
        let (result, more) = match done(promise).await {
            Ok(more) => (Ok(()), more.is_truthy()),
            Err(e) => (Err(super::storage::classify(e)), false),
        };
        WRITTEN.with(|w| {
            if let Some(written) = w.borrow().as_ref() {
                written(&key, result, more);
            }
        });
    });
}

/// Opens the durable copy and restores localStorage from it (see `durableRestore`);
/// false without IndexedDB: drafts are then kept in localStorage only.
pub async fn restore() -> bool {
    let ok = done(restore_from(KEY_PREFIX)).await.is_ok();
    AVAILABLE.with(|a| a.set(ok));
    ok
}

/// Resolves once every write made so far has reached the disk or failed: before a reload.
pub async fn settled() {
    let _ = done(settle()).await;
}
