//! The one row engine of every editable table (活动预算, 活动统计表, 任务分解表,
//! 重点活动安排表): the rows drawn as HTML text (a long table in frames, so it
//! opens at once), one set of delegated events on the table body, messages
//! patched into their cells in place, computed cells kept current, and add,
//! copy, move, 删除 and 撤销 over the form's list of rows. Cells are named for
//! screen readers by column and row: `数量 第2行`.
//!
//! A form describes its table once, as a [`TableRows`] implementation; the
//! drawing and the events are the same code for every table.

use std::collections::BTreeMap;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::dom;
use crate::ui::cells::UndoLine;
use crate::ui::field::{FieldMessage, composing};
use crate::ui::html::Html;
use crate::ui::keeper::Keeper;
use crate::ui::rows_html;
use kepu_core::form::Form;
use kepu_core::table::{CellKind, TableSpec};

/// A form's table, described once: which rows, what each cell shows, how edits apply.
pub trait TableRows: 'static {
    /// The form holding the rows.
    type Form: Form;
    /// One row.
    type Row: Clone + Send + Sync + 'static;
    /// The table's columns and buttons: constants for a coded form, interned
    /// ([`kepu_core::table::intern`]) for a table described at run time.
    fn spec(form: &Self::Form) -> &'static TableSpec;
    /// The rows.
    fn rows(form: &Self::Form) -> &[Self::Row];
    /// The rows, to change.
    fn rows_mut(form: &mut Self::Form) -> &mut Vec<Self::Row>;
    /// What the cell shows: the typed value, or the computed text of a [`CellKind::Computed`] column.
    fn cell(form: &Self::Form, row: usize, col: usize) -> String;
    /// Stores what the user typed into the cell.
    fn set(row: &mut Self::Row, col: usize, value: String);
    /// Appends an empty row.
    fn add(form: &mut Self::Form);
    /// Inserts a copy of row `row` after it (only for tables with 复制).
    fn copy(_form: &mut Self::Form, _row: usize) {}
    /// A row's own name for the undo line, `专家讲课费`; empty for none.
    fn describe(row: &Self::Row) -> String;
    /// The column an edit in column `col` can change in the same row (the end of a
    /// month range follows its start): shown again after each edit.
    fn follows(_col: usize) -> Option<usize> {
        None
    }
}

/// What the page does with cell events, by (row, column).
#[derive(Clone, Copy)]
pub struct CellHooks {
    /// The user typed into a cell (before it is stored).
    pub edited: Callback<(usize, usize)>,
    /// The user left a cell.
    pub left: Callback<(usize, usize)>,
    /// Rows are about to move: messages tied to row numbers would mislead.
    pub moved: Callback<()>,
}

/// A row change the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowOp {
    Remove(usize),
    Copy(usize),
    Move(usize, isize),
}

/// Messages shown in cells, by (row, column).
pub type Messages = BTreeMap<(usize, usize), FieldMessage>;

/// A form's editable table: its rows, the last removed one kept for 撤销. Copy.
pub struct RowList<T: TableRows> {
    keeper: Keeper<T::Form>,
    hooks: CellHooks,
    removed: RwSignal<Option<(usize, T::Row)>>,
    /// Rows the next drawing must include at once, because focus is about to go there.
    need: StoredValue<usize>,
    /// Changes when rows move: the rows are then drawn afresh.
    moves: RwSignal<u32>,
}

impl<T: TableRows> Clone for RowList<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: TableRows> Copy for RowList<T> {}

impl<T: TableRows> RowList<T> {
    /// The table of `keeper`'s form.
    pub fn new(keeper: Keeper<T::Form>, hooks: CellHooks) -> Self {
        Self { keeper, hooks, removed: RwSignal::new(None), need: StoredValue::new(0), moves: RwSignal::new(0) }
    }

    /// The table's columns and buttons.
    fn spec(self) -> &'static TableSpec {
        self.keeper.form.with_untracked(T::spec)
    }

    /// Forgets the removed row: another draft is shown.
    pub fn reset(self) {
        self.removed.set(None);
    }

    /// A change that makes rows come, go or move (a list pasted, rows sorted): messages
    /// tied to row numbers are forgotten and the rows drawn afresh.
    pub fn change(self, change: impl FnOnce(&mut T::Form)) {
        self.hooks.moved.run(());
        self.keeper.edit(change);
        self.moves.update(|n| *n = n.wrapping_add(1));
    }

    fn focus(self, row: usize, col: usize) {
        self.need.set_value(self.need.get_value().max(row + 1));
        dom::focus_field_later(self.spec().cell_id(row, col));
    }

    /// Adds an empty row at the end and moves focus to it.
    pub fn add(self) {
        self.removed.set(None);
        self.keeper.edit(T::add);
        let last = self.keeper.form.with_untracked(|f| T::rows(f).len().saturating_sub(1));
        self.need.set_value(usize::MAX);
        dom::focus_field_later(self.spec().cell_id(last, self.spec().first_input()));
    }

    fn apply(self, op: RowOp) {
        match op {
            RowOp::Remove(row) => {
                let mut taken = None;
                self.change(|f| {
                    let list = T::rows_mut(f);
                    if row < list.len() {
                        taken = Some(list.remove(row));
                    }
                });
                if let Some(r) = taken {
                    self.removed.set(Some((row, r)));
                    dom::focus_field_later(self.spec().undo_id());
                }
            }
            RowOp::Copy(row) => {
                self.removed.set(None);
                self.change(|f| T::copy(f, row));
                self.focus(row + 1, self.spec().copy_focus);
            }
            RowOp::Move(row, by) => {
                let len = self.keeper.form.with_untracked(|f| T::rows(f).len());
                let Some(to) = row.checked_add_signed(by).filter(|to| *to < len) else { return };
                self.removed.set(None);
                self.change(|f| T::rows_mut(f).swap(row, to));
                // Focus follows the moved row's button, so pressing it again moves it further.
                let action = if by < 0 { "up" } else { "down" };
                let button = format!("{}-{}-{action}", self.spec().slug, to + 1);
                dom::focus_field_later(button);
            }
        }
    }

    /// Puts the last removed row back where it was.
    pub fn undo(self) {
        if let Some((row, r)) = self.removed.get_untracked() {
            self.removed.set(None);
            self.change(|f| {
                let list = T::rows_mut(f);
                list.insert(row.min(list.len()), r);
            });
            self.focus(row, self.spec().first_input());
        }
    }

    /// `已删除第2行（专家讲课费） 撤销`, while there is something to undo.
    pub fn undo_line(self) -> impl IntoView {
        view! {
            <UndoLine
                id=self.spec().undo_id()
                removed=Signal::derive(move || self.removed.get().map(|(i, r)| {
                    let what = T::describe(&r);
                    let what = what.trim();
                    if what.is_empty() { format!("已删除第{}行", i + 1) } else { format!("已删除第{}行（{what}）", i + 1) }
                }))
                on_undo=Callback::new(move |()| self.undo())
            />
        }
    }

    /// The table body: the rows, their events and messages.
    pub fn body(self, messages: Memo<Messages>) -> impl IntoView {
        let form = self.keeper.form;
        let has_computed = self.spec().columns.iter().any(|c| c.kind == CellKind::Computed);
        let source = Source {
            spec: self.spec(),
            len: Callback::new(move |()| form.with_untracked(|f| T::rows(f).len())),
            html: Callback::new(move |(from, to, messages): (usize, usize, Messages)| {
                form.with_untracked(|f| rows_html::<T>(f, from, to, &messages))
            }),
            structure: {
                let moves = self.moves;
                Memo::new(move |_| (form.with(|f| T::rows(f).len()), moves.get())).into()
            },
            computed: has_computed.then(|| {
                Memo::new(move |_| {
                    form.with(|f| {
                        let columns =
                            self.spec().columns.iter().enumerate().filter(|(_, c)| c.kind == CellKind::Computed);
                        let columns: Vec<usize> = columns.map(|(i, _)| i).collect();
                        (0..T::rows(f).len())
                            .flat_map(|row| columns.iter().map(move |&col| (row, col)))
                            .map(|(row, col)| (row, col, T::cell(f, row, col)))
                            .collect()
                    })
                })
                .into()
            }),
            on_cell: Callback::new(move |(row, col, value): (usize, usize, String)| {
                self.hooks.edited.run((row, col));
                self.keeper.edit(|f| {
                    if let Some(r) = T::rows_mut(f).get_mut(row) {
                        T::set(r, col, value);
                    }
                });
                if let Some(other) = T::follows(col) {
                    let value = form.with_untracked(|f| T::cell(f, row, other));
                    dom::show_value(&self.spec().cell_id(row, other), &value);
                }
            }),
            on_leave: self.hooks.left,
            on_op: Callback::new(move |op| self.apply(op)),
            need: self.need,
            generation: self.keeper.draft.generation.into(),
        };
        row_body(source, messages)
    }
}

/// The rows as HTML, from `from` to `to`, with `messages` in their cells.
fn rows_html<T: TableRows>(form: &T::Form, from: usize, to: usize, messages: &Messages) -> String {
    let spec = T::spec(form);
    let len = T::rows(form).len();
    let mut out = Html::with_capacity((to - from) * 200 * spec.columns.len());
    for row in from..to.min(len) {
        let n = row + 1;
        out.tag("<tr>");
        if spec.numbered {
            out.tag("<td class=\"table-index\">").text(n).tag("</td>");
        }
        for (col, column) in spec.columns.iter().enumerate() {
            let id = spec.cell_id(row, col);
            let value = T::cell(form, row, col);
            if column.kind == CellKind::Computed {
                out.tag("<td class=\"numeric computed\"").attr("id", &id).tag(">").text(&value).tag("</td>");
            } else {
                let name = spec.cell_name(row, col);
                rows_html::cell(&mut out, &id, &name, column.kind, column.list, &value, messages.get(&(row, col)));
            }
        }
        out.tag("<td class=\"table-actions\">");
        let button =
            |out: &mut Html, action: &'static str, label: &str, text: &'static str, danger: bool, disabled: bool| {
                out.tag(if danger {
                    "<button type=\"button\" class=\"small danger\""
                } else {
                    "<button type=\"button\" class=\"small\""
                });
                out.attr("id", format_args!("{}-{n}-{action}", spec.slug))
                    .attr("data-action", action)
                    .attr("data-row", row);
                out.attr("aria-label", format_args!("{label}第{n}行"));
                if disabled {
                    out.tag(" disabled");
                }
                out.tag(">").tag(text).tag("</button>");
            };
        if spec.reorder {
            button(&mut out, "up", "上移", "↑", false, row == 0);
            button(&mut out, "down", "下移", "↓", false, n >= len);
        }
        if spec.copy {
            button(&mut out, "copy", "复制", "复制", false, false);
        }
        button(&mut out, "remove", "删除", "删除", true, false);
        out.tag("</td></tr>");
    }
    out.finish()
}

/// Rows drawn at once when the rows are drawn afresh: more than a screen. The rest follow in
/// slices between frames, so a long sheet opens at once and typing is never blocked for long
/// (a browser builds about four rows of inputs per millisecond).
const FIRST_ROWS: usize = 40;
/// Rows drawn per later slice, each well under the 50 ms of a long task.
const SLICE_ROWS: usize = 50;

/// What the body needs of a table, with the form's type erased: the drawing is compiled once.
#[derive(Clone, Copy)]
struct Source {
    spec: &'static TableSpec,
    len: Callback<(), usize>,
    html: Callback<(usize, usize, Messages), String>,
    /// Changes when rows come, go or move.
    structure: Signal<(usize, u32)>,
    /// Every computed cell's text, when the table has any.
    computed: Option<Signal<Vec<(usize, usize, String)>>>,
    on_cell: Callback<(usize, usize, String)>,
    on_leave: Callback<(usize, usize)>,
    on_op: Callback<RowOp>,
    need: StoredValue<usize>,
    /// Changes when the form is replaced as a whole.
    generation: Signal<u32>,
}

/// The rows in the page: drawn afresh on structural change, then completed slice by slice.
#[derive(Clone, Copy)]
struct Drawing {
    source: Source,
    messages: Memo<Messages>,
    /// Which drawing is under way; a slice of an earlier one stops.
    pass: StoredValue<u32>,
    drawn: StoredValue<usize>,
}

impl Drawing {
    /// Draws the first rows into `body`; returns the messages they show.
    fn afresh(self, body: web_sys::HtmlElement) -> Messages {
        let pass = self.pass.get_value().wrapping_add(1);
        self.pass.set_value(pass);
        let now = self.messages.get_untracked();
        let len = self.source.len.run(());
        let first = FIRST_ROWS.max(self.source.need.get_value()).min(len);
        self.source.need.set_value(0);
        body.set_inner_html(&self.source.html.run((0, first, now.clone())));
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
                let to = (from + SLICE_ROWS).min(self.source.len.run(()));
                let html = self.source.html.run((from, to, self.messages.get_untracked()));
                let _ = body.insert_adjacent_html("beforeend", &html);
                self.drawn.set_value(to);
                if to < self.source.len.run(()) {
                    self.more(body, pass);
                }
            },
            Duration::ZERO,
        );
    }
}

/// The cell (row, column) an event happened in, and its element.
fn event_cell(spec: &TableSpec, ev: &web_sys::Event) -> Option<(usize, usize, web_sys::Element)> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let (row, col) = spec.cell_at(&target.id())?;
    Some((row, col, target))
}

fn row_body(source: Source, messages: Memo<Messages>) -> impl IntoView {
    let spec = source.spec;
    let body = NodeRef::<leptos::html::Tbody>::new();
    let patched = StoredValue::new(Messages::new());
    let drawing = Drawing { source, messages, pass: StoredValue::new(0), drawn: StoredValue::new(0) };
    // Rows are drawn afresh when they come, go or move, or the form is replaced; typing
    // changes only the form, and messages and computed cells are patched in place.
    let order = Memo::new(move |_| (source.generation.get(), source.structure.get()));
    Effect::new(move |_| {
        // Read, not just tracked: a memo never read is never recomputed, so it would not notify.
        let _ = order.get();
        if let Some(body) = body.get() {
            patched.set_value(drawing.afresh(body.into()));
        }
    });
    Effect::new(move |_| {
        let now = messages.get();
        patched.update_value(|before| rows_html::patch_messages(before, now, |(row, col)| spec.cell_id(row, col)));
    });
    if let Some(computed) = source.computed {
        Effect::new(move |_| {
            let _ = order.get();
            computed.with(|cells| {
                for (row, col, text) in cells {
                    if let Some(cell) = document().get_element_by_id(&spec.cell_id(*row, *col))
                        && cell.text_content().as_deref() != Some(text.as_str())
                    {
                        cell.set_text_content(Some(text));
                    }
                }
            });
        });
    }
    let typed = move |ev: &web_sys::Event, select: bool| {
        if let Some((row, col, target)) = event_cell(spec, ev)
            && (target.tag_name() == "SELECT") == select
        {
            source.on_cell.run((row, col, event_target_value(ev)));
        }
    };
    let on_input = move |ev: web_sys::Event| {
        if !composing(&ev) {
            typed(&ev, false);
        }
    };
    let on_change = move |ev: web_sys::Event| typed(&ev, true);
    let on_composition_end = move |ev: web_sys::CompositionEvent| typed(&ev, false);
    let on_leave = move |ev: web_sys::FocusEvent| {
        if let Some((row, col, _)) = event_cell(spec, &ev) {
            source.on_leave.run((row, col));
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        let button = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let Some(button) = button else { return };
        let (Some(action), Some(row)) = (button.get_attribute("data-action"), button.get_attribute("data-row")) else {
            return;
        };
        let Ok(row) = row.parse::<usize>() else { return };
        let op = match action.as_str() {
            "remove" => RowOp::Remove(row),
            "copy" => RowOp::Copy(row),
            "up" => RowOp::Move(row, -1),
            "down" => RowOp::Move(row, 1),
            _ => return,
        };
        source.on_op.run(op);
    };
    view! {
        <tbody node_ref=body on:input=on_input on:change=on_change on:compositionend=on_composition_end
            on:focusout=on_leave on:click=on_click></tbody>
    }
}
