//! Mounts the app; everything else lives in the library so tests can reach it.

fn main() {
    kepu_forms::browser::crash::install_crash_screen();
    // The drafts a crash took from localStorage are put back before any page reads them.
    wasm_bindgen_futures::spawn_local(async {
        kepu_forms::browser::storage::restore().await;
        kepu_forms::ui::keeper::reader::before_first_page().await;
        leptos::mount::mount_to_body(kepu_forms::ui::app::App);
        kepu_forms::browser::dom::announce(kepu_forms::contract::APP_READY_EVENT);
    });
}
