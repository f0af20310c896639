//! The pieces of an editable table: a labelled cell, and the undo line after a row is removed.

use leptos::prelude::*;

use crate::ui::field::{FieldMessage, composing};
use kepu_core::rules::problem::Severity;

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
}

/// One cell: an input whose accessible name is its column and row (`数量 第2行`),
/// with its message under it.
#[component]
pub fn CellInput(
    /// Element id of the input.
    id: String,
    /// Accessible name, `数量 第2行`.
    name: String,
    /// What the cell holds.
    kind: CellKind,
    /// Current value.
    #[prop(into)]
    value: Signal<String>,
    /// The message to show, if any.
    #[prop(into)]
    message: Signal<Option<FieldMessage>>,
    /// Called with each committed value.
    on_input: Callback<String>,
    /// Called when the user leaves the cell.
    on_leave: Callback<()>,
    /// Id of a `<datalist>` of suggestions.
    #[prop(optional_no_strip)]
    list: Option<&'static str>,
) -> impl IntoView {
    let message_id = format!("{id}-message");
    let invalid = move || message.with(|m| m.as_ref().is_some_and(|m| m.severity == Severity::Error));
    let described = {
        let message_id = message_id.clone();
        move || message.with(Option::is_some).then(|| message_id.clone())
    };
    let numeric = matches!(kind, CellKind::Decimal | CellKind::Count);
    let control = match kind {
        CellKind::Choice(options) => view! {
            <select
                id=id.clone()
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:change=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |_| on_leave.run(())
            >
                <option value="">"请选择"</option>
                {options.iter().map(|o| view! { <option value=*o>{*o}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        _ => view! {
            <input
                id=id.clone()
                type=if kind == CellKind::Date { "date" } else { "text" }
                autocomplete="off"
                list=list
                inputmode=match kind {
                    CellKind::Decimal => Some("decimal"),
                    CellKind::Count => Some("numeric"),
                    _ => None,
                }
                class:numeric=numeric
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| {
                    if !composing(&ev) {
                        on_input.run(event_target_value(&ev));
                    }
                }
                on:compositionend=move |ev: web_sys::CompositionEvent| on_input.run(event_target_value(&ev))
                on:blur=move |_| on_leave.run(())
            />
        }
        .into_any(),
    };
    view! {
        <td class="table-cell" class:table-cell--error=invalid>
            <label class="sr-only" for=id>{name}</label>
            {control}
            {move || message.get().map(|m| view! { <p class="message cell-message" id=message_id.clone()>{m.text}</p> })}
        </td>
    }
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
