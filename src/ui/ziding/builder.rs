//! 核对表格: what the paste was understood to be, to correct before 完成 —
//! the title, the fields above the table, a list table's columns (names,
//! kinds, 必填, options, 字数 limits, order), 序号 and 合计, the notes.

use leptos::prelude::*;

use crate::browser::{clock, dom};
use crate::ui::keeper::Keeper;
use kepu_core::forms::ziding::{Item, Kind, Layout, Ziding, table_id};
use kepu_core::rules::dates;

/// Element id of 完成, where "not finished" points.
pub const FINISH_ID: &str = "ziding-finish";

/// The fields or the columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Fields,
    Columns,
}

impl Part {
    fn items(self, f: &Ziding) -> &[Item] {
        match self {
            Part::Fields => &f.table.fields,
            Part::Columns => &f.table.columns,
        }
    }

    fn items_mut(self, f: &mut Ziding) -> &mut Vec<Item> {
        match self {
            Part::Fields => &mut f.table.fields,
            Part::Columns => &mut f.table.columns,
        }
    }

    /// Moves item `a` to `b`'s place and back, values and all.
    fn swap(self, f: &mut Ziding, a: usize, b: usize) {
        match self {
            Part::Fields => f.swap_fields(a, b),
            Part::Columns => f.swap_columns(a, b),
        }
    }

    /// Removes item `i` and its values.
    fn remove(self, f: &mut Ziding, i: usize) {
        match self {
            Part::Fields => f.remove_field(i),
            Part::Columns => f.remove_column(i),
        }
    }

    /// `第3项`, `第3列`.
    fn nth(self, i: usize) -> String {
        match self {
            Part::Fields => format!("第{}项", i + 1),
            Part::Columns => format!("第{}列", i + 1),
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Part::Fields => "field",
            Part::Columns => "col",
        }
    }
}

/// One row of the items' table: name, kind, options or limits, 必填, order and 删除.
fn item_row(keeper: Keeper<Ziding>, part: Part, i: usize) -> impl IntoView {
    let form = keeper.form;
    let item = Memo::new(move |_| form.with(|f| part.items(f).get(i).cloned()));
    let id = move |what: &str| format!("ziding-{}-{}-{what}", part.slug(), i + 1);
    let nth = part.nth(i);
    let edit = move |change: Box<dyn FnOnce(&mut Item)>| {
        keeper.edit(|f| {
            if let Some(item) = part.items_mut(f).get_mut(i) {
                change(item);
            }
        });
    };
    let kind_name = move || item.with(|it| it.as_ref().map_or("文本", |it| it.kind.name()));
    let extra = move || {
        let kind = item.with(|it| it.as_ref().map(|it| it.kind.clone()));
        match kind {
            Some(Kind::Choice { options }) => view! {
                <input type="text" id=id("options") aria-label=format!("选项 {nth}（用/分隔）") prop:value=options.join("/")
                    on:change=move |ev| {
                        let typed = event_target_value(&ev);
                        let options: Vec<String> = typed.split(['/', '／', '、']).map(str::trim)
                            .filter(|o| !o.is_empty()).map(str::to_owned).collect();
                        edit(Box::new(move |it| it.kind = Kind::Choice { options }));
                    } />
            }
            .into_any(),
            Some(Kind::LongText { min, max }) => {
                let limit = move |is_min: bool| {
                    move |ev: web_sys::Event| {
                        let n = event_target_value(&ev).trim().parse::<u32>().ok();
                        edit(Box::new(move |it| {
                            if let Kind::LongText { min, max } = &mut it.kind {
                                if is_min { *min = n } else { *max = n }
                            }
                        }));
                    }
                };
                view! {
                    <span class="builder-limits">
                        <input type="text" inputmode="numeric" id=id("min") aria-label=format!("不少于几字 {nth}")
                            placeholder="不少于" prop:value=min.map(|n| n.to_string()).unwrap_or_default()
                            on:change=limit(true) />
                        <input type="text" inputmode="numeric" id=id("max") aria-label=format!("不超过几字 {nth}")
                            placeholder="不超过" prop:value=max.map(|n| n.to_string()).unwrap_or_default()
                            on:change=limit(false) />
                    </span>
                }
                .into_any()
            }
            _ => ().into_any(),
        }
    };
    let is_last = move || i + 1 >= form.with(|f| part.items(f).len());
    view! {
        <tr>
            <td>
                <input type="text" id=id("label") aria-label=format!("名称 {}", part.nth(i))
                    prop:value=move || item.with(|it| it.as_ref().map(|it| it.label.clone()).unwrap_or_default())
                    on:input=move |ev| {
                        let label = event_target_value(&ev);
                        edit(Box::new(move |it| it.label = label));
                    } />
            </td>
            <td>
                <select id=id("kind") aria-label=format!("类型 {}", part.nth(i))
                    on:change=move |ev| {
                        let name = event_target_value(&ev);
                        edit(Box::new(move |it| it.kind = it.kind.renamed(&name)));
                    }>
                    {Kind::NAMES.map(|name| view! { <option value=name selected=move || kind_name() == name>{name}</option> })
                        .into_iter().collect_view()}
                </select>
            </td>
            <td>{extra}</td>
            <td class="builder-required">
                <input type="checkbox" id=id("required") aria-label=format!("必填 {}", part.nth(i))
                    prop:checked=move || item.with(|it| it.as_ref().is_some_and(|it| it.required))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        edit(Box::new(move |it| it.required = on));
                    } />
            </td>
            <td class="table-actions">
                <button type="button" class="small" aria-label=format!("上移{}", part.nth(i)) disabled=i == 0
                    on:click=move |_| keeper.edit(|f| part.swap(f, i, i - 1))>"↑"</button>
                <button type="button" class="small" aria-label=format!("下移{}", part.nth(i)) disabled=is_last
                    on:click=move |_| keeper.edit(|f| part.swap(f, i, i + 1))>"↓"</button>
                <button type="button" class="small danger" aria-label=format!("删除{}", part.nth(i))
                    on:click=move |_| keeper.edit(|f| part.remove(f, i))>"删除"</button>
            </td>
        </tr>
    }
}

/// The table of a part's items, with 添加.
fn items_table(keeper: Keeper<Ziding>, part: Part, caption: &'static str, add: &'static str) -> impl IntoView {
    let form = keeper.form;
    // Drawn again only when the number of items changes, so typing keeps its focus.
    let count = Memo::new(move |_| form.with(|f| part.items(f).len()));
    let add_item = move |_| {
        let n = form.with_untracked(|f| part.items(f).len());
        keeper.edit(|f| match part {
            Part::Fields => f.add_field("新项目"),
            Part::Columns => f.add_column("新列"),
        });
        dom::focus_field_later(format!("ziding-{}-{}-label", part.slug(), n + 1));
    };
    view! {
        <table class="data-table builder-table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"名称"</th>
                    <th scope="col">"类型"</th>
                    <th scope="col">"选项或字数"</th>
                    <th scope="col">"必填"</th>
                    <th scope="col"><span class="sr-only">"操作"</span></th>
                </tr>
            </thead>
            <tbody>{move || (0..count.get()).map(|i| item_row(keeper, part, i)).collect_view()}</tbody>
        </table>
        <div class="table-buttons">
            <button type="button" id=format!("ziding-add-{}", part.slug()) on:click=add_item>{add}</button>
        </div>
    }
}

/// A checkbox of the table's description, labelled `label`.
fn flag(keeper: Keeper<Ziding>, id: &'static str, label: &'static str, at: fn(&Ziding) -> bool, set: fn(&mut Ziding, bool)) -> impl IntoView {
    view! {
        <label>
            <input type="checkbox" id=id prop:checked=move || keeper.form.with(at)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    keeper.edit(|f| set(f, on));
                } />
            {label}
        </label>
    }
}

/// The builder.
pub fn builder(keeper: Keeper<Ziding>) -> impl IntoView {
    let form = keeper.form;
    let layout = Memo::new(move |_| form.with(|f| f.table.layout));
    let text = move |read: fn(&Ziding) -> String, write: fn(&mut Ziding, String)| {
        (
            move || form.with(read),
            move |ev: web_sys::Event| {
                let value = event_target_value(&ev);
                keeper.edit(|f| write(f, value));
            },
        )
    };
    let (title, set_title) = text(|f| f.table.title.clone(), |f, v| f.table.title = v);
    let (attachment, set_attachment) = text(|f| f.table.attachment.clone(), |f, v| f.table.attachment = v);
    let (notes, set_notes) = text(
        |f| f.table.notes.join("\n"),
        |f, v| f.table.notes = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
    );
    let finish = move |_| {
        keeper.edit(|f| {
            let id = table_id(&dates::stamp(clock::now()), &f.table);
            f.finish(|| id);
        });
        dom::focus_field_later("ziding-f0".to_owned());
    };
    let again = move |_| {
        if dom::confirm("重新粘贴会丢弃当前识别出的表格和已填内容。确定吗？").unwrap_or(false) {
            keeper.edit(|f| *f = Ziding::default());
        }
    };
    view! {
        <section class="builder" aria-labelledby="ziding-builder-title">
            <h2 id="ziding-builder-title">"核对表格"</h2>
            <p class="hint">
                "以下是从粘贴内容中识别出的表格。请核对名称、类型和必填项，改好后点“完成”开始填写。"
                {move || (layout.get() == Layout::Grid).then_some("这是一张“标签—空格”式的表（如申报书）：每个空格是一个要填的项目。")}
            </p>
            <div class="grid">
                <div class="field">
                    <label for="ziding-title">"表格名称"</label>
                    <input type="text" id="ziding-title" autocomplete="off" prop:value=title on:input=set_title />
                </div>
                <div class="field">
                    <label for="ziding-attachment">"附件编号"</label>
                    <input type="text" id="ziding-attachment" autocomplete="off" placeholder="如：附件1"
                        prop:value=attachment on:input=set_attachment />
                </div>
            </div>
            {items_table(keeper, Part::Fields, "要填写的项目（表格上方或表内）", "添加项目")}
            {move || (layout.get() == Layout::List).then(|| view! {
                {items_table(keeper, Part::Columns, "表格的列", "添加列")}
                <div class="builder-options">
                    {flag(keeper, "ziding-numbered", "第一列为序号（自动编号）", |f| f.table.numbered, |f, on| f.table.numbered = on)}
                    {flag(keeper, "ziding-total", "末行合计（整数和金额列）", |f| f.table.total, |f, on| f.table.total = on)}
                </div>
            })}
            <div class="field field--long">
                <label for="ziding-notes">"表格下方的说明"</label>
                <textarea id="ziding-notes" rows="3" prop:value=notes on:input=set_notes></textarea>
            </div>
            <div class="table-buttons">
                <button type="button" id=FINISH_ID class="primary" on:click=finish>"完成"</button>
                <button type="button" on:click=again>"重新粘贴"</button>
            </div>
        </section>
    }
}
