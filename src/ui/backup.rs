//! 备份全部草稿 and 从备份恢复 in the app bar.

use leptos::prelude::*;

use crate::browser::{clock, dom, download, files, storage::LocalStore};
use crate::ui::keeper::Drafts;
use kepu_core::backup::{self, Step};
use kepu_core::rules::dates;

/// Restores `text`, asking before each newer draft is overwritten; `None` when the page
/// is to reload so every form shows what was restored, else what to tell the user.
fn restore(drafts: Drafts, text: &str) -> Result<Option<String>, String> {
    let backup = backup::read(text)?;
    drafts.save_all();
    let plan = backup::plan(&backup, &LocalStore).map_err(|e| e.to_string())?;
    let chosen: Vec<String> = plan
        .into_iter()
        .filter_map(|(key, step)| match step {
            Step::Add | Step::Replace => Some(key),
            Step::Same => None,
            Step::AskFirst { stored, backed_up } => {
                let question = format!(
                    "浏览器中的{}草稿（保存于{}）比备份中的（保存于{}）更新。仍要用备份覆盖吗？当前草稿会另存一份。",
                    crate::ui::app::form_name_of_key(&key),
                    dates::saved_text(&stored),
                    dates::saved_text(&backed_up)
                );
                dom::confirm(&question).unwrap_or(false).then_some(key)
            }
        })
        .collect();
    if chosen.is_empty() {
        return Ok(Some("备份中的草稿与浏览器中的相同或较旧，没有做任何改动".into()));
    }
    // The forms in memory must not write over what is restored before the page reloads.
    drafts.suspend_all();
    let stamp = kepu_core::rules::dates::stamp(clock::now());
    for key in &chosen {
        if let Err(e) = backup::apply(&backup, key, &LocalStore, &stamp) {
            drafts.resume_all();
            return Err(format!("恢复时出错：{e}"));
        }
    }
    Ok(None)
}

/// The two backup buttons and what they report.
#[component]
pub fn BackupButtons() -> impl IntoView {
    let drafts = expect_context::<Drafts>();
    let message = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let make_backup = move |_| {
        drafts.save_all();
        let now = kepu_core::rules::dates::stamp(clock::now());
        match backup::make(&LocalStore, &now) {
            Ok(b) => {
                let bytes = backup::to_json(&b).into_bytes();
                if let Err(e) = download::download(&backup::file_name(&now), "application/json", &bytes) {
                    message.set(Some(format!("未能下载备份：{}", crate::browser::describe(&e))));
                }
            }
            Err(e) => message.set(Some(format!("未能读取草稿：{e}"))),
        }
    };
    let picked = move |ev: web_sys::Event| {
        let Some(file) = files::take_picked(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let outcome = match files::read_bytes(file).await {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => restore(drafts, &text),
                    Err(_) => Err("这不是科普表单的备份文件（不是文本），没有做任何改动".into()),
                },
                Err(e) => Err(format!("无法读取文件：{e}")),
            };
            match outcome {
                Ok(Some(note)) | Err(note) => message.set(Some(note)),
                Ok(None) => {
                    // Not before the durable copy has every restored draft: it is what the page starts from.
                    crate::browser::storage::settled().await;
                    let _ = window().location().reload();
                }
            }
        });
    };
    view! {
        <div class="backup">
            <button type="button" class="on-dark" on:click=make_backup>"备份全部草稿"</button>
            <button type="button" class="on-dark" on:click=move |_| {
                if let Some(i) = input.get_untracked() {
                    i.click();
                }
            }>"从备份恢复"</button>
            <input type="file" accept=".json,application/json" class="sr-only" tabindex="-1" aria-hidden="true"
                node_ref=input on:change=picked />
        </div>
        {move || message.get().map(|m| view! {
            <div class="backup-message" role="alert">
                <span>{m}</span>
                <button type="button" on:click=move |_| message.set(None)>"知道了"</button>
            </div>
        })}
    }
}
