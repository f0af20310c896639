//! The pieces of an editable table: what a cell holds, and the undo line after a row is removed.

use leptos::prelude::*;

/// What a table cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Free text.
    Text,
    /// A decimal number (money, quantity): right-aligned, decimal keypad.
    Decimal,
    /// A whole number: right-aligned, numeric keypad.
    Count,
    /// A date picker.
    Date,
    /// One of a few choices, with a blank first option.
    Choice(&'static [&'static str]),
    /// A few lines of text, such as a 工作内容.
    LongText,
    /// Computed by the page from the other cells (a 金额): shown, not typed.
    Computed,
}

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
