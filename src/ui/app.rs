//! The page frame: the app's name, the switch between forms (each with its
//! own URL hash, so a bookmark opens it), and the forms themselves.

use leptos::prelude::*;

use crate::browser::{site, storage};
use crate::contract::HASH_ARGUMENT;
use crate::contract::TEST_PANIC_EVENT;
use crate::ui::FORMS;
use crate::ui::backup::BackupButtons;
use crate::ui::keeper::{DraftSession, Drafts};
use crate::ui::later::Later;
use crate::ui::print::Printing;
use kepu_core::backup;
use kepu_core::draft::Kind;

/// A form the app offers: its slug (its `#hash` and its storage key part),
/// its name, and, in a build that carries it, its kind and page.
pub struct FormEntry {
    /// See [`kepu_core::form::Registered::SLUG`].
    pub slug: &'static str,
    /// See [`kepu_core::form::Form::NAME`].
    pub name: &'static str,
    /// The form's kind and page when this build carries the form (its cargo feature is on).
    pub built: Option<(Kind, fn() -> AnyView)>,
}

/// The form a URL hash asks for (an index into [`FORMS`]); the first for anything unknown.
pub fn form_of_hash(hash: &str) -> usize {
    let hash = hash.trim_start_matches('#');
    // `#ziding/…` is the 自定义表格 with what its address carries.
    let names =
        |slug: &str| hash.strip_prefix(slug).is_some_and(|rest| rest.is_empty() || rest.starts_with(HASH_ARGUMENT));
    FORMS.iter().position(|f| names(f.slug)).unwrap_or(0)
}

/// The name of the form a stored key belongs to, for messages about it.
pub fn form_name_of_key(key: &str) -> &'static str {
    backup::form_of_key(key).and_then(|slug| FORMS.iter().find(|f| f.slug == slug)).map_or("其他数据", |f| f.name)
}

/// A form's page, given its draft session by context in an owner of its own
/// (kept alive by the view, so the page's signals live as long as it does).
fn form_page(kind: Kind, page: fn() -> AnyView) -> impl IntoView {
    let owner = Owner::current().map(|o| o.child()).unwrap_or_default();
    let page = owner.with(|| {
        provide_context(DraftSession::open(kind));
        page()
    });
    leptos::tachys::reactive_graph::OwnedView::new_with_owner(page, owner)
}

/// The version shown at the foot of the page (see build.rs), so a user can say which build they run.
pub const VERSION: &str = env!("KEPU_VERSION");

/// What the user is told when form `name` cannot be opened now; `offline` when the browser has no network.
pub fn cannot_open(name: &str, offline: bool) -> String {
    if offline {
        format!(
            "未能打开“{name}”：这张表还没有保存到本机，需要联网打开一次。连上网络后点“重试”。所填内容都已保存在本浏览器中。"
        )
    } else {
        format!("未能打开“{name}”：网络可能中断，或网站刚刚更新。所填内容都已保存在本浏览器中。")
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The whole app. Every form stays mounted so switching never drops a keystroke;
/// only the chosen one is shown and printed.
#[component]
pub fn App() -> impl IntoView {
    let asked = form_of_hash(&current_hash());
    let first_built = FORMS.iter().position(|f| f.built.is_some()).unwrap_or(0);
    let form = RwSignal::new(if FORMS[asked].built.is_some() { asked } else { first_built });
    // A form this bundle does not carry: the page reloads, and the loader in
    // index.html fetches that form's bundle. When its files cannot be had
    // (offline before they were kept, say) the user is told and can try again
    // instead of landing on an error page.
    let unreachable = RwSignal::new(None::<(usize, String)>);
    let drafts = Drafts::provide();
    let open_elsewhere = move |index: usize| {
        unreachable.set(None);
        leptos::task::spawn_local(async move {
            if site::can_open(FORMS[index].slug).await {
                // Every draft on disk first: the next page starts from the durable copy.
                drafts.save_all();
                crate::browser::storage::settled().await;
                site::reload();
            } else {
                unreachable.set(Some((index, cannot_open(FORMS[index].name, site::offline()))));
            }
        });
    };
    if FORMS[asked].built.is_none() {
        open_elsewhere(asked);
    }
    // The print sheets exist only from `beforeprint` (Ctrl+P, or 打印) to `afterprint`.
    let printing = RwSignal::new(false);
    provide_context(Printing(printing));
    let on_before_print = window_event_listener(leptos::ev::beforeprint, move |_| printing.set(true));
    let on_after_print = window_event_listener(leptos::ev::afterprint, move |_| printing.set(false));
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        let asked = form_of_hash(&current_hash());
        if FORMS[asked].built.is_some() {
            unreachable.set(None);
            form.set(asked);
        } else {
            open_elsewhere(asked);
        }
    });
    // A real panic inside a component, on an event no user can send: the
    // end-to-end test of the error screen needs one in the shipped build.
    let on_test_panic = window_event_listener_untyped(TEST_PANIC_EVENT, |_| panic!("{TEST_PANIC_EVENT}"));
    on_cleanup(move || {
        on_hash.remove();
        on_test_panic.remove();
        on_before_print.remove();
        on_after_print.remove();
    });
    Effect::new(move |_| {
        let name = FORMS[form.get()].name;
        document().set_title(&format!("{name} - 科普表单"));
    });
    view! {
        <header class="app-bar screen">
            <span class="app-name">"科普表单"</span>
            <nav aria-label="表单">
                {FORMS
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        view! {
                            <a href=format!("#{}", f.slug) aria-current=move || (form.get() == i).then_some("page")>
                                {f.name}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            <span class="app-note">"所填内容只保存在本浏览器中，不会上传"</span>
            <Later name="备份与恢复" load=backup_buttons placeholder=|| view! {
                // The buttons' room, unseen, until their part is there.
                <div class="backup later-placeholder" aria-hidden="true">
                    <button type="button" class="on-dark" tabindex="-1" disabled>"备份全部草稿"</button>
                    <button type="button" class="on-dark" tabindex="-1" disabled>"从备份恢复"</button>
                </div>
            } />
        </header>
        {storage::less_safe().then(|| view! {
            <p class="backup-message screen" role="status">
                "本浏览器不允许网页使用 IndexedDB，草稿只能存在 localStorage 中，保存不够安全："
                "浏览器崩溃、断电时可能丢失最后几秒填写的内容。请及时“备份全部草稿”。"
            </p>
        })}
        {move || unreachable.get().map(|(index, text)| view! {
            <div class="backup-message screen" role="alert">
                <span>{text}</span>
                <button type="button" on:click=move |_| open_elsewhere(index)>"重试"</button>
            </div>
        })}
        <main>
            {FORMS
                .iter()
                .enumerate()
                .filter_map(|(i, f)| {
                    let (kind, page) = f.built?;
                    Some(view! {
                        <div class="form-page" id=format!("page-{}", f.slug) hidden=move || form.get() != i>
                            {form_page(kind, page)}
                        </div>
                    })
                })
                .collect_view()}
        </main>
        <footer class="app-footer screen">
            <span class="app-version">{VERSION}</span>
        </footer>
    }
}

crate::load_on_use!(backup: fn backup_buttons() -> AnyView {
    view! { <BackupButtons /> }.into_any()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_choose_forms() {
        assert_eq!(FORMS[form_of_hash("#tongji")].name, "活动统计表");
        assert_eq!(form_of_hash("shenbao"), 0);
        assert_eq!(form_of_hash(""), 0);
        assert_eq!(form_of_hash("#phone"), 0);
        assert_eq!(FORMS[form_of_hash("#ziding/xyz")].name, "自定义表格");
        assert_eq!(form_name_of_key("kepu-forms:renwu:draft:1"), "任务分解表");
        assert_eq!(form_name_of_key("kepu-forms:anpai:last"), "重点活动安排表");
        assert_eq!(form_name_of_key("kepu-forms:x:draft:1"), "其他数据");
    }

    /// The registry is the menu: every form of kepu-core, in its order, named once,
    /// each with a cargo feature that is on by default so `make dist` can build its bundle.
    #[test]
    fn every_registered_form_is_in_the_menu_with_its_feature() {
        let menu: Vec<(&str, &str)> = FORMS.iter().map(|f| (f.slug, f.name)).collect();
        assert_eq!(menu, kepu_core::forms::ALL);
        let mut names: Vec<&str> = FORMS.iter().map(|f| f.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), FORMS.len(), "menu names are distinct");
        let manifest =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
        let default = manifest.lines().find(|l| l.starts_with("default = ")).unwrap();
        for f in &FORMS {
            assert!(manifest.lines().any(|l| l == format!("{} = []", f.slug)), "feature {}", f.slug);
            assert!(default.contains(&format!("\"{}\"", f.slug)), "{} on by default", f.slug);
            assert!(f.built.is_some(), "{} is built with the default features", f.slug);
        }
    }
}
