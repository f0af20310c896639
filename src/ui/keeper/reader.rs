//! The reader of stored drafts, a part loaded on use (`ui::later`): a first
//! visit with nothing stored does without it. The app waits for it before the
//! first page opens when drafts are stored, and the 草稿 list waits for it;
//! a read before it is there is answered `None` ([`kepu_core::draft::Reader`]),
//! which the draft code never takes for a broken or an empty draft.

use crate::browser::storage;
use crate::ui::later::at_once;
use kepu_core::draft::{DraftStore, ReadDoc, Unread};
use kepu_core::form::Registered;

crate::load_on_use!(reader, preload fetch_reader: fn read_part(slug: &'static str, raw: String) -> Option<Result<ReadDoc, Unread>> {
    crate::ui::read_of(slug, &raw)
});

/// Reads stored text as form `T` if the reader is there; `None` otherwise (it is then fetched).
pub fn read_later<T: Registered>(raw: &str) -> Option<Result<ReadDoc, Unread>> {
    at_once(read_part(T::SLUG, raw.to_owned()))?.ok()?
}

/// Fetches the reader; `Err` when it could not be.
pub async fn reader_ready() -> Result<(), crate::ui::later::Unloaded> {
    fetch_reader().await.map_err(|_| crate::ui::later::Unloaded)
}

/// Fetches the reader when a form of this bundle has a stored draft to open, so
/// its page opens it; where the reader cannot be fetched the page opens a new
/// draft beside it and says so ([`kepu_core::session::Notice::NoReader`]).
pub async fn before_first_page() {
    let keys = storage::LocalStore.keys().unwrap_or_default();
    let stored =
        crate::ui::FORMS.iter().filter(|f| f.built.is_some()).any(|f| kepu_core::drafts::any_stored(f.slug, &keys));
    if stored {
        let _ = reader_ready().await;
    }
}
