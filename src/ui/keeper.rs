//! Keeps a form's drafts in localStorage: opens the last one at start, saves
//! every change within a second and at once when the page is hidden or
//! closed, and switches, creates, copies and deletes drafts.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::NaiveTime;
use leptos::prelude::*;

use crate::browser::{clock, dom, download, perf, storage::LocalStore};
use kepu_core::draft::{self, Loaded};
use kepu_core::drafts;

/// A window event that makes every open form write its draft now.
pub const FLUSH_EVENT: &str = "kepu-forms-flush";
/// Window event after a page stored a draft of another form as that form's last draft
/// (生成本月统计表): the form shows it.
const OPEN_LAST_EVENT: &str = "kepu-forms-open-last";

/// Set while stored drafts are being replaced from a backup and the page
/// reloads: the forms in memory must not write over what was restored.
pub static SAVING_SUSPENDED: AtomicBool = AtomicBool::new(false);

/// What the user is told when another tab changed the draft while this one had unsaved text.
const STALE: &str = "这份草稿已在另一个标签页中修改。为免互相覆盖，本页已停止自动保存。点击“另存为新草稿”可把本页的内容保存为一份新草稿。";

/// How long after the last edit the draft is written.
const SAVE_AFTER: Duration = Duration::from_millis(500);

/// The save indicator's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing changed since the page opened.
    Unchanged,
    /// Written at this local time.
    Saved(NaiveTime),
    /// The browser refused; the message says what to do.
    Failed(String),
}

/// Something the user must be told about their stored draft.
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
}

/// The open draft of one form, its autosave, and the form's other drafts.
/// Copy, so event handlers can hold it freely.
pub struct Keeper<T: Send + Sync + 'static> {
    /// The form as typed.
    pub form: RwSignal<T>,
    /// The save indicator.
    pub status: RwSignal<SaveStatus>,
    /// A problem with stored data, shown above the form.
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
    dirty: StoredValue<bool>,
    /// The stored draft is not ours to overwrite: another tab or a newer app version wrote it.
    stale: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// When the form was last edited (ms since the epoch), for the save timer.
    last_edit: StoredValue<f64>,
    /// What the page does when another draft is shown, as given to [`Self::controls`].
    pub(crate) switched: StoredValue<Option<Callback<()>>>,
    /// A new draft made from the open one: what 新建 gives (settings kept, content cleared).
    fresh: fn(&T) -> T,
}

impl<T: Send + Sync + 'static> Clone for Keeper<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Keeper<T> {}

fn stamp_now() -> String {
    clock::stamp(clock::now())
}

impl<T> Keeper<T>
where
    T: draft::Stored + Default + Clone + Send + Sync + 'static,
{
    /// Opens the draft opened last (or the newest, or a new one from `fresh`) and starts keeping it.
    pub fn open(fresh: fn(&T) -> T) -> Self {
        let stamp = stamp_now();
        let keeper = Self {
            form: RwSignal::new(T::default()),
            status: RwSignal::new(SaveStatus::Unchanged),
            notice: RwSignal::new(None),
            id: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            listing: RwSignal::new(0),
            generation: RwSignal::new(0),
            dirty: StoredValue::new(false),
            stale: StoredValue::new(false),
            timer: StoredValue::new(None),
            last_edit: StoredValue::new(0.0),
            switched: StoredValue::new(None),
            fresh,
        };
        let start = drafts::migrate(&LocalStore, T::SLUG).and_then(|_| drafts::start_id(&LocalStore, T::SLUG));
        match start {
            Ok(Some(id)) => keeper.take(id, &stamp),
            Ok(None) => keeper.start_blank(&T::default(), &stamp),
            Err(e) => {
                keeper.start_blank(&T::default(), &stamp);
                keeper.notice.set(Some(StorageNotice::text(e.to_string())));
            }
        }
        // So a reload (after 从备份恢复, say) opens this same draft even if another was saved later.
        keeper.remember();
        let on_pagehide = window_event_listener(leptos::ev::pagehide, move |_| {
            keeper.save_now();
        });
        let on_flush = window_event_listener_untyped(FLUSH_EVENT, move |_| {
            keeper.save_now();
        });
        let on_storage = window_event_listener(leptos::ev::storage, move |ev| keeper.stored_elsewhere(ev.key()));
        let on_open_last = window_event_listener_untyped(OPEN_LAST_EVENT, move |_| keeper.open_last());
        let on_visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if dom::page_hidden() {
                keeper.save_now();
            }
        });
        on_cleanup(move || {
            on_pagehide.remove();
            on_visibility.remove();
            on_flush.remove();
            on_storage.remove();
            on_open_last.remove();
        });
        keeper
    }

    /// Another page made a draft of this form its last one: open it.
    fn open_last(self) {
        if let Ok(Some(id)) = drafts::start_id(&LocalStore, T::SLUG)
            && id != self.id.get_untracked()
            && self.switch_to(id)
            && let Some(switched) = self.switched.get_value()
        {
            switched.run(());
        }
    }

    /// The storage key of the open draft.
    pub fn key(self) -> String {
        drafts::key(T::SLUG, &self.id.get_untracked())
    }

    /// Shows draft `id` as stored (a new one from `fresh` when nothing is stored under it).
    fn take(self, id: String, stamp: &str) {
        let loaded = draft::load::<T>(&LocalStore, &drafts::key(T::SLUG, &id), stamp);
        self.stale.set_value(matches!(loaded, Loaded::Newer { .. }));
        self.dirty.set_value(false);
        let (form, name, notice) = match loaded {
            Loaded::Draft(envelope) => (envelope.form, envelope.name, None),
            Loaded::Empty => ((self.fresh)(&T::default()), String::new(), None),
            Loaded::Unreadable { kept_under, raw } => (
                (self.fresh)(&T::default()),
                String::new(),
                Some(StorageNotice {
                    text: format!(
                        "之前保存的草稿无法读取，已原样另存为“{kept_under}”，本页从空白表单开始。可下载原始数据交技术人员恢复。"
                    ),
                    raw: Some(raw),
                    fork: false,
                }),
            ),
            Loaded::Newer { format, kept_under } => (
                (self.fresh)(&T::default()),
                String::new(),
                Some(StorageNotice::text(format!(
                    "草稿由更新版本的科普表单保存（格式版本{format}），已另存为“{kept_under}”。请刷新页面以使用最新版本。"
                ))),
            ),
            Loaded::Failed(e) => ((self.fresh)(&T::default()), String::new(), Some(StorageNotice::text(e.to_string()))),
        };
        self.id.set(id);
        self.replace(form);
        self.name.set(name);
        self.notice.set(notice);
        self.status.set(SaveStatus::Unchanged);
    }

    /// Shows `form` in place of the current one, re-rendering what does not follow keystrokes.
    fn replace(self, form: T) {
        self.form.set(form);
        self.generation.update(|g| *g += 1);
    }

    /// Shows a new, not yet stored draft made by `fresh` from `from`.
    fn start_blank(self, from: &T, stamp: &str) {
        let id = drafts::new_id(&LocalStore, T::SLUG, stamp).unwrap_or_else(|_| drafts::id_for(stamp));
        self.id.set(id);
        self.name.set(String::new());
        self.notice.set(None);
        self.status.set(SaveStatus::Unchanged);
        self.stale.set_value(false);
        self.dirty.set_value(false);
        self.replace((self.fresh)(from));
    }

    /// Applies an edit and schedules the save.
    pub fn edit(self, change: impl FnOnce(&mut T)) {
        self.form.update(change);
        self.touched();
    }

    fn touched(self) {
        self.dirty.set_value(true);
        self.last_edit.set_value(js_sys::Date::now());
        // One timer per pause, not one per keystroke: when it fires early it waits out the rest.
        if self.timer.with_value(Option::is_none) {
            self.save_when_quiet(SAVE_AFTER);
        }
    }

    fn save_when_quiet(self, wait: Duration) {
        let fire = move || {
            self.timer.set_value(None);
            let quiet = Duration::from_secs_f64((js_sys::Date::now() - self.last_edit.get_value()).max(0.0) / 1000.0);
            match SAVE_AFTER.checked_sub(quiet) {
                Some(rest) if rest > Duration::from_millis(5) => self.save_when_quiet(rest),
                _ => _ = self.save_now(),
            }
        };
        self.timer.set_value(set_timeout_with_handle(fire, wait).ok());
    }

    fn stop_timer(self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        self.timer.set_value(None);
    }

    /// Another tab wrote `key` (`None`: cleared everything).
    fn stored_elsewhere(self, key: Option<String>) {
        if key.as_deref().is_none_or(|k| k.starts_with(&drafts::key(T::SLUG, ""))) {
            self.listing.update(|n| *n += 1);
        }
        if key.is_some_and(|k| k == self.key()) {
            self.changed_elsewhere();
        }
    }

    /// Another tab wrote the open draft. With nothing unsaved here, follow it;
    /// otherwise stop saving, so neither side's text is silently overwritten.
    fn changed_elsewhere(self) {
        if self.dirty.get_value() {
            self.stale.set_value(true);
            self.stop_timer();
            self.status.set(SaveStatus::Failed(STALE.into()));
            self.notice.set(Some(StorageNotice { text: STALE.into(), raw: None, fork: true }));
            return;
        }
        if let Loaded::Draft(envelope) = draft::load::<T>(&LocalStore, &self.key(), &stamp_now()) {
            self.replace(envelope.form);
            self.name.set(envelope.name);
        }
    }

    /// Offers `bytes` as a download; a refusal is shown above the form.
    pub fn download(self, file_name: &str, mime: &str, bytes: &[u8]) {
        if let Err(e) = download::download(file_name, mime, bytes) {
            let text = format!("未能下载“{file_name}”：{}", crate::browser::describe(&e));
            self.notice.set(Some(StorageNotice::text(text)));
        }
    }

    /// Writes the draft now if anything changed; false when the browser refused
    /// or the draft is not ours to write, so the text must stay on screen.
    pub fn save_now(self) -> bool {
        if !self.dirty.get_value() {
            return true;
        }
        if SAVING_SUSPENDED.load(Ordering::Relaxed) {
            return false;
        }
        if self.stale.get_value() {
            self.status.set(SaveStatus::Failed(STALE.into()));
            return false;
        }
        self.stop_timer();
        let now = clock::now();
        let (key, name) = (self.key(), self.name.get_untracked());
        let result = perf::measure("kepu-forms:autosave", || {
            self.form.with_untracked(|form| draft::save(&LocalStore, &key, form, &name, &clock::stamp(now)))
        });
        match result {
            Ok(()) => {
                crate::browser::storage::ask_to_persist();
                self.dirty.set_value(false);
                self.status.set(SaveStatus::Saved(now.time()));
                self.listing.update(|n| *n += 1);
                true
            }
            // Stay dirty: the next edit or page hide tries again.
            Err(e) => {
                self.status.set(SaveStatus::Failed(e.to_string()));
                false
            }
        }
    }

    /// Keeps this page's text as a new draft: the way out when another tab changed the open one.
    pub fn fork(self) {
        let stamp = stamp_now();
        let title = self.form.with_untracked(|f| drafts::title(&self.name.get_untracked(), f));
        match drafts::new_id(&LocalStore, T::SLUG, &stamp) {
            Ok(id) => {
                self.id.set(id);
                self.name.set(format!("{title}（本页版本）"));
                self.stale.set_value(false);
                self.notice.set(None);
                self.touched();
                if self.save_now() {
                    self.remember();
                }
            }
            Err(e) => self.status.set(SaveStatus::Failed(e.to_string())),
        }
    }

    fn remember(self) {
        let _ = drafts::set_last(&LocalStore, T::SLUG, &self.id.get_untracked());
    }

    /// Saves the open draft, or keeps this page's text as a new draft when it
    /// may not overwrite the stored one; false when neither worked.
    fn put_away(self) -> bool {
        if self.stale.get_value() && self.dirty.get_value() {
            self.fork();
        }
        self.save_now()
    }

    /// Opens stored draft `id`, after saving the open one.
    pub fn switch_to(self, id: String) -> bool {
        if !self.put_away() {
            return false;
        }
        self.take(id, &stamp_now());
        self.remember();
        true
    }

    /// Starts a new draft from `form`, saved at once so it is in the list; the open one is saved first.
    pub fn create(self, form: T) -> bool {
        if !self.put_away() {
            return false;
        }
        let stamp = stamp_now();
        match drafts::new_id(&LocalStore, T::SLUG, &stamp) {
            Ok(id) => {
                self.id.set(id);
                self.name.set(String::new());
                self.replace(form);
                self.notice.set(None);
                self.stale.set_value(false);
                self.touched();
                self.save_now();
                self.remember();
                true
            }
            Err(e) => {
                self.status.set(SaveStatus::Failed(e.to_string()));
                false
            }
        }
    }

    /// Starts a new draft with the open one's settings kept: 新建.
    pub fn create_fresh(self) -> bool {
        let form = self.form.with_untracked(|f| (self.fresh)(f));
        self.create(form)
    }

    /// The title of the open draft, as the list shows it.
    pub fn title(self) -> Signal<String> {
        Signal::derive(move || self.form.with(|f| drafts::title(&self.name.get(), f)))
    }

    /// Every draft of this form, the open one as on screen (it may be newer than stored).
    pub fn summaries(self) -> Result<Vec<drafts::Summary>, String> {
        let mut list = drafts::list::<T>(&LocalStore).map_err(|e| e.to_string())?;
        let id = self.id.get_untracked();
        let saved = list.iter().position(|s| s.id == id).map(|i| list.remove(i).saved_at).unwrap_or_default();
        let current = self.form.with_untracked(|f| drafts::Summary::of(&id, &self.name.get_untracked(), f, &saved));
        list.insert(0, current);
        Ok(list)
    }

    /// Names draft `id`.
    pub fn rename(self, id: &str, name: &str) -> Result<(), String> {
        if id == self.id.get_untracked() {
            self.name.set(name.trim().to_owned());
            self.touched();
            self.save_now();
        } else {
            drafts::rename::<T>(&LocalStore, id, name)?;
        }
        self.listing.update(|n| *n += 1);
        Ok(())
    }

    /// Copies draft `id` to a new draft; returns the copy's id.
    pub fn duplicate(self, id: &str) -> Result<String, String> {
        if id == self.id.get_untracked() && !self.put_away() {
            return Err("当前草稿未能保存，请先处理上方的提示".into());
        }
        let copy = drafts::duplicate::<T>(&LocalStore, id, &stamp_now())?;
        self.listing.update(|n| *n += 1);
        Ok(copy)
    }

    /// Deletes draft `id`, handing back its stored text for 撤销. Deleting the
    /// open draft opens the newest other one, or a new draft.
    pub fn delete(self, id: &str) -> Result<Option<String>, String> {
        let open = id == self.id.get_untracked();
        // Saved first, so the stored text handed back for 撤销 has the last keystroke
        // and no pending save can write the deleted draft back.
        if open && !self.put_away() {
            return Err("当前草稿未能保存，请先处理上方的提示".into());
        }
        let raw = drafts::delete(&LocalStore, T::SLUG, id).map_err(|e| e.to_string())?;
        if open {
            let stamp = stamp_now();
            match drafts::start_id(&LocalStore, T::SLUG) {
                Ok(Some(next)) => self.take(next, &stamp),
                // The last draft is gone: a new one, keeping the deleted one's settings.
                _ => {
                    let deleted = self.form.get_untracked();
                    self.start_blank(&deleted, &stamp);
                }
            }
            self.remember();
        }
        self.listing.update(|n| *n += 1);
        Ok(raw)
    }

    /// Puts a deleted draft back; it opens again if it was open when deleted.
    pub fn undelete(self, id: &str, raw: &str, reopen: bool) -> Result<(), String> {
        let id = drafts::undelete(&LocalStore, T::SLUG, id, raw).map_err(|e| e.to_string())?;
        if reopen {
            self.switch_to(id);
        }
        self.listing.update(|n| *n += 1);
        Ok(())
    }
}

/// Stores `form` as a new draft of its form and shows it there (the page of that
/// form opens it), e.g. a 活动统计表 started from the 重点活动安排表; the new id.
pub fn hand_over<U: draft::Stored>(form: &U) -> Result<String, String> {
    let stamp = stamp_now();
    let id = drafts::new_id(&LocalStore, U::SLUG, &stamp).map_err(|e| e.to_string())?;
    draft::save(&LocalStore, &drafts::key(U::SLUG, &id), form, "", &stamp).map_err(|e| e.to_string())?;
    drafts::set_last(&LocalStore, U::SLUG, &id).map_err(|e| e.to_string())?;
    if let Ok(event) = web_sys::Event::new(OPEN_LAST_EVENT) {
        let _ = window().dispatch_event(&event);
    }
    Ok(id)
}

/// `已保存 HH:MM:SS`, or what went wrong, announced politely.
#[component]
pub fn SaveIndicator(#[prop(into)] status: Signal<SaveStatus>) -> impl IntoView {
    let text = move || match status.get() {
        SaveStatus::Unchanged => "草稿自动保存在本浏览器中".to_owned(),
        SaveStatus::Saved(at) => format!("已保存 {}", clock::hms(at)),
        SaveStatus::Failed(why) => why,
    };
    view! {
        <p class="save-status" class:save-status--failed=move || matches!(status.get(), SaveStatus::Failed(_)) role="status">
            {text}
        </p>
    }
}

/// A problem with stored data or a download, above the form, with what the user can do.
#[component]
pub fn StorageNoticeView(
    notice: RwSignal<Option<StorageNotice>>,
    /// Keeps this page's text as a new draft.
    on_fork: Callback<()>,
) -> impl IntoView {
    move || {
        notice.get().map(|n| {
            let raw = n.raw.clone();
            view! {
                <div class="notice" role="alert">
                    <p>{n.text}</p>
                    {n.fork.then(|| view! {
                        <button type="button" on:click=move |_| on_fork.run(())>"另存为新草稿"</button>
                    })}
                    {raw.map(|raw| {
                        view! {
                            <button type="button" on:click=move |_| {
                                let _ = download::download("无法读取的草稿.json", "application/json", raw.as_bytes());
                            }>"下载无法读取的草稿"</button>
                        }
                    })}
                    <button type="button" on:click=move |_| notice.set(None)>"知道了"</button>
                </div>
            }
        })
    }
}
