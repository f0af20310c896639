//! A pasted table filled in as a clerk would: checked, totalled, written as
//! CSV (naming the table and its version) and printed in its own layout.

use kepu_core::draft::Stored;
use kepu_core::form::Form;
use kepu_core::forms::ziding::pasted::Grid;
use kepu_core::forms::ziding::{self, Field, Kind, Ziding, read};
use kepu_core::rules::print::RowKind;

fn grid(name: &str) -> Grid {
    let path = format!("{}/tests/fixtures/paste/{name}.grid.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The table read from `name`, finished as version 1 of table `t1`.
fn finished(name: &str) -> Ziding {
    let r = read(&grid(name)).unwrap();
    Ziding { id: "t1".into(), version: 1, table: r.table, rows: r.rows, ..Ziding::default() }
}

#[test]
fn a_table_not_yet_finished_says_so() {
    let mut z = finished("word-xinxibiao");
    z.version = 0;
    let problems = ziding::validate(&z);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].field, problems[0].message.as_str()),
        (Field::Table, "表格还未完成设置：请在上方核对后点“完成”")
    );
}

#[test]
fn the_word_list_filled_checked_and_written() {
    let mut z = finished("word-xinxibiao");
    z.table.fields[0].required = true;
    z.table.columns[0].required = true;
    assert_eq!(
        ziding::validate(&z).iter().map(|p| p.message.as_str()).collect::<Vec<_>>(),
        ["请填写填报单位（盖章）", "表格还没有填写任何一行"]
    );
    z.set_head(0, "柳城县科协".into());
    z.set_head(2, "2625843".into());
    z.add_row();
    z.add_row();
    for (c, v) in
        ["科普进社区", "柳城县科协", "2023年9月16日", "文化广场", "线下", "讲座", "1,200", "王芳", "13999461288"]
            .into_iter()
            .enumerate()
    {
        z.set_cell(0, c, v.into());
    }
    z.set_cell(1, 4, "网上".into());
    z.set_cell(1, 6, "八十".into());
    assert_eq!(
        ziding::validate(&z).iter().map(|p| (p.field, p.message.as_str())).collect::<Vec<_>>(),
        [
            (Field::Head(2), "联系电话：固定电话请加区号，如：0772-2625843"),
            (Field::Cell(1, 0), "请填写活动名称 第2行"),
            (Field::Cell(1, 4), "活动形式（线上/线下） 第2行：请从“线上”“线下”中选择"),
            (Field::Cell(1, 6), "预计参与人数 第2行：请填写整数，如：120"),
        ]
    );
    z.rows.pop();
    z.set_head(2, "0772-2625843".into());
    assert_eq!(ziding::validate(&z), []);
    assert_eq!(z.list_title(), "柳城县科协 · 2023年全国科普日重点科普活动信息表");
    let csv = String::from_utf8(ziding::to_csv(&z)).unwrap();
    assert_eq!(
        csv,
        "\u{feff}自定义表格,2023年全国科普日重点科普活动信息表,编号,t1,版本,1,合计列,预计参与人数\r\n\
         填报单位（盖章）,柳城县科协\r\n填报人,\r\n联系电话,0772-2625843\r\n\"\"\r\n\
         序号,活动名称,主办单位,活动时间,活动地点,活动形式（线上/线下）,活动简介（200字以内）,预计参与人数,联系人,联系电话\r\n\
         1,科普进社区,柳城县科协,2023年9月16日,文化广场,线下,讲座,1200,王芳,13999461288\r\n"
    );
    assert_eq!(Ziding::export_of(&["自定义表格", "x"]), Some(0));
    assert_eq!(Ziding::export_of(&["序号", "活动名称"]), None);
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    assert_eq!(z.file_name(0, date), "柳城县科协_2023年全国科普日重点科普活动信息表_20261202.csv");
    let sheet = z.print_sheet();
    assert_eq!((&*sheet.attachment, sheet.landscape, sheet.failed_check), ("附件1", true, false));
    let texts = sheet.texts();
    assert!(
        texts.contains(&"填报单位（盖章）：柳城县科协　　填报人：　　联系电话：0772-2625843".to_owned()),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.starts_with("说明：1.活动时间请填写具体日期")), "{texts:?}");
}

#[test]
fn the_builder_moves_and_removes_columns_with_their_values_and_versions_the_table() {
    let mut z = finished("excel-zhibo");
    z.swap_columns(0, 1);
    assert_eq!((z.table.columns[0].label.as_str(), z.cell(0, 0)), ("直播活动名称", "走进天文台——星空下的科学课"));
    z.remove_column(0);
    assert_eq!((z.table.columns.len(), z.rows[0].len(), z.cell(0, 0)), (7, 7, "昌吉州科协"));
    z.add_column("观看人数");
    assert_eq!((z.table.columns[7].kind.clone(), z.rows[0].len()), (Kind::Integer, 8));
    assert_eq!(Kind::Text.renamed("选择"), Kind::Choice { options: vec!["是".into(), "否".into()] });
    assert_eq!(
        Kind::LongText { min: Some(5), max: None }.renamed("长文本"),
        Kind::LongText { min: Some(5), max: None }
    );

    z.edit_table();
    assert!(!z.finished());
    z.finish(|| unreachable!("the id stays"));
    assert_eq!((z.id.as_str(), z.version, z.finished()), ("t1", 2, true));
    let mut new = Ziding { table: z.table.clone(), ..Ziding::default() };
    let id = ziding::table_id("2026-12-02T10:15:00", &new.table);
    new.finish(|| id);
    assert_eq!((&new.id[..16], new.id.len(), new.version), ("20261202-101500-", 20, 1));
    assert_eq!(new.id, ziding::table_id("2026-12-02T10:15:00", &z.table), "the same in every browser");
    assert_ne!(new.id, ziding::table_id("2026-12-02T10:15:00", &finished("wps-lianluoyuan").table));

    let mut g = finished("word-shenbaoshu");
    g.set_head(1, "申报单位甲".into());
    g.remove_field(0);
    assert_eq!((g.table.fields.len(), g.head(0)), (9, "申报单位甲"));
    assert_eq!(
        g.table.grid[0],
        [
            kepu_core::forms::ziding::Slot::Label { text: "申报单位".into(), span: 1 },
            kepu_core::forms::ziding::Slot::Field { field: 0, span: 1 },
            kepu_core::forms::ziding::Slot::Label { text: "单位性质".into(), span: 1 },
            kepu_core::forms::ziding::Slot::Field { field: 1, span: 1 }
        ]
    );
    let printed = g.print_sheet().texts();
    g.swap_fields(0, 1);
    assert_eq!((g.table.fields[0].label.as_str(), g.head(0), g.head(1)), ("单位性质", "", "申报单位甲"));
    assert_eq!(g.print_sheet().texts(), printed, "the paper's grid stays as it was");
    let mut list = finished("word-xinxibiao");
    list.set_head(0, "柳城县科协".into());
    list.swap_fields(0, 2);
    let csv = String::from_utf8(ziding::to_csv(&list)).unwrap();
    assert!(csv.contains("\r\n联系电话,\r\n填报人,\r\n填报单位（盖章）,柳城县科协\r\n"), "{csv}");
    g.add_field("备注");
    assert_eq!(g.table.grid.last().unwrap()[1], kepu_core::forms::ziding::Slot::Field { field: 9, span: 3 });
}

#[test]
fn number_and_money_columns_add_up_in_the_total_row() {
    let mut z = finished("excel-zhibo");
    z.table.total = true;
    z.table.columns[7].kind = Kind::Money { wan: true };
    z.add_row();
    z.set_cell(1, 4, "30".into());
    z.set_cell(0, 7, "1.5".into());
    z.set_cell(1, 7, "0.000001".into());
    assert_eq!(z.totals(), [None, None, None, None, Some("120".into()), None, None, Some("1.500001".into())]);
    let csv = String::from_utf8(ziding::to_csv(&z)).unwrap();
    assert!(csv.ends_with("合计,,,,120,,,1.500001\r\n"), "{csv}");
    let sheet = z.print_sheet();
    let kepu_core::rules::print::Block::Table(table) = &sheet.blocks[0] else { panic!("{:?}", sheet.blocks[0]) };
    assert_eq!(table.rows.last().map(|r| r.kind), Some(RowKind::Total));
}

#[test]
fn the_application_prints_in_its_own_grid_with_a_seal_box() {
    let mut z = finished("word-shenbaoshu");
    z.set_head(0, "乡村科普行".into());
    z.set_head(8, "方案正文".into());
    let sheet = z.print_sheet();
    assert!(!sheet.landscape);
    let kepu_core::rules::print::Block::Table(table) = &sheet.blocks[0] else { panic!("{:?}", sheet.blocks[0]) };
    assert_eq!(table.rows[0].texts(), ["项目名称", "乡村科普行"]);
    assert_eq!(table.rows[5].texts()[1], "方案正文");
    assert_eq!(table.rows[6].kind, RowKind::Seals);
    assert_eq!(table.rows[6].texts(), ["申报单位意见：", "（盖章）", "年 月 日"]);
    let csv = String::from_utf8(ziding::to_csv(&z)).unwrap();
    assert!(csv.contains("项目名称,乡村科普行\r\n") && csv.contains("项目实施方案,方案正文\r\n"), "{csv}");
    assert!(!csv.contains("盖章"), "a seal box has nothing to export: {csv}");
}
