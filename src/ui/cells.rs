//! The undo line after a row of an editable table is removed.

use leptos::prelude::*;

/// `已删除第2行（…） 撤销`, shown after a row is removed.
#[component]
pub fn UndoLine(
    /// Element id of the 撤销 button, so focus can move to it.
    #[prop(into)]
    id: String,
    /// What was removed, or `None` when there is nothing to undo.
    #[prop(into)]
    removed: Signal<Option<String>>,
    /// Puts the row back.
    on_undo: Callback<()>,
) -> impl IntoView {
    move || {
        removed.get().map(|what| {
            view! {
                <span class="undo-line" role="status">
                    {what}
                    <button type="button" id=id.clone() on:click=move |_| on_undo.run(())>"撤销"</button>
                </span>
            }
        })
    }
}
