//! What `kepu_xlsx::workbook` writes, read back by an independent reader
//! (calamine): exact cell values, number formats, bold, borders, merged
//! ranges and sheet names.

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx};
use kepu_core::forms::renwu::{self, Renwu};
use kepu_core::rules::print::{Block, Cell, Row, Sheet, Table};
use kepu_xlsx::{Page, workbook};

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).expect("an .xlsx calamine can read")
}

/// The seed's table (seeds/002 附件1): 机关、站所 with 10 registrations, eight villages and a community.
fn seed() -> Renwu {
    let mut t = Renwu { issuer: "插旗镇".into(), year: "2021".into(), ..Renwu::default() };
    t.fill_from_names("机关、站所\n同福村\n注北村\n插旗村\n大湾村\n曙光村\n众城村\n千和村\n向阳街社区\n");
    t.rows[0].registrations = "10".into();
    t
}

fn text(s: &str) -> Data {
    Data::String(s.into())
}

/// The text of `path` inside the .xlsx (a zip of XML files).
fn part(bytes: &[u8], path: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    std::io::read_to_string(zip.by_name(path).unwrap()).unwrap()
}

#[test]
fn printed_on_a4_one_page_wide_with_the_header_row_on_every_page_and_frozen() {
    let portrait = renwu::print_sheet(&seed());
    let landscape = typed_sheet();
    let bytes =
        workbook(&[Page { name: "任务分解表", sheet: &portrait }, Page { name: "统计", sheet: &landscape }]).unwrap();
    let first = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(first.contains(r#"<pageSetup paperSize="9" fitToHeight="0""#), "{first}");
    assert!(!first.contains("landscape"));
    assert!(first.contains(r#"<pageSetUpPr fitToPage="1"/>"#));
    assert!(first.contains(r#"<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>"#), "{first}");
    assert!(first.contains("<oddHeader>&amp;L附件1</oddHeader>"));
    let second = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(second.contains(r#"orientation="landscape""#), "{second}");
    assert!(second.contains(r#"<pane ySplit="4" topLeftCell="A5""#), "{second}");
    let book = part(&bytes, "xl/workbook.xml");
    assert!(
        book.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">任务分解表!$2:$2</definedName>"#),
        "{book}"
    );
    assert!(book.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="1">统计!$4:$4</definedName>"#));
}

#[test]
fn the_seed_task_table_reads_back_with_its_totals_as_numbers() {
    let sheet = renwu::print_sheet(&seed());
    let mut book = open(workbook(&[Page { name: "任务分解表", sheet: &sheet }]).unwrap());
    assert_eq!(book.sheet_names(), ["任务分解表"]);
    let cells = book.worksheet_range("任务分解表").unwrap();
    assert_eq!(cells.start(), Some((0, 0)));
    assert_eq!(cells.get((0, 0)), Some(&text("插旗镇2021年各单位科普信息员工作任务分解表")));
    let head: Vec<&Data> = (0..5).map(|c| cells.get((1, c)).unwrap()).collect();
    assert_eq!(head, renwu::COLUMNS.map(text).iter().collect::<Vec<_>>());
    // Row 3 of the sheet: the first unit, 机关、站所, with its own 10 registrations.
    let first: Vec<Data> = (0..5).map(|c| cells.get((2, c)).unwrap().clone()).collect();
    assert_eq!(first, [Data::Float(1.0), text("机关、站所"), Data::Float(2.0), Data::Float(10.0), Data::Float(4400.0)]);
    let total: Vec<Data> = (0..5).map(|c| cells.get((11, c)).unwrap().clone()).collect();
    assert_eq!(total, [Data::Empty, text("总计"), Data::Float(18.0), Data::Float(370.0), Data::Float(39600.0)]);
    assert_eq!(cells.get((12, 0)), Some(&text("说明")));
    assert_eq!(
        cells.get((15, 0)),
        Some(&text("3.新增分享文章次数是按照每个骨干科普信息员全年平均分享文章2200次计算。"))
    );
    assert_eq!(cells.end(), Some((15, 4)));

    let merged: Vec<((u32, u32), (u32, u32))> =
        book.merge_cells_by_sheet_name("任务分解表").unwrap().iter().map(|d| (d.start, d.end)).collect();
    assert_eq!(
        merged,
        [((0, 0), (0, 4)), ((12, 0), (12, 4)), ((13, 0), (13, 4)), ((14, 0), (14, 4)), ((15, 0), (15, 4))]
    );

    let styles = book.worksheet_style("任务分解表").unwrap();
    let style = |row, col| styles.get((row, col)).unwrap_or_else(|| panic!("a style at {row},{col}"));
    assert!(style(0, 0).font.as_ref().unwrap().is_bold(), "the title is bold");
    assert!(style(1, 3).font.as_ref().unwrap().is_bold(), "the header is bold");
    assert!(style(11, 4).font.as_ref().unwrap().is_bold(), "the 总计 row is bold");
    assert_eq!(style(11, 4).number_format.as_ref().unwrap().format_code, "0");
    for (row, col) in [(1, 0), (2, 1), (6, 4), (11, 0), (11, 4)] {
        let borders = style(row, col).borders.as_ref().unwrap();
        assert_eq!(format!("{:?}", borders.left.style), "Thin", "{row},{col}");
        assert_eq!(format!("{:?}", borders.bottom.style), "Thin", "{row},{col}");
    }
}

/// What a cell of a form can hold, as typed by a user: formulas, money and dates.
fn typed_sheet() -> Sheet {
    use kepu_core::rules::money::Money;
    use kepu_core::rules::print::Value;
    let money = Money::from_fen(1_000_571).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2024, 3, 25).unwrap();
    Sheet {
        attachment: "附件2".into(),
        title: "表".into(),
        failed_check: true,
        landscape: true,
        blocks: vec![
            Block::Para { class: "print-meta", text: "填报单位：=HYPERLINK(\"x\")".into() },
            Block::Table(Table {
                head: vec!["内容".into(), "金额（元）".into(), "日期".into()],
                rows: vec![
                    Row::of(vec![
                        Cell::text("=1+1"),
                        Cell { value: Some(Value::Money(money)), ..Cell::number("10,005.71") },
                        Cell { value: Some(Value::Date(date)), ..Cell::text("2024年3月25日") },
                    ]),
                    Row::of(vec![Cell::text("+86"), Cell::text("-3"), Cell::text("@sum")]),
                ],
                ..Table::default()
            }),
        ],
    }
}

#[test]
fn text_stays_text_money_and_dates_keep_their_formats() {
    let sheet = typed_sheet();
    let mut book = open(workbook(&[Page { name: "活动统计表", sheet: &sheet }]).unwrap());
    let cells = book.worksheet_range("活动统计表").unwrap();
    assert_eq!(cells.get((1, 0)), Some(&text("未通过校验")));
    assert_eq!(cells.get((2, 0)), Some(&text("填报单位：=HYPERLINK(\"x\")")));
    assert_eq!(cells.get((4, 0)), Some(&text("=1+1")));
    assert_eq!(cells.get((4, 1)), Some(&Data::Float(10005.71)));
    assert_eq!(cells.get((5, 0)), Some(&text("+86")));
    assert_eq!(cells.get((5, 1)), Some(&text("-3")));
    assert_eq!(cells.get((5, 2)), Some(&text("@sum")));
    match cells.get((4, 2)) {
        Some(Data::DateTime(d)) => {
            assert_eq!(d.as_datetime().unwrap().date(), chrono::NaiveDate::from_ymd_opt(2024, 3, 25).unwrap())
        }
        other => panic!("a date, not {other:?}"),
    }
    assert!(book.worksheet_formula("活动统计表").unwrap().cells().all(|(_, _, f)| f.is_empty()), "no formulas");
    let styles = book.worksheet_style("活动统计表").unwrap();
    let format = |row, col| styles.get((row, col)).unwrap().number_format.as_ref().unwrap().format_code.clone();
    assert_eq!(format(4, 1), "#,##0.00");
    assert_eq!(format(4, 2), r#"yyyy"年"m"月"d"日""#);
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A 申报表 whose budget comes to 10,005.71: 2 × 5,000, 3 × 1.57 and 1 × 1.
fn application() -> kepu_core::forms::shenbao::Shenbao {
    kepu_core::forms::shenbao::Shenbao {
        community: "河东社区".into(),
        activity_name: "科普进社区".into(),
        start_date: "2024-06-01".into(),
        budget: kepu_core::forms::budget::sample("10000"),
        ..Default::default()
    }
}

/// A stored draft of `form`, as the page saves it.
macro_rules! draft {
    ($form:expr) => {
        kepu_core::draft::encode(&$form, "", "2024-04-01T10:00:00").unwrap()
    };
}

fn exported(slug: &str, what: &str, draft: &str) -> (String, Xlsx<Cursor<Vec<u8>>>) {
    let (name, bytes) = kepu_xlsx::export(slug, what, draft, day(2024, 4, 15)).unwrap();
    (name, open(bytes))
}

#[test]
fn the_budget_alone_with_its_total_as_money_and_in_capitals() {
    let (name, mut book) = exported("shenbao", "budget", &draft!(application()));
    assert_eq!(name, "河东社区_活动预算_202404.xlsx");
    assert_eq!(book.sheet_names(), ["活动预算"]);
    let cells = book.worksheet_range("活动预算").unwrap();
    assert_eq!(cells.get((0, 0)), Some(&text("活动预算表")));
    assert_eq!(cells.get((1, 0)), Some(&text("社区名称：河东社区\u{3000}活动名称：科普进社区")));
    assert_eq!(cells.get((2, 6)), Some(&text("金额（元）")));
    let row = |r: usize| -> Vec<Data> { (0..8).map(|c| cells.get((r, c)).unwrap().clone()).collect() };
    assert_eq!(
        row(3),
        [
            Data::Float(1.0),
            text("专家讲课费"),
            Data::Empty,
            Data::Empty,
            Data::Float(2.0),
            Data::Float(5000.0),
            Data::Float(10000.0),
            Data::Empty
        ]
    );
    assert_eq!(row(4)[4..7], [Data::Float(3.0), Data::Float(1.57), Data::Float(4.71)]);
    assert_eq!(cells.get((6, 0)), Some(&text("合计（元）")));
    assert_eq!(cells.get((6, 6)), Some(&Data::Float(10005.71)));
    assert_eq!(cells.get((7, 0)), Some(&text("合计（大写）：人民币壹万零伍元柒角壹分")));
    assert_eq!(
        cells.get((8, 0)),
        Some(&text("资金来源：申请市科协扶持（元）：10,000.00；自筹（元）：5.71；其他（元）："))
    );
    let styles = book.worksheet_style("活动预算").unwrap();
    for (row, col) in [(6, 6), (3, 5), (3, 6)] {
        assert_eq!(
            styles.get((row, col)).unwrap().number_format.as_ref().unwrap().format_code,
            "#,##0.00",
            "{row},{col}"
        );
    }
    assert!(styles.get((6, 6)).unwrap().font.as_ref().unwrap().is_bold(), "合计 is bold");
    let merged: Vec<((u32, u32), (u32, u32))> =
        book.merge_cells_by_sheet_name("活动预算").unwrap().iter().map(|d| (d.start, d.end)).collect();
    assert!(merged.contains(&((6, 0), (6, 5))), "合计（元） across six columns: {merged:?}");
    assert!(merged.contains(&((7, 0), (7, 7))), "the capitals across the table: {merged:?}");
}

#[test]
fn the_statistics_sheet_has_real_dates_counts_and_its_totals_on_a4_landscape() {
    let mut sheet = kepu_core::forms::tongji::sample();
    sheet.rows[1].content = "=防诈骗直播讲座".into();
    let (name, mut book) = exported("tongji", "form", &draft!(sheet));
    assert_eq!(name, "柳城县科协_活动统计表_202404.xlsx");
    assert_eq!(book.sheet_names(), ["活动统计表"]);
    let cells = book.worksheet_range("活动统计表").unwrap();
    assert_eq!(cells.get((0, 0)), Some(&text("“科普梦·乡村情”系列科普品牌活动统计表")));
    assert_eq!(cells.get((1, 0)), Some(&text("填报单位：柳城县科协")));
    assert_eq!(cells.get((3, 3)), Some(&text("活动时间")));
    match cells.get((4, 3)) {
        Some(Data::DateTime(d)) => assert_eq!(d.as_datetime().unwrap().date(), day(2024, 4, 3)),
        other => panic!("a date, not {other:?}"),
    }
    assert_eq!(cells.get((5, 0)), Some(&text("=防诈骗直播讲座")), "text, never a formula");
    assert_eq!(
        (4..8).map(|c| cells.get((5, c)).unwrap().clone()).collect::<Vec<_>>(),
        [560.0, 0.0, 0.0, 2.0].map(Data::Float)
    );
    assert_eq!(cells.get((6, 0)), Some(&text("合计")));
    assert_eq!(
        (4..8).map(|c| cells.get((6, c)).unwrap().clone()).collect::<Vec<_>>(),
        [680.0, 300.0, 4.0, 3.0].map(Data::Float)
    );
    let styles = book.worksheet_style("活动统计表").unwrap();
    assert_eq!(styles.get((4, 3)).unwrap().number_format.as_ref().unwrap().format_code, r#"yyyy"年"m"月"d"日""#);
    assert_eq!(styles.get((6, 4)).unwrap().number_format.as_ref().unwrap().format_code, "0");
}

#[test]
fn the_task_table_carries_the_year_end_ranking_as_a_second_sheet() {
    let mut table = seed();
    table.reward_list = "姓名\t单位\t传播量\n韦一\t同福村\t900\n黄二\t注北村\t1200\n".into();
    let (name, mut book) = exported("renwu", "form", &draft!(table));
    assert_eq!(name, "插旗镇_科普信息员工作任务分解表_2021.xlsx");
    assert_eq!(book.sheet_names(), ["任务分解表", "年终排名"]);
    let cells = book.worksheet_range("年终排名").unwrap();
    assert_eq!(cells.get((0, 0)), Some(&text("插旗镇2021年科普员年终排名与通讯费补贴")));
    assert_eq!(cells.get((2, 0)), Some(&text("名次")));
    let row = |r: usize| -> Vec<Data> { (0..5).map(|c| cells.get((r, c)).unwrap().clone()).collect() };
    assert_eq!(row(3), [Data::Float(1.0), text("黄二"), text("注北村"), Data::Float(1200.0), Data::Float(500.0)]);
    assert_eq!(row(4), [Data::Float(2.0), text("韦一"), text("同福村"), Data::Float(900.0), Data::Float(500.0)]);
    assert_eq!(row(5)[0..2], [text("合计"), text("2人获补贴")]);
    assert_eq!(row(5)[4], Data::Float(1000.0));
}

#[test]
fn the_application_keeps_the_papers_order_its_whole_plan_and_the_opinion_boxes() {
    let mut form = application();
    form.district = "鱼峰区".into();
    form.plan = "第一段：科普进社区。\n第二段：".to_owned() + &"科".repeat(2000);
    let (name, mut book) = exported("shenbao", "form", &draft!(form));
    assert_eq!(name, "河东社区_申报表_202404.xlsx");
    assert_eq!(book.sheet_names(), ["申报表", "活动预算"]);
    let cells = book.worksheet_range("申报表").unwrap();
    let texts: Vec<String> = cells.cells().filter_map(|(_, _, d)| d.get_string().map(str::to_owned)).collect();
    let at = |s: &str| texts.iter().position(|t| t == s).unwrap_or_else(|| panic!("{s} in {texts:?}"));
    assert!(at("所在城区") < at("鱼峰区") && at("鱼峰区") < at("社区名称") && at("社区名称") < at("河东社区"));
    assert!(at("城区科协意见\n（盖章）\n　　年　　月　　日") > at("活动预算"));
    assert!(texts.contains(&"市科协意见\n（盖章）\n　　年　　月　　日".to_owned()), "{texts:?}");
    // The plan, too long for one row, goes on in merged rows beside its label: all of it, in order.
    let first = (0..cells.height())
        .find(|&r| cells.get((r, 1)).and_then(|d| d.get_string()).is_some_and(|t| t.starts_with("第一段")));
    let first = first.expect("the plan's first row");
    let mut plan = String::new();
    let mut last = first;
    while plan.len() < form.plan.len() {
        plan += cells.get((last, 1)).and_then(|d| d.get_string()).unwrap_or_default();
        last += 1;
    }
    assert_eq!(plan, form.plan);
    assert!(last - first > 1, "on several rows");
    let merged: Vec<((u32, u32), (u32, u32))> =
        book.merge_cells_by_sheet_name("申报表").unwrap().iter().map(|d| (d.start, d.end)).collect();
    let (first, last) = (first as u32, last as u32 - 1);
    assert!(merged.contains(&((first, 0), (last, 0))), "the label beside every row of the plan: {merged:?}");
    for row in first..=last {
        assert!(merged.contains(&((row, 1), (row, 3))), "row {row} of the plan across the form");
    }
    let budget = book.worksheet_range("活动预算").unwrap();
    assert_eq!(budget.get((6, 6)), Some(&Data::Float(10005.71)));
}

/// Every export a form declares makes its workbook under the CSV's name; anything else is refused in Chinese.
#[test]
fn each_declared_export_and_nothing_else() {
    let mut form = application();
    form.plan = "第一段：科普进社区。\n第二段：".to_owned() + &"科".repeat(3000);
    let draft = draft!(form);
    let mut names = Vec::new();
    for what in ["form", "budget"] {
        let (name, mut book) = exported("shenbao", what, &draft);
        names.push((name, book.sheet_names()));
        assert!(book.worksheet_range(&names.last().unwrap().1[0]).is_ok());
    }
    assert_eq!(
        names,
        [
            ("河东社区_申报表_202404.xlsx".to_owned(), vec!["申报表".to_owned(), "活动预算".to_owned()]),
            ("河东社区_活动预算_202404.xlsx".to_owned(), vec!["活动预算".to_owned()]),
        ]
    );
    let today = day(2024, 4, 15);
    assert_eq!(
        kepu_xlsx::export("renwu", "budget", &draft!(seed()), today),
        Err("“任务分解表”没有这种导出：budget".into())
    );
    assert_eq!(kepu_xlsx::export("shenbao", "form", "{", today), Err("草稿无法读取".into()));
    assert_eq!(kepu_xlsx::export("phone", "form", &draft, today), Err("没有这种表格可以导出Excel：phone".into()));
}
