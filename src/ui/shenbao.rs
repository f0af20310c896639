//! The 申报表 page: settings, the form in the paper's order, the toolbar, and the print sheet.

use leptos::prelude::*;

use crate::browser::{clock, dom, download};
use crate::ui::budget::BudgetTable;
use crate::ui::checks::{CheckAndPrint, Checks};
use crate::ui::counter::ZiCounter;
use crate::ui::drafts::DraftsPanel;
use crate::ui::field::{Control, Field as FieldView};
use crate::ui::keeper::{FormView, Keeper, SaveIndicator, StorageNoticeView};
use crate::ui::print::print_only;
use crate::ui::summary::ErrorSummary;
use kepu_core::forms::budget::{BudgetEdit, BudgetField};
use kepu_core::forms::shenbao::{self, Field, OPINION_BOXES, PLAN_MIN_ZI, SEAL, Shenbao};
use kepu_core::rules::dates::BLANK_DATE;
use kepu_core::rules::zi;

/// Everything the page's parts share; Copy, so every handler can hold it.
#[derive(Clone, Copy)]
struct Page {
    keeper: Keeper<Shenbao>,
    checks: Checks<Field>,
}

impl Page {
    fn value(self, field: Field) -> Signal<String> {
        let form = self.keeper.form;
        // A memo: a keystroke in one field must not re-send every other field's value to the page.
        Memo::new(move |_| form.with(|f| f.get(field).to_owned())).into()
    }

    fn on_budget_edit(self) -> Callback<BudgetEdit> {
        Callback::new(move |edit: BudgetEdit| {
            match &edit {
                BudgetEdit::EnteredCell(id, col, _) => {
                    let index = self.keeper.form.with_untracked(|f| f.budget.rows.iter().position(|r| r.id == *id));
                    if let Some(index) = index {
                        self.checks.edited(Field::Budget(BudgetField::Cell(index, *col)));
                    }
                }
                BudgetEdit::EnteredFunding(source, _) => {
                    self.checks.edited(Field::Budget(BudgetField::Funding(*source)))
                }
                // Row numbers shift: messages tied to old positions would mislead.
                _ => self.checks.forget(|f| matches!(f, Field::Budget(BudgetField::Cell(..)))),
            }
            self.keeper.edit(|f| f.budget.apply(edit));
        })
    }

    fn on_edit(self, field: Field) -> Callback<String> {
        Callback::new(move |value: String| {
            self.checks.edited(field);
            self.keeper.edit(|f| f.set(field, value));
        })
    }

    fn on_leave(self, field: Field) -> Callback<()> {
        Callback::new(move |()| self.checks.left(field))
    }

    fn field(self, field: Field, control: Control) -> impl IntoView {
        self.field_with(field, control, None, None)
    }

    fn field_with(
        self,
        field: Field,
        control: Control,
        hint: Option<&'static str>,
        list: Option<&'static str>,
    ) -> impl IntoView {
        view! {
            <FieldView
                id=field.simple_id()
                label=field.simple_label()
                control=control
                value=self.value(field)
                message=self.checks.message(field)
                on_edit=self.on_edit(field)
                on_leave=self.on_leave(field)
                hint=hint
                list=list
            />
        }
    }
}

/// The 申报表, screen and print.
#[component]
pub fn ShenbaoPage() -> impl IntoView {
    let keeper = Keeper::<Shenbao>::open();
    let form = keeper.form;
    let page = Page { keeper, checks: Checks::new(move || form.with(shenbao::validate)) };
    let summary_ref = NodeRef::<leptos::html::Div>::new();
    let summary_items = page.checks.summary_items(Field::id);
    let export_csv = move |_| {
        let (name, bytes) =
            form.with_untracked(|f| (shenbao::csv_file_name(f, clock::now().date()), shenbao::to_csv(f)));
        keeper.draft.download(&name, download::CSV_MIME, &bytes);
    };
    let export_budget_csv = move |_| {
        let (name, bytes) = form.with_untracked(|f| shenbao::budget_csv(f, clock::now().date()));
        keeper.draft.download(&name, download::CSV_MIME, &bytes);
    };
    let switched = Callback::new(move |()| page.checks.reset());
    keeper.draft.on_switched(switched);
    let start_new = move |_| {
        if keeper.draft.create_fresh() {
            dom::focus_field_later(Field::Community.simple_id().into());
        }
    };
    // Counted once per change, however many places show the count.
    let recount = StoredValue::new(zi::Recount::default());
    let plan_count = Memo::new(move |_| form.with(|f| recount.write_value().count(&f.plan)));
    let title = move || form.with(Shenbao::title);
    let deadline = move || form.with(Shenbao::deadline_text);
    // A memo: the options are rebuilt when the city changes, not on every keystroke.
    let suggestions = Memo::new(move |_| form.with(Shenbao::district_suggestions));
    let districts = move || suggestions.get().iter().map(|d| view! { <option value=*d></option> }).collect_view();

    view! {
        <div class="screen">
            <header class="form-header">
                <h1>{title}</h1>
                <p class="deadline">
                    {move || {
                        let date = deadline();
                        if date.is_empty() {
                            view! { "申报截止日期尚未设置：请在下方“设置”中填写通知规定的日期" }.into_any()
                        } else {
                            view! { "申报截止日期：" <strong>{date}</strong> }.into_any()
                        }
                    }}
                    "。签字盖章的纸质版报送市科协科普部，电子版发送至电子邮箱。"
                </p>
            </header>
            <DraftsPanel draft=keeper.draft />
            <StorageNoticeView draft=keeper.draft />
            <div class="toolbar" role="toolbar" aria-label="表单操作">
                <CheckAndPrint on_check=Callback::new(move |()| page.checks.run(summary_ref)) />
                <button type="button" on:click=export_csv>"导出CSV"</button>
                <button type="button" on:click=export_budget_csv>"导出预算CSV"</button>
                <button type="button" on:click=start_new>"新建"</button>
                <SaveIndicator state=keeper.draft.state />
            </div>
            <ErrorSummary id="shenbao-summary" checked=page.checks.checked items=summary_items node_ref=summary_ref />
            <details class="settings">
                <summary>"设置：年度、城市、申报截止日期"</summary>
                <div class="settings__fields">
                    {page.field(Field::Year, Control::Number)}
                    {page.field(Field::City, Control::Text)}
                    {page.field(Field::Deadline, Control::Date)}
                </div>
            </details>
            <form class="paper-form" novalidate on:submit=|ev| ev.prevent_default()>
                <div class="grid">
                    {page.field_with(Field::District, Control::Text, Some("可从列表选择，园区也可直接填写"), Some("district-list"))}
                    <datalist id="district-list">{districts}</datalist>
                    {page.field(Field::Community, Control::Text)}
                    {page.field(Field::Address, Control::Text)}
                    {page.field(Field::Contact, Control::Text)}
                    {page.field_with(Field::Phone, Control::Tel, Some("手机号或带区号的固定电话，如0772-2625843"), None)}
                    {page.field(Field::Email, Control::Email)}
                    {page.field(Field::ActivityName, Control::Text)}
                    <fieldset class="period">
                        <legend>"活动起止时间"</legend>
                        {page.field(Field::StartDate, Control::Date)}
                        {page.field(Field::EndDate, Control::Date)}
                    </fieldset>
                </div>
                <div class="plan">
                    <FieldView
                        id=Field::Plan.simple_id()
                        label=Field::Plan.simple_label()
                        control=Control::LongText
                        value=page.value(Field::Plan)
                        message=page.checks.message(Field::Plan)
                        on_edit=page.on_edit(Field::Plan)
                        on_leave=page.on_leave(Field::Plan)
                        hint=Some("（不少于800字）")
                        described_by=Some("plan-counter")
                    />
                    <ZiCounter id="plan-counter" count=plan_count min=PLAN_MIN_ZI />
                </div>
                        <BudgetTable
                    budget=Memo::new(move |_| form.with(|f| f.budget.clone()))
                    on_edit=page.on_budget_edit()
                    message=Callback::new(move |b| page.checks.message_now(Field::Budget(b)))
                    on_leave=Callback::new(move |b| page.checks.left(Field::Budget(b)))
                />
            </form>
        </div>
        {print_only(move || shenbao_sheet(form))}
    }
}

/// The paper 附件1, laid out for A4: only the print stylesheet shows it.
fn shenbao_sheet(form: FormView<Shenbao>) -> impl IntoView {
    let model = Memo::new(move |_| form.with(shenbao::print_model));
    let failed = move || model.with(|m| m.failed_check);
    let pair_rows = move || {
        model.with(|m| {
            m.pairs
                .iter()
                .map(|[(l1, v1), (l2, v2)]| {
                    view! {
                        <tr class="print-row">
                            <th scope="row">{*l1}</th>
                            <td>{v1.clone()}</td>
                            <th scope="row">{*l2}</th>
                            <td>{v2.clone()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="print-sheet">
            <p class="print-attachment">"附件1"</p>
            <h1 class="print-title">{move || model.with(|m| m.title.clone())}</h1>
            {move || failed().then(|| view! { <p class="print-unchecked">"未通过校验"</p> })}
            <table class="print-table">
                <colgroup>
                    <col class="print-col-label" />
                    <col class="print-col-value" />
                    <col class="print-col-label" />
                    <col class="print-col-value" />
                </colgroup>
                <tbody>
                    {pair_rows}
                    <tr class="print-plan">
                        <th scope="row">"活动方案"<br />"（不少于800字）"</th>
                        <td colspan="3" class="print-long">{move || model.with(|m| m.plan.clone())}</td>
                    </tr>
                    <tr class="print-row">
                        <th scope="row">"活动预算"</th>
                        <td colspan="3" class="print-budget-summary">
                            <p>{move || model.with(|m| format!("合计（元）：{}", m.budget.total))}</p>
                            <p>{move || model.with(|m| format!("合计（大写）：{}", m.budget.total_upper))}</p>
                            <p>{move || model.with(|m| m.budget.funding_line())}</p>
                            <p>"明细见附：活动预算表"</p>
                        </td>
                    </tr>
                    <tr class="print-row print-opinions">
                        {OPINION_BOXES
                            .iter()
                            .map(|label| {
                                view! {
                                    <td colspan="2" class="print-opinion">
                                        <p class="print-opinion__label">{*label}</p>
                                        <p class="print-opinion__seal">{SEAL}</p>
                                        <p class="print-opinion__date">{BLANK_DATE}</p>
                                    </td>
                                }
                            })
                            .collect_view()}
                    </tr>
                </tbody>
            </table>
            <BudgetPrint model=model />
        </section>
    }
}

/// The budget table on its own page: header repeated, no row split, 合计 and 大写 last.
#[component]
fn BudgetPrint(model: Memo<shenbao::PrintModel>) -> impl IntoView {
    let rows = move || {
        model.with(|m| {
            m.budget
                .rows
                .iter()
                .map(|cells| view! { <tr>{cells.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr> })
                .collect_view()
        })
    };
    view! {
        <div class="print-budget">
            <h2 class="print-budget__title">"附：活动预算表"</h2>
            <table class="print-table print-budget__table">
                <colgroup>
                    {[8, 18, 18, 8, 8, 13, 14, 13]
                        .map(|w| view! { <col style=format!("width: {w}%") /> })
                        .collect_view()}
                </colgroup>
                <thead>
                    <tr>{kepu_core::forms::budget::CSV_HEADER.map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {rows}
                    <tr class="print-budget__total">
                        <th scope="row" colspan="6">"合计（元）"</th>
                        <td>{move || model.with(|m| m.budget.total.clone())}</td>
                        <td></td>
                    </tr>
                    <tr class="print-budget__total">
                        <td colspan="8">{move || model.with(|m| format!("合计（大写）：{}", m.budget.total_upper))}</td>
                    </tr>
                    <tr class="print-budget__funding">
                        <td colspan="8">{move || model.with(|m| m.budget.funding_line())}</td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}
