//! The 活动统计表 page: header, activity rows, the 合计 row, the due date,
//! CSV out and back in, next month from this one, and the landscape print sheet.

use leptos::prelude::*;

use crate::browser::{clock, files, perf};
use crate::ui::checks::Checks;
use crate::ui::field::{Control, HeadShown, head_field};
use crate::ui::keeper::Keeper;
use crate::ui::later::{Unloaded, unloaded_message};
use crate::ui::rows::{CellHooks, RowList, TableRows};
use crate::ui::shell::FormShell;
use kepu_core::table::{CellKind, Column, TableSpec, position};
use kepu_core::forms::tongji::{self, Activity, Col, Field, Head, MODES, Tongji};
use kepu_core::rules::dates;

/// Element id of the add-row button, where a "no rows" problem leads.
const ADD_ROW_ID: &str = "tongji-add-row";

/// Element id of a header field's input.
const fn head_id(head: Head) -> &'static str {
    match head {
        Head::Brand => "tongji-brand",
        Head::Unit => "tongji-unit",
        Head::Month => "tongji-month",
        Head::Reporter => "tongji-reporter",
        Head::Phone => "tongji-phone",
        Head::FilledOn => "tongji-filled-on",
    }
}

/// Element id of the control a problem points at.
fn field_id(field: Field) -> String {
    match field {
        Field::Head(head) => head_id(head).to_owned(),
        Field::Cell(row, col) => SPEC.cell_id(row, position(&Col::ALL, col)),
        Field::Rows => ADD_ROW_ID.to_owned(),
    }
}

#[derive(Clone, Copy)]
struct Page {
    keeper: Keeper<Tongji>,
    checks: Checks<Field>,
}

impl Page {
    fn head_field(self, head: Head, control: Control, hint: Option<&'static str>) -> impl IntoView {
        let shown = HeadShown::new(head_id(head), head.label(), control);
        head_field(self.keeper, self.checks, head, if let Some(hint) = hint { shown.hint(hint) } else { shown })
    }
}

const COLUMNS: [Column; 9] = [
    Column::new("content", Col::Content.short(), CellKind::Text),
    Column::new("mode", Col::Mode.short(), CellKind::Choice(&MODES)),
    Column::new("place", Col::Place.short(), CellKind::Text),
    Column::new("date", Col::Date.short(), CellKind::Date),
    Column::new("participants", Col::Participants.short(), CellKind::Count),
    Column::new("materials", Col::Materials.short(), CellKind::Count),
    Column::new("boards", Col::Boards.short(), CellKind::Count),
    Column::new("reports", Col::Reports.short(), CellKind::Count),
    Column::new("remark", Col::Remark.short(), CellKind::Text),
];

/// The table as the row engine draws it.
const SPEC: TableSpec = TableSpec { slug: "tongji", numbered: true, columns: &COLUMNS, copy: true, reorder: false, copy_focus: 2 };

/// The activities: a row each, copied with 复制 (the place is then what changes).
struct Activities;

impl TableRows for Activities {
    type Form = Tongji;
    type Row = Activity;

    fn spec(_: &Tongji) -> &'static TableSpec {
        &SPEC
    }

    fn rows(form: &Tongji) -> &[Activity] {
        &form.rows
    }

    fn rows_mut(form: &mut Tongji) -> &mut Vec<Activity> {
        &mut form.rows
    }

    fn cell(form: &Tongji, row: usize, col: usize) -> String {
        match (form.rows.get(row), Col::ALL.get(col)) {
            (Some(activity), Some(&c)) => activity.get(c).to_owned(),
            _ => String::new(),
        }
    }

    fn set(row: &mut Activity, col: usize, value: String) {
        if let Some(&c) = Col::ALL.get(col) {
            row.set(c, value);
        }
    }

    fn add(form: &mut Tongji) {
        form.add_row();
    }

    fn copy(form: &mut Tongji, row: usize) {
        if let Some(id) = form.rows.get(row).map(|r| r.id) {
            form.duplicate_row(id);
        }
    }

    fn describe(row: &Activity) -> String {
        row.content.clone()
    }
}

/// Why a new draft was not made: the open one must be stored first, and could not be.
const NOT_CREATED: &str = "当前统计表未能先保存，没有新建草稿，当前统计表没有改动。请按工具栏中保存状态的提示处理后重试。";

/// The 活动统计表, screen and print.
#[component]
pub fn TongjiPage() -> impl IntoView {
    let keeper = Keeper::<Tongji>::of_page();
    let form = keeper.form;
    let page = Page { keeper, checks: Checks::new(move || form.with(tongji::validate)) };
    let cell = |(row, col): (usize, usize)| Field::Cell(row, Col::ALL[col.min(Col::ALL.len() - 1)]);
    let rows = RowList::<Activities>::new(
        keeper,
        CellHooks {
            edited: Callback::new(move |at| page.checks.edited(cell(at))),
            left: Callback::new(move |at| page.checks.left(cell(at))),
            moved: Callback::new(move |()| page.checks.forget(|f| matches!(f, Field::Cell(..)))),
        },
    );
    let switched = Callback::new(move |()| {
        rows.reset();
        page.checks.reset();
    });
    keeper.draft.on_switched(switched);
    let totals = Memo::new(move |_| form.with(tongji::totals));
    let messages = Memo::new(move |_| {
        page.checks.visible(|f| match f {
            Field::Cell(row, c) => Some((row, position(&Col::ALL, c))),
            _ => None,
        })
    });
    let due = move || {
        form.with(|f| match f.due() {
            Some(due) if due.official => format!("报送截止：{}", dates::format_cn(due.date)),
            Some(due) => format!(
                "报送截止：{}（{}年的法定节假日安排尚未收录，按周一至周五推算，请以通知为准）",
                dates::format_cn(due.date),
                chrono::Datelike::year(&due.date)
            ),
            None => "报送截止：每月最后一个工作日（请先选择统计月份）".to_owned(),
        })
    };
    let import_input = NodeRef::<leptos::html::Input>::new();
    let import_csv = move |ev: web_sys::Event| {
        let Some(file) = files::take_picked(&ev) else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            let result = match files::read_bytes(file).await {
                Ok(bytes) => read_csv(bytes).await.unwrap_or_else(|Unloaded| Err(unloaded_message("导入CSV"))),
                Err(e) => Err(format!("无法读取文件：{e}")),
            };
            match result {
                Ok(imported) => {
                    keeper.draft.tell(if keeper.create(imported) {
                        format!("已把“{name}”导入为一份新草稿；原来的统计表仍在“草稿列表”中。")
                    } else {
                        format!("未能导入“{name}”：{NOT_CREATED}")
                    });
                }
                Err(message) => keeper.draft.tell(format!("未能导入“{name}”：{message}。当前统计表没有改动。")),
            }
        });
    };
    let template_open = RwSignal::new(false);
    let next_month = move |keep_rows: bool| {
        template_open.set(false);
        let next = form.with_untracked(|f| f.next_month(clock::now().date(), keep_rows));
        if !keeper.create(next) {
            keeper.draft.tell(format!("未能以上月为模板新建：{NOT_CREATED}"));
        }
    };

    view! {
        <FormShell
            draft=keeper.draft
            checks=page.checks.hooks(field_id)
            title=Signal::derive(move || form.with(Tongji::title))
            toolbar_label="统计表操作"
            new_focus=head_id(Head::Unit)
            intro=move || view! { <p class="deadline" id="tongji-due">{due}</p> }
            tools=move || view! {
                <button type="button" on:click=move |_| {
                    if let Some(input) = import_input.get_untracked() {
                        input.click();
                    }
                }>"导入CSV"</button>
                <input type="file" accept=".csv,text/csv" class="sr-only" tabindex="-1" aria-hidden="true"
                    node_ref=import_input on:change=import_csv />
                <button type="button" aria-expanded=move || template_open.get().to_string()
                    on:click=move |_| template_open.update(|o| *o = !*o)>"以上月为模板新建"</button>
            }
            below_toolbar=move || view! {
                {move || template_open.get().then(|| view! {
                    <div class="template-choice" role="group" aria-label="以上月为模板新建">
                        <p>"新建下个月的统计表（另存为一份新草稿，本月的保留在草稿列表中）：表头保留，填报日期为今天。活动行如何处理？"</p>
                        <button type="button" on:click=move |_| next_month(false)>"清空活动行"</button>
                        <button type="button" on:click=move |_| next_month(true)>"保留活动行（日期顺延一个月，人数等数字清空）"</button>
                    </div>
                })}
            }
            settings=("设置：品牌名", ViewFnOnce::from(move || page.head_field(Head::Brand, Control::Text, None)))
        >
                <div class="grid">
                    {page.head_field(Head::Unit, Control::Text, Some("如：柳城县科协"))}
                    {page.head_field(Head::Month, Control::Month, None)}
                    {page.head_field(Head::Reporter, Control::Text, None)}
                    {page.head_field(Head::Phone, Control::Tel, Some("手机号或带区号的固定电话"))}
                    {page.head_field(Head::FilledOn, Control::Date, None)}
                </div>
                <div class="table-scroll">
                    <table class="data-table tongji-table">
                        <thead>
                            <tr>
                                <th scope="col">"序号"</th>
                                {Col::ALL.map(|c| view! { <th scope="col">{c.label()}</th> }).into_iter().collect_view()}
                                <th scope="col"><span class="sr-only">"操作"</span></th>
                            </tr>
                        </thead>
                        {rows.body(messages)}
                        <tfoot>
                            <tr id="tongji-total">
                                <th scope="row">"合计"</th>
                                <td colspan="3">{move || totals.get().summary()}</td>
                                <td></td>
                                {(0..4).map(|k| view! { <td class="numeric">{move || totals.get().counts[k]}</td> }).collect_view()}
                                <td colspan="2"></td>
                            </tr>
                        </tfoot>
                    </table>
                </div>
                <div class="table-buttons">
                    <button type="button" id=ADD_ROW_ID on:click=move |_| rows.add()>"添加活动"</button>
                    {rows.undo_line()}
                </div>
        </FormShell>
    }
}

/// The page, for the registry.
pub fn page() -> AnyView {
    view! { <TongjiPage /> }.into_any()
}

// The CSV reader and the 统计表's import rules, loaded on the first 导入CSV (ui::later).
crate::load_on_use!(import: fn read_csv(bytes: Vec<u8>) -> Result<Tongji, String> {
    perf::measure("kepu-forms:csv-import", || tongji::from_csv(&bytes, &files::decode_gb18030).map_err(|e| e.message))
});
