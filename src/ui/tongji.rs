//! The 活动统计表 page: header, activity rows, the 合计 row, the due date,
//! CSV out and back in, next month from this one, and the landscape print sheet.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::{clock, dom, download, files, perf};
use crate::ui::cells::{CellKind, UndoLine};
use crate::ui::checks::Checks;
use crate::ui::field::{Control, Field as FieldView, FieldMessage, composing};
use crate::ui::keeper::{FormView, Keeper};
use crate::ui::rows_html;
use crate::ui::shell::FormShell;
use kepu_core::forms::tongji::{self, ADD_ROW_ID, Activity, Col, Field, Head, MODES, Tongji};
use kepu_core::rules::dates;

#[derive(Clone, Copy)]
struct Page {
    keeper: Keeper<Tongji>,
    checks: Checks<Field>,
    removed: RwSignal<Option<(usize, Activity)>>,
    /// Rows the next drawing must include at once, because focus is about to go there.
    need: StoredValue<usize>,
}

impl Page {
    fn head_field(self, head: Head, control: Control, hint: Option<&'static str>) -> impl IntoView {
        let form = self.keeper.form;
        let field = Field::Head(head);
        view! {
            <FieldView
                id=head.id()
                label=head.label()
                control=control
                value=Memo::new(move |_| form.with(|f| f.head(head).to_owned()))
                message=self.checks.message(field)
                on_edit=Callback::new(move |v| {
                    self.checks.edited(field);
                    self.keeper.edit(|f| f.set_head(head, v));
                })
                on_leave=Callback::new(move |()| self.checks.left(field))
                hint=hint
                required=!matches!(head, Head::Brand | Head::FilledOn)
            />
        }
    }

    fn rows_changed(self, change: impl FnOnce(&mut Tongji)) {
        // Row numbers shift: messages tied to old positions would mislead.
        self.checks.forget(|f| matches!(f, Field::Cell(..)));
        self.keeper.edit(change);
    }

    /// The user typed `value` into the cell at `index`, `col`.
    fn cell_edited(self, index: usize, col: Col, value: String) {
        let field = Field::Cell(index, col);
        self.checks.edited(field);
        self.keeper.edit(|f| {
            if let Some(row) = f.rows.get_mut(index) {
                row.set(col, value);
            }
        });
    }

    /// 复制 or 删除 on row `index`.
    fn row_action(self, action: &str, index: usize) {
        let Some(id) = self.keeper.form.with_untracked(|f| f.rows.get(index).map(|r| r.id)) else {
            return;
        };
        match action {
            "remove" => {
                let mut taken = None;
                self.rows_changed(|f| taken = f.remove_row(id));
                self.removed.set(taken);
                dom::focus_field_later("tongji-undo".into());
            }
            "duplicate" => {
                self.removed.set(None);
                self.need.set_value(index + 2);
                self.rows_changed(|f| {
                    f.duplicate_row(id);
                });
                dom::focus_field_later(tongji::cell_id(index + 1, Col::Place));
            }
            _ => {}
        }
    }
}

fn cell_kind(col: Col) -> CellKind {
    match col {
        Col::Mode => CellKind::Choice(&MODES),
        Col::Date => CellKind::Date,
        c if Col::COUNTS.contains(&c) => CellKind::Count,
        _ => CellKind::Text,
    }
}

/// The activity rows `range` as HTML, with the messages shown now.
fn rows_html(sheet: &Tongji, range: Range<usize>, messages: &BTreeMap<(usize, Col), FieldMessage>) -> String {
    let mut out = String::with_capacity(range.len() * 1700);
    for (i, row) in sheet.rows.iter().enumerate().take(range.end).skip(range.start) {
        let n = i + 1;
        let _ = write!(out, "<tr><td class=\"table-index\">{n}</td>");
        for col in Col::ALL {
            let id = tongji::cell_id(i, col);
            rows_html::cell(
                &mut out,
                &id,
                &tongji::cell_name(i, col),
                cell_kind(col),
                row.get(col),
                messages.get(&(i, col)),
            );
        }
        let _ = write!(
            out,
            "<td class=\"table-actions\"><button type=\"button\" class=\"small\" data-action=\"duplicate\" \
             data-row=\"{i}\" aria-label=\"复制第{n}行\">复制</button><button type=\"button\" class=\"small danger\" \
             data-action=\"remove\" data-row=\"{i}\" aria-label=\"删除第{n}行\">删除</button></td></tr>"
        );
    }
    out
}

/// Rows drawn at once when the rows are drawn afresh: more than a screen. The rest follow in
/// slices between frames, so a long sheet opens at once and typing is never blocked for long
/// (a browser builds about four rows of inputs per millisecond).
const FIRST_ROWS: usize = 40;
/// Rows drawn per later slice, each well under the 50 ms of a long task.
const SLICE_ROWS: usize = 50;

type Messages = BTreeMap<(usize, Col), FieldMessage>;

/// The rows in the page: drawn afresh on structural change, then completed slice by slice.
#[derive(Clone, Copy)]
struct Drawing {
    form: FormView<Tongji>,
    messages: Memo<Messages>,
    /// Which drawing is under way; a slice of an earlier one stops.
    pass: StoredValue<u32>,
    drawn: StoredValue<usize>,
    need: StoredValue<usize>,
}

impl Drawing {
    /// Draws the first rows into `body`; returns the messages they show.
    fn afresh(self, body: web_sys::HtmlElement) -> Messages {
        let pass = self.pass.get_value().wrapping_add(1);
        self.pass.set_value(pass);
        let now = self.messages.get_untracked();
        let len = self.form.with_untracked(|f| f.rows.len());
        let first = FIRST_ROWS.max(self.need.get_value()).min(len);
        self.need.set_value(0);
        body.set_inner_html(&self.form.with_untracked(|f| rows_html(f, 0..first, &now)));
        self.drawn.set_value(first);
        if first < len {
            self.more(body, pass);
        }
        now
    }

    fn more(self, body: web_sys::HtmlElement, pass: u32) {
        set_timeout(
            move || {
                if self.pass.try_get_value() != Some(pass) {
                    return;
                }
                let from = self.drawn.get_value();
                let len = self.form.with_untracked(|f| f.rows.len());
                let to = (from + SLICE_ROWS).min(len);
                let now = self.messages.get_untracked();
                let html = self.form.with_untracked(|f| rows_html(f, from..to, &now));
                let _ = body.insert_adjacent_html("beforeend", &html);
                self.drawn.set_value(to);
                if to < len {
                    self.more(body, pass);
                }
            },
            Duration::ZERO,
        );
    }
}

/// The cell (row index, column) an event happened in.
fn event_cell(ev: &web_sys::Event) -> Option<(usize, Col, web_sys::Element)> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let (row, col) = tongji::cell_at(&target.id())?;
    Some((row, col, target))
}

/// The 活动统计表, screen and print.
#[component]
pub fn TongjiPage() -> impl IntoView {
    let keeper = Keeper::<Tongji>::open();
    let form = keeper.form;
    let page = Page {
        keeper,
        checks: Checks::new(move || form.with(tongji::validate)),
        removed: RwSignal::new(None),
        need: StoredValue::new(0),
    };
    let switched = Callback::new(move |()| {
        page.removed.set(None);
        page.checks.reset();
    });
    keeper.draft.on_switched(switched);
    let totals = Memo::new(move |_| form.with(tongji::totals));
    // The rows are one HTML text, rendered afresh when rows come, go or move, or the sheet is
    // replaced; typing changes only the sheet, and messages are patched into their cells.
    let body = NodeRef::<leptos::html::Tbody>::new();
    let generation = keeper.draft.generation;
    let row_ids = Memo::new(move |_| form.with(|f| f.rows.iter().map(|r| r.id).collect::<Vec<_>>()));
    let messages = Memo::new(move |_| {
        page.checks.visible(|f| match f {
            Field::Cell(i, c) => Some((i, c)),
            _ => None,
        })
    });
    let patched = StoredValue::new(BTreeMap::new());
    let drawing = Drawing { form, messages, pass: StoredValue::new(0), drawn: StoredValue::new(0), need: page.need };
    Effect::new(move |_| {
        // Read, not just tracked: a memo never read is never recomputed, so it would not notify.
        let _ = (generation.get(), row_ids.with(Vec::len));
        if let Some(body) = body.get() {
            patched.set_value(drawing.afresh(body.into()));
        }
    });
    Effect::new(move |_| {
        let now = messages.get();
        patched.update_value(|before| rows_html::patch_messages(before, now, |(i, col)| tongji::cell_id(i, col)));
    });
    let on_cell_input = move |ev: web_sys::Event| {
        if let Some((row, col, target)) = event_cell(&ev)
            && target.tag_name() != "SELECT"
            && !composing(&ev)
        {
            page.cell_edited(row, col, event_target_value(&ev));
        }
    };
    let on_cell_change = move |ev: web_sys::Event| {
        if let Some((row, col, target)) = event_cell(&ev)
            && target.tag_name() == "SELECT"
        {
            page.cell_edited(row, col, event_target_value(&ev));
        }
    };
    let on_composition_end = move |ev: web_sys::CompositionEvent| {
        if let Some((row, col, _)) = event_cell(&ev) {
            page.cell_edited(row, col, event_target_value(&ev));
        }
    };
    let on_cell_leave = move |ev: web_sys::FocusEvent| {
        if let Some((row, col, _)) = event_cell(&ev) {
            page.checks.left(Field::Cell(row, col));
        }
    };
    let on_row_button = move |ev: web_sys::MouseEvent| {
        let button = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if let Some(button) = button
            && let (Some(action), Some(row)) = (button.get_attribute("data-action"), button.get_attribute("data-row"))
            && let Ok(row) = row.parse::<usize>()
        {
            page.row_action(&action, row);
        }
    };
    let add_row = move |_| {
        page.removed.set(None);
        page.need.set_value(usize::MAX);
        page.keeper.edit(|f| {
            f.add_row();
        });
        let last = form.with_untracked(|f| f.rows.len().saturating_sub(1));
        dom::focus_field_later(tongji::cell_id(last, Col::Content));
    };
    let undo = move |()| {
        if let Some((index, row)) = page.removed.get_untracked() {
            page.removed.set(None);
            page.need.set_value(index + 1);
            page.rows_changed(|f| f.restore_row(index, row));
            dom::focus_field_later(tongji::cell_id(index, Col::Content));
        }
    };
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
    let export_csv = move |_| {
        perf::measure("kepu-forms:csv-export", || {
            let (name, bytes) = form.with_untracked(|f| (tongji::csv_file_name(f), tongji::to_csv(f)));
            keeper.draft.download(&name, download::CSV_MIME, &bytes);
        });
    };
    let import_input = NodeRef::<leptos::html::Input>::new();
    let import_csv = move |ev: web_sys::Event| {
        let Some(file) = files::take_picked(&ev) else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            let result = match files::read_bytes(&file).await {
                Ok(bytes) => perf::measure("kepu-forms:csv-import", || {
                    tongji::from_csv(&bytes, &files::decode_gb18030).map_err(|e| e.message)
                }),
                Err(e) => Err(format!("无法读取文件：{}", crate::browser::describe(&e))),
            };
            match result {
                Ok(imported) => {
                    if keeper.create(imported) {
                        keeper.draft.tell(format!("已把“{name}”导入为一份新草稿；原来的统计表仍在“草稿列表”中。"));
                    }
                }
                Err(message) => keeper.draft.tell(format!("未能导入“{name}”：{message}。当前统计表没有改动。")),
            }
        });
    };
    let template_open = RwSignal::new(false);
    let next_month = move |keep_rows: bool| {
        template_open.set(false);
        let next = form.with_untracked(|f| f.next_month(clock::now().date(), keep_rows));
        if keeper.create(next) {}
    };

    view! {
        <FormShell
            draft=keeper.draft
            checks=page.checks.hooks(Field::id)
            title=Signal::derive(move || form.with(Tongji::title))
            toolbar_label="统计表操作"
            new_focus=Head::Unit.id()
            intro=move || view! { <p class="deadline" id="tongji-due">{due}</p> }
            tools=move || view! {
                <button type="button" on:click=export_csv>"导出CSV"</button>
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
            print=Callback::new(move |()| form.with(tongji::print_sheet))
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
                        <tbody node_ref=body on:input=on_cell_input on:change=on_cell_change
                            on:compositionend=on_composition_end on:focusout=on_cell_leave on:click=on_row_button></tbody>
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
                    <button type="button" id=ADD_ROW_ID on:click=add_row>"添加活动"</button>
                    <UndoLine
                        id="tongji-undo"
                        removed=Signal::derive(move || page.removed.get().map(|(i, r)| {
                            let what = if r.content.trim().is_empty() { String::new() } else { format!("（{}）", r.content.trim()) };
                            format!("已删除第{}行{what}", i + 1)
                        }))
                        on_undo=Callback::new(undo)
                    />
                </div>
        </FormShell>
    }
}
