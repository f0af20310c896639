//! The 申报表 page: settings, the form in the paper's order, the toolbar, and the print sheet.

mod budget;

use leptos::prelude::*;


use budget::budget_table;
use crate::ui::checks::Checks;
use crate::ui::counter::ZiCounter;
use crate::ui::field::{Control, HeadShown, head_field};
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
    fn field(self, field: Field, control: Control) -> impl IntoView {
        self.shown(field, HeadShown::new(simple_id(field), field.label(), control))
    }

    fn shown(self, field: Field, shown: HeadShown) -> impl IntoView {
        head_field(self.keeper, self.checks, field, shown)
    }
}

/// The 申报表, screen and print.
#[component]
pub fn ShenbaoPage() -> impl IntoView {
    let keeper = Keeper::<Shenbao>::of_page();
    let form = keeper.form;
    // Counted once per change, however many places show the count: the counter and the checks.
    let recount = StoredValue::new(zi::Recount::default());
    let plan_count = Memo::new(move |_| form.with(|f| recount.write_value().count(&f.plan)));
    let validate = move || {
        let plan_zi = plan_count.get().zi;
        form.with(|f| shenbao::validate_counted(f, plan_zi))
    };
    let page = Page { keeper, checks: Checks::new(validate) };
    let switched = Callback::new(move |()| page.checks.reset());
    keeper.draft.on_switched(switched);
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
            settings=("设置：年度、城市、申报截止日期", ViewFnOnce::from(move || view! {
                {page.field(Field::Year, Control::Number)}
                {page.field(Field::City, Control::Text)}
                {page.field(Field::Deadline, Control::Date)}
            }))
        >
                <div class="grid">
                    {page.shown(Field::District, HeadShown::new(simple_id(Field::District), Field::District.label(), Control::Text)
                        .hint("可从列表选择，园区也可直接填写").list("district-list"))}
                    <datalist id="district-list">{districts}</datalist>
                    {page.field(Field::Community, Control::Text)}
                    {page.field(Field::Address, Control::Text)}
                    {page.field(Field::Contact, Control::Text)}
                    {page.shown(Field::Phone, HeadShown::new(simple_id(Field::Phone), Field::Phone.label(), Control::Tel)
                        .hint("手机号或带区号的固定电话，如0772-2625843"))}
                    {page.field(Field::Email, Control::Email)}
                    {page.field(Field::ActivityName, Control::Text)}
                    <fieldset class="period">
                        <legend>"活动起止时间"</legend>
                        {page.field(Field::StartDate, Control::Date)}
                        {page.field(Field::EndDate, Control::Date)}
                    </fieldset>
                </div>
                <div class="plan">
                    {page.shown(Field::Plan, HeadShown::new(simple_id(Field::Plan), Field::Plan.label(), Control::LongText)
                        .hint(shenbao::plan_hint()).described_by("plan-counter"))}
                    <ZiCounter id="plan-counter" count=plan_count min=PLAN_MIN_ZI />
                </div>
                {budget_table(keeper, page.checks)}
        </FormShell>
    }
}

/// The page, for the registry.
pub fn page() -> AnyView {
    view! { <ShenbaoPage /> }.into_any()
}
