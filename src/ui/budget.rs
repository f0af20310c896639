//! The 活动预算 table: rows of labelled cells, computed 金额, 合计 and 大写,
//! and the funding split.

use leptos::prelude::*;

use crate::browser::dom;
use crate::ui::cells::{CellInput, CellKind, UndoLine};
use crate::ui::field::{Control, Field as FieldView, FieldMessage};
use kepu_core::forms::budget::{
    self, ADD_ROW_ID, Budget, BudgetEdit, BudgetField, BudgetRow, Col, SUGGESTED_ITEMS, Source,
};

/// The budget editor. Every change goes out through `on_edit` as a [`BudgetEdit`].
#[component]
pub fn BudgetTable(
    /// The budget being edited.
    #[prop(into)]
    budget: Signal<Budget>,
    /// Receives each edit.
    on_edit: Callback<BudgetEdit>,
    /// The message a cell or funding source shows now, if any.
    message: Callback<BudgetField, Option<FieldMessage>>,
    /// Called when the user leaves a cell or funding input.
    on_leave: Callback<BudgetField>,
) -> impl IntoView {
    let removed = RwSignal::new(None::<(usize, BudgetRow)>);
    let rows = move || budget.with(|b| b.rows.iter().enumerate().map(|(i, r)| (i, r.id)).collect::<Vec<_>>());
    let row_count = move || budget.with(|b| b.rows.len());
    let add_row = move |_| {
        removed.set(None);
        on_edit.run(BudgetEdit::AddedRow);
        dom::focus_field_later(budget::cell_id(row_count().saturating_sub(1), Col::Item));
    };
    let remove = move |index: usize, id: u32| {
        let row = budget.with_untracked(|b| b.rows.iter().find(|r| r.id == id).cloned());
        on_edit.run(BudgetEdit::RemovedRow(id));
        removed.set(row.map(|r| (index, r)));
        dom::focus_field_later("budget-undo".to_owned());
    };
    let undo = move |()| {
        if let Some((index, row)) = removed.get_untracked() {
            removed.set(None);
            on_edit.run(BudgetEdit::RestoredRow(index, row));
            dom::focus_field_later(budget::cell_id(index, Col::Item));
        }
    };
    let row_view = move |(index, id): (usize, u32)| {
        let value = move |col: Col| {
            Signal::derive(move || {
                budget.with(|b| b.rows.iter().find(|r| r.id == id).map(|r| r.get(col).to_owned())).unwrap_or_default()
            })
        };
        let amount = move || {
            budget.with(|b| {
                b.rows.iter().find(|r| r.id == id).and_then(BudgetRow::amount).map(|m| m.display()).unwrap_or_default()
            })
        };
        let cell = move |col: Col| {
            let field = BudgetField::Cell(index, col);
            let kind = if matches!(col, Col::Quantity | Col::Price) { CellKind::Decimal } else { CellKind::Text };
            view! {
                <CellInput
                    id=budget::cell_id(index, col)
                    name=budget::cell_name(index, col)
                    kind=kind
                    value=value(col)
                    message=Signal::derive(move || message.run(field))
                    on_input=Callback::new(move |v| on_edit.run(BudgetEdit::EnteredCell(id, col, v)))
                    on_leave=Callback::new(move |()| on_leave.run(field))
                    list=(col == Col::Item).then_some("budget-items")
                />
            }
        };
        let row_number = index + 1;
        view! {
            <tr>
                <td class="budget-index">{row_number}</td>
                {cell(Col::Item)}
                {cell(Col::Note)}
                {cell(Col::Unit)}
                {cell(Col::Quantity)}
                {cell(Col::Price)}
                <td class="budget-amount" id=format!("budget-{row_number}-amount")>{amount}</td>
                {cell(Col::Remark)}
                <td class="budget-actions">
                    <button type="button" class="small" aria-label=format!("上移第{row_number}行") disabled=index == 0
                        on:click=move |_| on_edit.run(BudgetEdit::MovedRow(id, -1))>"↑"</button>
                    <button type="button" class="small" aria-label=format!("下移第{row_number}行") disabled=move || { index + 1 >= row_count() }
                        on:click=move |_| on_edit.run(BudgetEdit::MovedRow(id, 1))>"↓"</button>
                    <button type="button" class="small danger" aria-label=format!("删除第{row_number}行")
                        on:click=move |_| remove(index, id)>"删除"</button>
                </td>
            </tr>
        }
    };
    let funding = move |source: Source| {
        let field = BudgetField::Funding(source);
        view! {
            <FieldView
                id=source.id()
                label=source.label()
                control=Control::Text
                value=Signal::derive(move || budget.with(|b| b.funding(source).to_owned()))
                message=Signal::derive(move || message.run(field))
                on_edit=Callback::new(move |v| on_edit.run(BudgetEdit::EnteredFunding(source, v)))
                on_leave=Callback::new(move |()| on_leave.run(field))
                required=false
            />
        }
    };
    let rows_message = Signal::derive(move || message.run(BudgetField::Rows));
    view! {
        <section class="budget" aria-labelledby="budget-heading">
            <h2 id="budget-heading" class="budget-heading">"活动预算"</h2>
            <datalist id="budget-items">
                {SUGGESTED_ITEMS.iter().map(|item| view! { <option value=*item></option> }).collect_view()}
            </datalist>
            <div class="budget-scroll">
                <table class="budget-table">
                    <colgroup>
                        {["index", "item", "note", "unit", "quantity", "price", "amount", "remark", "actions"]
                            .map(|c| view! { <col class=format!("budget-col-{c}") /> })
                            .collect_view()}
                    </colgroup>
                    <thead>
                        <tr>
                            <th scope="col">"序号"</th>
                            {Col::ALL[..5].iter().map(|c| view! { <th scope="col">{c.label()}</th> }).collect_view()}
                            <th scope="col">"金额（元）"</th>
                            <th scope="col">{Col::Remark.label()}</th>
                            <th scope="col"><span class="sr-only">"操作"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=rows key=|k| *k children=row_view />
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="6">"合计（元）"</th>
                            <td class="budget-amount" id="budget-total">{move || budget.with(|b| b.total().display())}</td>
                            <td colspan="2"></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="budget-upper" id="budget-upper">
                "合计（大写）：" {move || budget.with(Budget::total_upper)}
            </p>
            {move || rows_message.get().map(|m| view! { <p class="message" id="budget-rows-message">{m.text}</p> })}
            <div class="budget-buttons">
                <button type="button" id=ADD_ROW_ID on:click=add_row>"添加一行"</button>
                <UndoLine
                    id="budget-undo"
                    removed=Signal::derive(move || removed.get().map(|(index, row)| {
                        let what = if row.item.trim().is_empty() { String::new() } else { format!("（{}）", row.item.trim()) };
                        format!("已删除第{}行{what}", index + 1)
                    }))
                    on_undo=Callback::new(undo)
                />
            </div>
            <fieldset class="funding">
                <legend>"资金来源"</legend>
                {funding(Source::City)}
                {funding(Source::Own)}
                {funding(Source::Other)}
            </fieldset>
        </section>
    }
}
