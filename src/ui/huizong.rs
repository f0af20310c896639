//! The 汇总 page: the files units email in, read in the browser (nothing is
//! uploaded) and merged: the statistics by unit and month with their flags,
//! the chart, the applications with their budgets, each 自定义表格's rows by
//! unit, the summary CSV and print.


use leptos::prelude::*;

use crate::browser::{dom, files, perf};
use crate::ui::checks::Checks;
use crate::ui::field::{Control, HeadShown, head_field};
use crate::ui::keeper::Keeper;
use crate::ui::later::{Unloaded, unloaded_message};
use crate::ui::print::{chart_html, table_html};
use crate::ui::html::Html;
use crate::ui::shell::FormShell;
use kepu_core::forms::huizong::{self, AppCol, ChartBy, Content, Field, Head, Huizong};
use kepu_core::forms::shenbao::PLAN_MIN_ZI;
use kepu_core::rules::dates;

/// The page's styles: only this page's bundle carries them.
const STYLE: &str = include_str!("../../style/huizong.css");

/// Element id of a setting.
const fn head_id(head: Head) -> &'static str {
    match head {
        Head::Year => "huizong-year",
        Head::Issuer => "huizong-issuer",
        Head::Expected => "huizong-expected",
    }
}

/// Element id of the control a problem points at.
fn field_id(field: Field) -> String {
    match field {
        Field::Year => head_id(Head::Year).into(),
        Field::File(id) => format!("huizong-remove-{id}"),
    }
}

/// What the file list says a file held.
fn described(content: &Content) -> (&'static str, String) {
    match content {
        Content::Stats(s) => ("活动统计表", format!("{} · {}", s.unit, huizong::month_text(&s.month))),
        Content::Application(a) => ("申报表", format!("{} · {}", a.community, a.activity)),
        Content::Budget(b) => (
            "活动预算",
            if b.community.is_empty() { "（文件名中没有社区名称）".into() } else { b.community.clone() },
        ),
        Content::Table(t) => (
            "自定义表格",
            format!(
                "{} · {}（第{}版） · {}行",
                if t.unit.is_empty() { "未填单位" } else { &t.unit },
                t.title,
                t.version,
                t.rows.len()
            ),
        ),
        Content::Unread { reason } => ("无法读取", reason.clone()),
    }
}


// The two long tables are HTML text, as the 统计表's rows are (rows_html.rs): 200
// files drawn node by node from wasm would block the page for a frame or more.

/// The file list's rows, each with its 移除 button.
fn file_rows_html(h: &Huizong) -> String {
    let mut out = Html::default();
    for f in &h.files {
        let (kind, what) = described(&f.content);
        out.tag(if matches!(f.content, Content::Unread { .. }) { "<tr class=\"file-unread\">" } else { "<tr>" });
        out.tag("<td class=\"file-name\">").text(&f.name).tag("</td><td>").text(kind).tag("</td><td>").text(&what);
        out.tag("</td><td><button type=\"button\"").attr("id", format_args!("huizong-remove-{}", f.id));
        out.attr("data-remove", f.id).attr("aria-label", format_args!("移除“{}”", f.name));
        out.tag(">移除</button></td></tr>");
    }
    out.finish()
}

/// The statistics rows by month: each file, with 改为计入此份 on those not counted, the month's 小计, then 合计.
fn stats_rows_html(parts: &[huizong::MonthPart<'_>], overall: &huizong::StatsTotals) -> String {
    let mut out = Html::default();
    let counts = |out: &mut Html, t: &huizong::StatsTotals| {
        for n in [t.activities, t.online, t.offline, t.counts[0], t.counts[1], t.counts[2], t.counts[3]] {
            out.tag("<td class=\"num\">").text(n).tag("</td>");
        }
        out.tag("<td colspan=\"3\">").text(format_args!("{}份", t.files)).tag("</td></tr>");
    };
    for part in parts {
        for l in &part.lines {
            let s = l.stats;
            out.tag(match (l.counted, s.late()) {
                (true, false) => "<tr>",
                (true, true) => "<tr class=\"late\">",
                (false, false) => "<tr class=\"not-counted\">",
                (false, true) => "<tr class=\"not-counted late\">",
            });
            out.tag("<td>").text(&s.unit).tag("</td><td>").text(huizong::month_text(&s.month)).tag("</td>");
            for n in [s.activities, s.online, s.offline, s.counts[0], s.counts[1], s.counts[2], s.counts[3]] {
                out.tag("<td class=\"num\">").text(n).tag("</td>");
            }
            let filled_on = dates::parse_day(&s.filled_on).map(dates::format_cn).unwrap_or_else(|| s.filled_on.clone());
            out.tag("<td>").text(filled_on).tag("</td><td>").text(huizong::check_text(s.errors));
            out.tag("</td><td>").text(huizong::line_note(l));
            if !l.counted {
                out.tag(" <button type=\"button\"").attr("data-choose", l.file.id).tag(">改为计入此份</button>");
            }
            out.tag("</td></tr>");
        }
        out.tag("<tr class=\"total-row\"><th scope=\"row\" colspan=\"2\">");
        out.text(format_args!("{}小计", huizong::month_text(&part.month))).tag("</th>");
        counts(&mut out, &part.totals);
    }
    out.tag("<tr class=\"total-row\" id=\"huizong-stats-total\"><th scope=\"row\" colspan=\"2\">合计</th>");
    counts(&mut out, overall);
    out.finish()
}

/// Reads `picked` one by one (each read gives the page back to the browser, so
/// it stays responsive), then adds them to the 汇总 in one edit.
fn add_files(keeper: Keeper<Huizong>, reading: RwSignal<Option<(usize, usize)>>, picked: Vec<web_sys::File>) {
    if picked.is_empty() {
        return;
    }
    leptos::task::spawn_local(async move {
        let total = picked.len();
        let mut read = Vec::with_capacity(total);
        for (i, file) in picked.into_iter().enumerate() {
            reading.set(Some((i + 1, total)));
            let name = file.name();
            let content = match huizong::too_large(file.size() as u64) {
                Some(reason) => Content::Unread { reason },
                None => match files::read_bytes(file).await {
                    Ok(bytes) => match read_returned(name.clone(), bytes).await {
                        Ok(content) => content,
                        Err(Unloaded) => {
                            // Nothing is added: the same files can be chosen again once the reader is there.
                            reading.set(None);
                            keeper.draft.tell(format!("{}没有加入任何文件。", unloaded_message("读取文件")));
                            return;
                        }
                    },
                    Err(e) => Content::Unread { reason: format!("浏览器无法读取此文件：{e}") },
                },
            };
            read.push((name, content));
        }
        let unread = read.iter().filter(|(_, c)| matches!(c, Content::Unread { .. })).count();
        let mut added = 0;
        perf::measure("kepu-forms:huizong-merge", || keeper.edit(|h| added = h.add(read)));
        reading.set(None);
        let mut told = format!("已加入{added}个文件");
        if added < total {
            told.push_str(&format!("（{}个已在汇总中，未重复加入）", total - added));
        }
        if unread > 0 {
            told.push_str(&format!("，其中{unread}个无法读取，原因见文件列表；其他文件照常汇总"));
        }
        told.push('。');
        keeper.draft.tell(told);
    });
}

/// The 汇总 page.
#[component]
pub fn HuizongPage() -> impl IntoView {
    let keeper = Keeper::<Huizong>::of_page();
    let form = keeper.form;
    let checks = Checks::new(move || form.with(huizong::validate));
    keeper.draft.on_switched(Callback::new(move |()| checks.reset()));
    let sort = Memo::new(move |_| form.with(|h| h.sort));
    // Each part redraws when what it shows changes: typing the 汇总单位 redraws no table.
    let files = Memo::new(move |_| form.with(|h| h.files.clone()));
    let expected = Memo::new(move |_| form.with(|h| h.expected.clone()));
    let chart_by = Memo::new(move |_| form.with(|h| h.chart));
    let reading = RwSignal::new(None::<(usize, usize)>);
    let dragging = RwSignal::new(false);
    // The list of files and the chart follow the 汇总's table a task later (the table's drawing
    // asks for them): 200 files drawn in one task with it came near 50 ms on a slow machine,
    // and typing would wait for them.
    let after = RwSignal::new(());
    // Kept here, not in the table's section: that section is rebuilt with the table, and the
    // chart it shows then is the one kept (the same text, so not drawn again) until `after`.
    let chart = Memo::new(move |_| {
        after.track();
        chart_by.track();
        let mut out = Html::default();
        form.with_untracked(|h| chart_html(&mut out, &huizong::chart(h)));
        out.finish()
    });

    let head_field = move |head: Head, label: &'static str, control: Control, hint: &'static str| {
        head_field(keeper, checks, head, HeadShown::new(head_id(head), label, control).hint(hint).rows(6))
    };

    let stats_view = move || {
        files.track();
        // Once the page is gone there is nothing to draw.
        set_timeout(move || _ = after.try_set(()), std::time::Duration::ZERO);
        form.with_untracked(|h| {
            let (parts, overall) = huizong::stats_summary(h);
            if parts.is_empty() {
                return None;
            }
            let body = stats_rows_html(&parts, &overall);
            Some(view! {
                <section class="huizong-part" aria-labelledby="huizong-stats-title">
                    <h2 id="huizong-stats-title">"活动统计表汇总"</h2>
                    <div class="table-scroll">
                        <table class="data-table huizong-table" id="huizong-stats">
                            <thead><tr>
                                {huizong::STATS_HEADER.map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                            </tr></thead>
                            <tbody inner_html=body on:click=move |ev| {
                                if let Some(id) = dom::clicked(&ev, "data-choose") {
                                    keeper.edit(|h| h.choose(id));
                                }
                            }></tbody>
                        </table>
                    </div>
                    <div class="chart-choice">
                        <label for="huizong-chart-by">"图表"</label>
                        <select id="huizong-chart-by"
                            prop:value=move || if chart_by.get() == ChartBy::Month { "month" } else { "unit" }
                            on:change=move |ev| {
                                let by = if event_target_value(&ev) == "month" { ChartBy::Month } else { ChartBy::Unit };
                                keeper.edit(|h| h.chart = by);
                            }>
                            <option value="unit">"参与人数按填报单位"</option>
                            <option value="month">"参与人数按统计月份"</option>
                        </select>
                    </div>
                    <div class="chart-box" inner_html=move || chart.get()></div>
                </section>
            })
        })
    };

    let flags_view = move || {
        files.track();
        expected.track();
        form.with_untracked(|h| {
            let flags = huizong::flags(h);
            (!flags.is_empty()).then(|| {
                view! {
                    <section class="huizong-part" aria-labelledby="huizong-flags-title">
                        <h2 id="huizong-flags-title">{format!("提示（{}条）", flags.len())}</h2>
                        <ul class="flags" id="huizong-flags">
                            {flags
                                .into_iter()
                                .map(|f| view! { <li><span class="flag-kind">{f.kind}</span>{f.text}</li> })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })
        })
    };

    let apps_view = move || {
        files.track();
        form.with_untracked(|h| {
            let mut lines = huizong::applications(h);
            if lines.is_empty() {
                return None;
            }
            let order = sort.get();
            if let Some(order) = order {
                huizong::sort_applications(&mut lines, order.col, order.ascending);
            }
            let total = huizong::city_total(&lines);
            let budgets = huizong::budget_total(&lines);
            let heads = AppCol::ALL
                .map(|col| {
                    let state =
                        order.filter(|o| o.col == col).map(|o| if o.ascending { "ascending" } else { "descending" });
                    let click = move |_| keeper.edit(|h| h.sort = Some(huizong::Sort::clicked(h.sort, col)));
                    view! {
                        <th scope="col" aria-sort=state>
                            <button type="button" class="sort" on:click=click>{col.label()}</button>
                        </th>
                    }
                })
                .collect_view();
            let rows = lines
                .iter()
                .map(|l| {
                    let a = l.app;
                    let zi_class = if l.plan_met() { "zi-met" } else { "zi-short" };
                    view! {
                        <tr>
                            <td>{a.district.clone()}</td>
                            <td>{a.community.clone()}</td>
                            <td>{a.activity.clone()}</td>
                            <td>{l.period()}</td>
                            <td class=format!("num {zi_class}")>
                                {format!("{}（{}{PLAN_MIN_ZI}字）", a.plan_zi, if l.plan_met() { "达到" } else { "不足" })}
                            </td>
                            <td class="num">{l.budget_total().display()}</td>
                            <td class="num">{l.city().map_or_else(|| a.city.clone(), |m| m.display())}</td>
                            <td>{huizong::check_text(a.errors)}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <section class="huizong-part" aria-labelledby="huizong-apps-title">
                    <h2 id="huizong-apps-title">"申报表汇总"</h2>
                    <p class="hint">"点击列名排序，再点一次反向排序。单独报送的活动预算按社区名称并入对应申报表。"</p>
                    <div class="table-scroll">
                        <table class="data-table huizong-table" id="huizong-apps">
                            <thead><tr>{heads}</tr></thead>
                            <tbody>
                                {rows}
                                <tr class="total-row" id="huizong-apps-total">
                                    <th scope="row" colspan="2">"合计"</th>
                                    <td colspan="3">{format!("{}份申报表", lines.len())}</td>
                                    <td class="num">{budgets.display()}</td>
                                    <td class="num">{total.display()}</td>
                                    <td></td>
                                </tr>
                            </tbody>
                        </table>
                    </div>
                </section>
            })
        })
    };

    // Each 自定义表格 as the print draws it, with the screen's table style.
    let tables_view = move || {
        files.track();
        expected.track();
        form.with_untracked(|h| {
            huizong::table_parts(h)
                .iter()
                .enumerate()
                .map(|(i, part)| {
                    let table = kepu_core::rules::print::Table { class: "data-table huizong-table", ..part.table() };
                    let mut out = Html::default();
                    table_html(&mut out, &table);
                    let title = format!("huizong-table-{i}-title");
                    view! {
                        <section class="huizong-part" aria-labelledby=title.clone() id=format!("huizong-table-{i}")>
                            <h2 id=title.clone()>{format!("{}汇总", part.heading())}</h2>
                            <div class="table-scroll" inner_html=out.finish()></div>
                        </section>
                    }
                })
                .collect_view()
        })
    };

    let on_pick = move |ev: web_sys::Event| add_files(keeper, reading, files::take_all_picked(&ev));
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        add_files(keeper, reading, files::dropped(&ev));
    };

    view! {
        <FormShell
            draft=keeper.draft
            checks=checks.hooks(field_id)
            title=Signal::derive(move || form.with(Huizong::title))
            toolbar_label="汇总操作"
            new_focus="huizong-year"
            intro=move || view! {
                <p class="deadline">"把各单位报来的CSV文件放在一起汇总：文件只在本机读取，不会上传。"</p>
            }
        >
            <style>{STYLE}</style>
            <div class="grid">
                {head_field(Head::Year, "年度", Control::Number, "如：2024")}
                {head_field(Head::Issuer, "汇总单位", Control::Text, "如：柳州市科协")}
            </div>
            {head_field(Head::Expected, "应报单位", Control::LongText, "每行一个单位，粘贴一次即可（保存在本浏览器中），用来找出缺报的单位")}
            <div
                class="drop-zone"
                class:dragging=move || dragging.get()
                on:dragover=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <label for="huizong-files">"选择文件"</label>
                <input type="file" id="huizong-files" multiple accept=".csv,text/csv" aria-describedby="huizong-files-hint"
                    on:change=on_pick />
                <p class="hint" id="huizong-files-hint">
                    "可一次选择多个文件，也可以把文件拖到这里：本页导出的活动统计表、申报表、活动预算和自定义表格CSV，Excel或WPS另存的CSV也可以。"
                </p>
                <p class="reading" role="status">
                    {move || reading.get().map(|(n, total)| format!("正在读取第{n}个文件，共{total}个…"))}
                </p>
            </div>
            {move || {
                after.track();
                let count = files.with_untracked(Vec::len);
                (count > 0).then(|| view! {
                    <section class="huizong-part" aria-labelledby="huizong-files-title">
                        <h2 id="huizong-files-title">{format!("已加入的文件（{count}个）")}</h2>
                        <div class="table-scroll">
                            <table class="data-table huizong-files" id="huizong-file-list">
                                <thead><tr>
                                    <th scope="col">"文件"</th><th scope="col">"类型"</th>
                                    <th scope="col">"内容"</th><th scope="col"><span class="sr-only">"操作"</span></th>
                                </tr></thead>
                                <tbody inner_html=move || {
                                    after.track();
                                    form.with_untracked(file_rows_html)
                                } on:click=move |ev| {
                                    if let Some(id) = dom::clicked(&ev, "data-remove") {
                                        keeper.edit(|h| h.remove(id));
                                    }
                                }></tbody>
                            </table>
                        </div>
                    </section>
                })
            }}
            {stats_view}
            {flags_view}
            {apps_view}
            {tables_view}
        </FormShell>
    }
}

/// The page, for the registry.
pub fn page() -> AnyView {
    view! { <HuizongPage /> }.into_any()
}

// The readers of every returned file (CSV, and each form's columns), loaded on the first file added (ui::later).
crate::load_on_use!(readers: fn read_returned(name: String, bytes: Vec<u8>) -> Content {
    huizong::read_file(&name, &bytes, &files::decode_gb18030)
});
