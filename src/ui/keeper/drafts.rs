//! [`Drafts`]: every form's draft session, and the page-wide events that reach them.

use leptos::prelude::*;

use super::session::DraftSession;
use crate::browser::{clock, dom, storage};
use kepu_core::draft::Stored;
use kepu_core::drafts::DraftError;
use kepu_core::session::{self, Session};

/// Every form's draft session, given by context: how the page-wide events
/// reach each form, and how one page hands a draft to another.
#[derive(Clone, Copy)]
pub struct Drafts {
    pub(super) sessions: StoredValue<Vec<DraftSession>>,
    /// Whether the browser was asked to keep this site's data.
    pub(super) asked_to_persist: StoredValue<bool>,
}

impl Drafts {
    /// Listens for the page being hidden or closed (save everything now) and
    /// for other tabs' writes; call once, in the app.
    pub fn provide() -> Self {
        let all = Self { sessions: StoredValue::new(Vec::new()), asked_to_persist: StoredValue::new(false) };
        provide_context(all);
        super::exports::register(all);
        let on_pagehide = window_event_listener(leptos::ev::pagehide, move |_| {
            // Only a page that wrote everything may say it went away tidily.
            if all.save_all() {
                storage::page_closed();
            }
        });
        let on_visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if dom::page_hidden() {
                all.save_all();
            }
        });
        let on_storage = window_event_listener(leptos::ev::storage, move |ev| {
            let key = ev.key();
            for draft in all.sessions.get_value() {
                if draft.run(|s| s.stored_elsewhere(key.as_deref())) == Some(true) {
                    draft.listing.update(|n| *n += 1);
                }
            }
        });
        // 已保存 once the durable copy has the write.
        storage::on_written(move |key, result, more| {
            for draft in all.sessions.try_get_value().unwrap_or_default() {
                draft.run(|s| s.written(key, result.clone(), more));
            }
        });
        on_cleanup(move || {
            on_pagehide.remove();
            on_visibility.remove();
            on_storage.remove();
        });
        all
    }

    /// Adds a form's session, until its owner is cleaned up.
    pub(super) fn register(self, draft: DraftSession) {
        self.sessions.update_value(|list| list.push(draft));
        on_cleanup(move || {
            self.sessions.try_update_value(|list| list.retain(|d| !d.is(draft)));
        });
    }

    /// Writes every form's unsaved text now, so a backup holds the last keystroke;
    /// false when some text could not be written and is on screen only.
    pub fn save_all(self) -> bool {
        // Every draft is written, whichever failed before it.
        self.sessions.try_get_value().unwrap_or_default().into_iter().filter(|draft| !draft.save_now()).count() == 0
    }

    /// Stops every form from writing: stored drafts are being replaced and the page reloads.
    pub fn suspend_all(self) {
        for draft in self.sessions.get_value() {
            draft.stop_timer();
            draft.run(Session::suspend);
        }
    }

    /// Lets every form write again: a restore failed part way.
    pub fn resume_all(self) {
        for draft in self.sessions.get_value() {
            draft.run(Session::resume);
        }
    }

    /// Stores `form` as a new draft of form `T` and shows it on that form's page.
    pub fn hand_over<T: Stored>(self, form: T) -> Result<(), DraftError> {
        match self.sessions.get_value().into_iter().find(|d| d.slug() == T::SLUG) {
            // Through the open session: it saves its own draft first, and its
            // not yet stored id can never be given to the new draft as well.
            // The form goes over as stored text, read back by that session's
            // own kind: this page then carries nothing of that form's page.
            Some(draft) => {
                let text = kepu_core::draft::encode(&form, "", "")?;
                let read = draft
                    .session
                    .with_value(|s| (s.kind().read)(&text))
                    .ok_or(DraftError::NoReader)?
                    .map_err(DraftError::Unread)?;
                draft.create_doc(read.doc).then_some(()).ok_or(DraftError::NotPutAway)
            }
            // That page is not open: it opens the new draft, its last, when it is.
            None => session::hand_over(&storage::LocalStore, &form, clock::now()).map(|_| ()),
        }
    }
}
