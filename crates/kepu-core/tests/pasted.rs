//! The grids the page's paste reader makes of real pastes (Word, WPS, Excel:
//! tests/fixtures/paste, checked against the reader in Chromium by
//! e2e/paste.test.mjs), read as list tables.

use kepu_core::forms::ziding::pasted::{Grid, ListTable, read_list};

fn grid(name: &str) -> Grid {
    let path = format!("{}/tests/fixtures/paste/{name}.grid.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn word_list_table_with_fields_above_and_a_note_after() {
    let table = read_list(&grid("word-xinxibiao"));
    assert_eq!(
        table,
        ListTable {
            attachment: "附件1".into(),
            title: "2023年全国科普日重点科普活动信息表".into(),
            fields: vec!["填报单位（盖章）".into(), "填报人".into(), "联系电话".into()],
            columns: [
                "序号",
                "活动名称",
                "主办单位",
                "活动时间",
                "活动地点",
                "活动形式（线上/线下）",
                "活动简介（200字以内）",
                "预计参与人数",
                "联系人",
                "联系电话"
            ]
            .map(String::from)
            .to_vec(),
            filled: vec![],
            notes: vec![
                "说明：1.活动时间请填写具体日期；2.活动形式请填写“线上”或“线下”；3.每个单位报送重点活动不超过5项。"
                    .into()
            ],
        }
    );
}

#[test]
fn wps_two_header_rows_are_joined_into_column_names() {
    let table = read_list(&grid("wps-lianluoyuan"));
    assert_eq!(table.title, "全国科普日新疆活动联络员、审核员名单");
    assert_eq!(
        table.columns,
        [
            "序号",
            "单位",
            "联络员姓名",
            "联络员职务",
            "联络员手机号码",
            "审核员姓名",
            "审核员职务",
            "审核员手机号码",
            "电子邮箱"
        ]
    );
    assert!(table.filled.is_empty(), "numbered blank rows are not filled rows");
}

#[test]
fn excel_title_row_and_a_filled_row() {
    let table = read_list(&grid("excel-zhibo"));
    assert_eq!(table.title, "优质科普活动直播申请表");
    assert_eq!(
        table.columns,
        ["申报单位", "直播活动名称", "直播日期", "直播平台", "直播时长（分钟）", "联系人", "联系电话", "备注"]
    );
    assert_eq!(
        table.filled,
        [["昌吉州科协", "走进天文台——星空下的科学课", "2023/9/16", "科普中国", "90", "王芳", "13999461288", ""]]
    );
}

mod described {
    use super::grid;
    use kepu_core::forms::ziding::{Item, Kind, Layout, Slot, read};

    fn kinds(items: &[Item]) -> Vec<(&str, &str)> {
        items.iter().map(|i| (i.label.as_str(), i.kind.name())).collect()
    }

    #[test]
    fn the_word_list_gets_its_kinds_and_fields() {
        let r = read(&grid("word-xinxibiao")).unwrap();
        assert_eq!((r.table.layout, r.table.numbered, r.table.total), (Layout::List, true, false));
        assert_eq!(kinds(&r.table.fields), [("填报单位（盖章）", "文本"), ("填报人", "文本"), ("联系电话", "电话")]);
        assert_eq!(
            kinds(&r.table.columns),
            [
                ("活动名称", "文本"),
                ("主办单位", "文本"),
                ("活动时间", "日期"),
                ("活动地点", "文本"),
                ("活动形式（线上/线下）", "选择"),
                ("活动简介（200字以内）", "长文本"),
                ("预计参与人数", "整数"),
                ("联系人", "文本"),
                ("联系电话", "电话")
            ]
        );
        assert_eq!(r.table.columns[4].kind, Kind::Choice { options: vec!["线上".into(), "线下".into()] });
        assert_eq!(r.table.columns[5].kind, Kind::LongText { min: None, max: Some(200) });
        assert!(r.rows.is_empty());
    }

    #[test]
    fn the_wps_list_numbers_itself_and_types_its_phones() {
        let r = read(&grid("wps-lianluoyuan")).unwrap();
        assert!(r.table.numbered);
        assert_eq!(r.table.columns.len(), 8);
        assert_eq!(r.table.columns[3].kind, Kind::Mobile);
        assert_eq!(r.table.columns[7].kind, Kind::Email);
    }

    #[test]
    fn the_excel_paste_keeps_its_filled_row() {
        let r = read(&grid("excel-zhibo")).unwrap();
        assert!(!r.table.numbered);
        assert_eq!(r.table.columns[2].kind, Kind::Date);
        assert_eq!(r.table.columns[4].kind, Kind::Integer);
        assert_eq!(r.table.columns[6].kind, Kind::Phone);
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.rows[0][1], "走进天文台——星空下的科学课");
    }

    #[test]
    fn the_word_application_is_a_label_grid() {
        let r = read(&grid("word-shenbaoshu")).unwrap();
        assert_eq!(r.table.layout, Layout::Grid);
        assert_eq!(r.table.title, "项目申报书");
        assert_eq!(r.table.notes, ["（“智惠行动·百会百县乡村行”，省级学会或市级学会填写）"]);
        assert_eq!(
            kinds(&r.table.fields),
            [
                ("项目名称", "文本"),
                ("申报单位", "文本"),
                ("单位性质", "文本"),
                ("项目负责人", "文本"),
                ("手机号码", "手机号码"),
                ("电子邮箱", "邮箱"),
                ("申请经费（万元）", "金额（万元）"),
                ("项目起止时间", "起止日期"),
                ("项目实施方案（包括项目背景、服务对象、主要内容、进度安排、预期成效等，不少于1500字）", "长文本"),
                ("申报单位意见：\n（盖章）\n年 月 日", "签字盖章")
            ]
        );
        assert_eq!(
            r.table.grid[0],
            [Slot::Label { text: "项目名称".into(), span: 1 }, Slot::Field { field: 0, span: 3 }]
        );
        assert_eq!(r.table.grid[5], [Slot::Block { field: 8, span: 4 }]);
    }
}

#[test]
fn excel_plain_text_reads_as_its_html_does_but_for_the_title() {
    use kepu_core::forms::ziding::{pasted::from_text, read};
    let path = format!("{}/tests/fixtures/paste/excel-zhibo.tsv", env!("CARGO_MANIFEST_DIR"));
    let from_tsv = read(&from_text(&std::fs::read_to_string(path).unwrap())).unwrap();
    let from_html = read(&grid("excel-zhibo")).unwrap();
    assert_eq!(from_tsv.table.columns, from_html.table.columns);
    assert_eq!(from_tsv.rows, from_html.rows);
    // Excel's text has no merged cells: the title is a row of its own with empty cells after it.
    assert_eq!(from_tsv.table.title, "优质科普活动直播申请表");
}

#[test]
fn a_list_of_names_a_line_is_a_header_row() {
    use kepu_core::forms::ziding::{pasted::from_text, read};
    let r = read(&from_text("姓名\n单位\r\n手机号码\n\n")).unwrap();
    assert_eq!(r.table.columns.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), ["姓名", "单位", "手机号码"]);
    assert_eq!(read(&from_text("  \n")).unwrap_err(), "粘贴的表格是空的：请复制通知中带表头的表格");
}

#[test]
fn a_web_page_gives_only_the_lines_next_to_its_table() {
    use kepu_core::forms::ziding::pasted::Line;
    let mut page = grid("word-xinxibiao");
    let line = |text: String| Line { text, strong: false };
    let far_before = (0..40).map(|i| line(format!("发布时间{i}：2023-09-01 来源：网站")));
    page.before = far_before.chain(page.before).collect();
    page.after.extend((0..40).map(|i| line(format!("版权所有{i}"))));
    let table = read_list(&page);
    assert_eq!(table.title, "2023年全国科普日重点科普活动信息表");
    assert_eq!(
        table.fields,
        ["发布时间37", "来源", "发布时间38", "来源", "发布时间39", "来源", "填报单位（盖章）", "填报人", "联系电话"]
    );
    assert_eq!(table.notes.len(), 12);
    assert!(table.notes[0].starts_with("说明：1.活动时间"));
}
