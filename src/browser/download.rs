//! Handing the user a file: a Blob, an object URL and a clicked link.

use wasm_bindgen::{JsCast, JsValue};

/// MIME type of the CSV exports.
pub const CSV_MIME: &str = "text/csv;charset=utf-8";

/// Offers `bytes` as a download named `file_name`.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let document = window.document().ok_or_else(|| JsValue::from_str("no document"))?;
    // The URL is revoked when `url` drops, after the click has started the download.
    let url = gloo_file::ObjectUrl::from(gloo_file::Blob::new_with_options(bytes, Some(mime)));
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    Ok(())
}

/// A `blob:` URL of `text`, kept for the life of the page (the error screen's 下载草稿 link).
pub fn lasting_url(text: &str, mime: &str) -> String {
    let url = gloo_file::ObjectUrl::from(gloo_file::Blob::new_with_options(text, Some(mime)));
    let href = url.to_string();
    // Never revoked: the link must work after the program has stopped.
    std::mem::forget(url);
    href
}
