//! The draft's state and notices as the user sees them.

use leptos::prelude::*;

use super::session::DraftSession;
use kepu_core::session::{self, Notice, State};

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

    pub(super) fn of(notice: &Notice) -> Self {
        Self { text: notice.text(), raw: notice.raw().map(str::to_owned), fork: notice.offers_fork() }
    }
}

/// `已保存 HH:MM:SS`, or what went wrong, announced politely.
#[component]
pub fn SaveIndicator(#[prop(into)] state: Signal<State>) -> impl IntoView {
    let text = move || match state.get() {
        State::Saved { at } => format!("已保存 {}", kepu_core::rules::dates::hms(at.time())),
        State::Writing { .. } => "正在保存……".to_owned(),
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
                                draft.download("无法读取的草稿.json", "application/json", raw.as_bytes());
                            }>"下载无法读取的草稿"</button>
                        }
                    })}
                    <button type="button" on:click=move |_| draft.dismiss()>"知道了"</button>
                </div>
            }
        })
    }
}
