//! What the user sees if the program itself fails: a Chinese message and the
//! drafts as a file, built at once, because the Rust side stops right after.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::{clock, storage::LocalStore};
use kepu_core::backup;

/// Element id of the error screen.
pub const SCREEN_ID: &str = "crash-screen";

/// Shows the error screen once the program has stopped.
///
/// A panic ends in a trap of the module (release bundles panic with
/// `immediate-abort`, which runs no hook: README, Stack notes), and the browser
/// reports a trap as an uncaught `WebAssembly.RuntimeError` on the window, from
/// an event handler as an `error` event, from a task as a rejected promise. So
/// the screen is built then, by calling into the module again: what it reads,
/// localStorage and the clock, holds no state the stopped code could have left
/// half-changed. Development builds also log the panic's message first.
pub fn install_crash_screen() {
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(console_error_panic_hook::hook));
    let Some(window) = web_sys::window() else { return };
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        let error = match event.dyn_ref::<web_sys::ErrorEvent>() {
            Some(e) => e.error(),
            None => event.dyn_ref::<web_sys::PromiseRejectionEvent>().map(|e| e.reason()).unwrap_or_default(),
        };
        if error.is_instance_of::<js_sys::WebAssembly::RuntimeError>() {
            let _ = show();
        }
    });
    for name in ["error", "unhandledrejection"] {
        let _ = window.add_event_listener_with_callback(name, on_error.as_ref().unchecked_ref());
    }
    on_error.forget();
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
