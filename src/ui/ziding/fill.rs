//! Filling a finished table: its fields by `<label for>`, then a list table's
//! rows on the one row engine with the 合计 row kept current, and the notes.

use leptos::prelude::*;

use super::head_id;
use crate::ui::checks::Checks;
use crate::ui::counter::ZiCounter;
use crate::ui::field::{Control, HeadShown, head_field};
use crate::ui::keeper::Keeper;
use crate::ui::rows::{CellHooks, RowList, TableRows};
use kepu_core::forms::ziding::{Field, Item, Kind, Layout, Slot, Ziding, set_in, short};
use kepu_core::rules::zi;
use kepu_core::table::{ReadColumn, ReadKind, ReadTable, TableSpec, intern};

/// Element id of 添加一行, where "no rows" points.
pub const ADD_ROW_ID: &str = "ziding-add-row";

/// The row engine's cell kind of a column's kind.
fn cell_kind(kind: &Kind) -> ReadKind {
    match kind {
        Kind::LongText { .. } => ReadKind::LongText,
        Kind::Integer => ReadKind::Count,
        Kind::Money { .. } => ReadKind::Decimal,
        Kind::Date => ReadKind::Date,
        Kind::Choice { options } => ReadKind::Choice(options.clone()),
        _ => ReadKind::Text,
    }
}

/// The table's rows as the row engine draws them; the same columns give the same spec.
pub fn spec_of(form: &Ziding) -> &'static TableSpec {
    let columns = form.table.columns.iter().enumerate();
    let columns = columns
        .map(|(i, c)| ReadColumn { key: format!("c{}", i + 1), name: c.label.clone(), kind: cell_kind(&c.kind) })
        .collect();
    intern(&ReadTable { slug: "ziding", numbered: form.table.numbered, columns })
}

/// A list table's records: a row each, copied with 复制.
struct Records;

impl TableRows for Records {
    type Form = Ziding;
    type Row = Vec<String>;

    fn spec(form: &Ziding) -> &'static TableSpec {
        spec_of(form)
    }

    fn rows(form: &Ziding) -> &[Vec<String>] {
        &form.rows
    }

    fn rows_mut(form: &mut Ziding) -> &mut Vec<Vec<String>> {
        &mut form.rows
    }

    fn cell(form: &Ziding, row: usize, col: usize) -> String {
        form.cell(row, col).to_owned()
    }

    fn set(row: &mut Vec<String>, col: usize, value: String) {
        set_in(row, col, value);
    }

    fn add(form: &mut Ziding) {
        form.add_row();
    }

    fn copy(form: &mut Ziding, row: usize) {
        form.copy_row(row);
    }

    fn describe(row: &Vec<String>) -> String {
        row.iter().find(|c| !c.trim().is_empty()).cloned().unwrap_or_default()
    }
}

/// How a field of `kind` is typed, and the note under its label.
fn shown(kind: &Kind) -> (Control, Option<String>) {
    match kind {
        Kind::LongText { min, max } => (
            Control::LongText,
            match (min, max) {
                (Some(a), Some(b)) => Some(format!("{a}至{b}字")),
                (Some(a), None) => Some(format!("不少于{a}字")),
                (None, Some(b)) => Some(format!("{b}字以内")),
                (None, None) => None,
            },
        ),
        Kind::Integer => (Control::Text, Some("整数，如：120".into())),
        Kind::Money { wan: false } => (Control::Text, Some("单位：元，如：1200.50".into())),
        Kind::Money { wan: true } => (Control::Text, Some("单位：万元，如：3.5".into())),
        Kind::Date => (Control::Date, None),
        Kind::DateRange => (Control::Text, Some("如：2024-05-06至2024-10-31".into())),
        Kind::Phone => (Control::Tel, Some("手机号或带区号的固定电话".into())),
        Kind::Mobile => (Control::Tel, Some("11位手机号码".into())),
        Kind::Email => (Control::Email, None),
        Kind::IdCard => (Control::Text, Some("18位居民身份证号码".into())),
        Kind::Choice { options } => (Control::Text, Some(format!("可填：{}", options.join("、")))),
        Kind::Text | Kind::Seal => (Control::Text, None),
    }
}

/// Field `i` bound to the draft, its kind's control and notes; `beside`: its label is in the cell beside it.
fn field_view(keeper: Keeper<Ziding>, checks: Checks<Field>, i: usize, item: &Item, beside: bool) -> AnyView {
    let (control, hint) = shown(&item.kind);
    let label = if item.label.chars().count() > 40 { short(&item.label).to_owned() } else { item.label.clone() };
    let mut shown = HeadShown::new(head_id(i), label, control);
    if control == Control::LongText {
        shown = shown.rows(6);
    }
    if beside {
        shown = shown.labelled_beside();
    }
    let hint = match (hint, label_note(&item.label)) {
        (Some(h), Some(n)) if n.contains(&h) => Some(n),
        (Some(h), Some(n)) => Some(format!("{n}；{h}")),
        (h, n) => h.or(n),
    };
    if let Some(hint) = hint {
        shown = shown.hint(hint);
    }
    // A 字数 minimum is counted as it is typed, as the 申报表's 活动方案 is (a maximum is left to 检查).
    let min = match item.kind {
        Kind::LongText { min: Some(min), .. } => Some(min as usize),
        _ => None,
    };
    let counter = format!("{}-counter", head_id(i));
    if min.is_some() {
        shown = shown.described_by(counter.clone());
    }
    let form = keeper.form;
    let field = head_field(keeper, checks, i, shown).into_any();
    let Some(min) = min else { return field };
    let count = Memo::new(move |_| form.with(|f| zi::count(f.head(i))));
    // Views as a list of AnyView: a tuple of the two would instantiate tachys anew for its type (+7 KB).
    vec![field, view! { <ZiCounter id=counter count=count min=min /> }.into_any()].into_any()
}

/// A 签字盖章 box's first line and what it is for: nothing to type.
fn seal_text(item: &Item) -> String {
    format!("{}（签字盖章处：打印后手写、盖章）", item.label.lines().next().unwrap_or("").trim())
}

/// A list table's fields above it, each by its label; a 签字盖章 box is left for the paper.
fn fields(keeper: Keeper<Ziding>, checks: Checks<Field>) -> impl IntoView {
    let items = keeper.form.with_untracked(|f| f.table.fields.clone());
    let views = items.iter().enumerate().map(|(i, item)| {
        if item.kind == Kind::Seal {
            view! { <p class="hint seal-note">{seal_text(item)}</p> }.into_any()
        } else {
            field_view(keeper, checks, i, item, false)
        }
    });
    view! { <div class="grid ziding-fields">{views.collect_view()}</div> }
}

/// A label grid (a 申报书) as the paper lays it out: each label in its cell with the
/// `<label for>` of the blank beside it, a cell across the table with its own prompt, seal boxes.
fn label_grid(keeper: Keeper<Ziding>, checks: Checks<Field>) -> impl IntoView {
    let (items, grid) = keeper.form.with_untracked(|f| (f.table.fields.clone(), f.table.grid.clone()));
    let span = |n: usize| n.max(1).to_string();
    let rows = grid.into_iter().map(|line| {
        let cells = line.iter().enumerate().map(|(at, slot)| match slot {
            Slot::Label { text, span: n } => {
                // The label of the blank right after it, when there is one.
                let labels = match line.get(at + 1) {
                    Some(Slot::Field { field, .. }) => Some(head_id(*field)),
                    _ => None,
                };
                let text = text.clone();
                view! {
                    <th scope="row" colspan=span(*n)>
                        {match labels {
                            Some(id) => view! { <label for=id>{text}</label> }.into_any(),
                            None => text.into_any(),
                        }}
                    </th>
                }
                .into_any()
            }
            Slot::Field { field, span: n } => {
                let beside = at > 0 && matches!(line.get(at - 1), Some(Slot::Label { .. }));
                let view = items.get(*field).map(|item| field_view(keeper, checks, *field, item, beside));
                view! { <td colspan=span(*n)>{view}</td> }.into_any()
            }
            Slot::Block { field, span: n } => {
                let view = items.get(*field).map(|item| match item.kind {
                    Kind::Seal => view! { <p class="seal-box">{seal_text(item)}</p> }.into_any(),
                    _ => field_view(keeper, checks, *field, item, false),
                });
                view! { <td colspan=span(*n) class="ziding-block">{view}</td> }.into_any()
            }
        });
        view! { <tr>{cells.collect_view()}</tr> }
    });
    view! {
        <table class="ziding-grid">
            <tbody>{rows.collect_view()}</tbody>
        </table>
    }
}

/// The guidance a long label carries in brackets (`包括项目背景、…`), shown under the short label.
fn label_note(label: &str) -> Option<String> {
    let first = label.lines().next()?;
    (short(label) != first.trim_end_matches(['：', ':']).trim()).then(|| {
        first[short(label).len()..].trim_matches(['（', '）', '(', ')', '：', ':']).to_owned()
    })
}

/// The filling view.
pub fn fill(keeper: Keeper<Ziding>, checks: Checks<Field>) -> impl IntoView {
    let form = keeper.form;
    let (layout, numbered, total, columns, notes) = form.with_untracked(|f| {
        let columns: Vec<(String, bool)> =
            f.table.columns.iter().map(|c| (c.label.clone(), matches!(c.kind, Kind::LongText { .. }))).collect();
        (f.table.layout, f.table.numbered, f.table.total, columns, f.table.notes.clone())
    });
    // Wide enough for every column to be typed in: a long text gets more room; the table scrolls sideways.
    let width: usize = columns.iter().map(|(_, long)| if *long { 14 } else { 8 }).sum::<usize>() + 12;
    let change_table = move |_| keeper.edit(Ziding::edit_table);
    let list = (layout == Layout::List).then(|| {
        let rows = RowList::<Records>::new(
            keeper,
            CellHooks {
                edited: Callback::new(move |(r, c)| checks.edited(Field::Cell(r, c))),
                left: Callback::new(move |(r, c)| checks.left(Field::Cell(r, c))),
                moved: Callback::new(move |()| checks.forget(|f| matches!(f, Field::Cell(..)))),
            },
        );
        keeper.draft.on_switched(Callback::new(move |()| rows.reset()));
        let messages = Memo::new(move |_| {
            checks.visible(|f| match f {
                Field::Cell(r, c) => Some((r, c)),
                _ => None,
            })
        });
        let totals = Memo::new(move |_| form.with(Ziding::totals));
        let foot = total.then(|| {
            view! {
                <tfoot>
                    <tr class="total-row">
                        {numbered.then(|| view! { <th scope="row">"合计"</th> })}
                        {move || totals.get().into_iter().enumerate().map(|(c, t)| match t {
                            Some(t) => view! { <td class="numeric" id=format!("ziding-total-{}", c + 1)>{t}</td> }.into_any(),
                            None if c == 0 && !numbered => view! { <th scope="row">"合计"</th> }.into_any(),
                            None => view! { <td></td> }.into_any(),
                        }).collect_view()}
                        <td></td>
                    </tr>
                </tfoot>
            }
        });
        view! {
            <div class="table-scroll">
                <table class="data-table ziding-table" style=format!("min-width: {width}rem")>
                    <colgroup>
                        {numbered.then(|| view! { <col class="ziding-col-index" /> })}
                        {columns.iter().map(|(_, long)| view! { <col class:ziding-col-long=*long /> }).collect_view()}
                        <col class="ziding-col-actions" />
                    </colgroup>
                    <thead>
                        <tr>
                            {numbered.then(|| view! { <th scope="col">"序号"</th> })}
                            {columns.into_iter().map(|(c, _)| view! { <th scope="col">{c}</th> }).collect_view()}
                            <th scope="col"><span class="sr-only">"操作"</span></th>
                        </tr>
                    </thead>
                    {rows.body(messages)}
                    {foot}
                </table>
            </div>
            <div class="table-buttons">
                <button type="button" id=ADD_ROW_ID on:click=move |_| rows.add()>"添加一行"</button>
                {rows.undo_line()}
            </div>
        }
    });
    let fields = match layout {
        Layout::List => fields(keeper, checks).into_any(),
        Layout::Grid => label_grid(keeper, checks).into_any(),
    };
    view! {
        {fields}
        {list}
        {(!notes.is_empty()).then(|| view! {
            <div class="ziding-notes">{notes.into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}</div>
        })}
        <div class="table-buttons">
            <button type="button" id="ziding-change" on:click=change_table>"修改表格"</button>
            {super::share::share_tools(keeper)}
        </div>
    }
}
