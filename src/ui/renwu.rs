//! The 科普信息员工作任务分解表 page: title fields, the units table generated
//! from a list of names, the 总计 row and the 说明 rules, CSV and the A4 print.


use leptos::prelude::*;

use crate::browser::{dom, download};
use crate::ui::checks::Checks;
use crate::ui::field::{Control, HeadShown, head_field};
use crate::ui::keeper::Keeper;
use crate::ui::rows::{CellHooks, RowList, TableRows};
use crate::ui::html::Html;
use crate::ui::shell::FormShell;
use kepu_core::table::{CellKind, Column, TableSpec, position};
use kepu_core::forms::renwu::{self, Col, Field, Head, Renwu, Unit};
use kepu_core::forms::reward::{self, Ranking};

const ADD_ROW_ID: &str = "renwu-add-row";

const COLUMNS: [Column; 4] = [
    Column::new("name", renwu::COLUMNS[1], CellKind::Text),
    Column::new("core", renwu::COLUMNS[2], CellKind::Count),
    Column::new("registrations", renwu::COLUMNS[3], CellKind::Count),
    Column::new("spread", renwu::COLUMNS[4], CellKind::Computed),
];

/// The table as the row engine draws it.
const SPEC: TableSpec = TableSpec { slug: "renwu", numbered: true, columns: &COLUMNS, copy: false, reorder: false, copy_focus: 0 };

/// The units table: a row per unit, its 全年传播量 computed.
struct Units;

impl TableRows for Units {
    type Form = Renwu;
    type Row = Unit;

    fn spec(_: &Renwu) -> &'static TableSpec {
        &SPEC
    }

    fn rows(form: &Renwu) -> &[Unit] {
        &form.rows
    }

    fn rows_mut(form: &mut Renwu) -> &mut Vec<Unit> {
        &mut form.rows
    }

    fn cell(form: &Renwu, row: usize, col: usize) -> String {
        let Some(unit) = form.rows.get(row) else { return String::new() };
        match Col::ALL.get(col) {
            Some(&c) => unit.get(c).to_owned(),
            None => form.figures(unit).spread.to_string(),
        }
    }

    fn set(row: &mut Unit, col: usize, value: String) {
        if let Some(&c) = Col::ALL.get(col) {
            row.set(c, value);
        }
    }

    fn add(form: &mut Renwu) {
        form.add_row();
    }

    fn describe(row: &Unit) -> String {
        row.name.clone()
    }
}

/// Element id of a field outside the table.
const fn head_id(head: Head) -> &'static str {
    match head {
        Head::Issuer => "renwu-issuer",
        Head::Year => "renwu-year",
        Head::PerPerson => "renwu-per-person",
        Head::RewardList => "renwu-reward-list",
    }
}

/// Element id of the control a problem points at.
fn field_id(field: Field) -> String {
    match field {
        Field::Name(row) | Field::Core(row) | Field::Registrations(row) => {
            let col = field.cell().map_or(0, |(_, col)| position(&Col::ALL, col));
            SPEC.cell_id(row, col)
        }
        Field::Issuer => head_id(Head::Issuer).into(),
        Field::Year => head_id(Head::Year).into(),
        Field::PerPerson => head_id(Head::PerPerson).into(),
        Field::RewardList => head_id(Head::RewardList).into(),
    }
}

/// `共12人，获补贴12人，补贴合计5200元`, or what to do when nothing is pasted.
fn summary_line(r: &Ranking) -> String {
    if r.rows.is_empty() {
        return "粘贴名单后在此显示排名和补贴。".into();
    }
    format!("共{}人，获补贴{}人，补贴合计{}元", r.rows.len(), r.subsidised, r.total)
}

/// The ranking table as HTML: a county's list can run to hundreds of lines.
fn ranking_html(r: &Ranking) -> String {
    if r.rows.is_empty() {
        return String::new();
    }
    let mut out = Html::default();
    out.tag("<table class=\"data-table reward-table\" id=\"reward-table\"><thead><tr>");
    for c in reward::COLUMNS {
        out.tag("<th scope=\"col\">").text(c).tag("</th>");
    }
    out.tag("</tr></thead><tbody>");
    for row in &r.rows {
        out.tag("<tr><td class=\"numeric\">").text(row.rank).tag("</td><td>").text(&row.entry.name);
        out.tag("</td><td>").text(&row.entry.unit).tag("</td><td class=\"numeric\">").text(row.entry.count);
        out.tag("</td><td class=\"numeric\">").text(row.subsidy).tag("</td></tr>");
    }
    out.tag("</tbody></table>");
    out.finish()
}

/// The 任务分解表, screen and print.
#[component]
pub fn RenwuPage() -> impl IntoView {
    let keeper = Keeper::<Renwu>::of_page();
    let form = keeper.form;
    let checks = Checks::new(move || form.with(renwu::validate));
    let field = |(row, col): (usize, usize)| Col::ALL.get(col).map(|c| c.field(row));
    let rows = RowList::<Units>::new(
        keeper,
        CellHooks {
            edited: Callback::new(move |at| field(at).into_iter().for_each(|f| checks.edited(f))),
            left: Callback::new(move |at| field(at).into_iter().for_each(|f| checks.left(f))),
            moved: Callback::new(move |()| checks.forget(|f| f.cell().is_some())),
        },
    );
    let switched = Callback::new(move |()| {
        rows.reset();
        checks.reset();
    });
    keeper.draft.on_switched(switched);
    let totals = Memo::new(move |_| form.with(Renwu::totals));
    let messages =
        Memo::new(move |_| checks.visible(|f: Field| f.cell().map(|(row, col)| (row, position(&Col::ALL, col)))));
    let names = RwSignal::new(String::new());
    let generate = move |_| {
        let (count, units) = names.with_untracked(|n| {
            let mut probe = Renwu::default();
            probe.fill_from_names(n);
            (form.with_untracked(|f| f.rows.len()), probe.rows.len())
        });
        if units == 0 {
            keeper.draft.tell("名单是空的：请在“村（社区）名单”中每行填写一个单位名称。".to_owned());
            return;
        }
        let question = format!("将按名单生成{units}行，替换表中现有的{count}行。确定吗？");
        if count > 0 && !dom::confirm(&question).unwrap_or(false) {
            return;
        }
        rows.reset();
        let list = names.get_untracked();
        rows.change(|f| f.fill_from_names(&list));
        dom::focus_field_later(SPEC.cell_id(0, 0));
    };
    let ranking = Memo::new(move |_| form.with(|f| reward::rank(&f.reward_list)));
    let export_reward = move |_| {
        let name = form.with_untracked(renwu::reward_file_name);
        let bytes = ranking.with_untracked(reward::to_csv);
        keeper.draft.download(&name, download::CSV_MIME, &bytes);
    };
    let head_field = move |head: Head, label: &'static str, control: Control, hint: String| {
        head_field(keeper, checks, head, HeadShown::new(head_id(head), label, control).hint(hint).rows(8))
    };

    view! {
        <FormShell
            draft=keeper.draft
            checks=checks.hooks(field_id)
            title=Signal::derive(move || form.with(Renwu::title))
            toolbar_label="任务分解表操作"
            new_focus="renwu-issuer"
            settings=("设置：每名骨干全年分享次数", ViewFnOnce::from(move || {
                head_field(Head::PerPerson, "每名骨干科普信息员全年平均分享文章次数", Control::Number,
                    renwu::per_person_hint())
            }))
            after=move || view! {
            <section class="reward paper-form" aria-labelledby="reward-title">
                <h2 id="reward-title">"年终排名与通讯费补贴"</h2>
                <p class="hint">{reward::rule_text()}</p>
                {head_field(Head::RewardList, "科普员及全年传播量（每行一人：姓名、单位、传播量，可从Excel粘贴）", Control::LongText,
                    "如：张三　同福村　5200；单位可省略，第一行可以是表头".into())}
                <ul class="reward__problems" id="reward-problems">
                    {move || ranking.with(|r| r.problems.iter().map(|(_, m)| view! { <li>{m.clone()}</li> }).collect_view())}
                </ul>
                <p id="reward-summary" role="status">{move || ranking.with(summary_line)}</p>
                <div class="table-scroll" inner_html=move || ranking.with(ranking_html)></div>
                <button type="button" on:click=export_reward>"导出补贴CSV"</button>
            </section>
            }
        >
                <div class="grid">
                    {head_field(Head::Issuer, "单位", Control::Text, "如：插旗镇".into())}
                    {head_field(Head::Year, "年度", Control::Number, "如：2021".into())}
                </div>
                <div class="names">
                    <label for="renwu-names">"村（社区）名单（每行一个单位）"</label>
                    <textarea id="renwu-names" rows="5" prop:value=move || names.get()
                        on:input=move |ev| names.set(event_target_value(&ev))></textarea>
                    <p class="hint">{renwu::generate_hint()}</p>
                    <button type="button" on:click=generate>"按村（社区）名单生成"</button>
                </div>
                <div class="table-scroll">
                    <table class="data-table renwu-table">
                        <colgroup>
                            <col class="renwu-col-index" /><col /><col class="renwu-col-count" /><col class="renwu-col-count" />
                            <col class="renwu-col-count" /><col class="renwu-col-actions" />
                        </colgroup>
                        <thead>
                            <tr>
                                {renwu::COLUMNS.map(|c| view! { <th scope="col">{c}</th> }).into_iter().collect_view()}
                                <th scope="col"><span class="sr-only">"操作"</span></th>
                            </tr>
                        </thead>
                        {rows.body(messages)}
                        <tfoot>
                            <tr id="renwu-total">
                                <th scope="row" colspan="2">{renwu::TOTAL_LABEL}</th>
                                <td class="numeric">{move || totals.get().core}</td>
                                <td class="numeric">{move || totals.get().registrations}</td>
                                <td class="numeric">{move || totals.get().spread}</td>
                                <td></td>
                            </tr>
                        </tfoot>
                    </table>
                </div>
                <div class="table-buttons">
                    <button type="button" id=ADD_ROW_ID on:click=move |_| rows.add()>"添加单位"</button>
                    {rows.undo_line()}
                </div>
                <div class="notes" id="renwu-notes">
                    <p>"说明"</p>
                    {move || form.with(Renwu::notes).map(|n| view! { <p>{n}</p> }).into_iter().collect_view()}
                </div>
        </FormShell>
    }
}

/// The page, for the registry.
pub fn page() -> AnyView {
    view! { <RenwuPage /> }.into_any()
}
