//! The 活动预算 table of the 申报表: rows on the row engine with 金额 computed,
//! 合计 and 大写, and the funding split.

use leptos::prelude::*;

use crate::ui::checks::Checks;
use crate::ui::field::{Control, HeadShown, head_field};
use crate::ui::keeper::Keeper;
use crate::ui::rows::{CellHooks, RowList, TableRows};
use kepu_core::table::{CellKind, Column, TableSpec};
use kepu_core::forms::budget::{Budget, BudgetField, BudgetRow, Col, SUGGESTED_ITEMS, Source};
use kepu_core::forms::shenbao::{Field, Shenbao};

const COLUMNS: [Column; 7] = [
    Column { list: Some("budget-items"), ..Column::new("item", Col::Item.label(), CellKind::Text) },
    Column::new("note", Col::Note.label(), CellKind::Text),
    Column::new("unit", Col::Unit.label(), CellKind::Text),
    Column::new("quantity", Col::Quantity.label(), CellKind::Decimal),
    Column::new("price", Col::Price.label(), CellKind::Decimal),
    Column::new("amount", "金额（元）", CellKind::Computed),
    Column::new("remark", Col::Remark.label(), CellKind::Text),
];

/// The table as the row engine draws it.
const SPEC: TableSpec = TableSpec { slug: "budget", numbered: true, columns: &COLUMNS, copy: false, reorder: true, copy_focus: 0 };

/// The typed column at engine column `col` (`None` for the computed 金额).
const fn typed(col: usize) -> Option<Col> {
    match col {
        0 => Some(Col::Item),
        1 => Some(Col::Note),
        2 => Some(Col::Unit),
        3 => Some(Col::Quantity),
        4 => Some(Col::Price),
        6 => Some(Col::Remark),
        _ => None,
    }
}

/// The engine column of typed column `col`.
fn column(col: Col) -> usize {
    (0..COLUMNS.len()).find(|&i| typed(i) == Some(col)).unwrap_or(0)
}

/// Element id of the add-row button, where a "no rows" problem leads.
const ADD_ROW_ID: &str = "budget-add-row";

/// Element id of a funding source's input.
const fn funding_id(source: Source) -> &'static str {
    match source {
        Source::City => "funding-city",
        Source::Own => "funding-own",
        Source::Other => "funding-other",
    }
}

/// Element id of the control a budget problem points at: `budget-2-quantity` for 数量 第2行.
pub fn field_id(field: BudgetField) -> String {
    match field {
        BudgetField::Cell(row, col) => SPEC.cell_id(row, column(col)),
        BudgetField::Funding(source) => funding_id(source).to_owned(),
        BudgetField::Rows => ADD_ROW_ID.to_owned(),
    }
}

/// The expense lines: 金额 = 数量 × 单价, rows reordered with ↑ and ↓.
struct Expenses;

impl TableRows for Expenses {
    type Form = Shenbao;
    type Row = BudgetRow;

    fn spec(_: &Shenbao) -> &'static TableSpec {
        &SPEC
    }

    fn rows(form: &Shenbao) -> &[BudgetRow] {
        &form.budget.rows
    }

    fn rows_mut(form: &mut Shenbao) -> &mut Vec<BudgetRow> {
        &mut form.budget.rows
    }

    fn cell(form: &Shenbao, row: usize, col: usize) -> String {
        let Some(r) = form.budget.rows.get(row) else { return String::new() };
        match typed(col) {
            Some(c) => r.get(c).to_owned(),
            None => r.amount().map(|m| m.display()).unwrap_or_default(),
        }
    }

    fn set(row: &mut BudgetRow, col: usize, value: String) {
        if let Some(c) = typed(col) {
            row.set(c, value);
        }
    }

    fn add(form: &mut Shenbao) {
        form.budget.add_row();
    }

    fn describe(row: &BudgetRow) -> String {
        row.item.clone()
    }
}

/// The budget editor inside the 申报表.
pub fn budget_table(keeper: Keeper<Shenbao>, checks: Checks<Field>) -> impl IntoView {
    let form = keeper.form;
    let cell = |(row, col): (usize, usize)| typed(col).map(|c| Field::Budget(BudgetField::Cell(row, c)));
    let rows = RowList::<Expenses>::new(
        keeper,
        CellHooks {
            edited: Callback::new(move |at| cell(at).into_iter().for_each(|f| checks.edited(f))),
            left: Callback::new(move |at| cell(at).into_iter().for_each(|f| checks.left(f))),
            moved: Callback::new(move |()| checks.forget(|f| matches!(f, Field::Budget(BudgetField::Cell(..))))),
        },
    );
    keeper.draft.on_switched(Callback::new(move |()| rows.reset()));
    let messages = Memo::new(move |_| {
        checks.visible(|f| match f {
            Field::Budget(BudgetField::Cell(row, col)) => Some((row, column(col))),
            _ => None,
        })
    });
    let budget = move |read: fn(&Budget) -> String| move || form.with(|f| read(&f.budget));
    let funding = move |source: Source| {
        let field = Field::Budget(BudgetField::Funding(source));
        head_field(keeper, checks, field, HeadShown::new(funding_id(source), source.label(), Control::Text))
    };
    let rows_message = checks.message(Field::Budget(BudgetField::Rows));
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
                            {COLUMNS.iter().map(|c| view! { <th scope="col">{c.name}</th> }).collect_view()}
                            <th scope="col"><span class="sr-only">"操作"</span></th>
                        </tr>
                    </thead>
                    {rows.body(messages)}
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="6">"合计（元）"</th>
                            <td class="budget-amount" id="budget-total">{budget(|b| b.total().display())}</td>
                            <td colspan="2"></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="budget-upper" id="budget-upper">"合计（大写）：" {budget(Budget::total_upper)}</p>
            {move || rows_message.get().map(|m| view! { <p class="message" id="budget-rows-message">{m.text}</p> })}
            <div class="budget-buttons">
                <button type="button" id=ADD_ROW_ID on:click=move |_| rows.add()>"添加一行"</button>
                {rows.undo_line()}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_problems_lead_to_their_controls() {
        assert_eq!(field_id(BudgetField::Cell(1, Col::Quantity)), "budget-2-quantity");
        assert_eq!(field_id(BudgetField::Cell(0, Col::Remark)), "budget-1-remark");
        assert_eq!(SPEC.cell_name(1, column(Col::Quantity)), "数量 第2行");
        assert_eq!(SPEC.cell_id(0, 5), "budget-1-amount");
        assert_eq!(field_id(BudgetField::Funding(Source::Own)), "funding-own");
        assert_eq!(field_id(BudgetField::Rows), "budget-add-row");
    }
}
