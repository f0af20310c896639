//! The built site as its page declares it (`<script id="site">`, written by
//! scripts/pages.mjs): whether a form's files can be had now, before the page
//! reloads into them.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The files of form `slug` beyond the page, as the built page declares them; none on the development page.
fn files_of(slug: &str) -> Vec<String> {
    let declared = || -> Option<JsValue> {
        let text = web_sys::window()?.document()?.get_element_by_id(crate::contract::SITE_SCRIPT_ID)?.text_content()?;
        let site = js_sys::JSON::parse(&text).ok()?;
        let forms = js_sys::Reflect::get(&site, &"forms".into()).ok()?;
        js_sys::Reflect::get(&forms, &slug.into()).ok().filter(JsValue::is_object)
    };
    let Some(bundle) = declared() else { return Vec::new() };
    ["js", "wasm"].iter().filter_map(|part| js_sys::Reflect::get(&bundle, &(*part).into()).ok()?.as_string()).collect()
}

/// Whether `path` answers now: from the service worker when it keeps the
/// file, else from the site (never from the browser's HTTP cache).
async fn answers(path: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let init = web_sys::RequestInit::new();
    init.set_method("HEAD");
    init.set_cache(web_sys::RequestCache::NoStore);
    let Ok(response) = JsFuture::from(window.fetch_with_str_and_init(path, &init)).await else { return false };
    response.dyn_into::<web_sys::Response>().is_ok_and(|r| r.ok())
}

/// Whether form `slug`'s files can be had now, so a reload into it does not
/// leave the user on an error page (offline before they were kept, say).
pub async fn can_open(slug: &str) -> bool {
    let files = files_of(slug);
    if files.is_empty() {
        return answers("./").await;
    }
    for file in files {
        if !answers(&file).await {
            return false;
        }
    }
    true
}

/// Whether the browser says it has no network at all (`navigator.onLine`).
pub fn offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Loads the page again (the URL's form then comes with its own bundle).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
