//! What JavaScript calls in the app (offline.js, excel.js): the one way in
//! from outside it, through the one thread-local of the app.

use leptos::prelude::*;

use super::drafts::Drafts;
use crate::browser::clock;

thread_local! {
    /// The app's drafts, for [`save_drafts`]: the one way in from outside the app.
    static OPEN: std::cell::Cell<Option<Drafts>> = const { std::cell::Cell::new(None) };
}

/// Makes `all` the drafts JavaScript reaches; called once, by [`Drafts::provide`].
pub(super) fn register(all: Drafts) {
    OPEN.with(|open| open.set(Some(all)));
}

/// Writes every open draft now; false when some text could not be written and
/// is on screen only. For the service worker's page side (offline/page.js),
/// before it reloads the page into a new build.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn save_drafts() -> bool {
    OPEN.with(std::cell::Cell::get).is_none_or(Drafts::save_all)
}

/// The open draft of form `slug` as stored text, as on screen now (saved or
/// not): what 导出Excel (excel.js) hands the Excel worker.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn open_draft(slug: &str) -> Option<String> {
    let drafts = OPEN.with(std::cell::Cell::get)?;
    let draft = drafts.sessions.try_get_value()?.into_iter().find(|d| d.slug() == slug)?;
    let stamp = kepu_core::rules::dates::stamp(clock::now());
    draft.session.try_with_value(|s| s.doc().envelope(s.name(), &stamp).ok())?
}
