//! Keeps one form's draft in localStorage: loads it at start, saves every
//! change within a second, and at once when the page is hidden or closed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::NaiveTime;
use leptos::prelude::*;

use crate::browser::{clock, dom, download, storage::LocalStore};
use crate::draft::{self, Loaded};

/// A window event that makes every open form write its draft now.
pub const FLUSH_EVENT: &str = "kepu-forms-flush";

/// Set while stored drafts are being replaced from a backup and the page
/// reloads: the forms in memory must not write over what was restored.
pub static SAVING_SUSPENDED: AtomicBool = AtomicBool::new(false);

/// What the user is told when another tab changed the draft while this one had unsaved text.
const STALE: &str =
    "这份草稿已在另一个标签页中修改。为免互相覆盖，本页已停止自动保存：请把本页新填的内容复制出来，刷新页面后再粘贴。";

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
}

/// The draft of one form: its signal and the autosave around it. Copy, so
/// event handlers can hold it freely.
pub struct Keeper<T: Send + Sync + 'static> {
    /// The form as typed.
    pub form: RwSignal<T>,
    /// The save indicator.
    pub status: RwSignal<SaveStatus>,
    /// A problem with stored data, shown above the form.
    pub notice: RwSignal<Option<StorageNotice>>,
    key: &'static str,
    dirty: StoredValue<bool>,
    /// The stored draft is not ours to overwrite: another tab or a newer app version wrote it.
    stale: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl<T: Send + Sync + 'static> Clone for Keeper<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Keeper<T> {}

impl<T> Keeper<T>
where
    T: draft::Stored + Default + Clone + Send + Sync + 'static,
{
    /// Opens the draft stored under `key` (or a blank form) and starts keeping it.
    pub fn open(key: &'static str) -> Self {
        let now = clock::now();
        let loaded = draft::load::<T>(&LocalStore, key, &clock::stamp(now));
        let newer = matches!(loaded, Loaded::Newer { .. });
        let (initial, notice) = match loaded {
            Loaded::Empty => (T::default(), None),
            Loaded::Draft(envelope) => (envelope.form, None),
            Loaded::Unreadable { kept_under, raw } => (
                T::default(),
                Some(StorageNotice {
                    text: format!(
                        "之前保存的草稿无法读取，已原样另存为“{kept_under}”，本页从空白表单开始。可下载原始数据交技术人员恢复。"
                    ),
                    raw: Some(raw),
                }),
            ),
            Loaded::Newer { format, kept_under } => (
                T::default(),
                Some(StorageNotice {
                    text: format!(
                        "草稿由更新版本的科普表单保存（格式版本{format}），已另存为“{kept_under}”。请刷新页面以使用最新版本。"
                    ),
                    raw: None,
                }),
            ),
            Loaded::Failed(e) => (T::default(), Some(StorageNotice { text: e.to_string(), raw: None })),
        };
        let keeper = Self {
            form: RwSignal::new(initial),
            status: RwSignal::new(SaveStatus::Unchanged),
            notice: RwSignal::new(notice),
            key,
            dirty: StoredValue::new(false),
            stale: StoredValue::new(newer),
            timer: StoredValue::new(None),
        };
        let on_pagehide = window_event_listener(leptos::ev::pagehide, move |_| keeper.save_now());
        let on_flush = window_event_listener_untyped(FLUSH_EVENT, move |_| keeper.save_now());
        let on_storage = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(key) {
                keeper.changed_elsewhere();
            }
        });
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
        });
        keeper
    }

    /// Applies an edit and schedules the save.
    pub fn edit(self, change: impl FnOnce(&mut T)) {
        self.form.update(change);
        self.dirty.set_value(true);
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        self.timer.set_value(set_timeout_with_handle(move || self.save_now(), SAVE_AFTER).ok());
    }

    /// Another tab wrote this draft. With nothing unsaved here, follow it;
    /// otherwise stop saving, so neither side's text is silently overwritten.
    fn changed_elsewhere(self) {
        if self.dirty.get_value() {
            self.stale.set_value(true);
            if let Some(handle) = self.timer.get_value() {
                handle.clear();
            }
            self.status.set(SaveStatus::Failed(STALE.into()));
            self.notice.set(Some(StorageNotice { text: STALE.into(), raw: None }));
            return;
        }
        if let Loaded::Draft(envelope) = draft::load::<T>(&LocalStore, self.key, &clock::stamp(clock::now())) {
            self.form.set(envelope.form);
        }
    }

    /// Offers `bytes` as a download; a refusal is shown above the form.
    pub fn download(self, file_name: &str, mime: &str, bytes: &[u8]) {
        if let Err(e) = download::download(file_name, mime, bytes) {
            let text = format!("未能下载“{file_name}”：{}", crate::browser::describe(&e));
            self.notice.set(Some(StorageNotice { text, raw: None }));
        }
    }

    /// Writes the draft now if anything changed.
    pub fn save_now(self) {
        if !self.dirty.get_value() || SAVING_SUSPENDED.load(Ordering::Relaxed) {
            return;
        }
        if self.stale.get_value() {
            self.status.set(SaveStatus::Failed(STALE.into()));
            return;
        }
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let now = clock::now();
        let result = self.form.with_untracked(|form| draft::save(&LocalStore, self.key, form, &clock::stamp(now)));
        match result {
            Ok(()) => {
                crate::browser::storage::ask_to_persist();
                self.dirty.set_value(false);
                self.status.set(SaveStatus::Saved(now.time()));
            }
            // Stay dirty: the next edit or page hide tries again.
            Err(e) => self.status.set(SaveStatus::Failed(e.to_string())),
        }
    }
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
pub fn StorageNoticeView(notice: RwSignal<Option<StorageNotice>>) -> impl IntoView {
    move || {
        notice.get().map(|n| {
            let raw = n.raw.clone();
            view! {
                <div class="notice" role="alert">
                    <p>{n.text}</p>
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
