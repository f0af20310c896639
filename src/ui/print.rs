//! The print sheets: any form's [`Sheet`] drawn as A4 HTML by one renderer,
//! built only while the page is being printed, so typing never pays for it.
//! The forms' print models and the drawing are a part loaded on use
//! (`ui::later`), fetched once the browser is idle after the first field:
//! `beforeprint` (Ctrl+P) cannot wait for a file, 打印 can.

use leptos::prelude::*;

use crate::ui::html::Html;
use crate::ui::keeper::DraftSession;
use crate::ui::later::{Unloaded, at_once, fetch_at_idle};
#[cfg(feature = "huizong")]
use kepu_core::rules::print::Chart;
use kepu_core::rules::print::{Block, CellKind, Column, Content, RowKind, Sheet, Table};

/// Whether the page is being printed, shared through context by the app.
#[derive(Clone, Copy)]
pub struct Printing(pub RwSignal<bool>);

/// The printing flag; outside the app (a component test), always printing.
pub fn printing() -> RwSignal<bool> {
    use_context::<Printing>().map(|p| p.0).unwrap_or_else(|| RwSignal::new(true))
}

/// The sheet as HTML, inside its `<section class="print-sheet">`.
pub fn sheet_html(sheet: &Sheet) -> String {
    let mut out = Html::default();
    out.tag("<p class=\"print-attachment\">").text(&*sheet.attachment).tag("</p>");
    out.tag("<h1 class=\"print-title\">").text(&sheet.title).tag("</h1>");
    if sheet.failed_check {
        out.tag("<p class=\"print-unchecked\">未通过校验</p>");
    }
    blocks_html(&mut out, &sheet.blocks);
    out.finish()
}

fn blocks_html(out: &mut Html, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Para { class, text } => {
                out.tag("<p").class(class).tag(">").text(text).tag("</p>");
            }
            Block::Heading { class, text } => {
                out.tag("<h2").class(class).tag(">").text(text).tag("</h2>");
            }
            Block::Group { class, blocks } => {
                out.tag("<div").class(class).tag(">");
                blocks_html(out, blocks);
                out.tag("</div>");
            }
            Block::Table(table) => table_html(out, table),
            // Only the 汇总 draws charts: the forms' bundles do without the code.
            #[cfg(feature = "huizong")]
            Block::Chart(chart) => chart_html(out, chart),
            #[cfg(not(feature = "huizong"))]
            Block::Chart(_) => {}
        }
    }
}

/// The chart as SVG figures, the same on screen and on paper: a horizontal
/// bar per label (long unit names read beside their bars), the value at each
/// bar's end, and the axis in whole steps up to [`Chart::scale`]. A figure
/// holds at most [`CHART_BARS`] bars, so each fits on an A4 page (an SVG is
/// never split across pages); the next goes on under `（续）` at the same scale.
#[cfg(feature = "huizong")]
pub fn chart_html(out: &mut Html, chart: &Chart) {
    let scale = chart.scale();
    let empty = [];
    let mut chunks: Vec<&[kepu_core::rules::print::Bar]> = chart.bars.chunks(CHART_BARS).collect();
    if chunks.is_empty() {
        chunks.push(&empty);
    }
    for (i, bars) in chunks.into_iter().enumerate() {
        let title = if i == 0 { chart.title.clone() } else { format!("{}（续）", chart.title) };
        chart_figure(out, &title, bars, scale);
    }
}

/// The most bars of one chart figure: 20 rows of 24 points fit an A4 landscape page with its caption.
#[cfg(feature = "huizong")]
pub const CHART_BARS: usize = 20;

#[cfg(feature = "huizong")]
fn chart_figure(out: &mut Html, title: &str, bars: &[kepu_core::rules::print::Bar], scale: u64) {
    const LABEL: u64 = 150;
    const BARS: u64 = 420;
    const ROW: u64 = 24;
    const TOP: u64 = 20;
    let width = LABEL + BARS + 70;
    let height = TOP + ROW * bars.len().max(1) as u64 + 8;
    out.tag("<figure class=\"chart\"><figcaption>").text(title).tag("</figcaption><svg");
    out.attr("viewBox", format_args!("0 0 {width} {height}")).attr("width", width).attr("height", height);
    out.tag(" role=\"img\"").attr("aria-label", title).tag(">");
    // Scales are 1, 2 or 5 times a power of ten: quarters or fifths of them are whole numbers.
    let parts = if scale.is_multiple_of(4) {
        4
    } else if scale.is_multiple_of(5) {
        5
    } else {
        scale.min(2)
    };
    for part in 0..=parts {
        let x = LABEL + BARS * part / parts;
        out.tag("<line class=\"chart-grid\"").attr("x1", x).attr("x2", x).attr("y1", TOP - 4).attr("y2", height - 4);
        out.tag("/><text class=\"chart-tick\"").attr("x", x).tag(" y=\"12\">");
        out.text(scale / parts * part).tag("</text>");
    }
    for (i, bar) in bars.iter().enumerate() {
        let y = TOP + ROW * i as u64;
        let length = (u128::from(BARS) * u128::from(bar.value) / u128::from(scale)) as u64;
        let short: String = if bar.label.chars().count() > 10 {
            bar.label.chars().take(9).chain(['…']).collect()
        } else {
            bar.label.clone()
        };
        out.tag("<g><title>").text(format_args!("{}：{}", bar.label, bar.value)).tag("</title>");
        out.tag("<text class=\"chart-label\"").attr("x", LABEL - 6).attr("y", y + 16).tag(">").text(&short);
        out.tag("</text><rect class=\"chart-bar\"").attr("x", LABEL).attr("y", y + 4).attr("width", length);
        out.attr("height", ROW - 8).tag("/><text class=\"chart-value\"").attr("x", LABEL + length + 4);
        out.attr("y", y + 16).tag(">").text(bar.value).tag("</text></g>");
    }
    out.tag("</svg></figure>");
}

/// A print table as HTML: the print sheet's, and the 汇总's merged 自定义表格 on screen.
pub fn table_html(out: &mut Html, table: &Table) {
    out.tag("<table").class(table.class).tag(">");
    if !table.columns.is_empty() {
        out.tag("<colgroup>");
        for column in &table.columns {
            match column {
                Column::Class(class) => out.tag("<col").class(class).tag(">"),
                Column::Percent(width) => out.tag("<col").attr("style", format_args!("width: {width}%")).tag(">"),
            };
        }
        out.tag("</colgroup>");
    }
    if !table.head.is_empty() {
        // A `thead` repeats on every printed page the table spans.
        out.tag("<thead><tr>");
        for head in &table.head {
            out.tag("<th scope=\"col\">").text(head).tag("</th>");
        }
        out.tag("</tr></thead>");
    }
    out.tag("<tbody>");
    for row in &table.rows {
        out.tag("<tr");
        match (row.kind, row.class) {
            (RowKind::Total, "") => out.class("print-total"),
            (RowKind::Total, class) => out.attr("class", format_args!("{class} print-total")),
            (RowKind::Body | RowKind::Seals, class) => out.class(class),
        };
        out.tag(">");
        for cell in &row.cells {
            out.tag(match cell.kind {
                CellKind::Label => "<th scope=\"row\"",
                CellKind::Value => "<td",
            });
            if cell.span > 1 {
                out.attr("colspan", cell.span);
            }
            out.class(cell.class).tag(">");
            match &cell.content {
                Content::Text(text) => {
                    out.text(text);
                }
                Content::Lines(lines) => {
                    for (i, line) in lines.iter().enumerate() {
                        if i > 0 {
                            out.tag("<br>");
                        }
                        out.text(line);
                    }
                }
                Content::Paras(paras) => {
                    for (class, text) in paras {
                        out.tag("<p").class(class).tag(">").text(text).tag("</p>");
                    }
                }
            }
            out.tag(if cell.kind == CellKind::Label { "</th>" } else { "</td>" });
        }
        out.tag("</tr>");
    }
    out.tag("</tbody></table>");
}

crate::load_on_use!(print, preload fetch_print: fn drawn(draft: DraftSession) -> Option<(String, bool)> {
    draft.with_doc(crate::ui::print_sheet_of).flatten().map(|sheet| (sheet_html(&sheet), sheet.landscape))
});

/// Fetches the print part; `Err` when it could not be.
async fn fetch_part() -> Result<(), Unloaded> {
    fetch_print().await.map_err(|_| Unloaded)
}

/// Fetches the print part, for 打印 to wait on before it opens the dialog; `false` when it could not.
pub async fn print_ready() -> bool {
    fetch_part().await.is_ok()
}

/// The open form's print sheet, drawn only while printing. Until its part is
/// there (Ctrl+P in the first moments of a first visit) the paper says so,
/// and the sheet is drawn the moment it arrives.
pub fn print_sheet(draft: DraftSession) -> impl IntoView {
    let printing = printing();
    let arrived = RwSignal::new(0u32);
    let fetch = fetch_at_idle(fetch_part, move |fetched| {
        if fetched.is_ok() {
            arrived.update(|n| *n += 1);
        }
    });
    move || {
        if !printing.get() {
            return None;
        }
        arrived.track();
        Some(match at_once(drawn(draft)) {
            Some(Ok(Some((html, landscape)))) => {
                let class = if landscape { "print-sheet print-landscape" } else { "print-sheet" };
                view! { <section class=class inner_html=html></section> }.into_any()
            }
            Some(Ok(None)) => ().into_any(),
            Some(Err(Unloaded)) | None => {
                fetch();
                view! {
                    <section class="print-sheet">
                        <p class="print-unready">"打印版式还未载入：请关闭打印窗口，稍候再打印。如网络已中断，请联网后再试。"</p>
                    </section>
                }
                .into_any()
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kepu_core::rules::print::{Cell, Row};

    #[test]
    fn a_sheet_is_drawn_as_the_paper_with_its_header_repeated() {
        let sheet = Sheet {
            attachment: "附件1".into(),
            title: "标题<1>".into(),
            failed_check: true,
            landscape: false,
            blocks: vec![
                Block::Para { class: "print-meta", text: "填报单位：甲".into() },
                Block::Table(Table {
                    class: "print-table",
                    columns: vec![Column::Percent(30), Column::Class("wide")],
                    head: vec!["单位".into(), "人数".into()],
                    rows: vec![
                        Row::of(vec![Cell::text("甲&乙"), Cell::number("2")]),
                        Row::total(vec![Cell::label("合计").span(2)]),
                    ],
                }),
                Block::Group {
                    class: "print-notes", blocks: vec![Block::Heading { class: "", text: "说明".into() }]
                },
            ],
        };
        assert_eq!(
            sheet_html(&sheet),
            "<p class=\"print-attachment\">附件1</p><h1 class=\"print-title\">标题&lt;1&gt;</h1>\
             <p class=\"print-unchecked\">未通过校验</p><p class=\"print-meta\">填报单位：甲</p>\
             <table class=\"print-table\"><colgroup><col style=\"width: 30%\"><col class=\"wide\"></colgroup>\
             <thead><tr><th scope=\"col\">单位</th><th scope=\"col\">人数</th></tr></thead><tbody>\
             <tr><td>甲&amp;乙</td><td class=\"num\">2</td></tr>\
             <tr class=\"print-total\"><th scope=\"row\" colspan=\"2\">合计</th></tr></tbody></table>\
             <div class=\"print-notes\"><h2>说明</h2></div>"
        );
    }

    #[cfg(feature = "huizong")]
    #[test]
    fn a_chart_is_an_svg_with_a_bar_per_label_and_whole_ticks() {
        use kepu_core::rules::print::{Bar, Chart};
        let chart = Chart {
            title: "参与人数<按单位>".into(),
            bars: vec![
                Bar { label: "甲".into(), value: 3 },
                Bar { label: "第一二三四五六七八九十号".into(), value: 5 },
            ],
        };
        let mut out = Html::default();
        chart_html(&mut out, &chart);
        let out = out.finish();
        let ticks: Vec<&str> = out
            .split("class=\"chart-tick\"")
            .skip(1)
            .map(|t| t.split('>').nth(1).unwrap().split('<').next().unwrap())
            .collect();
        assert_eq!(ticks, ["0", "1", "2", "3", "4", "5"]);
        assert!(out.starts_with(
            "<figure class=\"chart\"><figcaption>参与人数&lt;按单位&gt;</figcaption><svg viewBox=\"0 0 640 76\""
        ));
        // 3 of 5 is 252 of the 420 points; the long name is cut in the label, whole in the tooltip.
        assert!(out.contains("<rect class=\"chart-bar\" x=\"150\" y=\"24\" width=\"252\" height=\"16\"/>"));
        assert!(out.contains("<title>第一二三四五六七八九十号：5</title><text class=\"chart-label\" x=\"144\" y=\"60\">第一二三四五六七八…</text>"));
        assert!(out.contains("width=\"420\" height=\"16\"/><text class=\"chart-value\" x=\"574\" y=\"60\">5</text>"));

        // 45 bars: three figures of 20, 20 and 5, at one scale.
        let long = Chart {
            title: "参与人数".into(),
            bars: (1..=45).map(|i| Bar { label: format!("第{i}号"), value: i }).collect(),
        };
        let mut out = Html::default();
        chart_html(&mut out, &long);
        let out = out.finish();
        let captions: Vec<&str> = out.split("<figcaption>").skip(1).map(|c| c.split('<').next().unwrap()).collect();
        assert_eq!(captions, ["参与人数", "参与人数（续）", "参与人数（续）"]);
        assert_eq!(out.matches("<rect ").count(), 45);
        assert_eq!(out.matches("viewBox=\"0 0 640 508\"").count(), 2);
        assert!(out.contains("viewBox=\"0 0 640 148\""));
        assert_eq!(out.matches(">50</text>").count(), 3, "the same axis end in each figure");
    }
}
