//! What `kepu_xlsx::workbook` writes, read back by an independent reader
//! (calamine): exact cell values, number formats, bold, borders, merged
//! ranges and sheet names.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
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
        attachment: "附件2",
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
