//! A labelled input with its own message, the building block of every form.

use std::borrow::Cow;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::checks::Checks;
use crate::ui::keeper::Keeper;
use kepu_core::form::Heads;
use kepu_core::rules::problem::Severity;
use kepu_core::rules::zi;

/// The message shown under a field: an error or a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMessage {
    /// Error or warning, styled differently.
    pub severity: Severity,
    /// The Chinese message.
    pub text: String,
}

/// What kind of control a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// `<input type=text>`
    Text,
    /// `<input type=tel>`
    Tel,
    /// `<input type=email>`; the browser's own validation is off, ours speaks Chinese.
    Email,
    /// `<input type=date>`
    Date,
    /// `<input type=number>` for whole numbers such as a year.
    Number,
    /// `<input type=month>`
    Month,
    /// `<textarea>`
    LongText,
}

impl Control {
    fn input_type(self) -> &'static str {
        match self {
            Control::Text | Control::LongText => "text",
            Control::Tel => "tel",
            Control::Email => "email",
            Control::Date => "date",
            Control::Number => "number",
            Control::Month => "month",
        }
    }
}

/// Whether an input event belongs to an unfinished IME composition (pinyin not yet chosen).
pub fn composing(ev: &web_sys::Event) -> bool {
    ev.dyn_ref::<web_sys::InputEvent>().is_some_and(web_sys::InputEvent::is_composing)
}

/// A labelled field: `<label for>`, the control, and its message.
///
/// Edits are reported through `on_edit` only for committed text, so nothing
/// downstream (counters, checks, saving) reacts to half-typed pinyin.
#[component]
pub fn Field(
    /// Element id of the control.
    #[prop(into)]
    id: String,
    /// The paper form's exact label.
    #[prop(into)]
    label: String,
    /// The control kind.
    control: Control,
    /// Current value.
    #[prop(into)]
    value: Signal<String>,
    /// The message to show, if any.
    #[prop(into)]
    message: Signal<Option<FieldMessage>>,
    /// Called with the new committed value.
    on_edit: Callback<String>,
    /// Called when the user leaves the field.
    on_leave: Callback<()>,
    /// A note under the label, e.g. a format example.
    #[prop(optional_no_strip)]
    hint: Option<String>,
    /// Id of a `<datalist>` of suggestions.
    #[prop(optional_no_strip)]
    list: Option<&'static str>,
    /// Id of an extra description, such as a live counter.
    #[prop(optional_no_strip)]
    described_by: Option<Cow<'static, str>>,
    /// Whether the paper marks the field required.
    #[prop(default = true)]
    required: bool,
    /// Visible lines of a long text.
    #[prop(default = 16)]
    rows: u32,
    /// The `<label for>` is drawn elsewhere: a cell beside it, as a 申报书 lays its fields out.
    #[prop(default = false)]
    labelled_beside: bool,
) -> impl IntoView {
    let message_id = format!("{id}-message");
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let describe = {
        let message_id = message_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids: Vec<&str> = Vec::new();
            ids.extend(hint_id.as_deref());
            ids.extend(described_by.as_deref());
            if message.with(Option::is_some) {
                ids.push(&message_id);
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || message.with(|m| m.as_ref().is_some_and(|m| m.severity == Severity::Error)).then_some("true");
    // What the user just typed is already in the control: setting it back would cost a
    // 20,000-字 plan more than the rest of the keystroke, so only other values are set.
    let typed = StoredValue::new(None::<String>);
    let shown = Memo::new_owning(move |old: Option<String>| {
        let new = value.get();
        if typed.with_value(|t| t.as_deref().is_some_and(|t| zi::same(t, &new))) {
            return (new, false);
        }
        typed.set_value(None);
        let changed = old.as_deref() != Some(new.as_str());
        (new, changed)
    });
    let commit = move |ev: &web_sys::Event| {
        let text = event_target_value(ev);
        typed.set_value(Some(text.clone()));
        on_edit.run(text);
    };
    let on_input = move |ev: web_sys::Event| {
        if !composing(&ev) {
            commit(&ev);
        }
    };
    let on_composition_end = move |ev: web_sys::CompositionEvent| commit(&ev);
    let control_view = if control == Control::LongText {
        view! {
            <textarea
                id=id.clone()
                name=id.clone()
                rows=rows
                aria-required=required.then_some("true")
                aria-invalid=invalid
                aria-describedby=describe
                prop:value=move || shown.get()
                on:input=on_input
                on:compositionend=on_composition_end
                on:blur=move |_| on_leave.run(())
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                name=id.clone()
                type=control.input_type()
                list=list
                autocomplete="off"
                inputmode=(control == Control::Number).then_some("numeric")
                aria-required=required.then_some("true")
                aria-invalid=invalid
                aria-describedby=describe
                prop:value=move || shown.get()
                on:input=on_input
                on:compositionend=on_composition_end
                on:blur=move |_| on_leave.run(())
            />
        }
        .into_any()
    };
    view! {
        <div
            class="field"
            class:field--error=move || invalid().is_some()
            class:field--long=control == Control::LongText
        >
            {(!labelled_beside).then(|| view! { <label for=id.clone()>{label}</label> })}
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || {
                message
                    .get()
                    .map(|m| {
                        let prefix = if m.severity == Severity::Error { "错误：" } else { "提示：" };
                        view! {
                            <p
                                class="message"
                                class:message--warning=m.severity == Severity::Warning
                                id=message_id.clone()
                            >
                                <span class="sr-only">{prefix}</span>
                                {m.text}
                            </p>
                        }
                    })
            }}
            {control_view}
        </div>
    }
}

/// How a field outside the form's tables shows; what it holds, whether it is
/// checked and required come from the form ([`Heads`]).
pub struct HeadShown {
    id: Cow<'static, str>,
    label: Cow<'static, str>,
    control: Control,
    hint: Option<String>,
    list: Option<&'static str>,
    described_by: Option<Cow<'static, str>>,
    rows: u32,
    labelled_beside: bool,
}

impl HeadShown {
    /// Control `control` with element id `id` under the paper's label `label`
    /// (written in the code, or read from a table described at run time).
    pub fn new(id: impl Into<Cow<'static, str>>, label: impl Into<Cow<'static, str>>, control: Control) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            control,
            hint: None,
            list: None,
            described_by: None,
            rows: 16,
            labelled_beside: false,
        }
    }

    /// With a note under the label.
    pub fn hint(self, hint: impl Into<String>) -> Self {
        Self { hint: Some(hint.into()), ..self }
    }

    /// With the suggestions of `<datalist id=list>`.
    pub fn list(self, list: &'static str) -> Self {
        Self { list: Some(list), ..self }
    }

    /// Also described by element `id` (a live counter).
    pub fn described_by(self, id: impl Into<Cow<'static, str>>) -> Self {
        Self { described_by: Some(id.into()), ..self }
    }

    /// A long text this many lines tall.
    pub fn rows(self, rows: u32) -> Self {
        Self { rows, ..self }
    }

    /// Its `<label for>` drawn by the caller, in the cell beside it.
    pub fn labelled_beside(self) -> Self {
        Self { labelled_beside: true, ..self }
    }
}

/// Field `head` of the page's form, bound to its draft and its checks: the
/// one way a page binds a field outside its tables.
pub fn head_field<T>(keeper: Keeper<T>, checks: Checks<T::Field>, head: T::Head, shown: HeadShown) -> impl IntoView
where
    T: Heads,
    T::Field: Copy + Ord + Send + Sync + 'static,
{
    let form = keeper.form;
    let checked = T::checked(head);
    view! {
        <Field
            id=shown.id.into_owned()
            label=shown.label.into_owned()
            control=shown.control
            // A memo: a keystroke in one field must not re-send every other field's value to the page.
            value=Memo::new(move |_| form.with(|f| f.head(head).to_owned()))
            message=Signal::derive(move || checked.and_then(|f| checks.message_now(f)))
            on_edit=Callback::new(move |value: String| {
                if let Some(f) = checked {
                    checks.edited(f);
                }
                keeper.edit(|form| form.set_head(head, value));
            })
            on_leave=Callback::new(move |()| {
                if let Some(f) = checked {
                    checks.left(f);
                }
            })
            hint=shown.hint
            list=shown.list
            described_by=shown.described_by
            required=form.with_untracked(|f| f.required(head))
            rows=shown.rows
            labelled_beside=shown.labelled_beside
        />
    }
}
