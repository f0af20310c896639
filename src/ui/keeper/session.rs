//! [`DraftSession`]: one form's open draft as signals over its [`Session`].

use std::time::Duration;

use leptos::prelude::*;

use super::drafts::Drafts;
use super::view::StorageNotice;
use crate::browser::{clock, download, perf, storage};
use crate::ui::later::Unloaded;
use kepu_core::draft::{Doc, Kind};
use kepu_core::drafts::{DraftError, Summary};
use kepu_core::form::Export;
use kepu_core::session::{Notice, Session, State};

/// The open draft of one form, as signals over its [`Session`]. Copy, so event handlers hold it freely.
#[derive(Clone, Copy)]
pub struct DraftSession {
    pub(super) session: StoredValue<Session, LocalStorage>,
    /// Notified on every change of the form, so typed views re-read it.
    pub(super) changed: Trigger,
    /// Where the draft stands, for the save indicator.
    pub state: RwSignal<State>,
    /// What the user must be told above the form.
    pub notice: RwSignal<Option<StorageNotice>>,
    /// The open draft's id.
    pub id: RwSignal<String>,
    /// The open draft's own name; empty for the title made from its content.
    pub name: RwSignal<String>,
    /// Changes whenever this form's stored drafts may have changed, so a shown list re-reads them.
    pub listing: RwSignal<u32>,
    /// Changes whenever the form is replaced as a whole (another draft, another tab's save),
    /// so views that show typed text without following every keystroke render afresh.
    pub generation: RwSignal<u32>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// The session's notice last shown, so a page's own notice is not overwritten by an old one.
    shown_notice: StoredValue<Option<Notice>>,
    /// What the page's parts do when another draft is shown: forget messages and undo.
    switched: StoredValue<Vec<Callback<()>>>,
    /// Every form's sessions, when the app runs (not in a component test).
    all: Option<Drafts>,
}

/// What an operation changed in the session, to show.
struct Changes {
    state: Option<State>,
    name: Option<String>,
    id: Option<String>,
    notice: Option<Option<Notice>>,
    generation: u32,
    /// Another draft is shown.
    switched: bool,
}

fn to_duration(wait: chrono::TimeDelta) -> Duration {
    wait.to_std().unwrap_or_default()
}

impl DraftSession {
    /// Opens the draft of `kind` that the user had open last.
    pub fn open(kind: Kind) -> Self {
        let session = Session::open(kind, Box::new(storage::LocalStore), Box::new(clock::BrowserClock));
        let all = use_context::<Drafts>();
        let draft = Self {
            all,
            state: RwSignal::new(session.state().clone()),
            notice: RwSignal::new(session.notice().map(StorageNotice::of)),
            id: RwSignal::new(session.id().to_owned()),
            name: RwSignal::new(session.name().to_owned()),
            generation: RwSignal::new(session.generation()),
            shown_notice: StoredValue::new(session.notice().cloned()),
            session: StoredValue::new_local(session),
            changed: Trigger::new(),
            listing: RwSignal::new(0),
            timer: StoredValue::new(None),
            switched: StoredValue::new(Vec::new()),
        };
        if let Some(all) = all {
            all.register(draft);
        }
        draft
    }

    /// Whether `other` is this very session (two of one form are two sessions).
    pub(super) fn is(self, other: DraftSession) -> bool {
        self.session == other.session
    }

    /// The form's key part.
    pub fn slug(self) -> &'static str {
        self.session.try_with_value(|s| s.kind().slug).unwrap_or_default()
    }

    /// Runs `change` on the session and shows what it changed; `None` once the page is gone
    /// (a timer may still fire while the app is torn down).
    pub(super) fn run<R>(self, change: impl FnOnce(&mut Session) -> R) -> Option<R> {
        let before = self.session.try_with_value(|s| (s.generation(), s.id().to_owned()))?;
        let out = self.session.try_update_value(change)?;
        self.sync(before);
        Some(out)
    }

    fn sync(self, (generation, id): (u32, String)) {
        // Called on every keystroke: compare in place, clone only what changed.
        let Some(changes) = self.session.try_with_value(|s| {
            let state = s.state();
            // Each keystroke moves `Waiting`'s time; what the indicator shows does not change.
            let state_changed = !self.state.with_untracked(|shown| {
                shown == state || matches!((shown, state), (State::Waiting { .. }, State::Waiting { .. }))
            });
            Changes {
                state: state_changed.then(|| state.clone()),
                name: self.name.with_untracked(|n| n != s.name()).then(|| s.name().to_owned()),
                id: self.id.with_untracked(|i| i != s.id()).then(|| s.id().to_owned()),
                notice: self.shown_notice.with_value(|n| n.as_ref() != s.notice()).then(|| s.notice().cloned()),
                generation: s.generation(),
                switched: s.id() != id,
            }
        }) else {
            return;
        };
        if let Some(state) = changes.state {
            if matches!(state, State::Saved { .. })
                && let Some(all) = self.all
                && !all.asked_to_persist.get_value()
            {
                // Once a draft exists, and once per page: the answer changes nothing here.
                all.asked_to_persist.set_value(true);
                storage::ask_to_persist();
            }
            if matches!(state, State::Saved { .. } | State::Followed { .. }) {
                self.listing.update(|n| *n += 1);
            }
            self.state.set(state);
        }
        if let Some(name) = changes.name {
            self.name.set(name);
            self.listing.update(|n| *n += 1);
        }
        if let Some(id) = changes.id {
            self.id.set(id);
        }
        if let Some(notice) = changes.notice {
            self.notice.set(notice.as_ref().map(StorageNotice::of));
            self.shown_notice.set_value(notice);
        }
        if changes.generation != generation {
            self.generation.set(changes.generation);
            self.changed.notify();
            if changes.switched {
                for switched in self.switched.get_value() {
                    switched.run(());
                }
            }
        }
    }

    /// Adds what a part of the page does when another draft is shown.
    pub fn on_switched(self, switched: Callback<()>) {
        self.switched.update_value(|all| all.push(switched));
    }

    /// The page changed the form: the autosave is armed for the next pause.
    pub(super) fn touched(self) {
        self.run(Session::touched);
        self.changed.notify();
        // One timer per pause, not one per keystroke: when it fires early it waits out the rest.
        if self.timer.with_value(Option::is_none)
            && let Some(Some(wait)) = self.session.try_with_value(Session::wait)
        {
            self.arm(wait);
        }
    }

    fn arm(self, wait: chrono::TimeDelta) {
        let fire = move || {
            self.timer.set_value(None);
            // Timed only when the tick saved (it returns no further wait), not when it waits on.
            let again =
                perf::measure_if("kepu-forms:autosave", || self.run(Session::tick), |r| matches!(r, Some(None)));
            if let Some(Some(rest)) = again {
                self.arm(rest);
            }
        };
        self.timer.set_value(set_timeout_with_handle(fire, to_duration(wait)).ok());
    }

    pub(super) fn stop_timer(self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        self.timer.set_value(None);
    }

    /// Writes the draft now if anything is unsaved; false when it could not be written.
    pub fn save_now(self) -> bool {
        self.stop_timer();
        self.run(Session::save_now).unwrap_or(false)
    }

    /// Keeps this page's text as a new draft: the way out when another tab changed the open one.
    pub fn fork(self) {
        self.run(Session::fork);
    }

    /// The user read the notice.
    pub fn dismiss(self) {
        self.session.update_value(Session::dismiss);
        self.shown_notice.set_value(None);
        self.notice.set(None);
    }

    /// Opens stored draft `id`, after saving the open one; false when that failed.
    pub fn open_draft(self, id: &str) -> bool {
        self.stop_timer();
        self.run(|s| s.switch_to(id)).unwrap_or(false)
    }

    /// Starts a new draft of `doc`, stored at once; false when the open one could not be saved first.
    pub(super) fn create_doc(self, doc: Box<dyn Doc>) -> bool {
        self.stop_timer();
        self.run(|s| s.create(doc)).unwrap_or(false)
    }

    /// 新建: a new draft with the open one's settings kept.
    pub fn create_fresh(self) -> bool {
        self.stop_timer();
        self.run(Session::create_fresh).unwrap_or(false)
    }

    /// The open draft's title, as the list shows it.
    pub fn title(self) -> Signal<String> {
        Signal::derive(move || {
            self.changed.track();
            self.name.track();
            self.session.try_with_value(Session::title).unwrap_or_default()
        })
    }

    /// Every draft of this form, the open one first.
    pub fn summaries(self) -> Result<Vec<Summary>, DraftError> {
        self.session.try_with_value(Session::summaries).unwrap_or(Err(DraftError::Closed))
    }

    /// Names draft `id`.
    pub fn rename(self, id: &str, name: &str) -> Result<(), DraftError> {
        let out = self.run(|s| s.rename(id, name)).unwrap_or(Err(DraftError::Closed));
        self.listing.update(|n| *n += 1);
        out
    }

    /// Copies draft `id`; the copy's id.
    pub fn duplicate(self, id: &str) -> Result<String, DraftError> {
        let out = self.run(|s| s.duplicate(id)).unwrap_or(Err(DraftError::Closed));
        self.listing.update(|n| *n += 1);
        out
    }

    /// Deletes draft `id`, handing back its stored text for 撤销.
    pub fn delete(self, id: &str) -> Result<Option<String>, DraftError> {
        self.stop_timer();
        let out = self.run(|s| s.delete(id)).unwrap_or(Err(DraftError::Closed));
        self.listing.update(|n| *n += 1);
        out
    }

    /// Puts a deleted draft back; it opens again when `reopen`.
    pub fn undelete(self, id: &str, raw: &str, reopen: bool) -> Result<(), DraftError> {
        let out = self.run(|s| s.undelete(id, raw, reopen)).unwrap_or(Err(DraftError::Closed));
        self.listing.update(|n| *n += 1);
        out
    }

    /// What the open form exports from its toolbar.
    pub fn exports(self) -> &'static [Export] {
        self.session.try_with_value(|s| s.doc().exports()).unwrap_or_default()
    }

    /// Downloads the CSV of export `export` (an index into [`Self::exports`]) of the form as on screen.
    pub fn export_csv(self, export: usize) {
        leptos::task::spawn_local(async move {
            match csv_file(self, export).await {
                Ok(Some((name, bytes))) => {
                    // Timed apart from making the file (in the part): the browser starting the download.
                    perf::measure("kepu-forms:csv-download", || self.download(&name, download::CSV_MIME, &bytes));
                }
                Ok(None) => {}
                Err(Unloaded) => {
                    let text =
                        crate::ui::later::unloaded_message(self.exports().get(export).map_or("导出CSV", |e| e.csv));
                    self.notice.set(Some(StorageNotice::text(text)));
                }
            }
        });
    }

    /// `read` of the open form, re-run when the form changes; `None` once the page is gone.
    pub fn with_doc<R>(self, read: impl FnOnce(&dyn Doc) -> R) -> Option<R> {
        self.changed.track();
        self.session.try_with_value(|s| read(s.doc()))
    }

    /// Offers `bytes` as a download; a refusal is shown above the form.
    pub fn download(self, file_name: &str, mime: &str, bytes: &[u8]) {
        if let Err(e) = download::download(file_name, mime, bytes) {
            let text = format!("未能下载“{file_name}”：{}", crate::browser::describe(&e));
            self.notice.set(Some(StorageNotice::text(text)));
        }
    }

    /// Tells the user `text` above the form.
    pub fn tell(self, text: impl Into<String>) {
        self.notice.set(Some(StorageNotice::text(text)));
    }
}

// The forms' CSV writers, loaded on the first export (ui::later).
crate::load_on_use!(export: fn csv_file(draft: DraftSession, export: usize) -> Option<(String, Vec<u8>)> {
    perf::measure("kepu-forms:csv-export", || {
        draft.session.try_with_value(|s| crate::ui::csv_of(s.doc(), export, clock::now().date())).flatten()
    })
});
