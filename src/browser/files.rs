//! Reading a file the user picked, and decoding text the way Excel and WPS save it.

use wasm_bindgen::JsCast;

/// The file just picked in the `<input type=file>` that fired `ev`; the input
/// is cleared so picking the same file again fires again.
pub fn take_picked(ev: &web_sys::Event) -> Option<web_sys::File> {
    // Not through take_all_picked: every form's bundle has this one (the backup's picker), the 汇总's alone that one.
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    Some(file)
}

/// Every file just picked in the `<input type=file multiple>` that fired `ev`, in order; the input is cleared.
pub fn take_all_picked(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return Vec::new();
    };
    let picked = input.files().map(|list| list_files(&list)).unwrap_or_default();
    input.set_value("");
    picked
}

/// The files dropped by a `drop` event.
pub fn dropped(ev: &web_sys::DragEvent) -> Vec<web_sys::File> {
    ev.data_transfer().and_then(|t| t.files()).map(|list| list_files(&list)).unwrap_or_default()
}

fn list_files(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
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
