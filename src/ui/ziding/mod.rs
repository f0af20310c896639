//! The 自定义表格 page: a notice's own table pasted (粘贴表格), corrected in the
//! builder (核对表格, 完成), then filled like any coded form: its fields by
//! `<label for>`, a list table's rows on the one row engine, 检查, 打印, CSV.

mod builder;
mod fill;
mod paste;
mod share;

use leptos::prelude::*;

use crate::ui::checks::Checks;
use crate::ui::keeper::Keeper;
use crate::ui::shell::FormShell;
use kepu_core::forms::ziding::{self, Field, Ziding};

/// The page's own styles, in its bundle: no other form's first visit carries them.
const STYLE: &str = include_str!("../../../style/ziding.css");

/// Where the page is with its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Nothing pasted yet.
    Paste,
    /// Pasted (or being changed): the builder shows what was understood.
    Build,
    /// Finished: filled in.
    Fill,
}

/// Element id of field `i`'s control.
fn head_id(i: usize) -> String {
    format!("ziding-f{i}")
}

/// Element id of the control a problem points at.
fn field_id(form: &Ziding, field: Field) -> String {
    match field {
        Field::Table => builder::FINISH_ID.to_owned(),
        Field::Head(i) => head_id(i),
        Field::Cell(row, col) => fill::spec_of(form).cell_id(row, col),
        Field::Rows => fill::ADD_ROW_ID.to_owned(),
    }
}

/// The 自定义表格, screen and print.
#[component]
pub fn ZidingPage() -> impl IntoView {
    let keeper = Keeper::<Ziding>::of_page();
    let form = keeper.form;
    let checks = Checks::new(move || form.with(ziding::validate));
    keeper.draft.on_switched(Callback::new(move |()| checks.reset()));
    share::open_from_address(keeper);
    // A finished table is filled in a view made for its columns: another table, or another
    // version of it, gets a view of its own.
    let stage = Memo::new(move |_| {
        form.with(|f| match (f.finished(), f.pasted()) {
            (true, _) => (Stage::Fill, Some((f.id.clone(), f.version))),
            (false, true) => (Stage::Build, None),
            (false, false) => (Stage::Paste, None),
        })
    });
    let title = Signal::derive(move || {
        form.with(|f| if f.table.title.trim().is_empty() { ziding::FORM_NAME.to_owned() } else { f.table.title.clone() })
    });
    view! {
        <FormShell
            draft=keeper.draft
            checks=checks.hooks(move |f| form.with_untracked(|form| field_id(form, f)))
            title=title
            toolbar_label="自定义表格操作"
            new_focus="ziding-f0"
        >
            <style>{STYLE}</style>
            {move || match stage.get().0 {
                Stage::Paste => view! { {paste::paste_box(keeper)} {share::open_file(keeper)} }.into_any(),
                Stage::Build => builder::builder(keeper).into_any(),
                Stage::Fill => fill::fill(keeper, checks).into_any(),
            }}
        </FormShell>
    }
}

/// The page, for the registry.
pub fn page() -> AnyView {
    view! { <ZidingPage /> }.into_any()
}
