//! What the user sees if the program itself fails: a Chinese message and the
//! drafts as a file, built at once, because the Rust side stops right after.

use wasm_bindgen::{JsCast, JsValue};

use crate::browser::{clock, storage::LocalStore};
use kepu_core::backup;

/// Element id of the error screen.
pub const SCREEN_ID: &str = "crash-screen";

/// Logs every panic to the console and shows the error screen.
pub fn install_panic_screen() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let _ = show();
    }));
}

/// Puts the error screen on the page, with a 下载草稿 link that needs no Rust
/// to work: the drafts are already in a Blob when the link appears.
pub fn show() -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsValue::from_str("no document"))?;
    if document.get_element_by_id(SCREEN_ID).is_some() {
        return Ok(());
    }
    let now = kepu_core::rules::dates::stamp(clock::now());
    let json = backup::make(&LocalStore, &now).map(|b| backup::to_json(&b)).unwrap_or_default();
    let url = crate::browser::download::lasting_url(&json, "application/json");

    let screen = document.create_element("div")?;
    screen.set_id(SCREEN_ID);
    screen.set_attribute("role", "alertdialog")?;
    screen.set_attribute("aria-labelledby", "crash-title")?;
    screen.set_attribute("aria-describedby", "crash-text")?;
    screen.set_inner_html(
        "<div class=\"crash-box\"><h2 id=\"crash-title\">页面出错了</h2>\
         <p id=\"crash-text\">科普表单遇到程序错误，无法继续编辑。最后一次自动保存的草稿仍在本浏览器中，不会丢失。\
         请先点击“下载草稿”保存一份到电脑，再重新载入页面。</p>\
         <p><a id=\"crash-download\" class=\"crash-button\">下载草稿</a> \
         <a id=\"crash-reload\" class=\"crash-button\" href=\"\">重新载入页面</a></p></div>",
    );
    document.body().ok_or_else(|| JsValue::from_str("no body"))?.append_child(&screen)?;
    let link: web_sys::HtmlAnchorElement =
        document.get_element_by_id("crash-download").ok_or_else(|| JsValue::from_str("no link"))?.dyn_into()?;
    link.set_href(&url);
    link.set_download(&backup::file_name(&now));
    link.focus()?;
    Ok(())
}
