//! The page frame: the app's name and the form being filled.

use leptos::prelude::*;

use crate::ui::shenbao::ShenbaoPage;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="app-bar screen">
            <span class="app-name">"科普表单"</span>
            <nav aria-label="表单">
                <a href="#shenbao" aria-current="page">"申报表"</a>
            </nav>
            <span class="app-note">"所填内容只保存在本浏览器中，不会上传"</span>
        </header>
        <main>
            <ShenbaoPage />
        </main>
    }
}
