//! The 申报表 page: settings, the form in the paper's order, the toolbar, and the print sheet.

use leptos::prelude::*;

use crate::browser::{clock, download};
use crate::ui::budget::{self, budget_table};
use crate::ui::checks::Checks;
use crate::ui::counter::ZiCounter;
use crate::ui::field::{Control, Field as FieldView};
use crate::ui::keeper::Keeper;
use crate::ui::shell::FormShell;
use kepu_core::forms::shenbao::{self, Field, PLAN_MIN_ZI, Shenbao};
use kepu_core::rules::zi;

/// Element id of a single-value field's input: stable, so links and tests can find it.
const fn simple_id(field: Field) -> &'static str {
    match field {
        Field::District => "district",
        Field::Community => "community",
        Field::Address => "address",
        Field::Contact => "contact",
        Field::Phone => "phone",
        Field::Email => "email",
        Field::ActivityName => "activity-name",
        Field::StartDate => "start-date",
        Field::EndDate => "end-date",
        Field::Plan => "plan",
        Field::Budget(_) => "budget",
        Field::Year => "year",
        Field::City => "city",
        Field::Deadline => "deadline",
    }
}

/// Element id of the control a problem points at.
fn field_id(field: Field) -> String {
    match field {
        Field::Budget(b) => budget::field_id(b),
        other => simple_id(other).to_owned(),
    }
}

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
                id=simple_id(field)
                label=field.label()
                control=control
                value=self.value(field)
                message=self.checks.message(field)
                on_edit=self.on_edit(field)
                on_leave=self.on_leave(field)
                hint=hint.map(String::from)
                list=list
            />
        }
    }
}

/// The 申报表, screen and print.
#[component]
pub fn ShenbaoPage() -> impl IntoView {
    let keeper = Keeper::<Shenbao>::of_page();
    let form = keeper.form;
    let page = Page { keeper, checks: Checks::new(move || form.with(shenbao::validate)) };
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
    // Counted once per change, however many places show the count.
    let recount = StoredValue::new(zi::Recount::default());
    let plan_count = Memo::new(move |_| form.with(|f| recount.write_value().count(&f.plan)));
    let title = move || form.with(Shenbao::title);
    let deadline = move || form.with(Shenbao::deadline_text);
    // A memo: the options are rebuilt when the city changes, not on every keystroke.
    let suggestions = Memo::new(move |_| form.with(Shenbao::district_suggestions));
    let districts = move || suggestions.get().iter().map(|d| view! { <option value=*d></option> }).collect_view();

    view! {
        <FormShell
            draft=keeper.draft
            checks=page.checks.hooks(field_id)
            title=Signal::derive(title)
            toolbar_label="表单操作"
            new_focus=simple_id(Field::Community)
            intro=move || view! {
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
            }
            tools=move || view! {
                <button type="button" data-excel="form" on:click=export_csv>"导出CSV"</button>
                <button type="button" data-excel="budget" on:click=export_budget_csv>"导出预算CSV"</button>
            }
            settings=("设置：年度、城市、申报截止日期", ViewFnOnce::from(move || view! {
                {page.field(Field::Year, Control::Number)}
                {page.field(Field::City, Control::Text)}
                {page.field(Field::Deadline, Control::Date)}
            }))
            print=Callback::new(move |()| form.with(shenbao::print_sheet))
        >
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
                        id=simple_id(Field::Plan)
                        label=Field::Plan.label()
                        control=Control::LongText
                        value=page.value(Field::Plan)
                        message=page.checks.message(Field::Plan)
                        on_edit=page.on_edit(Field::Plan)
                        on_leave=page.on_leave(Field::Plan)
                        hint=Some(shenbao::plan_hint())
                        described_by=Some("plan-counter")
                    />
                    <ZiCounter id="plan-counter" count=plan_count min=PLAN_MIN_ZI />
                </div>
                {budget_table(keeper, page.checks)}
        </FormShell>
    }
}
