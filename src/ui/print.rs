//! The print sheets: any form's [`Sheet`] drawn as A4 HTML by one renderer,
//! built only while the page is being printed, so typing never pays for it.

use std::fmt::Write as _;

use leptos::prelude::*;

use crate::ui::rows_html::escape_into;
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

/// The print sheet from `sheet`, built only while printing: typing never pays for it.
pub fn print_only<V: IntoView + 'static>(sheet: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
    let printing = printing();
    move || printing.get().then(&sheet)
}

/// The sheet as HTML, inside its `<section class="print-sheet">`.
pub fn sheet_html(sheet: &Sheet) -> String {
    let mut out = String::from("<p class=\"print-attachment\">");
    escape_into(&mut out, sheet.attachment);
    out.push_str("</p><h1 class=\"print-title\">");
    escape_into(&mut out, &sheet.title);
    out.push_str("</h1>");
    if sheet.failed_check {
        out.push_str("<p class=\"print-unchecked\">未通过校验</p>");
    }
    blocks_html(&mut out, &sheet.blocks);
    out
}

/// ` class="…"`, or nothing for no class.
fn class_attr(out: &mut String, class: &str) {
    if !class.is_empty() {
        let _ = write!(out, " class=\"{class}\"");
    }
}

fn blocks_html(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Para { class, text } => {
                out.push_str("<p");
                class_attr(out, class);
                out.push('>');
                escape_into(out, text);
                out.push_str("</p>");
            }
            Block::Heading { class, text } => {
                out.push_str("<h2");
                class_attr(out, class);
                out.push('>');
                escape_into(out, text);
                out.push_str("</h2>");
            }
            Block::Group { class, blocks } => {
                out.push_str("<div");
                class_attr(out, class);
                out.push('>');
                blocks_html(out, blocks);
                out.push_str("</div>");
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
pub fn chart_html(out: &mut String, chart: &Chart) {
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
fn chart_figure(out: &mut String, title: &str, bars: &[kepu_core::rules::print::Bar], scale: u64) {
    const LABEL: u64 = 150;
    const BARS: u64 = 420;
    const ROW: u64 = 24;
    const TOP: u64 = 20;
    let width = LABEL + BARS + 70;
    let height = TOP + ROW * bars.len().max(1) as u64 + 8;
    out.push_str("<figure class=\"chart\"><figcaption>");
    escape_into(out, title);
    let _ = write!(
        out,
        "</figcaption><svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\""
    );
    escape_into(out, title);
    out.push_str("\">");
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
        let _ = write!(
            out,
            "<line class=\"chart-grid\" x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\"/><text class=\"chart-tick\" x=\"{x}\" y=\"12\">{}</text>",
            TOP - 4,
            height - 4,
            scale / parts * part
        );
    }
    for (i, bar) in bars.iter().enumerate() {
        let y = TOP + ROW * i as u64;
        let length = (u128::from(BARS) * u128::from(bar.value) / u128::from(scale)) as u64;
        let short: String = if bar.label.chars().count() > 10 {
            bar.label.chars().take(9).chain(['…']).collect()
        } else {
            bar.label.clone()
        };
        let _ = write!(out, "<g><title>");
        escape_into(out, &format!("{}：{}", bar.label, bar.value));
        let _ = write!(out, "</title><text class=\"chart-label\" x=\"{}\" y=\"{}\">", LABEL - 6, y + 16);
        escape_into(out, &short);
        let _ = write!(
            out,
            "</text><rect class=\"chart-bar\" x=\"{LABEL}\" y=\"{}\" width=\"{length}\" height=\"{}\"/><text class=\"chart-value\" x=\"{}\" y=\"{}\">{}</text></g>",
            y + 4,
            ROW - 8,
            LABEL + length + 4,
            y + 16,
            bar.value
        );
    }
    out.push_str("</svg></figure>");
}

fn table_html(out: &mut String, table: &Table) {
    out.push_str("<table");
    class_attr(out, table.class);
    out.push('>');
    if !table.columns.is_empty() {
        out.push_str("<colgroup>");
        for column in &table.columns {
            match column {
                Column::Class(class) => {
                    let _ = write!(out, "<col class=\"{class}\">");
                }
                Column::Percent(width) => {
                    let _ = write!(out, "<col style=\"width: {width}%\">");
                }
            }
        }
        out.push_str("</colgroup>");
    }
    if !table.head.is_empty() {
        // A `thead` repeats on every printed page the table spans.
        out.push_str("<thead><tr>");
        for head in &table.head {
            out.push_str("<th scope=\"col\">");
            escape_into(out, head);
            out.push_str("</th>");
        }
        out.push_str("</tr></thead>");
    }
    out.push_str("<tbody>");
    for row in &table.rows {
        out.push_str("<tr");
        match (row.kind, row.class) {
            (RowKind::Total, "") => class_attr(out, "print-total"),
            (RowKind::Total, class) => class_attr(out, &format!("{class} print-total")),
            (RowKind::Body | RowKind::Seals, class) => class_attr(out, class),
        }
        out.push('>');
        for cell in &row.cells {
            let tag = match cell.kind {
                CellKind::Label => "th scope=\"row\"",
                CellKind::Value => "td",
            };
            let _ = write!(out, "<{tag}");
            if cell.span > 1 {
                let _ = write!(out, " colspan=\"{}\"", cell.span);
            }
            class_attr(out, cell.class);
            out.push('>');
            match &cell.content {
                Content::Text(text) => escape_into(out, text),
                Content::Lines(lines) => {
                    for (i, line) in lines.iter().enumerate() {
                        if i > 0 {
                            out.push_str("<br>");
                        }
                        escape_into(out, line);
                    }
                }
                Content::Paras(paras) => {
                    for (class, text) in paras {
                        out.push_str("<p");
                        class_attr(out, class);
                        out.push('>');
                        escape_into(out, text);
                        out.push_str("</p>");
                    }
                }
            }
            out.push_str(if cell.kind == CellKind::Label { "</th>" } else { "</td>" });
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// A form's print sheet, from `sheet` (the form's `print_sheet`), built only while printing.
pub fn print_sheet(sheet: impl Fn() -> Sheet + Send + Sync + 'static) -> impl IntoView {
    print_only(move || {
        let sheet = sheet();
        let class = if sheet.landscape { "print-sheet print-landscape" } else { "print-sheet" };
        view! { <section class=class inner_html=sheet_html(&sheet)></section> }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use kepu_core::rules::print::{Cell, Row};

    #[test]
    fn a_sheet_is_drawn_as_the_paper_with_its_header_repeated() {
        let sheet = Sheet {
            attachment: "附件1",
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
        let mut out = String::new();
        chart_html(&mut out, &chart);
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
        let mut out = String::new();
        chart_html(&mut out, &long);
        let captions: Vec<&str> = out.split("<figcaption>").skip(1).map(|c| c.split('<').next().unwrap()).collect();
        assert_eq!(captions, ["参与人数", "参与人数（续）", "参与人数（续）"]);
        assert_eq!(out.matches("<rect ").count(), 45);
        assert_eq!(out.matches("viewBox=\"0 0 640 508\"").count(), 2);
        assert!(out.contains("viewBox=\"0 0 640 148\""));
        assert_eq!(out.matches(">50</text>").count(), 3, "the same axis end in each figure");
    }
}
