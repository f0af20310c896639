//! 分享: a finished table as a link whose fragment carries its description
//! (compressed by the browser), or as a table file (导出表格文件) when the link
//! would be too long; and opening either in another browser, where it becomes
//! a draft of that browser's list, ready to fill and kept offline like any other.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{download, files, share};
use crate::contract::HASH_ARGUMENT;
use crate::ui::keeper::Keeper;
use kepu_core::forms::ziding::share::{BROKEN_LINK, open, shared};
use kepu_core::forms::ziding::{FORM_NAME, Ziding};
use kepu_core::form::Registered;

/// Element id of the link's field.
pub const LINK_ID: &str = "ziding-share-link";

/// The longest link mail clients and WeChat pass whole.
const LINK_LIMIT: usize = 2000;

/// MIME type of a table file.
const TABLE_MIME: &str = "application/json";

/// The address of this page opening the table `packed`.
fn link_to(packed: &str) -> String {
    let location = window().location();
    let here = format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default());
    format!("{here}#{}{HASH_ARGUMENT}{packed}", Ziding::SLUG)
}

/// 分享 and 导出表格文件, and the link once made.
pub fn share_tools(keeper: Keeper<Ziding>) -> impl IntoView {
    let form = keeper.form;
    let link = RwSignal::new(None::<Result<String, String>>);
    let copied = RwSignal::new(false);
    let make = move |_| {
        let Some(text) = form.with_untracked(shared) else { return };
        copied.set(false);
        spawn_local(async move { link.set(Some(share::packed(&text).await.map(|p| link_to(&p)))) });
    };
    let export = move |_| {
        let Some(text) = form.with_untracked(shared) else { return };
        let title = form.with_untracked(|f| f.table.title.trim().to_owned());
        let name = format!("{}_表格.json", if title.is_empty() { FORM_NAME } else { &title });
        if let Err(e) = download::download(&name, TABLE_MIME, text.as_bytes()) {
            keeper.draft.tell(format!("未能导出表格文件：{}", crate::browser::describe(&e)));
        }
    };
    let copy = move |_| {
        if let Some(Ok(url)) = link.get_untracked() {
            let _ = window().navigator().clipboard().write_text(&url);
            copied.set(true);
        }
    };
    view! {
        <button type="button" id="ziding-share" on:click=make>"分享"</button>
        <button type="button" on:click=export>"导出表格文件"</button>
        {move || link.get().map(|made| match made {
            Ok(url) => {
                let length = url.chars().count();
                let note = if length > LINK_LIMIT {
                    format!("链接共{length}个字符，较长，邮件或微信可能截断：请改用“导出表格文件”发送")
                } else {
                    format!("链接共{length}个字符。收到的单位在浏览器中打开链接，即可填写同一张表")
                };
                view! {
                    <div class="share-box">
                        <label for=LINK_ID>"分享链接"</label>
                        <input type="text" id=LINK_ID readonly value=url aria-describedby="ziding-share-note" />
                        <button type="button" on:click=copy>{move || if copied.get() { "已复制" } else { "复制" }}</button>
                        <p class="hint" id="ziding-share-note">{note}</p>
                    </div>
                }
                .into_any()
            }
            Err(why) => view! { <p class="message" role="alert">{format!("未能生成链接：{why}")}</p> }.into_any(),
        })}
    }
}

/// Opens table text (from a link or a file) as a new draft, ready to fill; says why not.
fn open_text(keeper: Keeper<Ziding>, text: &str) {
    match open(text) {
        Ok(table) => {
            let title = table.table.title.clone();
            if keeper.create(table) {
                keeper.draft.tell(format!("已打开收到的表格“{title}”，可以开始填写；它已保存在本浏览器的草稿列表中。"));
            }
        }
        Err(why) => keeper.draft.tell(why),
    }
}

/// Opens the table the address carries (`#ziding/…`), once: the address is then the page's own.
pub fn open_from_address(keeper: Keeper<Ziding>) {
    let hash = window().location().hash().unwrap_or_default();
    let prefix = format!("#{}{HASH_ARGUMENT}", Ziding::SLUG);
    let Some(packed) = hash.strip_prefix(&prefix).map(str::to_owned) else { return };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{}", Ziding::SLUG)));
    }
    spawn_local(async move {
        match share::unpacked(&packed).await {
            Ok(text) => open_text(keeper, &text),
            Err(_) => keeper.draft.tell(BROKEN_LINK),
        }
    });
}

/// 打开表格文件: a table file another unit exported.
pub fn open_file(keeper: Keeper<Ziding>) -> impl IntoView {
    let on_pick = move |ev: web_sys::Event| {
        let Some(file) = files::take_picked(&ev) else { return };
        spawn_local(async move {
            match files::read_bytes(file).await {
                Ok(bytes) => open_text(keeper, &String::from_utf8_lossy(&bytes)),
                Err(why) => keeper.draft.tell(format!("浏览器无法读取此文件：{why}")),
            }
        });
    };
    view! {
        <div class="field">
            <label for="ziding-open-file">"打开表格文件"</label>
            <p class="hint" id="ziding-open-file-hint">"别的单位用“导出表格文件”发来的表格（.json）"</p>
            <input type="file" id="ziding-open-file" accept=".json,application/json"
                aria-describedby="ziding-open-file-hint" on:change=on_pick />
        </div>
    }
}
