//! The grids the page's paste reader makes of real pastes (Word, WPS, Excel:
//! tests/fixtures/paste, checked against the reader in Chromium by
//! e2e/paste.test.mjs), read as list tables.

use kepu_core::pasted::{Grid, ListTable, read_list};

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
