//! The browser's print dialog.

use wasm_bindgen::JsValue;

/// Opens the print dialog; the print stylesheet does the layout.
pub fn print() -> Result<(), JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?.print()
}
