//! A paste's HTML read into a grid by the browser's own parser (`pasted.js`).

use wasm_bindgen::prelude::*;

use kepu_core::forms::ziding::pasted::Grid;

#[wasm_bindgen(module = "/src/browser/pasted.js")]
extern "C" {
    #[wasm_bindgen(js_name = gridJson, catch)]
    fn grid_json(html: &str) -> Result<Option<String>, JsValue>;
}

/// The grid of the largest table in `html`; `None` when it holds no table.
pub fn grid_of(html: &str) -> Result<Option<Grid>, String> {
    let Some(json) = grid_json(html).map_err(|e| super::describe(&e))? else {
        return Ok(None);
    };
    serde_json::from_str(&json).map(Some).map_err(|e| e.to_string())
}
