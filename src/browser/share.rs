//! A shared table's text packed into a link's fragment by the browser's own compressor (`share.js`).

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/browser/share.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn pack(text: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch)]
    fn unpack(packed: &str) -> Result<js_sys::Promise, JsValue>;
}

async fn text_of(promise: Result<js_sys::Promise, JsValue>) -> Result<String, String> {
    let value = JsFuture::from(promise.map_err(|e| super::describe(&e))?).await.map_err(|e| super::describe(&e))?;
    value.as_string().ok_or_else(|| "not text".to_owned())
}

/// `text` deflated and written as base64url.
pub async fn packed(text: &str) -> Result<String, String> {
    text_of(pack(text)).await
}

/// The text `packed` holds; an error for anything [`packed`] did not make.
pub async fn unpacked(packed: &str) -> Result<String, String> {
    text_of(unpack(packed)).await
}
