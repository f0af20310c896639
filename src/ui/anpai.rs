//! The 重点活动安排表 page: title fields, the activities with their month
//! ranges, 按时间排序, overlap warnings, CSV and the A4 landscape print.

use leptos::prelude::*;

use crate::browser::clock;
use crate::ui::checks::Checks;
use crate::ui::field::{Control, HeadShown, head_field};
use crate::ui::keeper::{Drafts, Keeper};
use crate::ui::rows::{CellHooks, RowList, TableRows};
use crate::ui::shell::FormShell;
use kepu_core::table::{CellKind, Column, TableSpec, position};
use kepu_core::forms::anpai::{self, Anpai, Col, Field, Head, MONTHS, Plan};

const COLUMNS: [Column; 7] = [
    Column::new("activity", anpai::COLUMNS[0], CellKind::Text),
    Column::new("content", anpai::COLUMNS[1], CellKind::LongText),
    Column::new("lead", anpai::COLUMNS[2], CellKind::LongText),
    Column::new("responsible", anpai::COLUMNS[3], CellKind::LongText),
    Column::new("from", "开展时间（开始月份）", CellKind::Choice(&MONTHS)),
    Column::new("to", "开展时间（结束月份）", CellKind::Choice(&MONTHS)),
    Column::new("place", anpai::COLUMNS[5], CellKind::Text),
];

/// The table as the row engine draws it.
const SPEC: TableSpec = TableSpec { slug: "anpai", numbered: false, columns: &COLUMNS, copy: false, reorder: false, copy_focus: 0 };

/// The activities: a row per planned activity, its months chosen as two months.
struct Plans;

impl TableRows for Plans {
    type Form = Anpai;
    type Row = Plan;

    fn spec(_: &Anpai) -> &'static TableSpec {
        &SPEC
    }

    fn rows(form: &Anpai) -> &[Plan] {
        &form.rows
    }

    fn rows_mut(form: &mut Anpai) -> &mut Vec<Plan> {
        &mut form.rows
    }

    fn cell(form: &Anpai, row: usize, col: usize) -> String {
        match (form.rows.get(row), Col::ALL.get(col)) {
            (Some(plan), Some(&c)) => plan.get(c),
            _ => String::new(),
        }
    }

    fn set(row: &mut Plan, col: usize, value: String) {
        if let Some(&c) = Col::ALL.get(col) {
            row.set(c, value);
        }
    }

    fn add(form: &mut Anpai) {
        form.add_row();
    }

    fn describe(row: &Plan) -> String {
        row.activity.clone()
    }

    fn follows(col: usize) -> Option<usize> {
        match Col::ALL.get(col)? {
            Col::From => Some(position(&Col::ALL, Col::To)),
            Col::To => Some(position(&Col::ALL, Col::From)),
            _ => None,
        }
    }
}

/// Element id of a field above the table.
const fn head_id(head: Head) -> &'static str {
    match head {
        Head::Year => "anpai-year",
        Head::Issuer => "anpai-issuer",
        Head::Brand => "anpai-brand",
    }
}

/// Element id of the control a problem points at.
fn field_id(field: Field) -> String {
    match (field, field.cell()) {
        (_, Some((row, col))) => SPEC.cell_id(row, position(&Col::ALL, col)),
        (Field::Year, None) => head_id(Head::Year).into(),
        (Field::Issuer | Field::Activity(_) | Field::Months(_) | Field::Place(_), _) => head_id(Head::Issuer).into(),
    }
}

/// The field a message of the cell at (row, column) belongs to.
fn cell_field((row, col): (usize, usize)) -> Option<Field> {
    match Col::ALL.get(col)? {
        Col::Activity => Some(Field::Activity(row)),
        Col::From | Col::To => Some(Field::Months(row)),
        Col::Place => Some(Field::Place(row)),
        _ => None,
    }
}

/// The 重点活动安排表, screen and print.
#[component]
pub fn AnpaiPage() -> impl IntoView {
    let keeper = Keeper::<Anpai>::of_page();
    let form = keeper.form;
    let checks = Checks::new(move || form.with(anpai::validate));
    let rows = RowList::<Plans>::new(
        keeper,
        CellHooks {
            edited: Callback::new(move |at| cell_field(at).into_iter().for_each(|f| checks.edited(f))),
            left: Callback::new(move |at| cell_field(at).into_iter().for_each(|f| checks.left(f))),
            moved: Callback::new(move |()| checks.forget(|f| f.cell().is_some())),
        },
    );
    let switched = Callback::new(move |()| {
        rows.reset();
        checks.reset();
    });
    keeper.draft.on_switched(switched);
    let messages =
        Memo::new(move |_| checks.visible(|f: Field| f.cell().map(|(row, c)| (row, position(&Col::ALL, c)))));
    let sort = move |_| {
        rows.reset();
        rows.change(Anpai::sort_by_months);
    };
    let in_order = Memo::new(move |_| form.with(Anpai::in_month_order));
    let stats_month = RwSignal::new(String::new());
    let drafts = expect_context::<Drafts>();
    let make_statistics = move |_| {
        let Some(month) = stats_month.with_untracked(|m| anpai::Months::parse(m)).map(|m| m.from) else {
            keeper.draft.tell("请先选择要生成统计表的月份。");
            return;
        };
        let made = form
            .with_untracked(|f| f.statistics_sheet(month, clock::now().date()))
            .and_then(|sheet| drafts.hand_over(sheet).map_err(|e| e.to_string()));
        match made {
            Ok(_) => {
                let _ = window().location().set_hash("tongji");
            }
            Err(e) => keeper.draft.tell(format!("未能生成统计表：{e}")),
        }
    };
    let head_field = move |head: Head, label: &'static str, control: Control, hint: &'static str| {
        head_field(keeper, checks, head, HeadShown::new(head_id(head), label, control).hint(hint))
    };

    view! {
        <FormShell
            draft=keeper.draft
            checks=checks.hooks(field_id)
            title=Signal::derive(move || form.with(Anpai::title))
            toolbar_label="安排表操作"
            new_focus="anpai-year"
        >
                <div class="grid">
                    {head_field(Head::Year, "年度", Control::Number, "如：2021")}
                    {head_field(Head::Issuer, "单位", Control::Text, "如：柳州市科协")}
                    {head_field(Head::Brand, "品牌名", Control::Text, "如：科普梦·乡村情；不填则标题中不写品牌")}
                </div>
                <div class="table-scroll">
                    <table class="data-table anpai-table">
                        <colgroup>
                            <col class="anpai-col-activity" /><col /><col class="anpai-col-dept" /><col class="anpai-col-dept" />
                            <col class="anpai-col-month" /><col class="anpai-col-month" /><col class="anpai-col-place" />
                            <col class="anpai-col-actions" />
                        </colgroup>
                        <thead>
                            <tr>
                                {anpai::COLUMNS[..4].iter().map(|c| view! { <th scope="col" rowspan="2">{*c}</th> }).collect_view()}
                                <th scope="colgroup" colspan="2">"开展时间"</th>
                                <th scope="col" rowspan="2">{anpai::COLUMNS[5]}</th>
                                <th scope="col" rowspan="2"><span class="sr-only">"操作"</span></th>
                            </tr>
                            <tr>
                                <th scope="col">"开始"</th>
                                <th scope="col">"结束"</th>
                            </tr>
                        </thead>
                        {rows.body(messages)}
                    </table>
                </div>
                <div class="table-buttons">
                    <button type="button" id="anpai-add-row" on:click=move |_| rows.add()>"添加活动"</button>
                    <button type="button" on:click=sort disabled=move || in_order.get()>"按时间排序"</button>
                    <span class="hint" id="anpai-order">
                        {move || if in_order.get() { "各行已按开展时间排列" } else { "各行未按开展时间排列；打印和导出时按时间排列" }}
                    </span>
                    <span class="stats-from-plan">
                        <label for="anpai-stats-month">"统计月份"</label>
                        <select id="anpai-stats-month" prop:value=move || stats_month.get()
                            on:change=move |ev| stats_month.set(event_target_value(&ev))>
                            <option value="">"请选择"</option>
                            {MONTHS.map(|m| view! { <option value=m>{m}</option> }).into_iter().collect_view()}
                        </select>
                        <button type="button" on:click=make_statistics>"生成本月统计表"</button>
                    </span>
                    {rows.undo_line()}
                </div>
        </FormShell>
    }
}

/// The page, for the registry.
pub fn page() -> AnyView {
    view! { <AnpaiPage /> }.into_any()
}
