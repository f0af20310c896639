//! The one frame of every form page: title, the 草稿 panel, notices, the
//! toolbar (检查, 打印, the form's own buttons, 新建, the save indicator),
//! the error summary, the settings, the form itself and its print sheet.
//! A form page supplies its body, its buttons and its print sheet only.

use leptos::prelude::*;

use crate::browser::dom;
use crate::contract::{EXCEL_ROOM_ATTR, EXPORT_KEY_ATTR, EXPORT_LABEL_ATTR};
use crate::ui::checks::CheckAndPrint;
use crate::ui::drafts::DraftsPanel;
use crate::ui::html::Html;
use crate::ui::keeper::{DraftSession, SaveIndicator, StorageNoticeView};
use crate::ui::print::print_sheet;
use crate::ui::summary::{ErrorSummary, SummaryItem};
use kepu_core::form::Export;

/// What the shell needs of a form's checks: built by `Checks::hooks`.
#[derive(Clone, Copy)]
pub struct CheckHooks {
    /// Whether 检查 has been pressed.
    pub checked: Signal<bool>,
    /// The summary's lines.
    pub items: Signal<Vec<SummaryItem>>,
    /// Presses 检查, moving focus to the summary.
    pub run: Callback<NodeRef<leptos::html::Div>>,
}

/// The CSV buttons of `exports` as HTML text, one click handler for all
/// (a list of views costs each form's first visit about 1 KB gzip more);
/// excel.js puts an Excel button after each (`data-excel`, `data-excel-label`),
/// in place of an unseen copy that keeps its room: on a phone the toolbar
/// would otherwise gain a row, and the form move down, as the user starts.
fn exports_html(exports: &[Export]) -> String {
    let mut out = Html::default();
    for (i, e) in exports.iter().enumerate() {
        out.tag("<button type=\"button\"").attr("data-export", i).attr(EXPORT_KEY_ATTR, e.key);
        out.attr(EXPORT_LABEL_ATTR, e.excel).tag(">").text(e.csv).tag("</button>");
        out.tag("<button type=\"button\" class=\"later-placeholder\" aria-hidden=\"true\" tabindex=\"-1\" disabled");
        out.attr(EXCEL_ROOM_ATTR, e.key).tag(">").text(e.excel).tag("</button>");
    }
    out.finish()
}

/// A form page's frame; see the module doc.
#[component]
pub fn FormShell(
    /// The form's draft session.
    draft: DraftSession,
    /// The form's checks.
    checks: CheckHooks,
    /// The title, as on paper.
    #[prop(into)]
    title: Signal<String>,
    /// The toolbar's accessible name.
    toolbar_label: &'static str,
    /// The control that takes focus after 新建.
    new_focus: &'static str,
    /// Lines under the title (a deadline).
    #[prop(optional, into)]
    intro: Option<ViewFnOnce>,
    /// The form's own toolbar buttons, after its exports (the CSV buttons of
    /// [`kepu_core::form::Form::EXPORTS`], which excel.js follows with Excel's) and before 新建.
    #[prop(optional, into)]
    tools: Option<ViewFnOnce>,
    /// Below the toolbar (a choice a button opened).
    #[prop(optional, into)]
    below_toolbar: Option<ViewFnOnce>,
    /// The settings panel's summary line and fields.
    #[prop(optional)]
    settings: Option<(&'static str, ViewFnOnce)>,
    /// Below the form, on screen only (a tool that is not part of the paper).
    #[prop(optional, into)]
    after: Option<ViewFnOnce>,
    /// The form itself.
    children: Children,
) -> impl IntoView {
    let summary_ref = NodeRef::<leptos::html::Div>::new();
    let summary_id = format!("{}-summary", draft.slug());
    let start_new = move |_| {
        if draft.create_fresh() {
            dom::focus_field_later(new_focus.into());
        }
    };
    let settings = settings.map(|(summary, fields)| {
        view! {
            <details class="settings">
                <summary>{summary}</summary>
                <div class="settings__fields">{fields.run()}</div>
            </details>
        }
    });
    view! {
        <div class="screen">
            <header class="form-header">
                <h1>{title}</h1>
                {intro.map(ViewFnOnce::run)}
            </header>
            <DraftsPanel draft=draft />
            <StorageNoticeView draft=draft />
            <div class="toolbar" role="toolbar" aria-label=toolbar_label>
                <CheckAndPrint on_check=Callback::new(move |()| checks.run.run(summary_ref)) />
                <span class="toolbar__exports" inner_html=exports_html(draft.exports())
                    on:click=move |ev| {
                        if let Some(i) = dom::clicked(&ev, "data-export") {
                            draft.export_csv(i as usize);
                        }
                    }></span>
                {tools.map(ViewFnOnce::run)}
                <button type="button" on:click=start_new>"新建"</button>
                <SaveIndicator state=draft.state />
            </div>
            {below_toolbar.map(ViewFnOnce::run)}
            <ErrorSummary id=summary_id checked=checks.checked items=checks.items node_ref=summary_ref />
            {settings}
            <form class="paper-form" novalidate on:submit=|ev| ev.prevent_default()>
                {children()}
            </form>
            {after.map(ViewFnOnce::run)}
        </div>
        {print_sheet(draft)}
    }
}
