//! The Excel worker's entry in the browser (`crates/kepu-xlsx/worker.js`
//! calls it off the page's main thread).

use wasm_bindgen::prelude::*;

use crate::export;

/// The workbook of a stored draft: `[file name, bytes]`; `what` is `form` or
/// `budget`, `today` an ISO date. A Chinese message when it cannot be made.
#[wasm_bindgen]
pub fn export_xlsx(slug: &str, what: &str, draft: &str, today: &str) -> Result<js_sys::Array, String> {
    let today = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").map_err(|_| format!("日期不对：{today}"))?;
    let (name, bytes) = export(slug, what, draft, today)?;
    Ok(js_sys::Array::of2(&name.into(), &js_sys::Uint8Array::from(bytes.as_slice())))
}
