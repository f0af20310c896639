//! Reading a file the user picked, and decoding text the way Excel and WPS save it.

use wasm_bindgen::JsCast;

/// The file just picked in the `<input type=file>` that fired `ev`; the input
/// is cleared so picking the same file again fires again.
pub fn take_picked(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    Some(file)
}

/// The bytes of `file`, or why the browser could not read it.
pub async fn read_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    let buffer =
        wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|e| crate::browser::describe(&e))?;
    let buffer: js_sys::ArrayBuffer = buffer.dyn_into().map_err(|e| crate::browser::describe(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Decodes GB18030 (what Chinese Excel and WPS save "CSV" as) with the
/// browser's own decoder, so no encoding tables ship in the page; `None` for invalid bytes.
pub fn decode_gb18030(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}
