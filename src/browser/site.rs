//! The site itself: whether it can be reached, and loading it again.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Whether the site's own page answers now (not from a cache): before a
/// reload that would otherwise leave the user on the browser's offline page.
pub async fn reachable() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let init = web_sys::RequestInit::new();
    init.set_method("HEAD");
    init.set_cache(web_sys::RequestCache::NoStore);
    let Ok(response) = JsFuture::from(window.fetch_with_str_and_init("./", &init)).await else { return false };
    response.dyn_into::<web_sys::Response>().is_ok_and(|r| r.ok())
}

/// Loads the page again (the URL's form then comes with its own bundle).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
