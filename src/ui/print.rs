//! The print sheets: built only while the page is being printed, so typing never pays for them.

use leptos::prelude::*;

/// Whether the page is being printed, shared through context by the app.
#[derive(Clone, Copy)]
pub struct Printing(pub RwSignal<bool>);

/// The printing flag; outside the app (a component test), always printing.
pub fn printing() -> RwSignal<bool> {
    use_context::<Printing>().map(|p| p.0).unwrap_or_else(|| RwSignal::new(true))
}

/// The print sheet from `sheet`, built only while printing: typing never pays for it.
pub fn print_only<V: IntoView + 'static>(sheet: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
    let printing = printing();
    move || printing.get().then(&sheet)
}
