//! The 草稿 list of a form: which draft is open, open another, rename, copy,
//! delete with 撤销, and how much of the browser's storage the drafts use.

use leptos::prelude::*;

use crate::browser::{dom, storage};
use crate::contract::OFFLINE_LINE_CLASS;
use crate::ui::cells::UndoLine;
use crate::ui::keeper::DraftSession;
use crate::ui::keeper::reader::reader_ready;
use crate::ui::later::Later;
use kepu_core::drafts::{self, DraftError, Summary};

/// A deleted draft, kept for 撤销 until the next action in the list.
#[derive(Clone)]
struct Removed {
    id: String,
    raw: String,
    title: String,
    was_open: bool,
}

/// `当前草稿：… [草稿列表]`, and the list when opened. The bar is drawn with
/// the form, so nothing moves when the list's code arrives (a part loaded on
/// use, `ui::later`); where it could not be fetched, the opened panel says so.
#[component]
pub fn DraftsPanel(draft: DraftSession) -> impl IntoView {
    let title = draft.title();
    let shown = RwSignal::new(false);
    let panel_id = format!("{}-drafts", draft.slug());
    view! {
        <section class="drafts" aria-label="草稿">
            <p class="drafts__bar">
                "当前草稿：" <strong class="drafts__current">{move || title.get()}</strong>
                <button type="button" aria-expanded=move || shown.get().to_string() aria-controls=panel_id.clone()
                    on:click=move |_| shown.update(|s| *s = !*s)>"草稿列表"</button>
            </p>
            // Filled by the service worker's page side (offline/page.js) in the built site.
            <p class=OFFLINE_LINE_CLASS></p>
            <div id=panel_id class="drafts__panel" hidden=move || !shown.get()>
                // The list reads every draft: it comes with the reader.
                <Later name="草稿列表" load=move || async move {
                    reader_ready().await?;
                    drafts_list(draft, shown).await
                } />
            </div>
        </section>
    }
}

crate::load_on_use!(drafts: fn drafts_list(draft: DraftSession, shown: RwSignal<bool>) -> AnyView {
    view! { <DraftsList draft=draft shown=shown /> }.into_any()
});

/// The list itself: open, rename, copy, delete with 撤销, and the storage used.
#[component]
fn DraftsList(draft: DraftSession, shown: RwSignal<bool>) -> impl IntoView {
    let slug = draft.slug();
    let renaming = RwSignal::new(None::<String>);
    let removed = RwSignal::new(None::<Removed>);
    let message = RwSignal::new(None::<String>);
    let undo_id = format!("{}-drafts-undo", slug);
    let report = move |result: Result<(), DraftError>| message.set(result.err().map(|e| e.to_string()));

    let undo = move |()| {
        if let Some(r) = removed.get_untracked() {
            removed.set(None);
            report(draft.undelete(&r.id, &r.raw, r.was_open));
        }
    };
    let row = move |item: Summary| {
        let Summary { id, title, .. } = item.clone();
        let is_open = Signal::derive({
            let id = id.clone();
            move || draft.id.get() == id
        });
        let open = {
            let id = id.clone();
            move |_| {
                removed.set(None);
                if !draft.open_draft(&id) {
                    message.set(Some("当前草稿未能保存，没有切换：请先处理上方的提示".into()));
                }
            }
        };
        let duplicate = {
            let id = id.clone();
            move |_| {
                removed.set(None);
                report(draft.duplicate(&id).map(|_| ()));
            }
        };
        let delete = {
            let (id, title) = (id.clone(), title.clone());
            move |_| {
                let question = format!("确定删除草稿“{title}”吗？删除后可在列表下方撤销。");
                if !dom::confirm(&question).unwrap_or(false) {
                    return;
                }
                let was_open = draft.id.get_untracked() == id;
                match draft.delete(&id) {
                    Ok(Some(raw)) => {
                        removed.set(Some(Removed { id: id.clone(), raw, title: title.clone(), was_open }));
                        dom::focus_field_later(format!("{}-drafts-undo", slug));
                    }
                    Ok(None) => removed.set(None),
                    Err(e) => message.set(Some(e.to_string())),
                }
            }
        };
        let start_rename = {
            let id = id.clone();
            move |_| {
                removed.set(None);
                renaming.set(Some(id.clone()));
                dom::focus_field_later(format!("{}-draft-name", slug));
            }
        };
        let renaming_this = Signal::derive({
            let id = id.clone();
            move || renaming.get().as_deref() == Some(id.as_str())
        });
        let name_cell = {
            let (id, title) = (id.clone(), title.clone());
            move || {
                if renaming_this.get() {
                    let input_id = format!("{}-draft-name", slug);
                    let typed = RwSignal::new(title.clone());
                    let id = id.clone();
                    let confirm = move || {
                        renaming.set(None);
                        report(draft.rename(&id, &typed.get_untracked()));
                    };
                    let confirm_click = confirm.clone();
                    view! {
                        <label for=input_id.clone()>"草稿名称"</label>
                        <input id=input_id type="text" prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev))
                            on:keydown=move |ev| match ev.key().as_str() {
                                "Enter" => confirm(),
                                "Escape" => renaming.set(None),
                                _ => {}
                            } />
                        <button type="button" class="small" on:click=move |_| confirm_click()>"确定"</button>
                        <button type="button" class="small" on:click=move |_| renaming.set(None)>"取消"</button>
                    }
                    .into_any()
                } else {
                    let title = title.clone();
                    view! {
                        <span class="drafts__title">{title}</span>
                        {move || is_open.get().then(|| view! { <span class="drafts__open">"（当前）"</span> })}
                    }
                    .into_any()
                }
            }
        };
        view! {
            <tr class:drafts__row--open=is_open>
                <td>{name_cell}</td>
                <td>{item.saved_text()}</td>
                <td class:drafts__state--bad=!matches!(item.state, drafts::State::Errors(0))>{item.state.text()}</td>
                <td class="table-actions">
                    <button type="button" class="small" hidden=is_open aria-label=format!("打开 {title}") on:click=open>
                        "打开"
                    </button>
                    <button type="button" class="small" aria-label=format!("重命名 {title}") on:click=start_rename>"重命名"</button>
                    <button type="button" class="small" aria-label=format!("复制 {title}") on:click=duplicate>"复制"</button>
                    <button type="button" class="small danger" aria-label=format!("删除 {title}") on:click=delete>"删除"</button>
                </td>
            </tr>
        }
    };
    let table = move || {
        draft.listing.track();
        match draft.summaries() {
            Ok(items) => view! {
                <table class="data-table drafts__table">
                    <caption class="sr-only">"草稿列表"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"草稿"</th>
                            <th scope="col">"最后保存"</th>
                            <th scope="col">"检查"</th>
                            <th scope="col"><span class="sr-only">"操作"</span></th>
                        </tr>
                    </thead>
                    <tbody>{items.into_iter().map(row).collect_view()}</tbody>
                </table>
            }
            .into_any(),
            Err(e) => view! { <p class="message">{format!("无法读取草稿列表：{e}")}</p> }.into_any(),
        }
    };
    view! {
        {move || shown.get().then(table)}
        <UndoLine
            id=undo_id
            removed=Signal::derive(move || removed.get().map(|r| format!("已删除草稿“{}”", r.title)))
            on_undo=Callback::new(undo)
        />
        {move || message.get().map(|m| view! { <p class="message" role="alert">{m}</p> })}
        {move || shown.get().then(|| view! { <StorageUse listing=draft.listing.into() /> })}
    }
}

/// How much the drafts take, what the browser grants this site, and whether it promised to keep it.
#[component]
fn StorageUse(listing: Signal<u32>) -> impl IntoView {
    let browser = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        let estimate = storage::estimate().await;
        let persisted = storage::persisted().await;
        browser.set(Some((estimate, persisted)));
    });
    let ours = move || {
        listing.track();
        match drafts::usage(&storage::LocalStore) {
            Ok(bytes) => format!(
                "草稿共占用 {}（浏览器通常只允许每个网站保存约 5 MB 的草稿）。",
                drafts::format_bytes(bytes as u64)
            ),
            Err(e) => e.to_string(),
        }
    };
    let theirs = move || {
        browser.get().map(|(estimate, persisted)| {
            let estimate = match estimate {
                Ok((usage, quota)) => format!(
                    "浏览器统计本网站已用 {}，配额 {}。",
                    drafts::format_bytes(usage),
                    drafts::format_bytes(quota)
                ),
                Err(_) => String::new(),
            };
            let persisted = match persisted {
                Ok(true) => "浏览器已同意长期保留本网站的数据。",
                _ => "浏览器在磁盘空间不足时可能清除本网站的数据，请定期“备份全部草稿”。",
            };
            format!("{estimate}{persisted}")
        })
    };
    view! {
        <p class="drafts__usage">{ours}" "{theirs}</p>
    }
}
