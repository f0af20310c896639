//! In headless Chromium: the draft store against real localStorage, and
//! components mounted into a real DOM.
#![cfg(target_arch = "wasm32")]

use kepu_core::draft::{self, DraftStore, Kept, Loaded, Unread};
use kepu_core::forms::shenbao::Shenbao;
use kepu_core::rules::zi;
use kepu_forms::browser::storage::LocalStore;
use kepu_forms::ui::counter::ZiCounter;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_key(name: &str) -> String {
    let key = format!("kepu-forms:test:{name}");
    LocalStore.remove(&key).unwrap();
    key
}

#[wasm_bindgen_test]
fn draft_round_trips_through_local_storage() {
    let key = fresh_key("round-trip");
    let form = Shenbao {
        community: "河东社区".into(), plan: "第一段𠮷\r\n第二段😀".into(), ..Shenbao::default()
    };
    draft::save(&LocalStore, &key, &form, "", "2024-04-01T10:00:00").unwrap();
    let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item(&key).unwrap().unwrap();
    assert!(raw.starts_with(r#"{"format":2,"#), "{raw}");
    match draft::load::<Shenbao>(&LocalStore, &key, "s") {
        Loaded::Draft(envelope) => assert_eq!(envelope.form, form),
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
fn unreadable_local_storage_value_is_quarantined() {
    let key = fresh_key("corrupt");
    LocalStore.set(&key, "not json {").unwrap();
    let loaded = draft::load::<Shenbao>(&LocalStore, &key, "20240401T100000");
    let kept = format!("{key}:unreadable:20240401T100000");
    let why = Unread::Broken;
    assert_eq!(loaded, Loaded::Kept(Kept { why, kept_under: kept.clone(), raw: "not json {".into() }));
    assert_eq!(LocalStore.get(&kept).unwrap().as_deref(), Some("not json {"));
    LocalStore.remove(&kept).unwrap();
}

fn mount_point() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

#[wasm_bindgen_test]
async fn counter_shows_zi_chars_and_shortfall() {
    let parent = mount_point();
    let text = RwSignal::new("Hello 世界".to_owned());
    let count = Signal::derive(move || text.with(|t| zi::count(t)));
    let _handle = leptos::mount::mount_to(parent.clone(), move || view! { <ZiCounter id="c" count=count min=800 /> });
    let counter = || parent.query_selector("#c").unwrap().unwrap().text_content().unwrap();
    assert_eq!(counter(), "字数：3字符数（不计空格）：7还差 797 字");
    text.set("科".repeat(800));
    leptos::task::tick().await;
    assert_eq!(counter(), "字数：800字符数（不计空格）：800已满800字");
}

#[wasm_bindgen_test]
fn crash_screen_offers_the_stored_drafts_as_a_file() {
    LocalStore
        .set("kepu-forms:shenbao", r#"{"format":2,"app":"t","saved_at":"","form":{"community":"河东社区"}}"#)
        .unwrap();
    kepu_forms::browser::crash::show().unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let screen = document.get_element_by_id(kepu_forms::browser::crash::SCREEN_ID).unwrap();
    assert_eq!(screen.get_attribute("role").as_deref(), Some("alertdialog"));
    assert!(screen.text_content().unwrap().contains("最后一次自动保存的草稿仍在本浏览器中"));
    let link: web_sys::HtmlAnchorElement = document.get_element_by_id("crash-download").unwrap().unchecked_into();
    assert_eq!(link.text_content().as_deref(), Some("下载草稿"));
    assert!(link.href().starts_with("blob:"), "{}", link.href());
    assert!(link.download().starts_with("科普表单草稿备份_"));
    // The stored draft is untouched.
    assert_eq!(
        LocalStore.get("kepu-forms:shenbao").unwrap().as_deref(),
        Some(r#"{"format":2,"app":"t","saved_at":"","form":{"community":"河东社区"}}"#)
    );
    screen.remove();
    LocalStore.remove("kepu-forms:shenbao").unwrap();
}

/// What offline/page.js calls before it reloads into a new build: every open
/// form's unsaved text is written at once, without waiting for the autosave pause.
#[wasm_bindgen_test]
fn save_drafts_writes_unsaved_text_at_once() {
    use kepu_forms::ui::keeper::{DraftSession, Drafts, Keeper, save_drafts};
    let owner = Owner::new();
    let keeper = owner.with(|| {
        Drafts::provide();
        provide_context(DraftSession::open(kepu_core::draft::Kind::of::<Shenbao>()));
        Keeper::<Shenbao>::of_page()
    });
    keeper.edit(|form| form.community = "更新前社区".into());
    let key = format!("kepu-forms:shenbao:draft:{}", keeper.draft.id.get_untracked());
    assert!(LocalStore.get(&key).unwrap().is_none_or(|raw| !raw.contains("更新前社区")), "not saved before");
    assert!(save_drafts());
    assert!(LocalStore.get(&key).unwrap().unwrap().contains(r#""community":"更新前社区""#));
    drop(owner);
}
