//! The few browser APIs the app uses, each behind a small function returning `Result`.

pub mod clock;
pub mod crash;
pub mod dom;
pub mod download;
pub mod durable;
pub mod files;
#[cfg(feature = "ziding")]
pub mod pasted;
pub mod perf;
pub mod print;
#[cfg(feature = "ziding")]
pub mod share;
pub mod site;
pub mod storage;

use wasm_bindgen::{JsCast, JsValue};

/// A short readable text of a JavaScript error value.
pub fn describe(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(e) => format!("{}: {}", String::from(e.name()), String::from(e.message())),
        None => error.as_string().unwrap_or_else(|| format!("{error:?}")),
    }
}
