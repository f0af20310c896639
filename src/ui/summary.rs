//! The error summary at the top of a form, shown after 检查.

use leptos::prelude::*;

use crate::browser::dom;
use kepu_core::rules::problem::Severity;

/// One line of the summary: a message that links to its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryItem {
    /// Id of the field's control.
    pub field_id: String,
    /// Error or warning.
    pub severity: Severity,
    /// The message, as beside the field.
    pub text: String,
}

fn item_view(item: SummaryItem) -> impl IntoView {
    let id = item.field_id;
    view! {
        <li>
            <a
                href=format!("#{id}")
                on:click=move |ev| {
                    // The URL hash belongs to the form switcher, not to field links.
                    ev.prevent_default();
                    let _ = dom::focus_field(&id);
                }
            >
                {item.text}
            </a>
        </li>
    }
}

/// The summary box: every problem as a link to its field; `role=alert` so the
/// result of 检查 is announced, focusable so it can take focus.
#[component]
pub fn ErrorSummary(
    /// Element id, one per form page.
    #[prop(into)]
    id: String,
    /// Whether 检查 has been pressed.
    #[prop(into)]
    checked: Signal<bool>,
    /// The current problems, in the form's order.
    #[prop(into)]
    items: Signal<Vec<SummaryItem>>,
    /// Lets the page move focus here after 检查.
    node_ref: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let list = move |severity: Severity| {
        items.get().into_iter().filter(|i| i.severity == severity).map(item_view).collect_view()
    };
    let content = move || {
        if !checked.get() {
            return None;
        }
        let (errors, warnings) = items.with(|all| {
            (
                all.iter().filter(|i| i.severity == Severity::Error).count(),
                all.iter().filter(|i| i.severity == Severity::Warning).count(),
            )
        });
        Some(if errors > 0 {
            view! {
                <div class="summary summary--error">
                    <h2>{format!("检查发现 {errors} 个问题，请修改后再报送")}</h2>
                    <ul>{list(Severity::Error)}</ul>
                    {(warnings > 0).then(|| view! { <h3>"请确认以下提示"</h3> <ul>{list(Severity::Warning)}</ul> })}
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="summary summary--ok">
                    <h2>"检查通过，可以打印签字盖章并报送"</h2>
                    {(warnings > 0).then(|| view! { <h3>"请确认以下提示"</h3> <ul>{list(Severity::Warning)}</ul> })}
                </div>
            }
            .into_any()
        })
    };
    view! {
        <div id=id class="summary-region" role="alert" tabindex="-1" node_ref=node_ref>
            {content}
        </div>
    }
}
