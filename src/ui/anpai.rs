//! The 重点活动安排表 page: title fields, the activities with their month
//! ranges, 按时间排序, overlap warnings, CSV and the A4 landscape print.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::{clock, dom, download};
use crate::ui::cells::{CellKind, UndoLine};
use crate::ui::checks::Checks;
use crate::ui::field::{Control, Field as FieldView, FieldMessage, composing};
use crate::ui::keeper::{Drafts, Keeper};
use crate::ui::rows::{Rows, clicked_row, draw_rows};
use crate::ui::rows_html;
use crate::ui::shell::FormShell;
use kepu_core::forms::anpai::{self, Anpai, Col, Field, MONTHS, Plan};

fn cell_kind(col: Col) -> CellKind {
    match col {
        Col::From | Col::To => CellKind::Choice(&MONTHS),
        Col::Content | Col::Lead | Col::Responsible => CellKind::LongText,
        _ => CellKind::Text,
    }
}

/// The activities as HTML, with the messages shown now.
fn rows_html(table: &Anpai, messages: &BTreeMap<(usize, Col), FieldMessage>) -> String {
    let mut out = String::new();
    for (i, plan) in table.rows.iter().enumerate() {
        let n = i + 1;
        out.push_str("<tr>");
        for col in Col::ALL {
            let name = format!("{} 第{n}行", col.label());
            let id = anpai::cell_id(i, col);
            rows_html::cell(&mut out, &id, &name, cell_kind(col), &plan.get(col), messages.get(&(i, col)));
        }
        let _ = write!(
            out,
            "<td class=\"table-actions\"><button type=\"button\" class=\"small danger\" data-row=\"{i}\" \
             aria-label=\"删除第{n}行\">删除</button></td></tr>"
        );
    }
    out
}

/// The 重点活动安排表, screen and print.
#[component]
pub fn AnpaiPage() -> impl IntoView {
    let keeper = Keeper::<Anpai>::open();
    let form = keeper.form;
    let checks = Checks::new(move || form.with(anpai::validate));
    let removed = RwSignal::new(None::<(usize, Plan)>);
    let switched = Callback::new(move |()| {
        removed.set(None);
        checks.reset();
    });
    keeper.draft.on_switched(switched);
    let body = NodeRef::<leptos::html::Tbody>::new();
    let generation = keeper.draft.generation;
    let row_ids = Memo::new(move |_| form.with(|f| f.rows.iter().map(|r| r.id).collect::<Vec<_>>()));
    let messages = Memo::new(move |_| checks.visible(Field::cell));
    draw_rows(
        body,
        move || {
            let _ = (generation.get(), row_ids.get());
        },
        messages,
        move |now| form.with_untracked(|f| rows_html(f, now)),
        |(i, col)| anpai::cell_id(i, col),
    );
    let cell_of = |ev: &web_sys::Event| {
        let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
        let (row, col) = anpai::cell_at(&target.id())?;
        Some((row, col, target.tag_name() == "SELECT"))
    };
    let edited = move |row: usize, col: Col, value: String| {
        let field = match col {
            Col::Activity => Some(Field::Activity(row)),
            Col::From | Col::To => Some(Field::Months(row)),
            Col::Place => Some(Field::Place(row)),
            _ => None,
        };
        if let Some(field) = field {
            checks.edited(field);
        }
        let months_before = form.with_untracked(|f| f.rows.get(row).and_then(|p| p.months));
        keeper.edit(|f| {
            if let Some(plan) = f.rows.get_mut(row) {
                plan.set(col, value);
            }
        });
        // Choosing one end of 开展时间 can move the other: show it.
        let months_now = form.with_untracked(|f| f.rows.get(row).and_then(|p| p.months));
        if months_now != months_before {
            for end in [Col::From, Col::To] {
                let shown = form.with_untracked(|f| f.rows.get(row).map(|p| p.get(end)).unwrap_or_default());
                if let Some(select) = document()
                    .get_element_by_id(&anpai::cell_id(row, end))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
                {
                    select.set_value(&shown);
                }
            }
        }
    };
    let on_input = move |ev: web_sys::Event| {
        if let Some((row, col, false)) = cell_of(&ev)
            && !composing(&ev)
        {
            edited(row, col, event_target_value(&ev));
        }
    };
    let on_change = move |ev: web_sys::Event| {
        if let Some((row, col, true)) = cell_of(&ev) {
            edited(row, col, event_target_value(&ev));
        }
    };
    let on_composition_end = move |ev: web_sys::CompositionEvent| {
        if let Some((row, col, false)) = cell_of(&ev) {
            edited(row, col, event_target_value(&ev));
        }
    };
    let on_leave = move |ev: web_sys::FocusEvent| {
        if let Some((row, col, _)) = cell_of(&ev) {
            match col {
                Col::Activity => checks.left(Field::Activity(row)),
                Col::From | Col::To => checks.left(Field::Months(row)),
                Col::Place => checks.left(Field::Place(row)),
                _ => {}
            }
        }
    };
    let rows = Rows {
        keeper,
        removed,
        rows: |f: &mut Anpai| &mut f.rows,
        moved: Callback::new(move |()| checks.forget(|_| true)),
        undo_id: "anpai-undo",
        first_cell: |row| anpai::cell_id(row, Col::Activity),
    };
    let on_remove = move |ev: web_sys::MouseEvent| {
        if let Some(row) = clicked_row(&ev) {
            rows.remove(row);
        }
    };
    let add_row = move |_| {
        removed.set(None);
        keeper.edit(|f| {
            f.add_row();
        });
        let last = form.with_untracked(|f| f.rows.len().saturating_sub(1));
        dom::focus_field_later(anpai::cell_id(last, Col::Activity));
    };
    let sort = move |_| {
        removed.set(None);
        rows.change(Anpai::sort_by_months);
    };
    let in_order = Memo::new(move |_| form.with(Anpai::in_month_order));
    let export_csv = move |_| {
        let (name, bytes) = form.with_untracked(|f| (anpai::csv_file_name(f), anpai::to_csv(f)));
        keeper.draft.download(&name, download::CSV_MIME, &bytes);
    };
    let stats_month = RwSignal::new(String::new());
    let drafts = expect_context::<Drafts>();
    let make_statistics = move |_| {
        let Some(month) = stats_month.with_untracked(|m| anpai::Months::parse(m)).map(|m| m.from) else {
            keeper.draft.tell("请先选择要生成统计表的月份。");
            return;
        };
        let made = form
            .with_untracked(|f| f.statistics_sheet(month, clock::now().date()))
            .and_then(|sheet| drafts.hand_over(sheet));
        match made {
            Ok(_) => {
                let _ = window().location().set_hash("tongji");
            }
            Err(e) => keeper.draft.tell(format!("未能生成统计表：{e}")),
        }
    };
    // 年度 and 单位 are checked; the brand may stay blank (the title then names no brand).
    let head_field = move |id: &'static str, field: Option<Field>, label: &'static str, hint: &'static str| {
        let get = move |f: &Anpai| match id {
            "anpai-year" => f.year.clone(),
            "anpai-issuer" => f.issuer.clone(),
            _ => f.brand.clone(),
        };
        view! {
            <FieldView
                id=id
                label=label
                control=if id == "anpai-year" { Control::Number } else { Control::Text }
                value=Memo::new(move |_| form.with(get))
                message=field.map_or_else(|| Signal::derive(|| None), |f| checks.message(f))
                on_edit=Callback::new(move |v: String| {
                    if let Some(field) = field {
                        checks.edited(field);
                    }
                    keeper.edit(|f| match id {
                        "anpai-year" => f.year = v,
                        "anpai-issuer" => f.issuer = v,
                        _ => f.brand = v,
                    });
                })
                on_leave=Callback::new(move |()| {
                    if let Some(field) = field {
                        checks.left(field);
                    }
                })
                hint=Some(hint)
                required=field.is_some()
            />
        }
    };

    view! {
        <FormShell
            draft=keeper.draft
            checks=checks.hooks(Field::id)
            title=Signal::derive(move || form.with(Anpai::title))
            toolbar_label="安排表操作"
            new_focus="anpai-year"
            tools=move || view! { <button type="button" on:click=export_csv>"导出CSV"</button> }
            print=Callback::new(move |()| form.with(anpai::print_sheet))
        >
                <div class="grid">
                    {head_field("anpai-year", Some(Field::Year), "年度", "如：2021")}
                    {head_field("anpai-issuer", Some(Field::Issuer), "单位", "如：柳州市科协")}
                    {head_field("anpai-brand", None, "品牌名", "如：科普梦·乡村情；不填则标题中不写品牌")}
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
                        <tbody node_ref=body on:input=on_input on:change=on_change on:compositionend=on_composition_end
                            on:focusout=on_leave on:click=on_remove></tbody>
                    </table>
                </div>
                <div class="table-buttons">
                    <button type="button" id="anpai-add-row" on:click=add_row>"添加活动"</button>
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
                    <UndoLine
                        id="anpai-undo"
                        removed=Signal::derive(move || removed.get().map(|(i, p)| {
                            format!("已删除第{}行（{}）", i + 1, p.activity.trim())
                        }))
                        on_undo=Callback::new(move |()| rows.undo())
                    />
                </div>
        </FormShell>
    }
}
