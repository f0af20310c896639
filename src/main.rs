//! Mounts the app; everything else lives in the library so tests can reach it.

fn main() {
    kepu_forms::browser::crash::install_panic_screen();
    leptos::mount::mount_to_body(kepu_forms::ui::app::App);
}
