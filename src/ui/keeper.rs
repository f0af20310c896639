//! The Leptos side of the draft session: [`DraftSession`] runs
//! [`kepu_core::session::Session`] (the one state machine, compiled once) over
//! localStorage and the browser clock, arms the autosave timer and turns the
//! session's state into signals; [`Keeper`] is a page's typed view of it.
//! [`Drafts`], given by context, holds every form's session so the page-wide
//! events (page hidden, another tab's write, a backup) reach each of them.

use std::marker::PhantomData;
use std::time::Duration;

use leptos::prelude::*;

use crate::browser::{clock, dom, download, perf, storage};
use kepu_core::draft::{Kind, Stored};
use kepu_core::drafts::Summary;
use kepu_core::session::{self, Notice, Session, State};

/// Something the user must be told above the form: about the stored draft, or a download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageNotice {
    /// The message.
    pub text: String,
    /// Unreadable raw data the user can download, if any.
    pub raw: Option<String>,
    /// Offer 另存为新草稿: the stored draft changed elsewhere while this page had unsaved text.
    pub fork: bool,
}

impl StorageNotice {
    /// A notice that is only a message.
    pub fn text(text: impl Into<String>) -> Self {
        Self { text: text.into(), raw: None, fork: false }
    }

    fn of(notice: &Notice) -> Self {
        Self { text: notice.text(), raw: notice.raw().map(str::to_owned), fork: notice.offers_fork() }
    }
}

/// The open draft of one form, as signals over its [`Session`]. Copy, so event handlers hold it freely.
#[derive(Clone, Copy)]
pub struct DraftSession {
    session: StoredValue<Session, LocalStorage>,
    /// Notified on every change of the form, so typed views re-read it.
    changed: Trigger,
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

/// What a draft operation says once the page is gone.
const GONE: &str = "页面已关闭";

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
            all.sessions.update_value(|list| list.push(draft));
        }
        draft
    }

    /// The form's key part.
    pub fn slug(self) -> &'static str {
        self.session.try_with_value(|s| s.kind().slug).unwrap_or_default()
    }

    /// Runs `change` on the session and shows what it changed; `None` once the page is gone
    /// (a timer may still fire while the app is torn down).
    fn run<R>(self, change: impl FnOnce(&mut Session) -> R) -> Option<R> {
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
    fn touched(self) {
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

    fn stop_timer(self) {
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
    fn create_doc(self, doc: Box<dyn kepu_core::draft::Doc>) -> bool {
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
    pub fn summaries(self) -> Result<Vec<Summary>, String> {
        self.session.try_with_value(Session::summaries).unwrap_or_else(|| Err(GONE.into()))
    }

    /// Names draft `id`.
    pub fn rename(self, id: &str, name: &str) -> Result<(), String> {
        let out = self.run(|s| s.rename(id, name)).unwrap_or_else(|| Err(GONE.into()));
        self.listing.update(|n| *n += 1);
        out
    }

    /// Copies draft `id`; the copy's id.
    pub fn duplicate(self, id: &str) -> Result<String, String> {
        let out = self.run(|s| s.duplicate(id)).unwrap_or_else(|| Err(GONE.into()));
        self.listing.update(|n| *n += 1);
        out
    }

    /// Deletes draft `id`, handing back its stored text for 撤销.
    pub fn delete(self, id: &str) -> Result<Option<String>, String> {
        self.stop_timer();
        let out = self.run(|s| s.delete(id)).unwrap_or_else(|| Err(GONE.into()));
        self.listing.update(|n| *n += 1);
        out
    }

    /// Puts a deleted draft back; it opens again when `reopen`.
    pub fn undelete(self, id: &str, raw: &str, reopen: bool) -> Result<(), String> {
        let out = self.run(|s| s.undelete(id, raw, reopen)).unwrap_or_else(|| Err(GONE.into()));
        self.listing.update(|n| *n += 1);
        out
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

thread_local! {
    /// The app's drafts, for [`save_drafts`]: the one way in from outside the app.
    static OPEN: std::cell::Cell<Option<Drafts>> = const { std::cell::Cell::new(None) };
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

/// Every form's draft session, given by context: how the page-wide events
/// reach each form, and how one page hands a draft to another.
#[derive(Clone, Copy)]
pub struct Drafts {
    sessions: StoredValue<Vec<DraftSession>>,
    /// Whether the browser was asked to keep this site's data.
    asked_to_persist: StoredValue<bool>,
}

impl Drafts {
    /// Listens for the page being hidden or closed (save everything now) and
    /// for other tabs' writes; call once, in the app.
    pub fn provide() -> Self {
        let all = Self { sessions: StoredValue::new(Vec::new()), asked_to_persist: StoredValue::new(false) };
        provide_context(all);
        OPEN.with(|open| open.set(Some(all)));
        let on_pagehide = window_event_listener(leptos::ev::pagehide, move |_| {
            all.save_all();
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
        on_cleanup(move || {
            on_pagehide.remove();
            on_visibility.remove();
            on_storage.remove();
        });
        all
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

    /// Stores `doc` as a new draft of form `T` and shows it on that form's page.
    pub fn hand_over<T: Stored>(self, doc: T) -> Result<(), String> {
        let kind = Kind::of::<T>();
        match self.sessions.get_value().into_iter().find(|d| d.slug() == kind.slug) {
            // Through the open session: it saves its own draft first, and its
            // not yet stored id can never be given to the new draft as well.
            Some(draft) => {
                draft.create_doc(Box::new(doc)).then_some(()).ok_or_else(|| session::NOT_PUT_AWAY.to_owned())
            }
            // That page is not open: it opens the new draft, its last, when it is.
            None => session::hand_over(&storage::LocalStore, &kind, &doc, clock::now()).map(|_| ()),
        }
    }
}

/// A page's typed view of its form's draft session. Copy.
pub struct Keeper<T> {
    /// The draft session.
    pub draft: DraftSession,
    /// The form as typed.
    pub form: FormView<T>,
}

impl<T> Clone for Keeper<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Keeper<T> {}

/// The open form as form type `T`, read reactively like a signal.
pub struct FormView<T> {
    draft: DraftSession,
    form: PhantomData<fn() -> T>,
}

impl<T> Clone for FormView<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for FormView<T> {}

/// The session holds the form of its own kind, so the cast cannot fail while
/// a page's `Keeper<T>` and its session agree on `T` (they are made together).
fn cast<T: Stored>(doc: &dyn kepu_core::draft::Doc) -> &T {
    doc.as_any().downcast_ref().expect("a page's form is of its session's kind")
}

impl<T: Stored> FormView<T> {
    /// Reads the form, re-running the caller when it changes.
    pub fn with<R>(self, read: impl FnOnce(&T) -> R) -> R {
        self.draft.changed.track();
        self.with_untracked(read)
    }

    /// Reads the form.
    pub fn with_untracked<R>(self, read: impl FnOnce(&T) -> R) -> R {
        self.draft.session.with_value(|s| read(cast(s.doc())))
    }

    /// A copy of the form.
    pub fn get_untracked(self) -> T
    where
        T: Clone,
    {
        self.with_untracked(T::clone)
    }
}

impl<T: Stored> Keeper<T> {
    /// The page's typed view of the draft session its frame gives it by context
    /// (one is opened when there is none of this form, as in a component test).
    pub fn of_page() -> Self {
        let draft = use_context::<DraftSession>()
            .filter(|d| d.slug() == T::SLUG)
            .unwrap_or_else(|| DraftSession::open(Kind::of::<T>()));
        Self { draft, form: FormView { draft, form: PhantomData } }
    }

    /// Applies an edit and schedules the save.
    pub fn edit(self, change: impl FnOnce(&mut T)) {
        self.draft.session.update_value(|s| {
            if let Some(form) = s.doc_mut().as_any_mut().downcast_mut::<T>() {
                change(form);
            }
        });
        self.draft.touched();
    }

    /// Starts a new draft holding `form`, stored at once; false when the open one could not be saved first.
    pub fn create(self, form: T) -> bool {
        self.draft.create_doc(Box::new(form))
    }
}

/// `已保存 HH:MM:SS`, or what went wrong, announced politely.
#[component]
pub fn SaveIndicator(#[prop(into)] state: Signal<State>) -> impl IntoView {
    let text = move || match state.get() {
        State::Saved { at } => format!("已保存 {}", kepu_core::rules::dates::hms(at.time())),
        State::Followed { at } => format!("已载入另一个标签页保存的版本 {}", kepu_core::rules::dates::hms(at.time())),
        State::Failed { error, .. } => error.to_string(),
        State::Stale => session::STALE.to_owned(),
        State::Suspended => "正在从备份恢复草稿……".to_owned(),
        State::Opened | State::Waiting { .. } | State::KeptAside { .. } => "草稿自动保存在本浏览器中".to_owned(),
    };
    let failed = move || state.with(|s| matches!(s, State::Failed { .. } | State::Stale));
    view! {
        <p class="save-status" class:save-status--failed=failed role="status">
            {text}
        </p>
    }
}

/// A problem with stored data or a download, above the form, with what the user can do.
#[component]
pub fn StorageNoticeView(draft: DraftSession) -> impl IntoView {
    move || {
        draft.notice.get().map(|n| {
            let raw = n.raw.clone();
            view! {
                <div class="notice" role="alert">
                    <p>{n.text}</p>
                    {n.fork.then(|| view! {
                        <button type="button" on:click=move |_| draft.fork()>"另存为新草稿"</button>
                    })}
                    {raw.map(|raw| {
                        view! {
                            <button type="button" on:click=move |_| {
                                let _ = download::download("无法读取的草稿.json", "application/json", raw.as_bytes());
                            }>"下载无法读取的草稿"</button>
                        }
                    })}
                    <button type="button" on:click=move |_| draft.dismiss()>"知道了"</button>
                </div>
            }
        })
    }
}
