//! The page frame: the app's name, the switch between forms (each with its
//! own URL hash, so a bookmark opens it), and the forms themselves.

use leptos::prelude::*;

use crate::ui::anpai::AnpaiPage;
use crate::ui::backup::BackupButtons;
use crate::ui::keeper::{DraftSession, Drafts};
use crate::ui::print::Printing;
use crate::ui::renwu::RenwuPage;
use crate::ui::shenbao::ShenbaoPage;
use crate::ui::tongji::TongjiPage;
use kepu_core::backup;
use kepu_core::draft::Kind;
use kepu_core::forms::{anpai::Anpai, renwu::Renwu, shenbao::Shenbao, tongji::Tongji};

/// A form the app offers: its kind (whose slug is its `#hash` and its storage
/// key part), its name in the menu, and its page.
pub struct FormEntry {
    /// The form's kind.
    pub kind: Kind,
    /// The name in the menu and in messages about its drafts.
    pub name: &'static str,
    /// The form's page.
    pub page: fn() -> AnyView,
}

/// Every form, in the menu's order. Adding a form is its `forms/` and `ui/`
/// modules and one line here: the menu, the pages, backups and hand-overs follow.
pub const FORMS: [FormEntry; 4] = [
    FormEntry { kind: Kind::of::<Shenbao>(), name: "申报表", page: || view! { <ShenbaoPage /> }.into_any() },
    FormEntry { kind: Kind::of::<Tongji>(), name: "活动统计表", page: || view! { <TongjiPage /> }.into_any() },
    FormEntry { kind: Kind::of::<Renwu>(), name: "任务分解表", page: || view! { <RenwuPage /> }.into_any() },
    FormEntry { kind: Kind::of::<Anpai>(), name: "重点活动安排表", page: || view! { <AnpaiPage /> }.into_any() },
];

/// The form a URL hash asks for (an index into [`FORMS`]); the first for anything unknown.
pub fn form_of_hash(hash: &str) -> usize {
    let hash = hash.trim_start_matches('#');
    FORMS.iter().position(|f| f.kind.slug == hash).unwrap_or(0)
}

/// The name of the form a stored key belongs to, for messages about it.
pub fn form_name_of_key(key: &str) -> &'static str {
    backup::form_of_key(key)
        .and_then(|slug| FORMS.iter().find(|f| f.kind.slug == slug))
        .map_or("其他数据", |f| f.name)
}

/// A form's page, given its draft session by context in an owner of its own
/// (kept alive by the view, so the page's signals live as long as it does).
fn form_page(entry: &FormEntry) -> impl IntoView {
    let owner = Owner::current().map(|o| o.child()).unwrap_or_default();
    let page = owner.with(|| {
        provide_context(DraftSession::open(entry.kind));
        (entry.page)()
    });
    leptos::tachys::reactive_graph::OwnedView::new_with_owner(page, owner)
}

/// A window event that makes the app panic, for the test of the error screen.
pub const TEST_PANIC_EVENT: &str = "kepu-forms-test-panic";

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The whole app. Every form stays mounted so switching never drops a keystroke;
/// only the chosen one is shown and printed.
#[component]
pub fn App() -> impl IntoView {
    let form = RwSignal::new(form_of_hash(&current_hash()));
    Drafts::provide();
    // The print sheets exist only from `beforeprint` (Ctrl+P, or 打印) to `afterprint`.
    let printing = RwSignal::new(false);
    provide_context(Printing(printing));
    let on_before_print = window_event_listener(leptos::ev::beforeprint, move |_| printing.set(true));
    let on_after_print = window_event_listener(leptos::ev::afterprint, move |_| printing.set(false));
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| form.set(form_of_hash(&current_hash())));
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
                            <a href=format!("#{}", f.kind.slug) aria-current=move || (form.get() == i).then_some("page")>
                                {f.name}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            <span class="app-note">"所填内容只保存在本浏览器中，不会上传"</span>
            <BackupButtons />
        </header>
        <main>
            {FORMS
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    view! {
                        <div class="form-page" id=format!("page-{}", f.kind.slug) hidden=move || form.get() != i>
                            {form_page(f)}
                        </div>
                    }
                })
                .collect_view()}
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_choose_forms() {
        assert_eq!(FORMS[form_of_hash("#tongji")].name, "活动统计表");
        assert_eq!(form_of_hash("shenbao"), 0);
        assert_eq!(form_of_hash(""), 0);
        assert_eq!(form_of_hash("#phone"), 0);
        assert_eq!(form_name_of_key("kepu-forms:renwu:draft:1"), "任务分解表");
        assert_eq!(form_name_of_key("kepu-forms:anpai:last"), "重点活动安排表");
        assert_eq!(form_name_of_key("kepu-forms:x:draft:1"), "其他数据");
    }

    /// A form that can be stored but is missing here would have no menu entry,
    /// no page, no name in backups and no page to hand a draft to.
    #[test]
    fn every_stored_form_is_registered_once() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/kepu-core/src/forms");
        let mut slugs: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines().filter(|l| l.trim_start().starts_with("const SLUG: &'static str = ")) {
                slugs.push(line.split('"').nth(1).unwrap().to_owned());
            }
        }
        slugs.sort();
        let mut registered: Vec<String> = FORMS.iter().map(|f| f.kind.slug.to_owned()).collect();
        registered.sort();
        assert_eq!(slugs, registered);
        let mut names: Vec<&str> = FORMS.iter().map(|f| f.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), FORMS.len(), "menu names are distinct");
    }
}
