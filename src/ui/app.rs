//! The page frame: the app's name, the switch between forms (each with its
//! own URL hash, so a bookmark opens it), and the forms themselves.

use leptos::prelude::*;

use crate::ui::anpai::AnpaiPage;
use crate::ui::backup::BackupButtons;
use crate::ui::keeper::Drafts;
use crate::ui::print::Printing;
use crate::ui::renwu::RenwuPage;
use crate::ui::shenbao::ShenbaoPage;
use crate::ui::tongji::TongjiPage;

/// The forms the app offers, each at its own `#hash`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// 申报表 (with its 活动预算), `#shenbao`.
    Shenbao,
    /// 活动统计表, `#tongji`.
    Tongji,
    /// 科普信息员工作任务分解表, `#renwu`.
    Renwu,
    /// 重点活动安排表, `#anpai`.
    Anpai,
}

impl Form {
    /// Every form, in the menu's order.
    pub const ALL: [Form; 4] = [Form::Shenbao, Form::Tongji, Form::Renwu, Form::Anpai];

    /// The URL hash, without `#`.
    pub fn hash(self) -> &'static str {
        match self {
            Form::Shenbao => "shenbao",
            Form::Tongji => "tongji",
            Form::Renwu => "renwu",
            Form::Anpai => "anpai",
        }
    }

    /// The name in the menu.
    pub fn name(self) -> &'static str {
        match self {
            Form::Shenbao => "申报表",
            Form::Tongji => "活动统计表",
            Form::Renwu => "任务分解表",
            Form::Anpai => "重点活动安排表",
        }
    }

    /// The form a URL hash asks for; the 申报表 for anything unknown.
    pub fn from_hash(hash: &str) -> Form {
        let hash = hash.trim_start_matches('#');
        Form::ALL.into_iter().find(|f| f.hash() == hash).unwrap_or(Form::Shenbao)
    }
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
    let form = RwSignal::new(Form::from_hash(&current_hash()));
    Drafts::provide();
    // The print sheets exist only from `beforeprint` (Ctrl+P, or 打印) to `afterprint`.
    let printing = RwSignal::new(false);
    provide_context(Printing(printing));
    let on_before_print = window_event_listener(leptos::ev::beforeprint, move |_| printing.set(true));
    let on_after_print = window_event_listener(leptos::ev::afterprint, move |_| printing.set(false));
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| form.set(Form::from_hash(&current_hash())));
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
        let name = form.get().name();
        document().set_title(&format!("{name} - 科普表单"));
    });
    let page = move |which: Form, content: AnyView| {
        view! { <div class="form-page" id=format!("page-{}", which.hash()) hidden=move || form.get() != which>{content}</div> }
    };
    view! {
        <header class="app-bar screen">
            <span class="app-name">"科普表单"</span>
            <nav aria-label="表单">
                {Form::ALL
                    .map(|f| {
                        view! {
                            <a href=format!("#{}", f.hash()) aria-current=move || (form.get() == f).then_some("page")>
                                {f.name()}
                            </a>
                        }
                    })
                    .into_iter()
                    .collect_view()}
            </nav>
            <span class="app-note">"所填内容只保存在本浏览器中，不会上传"</span>
            <BackupButtons />
        </header>
        <main>
            {page(Form::Shenbao, view! { <ShenbaoPage /> }.into_any())}
            {page(Form::Tongji, view! { <TongjiPage /> }.into_any())}
            {page(Form::Renwu, view! { <RenwuPage /> }.into_any())}
            {page(Form::Anpai, view! { <AnpaiPage /> }.into_any())}
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_choose_forms() {
        assert_eq!(Form::from_hash("#tongji"), Form::Tongji);
        assert_eq!(Form::from_hash("shenbao"), Form::Shenbao);
        assert_eq!(Form::from_hash(""), Form::Shenbao);
        assert_eq!(Form::from_hash("#phone"), Form::Shenbao);
    }
}
